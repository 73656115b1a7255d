"""HTTP transport of the SOAP client: sends the envelopes the client built."""
import requests

from .objs import Response


class RequestsTransport:
    def __init__(self, session=None):
        self.session = session or requests.session()

    def dispatch(self, request):
        # `request` is the client's own outgoing request object, not an
        # incoming HTTP request: there is no web framework here.
        kwargs = {"url": request.url, "headers": request.headers, "timeout": 30}
        if request.data:
            kwargs["method"] = "POST"
            kwargs["data"] = request.data
        else:
            kwargs["method"] = "GET"
        resp = self.session.request(**kwargs)
        resp.raise_for_status()
        return Response(request, resp.status_code, resp.headers, resp.content)

    def send(self, request):
        return self.session.request(request.operation, request.url, headers=request.headers, data=request.data, timeout=30)
