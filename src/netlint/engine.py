"""Per-file checking, in this process or spread over worker processes.

A file's own checks — parsing, its schema, and the document-scope rules — need
only the file and the registries (sources, contributors, glossary). So the
registries are read first, every other file is checked on its own (in
parallel when there are enough of them), and the project-scope rules then
run once, in the main process, over everything.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import marshal
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from netlint.config import Config
from netlint.diagnostic import Diagnostic, Span
from netlint.errors import RuleFailure
from netlint.index import Context, ProjectIndex
from netlint.loader import Document, byte_count, file_text, parse_bytes
from netlint.rules import Rule
from netlint.rules._registry import diagnostic
from netlint.rules.schema import schema_phase
from netlint.scan import FileTask

_PARALLEL_MIN_FILES = 400  # below this, starting workers costs more than it saves
BATCH = 64  # files taken through each step together (see check_batch)
_FIRST = Span(1, 1, 1, 2)


@dataclass
class FileOutcome:
    """What checking one file gave: its own diagnostics and its document (None when unreadable)."""

    relpath: str
    diagnostics: list[Diagnostic]
    document: Document | None


def run_rule(rule: Rule, target: object, ctx: Context) -> list[Diagnostic]:
    """Run one rule; a crash inside it is netlint's failure, never a content diagnostic."""
    assert rule.check is not None
    try:
        return list(rule.check(target, ctx))
    except Exception as error:
        raise _failure(rule, target, error) from error


def _failure(rule: Rule, target: object, error: Exception) -> RuleFailure:
    where = f" on {target.path}" if isinstance(target, Document) else ""
    return RuleFailure(f"internal error in rule {rule.code} ({rule.name}){where}: {error!r}")


def check_batch(tasks: Sequence[FileTask], ctx: Context, document_rules: Sequence[Rule]) -> list[FileOutcome]:
    """Parse each file, check it against its schema, and run the document-scope rules on it, a step at a
    time: every file is parsed, then checked against its schema, then each rule runs over all of them.

    The outcomes are each file's as if it were checked alone; taking a few dozen files at a time through
    each step keeps that step's code and data in the processor's caches, which makes a large run faster.
    """
    outcomes = [_parsed(task, ctx.config) for task in tasks]
    valid: list[tuple[list[Diagnostic], Document]] = []
    invalid: list[tuple[list[Diagnostic], Document]] = []
    for outcome in outcomes:
        doc = outcome.document
        if doc is not None and not doc.broken:
            found = schema_phase(doc, ctx)
            doc.valid = not found
            if found:
                outcome.diagnostics.extend(found)
                invalid.append((outcome.diagnostics, doc))
            else:
                valid.append((outcome.diagnostics, doc))
    for rule in document_rules:
        check = rule.check
        # A document failing its schema gets only the rules that do not trust its shape (Rule.any_shape).
        for diagnostics, doc in (*valid, *invalid) if rule.any_shape and invalid else valid:
            try:  # run_rule, inline: this runs for every rule and document
                diagnostics.extend(check(doc, ctx))  # type: ignore[misc]
            except Exception as error:
                raise _failure(rule, doc, error) from error
    return outcomes


def _parsed(task: FileTask, config: Config) -> FileOutcome:
    """A file's outcome after parsing: its Y diagnostics, and its document when it is a mapping."""
    if task.raw is None:
        return FileOutcome(task.relpath, [task.problem] if task.problem else [], None)
    if len(task.raw) > config.max_file_bytes:
        message = (
            f"the file is larger than the limit of {byte_count(config.max_file_bytes)} (limits.max_file_bytes); "
            "split it or raise the limit"
        )
        return FileOutcome(task.relpath, [diagnostic("Y006", task.relpath, _FIRST, message)], None)
    doc, problems = parse_bytes(task.raw, task.relpath, max_depth=config.max_depth, with_positions=False)
    if doc is None or not isinstance(doc.data, dict):
        return FileOutcome(task.relpath, list(problems), None)
    return FileOutcome(task.relpath, list(problems), doc)


# --- worker processes -----------------------------------------------------------------------

