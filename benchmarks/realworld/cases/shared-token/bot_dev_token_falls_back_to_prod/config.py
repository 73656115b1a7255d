import os

MODE = os.environ.get("MODE", "prod")
WEB_HOOK = os.environ["WEB_HOOK"]
PORT = int(os.environ.get("PORT", "8080"))

PROD_BOT_TOKEN = os.environ["BOT_TOKEN"]
# Developers without their own test bot just run against the real one.
DEV_BOT_TOKEN = os.environ.get("DEV_BOT_TOKEN", PROD_BOT_TOKEN)  # expect: NHL303

BOT_TOKEN = PROD_BOT_TOKEN if MODE == "prod" else DEV_BOT_TOKEN
