from channels.generic.websocket import WebsocketConsumer
from django.contrib.auth import authenticate


class TerminalConsumer(WebsocketConsumer):
    def connect(self):
        token = self.scope["query_string"].decode().partition("token=")[2]
        user = authenticate(token=token)
        if user is None:
            self.close(code=4401)
            return
        self.scope["user"] = user
        self.accept()
