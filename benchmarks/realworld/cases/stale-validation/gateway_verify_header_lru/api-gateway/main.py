from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from auth import verify_jwt_token

app = FastAPI(title="API Gateway")
PUBLIC_PATHS = {"/login", "/register"}


@app.middleware("http")
async def require_token(request: Request, call_next):
    if request.url.path not in PUBLIC_PATHS:
        try:
            verify_jwt_token(request.headers.get("Authorization", ""))
        except Exception as exc:
            return JSONResponse({"detail": getattr(exc, "detail", "Unauthorized")}, status_code=401)
    return await call_next(request)