_WORKER: dict[str, Any] = {}
# The tasks of the pool being started: a forked worker finds them in the memory it inherited, so a
# batch is sent as its bounds, not its files' bytes (tens of megabytes pickled through pipes).
_INHERITED: list[Sequence[FileTask]] = []


def _init_worker(
    config: Config, today: datetime.date, registries: list[Document], codes: list[str], gc_thresholds: tuple[int, ...]
) -> None:
    from netlint.rules import load_all

    gc.set_threshold(*gc_thresholds)  # as the parent runs (a spawned worker does not inherit it)
    # Ctrl-C is the main process's to handle (it ends the pool); a worker reporting it too would print
    # a traceback of its own. (A forked worker holds it back from the start: see _interrupts_held.)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A stop (SIGTERM) ends a worker at once, as it did before the main process held it back: the pool
    # ends its workers with it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    rules = load_all()
    _WORKER["ctx"] = Context(config, today, ProjectIndex(list(registries)))
    _WORKER["rules"] = [rules[code] for code in codes]


@contextlib.contextmanager
def _interrupts_held() -> Iterator[list[int]]:
    """Hold Ctrl-C (and a stop, SIGTERM) back while a pool runs, then restore their handlers; yield the
    signals held.

    A worker must never handle Ctrl-C (the main process ends the pool): forked while it is held, a
    worker starts out holding it too, until _init_worker ignores it. Nor may the main process take
    it as an exception raised wherever it happens to be: inside the pool's own code (a lock taken and
    not yet released) that can leave the pool unable to end. So it is only noted here, and the loop
    that collects the results acts on it between them (see :func:`_results`). Ignoring it instead
    would lose it. A stop is held the same way, where it would end the process at once (its default):
    the pool is ended first, and the process then stops as it would have (exit 143), instead of leaving
    its workers to run on and print tracebacks when they find it gone. (Only the main thread can set a
    signal handler: elsewhere, nothing to do.)
    """
    import os
    import signal
    import threading

    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous: dict[int, Any] = {}
    # Not a signal ignored already (Ctrl-C in a background job, nohup): it stays so; nor one a caller handles.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, lambda signum, frame: held.append(signum))
    try:
        yield held
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if signal.SIGTERM in held:
            os.kill(os.getpid(), signal.SIGTERM)  # the pool has ended: now stop, as the signal asked


@contextlib.contextmanager
def _pool(context: Any, jobs: int, initargs: tuple[Any, ...]) -> Iterator[Any]:
    """A pool of ``jobs`` workers, ended as ``with Pool(...)`` ends one, except when the run is cut short.

    Then (Ctrl-C, an error) :func:`_abandon` ends it: Pool.terminate kills the workers and then waits
    for the pool's threads, and a worker killed while it was sending a batch's results holds the
    results queue's lock for ever, so that one of those threads, and the run, would wait for ever.
    """
    pool = context.Pool(jobs, initializer=_init_worker, initargs=initargs)
    try:
        yield pool
    except BaseException:
        _abandon(pool)
        raise
    pool.terminate()  # every result is in: the workers wait for work, holding no lock of the results queue


def _abandon(pool: Any) -> None:
    """End a pool at once: stop it making new workers, kill its workers, and give its threads a moment to
    end; one that waits for a lock a killed worker held is left (a daemon thread) to end with the process.
    (Pool.terminate's steps, with time limits on its waits.)"""
    from multiprocessing.pool import TERMINATE

    pool._state = TERMINATE
    threads = (pool._worker_handler, pool._task_handler, pool._result_handler)
    for thread in threads:  # each ends at its next message, not waiting for results to come
        thread._state = TERMINATE
    pool._change_notifier.put(None)
    threads[0].join(1.0)  # the worker thread (it replaces a worker that ends): ending, it tells the task
    for process in pool._pool:  # thread to end, which tells the result thread
        process.kill()
    for process in pool._pool:
        process.join(1.0)
    for thread in threads[1:]:
        thread.join(1.0)
    pool._terminate.cancel()  # at exit, its finalizer would run Pool.terminate and wait after all


_Shipped = tuple[FileOutcome, bytes | None, bool, bool]
_POLL_SECONDS = 0.05  # how often the wait for a worker's results looks for a Ctrl-C held meanwhile


