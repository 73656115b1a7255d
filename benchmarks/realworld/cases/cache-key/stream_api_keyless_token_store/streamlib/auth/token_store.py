"""Where app access tokens are kept between requests."""
import time


class MemoryTokenStore:
    def __init__(self):
        self._token = None
        self._expires_at = 0.0

    def load(self):
        if self._token and time.time() < self._expires_at:
            return self._token
        return None

    def save(self, token: str, expires_in: int) -> None:
        self._token = token
        self._expires_at = time.time() + expires_in - 30


# Module-level default so every client in the process shares one store.
default_store = MemoryTokenStore()
