"""What a JWT library call does: which API, bound arguments, options, and how its result is used.

Shared by the NHL1xx rules and memoised per call node, so the five rules riding one batched
pass analyse each decode once.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.values import UNKNOWN, DictValue
from nhilint.catalogue.jwt import DECODE, HMAC_ALGORITHMS, PUBLIC_KEY_PREFIXES, PYJWT1_DECODE, PYJWT_DECODE, UNVERIFIED, JwtApi
from nhilint.context import FileContext
from nhilint.walk import nodes_of


class Evaluated:
    """An argument that arrived through a `**kwargs` dict: we have its value, not its node.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


_UNASKED = object()  # a JwtCall's unverified_reason not yet computed


class JwtCall:
    """A call of a JWT library's API, its arguments bound to the API's parameters. A plain
    class: never compared, hashed or copied, and a dataclass costs about 3 M instructions to
    create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("api", "call", "facts", "context", "args", "unknown", "_reason")

    def __init__(self, api: JwtApi, call: cst.Call, facts: ScopeFacts, context: FileContext,
                 args: Optional[Dict[str, Any]] = None, unknown: bool = False) -> None:
        self.api = api
        self.call = call
        self.facts = facts
        self.context = context
        self.args: Dict[str, Any] = {} if args is None else args  # param name -> node or Evaluated
        self.unknown = unknown  # *args or an unresolvable **kwargs: no rule may judge this call
        self._reason: Any = _UNASKED  # unverified_reason, once asked (its arguments are bound by then)

    def has(self, param: Optional[str]) -> bool:
        return param is not None and param in self.args

    def value(self, param: Optional[str]) -> Any:
        """The argument's static value; None when absent; UNKNOWN when it cannot be known."""
        if param is None or param not in self.args:
            return None
        arg = self.args[param]
        if isinstance(arg, Evaluated):
            return arg.value
        return self.context.evaluator.value(arg, self.facts)

    @property
    def options(self) -> Any:
        """The options dict; a list of pairs (`[("verify_signature", False)]`) is read as one."""
        options = self.value(self.api.options)
        if isinstance(options, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in options):
            return DictValue({key: value for key, value in options if _hashable_key(key)}, open=any(
                not _hashable_key(key) for key, _ in options))
        return options

    def option(self, key: str) -> Any:
        """An options-dict entry: None when surely absent, UNKNOWN when unknowable.

        PyJWT merges the call's options over the instance's (`jwt.PyJWT(options=...)`); an
        instance's `verify_signature: False` switches the claim checks off, not the signature
        check (PyJWT 2.15, tests/test_library_semantics.py)."""
        options = self.options
        if isinstance(options, DictValue) and options.get(key) is not None:
            return options.get(key)
        if options is not None and not isinstance(options, DictValue):
            return UNKNOWN
        if key == "verify_signature":
            return None
        instance = self._instance_options()
        if not isinstance(instance, DictValue):
            return instance  # None (no instance options) or UNKNOWN
        if instance.get(key) is not None:
            return instance.get(key)
        return False if key.startswith("verify_") and instance.get("verify_signature") is False else None

    def _instance_options(self) -> Any:
        """The `options` a `jwt.PyJWT(...)` instance was built with, for `instance.decode(...)`."""
        func = self.call.func
        if not isinstance(func, cst.Attribute):
            return None
        owner: Any = func.value
        if isinstance(owner, cst.Name):
            owner = self.context.bound_expression(owner, self.facts)
        if not isinstance(owner, cst.Call):
            return None
        if self.context.qualified_name(owner.func, self.facts) not in ("jwt.PyJWT", "jwt.api_jwt.PyJWT"):
            return None
        options = next((a.value for a in owner.args if a.keyword and a.keyword.value == "options"), None)
        if options is None:
            return None
        return self.context.evaluator.value(options, self.facts)

    @property
    def callee(self) -> str:
        """The callee as written, for messages: `pyjwt.decode()`."""
        return self.context.module.code_for_node(self.call.func).strip() + "()"

    @property
    def keyless(self) -> bool:
        """A PyJWT 2 decode given no key (`jwt.decode(token, algorithms=["RS256"], options=...)`):
        PyJWT raises InvalidKeyError on the empty key whenever the signature is checked, so the
        call returns claims only with the check off, whatever the options say
        (tests/test_library_semantics.py)."""
        api = self.api
        return (api.library == "pyjwt" and api.role == DECODE and not self.unknown and "key" not in self.args
                and "verify" not in self.args)

    @property
    def unverified_reason(self) -> Optional[str]:
        """Why this call does not verify the signature, or None when it does (or may). Once per
        call: every decode of a function asks it of the function's other decodes."""
        if self._reason is _UNASKED:
            self._reason = self._unverified_reason()
        return self._reason  # type: ignore[no-any-return]

    def _unverified_reason(self) -> Optional[str]:
        api = self.api
        if api.role == UNVERIFIED:
            return "returns the claims without verifying the signature"
        if self.option("verify_signature") is False:
            return "switches signature verification off (verify_signature=False)"
        if api.verify is not None and self.value(api.verify) is False:
            return f"switches verification off ({api.verify}=False)"
        algorithms = self.value(api.algorithms)
        names = algorithms if isinstance(algorithms, tuple) else (algorithms,)
        if any(isinstance(name, str) and name.lower() == "none" for name in names):
            return "accepts the 'none' algorithm, i.e. unsigned tokens"
        return None


