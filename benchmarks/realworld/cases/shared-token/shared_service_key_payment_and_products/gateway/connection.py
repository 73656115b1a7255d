from urllib.parse import urljoin

from django.conf import settings
from requests import Session


class ServiceConnection:
    service: str = ""
    api_key: str = ""

    def __init__(self, url: str = ""):
        self.session = Session()
        self.url = urljoin(self.service, url)

    @property
    def authorization_header(self) -> dict:
        return {"Authorization": f"{settings.API_KEY_HEADER} {self.api_key}"}

    def request(self, method: str, **kwargs):
        headers = {**self.authorization_header, **kwargs.pop("headers", {})}
        return self.session.request(method, self.url, headers=headers, timeout=10, **kwargs)
