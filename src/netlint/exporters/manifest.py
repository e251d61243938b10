"""json/manifest.json: what an export was made from and every file it wrote, with sizes and digests."""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netlint import __version__
from netlint.exporters import BUNDLE_FORMAT

MANIFEST = "json/manifest.json"


_MAX_CONTENT_BYTES = 1 << 31  # above limits.max_file_bytes's ceiling: every file validate read


def content_sha256(root: Path, relpaths: Iterable[str]) -> str:
    """The SHA-256 digest of the content files an export was made from, as lowercase hex.

    Definition (stable, so publishers can recompute it): take every content file read
    (the ``*.yaml``/``*.yml`` files under the content folder), named by its path
    relative to the project root with ``/`` separators, sorted by those paths in
    Unicode code-point order. For each file in turn, feed the hash:

    1. the path encoded as UTF-8,
    2. one NUL byte (``\\x00``),
    3. the file's length in bytes, written in decimal ASCII digits,
    4. one NUL byte,
    5. the file's bytes exactly as stored on disk.

    The length makes the framing unambiguous: no two different sets of files give the
    same byte stream. Configuration files are not part of it.
    """
    from netlint.fileio import read_regular

    digest = hashlib.sha256()
    for relpath in sorted(set(relpaths)):
        data = read_regular(root / relpath, _MAX_CONTENT_BYTES)  # never a FIFO or a device
        digest.update(relpath.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def listing(folder: Path, exclude: Iterable[str] = (MANIFEST,)) -> list[dict[str, Any]]:
    """Every file under ``folder`` (relative, ``/`` separators, sorted) with its size and SHA-256."""
    skip = set(exclude)
    found: list[str] = []
    for here, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            relpath = (Path(here) / name).relative_to(folder).as_posix()
            if relpath not in skip:
                found.append(relpath)
    return [
        {"path": relpath, "size": (folder / relpath).stat().st_size, "sha256": file_sha256(folder / relpath)}
        for relpath in sorted(found)
    ]


def build(
    *,
    export_date: datetime.date,
    content_digest: str,
    counts: dict[str, int],
    warnings: int,
    files: list[dict[str, Any]],
) -> dict[str, Any]:
    """The manifest object; ``files`` comes from `listing()` over the finished export."""
    return {
        "format": BUNDLE_FORMAT,
        "netlint": __version__,
        "export_date": export_date.isoformat(),
        "content_sha256": content_digest,
        "counts": counts,
        "warnings": warnings,
        "files": files,
    }


def counts(bundle: dict[str, Any]) -> dict[str, int]:
    """How many records of each kind the bundle holds."""
    return {key: len(bundle[key]) for key in ("topics", "procedures", "sources", "contributors", "glossary")}
