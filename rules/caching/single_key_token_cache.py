from __future__ import annotations

from typing import ClassVar, FrozenSet, List

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.names import snake_case
from nhilint.catalogue.tokens import PARTITION_PATTERN
from nhilint.flow import module_flow
from nhilint.flow.labels import FETCHED, NAMED
from nhilint.flow.module import ModuleFlow
from nhilint.flow.stores import PROCESS, Store, StoreWrite, module_stores, written_elsewhere
from nhilint.rule import CHECK_TESTS, Rule
from nhilint.walk import nodes_of, walk

_PARTITION = compiled_on_first_use(PARTITION_PATTERN)
# What reaches a token request without choosing the token.
_NOT_PARTITION = compiled_on_first_use(
    r"(^|_)(timeout|timeouts|retries|retry|session|sessions|force|force_refresh|refresh|verify|proxies|proxy|"
    r"cache|logger|log|headers|http|transport|loop|executor|now|clock|url|uri|base_url|endpoint|token_url|host|"
    r"hostname|domain|port|api_base)($|_)"
    # one exchange's grant material: the code, its verifier, the refresh token being spent; what
    # it buys is the caller's token, partitioned by the caller, not by the code
    r"|^_*(code|auth_code|authorization_code|code_verifier|verifier|oauth_verifier|device_code|refresh_token|"
    r"assertion|state|nonce|redirect_uri|redirect_url|ticket|permission_ticket)$"
)