def _hashable_key(key: Any) -> bool:
    return isinstance(key, (str, int, float, bool))


def _bind(jc: JwtCall) -> None:
    params = jc.api.params
    positional = 0
    for arg in jc.call.args:
        if arg.star == "*":
            jc.unknown = True
        elif arg.star == "**":
            spread = jc.context.evaluator.value(arg.value, jc.facts)
            if not isinstance(spread, DictValue) or spread.open:
                jc.unknown = True
            else:
                for key, value in spread.items.items():
                    jc.args[str(key)] = Evaluated(value)
        elif arg.keyword is not None:
            jc.args[arg.keyword.value] = arg.value
        elif positional < len(params):
            if positional == 2 and params == PYJWT_DECODE and isinstance(arg.value, cst.Name) and arg.value.value in ("True", "False"):
                params = PYJWT1_DECODE  # a flag third: PyJWT 1.x's `decode(jwt, key, verify, algorithms, options)`
            jc.args[params[positional]] = arg.value
            positional += 1
        else:
            jc.unknown = True


def _head(expr: cst.BaseExpression) -> Optional[str]:
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def jwt_call(
    context: FileContext, call: cst.Call, facts: Optional[ScopeFacts] = None
) -> Optional[JwtCall]:
    """The JWT API this call reaches, with its arguments bound; None for any other call.

    `facts` is the scope holding the call (by default the one the visit is in).
    """
    scope = id(facts.node) if facts is not None else id(context.scope)
    return context.memo(("jwt_call", id(call), scope), lambda: _analyse(context, call, facts))


def _analyse(context: FileContext, call: cst.Call, facts: Optional[ScopeFacts]) -> Optional[JwtCall]:
    catalogue = context.catalogue
    # Cheap first: the callee must end in a name the catalogue knows before we look at scopes.
    func = call.func

    def known(name: str) -> bool:
        """Bound by an import (module-level, met so far, or in the given scope) or at module level.
        The given scope's own imports matter when a rule asks before the visit reached them."""
        return (
            name in context.imported_names or name in context.module_constants
            or (facts is not None and name in facts.imports)
        )

    # `from jwt import decode as d`, `verify = jwt.decode`: a bare name the module binds
    aliased = isinstance(func, cst.Name) and known(func.value)
    if not aliased and leaf_name(call) not in catalogue.leaf_names:
        return None
    if isinstance(func, cst.Attribute) and not isinstance(func.value, cst.Call):
        head = _head(func)
        if head is not None and not known(head):
            return None  # `raw.decode("utf-8")`: a local value, not a library (the common case)
        if head in context.imports and catalogue.jwt_api(context.qualified_name(func)) is None:
            return None  # `codecs.decode(...)`: a module import that reaches no JWT API
    facts = facts if facts is not None else context.facts()
    api = catalogue.jwt_api(context.qualified_name(call.func, facts))
    if api is None:
        return None
    jc = JwtCall(api=api, call=call, facts=facts, context=context)
    _bind(jc)
    return jc


def algorithm_families(value: Any) -> Set[str]:
    """{'hmac', 'public-key'} of an algorithms list; empty when unknown."""
    names = value if isinstance(value, tuple) else (value,)
    families = set()
    for name in names:
        if not isinstance(name, str):
            return set()
        upper = name.upper()
        if upper in HMAC_ALGORITHMS:
            families.add("hmac")
        elif upper.startswith(PUBLIC_KEY_PREFIXES):
            families.add("public-key")
    return families


