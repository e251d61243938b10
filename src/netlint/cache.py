"""The result cache in `.netlint_cache/`: keyed on content, never trusted blindly, safe to share.

Two layers, both keyed by SHA-256:

- per file: the file's own diagnostics and its data, keyed on its bytes and
  path plus everything else that can change them (netlint's version and code,
  the schemas, the configuration, `--today`, and the registries' bytes, since
  document rules consult sources, contributors and the glossary);
- per project: the final diagnostics, keyed on that and every file's digest,
  so an unchanged project is answered without parsing anything.

Entries are JSON (never pickle: a cache folder can come with a checkout, and
loading it must not be able to run code). A missing, corrupt, truncated or
foreign entry is ignored and rebuilt. Writes go to a temporary file that is
renamed into place, so two runs sharing the folder never see half an entry.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from netlint import __version__
from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity
from netlint.loader import read_regular

CACHE_DIR = ".netlint_cache"
FORMAT = "netlint-cache/1"
_README = "This folder holds netlint's result cache. It is safe to delete (`netlint cache clean`).\n"


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _code_fingerprint() -> str:
    """netlint's version and the size and time of each of its source files: a dev checkout's edits count."""
    package = Path(__file__).resolve().parent
    parts = [__version__]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".gz", ".txt") and path.is_file():
            info = path.stat()
            parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(parts).encode())


def run_key(config: Config, today: str, schema_dir: Path, registries: dict[str, str]) -> str:
    """What every cached result of this run depends on, besides the file itself."""
    settings = dataclasses.asdict(config)
    for name in ("root", "source", "baseline", "extra"):
        settings.pop(name, None)
    schemas = [(p.name, digest(p.read_bytes())) for p in sorted(schema_dir.glob("*.json")) if p.is_file()]
    payload = {
        "format": FORMAT,
        "code": _code_fingerprint(),
        "settings": settings,
        "today": today,
        "schemas": schemas,
        "registries": sorted(registries.items()),
    }
    return digest(json.dumps(payload, sort_keys=True, default=str).encode())


def _diagnostic_to_json(diag: Diagnostic) -> list[Any]:
    return [
        diag.path,
        diag.line,
        diag.column,
        diag.end_line,
        diag.end_column,
        diag.code,
        diag.severity.value,
        diag.rule,
        diag.message,
    ]


def _diagnostic_from_json(item: Any) -> Diagnostic:
    path, line, column, end_line, end_column, code, severity, rule, message = item
    for number in (line, column, end_line, end_column):
        if not isinstance(number, int) or isinstance(number, bool):
            raise ValueError("bad position")
    if not all(isinstance(text, str) for text in (path, code, rule, message)):
        raise ValueError("bad text")
    return Diagnostic(path, line, column, end_line, end_column, code, Severity(severity), rule, message)


@dataclasses.dataclass
class CachedFile:
    """One file's cached outcome: its own diagnostics, and its data if it parsed to a mapping."""

    diagnostics: list[Diagnostic]
    data: dict[str, Any] | None
    valid: bool
    broken: bool


class Cache:
    """The cache of one project for one run key."""

    def __init__(self, root: Path, key: str) -> None:
        self.folder = root / CACHE_DIR / "v1"
        self.key = key

    # --- per project ---------------------------------------------------------------------

    def project_key(self, digests: dict[str, str]) -> str:
        return digest(json.dumps([self.key, sorted(digests.items())]).encode())

    def load_project(self, key: str) -> list[Diagnostic] | None:
        payload = self._read(self.folder / f"project-{key}.json")
        if not isinstance(payload, dict) or payload.get("key") != key:
            return None
        try:
            return [_diagnostic_from_json(item) for item in payload["diagnostics"]]
        except (KeyError, TypeError, ValueError):
            return None

    def store_project(self, key: str, diagnostics: list[Diagnostic]) -> None:
        self._prune("project-", keep=8)
        self._write(
            self.folder / f"project-{key}.json",
            {"key": key, "diagnostics": [_diagnostic_to_json(d) for d in diagnostics]},
        )

    # --- per file ------------------------------------------------------------------------

    def file_key(self, relpath: str, file_digest: str) -> str:
        return digest(f"{self.key}\0{relpath}\0{file_digest}".encode())

    def load_files(self) -> dict[str, CachedFile]:
        payload = self._read(self.folder / f"files-{self.key}.json")
        if (
            not isinstance(payload, dict)
            or payload.get("key") != self.key
            or not isinstance(payload.get("files"), dict)
        ):
            return {}
        out: dict[str, CachedFile] = {}
        for file_key, entry in payload["files"].items():
            try:
                diagnostics = [_diagnostic_from_json(item) for item in entry["diagnostics"]]
                data = entry["data"]
                if data is not None and not isinstance(data, dict):
                    continue
                out[file_key] = CachedFile(diagnostics, data, bool(entry["valid"]), bool(entry["broken"]))
            except (KeyError, TypeError, ValueError):
                continue  # one bad entry costs only its own re-check
        return out

    def store_files(self, entries: dict[str, CachedFile]) -> None:
        self._prune("files-", keep=4)
        files = {
            key: {
                "diagnostics": [_diagnostic_to_json(d) for d in entry.diagnostics],
                "data": entry.data,
                "valid": entry.valid,
                "broken": entry.broken,
            }
            for key, entry in entries.items()
        }
        self._write(self.folder / f"files-{self.key}.json", {"key": self.key, "files": files})

    # --- storage -------------------------------------------------------------------------

    def _read(self, path: Path) -> Any:
        try:  # a regular file only: a FIFO or a device put in its place must not hang the run
            if not self._own_folder():
                return None
            return json.loads(read_regular(path, -1))
        except (OSError, ValueError, RecursionError):
            return None

    def _own_folder(self) -> bool:
        """Whether the cache folders are real folders (or absent), not links that could send writes anywhere."""
        return not any(folder.is_symlink() or folder.is_file() for folder in (self.folder.parent, self.folder))

    def _write(self, path: Path, payload: Any) -> None:
        """Atomically, and silently skipped when the folder cannot be written (a read-only checkout)
        or is not the project's own folder (a symbolic link, say, committed to the repository)."""
        try:
            if not self._own_folder():
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            readme = self.folder.parent / "README"
            if not (readme.exists() or readme.is_symlink()):
                _replace_text(readme, _README)
                _replace_text(self.folder.parent / ".gitignore", "*\n")
            handle = tempfile.NamedTemporaryFile("w", dir=self.folder, prefix=".tmp-", suffix=".json", delete=False)
            try:
                with handle:  # dumps, not dump: the C encoder is many times faster than dump's chunks
                    handle.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
                os.replace(handle.name, path)
            except BaseException:
                Path(handle.name).unlink(missing_ok=True)
                raise
        except (OSError, ValueError, RecursionError):
            return

    def _prune(self, prefix: str, keep: int) -> None:
        """Keep the newest few entries of a kind, so the folder does not grow without bound."""
        with contextlib.suppress(OSError):
            entries = sorted(self.folder.glob(f"{prefix}*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[keep:]:
                old.unlink(missing_ok=True)


def _replace_text(path: Path, text: str) -> None:
    """Write ``text`` as ``path`` by renaming a temporary file over it: a link there is replaced, never followed."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".tmp-", delete=False)
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def clean(root: Path) -> bool:
    """Remove the project's cache folder (only the link, if it is a link); False when there was none."""
    folder = root / CACHE_DIR
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
        return True
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
