"""What a value is, by where it comes from: the labels the flow layer attaches to expressions.

A label names a kind of source (a fetched access token, the credential of an incoming request,
the claims of a verified token...), the node it came from, and the inputs that reached the
source (for a fetched token: which parameters and attributes chose its scope, tenant or
client). A value carries a set of labels; an empty set means "known to hold no token" (a
literal number, a length, a hash), while OPAQUE means "we cannot tell where it comes from", and
then, and only then, a credential's name decides (NAMED).

Labels of one function may be symbolic: PARAM stands for "whatever the caller passes as this
parameter" and is replaced at each call site (nhilint.flow.summary). Inputs are symbolic too:
`param:scope`, `self:client_id`, `global:TENANT`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, FrozenSet, Iterable, Optional, Tuple

import libcst as cst

# -- kinds of value ---------------------------------------------------------------------------
FETCHED = "fetched-token"  # an access token from a token source, or the response that holds it
INBOUND = "inbound-credential"  # the credential of an incoming request
INBOUND_HEADERS = "inbound-headers"  # all the incoming request's headers, Authorization among them
MINTED = "minted-token"  # a token this code signs
CLAIMS = "verified-claims"  # what a verification returns: the verdict on a token
UNVERIFIED = "unverified-claims"  # claims read without verifying the signature
RAW_TOKEN = "raw-token"  # the token string a verifier is given
CREDENTIAL = "credential"  # a static credential: a setting, an env var, a secret literal
NAMED = "named"  # we cannot tell where it comes from, but its name says credential
OPAQUE = "opaque"  # we cannot tell where it comes from
PARAM = "param"  # symbolic: whatever the caller passes as parameter `detail`
# symbolic: a credential header read from parameter `detail` (`headers.get("Authorization")`):
# the caller's credential when the caller passes the incoming request's headers, else nothing
PARAM_HEADER = "param-credential-header"
# -- kinds of object --------------------------------------------------------------------------
LOGGER = "logger"
HTTP_CLIENT = "http-client"
CACHE = "cache-object"  # a cache backend (`detail`: its kind, nhilint.catalogue.caches)
OBJECT_KINDS = frozenset({LOGGER, HTTP_CLIENT, CACHE})
# -- details of an OPAQUE value whose origin is known -----------------------------------------
OBJECT = "object"  # an OPAQUE value known to be an object (a model instance), not a string
RESPONSE = "response"  # an OPAQUE value that another service sent back (an HTTP response, its JSON)
ROW_FIELD = "row-field"  # an OPAQUE value read off a model object (`orm_token.user`)
IDENTIFIER = "identifier"  # an OPAQUE value the code joins from identifiers (nhilint.flow.joined_ids)
# an OPAQUE value read from the environment under a name the code does not show
# (`os.environ.get(self.env)`): a setting, whatever it holds, never a token fetched at run time
ENVIRON = "environ"
# an OPAQUE value this code read from the local machine (a file, the user's keyring): the local
# user's own data, which nobody else can hand in (a token a CLI cached in its config folder)
LOCAL_FILE = "local-file"
# -- details of a FETCHED value (none: an access token) ---------------------------------------
REFRESH_TOKEN = "refresh-token"
REQUEST_TOKEN = "request-token"
# an OAuth 1.0a access token (`oauth_token` / `oauth_token_secret`, RFC 5849): no expiry by the
# protocol, valid until the user or the provider revokes it
OAUTH1_TOKEN = "oauth1-token"
# the whole answer of a grant (`resp.json()`): it holds the tokens (logged, it leaks them), but
# which one a store keeps is said by the field read from it (NHL201/NHL202 count only fields)
TOKEN_ANSWER = "token-answer"

# Values that are (or hold) a token or credential, as the leak and transport rules see them.
TOKEN_KINDS = frozenset({FETCHED, INBOUND, INBOUND_HEADERS, MINTED, RAW_TOKEN, CREDENTIAL, NAMED})
# Kinds that say where a value comes from; a value with one of these is not judged by its name.
SOURCE_KINDS = frozenset({FETCHED, INBOUND, INBOUND_HEADERS, MINTED, CLAIMS, UNVERIFIED, RAW_TOKEN, CREDENTIAL})


@dataclass(frozen=True)
class Label:
    kind: str
    # where the value comes from (a call, a literal, a parameter); None for symbolic labels
    origin: Optional[cst.CSTNode] = None
    # a parameter's name (PARAM), an env var or setting (CREDENTIAL), a name (NAMED)
    detail: str = ""
    # the parameters / attributes / globals that reached the source: `param:scope`, `self:client_id`
    inputs: FrozenSet[str] = frozenset()
    # those of them that reached the source's own arguments, which choose the token (the scope
    # of `credential.get_token(scope)`, the body of a token request): a store of the token
    # must be keyed by them, whatever they are called
    selectors: FrozenSet[str] = frozenset()
    # how far the value is from the source: CARRIED (the value itself, in a container, an
    # f-string...), WRAPPED (an object built from it: a client or credentials object given the
    # token), COMPUTED (what a call we do not know made of it: a user looked up by verified
    # claims, the response of a request sent with the token)
    derived: int = 0

    def as_derived(self, level: int = 2) -> "Label":
        return self if self.derived >= level else replace(self, derived=level)


CARRIED, WRAPPED, COMPUTED = 0, 1, 2

Labels = FrozenSet[Label]
NONE: Labels = frozenset()


def access_tokens(labels: Iterable[Label]) -> Labels:
    """Fetched access tokens, as they are (not refresh tokens, not OAuth 1 request or access
    tokens)."""
    return frozenset(label for label in labels if label.kind == FETCHED and not label.derived and not label.detail)


def of_kind(labels: Iterable[Label], *kinds: str) -> Labels:
    return frozenset(label for label in labels if label.kind in kinds)


def carried(labels: Iterable[Label]) -> Labels:
    """The labels whose value is carried as is (not merely depended on)."""
    return frozenset(label for label in labels if not label.derived)


def token_labels(labels: Iterable[Label]) -> Labels:
    """The labels that make a value a token or a credential, value carried as is."""
    return frozenset(label for label in labels if label.kind in TOKEN_KINDS and not label.derived)


def param_names(atoms: Iterable[str]) -> Tuple[str, ...]:
    """The parameters among input atoms (`param:scope` -> `scope`), sorted."""
    return tuple(sorted(atom[len("param:"):] for atom in atoms if atom.startswith("param:")))


def derive(labels: Iterable[Label], level: int = COMPUTED) -> Labels:
    """What an unknown call makes of its arguments: values that depend on them."""
    return frozenset(label.as_derived(level) for label in labels if label.kind not in OBJECT_KINDS and label.kind != OPAQUE)


def substitute(labels: Labels, argument: Callable[[str], Optional[Labels]], inputs: Callable[[FrozenSet[str]], FrozenSet[str]]) -> Labels:
    """A callee's symbolic labels seen from a call site: PARAM(p) becomes the labels of the
    argument bound to p (nothing when none is), PARAM_HEADER(p) the caller's credential when p
    is given the incoming request's headers, and `param:` inputs the caller's inputs."""
    out = set()
    for label in labels:
        if label.kind == PARAM_HEADER:
            bound = argument(label.detail)
            out.update(Label(INBOUND, l.origin, inputs=l.inputs) for l in bound or () if l.kind == INBOUND_HEADERS and not l.derived)
            continue
        if label.kind == PARAM:
            bound = argument(label.detail)
            if bound:
                out.update(l.as_derived(label.derived) if label.derived else l for l in bound)
            continue
        if label.inputs or label.selectors:
            label = replace(label, inputs=inputs(label.inputs), selectors=inputs(label.selectors))
        out.add(label)
    return frozenset(out)
