import logging
from time import perf_counter

from django.core import serializers
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from apps.alerts.models import AlertReceiveChannel

INTEGRATION_PERMISSION_DENIED_MESSAGE = "Integration key was not found. Permission denied."
CHANNEL_DOES_NOT_EXIST_PLACEHOLDER = "DOES_NOT_EXIST"

logger = logging.getLogger(__name__)


class AlertChannelDefiningMixin:
    """Resolves the integration whose secret key is the last segment of the webhook URL."""

    CACHE_KEY_SHORT_TERM = "cached_alert_receive_channels_short_term"
    CACHE_SHORT_TERM_TIMEOUT = 5

    def dispatch(self, *args, **kwargs):
        token = str(kwargs["alert_channel_key"])
        logger.info(f"AlertChannelDefiningMixin started token={token}")  # expect: NHL404
        start = perf_counter()
        channel = self.channel_from_short_term_cache(token)
        if channel is None:
            logger.info(f"Integration {token} does not exist")
            raise PermissionDenied(INTEGRATION_PERMISSION_DENIED_MESSAGE)

        del kwargs["alert_channel_key"]
        request = args[0]
        request.alert_receive_channel = channel
        logger.info(f"AlertChannelDefiningMixin finished in {perf_counter() - start}")
        return super().dispatch(*args, **kwargs)

    def channel_from_short_term_cache(self, token):
        cache_key = self.CACHE_KEY_SHORT_TERM + "_" + token
        cached = cache.get(cache_key)
        if cached == CHANNEL_DOES_NOT_EXIST_PLACEHOLDER:
            return None
        if cached:
            return next(serializers.deserialize("json", cached)).object

        channel = AlertReceiveChannel.objects.filter(token=token).first()
        if channel is None:
            cache.set(cache_key, CHANNEL_DOES_NOT_EXIST_PLACEHOLDER, self.CACHE_SHORT_TERM_TIMEOUT)
            return None
        cache.set(cache_key, serializers.serialize("json", [channel]), self.CACHE_SHORT_TERM_TIMEOUT)
        return channel
