import os

dev = {
    "flag": 1,
    "log_type": "info",
    "callback_url": "http://127.0.0.1:9000/callback",
    "callback_token": os.environ.get("DEV_CALLBACK_TOKEN", ""),
    "mongodb_url": "mongodb://192.168.1.180:32766/",
    "mq_host": "192.168.1.53",
    "mq_port": 32072,
}
