"""What of a logged value is a token (NHL404): the token labels of the value, less what only a
name says of a value that is no token where it is logged (a database row, a mapping of decoded
claims, an object whose class prints a mask), and the branches and shapes in which a logged
value is no leak (a failed answer's body, a serializer's log of non-dicts; a print the person
at the terminal asked for is nhilint.flow.printed_answers'). The rule asks; this module
answers, so the rule stays its question, its message and its docs."""

from __future__ import annotations

import re
from typing import Callable, Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name, names_identifier, snake_case
from nhilint.catalogue.tokens import DECODED_CLAIMS, SESSION_NAME_PATTERN, SESSION_ROW_METHODS
from nhilint.flow.error_answers import ANSWER_PARTS, after_success_left, in_branch, in_else, succeeded_status
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import NAMED, Label, token_labels
from nhilint.flow.module import ModuleFlow
from nhilint.flow.sinks import may_log
from nhilint.flow.sources import without_other_domain
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of

_SESSION_NAME = compiled_on_first_use(SESSION_NAME_PATTERN, re.I)
def logged_tokens(flow: FunctionFlow, value: cst.BaseExpression, call: Optional[cst.Call] = None) -> "frozenset[Label]":
    """The token labels of a logged value, less what a name alone says of a row, a mapping of
    claims, an object whose class prints a mask or a value the message of `call` calls a
    file's location (a copy of headers whose credential was masked holds none: FunctionFlow)."""
    tokens = _without_rows(flow, token_labels(flow.labels(value)))
    tokens = _without_masked(flow, value, _without_claim_maps(flow, value, tokens))
    tokens = _without_digests_and_ids(flow, value, tokens)
    tokens = _without_ciphertexts(flow, value, tokens)
    if any(label.kind == NAMED for label in tokens):
        tokens = _without_selectors(flow, value, tokens)
    tokens = without_other_domain(flow, tokens)  # a module of WebDAV lock tokens, of a lexer's words
    if any(label.kind == NAMED for label in tokens):
        tokens = _without_operation_handles(flow, value, tokens)
    if call is not None and any(label.kind == NAMED for label in tokens):
        tokens = _without_locations(flow, call, value, tokens)
    return tokens


