"""Upload experiment results to OneDrive through Microsoft Graph."""
import json
import logging

import msal
import requests

log = logging.getLogger(__name__)


def build_app(config: dict) -> msal.ConfidentialClientApplication:
    # One application object per process: its token cache is keyed by
    # authority, client, scopes and account, and it renews tokens itself.
    return msal.ConfidentialClientApplication(
        config["client_id"],
        authority=config["authority"],
        client_credential=config["secret"],
    )


def get_graph_token(app: msal.ConfidentialClientApplication, scopes: list) -> dict:
    # Look the token up in msal's cache first; the app has no user account.
    result = app.acquire_token_silent(scopes, account=None)
    if not result:
        log.info("no suitable token in the cache, asking Entra ID for a new one")
        result = app.acquire_token_for_client(scopes=scopes)
    if "access_token" not in result:
        raise RuntimeError(f"{result.get('error')}: {result.get('error_description')}")
    return result


def upload_results(app, config: dict, name: str, results: dict) -> None:
    token = get_graph_token(app, config["scope"])
    resp = requests.put(
        f"{config['endpoint']}/drive/root:/experiments/{name}.json:/content",
        headers={"Authorization": f"Bearer {token['access_token']}", "Content-Type": "application/json"},
        data=json.dumps(results),
        timeout=30,
    )
    resp.raise_for_status()
