import json
import os
from typing import Dict, List, NamedTuple, Optional

TOKEN_CACHE_PATH = os.path.join(os.getcwd(), "tokens.json")


class CachedToken(NamedTuple):
    key: str
    value: str


def _load() -> Dict[str, str]:
    if not os.path.exists(TOKEN_CACHE_PATH):
        return {}
    with open(TOKEN_CACHE_PATH, encoding="utf-8") as handle:
        try:
            return json.load(handle)
        except json.JSONDecodeError:
            return {}


def put_tokens(tokens: List[CachedToken]) -> None:
    stored = _load()
    for token in tokens:
        stored[token.key] = token.value
    with open(TOKEN_CACHE_PATH, "w", encoding="utf-8") as handle:
        json.dump(stored, handle, indent=4)


def try_fetch_token(key: str) -> Optional[str]:
    return _load().get(key)
