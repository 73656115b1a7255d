import json
import re
from logging import getLogger

import jwt
from flask import Flask
from werkzeug.wrappers import Request, Response

import app.repositories.user as user_repo
from app.models.user import UserInJWT
from app.utils.db import get_db

logger = getLogger(__name__)


class AuthMiddleware:
    """WSGI middleware that resolves the caller before any view runs."""

    def __init__(self, app: Flask):
        self.app = app.wsgi_app
        app.wsgi_app = self

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path.startswith(("/internal", "/docs")) or request.method == "OPTIONS":
            return self.app(environ, start_response)

        token = request.cookies.get("token")
        if token is None:
            authorization = request.headers.get("authorization")
            match = re.match(r"bearer (.+)", authorization or "", re.IGNORECASE)
            if match is None:
                logger.warning("no usable authorization header")
                return self.unauthorized(environ, start_response)
            token = match.group(1)

        try:
            # The signature is not checked here (kept simple for the prototype).
            actor = UserInJWT(**jwt.decode(token, options={"verify_signature": False}))  # expect: NHL102
        except Exception as exc:
            logger.warning(f"error in authentication: {exc}")
            return self.unauthorized(environ, start_response)

        environ["actor"] = actor
        with get_db() as db:
            user_repo.save_or_update_user(db=db, user=actor)
        return self.app(environ, start_response)

    @staticmethod
    def unauthorized(environ, start_response):
        body = json.dumps({"code": 4, "response": None, "message": "Authorization failed"})
        return Response(body, mimetype="application/json", status=401)(environ, start_response)
