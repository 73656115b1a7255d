import json
import os
import time
from typing import Dict, List, NamedTuple, Optional

TOKEN_CACHE_PATH = os.path.join(os.getcwd(), "tokens.json")


class CachedToken(NamedTuple):
    key: str
    value: str
    expires_on: float


def _load() -> Dict[str, dict]:
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
        stored[token.key] = {"value": token.value, "expires_on": token.expires_on}
    with open(TOKEN_CACHE_PATH, "w", encoding="utf-8") as handle:
        json.dump(stored, handle, indent=4)


def try_fetch_token(key: str) -> Optional[str]:
    entry = _load().get(key)
    if entry is None or entry["expires_on"] <= time.time() + 60:
        return None
    return entry["value"]
