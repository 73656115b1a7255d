import os

from dotenv import load_dotenv

load_dotenv()

if os.environ.get("ENVIRONMENT") == "TESTING":
    TOKEN = os.environ["TOKEN_TEST"]
    GUILD_ID = int(os.environ["GUILD_ID_TEST"])
else:
    TOKEN = os.environ["TOKEN"]
    GUILD_ID = int(os.environ["GUILD_ID"])
