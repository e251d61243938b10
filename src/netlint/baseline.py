"""Baseline: record today's diagnostics of legacy content, then report only new ones.

An entry is a file, a code and a fingerprint of the offending text (see
`netlint.fingerprint`), with a count for identical findings. Matching ignores
line numbers, so editing above a finding does not bring it back; it is a
multiset match, so a second identical finding in the same file is new.
Entries that match nothing any more are returned as fixed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netlint import __version__
from netlint.config import ConfigError
from netlint.diagnostic import Diagnostic, plural
from netlint.fingerprint import LEGACY, SourceLines, fingerprint

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config

FORMAT = "netlint-baseline/1"
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # a million entries and more
_TEXT_LIMIT = 100


class BaselineError(ConfigError):
    """A baseline file that cannot be read or is not a netlint baseline (exit 2)."""


@dataclass(frozen=True, order=True)
class Entry:
    """Diagnostics of one code in one file with the same offending text, ``count`` times."""

    path: str
    code: str
    fingerprint: str
    count: int = 1
    message: str = field(default="", compare=False)
    text: str = field(default="", compare=False)
    # With a count above 1, each finding's message (the first is ``message``): which of the findings
    # at one place the baseline knows.
    messages: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.code, self.fingerprint)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "code": self.code,
            "fingerprint": self.fingerprint,
            "count": self.count,
            "message": self.message,
            "text": self.text,
            **({"messages": list(self.messages)} if len(self.messages) > 1 else {}),
        }


@dataclass
class Outcome:
    """What applying a baseline left: the new diagnostics, how many were hidden, and the fixed entries."""

    diagnostics: list[Diagnostic]
    hidden: int = 0
    fixed: list[Entry] = field(default_factory=list)

    def fixed_count(self) -> int:
        return sum(entry.count for entry in self.fixed)


def entries(result: Result, config: Config) -> list[Entry]:
    """Today's diagnostics as baseline entries, in a stable order."""
    source = SourceLines(result, config)
    found: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for diag in sorted(result.diagnostics):
        found.setdefault((diag.path, diag.code, fingerprint(diag, source)), []).append(diag)
    out = []
    for key, diags in found.items():
        diag = diags[0]
        text = source.line(diag.path, diag.line).strip()
        if len(text) > _TEXT_LIMIT:
            text = text[: _TEXT_LIMIT - 1] + "…"
        messages = tuple(d.message for d in diags) if len(diags) > 1 else ()
        out.append(Entry(*key, count=len(diags), message=diag.message, text=text, messages=messages))
    return sorted(out)


