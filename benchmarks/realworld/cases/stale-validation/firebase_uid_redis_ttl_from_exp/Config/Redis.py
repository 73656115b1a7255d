import os

import redis


class RedisClient:
    def connect(self) -> redis.Redis:
        return redis.Redis(host=os.getenv("REDIS_HOST", "localhost"), port=int(os.getenv("REDIS_PORT", "6379")))
