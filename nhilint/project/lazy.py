"""Values computed when first asked for: what an export holds of its module (issue 14)."""

from __future__ import annotations

from typing import Callable, Dict, Generic, Iterable, Iterator, Mapping, Optional, TypeVar

V = TypeVar("V")


class Lazy(Mapping[str, V]):
    """A mapping whose keys are known at once and whose values are computed when first asked
    for. `compute` may give None (the module is too deep in a chain of modules right now): the
    name then reads as absent, and is computed again when asked again."""

    def __init__(self, names: Iterable[str], compute: Optional[Callable[[str], Optional[V]]] = None,
                 known: Optional[Mapping[str, V]] = None) -> None:
        self._names = tuple(dict.fromkeys([*names, *(known or {})]))
        self._compute = compute
        self._values: Dict[str, V] = dict(known or {})

    def __getitem__(self, name: str) -> V:
        if name in self._values:
            return self._values[name]
        value = self._compute(name) if self._compute is not None and name in self._names else None
        if value is None:
            raise KeyError(name)
        self._values[name] = value
        return value

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def computed(self) -> Dict[str, V]:
        """The values computed so far (what the export cache keeps)."""
        return dict(self._values)


class Deferred(Generic[V]):
    """One value computed when first asked for; None from `compute` is not kept (asked again)."""

    def __init__(self, compute: Optional[Callable[[], Optional[V]]] = None, value: Optional[V] = None) -> None:
        self._compute = compute
        self._value = value

    def get(self, default: V) -> V:
        if self._value is None and self._compute is not None:
            self._value = self._compute()
        return self._value if self._value is not None else default

    def computed(self) -> Optional[V]:
        return self._value
