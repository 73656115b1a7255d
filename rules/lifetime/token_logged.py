from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.context import FileContext
from nhilint.analysis.names import mentions_token_but_holds_none, names_identifier, snake_case
from nhilint.patterns import compiled_on_first_use
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import MINTED, NAMED, Label, token_labels
from nhilint.flow.answer_reads import answer_holding_read_token, answer_read_for_token
from nhilint.flow.error_answers import error_answer
from nhilint.flow.logged_values import (
    failed_answer, failed_bodies, handed_on, is_dict, logged_tokens, unparsed_answer, unshown_arguments,
)
from nhilint.flow.sinks import handles_invalid_token, log_arguments, may_log, rejected_mismatch, stdout_write
from nhilint.flow.sources import token_request_part
from nhilint.flow.summary import ANSWER, LOG, Sink
from nhilint.flow.param_branches import only_for_non_dicts
from nhilint.rule import CHECK_TESTS, Rule
from nhilint.walk import walk


# a helper handed tokens by this many calls of its module is reported once, at its log call;
# at most this many of the calls are listed with the finding
_MANY_CALLS = 3
_RELATED_CALLS = 5


class TokenLogged(Rule):
    """
    ## What it does
    Finds a token value written to a log: passed to a logger's `debug` / `info` / `warning` /
    `error` / `exception` / `critical` / `log`, or a method picked by name at run time
    (`getattr(self.log, level)(message)`), of a logger (a logger from `logging.getLogger`, structlog,
    loguru, `app.logger`, `self.logger`, the project's own helper returning one, the `logging`
    module itself; an object only named like one, `self.usage_logger`, made of a class the
    project defines, is judged by what that class's method does with the value: a usage
    recorder keeping a key's suffix logs none; a logging wrapper whose `debug(self, msg,
    *args)` takes the values in `*args` stays a logger by its name), to `print`, to `sys.stderr.write` or to `warnings.warn` (stderr, or the log
    with `logging.captureWarnings`), to a log function the code was handed and named for it
    (a parameter or an instance attribute no method of the class defines: `debug_logger`,
    `log_fn`, `log_callback`, given `logger.debug` or `print`); directly, inside an f-string (also
    one wrapped into adjacent literals, `f"access {token}, " f"refresh {refresh}"`), `%`,
    `+`, `.format()` (the arguments its template's fields name: `"account {}".format(acct,
    saml_response)` renders no assertion) or a dict, also each value of a mapping in a loop
    (`for key, value in headers.items():` printing `f"-H '{key}: {value}'"`, a curl command
    rebuilt for a debug print; `for value in headers.values():`; not the keys, not a loop that
    tests the key, which chooses the values it shows, and not a mapping only named for a
    token), through local names, attributes and helpers of the module
    (a token handed to `log_request(token)` that logs it is reported at the call; where three
    or more calls of the module hand the same helper tokens, once, at the helper's log call,
    the fix's one place, with the calls listed beside it; a value is reported once:
    where the value becomes a token, so a method handing its own `secret_token` parameter on
    to a helper that is itself reported for logging it is not reported again; a value that is
    a credential only by its name, `service.credentials`, handed to a helper's parameter named
    for credentials' identifiers, `send_event(credential_ids)`, is those ids, and one handed to
    a parameter named for a name, `resolve(..., setting_name=password_setting)`, is that name
    (a fetched token handed there is reported); an UPPER_CASE
    constant only named for a token handed to a helper's address parameter,
    `self._post(URLS.AUTHORIZE_TOKEN, body)` with `def _post(self, url, data)`, is the token
    endpoint's path), the token
    endpoint's answer logged by a request helper that logs the body of every answer
    (`self._client("POST", TOKEN_URL, data=grant)` where `_client` logs `await
    response.json()`: reported at that call, the one sending a grant or posting to a URL
    that ends in `/token` or is named for the token endpoint, or whose answer the code reads a
    token from, a login posting a username and password then reading `answer["token"]`, or its session id,
    `result["data"]["sid"]` (also one level down, `answer["data"]["jwtToken"]`, or
    through a local holding the envelope, `result = answer.get("result", {})` then
    `result["accessToken"]`); the
    helper may log what another helper of the module returns, `return response.json()`, or the
    body of the response another helper returns, `return requests.request(...)`;
    not the helper's status line,
    nor the body it logs only for a failed answer (under `if not response.ok:`, in the `else:`
    of a success test, or after an `if` that returns the successful answer, `if
    answer.status_code == requests.codes.ok: return answer.json()`, also inside an exception
    it builds and logs), nor its data requests, nor the calls of a
    helper that fetches a token itself and whose log of that answer is reported where it is:
    `session.fetch_token(TOKEN_URL, code)`, one log line, one finding), what a secret
    store answers, which holds the secret in clear whatever it is named (the Kubernetes
    client's `read_namespaced_secret`, a V1Secret, and its `.data`; hvac's KV v2
    `read_secret_version`, `["data"]["data"]`, and transit `decrypt_data`,
    `["data"]["plaintext"]`; Secrets Manager's `get_secret_value(SecretId=...)`,
    `["SecretString"]`; Google Secret Manager's `access_secret_version`, `.payload.data`;
    checked with kubernetes 31.0.0, botocore 1.44.18, google-cloud-secret-manager 2.32.0 and
    hvac 2.4.0; not their metadata: names, versions, ARNs), and
    an entry of a dict filled by key read by a key the code shows, also through an accessor
    of the module (`get_config_value(self.CONFIG_NAME_COMPETITION)` of a helper returning
    `self.config_values.get(name)`, the key a class constant; or a loop variable over keys
    written out, `for k in ["repo_icon", "archive_icon"]: config[k]`): the entries those keys
    name, not every value the dict holds (a key that is a library's constant whose value is not
    in sight, `token.get(TokenResponseFields.RESOURCE)`, is read by the constant's name; and the keys alone of a dict whose keys are written
    out, `[k for k, v in query.items() if not v]`, also of an attribute, `[k for (k, v) in
    self._data.items() if v == ""]`, a login form's empty fields, are names, no value; not of
    a local dict the function writes under keys it computes, `sessions[token] = user`); a dict another mapping was merged into before it is
    logged, `kwargs.update(self.api_key)` with the property keeping `{"apikey": key}`, holds
    what that mapping holds; and
    a session's default headers once a credential was put in them
    (`session.headers.update({"X-Auth-Token": token})` or `session.headers["Authorization"] =
    ...`, then `log.debug(session.headers)`; for a session the object keeps, what its constructor
    or another method (a login's `tokenlogin()`) stored, `self.session.headers["Authorization"]
    = self.api_key` in `__init__`, also in headers it keeps in an attribute of its own,
    `self._request_headers.update(self._auth_headers())` in a pre-flight method (a value under
    a credential header, `Authorization`, `X-API-Key`, also named by a parameter's default, is
    the credential whatever its name; read in the constructor, `__init__` or a dataclass's
    `__post_init__`, a mapping the object keeps holds only what the constructor and the methods
    it calls stored in it, not the key another method adds later, `self.params["api_key"] =
    self.api_key` in `get()`), and
    the headers of a request it prepared, `self.session.prepare_request(req).headers`), and
    properties: `self.headers` holds what its `@property` returns, by where that comes from
    (the headers with a token fetched from the token endpoint); a name inside the property
    decides nothing (`return domain, self.credentials` of a `cache_key` property): read there,
    the value's name is the property's. And a service's answer logged whole, as it is or
    rendered as text (`json.dumps(answer)`, `pprint.pformat(answer)`), or an HTTP response's
    body (`response.text`, `response.content`, `response.json()`), where the function reads
    a token out of it (`answer["passToken"]`, `response.json()["token"]`,
    `json.loads(response.text)["access_token"]`): the code itself says the answer holds one;
    not the response object itself, as a request returned it (`response = await
    session.post(...)`, then `log(response)`: its printed form is the status line and headers,
    `<Response [200]>`), nor where the run that logs it leaves the function before the token is read (`if
    response.status_code != 200: log.warning(response.text); return None`), nor in the
    `except` clause of the `try` that reads it (`except JSONDecodeError: log(resp.text)`: an
    answer that would not parse holds no token the code read; also `except ValueError:` of a
    `try` that decodes it, `result.json()`, and through a local, `message = result.text`, where
    the `try` neither reads a field nor raises a ValueError of its own, `if content["token_type"]
    != "Bearer": raise ValueError()`, which a parsed answer reaches), nor under a test that its status
    is an error's (`if not resp.ok:`, `if resp.status_code != 200:`, `if resp.status_code in
    RETRY_STATUSES:` with every code there 400 or more; also its JSON, `body = resp.json()` then
    `elif resp.status_code >= 400: log(body)`), also in a request helper.

    A value is a token because of where it comes from: a fetched access token or the response
    holding it, the incoming request's credential (read under its literal name or one the
    module sets: `AUTH_HEADER`, `self._header_name.lower()`, or a library's authentication
    class its class derives from, `self.header` of django-ninja's `HttpBearer`; Django's
    `request.session.session_key`, the session cookie's value) or its headers copied whole, a minted JWT,
    the raw token a verifier is given (also a value read back with a timed signer,
    `TimestampSigner(key).unsign(cookie, max_age=...)`, itsdangerous's or Django's: a signed
    cookie or link), what the function writes under a credential header
    (`request.headers["Authorization"] = auth_header`, `{"X-API-Key": signature}`: an auth hook
    logging the Negotiate header it sends), a credential setting or env var, a secret literal, a
    session id read from a login's answer (the answer to a request that carried a password:
    `answer["sessionId"]`, the credential every later request sends; a session id of any other
    answer, a chat's or a player's, is not one), a URL the function reads a password out of
    (`parts = urlparse(broker_uri)` then `self.password = parts.password`, or
    `urlsplit(dsn).password` used as a value: the URL holds `user:password@`, so the whole URL
    shows it; its host or port do not, nor a URL whose password the code never asks for or only
    tests for, `if parts.password:`, nor one with the password cut out). Only
    where the code does not show where a value comes from (a parameter, an attribute set
    elsewhere, what an abstract method returns: `@abstractmethod`, `raise NotImplementedError`,
    its subclasses' to say), or shows only that it is computed from a credential by a call it
    cannot follow (the JWT scraped from the token page's HTML, `soup.find("textarea")
    .contents[0]`, kept as `self._token`), does its name decide (`access_token`, `api_key`, also one lowercase word:
    `accesstoken`, `authtoken`, `clientsecret`, CHAP's `initiatorsecret`; `saml_assertion`, `SAMLResponse` and `client_assertion`, bearer
    assertions; a PIN, `codepin`, `pin_code`, not a plain `pin` or `assertion`;
    `authorization_header`, the header's value, while a parameter
    whose default is a header's name, `auth_header="Authorization"`, names where the credential
    goes), and then only its own: a part
    unpacked from a value only a name calls a token (`slot, bearer = fresh_token`) is judged by
    its name (`bearer` is reported, the cache `slot` is not), as is a part unpacked beside one
    named for the token from what a function of another module returns (`server, token =
    get_token(server)`: `server` is the server's URL; and the user half of a split pair, in a
    helper too: `username, password = user_credentials.split(":", 1)` printing `username` prints
    none of what its caller hands in); and a name unpacked from what a
    function of the module returns as a tuple on every path (`url, headers, body =
    normalise(url, headers, body)`; a list, also one the function builds and rewrites place by
    place from itself, `params[3] = str(params[3])`) holds what that place holds, so a helper
    that logs the URL does not log the headers handed to it (so does a place of a tuple a class
    keeps in an attribute, every write of it a tuple written out: `self._access[2]` of
    `self._access = (token, expires_at, refreshed_at)` is the time of the last refresh); read under a test of a flag
    unpacked beside it (`ok, outcome = get_credentials()`; `if not ok:`), only the returns
    whose flag is that literal count (`return False, "login failed"`: the error text). An entry
    of a dict a function of the project returns written out on every path holds what that
    entry holds (`stats = bridge.stats()`, then `stats["issued_tokens"]` of `return
    {"issued_tokens": len(self.ledger.entries())}`: a count), also read off the call itself,
    from a function of another module, or through a factory of the module declared to return
    the class (`bridge = make_bridge()` of `def make_bridge() -> Bridge`). The answer of a client's
    request for a path or URL (`client.get("/orders/", json_data=body)`, a `.get` with more
    than a key and a default, or a key that is a path) is what the service answered, not the
    key the request carried (a mapping's `config.get("key", api_key)` hands the default back,
    and is reported). A pagination cursor is no token (`next_token`, `after_token`,
    `skip_token`, a listing page's `page["token"]`), nor a proof shown once and public by
    design (an ACME challenge's token, `challenge["token"]`, served under
    `/.well-known/acme-challenge/`; a CAPTCHA's answer, `captcha.token`, `turnstile_token`; the
    `validationToken` Microsoft Graph sends a webhook endpoint to echo back; a WebDAV lock's,
    `lock["token"]`, anywhere), nor an anti-forgery token, bound to the session and useless
    without its cookie (`csrf_token`, Rails' `authenticity_token`, ASP.NET's
    `__RequestVerificationToken`, MediaWiki's `login.get_edit_token()`: its CSRF token's former
    name), nor a SignalR connection's id (`connection_token`, the `connectionToken` a hub's
    negotiate endpoint hands any client), nor a value whose name says it holds a token or a reason
    (`token_or_reason`: a failure's reason where the token was returned before), nor is where a key file lives (`APIKEY_FILE_HOME`), nor what a token is for
    (`token_subscription`: a subscription id), nor its identifier (`token_id`, `token_uid`,
    `token_uuid`: an OCPI charge card's uid in a route's path), nor when it expires (`access_token_expires`),
    nor a local the code names an identifier or a file's location (`token_pk =
    request.POST.get("_token")`, `credentials_file`; a helper's `oauth_file =
    oauth_credentials`, in the branch where its parameter is a path, logs no caller's
    credentials: the programmer's name beats the field's,
    and the environment variable's: `explicit_file = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")`),
    nor, in a module whose own text says its tokens are something else (a WebDAV server's
    lock tokens, `opaquelocktoken:` URIs or "lock token"; a lexical analyzer's words, shlex's
    `wordchars`, Pygments' token types, `Token.Keyword`; a brokerage market feed's instruments, Dhan's `SecurityId` /
    `ExchangeSegment`, Kite's `instrument_token`; a blockchain's coins, Solana's `lamports`, a
    `token_mint`, an ERC-20; a one-time-password server's devices, in a module reading PSKC
    files or naming privacyIDEA's `tokenclass`; a CAPTCHA-solving service's answers, in a
    module naming Anti-Captcha, 2Captcha, CapSolver, CapMonster or DeathByCaptcha, not one
    that only shows reCAPTCHA; an Alexa skill's answers, in a module writing `AudioPlayer.Play`,
    an `audioItem` or `Display.RenderTemplate`: their `token` is an id Alexa echoes back; a
    Nextcloud Talk client, its API under `apps/spreed`: a conversation's `token` is the room's id), a value named with `token` and no credential's word (`token`,
    `lock_token`, `token_list`, `popular_token`; not `access_token`, `user_token`, `bot_token`),
    also handed to a helper that logs it, or read from a plain `get_token()` or
    `get_one_token(serial=...)` (`access_token` and
    a password there are still credentials), nor, in a secret scanner's module (its text
    naming detect-secrets, a `PotentialSecret`, a `SecretsCollection`, a baseline's
    `hashed_secret`, or "secret scanning"), a value named with `secret` and no credential's
    word nor one about its value (`secret`, `secrets`, `new_secrets`: the scan's findings,
    printed as a type, a file, a line and a hash; `secret.secret_value` and `client_secret`
    are still reported), nor a few characters from a token's middle (`token[18:22]`, eight at
    most), nor a one-character window or a short prefix or suffix (`token[0:1]`, `token[:6]`,
    `key[-4:]`, also the whole value only where it is no longer than the cut, as a helper
    naming a key by its suffix writes it, `key[-8:] if len(key) > 8 else key`; nor the arm of
    a condition that is its own test's empty value, `"*" * len(password) if password else
    password`; a format that cuts it, `log.debug("token %.5s...", token)`, or formats it as a
    number, `log.error("api=%d", header.api_key)`: a string would make the logger fail; `header[7:]`
    keeps the token), nor a place of a kept pair that holds no token (`self._token[1]` of
    `self._token = key, valid_until`: every value written to it a tuple written out, or None;
    `self._token[0]` is the key), nor a value logged in the branch that found it
    empty (`if not args.password:`, `if cookie is None:`, also set to an empty value there, `self.credentials = {}`)
    or an error (`if isinstance(resp, TokenError):`) or without its token (`if "passToken" not
    in answer:`, `if not data.get("access_token"):`; a missing refresh token says nothing of
    the access token; or without a field the code goes on to read with the token, in a branch
    that leaves: `if "user_id" not in data: log.error(..., data); return {}`, then
    `data["user_id"]` and `data["access_token"]`), nor what a helper of the module returns only
    in an arm the call does not take (`if section is None: return parser.sections()`, then
    `return (host, user, password)`: `read_config()` passing no section gets the names; a
    call passing a section, a name or a literal, may get the password), or without a credential field (a request
    helper logging each body except those it found to hold one, `if not any(field in data for
    field in SECRET_FIELDS):`, `if "password" not in data:`, past `if "password" in data:
    return`: a login body handed to it is never logged; the fields tested must name a
    credential), nor what a function named for a name or an
    identifier returns (`jwt_cookie_name()` reading the `JWT_AUTH_COOKIE_SIGNATURE` setting:
    the cookie's name), nor what a call named as a token getter answers when its receiver is
    not known and the one function of the module so named returns no token (`success, error =
    await token_mgr.refresh_server_token(id)` of a method answering `(True, None)` or `(False,
    str(e))`: its code beats its name; where no module of the project defines it, a part
    unpacked from its answer is judged by its own name, `error` no token, `access_token` one),
    nor a token format's version (`jwt_version`), a mode or a flag
    (`JWT_OIDC_TEST_MODE`), nor an action on tokens (the `--get-openid-token` option, a
    `revoke_token` callable), nor a part named for the token it is read from
    (`hostname_in_token`), nor a push service's address of a device (`device_token`,
    `fcm_token`: where a notification goes, not a credential; also when it holds the
    `token` field of the push service's registration answer, `fcm_token = await
    client.checkin_or_register(...)`), nor a setting about tokens (a
    switch, `permit_create_token`, `allow_new_token`; a way of doing something,
    `collection_by_token`; the permissions tokens get, `default_permissions_create_token`),
    nor a field named for a token or something else (`PathOrToken`: a path for one kind of
    record, a token for the other; the name does not say which), nor another domain's token
    (a version's `prerelease_token`; a word of Python's lexer, `token: TokenInfo`; a market's
    number for an instrument, `stock_token`, `isec_token`, `market_depth_token`, while
    Salesforce's and AWS's `security_token` are credentials; the words of a text,
    `title_tokens`, `word_tokens`), nor a
    name (`old_token_name`: a sync state's file named after the token), nor a number
    (`tokens = int(response.headers["x-ratelimit-remaining"])`; a setting read with a number for
    its default, `settings.get("tokens_this_month", 0)`, or for its fallback,
    `watch.get("llm_tokens_this_period") or 0`; one read with `True` or `False` for its
    default, `auth_info.get("refresh_token", False)`: whether there is one), nor `tokens` alone (a command line's or
    a lexer's words, a language model's count; a dict of tokens a client fetched is a token by
    where it comes from), nor a word of a split text
    (`for token in setting.split(","):`: what the text holds, its parts hold), nor a yes-or-no
    (`is_password`: whether the input is hidden) or a lifetime (`jwt_expire`), nor a serial
    number, a moment or an encoded identifier (`token_serial`, `tokenDt`, `credential_id_b64`:
    an OTP device's serial, when its counter matched, a passkey's id), nor a field of data
    whose signature is checked over a string built from its fields (`"{serial}|{timestamp}"
    .format(**request_data)` verified with the phone's key: the request is signed, its serial is
    no token; a value handed whole to a verifier, also cut, `message, signature =
    token.rsplit(".", 1)`, is), nor a text signed whole and checked by hand, or its signature
    (`public_key.verify(signature, data, padding, algorithm)` over an audit entry, also through
    a verify method of a class of the project: what is verified is data; the message cut from a
    token, `token.rsplit(".", 1)`, is the token's), nor what is told about a token or the kinds
    of token there are (`token_info`, `token_types`, `token_classes`: an OTP server's device
    options and device classes), nor a member of an enum (`IdKitStage.PASSWORD`, also of
    another module's: a stage of a login flow), nor a label of which kind of token or where it is read
    from (`type_token = "access"`, `token_from = "headers"`, `JWT_TOKEN_LOCATION`), nor an
    answer's field names (`sorted(answer)`, `answer.keys()` in a request helper), nor a name the
    function opens or reads as a file (`open(credentials)`, also an attribute,
    `open(cnf.credentials, "w")`, a ConfigParser's
    `read(credentials)`: the credentials file's location) or the message itself calls a file's
    location (its last word before the placeholder: `"Deleting profile [{}] from file:
    {}".format(profile, credentials)`, `f"cache-file at {get_token_location()}"`, also in a
    message built first from adjacent literals, `txt = (f"..." f"stored in file
    '{args.credentials}'. ")` then `log.info(txt)`) or an anti-forgery token (`"Got CSRF
    token: %s", token`, also `"CSRF token found for %s: %s", domain, token`: a verb and a few
    words with no other credential's name between; a token by its
    origin is reported whatever the message calls it), nor the certificate pyOpenSSL's `crypto.verify(cert,
    signature, data, digest)` checks a webhook's payload with (the payload is what is
    verified; the certificate and its URL are public). So a language model's token
    count (`estimated_tokens: int`, `total_tokens`), what is counted or summed of words
    called tokens (`self.token_summary_data`, `token_stats`, `token_counts`, `token_usage`:
    a name's last words say so), a field the module's classes declare only as a
    number, a flag or a time (`pair_data.token` of a dataclass declaring `token: int`: a pairing
    request's id the TV answered; the PIN authenticates; a field another class declares `str`
    is judged by its name), a value the code joins from identifiers with
    nothing holding a token (`"{}_{}".format(self.user_id, self.uuid)`: instabot's `rank_token`, and
    the URLs it is put in), the first place of an HTTP client's `auth`
    pair (`auth[0]`: requests' and aiohttp's `(user, password)`, the user), what a request context gives a policy check
    (`credentials = context.to_policy_values()`: oslo.context's ids and roles, checked against
    oslo.context 6), a flag by its default (`decode_token=True`,
    `refresh_token=False`), a claim (`token_scopes`), how powerful a token is
    (`best_token_power`, `token_privilege`, `token_level`: "root", "elevated"), the authority
    that issues it (`bearer_authority`: the login host a challenge names), where a login form's
    field is found (`password_selector`, `password_xpath`), the error text an answer gives about
    a field (`answer.get("errors", {}).get("password")`, `body["errors"]["password"]`), the name given
    to a token (`token_slug`, what `delete_token` takes), a local named for a choice among ways
    (`mode = args.credentials`, `--credentials auto|adc|impersonate`: `mode`, `kind`, `source`,
    `method`, `strategy`, `backend`, `provider`), the value of a variable that holds a key file's
    path (`GOOGLE_APPLICATION_CREDENTIALS`, `AWS_SHARED_CREDENTIALS_FILE`), whether a password ran out
    (`passwordExpired`), the name a person gave a passkey (`credential_nickname`), the name of
    the environment variable a key is read from (`api_key_env: str = "PLESK_API_KEY"`; not
    `TOKENS_BY_ENV`, and a value read from the variable is a token by the read), a token name
    the module puts in URL paths right after its own collection (`f"{BOARD_BASE}/{board_token}"`
    with `BOARD_BASE` ending in `/boards`: a job board's public slug, as NHL403 reads it), what
    the programmer named a public key (`self.pubkey = state["loginTrustFlagsSecret"]`, loaded
    as a PEM public key: the name of the holder wins over the field's), when a token was had
    (`_access_token_issued`, `token_updated_at`, `api_token_created_at`), how long it lives (`token_lifespan`), a loop's variable over string literals the code
    writes out, none a secret (`for token_key in ["nextPageToken", "continuationToken"]:`: a
    field's name), what supports a kind of token
    (`ops_that_support_jwt`: a list of providers), a library enum's member (`EResult.InvalidPassword`:
    a CapWords member of an imported CapWords class, the status a login returns; a settings
    class's `Config.SECRET_KEY` is judged by its name), a SMART on FHIR EHR launch's id
    (`launch_token`, which the authorization URL carries by design), a password policy's settings
    (`password_properties`: a domain's pwdProperties bits, `password_history`), what is known
    of a token (`token_metadata`: an introspection answer; `token_thumb`: the thumbprint of
    the certificate it is bound to), the command that prints a credential
    (`mfa_token_command`: what the command prints is reported), a row count, a
    header-name constant, a length or where a credential is kept (`credentials_dirname`,
    `token_file`: a path, logged when reading it fails), where a token is asked for
    (`token_server`, `auth_token_host`), a cryptocurrency token's public on-chain data (its
    mint or contract address, ticker, balance or price: `token_mint`, `token_address`), a
    warning about tokens (the `X-Token-Warning` response
    header) or the parts a JWT is split into (`token.split(".")`: its header, claims and
    signature; the part after the scheme, `authorization.split(" ")[1]`, is the token) is not
    a token, whatever it is called; nor is a dict written out with public fields only (`credentials =
    dict(client_id=..., redirect_uri=..., state=...)`, also filled afterwards under such keys,
    `token_data["region"] = region`: its keys decide, not its name), nor the
    listing of a dict the code fills by key (`list(self.tokens)` gives the slots; a dict keyed
    by the tokens themselves, or `.values()`, is reported); nor is the public
    half of a credential the code splits in two (`client_id, client_secret =
    basic_auth(request.headers)`: `client_id`, `username`, `email` are the identity, the other
    half is the secret; the user name of the parsed incoming credential,
    `request.authorization.username`, whatever the local it lands in is called, and the entry of
    a key named beside its secret, where only the name says what it is (`api_key` with
    `api_secret`, `consumer_key` with `consumer_secret`, `access_key` with `secret_key`, as the
    function's parameters or its class's attributes: the account's identifier, which Vonage's
    client puts in the REST paths it logs; a key alone, or one read from a credential setting,
    is still reported), the entry of
    a credentials mapping read by a key named for the user-name field,
    `credentials.get(settings.USERNAME_FIELD)`, not one read by a user name, which is that user's
    secret, and a comprehension taking one field of each element, `[d.id.hex() for d in
    credentials]`: the ids of WebAuthn credentials, public; `[cmd.get("cmd") for cmd in body]`:
    the command names of a login body, whose password is in another field; `[t.secret for t in
    tokens]` is reported); nor is the name of
    a credential's variable kept as a class constant (`EnvironmentVariables.CLIENT_SECRET =
    "AZURE_CLIENT_SECRET"`: the class body's value decides). A model object is not a token
    either: one looked up by a token (`orm.APIToken.find(...)`, also through the project's own
    `find` that loops over a query, or its own `get_token()` that returns one), a row handed
    to a database session (`db.delete(token)`): its printed form is the model's, and the
    database keeps a hash. Nor is an object only its name calls a credential (`credentials`)
    whose class, in this module, prints a mask in place of the secret: its `__repr__` or
    `__str__` (its own or a base's) has a mask literal (`"********"`, `"[client_secret]"`,
    `"<redacted>"`), neither returns a credential's value or every field (`self.__dict__`,
    `asdict(self)`), and a class without a `__repr__` of its own is no dataclass and has no
    base nhilint cannot see. An object of a class that prints the secret (`return
    f"{self.username}:{self.password}"`), or whose class is not known (a plain parameter, a
    class of another module), is still reported.

    Not reported either:
    - a plain `token` that is the handle of an operation the service started: bound from a
      call starting it (`token = await client.create_search(command)`; `create_`, `start_`,
      `submit_`...; not a session, a login or a key) and handed back to the same client's
      calls about it (`client.close_search(token)`): it names the running search in a session
      the client authenticates otherwise, and grants nothing by itself;
    - a value written by a module-level logger to which its module attaches a filter named
      for hiding secrets (`log.addFilter(SecretsFilter())`, `f = SensitiveFilter();
      log.addFilter(f)`, also under an `if` that may leave it off, and the logger imported
      by other modules: `from pkg import log`): the filter rewrites the record before any
      handler sees it, and, as with a function named for redaction, what it hides is the
      author's stated intent. A filter not named so (`RequestIdFilter`) changes nothing;
    - a token logged while handling the exception that says it failed verification
      (`except jwt.ExpiredSignatureError:`, `except BadSignature:`), in the branch that found
      it expired (`if token.has_expired():`; not its `else`, not `if not ...`), or in the
      branch that found it did not match and turns the request away (`if not
      hmac.compare_digest(key, expected): ... return None`; not a branch that goes on): it
      authorizes nothing; so is the credential a request presented, compared with `!=` to
      the expected one in a branch that turns the request away (`if token !=
      self.secret_token: log.debug(..., token); raise HTTPError(403)`; also found `not in` the
      configured keys, `key not in app["config"]["users"]`, one side of an `and`, in a message
      of its own, in a branch that answers 401 or 403, `response = web.json_response(...,
      status=401)`): only the side read from the incoming request, or a parameter held
      against what the code keeps (`auth_token not in await cls.get_valid_tokens()`, then a
      raise: an OCPI party's unknown token); the expected secret logged there, or either side
      where both are parameters, is reported;
    - a value logged in the branch where it is an endpoint's error answer, as it is or made
      into text (`json.dumps(response.to_dict())`), or handed there to a helper that logs it
      (`if "error" in result: error_handler(result)`), also in the `except KeyError:` of the
      read of its token (`try: token = data["access_token"] except KeyError: log(data)`, when
      that is the only field the `try` reads of it: a later field's KeyError would come with
      the token in the answer; an `except Exception:` or a bare `except:` only where that
      read is the `try`'s last statement: whatever failed, the token was not read), or past an
      earlier `if` that returns when the answer holds a
      token (`if result and result.get("access_token"): return ...`, then `print(f"failed:
      {result}")`: msal's error dict) (`if "error" in
      response:`, AWS's `if "Code" in r and "Message" in r:`; an answer logged in an arm of an
      `if` other than the ones that hand it back, `elif code == 0: return answer.get("data")`
      then `else: log.error(f"non-ok status: {answer}")`; one field of it under a key that
      names no credential, `answer.get("apiStatus")`, is that field; the body of a failed answer, `if
      response.status_code != 200: log.error(response.text)`, `if not response.ok:`, `if
      response.status_code == 401:` (also reached when a 200 lacked its token), the `else`
      of a test for a success, `if response.status_code == 200: return response.json()` then
      `else: log.error(response.text)` (also `print(response.json())`, a named success code,
      `requests.codes.ok`, `HTTPStatus.OK`, and a logging helper of the module handed the
      body there), or a log after such a test whose body leaves the block, `if
      resp.status_code == requests.codes.ok: ... return True` then `log.error(resp.text)`
      (not after a new request put in the same variable), or of `elif not err:` with `err = answer.get("error")`
      (not the `else` of a test for an error, which holds the success), in the
      `except` of a `try` that calls `response.raise_for_status()`, also
      the answer's JSON read before the test, `data = response.json()` then `if
      response.status_code != 200: log(data)`, or the data half of a result pair logged where its
      error is set, `data, err = fetch_tokens(...)` then `if err is not None: log.info((data,
      err))`, from a helper of the module whose every return carrying an error carries None
      for the data, `return None, exc`): an error holds no token. The body of the token endpoint's answer otherwise is the tokens
      (`response.text` or `response.json()` of a request whose body has a `grant_type`, also
      a form encoded with `urlencode({...})`, also a response bound by `async with
      session.post(...) as resp`, also the answer of the module's own request helper called
      for the token URL, `r = self.request("POST", url=token_url, ...)`), and is reported,
      whole; so are the cookies a login answers with, written whole (`resp.cookies`,
      `dict(resp.cookies)`, `resp.cookies.get_dict()` of a request whose body sends a
      password, a one-time code, a secret or a token): the user's session (not the cookies
      of a request that sends no credential, their count, nor a failed answer's); a field of it that is no token
      (`answer["scope"]`, `expires_in`) is not, nor is the `.json()` of a request to a URL
      only named for the token endpoint without a grant (`self.token_url`: Keystone's v3
      answers with the token in a header, its metadata in the body);
    - a copy of the headers whose credential is replaced by a literal mask
      (`{k: "(redacted)" if k.lower() == "authorization" else v for k, v in headers.items()}`,
      also by a constant naming the header, `k == HEADER_AUTHORIZATION`,
      or an allow-list, `{k: v if k in SAFE else "<redacted>" for k, v in data.items()}` with
      no credential's name in `SAFE`; a copy that keeps only the credential's value is reported,
      or `shown = headers.copy()` then `shown["Authorization"] = "XXXX-MASKED-XXXX"` or `del
      shown["Authorization"]` before the log (also a copy filled by `update()`, `log_token =
      {}; log_token.update(token)`, its keys replaced in a loop over the credential keys,
      `for key in ("access_token", "refresh_token"): log_token[key] = "REDACTED"`), also a mask keeping a few characters (`"****" +
      auth[-4:]`) and a copy a helper of the module makes and returns (`log.debug(...,
      clean_headers(headers))`); also a copy whose password field is deleted (`del
      loggable[AD_ATTRIBUTE_PASSWORD]`, the key a constant), or a dict the function wrote out,
      spread with its secret entries replaced after it (`{**data, "client_secret":
      "[redacted]"}`); also the plain headers logged where the copy is made only when they
      hold the credential (`shown = headers`, then `if headers.get("Authorization"): shown =
      headers.copy(); shown["Authorization"] = "..."`), when the function wrote the headers
      out with no other credential (an `x-api-key` set in another branch reaches the log
      through the alias: reported); a copy that masks another header
      or field, or whose mask keeps the token (`"****" + auth[7:]`), is reported);
    - a dict handed to a helper that logs only what is not a dict (`if not isinstance(x, dict):
      log.debug(x)`), and a token handed to a helper that dispatches on the type of what it is
      given and logs it only in the branch for other objects: `if isinstance(orm_object,
      APIToken): ... else: warn_owner(orm_object)` (tokens take the first branch; the other
      holds a user or a service), or `if isinstance(obj, User): log(obj)`. Only for a
      parameter not named for a token: `def send(token): if isinstance(token, AccessToken):
      ... else: log(token)` logs the raw token string in its other branch, and is reported;
      and a token handed to a helper that logs it only in a branch the call does not take:
      one testing another parameter against a literal (`if method == "GET":`, also as one
      side of an `and`, the call asking for a POST), or run only when an optional parameter is given (`if value is not None:`,
      `if label:`, default None, the call leaving it out or passing None), or a flag defaulting
      to False is passed true (`if debug:`, the call leaving it out or passing False);
    - what a function returns when it puts the token in only under such a test: `data =
      {"hint": token[:4] + "..."}`, `if include_token: data["token"] = token`, `return data`,
      printed or logged by a caller that leaves the flag to its default or passes False (also
      from another module). A caller passing True, or a flag it does not spell out
      (`include_token=args.reveal`), is reported, as is a dict holding the token whatever the flag;
    - `print(token)` of a token the code has just minted (a command handing a new token to the
      person who asked for it), or of a credential it has just created (`entity, api_key =
      await service.create(...)`, then `print(api_key)`; a token object written out once its
      claims are set, `serialized_token = token.serialize(issuer=..., lifetime=...)`, a command
      minting it for the person who runs it; or drawn at random right there,
      `password = "".join(str(randint(0, 9)) for _ in range(5))`, a pairing code the person
      types to a bot, a new TOTP seed `secret = pyotp.random_base32()` (pyotp draws it from
      `random.SystemRandom`, checked with pyotp 2.9) for the operator's authenticator, also formatted into a text with no other credential,
      drawn by a helper of the module (`_random_password()`), or a click/typer command's
      `password = db_password or _random_password()` (what its person typed, else a draw; a
      typer command also when registered elsewhere, its parameters `typer.Option(...)`), or a
      field of what a creating call returned (`link = service.create_link(...)`, then
      `f"Token: {link.token}"`), or made around a value drawn or generated right there
      (`token = encode_invite(door_key, seed)` with `seed = secrets.token_bytes(16)` or
      `generate_seed()`: an invite command's new enrollment token) when the command only shows
      and writes it (sent anywhere, it is reported), also through the module's print helpers (`click.echo` to
      stdout, `print(..., file=file)` with `file=None` set to nothing but `sys.stdout`),
      also as an entry of a report dict the command prints itself or hands to a helper that
      prints it to stdout (`provision --json`: `emit_json(summary)`): shown once to whoever hands it over,
      the service keeping only its hash; not in a module that serves requests, whose stdout is
      the server's log, unless the function runs only from the module's `if __name__ ==
      "__main__":` block, before the server starts; nor written to a logger), and the `print` of a token an interactive tool obtained, in a
      module that asks the person at the terminal (`input()`, `getpass.getpass()`,
      `click.prompt`), when the tool does no further work with it: the token is its answer to
      the person who asked for it (`python -m msal`, a docs example that prints the token it
      just obtained), nor such a tool's link to a provider's authorization page for that
      person to open (`https://getpocket.com/auth/authorize?request_token=...`, printed before
      `input()`: the three-legged flow sends the request token through their browser). Still
      reported: such a tool's logger calls; a tool that prints the token
      it then hands on (an importer printing the access token it goes on to use: no one asked
      to see it, and the scrollback or a captured output keeps it); a server's `print` (a hook
      printing a password-reset token writes to the server's log). So is the `print` of a
      token in the function that parses the command line (`args =
      parser.parse_args(argv)`: the command's entry point), on every path of the command (not
      under an `if`: `if args.verbose:` asks for more output; an `if` / `else` whose arms
      both print it, `if args.json: print(json.dumps({"token": token})) else: print(token)`,
      only picks the output's form; or in one arm of the parsed options' dispatch, a chain of
      three arms or more each testing them, `if args.configure: ... elif args.authcode: ...
      print(token) else: ...`, each arm a command of its own, what another arm reads not read
      after it; an arm named for the credential or for reading one out, `authcode`, `token`,
      `show`, not one that does something else with it, `elif command.startswith("pul"):`
      pulling secrets and printing how many it got), when the function reads the token
      nowhere after the print (`opentaxii-create-account` printing the token of the account
      it created): the command's output to the operator who ran it; a command that goes on
      to send, keep or return the token it printed is reported;
    - a `print` in the branch of an option that asks for the tokens to be shown (`if
      show_tokens:`, `if args.print_tokens:`, `if args.print_auth_header:`, `if args.get_refresh_token:`,
      `if args.print_cookie:`; or one that asks the tool to log in and hand the session on
      instead of using it, as openconnect's `--authenticate`: `if args.authenticate:`,
      `args.auth_only`, `args.cookie_only`, read from the parsed options, not `self`), or in a command
      named for the credential it prints (typer's or click's `@app.command(name="api-key")`,
      a `token` command, as `gh auth token`; a command reading out what the person names, a
      secrets tool's `get`, `read` or `show`, as `vault kv get NAME`, also the branch of a
      program that dispatches by hand, `if args.command == "read":`, also one named for the
      credential, `if args.command == "token":` (`"get-token"`, `"api-key"`; also named by
      an enum's member, `args.action == str(Action.TOKEN)`), or an argparse
      subcommand dispatched to the function of its name, `add_parser("get-token")` and
      `get_token()` (or `_get_token()`, kept private to the CLI, or `_cmd_mint_token()`,
      `do_`, `handle_`, `run_` before the command's name), or given as its default
      (`s = sub.add_parser("exchange", help="token exchange")`, `s.set_defaults(func=run)`),
      named for obtaining a credential with a help text naming it (`exchange`, `assume`,
      `create`, `mint`: as `aws sts assume-role` prints what it got; not `login`, which keeps
      what it obtained, nor `deploy`), or a helper of the module every call of which is in the branch of a
      flag named for the credential, `if access_token: return cls.fetch_access_token(...)`
      with `access_token: bool` (click's `--access-token`, `is_flag=True`), or the `run` or
      `handle` method of a command class named for reading a credential out (Flask-Script's
      `class DecryptSecretsBootstrap(Command)`; a Django command by its module's name,
      `management/commands/show_api_key.py`), or for creating one and showing it once to the
      operator who ran it (`management/commands/create_auth_token.py`, `CreateApiToken`), not a `sync` or a
      `login` printing the key it uses; an interactive shell's command whose help says
      it shows a credential, `do_pp`, "print the password only", also in a mixin of commands,
      or one of a `cmd.Cmd` subclass named for it, `do_password`): the person running the code
      asked to see them
      (not `if verbose:`, which asks for more output, not for secrets), or in a function named
      for printing, or whose docstring says it prints to the console ("Print setup message to
      console.": HAP-python showing the pairing code) (`print_export_line()`,
      `show_credentials()`: its caller asks for the
      output, as aws-google-auth's `--print-creds` does, and the call handing it the
      credentials is not reported either, `display_credentials(creds, region, output)`; not a command named for showing
      something else, `show__endpoints`, printing the key in its `--explain` output);
    - a `print` (or `sys.stdout.write`) of a credential helper's output in a protocol its caller reads: shell lines
      exporting the credentials for `eval $(tool -e)` (`export AWS_SESSION_TOKEN=...`, fish's
      `set --export`, PowerShell's `$env:`), directly or from a method returning the
      formatted template, or joined from a list of such lines (`print("\\n".join(lines))`, a
      line `'{}AWS_SESSION_TOKEN={}'.format(prefix, ...)` whose placeholder is `export ` or
      nothing: the `env` / `env-export` format the user chose; a line that is one
      `NAME=value` alone, `TRACKING_TOKEN=...` for `export $(tool)`), and the AWS CLI
      `credential_process` JSON (a `"Version"` entry
      beside the keys; also written piece by piece into a local, `json = "{"` then `json +=
      f'"AccessKeyId": ...'`, or the credentials dict given a `"Version"` entry and handed
      to the tool's print helper, `creds["Version"] = 1` then `print_data(creds, fmt)`), a git credential helper's answer to git, `print(f"password={token}")` in a module
      that reads git's request on stdin (gitcredentials(7): git reads `username=` and
      `password=` lines from the helper's stdout), and a stdio server's JSON-RPC message (`{"jsonrpc": "2.0", "result":
      ...}`, also handed to a helper that writes it to stdout: an MCP server answering a tool
      call with the secret its client asked for): stdout is how the tool answers (a plain
      `print(credentials)`, or a plain dict handed to that helper, is still reported);
    - a `print` in an example program (a script under `examples/`, `example/`, `demo/`,
      `sample/`, `sandbox/` or `quickstart/`, not its settings module): documentation showing
      its reader what it obtains, as NHL301 treats an example's literals (its logger calls are
      still reported, and so is the `print` of an example web app, whose stdout is the
      server's log: fastapi-users' examples printing every password-reset token);
    - GitHub Actions' `::add-mask::` workflow command (`print(f"::add-mask::{token}")`): the
      runner masks the value in the job's log from then on (another workflow command, such as
      `::notice::`, is a log line);
    - `print(..., file=f)` to a file the code keeps.

    Still reported, because the code at the call does not show it is safe: a log method of the
    project's own logger wrapper (`self._log.exception("bad id_token: %(id_token)s", {"id_token":
    token})`) whose method scrubs its arguments in another module, or only for some of them (a
    lone dict, unless PII logging is switched on): the wrapper's body and its conditions are not
    read from the call; scrub at the call (`scrub_pii({...})`) or suppress the line. And the
    `print` of a command that lists what the user's own files hold (`server list` printing each
    running server's login URL with its token): nothing in the code tells that output from a log.

    Masked, hashed or measured forms (`token[:4]`, `mask(token)`, `sha256(token)`, `len(token)`,
    a text with the token replaced, `line.replace(token, "***")`, also by a part of itself:
    `token.split(":")[0] + ":{TOKEN}"`; also a text a helper is handed with the credential cut
    out, `url.replace(f"{user}:{password}@", "")` before the log of an RTSP URL; a stored
    value the function compares for equality with a digest it computed, `if digest ==
    previous.password:` with `digest = password_digest(new_password)`: a password history's
    hash; a sum, `total_secrets = sum(folder.number_of_secrets ...)`, a count; a collection
    the function tests an identifier's membership of, `entry.id not in args.secret_whitelist`:
    ids, not secrets, while one a token is tested against holds tokens; the key an entry of a
    mapping of secrets is looked up by, `secrets_by_key[vault_secret_key]`, `secret_name in
    secrets`, `state["credentials"].pop(key)`: the entry's name, while an `api_key` looking its owner up is the key) are fine, and so is a ciphertext (`box.encrypt(token)`,
    `encrypted_token`, or a value the function hands a decryption as its input,
    `transit.decrypt_data(ciphertext=blob)`, `decrypt_blob(k8s_enc_secret, key)`: nothing
    without the key, as a hash; `decrypt` gives the secret back and is reported; a JWE handed
    to a JOSE library's `decrypt` is still the bearer's token and is reported, and so is the
    key a decryption is handed after the ciphertext, `decrypt_blob(blob, secret_key)`), but not the same bytes in another encoding (`secret.hex()`, a key
    agreement's shared secret in hex, is the secret); a text with a token put in
    (`template.replace("{token}", token)`) is not, nor is an f-string given to `.format()`
    with no brace left for it (`f'"{0}" skipped'.format(secret)`: the f-string made `{0}`
    the text 0 first). What a function named for redaction returns
    is fine too (`sanitize(request)`, `scrub_pii(data)`, `redact(headers)`, `privacy_filter(text)`,
    `filter_logger(result)`, this project's own
    included: what one keeps is decided by keys and patterns nhilint cannot weigh, and the
    author asked for secrets to go). A value
    found by a token
    (`get_session_info_by_token(token)`, `getUserForToken(token)`), the claims a token is minted
    from (`token_payload`; a claim set built from registered claims, `IdToken(iss=..., sub=...,
    exp=...)`, before it is signed), what a verification returned, by its name (`decoded_token`,
    `verified_id_token`: google-auth's and firebase's verifiers return the claims; not
    `validated_token`, which simplejwt prints as the token) or by the key it is read under
    (`answer["__verified_id_token"]`, also when a helper of the module returns it in a dict
    written out, `{"access_token": ..., "id_token": id_token}`: a key read from what such a
    helper returns holds what the helper put under that key, not the rest of the dict), a value only its name calls a token
    that the function reads a claim from (`credentials.id_token["email"]`, `id_token.get("sub")`,
    or an ID token it reads as a mapping, `dict(id_token.items())`, also through the locals it
    goes into: a mapping of claims, as oauth2client's decoded `credentials.id_token`; not a value read
    for another key, nor another value of the same object, `credentials.access_token`), a setting read from a table keyed by
    the kind of token it is for (`jwx_def["signing_alg"]["id_token"]`), a reference to a secret
    (`secret_ref`) and a link to an authorization page holding only the application's key
    (`/authorize?...&response_type=token&key={api_key}`, as NHL403 judges it) are no token, nor is a class (`AccessToken`, named in CapWords, imported or
    of the module), handed on as a type (`deserialize(data, AccessToken)`). A token
    handed to a static method (`self.server.update_claims(session, "userinfo")`) binds its first
    parameter: no `self` takes the first argument.

    ## Why is this bad?
    Logs are copied to files, log shippers, SaaS dashboards and support tickets, and kept for
    months; far more people and systems read them than hold the token. A token in a log line is
    a leaked token (OWASP NHI-02; NHI2:2025 Secret Leakage).

    ## Example
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def connect(access_token):
        logger.info("connecting with token %s", access_token)
    ```

    ## Use instead
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def connect(access_token):
        logger.info("connecting with token %s…", access_token[:4])
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [OWASP Logging Cheat Sheet, data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-532
    """

    code = "NHL404"
    name = "token-logged"
    family: ClassVar[str] = "token-transport"
    summary = "A token value is written to a log or printed"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025",)
    cwe = (532,)
    options = {"check-tests": CHECK_TESTS}
    # credential names, headers, token sources and fields: what makes a value a token says one
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
        "authorization", "api-key", "subscription-key", ".headers",
        "saml", "client_assertion", "codepin", "pin_code", "pincode",
        # a value verified as a signed token (itsdangerous, Django's signing)
        "unsign", "timestampsigner", "timedserializer",
        # a login answer's session cookies (nhilint.flow.login_cookies)
        ".cookies",
    )

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        # calls handing a token to a helper that logs it, by the helper's log call and parameter
        self._handed: Dict[Tuple[int, str], List[Tuple[cst.Call, Sink, str]]] = {}

    def leave_Module(self, original_node: cst.Module) -> None:
        """A token handed to a logging helper is reported at the call; where many calls of the
        module hand the helper tokens (pybis' request printer, 58 calls), once, where the helper
        logs its parameter (in this module), the fix's place, the calls given as related places."""
        for (_, name), calls in self._handed.items():
            sink = calls[0][1]
            where = sink.holder
            if len(calls) < _MANY_CALLS or sink.elsewhere is not None:
                for node, sink, shown in calls:
                    self.report(node, f"a token value {shown} is handed to {where}(), which writes it to the log",
                                related=[sink.related(f"{where}() writes its parameter `{name}` to the log here")])
                continue
            places = [(None, call, f"this call hands {where}() a token as `{name}`") for call, _, _ in calls[:_RELATED_CALLS]]
            self.report(sink.node, f"{where}() writes its parameter `{name}` to the log, and {len(calls)} calls in this "
                                   f"module hand it a token", related=places)

    def visit_Call(self, node: cst.Call) -> None:
        if not may_log(node) and not module_flow(self.context).may_run_helper(node):
            return  # the cheap test first: most calls stop here
        flow = self.flow()
        logged = log_arguments(flow, node) if may_log(node) else None
        if logged is not None:
            if handles_invalid_token(flow, node):
                return  # the token just failed verification: it authorizes nothing
            unshown = unshown_arguments(node)
            for value in logged:
                if rejected_mismatch(flow, node, value):
                    continue  # the wrong credential a request presented, turned away
                if id(value) in unshown:
                    continue  # `"token %.5s...", token`: five characters of it; `%d`: a number
                tokens = logged_tokens(flow, value, node)
                if tokens and not self._answers_person(flow, node, value, tokens) and not error_answer(flow, node, value) and not (
                    failed_bodies(flow, node, tokens) or failed_answer(flow, node, value)
                ):
                    self.report(node, f"a token value {_shown(value, flow)} is written to the log")
                    return
                answer = None if tokens else answer_holding_read_token(flow, value)
                if answer is not None and not error_answer(flow, node, answer) and not failed_answer(flow, node, answer) \
                        and not error_answer(flow, node, value) and not unparsed_answer(flow, node, answer):
                    self.report(node, f"the answer {_shown(answer, flow)}, which holds the token the code reads "
                                      f"from it, is written to the log")
                    return
                if not tokens and isinstance(value, (cst.Attribute, cst.Call)) and b"cookies" in self.context.lowered:
                    from nhilint.flow.login_cookies import login_cookies  # asked of a logged `.cookies` only

                    cookies = login_cookies(flow, value)
                    if cookies is not None and not error_answer(flow, node, cookies):
                        self.report(node, f"the session cookies of the login answer {_shown(cookies.value, flow)} are "
                                          f"written to the log")
                        return
            return
        self._through_helper(flow, node)

    def _through_helper(self, flow: FunctionFlow, node: cst.Call) -> None:
        """`audit(token)` where `audit` logs its parameter: reported where the token goes in."""
        if not module_flow(self.context).runs_helper(flow, node):
            return
        if not any(token_labels(flow.labels(arg.value)) for arg in node.args if not arg.star):
            self._answer_logged(flow, node)
            return  # no token handed over: what the helper logs does not matter (nor is it summarised)
        helper = module_flow(self.context).helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            if name not in bound or not logged_tokens(flow, bound[name]):
                continue
            if names_identifier(name) and (mentions_token_but_holds_none(name) or _names_a_name(name)) \
                    and all(label.kind == NAMED for label in token_labels(flow.labels(bound[name]))):
                # `send_event(..., credential_ids=service.credentials)`: ids, the helper says;
                # `resolve(..., setting_name=password_setting)`: a setting's name. The value is a
                # token by its own name only
                continue
            if _address_constant(flow, name, bound[name]):
                continue  # `self._post(URLS.AUTHORIZE_TOKEN, body)`: the token endpoint's path, by its constant's name
            if error_answer(flow, node, bound[name]):
                continue  # `else: self.logger.critical(f"Failed: {r.text}")`: a failed answer's body, handed over
            logs = [sink for sink in sinks if sink.kind == LOG and not sink.token_there and self._writes(flow, node, sink, bound[name])]
            if logs:
                # reported when the module is read: one finding for a helper many calls hand tokens
                self._handed.setdefault((id(logs[0].node), name), []).append((node, logs[0], _shown(bound[name], flow)))
                return
        self._answer_logged(flow, node)

    def _answer_logged(self, flow: FunctionFlow, node: cst.Call) -> None:
        """`self._client("POST", TOKEN_URL, data=grant)` where `_client` logs the body of every
        answer: the token endpoint's answer, the tokens in it, is written to the log."""
        read_for_token = answer_read_for_token(flow, node)
        if not read_for_token and not any(token_request_part(flow, arg.value) for arg in node.args if not arg.star):
            return  # the cheap test first: no token request goes through this call
        helper = module_flow(self.context).helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            # not a helper whose log of the answer is reported where it is (it fetched a token)
            answers = [sink for sink in sinks if sink.kind == ANSWER and not sink.token_there]
            if answers and name in bound and (read_for_token or token_request_part(flow, bound[name])):
                where = answers[0].holder
                what = ("the token endpoint's answer, the tokens in it," if token_request_part(flow, bound[name])
                        else "the answer, which holds the token the code reads from it,")
                self.report(node, f"{what} is written to the log by {where}(), which logs the answer to every "
                                  f"request it makes",
                            related=[answers[0].related(f"{where}() writes the answer to its request to the log here")])
                return

    def _answers_person(self, flow: FunctionFlow, call: cst.Call, value: cst.BaseExpression, tokens: "frozenset[Label]") -> bool:
        """`print(token)` of a token this code just minted (`mytool token create`), or the
        token an interactive tool (`python -m msal`) obtained for the person at the terminal:
        its answer to the person who asked for the token, not a log; also written with
        `sys.stdout.write`."""
        if leaf_name(call) != "print" and not stdout_write(flow, call):
            return False
        # imported when a token is printed, which few files do: not at every start
        from nhilint.analysis.hardcoded_literals import example_script
        from nhilint.flow.sources import handles_requests
        from nhilint.flow.printed_answers import (
            asked_to_show, authorization_link, command_output, credential_output, just_created, masking_command,
        )

        if masking_command(value):
            return True  # `::add-mask::`: GitHub Actions masks the value in the job's log from then on
        if example_script(self.context.path) and not handles_requests(flow):
            # an example program showing its reader what it obtains (documentation); not an
            # example server, whose stdout is the server's log
            return True
        if asked_to_show(flow, call):
            return True  # `if show_tokens:`: the person at the terminal asked to see them
        if self._interactive() and authorization_link(flow, value):
            return True  # the provider's authorization page, for the person at the terminal to open
        if credential_output(flow, value):
            return True  # `export AWS_SESSION_TOKEN=...` for `eval $(tool)`: the tool's answer
        return all(label.kind == MINTED for label in tokens) or just_created(flow, value) \
            or self._hands_over(flow, call, value) or command_output(flow, call, value)

    def _hands_over(self, flow: FunctionFlow, call: cst.CSTNode, value: cst.BaseExpression) -> bool:
        """An interactive tool printing a token that it then does no work with: the token is
        what the person asked for. An importer that prints the token it goes on to use shows
        it for no one's need (the terminal's scrollback, a captured output keep it)."""
        return self._interactive() and not handed_on(flow, call, value)

    def _interactive(self) -> bool:
        from nhilint.flow.printed_answers import reads_terminal  # asked of a printed token only

        return self.context.memo("nhl404-reads-terminal", lambda: reads_terminal(self.context))

    def _writes(self, flow: FunctionFlow, call: cst.Call, sink: Sink, value: cst.BaseExpression) -> bool:
        """Whether a helper's log sink writes the value handed to it: not the `print` of an
        interactive tool, nor a helper's print of a credential the caller has just made (a
        command's `--json` output), nor a log the helper keeps for values of another type."""
        if sink.function is not None and isinstance(sink.node, cst.Call) and leaf_name(sink.node) == "print" \
                and self._hands_over(flow, call, value):
            return False
        if sink.stdout:
            from nhilint.flow.printed_answers import credential_output, jsonrpc_message, just_created, shown_on_request

            if sink.function is not None and isinstance(sink.node, cst.Call) \
                    and shown_on_request(module_flow(self.context).flow(sink.function), sink.node):
                return False  # `display_credentials(creds, output)`: the helper prints what it is named for
            if jsonrpc_message(flow, value):
                return False  # a stdio server's JSON-RPC answer (MCP, a language server): the protocol
            if credential_output(flow, value):
                return False  # `print_data(creds)` of AWS's credential_process JSON: the tool's answer
            if just_created(flow, value):
                return False  # `emit_json(summary)` of the password the command drew: its answer
        if sink.function is None:
            return True  # in another module: what it does there is its summary's word
        return not (is_dict(value) and only_for_non_dicts(module_flow(self.context).flow(sink.function), sink.node))


