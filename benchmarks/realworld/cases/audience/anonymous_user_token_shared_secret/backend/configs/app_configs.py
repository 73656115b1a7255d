import os

# One secret for the whole auth stack: login cookies, reset links, SSO pins, captcha HMACs.
USER_AUTH_SECRET = os.environ.get("USER_AUTH_SECRET", "")
SESSION_EXPIRE_TIME_SECONDS = int(os.environ.get("SESSION_EXPIRE_TIME_SECONDS", str(60 * 60)))
