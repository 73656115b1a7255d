"""NHL1xx: token verification (OWASP NHI-02 / NHI-03)."""