class SingleKeyTokenCache(Rule):
    """
    ## What it does
    Finds a token fetched for a varying audience, scope, resource, tenant or client identity
    (a parameter, or a per-instance attribute such as `self.client_id`, that reaches the fetch:
    its arguments or the client it is called on; not the HTTP client a request is sent through,
    `client.request(method="POST", url=..., data=...)`, `session.post(...)`: what is sent
    chooses the token) and then stored under a key that does not
    depend on it, where the store hands it out again: a module global (also one a `refresh_*()`
    helper fills and a `get_*()` function returns), a class or instance attribute, a dict the
    module keeps, `cache.set("token", ...)`, redis `set` / `hset`, a store object's keyless
    `put()`, a token file (a dict saved with `json.dump` / `pickle.dump` / `write_text`), or a
    dict keyed only by the client id while the scope varies. A helper that saves a batch of
    entries it is handed (`save_tokens([Entry(KEY_BY_SCOPE[scope], token)])`, `(key, token)`
    pairs, a dict's items), in this module or another, is judged per element: the key is the
    element's own key part, and the finding is at the element. A key depends on what it is
    built from, also through a helper of the module that hashes its `*parts` (`digest =
    sha256(); digest.update(...)`: what an object is fed through `update`, `append`, `extend`,
    `add`, `write` goes into it).

    What partitions tokens is read off the names of the inputs that reach the fetch: scope,
    audience, resource, tenant, realm, target, client, app / application id, account, partner,
    installation, credentials, subject, user, organisation, customer, grant or credential type.
    One exchange's grant material partitions nothing: the authorization code, its PKCE
    verifier, the refresh token being spent, `state`, `nonce`, `redirect_uri`, a UMA
    permission `ticket` (what the code
    buys is the caller's token, kept where the caller's tokens are kept). Nor does the
    function's `**kwargs` handed on whole to the fetch (`httpx.post(url, data=..., **kwargs)`:
    the caller's transport options, a timeout or a proxy; also after defaults are filled in,
    `kwargs.setdefault("client_secret", ...)`); read by key (`kwargs["scope"]`) it
    is judged as a parameter is. Nor do the endpoint's address (`url`, `token_uri`,
    `base_uri`) and a class's constants (`self.TOKEN_URI`). A grant's whole
    answer (`resp.json()`) handed to a store is judged by the field read from it
    (`token_data["access_token"]`), as a refresh token (`token_data["refresh_token"]`) is no
    access token.
    A per-instance input (`self.client_id`, `self.tenant`) partitions a store every instance
    shares (a module global, a class attribute, an external cache under a fixed key), not the
    instance's own slot; so does a parameter of the constructor that fills the slot (the
    object's own credentials for its whole life), or of a private method writing the slot that
    every call of the module fills from the instance's own state
    (`self.__fetch_uma(ticket, self._assertion())`). An object that handles tokens is no token,
    whatever its slot is called (`self.token_rotator = TokenRotator(client_id=...)`,
    `token_generator`, `jwt_verifier`). Nor is an issuer's registry keyed by the value the
    writing function drew for each issue (`refresh_value = f"rt_{secrets.token_urlsafe(32)}"`,
    then `self._issued[refresh_value] = Entry(upstream, client_id=...)`: an MCP OAuth
    server's refresh tokens): no other request holds that key. Nor is a store the writer makes
    from the partition itself (`store = FileStore(config.store_path)`, then `store.save(...)`:
    each tenant's config names its own file), whose one slot is that partition's; one made
    from a fixed path is reported. The store must be served: a client that only overwrites its current
    token is not a cache, nor is a slot only compared with another token to tell whether it
    changed (`self._last is not None and current != self._last`: it hands neither out), nor a
    read of the slot after the function assigned it on every path (a login installing the
    token it has just fetched: `self.token = ...` in a `try`, `None` in its handler, then
    `self.raw = RequestMaker(self.token)`: the value just put there, not a kept one), nor a
    read of a field that names no credential from a whole token answer kept in one slot
    (`self.user.get("account_id")`). A
    slot re-checked against the partition before reuse (`if self._token_audience != audience`,
    also through a local name given the slot: `entry = _resolved`, then `entry["audience"] ==
    audience`) is fine.

    ## Why is this bad?
    The first caller's token lands in the one slot, and every later caller gets it, whatever
    scope or tenant it asked for: tenant A's token is sent on tenant B's behalf, a read-only
    token is replaced by an admin one for everybody, a token for one API is replayed to another
    (OWASP NHI-02; NHI9:2025 NHI Reuse, NHI8:2025 Environment Isolation). MSAL and the Azure
    SDK have both fixed bugs of exactly this shape in their own token caches.

    ## Example
    ```python
    import msal

    class GraphClient:
        def __init__(self, app: msal.ConfidentialClientApplication):
            self._app = app
            self._token = None

        def token(self, scope):
            if self._token is None:
                result = self._app.acquire_token_for_client(scopes=[scope])
                self._token = result["access_token"]
            return self._token
    ```

    ## Use instead
    ```python
    import msal

    class GraphClient:
        def __init__(self, app: msal.ConfidentialClientApplication):
            self._app = app

        def token(self, scope):
            # msal's own cache is keyed by authority, client, scopes and account, and renews tokens
            return self._app.acquire_token_for_client(scopes=[scope])["access_token"]
    ```

    A cache keyed by the scope / tenant (`self._tokens[(tenant_id, scope)] = ...`) is fine, and
    so is one slot for a token always fetched for the same fixed audience (NHL202 checks that
    it expires), and one slot per client object for that object's own credentials.

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 8707, Resource Indicators for OAuth 2.0](https://datatracker.ietf.org/doc/html/rfc8707)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-488, CWE-668, CWE-522
    """

    code = "NHL201"
    name = "single-key-token-cache"
    family: ClassVar[str] = "token-caching"
    summary = "A token fetched for a varying scope / audience / tenant is cached under one key"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI9:2025", "NHI8:2025")
    cwe = (488, 668, 522)
    options = {"check-tests": CHECK_TESTS}
    words = ("token",)

    # built-in token sources and fields all say "token"; the project's own getters may not
    catalogue_words = ("token_source_words",)

    def leave_Module(self, original_node: cst.Module) -> None:
        module = module_flow(self.context)
        stores = module_stores(module)
        reported = set()
        for write in stores.writes:
            missing = _missing_partitions(write)
            if missing and write.store.sharing != PROCESS:
                missing = [atom for atom in missing if not _filled_with_own_state(module, write, atom)]
            if missing:
                missing = [atom for atom in missing if not _store_made_for(module, write, atom)]
            if not missing or id(write.node) in reported:
                continue
            if _keyed_by_a_draw(module, write):
                continue  # a registry of issued values, each under the one drawn for it
            # imported when a token is kept under a key that ignores a partition, which few files do: not
            # at every start
            from nhilint.flow.store_serving import serving_functions

            serving = [f for f in serving_functions(stores, write) if f is not None]
            if not serving and write.store.identity.startswith("cache:") and write.origin is not None:
                serving = [write.origin]  # an external cache is read elsewhere, by other processes too
            if not any(_serves_partitions(module, f, write, missing) for f in serving):
                continue  # only overwritten, or handed out where no partition is asked for
            names = _names(missing)
            if any(self._rechecked(f, write.store, names) for f in serving):
                continue
            reported.add(id(write.node))
            self.report(write.node, _message(write, names), statement=module.statement_of(write.node, write.function),
                        related=written_elsewhere(write))

    def _rechecked(self, function: cst.FunctionDef, store: Store, missing: List[str]) -> bool:
        """`if self._token_audience != audience`: the one slot is re-checked against the partition."""
        code_for = self.context.module.code_for_node
        slot = _name(store.identity)
        # the slot, and local names given it (`cache = _CACHE`, then `cache["for_token"] == token`)
        slots = {slot} | {
            target.target.value
            for assign in nodes_of(function.body, cst.Assign, nested=True)
            if (dotted_name(assign.value) or "").rsplit(".", 1)[-1] == slot
            for target in assign.targets if isinstance(target.target, cst.Name)
        }
        found = False

        def visit(node: cst.CSTNode) -> bool:
            nonlocal found
            if isinstance(node, cst.Comparison):
                text = code_for(node)
                if any(name in text for name in slots) and any(name in text for name in missing):
                    found = True
            return not found

        walk(function.body, visit)
        return found


