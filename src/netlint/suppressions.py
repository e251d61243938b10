"""Inline suppressions: `# netlint: disable=P004,P007 -- reason` and `# netlint: disable-file=P007`."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from netlint.config import suggest
from netlint.diagnostic import Diagnostic, Span
from netlint.loader import Document
from netlint.rules._registry import diagnostic
from netlint.scalar_offsets import header_end

_COMMENT = re.compile(
    # (to the end of the line: LF, CRLF or a lone CR, as libyaml reads them; in any case, as ruff's "# NOQA")
    r"#[ \t]*(?i:netlint):[ \t]*((?i:disable-file|disable))[ \t]*=[ \t]*([A-Za-z0-9, ]*[A-Za-z0-9])"
    r"(?:[ \t]*--[^\r\n]*)?[ \t]*(?=[\r\n]|\Z)"
)
# Anything that starts like a suppression: one that _COMMENT does not read is a mistake to report.
# (A document without "int:" or "INT:" (Document.may_suppress) is never read for comments.)
_ATTEMPT = re.compile(r"#[ \t]*(?i:netlint):[^\r\n]*")


@dataclass(frozen=True)
class Malformed:
    """A comment that starts like a suppression but does not read as one (and so suppresses nothing)."""

    span: Span
    text: str


@dataclass
class Suppression:
    """One suppression comment: the codes it names and the lines it covers (None: the whole file)."""

    span: Span
    codes: tuple[str, ...]
    lines: frozenset[int] | None
    used: set[str] = field(default_factory=set)

    def covers(self, diag: Diagnostic, anchors: Iterable[int]) -> str | None:
        """The code this suppression excuses ``diag`` with, if it does."""
        if self.lines is not None and self.lines.isdisjoint(anchors):
            return None
        for code in self.codes:
            if diag.code.startswith(code):
                return code
        return None


# A syntax error stops the parser: what follows it, comments included, is not read as YAML, so no
# comment can be trusted to excuse it (configuration can still ignore the code). Nor any other Y error:
# a file netlint could not read as content is not checked by the rules that need its data, so a comment
# hiding its Y error hid every other finding in it too ("# netlint: disable-file=Y005" and one alias made
# a page with a TODO and half its fields missing pass; pre-commit and CI went green).
# Y007 is about a suppression comment itself: the comment is what to fix.
UNSUPPRESSIBLE = {
    "Y001": "a YAML syntax error",
    "Y002": "a duplicate key, which leaves the file unread as content",
    "Y003": "text that is not UTF-8 or holds control characters, which leaves the file unread as content",
    "Y004": "an empty file, several documents or a top level that is not a mapping",
    "Y005": "an anchor, an alias or a tag, which leaves the file unread as content",
    "Y006": "a file too large or nested too deep, which is not read",
    "Y007": "a problem with a suppression comment",
}


def find(doc: Document) -> list[Suppression]:
    """Every suppression comment in a document (not text inside a scalar that merely looks like one)."""
    return _scan(doc)[0]


def _scan(doc: Document) -> tuple[list[Suppression], list[Malformed]]:
    """The document's suppression comments, and the comments that try to be one but do not read as one."""
    if not doc.may_suppress:
        return [], []
    text = doc.text
    inside = []
    for style, start, end in doc.scalars.values():
        if style in ("|", ">"):  # a block scalar's text starts on the line after its header (`|  # comment`)
            start = header_end(text, start, end)
        inside.append((start, end))
    inside.sort()  # scalars do not overlap: the one that may hold an index is the last to start at or before it
    starts = [start for start, _ in inside]
    found = []
    malformed = []
    for attempt in _ATTEMPT.finditer(text):
        index = attempt.start()
        at = bisect.bisect_right(starts, index) - 1
        if at >= 0 and index < inside[at][1]:
            continue
        match = _COMMENT.match(text, index)
        if match is None:
            line, column = doc.line_col(index)
            end_line, end_column = doc.line_col(attempt.end())
            malformed.append(Malformed(Span(line, column, end_line, end_column), attempt.group().rstrip()))
            continue
        line, column = doc.line_col(index)
        end_line, end_column = doc.line_col(match.end())
        codes = tuple(part.strip().upper() for part in match.group(2).split(",") if part.strip())
        own_line = not text[index - column + 1 : index].strip()  # (line_col reads a lone CR as a break too)
        whole_file = match.group(1).lower() == "disable-file"
        lines = None if whole_file else frozenset({line, line + 1} if own_line else {line})
        found.append(Suppression(Span(line, column, end_line, end_column), codes, lines))
    return found, malformed


