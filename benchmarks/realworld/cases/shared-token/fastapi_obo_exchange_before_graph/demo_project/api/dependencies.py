import os

from fastapi_azure_auth import SingleTenantAzureAuthorizationCodeBearer

azure_scheme = SingleTenantAzureAuthorizationCodeBearer(
    app_client_id=os.environ["APP_CLIENT_ID"],
    tenant_id=os.environ["TENANT_ID"],
    scopes={f"api://{os.environ['APP_CLIENT_ID']}/user_impersonation": "user_impersonation"},
)
