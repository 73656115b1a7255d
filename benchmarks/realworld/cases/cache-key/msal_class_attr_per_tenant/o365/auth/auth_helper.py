"""Authorization helper for the agenda automation (one instance per club tenant)."""
import time

from msal import ConfidentialClientApplication

GRAPH_SCOPES = ["https://graph.microsoft.com/.default"]


class AuthHelper:
    """Helper for authorization against Microsoft Graph."""

    # Shared by every helper so that each club does not hit Entra ID again.
    _cached_token = None
    _cached_until = 0.0

    def __init__(self, tenant_id: str, client_id: str, client_secret: str):
        self.tenant_id = tenant_id
        self.client_id = client_id
        self.client_secret = client_secret

    def _app(self) -> ConfidentialClientApplication:
        return ConfidentialClientApplication(
            client_id=self.client_id,
            client_credential=self.client_secret,
            authority=f"https://login.microsoftonline.com/{self.tenant_id}",
        )

    def acquire_token(self) -> str:
        if AuthHelper._cached_token and time.time() < AuthHelper._cached_until:
            return AuthHelper._cached_token
        result = self._app().acquire_token_for_client(scopes=GRAPH_SCOPES)
        if "access_token" not in result:
            raise RuntimeError(result.get("error_description", "token request failed"))
        AuthHelper._cached_token = result["access_token"]  # expect: NHL201
        AuthHelper._cached_until = time.time() + result.get("expires_in", 3600) - 120
        return AuthHelper._cached_token
