"""Whether a `print` of a token answers the person who asked for it (NHL404): a print in the
branch of an option that asks for the tokens, in a command named for the credential it prints,
of a credential helper's output in a protocol its caller reads (shell exports, the AWS CLI's
`credential_process` JSON), of a credential the code has just created or drawn at random, or in
a tool that asks the person at the terminal. Not a log: stdout is the tool's answer there."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, List, Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.syntax import bound_name
from nhilint.analysis.names import is_token_name, snake_case
from nhilint.catalogue.loggers import CONSOLE_INPUTS
from nhilint.context import FileContext
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import token_labels
from nhilint.flow.sources import handles_requests
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of, walk

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow

# an option asking to see the tokens: `show_tokens`, `print_token`, `display_credentials`
_SHOW_OPTION = compiled_on_first_use(
    r"^(show|print|display|reveal|echo|dump)_(\w+_)?(tokens?|credentials?|secrets?|keys?|cookies?|auth_headers?|authorization)$")
# an option asking to get a token (`--get-refresh-token`): in a branch test only, as a function
# `get_token()` is a getter, not a command
_GET_OPTION = compiled_on_first_use(r"^get_(\w+_)?(tokens?|credentials?|secrets?|keys?)$")
# an option asking the tool to log in and hand the session on instead of using it:
# openconnect's `--authenticate` ("output the information needed to make the connection"),
# `--auth-only`, `--cookie-only`, read from the parsed options (`args.authenticate`)
_AUTHENTICATE_ONLY = compiled_on_first_use(r"^(authenticate|(auth|authenticate|login|cookie|token|credentials?)_only)$")
# a function whose job is printing: `print_export_line` (not a command that shows something
# else, `show__endpoints`, whose output is not the credential; `show_credentials` says so)
_PRINTING_FUNCTION = compiled_on_first_use(r"^print_")


def asked_to_show(flow: FunctionFlow, call: cst.Call) -> bool:
    """Whether a print runs only in the branch of an option that asks for the tokens to be
    shown (`if show_tokens:`, `if args.print_tokens:`), the person's own request; or in a
    function named for printing (`print_export_line()`: its caller asks for the output)."""
    scope = flow.scope
    if isinstance(scope, cst.FunctionDef) and (
            _PRINTING_FUNCTION.match(scope.name.value) or _says_it_prints(scope)):
        return True
    return shown_on_request(flow, call)


def shown_on_request(flow: FunctionFlow, call: cst.Call) -> bool:
    """`asked_to_show` less a function named or documented only for printing: a function named
    for showing the credential (`display_credentials`), a command of its own, or the branch of
    an option asking for it. Asked of a helper's print where a caller hands it a token: a
    `print_curl(url, headers)` prints whatever its caller gives it, and the caller asked for
    no credential."""
    scope = flow.scope
    if isinstance(scope, cst.FunctionDef) and (
            _SHOW_OPTION.search(snake_case(scope.name.value))
            or _credential_command(scope) or _shell_command(flow, scope) or _argparse_command(flow, scope)
            or _command_class(flow, scope) or _called_for_flag(flow, scope)):
        return True
    child, current = call, flow.facts.parent_of(call)
    while current is not None:
        if isinstance(current, cst.If) and child is current.body:
            name = dotted_name(current.test)
            option = snake_case(name.rsplit(".", 1)[-1]) if name is not None else ""
            if _SHOW_OPTION.search(option) or _GET_OPTION.search(option):
                return True
            if name is not None and "." in name and not name.startswith("self.") and _AUTHENTICATE_ONLY.match(option):
                return True  # `if args.authenticate:`: the person asked for the session cookie
            if _read_command_branch(current.test):
                return True
        child, current = current, flow.facts.parent_of(current)
    return False


# a docstring saying the function's job is printing (`"""Print setup message to console."""`:
# HAP-python's pairing code, for the person to type into their phone)
_PRINTS_DOCSTRING = compiled_on_first_use(r"^\s*(print|display|show)s?\b[^\n.]*\b(console|terminal|screen|stdout|user)\b", re.I)


def _says_it_prints(function: cst.FunctionDef) -> bool:
    docstring = function.get_docstring()
    return docstring is not None and bool(_PRINTS_DOCSTRING.search(docstring[:200]))


def _called_for_flag(flow: FunctionFlow, function: cst.FunctionDef) -> bool:
    """`if access_token: return cls.fetch_access_token(connector)` in a command whose
    `access_token` is a flag (`bool`, or False by default: click's `--access-token` with
    `is_flag=True`) named for the credential: a function the module calls only in such
    branches prints what the person asked for (`tool --access-token`, as `gh auth token`)."""
    from nhilint.flow.module import module_flow

    module = module_flow(flow.context)
    callers = module.callers(function) or _closure_callers(module, function)
    return bool(callers) and all(_in_flag_branch(caller, call) for caller, call in callers)


def _closure_callers(module: "ModuleFlow", function: cst.FunctionDef) -> "list[tuple[FunctionFlow, cst.Call]]":
    """`cls.fetch_access_token(...)` in a command function a classmethod of the same class
    defines (`def cli(cls): @click.command() def main(...): ...`): calls through the
    enclosing method's `cls` or `self`, which the module's resolver leaves to that method."""
    owner = module.owner_of(function)
    if owner is None:
        return []
    found = []
    for method in module.methods(owner):
        for nested in nodes_of(method.body, cst.FunctionDef, nested=True):
            inner = module.flow(nested)
            for call in inner.facts.own_calls:
                func = call.func
                if isinstance(func, cst.Attribute) and func.attr.value == function.name.value \
                        and isinstance(func.value, cst.Name) and func.value.value in ("cls", "self"):
                    found.append((inner, call))
    return found


def _in_flag_branch(flow: FunctionFlow, call: cst.Call) -> bool:
    scope = flow.scope
    if not isinstance(scope, cst.FunctionDef):
        return False
    child, current = call, flow.facts.parent_of(call)
    while current is not None and current is not scope:
        if isinstance(current, cst.If) and child is current.body and isinstance(current.test, cst.Name):
            param = flow.param_node(current.test.value)
            if param is not None and is_token_name(param.name.value) and _boolean_flag(param):
                return True
        child, current = current, flow.facts.parent_of(current)
    return False


def _boolean_flag(param: cst.Param) -> bool:
    annotated = param.annotation is not None and dotted_name(param.annotation.annotation) == "bool"
    return annotated or (isinstance(param.default, cst.Name) and param.default.value == "False")


# what an argparse program calls the subcommand it was given: `args.command`, `action`
_COMMAND_NAMES = frozenset({"command", "cmd", "subcommand", "action", "verb"})


def _read_command_branch(test: cst.BaseExpression) -> bool:
    """`if command == "read":` (`args.command == "get"`): the branch of a subcommand that reads
    out what the person names, in a program that dispatches by hand (argparse)."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)):
        return False
    sides = (test.left, test.comparisons[0].comparator)
    names = [dotted_name(side) for side in sides if isinstance(side, (cst.Name, cst.Attribute))]
    words = [string_literal(side) or _member_word(side) for side in sides]
    return any(name is not None and name.rsplit(".", 1)[-1] in _COMMAND_NAMES for name in names) and any(
        isinstance(word, str) and _reads_out(snake_case(word.replace("-", "_"))) for word in words)


