from pathlib import Path

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from jwt.exceptions import PyJWTError

from recipes.core.settings import get_app_settings
from recipes.db import get_repositories, generate_session

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)
ALGORITHM = "HS256"
settings = get_app_settings()

credentials_exception = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="Could not validate credentials",
    headers={"WWW-Authenticate": "Bearer"},
)


async def get_current_user(request: Request, token: str | None = Depends(oauth2_scheme), session=Depends(generate_session)):
    if token is None:
        token = request.cookies.get("recipes.access_token", "")
    try:
        payload = jwt.decode(token, settings.SECRET, algorithms=[ALGORITHM])  # expect: NHL101
    except PyJWTError as exc:
        raise credentials_exception from exc

    user_id = payload.get("sub")
    if user_id is None:
        raise credentials_exception
    user = get_repositories(session).users.get_one(user_id)
    if user is None:
        raise credentials_exception
    return user


def validate_file_token(token: str | None = None) -> Path:
    if not token:
        raise HTTPException(status.HTTP_400_BAD_REQUEST)
    try:
        payload = jwt.decode(token, settings.SECRET, algorithms=[ALGORITHM])  # expect: NHL101
    except PyJWTError as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="could not validate file token") from exc

    file_path = Path(payload.get("file"))
    if not file_path.exists():
        raise HTTPException(status.HTTP_400_BAD_REQUEST)
    return file_path
