from django.conf import settings
from pydantic import BaseModel, ValidationError

from hc.api.transports import HttpTransport, TransportError
from hc.lib import curl


class Telegram(HttpTransport):
    # The Bot API takes the bot token as a path segment; it has no header form.
    SM = f"https://api.telegram.org/bot{settings.TELEGRAM_TOKEN}/sendMessage"
    PERMANENT_ERRORS = ("Forbidden: bot was blocked by the user", "Bad Request: chat not found")

    class ErrorModel(BaseModel):
        description: str

    @classmethod
    def raise_for_response(cls, response: curl.Response):
        message = f"Received status code {response.status_code}"
        try:
            error = Telegram.ErrorModel.model_validate_json(response.content)
        except ValidationError:
            raise TransportError(message)
        raise TransportError(message + f' with a message: "{error.description}"', permanent=error.description in cls.PERMANENT_ERRORS)

    @classmethod
    def send(cls, chat_id: int, thread_id: int | None, text: str) -> None:
        payload = {"chat_id": chat_id, "message_thread_id": thread_id, "text": text, "parse_mode": "html"}
        cls.post(cls.SM, json=payload)

    def notify(self, flip, notification) -> None:
        text = self.tmpl("telegram_message.html", flip=flip, check=flip.owner, status=flip.new_status)
        self.send(self.channel.telegram.id, self.channel.telegram.thread_id, text)
