"""Orchestration: validate a project and return values. No printing, no exiting."""

from __future__ import annotations

import dataclasses
import datetime
import fnmatch
import functools
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netlint import cache, schemas
from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity
from netlint.project import discover, relative
from netlint.scan import FileState, racy, scan, signatures, stat_index

# The parser, the engine and the rules are imported by the methods that use them: a run answered
# from the cache (an unchanged project) needs none of them, and their imports are most of its time.
if TYPE_CHECKING:
    from netlint.engine import FileOutcome
    from netlint.index import ProjectIndex
    from netlint.loader import Document
    from netlint.rules import Rule


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
    # What the run saw of the content, when every file was as its signature says and the result is
    # stored for them (None otherwise): what netlint.replay records.
    observed: Observed | None = None

    def counts(self) -> dict[str, int]:
        out = {severity.value: 0 for severity in Severity}
        for diag in self.diagnostics:
            out[diag.severity.value] += 1
        return out

    def fails(self, threshold: Severity) -> bool:
        """Whether any diagnostic is at least as severe as ``threshold``."""
        return any(diag.severity.rank >= threshold.rank for diag in self.diagnostics)


@dataclass
class Observed:
    """The content as a run saw it: each folder's entries as listed, the files, and their signatures."""

    folders: dict[str, list[Any]]
    found: list[tuple[str, str]]
    signatures: list[str | None]


def known_codes() -> list[str]:
    """Every rule code (without importing the rules: see netlint.codes)."""
    from netlint.codes import CODES

    return list(CODES)


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
    found = discover(config)
    result = Result(today=today, notes=list(found.notes))
    result.checked_paths = [relpath for relpath, _ in found.found]
    result.files_checked = len(found.found)
    result.reported_paths = list(result.checked_paths)
    focus: frozenset[str] | None = None
    if paths:
        focus = frozenset(_wanted(config, paths, result))
        result.reported_paths = [p for p in result.checked_paths if p in focus]
    run = _ProjectRun(config, today, jobs, focus)
    result.diagnostics, result.documents = run.check(found.found, use_cache)
    if run.hidden:
        more = f" and {len(run.hidden) - 1} more" if len(run.hidden) > 1 else ""
        result.notes.append(
            f"{run.hidden[0]}{more}: not valid YAML or not valid against its schema, but the configuration or a "
            "suppression hides that error (Y or S), so the rules that need a valid document did not check it "
            "and export will refuse it"
        )
    if run.settled is not None and focus is None and not found.notes:
        result.observed = Observed(found.folders, found.found, run.settled)
    return result


