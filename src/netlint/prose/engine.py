"""Run the prose checks P001-P009 on one string, or on a document's strings at once.

Compiled state is cached per settings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from netlint.prose.boilerplate import check_boilerplate, may_have_boilerplate
from netlint.prose.brackets import check_brackets, may_have_unbalanced
from netlint.prose.mojibake import check_mojibake, may_have_mojibake
from netlint.prose.placeholders import check_placeholders, may_have_placeholder
from netlint.prose.readability import check_reading_grade, check_reading_grades
from netlint.prose.repeats import check_repeats, may_repeat
from netlint.prose.scripts import check_foreign_script, may_have_foreign_script
from netlint.prose.settings import ProseFinding, ProseSettings
from netlint.prose.spelling import NearMissIndex, check_near_misses, near_miss_index
from netlint.prose.text import Spans, merged, url_spans
from netlint.prose.whitespace import check_whitespace, may_have_whitespace_defect

Check = Callable[[str, Spans], Iterable[ProseFinding]]
# A check's screen: False only when the check finds nothing in any of the texts joined by SEPARATOR.
Screen = Callable[[str], bool]

SEPARATOR = "\n"  # ends a line, a token and a word, and is neither a space, a bracket nor a letter


@lru_cache(maxsize=32)
def _checks(settings: ProseSettings) -> tuple[tuple[str, Check, Screen | None], ...]:
    """The checks that apply under ``settings``, each bound to its compiled state, with its screen.

    P007 has no screen on joined text (a grade is of one field); :func:`check_texts` grades all its
    fields in one pass instead.
    """
    language = settings.base_language
    extra = settings.boilerplate
    checks: list[tuple[str, Check, Screen | None]] = [
        (
            "P001",
            lambda text, urls: check_foreign_script(text, language),
            lambda text: may_have_foreign_script(text, language),
        ),
        ("P002", check_mojibake, may_have_mojibake),
        ("P003", lambda text, urls: check_boilerplate(text, extra), lambda text: may_have_boilerplate(text, extra)),
        ("P004", lambda text, urls: check_whitespace(text, language), may_have_whitespace_defect),
        ("P006", lambda text, urls: check_placeholders(text, urls, language), may_have_placeholder),
        (
            "P008",
            lambda text, urls: check_brackets(text, settings.language, urls),  # "de-CH" has its own quotes
            lambda text: may_have_unbalanced(text, settings.language),
        ),
    ]
    # The word list of SPEC §4 is English, and so is the glossary taken to be (it has no language): on a
    # page in another language, a term's cognates ("Rektum", "tumori") would look like its misspellings.
    if settings.glossary and language == "en":
        near_miss = _NearMiss(settings)
        checks.append(("P005", near_miss.check, near_miss.may_find))
    # A word twice is a slip in English; elsewhere often grammar ("nous nous sommes", "die die Zellen").
    if language == "en":
        checks.append(("P009", check_repeats, may_repeat))
    # Flesch-Kincaid is an English formula; other languages need their own (none yet).
    if settings.audience == "patient" and language == "en":
        checks.append(("P007", lambda text, urls: check_reading_grade(text, settings.max_grade), None))
    return tuple(checks)


class _NearMiss:
    """P005, building its index (and loading the word list) on first use, not when P005 is off."""

    def __init__(self, settings: ProseSettings) -> None:
        self._settings = settings
        self._built: list[NearMissIndex | None] = []

    def _index(self) -> NearMissIndex | None:
        if not self._built:
            settings = self._settings
            self._built.append(near_miss_index(settings.base_language, settings.glossary, settings.words))
        return self._built[0]

    def check(self, text: str, urls: Spans) -> Iterable[ProseFinding]:
        index = self._index()
        return () if index is None else check_near_misses(text, index, urls)

    def may_find(self, text: str) -> bool:
        index = self._index()
        return index is not None and not index.all_known(text)


@lru_cache(maxsize=64)
def _active(settings: ProseSettings, codes: frozenset[str] | None) -> tuple[Check, ...]:
    """The checks to run for ``codes`` (all when None): looked up once, not per text."""
    return tuple(check for code, check, _ in _checks(settings) if codes is None or code in codes)


Grades = Callable[[Sequence[str]], dict[int, list[ProseFinding]]]


@lru_cache(maxsize=64)
def _screens(
    settings: ProseSettings, codes: frozenset[str] | None
) -> tuple[tuple[tuple[str, Screen], ...], Grades | None]:
    """The screens of the checks to run for ``codes``, and P007 for several texts at once if it runs."""
    screens: list[tuple[str, Screen]] = []
    grades: Grades | None = None
    for code, _, screen in _checks(settings):
        if codes is not None and code not in codes:
            continue
        if screen is not None:
            screens.append((code, screen))
        elif code == "P007":
            grades = functools.partial(check_reading_grades, max_grade=settings.max_grade)
    return tuple(screens), grades


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
        findings = _beside_mojibake(findings)
        findings.sort(key=_position)
    return findings


def _beside_mojibake(findings: list[ProseFinding]) -> list[ProseFinding]:
    """The findings without those of other checks inside garbled text (P002): in "ileumâ€”the" the
    "”" of the garbled dash is no quotation mark to balance (P008), nor "ileumâ" a misspelling (P005).
    Reported on their own, they would advise making the text worse. (P007 grades a whole field.)"""
    garbled = [(finding.start, finding.end) for finding in findings if finding.code == "P002"]
    if not garbled:
        return findings
    inside = Spans(merged(garbled))  # (a look-up each, not a pass over every P002 finding: linear)
    return [
        finding
        for finding in findings
        if finding.code in ("P002", "P007") or not inside.overlaps(finding.start, finding.end)
    ]


def check_texts(
    texts: Sequence[str],
    settings: ProseSettings,
    *,
    codes: frozenset[str] | None = None,
    screened: set[str] | None = None,
) -> dict[int, list[ProseFinding]]:
    """Check several text fields (a document's): ``{i: check_text(texts[i], ...)}`` for each i with findings.

    Most text has no defect, and most of the cost of checking it is calls: a few checks on each of
    a document's many short fields. So each check first screens all the fields at once, joined by
    SEPARATOR, with a cheap test that is false only when the check finds nothing in any of them
    (each screen says why it never misses); only a check whose screen passes then runs on each
    field, as check_text runs it, on the fields its screen passes one by one (a screen is just as
    true of one text: a page with one quoted word checks that field's quotes, not all of its
    fields'). P007 grades all the fields in one pass of its own. ``screened``, when given, receives
    the codes whose screens passed (those that may find something in the texts).
    """
    found: dict[int, list[ProseFinding]] = {}
    screens, grades = _screens(settings, codes)
    joined = SEPARATOR.join(texts)
    passed = [(code, screen) for code, screen in screens if screen(joined)]
    if screened is not None:
        screened.update(code for code, _ in passed)
    if passed:
        wanted: dict[int, list[str]] = {}
        for code, screen in passed:
            for index, text in enumerate(texts):
                if screen(text):
                    wanted.setdefault(index, []).append(code)
        for index in sorted(wanted):
            findings = check_text(texts[index], settings, codes=frozenset(wanted[index]))
            if findings:
                found[index] = findings
    if grades is not None:
        for index, graded in grades(texts).items():
            # check_text's order: by position, then code (the sort is stable, and only P007 is P007)
            found[index] = sorted([*found.get(index, ()), *graded], key=_position)
    return found


def _position(finding: ProseFinding) -> tuple[int, int, str]:
    return (finding.start, finding.end, finding.code)
