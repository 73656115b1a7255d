"""A chain of helpers longer than the module flow's depth bound (MAX_DEPTH calls) gets the same
answer whichever of its functions is asked about first: the summaries computed where the bound
cut a chain are computed again from the top (nhilint.flow.module, `_deepened`), so what one
rule asked first does not change what another is told (issue 14)."""

from typing import Dict, List

import libcst as cst
import pytest

from nhilint.catalogue import DEFAULT_CATALOGUE
from nhilint.context import FileContext
from nhilint.flow import module_flow
from nhilint.flow.module import MAX_DEPTH

LENGTH = 3 * MAX_DEPTH + 2  # helpers in the chain, the last one logs what it is given


def _source() -> str:
    lines = ["import logging", "", "log = logging.getLogger(__name__)", ""]
    for index in range(LENGTH - 1):
        lines += [f"def step{index}(value):", f"    return step{index + 1}(value)", ""]
    lines += [f"def step{LENGTH - 1}(value):", "    log.info(value)", ""]
    return "\n".join(lines)


def _sinks_in_order(order: List[int]) -> Dict[int, List[str]]:
    module = cst.parse_module(_source())
    context = FileContext(module, "m.py", DEFAULT_CATALOGUE, {})
    flows = module_flow(context)
    functions = {f.name.value: f for f in module.body if isinstance(f, cst.FunctionDef)}
    answers: Dict[int, List[str]] = {}
    for index in order:
        found = flows.param_sinks(functions[f"step{index}"]) or {}
        answers[index] = sorted(f"{name}:{sink.kind}" for name, sinks in found.items() for sink in sinks)
    return answers


@pytest.mark.parametrize("first", [0, MAX_DEPTH, LENGTH // 2, LENGTH - 2])
def test_every_function_of_a_long_chain_answers_the_same_whatever_was_asked_first(first):
    top_first = _sinks_in_order(list(range(LENGTH)))
    asked = [first] + [index for index in range(LENGTH) if index != first]
    assert _sinks_in_order(asked) == top_first


def test_the_log_at_the_end_of_the_chain_is_seen_from_its_top():
    assert _sinks_in_order([0])[0] == ["value:log"]
