"""Results computed from a value that was itself still being computed.

The module flow computes on request and memoises: what `self._token` holds asks what
`_login()` stores there, which asks what `self._request()` returns, whose summary asks what
the headers it logs hold, which reads `self._token` again. That inner read gets a placeholder
(nothing yet), and whatever is computed from it is only right for that moment. Memoised as
final, it would make results depend on which rule asked first: NHL403 asking for
`_request()`'s parameter sinks hid from NHL404 the token in the headers it logs.

So a result computed from a placeholder is provisional: it is kept apart from the memo (here)
while the item whose placeholder it read is still being computed (the cycle needs a value to
stop at; reading a provisional result makes the reader provisional too), and forgotten when
that item is done, so the next request computes it again from the item's final value. An
item done while it depends on one further down the stack is provisional in turn. A cut by the
depth bound, and the read of an expression's labels while they are computed, count as reads
of the outermost item: what was cut short is computed again from the top.

The bookkeeping is a stack of open items and one number, the lowest stack position the
current computation read a placeholder of (`cut`), saved and restored around every memoised
computation. Final results stay in the memos, so a memo hit costs nothing more.
"""

from __future__ import annotations

from typing import Any, Dict, Hashable, List, MutableMapping, Tuple

NO_CUT = 1 << 30  # no placeholder was read
# how many results one module's flow sets apart at most: past it, a result computed from a
# placeholder is kept as final, as before this bookkeeping (the answer may then depend on the
# order of the asks again). Real modules set apart a few dozen; a module of hundreds of
# functions calling each other in cycles (adversarial input) would be computed again and
# again without it (38 s for 2,500 lines, against 1 s).
BUDGET = 2000
MISSING = object()  # `lookup` found no provisional result

_Entry = Tuple[int, Hashable]  # (id of the memo, key in it)


class Provisional:
    __slots__ = ("_open", "_journal", "_pending", "cut", "budget")

    def __init__(self) -> None:
        self._open: Dict[Hashable, int] = {}
        # per open item, in stack order: the provisional results that read its placeholder
        self._journal: List[List[_Entry]] = []
        self._pending: Dict[_Entry, Tuple[Any, int]] = {}
        self.cut = NO_CUT
        self.budget = BUDGET

    def read(self, item: Hashable) -> None:
        """A memoised value of `item` was read: a placeholder if it is still being computed."""
        position = self._open.get(item)
        if position is not None and position < self.cut:
            self.cut = position

    def depth_cut(self) -> None:
        """A computation was cut short: provisional until the outermost item is done."""
        if self._journal:
            self.cut = 0

    def lookup(self, memo: MutableMapping, key: Hashable) -> Any:
        """The provisional result for `memo[key]`, or MISSING; reading it makes the reader
        provisional on the same item."""
        if not self._pending:
            return MISSING
        entry = self._pending.get((id(memo), key))
        if entry is None:
            return MISSING
        value, position = entry
        if position < self.cut:
            self.cut = position
        return value

    def forget(self, memo: MutableMapping, key: Hashable) -> None:
        """Drop `memo[key]`, final or provisional, to compute it again."""
        memo.pop(key, None)
        self._pending.pop((id(memo), key), None)

    def begin(self, item: Hashable) -> int:
        """`item` starts being computed (its placeholder is in its memo); returns what `end` needs."""
        saved = self.cut
        self.cut = NO_CUT
        self._open[item] = len(self._journal)
        self._journal.append([])
        return saved

    def end(self, item: Hashable, memo: MutableMapping, key: Hashable, saved: int) -> None:
        """`item` is done, its value in `memo[key]`: forget what read its placeholder, and
        keep its value apart if it read an item further down."""
        position = self._open.pop(item)
        for entry in self._journal.pop():
            self._pending.pop(entry, None)
        low = self.cut
        self.cut = saved
        if low < position:
            self._set_aside(memo, key, low)

    def start(self) -> int:
        """A memoised computation that is no item (an expression's labels) starts."""
        saved = self.cut
        self.cut = NO_CUT
        return saved

    def finish(self, memo: MutableMapping, key: Hashable, saved: int) -> None:
        """It is done, its value in `memo[key]`: kept apart if it read a placeholder."""
        low = self.cut
        self.cut = saved
        if low != NO_CUT:
            self._set_aside(memo, key, low)

    def _set_aside(self, memo: MutableMapping, key: Hashable, position: int) -> None:
        if self.budget <= 0:
            return  # spent: kept as final (see BUDGET)
        self.budget -= 1
        entry = (id(memo), key)
        self._pending[entry] = (memo.pop(key), position)
        self._journal[position].append(entry)
        if position < self.cut:
            self.cut = position
