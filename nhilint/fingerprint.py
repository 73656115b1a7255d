"""Stable finding fingerprints: no line numbers (survive moved code), no source in clear."""

from __future__ import annotations

import hashlib


def fingerprint(code: str, path: str, node_source: str) -> str:
    normalised = " ".join(node_source.split())
    digest = hashlib.sha256(f"{code}\0{path}\0{normalised}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]
