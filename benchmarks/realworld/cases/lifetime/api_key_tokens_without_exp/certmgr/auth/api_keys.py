from flask import g
from flask_restful import Resource, reqparse

from certmgr.api_keys import service as api_key_service
from certmgr.auth.service import create_token


class ApiKeyList(Resource):
    def post(self):
        parser = reqparse.RequestParser()
        parser.add_argument("name", type=str, required=True)
        parser.add_argument("ttl", type=int, default=-1)
        args = parser.parse_args()
        key = api_key_service.create(name=args["name"], user_id=g.current_user.id, ttl=args["ttl"])
        return {"jwt": create_token(g.current_user.id, key.id, key.ttl)}
