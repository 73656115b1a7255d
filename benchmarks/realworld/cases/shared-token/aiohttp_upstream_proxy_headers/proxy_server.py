import os

import aiohttp
from aiohttp import web

UPSTREAM = os.environ.get("UPSTREAM_URL", "https://reports.internal.example.com")
HOP_BY_HOP = {"Transfer-Encoding", "Connection", "Content-Encoding"}


async def handler(request: web.Request) -> web.Response:
    session: aiohttp.ClientSession = request.app["session"]
    async with session.request(
        request.method,
        UPSTREAM + request.path_qs,
        headers=request.headers,  # expect: NHL304
        data=await request.read(),
    ) as resp:
        body = await resp.read()
        headers = {k: v for k, v in resp.headers.items() if k not in HOP_BY_HOP}
        return web.Response(status=resp.status, headers=headers, body=body)


async def on_startup(app: web.Application) -> None:
    app["session"] = aiohttp.ClientSession()


async def on_cleanup(app: web.Application) -> None:
    await app["session"].close()


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), host="127.0.0.1", port=8080)
