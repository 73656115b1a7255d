from __future__ import annotations

from nhilint.rule import Rule


class FileNotAnalysed(Rule):
    """
    ## What it does
    Reports a file nhilint could not read or parse: a syntax error, bytes that do not decode,
    nesting too deep to walk, a path that is not a readable file.

    ## Why is this bad?
    A file that is not analysed is a file whose token handling nobody checked. Reporting it, with
    the reason, keeps a green run honest; the rest of the run goes on.

    ## Example
    ```python
    def broken(:
        pass
    ```

    ## Use instead
    ```python
    def fixed():
        pass
    ```

    ## Options
    None.

    ## References
    - [OWASP Non-Human Identities Top 10](https://owasp.org/www-project-non-human-identities-top-10/)
    """

    code = "NHL900"
    name = "file-not-analysed"
    family = "nhilint"
    summary = "A file could not be read or parsed, so it was not checked"
    severity = "low"
    confidence = "high"
    owasp = ""  # about nhilint itself, not a token practice
    owasp_2025 = ()
    cwe = ()
    reports_unanalysed_files = True
