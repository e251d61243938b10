"""Which content files changed since the cache last saw them, reading only those.

A file whose size, times, inode and device are what the cache's stat index
recorded is taken to hold the bytes it held then (git trusts its index the
same way); its digest comes from the index and it is not read. Every other
file is read, and its digest and registry hint computed from its bytes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from netlint import cache
from netlint.diagnostic import Diagnostic
from netlint.stamps import changed_since, signature, stamps

# A file changed this close to the moment it was read could change again within the same
# timestamp tick, unseen by its times: it is read again next time rather than trusted.
_RACY_NS = 2_000_000_000
# A cheap look at the raw bytes to read registries first; the parsed kind is what counts in the end.
# (No leading "^" with MULTILINE: starting with the literal lets the regex engine skip ahead fast.)
_REGISTRY_HINT = re.compile(rb"kind:[ \t]*[\"']?(?:sources|contributors|glossary)\b")


@dataclass
class FileTask:
    """One file to check: where it is and its bytes (None: could not be read, ``problem`` says why)."""

    relpath: str
    raw: bytes | None
    problem: Diagnostic | None = None


def looks_like_registry(raw: bytes | None) -> bool:
    """Whether a top-level `kind:` line names a registry kind."""
    if raw is None:
        return False
    return any(m.start() == 0 or raw[m.start() - 1] in b"\n\xbf" for m in _REGISTRY_HINT.finditer(raw))


_loaded_read_task: list[Callable[[str, str, int], FileTask]] = []


def read_task(path: str, relpath: str, max_bytes: int) -> FileTask:
    """:func:`netlint.loader.read_task`; the loader (and with it the rules) is imported by the first
    read, so that a run answered from the cache, which reads nothing, never imports it."""
    if not _loaded_read_task:
        from netlint.loader import read_task as loaded

        _loaded_read_task.append(loaded)
    return _loaded_read_task[0](path, relpath, max_bytes)


@dataclass(slots=True)
class FileState:
    """One content file: where it is, its digest, whether it looks like a registry, and its bytes once read."""

    relpath: str
    path: str
    max_bytes: int
    digest: str | None = None  # None: unreadable (``problem`` says why)
    registry: bool = False
    raw: bytes | None = None
    problem: Diagnostic | None = None
    signature: str | None = None
    read: bool = False
    hashed: bool = True  # False: the digest is not needed (no cache), so it is left empty

    def load(self) -> None:
        """Read the file (once)."""
        if self.read:
            return
        task = read_task(self.path, self.relpath, self.max_bytes)
        self.read = True
        self.raw, self.problem = task.raw, task.problem
        if task.raw is not None:
            self.digest = cache.digest(task.raw) if self.hashed else ""
        self.registry = looks_like_registry(task.raw)

    def task(self) -> FileTask:
        self.load()
        return FileTask(self.relpath, self.raw, self.problem)

    @property
    def identity(self) -> str:
        """What the project key records for this file: its digest, or that it could not be read."""
        if self.digest is not None:
            return self.digest
        return "unreadable:" + (self.problem.message if self.problem else "")


def signatures(found: list[tuple[str, str]]) -> list[str | None]:
    """Each file's :func:`netlint.stamps.signature`, in order (this is most of a run that finds nothing changed)."""
    try:  # every file there, as usual: in comprehensions (a quarter faster than a loop)
        return list(stamps(map(os.stat, [path for _, path in found])))  # each stat result freed once formatted
    except (OSError, ValueError):  # one cannot be stat'ed (gone since it was listed, say): None for it
        return [signature(path) for _, path in found]


def scan(
    found: list[tuple[str, str]],
    max_bytes: int,
    known: dict[str, str] | None,
    signed: list[str | None] | None = None,
) -> list[FileState]:
    """A state for each (relative path, path); with a stat index (``known``), unchanged files are not read.

    ``signed``: the files' signatures, when the caller has taken them (see :func:`signatures`).
    """
    states = []
    if known is None:  # no cache: every file is read, and no digest is needed
        for relpath, path in found:
            state = FileState(relpath, path, max_bytes, hashed=False)
            state.load()
            states.append(state)
        return states
    match = cache.stat_match
    for (relpath, path), sig in zip(found, signatures(found) if signed is None else signed, strict=True):
        state = FileState(relpath, path, max_bytes, signature=sig)
        states.append(state)
        recorded = None if sig is None else match(known.get(relpath), sig)
        if recorded is None:
            state.load()
        else:
            state.digest, state.registry = recorded
    return states


def vouches(signature: str | None, scanned_ns: int) -> bool:
    """Whether a file's signature can stand for its bytes: it did not change within two seconds before
    the scan began (``scanned_ns``), when a change right after could leave its times as they were."""
    return signature is not None and not changed_since(signature, scanned_ns - _RACY_NS)


def racy(states: list[FileState], scanned_ns: int) -> bool:
    """Whether a file changed so shortly before it was looked at (``scanned_ns``) that a change right
    after could leave its times as they were: its signature then cannot vouch for its bytes."""
    return not all(vouches(state.signature, scanned_ns) for state in states)


def stat_index(
    states: list[FileState], known: dict[str, str], scanned_ns: int
) -> tuple[dict[str, str], set[str]] | None:
    """The stat index to store after this run and the paths whose entries changed; None when nothing did.

    A file read in this run that had changed within two seconds before the scan began (``scanned_ns``)
    keeps its old entry (which no longer matches its signature, so it is read again next time)
    rather than a new one: a change right after it was read might not show in its times.
    Only files read in this run can have new entries: the others matched theirs.
    """
    present = sum(1 for state in states if state.relpath in known)
    if present == len(known):
        fresh = dict(known)
        changed: set[str] = set()
    else:  # files were deleted (or renamed): drop their entries
        current = {state.relpath for state in states}
        fresh = {rel: entry for rel, entry in known.items() if rel in current}
        changed = set(known).difference(current)
    for state in states:
        if not state.read:
            continue
        sig = state.signature
        if sig is not None and state.digest is not None and vouches(sig, scanned_ns):
            entry = cache.stat_entry(sig, state.digest, state.registry)
            if known.get(state.relpath) != entry:
                fresh[state.relpath] = entry
                changed.add(state.relpath)
    return (fresh, changed) if changed else None
