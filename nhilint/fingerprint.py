"""Stable finding fingerprints: no line numbers (survive moved code), no source in clear."""

from __future__ import annotations

import hashlib
from typing import Iterable, List, Set


def fingerprint(code: str, path: str, node_source: str) -> str:
    normalised = " ".join(node_source.split())
    digest = hashlib.sha256(f"{code}\0{path}\0{normalised}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def unique_fingerprints(fingerprints: Iterable[str]) -> List[str]:
    """Fingerprints unique within one report: the first of equal ones is kept, each further one
    becomes a hash of it and its occurrence number (two identical calls in one file)."""
    seen: Set[str] = set()
    unique: List[str] = []
    for original in fingerprints:
        candidate, occurrence = original, 0
        while candidate in seen:
            occurrence += 1
            candidate = hashlib.sha256(f"{original}\0{occurrence}".encode()).hexdigest()[:32]
        seen.add(candidate)
        unique.append(candidate)
    return unique