def _anchors(doc: Document, diag: Diagnostic) -> set[int]:
    """The lines a suppression may sit on (or just above) for ``diag``: its own and its multi-line value's key."""
    return {diag.line, *_enclosing(doc).get(diag.line, ())}


def _enclosing(doc: Document) -> dict[int, set[int]]:
    """For each line after the first of a multi-line value: that value's first line and its key's line.

    Made once per document (a file may have thousands of diagnostics and of values).
    """
    found: dict[int, set[int]] | None = doc.memo.get("suppression anchors")
    if found is None:
        found = doc.memo["suppression anchors"] = {}
        for path, (line, _, end_line, _) in doc.values.items():
            if end_line > line:
                key = doc.keys.get(path)
                lines = {line} if key is None else {line, key[0]}
                for inner in range(line + 1, end_line + 1):
                    found.setdefault(inner, set()).update(lines)
    return found


def apply(
    doc: Document,
    diagnostics: Sequence[Diagnostic],
    known: Iterable[str],
    enabled: Iterable[str],
) -> list[Diagnostic]:
    """Drop what the document's comments suppress; add Y007 for unknown codes and unused suppressions."""
    suppressions, malformed = _scan(doc)
    kept = [
        diagnostic(
            "Y007",
            doc.path,
            bad.span,
            f"'{bad.text}' is not a suppression netlint reads, so it suppresses nothing; "
            "write '# netlint: disable=CODE,CODE' or '# netlint: disable-file=CODE'",
        )
        for bad in malformed
    ]
    if not suppressions:
        return [*diagnostics, *kept]
    # Each diagnostic is tried against the file-wide suppressions and those on its anchor lines, in
    # document order (the first that covers it is the one used), not against every suppression.
    file_wide = [order for order, suppression in enumerate(suppressions) if suppression.lines is None]
    by_line: dict[int, list[int]] = {}
    for order, suppression in enumerate(suppressions):
        for line in suppression.lines or ():
            by_line.setdefault(line, []).append(order)
    for diag in diagnostics:
        if diag.code in UNSUPPRESSIBLE:
            kept.append(diag)
            continue
        anchors = _anchors(doc, diag)
        near = {order for line in anchors for order in by_line.get(line, ())}
        for order in sorted(near.union(file_wide)):
            suppression = suppressions[order]
            code = suppression.covers(diag, anchors)
            if code is not None:
                suppression.used.add(code)
                break
        else:
            kept.append(diag)
    known_codes = list(known)
    enabled_codes = list(enabled)
    for suppression in suppressions:
        for code in suppression.codes:
            if not any(k.startswith(code) for k in known_codes):
                kept.append(
                    diagnostic(
                        "Y007",
                        doc.path,
                        suppression.span,
                        f"suppression names unknown rule code '{code}'{suggest(code, known_codes)}",
                    )
                )
            elif code in UNSUPPRESSIBLE:
                message = f"{code} ({UNSUPPRESSIBLE[code]}) cannot be suppressed; fix it, and remove {code} here"
                kept.append(diagnostic("Y007", doc.path, suppression.span, message))
            elif code not in suppression.used and any(k.startswith(code) for k in enabled_codes):
                scope = "in this file" if suppression.lines is None else "here"
                message = f"suppression of {code} suppresses nothing {scope}; remove it"
                unexcused = sorted({d.code for d in kept if d.code in UNSUPPRESSIBLE and d.code.startswith(code)})
                if unexcused:  # "disable-file=Y" beside a Y005: that is why it suppresses nothing
                    named = ", ".join(unexcused)
                    message = (
                        f"suppression of {code} suppresses nothing {scope}: no comment can suppress {named}; "
                        f"fix {'it' if len(unexcused) == 1 else 'them'}, and remove {code} here"
                    )
                kept.append(diagnostic("Y007", doc.path, suppression.span, message))
    return kept
