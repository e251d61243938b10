"""One validation of a project: every file's own checks (from the cache where it can), then the project rules."""

from __future__ import annotations

import datetime
import functools
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from netlint import cache, schemas
from netlint.config import Config
from netlint.diagnostic import Diagnostic
from netlint.policy import apply_policy, hidden_schema_failures
from netlint.scan import FileState, racy, scan, signatures, stat_index

if TYPE_CHECKING:
    from netlint.engine import FileOutcome
    from netlint.loader import Document
    from netlint.rules import Rule


class ProjectRun:
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
        # The project rules that did not run, a file they need being unreadable (ProjectIndex.holds_back).
        self.held_back: frozenset[str] = frozenset()

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
            if (
                unchanged is not None
                and (record := store.load_project(unchanged)) is not None
                and self.answers(record[0])
            ):
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
            if record is not None and self.answers(record[0]):
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
        diagnostics = sorted(apply_policy(raw, config, reported, self.rules, self.held_back))
        self.hidden = hidden_schema_failures(raw, diagnostics)
        if store is not None:
            self._store(store, states, known or {}, outcomes, cached, keys, scanned_ns)
            if self.focus is None:
                store.store_project(project_key, diagnostics, self.hidden)
                self._settle(store, fingerprint, project_key, states, scanned_ns, signed)
                from netlint.focused import snapshot

                taken = snapshot(store.key, project_key, states, outcomes, cached, scanned_ns, documents)
                store.store_snapshot(base, taken)
        return diagnostics, documents

    def answers(self, diagnostics: list[Diagnostic]) -> bool:
        """Whether the whole project's stored result answers this run: not when, with a focus, it has an
        N002 at a page outside the focus that names a focus page as the first with its id. The whole
        project's run reports the later page (SPEC §4); a run on the first alone reports it there, and
        must be made (pre-commit on the page just added that sorts first, after a full run)."""
        focus = self.focus
        if focus is None:
            return True
        for diag in diagnostics:
            if diag.code == "N002" and diag.path not in focus and " is already used in " in diag.message:
                named = diag.message.rsplit(" is already used in ", 1)[1].rpartition(":")[0]
                if named in focus:
                    return False
        return True

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
        from netlint.loader import cached_document

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
            append(cached_document(rel, state.path, value, summary.broken, summary.valid, summary.comments))
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
        self.held_back = frozenset(index.held_back)
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


def summary_of(outcome: FileOutcome) -> cache.Summary:
    """What the cache keeps of a file checked in this run, besides its data."""
    doc = outcome.document
    if doc is None:
        return cache.Summary(outcome.diagnostics, False, None, None, False, False, False)
    return cache.Summary(outcome.diagnostics, True, doc.kind, doc.id, doc.valid, doc.broken, doc.may_suppress)
