from functools import wraps
from urllib.parse import urlencode

from flask import abort, current_app, g, redirect, request
from jwt import PyJWTError

from .config import AUTH_HOST_SETTING, SESSION_COOKIE_SETTING, SIGN_OUT_ROUTE, FrontendApp
from .tokens import read_session_token


def _sign_out_url(return_app):
    host = current_app.config[AUTH_HOST_SETTING]
    if return_app is None:
        return host + SIGN_OUT_ROUTE
    return host + SIGN_OUT_ROUTE + "?" + urlencode({"return_app": return_app.value, "return_path": request.path})


def _session_claims(return_app, redirect_on_failure=True):
    cookie = request.cookies.get(current_app.config[SESSION_COOKIE_SETTING])
    if not cookie:
        if redirect_on_failure:
            abort(redirect(_sign_out_url(return_app)))
        return None
    try:
        return read_session_token(cookie)
    except PyJWTError:
        if redirect_on_failure:
            abort(redirect(_sign_out_url(return_app)))
        return None


def login_required(view=None, roles=None, return_app: FrontendApp | None = None):
    if view is None:
        return lambda v: login_required(v, roles=roles, return_app=return_app)

    @wraps(view)
    def wrapper(*args, **kwargs):
        claims = _session_claims(return_app)
        g.account_id = claims.get("accountId")
        g.roles = claims.get("roles", [])
        if roles and not set(roles) & set(g.roles):
            abort(403)
        g.sign_out_url = _sign_out_url(return_app)
        return view(*args, **kwargs)

    return wrapper
