"""NHL3xx: token sharing and reuse (OWASP NHI-02)."""