def _names_a_name(param: str) -> bool:
    """`setting_name`, `field_names`: a parameter that takes a name (not a path or a file name,
    which may carry a token)."""
    snake = snake_case(param)
    return snake in ("name", "names") or snake.endswith(("_name", "_names"))


# a parameter that takes an address: `url`, `uri`, `endpoint`, `path`, `route`, `token_url`
_ADDRESS_PARAM = compiled_on_first_use(r"(^|_)(url|uri|endpoint|path|route)$")


def _address_constant(flow: FunctionFlow, param: str, value: cst.BaseExpression) -> bool:
    """An UPPER_CASE constant named for a token (`URLS.AUTHORIZE_TOKEN`, `REFRESH_TOKEN`, its
    value in another module) handed to a helper's parameter that takes an address (`url`): the
    endpoint's path, which the constant's name and the parameter's say; nothing but its name
    made it a token."""
    if not isinstance(value, (cst.Name, cst.Attribute)) or not _ADDRESS_PARAM.search(snake_case(param)):
        return False
    last = value.value if isinstance(value, cst.Name) else value.attr.value
    return last.isupper() and all(label.kind == NAMED for label in token_labels(flow.labels(value)))


def _shown(value: cst.BaseExpression, flow: Optional[FunctionFlow] = None) -> str:
    """How a message names the logged value: a name or attribute as written, never a literal;
    in a message built of parts (an f-string, `%`, `+`), the first name that holds a token."""
    dotted = dotted_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
    if dotted:
        return f"`{dotted}`"
    inner = _first_token_name(flow, value) if flow is not None else None
    return f"`{inner}` (in the message)" if inner else "(an expression holding one)"


def _first_token_name(flow: FunctionFlow, value: cst.BaseExpression) -> Optional[str]:
    found: List[str] = []

    def visit(node: cst.CSTNode) -> bool:
        if found:
            return False
        if type(node) is cst.Name or type(node) is cst.Attribute:
            dotted = dotted_name(node)  # type: ignore[arg-type]
            if dotted is not None and token_labels(flow.labels(node)):  # type: ignore[arg-type]
                found.append(dotted)
            return False
        if type(node) is cst.Call:
            for arg in node.args:  # type: ignore[attr-defined]  # not the callee's own name
                walk(arg.value, visit)
            return False
        return True

    walk(value, visit)
    return found[0] if found else None

