from os import environ


class Config(object):
    DEBUG = False
    HOST = "0.0.0.0"
    PORT = "5011"


class ProductionConfig(Config):
    # put it in .env
    LLM_API_KEY = environ.get("LLM_API_KEY")


class StagingConfig(Config):
    LLM_API_KEY = environ.get("LLM_API_KEY")  # expect: NHL303


class DevelopmentConfig(Config):
    DEBUG = True
    LLM_API_KEY = environ.get("DEV_LLM_API_KEY")
