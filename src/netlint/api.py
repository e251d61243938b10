"""Orchestration: validate a project and return values. No printing, no exiting."""

from __future__ import annotations

import dataclasses
import datetime
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netlint import cache, schemas, suppressions
from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity
from netlint.engine import (
    REGISTRY_KINDS,
    FileOutcome,
    FileTask,
    RuleFailure,
    check_file,
    check_files,
    looks_like_registry,
    run_rule,
    worker_count,
)
from netlint.index import Context, ProjectIndex
from netlint.loader import Document, parse_bytes, read_document, read_task
from netlint.project import discover, relative
from netlint.rules import RULES, Rule, load_all
from netlint.rules.schema import schema_phase


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


def validate(
    config: Config,
    today: datetime.date,
    paths: Sequence[Path] = (),
    *,
    jobs: int | None = 1,
    use_cache: bool = False,
) -> Result:
    """Check the whole project; with ``paths``, report only diagnostics located in those files.

    ``jobs``: worker processes (None or 0: as many as useful). ``use_cache``: read and
    write `.netlint_cache/` in the project root.
    """
    rules = load_all()
    found = discover(config)
    result = Result(today=today, notes=list(found.notes))
    tasks = [read_task(path, relative(config, path), config.max_file_bytes) for path in found.files]
    result.checked_paths = [task.relpath for task in tasks]
    result.files_checked = len(tasks)
    result.diagnostics, result.documents = _check_project(config, today, tasks, rules, jobs, use_cache)
    result.reported_paths = list(result.checked_paths)
    if paths:
        wanted = _wanted(config, paths, result)
        result.diagnostics = [d for d in result.diagnostics if d.path in wanted]
        result.reported_paths = [p for p in result.checked_paths if p in wanted]
    return result


def _check_project(
    config: Config,
    today: datetime.date,
    tasks: list[FileTask],
    rules: dict[str, Rule],
    jobs: int | None,
    use_cache: bool,
) -> tuple[list[Diagnostic], list[Document]]:
    """Every diagnostic of the project (policy applied, sorted), and its documents."""
    active = [r for r in rules.values() if r.check is not None and config.enabled(r.code)]
    document_rules = [r for r in active if r.scope == "document"]
    digests = {task.relpath: cache.digest(task.raw) for task in tasks if task.raw is not None}
    registry_tasks = [task for task in tasks if looks_like_registry(task.raw)]
    store: cache.Cache | None = None
    project_key = ""
    if use_cache:
        schema_dir = config.schema_dir or schemas.bundled_schema_dir()
        registries = {task.relpath: digests[task.relpath] for task in registry_tasks}
        store = cache.Cache(config.root, cache.run_key(config, today.isoformat(), schema_dir, registries))
        project_key = store.project_key(digests)
        known = store.load_project(project_key)
        if known is not None:
            return known, []
    # Registries first: every document rule may consult them.
    registry_docs = []
    for task in registry_tasks:
        doc, _ = parse_bytes(task.raw or b"", task.relpath, max_depth=config.max_depth)
        if doc is not None and isinstance(doc.data, dict):
            registry_docs.append(doc)
    ctx = Context(config, today, ProjectIndex(registry_docs))
    cached = store.load_files() if store else {}
    outcomes: dict[str, FileOutcome] = {}
    pending: list[FileTask] = []
    for task in tasks:
        entry = None
        if store is not None and task.raw is not None:
            entry = cached.get(store.file_key(task.relpath, digests[task.relpath]))
        if entry is not None and task.raw is not None:
            doc = None
            if entry.data is not None:
                doc = Document(task.relpath, _text(task.raw), entry.data, entry.broken, entry.valid)
            outcomes[task.relpath] = FileOutcome(task.relpath, list(entry.diagnostics), doc)
        else:
            pending.append(task)
    for outcome in check_files(pending, ctx, document_rules, registry_docs, worker_count(jobs, len(pending))):
        outcomes[outcome.relpath] = outcome
    documents = [o.document for o in (outcomes[t.relpath] for t in tasks) if o.document is not None]
    hinted = {task.relpath for task in registry_tasks}
    if any(doc.kind in REGISTRY_KINDS and doc.path not in hinted for doc in documents):
        # A registry the quick look missed: check every file again with the full registries.
        ctx = Context(config, today, ProjectIndex([d for d in documents if d.kind in REGISTRY_KINDS]))
        outcomes = {task.relpath: check_file(task, ctx, document_rules) for task in tasks}
        documents = [o.document for o in (outcomes[t.relpath] for t in tasks) if o.document is not None]
    raw: list[Diagnostic] = [diag for task in tasks for diag in outcomes[task.relpath].diagnostics]
    index = ProjectIndex(documents)
    ctx = Context(config, today, index)
    for rule in active:
        if rule.scope == "project":
            raw.extend(run_rule(rule, index, ctx))
    diagnostics = sorted(apply_policy(raw, config, documents, rules))
    if store is not None:
        entries = {}
        for task in tasks:
            if task.raw is not None:
                outcome = outcomes[task.relpath]
                doc = outcome.document
                entries[store.file_key(task.relpath, digests[task.relpath])] = cache.CachedFile(
                    outcome.diagnostics, doc.data if doc else None, bool(doc and doc.valid), bool(doc and doc.broken)
                )
        store.store_files(entries)
        store.store_project(project_key, diagnostics)
    return diagnostics, documents


def _text(raw: bytes) -> str:
    return raw.decode("utf-8-sig", errors="replace")


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


__all__ = ["RULES", "Result", "RuleFailure", "apply_policy", "known_codes", "project_index", "rule_table", "validate"]
