"""What tells a file changed without reading it: its size, times, inode and device, as one string.

The cache's stat index, its record of an unchanged project and netlint.replay all compare these.
Kept in a module of its own that imports only os: the replay reads them before anything else loads.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time (type checkers take this name as typing's)
if TYPE_CHECKING:
    from collections.abc import Iterable


def stamps(infos: Iterable[os.stat_result]) -> list[str]:
    """The signature of each stat result (one comprehension: this runs for every file of every run)."""
    return [f"{i.st_size}:{i.st_mtime_ns}:{i.st_ctime_ns}:{i.st_ino}:{i.st_dev}" for i in infos]


def signature(path: str) -> str | None:
    """The file's signature; None when it cannot be stat'ed."""
    try:
        return stamps([os.stat(path)])[0]
    except (OSError, ValueError):
        return None


def changed_since(sig: str, moment_ns: int) -> bool:
    """Whether the file's times in ``sig`` are at or after ``moment_ns``."""
    _, mtime, ctime, _, _ = sig.split(":")
    return int(mtime) >= moment_ns or int(ctime) >= moment_ns
