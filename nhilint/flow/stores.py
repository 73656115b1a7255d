"""Stores: the places a module keeps values across calls, with their key and time-to-live.

- memoizing decorators (`lru_cache`, `cachetools.cached`, `ttl_cache`, flask-caching's
  `memoize`...): keyed by the function's arguments;
- module globals written by functions (`global _token`), module-level dicts and cache objects
  (`_CACHE[key] = v`, `TTLCache`), class attributes (`cls._token = ...`, a dict declared in the
  class body and filled through `self`): shared by every caller and every instance;
- instance attributes and dicts (`self._token = ...`, `self._tokens[scope] = ...`): one object's;
- cache objects' writes (`cache.set(key, v, timeout)`, redis `set` / `setex` / `hset`,
  `get_or_set(key, partial(fetch, ...))`, a store object's `put(v)`), with the backend's default
  time-to-live when none is passed (Django, Flask-Caching: 300 s unless configured);
- token files: a local dict the function saves to a file (`json.dump(stored, handle)`): kept
  for good, for every run that reads the file back.

A helper's write of a part of each element of a parameter (`for e in entries: stored[e.key] =
e.value`) is followed to each element its callers spell out (nhilint.flow.store_elements).

Each write knows the function it is in, its key (None: one slot for everything), the inputs of
the key, the labels of what is stored, all in the writer's frame, and its time-to-live
(nhilint.flow.store_ttls). Reads are found by the store's identity, for "who hands it out?"
(nhilint.flow.store_serving) and "is the expiry compared before reuse?"
(nhilint.flow.store_expiry); "is it a verdict?" is nhilint.flow.store_verdicts'.
"""

from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.http import argument
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.syntax import is_constant
from nhilint.analysis.values import UNKNOWN
from nhilint.catalogue.caches import (
    BACKENDS,
    CACHE_NAME_PATTERN,
    CACHE_OBJECT_DECORATORS,
    CACHE_OBJECTS,
    CACHE_READS,
    CACHE_WRITES,
    FILE_DUMPS,
    FILE_SERIALIZERS,
    FILE_WRITES,
    MEMORY,
    REDIS,
    CacheApi,
)
from nhilint.flow.function import FunctionFlow
from nhilint.analysis.names import is_token_name
from nhilint.flow.labels import (
    CACHE, CLAIMS, COMPUTED, FETCHED, NAMED, OPAQUE, PARAM, RAW_TOKEN, SOURCE_KINDS, Label, Labels, param_names,
)
from nhilint.flow.module import ModuleFlow
from nhilint.flow.store_elements import element_of, element_parts
from nhilint.flow.store_ttls import container_ttl, scaled, ttl_of_api, ttl_value, written_ttl
from nhilint.project import remote
from nhilint.project.exports import ElementOf, Place

TESTED, RETURNED = 1, 2

PROCESS = "process"  # one store for every caller and every instance
INSTANCE = "instance"  # one store per object

_CACHE_NAME = compiled_on_first_use(CACHE_NAME_PATTERN, re.I)
_TOKEN_SLOT = compiled_on_first_use(r"token|bearer|jwt", re.I)


class Store:
    """A store tokens may be kept in. A plain class, as StoreWrite."""

    __slots__ = ("identity", "shown", "sharing", "ttl", "default_ttl", "decorator")

    def __init__(self, identity: str, shown: str, sharing: str, ttl: Any, default_ttl: bool = False,
                 decorator: bool = False) -> None:
        self.identity = identity  # what reads and writes of one store share
        self.shown = shown  # how messages name it
        self.sharing = sharing  # PROCESS or INSTANCE
        self.ttl = ttl  # None: kept for good; seconds; UNKNOWN
        self.default_ttl = default_ttl  # the ttl is a backend's default, which settings may change
        self.decorator = decorator  # a memoizing decorator: it serves what it keeps by construction


class StoreWrite:
    """A write into a store. A plain class (as StoreRead): never compared, hashed or copied,
    and a dataclass costs about 3 M instructions to create at every start
    (benchmarks/README.md, speed20)."""

    __slots__ = ("store", "node", "function", "key", "key_inputs", "labels", "ttl_expr", "ttl_unit", "frame",
                 "elsewhere", "element")

    def __init__(self, store: Store, node: cst.CSTNode, function: Optional[cst.FunctionDef],
                 key: Optional[cst.CSTNode], key_inputs: FrozenSet[str], labels: Labels,
                 ttl_expr: Optional[cst.BaseExpression] = None, ttl_unit: float = 1.0,
                 frame: Optional[cst.FunctionDef] = None, elsewhere: Optional[Place] = None,
                 element: Optional[ElementOf] = None) -> None:
        self.store = store
        self.node = node  # where a finding about this write is reported
        self.function = function
        self.key = key  # None: one slot
        self.key_inputs = key_inputs
        self.labels = labels  # what is stored, in the frame of `frame`
        self.ttl_expr = ttl_expr  # how the time-to-live is written, if it is
        self.ttl_unit = ttl_unit  # seconds per unit of `ttl_expr` (redis `px=`: 0.001)
        # the function whose values are stored: the writer, or the caller that hands them to a
        # helper which stores them (`self._store_token(data)`); labels and key inputs are its
        self.frame = frame
        # a write made by a function of another module this one calls: where it is (`node` is the call)
        self.elsewhere = elsewhere
        # the value is a part of each element of a parameter (a helper's batch of tokens)
        self.element = element

    @property
    def origin(self) -> Optional[cst.FunctionDef]:
        return self.frame if self.frame is not None else self.function


