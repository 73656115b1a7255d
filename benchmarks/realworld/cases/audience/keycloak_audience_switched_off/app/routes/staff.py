from fastapi import APIRouter, Depends

from utils.auth import UserToken
from utils.user import require_group

router = APIRouter()


@router.get("/staff/sessions", tags=["staff"])
async def active_sessions(user: UserToken = Depends(require_group("staff"))):
    return {"requested_by": user.username, "sessions": []}
