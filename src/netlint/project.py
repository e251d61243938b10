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
    # File names are bytes: show undecodable ones with U+FFFD and never let a newline split a report line.
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.replace("\n", "\\n").replace("\r", "\\r")


def discover(config: Config) -> Discovery:
    """Every content file, sorted; symbolic links are followed only while they stay inside the project."""
    content = config.content_dir
    if not content.is_dir():
        where = f" (set 'content' in {config.source})" if config.source else " (set 'content' in netlint.toml)"
        raise ConfigError(f"content folder '{relative(config, content)}' does not exist{where}")
    root = config.root.resolve()
    found = Discovery()
    seen_dirs: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(content, followlinks=True):
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
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    found.notes.append(f"{relative(config, path)}: skipped: it links outside the project")
                    continue
            found.files.append(path)
        # Symbolic links to folders are followed only when they stay inside the project.
        for name in list(dirnames):
            sub = here / name
            if sub.is_symlink() and not sub.resolve().is_relative_to(root):
                found.notes.append(f"{relative(config, sub)}: skipped: it links outside the project")
                dirnames.remove(name)
    found.files.sort(key=lambda p: relative(config, p))
    return found
