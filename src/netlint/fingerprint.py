"""Fingerprints: what identifies a finding when lines above it move (for SARIF and the baseline).

A finding is identified by its file, its code and the offending text: the text
of the diagnostic's span on its first line, with up to CONTEXT characters of
that line on each side of it, whitespace runs in them made single spaces. Line
and column numbers are left out, so inserting or deleting lines elsewhere keeps
every fingerprint; so is the rest of the line, so editing a long one-line
paragraph elsewhere, or re-spacing a list, keeps the findings in it; so is the
message, which may name line numbers and whose wording may change between
netlint versions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from netlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config

VERSION = "v2"  # bump when the recipe changes: old baselines then no longer match
CONTEXT = 24  # characters of the line kept on each side of the span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceLines:
    """The lines of the files a result reports on: from the documents read, else from disk."""

    def __init__(self, result: Result, config: Config) -> None:
        # The documents, not their texts: a document from the cache reads its file only when asked.
        self._documents = {doc.path: doc for doc in result.documents}
        self._root = config.root
        self._limit = config.max_file_bytes
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            doc = self._documents.get(path)
            text = doc.text if doc is not None else self._read(path)
            # Split at LF, CRLF and a lone CR, like the loader's line numbers (str.splitlines also splits
            # on U+2028 and more).
            self._lines[path] = _LINE_BREAK.split(text)
        return self._lines[path]

    def line(self, path: str, number: int) -> str:
        lines = self.lines(path)
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    def _read(self, path: str) -> str:
        """A file no document holds (unreadable, not a mapping): its text as far as it can be read."""
        from netlint.fileio import read_regular

        try:  # a regular file only: a FIFO in the content folder must not hang a SARIF report
            raw = read_regular(self._root / Path(path), self._limit)
        except (OSError, ValueError):
            return ""
        return raw.decode("utf-8", "replace").removeprefix("\ufeff")


def offending_text(diag: Diagnostic, source: SourceLines) -> tuple[str, str, str]:
    """(up to CONTEXT characters before the span on its first line, the span's text there, up to CONTEXT
    after it); in the two contexts, each run of whitespace is one space, and they are stripped."""
    line = source.line(diag.path, diag.line)
    start = max(diag.column - 1, 0)
    end = max(diag.end_column - 1 if diag.end_line == diag.line else len(line), start)
    before = " ".join(line[max(start - CONTEXT, 0) : start].split())
    after = " ".join(line[end : end + CONTEXT].split())
    return before, line[start:end], after


def fingerprint(diag: Diagnostic, source: SourceLines) -> str:
    """A short, stable hash of the file, the code and the offending text."""
    material = "\0".join((VERSION, diag.path, diag.code, *offending_text(diag, source)))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def numbered(diagnostics: Iterable[Diagnostic], source: SourceLines) -> Iterator[tuple[Diagnostic, str, int]]:
    """Each diagnostic with its fingerprint and its occurrence number (1, 2, ...) among identical ones.

    Identical findings (the same defect on two identical lines) share a fingerprint;
    the occurrence number, counted in file order, tells them apart.
    """
    seen: dict[tuple[str, str, str], int] = {}
    for diag in sorted(diagnostics):
        mark = fingerprint(diag, source)
        key = (diag.path, diag.code, mark)
        seen[key] = seen.get(key, 0) + 1
        yield diag, mark, seen[key]
