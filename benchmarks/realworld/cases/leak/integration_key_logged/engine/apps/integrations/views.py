from django.http import HttpResponse
from django.views import View

from apps.integrations.mixins.alert_channel_defining_mixin import AlertChannelDefiningMixin
from apps.integrations.tasks import create_alert


class AlertManagerAPIView(AlertChannelDefiningMixin, View):
    def post(self, request):
        create_alert.apply_async(args=(request.alert_receive_channel.pk, request.body))
        return HttpResponse(status=200)
