"""The token-flow layer under every rule: where a value comes from and where it goes.

- `labels`: what a value is, by its source (fetched token, inbound credential, minted token,
  verified or unverified claims, raw token under verification, credential setting / env var /
  literal), with the inputs that reached the source; symbolic parameters for summaries.
- `sources`: the expressions the catalogue names as sources.
- `function`: labels and inputs of expressions inside one function (def-use, attributes,
  containers, f-strings, `or`, copies, unpacking, `partial`, lambdas, calls through summaries);
  what a call returns (`call_results`), what a field, item or entry holds (`field_reads`), what
  a function of the module returns at one key or place (`returned_parts`), the bindings that
  reach a read (`reaching`), the inputs an expression depends on (`inputs`).
- `module`: calls resolved to the module's own functions and methods, module globals and
  instance attributes across functions, the summary of each function (bounded, cycles cut;
  what a cut touched is `provisional`, computed again once the cut value is known).
- `summary`: what a function returns, where its parameters go, whether it verifies; a sink in
  a branch of the function's own type test or value test of a parameter (`param_branches`).
- `sinks`: logs, outbound requests, verifiers. `stores`: caches and the other places a value
  is kept (with their key and time-to-live).

Rules ask questions of this layer ("does a fetched token reach a store whose key ignores the
fetch's inputs?"); the layer does the following, the catalogue holds the library knowledge.
Models: Pysa's summaries, CodeQL's local and global flow, Semgrep's taint mode (STYLE.md).
"""

from nhilint.flow.module import ModuleFlow, module_flow

__all__ = ["ModuleFlow", "module_flow"]