def _name(atom: str) -> str:
    """`scope` of `param:scope`, `writer:refresh.scope`, `self:client_id`, `attr:Client._token`."""
    return atom.rsplit(":", 1)[-1].rsplit(".", 1)[-1]


def _missing_partitions(write: StoreWrite) -> List[str]:
    """The partitioning inputs of the fetched token that the store's key ignores: inputs
    named as a partition, and whatever reached the arguments that choose the token."""
    inputs: FrozenSet[str] = frozenset()
    selectors: FrozenSet[str] = frozenset()
    for label in write.labels:
        if label.kind in (FETCHED, NAMED) and not label.derived and not (label.kind == FETCHED and label.detail):
            inputs |= label.inputs
            selectors |= label.selectors
    key_names = {_name(atom) for atom in write.key_inputs}
    keyed_by_instance = "self:*" in write.key_inputs
    # a constructor's parameters are the object's own for its whole life, as `self.client_id` is
    in_constructor = write.origin is not None and write.origin.name.value == "__init__"
    missing = []
    for atom in sorted(inputs | selectors):
        name = snake_case(_name(atom)).lstrip("_")
        if atom.startswith("global:") or (atom.startswith("self:") and _name(atom).isupper()):
            continue  # module and class constants (`self.TOKEN_URI`) are one value
        if not (_PARTITION.search(name) or (atom in selectors and not _NOT_PARTITION.search(name))):
            continue  # timeouts and sessions partition nothing
        own = atom.startswith("self:") or (in_constructor and atom.startswith("param:"))
        if own and (write.store.sharing != PROCESS or keyed_by_instance):
            continue  # the object's own attribute, for the object's own slot
        if _name(atom) not in key_names and atom not in missing:
            missing.append(atom)
    return missing


def _store_made_for(module: ModuleFlow, write: StoreWrite, atom: str) -> bool:
    """The store object written to is made, in the writer, from the partition itself
    (`store = FileStore(config.store_path)`, then `store.save(...)`): each config has its own
    file, so the one slot is the partition's."""
    node, function = write.node, write.function
    if function is None or write.elsewhere is not None or not isinstance(node, cst.Call) \
            or not isinstance(node.func, cst.Attribute) or not isinstance(node.func.value, cst.Name):
        return False
    flow = module.flow(function)
    receiver = node.func.value
    if not flow.facts.is_local(receiver.value) or receiver.value in flow.facts.params:
        return False
    made = flow.context.bound_expression(receiver, flow.facts)
    if not isinstance(made, cst.Call) or not made.args:
        return False
    name = _name(atom)
    return any(found.value == name for arg in made.args for found in nodes_of(arg.value, cst.Name, nested=True))


