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
    # adal's AuthenticationContext (checked with adal 1.2.7: each returns a dict holding
    # "accessToken", and "refreshToken" where the grant gives one)
    "acquire_token_with_username_password", "acquire_token_with_client_credentials",
    "acquire_token_with_authorization_code", "acquire_token_with_refresh_token",
    "acquire_token_with_client_certificate", "acquire_token_with_device_code",
})
# Qualified names that share a method name above but fetch nothing of the kind.
NOT_TOKEN_SOURCES = frozenset({"django.middleware.csrf.get_token"})
# Response fields that carry a fetched token: `requests.post(...).json()["access_token"]`.
TOKEN_FIELDS = frozenset({"access_token", "id_token", "token", "accessToken"})
# Calls that ask an authorization server whether a token is valid (RFC 7662).
INTROSPECTION_METHODS = frozenset({"introspect_token", "introspect", "token_introspection"})

# Calls the catalogue does not know, named as getters of a token (`_fetch_access_token`,
# `getToken`, `acquire_token_async`: obtained from an issuer), or as minters of one
# (`new_api_token`, `issue_token`, `generate_app_jwt`, `create_access_token`: made here; not
# `generate_token(48)`, which makes random strings for states and nonces). Matched from the
# name's start: `validate_request_token` is neither. A getter of something found by a token
# (`get_session_info_by_token`, `getUserForToken`, `get_claims_from_token`) returns that thing.
TOKEN_GETTER_PATTERN = (
    r"^_*(fetch|get|acquire|request|refresh|obtain)_?\w*(?<!by_)(?<!by)(?<!for_)(?<!for)(?<!from_)(?<!from)"
    r"(?<!of_)token(_async)?$"
)
TOKEN_MINTER_PATTERN = (
    r"^_*((issue|new|mint)_?\w*token(_async)?"
    r"|(generate|create|make|sign)_?\w*(jwt|access_token|api_token|api_key)(_async)?)$"
)
# RFC 7519's registered claims: keyword arguments that build a claim set, not a token
REGISTERED_CLAIMS = frozenset({"iss", "sub", "aud", "exp", "nbf", "iat", "jti"})
# Claims a decoded token holds (RFC 7519 §4.1, OpenID Connect Core §2 and §5.1) and no token
# record or row has: a value the code reads one of these from is the mapping of claims, not the
# token string. (Not `name`, `updated_at`, `address`...: a token's own row has such columns.)
DECODED_CLAIMS = REGISTERED_CLAIMS | frozenset({
    "azp", "nonce", "auth_time", "acr", "amr", "at_hash",
    "email", "email_verified", "given_name", "family_name", "preferred_username", "phone_number_verified",
})
# Attributes and keys of a token response, or of a credentials object, that hold the token.
TOKEN_ATTRIBUTES = frozenset({"token", "access_token", "id_token", "refresh_token", "accessToken", "idToken"})
# ... and those that describe it without holding it.
TOKEN_METADATA = frozenset({
    "expires_in", "expires_at", "expires_on", "expiresOn", "expiresAt", "expiresIn", "expiry", "expiration",
    "ext_expires_in", "issued_at", "issuedAt", "received_at", "receivedAt",
    "token_type", "tokenType", "scope", "scopes", "valid", "expired", "error", "error_description",
})
# A database session's methods that take a model object (SQLAlchemy's `db.delete(row)`,
# `session.add(row)`), and the names such a session goes by: what is handed to one is a row,
# whose printed form is the model's, not a token's.
SESSION_ROW_METHODS = frozenset({"add", "delete", "merge", "expunge", "refresh"})
SESSION_NAME_PATTERN = r"(^|_)(db|session|dbsession)$"
# the name of a token's expiry: kept beside it (`_token_expiration`, `expires_at`, `token_exp`),
# set through a setter (`_set_token_expired`), or carried as a claim of its own (`exp_date`)
EXPIRY_NAME_PATTERN = r"expir|(^|_)exp($|_)|valid_until|(^|_)deadline($|_)"
# What partitions tokens: an access token fetched for one of these must not serve another. Read
# off the names of the parameters and attributes that reach the fetch (snake_case).
PARTITION_PATTERN = (
    r"(^|_)(scopes?|aud|audiences?|resources?|tenants?|tid|realms?|targets?|clients?|client_id|app_id|appid|app_name|app_key|"
    r"application_id|applications?|accounts?|account_id|partners?|partner_id|installations?|installation_id|"
    r"credentials?|creds|subjects?|users?|user_id|org|orgs|org_id|organi[sz]ations?|customers?|customer_id|"
    r"merchants?|shops?|workspaces?|team_id|grant_type|auth_type|credential_type|identity|principal)($|_)"
)
# Verifiers other than JWT decoders (nhilint.catalogue.jwt): their result is the verdict on a
# token. firebase-admin 6 (`auth.verify_id_token`, `verify_session_cookie`), Authlib's resource
# protector, google-auth's `IDTokenCredentials` is a fetch, not a verification.
VERIFIERS = frozenset({
    "firebase_admin.auth.verify_id_token", "firebase_admin.auth.verify_session_cookie",
    "firebase_admin.auth.Client.verify_id_token",
    "authlib.integrations.flask_oauth2.ResourceProtector.validate_request",
    "authlib.oauth2.rfc6750.BearerTokenValidator.authenticate_token",
})
# Signature checks whose first argument is the key, not what is signed: pyOpenSSL's
# `crypto.verify(cert, signature, data, digest)` checks `data` (a webhook's payload) with a
# certificate (checked with pyOpenSSL 24.2; removed in 24.3, which points to cryptography).
SIGNED_DATA_ARGUMENT = {"OpenSSL.crypto.verify": 2}
# Methods whose name says they verify a token whoever defines them: framework authentication
# hooks (Django REST framework's `authenticate` / `authenticate_credentials`, Django auth
# backends' `authenticate`), called on `super()` or on a library class the module does not define.
VERIFIER_METHODS = frozenset({
    "authenticate_credentials", "verify_id_token", "verify_session_cookie", "verify_oauth2_token",
    "validate_token", "verify_token", "introspect_token",
    # kmsauth's `KMSTokenValidator.decrypt_token(username, token)`: checks the key, the token's
    # window and its user, then returns its payload (checked against kmsauth 0.6.3's source)
    "decrypt_token",
    # what an identity provider says of a bearer token: OpenID Connect userinfo (auth0-python
    # `Users(domain).userinfo(token)`, Authlib's `userinfo(token=...)`)
    "userinfo", "get_userinfo", "user_info", "fetch_userinfo",
})
# Bases of framework authentication classes: their `authenticate*` methods are verifiers.
AUTHENTICATION_BASES = frozenset({
    "BaseAuthentication", "TokenAuthentication", "JWTAuthentication", "JSONWebTokenAuthentication",
    "BaseBackend", "ModelBackend", "RemoteUserBackend", "HTTPBearer", "OAuth2PasswordBearer",
    "AuthenticationBackend", "BearerTokenValidator",
})
AUTHENTICATION_METHODS = frozenset({"authenticate", "authenticate_credentials", "authenticate_token", "get_user"})
# Endpoints that answer whether a token is valid: RFC 7662 introspection, OpenID Connect
# userinfo, GitHub's `/applications/{id}/token`, Google's `tokeninfo`.
VERIFYING_ENDPOINT_WORDS = ("introspect", "userinfo", "tokeninfo", "/user/info", "check_token", "/oauth/verify")
# Lookups of the record an opaque token belongs to: an API key or a DRF `Token` is verified by
# finding its row (`Token.objects.get(key=t)`, `db.clients.find_one({"api_token": t})`). ORM
# methods on a model or its manager, and a document store's lookups by a filter mapping.
RECORD_LOOKUP_METHODS = frozenset({"get", "filter", "filter_by", "get_or_none"})
DOCUMENT_LOOKUP_METHODS = frozenset({"find_one", "find_one_and_update", "find_one_and_delete"})