class _ProjectRun:
    """One validation of a project: every file's own checks (from the cache where it can), then the project rules."""

    def __init__(
        self,
        config: Config,
        today: datetime.date,
        jobs: int | None,
        focus: frozenset[str] | None,
    ) -> None:
        self.config, self.today, self.jobs, self.focus = config, today, jobs, focus
        # The files' signatures, once the result is known to hold for every file as they describe it.
        self.settled: list[str | None] | None = None
        # The files reported on that are not valid YAML or fail their schema while the policy shows no
        # such error there (see hidden_schema_failures).
        self.hidden: list[str] = []

    # The rules are imported when first needed: a run answered whole from the cache never needs them.
    @functools.cached_property
    def rules(self) -> dict[str, Rule]:
        from netlint.rules import load_all

        return load_all()

    @functools.cached_property
    def active(self) -> list[Rule]:
        return [r for r in self.rules.values() if r.check is not None and self.config.enabled(r.code)]

    @functools.cached_property
    def document_rules(self) -> list[Rule]:
        return [r for r in self.active if r.scope == "document"]

    def check(self, found: list[tuple[str, str]], use_cache: bool) -> tuple[list[Diagnostic], list[Document]]:
        """Every diagnostic (policy applied, sorted; only the focus files' with a focus) and the documents."""
        config = self.config
        store = cache.Cache(config.root) if use_cache else None
        scanned_ns = time.time_ns()
        signed: list[str | None] | None = None
        fingerprint: str | None = None
        base = ""
        if store is not None:
            schema_dir = config.schema_dir or schemas.bundled_schema_dir()
            # An unchanged project, answered from its files' signatures alone: nothing is read.
            signed = signatures(found)
            base = cache.run_key(config, self.today.isoformat(), schema_dir)
            if self.focus is not None:
                from netlint.focused import answer

                quick = answer(self, store, base, found, signed)
                if quick is not None:
                    return quick
            fingerprint = store.fingerprint(base, found, signed)
            unchanged = store.load_unchanged(fingerprint) if fingerprint is not None else None
            if unchanged is not None and (record := store.load_project(unchanged)) is not None:
                self.settled = signed
                return self.recorded(*record), []
        from netlint.index import REGISTRY_KINDS, Context, ProjectIndex
        from netlint.loader import parse_bytes

        known = store.load_stats() if store is not None else None
        states = scan(found, config.max_file_bytes, known, signed)
        edited = any(state.read for state in states)  # read because the stat index did not vouch for it
        hinted = [state for state in states if state.registry]
        for state in hinted:
            state.load()  # registries are parsed in every run: every document rule may consult them
        project_key = ""
        if store is not None:
            registries = {state.relpath: state.identity for state in hinted}
            store.bind(cache.with_registries(base, registries))
            # A focused run (pre-commit's) usually follows an edit, which no stored project result
            # can match; and only a full run stores one. So it looks one up only when no file was
            # read (every file is as the stat index last saw it), and skips the key otherwise.
            if self.focus is None or not edited:
                project_key = store.project_key({state.relpath: state.identity for state in states})
                record = store.load_project(project_key)
            else:
                record = None
            if record is not None:
                # Answered without checking anything, but files may have been read (the stat index could
                # not vouch for them, as after an edit): remember them, and the project by its signatures.
                update = stat_index(states, known or {}, scanned_ns)
                if update is not None:
                    store.store_stats(*update)
                self._settle(store, fingerprint, project_key, states, scanned_ns, signed)
                return self.recorded(*record), []
        registry_docs = []
        for state in hinted:
            doc, _ = parse_bytes(state.raw or b"", state.relpath, max_depth=config.max_depth)
            if doc is not None and isinstance(doc.data, dict):
                registry_docs.append(doc)
        self.registry_docs = registry_docs
        self.ctx = Context(config, self.today, ProjectIndex(registry_docs))
        summaries = store.load_summaries() if store is not None else {}
        self.loaded = len(summaries)
        keys: dict[str, str] = {}  # each readable file's key in the cache
        outcomes: dict[str, FileOutcome] = {}
        cached: dict[str, cache.Summary] = {}
        pending: list[FileState] = []
        file_key = store.file_key if store is not None else None
        for state in states:  # one pass per file of the project: kept lean
            if file_key is not None and state.digest:
                key = keys[state.relpath] = file_key(state.relpath, state.digest)
                summary = summaries.get(key)
                if summary is not None:
                    cached[state.relpath] = summary
                    continue
            pending.append(state)
        self.check_files(pending, outcomes)
        kinds = {rel: s.kind for rel, s in cached.items()}
        kinds.update((rel, o.document.kind if o.document else None) for rel, o in outcomes.items())
        hinted_paths = {state.relpath for state in hinted}
        if any(kind in REGISTRY_KINDS and rel not in hinted_paths for rel, kind in kinds.items()):
            # A registry the quick look missed: check every file again with the full registries.
            docs = [o.document for o in outcomes.values() if o.document is not None]
            more = [d for d in docs if d.kind in REGISTRY_KINDS and d.path not in hinted_paths]
            for state in states:
                if state.relpath in cached:
                    state.load()
                    doc, _ = parse_bytes(state.raw or b"", state.relpath, max_depth=config.max_depth)
                    if doc is not None and doc.kind in REGISTRY_KINDS and state.relpath not in hinted_paths:
                        more.append(doc)
            self.registry_docs = registry_docs + more
            self.ctx = Context(config, self.today, ProjectIndex(self.registry_docs))
            cached, outcomes = {}, {}
            self.check_files(states, outcomes)
            kinds = {rel: o.document.kind if o.document else None for rel, o in outcomes.items()}
        documents = self._documents(states, outcomes, cached, keys, store)
        raw: list[Diagnostic] = []
        for state in states:
            if state.relpath in outcomes:
                raw.extend(outcomes[state.relpath].diagnostics)
            elif state.relpath in cached:
                raw.extend(cached[state.relpath].diagnostics)
        raw.extend(self.project_rules(documents, kinds, (state.relpath for state in states)))
        reported = documents
        if self.focus is not None:
            raw = [diag for diag in raw if diag.path in self.focus]
            reported = [doc for doc in documents if doc.path in self.focus]
        diagnostics = sorted(apply_policy(raw, config, reported, self.rules))
        self.hidden = hidden_schema_failures(raw, diagnostics)
        if store is not None:
            self._store(store, states, known or {}, outcomes, cached, keys, scanned_ns)
            if self.focus is None:
                store.store_project(project_key, diagnostics, self.hidden)
                self._settle(store, fingerprint, project_key, states, scanned_ns, signed)
                from netlint.focused import snapshot

                store.store_snapshot(base, snapshot(store.key, project_key, states, outcomes, cached, scanned_ns))
        return diagnostics, documents

    def recorded(self, diagnostics: list[Diagnostic], hidden: list[str]) -> list[Diagnostic]:
        """A stored project result, as this run reports it (only the focus files', with a focus)."""
        focus = self.focus
        self.hidden = hidden if focus is None else [path for path in hidden if path in focus]
        return diagnostics if focus is None else [diag for diag in diagnostics if diag.path in focus]

    def _settle(
        self,
        store: cache.Cache,
        fingerprint: str | None,
        project_key: str,
        states: list[FileState],
        scanned_ns: int,
        signed: list[str | None] | None,
    ) -> None:
        """Record the project's result by its files' signatures, unless one changed too recently to vouch for it."""
        if fingerprint is not None and not racy(states, scanned_ns):
            store.store_unchanged(fingerprint, project_key)
            self.settled = signed

    def check_files(self, states: list[FileState], into: dict[str, FileOutcome]) -> None:
        """Check files (in worker processes when there are many) with the registries read first."""
        from netlint.engine import check_files, worker_count

        tasks = [state.task() for state in states]
        workers = worker_count(self.jobs, len(tasks))
        for outcome in check_files(tasks, self.ctx, self.document_rules, self.registry_docs, workers):
            into[outcome.relpath] = outcome

    def _documents(
        self,
        states: list[FileState],
        outcomes: dict[str, FileOutcome],
        cached: dict[str, cache.Summary],
        keys: dict[str, str],
        store: cache.Cache | None,
    ) -> list[Document]:
        """Every readable document: checked now, or rebuilt from the cache (its data read only when needed).

        With a focus of procedures only, other procedures are needed only for their kind and id:
        a project rule's diagnostic located in a procedure depends on that procedure, the other
        kinds of document, and other procedures' ids alone (see ``Rule.reports_on``).
        """
        from netlint.loader import CachedDocument

        focus = self.focus
        light = focus is not None and all(self._kind(rel, outcomes, cached) == "procedure" for rel in focus)
        focused = focus or frozenset()
        wanted: dict[str, str | None] = {}
        for rel, entry in cached.items():
            if entry.mapping and not (light and entry.kind == "procedure" and rel not in focused):
                wanted[keys[rel]] = entry.kind
        data = store.load_data(wanted) if store is not None and wanted else {}
        # Wanted but not found: the data went missing from the cache.
        lost = wanted.keys() - data.keys()
        missing = [state for state in states if state.relpath in cached and keys[state.relpath] in lost] if lost else []
        if missing:  # check those files again
            for state in missing:
                del cached[state.relpath]
            self.check_files(missing, outcomes)
        documents: list[Document] = []
        append = documents.append
        for state in states:  # one pass per file of the project: kept lean
            rel = state.relpath
            outcome = outcomes.get(rel)
            if outcome is not None:
                if outcome.document is not None:
                    append(outcome.document)
                continue
            summary = cached.get(rel)
            if summary is None or not summary.mapping:
                continue
            value = data.get(keys[rel])
            if value is None:  # a procedure outside the focus: its kind and id are all that is needed
                value = {"kind": summary.kind}
                if summary.ident is not None:
                    value["id"] = summary.ident
            append(CachedDocument(rel, state.path, value, summary.broken, summary.valid, summary.comments))
        return documents

    @staticmethod
    def _kind(rel: str, outcomes: dict[str, FileOutcome], cached: dict[str, cache.Summary]) -> str | None:
        if rel in outcomes:
            doc = outcomes[rel].document
            return doc.kind if doc is not None else None
        summary = cached.get(rel)
        return summary.kind if summary is not None else None

    def project_rules(
        self, documents: list[Document], kinds: dict[str, str | None], paths: Iterable[str]
    ) -> list[Diagnostic]:
        """The project-scope rules, skipping those that cannot report in any focus file.

        ``paths`` are every content file's: those that hold none of ``documents`` are unreadable.
        """
        from netlint.engine import run_rule
        from netlint.index import Context, ProjectIndex

        index = ProjectIndex(documents, unreadable=frozenset(paths).difference(doc.path for doc in documents))
        ctx = Context(self.config, self.today, index, self.focus)
        focus_kinds = None if self.focus is None else {kinds.get(rel) for rel in self.focus}
        found: list[Diagnostic] = []
        for rule in self.active:
            if rule.scope != "project":
                continue
            if focus_kinds is not None and rule.reports_on and focus_kinds.isdisjoint(rule.reports_on):
                continue
            found.extend(run_rule(rule, index, ctx))
        return found

    def _store(
        self,
        store: cache.Cache,
        states: list[FileState],
        known: dict[str, str],
        outcomes: dict[str, FileOutcome],
        cached: dict[str, cache.Summary],
        keys: dict[str, str],
        scanned_ns: int,
    ) -> None:
        """Remember what this run learnt: the stat index, and the summary and data of each file checked."""
        update = stat_index(states, known, scanned_ns)
        if update is not None:
            store.store_stats(*update)
        fresh: dict[str, tuple[str | None, dict[str, Any]]] = {}
        summaries = {keys[rel]: summary for rel, summary in cached.items()}
        for rel, outcome in outcomes.items():
            if rel not in keys:
                continue  # unreadable: nothing to key it on
            doc = outcome.document
            summaries[keys[rel]] = summary_of(outcome)
            if doc is not None:
                fresh[keys[rel]] = (doc.kind, doc.data)
        if outcomes or self.loaded != len(summaries):
            store.store_summaries(summaries, {keys[rel] for rel in outcomes if rel in keys})
            store.store_data(fresh, {key: summary.kind for key, summary in summaries.items()})


