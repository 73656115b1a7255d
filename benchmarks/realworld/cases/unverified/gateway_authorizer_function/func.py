"""Authorizer function for an API gateway deployment: returns active/inactive for a bearer token."""

import datetime
import io
import json
import logging

import jwt
from fdk import response


def handler(ctx, data: io.BytesIO = None):
    expires_at = (
        (datetime.datetime.utcnow() + datetime.timedelta(seconds=60))
        .replace(tzinfo=datetime.timezone.utc)
        .astimezone()
        .replace(microsecond=0)
        .isoformat()
    )
    try:
        body = json.loads(data.getvalue())
        token = body.get("token")

        claims = jwt.decode(token, options={"verify_signature": False})  # expect: NHL102

        return response.Response(
            ctx,
            status_code=200,
            response_data=json.dumps(
                {
                    "active": True,
                    "principal": claims.get("sub"),
                    "scope": claims.get("scope", ""),
                    "expiresAt": expires_at,
                    "context": {"claims": claims},
                }
            ),
        )
    except (Exception, ValueError) as exc:
        logging.getLogger().info("error parsing json payload: " + str(exc))

    return response.Response(ctx, status_code=401, response_data=json.dumps({"active": False, "wwwAuthenticate": "Bearer"}))