class StoreRead:
    """A read of a store. A plain class, as StoreWrite."""

    __slots__ = ("store_identity", "node", "function", "served", "key")

    def __init__(self, store_identity: str, node: cst.CSTNode, function: Optional[cst.FunctionDef], served: int,
                 key: str = "") -> None:
        self.store_identity = store_identity
        self.node = node
        self.function = function
        # how the kept value is used there: 0 not handed out (sent, compared with nothing...),
        # TESTED (tested or looked up: the cache decides whether to fetch), RETURNED (handed out)
        self.served = served
        self.key = key  # the key looked up, as written (`cache.get(f"jwt:{token}")`), when there is one


class Stores:
    """Every store of one module, its writes and its reads; built on first request."""

    def __init__(self, module: ModuleFlow, functions: Optional[List[cst.FunctionDef]] = None) -> None:
        """`functions`: only the stores of these (a helper's, for other modules: kept_arguments)."""
        self.module = module
        self.context = module.context
        self.writes: List[StoreWrite] = []
        self.reads: List[StoreRead] = []
        self._functions = module.every_function() if functions is None else functions
        for function in self._functions:
            self._decorators(function)
            self._function_stores(function)
        if functions is None:
            # a helper's own writes are all other modules need (kept_arguments): following its
            # calls into further modules would cost, and could come back here
            self._through_helpers()

    def _through_helpers(self) -> None:
        """A store in a helper of what its caller hands it (`_store_token(data)`): the write
        again, with the caller's values and key inputs (one call deep)."""
        from nhilint.flow.module import bind_target

        by_helper: Dict[int, List[StoreWrite]] = {}
        for write in self.writes:
            if write.function is not None and not write.store.decorator:
                if write.element is not None or any(label.kind == PARAM and not label.derived for label in write.labels):
                    by_helper.setdefault(id(write.function), []).append(write)
        if not by_helper and self.context.project is None:
            return
        for function in self._functions:
            flow = self.module.flow(function)
            for call in flow.facts.own_calls:
                target = self.module.resolve(flow, call)
                if target is None:
                    self._through_other_module(flow, function, call)
                    continue
                if target[0] is function or id(target[0]) not in by_helper:
                    continue
                bound = bind_target(target, call.args)
                for write in by_helper[id(target[0])]:
                    if write.element is not None:
                        self._elements_kept(flow, function, self._ttl_given(write, bound, flow), write.element,
                                            param_names(write.key_inputs), bound, None, write.key is not None)
                        continue
                    params = [l.detail for l in write.labels if l.kind == PARAM and not l.derived]
                    if not any(name in bound for name in params):
                        continue
                    labels = _labels_given(flow, bound, params)
                    # the key's parameters become the caller's inputs; its other inputs stay
                    key_inputs = _inputs_given(flow, bound, param_names(write.key_inputs))
                    key_inputs |= {atom for atom in write.key_inputs if not atom.startswith("param:")}
                    store = self._ttl_given(write, bound, flow)
                    self.writes.append(StoreWrite(store, write.node, write.function, write.key,
                                                  frozenset(key_inputs), labels, write.ttl_expr,
                                                  write.ttl_unit, frame=function))

    def _through_other_module(self, flow: FunctionFlow, function: cst.FunctionDef, call: cst.Call) -> None:
        """`cache_auth_token(token, client_id)`: a function of another module of the project that
        keeps what it is handed in a shared cache (nhilint.project.exports.StoreExport). The write
        is placed at the call, with this function's values, key inputs and time-to-live."""
        exported = self.module.remote(flow, call)  # memoised, and cheaper than the arguments' labels
        if exported is None or not exported.stores:
            return
        if not any(_handed_on(flow.labels(arg.value)) for arg in call.args if not arg.star):
            return  # nothing worth keeping is handed over
        bound = remote.bind(exported, call.args)
        for kept in exported.stores:
            if not any(name in bound for name in kept.value_params):
                continue
            ttl: Any = kept.ttl if kept.ttl_known else UNKNOWN
            default = kept.default_ttl
            if kept.ttl_param in bound:
                ttl, default = scaled(ttl_value(flow, bound[kept.ttl_param]), kept.ttl_unit), False
            store = Store(f"{kept.identity}@{kept.place.path}", f"{kept.shown} (through {exported.name}())",
                          kept.sharing, ttl, default_ttl=default)
            if kept.element is not None:
                self._elements_kept(flow, function, store, kept.element, kept.key_params, bound, kept.place, kept.keyed)
                continue
            labels = _labels_given(flow, bound, kept.value_params)
            key_inputs = _inputs_given(flow, bound, kept.key_params)
            self.writes.append(StoreWrite(store, call, function, call if kept.keyed else None, frozenset(key_inputs),
                                          labels, frame=function, elsewhere=kept.place))

    def _elements_kept(self, flow: FunctionFlow, function: cst.FunctionDef, store: Store, element: ElementOf,
                       key_params: Sequence[str], bound: Dict[str, cst.BaseExpression], elsewhere: Optional[Place],
                       keyed: bool) -> None:
        """`put_tokens([CachedToken(TOKEN_KEY, bearer), CachedToken(TENANT_KEY, tenant)])`: a
        helper that keeps a part of each element it is handed. Each element the call spells out
        is a write of its own, reported at the element, under that element's key; an element
        whose parts cannot be told apart is left out (silent, not guessed)."""
        others = _inputs_given(flow, bound, [name for name in key_params if name != element.param])
        for node, value, key in element_parts(bound.get(element.param), element):
            labels = flow.labels(value)
            if not _handed_on(labels):
                continue
            key_inputs = set(others)
            if key is not None:
                key_inputs |= flow.deps(key)
            elif element.param in key_params:
                key_inputs |= flow.deps(node)  # the key is made of the element in a way we cannot split
            self.writes.append(StoreWrite(store, node, function, node if keyed else None, frozenset(key_inputs),
                                          labels, frame=function, elsewhere=elsewhere))

    def _ttl_given(self, write: StoreWrite, bound: Dict[str, cst.BaseExpression], caller: FunctionFlow) -> Store:
        """The helper's store as this call fills it: a time-to-live that is the helper's
        parameter (`def cache_token(token, ttl=3600): r.set(k, token, ex=ttl)`) is what the
        call passes, or its default when the call passes none."""
        name = ttl_parameter(self.module, write)
        if name not in bound:
            return write.store
        store = write.store
        return Store(store.identity, store.shown, store.sharing, scaled(ttl_value(caller, bound[name]), write.ttl_unit),
                     default_ttl=False, decorator=store.decorator)

    # -- decorators -----------------------------------------------------------------------------
    def _decorators(self, function: cst.FunctionDef) -> None:
        flow = self.module.flow(function)
        for decorator in function.decorators:
            expr = decorator.decorator
            call = expr if isinstance(expr, cst.Call) else None
            target = call.func if call is not None else expr
            api = self.context.catalogue.caches.decorator(self.context.qualified_name(target, self.module.module_flow().facts))
            if api is None:
                api = self._cache_object_decorator(target)
            if api is None:
                continue
            shown = self.context.module.code_for_node(expr).strip()
            per_instance = api.qualname == "functools.cached_property"
            ttl_given = call is not None and argument(call, api.ttl_keyword, api.ttl_position) is not None
            ttl = ttl_of_api(self.module.module_flow(), api, call)
            configured = self._configured_default(target) if api.default_configurable and not ttl_given else None
            if configured is not None:
                ttl = None if configured == 0 else configured
            store = Store(f"decorator:{id(function)}", f"@{shown}", INSTANCE if per_instance else PROCESS,
                          ttl, decorator=True,
                          default_ttl=api.default_configurable and not ttl_given and configured is None)
            summary = self.module.summary(function)
            labels: Labels = summary.returns if summary is not None else frozenset()
            if summary is not None and summary.verifier is not None:
                labels = labels | {Label(CLAIMS, summary.verifier, derived=COMPUTED)}
            key_inputs = frozenset(f"param:{name}" for name in flow.param_names)
            if flow.owner is not None and not per_instance:
                key_inputs |= {f"self:{attr}" for attr in ("*",)}  # lru_cache on a method keys by `self`
            self.writes.append(StoreWrite(store, decorator, function, None if per_instance else function.params,
                                          key_inputs, labels, argument(call, api.ttl_keyword, api.ttl_position) if call else None))
            return

    def _configured_default(self, target: cst.BaseExpression) -> Any:
        """`cache = Cache(app, config={"CACHE_DEFAULT_TIMEOUT": 30})` in sight: that default."""
        if not isinstance(target, cst.Attribute) or not isinstance(target.value, cst.Name):
            return None
        made = self.context.module_constants.get(target.value.value)
        config = argument(made, "config", None) if isinstance(made, cst.Call) else None
        if config is None:
            return None
        from nhilint.analysis.values import DictValue

        value = self.context.evaluator.value(config, None)
        seconds = value.get("CACHE_DEFAULT_TIMEOUT") if isinstance(value, DictValue) else None
        return float(seconds) if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) else None

    def _cache_object_decorator(self, target: cst.BaseExpression) -> Optional[CacheApi]:
        """`@cache.memoize()` on a cache object imported from the project: Flask-Caching's."""
        if not isinstance(target, cst.Attribute) or target.attr.value not in CACHE_OBJECT_DECORATORS:
            return None
        owner = (dotted_name(target.value) or "").rsplit(".", 1)[-1]
        if not _CACHE_NAME.search(owner):
            return None
        return self.context.catalogue.caches.decorator(CACHE_OBJECT_DECORATORS[target.attr.value])

    # -- stores inside a function ---------------------------------------------------------------
    def _function_stores(self, function: cst.FunctionDef) -> None:
        flow = self.module.flow(function)
        facts = flow.facts
        for name in facts.globals:  # `global _token; _token = ...`
            store = Store(f"global:{name}", f"the module global `{name}`", PROCESS, None)
            for binding in facts.bindings.get(name, ()):
                if binding.value is not None and binding.at is not None:
                    self._write(store, binding.value, function, None, flow)
        for target, bindings in facts.attribute_stores.items():
            store = self._attribute_store(flow, target)
            if store is not None:
                for binding in bindings:
                    if binding.value is not None:
                        self._write(store, binding.value, function, None, flow)
        for container, stores in facts.item_stores.items():
            store = self._container_store(flow, container)
            if store is not None:
                for _, key, value in stores:
                    self._write(store, value, function, key, flow)
        for call in facts.own_calls:
            self._call_store(flow, call)
        self._reads(flow)

    def _write(self, store: Store, value: cst.BaseExpression, function: Optional[cst.FunctionDef],
               key: Optional[cst.CSTNode], flow: FunctionFlow, ttl_expr: Optional[cst.BaseExpression] = None,
               node: Optional[cst.CSTNode] = None, ttl_unit: float = 1.0) -> None:
        labels = flow.labels(_new_part(flow, store, value) if key is None else value)
        kinds = {label.kind for label in labels}
        if OPAQUE in kinds and not kinds & SOURCE_KINDS and isinstance(value, (cst.Call, cst.Await)):
            # `self._bearer_token = self._fetch(resource)`: a store named for a token, filled by
            # a call we cannot follow, holds what its name says
            name = store.identity.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
            if is_token_name(name) and _TOKEN_SLOT.search(name):  # a token, not a credentials object
                labels = labels | {Label(NAMED, value, detail=name, inputs=flow.deps(value))}
        element = element_of(flow, value, key) if function is not None else None
        self.writes.append(StoreWrite(store, node if node is not None else value, function, key,
                                      flow.deps(key) if key is not None else frozenset(), labels, ttl_expr, ttl_unit,
                                      element=element))

    def _attribute_store(self, flow: FunctionFlow, target: str) -> Optional[Store]:
        """`self._token` (one object's), `cls._token` / `Class._token` (every instance's)."""
        head, _, attr = target.partition(".")
        if not attr or "." in attr:
            return None
        owner = flow.owner
        if owner is not None and head == flow._self_name and self._is_property(owner, attr):
            return None  # `self.token = t` runs the property's setter: it stores where that says
        if owner is not None and head == flow._self_name:
            if _is_classmethod(flow.scope):
                return Store(f"class:{owner.name.value}.{attr}", f"the class attribute `{owner.name.value}.{attr}`", PROCESS, None)
            return Store(f"attr:{owner.name.value}.{attr}", f"`self.{attr}`", INSTANCE, None)
        if head in self.context.module_classes and not flow.facts.is_local(head):
            return Store(f"class:{head}.{attr}", f"the class attribute `{head}.{attr}`", PROCESS, None)
        return None

    def _is_property(self, owner: cst.ClassDef, attr: str) -> bool:
        return any(
            method.name.value == attr and any(
                (dotted_name(d.decorator) or "").endswith(("property", ".setter"))
                or isinstance(d.decorator, cst.Attribute) and d.decorator.attr.value == "setter"
                for d in method.decorators
            )
            for cls in self.module.lineage(owner) for method in self.module.methods(cls)
        )

    def _container_store(self, flow: FunctionFlow, container: str) -> Optional[Store]:
        """`_CACHE[key] = v` into a module-level dict or cache; `self._cache[key] = v` into one
        object's dict, or into a dict declared in the class body (shared by every instance)."""
        head, _, attr = container.partition(".")
        if not attr:
            if flow.facts.is_local(head) and head not in flow.facts.globals:
                return self._file_store(flow, head)
            keeps, ttl = container_ttl(self.module, self.context.module_constants.get(head))
            if not keeps:
                return None
            return Store(f"global:{head}", f"the module-level `{head}`", PROCESS, ttl)
        if "." in attr or flow.owner is None or head != flow._self_name:
            return None
        for method, value in self.module.attribute_writes(flow.owner, attr):
            if method is None:  # declared in the class body: one dict for every instance
                keeps, ttl = container_ttl(self.module, value)
                if keeps:
                    return Store(f"class:{flow.owner.name.value}.{attr}", f"the class attribute `{attr}`", PROCESS, ttl)
        return Store(f"attr:{flow.owner.name.value}.{attr}", f"`self.{attr}`", INSTANCE, None)

    def _file_store(self, flow: FunctionFlow, name: str) -> Optional[Store]:
        """`stored[key] = token` into a local dict the function then saves to a file
        (`json.dump(stored, handle)`, `path.write_text(json.dumps(stored))`): kept for good, for
        every process and every run that reads the file."""
        saved = saved_files(flow).get(name)
        if saved is None:
            return None
        path, shown = saved
        return Store(f"cache:file:{path}", shown, PROCESS, None)

    def _call_store(self, flow: FunctionFlow, call: cst.Call) -> None:
        """`cache.set(key, v, timeout)`, redis `setex(key, ttl, v)`, `hset(name, key, v)`,
        `get_or_set(key, default, timeout)`, `_CACHE.setdefault(key, v)`, `store.put(v)`."""
        method = leaf_name(call)
        if method not in CACHE_WRITES or not isinstance(call.func, cst.Attribute):
            return
        if any(arg.star for arg in call.args):
            return
        receiver = call.func.value
        backend, store_identity, shown = self._receiver(flow, receiver)
        if backend is None:
            return
        positional = [a.value for a in call.args if a.keyword is None]
        key_at, value_at = CACHE_WRITES[method]
        if method in ("put", "save"):
            # a store object's own method: the value is what carries a token or a verdict
            # (`store.save(token, expires_in)`), the key what comes before it, if anything
            carrying = [i for i, v in enumerate(positional) if _kept_kinds(flow.labels(v))]
            if carrying:
                value_at = carrying[0]
                key_at = value_at - 1 if value_at > 0 else None
            elif len(positional) == 1:
                key_at, value_at = None, 0
        if value_at >= len(positional):
            return
        key = positional[key_at] if key_at is not None and key_at < len(positional) else None
        if method == "hset" and key is None:
            key = positional[0] if positional else None
        ttl, ttl_expr, default, unit = self._write_ttl(flow, call, backend, method, positional)
        sharing = self._sharing(flow, receiver, store_identity)
        store = Store(store_identity, shown, sharing, ttl, default_ttl=default, decorator=method == "get_or_set")
        self._write(store, positional[value_at], flow.scope if isinstance(flow.scope, cst.FunctionDef) else None,
                    key, flow, ttl_expr, node=call, ttl_unit=unit)

    def _sharing(self, flow: FunctionFlow, receiver: cst.BaseExpression, identity: str) -> str:
        """An object's own dict or store object is the instance's when the instance makes it
        (`self._store = TokenStore()`); one handed in from outside, or kept at module level or
        in an external cache, is shared."""
        if identity.startswith("attr:"):
            return INSTANCE
        if any(label.kind == CACHE for label in flow.labels(receiver)):
            return PROCESS  # Django's cache, redis: shared by every process
        if isinstance(receiver, cst.Attribute) and flow.is_self(receiver.value) and flow.owner is not None:
            writes = self.module.attribute_writes(flow.owner, receiver.attr.value)
            writer_flows = [(self.module.flow(m) if m is not None else self.module.module_flow(), v) for m, v in writes]
            shared = any(
                isinstance(v, cst.Name) and not f.facts.is_local(v.value) and v.value in self.context.module_names
                or (isinstance(v, cst.Name) and v.value in f.facts.params and _module_default(f, v.value))
                for f, v in writer_flows
            )
            return PROCESS if shared else INSTANCE  # built by the instance, or handed in: its own as far as we see
        return PROCESS

    def _receiver(self, flow: FunctionFlow, receiver: cst.BaseExpression) -> Tuple[Optional[str], str, str]:
        """The backend of a cache object, the identity of what it keeps, and its name."""
        dotted = dotted_name(receiver) or self.context.module.code_for_node(receiver).strip()
        backend = self._backend(flow, receiver)
        if backend is None:
            return None, "", ""
        if isinstance(receiver, cst.Attribute) and flow.is_self(receiver.value) and flow.owner is not None and backend == MEMORY:
            return backend, f"attr:{flow.owner.name.value}.{receiver.attr.value}", f"`{dotted}`"
        return backend, f"cache:{dotted}", f"`{dotted}`"

    def _backend(self, flow: FunctionFlow, receiver: cst.BaseExpression) -> Optional[str]:
        for label in flow.labels(receiver):
            if label.kind == CACHE:  # Django's `cache`, `redis.Redis(...)`, a helper returning one
                return label.detail
        target = receiver
        if isinstance(target, cst.Subscript):  # caches["default"]
            target = target.value
        values: List[cst.BaseExpression] = [target]
        if isinstance(target, cst.Name) and not flow.facts.is_local(target.value):
            constant = self.context.module_constants.get(target.value)
            if constant is not None:
                values.append(constant)
        elif isinstance(target, cst.Name):
            values += [b.value for b in flow.reaching(target.value, target) if b.value is not None]
        elif isinstance(target, cst.Attribute) and flow.is_self(target.value) and flow.owner is not None:
            values += [v for _, v in self.module.attribute_writes(flow.owner, target.attr.value)]
        for value in values:
            expr = value.func if isinstance(value, cst.Call) else value
            if isinstance(expr, (cst.Name, cst.Attribute)):
                qualname = self.context.qualified_name(expr, flow.facts if value is target else self.module.module_flow().facts)
                if qualname in CACHE_OBJECTS:
                    return CACHE_OBJECTS[qualname]
            if value is not target:
                keeps, _ = container_ttl(self.module, value)
                if keeps:
                    return MEMORY
                if isinstance(value, cst.Call) and self.module.instance_class(flow, value) is not None:
                    return MEMORY  # a store object of the module's own (`TokenStore()`)
        name = (dotted_name(target) or "").rsplit(".", 1)[-1]
        if _CACHE_NAME.search(name):
            return "unknown"
        return None

    def _write_ttl(self, flow: FunctionFlow, call: cst.Call, backend: str, method: str,
                   positional: List[cst.BaseExpression]) -> Tuple[Any, Optional[cst.BaseExpression], bool, float]:
        """The time-to-live of a cache write, how it is written, whether it is the backend's
        default (no TTL passed), and the seconds in one unit of what is written."""
        written = written_ttl(call, method, positional)
        if written is not None:
            value, unit = written
            return scaled(ttl_value(flow, value), unit), value, False, unit
        if method == "hset" or backend == REDIS:
            return self._redis_expire(flow, call), None, False, 1.0
        info = BACKENDS.get(backend)
        if info is None:
            return UNKNOWN, None, False, 1.0
        return info.default_ttl, None, info.configurable, 1.0

    def _redis_expire(self, flow: FunctionFlow, call: cst.Call) -> Any:
        """A redis key written with no expiry lives for good, unless the function sets one
        (`r.expire(key, 300)`) after writing it."""
        for other in flow.facts.own_calls:
            if leaf_name(other) in ("expire", "pexpire", "expireat") and len(other.args) >= 2:
                return ttl_value(flow, other.args[1].value) if leaf_name(other) == "expire" else UNKNOWN
        return None

    # -- reads ----------------------------------------------------------------------------------
    def _reads(self, flow: FunctionFlow) -> None:
        facts = flow.facts
        function = flow.scope if isinstance(flow.scope, cst.FunctionDef) else None
        for name, loads in facts.loads.items():
            if facts.is_local(name) and name not in facts.globals:
                continue
            if name not in self.context.module_names:
                continue
            for load in loads:
                if not _written(facts, load):
                    self.reads.append(StoreRead(f"global:{name}", load, function, self._serving(flow, load)))
        if flow.owner is not None and flow._self_name is not None:
            for load in facts.loads.get(flow._self_name, ()):
                parent = facts.parent_of(load)
                if isinstance(parent, cst.Attribute) and parent.value is load and not _written(facts, parent):
                    attr = parent.attr.value
                    for identity in (f"attr:{flow.owner.name.value}.{attr}", f"class:{flow.owner.name.value}.{attr}"):
                        self.reads.append(StoreRead(identity, parent, function, self._serving(flow, parent)))
        for name, loads in facts.loads.items():
            if name in self.context.module_classes and not facts.is_local(name):
                for load in loads:  # `AuthHelper._cached_token`
                    parent = facts.parent_of(load)
                    if isinstance(parent, cst.Attribute) and parent.value is load:
                        identity = f"class:{name}.{parent.attr.value}"
                        self.reads.append(StoreRead(identity, parent, function, self._serving(flow, parent)))
        for call in facts.own_calls:
            if leaf_name(call) in CACHE_READS and isinstance(call.func, cst.Attribute):
                backend, identity, _ = self._receiver(flow, call.func.value)
                if backend is not None:
                    key = self.context.module.code_for_node(call.args[0].value) if call.args else ""
                    self.reads.append(StoreRead(identity, call, function, max(TESTED, self._serving(flow, call)), key))

    def _serving(self, flow: FunctionFlow, read: cst.CSTNode) -> int:
        """How a read hands the kept value out: RETURNED (`return self._token`, also through a
        local name or a lookup, `return self._tokens[scope]`), TESTED (`if _token is None`,
        `self._token or fetch()`, `key in self._tokens`, `cache.get(key)`), or 0."""
        facts = flow.facts
        level = 0
        current, parent = read, facts.parent_of(read)
        while parent is not None:
            if isinstance(parent, (cst.If, cst.While)) and parent.test is current:
                return max(level, TESTED)
            if isinstance(parent, cst.IfExp) and parent.test is current:
                return max(level, TESTED)
            if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
                comparison = parent if isinstance(parent, cst.Comparison) else facts.parent_of(parent)
                if isinstance(comparison, cst.Comparison) and _compared_only(facts, comparison, self.context):
                    return level  # `current != self._last_token`: told apart, not handed out
                return max(level, TESTED)
            if isinstance(parent, cst.UnaryOperation) or _truth_of(facts, parent):
                return max(level, TESTED)  # `not self._token`, `bool(self._token)`
            if isinstance(parent, cst.BooleanOperation):
                level = TESTED  # `return self._token or self._fetch()`: tested, and maybe returned
            elif isinstance(parent, cst.Return):
                return RETURNED
            elif isinstance(parent, cst.Subscript) and parent.value is current:
                if isinstance(facts.parent_of(parent), (cst.AssignTarget, cst.Del)):
                    return level  # `self._tokens[key] = ...`: a write, not a read
                level = max(level, TESTED)
            elif isinstance(parent, cst.Attribute) and parent.value is current:
                pass
            elif isinstance(parent, cst.Call) and parent.func is current and isinstance(current, cst.Attribute):
                if leaf_name(parent) not in CACHE_READS:
                    return level  # `_token.strip()`: a use, not a look-up
                level = max(level, TESTED)  # `_CACHE.get(key)`
            elif isinstance(parent, (cst.Assign, cst.AnnAssign)) and getattr(parent, "value", None) is current:
                return max(level, self._returned_name(flow, parent))  # `token = self._token` ... `return token`
            elif not isinstance(parent, (cst.Await, cst.Index, cst.SubscriptElement)):
                return level
            current, parent = parent, facts.parent_of(parent)
        return level

    @staticmethod
    def _returned_name(flow: FunctionFlow, assign: cst.CSTNode) -> int:
        targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]  # type: ignore[attr-defined]
        names = {t.value for t in targets if isinstance(t, cst.Name)}
        for value in flow.facts.returns:
            if isinstance(value, cst.Name) and value.value in names:
                return RETURNED
        return TESTED if names else 0

    # -- queries --------------------------------------------------------------------------------
    def reads_of(self, store: Store) -> List[StoreRead]:
        return [read for read in self.reads if read.store_identity == store.identity]


