"""Fingerprints: what identifies a finding when lines above it move (for SARIF and the baseline).

A finding is identified by its file, its code and the offending text: the text
of the diagnostic's span on its first line, with up to CONTEXT characters of
that line on each side of it once its whitespace runs are made single spaces
(so that re-spacing the line does not bring other characters in). Line
and column numbers are left out, so inserting or deleting lines elsewhere keeps
every fingerprint; so is the rest of the line, so editing a long one-line
paragraph elsewhere, or re-spacing a list, keeps the findings in it; so is the
message, which may name line numbers and whose wording may change between
netlint versions, but for what a finding about something absent names: the
fields missing from one mapping are all reported at its start, and each one's
fingerprint holds its field's name (so fixing one leaves the others' as they
were, and a field newly missing is a new finding, not a known one); and so for
a pathway's gap or overlap (T002, T003), all reported at its `options:` key,
whose fingerprint holds the sizes its message names and the pathway's id (a
gap in one pathway, fixed, does not hide a new gap in another pathway of
the file, of other sizes or the same).
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

VERSION = "v3"  # bump when the recipe changes (a baseline of the recipes before still matches: see LEGACY)
# v3 before a missing field's name, or a pathway finding's sizes, was part of its fingerprint (still "v3" in
# SARIF: every other finding's fingerprint is as it was).
V3_UNNAMED = "v3 unnamed"
V2 = "v2"  # its context was cut before whitespace runs were made single spaces
LEGACY = (V3_UNNAMED, V2)  # the recipes before, newest first
_MISSING_FIELD = re.compile(r"missing required field '(.*?)' in ")
# The sizes a T002 or T003 message names: what tells two pathways' findings at "options:" apart.
_SIZES_NAMED = re.compile(r"\d+(?:\.\d+)?(?:/\d+)? ?(?:mm|cm)\b")
_AT_A_KEY = ("T002", "T003")
CONTEXT = 24  # characters of the line kept on each side of the span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceLines:
    """The lines of the files a result reports on: from the documents read, else from disk."""

    def __init__(self, result: Result, config: Config) -> None:
        # The documents, not their texts: a document from the cache reads its file only when asked.
        self._documents = {doc.path: doc for doc in result.documents}
        self._real = result.real_paths  # a file is read by its real name, not the one shown
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
            raw = read_regular(self._root / Path(self._real.get(path, path)), self._limit)
        except (OSError, ValueError):
            return ""
        return raw.decode("utf-8", "replace").removeprefix("\ufeff")


def offending_text(diag: Diagnostic, source: SourceLines, version: str = VERSION) -> tuple[str, str, str]:
    """(up to CONTEXT characters before the span on its first line, the span's text there, up to CONTEXT
    after it), once each run of whitespace in the line is one space; the two contexts are stripped.
    (``version`` V2: cut first, then spaced, as baselines written before v3 were.)"""
    line = source.line(diag.path, diag.line)
    start = max(diag.column - 1, 0)
    end = max(diag.end_column - 1 if diag.end_line == diag.line else len(line), start)
    if version == V2:
        before = " ".join(line[max(start - CONTEXT, 0) : start].split())
        after = " ".join(line[end : end + CONTEXT].split())
        return before, line[start:end], after
    return _spaced_before(line, start), line[start:end], _spaced_after(line, end)


def _spaced_before(line: str, start: int) -> str:
    """The last CONTEXT characters of ``line[:start]`` with its whitespace runs made single spaces, stripped.

    Spaced from a window that grows until it holds more than CONTEXT characters once spaced (or holds
    the whole start of the line): a long line with many findings is not spaced whole for each.
    """
    width = 2 * CONTEXT
    while True:
        spaced = " ".join(line[max(start - width, 0) : start].split())
        if len(spaced) > CONTEXT or width >= start:
            return spaced[-CONTEXT:].strip()
        width *= 2


def _spaced_after(line: str, end: int) -> str:
    """The first CONTEXT characters of ``line[end:]`` with its whitespace runs made single spaces, stripped."""
    width = 2 * CONTEXT
    while True:
        spaced = " ".join(line[end : end + width].split())
        if len(spaced) > CONTEXT or end + width >= len(line):
            return spaced[:CONTEXT].strip()
        width *= 2


def fingerprint(diag: Diagnostic, source: SourceLines, version: str = VERSION) -> str:
    """A short, stable hash of the file, the code and the offending text (by the recipe of ``version``)."""
    parts = [version, diag.path, diag.code, *offending_text(diag, source, version)]
    if version == V3_UNNAMED:
        parts[0] = "v3"
    elif version == VERSION and diag.code == "S001" and (missing := _MISSING_FIELD.match(diag.message)):
        parts.append(missing.group(1))
    elif version == VERSION and diag.code in _AT_A_KEY:
        parts.append(" ".join(_SIZES_NAMED.findall(diag.message)))
        parts.append(pathway_id(diag, source))
    material = "\0".join(parts)
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:20]


_ID_KEY = re.compile(r"(?:- +)?id: *(?P<id>[^#\s][^#]*?) *(?:#.*)?$")


def pathway_id(diag: Diagnostic, source: SourceLines) -> str:
    """The id of the pathway whose ``options:`` key ``diag`` is at, as its lines write it ("" if none is
    found): the `id:` key beside ``options:`` in its block mapping, above it (up to the item's dash) or
    below it (until the mapping ends)."""
    lines = source.lines(diag.path)
    column = diag.column - 1  # the keys' indentation
    at = diag.line - 1
    if not 0 <= at < len(lines):
        return ""
    for step in (-1, 1):
        index = at + step
        while 0 <= index < len(lines):
            line = lines[index]
            body = line.lstrip(" ")
            indent = len(line) - len(body)
            if not body or body.startswith("#"):
                index += step
                continue
            item = indent == column - 2 and body.startswith("- ")  # the pathway's own dash
            if indent == column or item:
                found = _ID_KEY.fullmatch(body)
                if found is not None and (indent == column) != body.startswith("- "):
                    return found.group("id")
            if indent < column or (step < 0 and item):
                break  # the pathway's mapping ends here
            index += step
    return ""


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
