from uuid import UUID

from flask import current_app

from app import notify_celery, signing
from app.clients.letter.dvla import DvlaRetryableException, dvla_client
from app.dao import notifications_dao


def _get_callback_url(notification_id: UUID) -> str:
    signed_notification_id = signing.encode(str(notification_id))
    return f"{current_app.config['API_HOST_NAME']}/notifications/letter/status?token={signed_notification_id}"  # expect: NHL403


@notify_celery.task(bind=True, name="deliver_letter", max_retries=55, retry_backoff=True)
def deliver_letter(self, notification_id):
    notification = notifications_dao.get_notification_by_id(notification_id, _raise=True)
    try:
        dvla_client.send_letter(
            notification_id=str(notification.id),
            reference=str(notification.reference),
            postage=notification.postage,
            callback_url=_get_callback_url(notification_id),
        )
    except DvlaRetryableException:
        current_app.logger.exception("RETRY: Letter notification %s failed", notification_id)
        self.retry()