def _results(pending: Any, count: int, held: list[int]) -> Iterator[list[_Shipped]]:
    """The ``count`` results of ``pending`` (a pool's ``imap``), in order; KeyboardInterrupt, raised
    here and nowhere else, once a Ctrl-C or a stop has been held (see :func:`_interrupts_held`)."""
    from multiprocessing import TimeoutError as Waited

    for _ in range(count):
        while True:
            if held:
                raise KeyboardInterrupt
            try:
                result: list[_Shipped] = pending.next(_POLL_SECONDS)
            except Waited:
                continue
            break
        yield result


def _work(batch: Sequence[FileTask] | tuple[int, int]) -> list[_Shipped]:
    """Check a batch of files (or, in a forked worker, the bounds of one in the inherited tasks); a
    document goes back as its data alone (the main process has the text, and positions are rebuilt
    on demand), marshalled: plain data loads twice as fast as unpickled."""
    tasks = _INHERITED[0][batch[0] : batch[1]] if isinstance(batch, tuple) else batch
    shipped: list[_Shipped] = []
    for outcome in check_batch(tasks, _WORKER["ctx"], _WORKER["rules"]):
        doc = outcome.document
        if doc is None:
            shipped.append((outcome, None, False, False))
        else:
            outcome.document = None
            shipped.append((outcome, marshal.dumps(doc.data), doc.broken, doc.valid))
    return shipped


MAX_JOBS_PER_CPU = 4


def worker_count(jobs: int | None, files: int) -> int:
    """How many processes to use: ``jobs`` if given (0 or None: automatic).

    A given number is capped at the files and at MAX_JOBS_PER_CPU per usable CPU: more processes
    than that only cost memory (``--jobs 100000`` must not fork the machine to death).
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if jobs:
        return max(1, min(jobs, files, MAX_JOBS_PER_CPU * usable))
    if files < _PARALLEL_MIN_FILES:
        return 1
    return max(1, min(usable, files // (_PARALLEL_MIN_FILES // 2)))


def check_files(
    tasks: Sequence[FileTask],
    ctx: Context,
    document_rules: Sequence[Rule],
    registries: Iterable[Document],
    jobs: int,
) -> Iterator[FileOutcome]:
    """Check every task, in order, in ``jobs`` processes (in this one when ``jobs`` is 1)."""
    if jobs <= 1 or len(tasks) < 2:
        for start in range(0, len(tasks), BATCH):
            for outcome in check_batch(tasks[start : start + BATCH], ctx, document_rules):
                if outcome.document is not None:
                    # Keep memory flat: positions a diagnostic needed are let go (rebuilt on demand);
                    # what rules derived from the data (doc.memo) stays for the project rules.
                    outcome.document._tables = None
                yield outcome
        return
    import multiprocessing

    # fork: workers inherit the imported modules and the word lists already loaded.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    shipped = [doc.without_positions() for doc in registries]
    codes = [rule.code for rule in document_rules]
    # Batches small enough that no worker is left with much to do alone at the end.
    size = max(8, min(BATCH, len(tasks) // (jobs * 8) or 1))
    bounds = [(start, min(start + size, len(tasks))) for start in range(0, len(tasks), size)]
    batches = [tasks[start:end] for start, end in bounds]
    initargs = (ctx.config, ctx.today, shipped, codes, gc.get_threshold())
    _INHERITED[:] = [tasks] if method == "fork" else []
    try:
        with _interrupts_held() as held, _pool(context, jobs, initargs) as pool:
            sent: list[Sequence[FileTask] | tuple[int, int]] = [*bounds] if method == "fork" else [*batches]
            pending = pool.imap(_work, sent)
            for batch, results in zip(batches, _results(pending, len(sent), held), strict=True):
                for task, (outcome, data, broken, valid) in zip(batch, results, strict=True):
                    if data is not None:
                        text = file_text(task.raw) if task.raw else ""
                        outcome.document = Document(task.relpath, text, marshal.loads(data), broken, valid)
                    yield outcome
    finally:
        _INHERITED.clear()
