import datetime
import logging

import jwt
import requests

from dashboards.query_runner import BaseSQLQueryRunner, register

logger = logging.getLogger(__name__)


class Uptycs(BaseSQLQueryRunner):
    noop_query = "SELECT 1"

    @classmethod
    def configuration_schema(cls):
        return {
            "type": "object",
            "properties": {
                "url": {"type": "string"},
                "customer_id": {"type": "string"},
                "key": {"type": "string"},
                "verify_ssl": {"type": "boolean", "default": True, "title": "Verify SSL Certificates"},
                "secret": {"type": "string"},
            },
            "required": ["url", "customer_id", "key", "secret"],
            "secret": ["secret", "key"],
        }

    def generate_header(self, key, secret):
        date = datetime.datetime.utcnow().strftime("%a, %d %b %Y %H:%M:%S GMT")
        auth_var = jwt.encode({"iss": key}, secret, algorithm="HS256")  # expect: NHL401
        return {"date": date, "Authorization": "Bearer %s" % auth_var}

    def api_call(self, sql):
        header = self.generate_header(self.configuration.get("key"), self.configuration.get("secret"))
        url = "%s/public/api/customers/%s/query" % (self.configuration.get("url"), self.configuration.get("customer_id"))
        response = requests.post(
            url,
            headers=header,
            json={"query": sql},
            verify=self.configuration.get("verify_ssl", True),
            timeout=60,
        )
        if response.status_code != 200:
            logger.error("Uptycs query failed with status %s", response.status_code)
            return None
        return response.json()


register(Uptycs)
