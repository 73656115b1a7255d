import datetime
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["gt.authentications.CampusAuthentication"],
}

JWT_PREFIX = "JWT"
JWT_EXPIRE_TIME = datetime.timedelta(days=1)
