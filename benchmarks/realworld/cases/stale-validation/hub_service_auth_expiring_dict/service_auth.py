"""Authenticate requests to a hub-managed service by asking the hub who the token belongs to."""
import json
import os
import time
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from traitlets import Instance, Integer, Unicode, default
from traitlets.config import SingletonConfigurable


class _ExpiringDict(dict):
    """Dict whose values are forgotten max_age seconds after they were stored."""

    def __init__(self, max_age=0):
        super().__init__()
        self.max_age = max_age
        self.timestamps = {}

    def __setitem__(self, key, value):
        self.timestamps[key] = time.monotonic()
        super().__setitem__(key, value)

    def __getitem__(self, key):
        stored = self.timestamps.get(key)
        if stored is None or (self.max_age and time.monotonic() - stored > self.max_age):
            self.pop(key, None)
            self.timestamps.pop(key, None)
            raise KeyError(key)
        return super().__getitem__(key)


class HubAuth(SingletonConfigurable):
    api_url = Unicode(os.getenv("HUB_API_URL", "http://127.0.0.1:8081/hub/api")).tag(config=True)
    api_token = Unicode(os.getenv("HUB_API_TOKEN", "")).tag(config=True)

    cache_max_age = Integer(
        300,
        help="Seconds the hub's answer about a token is reused (default: five minutes).",
    ).tag(config=True)
    cache = Instance(_ExpiringDict, allow_none=False)

    @default("cache")
    def _default_cache(self):
        return _ExpiringDict(self.cache_max_age)

    async def user_for_token(self, token, use_cache=True):
        """Return the hub user model the token belongs to, or None."""
        cache_key = "token:" + token
        if use_cache:
            try:
                return self.cache[cache_key]
            except KeyError:
                pass
        req = HTTPRequest(
            self.api_url + "/user",
            headers={"Authorization": "token " + token},
        )
        resp = await AsyncHTTPClient().fetch(req, raise_error=False)
        data = json.loads(resp.body) if resp.code == 200 else None
        if use_cache:
            self.cache[cache_key] = data  # expect: NHL204
        return data

    async def user_for_name(self, name):
        req = HTTPRequest(
            self.api_url + "/users/" + quote(name),
            headers={"Authorization": "token " + self.api_token},
        )
        resp = await AsyncHTTPClient().fetch(req)
        return json.loads(resp.body)
