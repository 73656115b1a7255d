from fastapi import APIRouter, Depends

from utils.calnet import get_campus_uid

router = APIRouter()


@router.post("/account/register", tags=["account"])
async def register_account(username: str, campus_uid: int = Depends(get_campus_uid)):
    return {"username": username, "owner": campus_uid}