def hidden_schema_failures(raw: Iterable[Diagnostic], shown: Iterable[Diagnostic]) -> list[str]:
    """The files that cannot be read as YAML or fail their schema (Y001-Y006, S001, S002 among ``raw``)
    but show no such error after the policy.

    The rules that trust a document's shape skip such a file (see Rule.any_shape), and no rule but
    the Y rules reads a file that is not YAML, so when the configuration or a suppression hides the
    error, the run must say that they did not run.
    """
    failing = {diag.path for diag in raw if diag.code in _INVALID_CODES}
    if not failing:
        return []
    errors = {diag.path for diag in shown if diag.code in _INVALID_CODES and diag.severity is Severity.ERROR}
    return sorted(failing - errors)


_INVALID_CODES = ("Y001", "Y002", "Y003", "Y004", "Y005", "Y006", "S001", "S002")  # not a valid document


def summary_of(outcome: FileOutcome) -> cache.Summary:
    """What the cache keeps of a file checked in this run, besides its data."""
    doc = outcome.document
    if doc is None:
        return cache.Summary(outcome.diagnostics, False, None, None, False, False, False)
    return cache.Summary(outcome.diagnostics, True, doc.kind, doc.id, doc.valid, doc.broken, doc.may_suppress)


def apply_policy(
    diagnostics: Iterable[Diagnostic], config: Config, documents: Iterable[Document], rules: dict[str, Rule]
) -> list[Diagnostic]:
    """select / ignore, per-file-ignores, inline suppressions, then severity overrides."""
    from netlint import suppressions

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
    checked = set(result.checked_paths)
    for given in paths:
        try:
            absolute = given.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop, which discovery kept for its Y003
            absolute = Path(os.path.abspath(given))
        if not absolute.is_relative_to(content):
            result.notes.append(f"{given}: skipped: not inside the content folder '{config.content}'")
            continue
        rel = relative(config, absolute)
        if rel in checked:  # a file (pre-commit passes files): no need to look through the others
            wanted.add(rel)
            continue
        matches = {p for p in result.checked_paths if p == rel or p.startswith(rel.rstrip("/") + "/")}
        if not matches and absolute.suffix not in (".yaml", ".yml"):
            result.notes.append(f"{given}: skipped: not a YAML content file")
        wanted |= matches
    return wanted


def project_index(config: Config, today: datetime.date) -> ProjectIndex:
    """Read every content file and check it against its schema (setting ``doc.valid``); run no other rule.

    For reports such as `netlint review` that need the project's data, not its diagnostics.
    """
    from netlint.index import Context, ProjectIndex
    from netlint.loader import read_document
    from netlint.rules import load_all
    from netlint.rules.schema import schema_phase

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
    from netlint.rules import load_all

    return list(load_all().values())


def __getattr__(name: str) -> Any:
    """``RULES`` and ``RuleFailure``, re-exported here, imported on first use (see the imports above)."""
    if name == "RULES":
        from netlint.rules import RULES

        return RULES
    if name == "RuleFailure":
        from netlint.errors import RuleFailure

        return RuleFailure
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Result", "apply_policy", "known_codes", "project_index", "rule_table", "validate"]
