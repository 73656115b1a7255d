from apps.mattermost.utils import MattermostEventAuthenticator


class AlertGroupActionsRenderer:
    def __init__(self, alert_group):
        self.alert_group = alert_group

    def render_actions(self):
        token = MattermostEventAuthenticator.create_token(organization=self.alert_group.channel.organization)
        context = {"token": token, "alert": self.alert_group.public_primary_key}
        return [
            {"name": "Acknowledge", "integration": {"url": self._action_url(), "context": {**context, "action": "ack"}}},
            {"name": "Resolve", "integration": {"url": self._action_url(), "context": {**context, "action": "resolve"}}},
        ]

    def _action_url(self):
        return self.alert_group.channel.organization.grafana_url + "/api/internal/v1/mattermost/event/"
