"""Runs on a few files (pre-commit's): the snapshot of the project a full run stores, and the
answers taken from it.

A whole-project run with the cache on stores a snapshot: every content file's signature, digest,
kind, id and flags (see :class:`netlint.cache.Snapshot`). A run on a few files then reads only the
files changed since, looks up the cached results of those and of the files it reports on, and
takes everything else the project rules need from the snapshot: no stat index, summary or
document to make per file of the project, which at 10,000 files is most of such a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netlint import cache
from netlint.policy import apply_policy, hidden_schema_failures
from netlint.project_run import summary_of
from netlint.scan import FileState, vouches

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.engine import FileOutcome
    from netlint.loader import Document
    from netlint.project_run import ProjectRun

# A focused run takes the files from the last full run's snapshot while at most this many (or one
# in a hundred) changed since; past that, the usual run (every summary at once) does better.
_FOCUSED_MAX_CHANGED = 64


def snapshot(
    key: str,
    project_key: str,
    states: list[FileState],
    outcomes: dict[str, FileOutcome],
    cached: dict[str, cache.Summary],
    scanned_ns: int,
    documents: list[Document],
) -> cache.Snapshot:
    """The project as a full run saw it (see :class:`netlint.cache.Snapshot`): each file's signature
    (where it vouches for the file's bytes, as in the stat index), digest, summary and registry hint,
    and each topic's `procedures` (from ``documents``, the run's). A file whose signature cannot vouch
    for it is still described, by its digest: a focused run that reads the same bytes takes the rest."""
    from netlint.index import listed_procedures

    out = cache.Snapshot(key, project_key, [], [], [], [], [], [], [])
    topics = {doc.path: listed_procedures(doc.data) for doc in documents if doc.kind == "topic"}
    for state in states:  # one pass per file of the project: kept lean
        rel = state.relpath
        outcome = outcomes.get(rel)
        summary = summary_of(outcome) if outcome is not None else cached.get(rel)
        sig = state.signature
        out.paths.append(rel)
        if summary is None or not state.digest:  # nothing to describe it by: read, as a changed file is
            out.digests.append("")
            out.signatures.append("")
            out.flags.append(0)
            out.kinds.append(None)
            out.idents.append(None)
            out.listed.append(None)
            continue
        out.digests.append(state.digest)
        # "": never taken from the snapshot by its signature (it is read, as a changed file is)
        out.signatures.append(sig if sig is not None and vouches(sig, scanned_ns) else "")
        out.flags.append(
            (cache.MAPPING if summary.mapping else 0)
            | (cache.VALID if summary.valid else 0)
            | (cache.BROKEN if summary.broken else 0)
            | (cache.COMMENTS if summary.comments else 0)
            | (cache.REGISTRY if state.registry else 0)
        )
        out.kinds.append(summary.kind)
        out.idents.append(summary.ident)
        out.listed.append(topics.get(rel))
    return out


def answer(
    run: ProjectRun, store: cache.Cache, base: str, found: list[tuple[str, str]], signed: list[str | None]
) -> tuple[list[Diagnostic], list[Document]] | None:
    """A focused run's answer, from the snapshot the last full run stored and the files changed since.

    Pre-commit checks the few files of a commit in a project of thousands. The snapshot tells what
    the project rules need of every file its signature still vouches for (its kind, id and flags,
    and the key of its data): only the other files are read, and only they and the focus files
    are looked up in the summaries. None (the usual run follows) when there is no usable snapshot,
    or when so many files changed that the usual run does better.
    """
    from netlint.index import REGISTRY_KINDS, Context, ProjectIndex, named_pages
    from netlint.loader import cached_document, parse_bytes

    snap = store.load_snapshot(base)
    if snap is None:
        return None
    config, focus = run.config, run.focus or frozenset()
    paths = [rel for rel, _ in found]
    same_files = snap.paths == paths  # the usual case: no file added, removed or renamed since
    if same_files:
        rows: Sequence[int] = range(len(paths))
    else:
        position = {rel: i for i, rel in enumerate(snap.paths)}
        rows = [position.get(rel, -1) for rel in paths]
    recorded, flags, kinds, idents = snap.signatures, snap.flags, snap.kinds, snap.idents
    changed = [i for i, row in enumerate(rows) if row < 0 or signed[i] is None or recorded[row] != signed[i]]
    if len(changed) > max(_FOCUSED_MAX_CHANGED, len(paths) // 100):
        return None
    # The files this run reads: the changed ones, and the registries (parsed in every run).
    states: dict[int, FileState] = {}
    for i in changed:
        _state(run, i, found, signed, states)
    for i, row in enumerate(rows):
        if row >= 0 and flags[row] & cache.REGISTRY:
            _state(run, i, found, signed, states)
    for state in states.values():
        state.load()
    # A file whose signature changed but not its bytes (touched, or changed too close to the full run
    # for its signature to vouch for it then): the snapshot still describes it, by its digest.
    digests = snap.digests
    for i in changed:
        state, row = states[i], rows[i]
        if row >= 0 and not state.registry and state.digest and state.digest == digests[row]:
            del states[i]
    changed = [i for i in changed if i in states]
    hinted = [i for i in sorted(states) if states[i].registry]
    store.bind(cache.with_registries(base, {paths[i]: states[i].identity for i in hinted}))
    if store.key == snap.key:
        rows_store = store
        # Nothing changed since the full run: no file edited, and none added or removed (a removed
        # file leaves no row in ``changed``, but what referred to it is now broken).
        if (
            not changed
            and same_files
            and (record := store.load_project(snap.project)) is not None
            and run.answers(record[0])
        ):
            return run.recorded(*record), []
    else:
        # A registry changed: the files' own diagnostics (document rules consult the registries)
        # are keyed anew, and the files this run reports on are checked again. What the project
        # rules need of the others (kind, id, validity, data) does not depend on the registries:
        # it is still taken from the snapshot, and their data from the summaries it describes.
        rows_store = cache.Cache(config.root)
        rows_store.bind(snap.key)
    registry_docs = []
    for i in hinted:
        doc, _ = parse_bytes(states[i].raw or b"", paths[i], max_depth=config.max_depth)
        if doc is not None and isinstance(doc.data, dict):
            registry_docs.append(doc)
    run.registry_docs = registry_docs
    run.ctx = Context(config, run.today, ProjectIndex(registry_docs))

    def key(i: int) -> str:
        state = states.get(i)
        return store.file_key(paths[i], state.digest or "" if state is not None else snap.digests[rows[i]])

    # The files this run does not take from the snapshot: those read, and the focus files (for
    # their own diagnostics). Their summaries, where the cache has them; the others are checked.
    special = {*states, *(i for i, rel in enumerate(paths) if rel in focus)}
    readable = sorted(i for i in special if i not in states or states[i].digest)
    cached = store.summaries_of(key(i) for i in readable)
    summaries = {i: cached[key(i)] for i in readable if key(i) in cached}
    outcomes: dict[str, FileOutcome] = {}
    run.check_files([_state(run, i, found, signed, states) for i in sorted(special - summaries.keys())], outcomes)
    # A registry the quick look missed: the usual run checks every file again with it.
    seen = {paths[i] for i, summary in summaries.items() if summary.kind in REGISTRY_KINDS}
    seen.update(rel for rel, o in outcomes.items() if o.document is not None and o.document.kind in REGISTRY_KINDS)
    seen.update(paths[i] for i, row in enumerate(rows) if i not in special and kinds[row] in REGISTRY_KINDS)
    if seen - {paths[i] for i in hinted}:
        return None
    focus_kinds: dict[str, str | None] = {}
    for i in special:
        if paths[i] in focus:
            outcome = outcomes.get(paths[i])
            if outcome is not None:
                focus_kinds[paths[i]] = outcome.document.kind if outcome.document is not None else None
            else:
                focus_kinds[paths[i]] = summaries[i].kind
    # The data of every document but the procedures outside the focus, when only procedures and
    # topics are in focus: of those, the project rules need only the kind and id, and the data of
    # the ones a focus topic names (see ``Rule.reports_on`` and :func:`netlint.index.named_pages`).
    light = all(kind in ("procedure", "topic") for kind in focus_kinds.values())
    # With procedures alone in focus, not even the topics' data: the project rules that report in a
    # procedure read of a topic its kind, id and `procedures` (N004), which the snapshot holds.
    bare = light and "topic" not in focus_kinds.values()
    listed = snap.listed
    data: dict[str, dict[str, Any]] = {}

    def fetch(wanted: dict[str, tuple[int, str | None]]) -> None:
        """Read the data of ``wanted`` (key -> (file, kind)); files whose data went missing are checked again."""
        of_special = {k: kind for k, (i, kind) in wanted.items() if i in special}
        of_rows = {k: kind for k, (i, kind) in wanted.items() if i not in special}
        for source, some in ((store, of_special), (rows_store, of_rows)):
            if some:
                data.update(source.load_data(some))
        lost = sorted(i for k, (i, _) in wanted.items() if k not in data)
        if lost:
            run.check_files([_state(run, i, found, signed, states) for i in lost], outcomes)
            special.update(lost)

    wanted: dict[str, tuple[int, str | None]] = {}
    for i, row in enumerate(rows):  # one pass per file of the project: kept lean
        if i in special:
            summary = summaries.get(i)
            if summary is not None and paths[i] not in outcomes and summary.mapping:
                wanted[key(i)] = (i, summary.kind)
        elif flags[row] & cache.MAPPING and not (light and kinds[row] == "procedure"):
            if not (bare and kinds[row] == "topic" and listed[row] is not None):
                wanted[key(i)] = (i, kinds[row])
    fetch(wanted)
    named: set[str] = set()
    if light and "topic" in focus_kinds.values():
        for i in special:
            rel = paths[i]
            if focus_kinds.get(rel) == "topic":
                outcome = outcomes.get(rel)
                topic = outcome.document.data if outcome is not None and outcome.document else data.get(key(i))
                named |= named_pages(topic)
        fetch(
            {
                key(i): (i, "procedure")
                for i, row in enumerate(rows)
                if i not in special and kinds[row] == "procedure" and idents[row] in named
            }
        )
    documents: list[Document] = []
    append = documents.append
    for i, row in enumerate(rows):  # one pass per file of the project: kept lean
        rel, path = found[i]
        if i in special:
            outcome = outcomes.get(rel)
            if outcome is not None:
                if outcome.document is not None:
                    append(outcome.document)
                continue
            summary = summaries[i]
            if summary.mapping:
                value = data[key(i)]  # wanted, and found (else checked again above)
                append(cached_document(rel, path, value, summary.broken, summary.valid, summary.comments))
            continue
        flag = flags[row]
        if not flag & cache.MAPPING:
            continue
        kind = kinds[row]
        # A document the project rules need only in part: what the snapshot holds of it.
        part: dict[str, Any] | None = None
        if light and kind == "procedure" and idents[row] not in named:
            part = {"kind": kind}
        elif bare and kind == "topic" and listed[row] is not None:
            part = {"kind": kind, "procedures": listed[row]}
        if part is None:
            value = data[key(i)]
        else:
            value = part
            if idents[row] is not None:
                value["id"] = idents[row]
        append(
            cached_document(
                rel, path, value, bool(flag & cache.BROKEN), bool(flag & cache.VALID), bool(flag & cache.COMMENTS)
            )
        )
    raw: list[Diagnostic] = []
    for i in sorted(special):
        rel = paths[i]
        if rel in focus:
            raw.extend(outcomes[rel].diagnostics if rel in outcomes else summaries[i].diagnostics)
    # Only the focus files' diagnostics, as the usual run reports them: a project rule may report in any
    # file (a pathway rule in every topic), and what it finds elsewhere is not this run's to report (nor
    # could the policy apply that file's suppressions, without its document).
    raw.extend(diag for diag in run.project_rules(documents, focus_kinds, paths) if diag.path in focus)
    reported = [doc for doc in documents if doc.path in focus]
    diagnostics = sorted(apply_policy(raw, config, reported, run.rules, run.held_back))
    run.hidden = hidden_schema_failures(raw, diagnostics)
    # Remember the files checked now, for the next run (the next full run also stores a snapshot).
    fresh: dict[str, cache.Summary] = {}
    fresh_data: dict[str, tuple[str | None, dict[str, Any]]] = {}
    for i in special:
        outcome = outcomes.get(paths[i])
        if outcome is None or (i in states and not states[i].digest):
            continue  # not checked now, or unreadable: nothing to key it on
        fresh[key(i)] = summary_of(outcome)
        if outcome.document is not None:
            fresh_data[key(i)] = (outcome.document.kind, outcome.document.data)
    if fresh:
        store.add_summaries(fresh)
        store.add_data(fresh_data)
    return diagnostics, documents


def _state(
    run: ProjectRun, i: int, found: list[tuple[str, str]], signed: list[str | None], states: dict[int, FileState]
) -> FileState:
    """The state of file ``i`` in ``states``, made there (not yet read) the first time."""
    state = states.get(i)
    if state is None:
        relpath, path = found[i]
        state = states[i] = FileState(relpath, path, run.config.max_file_bytes, signature=signed[i])
    return state
