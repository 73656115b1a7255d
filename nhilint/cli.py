"""The command line: a thin layer of click over nhilint.api (SPEC §2).

Exit codes: 0 no findings, 1 findings, 2 usage / config / internal error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Sequence, TextIO, Tuple

import click

from nhilint import __version__
from nhilint.config import ConfigError, codes_option, load_settings, rule_option_types
from nhilint.discovery import PatternError
from nhilint.ftypes import Settings
from nhilint.reporters import PUBLIC_FORMATS, renderer
from nhilint.reporters.escaping import printable
from nhilint.selection import SelectionError

if TYPE_CHECKING:
    from nhilint.baseline import Baseline

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


def _warn(message: str) -> None:
    click.echo(f"nhilint: warning: {printable(message)}", err=True)  # may quote the config file


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"nhilint: error: {printable(message)}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _settings(config: Optional[str], select: Sequence[str], ignore: Sequence[str],
              extend_select: Sequence[str], isolated: bool = False, max_file_bytes: Optional[int] = None,
              **thresholds: Optional[str]) -> Settings:
    """The config file's settings (none with `isolated`), then the command line's."""
    from nhilint.rule_index import rule_entries

    if isolated and config:
        raise ConfigError("--isolated and --config exclude each other")
    if isolated:
        settings = Settings(root=str(Path.cwd().resolve()))
    else:
        settings = load_settings(
            Path(config) if config else None, Path.cwd(), rule_option_types(rule_entries()), _warn
        )
    overrides: Dict[str, Any] = {key: value for key, value in thresholds.items() if value is not None}
    if select:
        overrides["select"] = codes_option(select)
    if ignore:
        overrides["ignore"] = (*settings.ignore, *codes_option(ignore))
    if extend_select:
        overrides["extend_select"] = (*settings.extend_select, *codes_option(extend_select))
    if max_file_bytes is not None:
        overrides["max_file_bytes"] = max_file_bytes
    return replace(settings, **overrides) if overrides else settings


def _baseline(baseline_file: Optional[str]) -> Optional[Baseline]:
    """The baseline `--baseline` names; nhilint.baseline is imported only then (its dataclasses
    cost ~8 M instructions to create, at every check otherwise)."""
    if not baseline_file:
        return None
    from nhilint.baseline import BaselineError, load

    try:
        return load(Path(baseline_file))
    except BaselineError as error:
        raise _fail(str(error)) from None


def _default_format(output_file: Optional[str]) -> str:
    if os.environ.get("PRE_COMMIT") == "1" or output_file or not sys.stdout.isatty():
        return "concise"
    return "full"


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("PRE_COMMIT") == "1":
        return False
    return stream.isatty()


class _Interruptible(click.Group):
    """Ctrl-C ends any command with 130 and one line, not click's "Aborted!" and 1 (findings)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nnhilint: interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None