def header_algorithm(expr: Optional[cst.BaseExpression], facts: ScopeFacts,
                     key: Optional[cst.BaseExpression] = None) -> bool:
    """Whether `algorithms` comes from the token's own header: `[header["alg"]]`, `h.get("alg")`.
    Not the `alg` of the verification key itself (`jwt.decode(token, jwk, algorithms=jwk["alg"])`:
    the JWK picked from the issuer's key set binds its algorithm, RFC 7517 §4.4)."""
    if isinstance(expr, (cst.List, cst.Tuple)):
        return any(header_algorithm(e.value, facts, key) for e in expr.elements)
    if isinstance(expr, cst.IfExp):  # `header["alg"] if header is not None else "RS256"`
        return header_algorithm(expr.body, facts, key) or header_algorithm(expr.orelse, facts, key)
    if isinstance(expr, cst.Name):
        binding = facts.binding_before(expr.value, facts.order_of(expr))
        return (binding is not None and binding.value is not None and header_algorithm(binding.value, facts, key)
                and not _rejected_unless_pinned(expr, binding.order, facts))
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        value = index.value if isinstance(index, cst.Index) else None
        return isinstance(value, cst.SimpleString) and value.evaluated_value == "alg" and not _same(expr.value, key, facts) \
            and not _header_validated(expr.value, expr, facts)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
        first = expr.args[0].value if expr.args else None
        return isinstance(first, cst.SimpleString) and first.evaluated_value == "alg" and not _same(expr.func.value, key, facts) \
            and not _header_validated(expr.func.value, expr, facts)
    return False


# a function named for checking a header or its algorithm (`validator.validate_header(header)`,
# `_check_alg(header)`): called for its exception, it is taken at its word
_HEADER_VALIDATOR = compiled_on_first_use(r"^_*(validate|check|verify|ensure|assert)_?\w*?(header|alg|algorithm)s?$")


def _header_validated(header: cst.BaseExpression, read: cst.CSTNode, facts: ScopeFacts) -> bool:
    """The header the `alg` is read from was handed, before the read, to a function named for
    validating it, as a statement of its own (`validator.validate_header(header_params)`, which
    raises on an algorithm off its list): past it, the algorithm is one of the list's."""
    if not isinstance(header, cst.Name):
        return False
    at = facts.order_of(read)
    for load in facts.loads.get(header.value, ()):
        if facts.order_of(load) >= at:
            continue
        arg = facts.parent_of(load)
        call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
        if isinstance(call, cst.Call) and isinstance(facts.parent_of(call), cst.Expr) \
                and _HEADER_VALIDATOR.match(leaf_name(call)):
            return True
    return False


def _same(container: cst.BaseExpression, key: Optional[cst.BaseExpression], facts: ScopeFacts) -> bool:
    """The `alg` is read from the very key the token is verified with, and that key is not one
    the token's header carries (`jwk = header["jwk"]`: the attacker's key and algorithm)."""
    named = dotted_name(container)
    if key is None or named is None:
        return False
    if named != dotted_name(key):
        # `key = RSAAlgorithm.from_jwk(jwk)` (`PyJWK(jwk)`, `jwk.construct(jwk)`): the key is
        # made from the key set's entry the `alg` is read from
        made = facts.binding_before(key.value, facts.order_of(key)) if isinstance(key, cst.Name) else None
        value = made.value if made is not None else None
        source = next((arg.value for arg in value.args if dotted_name(arg.value) == named), None) \
            if isinstance(value, cst.Call) else None
        if source is not None:
            return _same(container, source, facts)
        # `e = ...(jwk["e"])`, `n = ...(jwk["n"])`, `pem = RSAPublicNumbers(e, n).public_key().public_bytes(...)`:
        # the key is built from the entry's own numbers
        return isinstance(container, cst.Name) and not _names_a_header(container, facts) \
            and _built_from(key, container.value, facts, 0) and not _carried_by_header(container, facts)
    if isinstance(key, cst.Name):
        binding = facts.binding_before(key.value, facts.order_of(key))
        bound = binding.value if binding is not None else None
        if isinstance(bound, cst.Subscript) and len(bound.slice) == 1 and isinstance(bound.slice[0].slice, cst.Index):
            bound = bound.slice[0].slice.value
        elif isinstance(bound, cst.Call) and isinstance(bound.func, cst.Attribute) and bound.func.attr.value == "get" \
                and bound.args:
            bound = bound.args[0].value
        if isinstance(bound, cst.SimpleString) and bound.evaluated_value in ("jwk", "x5c", "x5u", "jku"):
            return False
    return True