def _truth_of(facts: Any, node: cst.CSTNode) -> bool:
    """`bool(...)` around the value read."""
    if not isinstance(node, cst.Arg):
        return False
    call = facts.parent_of(node)
    return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "bool"


_EQUALITY = (cst.Equal, cst.NotEqual)
_PRESENCE = (cst.Is, cst.IsNot)


def _compared_only(facts: Any, comparison: cst.Comparison, context: Any) -> bool:
    """A kept value compared with another value (`current != self._last_token`), or tested for
    presence only to guard such a comparison (`self._last is not None and current != self._last`):
    change detection, which tells two tokens apart and hands neither out. A presence test on its
    own (`if self._token is None`) is the cache's look-up, and a comparison with a literal
    (`if self._token == ""`) is a presence test too."""
    if _equality_with_value(comparison):
        return True
    if not _presence_test(comparison):
        return False
    chain = facts.parent_of(comparison)
    if not isinstance(chain, cst.BooleanOperation) or not isinstance(chain.operator, cst.And):
        return False
    slot = " ".join(context.module.code_for_node(comparison.left).split())
    other = chain.right if chain.left is comparison else chain.left
    return (isinstance(other, cst.Comparison) and _equality_with_value(other)
            and slot in " ".join(context.module.code_for_node(other).split()))


