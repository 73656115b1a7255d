import os

import httpx
from fastapi import FastAPI, Request, Response

app = FastAPI()
# One pooled client towards the partner's API gateway.
client = httpx.AsyncClient(base_url=os.environ.get("UPSTREAM_GATEWAY", "https://gateway.partner.example.com"))


@app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE"])
async def proxy(request: Request, path: str):
    headers = dict(request.headers)
    # httpx sets the right Host for the target itself.
    headers.pop("host", None)
    response = await client.request(
        method=request.method,
        url=f"/{path}",
        headers=headers,  # expect: NHL304
        params=request.query_params,
        content=await request.body(),
    )
    return Response(content=response.content, status_code=response.status_code, headers=dict(response.headers))


@app.on_event("shutdown")
async def close_client():
    await client.aclose()
