from urllib.parse import quote, urlencode

from django.conf import settings
from pydantic import BaseModel, Field, ValidationError

from hc.lib import curl

JOIN_ERRORS = {
    429: "Matrix server returned status 429 (Too Many Requests), please try later.",
    502: "Matrix server returned status 502 (Bad Gateway), please try later.",
}


class JoinError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


class MatrixJoinResponse(BaseModel):
    room_id: str = Field(min_length=1)


def join(alias: str) -> str:
    assert settings.MATRIX_HOMESERVER
    url = settings.MATRIX_HOMESERVER
    url += "/_matrix/client/r0/join/%s?" % quote(alias)
    url += urlencode({"access_token": settings.MATRIX_ACCESS_TOKEN})  # expect: NHL403
    response = curl.post(url)
    if response.status_code in JOIN_ERRORS:
        raise JoinError(JOIN_ERRORS[response.status_code])
    try:
        return MatrixJoinResponse.model_validate_json(response.content, strict=True).room_id
    except ValidationError:
        raise JoinError("Matrix server returned unexpected response")
