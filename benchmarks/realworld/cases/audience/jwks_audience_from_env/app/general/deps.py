from typing import Generator

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from app.general.authentication import decode_token
from app.general.db import SessionLocal


def token_from_cookie(request: Request):
    return request.cookies.get("auth_token")


def token_from_header(request: Request):
    header = request.headers.get("authorization")
    return header.replace("Bearer ", "") if header else None


def get_db() -> Generator:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def get_current_user(request: Request, db: Session = Depends(get_db)) -> dict:
    token = token_from_cookie(request) or token_from_header(request)
    if not token:
        raise HTTPException(status_code=401, detail="Not authenticated")
    try:
        return decode_token(token)
    except Exception:
        raise HTTPException(status_code=401, detail="Invalid token")
