"""NHL9xx: nhilint itself."""