@click.group(cls=_Interruptible, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nhilint")
def main() -> None:
    """nhilint: find token misuse in Python code (OWASP Non-Human Identities)."""


_codes = dict(multiple=True, metavar="CODES")
_SHARED_OPTIONS = (
    click.argument("paths", nargs=-1, type=click.Path()),
    click.option("--select", **_codes, help="Rules to run (code prefixes, comma separated), replacing the default set."),
    click.option("--ignore", **_codes, help="Rules to skip (code prefixes)."),
    click.option("--extend-select", **_codes, help="Rules to add to the selection (code prefixes)."),
    click.option("--config", type=click.Path(dir_okay=False), default=None, help="Use this config file."),
    click.option("--isolated", is_flag=True, help="Use no config file: defaults and the command line only."),
    click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too."),
    click.option("--max-file-bytes", type=click.IntRange(min=0), default=None, metavar="N",
                 help="Report larger files as not analysed (NHL900) instead of parsing them; "
                      "default 1000000, 0 for no limit."),
)


_no_progress_option = click.option(
    "--no-progress", is_flag=True,
    help="No progress bar (otherwise shown on stderr when a run on a terminal takes over a second).",
)


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """PATHS and the options choosing files and rules: `check` and `baseline` take the same."""
    for decorate in reversed(_SHARED_OPTIONS):
        command = decorate(command)
    return command


def _report_missing(missing: Sequence[Tuple[str, str]]) -> None:
    for path, reason in missing:
        click.echo(f"nhilint: error: {printable(path)}: {reason}", err=True)


def _warn_if_idle(settings: Settings, files: Optional[int], paths: Sequence[str]) -> None:
    """A run that checks nothing passes: say so, rather than exit 0 in silence (issue 17 item 4)."""
    from nhilint.rule_index import rule_entries
    from nhilint.selection import nothing_to_check, select_rules

    if nothing_to_check(select_rules(rule_entries(), settings.select, settings.extend_select, settings.ignore)):
        _warn("no rules selected: check --select, --extend-select and --ignore (and the config file)")
    if files == 0:  # (None: stdin, where an excluded buffer is no surprise)
        _warn(f"no Python files to check in {' '.join(paths) or '.'} (after excludes and .gitignore)")


def _output_specs(ctx: click.Context, param: click.Parameter, value: Tuple[str, ...]) -> Tuple[str, ...]:
    from nhilint.outputs import OutputError, parse_output

    for spec in value:
        try:
            parse_output(spec)
        except OutputError as error:
            raise click.BadParameter(str(error)) from None
    return value


_LEVELS = click.Choice(["low", "medium", "high"])


@main.command()
@selection_options
@click.option("--output-format", "output_formats", multiple=True, metavar="FORMAT[:FILE]", callback=_output_specs,
              help=f"Output format ({', '.join(PUBLIC_FORMATS)}), to stdout or to FILE; repeat for several "
                   "reports from one run. Default: full on a terminal, concise otherwise.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), default=None,
              help="Write the report (the one without a FILE) to a file.")
@click.option("--stdin-filename", default=None, help="The path the code read from stdin is reported under.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Leave out the findings recorded in this file by `nhilint baseline`.")
@click.option("--min-severity", type=_LEVELS, default=None, help="Leave out findings of rules below this severity.")
@click.option("--min-confidence", type=_LEVELS, default=None, help="Leave out findings below this confidence.")
@click.option("--diff-base", metavar="REF", default=None,
              help="Report only findings on lines changed since the git commit REF (and in untracked files).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--add-noqa", is_flag=True,
              help="Add `# nhilint: ignore[CODE]` to each line with findings, instead of reporting them.")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and where each came from.")
@click.option("--show-files", is_flag=True, help="Print the files that would be checked, and why others are not.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.nhilint_cache/).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check files in N processes; default: the number of CPUs.")
@_no_progress_option
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
def check(paths: Tuple[str, ...], select: Tuple[str, ...], ignore: Tuple[str, ...],
          extend_select: Tuple[str, ...], config: Optional[str], isolated: bool, force_exclude: bool,
          max_file_bytes: Optional[int], output_formats: Tuple[str, ...], output_file: Optional[str],
          stdin_filename: Optional[str], baseline_file: Optional[str], min_severity: Optional[str],
          min_confidence: Optional[str], diff_base: Optional[str], exit_zero: bool, statistics: bool,
          add_noqa: bool, show_settings: bool, show_files: bool, color: str, no_cache: bool,
          jobs: Optional[int], no_progress: bool, quiet: bool) -> None:
    """Check PATHS (default: the current directory); `-` reads one file from stdin."""
    from nhilint import api
    from nhilint.diff_base import DiffBaseError
    from nhilint.outputs import OutputError, plan_outputs, write_outputs
    from nhilint.parallel import default_jobs
    from nhilint.progress import file_progress

    try:
        outputs = plan_outputs(output_formats, output_file, _default_format)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    try:
        settings = _settings(config, select, ignore, extend_select, isolated, max_file_bytes,
                             min_severity=min_severity, min_confidence=min_confidence)
        if show_settings or show_files:
            from nhilint.show import show

            given = {"select": select, "ignore": ignore, "extend_select": extend_select,
                     "min_severity": min_severity, "min_confidence": min_confidence}
            if not show(settings, paths or (".",), force_exclude, show_settings, sys.stdout, from_command_line=given):
                raise click.exceptions.Exit(EXIT_ERROR)
            return
        known = _baseline(baseline_file)
        from_stdin = paths == ("-",) or (stdin_filename is not None and not paths)
        if from_stdin:
            if add_noqa:
                raise _fail("--add-noqa edits files, not stdin")
            source = sys.stdin.buffer.read()
            result = api.check_stdin(source, settings, stdin_filename, force_exclude, known, cache=not no_cache)
        elif "-" in paths:
            raise _fail("`-` (stdin) cannot be mixed with other paths")
        else:
            with file_progress(no_progress or quiet, color) as progress:
                result = api.check_paths(
                    paths or (".",), settings, force_exclude, known, jobs=jobs or default_jobs(),
                    cache=not no_cache, progress=progress,
                )
        if diff_base is not None:
            from nhilint.diff_base import changed_lines, only_changed

            result = only_changed(result, changed_lines(_repository_start(paths), diff_base))
    except (ConfigError, SelectionError, DiffBaseError) as error:
        raise _fail(str(error)) from None
    except PatternError as error:
        raise _fail(f"{settings.config_file or 'configuration'}: {error}") from None
    _report_missing(result.missing)
    _warn_if_idle(settings, None if from_stdin else len(result.files), paths)
    if add_noqa:
        from nhilint.add_noqa import add_suppressions

        added, files, not_edited = add_suppressions(result)
        click.echo(f"nhilint: added {added} suppression comment{'' if added == 1 else 's'} "
                   f"to {files} file{'' if files == 1 else 's'}", err=True)
        for path in not_edited:
            click.echo(f"nhilint: warning: {path}: notebook not edited (its JSON layout would change): "
                       "add `# nhilint: ignore[CODE]` in its cells by hand", err=True)
        raise click.exceptions.Exit(EXIT_ERROR if result.missing else EXIT_CLEAN)

    def write(fmt: str, out: TextIO, use_color: bool) -> None:
        if quiet and out is sys.stdout and fmt in ("full", "concise"):
            fmt = "concise-quiet"  # findings only: no frames, no summary
        if statistics:
            from nhilint.statistics import code_counts, write_json, write_table

            (write_json if fmt == "json" else write_table)(code_counts(result.findings), out)
        else:
            renderer(fmt)(result, out, use_color)

    try:
        write_outputs(outputs, write, sys.stdout, _use_color(color, sys.stdout))
    except OSError as error:
        raise _fail(f"cannot write report '{error.filename}': {error.strerror or error}") from None
    if result.missing:
        raise click.exceptions.Exit(EXIT_ERROR)
    if result.findings and not exit_zero:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@main.command("baseline")
@selection_options
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), required=True,
              help="The baseline file to write (JSON).")
