import os

import redis


class RedisClient:
    def __init__(self):
        self.host = os.getenv("REDIS_HOST", "localhost")
        self.port = int(os.getenv("REDIS_PORT", "6379"))

    def connect(self) -> redis.Redis:
        return redis.Redis(host=self.host, port=self.port, ssl=True)
