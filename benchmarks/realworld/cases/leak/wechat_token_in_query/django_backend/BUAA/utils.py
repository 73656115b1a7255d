import json
import os
import time

import requests
from django.conf import settings

ACCESS_TOKEN_PATH = "/srv/campus/access_token.txt"


def get_access_token():
    """The mini-program's access token, refreshed through the platform API when the cached one ran out."""

    def fetch_from_platform():
        base = "https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential"
        url = base + "&appid=" + settings.APPID + "&secret=" + settings.APP_SECRET  # expect: NHL403
        response = json.loads(requests.get(url, timeout=10).content)
        with open(ACCESS_TOKEN_PATH, "w") as cache_file:
            print(response["access_token"], file=cache_file)
            print(time.time(), file=cache_file)
            print(response["expires_in"], file=cache_file)
        return response["access_token"]

    if not os.path.exists(ACCESS_TOKEN_PATH):
        return fetch_from_platform()
    with open(ACCESS_TOKEN_PATH) as cache_file:
        lines = cache_file.readlines()
    if time.time() - float(lines[1].strip()) > int(lines[2].strip()):
        return fetch_from_platform()
    return lines[0].strip()
