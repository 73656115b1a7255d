from typing import List, Optional

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.auth.auth_jwks import JWKSAuthentication, JWKSConfig
from app.auth.exceptions import Oauth2Error


class Oauth2Middleware(BaseHTTPMiddleware):
    def __init__(self, app, jwks_uri: str, skip_endpoints: Optional[List[str]] = None):
        super().__init__(app)
        self.authentication = JWKSAuthentication(JWKSConfig(jwks_uri=jwks_uri))
        self.skip_endpoints = skip_endpoints or ["/openapi", "/docs"]

    async def dispatch(self, request: Request, call_next):
        if any(request.url.path.startswith(path) for path in self.skip_endpoints):
            return await call_next(request)
        try:
            request.state.claims = await self.authentication.authenticate(request)
        except Oauth2Error as exc:
            return JSONResponse({"detail": str(exc)}, status_code=401)
        return await call_next(request)