def _without_operation_handles(flow: FunctionFlow, value: cst.BaseExpression,
                               tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of an operation's handle (`token = await
    client.create_search(command)`, then `client.close_search(token)`: nhilint.flow.operation_handles)."""
    from nhilint.flow.operation_handles import operation_handle  # a name-only token logged: few files

    handles = {node.value for node in nodes_of(value, cst.Name, nested=True) if operation_handle(flow, node)}
    dropped = {label for label in tokens if label.kind == NAMED and label.detail in handles}
    return tokens - dropped if dropped else tokens


def _without_locations(flow: FunctionFlow, call: cst.Call, value: cst.BaseExpression,
                       tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a value the message itself calls a file's location
    (`"Deleting profile [%s] from file: %s", profile, credentials`; `f"cache-file at
    {get_token_location()}"`): the path of the file the credentials are in; or an anti-forgery
    token (`"Got CSRF token: %s", token`)."""
    # imported when a name-only token is logged, which few files do: not at every start
    from nhilint.flow.message_slots import described_locations

    dropped: "set[Label]" = set()
    described = described_locations(call, value)  # `log.debug("Got CSRF token: %s", token)`
    if isinstance(value, cst.Name) and flow.facts.is_local(value.value):
        # `txt = (f"... stored in file '{args.credentials}'. " ...)`, then `log.info(txt)`
        bound = flow.context.bound_expression(value, flow.facts)
        described += described_locations(call, bound) if bound is not None else []
    for expr in described:
        dropped.update(label for label in flow.labels(expr) if label.kind == NAMED)
    return tokens - dropped if dropped else tokens


def handed_on(flow: FunctionFlow, printed: cst.CSTNode, value: cst.BaseExpression) -> bool:
    """Whether a name in the printed value is given to a call after the print
    (`TrelloImporter(admin, token)`): the code goes on to work with the token. (A token
    returned after the print is not counted: `python -m msal` prints the result it returns to
    its menu, as its answer to the person.)"""
    names = {node.value for node in nodes_of(value, cst.Name) if token_labels(flow.labels(node))}  # not the fetch's inputs
    after = flow.facts.order_of(printed)
    for call in flow.facts.own_calls:
        # not the print's own text, `print("{}".format(token))`
        if flow.facts.order_of(call) > after and not may_log(call) and not flow.facts.within(call, printed):
            if any(isinstance(arg.value, cst.Name) and arg.value.value in names for arg in call.args):
                return True
    return False


def _without_rows(flow: FunctionFlow, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a model object or a file's location: a name handed
    to a database session (`db.delete(token)`) holds a row, whose printed form is the model's
    repr; a name the function opens or reads as a file (`cfg.read(credentials)`,
    `open(credentials)`) holds the path of the file the credentials are in."""
    named = [label for label in tokens if label.kind == NAMED and isinstance(label.origin, (cst.Name, cst.Attribute))]
    if not named:
        return tokens
    rows = _session_rows(flow) | _paths(flow)
    return frozenset(label for label in tokens if not (label in named and (
        label.detail in rows if isinstance(label.origin, cst.Name) else dotted_name(label.origin) in rows)))


# calls whose first argument is a file's location
_PATH_CALLS = frozenset({
    "open", "builtins.open", "io.open", "codecs.open", "pathlib.Path", "pathlib.PurePath", "os.remove", "os.unlink", "os.stat",
    "os.chmod", "os.rename", "os.replace", "shutil.copy", "shutil.copyfile", "shutil.move",
})
_CONFIG_PARSERS = frozenset({"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"})


def _paths(flow: FunctionFlow) -> "frozenset[str]":
    """The names this function hands to a call that takes a file's location: `open(x)`,
    `Path(x)`, `os.path.exists(x)`, a ConfigParser's `read(x)` (once per function)."""
    def compute() -> "frozenset[str]":
        found = set()
        for call in flow.facts.own_calls:
            # `open(credentials)`, also of an attribute (`open(cnf.credentials, "w")`)
            first = dotted_name(call.args[0].value) if call.args else None
            if first is None:
                continue
            qualname = flow.context.qualified_name(call.func, flow.facts) or ""
            if qualname in _PATH_CALLS or qualname.startswith("os.path.") or _reads_config(flow, call):
                found.add(first)
        return frozenset(found)

    return flow.context.memo(("file-paths", id(flow.scope)), compute)


def _reads_config(flow: FunctionFlow, call: cst.Call) -> bool:
    """`cfg.read(path)` of `cfg = configparser.ConfigParser()`."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in ("read", "read_file") and isinstance(func.value, cst.Name)):
        return False
    made = flow.context.bound_expression(func.value, flow.facts)
    return isinstance(made, cst.Call) and flow.context.qualified_name(made.func, flow.facts) in _CONFIG_PARSERS


def _without_claim_maps(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a value the function reads as a mapping of claims
    (`credentials.id_token["email"]`, `id_token.get("sub")`): the decoded claims, not the token
    (oauth2client's `credentials.id_token`; its JWT is `id_token_jwt`)."""
    if not any(label.kind == NAMED for label in tokens):
        return tokens
    maps = _claim_maps(flow)
    if not maps:
        return tokens
    # what the map's own names say (`id_token`; `self.credentials.id_token`: its names), not an
    # entry stored in it under a credential's key (`data["password"] = config["password"]`)
    dropped = _named_labels_of(flow, value, maps, lambda label, named: label.detail in named.split("."))
    # through locals: `claims = dict(id_token.items())`, then `msg = "...".format(claims)` logged
    names = {name for name in maps if "." not in name}
    dropped.update(label for label in tokens if label.kind == NAMED and label.detail in names)
    return tokens - dropped if dropped else tokens


def _without_masked(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of an object of a class of this module whose printed
    forms mask the secret (`def __repr__(self): return f"Credentials({self.user!r}, '********')"`):
    the log gets the mask, not the credential."""
    if not any(label.kind == NAMED for label in tokens):
        return tokens
    module = flow.module
    dropped: "set[Label]" = set()
    for kind in (cst.Name, cst.Attribute, cst.Call):
        for node in nodes_of(value, kind, nested=True):
            labels = flow.labels(node)
            if not any(label.kind == NAMED for label in labels):
                continue
            cls = module.instance_class(flow, node)
            if cls is not None and _masking_class(module, cls):
                dropped.update(label for label in labels if label.kind == NAMED)
    return tokens - dropped if dropped else tokens


def _without_digests_and_ids(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a value the function's own code says is something
    else: compared with a digest it computed (`if passworddig == prevpass.password:` with
    `passworddig = getPasswordDigest(newpassword)`: a stored password's digest), or a
    collection it tests identifiers against (`entry.id not in args.secret_whitelist`: ids), or
    the key it looks an entry of a mapping of secrets up by (`secrets_by_key[vault_secret_key]`,
    `if vault_secret_key in secrets:`, `current["credentials"].pop(key)`: the entry's name)."""
    if not any(label.kind == NAMED for label in tokens):
        return tokens
    said = _compared_with_digest(flow) | _id_collections(flow)
    if any(_ENTRY_KEY.search(snake_case(node.value)) for node in nodes_of(value, cst.Name, nested=True)) \
            or any(_ENTRY_KEY.search(snake_case(node.attr.value)) for node in nodes_of(value, cst.Attribute, nested=True)):
        said = said | _entry_keys(flow)  # a name for an entry's key is logged: which mapping is it the key of?
    if not said:
        return tokens
    dropped = _named_labels_of(flow, value, said, lambda label, named: True)
    return tokens - dropped if dropped else tokens


def _id_collections(flow: FunctionFlow) -> "frozenset[str]":
    """The collections (as written) the function tests an identifier's membership of: `C` of
    `entry.id in C`, `row.pk not in C`, `name in C` (a name for an identifier)."""
    def compute() -> "frozenset[str]":
        found: "set[str]" = set()
        for node in nodes_of(flow.scope, cst.Comparison):
            if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)):
                continue
            member, collection = node.left, node.comparisons[0].comparator
            written = dotted_name(member) if isinstance(member, (cst.Name, cst.Attribute)) else None
            named = dotted_name(collection) if isinstance(collection, (cst.Name, cst.Attribute)) else None
            if written is not None and named is not None and names_identifier(written.rsplit(".", 1)[-1]) \
                    and not is_token_name(written.rsplit(".", 1)[-1]):
                found.add(named)
        return frozenset(found)

    return flow.module.context.memo(("nhl404-id-collections", id(flow.scope)), compute)