# Timed signatures (nhilint.analysis.timed_signatures): itsdangerous' and Django's signers that
# put the signing time in what they sign and check it only when the reader passes `max_age`.
TIMED_SIGNERS = frozenset({
    "itsdangerous.URLSafeTimedSerializer", "itsdangerous.url_safe.URLSafeTimedSerializer",
    "itsdangerous.TimedSerializer", "itsdangerous.timed.TimedSerializer",
    "itsdangerous.TimestampSigner", "itsdangerous.timed.TimestampSigner",
    "django.core.signing.TimestampSigner",
})
# the methods that read a signed value back, all with `max_age` second
TIMED_SIGNATURE_READERS = frozenset({"loads", "unsign", "validate"})

# Words of a module's own text that say its "tokens" are something else than credentials: a
# WebDAV server's lock tokens (RFC 4918 `opaquelocktoken:` URIs: a lock's public name, listed to
# any client through the `lockdiscovery` property; a distributed lock's owner token), a lexer's
# words (shlex's `wordchars`, a module that says it is a lexical analyser, a module styling text
# with Pygments, whose `Token.Keyword` is a token type; not `push_token`,
# which a push-notification module names its device tokens with), a market feed's instruments
# (Dhan's `SecurityId` / `ExchangeSegment`, Kite's `instrument_token`, `tradingsymbol`: brokerage
# APIs call an instrument's exchange number a token), a blockchain's tokens (a Solana or Ethereum
# token is a coin: its mint address and ticker are public on-chain data), a one-time-password
# server's devices (a module reading PSKC, RFC 6030's container of OTP devices, or naming
# privacyIDEA's `tokenclass`: its "token" is a device known by its serial number; a value named
# for a secret, `otp_secret`, stays one), a CAPTCHA-solving service's answers. A
# value only a name calls a token is one of these there (NHL404); a token by its origin (fetched,
# sent in an Authorization header) is still a token; so in a query (NHL403).
OTHER_TOKEN_DOMAINS = ("opaquelocktoken:", "lock token", "wordchars", "lexical analy", "pygments",
                       "securityid", "exchangesegment", "exchange_segment", "instrument_token", "tradingsymbol",
                       "solana", "lamports", "ethereum", "erc20", "erc-20", "token_mint", "pairaddress",
                       "pskc", "tokenclass",
                       # a CAPTCHA-solving service's client: its tokens are solved answers, one-use
                       # public proofs (not a site merely showing reCAPTCHA: its API tokens stay tokens)
                       "anticaptcha", "twocaptcha", "2captcha", "capsolver", "capmonster", "deathbycaptcha",
                       # an Alexa skill's answer: an AudioPlayer stream's and a display template's
                       # `token` are ids Alexa echoes back (the linked account's `accessToken`
                       # keeps its name)
                       "audioplayer.play", "audioitem", "display.rendertemplate",
                       # Nextcloud Talk: a conversation's `token` is the room's id, in every API
                       # path (`/ocs/v2.php/apps/spreed/api/v1/chat/{token}`) and the room's URL
                       "nextcloud talk", "nextcloud-talk", "nextcloudtalk", "apps/spreed")

