from urllib.parse import parse_qsl

from channels.generic.websocket import JsonWebsocketConsumer

from gt.tokens import jdecode
from gt_user.models import User


class ChatConsumer(JsonWebsocketConsumer):
    def connect(self):
        query = dict(parse_qsl(self.scope["query_string"].decode()))
        claims = jdecode(query["jwt"][4:])
        user = User.objects.get(id=claims["id"])
        if not user.is_active:
            self.close()
            return
        self.user = user
        self.accept()
