"""Whether a stored token is fetched again on a timer (NHL202): the function that writes it is
run as a periodic job, so the slot never holds one fetch's token past the job's interval.

`scheduler.add_job(self._refresh_token, "interval", seconds=3300)` (APScheduler), the same with
`trigger="interval"` or a cron trigger; `schedule.every(50).minutes.do(refresh)`; a function
decorated as such a job (`@scheduler.scheduled_job("interval", ...)`, discord.py's
`@tasks.loop(minutes=50)`, fastapi-utils' `@repeat_every(seconds=...)`); or a write in a loop
that sleeps between its turns (`while True: self._token = fetch(); await asyncio.sleep(3000)`).
The interval is the author's choice of lifetime, below the token's in every case seen; a
one-shot timer (`loop.call_later`, `threading.Timer` not re-armed) refreshes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, List, Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow
    from nhilint.flow.stores import StoreWrite

# the triggers of a periodic APScheduler job
_PERIODIC_TRIGGERS = frozenset({"interval", "cron"})
# decorators that make a function a periodic job (discord.py `tasks.loop`, fastapi-utils
# `repeat_every`, APScheduler's `scheduled_job` with a periodic trigger)
_LOOP_DECORATORS = frozenset({"loop", "repeat_every"})
# how many calls away from the job the write may be (`_refresh()` calling `_store(answer)`)
_CALLS_AWAY = 2


def refreshed_on_a_timer(module: "ModuleFlow", writes: "List[StoreWrite]") -> bool:
    """One of the writes of a store is in a function run as a periodic job (or one it calls,
    up to two calls away), or in a loop that sleeps between its turns."""
    jobs = module.context.memo("timed-refresh-jobs", lambda: _periodic_jobs(module))
    for write in writes:
        if write.function is None:
            continue
        if _in_sleeping_loop(module, write.function, write.node):
            return True
        frontier = [write.function]
        seen = {id(write.function)}
        for _ in range(_CALLS_AWAY + 1):
            if any(id(function) in jobs for function in frontier):
                return True
            step = []
            for function in frontier:
                for caller, call in module.callers(function):
                    scope = caller.scope
                    if isinstance(scope, cst.FunctionDef) and id(scope) not in seen:
                        if _in_sleeping_loop(module, scope, call):
                            return True
                        seen.add(id(scope))
                        step.append(scope)
            frontier = step
    return False


def _periodic_jobs(module: "ModuleFlow") -> FrozenSet[int]:
    """The functions of the module run as periodic jobs, by id: one walk of the module's
    calls and decorators, however many stores ask."""
    found = set()
    for function in module.every_function():
        if any(_periodic_decorator(decorator.decorator) for decorator in function.decorators):
            found.add(id(function))
    for scope in [module.context.module, *module.every_function()]:
        flow = module.flow(scope)
        for call in flow.facts.own_calls:
            job = _scheduled_job(call)
            if job is None or dotted_name(job) is None:
                continue
            target = module.resolve_reference(flow, job)
            if target is not None:
                found.add(id(target[0]))
    return frozenset(found)


def _scheduled_job(call: cst.Call) -> Optional[cst.BaseExpression]:
    """The function a call schedules as a periodic job: `add_job(func, "interval", ...)` (or
    `trigger="cron"`), `every(50).minutes.do(func)`; None for any other call."""
    name = leaf_name(call)
    if name == "add_job" and call.args and call.args[0].keyword is None:
        trigger = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "trigger"), None)
        if trigger is None and len(call.args) > 1 and call.args[1].keyword is None:
            trigger = call.args[1].value
        if trigger is not None and _periodic_trigger(trigger):
            return call.args[0].value
        return None
    if name == "do" and call.args and isinstance(call.func, cst.Attribute):
        chain = call.func.value
        if any(leaf_name(inner) == "every" for inner in nodes_of(chain, cst.Call, nested=True)) or \
                (isinstance(chain, cst.Call) and leaf_name(chain) == "every"):
            return call.args[0].value
    return None


def _periodic_trigger(trigger: cst.BaseExpression) -> bool:
    """`"interval"`, `"cron"`, `IntervalTrigger(seconds=...)`, `CronTrigger(...)`."""
    text = string_literal(trigger)
    if isinstance(text, str):
        return text in _PERIODIC_TRIGGERS
    return isinstance(trigger, cst.Call) and leaf_name(trigger) in ("IntervalTrigger", "CronTrigger")


def _periodic_decorator(decorator: cst.BaseExpression) -> bool:
    if not isinstance(decorator, cst.Call):
        return False
    name = leaf_name(decorator)
    if name in _LOOP_DECORATORS:
        return True
    return name == "scheduled_job" and bool(decorator.args) and _periodic_trigger(decorator.args[0].value)


def _in_sleeping_loop(module: "ModuleFlow", function: cst.FunctionDef, node: Optional[cst.CSTNode]) -> bool:
    """`node` is in the body of a `while` loop that also sleeps (`time.sleep(...)`,
    `await asyncio.sleep(...)`) and never leaves it (no `break`, no `return`): a refresher that
    runs until the process stops, not a retry loop that sleeps until one fetch succeeds."""
    facts = module.flow(function).facts
    while node is not None and node is not function:
        if isinstance(node, cst.While) and any(leaf_name(call) == "sleep" for call in nodes_of(node.body, cst.Call, nested=True)) \
                and not any(True for _ in nodes_of(node.body, (cst.Break, cst.Return))):
            return True
        node = facts.parent_of(node)
    return False
