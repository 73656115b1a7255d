from fastapi import APIRouter, Request
from fastapi.security import HTTPBearer

from src.resource.logging.logger import logger

router = APIRouter()

# to get a string like this run:
# openssl rand -hex 32
SECRET_KEY = "8f1c2be7a94d03e6c5b78a21f0d94e3b6a7c2d8e9f01b3a4c5d6e7f8091a2b3c"  # expect: NHL301
ALGORITHM = "HS256"


class CustomHttpBearer(HTTPBearer):
    async def __call__(self, request: Request):
        credentials = await super().__call__(request)
        import src.port_adapter.AppDi as AppDi

        client = AppDi.instance.get(AppDi.Client)
        client.token = credentials.credentials
        logger.debug("bearer credentials attached to the gRPC client")
        return credentials