# a local named for a choice among ways, not a value: `mode = args.credentials` (`--credentials
# auto|adc|impersonate`, the credential source chosen)
_SELECTOR_NAMES = frozenset({"mode", "kind", "source", "method", "strategy", "backend", "provider", "flavor", "style"})


def _without_selectors(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a local named for a choice (`mode = args.credentials`,
    then `mode == "impersonate"`): the name the code gave it says what it holds."""
    dropped: "set[Label]" = set()
    for node in nodes_of(value, cst.Name, nested=True):
        if node.value in _SELECTOR_NAMES and flow.facts.is_local(node.value):
            dropped.update(label for label in flow.labels(node) if label.kind == NAMED)
    return tokens - dropped if dropped else tokens


def _without_ciphertexts(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out the labels of what the function hands a decryption as its input
    (`transit.decrypt_data(name=key, ciphertext=blob)`): a ciphertext, whatever its name or
    source says (a Kubernetes Secret that keeps secrets encrypted with a Vault transit key)."""
    if not tokens:
        return tokens
    decrypted = _decrypted(flow)
    if not decrypted:
        return tokens
    dropped: "set[Label]" = set()
    for kind in (cst.Name, cst.Attribute):
        for node in nodes_of(value, kind, nested=True):
            if dotted_name(node) in decrypted:
                dropped.update(flow.labels(node))
    return tokens - dropped if dropped else tokens


# libraries whose `decrypt` takes a JWE: the encrypted token is the bearer credential itself
_JOSE_MODULES = ("jose", "jwcrypto", "authlib", "josepy", "jwt")


def _decryption_key(named: str) -> bool:
    """`secret_key`, `transit_key`, `password` handed to a decryption: the key it decrypts with,
    a secret itself (not `k8s_enc_secret`, `sealed_token`: named as what is encrypted)."""
    words = snake_case(named.rsplit(".", 1)[-1]).split("_")
    return words[-1] in ("key", "keys", "password", "passphrase", "secret") and not any(
        word in ("enc", "encrypted", "cipher", "ciphertext", "sealed", "wrapped") for word in words)


def _decrypted(flow: FunctionFlow) -> "frozenset[str]":
    """The names and attributes (as written) the function hands a decryption as its input
    (`decrypt_data_with_vault(client, key, k8s_enc_secret)`, `ciphertext=data`): a ciphertext,
    useless without the key's decrypt right, whatever its name says. Not a JWE handed to a
    JOSE library's `decrypt`: the encrypted token is what its bearer presents."""
    def compute() -> "frozenset[str]":
        found: "set[str]" = set()
        for call in flow.facts.own_calls:
            decrypts = "decrypt" in snake_case(leaf_name(call)).split("_")
            if not decrypts and not any(arg.keyword is not None and arg.keyword.value == "ciphertext" for arg in call.args):
                continue
            qualified = flow.context.qualified_name(call.func, flow.facts) or ""
            if qualified.split(".", 1)[0] in _JOSE_MODULES:
                continue
            for place, arg in enumerate(call.args):
                if isinstance(arg.value, (cst.Name, cst.Attribute)) and (
                        decrypts or (arg.keyword is not None and arg.keyword.value == "ciphertext")):
                    named = dotted_name(arg.value)
                    # the first argument is what is decrypted (`decrypt(blob, key)`); a later one
                    # named for a key is what it is decrypted with
                    if named is not None and (place == 0 and arg.keyword is None or not _decryption_key(named)):
                        found.add(named)
        return frozenset(found)

    return flow.module.context.memo(("nhl404-decrypted", id(flow.scope)), compute)


# a mapping of secrets, by its name: `secrets`, `secrets_by_key`, `credentials`, `kv_secrets`
_SECRETS_MAPPING = compiled_on_first_use(r"(^|_)(secrets|credentials|passwords|tokens)($|_)")
# a name for an entry's key (`vault_secret_key`, `secret_name`), not for a key that is a secret
_ENTRY_KEY = compiled_on_first_use(r"(^|_)(key|name)$")
_KEY_SECRET = compiled_on_first_use(r"(^|_)(api|access|private|signing|encryption|master|hmac|client|app|auth|session|license)_key$")


def _entry_keys(flow: FunctionFlow) -> "frozenset[str]":
    """The names (as written) the function looks an entry of a mapping of secrets up by:
    `secrets_by_key[vault_secret_key]`, `vault_secret_key in secrets`, `secrets.get(secret_name)`,
    `state["credentials"].pop(key)`."""
    def compute() -> "frozenset[str]":
        found: "set[str]" = set()
        pairs: "list[tuple[cst.BaseExpression, cst.BaseExpression]]" = []
        for node in nodes_of(flow.scope, cst.Subscript):
            if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                pairs.append((node.value, node.slice[0].slice.value))
        for node in nodes_of(flow.scope, cst.Comparison):
            if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)):
                pairs.append((node.comparisons[0].comparator, node.left))
        for call in flow.facts.own_calls:
            if isinstance(call.func, cst.Attribute) and call.func.attr.value in ("get", "pop") and call.args:
                pairs.append((call.func.value, call.args[0].value))
        for mapping, key in pairs:
            held = dotted_name(mapping) if isinstance(mapping, (cst.Name, cst.Attribute)) else _entry_name(mapping)
            named = dotted_name(key) if isinstance(key, (cst.Name, cst.Attribute)) else None
            if held is None or named is None:
                continue
            last = snake_case(named.rsplit(".", 1)[-1])
            if _SECRETS_MAPPING.search(snake_case(held.rsplit(".", 1)[-1])) and _ENTRY_KEY.search(last) \
                    and not _KEY_SECRET.search(last):
                found.add(named)
        return frozenset(found)

    return flow.module.context.memo(("nhl404-entry-keys", id(flow.scope)), compute)


