from dataclasses import dataclass, field

import requests
from redis import Redis

TOKEN_URL = "https://api.weatherstations.example.com/oauth2/token"


@dataclass
class RedisConnectionConfig:
    host: str = "redis.home"
    port: int = 6379
    db: int = 1
    decode_responses: bool = True


@dataclass
class AuthManager:
    """Keeps the station-network token in redis for the collector workers."""

    connection_config: RedisConnectionConfig = field(default_factory=RedisConnectionConfig)

    def _conn(self) -> Redis:
        cfg = self.connection_config
        return Redis(host=cfg.host, port=cfg.port, db=cfg.db, decode_responses=cfg.decode_responses)

    def refresh(self, account: dict) -> str:
        resp = requests.post(
            TOKEN_URL,
            data={
                "grant_type": "client_credentials",
                "client_id": account["client_id"],
                "client_secret": account["client_secret"],
            },
            timeout=10,
        )
        resp.raise_for_status()
        body = resp.json()
        self._conn().set("access_token", body["access_token"], ex=body["expires_in"])  # expect: NHL201
        return body["access_token"]

    def token_for(self, account: dict) -> str:
        return self._conn().get("access_token") or self.refresh(account)
