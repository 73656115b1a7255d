from __future__ import annotations

from typing import ClassVar

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import MINTED, Label, token_labels
from nhilint.flow.sinks import handles_invalid_token, log_arguments, may_log
from nhilint.flow.summary import LOG
from nhilint.rule import CHECK_TESTS, Rule


class TokenLogged(Rule):
    """
    ## What it does
    Finds a token value written to a log: passed to a logger's `debug` / `info` / `warning` /
    `error` / `exception` / `critical` / `log` (a logger from `logging.getLogger`, structlog,
    loguru, `app.logger`, `self.logger`, the project's own helper returning one, the `logging`
    module itself), to `print` or to `sys.stderr.write`; directly, inside an f-string, `%`,
    `+`, `.format()` or a dict, through local names, attributes and helpers of the module
    (a token handed to `log_request(token)` that logs it is reported at the call).

    A value is a token because of where it comes from: a fetched access token or the response
    holding it, the incoming request's credential or its headers copied whole, a minted JWT,
    the raw token a verifier is given, a credential setting or env var, a secret literal. Only
    where the code does not show where a value comes from (a parameter, an attribute set
    elsewhere) does its name decide (`access_token`, `api_key`). So a language model's token
    count (`estimated_tokens: int`, `total_tokens`), a claim (`token_scopes`), a row count, a
    header-name constant or a length is not a token, whatever it is called; nor is a model
    object looked up by a token (`orm.APIToken.find(...)`), whose printed form is not the token.

    Not reported either: a token logged while handling the exception that says it failed
    verification (`except jwt.ExpiredSignatureError:`, `except BadSignature:`): it authorizes
    nothing; `print(token)` of a token the code has just minted (a command handing a new token
    to the person who asked for it); `print(..., file=f)` to a file the code keeps.

    Masked, hashed or measured forms (`token[:4]`, `mask(token)`, `sha256(token)`, `len(token)`)
    are fine.

    ## Why is this bad?
    Logs are copied to files, log shippers, SaaS dashboards and support tickets, and kept for
    months; far more people and systems read them than hold the token. A token in a log line is
    a leaked token (OWASP NHI-02; NHI2:2025 Secret Leakage).

    ## Example
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def connect(access_token):
        logger.info("connecting with token %s", access_token)
    ```

    ## Use instead
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def connect(access_token):
        logger.info("connecting with token %s…", access_token[:4])
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under a `tests/` or `test/` directory). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

    ## References
    - [OWASP Logging Cheat Sheet, data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-532
    """

    code = "NHL404"
    name = "token-logged"
    family: ClassVar[str] = "token-transport"
    summary = "A token value is written to a log or printed"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025",)
    cwe = (532,)
    options = {"check-tests": CHECK_TESTS}
    # credential names, headers, token sources and fields: what makes a value a token says one
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
        "authorization", "api-key", "subscription-key", ".headers",
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not may_log(node) and not module_flow(self.context).may_run_helper(node):
            return  # the cheap test first: most calls stop here
        flow = self.flow()
        logged = log_arguments(flow, node) if may_log(node) else None
        if logged is not None:
            if handles_invalid_token(flow, node):
                return  # the token just failed verification: it authorizes nothing
            for value in logged:
                tokens = token_labels(flow.labels(value))
                if tokens and not _hands_out_minted(node, tokens):
                    self.report(node, f"a token value {_shown(value)} is written to the log")
                    return
            return
        self._through_helper(flow, node)

    def _through_helper(self, flow: FunctionFlow, node: cst.Call) -> None:
        """`audit(token)` where `audit` logs its parameter: reported where the token goes in."""
        if not module_flow(self.context).runs_helper(flow, node):
            return
        if not any(token_labels(flow.labels(arg.value)) for arg in node.args if not arg.star):
            return  # no token handed over: what the helper logs does not matter (nor is it summarised)
        helper = module_flow(self.context).helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            logs = [sink for sink in sinks if sink.kind == LOG and not sink.token_there]
            if logs and name in bound and token_labels(flow.labels(bound[name])):
                where = logs[0].holder
                self.report(node, f"a token value {_shown(bound[name])} is handed to {where}(), which writes it to the log",
                            related=[logs[0].related(f"{where}() writes its parameter `{name}` to the log here")])
                return


def _hands_out_minted(call: cst.Call, tokens: "frozenset[Label]") -> bool:
    """`print(token)` of a token this code just minted: a command handing its output to the
    person who asked for it (`mytool token create`), not a log."""
    return leaf_name(call) == "print" and all(label.kind == MINTED for label in tokens)


def _shown(value: cst.BaseExpression) -> str:
    """How a message names the logged value: a name or attribute as written, never a literal."""
    dotted = dotted_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
    return f"`{dotted}`" if dotted else "(an expression holding one)"