def _member_word(side: cst.BaseExpression) -> Optional[str]:
    """`str(Action.TOKEN)`, `Action.TOKEN.value`: a subcommand named by an enum's member, by the
    member's name (`token`); None for anything else."""
    if isinstance(side, cst.Call) and isinstance(side.func, cst.Name) and side.func.value == "str" and len(side.args) == 1:
        side = side.args[0].value
    elif isinstance(side, cst.Attribute) and side.attr.value == "value":
        side = side.value
    if isinstance(side, cst.Attribute) and isinstance(side.value, cst.Name) and side.attr.value.isupper():
        return side.attr.value.lower()
    return None


def _reads_out(command: str) -> bool:
    """A subcommand's name (snake case) that reads a credential out for the person who typed it:
    named for the credential (`token`, `get_token`, `api_key`, as `gh auth token`) or for
    reading out what the person names (`get`, `read`, `show`)."""
    for verb in ("get_", "show_", "print_", "read_"):
        command = command[len(verb):] if command.startswith(verb) else command
    return is_token_name(command) or command in _READ_COMMANDS


# a command that reads out what the person names: `vault kv get NAME`, `tool read NAME`
_READ_COMMANDS = frozenset({"get", "read", "show", "view", "reveal", "cat"})


def _credential_command(function: cst.FunctionDef) -> bool:
    """A command-line command (click's or typer's `@app.command(name="api-key")`) named for the
    credential it prints: `tool api-key`, `tool token`, as `gh auth token` does, or for reading
    out what the person names (`get`, `read`, `show`: a secrets tool's `get NAME`, as `vault kv
    get`); its output is what was asked for by name."""
    for decorator in function.decorators:
        call = decorator.decorator
        if not isinstance(call, cst.Call) or leaf_name(call) != "command":
            continue
        named = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "name"), None)
        if named is None and call.args and call.args[0].keyword is None:
            named = call.args[0].value
        text = string_literal(named) if named is not None else function.name.value
        if isinstance(text, str):
            words = snake_case(text.replace("-", "_"))
            return is_token_name(words) or bool(_SHOW_OPTION.search(words)) or words in _READ_COMMANDS
    return False


