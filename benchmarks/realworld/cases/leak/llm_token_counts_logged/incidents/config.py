from starlette.config import Config
from starlette.datastructures import Secret

config = Config(".env")
OPENAI_API_KEY = config("OPENAI_API_KEY", cast=Secret, default=None)
