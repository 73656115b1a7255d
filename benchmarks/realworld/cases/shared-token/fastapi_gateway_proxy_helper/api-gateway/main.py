from fastapi import FastAPI, HTTPException, Request

from config import PUBLIC_PATHS, ROUTE_MAP, SERVICE_URLS
from proxy import proxy_request

app = FastAPI(title="API Gateway")


def resolve_service(path: str):
    matches = [prefix for prefix in ROUTE_MAP if path == prefix or path.startswith(f"{prefix}/")]
    return ROUTE_MAP[max(matches, key=len)] if matches else None


@app.api_route("/{full_path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def gateway(full_path: str, request: Request):
    path = "/" + full_path
    service = resolve_service(path)
    if service is None:
        raise HTTPException(status_code=404, detail="Unknown route")
    if path not in PUBLIC_PATHS and not request.headers.get("Authorization"):
        raise HTTPException(status_code=401, detail="Missing Authorization header")
    return await proxy_request(request, SERVICE_URLS[service], full_path)
