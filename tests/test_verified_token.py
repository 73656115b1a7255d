"""Which argument a call hands a verifier: the first verified parameter in the call's order,
whatever order a set of names iterates in (a hash-seeded order made a study finding come and
go between runs)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import libcst as cst

from nhilint.catalogue import DEFAULT_CATALOGUE
from nhilint.context import FileContext
from nhilint.flow import module_flow

SOURCE = textwrap.dedent(
    """\
    import jwt

    KEY = "k"


    def check(session_token, refresh_token, other):
        jwt.decode(refresh_token, KEY, algorithms=["HS256"])
        jwt.decode(session_token, KEY, algorithms=["HS256"])
        return other


    def caller(a, b):
        return check(b, a, None)
    """
)


def _verified_argument() -> str:
    module = cst.parse_module(SOURCE)
    context = FileContext(module, "m.py", DEFAULT_CATALOGUE, {})
    flows = module_flow(context)
    caller = module.body[-1]
    assert isinstance(caller, cst.FunctionDef)
    flow = flows.flow(caller)
    call = next(c for c in flow.facts.own_calls)
    verified = flows.verified_token(flow, call)
    assert isinstance(verified, cst.Name)
    return verified.value


def test_first_verified_parameter_in_call_order():
    assert _verified_argument() == "b"


def test_same_answer_under_other_hash_seeds():
    code = "from tests.test_verified_token import _verified_argument; print(_verified_argument())"
    root = Path(__file__).resolve().parents[1]
    answers = set()
    for seed in ("0", "4", "9"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(root))
        answers.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True, cwd=root).stdout.strip())
    assert answers == {"b"}
