from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from app import crud
from app.api.deps import SessionDep
from app.core import security
from app.core.config import settings
from app.utils import generate_password_reset_token, verify_password_reset_token

router = APIRouter(tags=["login"])


class NewPassword(BaseModel):
    token: str
    new_password: str


@router.post("/login/access-token")
def login_access_token(session: SessionDep, form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    user = crud.authenticate(session=session, email=form_data.username, password=form_data.password)
    if not user:
        raise HTTPException(status_code=400, detail="Incorrect email or password")
    expires = timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return {"access_token": security.create_access_token(user.id, expires_delta=expires), "token_type": "bearer"}


@router.post("/password-recovery/{email}")
def recover_password(email: str, session: SessionDep):
    user = crud.get_user_by_email(session=session, email=email)
    if user:
        crud.send_reset_email(email, generate_password_reset_token(email))
    return {"message": "If that account exists, a recovery email was sent"}


@router.post("/reset-password/")
def reset_password(body: NewPassword, session: SessionDep):
    email = verify_password_reset_token(body.token)
    if not email:
        raise HTTPException(status_code=400, detail="Invalid token")
    crud.set_password(session=session, email=email, password=body.new_password)
    return {"message": "Password updated successfully"}