def _entry_name(mapping: cst.BaseExpression) -> Optional[str]:
    """`credentials` of `current["credentials"]`: a mapping held at a literal key."""
    if isinstance(mapping, cst.Subscript) and len(mapping.slice) == 1 and isinstance(mapping.slice[0].slice, cst.Index):
        key = string_literal(mapping.slice[0].slice.value)
        return key if isinstance(key, str) else None
    return None


def _named_labels_of(flow: FunctionFlow, value: cst.BaseExpression, written: "frozenset[str]",
                     keep: "Callable[[Label, str], bool]") -> "set[Label]":
    """The labels a name alone gives the names and attributes of `value` written as one of
    `written` (and `keep` takes, told the name as written)."""
    found: "set[Label]" = set()
    for kind in (cst.Name, cst.Attribute):
        for node in nodes_of(value, kind, nested=True):
            named = dotted_name(node)
            if named is not None and named in written:
                found.update(label for label in flow.labels(node) if label.kind == NAMED and keep(label, named))
    return found


# calls whose result is a digest: hashlib's constructors and methods, and a function named so
# (`getPasswordDigest`, `hash_password`)
_DIGEST_CALLS = frozenset({"sha1", "sha224", "sha256", "sha384", "sha512", "md5", "blake2b", "blake2s",
                           "hexdigest", "digest", "hash"})