def _built_from(key: cst.BaseExpression, name: str, facts: ScopeFacts, depth: int) -> bool:
    """The local `key` is computed from `name`, through the local names its value reads (four
    deep)."""
    if not isinstance(key, cst.Name) or depth > 4:
        return False
    binding = facts.binding_before(key.value, facts.order_of(key))
    if binding is None or binding.value is None:
        return False
    read = nodes_of(binding.value, cst.Name)
    return any(node.value == name for node in read) or any(
        _built_from(node, name, facts, depth + 1) for node in read
        if node.value != key.value and facts.is_local(node.value) and node.value not in facts.params)


_HEADER_READS = frozenset({"get_unverified_header", "get_unverified_headers", "decode_header"})


def _names_a_header(container: cst.Name, facts: ScopeFacts) -> bool:
    """The token's own header (`jwt_header = jwt.get_unverified_header(token)`, a name saying
    header): a key picked by its `kid` (`jwks[jwt_header["kid"]]`) is built from it too, but
    its `alg` is still the token's word."""
    if "header" in container.value.lower():
        return True
    bound = _bound_value(container, facts)
    if isinstance(bound, cst.Call):
        return leaf_name(bound) in _HEADER_READS
    return _read_under(bound) == "header"


def _carried_by_header(container: cst.Name, facts: ScopeFacts) -> bool:
    """`jwk = header["jwk"]`: the key the token's header carries (the attacker's)."""
    return _read_under(_bound_value(container, facts)) in ("jwk", "x5c", "x5u", "jku")


def _bound_value(name: cst.Name, facts: ScopeFacts) -> Optional[cst.BaseExpression]:
    """What `name` was last bound to before it is read here."""
    binding = facts.binding_before(name.value, facts.order_of(name))
    return binding.value if binding is not None else None


def _read_under(value: Optional[cst.BaseExpression]) -> object:
    """The string key a subscript reads (`"jwk"` of `header["jwk"]`), else None."""
    index = value.slice[0].slice if isinstance(value, cst.Subscript) and len(value.slice) == 1 else None
    return index.value.evaluated_value if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString) else None


def _rejected_unless_pinned(use: cst.Name, bound_at: int, facts: ScopeFacts) -> bool:
    """`if alg != settings.SIGN_ALGO: raise ...` (or `alg not in ALLOWED`) between where the
    header's `alg` is bound and where it is used: past the guard it is the one pinned."""
    at = facts.order_of(use)
    for load in facts.loads.get(use.value, ()):
        if not bound_at < facts.order_of(load) < at:
            continue
        compare = facts.parent_of(load)
        test = facts.parent_of(compare) if isinstance(compare, cst.Comparison) else None
        # `if not isinstance(alg, str) or alg not in ALLOWED:`: the guard one side of an `or`
        # whose every side leaves, so past it the comparison was false
        while isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
            test = facts.parent_of(test)
        if not isinstance(test, cst.If) or not _tested_by(test.test, compare) or compare.left is not load:
            continue
        if len(compare.comparisons) != 1 or not isinstance(compare.comparisons[0].operator, (cst.NotEqual, cst.NotIn)):
            continue
        pinned = compare.comparisons[0].comparator
        if header_algorithm(pinned, facts) or not _leaves(test.body):
            continue
        return True
    return False


def _tested_by(test: cst.BaseExpression, compare: cst.Comparison) -> bool:
    """The `if`'s test is the comparison, or an `or` of which it is one side."""
    if test is compare:
        return True
    return isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or) and (
        _tested_by(test.left, compare) or _tested_by(test.right, compare))


