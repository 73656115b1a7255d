from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from config.config import app_config
from db.redis import redis_client
from libs.paypal import paypal_login, verify_webhook_signature
from repositories.paypal import get_paypal_auth_token, set_paypal_auth_token

paypal_webhook = FastAPI()


@paypal_webhook.middleware("http")
async def paypal_auth(request: Request, call_next):
    access_token = get_paypal_auth_token(redis_client)
    if access_token is None:
        login = await paypal_login(
            app_config["PAYPAL_REST_API_CLIENT_ID"], app_config["PAYPAL_REST_API_CLIENT_SECRET"]
        )
        if login is None:
            return JSONResponse({"msg": "PayPal authentication failed"}, status_code=502)
        access_token = login["access_token"]
        set_paypal_auth_token(redis_client, access_token, login["expires_in"])
    request.state.paypal_token = access_token
    return await call_next(request)


@paypal_webhook.post("/notification")
async def notification(request: Request):
    event = await request.json()
    signature = {
        "transmission_id": request.headers.get("paypal-transmission-id"),
        "transmission_time": request.headers.get("paypal-transmission-time"),
        "transmission_sig": request.headers.get("paypal-transmission-sig"),
        "cert_url": request.headers.get("paypal-cert-url"),
        "auth_algo": request.headers.get("paypal-auth-algo"),
        "webhook_id": app_config["PAYPAL_WEBHOOK_ID"],
        "webhook_event": event,
    }
    status = await verify_webhook_signature(request.state.paypal_token, signature)
    return {"status": status}