def render(result: Result, config: Config) -> str:
    """The baseline file for ``result``: JSON, deterministic, one entry per line-independent finding."""
    listed = entries(result, config)
    payload = {
        "format": FORMAT,
        "netlint": __version__,
        "diagnostics": sum(entry.count for entry in listed),
        "entries": [entry.to_json() for entry in listed],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> list[Entry]:
    """The entries of the baseline file at ``path``."""
    from netlint.fileio import read_regular

    try:
        raw = read_regular(path, MAX_BASELINE_BYTES + 1)  # a regular file: a FIFO or a device never hangs the run
        if len(raw) > MAX_BASELINE_BYTES:
            raise BaselineError(f"{path}: larger than {MAX_BASELINE_BYTES:,} bytes; not a baseline netlint reads")
        text = raw.decode("utf-8-sig")
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a netlint baseline (not UTF-8 text)") from None
    return parse(text, str(path))


def parse(text: str, where: str) -> list[Entry]:
    """The entries of a baseline file; ``where`` names it in errors."""
    try:
        payload = json.loads(text)
    except ValueError as error:
        raise BaselineError(f"{where}: not a netlint baseline (invalid JSON: {error})") from None
    except RecursionError:
        raise BaselineError(f"{where}: not a netlint baseline (nested too deeply to read)") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        found = payload.get("format") if isinstance(payload, dict) else None
        hint = f" (format {found!r}; this netlint reads {FORMAT!r})" if found else ""
        raise BaselineError(f"{where}: not a netlint baseline{hint}; write a new one with --write-baseline")
    raw = payload.get("entries")
    if not isinstance(raw, list):
        raise BaselineError(f"{where}: 'entries' must be a list")
    return [_entry(item, i, where) for i, item in enumerate(raw)]


def _entry(item: Any, index: int, where: str) -> Entry:
    if not isinstance(item, dict):
        raise BaselineError(f"{where}: entry {index + 1} must be an object")
    path, code, mark = item.get("path"), item.get("code"), item.get("fingerprint")
    if not (isinstance(path, str) and isinstance(code, str) and isinstance(mark, str) and path and code and mark):
        raise BaselineError(f"{where}: entry {index + 1} needs 'path', 'code' and 'fingerprint' strings")
    count = item.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise BaselineError(f"{where}: entry {index + 1}: 'count' must be a whole number of 1 or more")
    message, text = item.get("message", ""), item.get("text", "")
    message = message if isinstance(message, str) else ""
    listed = item.get("messages")
    messages = tuple(m for m in listed if isinstance(m, str)) if isinstance(listed, list) else ()
    return Entry(path, code, mark, count, message, text if isinstance(text, str) else "", messages)


def apply(baseline: Sequence[Entry], result: Result, config: Config, scope: Collection[str] | None = None) -> Outcome:
    """Hide the diagnostics the baseline records; return the rest and the entries nothing matched.

    ``scope``: the files whose diagnostics the run reports (None: every file). Entries
    for other files, or for codes not selected in this run, are never reported as fixed.
    """
    source = SourceLines(result, config)
    # Findings at one place share a fingerprint (the fields missing from one mapping, say): of those,
    # the one whose message the baseline recorded is the one it knows, not whichever sorts first, so a
    # new missing field is reported as new and the known one stays hidden.
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for diag in result.diagnostics:
        groups.setdefault((diag.path, diag.code, fingerprint(diag, source)), []).append(diag)
    baseline = _current(baseline, groups, source)
    remaining: Counter[tuple[str, str, str]] = Counter()
    for entry in baseline:
        remaining[entry.key] += entry.count
    known: dict[tuple[str, str, str], set[str]] = {}
    for entry in baseline:
        known.setdefault(entry.key, set()).update(_shape(message) for message in entry.messages or (entry.message,))
    hidden: set[int] = set()
    for key, found in groups.items():
        left = remaining[key]
        if left <= 0:
            continue
        recorded = known.get(key, set())
        ranked = sorted(found, key=lambda diag: _shape(diag.message) not in recorded) if len(found) > left else found
        hidden.update(id(diag) for diag in ranked[:left])
        remaining[key] = max(left - len(found), 0)
    outcome = Outcome(diagnostics=[diag for diag in result.diagnostics if id(diag) not in hidden], hidden=len(hidden))
    seen: set[tuple[str, str, str]] = set()
    for entry in baseline:
        left = remaining[entry.key]
        in_scope = (scope is None or entry.path in scope) and config.enabled(entry.code)
        if left > 0 and entry.key not in seen and in_scope:
            seen.add(entry.key)
            outcome.fixed.append(Entry(entry.path, entry.code, entry.fingerprint, left, entry.message, entry.text))
    return outcome


def _current(
    baseline: Sequence[Entry], groups: dict[tuple[str, str, str], list[Diagnostic]], source: SourceLines
) -> Sequence[Entry]:
    """The baseline with fingerprints of the recipes before (LEGACY: a baseline written by an earlier
    netlint) taken for the current ones of the findings they fingerprint, so that upgrading netlint
    does not bring back what a baseline hides."""
    if all(entry.key in groups for entry in baseline):
        return baseline
    # A fingerprint of a recipe before may stand for several of today's (the fields missing from one
    # mapping shared one): the entry's count goes to them in turn, each as many as it holds.
    legacy: dict[tuple[str, str, str], dict[str, int]] = {}
    for recipe in LEGACY:
        for (path, code, mark), found in groups.items():
            for diag in found:
                marks = legacy.setdefault((path, code, fingerprint(diag, source, recipe)), {})
                marks[mark] = marks.get(mark, 0) + 1
    current: list[Entry] = []
    for entry in baseline:
        if entry.key in groups or entry.key not in legacy:
            current.append(entry)
            continue
        left = entry.count
        for mark, count in legacy[entry.key].items():
            if left <= 0:
                break
            current.append(replace(entry, fingerprint=mark, count=min(count, left)))
            left -= count
        if left > 0:  # more recorded than found: the rest is fixed, as the last one's
            current.append(replace(current[-1], count=current[-1].count + left))
            del current[-2]
    return current


def _shape(message: str) -> str:
    """A message with its numbers left out (they name lines and days, which move)."""
    return re.sub(r"\d+", "#", message)


def fixed_note(outcome: Outcome, shown: int = 5) -> str | None:
    """`2 baseline entries no longer match (fixed): content/a.yaml P004 "…", ...`, or None."""
    count = outcome.fixed_count()
    if not count:
        return None
    items = [f"{entry.path} {entry.code}" + (f' "{entry.text}"' if entry.text else "") for entry in outcome.fixed]
    listed = "; ".join(items[:shown]) + (f"; and {len(items) - shown} more" if len(items) > shown else "")
    noun = "baseline entry no longer matches" if count == 1 else "baseline entries no longer match"
    return f"{count} {noun} (fixed): {listed}. Run with --write-baseline to drop them from the baseline"


def with_baseline(result: Result, config: Config, given: Path | None, write_to: Path | None, *, scoped: bool) -> Result:
    """``result`` after writing (``write_to``: --write-baseline) and/or applying the baseline (``given``:
    --baseline, else the 'baseline' setting): only new diagnostics, with notes saying what happened.

    ``scoped``: the run reports only some files, so entries for the others are never called fixed.
    """
    if write_to is None and given is None and not config.baseline:
        return result
    import dataclasses

    from netlint.reporters.outputs import write_file

    if write_to is not None:
        text = render(result, config)
        write_file(write_to, lambda stream: stream.write(text), "--write-baseline")
        recorded = parse(text, str(write_to))
        where = f"--write-baseline {write_to}"
    else:
        path = config.baseline_path(given)
        if path is None:
            return result
        where = f"--baseline {given}"
        if given is None:
            where = f"baseline {config.baseline!r} (in {config.describe_source()})"
        if not path.exists():
            place = config.place("baseline") if given is None else None
            if place is not None:  # the setting at fault, where it is written
                where = f"{place}: baseline {config.baseline!r}"
            raise BaselineError(f"{where}: no such file; record one with `netlint validate --write-baseline FILE`")
        recorded = load(path)
    scope = set(result.reported_paths) if scoped else None
    outcome = apply(recorded, result, config, scope)
    notes = list(result.notes)
    if write_to is not None:
        written = plural(len(recorded), "entry", "entries")
        notes.append(f"wrote the baseline {write_to}: {written} for {plural(outcome.hidden, 'diagnostic')}")
    elif outcome.hidden:
        notes.append(f"{plural(outcome.hidden, 'known diagnostic')} hidden by the {where}")
    fixed = fixed_note(outcome)
    if fixed:
        notes.append(fixed)
    return dataclasses.replace(result, diagnostics=outcome.diagnostics, notes=notes)
