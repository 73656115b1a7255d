import os

import redis
from pymongo import MongoClient

redis_client = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
mongo_database = MongoClient(os.environ["MONGO_URL"])[os.environ.get("MONGO_DB", "alerts")]
