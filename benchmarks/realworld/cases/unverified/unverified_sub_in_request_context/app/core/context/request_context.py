from starlette_context import context

from app.core.configs.security_config import security_config
from app.core.plugins.request_plugin import AuthorizationPlugin, UserPlugin

_use_user_header = security_config().use_user_header


def current_user():
    key = UserPlugin.key if _use_user_header else AuthorizationPlugin.key
    return context.get(key, "system")
