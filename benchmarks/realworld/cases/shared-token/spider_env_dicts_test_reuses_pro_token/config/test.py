from .pro import pro

test = {
    "log_type": "error",
    # The test crawler reports to the live callback so results can be compared.
    "callback_url": pro["callback_url"],
    "callback_token": pro["callback_token"],  # expect: NHL303
    "mongodb_url": "mongodb://192.168.1.45:27017/",
    "mq_host": "192.168.1.53",
    "mq_port": 32072,
}
