from fastapi import APIRouter, Request

from access import AccessClient

router = APIRouter()
access_client = AccessClient(dev_mode=False)


@router.get("/user-details")
def user_details(request: Request):
    return access_client.get_user_details(request.headers)
