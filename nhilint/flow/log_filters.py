"""Loggers that hide secrets: a module-level logger to which the module attaches a filter named
for it (`log.addFilter(SecretsFilter())`, also through a name: `f = SecretsFilter();
log.addFilter(f)`, also under a module-level `if`). What such a logger writes has been through
the filter, so a token handed to it is not written in clear (NHL404). Its LOGGER label carries
REDACTED as detail, which the module's export keeps, so `from pkg import log` is known too.

The filter is judged by its class's name, as a function named for redaction is judged by its
name: what it hides is decided by code nhilint does not weigh, and the author asked for
secrets to go. A filter that may be left off (`if not config.show_secrets:`) is on by default.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, FrozenSet

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.catalogue.loggers import REDACTING_FILTER_PATTERN
from nhilint.flow.labels import LOGGER, Labels
from nhilint.patterns import compiled_on_first_use

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow

REDACTED = "redacted"

_REDACTING = compiled_on_first_use(REDACTING_FILTER_PATTERN, re.I)


def redacting_loggers(module: "ModuleFlow") -> FrozenSet[str]:
    """The module globals that module-level code gives a filter named for hiding secrets."""
    context = module.context
    if b"addfilter" not in context.lowered:
        return frozenset()

    def compute() -> FrozenSet[str]:
        facts = module.module_flow().facts
        found = set()
        for call in facts.own_calls:
            func = call.func
            if not (isinstance(func, cst.Attribute) and func.attr.value == "addFilter"
                    and isinstance(func.value, cst.Name) and len(call.args) == 1):
                continue
            given = call.args[0].value
            if isinstance(given, cst.Name):  # `secrets = SecretsFilter()`, then `log.addFilter(secrets)`
                given = context.bound_expression(given, facts) or given
            if isinstance(given, cst.Call) and _REDACTING.search(leaf_name(given)):
                found.add(func.value.value)
        return frozenset(found)

    return context.memo("redacting-loggers", compute)


def marked(module: "ModuleFlow", name: str, labels: Labels) -> Labels:
    """A global's labels, its logger marked REDACTED when the module filters it."""
    if not any(label.kind == LOGGER for label in labels) or name not in redacting_loggers(module):
        return labels
    return frozenset(
        replace(label, detail=REDACTED) if label.kind == LOGGER else label for label in labels
    )


def hides_secrets(labels: Labels) -> bool:
    """A logger whose every origin is a filtered one."""
    loggers = [label for label in labels if label.kind == LOGGER]
    return bool(loggers) and all(label.detail == REDACTED for label in loggers)
