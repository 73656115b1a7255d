"""Values computed when first asked for: what an export holds of its module (issue 14).

A value of another module's export is computed within the index's depth bound
(nhilint.project.index, MAX_DEPTH): the part being computed (a `Frame`) may ask the parts it
needs one level less deep than itself were asked, and nothing at all past the bound. A part whose
computation met the bound anywhere below it is *cut*: it is used by what asked for it, never kept
here (nor in the export cache, which saves what is kept). A part computed in full records how
deep it needed to look (`needed`: 1 for one that asked no other module, one more than the
deepest part it used otherwise), and is given again only to an asker that may look that deep:
a fresh computation there would give the same value. For any other asker it is computed again
(and is cut there). So every value a module gets from another is the value a fresh process
would compute for it, whatever was asked before."""

from __future__ import annotations

from typing import Callable, Dict, Generic, Iterable, Iterator, List, Mapping, Optional, TypeVar

V = TypeVar("V")


class Frame:
    """One part of an export being computed: how deep it may look (`budget`, in modules, its own
    included), how deep it did (`needed`), and whether the bound cut anything below it."""

    __slots__ = ("budget", "needed", "cut")

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.needed = 1
        self.cut = False


# the parts being computed now, innermost last (one index computes at a time in a process)
OPEN: List[Frame] = []
# how deep the part computed last needed to look; None when it was cut
_last: List[Optional[int]] = [1]


def fits(needed: int) -> bool:
    """Whether a value that needed to look `needed` modules deep may be given to the part being
    computed now (any value fits the module being checked); if so it is recorded as used."""
    if not OPEN:
        return True
    frame = OPEN[-1]
    if needed >= frame.budget:
        return False
    if needed + 1 > frame.needed:
        frame.needed = needed + 1
    return True


def cut() -> None:
    """The part being computed asked for something past the bound: it is cut."""
    if OPEN:
        OPEN[-1].cut = True


def enter(budget: int) -> Frame:
    frame = Frame(budget)
    OPEN.append(frame)
    return frame


def leave(frame: Frame) -> None:
    """The part `frame` is computed: what it needed (or its cut) goes to the part that asked."""
    OPEN.pop()
    _last[0] = None if frame.cut else frame.needed
    if OPEN:
        parent = OPEN[-1]
        parent.cut = parent.cut or frame.cut
        if frame.needed + 1 > parent.needed:
            parent.needed = frame.needed + 1


def _computed(compute: Callable[[], Optional[V]]) -> "tuple[Optional[V], Optional[int]]":
    """`compute()`, and how deep it needed to look (None: cut, not to be kept)."""
    _last[0] = 1  # a value computed without a frame asked no other module
    value = compute()
    return value, _last[0]


class Lazy(Mapping[str, V]):
    """A mapping whose keys are known at once and whose values are computed when first asked
    for. `compute` may give None (the module is too deep in a chain of modules right now): the
    name then reads as absent, and is computed again when asked again. `needs`: how deep each
    known value needed to look, when more than 1."""

    def __init__(self, names: Iterable[str], compute: Optional[Callable[[str], Optional[V]]] = None,
                 known: Optional[Mapping[str, V]] = None, needs: Optional[Mapping[str, int]] = None) -> None:
        self._names = tuple(dict.fromkeys([*names, *(known or {})]))
        self._compute = compute
        self._values: Dict[str, V] = dict(known or {})
        self._needs: Dict[str, int] = dict(needs or {})

    def __getitem__(self, name: str) -> V:
        if name in self._values and fits(self._needs.get(name, 1)):
            return self._values[name]
        if self._compute is None or name not in self._names:
            raise KeyError(name)
        compute = self._compute
        value, needed = _computed(lambda: compute(name))
        if value is None:
            raise KeyError(name)
        if needed is not None and name not in self._values:
            self._values[name] = value
            if needed > 1:
                self._needs[name] = needed
        return value

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def computed(self) -> Dict[str, V]:
        """The values kept so far (what the export cache keeps)."""
        return dict(self._values)

    def needs(self) -> Dict[str, int]:
        """How deep the kept values needed to look, where more than 1."""
        return dict(self._needs)


class Deferred(Generic[V]):
    """One value computed when first asked for; None from `compute`, or a cut value, is not kept
    (asked again)."""

    def __init__(self, compute: Optional[Callable[[], Optional[V]]] = None, value: Optional[V] = None,
                 needed: int = 1) -> None:
        self._compute = compute
        self._value = value
        self.needed = needed

    def get(self, default: V) -> V:
        if self._value is not None and fits(self.needed):
            return self._value
        if self._compute is None:
            return default
        value, needed = _computed(self._compute)
        if value is not None and needed is not None and self._value is None:
            self._value, self.needed = value, needed
        return value if value is not None else default

    def known(self) -> Optional[V]:
        """The kept value, if it may be given to the part being computed now."""
        return self._value if self._value is not None and fits(self.needed) else None

    def computed(self) -> Optional[V]:
        """The kept value (what the export cache keeps)."""
        return self._value