# verbs of a command that reads a credential out for the person running it (`vault kv get`,
# `sops --decrypt`, `ansible-vault view`)
_READ_OUT_VERBS = frozenset({"show", "print", "display", "reveal", "dump", "decrypt", "get", "read", "view", "export",
                            # or creates one and shows it once to the operator (`create_auth_token`)
                            "create", "generate", "new", "issue", "mint", "make"})


def _command_class(flow: FunctionFlow, function: cst.FunctionDef) -> bool:
    """The `run` (Flask-Script, cliff) or `handle` (Django) method of a command class named for
    reading a credential out (`class DecryptSecretsBootstrap(Command)`, registered as
    `decrypt_secrets_bootstrap`; a Django command's name is its module's,
    `management/commands/show_api_key.py`) or for creating one (`create_auth_token.py`, the
    new token shown once to the operator who ran it): its output is what the person asked for."""
    if function.name.value not in ("run", "handle"):
        return False
    from nhilint.flow.module import module_flow

    owner = module_flow(flow.context).owner_of(function)
    if owner is None or not any((dotted_name(base.value) or "").endswith("Command") for base in owner.bases):
        return False
    path = flow.context.path.replace("\\", "/")
    named = path.rsplit("/", 1)[-1][:-3] if "/management/commands/" in path else snake_case(owner.name.value)
    words = named.lower().split("_")
    rest = range(1, len(words) + 1)
    return words[0] in _READ_OUT_VERBS and any(is_token_name("_".join(words[i:j])) for i in rest for j in rest if i < j)


def _argparse_command(flow: FunctionFlow, function: cst.FunctionDef) -> bool:
    """A function named for an argparse subcommand of its module, or dispatched from one
    (`parser.set_defaults(func=cmd_exchange)`), that is named for the credential it prints
    (`subparsers.add_parser("get-token")` dispatched to `get_token()`, as `gh auth token`), or
    for obtaining one with a help text naming it (`add_parser("exchange", help="token
    exchange")`, as `aws sts assume-role` prints the credentials it got): what the person asked
    for by name."""
    name = function.name.value.lstrip("_")  # `_get_identity_token()` for `get-identity-token`: private to the CLI
    commands = flow.context.memo("argparse-commands", lambda: _argparse_commands(flow.context))
    command = commands.get(name) or commands.get(function.name.value) or commands.get(_HANDLER_PREFIX.sub("", name))
    if command is None:
        return False
    word, help_text = command
    if _reads_out(word):
        return True
    return word.split("_")[0] in _OBTAINING_VERBS and bool(_NAMES_CREDENTIAL.search(help_text))


# what a dispatcher's handler of a subcommand is named before the command: `_cmd_mint_token`
# for `mint-token`, `do_get_token`, `handle_token`
_HANDLER_PREFIX = compiled_on_first_use(r"^(cmd|command|do|run|handle|handler)_")


# verbs of a subcommand that obtains a credential for the person who runs it: an exchange
# (RFC 8693), an assumed role, or what a command reading one out does (`create`, `mint`)
_OBTAINING_VERBS = _READ_OUT_VERBS | {"exchange", "assume", "impersonate"}
_NAMES_CREDENTIAL = compiled_on_first_use(r"\b(tokens?|credentials?|api[ -]?keys?)\b", re.I)


def _argparse_commands(context: FileContext) -> "dict[str, tuple[str, str]]":
    """The module's argparse subcommands (snake case) and help texts, by the function that runs
    each: named as the subcommand (`add_parser("get-token")`: `get_token`) or given as the
    subparser's default (`s = sub.add_parser("exchange", ...)`, `s.set_defaults(func=run)`);
    read once per module."""
    if not context.mentions("add_parser"):
        return {}
    found: "dict[str, tuple[str, str]]" = {}
    parsers: "dict[str, tuple[str, str]]" = {}  # the subparser a name holds at this point of the module

    def command_of(call: cst.Call) -> "Optional[tuple[str, str]]":
        command = string_literal(call.args[0].value) if call.args else None
        if command is None:
            return None
        help_arg = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "help"), None)
        help_text = string_literal(help_arg) if help_arg is not None else None
        return snake_case(command.replace("-", "_")), help_text if isinstance(help_text, str) else ""

    def visit(node: cst.CSTNode) -> bool:
        if type(node) is cst.Assign and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and isinstance(node.value, cst.Call) and leaf_name(node.value) == "add_parser":
            command = command_of(node.value)
            if command is not None:
                parsers[node.targets[0].target.value] = command
        elif type(node) is cst.Call:
            call: cst.Call = node  # type: ignore[assignment]
            if leaf_name(call) == "add_parser":
                command = command_of(call)
                if command is not None:
                    found.setdefault(command[0], command)
            elif leaf_name(call) == "set_defaults" and isinstance(call.func, cst.Attribute) \
                    and isinstance(call.func.value, cst.Name) and call.func.value.value in parsers:
                for arg in call.args:
                    if arg.keyword is not None and arg.keyword.value in ("func", "handler") and isinstance(arg.value, cst.Name):
                        found[arg.value.value] = parsers[call.func.value.value]
        return True

    walk(context.module, visit)
    return found


