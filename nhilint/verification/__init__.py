"""How a module verifies the tokens it decodes, as the JWT rules ask it: whether an audience is
compared after the decode, whether claims are validated (here or by the callers) or only
recorded, the decodes made through instances of a verifier class, the algorithms a class's
constants give, and whether the verifier is the token's issuer itself."""
