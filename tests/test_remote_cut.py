"""A method of another module's class whose summary is cut (a chain of modules too deep at that
moment: nhilint.project.lazy) cannot be told: the call's question answers "unknown" instead of
failing the file (redshift-connector's core.py was NHL900, a KeyError in NHL302), and the base
class's method of the same name does not stand in for it."""

from __future__ import annotations

from typing import Dict, Optional

from nhilint.project import remote
from nhilint.project.exports import ClassExport, FunctionExport
from nhilint.project.lazy import Deferred, Lazy


class _Project:
    def __init__(self, classes: Dict[str, ClassExport]) -> None:
        self.classes = classes

    def cls(self, name: str, path: str) -> Optional[ClassExport]:
        return self.classes.get(name)


class _Context:
    path = "app/views.py"

    def __init__(self, project: _Project) -> None:
        self.project = project


def test_a_cut_method_is_unknown_and_no_base_stands_in():
    base_init = object()  # stands in for the base class's FunctionExport
    base = ClassExport("Base", methods={"__init__": base_init})  # type: ignore[dict-item]
    cut = ClassExport("Client", methods=Lazy(["__init__"], lambda name: None),
                      qualified_bases=Deferred(value=("app.base.Base",)))
    context = _Context(_Project({"app.client.Client": cut, "app.base.Base": base}))
    assert remote.class_method(context, "app.client.Client", "__init__") is None  # type: ignore[arg-type]
    assert remote.class_method(context, "app.base.Base", "__init__") is base_init  # type: ignore[arg-type]


def test_a_method_the_class_lacks_is_its_bases():
    found: FunctionExport = object()  # type: ignore[assignment]
    base = ClassExport("Base", methods={"close": found})
    client = ClassExport("Client", methods=Lazy(["__init__"], lambda name: None),
                         qualified_bases=Deferred(value=("app.base.Base",)))
    context = _Context(_Project({"app.client.Client": client, "app.base.Base": base}))
    assert remote.class_method(context, "app.client.Client", "close") is found  # type: ignore[arg-type]
