from __future__ import annotations

import re
from typing import ClassVar, Optional, Sequence

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.http import argument
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.values import as_seconds
from nhilint.analysis.hardcoded_literals import settings_path
from nhilint.context import FileContext, RelatedPlace
from nhilint.flow.cache_ttls import only_cache_ttl
from nhilint.flow.lifetimes import minted_lifetime, single_origin
from nhilint.flow.sinks import may_log
from nhilint.project import remote
from nhilint.catalogue.jwt import ENCODE, MINT_WITH_LIFETIME, SIMPLEJWT_LIFETIME_ATTRIBUTE, SIMPLEJWT_MODULE, SIMPLEJWT_SET_EXP
from nhilint.analysis.names import snake_case
from nhilint.rule import CHECK_TESTS, RuleOption
from nhilint.rules.jwt.base import JwtRule

# Settings that give a token lifetime: ACCESS_TOKEN_EXPIRE_MINUTES (FastAPI), ACCESS_TOKEN_LIFETIME
# (simplejwt), JWT_ACCESS_TOKEN_EXPIRES (flask-jwt-extended), access_token_expire_minutes
# (pydantic settings). Other tokens (password reset, e-mail) are not access credentials.
_SETTING = compiled_on_first_use(
    # a prefix of its own only before access/refresh (`ADMIN_ACCESS_TOKEN_EXPIRE_MINUTES`), so
    # `RESET_TOKEN_EXPIRE_MINUTES` stays out
    r"^(jwt_|auth_|session_|\w+_(?=access_|refresh_))?(access_|refresh_)?token_?(expire|expires|expiry|expiration|lifetime|ttl|max_age)"
    r"(_in)?(_(?P<unit>seconds|secs|minutes|mins|hours|days))?$",
    re.I,
)
_UNITS = {"seconds": 1, "secs": 1, "minutes": 60, "mins": 60, "hours": 3600, "days": 86400}


def _setting_unit(name: str) -> Optional[float]:
    """Seconds per unit of a lifetime setting's value, None when the name is no such setting."""
    # the pattern cannot match a name without `token` (whatever its case: re.I's folding of the
    # Kelvin sign to `k` is str.lower's too), and most names a check asks about lack it
    if "token" not in name.lower():
        return None
    match = _SETTING.match(name)
    if match is None:
        return None
    return float(_UNITS.get((match.group("unit") or "seconds").lower(), 1))


