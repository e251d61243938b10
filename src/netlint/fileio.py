"""Reading content and cache files (regular files only, up to a limit), and replacing a file atomically.

Kept apart from the loader (which needs the rule registry for its diagnostics) so that a run answered
from the cache can read its files without importing the rules.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """A content path that is a FIFO, a device or a socket: never opened for reading."""


def read_regular(path: Path | str, limit: int, *, follow: bool = True) -> bytes:
    """Up to ``limit`` bytes of a regular file; OSError saying why not otherwise.

    The path is checked before it is opened (opening a device can have side effects),
    then opened non-blocking and checked again: a FIFO swapped in meanwhile cannot hang the run.
    With ``follow`` False, a symbolic link is not a regular file (netlint's own cache files).
    """
    mode = (os.stat if follow else os.lstat)(path).st_mode
    if stat.S_ISREG(mode):
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags if follow else flags | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(fd)
            mode = info.st_mode
            if stat.S_ISREG(mode):
                return _read_fd(fd, info.st_size, limit)
        finally:
            os.close(fd)
    what = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file"
    raise NotRegularFile(f"it is {what}; netlint reads only regular files")


def _read_fd(fd: int, size: int, limit: int) -> bytes:
    """Up to ``limit`` bytes (all with a negative limit) from ``fd``, whose size was ``size`` a moment ago.

    The first read asks for the size plus one: asking for the limit (a MiB) would make Python
    allocate, and then shrink, a buffer that large for every file. The file may have grown since
    it was measured, so reading goes on, in larger blocks, until the end or the limit.
    """
    parts: list[bytes] = []
    total = 0
    block = size + 1
    while limit < 0 or total < limit:
        chunk = os.read(fd, block if limit < 0 else min(block, limit - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        block = max(block, 1 << 16)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) as ``path``, as :func:`replace_file` does."""
    replace_file(path, text.encode("utf-8"))


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` as ``path`` by renaming a new temporary file over it: a link there is replaced,
    never followed. (As tempfile.mkstemp does, without importing tempfile and what it imports.)"""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = path.with_name(f".tmp-{os.urandom(6).hex()}{path.suffix}")
        try:
            handle = os.open(temporary, flags, 0o600)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"no free temporary name in {path.parent}")
    try:
        with open(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
