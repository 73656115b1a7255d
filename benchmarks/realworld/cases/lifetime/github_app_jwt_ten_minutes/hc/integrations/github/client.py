import time

import jwt
from django.conf import settings
from pydantic import BaseModel

from hc.lib import curl


class AccessTokensResponse(BaseModel):
    token: str


def get_installation_access_token(installation_id: int) -> str | None:
    """Installation access token for one installation of our GitHub App."""
    # GitHub accepts an app JWT that lives at most ten minutes.
    iat = int(time.time())
    payload = {"iat": iat, "exp": iat + 600, "iss": settings.GITHUB_CLIENT_ID}
    encoded = jwt.encode(payload, settings.GITHUB_PRIVATE_KEY, algorithm="RS256")

    url = f"https://api.github.com/app/installations/{installation_id}/access_tokens"
    result = curl.post(url, headers={"Authorization": f"Bearer {encoded}"})
    if result.status_code == 404:
        # The installation no longer exists (the app was uninstalled).
        return None
    return AccessTokensResponse.model_validate_json(result.content, strict=True).token
