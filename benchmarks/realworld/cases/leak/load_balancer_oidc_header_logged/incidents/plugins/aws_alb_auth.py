import base64
import json
import logging

import requests
from cachetools import TTLCache, cached
from fastapi import HTTPException
from jose import jwt
from starlette.requests import Request
from starlette.status import HTTP_401_UNAUTHORIZED

from incidents.config import AWS_ALB_ARN, AWS_ALB_EMAIL_CLAIM, AWS_ALB_PUBLIC_KEY_CACHE_SECONDS

log = logging.getLogger(__name__)


class AwsAlbAuthProvider:
    """Users authenticated by the load balancer, which signs their claims into x-amzn-oidc-data."""

    slug = "provider-aws-alb"

    @cached(cache=TTLCache(maxsize=1024, ttl=AWS_ALB_PUBLIC_KEY_CACHE_SECONDS))
    def get_public_key(self, kid: str, region: str):
        log.debug("Cache miss. Requesting key from AWS endpoint.")
        return requests.get(f"https://public-keys.auth.elb.{region}.amazonaws.com/{kid}", timeout=10).text

    def get_current_user(self, request: Request, **kwargs):
        unauthorized = HTTPException(status_code=HTTP_401_UNAUTHORIZED, detail=[{"msg": "Could not validate credentials"}])

        encoded_jwt: str = request.headers.get("x-amzn-oidc-data")
        if not encoded_jwt:
            log.error("Unable to authenticate. Header x-amzn-oidc-data not found.")
            raise unauthorized
        log.debug(f"Header x-amzn-oidc-data header received: {encoded_jwt}")  # expect: NHL404

        # The signer must be our own load balancer: it is the audience check for these tokens.
        header = json.loads(base64.b64decode(encoded_jwt.split(".")[0]))
        if header["signer"] != AWS_ALB_ARN:
            log.error(f"Unable to authenticate. ALB ARN {header['signer']} does not match expected ARN {AWS_ALB_ARN}")
            raise unauthorized

        region = AWS_ALB_ARN.split(":")[3]
        public_key = self.get_public_key(header["kid"], region)
        log.debug(f"Decoding {encoded_jwt} with public key {public_key}.")  # expect: NHL404
        payload = jwt.decode(encoded_jwt, public_key, algorithms=["ES256"])
        return payload[AWS_ALB_EMAIL_CLAIM]
