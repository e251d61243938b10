"""The result cache in `.netlint_cache/`: keyed on content, never trusted blindly, safe to share.

Three layers, keyed by SHA-256:

- a stat index: each file's size, times, inode and device when it was last
  read, with the digest of its bytes, so an unchanged file is not even read
  (as git's index does; a file changed within two seconds of being read is
  never trusted this way);
- per file: the file's own diagnostics and a summary (kind, id, validity),
  and apart from them its data, keyed on its bytes and path plus everything
  else that can change them (netlint's version and code, the schemas, the
  configuration, `--today`, and the registries' bytes, since document rules
  consult sources, contributors and the glossary);
- per project: the final diagnostics, keyed on that and every file's digest,
  so an unchanged project is answered without parsing anything; and a
  snapshot of every file as the last full run saw it (signature, digest,
  kind, id, flags), from which a run on a few files (pre-commit's) takes the
  files that did not change since, without a look-up per file.

Entries are JSON (never pickle: a cache folder can come with a checkout, and
loading it must not be able to run code). A missing, corrupt, truncated or
foreign entry is ignored and rebuilt. Writes go to a temporary file that is
renamed into place, so two runs sharing the folder never see half an entry.
"""

from __future__ import annotations

import contextlib
import functools
import json
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from netlint.cache_entries import (
    BROKEN,
    COMMENTS,
    MAPPING,
    REGISTRY,
    VALID,
    Snapshot,
    Summary,
    diagnostic_from_json,
    diagnostic_to_json,
    stat_entry,
    stat_match,
    summary_from_json,
    summary_to_json,
)
from netlint.cache_keys import FORMAT, digest, run_key, with_registries
from netlint.config import ConfigError
from netlint.diagnostic import Diagnostic
from netlint.fileio import read_regular, replace_file, replace_text

__all__ = [  # the entries are named here too: callers know one cache module
    "BROKEN",
    "COMMENTS",
    "MAPPING",
    "REGISTRY",
    "VALID",
    "Cache",
    "Snapshot",
    "Summary",
    "clean",
    "digest",
    "run_key",
    "stat_entry",
    "stat_match",
    "with_registries",
]

CACHE_DIR = ".netlint_cache"
_README = "This folder holds netlint's result cache. It is safe to delete (`netlint cache clean`).\n"


_MAX_ENTRY_BYTES = 256 * 1024 * 1024  # a cache file past this is ignored, not read into memory
_SHARDS = 32  # summaries and the stat index are split so that editing one file rewrites a 32nd of them
_DATA_SHARDS = 128  # procedures' data, the bulk of the cache, is split finer


