"""The github format: GitHub Actions workflow commands, one annotation per diagnostic.

`::error file=content/x.yaml,line=3,col=5,endLine=3,endColumn=9,title=N001::message`
(`warning` and `notice` for the other severities). Escaping follows the
workflow-command rules of the Actions toolkit: in the message `%`, CR and LF;
in properties also `:` and `,`.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import IO, TYPE_CHECKING

from netlint.diagnostic import Diagnostic, Severity, printable

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_prefix(config: Config) -> str:
    """The project root relative to the checked-out repository (GITHUB_WORKSPACE), as a path prefix.

    Annotations name files relative to the repository; a project kept in a
    sub-folder of it needs that folder in front of its paths.
    """
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        inside = config.root.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except (ValueError, OSError):
        return ""
    return "" if inside == "." else inside + "/"


def command(diag: Diagnostic, prefix: str = "", path: str | None = None, message: str | None = None) -> str:
    """One workflow command for ``diag``; columns only when the span is on one line (GitHub's rule).

    ``path``: the file's real name when it is not the shown one (a line break in it, say: the
    command escapes it as GitHub reads it)."""
    props = [f"file={escape_property(prefix + (diag.path if path is None else path))}", f"line={diag.line}"]
    if diag.end_line <= diag.line:
        props += [f"col={diag.column}", f"endLine={diag.line}", f"endColumn={max(diag.end_column, diag.column)}"]
    else:
        props.append(f"endLine={diag.end_line}")
    props.append(f"title={escape_property(diag.code)}")
    return f"::{COMMANDS[diag.severity]} {','.join(props)}::{escape_data(diag.message if message is None else message)}"


def write(result: Result, stream: IO[str], config: Config) -> None:
    from netlint.reporters.text_report import message_paths

    prefix = repository_prefix(config)
    # The files a message names, as the annotations name theirs: from the repository's root.
    in_message = message_paths(result, config, lambda path: prefix + path) if prefix else str
    for diag in result.diagnostics:
        path = result.path_text(diag.path) if diag.path in result.real_paths else None
        message = in_message(diag.message)
        stream.write(command(diag, prefix, None if path is None else _loggable(path), message) + "\n")


def _loggable(path: str) -> str:
    """A real file name as a command carries it: a line break, a tab or a no-break space as it is (the
    command's escaping takes the line breaks), a terminal escape or a bidi control written out, never
    passed to the log (which would colour or reorder it)."""
    return "".join(
        char if char.isprintable() or char in "\n\r\t" or unicodedata.category(char) == "Zs" else printable(char)
        for char in path
    )
