import time

import boto3
import jwt
import requests
from flask import current_app


class ClientException(Exception):
    pass


class SSMParameter:
    """A parameter read from SSM once and kept in memory."""

    def __init__(self, key, ssm_client):
        self.key = key
        self.ssm_client = ssm_client
        self._value = None

    def get(self):
        if self._value is None:
            self._value = self.ssm_client.get_parameter(Name=self.key, WithDecryption=True)["Parameter"]["Value"]
        return self._value

    def clear(self):
        self._value = None


class LetterProviderClient:
    """HTTP client of the print provider's API. Not thread-safe."""

    _jwt_token = None
    _jwt_expires_at = None

    def __init__(self, application):
        self.base_url = application.config["LETTER_API_BASE_URL"]
        ssm = boto3.client("ssm", region_name=application.config["AWS_REGION"])
        self.username = SSMParameter("/notify/api/letter_username", ssm)
        self.password = SSMParameter("/notify/api/letter_password", ssm)
        self.session = requests.Session()

    @property
    def jwt_token(self):
        # Refresh a minute before the provider's token runs out, to avoid needless 401s.
        buffer = 60
        if not self._jwt_token or time.time() + buffer >= self._jwt_expires_at:
            self._jwt_token = self.authenticate()
            claims = jwt.decode(self._jwt_token, options={"verify_signature": False})
            self._jwt_expires_at = claims["exp"]
        return self._jwt_token

    def authenticate(self):
        response = self.session.post(
            f"{self.base_url}/thirdparty-access/v1/authenticate",
            json={"userName": self.username.get(), "password": self.password.get()},
            timeout=30,
        )
        if response.status_code == 401:
            current_app.logger.exception("Failed to generate a letter provider jwt token")
            self.password.clear()
            raise ClientException(response.json()[0]["detail"])
        response.raise_for_status()
        return response.json()["id-token"]

    def send_letter(self, payload):
        response = self.session.post(
            f"{self.base_url}/print-request/v1/print/jobs",
            headers={"Authorization": self.jwt_token, "Content-Type": "application/json"},
            json=payload,
            timeout=30,
        )
        response.raise_for_status()
        return response.json()
