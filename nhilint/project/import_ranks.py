"""The order in which a module imports the other modules of its project, from its text.

A check follows a bounded number of other modules (nhilint.project.index: MAX_MODULES for
the module being checked, MAX_PART_MODULES for a part of another module's export). Which ones
must not depend on the order in which the analysis happens to ask about them: that order comes
from iterating sets, whose order changes from run to run with Python's string hashing, and the
same check then gave different findings. The bound therefore goes by a fact of the module's own
text: the k-th module of the project it imports, counting its import statements from the top
(those inside functions too, where they stand), ranks k. A module reached through an import of rank below the
bound is followed; the others are not, whenever and however often they are asked about.

The text is read line by line with one linear-time expression, not parsed: a line of a string
that looks like an import counts as one. That costs a rank, never a wrong answer.
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, Optional

from nhilint.patterns import compiled_on_first_use
from nhilint.project.layout import absolute_import

# `from .x import a, b` / `from x import (a,` / `import a.b as c, d` at the start of a line;
# each class of characters is followed by one that cannot overlap it, so a match is linear
_IMPORT = compiled_on_first_use(
    rb"^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t(]*([\w \t,]*)|import[ \t]+([\w. \t,]+))", 0x08  # re.M
)


class ImportRanks:
    """Module name -> its rank: the modules imported (`import a.b`, `from a.b import c`: `a.b`,
    and `a.b.c` when it is a module) rank one after the other; the packages above one (`a`)
    rank with it. A plain class: one per module read."""

    __slots__ = ("_ranks",)

    def __init__(self, ranks: Dict[str, int]) -> None:
        self._ranks = ranks

    def rank(self, module: str) -> Optional[int]:
        """The rank of the module, or of the nearest package above it that an import names
        (`litellm.proxy.utils` read as an attribute of `import litellm`); None when none is: a
        module reached through another one (a re-export, a base class), whose imports rank it."""
        for name in _prefixes(module):
            found = self._ranks.get(name)
            if found is not None:
                return found
        return None


def import_ranks(text: bytes, module: Optional[str], is_package: bool, in_project: Callable[[str], bool]) -> ImportRanks:
    """The ranks of the project's modules (`in_project`) a module's text imports: a library's
    import takes no rank."""
    ranks: Dict[str, int] = {}
    count = 0
    for match in _IMPORT.finditer(text):
        imported, names, plain = match.groups()
        if plain is not None:
            targets = [_first_word(part) for part in plain.split(b",")]
        else:
            base = _absolute(imported, module, is_package)
            if base is None:
                continue
            # the module, then the names imported from it that are modules themselves
            targets = [base, *(f"{base}.{name}" for name in map(_first_word, names.split(b",")) if name)]
        for target in targets:
            if not target or target in ranks or not in_project(target):
                continue
            for prefix in _prefixes(target):
                ranks.setdefault(prefix, count)
            count += 1
    return ImportRanks(ranks)


def _first_word(part: bytes) -> str:
    words = part.split()
    return words[0].decode("ascii", "replace") if words else ""


def _absolute(imported: bytes, module: Optional[str], is_package: bool) -> Optional[str]:
    name = imported.decode("ascii", "replace")
    level = len(name) - len(name.lstrip("."))
    if not level:
        return name
    if module is None:
        return None
    return absolute_import(module, is_package, level, name[level:] or None)


def _prefixes(dotted: str) -> Iterable[str]:
    """`a.b.c`, then `a.b`, then `a`."""
    parts = dotted.split(".")
    return (".".join(parts[:end]) for end in range(len(parts), 0, -1))
