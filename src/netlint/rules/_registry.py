"""The rule registry: every rule declared once, with its code, name, severity, scope and manual.

`netlint rules`, `netlint explain`, the SARIF rule table and the docs all read
from here, so a rule is never described twice.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from netlint.diagnostic import Diagnostic, Severity, Span, printable

if TYPE_CHECKING:
    from netlint.loader import DataPath, Document

Scope = Literal["file", "document", "project"]
SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Options")
_SECTION = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Rule:
    """One rule: its identity, default severity, scope, manual and (unless the loader runs it) its check."""

    code: str
    name: str
    severity: Severity
    scope: Scope
    doc: str
    check: Callable[..., Iterable[Diagnostic]] | None = field(default=None, compare=False)
    # Project rules: the kinds of document their diagnostics are located in (empty: any kind).
    # A run that reports on some files only skips a rule that cannot report in any of them.
    # Such a run also gives the project rules, of the procedures outside those files, only their
    # kind, id, validity and (for the ones a topic among those files names: see
    # netlint.index.named_pages) their data. So a project rule may read, from a diagnostic's
    # document, other procedures' ids and kinds, and only from a topic the procedures it names.
    reports_on: tuple[str, ...] = ()
    # Document rules that read only what they find, whatever the document's shape (the P rules read
    # strings at their fields' paths), also run on a document that fails its schema: a wrong value in
    # one field must not hide a misspelling in another.
    any_shape: bool = False

    @property
    def family(self) -> str:
        return self.code[0]

    @property
    def sections(self) -> dict[str, str]:
        """The manual split at its ``## `` headings."""
        parts = _SECTION.split(self.doc)
        return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}

    @property
    def summary(self) -> str:
        """The first sentence of "What it does": the one-line description."""
        text = " ".join(self.sections.get("What it does", self.doc).split())
        match = re.match(r"(.+?\.)(\s|$)", text)
        return match.group(1) if match else text


RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.code in RULES:
        raise RuntimeError(f"rule {rule.code} declared twice")
    missing = [name for name in SECTIONS if f"## {name}" not in rule.doc]
    if missing:
        raise RuntimeError(f"rule {rule.code} manual lacks: {', '.join(missing)}")
    RULES[rule.code] = rule


def declare(code: str, name: str, *, severity: str, doc: str, scope: Scope = "file") -> None:
    """Declare a rule whose check lives elsewhere (the loader's Y rules)."""
    _register(Rule(code, name, Severity(severity), scope, inspect.cleandoc(doc)))


def rule(
    code: str,
    name: str,
    *,
    severity: str,
    scope: Scope,
    reports_on: tuple[str, ...] = (),
    any_shape: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register ``check`` as rule ``code``; its docstring is the manual.

    Document-scope checks are called ``check(doc, ctx)``; project-scope checks
    ``check(index, ctx)``. Both yield Diagnostics and never print or exit.
    """

    def wrap(check: Callable[..., Any]) -> Callable[..., Any]:
        manual = inspect.cleandoc(check.__doc__ or "")
        _register(Rule(code, name, Severity(severity), scope, manual, check, reports_on, any_shape))
        return check

    return wrap


def diagnostic(code: str, path: str, span: Span, message: str) -> Diagnostic:
    """A Diagnostic for rule ``code`` at its default severity."""
    declared = RULES[code]
    message = printable(message)  # it quotes content: a control character must not reach a terminal or a log
    return Diagnostic(
        path, span.line, span.column, span.end_line, span.end_column, code, declared.severity, declared.name, message
    )


def at(code: str, doc: Document, path: DataPath, message: str, *, key: bool = False) -> Diagnostic:
    """A Diagnostic for rule ``code`` pointing at the value (or key) at ``path`` in ``doc``."""
    return diagnostic(code, doc.path, doc.span(path, key=key), message)


def where(first_doc: Document, first_path: DataPath, here: Document) -> str:
    """Where an earlier occurrence is, seen from ``here``: "on line 3", or "in content/x.yaml:3"."""
    line = first_doc.span(first_path).line
    return f"on line {line}" if first_doc.path == here.path else f"in {first_doc.path}:{line}"


def format_path(path: DataPath) -> str:
    """A data path as editors read it: ``indications[0].size.lte``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"
