"""A part of a function's summary (the parameters it verifies, where its parameters go) asked
for alone is what the whole summary holds: a call's question reads one part, computed without
the rest when the summary is not (nhilint.flow.module.ModuleFlow.verified_params / param_sinks),
and a rule must find the same either way."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from nhilint.project import index as project_index
from nhilint.project.exports import NO_SUMMARY, FunctionExport, ModuleExport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "projects"
PROJECTS = sorted(path for path in FIXTURES.iterdir() if path.is_dir())

Parts = Dict[str, Tuple[Tuple[str, ...], Dict[str, tuple]]]


def _functions(export: ModuleExport) -> List[Tuple[str, FunctionExport]]:
    found = [(f"{export.module}.{name}", export.functions[name]) for name in export.functions]
    for cls_name, cls in export.classes.items():
        found += [(f"{export.module}.{cls_name}.{name}", cls.methods[name]) for name in cls.methods]
    return found


def _exports(root: Path) -> List[ModuleExport]:
    """Every module's export, from an index of a new process (nothing computed yet)."""
    project_index._indexes.clear()
    files = sorted(root.rglob("*.py"))
    index = project_index.index_for(str(root), lambda: files)
    index.begin()
    exports = [index.export_at(path) for path in files]
    return [export for export in exports if export is not None]


def _parts(root: Path, whole_first: bool) -> Parts:
    found: Parts = {}
    for export in _exports(root):
        for name, function in _functions(export):
            if whole_first:
                summary = function.summary.get(NO_SUMMARY)
                found[name] = (summary.verified_params, dict(summary.param_sinks))
            else:
                found[name] = (function.verified_params, dict(function.param_sinks))
    return found


@pytest.mark.parametrize("root", PROJECTS, ids=[path.name for path in PROJECTS])
def test_parts_asked_alone_equal_the_whole_summary(root: Path) -> None:
    alone = _parts(root, whole_first=False)
    assert alone == _parts(root, whole_first=True)
    project_index._indexes.clear()


def test_the_fixtures_have_parts_to_compare() -> None:
    """The comparison above is not vacuous: some helper verifies, some parameter is sent or logged."""
    verified = sinks = 0
    for root in PROJECTS:
        for params, param_sinks in _parts(root, whole_first=False).values():
            verified += bool(params)
            sinks += bool(param_sinks)
    project_index._indexes.clear()
    assert verified and sinks


@pytest.mark.parametrize("root", PROJECTS, ids=[path.name for path in PROJECTS])
def test_parts_survive_the_export_cache(root: Path) -> None:
    """A part computed alone is kept by the export cache's form of an export (`to_json`) and
    read back as it was (with no way to compute anything more: `from_json(..., None)`)."""
    import json

    from nhilint.project.exports import from_json

    for export in _exports(root):
        asked = {name: (function.verified_params, dict(function.param_sinks)) for name, function in _functions(export)}
        back = from_json(json.loads(json.dumps(export.to_json())), None)
        assert {name: (function.verified_params, dict(function.param_sinks)) for name, function in _functions(back)} == asked
    project_index._indexes.clear()
