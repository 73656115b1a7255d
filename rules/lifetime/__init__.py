"""NHL4xx: token lifetime and transport (OWASP NHI-02 / NHI-03)."""
