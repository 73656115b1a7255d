import os

# One entry per mini-program the campus backend serves.
WECHAT_APPS = {
    "activities": {
        "appid": os.environ.get("WX_ACTIVITIES_APPID", ""),
        "secret": os.environ.get("WX_ACTIVITIES_SECRET", ""),
    },
    "clubs": {
        "appid": os.environ.get("WX_CLUBS_APPID", ""),
        "secret": os.environ.get("WX_CLUBS_SECRET", ""),
    },
}

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
    }
}

CRONJOBS = [
    ("0 */2 * * *", "campus.scheduled.refresh_access_tokens", ">>/var/log/campus/wx_token.log"),
]
