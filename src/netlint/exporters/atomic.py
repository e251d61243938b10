"""Atomic export folders: build aside in ``<out>.tmp-XXXXXXXX``, then swap in with two renames.

The staging folder is a sibling of ``--out`` (same parent, so the same file system and
``os.rename`` is atomic). On success the previous export is renamed to
``<out>.old-XXXXXXXX``, the new one renamed into place, and the old one deleted. On any
failure, including an exception or interrupt part-way, the previous export is untouched
and the staging folder is removed. A run killed outright can leave a staging or old
folder behind; the next export into the same ``--out`` removes it first.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from netlint.diagnostic import printable
from netlint.exporters import ExportError

_VERSION_CONTROL = (".git", ".hg", ".svn")  # never an --out, nor in one: `--out .git --force` would wipe a repository

#: Present at the top of every folder `netlint export` writes; only such folders are replaced without --force.
MARKER = ".netlint-export"
MARKER_TEXT = (
    "This folder was written by `netlint export` (format netlint-bundle/1).\n"
    "The next export replaces it as a whole: do not keep other files here.\n"
)


def check_target(
    out: Path,
    *,
    root: Path,
    content: Path,
    force: bool,
    settings: Sequence[tuple[Path, str]] = (),
    configured: bool = True,
) -> None:
    """Refuse an --out that netlint must not replace (ExportError, exit 2).

    ``out`` must be absolute, its parent resolved. Refused always: a symbolic link, the project root,
    the content folder or anything inside it, any folder that contains the project, the home, working
    or temporary folder or one holding it, any of
    ``settings`` (what netlint reads besides content: the configuration file, the baseline, the
    schema folder, each with what it is) or a folder holding one, and anything that is neither a
    regular file nor a folder (/dev/null, a FIFO). Refused unless ``force``: an existing file, or a
    non-empty folder without the export marker. ``configured``: whether the project has a configuration
    file (without one, its root is the working folder, which a message says).
    """
    root, content = root.resolve(), content.resolve()
    shown = str(out)
    if out.is_symlink():
        raise ExportError(
            f"--out {shown} is a symbolic link; an export replaces its --out folder as a whole and never writes "
            "through a link. Remove the link, or choose another --out"
        )
    if _within(out, root) == "same":
        raise ExportError(f"--out {shown} is the project root itself; choose a folder such as 'dist' inside it")
    if _within(out, content):
        raise ExportError(
            f"--out {shown} is inside the content folder {content}; exported files would be read as content. "
            "Choose a folder outside it, such as 'dist' in the project root"
        )
    if _within(root, out) or _within(content, out):
        found = "" if configured else " (no netlint.toml or pyproject.toml was found: the working folder is its root)"
        raise ExportError(f"--out {shown} contains the project{found}; an export replaces its whole --out folder")
    for place, what in _places():
        held = {"same": "is", "inside": "holds"}.get(_within(place, out) or "")
        if held:
            # (`--out ~ --force` replaced a home folder, and everything in it, with an export.)
            raise ExportError(
                f"--out {shown} {held} {what}; an export replaces its whole --out folder, even with --force. "
                "Choose a folder of its own, such as 'dist' in the project root"
            )
    for path, what in settings:
        # (`--out netlint.toml --force` made the configuration a folder: the next run read defaults and passed.)
        kept = path.resolve()
        held = {"same": "is", "inside": "holds"}.get(_within(kept, out) or "")
        if held is None and kept.is_dir() and _within(out, kept):
            held = "is inside"
        if held:
            raise ExportError(
                f"--out {shown} {held} {what}, which netlint reads; an export replaces its whole --out folder, "
                "even with --force. Choose another --out, such as 'dist' in the project root"
            )
    # Inside one too (`--out .git/refs --force` wiped a repository's branches); below the project root
    # only, should the project itself live in a folder of that name.
    below = out.relative_to(root).parts if out.is_relative_to(root) else out.parts
    # (Any case: on a case-insensitive file system, macOS's and Windows's default, ".GIT" is ".git".)
    inside = next((part for part in below[:-1] if part.lower() in _VERSION_CONTROL), None)
    if inside is not None:
        raise ExportError(
            f"--out {shown} is inside a version-control folder ({inside}); an export replaces its whole --out "
            "folder, even with --force. Choose another --out, such as 'dist' in the project root"
        )
    holds = out.is_dir() and any((out / name).exists() for name in _VERSION_CONTROL)
    if out.name.lower() in _VERSION_CONTROL or holds:
        raise ExportError(
            f"--out {shown} is a version-control folder, or holds one; an export replaces its whole --out folder, "
            "even with --force. Choose another --out, such as 'dist' in the project root"
        )
    if out.exists() and not (out.is_dir() or out.is_file()):  # a device, a FIFO, a socket: never replaced
        raise ExportError(
            f"--out {shown} is not a file or a folder (a device, a FIFO or a socket); choose another --out"
        )
    if not (out.exists() or out.is_symlink()) or force:
        return
    if not out.is_dir():
        raise ExportError(
            f"--out {shown} exists and is a file, not a folder; choose another --out, or add --force to replace it"
        )
    entries = sorted(entry.name for entry in out.iterdir())
    if entries and not _marked(out / MARKER):
        raise ExportError(
            f"--out {shown} is a folder that netlint did not write (it has files but no {MARKER} marker); "
            "an export replaces the whole folder. Choose another --out, or add --force to replace it"
        )
    # (An export's folder to which files were added: `touch thesis/.netlint-export` must not make a thesis one.)
    added = [printable(name) for name in entries if name not in _EXPORT_TOP]
    if added:
        listed = ", ".join(added[:3]) + (f" and {len(added) - 3} more" if len(added) > 3 else "")
        raise ExportError(
            f"--out {shown} holds files netlint did not write ({listed}); an export replaces the whole folder. "
            "Move them, choose another --out, or add --force to replace it"
        )


# What an export writes at the top of its folder: nothing else is in one that netlint wrote.
_EXPORT_TOP = frozenset({MARKER, "json", "html"})


def _marked(marker: Path) -> bool:
    """Whether ``marker`` is netlint's marker file: a regular file that starts as netlint writes it."""
    first = MARKER_TEXT.split("(", 1)[0].encode("utf-8")  # "This folder was written by `netlint export` "
    try:
        if marker.is_symlink() or not marker.is_file():
            return False
        with marker.open("rb") as handle:
            return handle.read(len(first)) == first
    except OSError:
        return False


