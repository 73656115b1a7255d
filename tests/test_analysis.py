"""The shared analysis helpers: import aliases, static values, def-use order."""

from __future__ import annotations

import json
import textwrap

import libcst as cst
import pytest

from nhilint.analysis.imports import module_imports
from nhilint.analysis.values import UNKNOWN, DictValue, Moment
from nhilint.catalogue import CatalogueError, DEFAULT_CATALOGUE, build_catalogue
from nhilint.context import FileContext


def context(source: str) -> FileContext:
    return FileContext(cst.parse_module(textwrap.dedent(source)), "m.py", DEFAULT_CATALOGUE, {})


def calls(ctx: FileContext):
    """(qualified name, call) of every call, resolved in its own function's scope."""
    found = []

    class Walk(cst.CSTVisitor):
        def visit_FunctionDef(self, node):
            ctx.scope_stack.append(node)

        def leave_FunctionDef(self, node):
            ctx.scope_stack.pop()

        def visit_Call(self, node):
            found.append((ctx.qualified_name(node.func, ctx.facts()), node))

    ctx.module.visit(Walk())
    return found


def test_import_table_spellings():
    table = module_imports(cst.parse_module(textwrap.dedent(
        """\
        import jwt
        import jwt as pyjwt
        from jwt import decode as d
        import google.oauth2.id_token
        from jose import jwt as jose_jwt
        from . import local
        try:
            from authlib.jose import JsonWebToken
        except ImportError:
            JsonWebToken = None
        if True:
            from joserfc import jwt as rfc
        """
    )))
    assert table == {
        "jwt": "jwt", "pyjwt": "jwt", "d": "jwt.decode", "google": "google",
        "jose_jwt": "jose.jwt", "JsonWebToken": "authlib.jose.JsonWebToken", "rfc": "joserfc.jwt",
    }


def test_qualified_names_through_aliases_instances_and_shadowing():
    ctx = context(
        """\
        import jwt
        from authlib.jose import JsonWebToken
        _jwt = jwt.PyJWT()
        authlib_jwt = JsonWebToken(["RS256"])

        def a(token):
            jwt.decode(token)
            _jwt.decode(token)
            jwt.PyJWT().decode(token)
            authlib_jwt.decode(token)
            local = jwt.PyJWT()
            local.decode(token)
            len(token)

        def b(token, jwt):
            jwt.decode(token)

        def c(token):
            jwt = token.encode()
            jwt.decode("utf-8")
        """
    )
    names = [name for name, _ in calls(ctx)]
    assert names == [
        "jwt.PyJWT", "authlib.jose.JsonWebToken",
        "jwt.decode", "jwt.PyJWT.decode", "jwt.PyJWT.decode", "jwt.PyJWT",
        "authlib.jose.JsonWebToken.decode", "jwt.PyJWT", "jwt.PyJWT.decode", "builtins.len",
        None,
        None, None,
    ]


def _value(source: str, name: str = "probe"):
    """The value of the first argument of the last `probe(...)` call."""
    ctx = context(source)
    probes = [c for _, c in calls(ctx) if isinstance(c.func, cst.Name) and c.func.value == name]
    target = probes[-1]
    # re-enter the function holding the probe to evaluate in its scope
    holder = next(
        (f for f in ctx.module.body if isinstance(f, cst.FunctionDef) and target in _descendants(f)),
        ctx.module,
    )
    ctx.scope_stack.append(holder)
    return ctx.evaluator.value(target.args[0].value, ctx.facts())


def _descendants(node):
    found = []

    class Walk(cst.CSTVisitor):
        def on_visit(self, n):
            found.append(n)
            return True

    node.visit(Walk())
    return found


