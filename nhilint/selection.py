"""Which rules run: ruff's select / extend-select / ignore, by code prefix (`NHL1` = the family)."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING, Iterable, Sequence, Tuple, Union

if TYPE_CHECKING:
    from nhilint.rule import Rule
    from nhilint.rule_index import RuleEntry

    AnyRule = Union[RuleEntry, type[Rule]]


class SelectionError(ValueError):
    pass


def _matches(code: str, selector: str) -> bool:
    return code.startswith(selector)


def _check_known(selectors: Iterable[str], rules: Sequence["AnyRule"]) -> None:
    for selector in selectors:
        if not any(_matches(rule.code, selector) for rule in rules):
            raise SelectionError(f"unknown rule selector '{selector}' (see `nhilint rules`)")


def select_rules(
    rules: Sequence["AnyRule"],
    select: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Tuple["AnyRule", ...]:
    """Default rules, or those `select` names; plus `extend_select`; minus `ignore`; and always
    the rule reporting unanalysed files unless `ignore` names it (`is_ignored`).

    A rule that is off by default runs only when a selector names its family or code: `NHL`
    alone (every rule) does not switch on the opt-in ones, as ruff's `ALL` leaves preview off.
    """
    _check_known([*select, *extend_select, *ignore], rules)

    def chosen(rule: "AnyRule", selectors: Sequence[str]) -> bool:
        return any(
            _matches(rule.code, s) and (rule.default_enabled or len(s) > 3) for s in selectors
        )

    picked = [
        rule for rule in rules
        if (((chosen(rule, select) if select else rule.default_enabled) or chosen(rule, extend_select))
            and not is_ignored(rule, ignore))
        or (rule.reports_unanalysed_files and not is_ignored(rule, ignore))
    ]
    return tuple(picked)


def is_ignored(rule: "AnyRule", selectors: Sequence[str]) -> bool:
    """Whether `ignore`-like selectors drop a rule (or its findings). The rule that reports files
    nobody could analyse (NHL900) is dropped only when named in full: `--select NHL1` or an
    ignored family must never let an unparsable file pass unseen (issue 17 item 4)."""
    if rule.reports_unanalysed_files:
        return rule.code in selectors
    return any(_matches(rule.code, selector) for selector in selectors)


def nothing_to_check(rules: Sequence["AnyRule"]) -> bool:
    """Whether a selection runs no rule that looks at code (at most the unanalysed-file one)."""
    return all(rule.reports_unanalysed_files for rule in rules)


def ignored_for_path(path: str, per_file_ignores: Sequence[Tuple[str, Tuple[str, ...]]]) -> Tuple[str, ...]:
    """Codes ignored for one file: patterns match the root-relative path or the file name."""
    name = path.rsplit("/", 1)[-1]
    codes = []
    for pattern, ignored in per_file_ignores:
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(name, pattern):
            codes.extend(ignored)
    return tuple(codes)