# what an interactive shell's command says it does, in its help (the docstring `help pp` shows):
# showing a credential
_SHOWS_CREDENTIAL = compiled_on_first_use(
    r"^\s*(print|show|display|reveal|copy|echo)\b[^\n.]*\b(passwords?|passphrases?|tokens?|secrets?|credentials?|keys?)\b", re.I)


def _shell_command(flow: FunctionFlow, function: cst.FunctionDef) -> bool:
    """A command of an interactive shell (`do_pp` of a `cmd.Cmd` subclass, `pp` typed at its
    prompt) named for the credential it shows or whose help says it shows one ("print the
    password only"): the person at the prompt asked for it."""
    name = function.name.value
    if not name.startswith("do_") or flow.owner is None:
        return False
    docstring = function.get_docstring()
    if docstring is not None and _SHOWS_CREDENTIAL.search(docstring):
        return True  # its help says so (also in a mixin of commands the shell class combines)
    words = snake_case(name[len("do_"):])
    return (is_token_name(words) or bool(_SHOW_OPTION.search(words))) and any(
        (dotted_name(base.value) or "").rsplit(".", 1)[-1] == "Cmd" for base in flow.owner.bases)


# a shell line that sets a variable, printed for `eval $(tool)`: `export AWS_SESSION_TOKEN=...`,
# fish's `set --export AWS_SESSION_TOKEN '...'`, PowerShell's `$env:AWS_SESSION_TOKEN=`
# (also after a placeholder the format fills with the export word or nothing: `'{}AWS_SESSION_TOKEN={}'
# .format(prefix, ...)`, prefix `'export '` for `--format env-export`, `''` for `env`)
_SHELL_EXPORT = compiled_on_first_use(
    r"(^|[\n;&])\s*(export|set|setx)\s+(-{1,2}[a-z]+\s+)?[A-Z_][A-Z0-9_]*[= ]|\$env:[A-Za-z_]"
    r"|^(\{\}|%s)[A-Z_][A-Z0-9_]*="
    # a line that is one `NAME=value` alone, for `export $(tool)` or an `.env` file
    r"|^[A-Z][A-Z0-9_]*=")


def credential_output(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """Whether a printed value is a credential helper's output in a protocol its caller reads:
    shell lines exporting variables (`eval $(aws-okta-processor -e)`), the AWS CLI
    `credential_process` JSON (a `"Version"` entry beside the keys), or a git credential
    helper's `password=...` line in a module reading git's request on stdin. The tool's answer
    on stdout, which its caller asked for, not a log."""
    module = flow.module
    if isinstance(value, cst.Name) and _written_credential_process(flow, value.value):
        return True  # `json = "{"; json += f'"AccessKeyId": ...'; json += '"Version": 1}'`
    if isinstance(value, cst.Name) and any(string_literal(stored) == "Version"
                                           for _, stored, _ in flow.facts.item_stores.get(value.value, ())):
        return True  # `creds = sts.assume_role(...)["Credentials"]; creds["Version"] = 1`, then printed
    lines = _joined_lines(flow, value)
    if lines is not None:  # `print("\n".join(lines))`: every line one of these
        return bool(lines) and all(credential_output(flow, line) for line in lines)
    if isinstance(value, cst.Call) and not (isinstance(value.func, cst.Attribute) and value.func.attr.value in ("format", "dumps")):
        target = module.resolve(flow, value)  # `print(self.unix_output(credentials))`
        if target is None or len(module.flow(target[0]).facts.returns) != 1:
            return False
        flow = module.flow(target[0])
        value = flow.facts.returns[0]
    dumped = value.left if isinstance(value, cst.BinaryOperation) and isinstance(string_literal(value.right), str) else value
    if isinstance(dumped, cst.Call) and isinstance(dumped.func, cst.Attribute) and dumped.func.attr.value == "dumps" and dumped.args:
        # `json.dumps(creds)`, also ended with a newline (`json.dumps(creds) + "\n"`)
        return _has_entry(flow, dumped.args[0].value, "Version") or jsonrpc_message(flow, dumped)
    template = value.func.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) else value
    if isinstance(template, cst.BinaryOperation):
        template = template.left
    if isinstance(template, cst.FormattedString):
        text = "".join(part.value for part in template.parts if isinstance(part, cst.FormattedStringText))
    else:
        evaluated = flow.context.evaluator.value(template, flow.facts)
        text = evaluated if isinstance(evaluated, str) else ""
    if text in _GIT_CREDENTIAL_FIELDS and flow.context.mentions("stdin"):
        return True  # `print(f"password={token}")`: a git credential helper's answer
    return bool(_SHELL_EXPORT.search(text))