def _leaves(body: cst.BaseSuite) -> bool:
    """The block ends in `raise` or `return`: what follows it runs only when the test is false."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    last = statements[-1] if statements else None
    small = last.body[-1] if isinstance(last, cst.SimpleStatementLine) and last.body else None
    return isinstance(small, (cst.Raise, cst.Return))


# -- how a call's result is used ------------------------------------------------------------------

_TIME_CLAIMS = frozenset({"exp", "iat", "nbf"})
_ENVELOPE_KEYS = frozenset({"payload", "header", "claims"})  # decode_complete / joserfc wrappers
_NOT_CLAIMS = frozenset({"header", "signature"})  # decode_complete()'s other parts


class ResultUses:
    """How a decode's result is used (filled in by `result_uses`). A plain class: never
    compared, hashed or copied, and a dataclass costs about 3 M instructions to create at
    every start (benchmarks/README.md, speed20)."""

    __slots__ = ("keys_read", "key_reads", "other_uses", "returned", "asserted", "truth_tested", "validated",
                 "expiry_validated", "seen")

    def __init__(self) -> None:
        self.keys_read: Set[str] = set()  # literal claim keys read from the result
        self.key_reads: List[Tuple[str, cst.CSTNode]] = []
        self.other_uses = 0  # uses that are not a literal claim read
        self.returned = False
        self.asserted = False  # read by a test's assertion (not an access decision)
        # `if not claims: return False`: whether the decode gave anything; a truth value, no claim
        self.truth_tested = False
        self.validated = False  # `.validate()` on it, or it passed to some `.validate(...)`
        self.expiry_validated = False  # `.validate_exp(now, leeway)` on it (Authlib)
        self.seen: Set[int] = set()  # assignments and wrappers already followed

    @property
    def claim_keys(self) -> Set[str]:
        return self.keys_read - _ENVELOPE_KEYS

    @property
    def only_time_claims(self) -> bool:
        return (
            not self.other_uses and not self.returned and bool(self.claim_keys)
            and self.claim_keys <= _TIME_CLAIMS
        )


def skip_await(node: cst.CSTNode, facts: ScopeFacts) -> Tuple[cst.CSTNode, Optional[cst.CSTNode]]:
    """Climb over `await x`: return the outermost equivalent node and its parent."""
    parent = facts.parent_of(node)
    while isinstance(parent, cst.Await):
        node, parent = parent, facts.parent_of(parent)
    return node, parent


def _literal_key(context: FileContext, node: cst.BaseExpression, facts: ScopeFacts) -> Optional[str]:
    value = context.evaluator.value(node, facts)
    return value if isinstance(value, str) else None


def in_test_assertion(node: cst.CSTNode, facts: ScopeFacts) -> bool:
    """Inside `assert ...` or `self.assertEqual(...)`: a test's check, not an access decision."""
    current = facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        if isinstance(current, cst.Assert):
            return True
        if isinstance(current, cst.Call) and leaf_name(current).startswith("assert"):
            return True
        current = facts.parent_of(current)
    return False


def _classify(context: FileContext, node: cst.CSTNode, facts: ScopeFacts, uses: ResultUses) -> None:
    """One use of a result (the call itself or a name holding it)."""
    if in_test_assertion(node, facts):
        uses.asserted = True
        return
    node, parent = skip_await(node, facts)
    # climb a chain of literal subscripts: result["payload"]["aud"]
    while isinstance(parent, cst.Subscript) and parent.value is node and len(parent.slice) == 1:
        index = parent.slice[0].slice
        key = _literal_key(context, index.value, facts) if isinstance(index, cst.Index) else None
        if key is None:
            break
        uses.keys_read.add(key)
        uses.key_reads.append((key, parent))
        if key not in _ENVELOPE_KEYS or key in _NOT_CLAIMS:
            # a claim's value, or decode_complete()'s header or signature: what happens to it
            # is no longer a use of the claims
            return
        node, parent = parent, facts.parent_of(parent)
    if isinstance(parent, cst.Attribute) and parent.value is node:
        call = facts.parent_of(parent)
        attr = parent.attr.value
        if attr == "get" and isinstance(call, cst.Call) and call.args:
            key = _literal_key(context, call.args[0].value, facts)
            if key is not None:
                uses.keys_read.add(key)
                uses.key_reads.append((key, call))
                return
        if attr == "validate" and isinstance(call, cst.Call):
            uses.validated = True
            return
        if attr == "validate_exp" and isinstance(call, cst.Call):
            uses.expiry_validated = True  # Authlib's check of `exp` alone: the claims' lifetime
            return
        if attr == "claims":  # joserfc: token.claims, validated by a registry below
            _classify(context, parent, facts, uses)
            return
        if attr == "copy" and isinstance(call, cst.Call) and not call.args:
            _classify(context, call, facts, uses)  # `return claims.copy()`: the same claims
            return
    if isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
        comparison = facts.parent_of(parent)
        if isinstance(comparison, cst.Comparison) and isinstance(parent.operator, (cst.In, cst.NotIn)):
            key = _literal_key(context, comparison.left, facts)
            if key is not None:
                uses.keys_read.add(key)
                return
    if isinstance(parent, cst.Arg):
        call = facts.parent_of(parent)
        if isinstance(call, cst.Call):
            if _AUDIENCE_CHECK.search(leaf_name(call).lower()):  # check_audience(claims)
                uses.keys_read.add("aud")
                return
            if _names_any(leaf_name(call), _VALIDATOR_WORDS):
                uses.validated = True  # registry.validate(claims), self._verify_claims(claims)
                return
            # a value built from the claims (`Claims(token.claims, ...)`): follow it as well
            uses.other_uses += 1
            if id(call) not in uses.seen:
                uses.seen.add(id(call))
                _classify(context, call, facts, uses)
            return
    if isinstance(parent, cst.Expr):
        return  # a bare expression statement: the result is dropped
    if truth_test(node, parent, facts):
        uses.truth_tested = True
        return
    if isinstance(parent, cst.Return):
        uses.returned = True
    elif isinstance(parent, cst.Assign) and all(isinstance(t.target, cst.Name) for t in parent.targets):
        if id(parent) in uses.seen:
            return  # `claims = claims` style rebinding: already followed
        uses.seen.add(id(parent))
        for target in parent.targets:
            name = target.target.value  # type: ignore[union-attr]
            for load in facts.loads_after(name, facts.order_of(parent)):
                _classify(context, load, facts, uses)
    else:
        uses.other_uses += 1


