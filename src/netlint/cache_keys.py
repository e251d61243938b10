"""What a cached result is keyed on: the bytes of files, netlint's code, the settings and the registries.

A result is reused only under the key it was stored with, so everything that can change a
diagnostic is in the key: see :func:`run_key` and :func:`with_registries`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from pathlib import Path

from netlint import __version__
from netlint.config import Config

FORMAT = "netlint-cache/2"  # of every cache file; a new layout gets a new format


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@functools.cache
def _code_fingerprint() -> str:
    """netlint's version and the size and time of each of its files (as netlint.replay lists them, for
    its records): a dev checkout's edits count."""
    from netlint.replay import code_identity

    return digest(f"{__version__}\n{code_identity()}".encode())


def run_key(config: Config, today: str, schema_dir: Path) -> str:
    """What every cached result of this run depends on besides the files: netlint's code, the
    installed libraries' versions, the settings, `--today` and the schemas (the registries are added
    by :func:`with_registries`)."""
    settings = dataclasses.asdict(config)
    for name in ("root", "source", "baseline"):
        settings.pop(name, None)
    schemas = _schema_digests(schema_dir)
    from netlint.replay import installed

    payload = {
        "format": FORMAT,
        "code": _code_fingerprint(),
        "installed": installed(),  # a new version of the parser, validator or word list
        "settings": settings,
        "today": today,
        "schemas": schemas,
    }
    return digest(json.dumps(payload, sort_keys=True, default=str).encode())


def _schema_digests(schema_dir: Path) -> list[tuple[str, str]]:
    """Each schema file's name and digest, read as netlint.schemas reads them: a regular file inside the
    folder, of bounded size. A file it cannot read so gets a mark instead (loading it then fails with a
    message), never a read of a device, a FIFO, or a file outside the folder."""
    from netlint.fileio import read_regular
    from netlint.schemas import MAX_SCHEMA_BYTES

    folder = schema_dir.resolve()
    out = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        try:
            if not path.resolve().is_relative_to(folder):
                out.append((path.name, "outside the folder"))
                continue
            raw = read_regular(path, MAX_SCHEMA_BYTES + 1)
        except (OSError, RuntimeError):  # RuntimeError: a link loop
            out.append((path.name, "unreadable"))
            continue
        out.append((path.name, digest(raw) if len(raw) <= MAX_SCHEMA_BYTES else "too large"))
    return out


def with_registries(base: str, registries: dict[str, str]) -> str:
    """The key of the files' results: :func:`run_key` and the registries' identities (document rules
    consult sources, contributors and the glossary)."""
    return digest(json.dumps([base, sorted(registries.items())]).encode())
