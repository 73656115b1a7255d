"""Whether a verifier binds the audience by hand, under the name its issuer gives it.

Not every issuer says who a token is for in `aud`. AWS's Application Load Balancer signs the
`x-amzn-oidc-data` header with a regional key shared by every load balancer of the region, and
names the one it is for in the header's `signer` field (AWS asks the verifier to compare it with
its load balancer's ARN); Cognito access tokens carry no `aud` but a `client_id` claim; OpenID
Connect names the client an ID token was issued to in `azp`; Apple's App Store Server signs its
transactions and notifications with the one chain for every app and names the app in `bundleId`
(and `appAppleId`), which its own library compares with the app's. Comparing one of these with the
expected value in the function that verifies the token binds the token to this service, as an
`aud` check does. Reading the field without comparing it (logging it, passing it on) does not.
"""

from __future__ import annotations

import libcst as cst

from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.values import field_read
from nhilint.context import FileContext
from nhilint.walk import nodes_of

# Claims and header fields that name the party a token was issued to, or for.
AUDIENCE_FIELDS = frozenset({"aud", "azp", "client_id", "signer", "bundleId", "appAppleId"})


def audience_compared(context: FileContext, facts: ScopeFacts) -> bool:
    """`header["signer"] != EXPECTED_ARN`, `claims.get("client_id") == CLIENT_ID`, `"aud" in`:
    an audience field of the token compared, in the scope that holds the verification."""

    def compute() -> bool:
        for comparison in nodes_of(facts.node, cst.Comparison):
            operands = (comparison.left, *(target.comparator for target in comparison.comparisons))
            if any(field_read(context, operand, facts) in AUDIENCE_FIELDS for operand in operands):
                return True
        return False

    return context.memo(("audience-compared", id(facts.node)), compute)
