from flask import Flask
from flask_jwt_extended import JWTManager

jwt_manager = JWTManager()


def create_app(config_object="config.default"):
    app = Flask(__name__)
    app.config.from_object(config_object)
    jwt_manager.init_app(app)

    from evals_api.auth.views import auth_bp

    app.register_blueprint(auth_bp)
    return app
