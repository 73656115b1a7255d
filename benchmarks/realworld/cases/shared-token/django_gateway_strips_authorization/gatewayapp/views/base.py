from urllib.parse import urljoin

import requests
from django.http import HttpResponse, JsonResponse
from django.views import View

HOP_BY_HOP = {"host", "connection", "content-length", "transfer-encoding"}


class BaseProxyView(View):
    """Relay a request to a backend service as the gateway, not as the user."""

    upstream = None

    def get_request_headers(self):
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in self.request.META.items()
            if key.startswith("HTTP_") and key[5:].replace("_", "-").lower() not in HOP_BY_HOP
        }
        # The caller's credential stays at the gateway; backends get the
        # authenticated user id set by the authentication middleware.
        headers.pop("Authorization", None)
        headers.pop("Cookie", None)
        headers.pop("X-Usuario-Id", None)
        user_id = self.request.META.get("_id")
        if user_id is not None:
            headers["X-Usuario-Id"] = user_id
        return headers

    def dispatch(self, request, path=""):
        try:
            resp = requests.request(
                request.method,
                urljoin(self.upstream, path),
                headers=self.get_request_headers(),
                data=request.body,
                params=request.GET,
                timeout=15,
            )
        except requests.ConnectionError:
            return JsonResponse({"message": "Service unavailable", "code": "service_unavailable"}, status=503)
        return HttpResponse(resp.content, status=resp.status_code, content_type=resp.headers.get("Content-Type"))
