"""NHL901: a suppression comment that silenced nothing."""
from __future__ import annotations

from nhilint.rule import Rule


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a `# nhilint: ignore[CODE]` or `# noqa: CODE` comment naming an nhilint code that
    silenced no finding on its line or on the statement it starts. Only codes whose rules all ran
    are judged: a comment for a rule that is not selected, a code nhilint does not know, and
    other tools' codes in a `# noqa` list (`E501`) are left alone. Files that could not be
    parsed are not judged. Off by default: turn it on with `--extend-select NHL901` or
    `extend-select = ["NHL901"]`. Once it is on, a file whose text contains `nhl` is parsed
    even when no other rule's word is in it, so that its suppressions can be judged.

    ## Why is this bad?
    A suppression outlives the code it was written for. Once the decode binds its audience, the
    `# noqa: NHL101` left beside it no longer hides anything, but it will hide the next
    regression on that line without anyone deciding so again. Removing stale suppressions keeps
    every remaining one a decision someone made about code that is still there.

    ## Example
    ```python
    import jwt

    def claims(token, key):
        return jwt.decode(token, key, algorithms=["RS256"], audience="orders")  # noqa: NHL101
    ```

    ## Use instead
    ```python
    import jwt

    def claims(token, key):
        return jwt.decode(token, key, algorithms=["RS256"], audience="orders")
    ```

    ## Options
    None. A comment that names NHL901 itself (`# noqa: NHL101, NHL901`) keeps a suppression
    on purpose and is never reported.

    ## References
    - [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
    """

    code = "NHL901"
    name = "unused-suppression"
    family = "nhilint"
    summary = "A suppression comment names an nhilint code that silenced nothing"
    severity = "low"
    confidence = "high"
    default_enabled = False
    owasp = ""  # about nhilint itself, not a token practice
    owasp_2025 = ()
    cwe = ()
    # Every suppression names an NHL code or is a `# nhilint:` comment (a malformed one is reported):
    # with NHL901 selected, a file holding one is parsed even when no other rule's word is in it.
    words = ("nhl", "nhilint")
    reports_unused_suppressions = True