def truth_test(node: cst.CSTNode, parent: Optional[cst.CSTNode], facts: ScopeFacts) -> bool:
    """The result itself as an `if`'s or `while`'s test, alone or under `not`: `if not claims:`.
    It says whether the decode gave anything, and reads no claim (an `and`/`or` chain is not
    followed: `claims and claims["role"]` hands a claim on)."""
    if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        node, parent = parent, facts.parent_of(parent)
    return isinstance(parent, (cst.If, cst.While)) and parent.test is node


def result_uses(context: FileContext, call: cst.Call, facts: ScopeFacts) -> ResultUses:
    def compute() -> ResultUses:
        uses = ResultUses()
        _classify(context, call, facts, uses)
        return uses

    return context.memo(("uses", id(call)), compute)


# Claims handed to one of these are validated (`registry.validate(claims)`, `_verify_claims(c)`).
_VALIDATOR_WORDS = ("valid", "verify")
# A token handed to one of these after a peek is being verified (`decode_token(token, key)`).
_VERIFIER_WORDS = ("valid", "verify", "check", "decode", "authenticate")
_AUDIENCE_CHECK = compiled_on_first_use(r"audience|(^|_)aud($|_)")


def _names_any(name: Optional[str], words: Tuple[str, ...]) -> bool:
    lowered = (name or "").lower()
    return any(word in lowered for word in words) and "unverified" not in lowered


def same_source(context: FileContext, a: cst.CSTNode, b: cst.CSTNode) -> bool:
    code = context.module.code_for_node
    return " ".join(code(a).split()) == " ".join(code(b).split())


def token_arg(jc: JwtCall) -> Optional[cst.BaseExpression]:
    arg = jc.args.get(jc.api.token) if jc.api.token else None
    return arg if isinstance(arg, cst.BaseExpression) else None


def verified_later(jc: JwtCall) -> bool:
    """Peek-then-verify: later in the function the same token is decoded with verification,
    or handed to a verifying helper (`_decode_jwt(**kwargs)` with the token in kwargs)."""
    token = token_arg(jc)
    if token is None:
        return False
    facts = jc.facts
    start = facts.order_of(jc.call)
    for call in facts.calls:
        if facts.order_of(call) <= start:
            continue
        other = jwt_call(jc.context, call, facts)
        if other is not None:
            if other.unknown or other.api.role == UNVERIFIED or other.unverified_reason:
                continue
            other_token = token_arg(other)
            if other_token is not None and same_source(jc.context, token, other_token):
                return True
        elif _names_any(leaf_name(call), _VERIFIER_WORDS) and _passes(jc.context, facts, call, token):
            return True
    return False


def _passes(context: FileContext, facts: ScopeFacts, call: cst.Call, token: cst.BaseExpression) -> bool:
    """Whether `call` receives `token`: as an argument, or inside a dict spread with `**`."""
    for arg in call.args:
        if same_source(context, arg.value, token):
            return True
        if arg.star == "**" and isinstance(arg.value, cst.Name):
            for binding in facts.bindings.get(arg.value.value, ()):
                value = binding.value
                if isinstance(value, cst.Dict) and any(
                    isinstance(e, cst.DictElement) and same_source(context, e.value, token)
                    for e in value.elements
                ):
                    return True
    return False