def _digest_call(flow: FunctionFlow, expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Name):
        expr = flow.reaching_value(expr) or expr
    if not isinstance(expr, cst.Call):
        return False
    leaf = leaf_name(expr)
    return leaf in _DIGEST_CALLS or any(word in ("digest", "hash") for word in snake_case(leaf).split("_"))


def _compared_with_digest(flow: FunctionFlow) -> "frozenset[str]":
    """The expressions (as written) the function compares for equality with a digest it
    computes (`digest == row.password`, `hmac.compare_digest(row.password, digest)`)."""
    def compute() -> "frozenset[str]":
        pairs = [(node.left, node.comparisons[0].comparator) for node in nodes_of(flow.scope, cst.Comparison)
                 if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual))]
        pairs.extend((call.args[0].value, call.args[1].value) for call in nodes_of(flow.scope, cst.Call)
                     if leaf_name(call) == "compare_digest" and len(call.args) == 2)
        return frozenset(
            name for pair in pairs for one, other in (pair, pair[::-1])
            if isinstance(other, (cst.Name, cst.Attribute)) and _digest_call(flow, one)
            for name in (dotted_name(other),) if name)

    return flow.module.context.memo(("nhl404-compared-with-digest", id(flow.scope)), compute)


# Calls and attributes that print every field of an object (`vars(self)`, `self.__dict__`)
_ALL_FIELDS = frozenset({"vars", "asdict", "astuple", "model_dump", "dict", "__dict__", "to_dict", "json"})