class Cache:
    """The cache of one project: a stat index, and per run key the files' summaries, data and final results.

    ``key`` (see :func:`with_registries`) is set with :meth:`bind` once the registries are known.
    """

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "v2"
        self.key = ""
        self._data: dict[str, dict[str, Any]] = {}  # shard file name -> its entries, as loaded
        self._held: dict[str, set[str]] = {}  # summary shard file name -> the keys it held when loaded
        self._stats_held: dict[str, dict[str, str]] = {}  # stat shard file name -> its entries, as loaded or written
        self._readable: bool | None = None  # whether the cache folders are the project's own (once looked at)
        self._tracked: bool | None = None  # whether git tracks the cache folder (once looked at)

    def bind(self, key: str) -> None:
        self.key = key

    # --- stat index: which files are unchanged, without reading them ------------------------------

    def load_stats(self) -> dict[str, str]:
        """The stat index (path -> entry, see :func:`stat_match`), from its shards (``stats-NN.json``, by path)."""
        out: dict[str, str] = {}
        for shard in range(_SHARDS):
            name = f"stats-{shard:02d}.json"
            payload = self._read(self.folder / name)
            held: dict[str, str] = {}
            if isinstance(payload, dict) and payload.get("format") == FORMAT and isinstance(payload.get("files"), dict):
                held = payload["files"]
                out.update(held)
            self._stats_held[name] = held
        return out

    def store_stats(self, known: dict[str, str], changed: set[str] | None = None) -> None:
        """Write the stat index; only the shards that changed are rewritten (one, when one file was edited).

        ``changed`` names the paths whose entries differ from the index as loaded; without it (or
        without a loaded index) every shard is compared.
        """
        if changed is not None and len(self._stats_held) == _SHARDS:
            names = {f"stats-{self._stat_shard(rel):02d}.json" for rel in changed}
            shards = {name: dict(self._stats_held[name]) for name in names}
            for rel in changed:
                files = shards[f"stats-{self._stat_shard(rel):02d}.json"]
                entry = known.get(rel)
                if entry is None:
                    files.pop(rel, None)
                else:
                    files[rel] = entry
        else:
            shards = {f"stats-{n:02d}.json": {} for n in range(_SHARDS)}
            for rel, entry in known.items():
                shards[f"stats-{self._stat_shard(rel):02d}.json"][rel] = entry
        for name, files in shards.items():
            if self._stats_held.get(name) != files:
                self._write(self.folder / name, {"format": FORMAT, "files": files})
                self._stats_held[name] = files

    @staticmethod
    def _stat_shard(relpath: str) -> int:
        return zlib.crc32(relpath.encode("utf-8", "surrogateescape")) % _SHARDS

    # --- per project ---------------------------------------------------------------------

    def project_key(self, digests: dict[str, str]) -> str:
        """The key of the whole project's result: the run key and every file's path and digest.

        Paths are printable text (see netlint.project.relative: no tab, no newline) and a digest is
        hex, or written as JSON when it is not ("unreadable:" and why), so tab and newline separate
        them unambiguously.
        """
        lines = "\n".join(
            f"{path}\t{value if value.isalnum() else json.dumps(value)}" for path, value in sorted(digests.items())
        )
        return digest(f"{self.key}\n{lines}".encode("utf-8", "surrogateescape"))

    # --- the whole project, by its files' signatures: an unchanged project without reading anything ---

    @staticmethod
    def fingerprint(base: str, files: list[tuple[str, str]], signatures: list[str | None]) -> str | None:
        """The key of a project whose files are all as their signatures say (None: one cannot be stat'ed).

        ``base`` is what the run depends on besides its files (:func:`run_key`):
        with every file's path and signature, it names the project as the stat index would.
        """
        if None in signatures:
            return None
        lines = "\n".join([f"{relpath}\t{sig}" for (relpath, _), sig in zip(files, signatures, strict=True)])
        return digest(f"{base}\n{lines}".encode("utf-8", "surrogateescape"))

    def load_unchanged(self, fingerprint: str) -> str | None:
        """The project key recorded for this fingerprint by an earlier full run, if any."""
        payload = self._read(self.folder / f"unchanged-{fingerprint}.json")
        if not isinstance(payload, dict) or payload.get("fingerprint") != fingerprint:
            return None
        key = payload.get("project")
        return key if isinstance(key, str) else None

    def store_unchanged(self, fingerprint: str, project_key: str) -> None:
        self._prune("unchanged-", keep=8)
        self._write(self.folder / f"unchanged-{fingerprint}.json", {"fingerprint": fingerprint, "project": project_key})

    def store_replay(self, name: str, data: bytes) -> None:
        """Write a record of a whole run (see netlint.replay)."""
        self._prune("replay-", keep=8)
        with contextlib.suppress(OSError):
            self._write_bytes(self.folder / name, data)

    def load_project(self, key: str) -> tuple[list[Diagnostic], list[str]] | None:
        """A project's stored result: its diagnostics, and the files whose schema failure they do not show."""
        payload = self._read(self.folder / f"project-{key}.json")
        if not isinstance(payload, dict) or payload.get("key") != key:
            return None
        hidden = payload.get("hidden", [])
        if hidden.__class__ is not list or not all(path.__class__ is str for path in hidden):
            return None
        try:
            return [diagnostic_from_json(item) for item in payload["diagnostics"]], hidden
        except (KeyError, TypeError, ValueError):
            return None

    def store_project(self, key: str, diagnostics: list[Diagnostic], hidden: list[str]) -> None:
        self._prune("project-", keep=8)
        self._write(
            self.folder / f"project-{key}.json",
            {"key": key, "diagnostics": [diagnostic_to_json(d) for d in diagnostics], "hidden": hidden},
        )

    # --- the project as the last full run left it: what a focused run needs of every file -----------

    def load_snapshot(self, base: str) -> Snapshot | None:
        """The snapshot a full run with run key ``base`` (:func:`run_key`) stored, if any."""
        payload = self._read(self.folder / f"snapshot-{base}.json")
        if not isinstance(payload, dict) or payload.get("format") != FORMAT or payload.get("base") != base:
            return None
        try:
            snapshot = Snapshot(*(payload[name] for name in Snapshot.FIELDS))
        except (KeyError, TypeError):
            return None
        return snapshot if snapshot.well_formed() else None

    def store_snapshot(self, base: str, snapshot: Snapshot) -> None:
        self._prune("snapshot-", keep=4)
        payload: dict[str, Any] = {"format": FORMAT, "base": base}
        payload.update((name, getattr(snapshot, name)) for name in Snapshot.FIELDS)
        self._write(self.folder / f"snapshot-{base}.json", payload)

    # --- per file: summaries ---------------------------------------------------------------

    def file_key(self, relpath: str, file_digest: str) -> str:
        """A file's key within this run key's shards (whose names and contents carry the run key): its
        digest and path. The digest comes first: its leading hex digits pick the shard."""
        return f"{file_digest}:{relpath}"

    def _shard(self, file_key: str) -> int:
        return int(file_key[:8], 16) % _SHARDS

    def _summary_file(self, file_key: str) -> str:
        """The name of the summary shard holding ``file_key``."""
        return f"files-{self.key}-{self._shard(file_key):02d}.json"

    def load_summaries(self) -> dict[str, Summary]:
        out: dict[str, Summary] = {}
        for shard in range(_SHARDS):
            name = f"files-{self.key}-{shard:02d}.json"
            entries = self._entries(name)
            self._held[name] = set(entries)
            for file_key, entry in entries.items():  # one pass per file of the project: kept lean
                summary = summary_from_json(entry)
                if summary is not None:
                    out[file_key] = summary
        return out

    def summaries_of(self, keys: Iterable[str]) -> dict[str, Summary]:
        """The summaries of a few files (by key) that the cache holds, reading only their shards."""
        out: dict[str, Summary] = {}
        for key in keys:
            summary = summary_from_json(self._entries(self._summary_file(key)).get(key))
            if summary is not None:
                out[key] = summary
        return out

    def add_summaries(self, added: dict[str, Summary]) -> None:
        """Add a few files' summaries to their shards, keeping every other entry (a focused run's files:
        the next full run drops what no file needs any more)."""
        self._add_entries((self._summary_file(key), key, summary_to_json(summary)) for key, summary in added.items())

    def store_summaries(self, entries: dict[str, Summary], fresh: set[str]) -> None:
        """Write the summaries of the current files; only the shards that changed are rewritten.

        ``fresh`` are the keys of the files checked in this run; the others' summaries were loaded.
        """
        if not any(self._held.values()):  # this run key is new here: older ones may be let go
            self._prune_runs()
        keys: dict[str, list[str]] = {f"files-{self.key}-{n:02d}.json": [] for n in range(_SHARDS)}
        touched: set[str] = set()
        incremental = all(name in self._held for name in keys)
        if incremental:
            # Loaded this run: a shard changes only where a key was added or dropped (set operations).
            held_all: set[str] = set().union(*self._held.values())
            dropped = held_all.difference(entries)
            for key in (*fresh, *dropped):
                touched.add(self._summary_file(key))
            for name in touched:
                kept = {key for key in self._held[name] if key in entries}
                kept.update(key for key in fresh if self._summary_file(key) == name)
                keys[name] = list(kept)
        else:
            for key in entries:
                name = self._summary_file(key)
                keys[name].append(key)
                if key in fresh:
                    touched.add(name)
        for name, held in keys.items():
            if name not in touched and (incremental or self._held.get(name) == set(held)):
                continue
            files = {key: summary_to_json(entries[key]) for key in held}
            self._write(self.folder / name, {"key": self.key, "files": files})

    def _prune_runs(self, keep: int = 4) -> None:
        """Keep the summaries and data of the few most recent run keys (and this one's)."""
        with contextlib.suppress(OSError):
            latest: dict[str, float] = {}
            paths = [*self.folder.glob("files-*.json"), *self.folder.glob("data-*.json")]
            for path in paths:
                run = path.name.split("-")[1]
                latest[run] = max(latest.get(run, 0.0), path.stat().st_mtime)
            kept = {self.key, *sorted(latest, key=latest.__getitem__, reverse=True)[:keep]}
            for path in paths:
                if path.name.split("-")[1] not in kept:
                    path.unlink(missing_ok=True)

    # --- per file: data, kept apart from the summaries since a run often needs little of it ---------

    def data_file(self, file_key: str, kind: str | None) -> str:
        """Procedures' data is sharded by key; topics' is kept together, and every other kind's (the
        registries') apart from it: a run on procedures alone reads the registries' but not the topics'."""
        if kind == "procedure":  # finer than the summaries: an edit rewrites (and first reads) one
            return f"data-{self.key}-{int(file_key[:8], 16) % _DATA_SHARDS:03d}.json"
        if kind == "topic":
            return f"data-{self.key}-topics.json"
        return f"data-{self.key}-shared.json"

    def load_data(self, wanted: dict[str, str | None]) -> dict[str, dict[str, Any]]:
        """The data of the files wanted (file key -> kind) that the cache holds."""
        by_file: dict[str, list[str]] = {}
        for key, kind in wanted.items():
            by_file.setdefault(self.data_file(key, kind), []).append(key)
        out: dict[str, dict[str, Any]] = {}
        for name in sorted(by_file):
            entries = self._entries(name)
            for key in by_file[name]:  # each file's own keys: a run may want thousands, over a hundred files
                value = entries.get(key)
                if isinstance(value, dict):
                    out[key] = value
        return out

    def store_data(self, fresh: dict[str, tuple[str | None, dict[str, Any]]], current: dict[str, str | None]) -> None:
        """Add ``fresh`` (file key -> (kind, data)) to the data files it falls in, keeping only ``current`` keys."""
        touched: dict[str, dict[str, Any]] = {}
        for key, (kind, data) in fresh.items():
            touched.setdefault(self.data_file(key, kind), {})[key] = data
        for name, added in touched.items():
            entries = {k: v for k, v in self._entries(name).items() if k in current}
            entries.update(added)
            self._data[name] = entries
            self._write(self.folder / name, {"key": self.key, "files": entries})

    def add_data(self, fresh: dict[str, tuple[str | None, dict[str, Any]]]) -> None:
        """Add a few files' data (file key -> (kind, data)), keeping every other entry (as :meth:`add_summaries`)."""
        self._add_entries((self.data_file(key, kind), key, data) for key, (kind, data) in fresh.items())

    def _add_entries(self, added: Iterable[tuple[str, str, Any]]) -> None:
        """Write each (shard file, key, entry) into its shard, keeping the shard's other entries."""
        touched: dict[str, dict[str, Any]] = {}
        for name, key, entry in added:
            touched.setdefault(name, dict(self._entries(name)))[key] = entry
        for name, entries in touched.items():
            self._data[name] = entries
            self._write(self.folder / name, {"key": self.key, "files": entries})

    def _entries(self, name: str) -> dict[str, Any]:
        if name not in self._data:
            payload = self._read(self.folder / name)
            ok = isinstance(payload, dict) and payload.get("key") == self.key and isinstance(payload.get("files"), dict)
            self._data[name] = payload["files"] if ok else {}
        return self._data[name]

    # --- storage -------------------------------------------------------------------------

    def _read(self, path: Path) -> Any:
        try:  # a regular file only: a FIFO or a device put in its place must not hang the run
            if self._readable is None:  # looked at once per run: a run reads dozens of cache files
                self._readable = self._own_folder()
            if not self._readable:
                return None
            raw = read_regular(path, _MAX_ENTRY_BYTES + 1, follow=False)  # netlint writes no links there
            if len(raw) > _MAX_ENTRY_BYTES:  # not one netlint wrote (a shard of a huge project is far smaller)
                return None
            try:  # orjson parses a few times faster; it refuses what json writes for NaN,
                return orjson.loads(raw)  # infinities and integers past 64 bits, which json reads back
            except ValueError:
                return json.loads(raw)
        except (OSError, ValueError, RecursionError):
            return None

    def _own_folder(self) -> bool:
        """Whether the cache folders are real folders (or absent), not links that could send writes anywhere,
        nor a folder that git tracks (see :func:`tracked`)."""
        if any(folder.is_symlink() or folder.is_file() for folder in (self.folder.parent, self.folder)):
            return False
        if self._tracked is None:  # (once per run: this is asked before every write)
            self._tracked = tracked(self.folder.parent.parent)
        return not self._tracked

    def _write(self, path: Path, payload: Any) -> None:
        """Atomically, and silently skipped when the folder cannot be written (a read-only checkout)
        or is not the project's own folder (a symbolic link, say, committed to the repository)."""
        try:
            # dumps, not dump: the C encoder is many times faster than dump's chunks
            text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            self._write_bytes(path, text.encode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return

    def store_patterns(self) -> None:
        """Record the regular expressions this run compiled, for the next run (see :mod:`netlint.regex_cache`)."""
        from netlint import regex_cache

        if not self._own_folder():
            return
        with contextlib.suppress(OSError, ValueError):
            self.folder.mkdir(parents=True, exist_ok=True)  # (the anchor is made in it before the record)
            regex_cache.save(self._write_bytes, self.folder)

    def _write_bytes(self, path: Path, data: bytes) -> None:
        if not self._own_folder():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        readme = self.folder.parent / "README"
        if not (readme.exists() or readme.is_symlink()):
            replace_text(readme, _README)
            replace_text(self.folder.parent / ".gitignore", "*\n")
        replace_file(path, data)

    def _prune(self, prefix: str, keep: int) -> None:
        """Keep the newest few files of a kind, so the folder does not grow without bound."""
        with contextlib.suppress(OSError):
            entries = sorted(self.folder.glob(f"{prefix}*"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[keep:]:
                old.unlink(missing_ok=True)


def tracked(root: Path) -> bool:
    """Whether git tracks a file in ``root``'s cache folder: a cache that came with a checkout (committed,
    or sent in a pull request) with `git add -f` past its `.gitignore`.

    Its entries are looked up by each file's digest, which anyone who writes the file knows: a crafted
    one could give a file with errors no diagnostics. Such a cache is never read nor written (a restored
    CI cache is not tracked, and is used). Asked of git itself (`git ls-files`), which reads its index in
    every form (split, sparse, format 4) in a few milliseconds; only inside a work tree (a `.git` above),
    and never when git is missing or will not answer.
    """
    top = root
    while not (top / ".git").exists():
        if top.parent == top:
            return False
        top = top.parent
    return _tracked(root, _index_signature(top / ".git"))


def _index_signature(dot_git: Path) -> tuple[int, ...] | None:
    """The size, time and inode of the git index (``dot_git``/index, or in the folder a ".git" file names),
    which any change to what git tracks rewrites: a run asks git once, not once per cache it opens."""
    try:
        folder = dot_git
        if dot_git.is_file():  # a linked work tree or a submodule: "gitdir: <path>"
            line = read_regular(dot_git, 4096).decode("utf-8", "replace").strip()
            folder = dot_git.parent / line.removeprefix("gitdir:").strip()
        info = (folder / "index").stat()
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


@functools.lru_cache(maxsize=8)
def _tracked(root: Path, signature: tuple[int, ...] | None) -> bool:
    """:func:`tracked`, asked of git, for the index as ``signature`` describes it."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return False
    try:
        done = subprocess.run(
            [git, "-C", str(root), "ls-files", "--cached", "-z", "--", CACHE_DIR],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and bool(done.stdout)


def clean(root: Path) -> bool:
    """Remove the project's cache folder (only the link, if it is a link); False when there was none.

    A file of that name is not netlint's (netlint never uses a cache that is not a folder): it is left
    alone, and ConfigError says so."""
    folder = root / CACHE_DIR
    if folder.is_symlink():
        folder.unlink()
        return True
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} is not a folder, so not netlint's cache; it was left alone")
    if not folder.exists():
        return False
    import errno
    import shutil
    import warnings

    def gone(function: object, path: str, info: tuple[type[BaseException], BaseException, object]) -> None:
        # What another netlint removed meanwhile (a run's temporary file renamed into place, a second
        # clean) is gone already, as `rm -rf` takes it; anything else is a failure.
        if not isinstance(info[1], FileNotFoundError):
            raise info[1]

    # A run writing into the folder as it is removed can add a file to a folder just emptied: try again.
    for attempt in range(5):
        try:
            with warnings.catch_warnings():  # onerror: the form Python 3.11 has (3.12 names it onexc)
                warnings.simplefilter("ignore", DeprecationWarning)
                shutil.rmtree(folder, onerror=gone)
        except FileNotFoundError:
            break  # the folder itself went
        except OSError as error:  # rmtree names the file inside the folder only
            if error.errno == errno.ENOTEMPTY and attempt < 4:
                continue
            inside = f" ({error.filename})" if error.filename else ""
            raise ConfigError(f"cannot remove the cache folder {folder}: {error.strerror or error}{inside}") from None
        break
    return True
