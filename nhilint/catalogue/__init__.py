"""The API catalogue: what nhilint knows of libraries, as data.

Rules and the flow layer ask the catalogue ("is this qualified name a JWT decoder, and which
keyword carries the audience?", "is this decorator a cache, and where is its TTL?") instead of
spelling library names themselves. One module per kind of library: `jwt` (decoders and
minters), `caches`, `tokens` (token sources and introspection), `http` (clients and credential
headers), `loggers`. Users extend it in config (`[tool.nhilint.apis]`), so a project's own
verifier is checked like PyJWT's.

This package imports nothing heavy: the prefilter builds the catalogue before any file is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, FrozenSet, Mapping, Optional, Sequence, Tuple

from nhilint.catalogue.caches import CACHES, CacheCatalogue
from nhilint.catalogue.jwt import ALIASES, DECODERS, MINTERS, JwtApi


@dataclass(frozen=True)
class Catalogue:
    jwt_apis: Mapping[str, JwtApi]
    # last components of every known name: a call ending otherwise needs no closer look
    leaf_names: FrozenSet[str] = frozenset()
    caches: CacheCatalogue = CACHES
    # qualified names of the project's own token getters (`[tool.nhilint.apis] token-sources`)
    token_sources: FrozenSet[str] = frozenset()

    def jwt_api(self, qualname: Optional[str]) -> Optional[JwtApi]:
        if qualname is None:
            return None
        return self.jwt_apis.get(ALIASES.get(qualname, qualname))

    @property
    def module_words(self) -> Tuple[str, ...]:
        """Top-level module names: a file must mention one of them to reach any JWT API.

        `google` is a namespace shared by hundreds of packages, so for it the subpackage
        (`google.oauth2`, `google.auth`) is the word, plus `from google import` for the rare
        `from google import oauth2`."""
        words = set()
        for name in self.jwt_apis:
            parts = name.lower().split(".")
            if parts[0] == "google" and len(parts) > 2:
                words.update({f"google.{parts[1]}", "from google import"})
            else:
                words.add(parts[0])
        return tuple(sorted(words))

    @property
    def token_source_words(self) -> Tuple[str, ...]:
        """Names of the project's own token getters: a file calling one must spell it."""
        return tuple(sorted({name.rsplit(".", 1)[-1].lower() for name in self.token_sources}))


class CatalogueError(ValueError):
    pass


def build_catalogue(
    jwt_decoders: Optional[Mapping[str, str]] = None,
    cache_decorators: Optional[Mapping[str, str]] = None,
    token_sources: Sequence[str] = (),
) -> Catalogue:
    """The built-in catalogue plus user entries: `new name -> known name it behaves like` for
    decoders and cache decorators, and qualified names of token getters."""
    apis: Dict[str, JwtApi] = {api.qualname: api for api in (*DECODERS, *MINTERS)}
    for new_name, like in (jwt_decoders or {}).items():
        known = apis.get(ALIASES.get(like, like))
        if known is None:
            raise CatalogueError(f"'{like}' is not a JWT API nhilint knows (used for '{new_name}')")
        apis[new_name] = replace(known, qualname=new_name)
    decorators = dict(CACHES.decorators)
    for new_name, like in (cache_decorators or {}).items():
        known_decorator = decorators.get(like)
        if known_decorator is None:
            raise CatalogueError(f"'{like}' is not a cache decorator nhilint knows (used for '{new_name}')")
        decorators[new_name] = known_decorator.renamed(new_name)
    names = set(apis) | set(ALIASES)
    return Catalogue(
        apis,
        frozenset(name.rsplit(".", 1)[-1] for name in names),
        CacheCatalogue(decorators, CACHES.classes),
        frozenset(token_sources),
    )


DEFAULT_CATALOGUE = build_catalogue()
