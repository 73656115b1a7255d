"""A value the code joins from identifiers: `"{}_{}".format(self.user_id, self.uuid)`.

instabot's `rank_token` is the user's id and the device's UUID joined: a ranking session's id,
sent in the query of every feed request, no credential. Its name says token, but the code
shows what it is made of: one part names an identity or an identifier (`user_id`, `username`,
`device_id`), and no part holds a token (a fetched one, a secret setting, a value named for a
credential), and none is what a caller hands in (a parameter may hold anything: a URL built
as `f"{base}/{path}"` carries whatever `path` holds). Such a value is judged by none of the
parts' names, nor by its own (labels.IDENTIFIER: nhilint.flow.field_reads.by_name leaves it
alone). A part that holds a token (`f"{user_id}:{api_secret}"`, `f"{username}:{password}"`)
keeps the whole a credential.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import libcst as cst

from nhilint.analysis.names import IDENTITY_NAMES, names_identifier, snake_case
from nhilint.flow.labels import PARAM, token_labels

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


def joined_identifiers(flow: "FunctionFlow", parts: Sequence[cst.BaseExpression]) -> bool:
    """Whether formatted parts join an identity or identifier with nothing holding a token."""
    named = [_leaf(part) for part in parts]
    if not any(name and (snake_case(name).lstrip("_") in IDENTITY_NAMES or names_identifier(name)) for name in named):
        return False
    # every part shown: what a caller hands in (a parameter: `f"{base}/{path}"`) may be anything
    return not any(token_labels(labels) or any(label.kind == PARAM for label in labels)
                   for labels in (flow.labels(part) for part in parts))


def _leaf(part: cst.BaseExpression) -> str:
    """`user_id` of `user_id`, `self.user_id`; '' for anything else."""
    if isinstance(part, cst.Name):
        return part.value
    if isinstance(part, cst.Attribute):
        return part.attr.value
    return ""
