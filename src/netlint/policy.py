"""What a run reports of what the rules found: select / ignore, per-file-ignores, inline suppressions and
severity overrides; and which files the policy hides an invalid-document error in."""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity

if TYPE_CHECKING:
    from netlint.loader import Document
    from netlint.rules import Rule


def apply_policy(
    diagnostics: Iterable[Diagnostic],
    config: Config,
    documents: Iterable[Document],
    rules: dict[str, Rule],
    held_back: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """select / ignore, per-file-ignores, inline suppressions, then severity overrides.

    ``held_back``: project rules that did not run (a file they need could not be read); their
    suppressions are not reported as unused.
    """
    from netlint import suppressions

    by_path: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        if config.enabled(diag.code) and not _ignored_for_file(diag, config):
            by_path.setdefault(diag.path, []).append(diag)
    enabled = [code for code in rules if config.enabled(code) and code not in held_back]
    docs = {doc.path: doc for doc in documents}
    out: list[Diagnostic] = []
    for path, diags in by_path.items():
        doc = docs.get(path)
        if doc is None:
            out.extend(diags)
            continue
        ran = _ran(doc, enabled, rules, config)
        if any(diag.code == "T001" for diag in diags):
            # T006 and T007 do not read the text beside an impossible size: a suppression of theirs there was
            # never tried (told to remove it, an editor would see the finding come back once T001 is fixed).
            ran = [code for code in ran if code not in _BESIDE_A_SIZE]
        out.extend(suppressions.apply(doc, diags, rules, ran))
    for doc in documents:  # unused suppressions in files with nothing to report
        if doc.path not in by_path:
            out.extend(suppressions.apply(doc, [], rules, _ran(doc, enabled, rules, config)))
    out = _prose_capped(out)
    overrides = config.severity_overrides
    return [
        dataclasses.replace(diag, severity=overrides[diag.code]) if diag.code in overrides else diag
        for diag in out
        if config.enabled(diag.code) and not _ignored_for_file(diag, config)
    ]


_BESIDE_A_SIZE = ("T006", "T007")


def _ran(doc: Document, enabled: list[str], rules: dict[str, Rule], config: Config) -> list[str]:
    """The enabled codes whose rules checked all of ``doc``: a suppression of any other one was never
    tried, and is not "unused" (told to remove it, an editor would see the finding come back once the
    file's YAML or schema error is fixed). A file whose YAML broke is checked by the Y rules alone; one
    that fails its schema also by S and by the rules that read any shape of document (the P rules).
    A code per-file-ignores turn off in the file is off there, as `ignore` turns it off everywhere."""
    if config.per_file_ignores:
        enabled = [code for code in enabled if not _ignored_in(code, doc.path, config)]
    if doc.valid and not doc.broken:
        return enabled
    if doc.broken:
        return [code for code in enabled if code[0] == "Y"]
    return [code for code in enabled if code[0] in "YS" or (rules[code].scope == "document" and rules[code].any_shape)]


def _prose_capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PER_CODE diagnostics of each P code in a file, the first by position, the last saying
    that more follow, as the Y codes have. A text can hold a finding at every character (a title of
    200,000 brackets): a hostile file must not flood the report. (After the suppressions: what they
    hide does not count.)"""
    from netlint.loader import MAX_PER_CODE, capped

    prose: dict[tuple[str, str], list[Diagnostic]] = {}
    for diag in diagnostics:
        if diag.code[0] == "P":
            prose.setdefault((diag.path, diag.code), []).append(diag)
    over = {key for key, found in prose.items() if len(found) > MAX_PER_CODE}
    if not over:
        return diagnostics
    kept = [diag for diag in diagnostics if (diag.path, diag.code) not in over]
    for key in over:
        kept.extend(capped(sorted(prose[key])))
    return kept


def _ignored_for_file(diag: Diagnostic, config: Config) -> bool:
    return _ignored_in(diag.code, diag.path, config)


def _ignored_in(code: str, path: str, config: Config) -> bool:
    """Whether per-file-ignores turn ``code`` off in the file at ``path``."""
    if not config.per_file_ignores:
        return False
    for matches, codes in _per_file_matchers(config.per_file_ignores):
        if any(code.startswith(ignored) for ignored in codes) and matches(path):
            return True
    return False


@functools.lru_cache(maxsize=8)
def _per_file_matchers(
    table: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[Callable[[str], bool], tuple[str, ...]]]:
    """Each per-file-ignores pattern as a test of a file's path (relative to the project root).

    A glob over the path ("content/legacy/*.yaml"), as the spec writes it; also, as other linters read
    them, a folder ("content/legacy" or "content/legacy/") for every file under it, a leading "./", and
    a pattern without "/" ("draft-*.yaml") for the file's name wherever it is.
    """
    out: list[tuple[Callable[[str], bool], tuple[str, ...]]] = []
    for pattern, codes in table:
        written = pattern.removeprefix("./")
        globs = [re.compile(fnmatch.translate(written)), re.compile(fnmatch.translate(written.rstrip("/") + "/*"))]
        by_name = "/" not in written.rstrip("/")

        def matches(path: str, globs: list[re.Pattern[str]] = globs, by_name: bool = by_name) -> bool:
            name = path.rpartition("/")[2]
            return any(glob.match(path) or (by_name and glob.match(name)) for glob in globs)

        out.append((matches, codes))
    return out


def hidden_schema_failures(raw: Iterable[Diagnostic], shown: Iterable[Diagnostic]) -> list[str]:
    """The files that cannot be read as YAML or fail their schema (Y001-Y006, S001, S002 among ``raw``)
    but show no such error after the policy.

    The rules that trust a document's shape skip such a file (see Rule.any_shape), and no rule but
    the Y rules reads a file that is not YAML, so when the configuration or a suppression hides the
    error, the run must say that they did not run.
    """
    failing = {diag.path for diag in raw if diag.code in _INVALID_CODES}
    if not failing:
        return []
    errors = {diag.path for diag in shown if diag.code in _INVALID_CODES and diag.severity is Severity.ERROR}
    return sorted(failing - errors)


_INVALID_CODES = ("Y001", "Y002", "Y003", "Y004", "Y005", "Y006", "S001", "S002")  # not a valid document
