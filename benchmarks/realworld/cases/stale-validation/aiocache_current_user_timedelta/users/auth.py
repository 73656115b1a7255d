import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from database import get_async_session
from users.cache import cache
from users.config import ALGORITHM, SECRET_KEY, USER_CACHE_TTL
from users.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")


async def get_current_user(
    token: str = Depends(oauth2_scheme),
    session: AsyncSession = Depends(get_async_session),
) -> dict:
    cached_user = await cache.get(f"user_{token}")
    if cached_user:
        return cached_user
    try:
        payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    user = (await session.execute(select(User).where(User.id == int(payload["sub"])))).scalar_one_or_none()
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Unknown user")
    user_data = {"id": user.id, "email": user.email, "is_admin": user.is_admin}
    await cache.set(f"user_{token}", user_data, ttl=USER_CACHE_TTL)  # expect: NHL204
    return user_data
