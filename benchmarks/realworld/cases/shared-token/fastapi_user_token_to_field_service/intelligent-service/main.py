import os
from contextlib import asynccontextmanager

import httpx
import jwt
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.security import OAuth2PasswordBearer

from field_service_client import FieldServiceClient

PUBLIC_KEY = os.getenv("JWT_PUBLIC_KEY", "").replace("\\n", "\n")
AUDIENCE = os.getenv("JWT_AUDIENCE", "greenfield-api")
FIELD_SERVICE_URL = os.getenv("FIELD_SERVICE_URL", "https://field-service.internal:8004")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="login")


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.field_http = httpx.AsyncClient(base_url=FIELD_SERVICE_URL, timeout=10)
    yield
    await app.state.field_http.aclose()


app = FastAPI(lifespan=lifespan)


def get_field_service_client(request: Request) -> FieldServiceClient:
    return FieldServiceClient(client=request.app.state.field_http)


def decode_access_token(jwt_token: str = Depends(oauth2_scheme)) -> dict:
    try:
        return jwt.decode(jwt_token, PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE)
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="Invalid access token")


@app.get("/ai-prediction/{field}")
async def ai_prediction(
    field: str,
    raw_token: str = Depends(oauth2_scheme),
    claims: dict = Depends(decode_access_token),
    field_service: FieldServiceClient = Depends(get_field_service_client),
):
    readings = await field_service.get_latest_readings(field, ["temperature", "humidity"], 20, raw_token)  # expect: NHL304
    return {"owner": claims["sub"], "readings": len(readings)}
