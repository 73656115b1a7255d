"""Whether a module's imports can name a signing key as another module knows it: the test a
question over the whole project about keys (the tokens other modules mint with this module's
key, nhilint.project.remote.minted_elsewhere) asks of a module's shape before its parse.

A module's mints are compared by their keys qualified (nhilint.project.build.qualify_key): a
module-level name becomes `module:<the module it is imported from, or this one>.NAME`, an
attribute of an imported module `module:<that module>.NAME`, Django's settings
`setting:NAME`. So `module:app.settings.SECRET` can come only from a module whose module-level
imports name `app.settings.SECRET` or `app.settings`, or from `app.settings` itself. litellm's
`proxy_server.py` asks for the tokens signed with its `master_key`: 17 modules of the project
say `master_key`, `encode` and `jwt`, none imports it at module level, and building their
facts (a parse and a walk each) was two thirds of that file's check. Kept apart from
nhilint.project.build, and imported only when the question is asked: a check that never asks
it (pyjwt's `api_jwt.py`) does not load it.
"""

from __future__ import annotations

from typing import Mapping


def may_qualify_to(qualified: str, module: str, imports: Mapping[str, str]) -> bool:
    """Whether `qualify_key`, in the module `module` whose module-level imports are `imports`
    (its export's shape: the same table as its context's), can give `qualified`. False only
    where it cannot; a key of another kind (an environment variable, an attribute of a local)
    may come from anywhere."""
    kind, _, rest = qualified.partition(":")
    if kind == "module":
        # `name:X` with X imported as `rest` or defined here (`rest` = module.X), or
        # `attr:H.X` with H imported as the key's module
        owner = rest.rpartition(".")[0]
        return owner == module or any(target == rest or target == owner for target in imports.values())
    if kind == "setting":
        return "django.conf.settings" in imports.values()
    return True
