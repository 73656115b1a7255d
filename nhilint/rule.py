"""The one base class every rule extends: metadata as class attributes, `report()` to speak.

A rule is a libcst batchable visitor. It reads the file only through its FileContext, reports
nodes with a message, and never reads files, prints or touches config (SPEC §1).
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst

from nhilint.catalogue import Catalogue
from nhilint.context import FileContext, RelatedPlace
from nhilint.ftypes import RuleMeta
from nhilint.rule_index import trigger_words
from nhilint.testfiles import is_test_environment_settings

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


@dataclass(frozen=True)
class RuleOption:
    default: Any
    type: type
    description: str


# The option of every rule about how code handles tokens at run time: such a rule is silent in
# test files (nhilint.testfiles), whose tokens are test vectors, unless this is set.
CHECK_TESTS = RuleOption(
    False, bool, "report in test files too (test_*.py, *_test.py, tests.py, conftest.py)"
)


class Rule(cst.BatchableCSTVisitor):
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[str] = "medium"
    confidence: ClassVar[str] = "medium"
    default_enabled: ClassVar[bool] = True
    owasp: ClassVar[str] = ""
    owasp_2025: ClassVar[Tuple[str, ...]] = ()
    cwe: ClassVar[Tuple[int, ...]] = ()
    # Words (lower case) one of which a file must contain for this rule to report anything.
    words: ClassVar[Tuple[str, ...]] = ()
    # ...and, when set, one of these as well: for rules that need two things in one file
    # (an insecure transport *and* a credential), which one word list cannot say.
    also_words: ClassVar[Tuple[str, ...]] = ()
    # Catalogue attributes (word tuples) whose words trigger the rule too: the APIs the project
    # configures under [tool.nhilint.apis] are named in its files by words of their own.
    catalogue_words: ClassVar[Tuple[str, ...]] = ()
    # For a rule with the option `check-test-data`: the words that can trigger it in test files
    # while that option is off (most of what it looks for there is test data).
    test_data_words: ClassVar[Optional[Tuple[str, ...]]] = None
    # Whether the rule reads the test environment's settings module (`config/test.py`) although
    # its name makes it a test file (nhilint.testfiles.is_test_environment_settings).
    reads_test_settings: ClassVar[bool] = False
    options: ClassVar[Mapping[str, RuleOption]] = {}
    # The engine reports files it could not analyse through the rule that sets this.
    reports_unanalysed_files: ClassVar[bool] = False
    # ... and suppression comments that silenced nothing through the rule that sets this.
    reports_unused_suppressions: ClassVar[bool] = False

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__()
        self.context = context
        self.settings = options
        self._silent_in_tests = (
            "check-tests" in self.options and not self.opt("check-tests") and context.is_test_code()
            and not (self.reads_test_settings and is_test_environment_settings(context.path))
        )
        # (node, message) already reported: a store written through a helper that several
        # callers reach is one finding at the write, not one per caller
        self._reported: Set[Tuple[int, str]] = set()

    def get_visitors(self) -> Mapping[str, Any]:
        """libcst finds visit_/leave_ methods with `inspect.getmembers` on every instance, and
        we make one instance per rule per file; the names depend only on the class."""
        return {name: getattr(self, name) for name in _visitor_names(type(self))}

    @classmethod
    def trigger_words(cls, catalogue: Catalogue) -> Tuple[str, ...]:
        """The prefilter's words: its own and those of the catalogue attributes it names."""
        return trigger_words(cls.words, cls.catalogue_words, catalogue)

    @classmethod
    def load(cls) -> type:
        """The class itself: plans hold index entries or, in tests, classes; both load."""
        return cls

    @classmethod
    def option_types(cls) -> Mapping[str, type]:
        return {key: option.type for key, option in cls.options.items()}

    @classmethod
    def option(cls, settings: Mapping[str, Any], key: str) -> Any:
        return settings.get(key, cls.options[key].default)

    def opt(self, key: str) -> Any:
        return self.option(self.settings, key)

    def flow(self) -> "FunctionFlow":
        """The token flow of the function (or module body) the visit is in."""
        from nhilint.flow import module_flow

        return module_flow(self.context).flow(self.context.scope)

    def report(
        self, node: cst.CSTNode, message: str, confidence: Optional[str] = None,
        statement: Optional[cst.CSTNode] = None, related: Sequence["RelatedPlace"] = (),
    ) -> None:
        """`related`: second places the finding involves (nhilint.context.RelatedPlace)."""
        if self._silent_in_tests or (id(node), message) in self._reported:
            return
        self._reported.add((id(node), message))
        self.context.add_report(self.code, node, message, confidence, statement, related)

    @classmethod
    def meta(cls) -> RuleMeta:
        return RuleMeta(
            code=cls.code,
            name=cls.name,
            family=cls.family,
            summary=cls.summary,
            severity=cls.severity,
            confidence=cls.confidence,
            default_enabled=cls.default_enabled,
            owasp=cls.owasp,
            owasp_2025=cls.owasp_2025,
            cwe=cls.cwe,
            doc=inspect.cleandoc(cls.__doc__ or ""),
            reports_unanalysed_files=cls.reports_unanalysed_files,
        )


@lru_cache(maxsize=None)
def _visitor_names(cls: type) -> Tuple[str, ...]:
    # libcst's typed base class defines a no-op stub for every node type: leave those out. Its
    # ~700 stubs are why this reads our classes' own namespaces rather than `dir(cls)` (2 ms a
    # rule, a tenth of a check on save).
    own = {
        name for klass in cls.__mro__ if not klass.__module__.startswith("libcst")
        for name in vars(klass) if name.startswith(("visit_", "leave_"))
    }
    return tuple(
        name for name in sorted(own)
        if callable(getattr(cls, name)) and not getattr(getattr(cls, name), "_is_no_op", False)
    )
