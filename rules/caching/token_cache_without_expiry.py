from __future__ import annotations

from typing import ClassVar

import libcst as cst

from nhilint.flow import module_flow
from nhilint.flow.labels import access_tokens
from nhilint.flow.request_scoped import cleared_per_block, lives_one_request, made_per_block
from nhilint.flow.stores import INSTANCE, module_stores, written_elsewhere
from nhilint.rule import CHECK_TESTS, Rule


class TokenCacheWithoutExpiry(Rule):
    """
    ## What it does
    Finds a fetched access token kept with no expiry and handed out again: `functools.lru_cache` /
    `cache` / `cached_property` (or cachetools' and async-lru's unbounded caches) on a function
    that returns a fetched token (msal `acquire_token_*`, azure-identity `get_token`, an OAuth
    client's `fetch_token`, `requests.post(token_url).json()["access_token"]`, or a helper of the
    module that returns one), and any store that keeps one for good: a module global (a
    `refresh_*()` helper assigns it, a `get_*()` function returns it), a class or instance
    attribute, a dict the module keeps, a redis key written without `ex=`, a store object's
    keyless `put()`, and a token file: a dict saved to a file (`json.dump(stored, handle)`,
    `pickle.dump`, `path.write_text(json.dumps(stored))`) keeps its entries for good, for every
    run that reads the file back. A getter named for a token (`_get_default_token()`) is taken
    for a fetch only where the code does not show what it returns: one whose returns are what
    an environment variable holds, under a name chosen at run time (`EnvVar(env=name).getvalue()`
    reading `os.environ.get(self.env)`), hands out the user's configured token, which nothing
    fetched and nothing in the client can expire (not reported); so does a getter of another
    module of the project, followed as this module's are, even named as a library's token source
    (`config.get_token()` returning an environment variable or the keyring's entry; its
    `get_access_token()` asking the token endpoint is a fetch). Nor is an OAuth 1.0a access
    token (`oauth_token` / `oauth_token_secret` read from the access-token answer of an OAuth 1
    session, `OAuth1Session.fetch_access_token(...)`, or a token kept as a pair with its token
    secret, both read of one object, `(access.token, access.secret)` of a login helper
    elsewhere: only OAuth 1.0a gives a token a secret of its own): RFC 5849 gives it no expiry,
    it lasts until it is revoked; an OAuth 2 `access_token` kept the same way, or a token kept
    beside anything but its secret, is reported.

    A helper that saves a batch it is handed (`save_tokens([Entry(key, token), ...])` looping
    `stored[entry.key] = entry.value`, a list of `(key, token)` pairs, a dict's items), in this
    module or another of the project, is followed to each element the call spells out: the
    finding is at the element that carries the access token (the file written as a second
    place). An element kept with its expiry (`{"value": ..., "expires_at": ...}`) is not
    reported; a batch built elsewhere and handed over in a variable is not followed (silent).

    The store must be served: read in a test (`if self._token is None`, `_token or fetch()`),
    looked up, or returned, without comparing an expiry in the code: in a test, a condition or
    a comparison (a comment or docstring that mentions one compares nothing, nor does a clock
    read that only goes into a value, such as the `iat` and `exp` of a client assertion sent
    with the token request). A function that reads the slot only to answer a
    question (`is_authenticated` returning `bool(self.token)`, `_token_expires_soon()` returning
    a comparison) hands nothing out: the functions that ask it are judged in its place, so
    `if not self.is_authenticated or self._token_expires_soon(): self._refresh()` compares an
    expiry, and `if not self.is_authenticated: self._refresh()` alone does not; a function
    that writes the slot itself and then asks (a loader checking what it read back) reuses
    nothing.
    A function that hands the slot out only once the service has accepted it (`accepted =
    await self._check_in(self.credentials["device_id"], self.credentials["token"])`, then
    `if accepted: return self.credentials`, else registers anew) checks it before reuse: the
    test decides on a method of the module that is handed what the object keeps and sends a
    request; so does a question the class asks itself (`if self._stored_still_good(): return
    self.session_token`) whose answer comes from a request carrying the kept token
    (`validate_session() -> bool` sending it in its headers to `/api/user/current`, itself or
    through one more such method): a session token whose login answer has no expiry (Metabase)
    is checked by the service. A check of the object's own fields, or a request that carries
    none of them (a health ping), checks nothing (reported).
    A method that only returns the slot (`@property def access_token(self): return
    self._access_token`, "may be expired; use get_access_token") beside a getter that compares
    the expiry is the object's state shown as is, when nothing reads it, neither the class
    (`self.access_token`) nor the module (`client.access_token`): not reported; once read,
    it hands the unchecked token out and is judged with the rest. A class whose only functions
    handing the slot out are such getters (`def get_access_token(self): return
    self._access_token`), beside the method that tests the slot and reuses it only once the
    token is checked (`if self._token is not None and self.is_session_valid(): return`, else
    a new login; an expiry compared, or the service asked as above), keeps a checked token: the
    getter shows the state the session method keeps good. A session method that reuses any
    token it holds (`if self._token is not None: return`) is reported.
    A function declared to answer a question (`_has_auth_credentials() -> bool` returning
    `self.api_key or self.access_token`) hands nothing out either.
    A client that only overwrites its current token and sends it
    keeps no cache, and is not reported (a read of the slot after the function assigned it on
    every path, in a `try` and its handler, reads the value just put there; a write that falls
    back on the slot's own value, `self.access_token = state.get("access_token") or
    self.access_token` restoring a saved state, is judged by its other part: the caller's
    state, not a fetch; a read of one field that names no credential from a whole token
    answer kept in one slot, `self.user.get("account_id")` of `self.user = answer.json()`,
    hands no token out, nor does a function that tests the slot only to read such fields off
    it through the class's getters named for them (a `get_details()` doing `if
    self._current_token: details["resource"] = self._get_token_resource(self._current_token)`;
    one that also reads `_get_token_access_token(...)` hands the token out and is judged);
    nor does a function that then replaces the slot in its own body, not
    in a branch: a setup testing the slot only to word a message before its new login's write,
    a logout sending the token to be revoked and then `self.access_token = None`, or a sender
    testing the slot only to choose between two constants, `fmt = "json" if self._token else
    "line"`, before calling a method of the class whose own body writes the slot before it reads
    it, `self._token = self._service.get_access_token()` (a callee that tests the slot first,
    `if self._token is None:`, is judged); nor does a test of the slot whose branches neither
    leave the function, nor write the slot, nor call a method of the object, `if self._token:
    line = to_json(event) else: line = to_line(event)`: it chooses how to go on, not whether
    the kept token is used (a lazy fetch, `if not self._token: self._token = fetch()`, whose
    token then rides on the session's headers, is judged); a test that
    returns, `if self.access_token: return`, decides whether the fetch runs and is judged);
    nor is one whose public method fetched the token at
    its caller's request and returned the token endpoint's answer to that caller
    (`exchange_code(code)` keeping `answer["access_token"]` to send and returning `answer`,
    its `expires_in` with it, beside a public `refresh()`): the caller holds the lifetime. A
    token the client fetches by itself (in `__init__`, a private helper), a public fetch that
    returns nothing of the answer, and a slot a getter or property hands out again stay
    reported. Nor is a slot whose expiry is kept beside it, written
    by the function that stores the token (`self._token_expiration = now + expires_in`, a
    global `_token_expires_at`, or a setter of the object named for it,
    `self._set_token_expired(expires_in)`, maybe of a base class in another module): it is a
    cache with an expiry, which its readers compare. A setter named for something else
    (`self._set_refresh_token(...)`) keeps no expiry. Nor is a slot whose token carries its
    own expiry and whose class reads it: the token dict of an OAuth client session
    (`fetch_token()` answers with `expires_at`) read by an `expires_at` property, a JWT whose
    `exp` a property decodes (`expire_timestamp`), also through a property that hands the slot
    back (`token` returning `self._token`). The class keeps the expiry with the token, for
    itself or its callers to compare. So does a slot holding the whole token dict an OAuth 2
    library's session fetched (`self._token = session.fetch_token(...)` in a module using
    requests-oauthlib, aiohttp-oauthlib or authlib): the library stamps it with `expires_at`,
    and the session it is handed back to refuses it once expired (requests-oauthlib raises
    `TokenExpiredError`) or refreshes it (authlib); also a helper's parameter declared as
    authlib's `OAuth2Token` (`def _save_token(self, token: Union[OAuth2Token, dict])`); its
    bare `["access_token"]` keeps no expiry. An expiry the class reads of something else (its refresh token's) does not count.
    Nor is a store fetched again when the service turns its token away: a write of it in an
    `except` clause that asks for that answer (`if error.response.status_code != 401:
    raise`, "invalid access token", `except ExpiredTokenError:`, a 403, or a clause whose own
    words say the token failed or expired: `except ContentTypeError:` under "the API answers
    403 with an HTML page: the token has expired"), or in a function of the
    module such a clause calls, up to three calls away (`self.refresh_tokens()`, which stores
    the token through `self._save(...)`), or under an `if` that asks the same of an answer
    (`if r.status_code in (401, 403): if self.login(): ...` and the request sent again; not a
    test of a 500, nor a 401 only logged), or after a `try` whose body returns and whose
    `except` catches an exception the module raises on such an answer and falls through (`if
    r.status_code == 401: raise AuthFailed()` in the client; `try: return
    self.client.readings() except AuthFailed: pass`, then `self.client.login()` in the class
    using it; a handler that raises again replaces nothing), also when that function is
    called so from another module of the project (`if resp.status_code == 401: resp = await
    self._refresh_and_retry(...)` in the client, whose helper calls `auth.py`'s
    `refresh_access_token()`, two calls up at most there): an expired or revoked token is
    replaced on its first rejection. So is a store written by the function a retry helper is handed as the
    hook it runs when an attempt fails (`retry_call(attempt, cleanup=self.login)`,
    `on_unauthorized=self.refresh`), or by a function it calls; and a slot the class empties
    when an answer fails (`self._token = None` after `if response.status_code < 400: return
    response`, under `if response.status_code == 401:`, or in the `else:` of `if
    response.status == 200:`), which the next use fills again
    (not under a server error's `== 500`). A store fetched again only
    when the network fails is still reported (also a hook whose helper retries only network
    errors: `trap=requests.ConnectionError`).
    Nor is a store fetched again on a timer: written by a function run as a periodic job
    (`scheduler.add_job(self._refresh_token, "interval", seconds=3300)`, an APScheduler cron
    job or `@scheduled_job("interval", ...)`, `schedule.every(50).minutes.do(self.refresh)`,
    discord.py's `@tasks.loop(minutes=45)`, fastapi-utils' `@repeat_every`), or by one it calls
    up to two calls away, or in a `while` loop that sleeps between its turns and never leaves
    (no `break` or `return`): the job's interval, the author's choice, bounds the token's age.
    A one-shot timer (`loop.call_later(10, self.refresh)`), a retry loop that sleeps only until
    one fetch succeeds, and a periodic job that refreshes something else are still reported.
    Nor is an attribute the object empties when a `with` block starts or ends (`__aenter__` /
    `__exit__` setting `self._id_token = None`): a login helper used as a context manager
    keeps what one block fetched, for that block; nor one of a class every construction of
    which in its module (two at least) is a `with` block's context (`async with BackendClient()
    as client:`): each object lives for a block of a few requests (one kept anywhere else, a
    module-level object, is still reported).
    Nor is an attribute of an object made for one incoming request (its methods use
    `self.request` as the request: `self.request.session`, `self.request.user`; Django's views,
    per-sign-in OAuth clients): the object, and the token with it, is gone when the request ends.

    ## Why is this bad?
    Access tokens live minutes to hours. A cache with no notion of time hands out the token
    after it has expired (every call then fails until the process restarts), and, worse, keeps
    a revoked or rotated credential in use: the cache decides the token's lifetime instead of
    the issuer (OWASP NHI-03; NHI7:2025 Long-Lived Secrets).

    Caching a *client* or *credential object* is fine (msal and azure-identity refresh their own
    tokens); caching the token string they return is not.

    ## Example
    ```python
    from functools import lru_cache

    import msal

    app = msal.ConfidentialClientApplication("client-id", client_credential="...")

    @lru_cache(maxsize=1)
    def graph_token():
        return app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])["access_token"]
    ```

    ## Use instead
    ```python
    import msal

    app = msal.ConfidentialClientApplication("client-id", client_credential="...")

    def graph_token():
        # msal keeps its own cache and renews the token before it expires
        return app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])["access_token"]
    ```

    A slot is fine when the getter compares an expiry before reuse (`expires_at`, `expires_on`,
    `exp`, `credentials.valid`, `expired`, the kept object's own `self.oauth.is_valid()` (or property, `self._token.is_valid`): a
    token model comparing its `issued + expires_in` with the clock, a record's `fresh(now)`
    given an injected clock's time, `cached.fresh(self._clock())`), itself or in a method of
    its class it calls (or one that method calls, in a test of a method that writes a token
    attribute: every API method calling `self.login()`, which calls `self._refresh()` testing
    `now - self.refreshed_at` against the lifetime; not a method timing a cache of answers), or is
    reached only from functions of the module that compare one first, themselves or in a
    method of the class they call (a property handing it out, `self._headers`, is reached
    from the methods of its class that read it; a header helper reached only from an `acquire_token()`
    that revalidates the kept token through `self._validate_and_refresh_token(...)` first; a `renew()` reading the
    slot for its refresh token, called by `__call__` once `self.token.is_expired(20)` said so:
    a token object that carries its own expiry; also up to three calls down, `sync_auth_flow`
    -> `_refresh_token_if_expired`, testing the kept object's `is_expired` property ->
    `_refresh_token` -> `_refresh_current_token`), or asks
    a function whether the token must be replaced (`self._need_new_token()`,
    `_should_refresh_token(self._token)` imported from another module, `self._needs_token_refresh(
    self._token_resp)`: named for that question,
    it is taken at its word; so is a check of the kept token with the service, in a `try` that
    falls through to a new fetch when it raises: `try: return self.verify_token(cached) except
    LookupError: pass`); a TTL cache shorter than the token's lifetime is fine too.

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 6749 §5.1, expires_in](https://datatracker.ietf.org/doc/html/rfc6749#section-5.1)
    - [MSAL Python: token caching](https://learn.microsoft.com/entra/msal/python/advanced/msal-python-token-cache-serialization)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613, CWE-672
    """

    code = "NHL202"
    name = "token-cache-without-expiry"
    family: ClassVar[str] = "token-caching"
    summary = "A fetched access token is cached with no expiry"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-03"
    owasp_2025 = ("NHI7:2025",)
    cwe = (613, 672)
    options = {"check-tests": CHECK_TESTS}
    # every token source and token field this rule knows contains the word
    words = ("token",)

    # built-in token sources and fields all say "token"; the project's own getters may not
    catalogue_words = ("token_source_words",)

    def leave_Module(self, original_node: cst.Module) -> None:
        module = module_flow(self.context)
        stores = module_stores(module)
        for write in stores.writes:
            if write.store.ttl is not None:
                continue  # a time-to-live bounds it (UNKNOWN: we cannot tell)
            if not access_tokens(write.labels):
                continue  # refresh tokens live long on purpose; request tokens are used once; OAuth 1 ones do not expire
            if self._oauth1_pair(module, write):
                continue  # `(access_token.token, access_token.secret)`: an OAuth 1.0a token with its secret
            # imported when an access token is kept for good, which few files do: not at every start
            from nhilint.flow.store_expiry import compares_expiry, keeps_expiry_beside
            from nhilint.flow.store_serving import plain_accessor, serving_functions, testing_functions, unread_accessor

            serving = serving_functions(stores, write)
            if not serving:
                continue  # only ever overwritten: the current token, not a cache
            checked = [function for function in serving if compares_expiry(self.context, function, module)]
            if not write.store.decorator and checked and all(
                    function in checked or unread_accessor(stores, function) for function in serving):
                continue  # every function that hands it out compares an expiry first (or shows the state, unused)
            if not write.store.decorator and not checked and all(plain_accessor(stores, f) for f in serving) and any(
                    compares_expiry(self.context, f, module) for f in testing_functions(stores, write, serving)):
                continue  # a getter of the state beside the method that checks the token before it is kept on
            if not write.store.decorator and keeps_expiry_beside(self.context, write):
                continue  # `self._token_expiration = ...` written with it: kept with its expiry
            # imported when a store of a token is judged, which few files have: not at every start
            from nhilint.flow.slot_expiry import refilled_when_rejected

            same_store = [other for other in stores.writes if other.store.identity == write.store.identity]
            if refilled_when_rejected(module, same_store):
                continue  # fetched again when the service turns the token away (a 401)
            from nhilint.flow.timed_refresh import refreshed_on_a_timer

            if refreshed_on_a_timer(module, same_store):
                continue  # fetched again by a periodic job: the job's interval bounds its age
            if write.store.sharing == INSTANCE and self._expiry_in_slot(module, write):
                continue  # the token in the slot says when it expires, and the class reads it
            if write.store.sharing == INSTANCE and self._per_request(module, write):
                continue  # an attribute of an object that lives for one incoming request
            if write.store.sharing == INSTANCE and self._per_block(module, write):
                continue  # emptied when a `with` block starts or ends, or made for one block: one block's
            from nhilint.flow.caller_owned import handed_to_caller

            if write.store.sharing == INSTANCE and write.function not in serving and handed_to_caller(stores, write):
                continue  # the public fetch returns the token to its caller, who owns its lifetime
            self.report(write.node, self._message(write, serving), statement=module.statement_of(write.node, write.function),
                        related=written_elsewhere(write))

    @staticmethod
    def _oauth1_pair(module, write) -> bool:  # type: ignore[no-untyped-def]
        """The token is kept as a pair with its token secret, both read from one object
        (`(access_token.token, access_token.secret)`, `(tok.oauth_token, tok.oauth_token_secret)`):
        only OAuth 1.0a gives a token a secret of its own (RFC 5849 §2.3), and such a token has
        no expiry; an OAuth 2 token has no secret beside it."""
        facts = module.flow(write.function).facts if write.function is not None else module.module_flow().facts
        pair = write.node
        while pair is not None and not isinstance(pair, (cst.Tuple, cst.List)):
            pair = facts.parent_of(pair)
            if isinstance(pair, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                return False
        if pair is None or len(pair.elements) != 2:
            return False
        reads = [element.value for element in pair.elements]
        if not all(isinstance(read, cst.Attribute) and isinstance(read.value, cst.Name) for read in reads):
            return False
        holders = {read.value.value for read in reads}  # type: ignore[attr-defined]
        token, secret = (read.attr.value.lower() for read in reads)  # type: ignore[attr-defined]
        return len(holders) == 1 and token.endswith("token") and secret in ("secret", f"{token}_secret")

    @staticmethod
    def _per_request(module, write) -> bool:  # type: ignore[no-untyped-def]
        owner = module.flow(write.function).owner if write.function is not None else None
        return owner is not None and lives_one_request(owner)

    @staticmethod
    def _expiry_in_slot(module, write) -> bool:  # type: ignore[no-untyped-def]
        from nhilint.flow.slot_expiry import expiry_read_from_slot

        owner = module.flow(write.function).owner if write.function is not None else None
        return write.store.identity.startswith("attr:") and expiry_read_from_slot(
            module, owner, write.store.identity.rsplit(".", 1)[-1])

    @staticmethod
    def _per_block(module, write) -> bool:  # type: ignore[no-untyped-def]
        owner = module.flow(write.function).owner if write.function is not None else None
        attribute = write.store.identity.rsplit(".", 1)[-1]
        return owner is not None and write.store.identity.startswith("attr:") and (
            cleared_per_block(owner, attribute) or made_per_block(module, owner))

    @staticmethod
    def _message(write, serving) -> str:  # type: ignore[no-untyped-def]
        function = write.function.name.value if write.function is not None else "the module"
        if write.store.decorator:
            return (f"{write.store.shown} keeps the access token {function}() fetches with no expiry: "
                    f"it is served after the token expires or is revoked")
        if write.elsewhere is not None or write.store.identity.startswith("cache:file:"):
            # written by a helper of another module, or saved to a file: read back wherever
            return (f"{write.store.shown} keeps a fetched access token with no expiry: whatever reads it back "
                    f"gets it after it expires or is revoked")
        servers = ", ".join(sorted({f"{f.name.value}()" for f in serving if f is not None})) or "the module"
        return (f"{write.store.shown} keeps a fetched access token with no expiry, and {servers} hands it out "
                f"without comparing an expiry")
