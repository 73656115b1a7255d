"""Mobile-money STK push client: a fresh token before every payment request."""
import base64
from datetime import datetime

import requests
from django.conf import settings
from requests.auth import HTTPBasicAuth


class MobileMoneyClient:
    def __init__(self):
        self.base_url = settings.MOBILE_MONEY_BASE_URL
        self.access_token = None

    def _authenticate(self) -> None:
        # Overwritten on every call and never used to skip a token request.
        res = requests.get(
            f"{self.base_url}/oauth/v1/generate",
            params={"grant_type": "client_credentials"},
            auth=HTTPBasicAuth(settings.CONSUMER_KEY, settings.CONSUMER_SECRET),
            timeout=15,
        )
        res.raise_for_status()
        self.access_token = res.json()["access_token"]

    def stk_push(self, phone: str, amount: int, reference: str) -> dict:
        self._authenticate()
        timestamp = datetime.now().strftime("%Y%m%d%H%M%S")
        password = base64.b64encode(
            f"{settings.SHORTCODE}{settings.PASSKEY}{timestamp}".encode()
        ).decode()
        res = requests.post(
            f"{self.base_url}/mpesa/stkpush/v1/processrequest",
            headers={"Authorization": f"Bearer {self.access_token}"},
            json={
                "BusinessShortCode": settings.SHORTCODE,
                "Password": password,
                "Timestamp": timestamp,
                "TransactionType": "CustomerPayBillOnline",
                "Amount": amount,
                "PartyA": phone,
                "PartyB": settings.SHORTCODE,
                "PhoneNumber": phone,
                "CallBackURL": settings.CALLBACK_URL,
                "AccountReference": reference,
                "TransactionDesc": reference,
            },
            timeout=30,
        )
        return res.json()
