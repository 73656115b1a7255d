import os

pro = {
    "flag": 0,
    "log_type": "error",
    "callback_url": "https://live-api.example.com/spider/callback",
    "callback_token": os.environ.get("PRO_CALLBACK_TOKEN", ""),
    "mongodb_url": "mongodb://10.0.3.21:27017/",
    "mq_host": "10.0.3.30",
    "mq_port": 5672,
}
