"""The text format: `path:line:col: CODE [severity] message`, then a summary line.

The path is the file's as the user would type it from the working folder, as ruff, yamllint and
check-jsonschema print it, so that a terminal or editor can open it: relative to the working folder,
through ".." when that folder is inside the project, and absolute when it is outside the project
(the machine-readable formats keep SPEC's path, relative to the project root).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
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
    shown = path_display(config.root)
    in_message = message_paths(result, config, shown)
    for diag in result.diagnostics:
        message = in_message(diag.message).replace("\n", " ")
        stream.write(f"{shown(diag.path)}:{diag.line}:{diag.column}: {diag.code} [{diag.severity.value}] {message}\n")


def _same(path: str) -> str:
    return path


def message_paths(result: Result, config: Config, shown: Callable[[str], str]) -> Callable[[str], str]:
    """A message with each file of the project it names ("in content/x.yaml:3", T005's "content/x.yaml:14
    says") shown as the diagnostic's own path is: the other file named is the one to open."""
    if shown is _same:
        return _same
    checked = set(result.checked_paths)
    # A content file's path up to ".yaml:" or ".yml:" and a line number (a file name may hold spaces).
    named = re.compile(rf"(?<![\w./-])({re.escape(config.content)}/.+?\.ya?ml)(?=:\d)")
    marker = config.content + "/"

    def rewrite(message: str) -> str:
        if marker not in message:
            return message
        return named.sub(lambda match: shown(match[1]) if match[1] in checked else match[0], message)

    return rewrite


def path_display(root: Path) -> Callable[[str], str]:
    """How a path relative to the project ``root`` (with "/") is shown from the working folder."""
    try:
        here = Path.cwd().resolve()
        root = root.resolve()
    except OSError:  # the working folder is gone: the project's own paths are all there is
        return _same
    if here == root:
        return _same
    if here in root.parents:  # the project is in a folder below (a repository holding it)
        prefix = root.relative_to(here).as_posix() + "/"
        return lambda path: prefix + path
    if root in here.parents:  # the working folder is inside the project
        inside = here.relative_to(root).as_posix()
        return lambda path: os.path.relpath(path, inside).replace(os.sep, "/")
    return lambda path: (root / path).as_posix() if os.sep == "/" else str(root / path)
