from urllib.parse import quote, urlencode

from django.conf import settings

from hc.api.transports import HttpTransport, get_ping_body


class Matrix(HttpTransport):
    def get_url(self) -> str:
        room_id = quote(self.channel.value)
        assert isinstance(settings.MATRIX_HOMESERVER, str)
        url = settings.MATRIX_HOMESERVER
        url += f"/_matrix/client/r0/rooms/{room_id}/send/m.room.message?"
        url += urlencode({"access_token": settings.MATRIX_ACCESS_TOKEN})  # expect: NHL403
        return url

    def notify(self, flip, notification) -> None:
        ping = self.last_ping(flip)
        ctx = {"flip": flip, "check": flip.owner, "status": flip.new_status, "body": get_ping_body(ping, maxlen=1000)}
        payload = {
            "msgtype": "m.text",
            "body": self.tmpl("matrix_description.html", **ctx),
            "format": "org.matrix.custom.html",
            "formatted_body": self.tmpl("matrix_description_formatted.html", **ctx),
        }
        self.post(self.get_url(), json=payload)