@_no_progress_option
def baseline_command(paths: Tuple[str, ...], select: Tuple[str, ...], ignore: Tuple[str, ...],
                     extend_select: Tuple[str, ...], config: Optional[str], isolated: bool, force_exclude: bool,
                     max_file_bytes: Optional[int], output_file: str, no_progress: bool) -> None:
    """Record the current findings of PATHS in a baseline file for `check --baseline FILE`.

    Files nhilint could not analyse (NHL900) are not recorded: fix or exclude them.
    """
    from nhilint import api
    from nhilint.baseline import baselinable, from_findings, write
    from nhilint.parallel import default_jobs
    from nhilint.progress import file_progress

    if "-" in paths:
        raise _fail("`nhilint baseline` reads files, not stdin")
    try:
        settings = _settings(config, select, ignore, extend_select, isolated, max_file_bytes)
        with file_progress(no_progress) as progress:
            result = api.check_paths(paths or (".",), settings, force_exclude, jobs=default_jobs(), progress=progress)
    except (ConfigError, SelectionError) as error:
        raise _fail(str(error)) from None
    except PatternError as error:
        raise _fail(f"{settings.config_file or 'configuration'}: {error}") from None
    _report_missing(result.missing)
    _warn_if_idle(settings, len(result.files), paths)
    if result.missing:
        raise click.exceptions.Exit(EXIT_ERROR)  # a typo must not leave a baseline of nothing
    recorded = from_findings(baselinable(result.files))
    try:
        write(recorded, Path(output_file))
    except OSError as error:
        raise _fail(f"cannot write baseline file '{output_file}': {error.strerror or error}") from None
    not_analysed = sum(1 for file in result.files if file.findings and not file.parsed)
    if not_analysed:
        _warn(f"{not_analysed} file(s) not analysed (NHL900) are not in the baseline: fix or exclude them")
    count = recorded.finding_count
    click.echo(f"nhilint: wrote {count} finding{'' if count == 1 else 's'} to {output_file}", err=True)


