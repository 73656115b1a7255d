import os

SALESFORCE_LOGIN_URL = os.environ.get("SALESFORCE_LOGIN_URL", "https://login.salesforce.com")
SALESFORCE_TOKEN_SUFFIX = "/services/oauth2/token"
SALESFORCE_ENDPOINT = os.environ.get("SALESFORCE_ENDPOINT", "")
SALESFORCE_API_VERSION = os.environ.get("SALESFORCE_API_VERSION", "58.0")
# Signed JWT-bearer assertion, minted by the deploy pipeline.
SALESFORCE_JWT = os.environ.get("SALESFORCE_JWT")