class TokenLifetimeTooLong(JwtRule):
    """
    ## What it does
    Finds tokens minted to live longer than a limit (default 1 hour for access tokens, 30 days
    for refresh tokens): the `exp` of a payload given to `jwt.encode(...)` (`now + timedelta(days=7)`,
    `int(time.time()) + 86400`), lifetime settings (`ACCESS_TOKEN_EXPIRE_MINUTES`, simplejwt's
    `ACCESS_TOKEN_LIFETIME`, flask-jwt-extended's `JWT_ACCESS_TOKEN_EXPIRES`, where `False` means
    never), flask-jwt-extended's `create_access_token(..., expires_delta=False)`, and simplejwt
    token classes and tokens (`class KioskToken(AccessToken): lifetime = timedelta(days=14)`,
    `token.set_exp(lifetime=timedelta(hours=8))`). The `exp` may be set after the payload is
    built (`payload["exp"] = ...`, `payload.update({"exp": ...})`, also on claims a call we
    cannot read returned: `claims = user.to_dict(); claims.update({"exp": ...})`; NHL401 stays
    silent on such claims, which may hold an `exp` already), and a lifetime defaulted
    through a parameter (`expires_delta or timedelta(days=7)`) counts at its default, as does
    a setting read with a default (`os.getenv("TTL", "86400")`, also written `str(30 * 24 * 60 * 60)`,
    `settings.SIMPLE_JWT.get("LIFETIME", 86400)`, unless the project's settings module sets it).

    A lifetime counts as a refresh token's when the setting, the payload's `type` claim or the
    minting function says "refresh".

    Where the finding goes: at the mint, where a token is given its lifetime. A lifetime written
    in another module of the project (`exp = now + timedelta(minutes=settings.jwt_expire_minutes)`,
    with the field in a pydantic `Settings` class of `config.py`) is followed there, through
    aliases (`ACCESS_TOKEN_EXPIRE_MINUTES = settings.jwt_expire_minutes`) and through a getter
    annotated to return the settings class (`settings = get_settings()` with `def
    get_settings() -> Settings`, FastAPI's cached-settings pattern; the class default is
    taken, as an environment variable's default is) or nested settings objects
    (`config.project.session_timeout`, a field typed with another settings class), and the
    message names
    the field or constant and where it is written (a second location in SARIF, `full` output
    and the editor). A lifetime setting known by its name (`ACCESS_TOKEN_EXPIRE_MINUTES`,
    `JWT_ACCESS_TOKEN_EXPIRES`) is reported where it is written instead, once, and an alias of
    another module's number is not reported itself. (Reporting every number at the line that
    writes it would need each settings module to ask the whole project which mints read it:
    a question that made one file's check read every module.) A constant named like a lifetime
    that its module only gives a cache as the time-to-live (`@ttl_cache(ttl=TOKEN_LIFETIME - 60)`,
    `cache.set("token", token, TOKEN_TTL)`) is how long a fetched token is kept, not a lifetime
    this project mints: it is left to the cache rules (NHL202, NHL204). Read anywhere else in
    its module, or not at all there, it counts as a lifetime; unless no other module of the
    project names it either (`TOKEN_EXPIRATION_SECONDS` in an agent's `definitions.py`, its
    server minting the tokens): nothing mints with it, and it is not reported. A settings or
    configuration module's constants, and `JWT_` settings, are read by a framework by name
    (flask-jwt-extended from `app.config`), and count however unnamed they are elsewhere. A function's local named like a
    lifetime that the function only prints or logs (`token_expire_hours = 24` in a login
    command's note, "log in again in 24 hours") is a copy of the server's lifetime for its user
    to read, and sets none: not reported; read anywhere else too, it is. Nor is a lifetime a
    module that mints nothing (no encoder's call, no `exp` claim) only compares
    (`DEFAULT_ACCESS_TOKEN_LIFETIME = 3600 * 4`, or the attribute a constructor keeps it in,
    read only in `(now - self.refreshed_at).total_seconds() <= self.access_token_lifetime`): a
    client's guess of when its server's token expires, to refresh in time; handed to a call,
    added to a time or returned, it is reported. Nor is a constant of a
    class named for one-time links (`AccountVerificationService.TOKEN_EXPIRY_DAYS`,
    `PasswordResetManager`, `InvitationTokens`, `MagicLinkSender`): how long an e-mailed link
    stays valid, no access token.

    ## Why is this bad?
    A token's lifetime is how long a leaked copy works. An access token that lives for days is a
    long-lived secret in all but name: it cannot be revoked at the verifier, and short lifetimes
    with refresh are the standard answer (OWASP NHI-03; NHI7:2025 Long-Lived Secrets).

    ## Example
    ```python
    ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 8
    ```

    ## Use instead
    ```python
    ACCESS_TOKEN_EXPIRE_MINUTES = 15
    REFRESH_TOKEN_EXPIRE_DAYS = 14
    ```

    ## Options
    - `max-access-seconds` (default 3600): the longest accepted access-token lifetime.
    - `max-refresh-seconds` (default 2592000, 30 days): the longest accepted refresh-token lifetime.
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 8725 §3.10](https://datatracker.ietf.org/doc/html/rfc8725)
    - [OAuth 2.0 Security Best Current Practice, §4.14 (refresh tokens)](https://datatracker.ietf.org/doc/html/rfc9700)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613
    """

    code = "NHL402"
    name = "token-lifetime-too-long"
    family: ClassVar[str] = "token-lifetime"
    summary = "A token is minted to live longer than the limit"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-03"
    owasp_2025 = ("NHI7:2025",)
    cwe = (613,)
    options = {
        "max-access-seconds": RuleOption(3600.0, float, "longest accepted access-token lifetime, in seconds"),
        "max-refresh-seconds": RuleOption(2592000.0, float, "longest accepted refresh-token lifetime, in seconds"),
        "check-tests": CHECK_TESTS,
    }

    words = ("token_expire", "token_lifetime", "token_ttl", "token_expir")
    catalogue_words = ("module_words",)

    # -- minted tokens ------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        if leaf_name(node) == SIMPLEJWT_SET_EXP[0]:
            self._simplejwt_set_exp(node)
        jc = self.jwt_call(node)
        if jc is None:
            return
        refresh = "refresh" in jc.api.qualname or self._in_refresh_function()
        if jc.api.role == ENCODE:
            scope = self.context.scope
            lifetime = minted_lifetime(jc, scope if isinstance(scope, cst.FunctionDef) else None)
            if lifetime is None or self._uses_module_setting():
                return
            origin = lifetime.origin
            if origin is None:
                self._judge(node, f"{jc.callee} mints a token that lives", lifetime.seconds, lifetime.refresh)
            elif _setting_unit(origin.name.rsplit(".", 1)[-1]) is None:
                # written in another module under a name of its own: reported here, naming it (a
                # lifetime setting's name is reported where it is written)
                where = f"{remote.shown_path(self.context, origin.place.path)}:{origin.place.line}"
                self._judge(node, f"{jc.callee} mints a token that lives", lifetime.seconds, lifetime.refresh,
                            written=f" ({origin.name}, in {where})",
                            related=[(origin.place.path, origin.place.line, f"the lifetime is written here: {origin.name}")])
        elif jc.api.role == MINT_WITH_LIFETIME and jc.has(jc.api.lifetime):
            arg = jc.args[jc.api.lifetime]
            value = jc.value(jc.api.lifetime)
            if value is False:
                self.report(node, f"{jc.callee} is given {jc.api.lifetime}=False: the token never expires")
            elif isinstance(arg, cst.Call) and _literal_arguments(arg):
                self._judge(node, f"{jc.callee} mints a token that lives", as_seconds(value), refresh)

    def _simplejwt_set_exp(self, node: cst.Call) -> None:
        """`access.set_exp(lifetime=timedelta(hours=8))` on a simplejwt token."""
        if not any(name.startswith(SIMPLEJWT_MODULE) for name in self.context.imports.values()):
            return
        _, parameters = SIMPLEJWT_SET_EXP
        arg = argument(node, "lifetime", parameters.index("lifetime"))
        if not isinstance(arg, cst.Call) or not _literal_arguments(arg):
            return
        # `refresh.set_exp(...)`, or SlidingToken's `set_exp("refresh_exp", ...)`
        claim = argument(node, "claim", parameters.index("claim"))
        refresh = "refresh" in self.context.module.code_for_node(node.func).lower() or (
            claim is not None and "refresh" in self.context.module.code_for_node(claim)
        )
        seconds = as_seconds(self.context.evaluator.value(arg, self.context.facts()))
        self._judge(node, "set_exp() gives the token a lifetime of", seconds, refresh)

    def _simplejwt_class_lifetime(self, value: cst.BaseExpression) -> None:
        """`lifetime = timedelta(days=14)` in the body of a simplejwt token class."""
        stack = self.context.statement_stack
        owner = stack[-2] if len(stack) >= 2 and isinstance(stack[-2], cst.ClassDef) else None
        if owner is None:
            return
        bases = [self.context.qualified_name(base.value) or "" for base in owner.bases]
        simplejwt = [base for base in bases if base.startswith(SIMPLEJWT_MODULE)]
        if not simplejwt or not isinstance(value, cst.Call) or not _literal_arguments(value):
            return
        refresh = any("Refresh" in base for base in simplejwt)
        seconds = as_seconds(self.context.evaluator.value(value, self.context.facts()))
        self._judge(value, f"{owner.name.value}.lifetime gives tokens a lifetime of", seconds, refresh)

    def _uses_module_setting(self) -> bool:
        """`exp = now + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)` with the setting in this
        module: the setting is reported where it is defined, once."""
        code = self.context.module.code_for_node(self.context.scope)
        return any(
            _setting_unit(name) is not None and re.search(rf"\b{re.escape(name)}\b", code)
            for name in self.context.module_constants
        )

    def _in_refresh_function(self) -> bool:
        scope = self.context.scope
        return isinstance(scope, cst.FunctionDef) and "refresh" in scope.name.value.lower()

    # -- lifetime settings --------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assigned(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assigned(node.target, node.value)

    def _assigned(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name) and target.value == SIMPLEJWT_LIFETIME_ATTRIBUTE:
            self._simplejwt_class_lifetime(value)
        elif isinstance(target, cst.Name) and isinstance(self.context.scope, cst.Module) and only_cache_ttl(
            self.context, target.value, target
        ):
            # `TOKEN_TTL = 86400` the module only gives a cache as its time-to-live: how long a
            # fetched token is kept, which the cache rules judge; no token is minted with it
            return
        elif isinstance(target, cst.Name) and _setting_unit(target.value) is not None \
                and _one_time_link_class(self.context.enclosing_class()):
            # `class AccountVerificationService: TOKEN_EXPIRY_DAYS = 7`: how long an e-mailed
            # one-time link stays valid (verification, invitation, password reset), no access token
            return
        elif isinstance(target, cst.Name) and _only_told(self.context.facts(), target):
            # `token_expire_hours = 24` a login command only prints in its note ("log in again in
            # 24 hours"): a copy of the server's lifetime for the user to read; it sets none
            return
        elif isinstance(target, cst.Name) and isinstance(self.context.scope, cst.Module) and self._never_read(target.value):
            # `TOKEN_EXPIRATION_SECONDS = ...` that no module of the project reads: no token is
            # minted with it (trains-agent's, whose server mints the tokens)
            return
        else:
            name = _target_name(target)
            if _setting_unit(name or "") is not None and _only_compared(self.context, target):
                # `DEFAULT_ACCESS_TOKEN_LIFETIME = 3600 * 4` a client module that mints nothing
                # only compares with a token's age: its guess of when the server's token expires
                return
            self._setting(name, value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = node.key
        if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
            self._setting(key.evaluated_value, node.value)

    def visit_Arg(self, node: cst.Arg) -> None:  # app.config.update(JWT_ACCESS_TOKEN_EXPIRES=...)
        if node.keyword is not None:
            self._setting(node.keyword.value, node.value)

    def _never_read(self, name: str) -> bool:
        """A lifetime setting's module constant written once in its module and named by no other
        module of the project: nothing mints with it. Not in a settings or configuration module,
        nor a `JWT_` setting: a framework reads those by name (flask-jwt-extended from
        `app.config`). Unknown (no project, too many modules to tell), it is read."""
        if _setting_unit(name) is None or self.context.project is None:
            return False
        if name.lower().startswith("jwt_") or settings_path(self.context.path.replace("\\", "/")):
            return False  # a framework reads its settings by name (`JWT_ACCESS_TOKEN_EXPIRES`, a config module)
        if self.context.lowered.count(name.lower().encode()) != 1:
            return False  # its module reads it (or writes it again)
        return self.context.project.mentioning(name.lower(), limit=0) == []

    def _setting(self, name: Optional[str], value_node: cst.BaseExpression) -> None:
        unit = _setting_unit(name or "")
        if unit is None:
            return
        evaluator = self.context.evaluator
        value, reads = evaluator.reading_remote(lambda: evaluator.value(value_node, self.context.facts()))
        if single_origin(reads) is not None:
            # `ACCESS_TOKEN_EXPIRE_MINUTES = settings.jwt_expire_minutes`: the number is written in
            # another module: reported there under a lifetime setting's name, else at the mint
            # that reads it
            return
        refresh = "refresh" in (name or "").lower()
        if value is False:
            self.report(value_node, f"{name} is False: tokens never expire")
            return
        seconds = as_seconds(value)
        if seconds is not None:
            # a timedelta is already in seconds; a bare number is in the setting's unit
            is_timedelta = isinstance(value_node, cst.Call)
            self._judge(value_node, f"{name} gives tokens a lifetime of", seconds if is_timedelta else seconds * unit, refresh)

    def _limit(self, refresh: bool) -> float:
        return float(self.opt("max-refresh-seconds" if refresh else "max-access-seconds"))

    def _judge(self, node: cst.CSTNode, what: str, seconds: Optional[float], refresh: bool,
               written: str = "", related: Sequence[RelatedPlace] = ()) -> None:
        """`written`: where the lifetime is written, when that is another module."""
        if seconds is None:
            return
        limit = self._limit(refresh)
        if seconds > limit:
            kind = "refresh" if refresh else "access"
            self.report(node, f"{what} {_human(seconds)}{written}, over the {kind}-token limit of {_human(limit)}",
                        related=related)


def _only_compared(context: FileContext, target: cst.BaseExpression) -> bool:
    # imported when a lifetime setting is assigned, which few files do: not at every start
    from nhilint.flow.compared_lifetimes import only_compared

    return only_compared(context, target)


def _one_time_link_class(owner: Optional[cst.ClassDef]) -> bool:
    """A class named for one-time links: `AccountVerificationService`, `PasswordResetManager`,
    `InvitationTokens`, `MagicLinkSender`, `EmailConfirmation`."""
    if owner is None:
        return False
    from nhilint.flow.query_tokens import ONE_TIME_SCOPE  # a class constant named for a lifetime: few files

    name = snake_case(owner.name.value)
    return bool(ONE_TIME_SCOPE.search(name) or _VERIFICATION_CLASS.search(name))


# an account's or an e-mail address's verification (`AccountVerificationService`, `EmailVerifier`)
_VERIFICATION_CLASS = compiled_on_first_use(r"(account|email|e_mail|phone|signup)_?verif")


def _only_told(facts: ScopeFacts, target: cst.Name) -> bool:
    """A function's local read only in messages it prints or logs (every read inside the
    arguments of a `print` or a logger call), at least once."""
    if not isinstance(facts.node, cst.FunctionDef):
        return False
    reads = facts.loads.get(target.value, ())
    return bool(reads) and all(_in_message(facts, read) for read in reads)


def _in_message(facts: ScopeFacts, read: cst.CSTNode) -> bool:
    node = facts.parent_of(read)
    while node is not None and not isinstance(node, cst.BaseStatement):
        if isinstance(node, cst.Call) and may_log(node):
            return True
        node = facts.parent_of(node)
    return False


def _target_name(target: cst.BaseExpression) -> Optional[str]:
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:  # app.config["JWT_..."]
        index = target.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            value = index.value.evaluated_value
            return value if isinstance(value, str) else None
        return None
    dotted = dotted_name(target)
    return dotted.rsplit(".", 1)[-1] if dotted else None


def _literal_arguments(call: cst.Call) -> bool:
    """`timedelta(days=30)`: numbers written at the call, not a setting read from elsewhere."""
    return all(isinstance(arg.value, (cst.Integer, cst.Float)) for arg in call.args)


def _human(seconds: float) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds / size
            return f"{count:g} {unit}" + ("" if count == 1 else "s")
    return f"{seconds:g} s"

