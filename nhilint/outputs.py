"""Several reports from one run: `--output-format FORMAT[:FILE]`, repeatable (CI in one step).

`--output-format sarif:nhilint.sarif --output-format github` writes SARIF to a file and the
annotations to stdout from the same findings. A format without a file goes to stdout, or to
`-o FILE` when that is given; at most one report may go there. Formats hold no ':', so the
first one separates the format from a file name that may contain more (`C:\\ci\\x.sarif`).
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, TextIO, Tuple

from nhilint.reporters import PUBLIC_FORMATS


class OutputError(ValueError):
    """A bad `--output-format` value: a usage error."""


class Output:
    """A report to write: its format, and its file. A plain class: never compared, hashed or
    copied, and a dataclass costs about 3 M instructions to create at every start
    (benchmarks/README.md, speed20)."""

    __slots__ = ("format", "file")

    def __init__(self, format: str, file: Optional[str] = None) -> None:
        self.format = format
        self.file = file  # None: stdout


def parse_output(spec: str) -> Output:
    name, separator, file = spec.partition(":")
    if name not in PUBLIC_FORMATS:
        raise OutputError(f"'{name}' is not one of {', '.join(PUBLIC_FORMATS)} (as FORMAT or FORMAT:FILE)")
    if separator and not file:
        raise OutputError(f"'{spec}' names no file after ':'")
    return Output(name, file or None)


def plan_outputs(specs: Sequence[str], output_file: Optional[str], default: Callable[[Optional[str]], str]
                 ) -> Tuple[Output, ...]:
    """The reports to write: each spec, the one without a file going to `-o` or stdout."""
    if not specs:
        return (Output(default(output_file), output_file),)
    outputs: List[Output] = [parse_output(spec) for spec in specs]
    unnamed = [index for index, output in enumerate(outputs) if output.file is None]
    if len(unnamed) > 1:
        raise OutputError("only one report can go to stdout: give the others a file (FORMAT:FILE)")
    if unnamed and output_file:
        outputs[unnamed[0]] = Output(outputs[unnamed[0]].format, output_file)
    files = [output.file for output in outputs if output.file]
    if len(set(files)) != len(files):
        raise OutputError("two reports name the same file")
    return tuple(outputs)


def write_outputs(outputs: Sequence[Output], write: Callable[[str, TextIO, bool], None], stdout: TextIO,
                  stdout_color: bool) -> None:
    """`write(format, stream, color)` once per report; files are never coloured."""
    for output in outputs:
        if output.file is None:
            write(output.format, stdout, stdout_color)
            continue
        # an undecodable file name is written back as its own bytes, as on stdout
        with open(output.file, "w", encoding="utf-8", errors="surrogateescape") as out:
            write(output.format, out, False)