def _within(inner: Path, outer: Path) -> str | None:
    """ "same" when ``inner`` is ``outer``, "inside" when it is inside it, else None: by their names, and, where
    they exist, by what they are. On a case-insensitive file system (macOS's and Windows's default)
    "NETLINT.TOML" is netlint.toml and "Content/x" is inside content/, though their names differ."""
    if inner == outer:
        return "same"
    if inner.is_relative_to(outer):
        return "inside"
    target = _identity(outer)
    if target is None:
        return None
    for depth, candidate in enumerate((inner, *inner.parents)):
        if _identity(candidate) == target:
            return "same" if depth == 0 else "inside"
    return None


def _identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of what ``path`` names (links followed), or None when nothing is there."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _places() -> list[tuple[Path, str]]:
    """Folders that are never an --out, nor inside one: the home folder, the working folder, the temporary
    folder (each resolved, when it can be found)."""
    found: list[tuple[Path, str]] = []
    for where, what in (
        (Path.home, "your home folder"),
        (Path.cwd, "the working folder"),
        (_temporary, "the system's temporary folder"),
    ):
        try:
            found.append((where().resolve(), what))
        except (OSError, RuntimeError, KeyError):  # no home (HOME unset, no password entry), a working folder gone
            continue
    return found


def _temporary() -> Path:
    import tempfile

    return Path(tempfile.gettempdir())


