"""Service-account access for the embed-API demos."""
import google.auth.transport.requests
from google.oauth2 import service_account

# The scope for the OAuth2 request.
SCOPES = ["https://www.googleapis.com/auth/analytics.readonly"]

# The location of the key file with the key data.
KEY_FILEPATH = "service-account-key.json"

# Cache the credentials object, not the token string.
_credentials = None


def get_credentials():
    global _credentials
    if _credentials is None:
        _credentials = service_account.Credentials.from_service_account_file(KEY_FILEPATH, scopes=SCOPES)
    return _credentials


def get_access_token():
    """Return a token for the embed API, refreshed when it has expired."""
    credentials = get_credentials()
    if not credentials.valid:
        credentials.refresh(google.auth.transport.requests.Request())
    return credentials.token