def _masking_class(module: ModuleFlow, cls: cst.ClassDef) -> bool:
    """Whether the class's `__repr__` / `__str__` (its own or its bases' in this module) show a
    mask in place of the secret: one of them has a mask literal (`"********"`, `"[client_secret]"`,
    `"<redacted>"`), none returns a token's value or every field (`self.__dict__`), and a class
    that writes no `__repr__` gets Python's default one (not a dataclass's, nor an unknown base's)."""
    def compute() -> bool:
        lineage = module.lineage(cls)
        printed = {}
        for current in lineage:
            for method in module.methods(current):
                if method.name.value in ("__repr__", "__str__"):
                    printed.setdefault(method.name.value, method)
        if not printed:
            return False
        if "__repr__" not in printed:
            known = {id(c) for c in lineage}
            for current in lineage:
                if current.decorators:
                    return False  # `@dataclass`, `@attr.s`: a repr of every field
                for base in current.bases:
                    if base.keyword is not None:
                        continue
                    found = module.context.module_classes.get(base.value.value) if isinstance(base.value, cst.Name) else None
                    if (found is None or id(found) not in known) and dotted_name(base.value) != "object":
                        return False  # a base we cannot see may print every field
        masked = False
        for method in printed.values():
            if any(isinstance(node, cst.Name) and node.value in _ALL_FIELDS or
                   isinstance(node, cst.Attribute) and node.attr.value in _ALL_FIELDS for node in nodes_of(method, cst.BaseExpression, nested=True)):
                return False
            summary = module.summary(method)
            if summary is None or token_labels(summary.returns):
                return False
            masked = masked or any(_mask_literal(node.evaluated_value) for node in nodes_of(method, cst.SimpleString))
        return masked

    return module.context.memo(("nhl404-masking-class", id(cls)), compute)


def _mask_literal(text: object) -> bool:
    """`"********"`, `"[client_secret]"`, `"<redacted>"`: what a printed form shows in place of a secret."""
    if not isinstance(text, str):
        return False
    core = text.strip()
    if len(core) >= 3 and set(core) <= {"*", "\u2022", "x", "X"}:
        return True
    if core[:1] in "[<(" and core[-1:] in "]>)" and len(core) > 2:
        inner = core[1:-1].strip()
        return inner.lower() in ("redacted", "hidden", "masked", "secret", "filtered") or is_token_name(inner)
    return core.lower() in ("redacted", "(redacted)")


def _claim_maps(flow: FunctionFlow) -> "frozenset[str]":
    """The expressions (as written) the function reads a claim from: `x.id_token` of
    `x.id_token["email"]` or `x.id_token.get("sub")`, or an ID token it reads as a mapping
    (`id_token.items()`)."""
    def compute() -> "frozenset[str]":
        maps: "set[Optional[str]]" = set()
        for node in nodes_of(flow.scope, cst.Subscript):
            index = node.slice[0].slice if len(node.slice) == 1 else None
            if isinstance(flow.facts.parent_of(node), (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del)):
                continue  # `record["exp"] = ...` writes a key, which any mapping may hold
            if isinstance(index, cst.Index) and string_literal(index.value) in DECODED_CLAIMS:
                maps.add(dotted_name(node.value))
        for call in flow.facts.own_calls:
            func = call.func
            if leaf_name(call) == "get" and isinstance(func, cst.Attribute) and call.args and (
                string_literal(call.args[0].value) in DECODED_CLAIMS
            ):
                maps.add(dotted_name(func.value))
            elif leaf_name(call) in ("items", "keys") and isinstance(func, cst.Attribute) and not call.args:
                # `id_token.items()`: an ID token read as a mapping is its decoded claims (a JWT
                # is a string); an access token's dict may hold the token itself, and is kept
                read = dotted_name(func.value)
                if read is not None and "id_token" in snake_case(read.rsplit(".", 1)[-1]):
                    maps.add(read)
        return frozenset(name for name in maps if name is not None)

    return flow.context.memo(("nhl404-claim-maps", id(flow.scope)), compute)


