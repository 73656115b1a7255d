"""nhilint: a linter for token misuse (OWASP Non-Human Identity guidance)."""

__version__ = "0.1.0"