# A secret scanner's module (detect-secrets and its forks, ggshield-like tools): its `secret`
# and `secrets` are the scan's findings, printed as a baseline or a report of a type, a file, a
# line and a hash (detect-secrets' `hashed_secret`), not the values.
SECRET_SCANNER_WORDS = ("potentialsecret", "secretscollection", "hashed_secret", "secret scanner",
                        "secrets scanner", "secret scanning", "secrets scanning", "secret detection",
                        "detect_secrets", "detect-secrets")

# What a request context gives a policy check: oslo.context's `to_policy_values()` holds the
# user's, project's and domain's ids and the roles, not the auth token the context also keeps
# (checked against oslo.context 6: `RequestContext(auth_token=...).to_policy_values()`); every
# OpenStack service logs it as `credentials` when a check fails.
POLICY_VALUE_METHODS = frozenset({"to_policy_values"})

# Reads of a secret store whose answer holds the secret in clear (checked against each library's
# documented answer): the Kubernetes client's `read_namespaced_secret` (a V1Secret, its `.data`),
# hvac's KV v2 `read_secret_version` (`["data"]["data"]`) and transit `decrypt_data`
# (`["data"]["plaintext"]`), boto3 Secrets Manager's `get_secret_value(SecretId=...)`
# (`["SecretString"]`), Google Secret Manager's `access_secret_version` (`.payload.data`).
# Checked against kubernetes 31.0.0 (V1Secret: data, string_data, metadata), botocore 1.44.18
# (GetSecretValueResponse), google-cloud-secret-manager 2.32.0 (SecretPayload.data) and hvac
# 2.4.0's integration tests.
SECRET_STORE_READS = frozenset({
    "read_namespaced_secret", "read_secret_version", "decrypt_data", "get_secret_value", "access_secret_version",
})
# The fields of such an answer that hold the secret (the rest is metadata: names, versions, ARNs)
SECRET_STORE_FIELDS = frozenset({"data", "plaintext", "SecretString", "SecretBinary", "payload", "string_data"})
# CREDENTIAL's details for a secret store's answer, and for the secrets in it (its `data`)
SECRET_STORE = "secret-store"
SECRET_STORE_DATA = "secret-store-data"
