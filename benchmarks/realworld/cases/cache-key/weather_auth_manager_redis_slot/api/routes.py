import requests
from fastapi import APIRouter

from .managers.connection_manager import AuthManager

router = APIRouter()
auth = AuthManager()

# Each household registers its own station account.
ACCOUNTS: dict = {}


@router.get("/stations/{owner}/observations")
def observations(owner: str) -> dict:
    account = ACCOUNTS[owner]
    resp = requests.get(
        f"https://api.weatherstations.example.com/v2/stations/{account['station_id']}/observations/current",
        headers={"Authorization": f"Bearer {auth.token_for(account)}"},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()
