"""Pull paginated results from a DRF service that issues SimpleJWT tokens."""
import logging
from urllib.parse import urljoin

import requests

from .backends.django_cache import DjangoCacheBackend

logger = logging.getLogger(__name__)


class HttpRequestService:
    base_url = None
    url_path = None
    login_path = "/api/token/"
    max_login_failures = 3

    def __init__(self, username: str, password: str, params=None):
        self.username = username
        self.password = password
        self.params = params or {}
        self.cache_backend = DjangoCacheBackend(self._jwt_cache_key())
        self.session = requests.Session()
        self.login_failures = 0
        self.headers = {"Accept": "application/json", "Authorization": f"Bearer {self.cache_backend.get_jwt()}"}

    def _jwt_cache_key(self) -> str:
        return f"jwt-{self.base_url}-{self.username}"

    def _obtain_jwt(self) -> str:
        resp = self.session.post(
            urljoin(self.base_url, self.login_path),
            data={"username": self.username, "password": self.password},
            timeout=10,
        )
        if resp.status_code != 200:
            self.login_failures += 1
            raise RuntimeError(f"login failed with HTTP {resp.status_code}")
        token = resp.json()["access"]
        self.cache_backend.set_jwt(token)
        return token

    def get_results_from_all_pages(self) -> list:
        results, next_url = [], urljoin(self.base_url, self.url_path)
        while next_url:
            resp = self.session.get(next_url, headers=self.headers, params=self.params, timeout=30)
            if resp.status_code == 401 and self.login_failures < self.max_login_failures:
                self.headers["Authorization"] = f"Bearer {self._obtain_jwt()}"
                continue
            resp.raise_for_status()
            page = resp.json()
            results.extend(page.get("results", []))
            next_url = page.get("next")
        return results
