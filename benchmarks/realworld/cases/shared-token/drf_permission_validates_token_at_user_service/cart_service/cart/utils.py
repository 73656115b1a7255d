import requests
from django.conf import settings


def get_user_from_token(request):
    """The user id the issuing service decodes from the caller's token."""
    token = request.headers.get("Authorization", "").split(" ")[-1]
    response = requests.post(
        f"{settings.USER_SERVICE_ADDRESS}/user/auth/decode-token/",
        data={"token": token},
        timeout=5,
    )
    if response.status_code == 200:
        return {"pk": response.json().get("user_id")}
    return {"error": response.json().get("error")}