def _equality_with_value(comparison: cst.Comparison) -> bool:
    if len(comparison.comparisons) != 1 or not isinstance(comparison.comparisons[0].operator, _EQUALITY):
        return False
    return not any(is_constant(side) for side in (comparison.left, comparison.comparisons[0].comparator))


def _presence_test(comparison: cst.Comparison) -> bool:
    return (len(comparison.comparisons) == 1 and isinstance(comparison.comparisons[0].operator, _PRESENCE)
            and is_constant(comparison.comparisons[0].comparator))


def _written(facts: Any, node: cst.CSTNode) -> bool:
    """`node[key] = value` / `del node[key]`: the container is written, not read."""
    parent = facts.parent_of(node)
    return isinstance(parent, cst.Subscript) and parent.value is node and isinstance(
        facts.parent_of(parent), (cst.AssignTarget, cst.Del)
    )


def _module_default(flow: FunctionFlow, param: str) -> bool:
    """`store=default_store`: a parameter whose default is an object kept at module level."""
    node = flow.param_node(param)
    return node is not None and isinstance(node.default, (cst.Name, cst.Attribute))


def _labels_given(flow: FunctionFlow, bound: Dict[str, cst.BaseExpression], params: Sequence[str]) -> Labels:
    """What a caller hands a helper's parameters `params` (its arguments' labels)."""
    labels: set = set()
    for name in params:
        if name in bound:
            labels |= flow.labels(bound[name])
    return frozenset(labels)