@pytest.mark.parametrize(
    "source, expected",
    [
        ("probe(3600 * 24)", 86400),
        ("probe(-5)", -5),
        ("probe('a' 'b')", "ab"),
        ("probe(['HS256', 'RS256'])", ("HS256", "RS256")),
        ("from datetime import timedelta\nprobe(timedelta(hours=1, minutes=1))", 3660.0),
        ("import datetime\nprobe(datetime.timedelta(2))", 172800.0),
        ("LEEWAY = 60 * 10\nprobe(LEEWAY)", 600),
        ("probe(frozenset({'a'}))", ("a",)),
        ("probe(unknown_name)", UNKNOWN),
        ("probe(f(1))", UNKNOWN),
        ("X = 1\nX = 2\nprobe(X)", 2),  # module code runs in order
        ("X = 1\nX = 2\ndef f():\n    probe(X)", UNKNOWN),  # a function may run at any time
    ],
)
def test_static_values(source, expected):
    assert _value(source) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        # what a function of the module returns, whatever its arguments
        ("def ttl():\n    return 3600\nprobe(ttl())", 3600),
        ("def claims(u):\n    return {'sub': u, 'iat': 1}\nprobe(claims('x'))",
         DictValue({"sub": UNKNOWN, "iat": 1})),
        # a parameter's default is not what every caller passes: unknown
        ("def opts(aud=False):\n    return {'verify_aud': aud}\nprobe(opts(True))",
         DictValue({"verify_aud": UNKNOWN})),
        ("def either(x):\n    if x:\n        return {}\n    return {'exp': 1}\nprobe(either(1))", UNKNOWN),
        ("def spread(extra):\n    return {'sub': 1, **extra}\nprobe(spread({}))", DictValue({"sub": 1}, open=True)),
    ],
)
def test_what_a_function_of_the_module_returns(source, expected):
    assert _value(source) == expected


@pytest.mark.parametrize("value", [
    UNKNOWN, 3, "HS256", None, True, DictValue({"verify_aud": UNKNOWN, "ttl": 60}, open=False),
    DictValue({"a": (1, UNKNOWN)}, open=True), Moment(300.0), (1, "a"),
])
def test_static_values_travel_to_other_modules_unchanged(value):
    """An unknown inside a known dict stays unknown in an export: read back as None it would
    be a value the code wrote (`{"verify_aud": None}` is falsy)."""
    from nhilint.project.static_values import from_json, to_json

    assert from_json(json.loads(json.dumps(to_json(value)))) == value


def test_dicts_and_their_mutations():
    source = """\
    BASE = {"verify_exp": True}

    def f(token, flag=False):
        opts = {**BASE, "verify_aud": flag}
        opts["verify_signature"] = False
        probe(opts)
        more = dict(verify_exp=False)
        more.update(x)
        probe(more)
        pairs = dict([("verify_aud", False)])
        probe(pairs)
    """
    ctx = context(source)
    function = ctx.module.body[1]
    ctx.scope_stack.append(function)
    probes = [c for n, c in calls(ctx) if isinstance(c.func, cst.Name) and c.func.value == "probe"]
    opts, more, pairs = (ctx.evaluator.value(p.args[0].value, ctx.facts(function)) for p in probes)
    assert opts == DictValue({"verify_exp": True, "verify_aud": False, "verify_signature": False})
    assert more.open and more.get("verify_exp") is False and more.get("other") is UNKNOWN
    assert pairs == DictValue({"verify_aud": False})


def test_rebinding_reads_the_previous_value():
    source = """\
    def f():
        x = {"a": 1}
        x = x.copy()
        probe(x)
    """
    # `x.copy()` reads the `x` bound before it (no loop on the name being bound)
    assert _value(source) == DictValue({"a": 1})


def test_catalogue_extension():
    catalogue = build_catalogue({"acme.verify": "jwt.decode"})
    assert catalogue.jwt_api("acme.verify").audience == "audience"
    assert "acme" in catalogue.module_words and "verify" in catalogue.leaf_names
    with pytest.raises(CatalogueError):
        build_catalogue({"acme.verify": "acme.nothing"})


def test_a_class_constant_read_through_self_is_its_string():
    """`self.CONFIG_NAME_TOKEN` in a method: the class body's string (a key, a name); a class's
    options dict is left unknown (the rules reading options do not yet follow the checks a
    class makes by hand in another method)."""
    source = textwrap.dedent("""
        class Api:
            CONFIG_NAME_TOKEN = "token"
            OPTIONS = {"verify_aud": False}
            ASSIGNED = "first"

            def __init__(self):
                self.ASSIGNED = "second"

            def show(self):
                probe(self.CONFIG_NAME_TOKEN)
                probe(self.OPTIONS)
                probe(self.ASSIGNED)
    """)
    ctx = context(source)
    method = ctx.module.body[0].body.body[-1]
    ctx.scope_stack.append(method)
    probes = [c for _, c in calls(ctx) if isinstance(c.func, cst.Name) and c.func.value == "probe"]
    token, options, assigned = (ctx.evaluator.value(p.args[0].value, ctx.facts(method)) for p in probes)
    assert token == "token"
    assert options is UNKNOWN and assigned is UNKNOWN
