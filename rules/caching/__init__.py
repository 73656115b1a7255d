"""NHL2xx: token caching, cache partitioning and freshness (OWASP NHI-02 / NHI-03)."""
