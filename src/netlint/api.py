"""Orchestration: validate a project and return values. No printing, no exiting."""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netlint import cache
from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity, Span
from netlint.project import Discovery, discover, relative
from netlint.project_run import ProjectRun

# The parser, the engine and the rules are imported by the methods that use them: a run answered
# from the cache (an unchanged project) needs none of them, and their imports are most of its time.
if TYPE_CHECKING:
    from netlint.index import ProjectIndex
    from netlint.loader import Document
    from netlint.rules import Rule


@dataclass
class Result:
    """The outcome of a validation run."""

    today: datetime.date
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    checked_paths: list[str] = field(default_factory=list)
    reported_paths: list[str] = field(default_factory=list)  # the files whose diagnostics are reported
    notes: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    # What the run saw of the content, when every file was as its signature says and the result is
    # stored for them (None otherwise): what netlint.replay records.
    observed: Observed | None = None
    # A file whose name had to be escaped to be shown (a line break, a tab, a no-break space, bytes that
    # are not UTF-8): its shown name (how diagnostics know it) and its real path from the project root,
    # with "/" and undecodable bytes as surrogates (os.fsdecode's). Every other file is its shown name.
    real_paths: dict[str, str] = field(default_factory=dict)

    def real_path(self, shown: str) -> str:
        """The real relative path of the file shown as ``shown`` (surrogates for bytes that are not UTF-8)."""
        return self.real_paths.get(shown, shown)

    def path_text(self, shown: str) -> str:
        """The real relative path as text a report can carry in its own escaping (JSON, XML, a GitHub
        command): a byte that is not UTF-8 written as ``\\xNN``, as the shown name writes it."""
        real = self.real_paths.get(shown)
        if real is None:
            return shown
        return real.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def path_bytes(self, shown: str) -> bytes:
        """The real relative path's bytes (for a URI, which can name any file)."""
        return self.real_path(shown).encode("utf-8", "surrogateescape")

    def counts(self) -> dict[str, int]:
        out = {severity.value: 0 for severity in Severity}
        for diag in self.diagnostics:
            out[diag.severity.value] += 1
        return out

    def fails(self, threshold: Severity) -> bool:
        """Whether any diagnostic is at least as severe as ``threshold``."""
        return any(diag.severity.rank >= threshold.rank for diag in self.diagnostics)


@dataclass
class Observed:
    """The content as a run saw it: each folder's entries as listed, the files, and their signatures."""

    folders: dict[str, list[Any]]
    found: list[tuple[str, str]]
    signatures: list[str | None]


def known_codes() -> list[str]:
    """Every rule code (without importing the rules: see netlint.codes)."""
    from netlint.codes import CODES

    return list(CODES)


_NAMED = 5  # files a note names before "and N more"


def validate(
    config: Config,
    today: datetime.date,
    paths: Sequence[Path] = (),
    *,
    jobs: int | None = 1,
    use_cache: bool = False,
) -> Result:
    """Check the whole project; with ``paths``, report only diagnostics located in those files.

    ``jobs``: worker processes (None or 0: as many as useful). ``use_cache``: read and
    write `.netlint_cache/` in the project root.
    """
    found = discover(config)
    result = Result(today=today, notes=list(found.notes))
    if use_cache and cache.tracked(config.root):
        result.notes.append(
            f"{cache.CACHE_DIR}/ is tracked by git, so netlint neither reads nor writes it (a cache that comes "
            f"with a checkout could hide errors); untrack it: git rm -r --cached {cache.CACHE_DIR}"
        )
    result.checked_paths = [relpath for relpath, _ in found.found]
    result.real_paths = _real_paths(config, found)
    result.files_checked = len(found.found)
    result.reported_paths = list(result.checked_paths)
    focus: frozenset[str] | None = None
    if paths:
        focus = frozenset(_wanted(config, paths, result, [shown for shown, _, _ in found.outside]))
        result.reported_paths = [p for p in result.checked_paths if p in focus]
    run = ProjectRun(config, today, jobs, focus)
    result.diagnostics, result.documents = run.check(found.found, use_cache)
    if found.outside or found.unreadable:
        result.diagnostics = sorted([*result.diagnostics, *_not_read(found, config, focus, run)])
        passed_over = [shown for shown, _, _ in found.outside] + [shown for shown, _ in found.unreadable]
        result.reported_paths = sorted(
            {*result.reported_paths, *(shown for shown in passed_over if focus is None or shown in focus)}
        )
    if run.hidden:
        shown = ", ".join(run.hidden[:_NAMED])
        more = f" and {len(run.hidden) - _NAMED} more" if len(run.hidden) > _NAMED else ""
        one = len(run.hidden) == 1
        result.notes.append(
            f"{shown}{more}: not valid YAML or not valid against {'its' if one else 'their'} schema, but the "
            "configuration or a suppression hides that error (Y or S), so the rules that need a valid document "
            f"did not check {'it' if one else 'them'} and export will refuse {'it' if one else 'them'}"
        )
    if run.settled is not None and focus is None and not found.notes and not found.outside and not found.unreadable:
        result.observed = Observed(found.folders, found.found, run.settled)
    return result


def _real_paths(config: Config, found: Discovery) -> dict[str, str]:
    """Shown name → real relative path, for the files whose shown name is not their real one."""
    real: dict[str, str] = {}
    root = str(config.root)
    for shown, path in found.found:
        if path == root + os.sep + shown.replace("/", os.sep):
            continue  # shown as it is (nearly every name)
        relative = os.path.relpath(path, root).replace(os.sep, "/") if path.startswith(root + os.sep) else path
        if relative != shown:
            real[shown] = relative
    return real


