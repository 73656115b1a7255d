"""Finds the rules of the rule pack (`nhilint.rules`) as data: every Rule subclass with a code."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Dict, List, Tuple, Type

from nhilint.rule import Rule


@lru_cache(maxsize=1)
def all_rules() -> Tuple[Type[Rule], ...]:
    package = importlib.import_module("nhilint.rules")
    found: Dict[str, Type[Rule]] = {}
    for info in pkgutil.walk_packages(package.__path__, prefix="nhilint.rules."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value.code:
                if value.__module__ == module.__name__:
                    found[value.code] = value
    return tuple(found[code] for code in sorted(found))


def rules_by_code() -> Dict[str, Type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


def codes() -> List[str]:
    return [rule.code for rule in all_rules()]
