"""Where the values of a kept export come from: the module's libcst parse and flow, reached
through the project index (nhilint.project.index.ProjectIndex.computing), which records what
each value uses of other modules. One object a module's export (nhilint.project.exports
.Summaries)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping, Optional, Tuple, TypeVar

from nhilint.project.exports import ConstantExport, Deferred, FunctionExport, SinkExport, StoreExport, SummaryExport

if TYPE_CHECKING:
    from nhilint.project.build import LiveModule
    from nhilint.project.facts import ProjectFacts
    from nhilint.project.index import ProjectIndex

T = TypeVar("T")


class IndexSummaries:
    """The values of one module's export, computed when first asked for."""

    def __init__(self, index: "ProjectIndex", key: str, module: str, digest: str) -> None:
        self.index, self.key, self.module, self.digest = index, key, module, digest

    def _computing(self, part: Tuple[str, ...], compute: Callable[["LiveModule"], Optional[T]]) -> Optional[T]:
        """`part` names the value (which flow of the module it is computed on: ProjectIndex.computing)."""
        return self.index.computing(self.key, self.module, self.digest, part, compute)

    def constant(self, name: str) -> Optional[ConstantExport]:
        from nhilint.project.build import constant_export

        return self._computing(("constant", name), lambda live: constant_export(live, name))

    def attribute(self, cls: str, name: str) -> Optional[ConstantExport]:
        from nhilint.project.build import attribute_export

        return self._computing(("attribute", cls, name), lambda live: attribute_export(live, cls, name))

    def function(self, name: str) -> Optional[FunctionExport]:
        from nhilint.project.build import function_shell

        later = Deferred(lambda: self.function_summary(name))
        verified = Deferred(lambda: self.function_verified(name))
        sinks = Deferred(lambda: self.function_sinks(name))
        kept = Deferred(lambda: self.function_stores(name))
        return self._computing(("function", name), lambda live: function_shell(live, name, later, verified, sinks, kept))

    def method(self, cls: str, name: str) -> Optional[FunctionExport]:
        from nhilint.project.build import method_shell

        later = Deferred(lambda: self.method_summary(cls, name))
        verified = Deferred(lambda: self.method_verified(cls, name))
        sinks = Deferred(lambda: self.method_sinks(cls, name))
        kept = Deferred(lambda: self.method_stores(cls, name))
        return self._computing(("method", cls, name), lambda live: method_shell(live, cls, name, later, verified, sinks, kept))

    def function_summary(self, name: str) -> Optional[SummaryExport]:
        from nhilint.project.build import function_summary

        return self._computing(("function_summary", name), lambda live: function_summary(live, name))

    def method_summary(self, cls: str, name: str) -> Optional[SummaryExport]:
        from nhilint.project.build import method_summary

        return self._computing(("method_summary", cls, name), lambda live: method_summary(live, cls, name))

    def function_verified(self, name: str) -> Optional[Tuple[str, ...]]:
        from nhilint.project.build import function_verified_params

        return self._computing(("function_verified", name), lambda live: function_verified_params(live, name))

    def method_verified(self, cls: str, name: str) -> Optional[Tuple[str, ...]]:
        from nhilint.project.build import method_verified_params

        return self._computing(("method_verified", cls, name), lambda live: method_verified_params(live, cls, name))

    def function_sinks(self, name: str) -> Optional[Mapping[str, Tuple[SinkExport, ...]]]:
        from nhilint.project.build import function_param_sinks

        return self._computing(("function_sinks", name), lambda live: function_param_sinks(live, name))

    def method_sinks(self, cls: str, name: str) -> Optional[Mapping[str, Tuple[SinkExport, ...]]]:
        from nhilint.project.build import method_param_sinks

        return self._computing(("method_sinks", cls, name), lambda live: method_param_sinks(live, cls, name))

    def function_stores(self, name: str) -> Optional[Tuple[StoreExport, ...]]:
        from nhilint.project.build import function_stores

        return self._computing(("function_stores", name), lambda live: function_stores(live, name))

    def method_stores(self, cls: str, name: str) -> Optional[Tuple[StoreExport, ...]]:
        from nhilint.project.build import method_stores

        return self._computing(("method_stores", cls, name), lambda live: method_stores(live, cls, name))

    def facts(self) -> Optional[ProjectFacts]:
        from nhilint.project.build import project_facts

        return self._computing(("facts",), project_facts)

    def bases(self, cls: str) -> Optional[Tuple[str, ...]]:
        from nhilint.project.build import class_bases

        return self._computing(("bases", cls), lambda live: class_bases(live, cls))