def _not_read(found: Discovery, config: Config, focus: frozenset[str] | None, run: ProjectRun) -> list[Diagnostic]:
    """Y003 for each content file or folder that links outside the project, and each folder that cannot be
    listed (in the focus, with one): a page no run checks or exports must not pass unseen."""
    from netlint.policy import apply_policy
    from netlint.rules._registry import diagnostic

    problems = []
    for shown, target, folder in found.outside:
        if focus is not None and shown not in focus:
            continue
        what = "folder" if folder else "file"
        message = (
            f"this {what} is a link to {target}, outside the project; netlint reads only files inside the project "
            f"(nothing there is checked or exported): move the {what} into the project, or remove the link"
        )
        problems.append(diagnostic("Y003", shown, Span(1, 1, 1, 2), message))
    for shown, reason in found.unreadable:
        if focus is not None and shown not in focus:
            continue
        message = (
            f"cannot read this folder: {reason}; the pages in it are neither checked nor exported: "
            "let netlint read it (its permissions), or move it out of the content folder"
        )
        problems.append(diagnostic("Y003", shown, Span(1, 1, 1, 2), message))
    return apply_policy(problems, config, [], run.rules)


def _wanted(config: Config, paths: Sequence[Path], result: Result, outside: Sequence[str] = ()) -> set[str]:
    """The checked files among ``paths`` (files or folders); others get a note."""
    content = config.content_dir.resolve()
    wanted: set[str] = set()
    checked = set(result.checked_paths)
    settings, schemas = _settings_files(config)
    for given in paths:
        try:
            absolute = given.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop, which discovery kept for its Y003
            absolute = Path(os.path.abspath(given))
        if content.is_relative_to(absolute) and absolute.is_dir():  # ".", the project root: every file
            wanted.update(result.checked_paths)
            continue
        if absolute in settings or (schemas is not None and absolute.parent == schemas):
            # The configuration, the baseline or a schema: an edit to it can change any file's diagnostics
            # (pre-commit passes it when only it changed): every file.
            wanted.update(result.checked_paths)
            continue
        if not absolute.is_relative_to(content):
            if not Path(os.path.abspath(given)).is_relative_to(content):
                other = _other_project(absolute, config)
                if other is not None:
                    result.notes.append(
                        f"{given}: skipped: content of another netlint project ({other}); netlint checks one "
                        "project per run: run it once per project (with pre-commit, one hook per project)"
                    )
                else:
                    result.notes.append(f"{given}: skipped: not inside the content folder '{config.content}'")
            else:  # a link in the content folder that leads out of it, or a path through one: its Y003
                rel = relative(config, os.path.abspath(given))
                wanted.update(link for link in outside if rel == link or rel.startswith(link + "/"))
            continue
        rel = relative(config, absolute)
        if rel in checked:  # a file (pre-commit passes files): no need to look through the others
            wanted.add(rel)
            continue
        matches = {p for p in result.checked_paths if p == rel or p.startswith(rel.rstrip("/") + "/")}
        if not matches and any(part.startswith(".") for part in absolute.relative_to(content).parts):
            result.notes.append(f"{given}: skipped: a name starting with '.' is hidden, never content")
        elif not matches and absolute.is_dir():
            result.notes.append(f"{given}: skipped: a folder with no content files (*.yaml, *.yml)")
        elif not matches and absolute.suffix.lower() not in (".yaml", ".yml"):
            result.notes.append(f"{given}: skipped: not a YAML content file")
        wanted |= matches
    return wanted


def _settings_files(config: Config) -> tuple[set[Path], Path | None]:
    """The files that decide every file's diagnostics (the configuration file and the baseline it names),
    and the project's own schema folder (any file in it does), if it has one."""
    files = {path.resolve() for path in (config.source, config.baseline_path()) if path is not None}
    return files, None if config.schema_dir is None else config.schema_dir.resolve()


def _other_project(absolute: Path, config: Config) -> Path | None:
    """The configuration file of the other netlint project whose content ``absolute`` is (a repository
    holding two), if it is: skipped with a note, as SPEC §6 has every path outside the content folder,
    but a note that says so."""
    from netlint.config import ConfigError, find_root

    try:
        root, source, raw = find_root(absolute)
    except ConfigError:
        return None  # that project's configuration is broken: it is not this run's to report
    if source is None or root.resolve() == config.root.resolve():
        return None
    content = raw.get("content", "content")
    if isinstance(content, str) and absolute.is_relative_to((root / content).resolve()):
        return source
    return None


def project_index(config: Config, today: datetime.date) -> ProjectIndex:
    """Read every content file and check it against its schema (setting ``doc.valid``); run no other rule.

    For reports such as `netlint review` that need the project's data, not its diagnostics.
    """
    from netlint.index import Context, ProjectIndex
    from netlint.loader import read_document
    from netlint.rules import load_all
    from netlint.rules.schema import schema_phase

    load_all()
    documents: list[Document] = []
    for path in discover(config).files:
        relpath = relative(config, path)
        doc, _ = read_document(path, relpath, max_bytes=config.max_file_bytes, max_depth=config.max_depth)
        if doc is not None and isinstance(doc.data, dict):
            documents.append(doc)
    index = ProjectIndex(documents)
    ctx = Context(config, today, index)
    for doc in documents:
        if not doc.broken:
            doc.valid = not schema_phase(doc, ctx)
    return index


def rule_table() -> list[Rule]:
    """Every rule, sorted by code."""
    from netlint.rules import load_all

    return list(load_all().values())


__all__ = ["Result", "known_codes", "project_index", "rule_table", "validate"]
