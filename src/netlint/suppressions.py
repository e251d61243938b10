"""Inline suppressions: `# netlint: disable=P004,P007 -- reason` and `# netlint: disable-file=P007`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from netlint.diagnostic import Diagnostic, Span
from netlint.loader import Document, header_end
from netlint.rules._registry import diagnostic

_COMMENT = re.compile(
    # (to the end of the line: LF, CRLF or a lone CR, as libyaml reads them)
    r"#[ \t]*netlint:[ \t]*(disable-file|disable)[ \t]*=[ \t]*([A-Za-z0-9, ]*[A-Za-z0-9])"
    r"(?:[ \t]*--[^\r\n]*)?[ \t]*(?=[\r\n]|\Z)"
)
# Anything that starts like a suppression: one that _COMMENT does not read is a mistake to report.
# ("netlint:" as Document.may_suppress looks for it: a document without it is never read for comments.)
_ATTEMPT = re.compile(r"#[ \t]*netlint:[^\r\n]*")


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
    found = []
    malformed = []
    for attempt in _ATTEMPT.finditer(text):
        index = attempt.start()
        if any(start <= index < end for start, end in inside):
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
        lines = None if match.group(1) == "disable-file" else frozenset({line, line + 1} if own_line else {line})
        found.append(Suppression(Span(line, column, end_line, end_column), codes, lines))
    return found, malformed


def _anchors(doc: Document, diag: Diagnostic) -> set[int]:
    """The lines a suppression may sit on (or just above) for ``diag``: its own and its multi-line value's key."""
    anchors = {diag.line}
    for path, (line, _, end_line, _) in doc.values.items():
        if line < diag.line <= end_line:
            anchors.add(line)
            key = doc.keys.get(path)
            if key is not None:
                anchors.add(key[0])
    return anchors


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
    for diag in diagnostics:
        anchors = _anchors(doc, diag)
        for suppression in suppressions:
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
                    diagnostic("Y007", doc.path, suppression.span, f"suppression names unknown rule code '{code}'")
                )
            elif code not in suppression.used and any(k.startswith(code) for k in enabled_codes):
                scope = "in this file" if suppression.lines is None else "here"
                message = f"suppression of {code} suppresses nothing {scope}; remove it"
                kept.append(diagnostic("Y007", doc.path, suppression.span, message))
    return kept
