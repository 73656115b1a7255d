from urllib.parse import urljoin

import requests
from django.conf import settings


class MicroServiceConnect:
    api_key: str = ""
    service: str = ""

    def __init__(self, request, url: str):
        self.request = request
        self.url = urljoin(self.service, url)

    def service_response(self, method: str = "get", **kwargs):
        headers = {"Authorization": f"{settings.API_KEY_HEADER} {self.api_key}"}
        if self.request.user.is_authenticated:
            headers["Remote-User"] = str(self.request.user.id)
        return requests.request(method, self.url, headers=headers, timeout=10, **kwargs)