def _inputs_given(flow: FunctionFlow, bound: Dict[str, cst.BaseExpression], params: Sequence[str]) -> set:
    """The caller's inputs that reach a helper's parameters `params`."""
    inputs: set = set()
    for name in params:
        if name in bound:
            inputs |= flow.deps(bound[name])
    return inputs


def _handed_on(labels: Labels) -> bool:
    """A value another module's store may keep as a token or a verdict."""
    return any(label.kind in (FETCHED, CLAIMS, RAW_TOKEN, NAMED) for label in labels)


def _kept_kinds(labels: Labels) -> bool:
    return any(label.kind in (FETCHED, CLAIMS) for label in labels)


def _is_classmethod(function: cst.CSTNode) -> bool:
    return isinstance(function, cst.FunctionDef) and any(
        dotted_name(d.decorator) == "classmethod" for d in function.decorators
    )


def saved_files(flow: FunctionFlow) -> Dict[str, Tuple[str, str]]:
    """The local names a function saves to a file, each with the file as its code names it (the
    path given to `open(..., "w")`, or the object `write_text()` is called on) and how messages
    name it; computed once a function."""
    return flow.context.memo(("saved-files", id(flow.scope)), lambda: _saved_files(flow))


def _saved_files(flow: FunctionFlow) -> Dict[str, Tuple[str, str]]:
    if not any(leaf_name(call) in _SAVING for call in flow.facts.own_calls):
        return {}  # most dicts a function fills are sent or returned, not saved
    names: List[str] = []
    path: Optional[cst.BaseExpression] = None
    for call in flow.facts.own_calls:
        qualified = flow.context.qualified_name(call.func, flow.facts) if isinstance(call.func, (cst.Name, cst.Attribute)) else None
        first = call.args[0].value if call.args and not call.args[0].star else None
        if qualified in FILE_DUMPS and isinstance(first, cst.Name):
            names.append(first.value)
        elif leaf_name(call) in FILE_WRITES and isinstance(first, cst.Call) and isinstance(call.func, cst.Attribute):
            inner = first.args[0].value if first.args and not first.args[0].star else None
            if (isinstance(inner, cst.Name) and isinstance(first.func, (cst.Name, cst.Attribute))
                    and flow.context.qualified_name(first.func, flow.facts) in FILE_SERIALIZERS):
                names.append(inner.value)
                if leaf_name(call) != "write":
                    path = call.func.value  # `TOKEN_FILE.write_text(json.dumps(stored))`
        elif qualified == "builtins.open" or (qualified is None and leaf_name(call) == "open"):
            mode = argument(call, "mode", 1)
            if isinstance(mode, cst.SimpleString) and any(c in mode.value for c in "wax") and first is not None:
                path = first
    # messages name the file by a name the code gives it (`TOKEN_FILE`, `self.path`), never by a
    # literal, which nhilint does not print
    dotted = dotted_name(path) if path is not None else None
    found = {}
    for name in names:
        if dotted is not None:
            found[name] = (dotted, f"the file `{dotted}`")
        else:
            found[name] = (name, f"the dict `{name}` saved to a file")
    return found


