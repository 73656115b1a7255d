from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.tokens import carries_token
from nhilint.catalogue.loggers import LOG_METHODS
from nhilint.rule import CHECK_TESTS, Rule

_LOGGER = re.compile(r"(^|_)(log|logger|logging)$", re.I)


class TokenLogged(Rule):
    """
    ## What it does
    Finds a token value passed to `logging` (module functions or a logger's `debug` / `info` /
    `warning` / `error` / `exception` / `critical` / `log`) or to `print`: a token-like variable
    or attribute (`access_token`, `settings.API_KEY`), a token fetched in place, an env var with a
    token-like name, a credential header read by name (`request.headers["Authorization"]`,
    `request.META.get("HTTP_AUTHORIZATION")`), a headers dict carrying one, directly or inside
    an f-string, `%`, `+` or `.format()`, also through a local name (`access = refresh.access_token`).

    A language model's token counts (`total_tokens`, `prompt_tokens`, `tokens_used`) and
    arithmetic on lifetimes (`now - refresh_token_ttl`) are not tokens.

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
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
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
    # the credential words of analysis.tokens (names, env vars, token fields and sources)
    # credential names, and the credential headers read by name (`Authorization`, `X-Api-Key`)
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
        "authorization", "api-key", "subscription-key",
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not self._is_log_call(node):
            return
        facts = self.context.facts()
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in ("exc_info", "stack_info", "extra", "level"):
                continue
            found = carries_token(self.context, arg.value, facts)
            if found is not None:
                shown = self.context.module.code_for_node(found).strip()
                self.report(node, f"the token value `{shown}` is written to the log")
                return

    def _is_log_call(self, node: cst.Call) -> bool:
        leaf = leaf_name(node)  # the cheap test first: most calls stop here
        if leaf == "print" and isinstance(node.func, cst.Name):
            return self.context.qualified_name(node.func, self.context.facts()) == "builtins.print"
        if leaf not in LOG_METHODS or not isinstance(node.func, cst.Attribute):
            return False
        qualname = self.context.qualified_name(node.func)  # loggers live at module level
        if qualname is not None and qualname.startswith("logging."):
            return True
        receiver = node.func.value
        if isinstance(receiver, cst.Call):  # logging.getLogger(__name__).info(...)
            return leaf_name(receiver) == "getLogger"
        dotted = dotted_name(receiver)
        return dotted is not None and bool(_LOGGER.search(dotted.rsplit(".", 1)[-1]))
