"""A module's shape read with Python's parser (nhilint.project.shape) names what libcst's tree
gives nhilint.context and nhilint.analysis.imports: same imports, constants, functions, classes,
methods and class attributes. (Checked once on the 10,708 files of the benchmark corpus too.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import libcst as cst
import pytest

from nhilint.catalogue import DEFAULT_CATALOGUE
from nhilint.context import FileContext
from nhilint.flow import module_flow
from nhilint.project import build
from nhilint.project.shape import read_shape
from nhilint.analysis.environments import module_environment

ROOT = Path(__file__).resolve().parent.parent

TRICKY = b'''\
"""Every way a module binds a name at its top."""
import os, os.path
import xml.etree.ElementTree as ET
from . import sibling
from ..parent import thing as other, more
from .pkg.deep import *
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from app.types import Token
elif os.name == "nt":
    from app.win import Token
else:
    import json as Token
try:
    import ujson as json
except ImportError:
    import json
else:
    from app.fast import speedup
finally:
    from app.never import counted

TTL = 300
TTL_TWICE = 1
TTL_TWICE = 2
counter: int = 0
counter += 1
annotated: str
a = b = "x"
first, second = 1, 2

def helper(token): return token
async def fetch(): pass
def helper_twice(): pass
def helper_twice(): pass
shadowed = 1
def shadowed(): pass
def later(): pass
later = 3

class Config: TTL = 300; SECRET = "s"
class Client(Base, metaclass=Meta):
    timeout = 30
    retries: int = 3
    bare: int
    x, y = 1, 2
    def get(self): pass
    async def aget(self): pass
    def get(self): pass
    @property
    def token(self): pass
'''


def _bases_compared(data: bytes, module: str, is_package: bool) -> Dict[str, Any]:
    """Each class's bases both ways, where the shape tells them (it leaves None to libcst)."""
    shape = read_shape(data, "m.py", module, is_package, "digest")
    assert shape is not None
    tree = cst.parse_module(data)
    context = FileContext(tree, "m.py", DEFAULT_CATALOGUE, {}, data.lower(), module_name=module, is_package=is_package)
    return {
        name: (shape.classes[name].bases, build._bases(context, cls))
        for name, cls in context.module_classes.items() if shape.classes[name].bases is not None
    }


def _from_libcst(data: bytes, module: str, is_package: bool) -> Dict[str, Any]:
    tree = cst.parse_module(data)
    context = FileContext(tree, "m.py", DEFAULT_CATALOGUE, {}, data.lower(), module_name=module, is_package=is_package)
    flow = module_flow(context)
    return {
        "imports": dict(context.imports),
        "constants": tuple(name for name, value in context.module_constants.items() if value is not None),
        "functions": tuple(context.module_functions),
        "classes": {
            name: (tuple(dict.fromkeys(m.name.value for m in flow.methods(cls))),
                   tuple(dict.fromkeys(target for target, _ in build._class_assignments(cls))))
            for name, cls in context.module_classes.items()
        },
        "environment": module_environment(context),
    }


def _from_ast(data: bytes, module: str, is_package: bool) -> Dict[str, Any]:
    shape = read_shape(data, "m.py", module, is_package, "digest")
    assert shape is not None
    return {
        "imports": dict(shape.imports),
        "constants": shape.constants,
        "functions": shape.functions,
        "classes": {name: (cls.methods, cls.attributes) for name, cls in shape.classes.items()},
        "environment": shape.environment,
    }


@pytest.mark.parametrize("module, is_package", [("app.sub.mod", False), ("app.sub", True), ("shop.settings.staging", False)])
def test_the_shape_of_every_binding_form_is_libcsts(module, is_package):
    assert _from_ast(TRICKY, module, is_package) == _from_libcst(TRICKY, module, is_package)


def test_class_bases_from_the_shape_are_libcsts():
    data = (b"import jwt\nfrom app import base as b\nfrom app.models import Model\nBase = declarative_base()\n"
            b"class Local: pass\n"
            b"class A(Model, b.Mixin, Local, Exception, metaclass=Meta): pass\n"
            b"class B(Base): pass\n"
            b"class C(Generic[T]): pass\n"
            b"class D(jwt.PyJWT): pass\n"
            b"from app.compat import JsonWebToken\nclass E(JsonWebToken): pass\n")
    shape = read_shape(data, "m.py", "app.mod", False, "d")
    assert shape is not None
    assert shape.classes["A"].bases == ("app.models.Model", "app.base.Mixin", "Local", "builtins.Exception")
    # through a module-level value, an expression, a name a library call may have: libcst's
    assert shape.classes["B"].bases is None and shape.classes["C"].bases is None and shape.classes["E"].bases is None
    assert shape.classes["D"].bases == ("jwt.PyJWT",)
    assert _bases_compared(data, "app.mod", False) == {
        "A": (shape.classes["A"].bases,) * 2, "Local": ((), ()), "D": (("jwt.PyJWT",),) * 2,
    }


def test_what_the_tricky_module_binds():
    """The expected names written out, so that both readers agreeing on nothing cannot pass."""
    shape = read_shape(TRICKY, "m.py", "app.sub.mod", False, "d")
    assert shape is not None
    assert shape.imports["other"] == "app.parent.thing" and shape.imports["sibling"] == "app.sub.sibling"
    assert shape.imports["ET"] == "xml.etree.ElementTree" and shape.imports["os"] == "os"
    assert shape.imports["Token"] == "json" and shape.imports["json"] == "json"  # the last import wins
    assert "counted" not in shape.imports  # `finally` is not followed (nor by libcst's reader)
    assert set(shape.constants) == {"TTL", "a", "b"}  # bound once, to a value
    assert shape.functions == ("helper", "fetch")
    assert shape.classes["Client"].methods == ("get", "aget", "token")
    assert shape.classes["Client"].attributes == ("timeout", "retries")
    assert shape.classes["Config"].attributes == ("TTL", "SECRET")


def test_every_fixture_file_has_the_same_shape_both_ways():
    files = sorted([*ROOT.glob("fixtures/**/*.py"), *ROOT.glob("benchmarks/realworld/**/*.py")])
    assert len(files) > 100
    compared = bases = 0
    for path in files:
        data = path.read_bytes()
        try:
            expected = _from_libcst(data, "pkg.mod", False)
        except cst.ParserSyntaxError:
            continue  # fixtures of unparsable files
        assert _from_ast(data, "pkg.mod", False) == expected, path
        for name, (shaped, parsed) in _bases_compared(data, "pkg.mod", False).items():
            assert shaped == parsed, (path, name)
            bases += 1
        compared += 1
    assert compared > 100 and bases > 50


def test_a_file_python_cannot_parse_has_no_shape():
    assert read_shape(b"def broken(:\n", "m.py", "m", False, "d") is None
    assert read_shape(b"x = (" * 300 + b")" * 300, "m.py", "m", False, "d") is None
