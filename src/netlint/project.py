"""Find the project's content files: every *.yaml / *.yml under the content folder, never outside the project."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from netlint.config import Config, ConfigError

EXTENSIONS = (".yaml", ".yml")


@dataclass
class Discovery:
    """The content files found, and notes about what was passed over."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def relative(config: Config, path: Path) -> str:
    """A path relative to the project root, with "/" separators (as reported)."""
    text = str(path)
    root = str(config.root)
    if text.startswith(root + os.sep):  # the common case, without pathlib's cost
        text = text[len(root) + 1 :].replace(os.sep, "/")
    else:
        try:
            text = path.relative_to(config.root).as_posix()
        except ValueError:
            text = path.as_posix()
    # File names are bytes: show undecodable ones as \xNN escapes (distinct names stay distinct, unlike
    # U+FFFD) and never let a newline or another control character split or garble a report line.
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if not text.isprintable():
        text = "".join(char if char.isprintable() else _escape(char) for char in text)
    return text


def _escape(char: str) -> str:
    """A control or other unprintable character written as a Python-style escape."""
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _inside(path: Path, root: Path) -> bool:
    """Whether a symbolic link ends inside the project.

    A link loop ends nowhere (Python 3.11 raises RuntimeError for it): it is kept, so
    that reading it fails with a Y003 diagnostic naming the loop, and nothing is read.
    """
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return True


def discover(config: Config) -> Discovery:
    """Every content file, sorted; symbolic links are followed only while they stay inside the project."""
    content = config.content_dir
    where = f" (set 'content' in {config.source})" if config.source else " (set 'content' in netlint.toml)"
    if not content.is_dir():
        what = "is not a folder" if content.exists() else "does not exist"
        raise ConfigError(f"content folder '{relative(config, content)}' {what}{where}")
    root = config.root.resolve()
    if not _inside(content, root):
        raise ConfigError(
            f"content folder '{relative(config, content)}' links outside the project (to {content.resolve()}); "
            f"netlint reads only files inside the project: move the content into it{where}"
        )
    found = Discovery()
    seen_dirs: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        # os.walk would silently skip a folder it cannot list; say so instead.
        folder = Path(error.filename) if error.filename else content
        reason = error.strerror or error
        if folder == content:
            raise ConfigError(f"cannot read the content folder '{relative(config, content)}': {reason}")
        found.notes.append(f"{relative(config, folder)}: skipped: cannot read the folder: {reason}")

    for folder, dirnames, filenames in os.walk(content, onerror=unreadable, followlinks=True):
        here = Path(folder)
        try:
            info = here.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(EXTENSIONS) or name.startswith("."):
                continue
            path = here / name
            if path.is_symlink() and not _inside(path, root):
                found.notes.append(f"{relative(config, path)}: skipped: it links outside the project")
                continue
            found.files.append(path)
        # Symbolic links to folders are followed only when they stay inside the project.
        for name in list(dirnames):
            sub = here / name
            if sub.is_symlink() and not _inside(sub, root):
                found.notes.append(f"{relative(config, sub)}: skipped: it links outside the project")
                dirnames.remove(name)
    found.files.sort(key=lambda p: relative(config, p))
    # Two names that differ only in undecodable bytes or control characters could be shown the same:
    # the shown name is how a file is known, so the second one is skipped with a note, never merged.
    shown: set[str] = set()
    kept: list[Path] = []
    for path in found.files:
        name = relative(config, path)
        if name in shown:
            found.notes.append(f"{name}: skipped: another file's name is shown the same way; rename one of them")
            continue
        shown.add(name)
        kept.append(path)
    found.files = kept
    if not found.files:
        found.notes.append(f"no content files (*.yaml, *.yml) found in '{relative(config, content)}'")
    return found
