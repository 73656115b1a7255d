"""Token sources: which calls obtain an access token, which response fields carry one, and
which calls ask an authorization server whether a token is valid."""

from __future__ import annotations

# Calls whose name says they obtain an access token (msal, azure-identity, authlib,
# requests-oauthlib, google-auth). Matched on the method name: the client object is usually
# built far away, but these names are specific enough.
TOKEN_SOURCE_METHODS = frozenset({
    "acquire_token_for_client", "acquire_token_silent", "acquire_token_silent_with_error",
    "acquire_token_on_behalf_of", "acquire_token_by_username_password",
    "acquire_token_by_refresh_token", "acquire_token_by_authorization_code",
    "acquire_token_interactive", "acquire_token_for_managed_identity",
    "get_token", "get_token_info", "fetch_token", "fetch_access_token", "refresh_token",
    "fetch_id_token", "get_access_token",
})
# Qualified names that share a method name above but fetch nothing of the kind.
NOT_TOKEN_SOURCES = frozenset({"django.middleware.csrf.get_token"})
# Response fields that carry a fetched token: `requests.post(...).json()["access_token"]`.
TOKEN_FIELDS = frozenset({"access_token", "id_token", "token", "accessToken"})
# Calls that ask an authorization server whether a token is valid (RFC 7662).
INTROSPECTION_METHODS = frozenset({"introspect_token", "introspect", "token_introspection"})
