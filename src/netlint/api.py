"""Orchestration: validate a project and return values. No printing, no exiting."""

from __future__ import annotations

import dataclasses
import datetime
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netlint import suppressions
from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity
from netlint.index import Context, ProjectIndex
from netlint.loader import Document, read_document
from netlint.project import discover, relative
from netlint.rules import RULES, Rule, load_all
from netlint.rules.schema import schema_phase


class RuleFailure(Exception):
    """A rule raised: a bug in netlint, reported as exit 2."""


@dataclass
class Result:
    """The outcome of a validation run."""

    today: datetime.date
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    checked_paths: list[str] = field(default_factory=list)
    reported_paths: list[str] = field(default_factory=list)  # the files whose diagnostics are reported
    notes: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {severity.value: 0 for severity in Severity}
        for diag in self.diagnostics:
            out[diag.severity.value] += 1
        return out

    def fails(self, threshold: Severity) -> bool:
        """Whether any diagnostic is at least as severe as ``threshold``."""
        return any(diag.severity.rank >= threshold.rank for diag in self.diagnostics)


def known_codes() -> list[str]:
    return list(load_all())


def validate(config: Config, today: datetime.date, paths: Sequence[Path] = ()) -> Result:
    """Check the whole project; with ``paths``, report only diagnostics located in those files."""
    rules = load_all()
    found = discover(config)
    result = Result(today=today, notes=list(found.notes))
    raw: list[Diagnostic] = []
    documents: list[Document] = []
    for path in found.files:
        relpath = relative(config, path)
        doc, problems = read_document(path, relpath, max_bytes=config.max_file_bytes, max_depth=config.max_depth)
        raw.extend(problems)
        result.checked_paths.append(relpath)
        if doc is not None and isinstance(doc.data, dict):
            documents.append(doc)
    result.files_checked = len(found.files)
    index = ProjectIndex(documents)
    ctx = Context(config, today, index)
    for doc in documents:
        if not doc.broken:
            problems = schema_phase(doc, ctx)
            doc.valid = not problems
            raw.extend(problems)
    active = [r for r in rules.values() if r.check is not None and config.enabled(r.code)]
    for doc in documents:
        if doc.valid:
            for rule in active:
                if rule.scope == "document":
                    raw.extend(_run(rule, doc, ctx))
    for rule in active:
        if rule.scope == "project":
            raw.extend(_run(rule, index, ctx))
    result.documents = documents
    result.diagnostics = sorted(apply_policy(raw, config, documents, rules))
    result.reported_paths = list(result.checked_paths)
    if paths:
        wanted = _wanted(config, paths, result)
        result.diagnostics = [d for d in result.diagnostics if d.path in wanted]
        result.reported_paths = [p for p in result.checked_paths if p in wanted]
    return result


def _run(rule: Rule, target: object, ctx: Context) -> Iterable[Diagnostic]:
    assert rule.check is not None
    try:
        return list(rule.check(target, ctx))
    except Exception as error:  # a bug in a rule must not look like a content problem
        where = f" on {target.path}" if isinstance(target, Document) else ""
        raise RuleFailure(f"internal error in rule {rule.code} ({rule.name}){where}: {error!r}") from error


def apply_policy(
    diagnostics: Iterable[Diagnostic], config: Config, documents: Iterable[Document], rules: dict[str, Rule]
) -> list[Diagnostic]:
    """select / ignore, per-file-ignores, inline suppressions, then severity overrides."""
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        if config.enabled(diag.code) and not _ignored_for_file(diag, config):
            by_path.setdefault(diag.path, []).append(diag)
    enabled = [code for code in rules if config.enabled(code)]
    docs = {doc.path: doc for doc in documents}
    out: list[Diagnostic] = []
    for path, diags in by_path.items():
        doc = docs.get(path)
        out.extend(suppressions.apply(doc, diags, rules, enabled) if doc is not None else diags)
    for doc in documents:  # unused suppressions in files with nothing to report
        if doc.path not in by_path:
            out.extend(suppressions.apply(doc, [], rules, enabled))
    overrides = config.severity_overrides
    return [
        dataclasses.replace(diag, severity=overrides[diag.code]) if diag.code in overrides else diag
        for diag in out
        if config.enabled(diag.code) and not _ignored_for_file(diag, config)
    ]


def _ignored_for_file(diag: Diagnostic, config: Config) -> bool:
    for pattern, codes in config.per_file_ignores:
        if fnmatch.fnmatchcase(diag.path, pattern) and any(diag.code.startswith(code) for code in codes):
            return True
    return False


def _wanted(config: Config, paths: Sequence[Path], result: Result) -> set[str]:
    """The checked files among ``paths`` (files or folders); others get a note."""
    content = config.content_dir.resolve()
    wanted: set[str] = set()
    for given in paths:
        absolute = given.resolve()
        if not absolute.is_relative_to(content):
            result.notes.append(f"{given}: skipped: not inside the content folder '{config.content}'")
            continue
        rel = relative(config, absolute)
        matches = {p for p in result.checked_paths if p == rel or p.startswith(rel.rstrip("/") + "/")}
        if not matches and absolute.suffix not in (".yaml", ".yml"):
            result.notes.append(f"{given}: skipped: not a YAML content file")
        wanted |= matches
    return wanted


def project_index(config: Config, today: datetime.date) -> ProjectIndex:
    """Read every content file and check it against its schema (setting ``doc.valid``); run no other rule.

    For reports such as `netlint review` that need the project's data, not its diagnostics.
    """
    load_all()
    documents: list[Document] = []
    for path in discover(config).files:
        relpath = relative(config, path)
        doc, _ = read_document(path, relpath, max_bytes=config.max_file_bytes, max_depth=config.max_depth)
        if doc is not None and isinstance(doc.data, dict):
            documents.append(doc)
    index = ProjectIndex(documents)
    ctx = Context(config, today, index)
    for doc in documents:
        if not doc.broken:
            doc.valid = not schema_phase(doc, ctx)
    return index


def rule_table() -> list[Rule]:
    """Every rule, sorted by code."""
    return list(load_all().values())


__all__ = ["RULES", "Result", "RuleFailure", "apply_policy", "known_codes", "rule_table", "validate"]
