"""Severity and Diagnostic: the one kind of finding netlint reports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How serious a diagnostic is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: higher is more serious."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, end-exclusive region of a file: (line, column) to (end_line, end_column)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding at one place. Immutable and sortable: by path, line, column, end, then code."""

    path: str  # relative to the project root, with "/" separators
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity
    rule: str  # the rule's kebab-case name, e.g. "foreign-script"
    message: str

    def to_json(self) -> dict[str, object]:
        """The object SPEC §6 describes for the json format."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
        }


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 entry``, ``2 entries``: a count with its noun (``words``, else ``word`` + "s", for any other count)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def printable(text: str) -> str:
    """``text`` with each unprintable character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``).

    Everything netlint prints may quote content or a file name: a line break, a terminal escape or a
    bidi control in it must not split a report line, forge a CI annotation, or reach the terminal.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
