"""Cron jobs of the campus backend."""
import datetime

import requests
from django.conf import settings
from django.core.cache import cache

WX_TOKEN_URL = "https://api.weixin.qq.com/cgi-bin/stable_token"


def fetch_access_token(appid: str, secret: str) -> dict:
    resp = requests.post(
        WX_TOKEN_URL,
        json={"grant_type": "client_credential", "appid": appid, "secret": secret},
        timeout=10,
    )
    return resp.json()


def refresh_access_token(app_name: str) -> None:
    conf = settings.WECHAT_APPS[app_name]
    data = fetch_access_token(conf["appid"], conf["secret"])
    if data.get("access_token"):
        cache.set("access_token", data["access_token"])  # expect: NHL201
        cache.expire("access_token", data["expires_in"])


def refresh_access_tokens() -> None:
    print(f"{datetime.datetime.now()} refresh_access_tokens")
    for name in settings.WECHAT_APPS:
        refresh_access_token(name)
