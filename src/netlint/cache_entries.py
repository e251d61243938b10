"""What the cache stores for each file and project run, and how an entry read back is checked.

An entry comes from a folder anyone may have written (a cache can arrive with a checkout), so
each reader returns None for anything not of the expected shape: one bad entry costs only the
re-check of its own file.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from netlint.diagnostic import Diagnostic, Severity


def diagnostic_to_json(diag: Diagnostic) -> list[Any]:
    return [
        diag.path,
        diag.line,
        diag.column,
        diag.end_line,
        diag.end_column,
        diag.code,
        diag.severity.value,
        diag.rule,
        diag.message,
    ]


def diagnostic_from_json(item: Any) -> Diagnostic:
    path, line, column, end_line, end_column, code, severity, rule, message = item
    for number in (line, column, end_line, end_column):
        if not isinstance(number, int) or isinstance(number, bool):
            raise ValueError("bad position")
    if not all(isinstance(text, str) for text in (path, code, rule, message)):
        raise ValueError("bad text")
    return Diagnostic(path, line, column, end_line, end_column, code, Severity(severity), rule, message)


@dataclasses.dataclass(slots=True)
class Summary:
    """One file's cached outcome, without its data: its own diagnostics and what the project index needs."""

    diagnostics: list[Diagnostic]
    mapping: bool  # it parsed to a mapping (a document); its data is then in the data store
    kind: str | None
    ident: str | None
    valid: bool
    broken: bool
    comments: bool  # it may hold "# netlint:" (a possible suppression comment; loader.may_hold_marker)


# A snapshot's flags: what a file's summary says, and whether it looked like a registry.
MAPPING, VALID, BROKEN, COMMENTS, REGISTRY = 1, 2, 4, 8, 16


@dataclasses.dataclass(slots=True)
class Snapshot:
    """Every content file as a full run saw it, in columns (one entry per file, in the run's order).

    A focused run (pre-commit's) trusts a file whose signature is the one recorded here, as it trusts
    the stat index, and takes what the project rules need of it from here rather than from the
    summaries, file by file. ``signatures`` holds "" for a file that cannot be vouched for this way
    (unreadable, or changed too close to the run).
    """

    FIELDS = ("key", "project", "paths", "signatures", "digests", "flags", "kinds", "idents", "listed")

    key: str  # the cache key (the run key and the registries' digests) of the summaries it describes
    project: str  # the project key of the run's stored result
    paths: list[str]
    signatures: list[str]
    digests: list[str]
    flags: list[int]
    kinds: list[str | None]
    idents: list[str | None]
    # A topic's `procedures` (its text items; none when it holds no list), else None: what a run on
    # procedures alone needs of the topics (N004), without reading their data.
    listed: list[list[str] | None]

    def well_formed(self) -> bool:
        """Columns of one length, of the right types (a damaged or foreign snapshot is not used)."""
        columns = (self.paths, self.signatures, self.digests, self.flags, self.kinds, self.idents, self.listed)
        if not (isinstance(self.key, str) and isinstance(self.project, str)):
            return False
        if not all(column.__class__ is list and len(column) == len(self.paths) for column in columns):
            return False
        # Types counted, not tested item by item: this runs on every column of every focused run.
        return (
            all(set(map(type, column)) <= {str} for column in columns[:3])
            and set(map(type, self.flags)) <= {int}
            and all(set(map(type, column)) <= {str, type(None)} for column in columns[4:6])
            and set(map(type, self.listed)) <= {list, type(None)}
            and all(set(map(type, items)) <= {str} for items in self.listed if items is not None)
        )


def summary_to_json(summary: Summary) -> list[Any]:
    return [
        [diagnostic_to_json(d) for d in summary.diagnostics],
        summary.mapping,
        summary.kind,
        summary.ident,
        summary.valid,
        summary.broken,
        summary.comments,
    ]


def summary_from_json(entry: Any) -> Summary | None:
    """A summary as stored; None for anything else (one bad entry costs only its own re-check)."""
    if entry.__class__ is not list or len(entry) != 7:
        return None
    diagnostics, mapping, kind, ident, valid, broken, comments = entry
    if (kind is not None and kind.__class__ is not str) or (ident is not None and ident.__class__ is not str):
        return None
    if diagnostics:
        try:
            diagnostics = [diagnostic_from_json(item) for item in diagnostics]
        except (TypeError, ValueError):
            return None
    elif diagnostics.__class__ is not list:
        diagnostics = []  # (an empty list as read is this entry's own: kept)
    return Summary(diagnostics, bool(mapping), kind, ident, bool(valid), bool(broken), bool(comments))


# The stat index maps each path to one string, "signature|digest|r" ("r" when the file looked like
# a registry, else nothing), kept as read: a run that finds every file unchanged compares strings
# and makes no object per file.


def stat_entry(sig: str, file_digest: str, registry: bool) -> str:
    """The stat index entry recording that the file with signature ``sig`` held bytes of ``file_digest``."""
    return f"{sig}|{file_digest}|{'r' if registry else ''}"


def stat_match(entry: object, sig: str) -> tuple[str, bool] | None:
    """(digest, registry hint) from a stat index entry, when it was recorded for signature ``sig``.

    An entry from a damaged or foreign cache never matches: the file is then read.
    """
    if not isinstance(entry, str) or not entry.startswith(sig):
        return None
    end = len(sig) + 65  # "|" and 64 hex digits
    if entry[len(sig)] != "|" or entry[end : end + 1] != "|":
        return None
    flag = entry[end + 1 :]
    if flag and flag != "r":
        return None
    return entry[len(sig) + 1 : end], bool(flag)