def _keyed_by_a_draw(module: ModuleFlow, write: StoreWrite) -> bool:
    """`self._refresh_tokens[refresh_value] = Entry(..., client_id=client.client_id)` with
    `refresh_value = f"rt_{secrets.token_urlsafe(32)}"` drawn in the writing function: an
    issuer's registry of what it hands out, each entry under a key no other request holds
    (the value it issued); it serves no token for another client's request."""
    key = write.key
    if not isinstance(key, cst.Name) or write.function is None:
        return False
    from nhilint.flow.random_values import drawn_here  # a finding's way only

    return drawn_here(module.flow(write.function), key)


def _filled_with_own_state(module: ModuleFlow, write: StoreWrite, atom: str) -> bool:
    """A parameter of a private method writing the instance's own slot that every call of the
    module (one at least) fills from the instance's own state (`self.__fetch_client_token(
    self.make_credentials(self.client_id, self.client_secret))`, `self.__fetch_uma(ticket,
    self._assertion())`): the object's own credentials, as a constructor's parameters are."""
    from nhilint.verification.fetched_token import every_caller_passes  # a finding's way only

    function = write.origin
    if not atom.startswith("param:") or function is None or not function.name.value.startswith("_"):
        return False
    flow = module.flow(function)
    if flow.owner is None:
        return False

    def own(caller, value: cst.BaseExpression) -> bool:  # type: ignore[no-untyped-def]
        deps = caller.deps(value)
        return bool(deps) and all(dep.startswith("self:") for dep in deps)

    return every_caller_passes(flow, atom[len("param:"):], own)


def _names(atoms: List[str]) -> List[str]:
    return list(dict.fromkeys(_name(atom) for atom in atoms))


def _serves_partitions(module: ModuleFlow, function: cst.FunctionDef, write: StoreWrite, missing: List[str]) -> bool:
    """Whether a function that hands the kept token out is asked for a partition: it is the
    writer and a missing input is its parameter; it takes a partition as a parameter; it hands
    its own parameter to the writer's missing one; or, for a store every instance shares and a
    per-instance input, it is a method (each instance serves the others' token)."""
    flow = module.flow(function)
    own = {f"param:{name}" for name in flow.param_names}
    if function is write.origin and own & set(missing):
        return True
    if any(_PARTITION.search(snake_case(name).lstrip("_")) for name in flow.param_names):
        return True
    if write.origin is not None and _hands_partition(module, flow, write.origin, missing):
        return True
    per_instance = any(atom.startswith("self:") for atom in missing)
    return per_instance and write.store.sharing == PROCESS and flow.owner is not None


def _hands_partition(module: ModuleFlow, flow, writer: cst.FunctionDef, missing: List[str]) -> bool:  # type: ignore[no-untyped-def]
    """`get_token(scope)` calls `refresh(scope)`: the server's own parameter reaches the
    writer's partitioning parameter."""
    from nhilint.flow.module import bind_arguments

    wanted = {atom[len("param:"):] for atom in missing if atom.startswith("param:")}
    for call in flow.facts.own_calls:
        target = module.resolve(flow, call)
        if target is None or target[0] is not writer:
            continue
        bound = bind_arguments(writer, call.args, skip_self=target[1] is not None)
        if any(name in bound and any(a.startswith("param:") for a in flow.deps(bound[name])) for name in wanted):
            return True
    return False


def _message(write: StoreWrite, missing: List[str]) -> str:
    names = ", ".join(f"`{name}`" for name in missing)
    key = "under a key that ignores it" if write.key is not None else "in one slot"
    return (f"the token fetched for {names} is stored in {write.store.shown} {key}: "
            f"a token issued for one {' / '.join(missing)} is served for another")
