"""Loggers: the methods that write a record."""

from __future__ import annotations

# Not `trace` (loguru's, or a TRACE level a project adds): measured on study 13, it opened a
# project's trace logs of lexer-like loops over condition keys named `token` (7 wrong findings
# for 2 real); such a level is rarely on.
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})
# Calls that return a logger (`logging.getLogger(__name__)`, structlog's, loguru's object).
LOGGER_FACTORIES = frozenset({
    "logging.getLogger", "logging.getLoggerClass", "structlog.get_logger", "structlog.getLogger",
    "structlog.stdlib.get_logger", "celery.utils.log.get_task_logger", "logging.LoggerAdapter",
})
# Objects that are loggers by themselves.
LOGGER_OBJECTS = frozenset({"logging", "loguru.logger", "logging.root"})
# Attribute or variable names that hold a logger by convention (`self.logger`, `app.logger`, `log`).
LOGGER_NAME_PATTERN = r"(^|_)(log|logger|logging)$"
# Writes to a stream that is a log in practice.
STREAM_WRITES = frozenset({"sys.stderr.write", "sys.stdout.write"})
# Calls that read from the person at the terminal: a module making them is an interactive tool,
# and what it prints is its answer to that person (NHL404).
CONSOLE_INPUTS = frozenset({"builtins.input", "getpass.getpass", "click.prompt", "typer.prompt"})
# A logging filter named for hiding secrets (`SecretsFilter`, `SensitiveFilter`, `RedactingFilter`):
# attached to a logger, it is taken at its word, as a function named for redaction is (NHL404).
REDACTING_FILTER_PATTERN = r"secret|sensitive|private|credential|password|token|mask|redact|obfuscat|censor|hid(e|den)|sanitiz|scrub|anonymi"
