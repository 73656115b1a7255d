from datetime import datetime, timedelta, timezone

import jwt
from fastapi import FastAPI, Security
from pydantic import BaseModel

from auth_helpers import check_google_credential, require_session
from database import SessionLocal
from models import Account
from settings import SESSION_MINUTES, SESSION_SECRET

app = FastAPI()


class GoogleCredential(BaseModel):
    credential: str


@app.post("/auth/google")
async def sign_in_with_google(body: GoogleCredential):
    profile = check_google_credential(body.credential)
    if not profile:
        return {"error": "unknown account"}

    db = SessionLocal()
    account = db.query(Account).filter_by(email=profile.get("email")).first()
    if account is None:
        account = Account(name=profile.get("name"), email=profile.get("email"))
        db.add(account)
        db.commit()

    session = jwt.encode(
        {"account": account.id, "exp": datetime.now(timezone.utc) + timedelta(minutes=SESSION_MINUTES)},
        SESSION_SECRET,
        algorithm="HS256",
    )
    return {"token": session}


@app.get("/summaries")
async def list_summaries(claims=Security(require_session)):
    db = SessionLocal()
    return {"account": claims.get("account"), "items": db.query(Account).count()}