def write_file(folder: Path, relpath: str, data: bytes) -> None:
    """Write ``data`` to ``folder/relpath``, creating folders as needed."""
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh, empty staging folder beside ``out`` holding the marker file.

    When the ``with`` body finishes, the folder is flushed to disk and swapped in as
    ``out``. When the body (or the swap) raises, ``out`` is left exactly as it was and
    the staging folder is removed.
    """
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent), _terminations_raise():
        remove_stale(out)
        made: tuple[Path, Path] | None = None
        try:
            # A signal that comes while the folder is made waits until its name is known, to be removed:
            # taking effect between the two, it left the folder beside ``out``.
            with _signals_deferred():
                made = staged, old = _make_staging(out)
            write_file(staged, MARKER, MARKER_TEXT.encode("utf-8"))
            yield staged
            _sync_tree(staged)
            _swap(staged, out, old)
        finally:
            # Cleaning up is not cut short: a signal now (Ctrl-C, a CI job's time-out right after the swap)
            # would leave the previous export, or the staging folder, beside ``out``. It takes effect after.
            with _signals_deferred():
                if made is not None:
                    _remove(made[0])
                    if out.exists():  # after a swap that went through, the previous export is no longer needed
                        _remove(made[1])


@contextlib.contextmanager
def _terminations_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP (a CI job's time-out, `docker stop`, a closed terminal) raise SystemExit while
    an export is staged, as Ctrl-C raises KeyboardInterrupt, so that the staging folder is removed on
    the way out instead of being left beside ``out``. (Only the main thread can set a handler.)"""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block is done, then act on the first that came: Ctrl-C
    raises KeyboardInterrupt, the others SystemExit(128 + the signal), as they would have."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []

    def hold(signum: int, frame: object) -> None:
        arrived.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if arrived:
        if arrived[0] == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + arrived[0])


def _make_staging(out: Path) -> tuple[Path, Path]:
    """Create ``<out>.tmp-XXXXXXXX`` (with the usual umask permissions) and name its ``.old-`` twin."""
    for _attempt in range(100):
        suffix = secrets.token_hex(4)
        staged = out.parent / f"{out.name}.tmp-{suffix}"
        try:
            staged.mkdir()  # not tempfile.mkdtemp: its 0700 mode would end up on the published folder
        except FileExistsError:
            continue
        return staged, out.parent / f"{out.name}.old-{suffix}"
    raise ExportError(f"cannot create a staging folder beside {out}")


def remove_stale(out: Path) -> list[Path]:
    """Remove ``<out>.tmp-*`` / ``<out>.old-*`` folders (or files) left by an export that was killed.

    A run killed between its two renames leaves no ``out`` but the previous export in
    ``<out>.old-*``: that one is put back in place instead of being removed.
    """
    pattern = re.compile(re.escape(out.name) + r"\.(tmp|old)-[0-9a-f]{8}")
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for entry in sorted(out.parent.iterdir()):
            match = pattern.fullmatch(entry.name)
            if match is None:
                continue
            if match.group(1) == "old" and not (out.exists() or out.is_symlink()) and (entry / MARKER).is_file():
                os.rename(entry, out)
                continue
            _remove(entry)
            removed.append(entry)
    return removed


def _swap(staged: Path, out: Path, old: Path) -> None:
    """Put ``staged`` in place of ``out``; on failure restore ``out``.

    Where the system can exchange two paths in one step (Linux's renameat2), ``out`` is never
    missing, not even for an instant: the previous export ends up at ``staged``'s name, which the
    caller removes. Elsewhere ``out`` is renamed aside first; a run killed between the two renames
    leaves it in ``old``, which the next export puts back (:func:`remove_stale`).
    """
    aside = False
    if out.exists() or out.is_symlink():
        if _exchange(staged, out):
            _sync_dir(out.parent)
            return
        os.rename(out, old)
        aside = True
    try:
        os.rename(staged, out)
    except BaseException:
        if aside:
            os.rename(old, out)
        raise
    _sync_dir(out.parent)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (renameat2 with RENAME_EXCHANGE); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (glibc before 2.28, musl before 1.2.1)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_cwd, rename_exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE (linux/fcntl.h, linux/fs.h)
    # Any failure (a file system without the flag, say) leaves both paths as they were: rename instead.
    done: int = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange)
    return done == 0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()


def _sync_tree(folder: Path) -> None:
    """fsync every file and folder under ``folder``, so a crash after the swap cannot leave empty files."""
    for here, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            fd = os.open(Path(here) / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(here))


def _sync_dir(folder: Path) -> None:
    # Folders cannot be opened for fsync on Windows; there the rename is as durable as it gets.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``parent`` so two exports there cannot remove each other's staging folders.

    Another export there (into the same ``--out``, or a sibling: a CI matrix writing build/en and
    build/fr) is waited for, with a note: exports are short, and each then goes through in turn.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, stale-folder cleanup still works for killed runs
        yield
        return
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write(f"note: waiting for another netlint export into {printable(str(parent))} to finish\n")
            sys.stderr.flush()
            fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C still ends the wait
        except OSError:
            pass  # a file system without locks: carry on unlocked
        yield
    finally:
        os.close(fd)