def kept_arguments(module: ModuleFlow, function: cst.FunctionDef) -> List[StoreWrite]:
    """The writes of a function into a shared external cache (redis, Django's cache...) of what
    its caller hands it, as it is given: what other modules' callers fill
    (`cache_auth_token(token, client_id)`, nhilint.project.exports.StoreExport)."""
    flow = module.flow(function)
    if not any(leaf_name(call) in _KEEPING for call in flow.facts.own_calls):
        return []  # no cache write or saved file in sight: skip building the stores
    return [
        write for write in Stores(module, [function]).writes
        if write.function is function and write.frame is None and write.store.identity.startswith("cache:")
        and write.store.sharing == PROCESS and not write.store.decorator
        and (write.element is not None or any(label.kind == PARAM and not label.derived for label in write.labels))
    ]


# the leaf names of the calls that save a dict to a file (FILE_DUMPS, FILE_WRITES), and of all
# the calls that keep what they are given (those and the cache writes)
_SAVING = frozenset({name.rsplit(".", 1)[-1] for name in FILE_DUMPS} | FILE_WRITES)
_KEEPING = _SAVING | frozenset(CACHE_WRITES)


def ttl_parameter(module: ModuleFlow, write: StoreWrite) -> str:
    """The writer's parameter the time-to-live is (`ex=ttl` in `def remember(token, ttl=3600)`):
    each caller's argument decides it; "" when the TTL is written otherwise."""
    expr = write.ttl_expr
    if not isinstance(expr, cst.Name) or write.function is None:
        return ""
    return expr.value if expr.value in module.flow(write.function).facts.params else ""


def written_elsewhere(write: StoreWrite) -> Tuple[Tuple[str, int, str], ...]:
    """The write in another module a finding at a call involves, as a second place
    (nhilint.context.RelatedPlace)."""
    if write.elsewhere is None:
        return ()
    return ((write.elsewhere.path, write.elsewhere.line, "the cache is written here"),)


def module_stores(module: ModuleFlow) -> Stores:
    return module.context.memo("flow-stores", lambda: Stores(module))


def writers_of(stores: Stores) -> Dict[str, List[StoreWrite]]:
    by_store: Dict[str, List[StoreWrite]] = {}
    for write in stores.writes:
        by_store.setdefault(write.store.identity, []).append(write)
    return by_store


def _new_part(flow: FunctionFlow, store: Store, value: cst.BaseExpression) -> cst.BaseExpression:
    """`self.access_token = state.get("access_token") or self.access_token`: restoring a saved
    state keeps the slot's own value when the state has none; that part stores nothing new, so
    only the other is what the write puts there."""
    if not (isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or)):
        return value
    slot = store.identity.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    right = value.right
    if isinstance(right, cst.Attribute) and isinstance(right.value, cst.Name) and right.value.value == flow._self_name \
            and right.attr.value == slot:
        return value.left
    return value