# git's credential helper protocol (gitcredentials(7), git-credential(1)): the helper reads the
# request's `key=value` lines on stdin and answers `username=...` / `password=...` on stdout
_GIT_CREDENTIAL_FIELDS = frozenset({"password=", "oauth_refresh_token="})


def _written_credential_process(flow: FunctionFlow, name: str) -> bool:
    """A local text the function writes piece by piece (`json = "{"`, then `json += ...`) into
    the AWS CLI `credential_process` JSON: its literal pieces name `"Version"` and the keys
    (pybritive writes it so, to spare the import of json)."""
    if not flow.facts.is_local(name) or name in flow.facts.params:
        return False
    pieces: List[str] = []
    for statement in nodes_of(flow.scope, (cst.Assign, cst.AugAssign)):
        targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
        if not any(isinstance(target, cst.Name) and target.value == name for target in targets):
            continue
        for text in nodes_of(statement.value, (cst.SimpleString, cst.FormattedStringText)):
            pieces.append(text.value)
    written = "".join(pieces)
    return '"Version"' in written and '"AccessKeyId"' in written


def _joined_lines(flow: FunctionFlow, value: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
    """The lines of `"\n".join(lines)`, `lines` a local list written out and appended to
    (`lines.append(...)`), or the list itself written out in the call, also through the one
    local the joined text is bound to (`exports = "\n".join([...])`, then `print(exports)`);
    None for any other value."""
    if isinstance(value, cst.Name) and flow.facts.is_local(value.value):
        # `exports = "\n".join([...])`, then `print(exports)`: the lines of its one binding
        bindings = flow.reaching(value.value, value)
        joined = bindings[0].value if len(bindings) == 1 else None
        return _joined_lines(flow, joined) if isinstance(joined, cst.Call) else None
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "join"
            and len(value.args) == 1 and isinstance(string_literal(value.func.value), str)):
        return None
    if isinstance(value.args[0].value, cst.List):  # `"\n".join(["export A=%s" % a, ...])`
        return [element.value for element in value.args[0].value.elements]
    if not isinstance(value.args[0].value, cst.Name):
        return None
    name = value.args[0].value
    if not flow.facts.is_local(name.value):
        return None
    bindings = flow.reaching(name.value, name)
    if not bindings or not all(isinstance(b.value, cst.List) for b in bindings):
        return None
    lines: List[cst.BaseExpression] = [e.value for b in bindings for e in b.value.elements]  # type: ignore[union-attr]
    for call in flow.facts.own_calls:
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == name.value:
            if func.attr.value != "append" or len(call.args) != 1:
                return None  # `lines.extend(...)`, `lines.insert(...)`: not followed
            lines.append(call.args[0].value)
    return lines


def _has_entry(flow: FunctionFlow, body: cst.BaseExpression, key: str) -> bool:
    """`{"Version": 1, "AccessKeyId": ...}` for "Version", also bound to the name dumped
    (`output = {...}`), or `credentials["Version"] = 1` before the dump."""
    if isinstance(body, cst.Name):
        if any(string_literal(stored) == key for _, stored, _ in flow.facts.item_stores.get(body.value, ())):
            return True
        bindings = flow.reaching(body.value, body) if flow.facts.is_local(body.value) else []
        return bool(bindings) and all(isinstance(b.value, cst.Dict) and _has_entry(flow, b.value, key) for b in bindings)
    return isinstance(body, cst.Dict) and any(
        isinstance(e, cst.DictElement) and string_literal(e.key) == key for e in body.elements)


