import os

from fastapi.security import HTTPBearer

# The session secret signs only this service's own session tokens.
SESSION_SECRET = os.getenv("SESSION_SECRET", "chave-local-de-desenvolvimento")  # expect: NHL301
SESSION_MINUTES = 30

bearer_scheme = HTTPBearer()
