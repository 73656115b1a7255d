"""What names say: credential names (`access_token`, `accessToken`, `X-Api-Key`), the names
that mention a token but hold none (`next_token`, `total_tokens`, `TOKEN_URL`), and reads of an
environment variable by name.

Names decide only where the flow layer cannot tell where a value comes from (nhilint.flow):
a value from a token source is a token whatever it is called, and a length or a count is not,
whatever it is called.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, Optional, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.scope import ScopeFacts
from nhilint.catalogue.environment import ENV_READS
from nhilint.catalogue.http import CREDENTIAL_HEADERS
from nhilint.context import FileContext

# credential words, matched on the snake_case form of a name (`accessToken` -> `access_token`)
_TOKEN_WORD = compiled_on_first_use(
    r"(^|_)(tokens?|bearer|jwt|api_?key|apikey|secrets?|credentials?|password|passwd)($|_)"
    # one lowercase word (`accesstoken`, Plex's `globalaccesstoken` attribute, `authtoken`)
    r"|(^|_)(global)?(access|auth|api|refresh|bearer|session)tokens?($|_)"
    # ... and of a secret (`clientsecret`; iSCSI CHAP's `initiatorsecret` / `targetsecret`)
    r"|(^|_)(client|app|shared|initiator|target|consumer|webhook|api|chap)secrets?($|_)"
    # the Authorization header's value (`authorization_header`: "Bearer <token>"); not
    # `auth_header`, as often the header's name (`trusted_auth_header` of a configuration) as
    # its value, nor `authorization_header_name`, left out below
    r"|(^|_)(authorization|bearer)_header$"
    # a SAML assertion (a bearer credential until its NotOnOrAfter: AWS's AssumeRoleWithSAML
    # takes it), a client's signed assertion (RFC 7523), a PIN (`codepin`, `pin_code`)
    r"|(^|_)(saml_?(assertion|response)|client_assertion|pin_?code|code_?pin)($|_)"
)
# what a verification returns: `decoded_token`, `verified_id_token` (google-auth's
# verify_oauth2_token, firebase's verify_id_token return the claims), not the token
_VERIFICATION_RESULT = r"(^|_)(decoded|verified)_([a-z0-9]+_)?tokens?($|_)"
_VERIFICATION_RESULT_NAME = compiled_on_first_use(_VERIFICATION_RESULT)
# anti-forgery tokens under their frameworks' names: Rails' `authenticity_token`, ASP.NET's
# `__RequestVerificationToken`, antiforgery tokens, MediaWiki's edit token (its CSRF token's
# former name, still in `get_edit_token()`): bound to the session, useless without its cookie
ANTI_FORGERY_WORDS = ("csrf", "xsrf", "authenticity", "request_verification", "antiforgery", "anti_forgery", "edit")

# names that mention a token but hold no credential: pagination and sync cursors
# (`next_token`, botocore's `starting_token`, Square v1's `batch_token`, a contacts sync's `syncToken` / `prefToken`,
# `after_token` / `before_token` of a listing, Azure's `skip_token`, Graph's `delta_token`),
# anti-forgery tokens (above), counts, and hashed forms (`hashed_password`).
# Not the list redaction uses (nhilint.secret_formats._NOT_A_CREDENTIAL), on purpose: this one
# decides what is reported and grows with every name measured to hold no token (claims,
# verification results, flags); that one decides what output hides, and a name left off it
# only hides a value that needed no hiding. Keep the two apart.
_NOT_A_TOKEN = compiled_on_first_use(
    r"(^|_)(next|page|batch|continuation|sync|pref|max|num|start|starting|resume|resumption|pagination|paging|"
    r"after|before|cursor|skip|delta|prev|previous|"
    # a proof the client shows once, published or handed over by design: an ACME challenge's
    # token (RFC 8555 8.3, served under /.well-known/acme-challenge/), a CAPTCHA's answer, the
    # `validationToken` Microsoft Graph sends a webhook endpoint to echo back (an opaque
    # challenge; Canvas's quiz submission's `validation_token`, bound to one submission)
    # (Cloudflare Turnstile's `cf-turnstile-response`, a `turnstile_token`, is one)
    r"challenge|captcha|recaptcha|hcaptcha|turnstile|validation|"
    # a WebDAV lock's token (RFC 4918 6.5: a lock's URI, shown to anyone who asks for the lock),
    # a SMART on FHIR EHR launch's id (the `launch` parameter the authorization request carries
    # in the browser's URL by design: an opaque launch context, as `state` is)
    r"lock|launch|" + "|".join(ANTI_FORGERY_WORDS) + "|"
    # SignalR's `connectionToken`: the per-connection id a hub's negotiate endpoint hands out
    r"connection)_tokens?($|_)"
    # a language model's token counts: `total_tokens`, `prompt_tokens`, `tokens_used`
    r"|(^|_)(total|prompt|completion|input|output|reasoning|cached|remaining|used|n|budget|thinking)_tokens($|_)"
    # a rate limiter's bucket: `old_tokens`, `available_tokens` (requests left, not credentials)
    r"|(^|_)(old|available|bucket|spent|consumed|refill|refilled|allowed)_tokens($|_)"
    r"|(^|_)tokens_(used|count|remaining|per_\w+|in|out)($|_)"
    r"|(^|_)(number_of|num_of|max|maximum|min|minimum)_\w*tokens($|_)"
    r"|(^|_)(hashed|hash|salted|encrypted)_"
    r"|" + _VERIFICATION_RESULT +
    # what is done to a password, not a password: `reset_password` (a rate limit, a URL name)
    r"|(^|_)(reset|change|forgot|forgotten|confirm|recover|set|validate|verify|check|require|requires)_password($|_)"
    # where tokens are asked for, named the other way round: `ECOBEE_ENDPOINT_TOKEN = "token"`
    r"|(^|_)(endpoint|url|uri|route|path)_tokens?$"
    # a push service's address of a device, not a credential: `device_token`, `fcm_token`
    r"|(^|_)(device|push|registration|fcm|gcm|apns|expo_push)_tokens?($|_)"
    # a part of a token, named for where it is read: `hostname_in_token`, `user_from_token`
    r"|_(in|of|from)_(access_|id_|refresh_)?tokens?$"
    # a serial number, a moment (`token_serial`: an OTP device's serial; `tokenDt`: when its
    # counter matched) and an identifier in an encoding (`credential_id_b64`: a passkey's id)
    r"|_(serial|serials|dt|date|datetime|timestamp)$|_(id|ids)_(b64|base64|hex|str)$"
    # `tokens` alone: a lexer's or a command line's words, a language model's count far more
    # often than credentials (a fetched dict of tokens is a token by where it comes from)
    r"|^_*tokens$"
    # a setting about tokens, not a token: a switch (`permit_create_token`, `allow_new_token`),
    # a way of doing something (`collection_by_token`), the permissions given to what tokens
    # create (`default_permissions_create_token`)
    r"|^_*(permit|allow|enable|disable|require|deny|forbid)_"
    # a yes-or-no about tokens: `is_password` (whether the input is hidden), `has_token`,
    # `showPassword` (whether an answer is to include it)
    r"|^_*(is|has|should|needs?|was|show|hide|reveal|display)_"
    # what supports a kind of token, not a token: `ops_that_support_jwt` (a list of providers),
    # `supports_refresh_token`
    r"|(^|_)(supports?|supported)_"
    r"|(^|_)(by|via|per|using)_tokens?$"
    r"|(^|_)(permissions|rights|roles)_"
    # another domain's token: a version's prerelease label (`prerelease_token = "rc"`), a
    # market's number for an instrument (`stock_token`, `instrument_token`, `isec_token`,
    # `market_depth_token`: brokerage feeds subscribe by it; not `security_token`, which
    # Salesforce and AWS name credentials with, nor `exchange_token`, an OAuth exchange's)
    r"|(^|_)(prerelease|pre_release|release)_tokens?($|_)"
    r"|(^|_)(instrument|scrip|stock|symbol|isec|quotes|depth)_tokens?($|_)"
    # the words of a text (`title_tokens`, `get_title_tokens()`: a search's words)
    r"|(^|_)(title|word|text|sentence|search|stop)_tokens($|_)"
    # a field that holds a token only for some records (`PathOrToken`: a path for a mapped
    # share, a token for a token share): the name does not say which, so it says nothing
    r"|(^|_)(path|paths|id|name|url|uri|user|username|login|email|file|filename)_or_(access_|api_)?tokens?$"
    r"|(^|_)tokens?_or_(path|paths|id|name|url|uri|user|username|login|email|file|filename|reason|error|message|msg|status)$"
)
# Endings that say what about a token a name holds, not the token: tested with str.endswith,
# not in _NOT_A_TOKEN, where every word was a branch tried at each `_` and compiling them cost
# every run ~5 M instructions.
_NOT_A_TOKEN_ENDINGS = tuple(f"_{word}" for word in (
    # a token's claims and metadata: `token_scopes`, `token_issuer`, `token_alg`; counts
    # (`access_tokens_delete_no`, `tokens_deleted`)
    "scope", "scopes", "issuer", "issuers", "authority", "authorities", "iss", "aud", "audience", "audiences", "alg", "algs", "algorithm",
    "algorithms", "claims", "payload", "payloads", "subject", "subjects", "sub", "kid", "jti", "owner", "username",
    "permissions", "roles", "power", "privilege", "privileges", "level", "label", "labels",
    # a token's given name in a URL or a list (`token_slug`: what delete_token takes), where a
    # login form's field is found in a page (`password_selector`, `password_xpath`)
    "slug", "slugs", "selector", "selectors", "xpath", "locator", "no", "num", "cnt", "deleted", "created", "revoked_count", "vars", "var", "variables",
    "env_var", "env_vars", "env_name", "names",
    # what a token is for, by name: `token_subscription` (an Azure subscription id), `token_tenant`
    "subscription", "subscriptions", "tenant", "tenants",
    # when a token was had (`_access_token_issued`: a datetime), not the token
    "issued", "issued_at", "obtained", "obtained_at", "acquired", "acquired_at", "updated", "updated_at",
    "created_at", "created_on", "fetched_at", "refreshed_at", "received_at", "saved_at", "stored_at",
    "type", "url", "uri", "endpoint", "expiry", "expire", "expire_at", "expires_at", "expires", "expires_in",
    "expires_on", "expiration", "ttl", "prefix", "name", "length", "len", "count",
    "limit", "size", "number", "path", "file", "filename", "filepath", "dirname", "dir", "directory", "folder", "home",
    "kind", "format", "usage", "id", "ids", "uid", "uids", "uuid", "uuids", "guid", "pk", "scheme", "attempt", "attempts", "retries", "retry", "status", "error",
    "errors", "warning", "warnings", "manager", "provider", "factory", "store", "cache", "class", "cls", "callback",
    "handler", "hook", "loader", "required", "enabled",
    # where a token is asked for, not a token: `token_server`, `auth_token_host`, `TOKEN_EMAIL_DOMAIN`
    "server", "host", "hostname", "domain", "domains",
    # an object that handles tokens, not one: `token_rotator`, `token_generator`, `jwt_verifier`
    "rotator", "refresher", "fetcher", "generator", "signer", "verifier", "validator", "backend", "authenticator",
    "refreshed", "valid", "is_set", "exists", "hash", "hashed", "digest", "salt", "pattern", "regex", "re", "template",
    "field", "fields", "param", "label", "hint", "policy",
    # what a token offers to choose from (`token_menu`: the roles an invite lets a joiner pick)
    "menu", "menus", "choices",
    # where a token is fetched (`token_ep`: the token endpoint's URL, as `auth_ep`)
    "ep", "eps",
    # the name a person gave a credential (`credential_nickname`: a passkey's label typed in a
    # form), and whether one has run out (`passwordExpired`: a flag)
    "nickname", "nicknames", "expired",
    # a password policy's settings, not a password: `password_properties` (a domain's
    # pwdProperties bits), `password_complexity`, `password_history`, `password_min_strength`
    "properties", "complexity", "history", "requirements", "strength", "rules",
    "prompt", "message", "msg", "description", "help", "placeholder", "example", "mask", "masked", "redacted",
    "fingerprint", "signature", "sig", "delta", "seconds", "secs", "minutes", "hours", "days", "lifetime", "lifespan", "timeout", "max_age",
    "threshold", "thresholds",
    # the rotation chain a refresh token belongs to (`token_family`: a UUID naming it)
    "family", "families",
    "grace_period", "grace", "ref", "refs", "reference",
    # what is known about a token (`token_metadata`: an introspection answer; `token_thumb`: a
    # certificate's thumbprint it is bound to; `enforce_token_bind`: a mode), and the command
    # that prints a credential (`mfa_token_command`, `password_cmd`), not the credential
    "metadata", "meta", "thumb", "thumbprint", "bind", "binding", "command", "cmd",
    # how a credential is presented or asked for: `token_endpoint_auth_method`, `AccessTokenRequest`
    "method", "methods", "request", "requests",
    # a token format's version (`jwt_version`), a mode or a flag (`JWT_OIDC_TEST_MODE`)
    "version", "versions", "mode", "modes", "flag", "flags",
    # a cryptocurrency token, public on-chain data: its mint or contract address, its ticker
    # (`token_mint`, `token_address`, `token_ticker`), and what it is worth
    "mint", "mints", "address", "addresses", "contract", "contracts", "ticker", "tickers", "symbol", "symbols",
    "decimals", "balance", "balances", "price", "prices", "supply", "liquidity",
    # a program or package named for secrets (`keeper-secrets-manager-cli`, a version looked up
    # by its package name; `vault_token_sdk`)
    "cli", "core", "sdk", "lib", "library", "package", "pkg", "plugin", "plugins",
    # whom to ask about secrets (`DETECT_SECRETS_SECURITY_TEAM`: a chat channel's name)
    "team", "teams", "channel", "channels", "contact", "contacts",
))
# The same words first: a text about a credential, not the credential (`ERR_CLIENT_SECRET = "The
# client secret is invalid."`, `MSG_TOKEN_EXPIRED`, `help_password`)
_NOT_A_TOKEN_STARTS = ("err_", "error_", "errors_", "msg_", "message_", "messages_", "warn_", "warning_", "hint_",
                       "help_", "label_", "prompt_", "title_", "description_", "placeholder_",
                       # the id or name a secret store keeps the secret under (`secret_id_client_secret
                       # = "gwbot_client_secret"`: AWS Secrets Manager's SecretId)
                       "secret_id_", "secret_name_", "secret_arn_")
# An action on a key, before a key position: a flag asking for it (`params["reset_secret_key"] =
# "1"`: the API issues a new key). Not for other names: a `reset_token` is a password reset's
# credential.
_ACTION_STARTS = ("reset_", "rotate_", "regenerate_", "revoke_", "invalidate_")
# `token_header` names where a token goes (not `authorization_header`, `bearer_header`: above)
_HEADER_ENDING = "_header"
_CREDENTIAL_HEADER_ENDINGS = ("authorization_header", "bearer_header")
# `api_key_env: str = "PLESK_API_KEY"`, `password_env="BAKALARI_PASSWORD"`: the environment
# variable a token is read from, by its name (a settings field naming it; a value read from the
# variable is labelled by the read itself, `os.getenv(...)`); not tokens keyed by environment
_ENV_ENDING = "_env"
_KEYED_BY_ENV_ENDINGS = ("_by_env", "_per_env", "_for_env")


def _says_no_token(snake: str) -> bool:
    """A snake_case name with a token word that says it holds no token (_NOT_A_TOKEN and the
    endings above)."""
    if snake.endswith(_NOT_A_TOKEN_ENDINGS) or snake.lstrip("_").startswith(_NOT_A_TOKEN_STARTS):
        return True
    if snake.endswith(_HEADER_ENDING) and not snake.endswith(_CREDENTIAL_HEADER_ENDINGS):
        return True
    if snake.endswith(_ENV_ENDING) and not snake.endswith(_KEYED_BY_ENV_ENDINGS):
        return True
    return bool(_NOT_A_TOKEN.search(snake))


# what is told about tokens, and the kinds of token there are (`token_info`: an OTP server's
# enrollment options for a device, a tokeninfo endpoint's claims; `pi_token_types`,
# `token_classes`: its device types); a fetched answer so named is a token by where it comes
# from. Tested as endings, not in _NOT_A_TOKEN: every word there is a branch tried at each `_`
_TOLD_ABOUT = ("_info", "_infos", "_types", "_classes", "_kinds",
               # where a token is read from (`token_from = "headers"`, `JWT_TOKEN_LOCATION`)
               "_from", "_source", "_sources", "_location", "_locations", "_origin",
               # what is counted or summed of them (`token_summary_data`, `token_stats`,
               # `token_counts`, an LLM's `token_usage`)
               "_summary", "_summary_data", "_stats", "_statistics", "_counts", "_usage")
# which kind of token (`type_token = "access"`): a label
_KIND_OF = ("type_", "kind_")
# properties a kind of token has, by which configurations keyed by token type are named
# (`jwx_def["signing_alg"]["id_token"]`, `settings["lifetime"]["refresh_token"]`)
_TOKEN_PROPERTY = compiled_on_first_use(
    r"(^|_)(algs?|algorithms?|lifetimes?|ttls?|timeouts?|expiry|expiration|expires?_(at|in|after)|max_age|"
    r"types?|formats?|length|prefix|issuers?|audiences?|scopes?|endpoints?|urls?|uris?|polic(y|ies)|"
    r"schemes?|kid|key_types?)$"
)
_CAMEL = compiled_on_first_use(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(name: str) -> str:
    """`access_token` of `accessToken`, `ACCESS_TOKEN` and `access_token`."""
    return _CAMEL.sub("_", name).lower()


def names_verification_result(name: str) -> bool:
    """`decoded_token`, `__verified_id_token`, `verifiedIdToken`: what a verification returned
    (the claims), under its name or a key."""
    return bool(_VERIFICATION_RESULT_NAME.search(snake_case(name)))


def is_token_name(name: str) -> bool:
    """`access_token`, `accessToken`, `AUTH_TOKEN`, `api_key` yes; `next_token`, `TOKEN_URL`,
    `FORWARD_USER_INFO_HEADER_JWT` (a constant holding a header's name) no."""
    known = _TOKEN_NAMES.get(name)
    if known is None:
        if len(_TOKEN_NAMES) >= _MAX_NAMES:  # a long run (the language server): start again
            _TOKEN_NAMES.clear()
        known = _TOKEN_NAMES[name] = _is_token_name(name)
    return known


# what is_token_name answered, by name: a file asks about the same few hundred names again and
# again, and the answer is two long patterns' searches
_TOKEN_NAMES: Dict[str, bool] = {}
_MAX_NAMES = 50_000


def _is_token_name(name: str) -> bool:
    snake = snake_case(name)
    if name.isupper() and "_header_" in f"_{snake}_":
        return False
    return bool(_TOKEN_WORD.search(snake)) and not snake.endswith(_TOLD_ABOUT) \
        and not snake.lstrip("_").startswith(_KIND_OF) and not _says_no_token(snake)


def class_name(name: str) -> bool:
    """`AccessToken`, `OAuth2Token`, `TokenInfo`: a class's name by PEP 8 (CapWords: a capital
    first, a lower-case letter, no underscore), not a constant's (`API_TOKEN`) nor a variable's."""
    return name[:1].isupper() and "_" not in name and any(c.islower() for c in name)


def mentions_token_but_holds_none(name: str) -> bool:
    """`csrf_token`, `next_page_token`: a name with a token word that says what it holds is no
    credential (not `signed_notification_id`, which says nothing about tokens)."""
    snake = snake_case(name)
    return bool(_TOKEN_WORD.search(snake)) and not is_token_name(name)


# names that say a value identifies, counts, names or locates something (`token_pk`, `key_id`,
# `session_no`, `old_token_name`, `credentials_file`): a local so named holds no credential, whatever the key it
# was read under says (a file's path is where a credential lives, not the credential)
_IDENTIFIER_WORDS = (
    "id", "ids", "uid", "uids", "uuid", "uuids", "guid", "pk", "pks", "no", "num", "number", "serial", "serials", "index", "idx", "count", "cnt", "file",
    "filename", "filepath", "path", "paths", "dir", "dirname", "directory", "folder",
    # a name is an identifier too (`old_token_name`: a sync state's file, named after the token)
    "name", "names",
)


def _ends_with_word(snake: str, words: Tuple[str, ...]) -> bool:
    """What `re.search(r"(^|_)(word|word...)$", snake)` says: the name is one of the words or ends
    with `_` and one of them (`$` also matches before a final newline). Compiling such a pattern
    costs about a million instructions a run; this costs nothing."""
    if snake.endswith("\n"):
        snake = snake[:-1]
    return snake in words or snake.endswith(_endings(words))


@lru_cache(maxsize=None)
def _endings(words: Tuple[str, ...]) -> Tuple[str, ...]:
    """`_word` of each word: made once per list, not at every name asked about."""
    return tuple(f"_{word}" for word in words)


# an action on tokens (`--get-openid-token`, `revoke_token`): as the name of a value, an option
# or a callable, not a token; as a function's name, a getter (nhilint.flow.sources)
_ACTION_NAME = compiled_on_first_use(r"^_*(get|fetch|create|revoke|delete|list|show|print|generate|rotate|use)_")


def names_action(name: str) -> bool:
    """`get_openid_token`, `revoke_token`: a value so named is an option or a callable."""
    return bool(_ACTION_NAME.search(snake_case(name)))


# The identifying half of a credential pair or mapping (Basic auth's user, a client's id, the
# user-name field of a login's credentials): names the account, no secret. Whole names and, for
# the words of a longer name, single words (`uid` of `AXES_UID_FIELD`).
IDENTITY_NAMES = frozenset({
    "client_id", "clientid", "app_id", "appid", "user", "username", "user_name", "userid", "user_id", "login",
    "email", "account_id", "accountid", "uid",
})


def names_identifier(name: str) -> bool:
    """`token_pk`, `user_id`, `keyId`, `credentials_file`: the programmer called it an
    identifier, a count or a file's location."""
    return _ends_with_word(snake_case(name), _IDENTIFIER_WORDS)


# the address a push service gives a device (`fcm_token`, `apns_device_token`, `expo_push_token`):
# what a server sends notifications to, no credential
_PUSH_ADDRESS = compiled_on_first_use(r"(^|_)(device|push|fcm|gcm|apns|expo_push)_tokens?($|_)")


def names_push_address(name: str) -> bool:
    """`fcm_token = await client.checkin_or_register(...)`: the programmer named the push
    service's answer for what it is, the device's address."""
    return bool(_PUSH_ADDRESS.search(snake_case(name)))


def names_token_property(name: str) -> bool:
    """`signing_alg`, `lifetime`, `ttl`, `issuer`: a property a kind of token has, not a
    token nor a holder of one (a request, a header, a message may hold one: not these)."""
    snake = snake_case(name)
    return not _TOKEN_WORD.search(snake) and bool(_TOKEN_PROPERTY.search(snake))


# a session's identifier or key (`sessionId`, `custom_sessionid`, `session_key`, `sid`): the
# credential of a login whose service answers with one; elsewhere (a chat's, a player's, an
# analytics session) no credential, so only a login's answer decides (nhilint.flow.field_reads)
_SESSION_ID = compiled_on_first_use(r"(^|_)session_?(id|key)$|^_*sid$")
# a password among what a request carried: its parameter, setting or field name
_PASSWORD_WORD = compiled_on_first_use(r"(^|_)(password|passwd|pwd|passphrase)($|_)")


def names_session_id(name: str) -> bool:
    """`sessionId`, `custom_sessionid`, `session_key`, `sid`: a session's identifier."""
    return bool(_SESSION_ID.search(snake_case(name)))


def names_password(name: str) -> bool:
    """`password`, `user_password`, `Passwd`, `DB_PASSPHRASE`: a password's name."""
    return bool(_PASSWORD_WORD.search(snake_case(name)))


# words that make a token a credential's (`access_token`, `auth_token`, `user_token`, `bot_token`)
_CREDENTIAL_QUALIFIERS = frozenset({
    "access", "auth", "authorization", "api", "apikey", "refresh", "bearer", "id", "session", "secret", "jwt",
    "oauth", "oauth2", "user", "app", "client", "personal", "service", "security", "login", "bot", "admin",
    "master", "private", "signing", "identity", "github", "gitlab", "slack", "discord", "telegram",
})


def names_plain_token(name: str) -> bool:
    """`token`, `lock_token`, `token_list`, `popular_token`: a name whose only word about
    credentials is `token`, with no credential's qualifier (`access_token`, `auth_token`,
    `user_token`, `api_key` are not): in a module of another kind of token
    (nhilint.flow.sources.other_token_domain), one of those."""
    words = set(snake_case(name).strip("_").split("_"))
    return bool(words & {"token", "tokens"}) and not words & _CREDENTIAL_QUALIFIERS


# words that say a secret's name is about its value or which one it is (`secret_value`, `secret_key`)
_SECRET_VALUE_WORDS = frozenset({"value", "values", "raw", "plain", "plaintext", "text", "key", "keys"})


def names_plain_secret(name: str) -> bool:
    """`secret`, `secrets`, `new_secrets`: a name whose only word about credentials is `secret`,
    with no credential's qualifier nor a word about its value (`client_secret`, `secret_key`,
    `secret_value` are not): in a secret scanner's module (nhilint.flow.sources.secret_scanner),
    a finding of the scan."""
    words = set(snake_case(name).strip("_").split("_"))
    return bool(words & {"secret", "secrets"}) and not words & (_CREDENTIAL_QUALIFIERS - {"secret"}) \
        and not words & _SECRET_VALUE_WORDS


def is_credential_header(name: str) -> bool:
    """`Authorization`, `X-API-Key`, `DD-API-KEY`, `X-Auth-Token`: a header that carries a
    credential (not `X-CSRF-Token`, `Token-Type`)."""
    lowered = name.lower()
    return lowered in CREDENTIAL_HEADERS or is_token_name(lowered.replace("-", "_"))


def is_credential_name(name: str) -> bool:
    """`access_token`, `apiKey`, and a credential header's name (`Authorization`, Django's
    `HTTP_AUTHORIZATION`, `X-Api-Key`)."""
    if is_token_name(name):
        return not names_action(name)  # `args.get_openid_token`: an option asking for tokens
    if name.upper().startswith("HTTP_"):  # Django's META spelling of a header
        return is_credential_header(name[len("HTTP_"):].replace("_", "-"))
    return "-" in name and is_credential_header(name) or name.lower() in CREDENTIAL_HEADERS


def names_credential_field(name: str) -> bool:
    """A field or header a credential is kept under: `password`, `unicodePwd`, `access_token`,
    `Authorization`, `X-API-Key`."""
    return is_credential_name(name) or names_password(name) or is_credential_header(name)


def env_var_name(context: FileContext, expr: cst.BaseExpression, facts: Optional[ScopeFacts]) -> Optional[str]:
    """`API_TOKEN` of `os.environ["API_TOKEN"]`, `os.getenv("API_TOKEN")`, `os.environ.get(...)`."""
    if isinstance(expr, cst.Subscript) and context.qualified_name(expr.value, facts) == "os.environ":
        index = expr.slice[0].slice if len(expr.slice) == 1 else None
        value = context.evaluator.value(index.value, facts) if isinstance(index, cst.Index) else None
        return value if isinstance(value, str) else None
    if isinstance(expr, cst.Call) and context.qualified_name(expr.func, facts) in ENV_READS and expr.args:
        value = context.evaluator.value(expr.args[0].value, facts)
        return value if isinstance(value, str) else None
    return None


# Names whose value is a secret key whatever it looks like: where any literal, however weak
# (`"secret"`, `"dev-key"`), is a hard-coded secret. Matched on the end of the snake_case name
# (`DJANGO_SECRET_KEY`, `GOOGLE_CLIENT_SECRET`, `aws_secret_access_key`).
_KEY_POSITION = (
    "secret_key", "jwt_secret", "jwt_secret_key", "jwt_key", "signing_key", "signing_secret", "client_secret",
    "aws_secret_access_key", "secret_access_key", "aws_access_key_id", "access_key_id", "aws_session_token",
    "api_secret", "app_secret", "consumer_secret", "webhook_secret", "hmac_secret", "hmac_key", "private_key",
    "jwt_private_key", "encryption_key",
)


def is_key_position(name: str) -> bool:
    """`SECRET_KEY`, `JWT_SECRET_KEY`, `client_secret`, `aws_secret_access_key`: a name whose
    value is a secret key by its role; not a text about one (`ERR_CLIENT_SECRET`)."""
    snake = snake_case(name)
    return _ends_with_word(snake, _KEY_POSITION) and not snake.lstrip("_").startswith(_NOT_A_TOKEN_STARTS + _ACTION_STARTS)
