"""Loggers: the methods that write a record."""

from __future__ import annotations

LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})
