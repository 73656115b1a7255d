import logging
from typing import Literal

from fastapi import Depends, HTTPException, status

from utils.auth import UserToken, decode_token, oauth2_scheme


async def get_current_user(token: str = Depends(oauth2_scheme)) -> UserToken:
    try:
        return decode_token(token)
    except Exception as exc:
        logging.error(exc)
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Invalid authentication credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_group(group: Literal["staff", "officers", "root"]):
    async def current_user_in_group(user: UserToken = Depends(get_current_user)) -> UserToken:
        if group not in user.groups:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Invalid permissions")
        return user

    return current_user_in_group