def _session_rows(flow: FunctionFlow) -> "frozenset[str]":
    """The names this function hands alone to a database session's row method."""
    rows = set()
    for call in flow.facts.own_calls:
        func = call.func
        if leaf_name(call) not in SESSION_ROW_METHODS or not isinstance(func, cst.Attribute) or len(call.args) != 1:
            continue
        receiver = dotted_name(func.value) or ""
        if _SESSION_NAME.search(receiver.rsplit(".", 1)[-1]) and isinstance(call.args[0].value, cst.Name):
            rows.add(call.args[0].value.value)
    return frozenset(rows)


def failed_bodies(flow: FunctionFlow, call: cst.Call, tokens: "frozenset[Label]") -> bool:
    """Every token logged is the body of an answer (`res.text`, also inside a `.format()`) in
    the branch that found the answer failed (`if res.status_code != 200:`, or the `except` of a
    `res.raise_for_status()`): an error, no token."""
    for label in tokens:
        written = dotted_name(label.origin) if isinstance(label.origin, cst.Attribute) else None
        if written is None or not failed_where(flow, call, written):
            return False
    return True


def failed_where(flow: FunctionFlow, call: cst.CSTNode, written: str) -> bool:
    """Whether the body `written` (`response.text`) is logged at `call` only for a failed
    answer: in the branch of a failed status test, or in the `except` clause of a `try` that
    calls `response.raise_for_status()` (it raises for a failed answer only)."""
    if in_branch(flow, call, lambda test: failed_status(test, written)):
        return True
    # `if answer.status_code == codes.ok: return answer.json()`, then the log, in its `else:`
    # or after it
    if isinstance(call, cst.Call) and (in_else(flow, call, lambda test: succeeded_status(flow, test, written))
                                       or after_success_left(flow, call, written)):
        return True
    receiver, _, field = written.rpartition(".")
    return field in ("text", "content") and bool(receiver) and (
        _raised_for_status(flow, call, receiver) or decode_failed(flow, call, receiver))


# what a failed decode of a body raises: `json.JSONDecodeError` (a ValueError), requests'
# `JSONDecodeError`, simplejson's
_DECODE_ERRORS = frozenset({"ValueError", "JSONDecodeError"})


def decode_failed(flow: FunctionFlow, node: cst.CSTNode, receiver: str) -> bool:
    """`node` is in the `except ValueError:` (or `JSONDecodeError`) clause of a `try` that
    decodes the answer `receiver` (`result.json()`, `json.loads(result.text)`): an answer that
    would not parse, from which the code read no token."""
    child, current = node, flow.facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(current, cst.Try) and isinstance(child, cst.ExceptHandler) and _catches_decode_error(child) \
                and not nodes_of(current.body, (cst.Raise, cst.Subscript)):
            # (a `try` that also reads the answer's fields or raises a ValueError of its own,
            # `if content["token_type"] != "Bearer": raise ValueError()`, catches a parsed answer too)
            for call in nodes_of(current.body, cst.Call, nested=True):
                func = call.func
                if isinstance(func, cst.Attribute) and func.attr.value == "json" and dotted_name(func.value) == receiver:
                    return True
                if leaf_name(call) == "loads" and call.args and dotted_name(call.args[0].value) in (
                        f"{receiver}.text", f"{receiver}.content"):
                    return True
        child, current = current, flow.facts.parent_of(current)
    return False


