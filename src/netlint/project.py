"""Find the project's content files: every *.yaml / *.yml under the content folder, never outside the project."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from netlint.config import Config, ConfigError
from netlint.diagnostic import printable

EXTENSIONS = (".yaml", ".yml")  # in any case: "Page.YAML", as a case-insensitive file system sees it


@dataclass
class Discovery:
    """The content files found (as reported, and their paths) and notes about what was passed over."""

    found: list[tuple[str, str]] = field(default_factory=list)  # (relative path as reported, path), sorted
    notes: list[str] = field(default_factory=list)
    # Content files and folders that are links leading outside the project: (shown name, what they lead
    # to, whether a folder). Never read; each is a Y003 error, so that no page goes unchecked unseen.
    outside: list[tuple[str, str, bool]] = field(default_factory=list)
    # Folders inside the content folder that cannot be listed: (shown name, why). Each is a Y003 error:
    # the pages in it are neither checked nor exported.
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    # Each folder walked and its entries as listed (what netlint.replay records of a run).
    folders: dict[str, list[os.DirEntry[str]]] = field(default_factory=dict)

    @property
    def files(self) -> list[Path]:
        return [Path(path) for _, path in self.found]


def relative(config: Config, path: Path | str) -> str:
    """A path relative to the project root, with "/" separators (as reported)."""
    text = str(path)
    root = str(config.root)
    if text.startswith(root + os.sep):  # the common case, without pathlib's cost
        text = text[len(root) + 1 :].replace(os.sep, "/")
    else:
        try:
            text = Path(path).relative_to(config.root).as_posix()
        except ValueError:
            text = Path(path).as_posix()
    # File names are bytes: show undecodable ones as \xNN escapes (distinct names stay distinct, unlike
    # U+FFFD) and never let a newline or another control character split or garble a report line.
    if text.isascii() and text.isprintable():
        return text
    return printable(text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def _inside(path: Path, root: Path) -> bool:
    """Whether a symbolic link ends inside the project.

    A link loop ends nowhere (Python 3.11 raises RuntimeError for it): it is kept, so
    that reading it fails with a Y003 diagnostic naming the loop, and nothing is read.
    """
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return True


def _target(path: str) -> str:
    """Where a link leads, as shown in a message."""
    try:
        return printable(str(Path(path).resolve()))
    except (OSError, RuntimeError):
        return printable(os.readlink(path))


def discover(config: Config) -> Discovery:
    """Every content file, sorted; symbolic links are followed only while they stay inside the project."""
    content = config.content_dir
    if config.source:
        where = f" (set 'content' in {config.source})"
    else:  # no configuration found: most likely netlint was not run inside the project
        where = (
            f" in {config.root}, where no netlint.toml or [tool.netlint] was found (nor in any folder above it):"
            " run netlint inside the project, or give a path inside it"
        )
    if not content.is_dir():
        what = "is not a folder" if content.exists() else "does not exist"
        place = config.place("content")
        if place is not None:  # the setting at fault, where it is written
            raise ConfigError(f"{place}: content folder '{relative(config, content)}' {what}")
        raise ConfigError(f"content folder '{relative(config, content)}' {what}{where}")
    root = config.root.resolve()
    if not _inside(content, root):
        raise ConfigError(
            f"content folder '{relative(config, content)}' links outside the project (to {content.resolve()}); "
            f"netlint reads only files inside the project: move the content into it{where}"
        )
    found = Discovery()
    named: list[tuple[str, str]] = []  # (shown name, path)
    seen_dirs: set[tuple[int, int]] = set()
    root_text = str(config.root)
    escaped: list[str] = []  # names that had to be escaped to be shown (see below)

    def walk(folder: str) -> list[str]:
        """List one folder: keep its content files, return its subfolders. (The order is sorted at the end.)"""
        # os.scandir, not os.walk: its entries know (from the directory listing itself) which are
        # links, files and folders, so a project of 10,000 files costs a few system calls, not 30,000.
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen_dirs:
                return []  # a link back to a folder already walked
            seen_dirs.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = found.folders[folder] = list(listing)
        except OSError as error:
            # os.walk would silently skip a folder it cannot list; say so instead.
            reason = error.strerror or error
            if folder == str(content):
                raise ConfigError(f"cannot read the content folder '{relative(config, content)}': {reason}") from None
            found.unreadable.append((relative(config, Path(folder)), str(reason)))
            return []
        # A file is shown as its folder's shown name and its own: relative() once per folder, not per file.
        prefix = "" if folder == root_text else relative(config, folder) + "/"
        if folder == root_text:
            inner = ""
        else:
            inner = folder[len(root_text) + 1 :] if folder.startswith(root_text + os.sep) else "\n"
        if not (inner.isascii() and inner.isprintable()):
            escaped.append(folder)  # (or, outside the root's text, shown some other way)
        folders: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()  # follows links
            except OSError:
                is_folder = False
            if not is_folder and not name.lower().endswith(EXTENSIONS):  # "Page.YAML" too
                continue
            if entry.is_symlink() and not _inside(Path(entry.path), root):
                found.outside.append((relative(config, Path(entry.path)), _target(entry.path), is_folder))
                continue
            if is_folder:
                folders.append(entry.path)
            elif name.isascii() and name.isprintable():
                named.append((prefix + name, entry.path))
            else:
                named.append((relative(config, entry.path), entry.path))
                escaped.append(name)
        return folders

    pending = [str(content)]
    while pending:  # a loop, not recursion: however deep the folders go
        pending.extend(walk(pending.pop()))
    if not escaped:  # printable ASCII names are shown as they are: distinct files, distinct names
        named.sort(key=itemgetter(0))
        found.found = named
    else:
        named.sort()
        # Two names that differ only in undecodable bytes or control characters could be shown the same:
        # the shown name is how a file is known, so the second one is skipped with a note, never merged.
        shown: set[str] = set()
        for name, path in named:
            if name in shown:
                found.notes.append(f"{name}: skipped: another file's name is shown the same way; rename one of them")
                continue
            shown.add(name)
            found.found.append((name, path))
    found.outside.sort()
    found.unreadable.sort()
    if not found.found and not found.outside and not found.unreadable:
        found.notes.append(f"no content files (*.yaml, *.yml) found in '{relative(config, content)}'")
    return found
