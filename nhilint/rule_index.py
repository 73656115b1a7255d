"""What the engine must know of a rule before it parses anything, without importing the rule.

Importing the rules imports libcst (~0.13 s, more than bandit needs for a whole small file), so
selection, config validation and the prefilter work from this index, and a rule's module is
imported only when a file passes its prefilter (SPEC §9). The data is generated from the rule
classes (nhilint/rule_index_data.py, by scripts/gen_rule_index.py); tests/test_rule_index.py
keeps the two in step.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Dict, Iterable, Mapping, Optional, Tuple, Type

from nhilint.catalogue import Catalogue

if TYPE_CHECKING:
    from nhilint.ftypes import RuleMeta
    from nhilint.rule import Rule

# The types a rule option may have, by the name the index records.
OPTION_TYPES: Mapping[str, type] = {"bool": bool, "int": int, "float": float, "str": str, "list": list, "tuple": tuple}


def trigger_words(words: Tuple[str, ...], catalogue_words: Iterable[str], catalogue: Catalogue) -> Tuple[str, ...]:
    """A rule's own prefilter words and those of the catalogue attributes it names."""
    return (*words, *(word for name in catalogue_words for word in getattr(catalogue, name)))


@dataclass(frozen=True)
class RuleEntry:
    code: str
    name: str
    module: str
    class_name: str
    default_enabled: bool
    words: Tuple[str, ...]
    also_words: Tuple[str, ...]
    catalogue_words: Tuple[str, ...]
    options: Tuple[Tuple[str, str], ...]  # (key, type name)
    test_data_words: Optional[Tuple[str, ...]] = None
    reads_test_settings: bool = False
    reports_unanalysed_files: bool = False
    reports_unused_suppressions: bool = False
    # RuleMeta's fields, recorded so that findings read from the cache need no rule module
    meta_fields: Optional[Dict[str, Any]] = None

    def trigger_words(self, catalogue: Catalogue) -> Tuple[str, ...]:
        return trigger_words(self.words, self.catalogue_words, catalogue)

    def option_types(self) -> Dict[str, type]:
        return {key: OPTION_TYPES[type_name] for key, type_name in self.options}

    def load(self) -> Type["Rule"]:
        return _load(self.module, self.class_name)

    def meta(self) -> "RuleMeta":
        if self.meta_fields is not None:
            return _meta(self.code)
        return self.load().meta()

    def __call__(self, *args: Any) -> "Rule":
        """An instance of the rule: the engine builds visitors from entries as from classes."""
        return self.load()(*args)


@lru_cache(maxsize=None)
def _load(module: str, class_name: str) -> Type["Rule"]:
    return getattr(importlib.import_module(module), class_name)


@lru_cache(maxsize=1)
def rule_entries() -> Tuple[RuleEntry, ...]:
    from nhilint.rule_index_data import RULES

    return tuple(RuleEntry(**{("meta_fields" if key == "meta" else key): value for key, value in fields.items()})
                 for fields in RULES)


@lru_cache(maxsize=None)
def _meta(code: str) -> "RuleMeta":
    from nhilint.ftypes import RuleMeta

    entry = next(entry for entry in rule_entries() if entry.code == code)
    assert entry.meta_fields is not None
    return RuleMeta(**entry.meta_fields)
