from urllib.parse import quote
from uuid import uuid4

from django.conf import settings

from hc.api.transports import HttpTransport, get_ping_body


class Matrix(HttpTransport):
    def get_url(self) -> str:
        room_id = quote(self.channel.value)
        assert isinstance(settings.MATRIX_HOMESERVER, str)
        return settings.MATRIX_HOMESERVER + f"/_matrix/client/v3/rooms/{room_id}/send/m.room.message/{uuid4()}"

    def notify(self, flip, notification) -> None:
        ping = self.last_ping(flip)
        ctx = {"flip": flip, "check": flip.owner, "status": flip.new_status, "body": get_ping_body(ping, maxlen=1000)}
        payload = {
            "msgtype": "m.text",
            "body": self.tmpl("matrix_description.html", **ctx),
            "format": "org.matrix.custom.html",
            "formatted_body": self.tmpl("matrix_description_formatted.html", **ctx),
        }
        headers = {"Authorization": f"Bearer {settings.MATRIX_ACCESS_TOKEN}"}
        self.put(self.get_url(), json=payload, headers=headers)
