from flask import Flask

from app import configs
from app.cache import cache
from app.jwt import jwt


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = configs.SECRET_KEY
    app.config["JWT_SECRET_KEY"] = configs.JWT_SECRET_KEY
    app.config["JWT_ACCESS_TOKEN_EXPIRES"] = configs.JWT_ACCESS_TOKEN_EXPIRES
    app.config["SQLALCHEMY_DATABASE_URI"] = configs.SQLALCHEMY_DATABASE_URI
    cache.init_app(app)
    jwt.init_app(app)
    from app.views.usuario import usuario_bp

    app.register_blueprint(usuario_bp)
    return app
