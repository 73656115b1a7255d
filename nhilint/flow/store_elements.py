"""What a helper keeps of each element of a batch it is handed, and the elements a call spells out.

A helper that loops over a parameter and keeps a part of each element (`for e in entries:
stored[e.key] = e.value`) is described by an ElementOf (nhilint.project.exports): the parameter,
the part kept, the part that is its key. Each call of the helper that writes its elements out
(`put_tokens([CachedToken(TOKEN_KEY, bearer), ...])`, a list of `(key, token)` pairs, a dict for
a helper looping over its items) is then a write of each element (nhilint.flow.stores.Stores).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Sequence, Tuple

import libcst as cst

from nhilint.project.exports import ElementOf

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


def element_parts(given: Optional[cst.BaseExpression], element: ElementOf) -> List[Tuple[cst.CSTNode, cst.BaseExpression, Optional[cst.BaseExpression]]]:
    """(the element, its kept part, its key part) for each element a caller spells out in the
    argument of a helper that keeps a part of each (ElementOf): a list, tuple or set of tuples
    or constructor calls (`CachedToken(key, token)`, `CachedToken(key=k, value=t)`), or a dict
    for a helper that loops over its items. Elements given otherwise are left out."""
    pairs: List[Tuple[cst.CSTNode, Sequence[cst.BaseExpression], Dict[str, cst.BaseExpression]]] = []
    if element.items:
        if isinstance(given, cst.Dict):
            pairs = [(e, (e.key, e.value), {}) for e in given.elements if isinstance(e, cst.DictElement)]
    elif isinstance(given, (cst.List, cst.Tuple, cst.Set)):
        for item in given.elements:
            if isinstance(item, cst.StarredElement):
                continue
            value = item.value
            if isinstance(value, cst.Tuple) and not any(isinstance(e, cst.StarredElement) for e in value.elements):
                pairs.append((value, [e.value for e in value.elements], {}))
            elif isinstance(value, cst.Call) and not any(a.star for a in value.args):
                positional = [a.value for a in value.args if a.keyword is None]
                keywords = {a.keyword.value: a.value for a in value.args if a.keyword is not None}
                pairs.append((value, positional, keywords))
            else:
                pairs.append((value, (), {}))  # only the element itself ("" part) can be told
    found = []
    for node, positional, keywords in pairs:
        value = _part(element.value, node, positional, keywords, element.fields)
        if value is None:
            continue
        key = _part(element.key, node, positional, keywords, element.fields) if element.key is not None else None
        if element.key is not None and key is None:
            continue
        found.append((node, value, key))
    return found


def _part(part: str, node: cst.CSTNode, positional: Sequence[cst.BaseExpression], keywords: Mapping[str, cst.BaseExpression],
          fields: Sequence[str]) -> Optional[cst.BaseExpression]:
    """The argument an element's part is given by: "index:N", "attr:NAME" (a keyword, or the
    position of that field), or "" (the element itself)."""
    if not part:
        return node if isinstance(node, cst.BaseExpression) else None
    kind, _, name = part.partition(":")
    if kind == "attr":
        if name in keywords:
            return keywords[name]
        if name not in fields:
            return None
        index = fields.index(name)
    else:
        index = int(name)
    return positional[index] if index < len(positional) else None


def element_of(flow: FunctionFlow, value: cst.BaseExpression, key: Optional[cst.CSTNode]) -> Optional[ElementOf]:
    """What a write keeps of each element of a parameter it loops over (ElementOf), if it does."""
    found = _element_part(flow, value)
    if found is None:
        return None
    loop, param, part, items = found
    key_part = _element_part(flow, key) if isinstance(key, cst.BaseExpression) else None
    if key_part is not None and key_part[0] is not loop:
        key_part = None
    return ElementOf(param, part, key_part[2] if key_part is not None else None, items,
                     _element_fields(flow, param) if part.startswith("attr:") else ())


def _element_part(flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[Tuple[cst.For, str, str, bool]]:
    """(the loop, its parameter, the part, over a dict's items) for `token.value`, `pair[1]`,
    `value` of `for key, value in tokens`, or the loop variable itself."""
    part = ""
    target = expr
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        target, part = expr.value, f"attr:{expr.attr.value}"
    elif isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if not isinstance(index, cst.Index) or not isinstance(index.value, cst.Integer):
            return None
        target, part = expr.value, f"index:{index.value.value}"
    if not isinstance(target, cst.Name):
        return None
    bindings = flow.facts.bindings.get(target.value, ())
    if len(bindings) != 1 or not isinstance(bindings[0].at, cst.For):
        return None
    loop = bindings[0].at
    source, items = loop.iter, False
    if (isinstance(source, cst.Call) and not source.args and isinstance(source.func, cst.Attribute)
            and source.func.attr.value == "items"):
        source, items = source.func.value, True
    if not isinstance(source, cst.Name) or source.value not in flow.facts.params or flow.is_self(source):
        return None
    if isinstance(loop.target, (cst.Tuple, cst.List)):
        if part:
            return None
        names = [e.value.value if isinstance(e.value, cst.Name) else None for e in loop.target.elements]
        if target.value not in names or names.count(target.value) != 1:
            return None
        part = f"index:{names.index(target.value)}"
    elif not isinstance(loop.target, cst.Name):
        return None
    return loop, source.value, part, items


def _element_fields(flow: FunctionFlow, param: str) -> Tuple[str, ...]:
    """The fields, in order, of the module's NamedTuple or dataclass the parameter's annotation
    names as its element (`tokens: List[CachedToken]`)."""
    if not isinstance(flow.scope, cst.FunctionDef):
        return ()
    for p in flow.scope.params.params + flow.scope.params.kwonly_params:
        if p.name.value != param or p.annotation is None:
            continue
        annotation = p.annotation.annotation
        if isinstance(annotation, cst.Subscript) and len(annotation.slice) == 1 and isinstance(annotation.slice[0].slice, cst.Index):
            annotation = annotation.slice[0].slice.value
        cls = flow.context.module_classes.get(annotation.value) if isinstance(annotation, cst.Name) else None
        if cls is None:
            return ()
        return tuple(
            small.target.value
            for line in cls.body.body if isinstance(line, cst.SimpleStatementLine)
            for small in line.body if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)
        )
    return ()
