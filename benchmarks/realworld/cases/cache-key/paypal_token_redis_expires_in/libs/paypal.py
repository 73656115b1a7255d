import httpx

from config.config import app_config


async def paypal_login(client_id: str, client_secret: str):
    async with httpx.AsyncClient(
        base_url=app_config["PAYPAL_REST_API_URL"], timeout=app_config["PAYPAL_REST_API_TIMEOUT"]
    ) as client:
        resp = await client.post(
            "/v1/oauth2/token",
            auth=(client_id, client_secret),
            data={"grant_type": "client_credentials"},
        )
    body = resp.json()
    if resp.status_code != 200 or "error" in body:
        return None
    return body


async def verify_webhook_signature(access_token: str, signature: dict) -> str:
    async with httpx.AsyncClient(
        base_url=app_config["PAYPAL_REST_API_URL"], timeout=app_config["PAYPAL_REST_API_TIMEOUT"]
    ) as client:
        resp = await client.post(
            "/v1/notifications/verify-webhook-signature",
            headers={"Authorization": f"Bearer {access_token}"},
            json=signature,
        )
    return resp.json().get("verification_status", "FAILURE")