def _catches_decode_error(handler: cst.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return False
    types = [element.value for element in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
    return any((dotted_name(kind) or "").rsplit(".", 1)[-1] in _DECODE_ERRORS for kind in types)


def unparsed_answer(flow: FunctionFlow, log: cst.CSTNode, answer: cst.Name) -> bool:
    """An answer logged whole (also through a local, `message = result.text`) in the clause of
    a `try` whose decode of it failed (decode_failed)."""
    bound = flow.reaching_value(answer)
    if isinstance(bound, cst.Attribute) and bound.attr.value in ("text", "content"):
        written = dotted_name(bound.value)
        return written is not None and decode_failed(flow, log, written)
    return decode_failed(flow, log, answer.value)


def _raised_for_status(flow: FunctionFlow, node: cst.CSTNode, receiver: str) -> bool:
    child, current = node, flow.facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(current, cst.Try) and isinstance(child, cst.ExceptHandler):
            for check in nodes_of(current.body, cst.Call, nested=True):
                if leaf_name(check) == "raise_for_status" and isinstance(check.func, cst.Attribute) \
                        and dotted_name(check.func.value) == receiver:
                    return True
        child, current = current, flow.facts.parent_of(current)
    return False


def failed_answer(flow: FunctionFlow, call: cst.Call, value: cst.BaseExpression) -> bool:
    """`data = response.json()`, then `if response.status_code != 200: log(data)`: the answer
    read before its status was tested, logged in the branch that found it failed: an error."""
    if not isinstance(value, cst.Name) or not flow.facts.is_local(value.value):
        return False
    bound = flow.context.bound_expression(value, flow.facts)
    if isinstance(bound, cst.Await):
        bound = bound.expression
    if not (isinstance(bound, cst.Call) and isinstance(bound.func, cst.Attribute) and bound.func.attr.value == "json"):
        return False
    receiver = dotted_name(bound.func.value)
    return receiver is not None and failed_where(flow, call, f"{receiver}.text")


def failed_status(test: cst.BaseExpression, written: str) -> bool:
    """`if response.status_code != 200:` / `if not response.ok:` / `if response.status_code ==
    401:` around `response.text`: the body of a failed answer, which holds an error, not a token."""
    receiver, _, field = written.rpartition(".")
    if field not in ANSWER_PARTS or not receiver:
        return False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return dotted_name(test.expression) == f"{receiver}.ok"
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and dotted_name(test.left) == f"{receiver}.status_code":
        operator, code = test.comparisons[0].operator, test.comparisons[0].comparator
        if isinstance(operator, cst.Equal):  # `== 401`: an error's code
            return isinstance(code, cst.Integer) and int(code.value) >= 400
        return isinstance(operator, (cst.NotEqual, cst.GreaterThanEqual, cst.GreaterThan, cst.NotIn))
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and dotted_name(test.left) == f"{receiver}.ok":
        target = test.comparisons[0]  # `if response.ok is False:`
        return isinstance(target.operator, (cst.Is, cst.Equal)) and dotted_name(target.comparator) == "False"
    return False


def is_dict(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Dict) or (isinstance(value, cst.Call) and dotted_name(value.func) == "dict")


# printf conversions of a number: a token, a string, would make the logger fail
_NUMBER_CONVERSIONS = frozenset("dioxXeEfFgG")


def unshown_arguments(call: cst.Call) -> "set[int]":
    """The ids of a logger call's arguments its format shows no secret of: it cuts them to a
    few characters (`log.debug("token %.5s...", token)`: a prefix, no token) or formats them as a number
    (`log.error("api=%d", header.api_key)`: Kafka's number of a request type; a token, a
    string, cannot be formatted so)."""
    if not call.args or call.args[0].keyword is not None:
        return set()
    template = string_literal(call.args[0].value)
    if template is None or "%" not in template:
        return set()
    from nhilint.flow.message_slots import PRINTF  # with a `%` format only: not at every start

    arguments = [arg.value for arg in call.args[1:] if arg.keyword is None and not arg.star]
    cut: "set[int]" = set()
    position = 0
    for match in PRINTF.finditer(template):
        if match.group(3) == "%":
            continue  # `%%`: a literal percent sign, no argument
        precision = match.group(2)
        if match.group(1) is not None:
            continue  # `%(name)s`: read from one mapping, not from the arguments in turn
        cuts = precision is not None and precision.isdigit() and int(precision) <= 8 and match.group(3) in "sr"
        if (cuts or match.group(3) in _NUMBER_CONVERSIONS) and position < len(arguments):
            cut.add(id(arguments[position]))
        position += 1
    return cut
