"""Reads of the environment: calls that return an environment variable's value by its name."""

from __future__ import annotations

from typing import Mapping

# The standard library, django-environ 0.14 (`env = environ.Env()`, then `env("X")` /
# `env.str("X")` / `env.int("X", default=300)`), python-decouple 3.8 (`config("X")`), starlette's
# `Config` (`config = Config(".env")`, then `config("X", cast=int, default=300)`).
# Each maps to the position of the argument that is the value when the variable is unset
# (`default=` too): starlette's second positional argument is `cast`, its third the default
# (checked against starlette 1.10: `Config(environ={})("X", int, 5)` gives 5).
ENV_READS: Mapping[str, int] = {
    "os.getenv": 1, "os.environ.get": 1, "os.environ.__getitem__": 1,
    "environ.Env": 1, "environ.Env.str": 1, "environ.Env.int": 1, "environ.Env.float": 1, "decouple.config": 1,
    "starlette.config.Config": 2,
}
