"""Inline suppressions: `# netlint: disable=P004,P007 -- reason` and `# netlint: disable-file=P007`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from netlint.diagnostic import Diagnostic, Span
from netlint.loader import Document
from netlint.rules._registry import diagnostic

_COMMENT = re.compile(
    r"#\s*netlint:\s*(disable-file|disable)\s*=\s*([A-Za-z0-9, ]*[A-Za-z0-9])(?:\s*--.*)?[ \t]*$", re.M
)


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
    if not doc.may_suppress:
        return []
    text = doc.text
    inside = [(start, end) for _, start, end in doc.scalars.values()]
    found = []
    for match in _COMMENT.finditer(text):
        index = match.start()
        if any(start <= index < end for start, end in inside):
            continue
        line, column = doc.line_col(index)
        end_line, end_column = doc.line_col(match.end())
        codes = tuple(part.strip().upper() for part in match.group(2).split(",") if part.strip())
        own_line = not text[text.rfind("\n", 0, index) + 1 : index].strip()
        lines = None if match.group(1) == "disable-file" else frozenset({line, line + 1} if own_line else {line})
        found.append(Suppression(Span(line, column, end_line, end_column), codes, lines))
    return found


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
    suppressions = find(doc)
    if not suppressions:
        return list(diagnostics)
    kept = []
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
