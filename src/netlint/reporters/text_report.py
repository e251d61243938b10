"""The text format: `path:line:col: CODE [severity] message`, then a summary line."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from netlint.diagnostic import plural

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config


def summary(result: Result) -> str:
    """`Found 3 errors and 1 warning in 2 files (41 files checked).`"""
    counts = result.counts()
    checked = f"({plural(result.files_checked, 'file')} checked)"
    if not result.diagnostics:
        return f"No problems found {checked}."
    parts = [plural(counts["error"], "error"), plural(counts["warning"], "warning")]
    if counts["info"]:
        parts.append(f"{counts['info']} info")  # a mass noun: "2 info", as JUnit and SARIF put it
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    files = len({diag.path for diag in result.diagnostics})
    return f"Found {listed} in {plural(files, 'file')} {checked}."


def write(result: Result, stream: IO[str], config: Config) -> None:
    write_lines(result, stream, config)
    stream.write(summary(result) + "\n")


def write_lines(result: Result, stream: IO[str], config: Config) -> None:
    """One line per diagnostic, without the summary line (what --quiet prints)."""
    for diag in result.diagnostics:
        message = diag.message.replace("\n", " ")
        stream.write(f"{diag.path}:{diag.line}:{diag.column}: {diag.code} [{diag.severity.value}] {message}\n")
