from datetime import timedelta

from flask import Flask
from flask_cors import CORS
from flask_jwt_extended import JWTManager

app = Flask(__name__)

JWT_SECRET_KEY = "super-secret"  # expect: NHL301
app.config["JWT_SECRET_KEY"] = JWT_SECRET_KEY
app.config["JWT_ACCESS_TOKEN_EXPIRES"] = timedelta(hours=24)  # expect: NHL402
jwt = JWTManager(app)
cors = CORS(app)

ADMIN_NAME = "admin"
