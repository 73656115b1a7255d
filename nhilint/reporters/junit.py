"""JUnit XML: one <testsuite> per file checked, one failing <testcase> a finding (SPEC §7).

A file with no findings is one passing test case, so CI test views count every file checked. A
file nhilint could not analyse (NHL900) is an <error>, not a <failure>: the check did not run.
Written with ElementTree in ASCII (anything else as character references); characters XML 1.0
cannot hold at all (control characters, lone surrogates of undecodable file names) become U+FFFD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from nhilint.patterns import compiled_on_first_use
from nhilint.ftypes import FileResult, Finding
from nhilint.reporters.escaping import printable

if TYPE_CHECKING:
    from nhilint.api import RunResult

_NOT_XML = compiled_on_first_use("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Control characters escaped as in text formats (a report on stdout is read in CI logs)."""
    return _NOT_XML.sub("\ufffd", printable(text))


def _testcase(suite: ET.Element, f: Finding) -> None:
    case = ET.SubElement(suite, "testcase", {
        "name": _xml(f"{f.code} {f.rule.name} at {f.start.line}:{f.start.column}"),
        "classname": _xml(f.path), "file": _xml(f.path), "line": str(f.start.line),
    })
    kind = "error" if f.rule.reports_unanalysed_files else "failure"
    problem = ET.SubElement(case, kind, {"type": f.code, "message": _xml(f.located_message)})
    problem.text = _xml(f"{f.path}:{f.place}: {f.code} {f.message}")


def _testsuite(parent: ET.Element, file: FileResult) -> None:
    errors = sum(1 for f in file.findings if f.rule.reports_unanalysed_files)
    suite = ET.SubElement(parent, "testsuite", {
        "name": _xml(file.path), "tests": str(max(len(file.findings), 1)),
        "failures": str(len(file.findings) - errors), "errors": str(errors), "skipped": "0",
    })
    if not file.findings:
        ET.SubElement(suite, "testcase", {"name": "no findings", "classname": _xml(file.path),
                                          "file": _xml(file.path)})
    for f in file.findings:
        _testcase(suite, f)


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    root = ET.Element("testsuites", {"name": "nhilint"})
    for file in result.files:
        _testsuite(root, file)
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(suite.get(total, "0")) for suite in root)))
    ET.indent(root)
    out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=True).decode("ascii"))
    out.write("\n")
