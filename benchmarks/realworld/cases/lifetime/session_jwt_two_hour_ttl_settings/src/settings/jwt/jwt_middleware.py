from fastapi import Request
from fastapi.responses import JSONResponse

from src.settings.jwt.jwt_service import InvalidSession, verify_token

OPEN_PATHS = ("/login", "/docs", "/openapi.json")


async def jwt_middleware(request: Request, call_next):
    if request.url.path.startswith(OPEN_PATHS):
        return await call_next(request)
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return JSONResponse({"detail": "missing token"}, status_code=401)
    try:
        request.state.user = verify_token(header.removeprefix("Bearer "))
    except InvalidSession as exc:
        return JSONResponse({"detail": str(exc)}, status_code=401)
    return await call_next(request)
