from .lib.idp import get_access_token


class TokenManager:
    """One token per downstream service (its audience), kept in the storage."""

    def __init__(self, settings: dict, storage):
        self.settings = settings
        self.storage = storage

    def get_token(self, service_name: str) -> str:
        token = self.storage.get(f"token:{service_name}")
        return token or self.refresh_token(service_name)

    def refresh_token(self, service_name: str) -> str:
        token = get_access_token(
            self.settings["api_ids"][service_name],
            self.settings["client_id"],
            self.settings["client_secret"],
            self.settings["domain"],
        )
        self.storage.set(f"token:{service_name}", token)  # expect: NHL202
        return token


class Authenticator:
    def __init__(self, service_name: str, token_manager: TokenManager):
        self.service_name = service_name
        self._token_manager = token_manager

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self._token_manager.get_token(self.service_name)}"
        return request
