"""Analysis helpers shared by rules: imports, static values, scopes, JWT calls, cache sites."""