def jsonrpc_message(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """`{"jsonrpc": "2.0", "id": ..., "result": ...}`, also dumped (`json.dumps(msg)`) or bound
    to a name: a JSON-RPC message, which a stdio server (an MCP or language server) writes to
    stdout as its answer to the client that asked; that stream is the protocol, not a log."""
    if isinstance(value, cst.Call) and leaf_name(value) == "dumps" and value.args:
        value = value.args[0].value
    return _has_entry(flow, value, "jsonrpc")


def reads_terminal(context: FileContext) -> bool:
    """Whether the module asks the person at the terminal (`input()`, `getpass.getpass()`)."""
    if not context.mentions("input", "getpass", "prompt"):
        return False
    found: List[cst.Call] = []

    def visit(node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call) and context.qualified_name(node.func) in CONSOLE_INPUTS:
            found.append(node)
        return not found

    walk(context.module, visit)
    return bool(found)


# a call that makes a new credential: `service.create(name=...)`, `generate_key()`, `new_token()`,
# a token object written out once its claims are set (`token.serialize(issuer=..., lifetime=...)`:
# scitokens' admin command minting one for the person who runs it)
_CREATING = compiled_on_first_use(r"^_*(create|generate|issue|mint|new|serialize)(_\w+)?$")


def just_created(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """`entity, api_key = await service.create(name="development")`, then `print(api_key)`: the
    credential this code has just made, shown once to the person who will hand it over (a
    key service keeps only its hash). Not where the module serves requests: there print
    writes to the server's log; unless the function runs only as the module's script, before
    any server starts (every call of it under `if __name__ == "__main__":`, as
    `asyncio.run(main())`): the person who started it reads the terminal."""
    if handles_requests(flow) and not _script_only(flow):
        return False
    names = [value] if isinstance(value, cst.Name) else _token_roots(flow, value)  # `f"key: '{api_key}'"`
    return bool(names) and all(name is not None and _created_here(flow, name) for name in names)


def _token_roots(flow: FunctionFlow, value: cst.BaseExpression) -> "List[Optional[cst.Name]]":
    """The local names the token parts of a text are read from: `api_key` in `f"key: {api_key}"`,
    `link` in `f"Token: {link.token}"` (a field of what the name holds); None for a part read
    from anything else (a call, a subscript)."""
    found: "List[Optional[cst.Name]]" = []

    def visit(node: cst.CSTNode) -> bool:
        if type(node) is cst.Name or type(node) is cst.Attribute:
            if token_labels(flow.labels(node)):  # type: ignore[arg-type]
                root = node
                while isinstance(root, cst.Attribute):
                    root = root.value
                found.append(root if isinstance(root, cst.Name) else None)
                return False
            return type(node) is cst.Attribute  # `serialized_token.decode`: the name under the method
        return True

    walk(value, visit)
    return found


def _script_only(flow: FunctionFlow) -> bool:
    """Every call of the function (one at least) is in the module's `if __name__ ==
    "__main__":` block."""
    function = flow.scope
    if not isinstance(function, cst.FunctionDef):
        return False
    callers = flow.module.callers(function)
    module = flow.module.module_flow()
    guards = [statement for statement in flow.context.module.body if _main_guard(statement)]
    return bool(callers) and bool(guards) and all(
        caller.scope is module.scope and any(module.facts.within(call, guard) for guard in guards)
        for caller, call in callers
    )


def _main_guard(statement: cst.CSTNode) -> bool:
    """`if __name__ == "__main__":`"""
    if not isinstance(statement, cst.If) or not isinstance(statement.test, cst.Comparison):
        return False
    test = statement.test
    sides = [test.left, *(c.comparator for c in test.comparisons)]
    return (len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Equal)
            and any(isinstance(side, cst.Name) and side.value == "__name__" for side in sides)
            and any(isinstance(side, cst.SimpleString) and side.evaluated_value == "__main__" for side in sides))


def _created_here(flow: FunctionFlow, name: cst.Name, depth: int = 0) -> bool:
    if not flow.facts.is_local(name.value):
        return False
    from nhilint.flow.random_values import drawn_here  # a print of a credential: few files

    if drawn_here(flow, name):
        return True  # `"".join(str(randint(0, 9)) ...)`: a new secret drawn at random here
    bindings = flow.reaching(name.value, name)
    if not bindings:
        return False
    for binding in bindings:
        made = binding.value if binding.value is not None else binding.unpacked_from
        while isinstance(made, cst.Await):
            made = made.expression
        if isinstance(made, cst.Dict) and depth < _DICT_DEPTH and _holds_only_created(flow, made, depth):
            continue  # `summary = {"name": name, "password": pg_password}`: a command's report
        if not (isinstance(made, cst.Call) and (_CREATING.match(leaf_name(made))
                                                or (_made_of_a_draw(flow, made) and _only_shown(flow, name.value)))):
            return False
    return True


# what a new credential may be handed to and still only be shown or kept: written out, printed
_SHOWING = frozenset({"print", "echo", "secho", "write", "dumps", "dump", "format", "join", "str"})


def _only_shown(flow: FunctionFlow, name: str) -> bool:
    """Every read of `name` is inside a print, a log, or what writes it out (`fh.write(json.dumps(
    {"token": token}))`): the command shows and keeps what it made, and sends it nowhere."""
    from nhilint.flow.sinks import may_log  # a print of a credential: few files

    for load in flow.facts.loads.get(name, ()):
        node = flow.facts.parent_of(load)
        while node is not None and not isinstance(node, cst.Call):
            node = flow.facts.parent_of(node)
        if node is None or not (leaf_name(node) in _SHOWING or may_log(node)):
            return False
    return True


def _made_of_a_draw(flow: FunctionFlow, made: cst.Call) -> bool:
    """`token = encode_invite(door_key, seed)` with `seed = secrets.token_bytes(16)` drawn in
    the function (or `seed = generate_seed()`): a new credential made around a fresh random
    value (an invite, an enrollment token), not one the code had before."""
    from nhilint.flow.random_values import drawn_here  # a print of a credential: few files

    def fresh(arg: cst.BaseExpression) -> bool:
        if not isinstance(arg, cst.Name) or not flow.facts.is_local(arg.value):
            return False
        bound = flow.reaching_value(arg)  # `seed = generate_seed()`: made here too
        return drawn_here(flow, arg) or (isinstance(bound, cst.Call) and bool(_CREATING.match(leaf_name(bound))))

    return any(fresh(arg.value) for arg in made.args)


# how many dicts deep a report of new credentials is followed
_DICT_DEPTH = 2


def _holds_only_created(flow: FunctionFlow, report: cst.Dict, depth: int) -> bool:
    """Each entry of the dict that holds a token is a local name made here (and one at least):
    `{"name": name, "postgres_password": pg_password}`, `pg_password` drawn at random above."""
    held = [element.value for element in report.elements if isinstance(element, cst.DictElement)
            and token_labels(flow.labels(element.value))]
    return bool(held) and all(isinstance(value, cst.Name) and _created_here(flow, value, depth + 1) for value in held)


def command_function(flow: FunctionFlow) -> bool:
    """The function is a command-line command of click or typer (`@app.command()`,
    `@click.command()`, or a typer command registered elsewhere, `app.command("provision")(
    provision)`, whose parameters say so: `name: str = typer.Option(...)`): its parameters are
    what the person who ran it typed."""
    scope = flow.scope
    if not isinstance(scope, cst.FunctionDef):
        return False
    if any(isinstance(decorator.decorator, cst.Call) and leaf_name(decorator.decorator) == "command"
           or isinstance(decorator.decorator, cst.Attribute) and decorator.decorator.attr.value == "command"
           for decorator in scope.decorators):
        return True
    return any(isinstance(param.default, cst.Call)
               and flow.context.qualified_name(param.default.func, flow.facts) in ("typer.Option", "typer.Argument")
               for param in scope.params.params + scope.params.kwonly_params)


def authorization_link(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """`print(url)` of `url = "https://getpocket.com/auth/authorize?request_token={0}...".format(
    request_token, ...)`: the link to the provider's authorization page an interactive tool
    shows the person at the terminal to open (OAuth's three-legged flow: the request token or
    the client id is made to travel through that person's browser)."""
    if isinstance(value, cst.Name) and flow.facts.is_local(value.value):
        bindings = flow.reaching(value.value, value)
        if len(bindings) != 1 or bindings[0].value is None:
            return False
        value = bindings[0].value
    from nhilint.flow.query_tokens import authorization_page  # asked of a printed token only

    written = flow.context.module.code_for_node(value)
    start = written.find("://")
    while start != -1:  # each URL as written: its address up to the query (plain searches: linear)
        end = written.find("?", start)
        if end == -1:
            return False
        address = written[start:end]
        if not any(space in address for space in (" ", "\n", "\t")) and authorization_page(address):
            return True
        start = written.find("://", end)
    return False


# GitHub Actions' workflow command that masks a value in every later line of the job's log
_ADD_MASK = "::add-mask::"


def masking_command(value: cst.BaseExpression) -> bool:
    """`print(f"::add-mask::{token}")` (also `"::add-mask::" + token`, `"::add-mask::{}".format(...)`):
    the runner reads the line and masks the value in the job's log from then on; the command
    is how a CI step keeps a token out of its log, not a log line."""
    if isinstance(value, cst.FormattedString):
        first = value.parts[0] if value.parts else None
        return isinstance(first, cst.FormattedStringText) and first.value.startswith(_ADD_MASK)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        text = string_literal(value.left)
        return isinstance(text, str) and text.startswith(_ADD_MASK)
    if isinstance(value, cst.Call) and leaf_name(value) == "format" and isinstance(value.func, cst.Attribute):
        text = string_literal(value.func.value)
        return isinstance(text, str) and text.startswith(_ADD_MASK)
    return False


_PRINTS = frozenset({"print", "write", "echo"})


def _prints_either_way(branch: cst.If, names: "set[str]") -> bool:
    """An `if` with a plain `else` each arm of which prints one of `names`: the option picks
    the output's form (`--json`), not whether the token is shown."""
    if not names or not isinstance(branch.orelse, cst.Else):
        return False

    def prints(arm: cst.CSTNode) -> bool:
        return any(leaf_name(call) in _PRINTS and any(
            node.value in names for arg in call.args for node in nodes_of(arg.value, cst.Name, nested=True))
            for call in nodes_of(arm, cst.Call, nested=True))

    return prints(branch.body) and prints(branch.orelse.body)


def _parsed_options(flow: FunctionFlow) -> "set[str]":
    """The names the function binds to the parsed command line (`args = parser.parse_args()`)."""
    found = set()
    for own in flow.facts.own_calls:
        if leaf_name(own) in ("parse_args", "parse_known_args"):
            name = bound_name(flow.facts.parent_of(own), own)
            if name is not None:
                found.add(name)
    return found


def _dispatch(flow: FunctionFlow, branch: cst.If, options: "set[str]") -> Optional[cst.If]:
    """The first `if` of the chain `branch` is in, where the chain has three arms or more (`if
    args.configure: ... elif args.authcode: ... else: ...`) each of whose tests reads the parsed
    options: the command line's dispatch, each arm a command of its own (a lone `if
    args.verbose:` only asks for more output). None otherwise."""
    top = branch
    while isinstance(flow.facts.parent_of(top), cst.If) and flow.facts.parent_of(top).orelse is top:  # type: ignore[union-attr]
        top = flow.facts.parent_of(top)  # type: ignore[assignment]
    arms, current = 0, top
    while isinstance(current, cst.If):
        if not any(node.value in options for node in nodes_of(current.test, cst.Name, nested=True)):
            return None
        arms += 1
        current = current.orelse  # type: ignore[assignment]
    return top if arms + (current is not None) >= 3 else None


# the words of a dispatch arm's test that name what the command prints: `args.authcode`,
# `command == "token"`, `cmd.startswith("show")`
_CREDENTIAL_WORD = compiled_on_first_use(r"auth|token|key|secret|credential|password|cookie")


def _arm_reads_out(test: cst.BaseExpression) -> bool:
    """The arm's test names a command that reads a credential out: an option or a command word
    named for one (`elif args.authcode:`, `command == "get-token"`) or for reading out what the
    person names (`"show"`); not a command that does something else with it (`pull`, `sync`,
    `login`: `remote_command.startswith("pul")` pulls secrets and prints how many it got)."""
    words = [name.rsplit(".", 1)[-1] for name in map(dotted_name, nodes_of(test, (cst.Name, cst.Attribute)))
             if name is not None]
    words += [text for text in map(string_literal, nodes_of(test, cst.SimpleString)) if isinstance(text, str)]
    return any(_reads_out(snake_case(word.replace("-", "_"))) or _CREDENTIAL_WORD.search(word.lower()) for word in words)


def command_output(flow: FunctionFlow, call: cst.Call, value: cst.BaseExpression) -> bool:
    """`print("token: {}".format(token))` in the function that parses the command line
    (`args = parser.parse_args(argv)`: the command's entry point), the token read nowhere after
    the print: the command's output to the operator who ran it (opentaxii-create-account
    printing the new account's token), on every path of the command (not under an `if`, but for
    one whose arms both print it: `--json` picks the form; or in one arm of the options'
    dispatch, `elif args.authcode:`, a command of its own). Not
    where the module serves requests, nor a command that goes on to use, keep or return the
    token it printed."""
    if not flow.context.mentions("argumentparser") or handles_requests(flow):
        return False
    if not any(leaf_name(own) in ("parse_args", "parse_known_args") for own in flow.facts.own_calls):
        return False
    names = {node.value for node in nodes_of(value, cst.Name) if token_labels(flow.labels(node))}
    forms: "list[cst.If]" = []  # `if`s whose arms each print the token
    options = _parsed_options(flow)
    commands: "list[tuple[cst.If, cst.BaseSuite]]" = []  # (dispatch, the arm printing)
    child, parent = call, flow.facts.parent_of(call)
    while parent is not None and parent is not flow.scope:
        dispatch = _dispatch(flow, parent, options) if isinstance(parent, cst.If) and child is parent.body \
            and _arm_reads_out(parent.test) else None
        if isinstance(parent, cst.If) and _prints_either_way(parent, names):
            forms.append(parent)  # `if args.json: print(json.dumps({"token": token})) else: print(token)`: its form
        elif dispatch is not None:
            # `elif args.authcode: ... print(token)`: one command of the options' dispatch; what
            # the other commands read is not read after this one
            commands.append((dispatch, parent.body))
            child, parent = dispatch, flow.facts.parent_of(dispatch)
            continue
        elif isinstance(parent, (cst.If, cst.IfExp, cst.ExceptHandler, cst.For, cst.While)):
            return False  # printed on one path (`if args.verbose:` asks for more output, not the token)
        child, parent = parent, flow.facts.parent_of(parent)
    after = flow.facts.order_of(call)
    prints = [other for form in forms for other in nodes_of(form, cst.Call, nested=True)
              if leaf_name(other) in _PRINTS]  # the other form's print
    return bool(names) and not any(
        flow.facts.order_of(load) > after and not flow.facts.within(load, call)
        and not any(flow.facts.within(load, other) for other in prints)
        and not any(flow.facts.within(load, top) and not flow.facts.within(load, arm) for top, arm in commands)
        for name in names for load in flow.facts.loads.get(name, ()))
