import requests

from .client import SalesforceClient

client = SalesforceClient()


def upsert_contact(user_id: int, first_name: str, last_name: str, email: str) -> int:
    req = requests.Request(
        method="PATCH",
        url=f"{client.endpoint}/sobjects/contact/platform_id__c/{user_id}",
        json={"firstname": first_name, "lastname": last_name, "email": email},
    )
    return client.send(req).status_code
