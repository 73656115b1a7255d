import logging

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from civic import settings

logger = logging.getLogger(__name__)


class SalesforceClient:
    # One org, one integration user: the bearer is shared by every client
    # object and replaced whenever Salesforce answers 401.
    bearer_token = ""
    endpoint = f"{settings.SALESFORCE_ENDPOINT}/services/data/v{settings.SALESFORCE_API_VERSION}"

    def __init__(self):
        self._session = requests.Session()
        self._session.headers.update({"Content-Type": "application/json"})
        self._session.mount("https://", HTTPAdapter(max_retries=Retry(total=2, status_forcelist=[429, 502, 503])))

    def authorize(self) -> requests.Response:
        res = requests.post(
            f"{settings.SALESFORCE_LOGIN_URL}{settings.SALESFORCE_TOKEN_SUFFIX}",
            data={
                "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion": settings.SALESFORCE_JWT,
            },
            timeout=30,
        )
        if res.status_code == requests.codes.ok:
            SalesforceClient.bearer_token = f"Bearer {res.json()['access_token']}"
        return res

    def send(self, req: requests.Request) -> requests.Response:
        req.headers["Authorization"] = SalesforceClient.bearer_token
        prepared = self._session.prepare_request(req)
        response = self._session.send(prepared, timeout=30)
        if response.status_code == requests.codes.unauthorized:
            if self.authorize().status_code == requests.codes.ok:
                prepared.headers["Authorization"] = SalesforceClient.bearer_token
                response = self._session.send(prepared, timeout=30)
        logger.info("Salesforce returned %s", response.status_code)
        return response
