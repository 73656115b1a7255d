import httpx
from fastapi import Response

EXCLUDED_RESPONSE_HEADERS = {"content-encoding", "transfer-encoding", "connection"}


async def proxy_request(request, target_base_url, forward_path):
    """Forward an HTTP request to a backend service and relay its answer."""
    headers = dict(request.headers)
    headers.pop("host", None)
    headers.pop("content-length", None)

    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.request(
            method=request.method,
            url=f"{target_base_url}/{forward_path}",
            headers=headers,  # expect: NHL304
            params=request.query_params,
            content=await request.body(),
        )

    relayed = {k: v for k, v in resp.headers.items() if k.lower() not in EXCLUDED_RESPONSE_HEADERS}
    return Response(content=resp.content, status_code=resp.status_code, headers=relayed)