def _repository_start(paths: Tuple[str, ...]) -> str:
    """Where --diff-base looks for the git repository: at the first path checked (a job may
    check a checkout from outside it), else in the working directory."""
    first = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    if not first.is_dir():
        first = first.parent if first.parent.is_dir() else Path.cwd()
    return str(first)


@main.command("rules")
@click.option("--output-format", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, family, OWASP mappings, default on/off."""
    from nhilint.docs import rules_json, rules_markdown, rules_table
    from nhilint.registry import all_rules

    metas = [rule.meta() for rule in all_rules()]
    if output_format == "json":
        click.echo(rules_json(metas))
    elif output_format == "markdown":
        click.echo(rules_markdown(metas), nl=False)
    else:
        rules_table(metas, sys.stdout)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show the documentation of rule CODE (e.g. NHL101)."""
    from nhilint.docs import render_doc
    from nhilint.registry import rules_by_code

    rule = rules_by_code().get(code.upper())
    if rule is None:
        raise _fail(f"unknown rule '{code}' (see `nhilint rules`)")
    render_doc(rule.meta(), sys.stdout)


_LSP_PACKAGES = ("pygls", "lsprotocol", "cattrs", "attrs")


@main.command()
def server() -> None:
    """Run the language server on stdin/stdout (needs `pip install 'nhilint[lsp]'`)."""
    try:
        from nhilint.server import serve
    except ImportError as error:
        # pygls is an optional extra; any other failed import is a bug and keeps its traceback
        if (error.name or "").split(".")[0] not in _LSP_PACKAGES:
            raise
        raise _fail(
            f"the language server needs pygls ({error.name} is not installed): "
            "install nhilint[lsp], e.g. pip install 'nhilint[lsp]'"
        ) from None
    serve()


def run() -> None:
    """The `nhilint` command: `main`, then an exit that skips the interpreter's teardown.

    Freeing every module and syntax tree at exit costs ~30 ms, a tenth of a check on save;
    the report is flushed and the result cache written by then (mypy exits the same way).
    Tests call `main` in-process and keep the usual exit.
    """
    from nhilint.collector import pace_for_a_run

    pace_for_a_run()  # the workers of `--jobs` inherit it (forked) or set it (nhilint.parallel)
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as done:
        code = _exit_status(done.code)
    except KeyboardInterrupt:  # before or after a command runs
        code = EXIT_INTERRUPTED
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # the reader has gone (`| head`), or the stream is closed
            pass  # (the language server closes stdout at exit): the status stands
    os._exit(code)


def _exit_status(code: object) -> int:
    """What Python makes of `sys.exit(code)`: None is 0, a message is printed and 1."""
    if code is None:
        return EXIT_CLEAN
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    run()
