import os
from datetime import timedelta

SECRET_KEY = os.environ["JWT_SECRET_KEY"]
ALGORITHM = "HS256"
# Decoded users are kept this long so most requests skip the database.
USER_CACHE_TTL = int(timedelta(hours=12).total_seconds())
