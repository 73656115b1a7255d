"""Reads of the environment: calls that return an environment variable's value by its name."""

from __future__ import annotations

# The standard library, django-environ 0.14 (`env = environ.Env()`, then `env("X")` /
# `env.str("X")` / `env.int("X", default=300)`), python-decouple 3.8 (`config("X")`).
# The second positional argument (or `default=`) is the value when the variable is unset.
ENV_READS = frozenset({
    "os.getenv", "os.environ.get", "os.environ.__getitem__",
    "environ.Env", "environ.Env.str", "environ.Env.int", "environ.Env.float", "decouple.config",
})
