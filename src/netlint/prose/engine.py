"""Run the prose checks P001-P008 on one string, with compiled state cached per settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from netlint.prose.boilerplate import check_boilerplate
from netlint.prose.brackets import check_brackets
from netlint.prose.mojibake import check_mojibake
from netlint.prose.placeholders import check_placeholders
from netlint.prose.readability import check_reading_grade
from netlint.prose.scripts import check_foreign_script
from netlint.prose.settings import ProseFinding, ProseSettings
from netlint.prose.spelling import NearMissIndex, check_near_misses, near_miss_index
from netlint.prose.text import Spans, url_spans
from netlint.prose.whitespace import check_whitespace

Check = Callable[[str, Spans], Iterable[ProseFinding]]


@lru_cache(maxsize=32)
def _checks(settings: ProseSettings) -> tuple[tuple[str, Check], ...]:
    """The checks that apply under ``settings``, each bound to its compiled state."""
    language = settings.base_language
    checks: list[tuple[str, Check]] = [
        ("P001", lambda text, urls: check_foreign_script(text, language)),
        ("P002", check_mojibake),
        ("P003", lambda text, urls: check_boilerplate(text, settings.boilerplate)),
        ("P004", lambda text, urls: check_whitespace(text, language)),
        ("P006", check_placeholders),
        ("P008", lambda text, urls: check_brackets(text, language, urls)),
    ]
    if settings.glossary:
        checks.append(("P005", _near_miss_check(settings)))
    # Flesch-Kincaid is an English formula; other languages need their own (none yet).
    if settings.audience == "patient" and language == "en":
        checks.append(("P007", lambda text, urls: check_reading_grade(text, settings.max_grade)))
    return tuple(checks)


def _near_miss_check(settings: ProseSettings) -> Check:
    """P005, building its index (and loading the word list) on first use, not when P005 is off."""
    built: list[NearMissIndex | None] = []

    def check(text: str, urls: Spans) -> Iterable[ProseFinding]:
        if not built:
            built.append(near_miss_index(settings.base_language, settings.glossary, settings.words))
        index = built[0]
        return () if index is None else check_near_misses(text, index, urls)

    return check


@lru_cache(maxsize=64)
def _active(settings: ProseSettings, codes: frozenset[str] | None) -> tuple[Check, ...]:
    """The checks to run for ``codes`` (all when None): looked up once, not per text."""
    return tuple(check for code, check in _checks(settings) if codes is None or code in codes)


_NO_URLS = Spans([])


def check_text(text: str, settings: ProseSettings, *, codes: frozenset[str] | None = None) -> list[ProseFinding]:
    """Check one text field's value; return findings sorted by (start, end, code)."""
    if not text:
        return []
    spans = url_spans(text)
    urls = Spans(spans) if spans else _NO_URLS
    findings: list[ProseFinding] = []
    for check in _active(settings, codes):
        findings.extend(check(text, urls))
    if len(findings) > 1:
        findings.sort(key=_position)
    return findings


def _position(finding: ProseFinding) -> tuple[int, int, str]:
    return (finding.start, finding.end, finding.code)
