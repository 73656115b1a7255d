import os
from typing import Any

import httpx
from fastapi import APIRouter, Depends, Request

from demo_project.api.dependencies import azure_scheme

router = APIRouter()

TENANT_ID = os.environ["TENANT_ID"]
APP_CLIENT_ID = os.environ["APP_CLIENT_ID"]
GRAPH_SECRET = os.environ["GRAPH_SECRET"]


@router.get("/hello-graph", dependencies=[Depends(azure_scheme)])
async def graph_world(request: Request) -> Any:
    """Exchange the caller's token for a Graph token (on-behalf-of), then call Graph."""
    async with httpx.AsyncClient() as client:
        obo_response = await client.post(
            f"https://login.microsoftonline.com/{TENANT_ID}/oauth2/v2.0/token",
            data={
                "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "client_id": APP_CLIENT_ID,
                "client_secret": GRAPH_SECRET,
                "assertion": request.state.user.access_token,
                "scope": "https://graph.microsoft.com/user.read",
                "requested_token_use": "on_behalf_of",
            },
        )
        if not obo_response.is_success:
            return {"graph_response": "skipped"}
        graph_response = await client.get(
            "https://graph.microsoft.com/v1.0/me",
            headers={"Authorization": f"Bearer {obo_response.json()['access_token']}"},
        )
        return {"graph_response": graph_response.json()}
