"""P006: placeholder text left in content: TODO, TBD, FIXME, XXX, lorem ipsum, [citation needed]."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from netlint.prose.settings import ProseFinding
from netlint.prose.spelling import ascii_words
from netlint.prose.text import Spans, merged, quote

# Upper case, but for "tbd" and "todo:" (a note to oneself): "todo" in running text is rare ("a todo
# list"), "Xxx" is a name. "X days", "XX days": an X standing for a number (not "46,XX", a karyotype,
# nor "X-ray": no time unit follows).
# The time words after it are English, Italian, Dutch, Polish, Portuguese, Spanish, French and German
# ("XX giorni", "X tygodni", "XX dias"): "XX secolo", a century in Roman numerals, is no placeholder.
_TIME_WORDS = (
    r"days?|weeks?|months?|years?|hours?|minutes?"
    r"|giorn[oi]|settiman[ae]|mes[ei]|ann[oi]|ore|ora|minuti"
    r"|dag(?:en)?|weken|week|maand(?:en)?|jaar|jaren|uur|uren|minuten"
    r"|dni|dnia|dzień|tygodni[ea]?|tydzień|miesięcy|miesiące|miesiąc|lat[a]?|rok|godzin[ya]?|minut"
    r"|d[ií]as?|semanas?|meses|m[eê]s|anos?|años?|horas?|minutos"
    r"|jours?|semaines?|mois|ans|années?|heures?"
    r"|tage?n?|wochen?|monate?n?|jahre?n?|stunden?"
)
# What may follow an X or a "??" standing for a number: a time word, a percentage ("XX%"), a unit of size
# or weight ("XX cm"), or a proportion ("XX in 100", "?? out of 10").
_NUMBER_AFTER = (
    rf"\s+(?i:{_TIME_WORDS})\b|\s*%|[\s.,\u00a0\u202f]000\b"  # "XX 000 cas"
    # a unit of size, weight, dose or volume: "XX cm", "?? mg", "XX mL", "?? Gy"
    r"|\s*(?:cm|mm|kg|mg|mcg|[µμ]g|ml|mL|mmol|Gy|mSv|mmHg|IU|cc)\b"
)
# A proportion: "XX in 100", "?? out of 10" (not one X: "fragile X in 1991", "factor X in 12 patients").
_PROPORTION = r"\s+(?:in|out\s+of)\s+(?:10|100|1,?000)\b"
# An X-ray in Italian, Spanish, French and Portuguese ("raggi X ore dopo", "rayos X horas después").
# Nor clotting factor X before a unit of its dose ("factor X IU", "factor X mg"; "factor XX%" is a blank).
_NOT_AFTER_X_RAY = (
    r"(?<![Rr]aggi )(?<![Rr]ayos )(?<![Rr]ayons )(?<![Rr]aios )"
    r"(?:(?<![Ff]actor )|(?!X\s*(?:IU|mg|mcg|[µμ]g|units?)\b))"
)
_MARKER_PATTERN = (
    r"(?<![^\W_])(?:{todo}|TBD|tbd|FIXME"
    # XXX, but not a Roman numeral or a name before a capitalised word ("XXX Congreso", "XXX Syndrome")
    r"|XXX(?!\s+(?:[A-Z]|syndrome\b))"
    rf"|{_NOT_AFTER_X_RAY}(?:X{{{{1,2}}}}|xx)(?={_NUMBER_AFTER})|(?:XX|xx)(?={_PROPORTION})"
    # "?? days", "??%": a run of question marks for a number still to find (after a word or space)
    rf"|(?<![^\s(])\?{{{{2,3}}}}(?={_NUMBER_AFTER}|{_PROPORTION}))(?![^\W_])"
)
# Where "todo" is a word ("todo o estômago", "el día todo: ..."), only "TODO:" in capitals is a note; in English
# "TBC" is "to be confirmed" (in Italian, German and Spanish, often tuberculosis: "la TBC").
_TODO_IS_A_WORD = ("es", "pt", "gl", "ast")


@functools.cache
def _marker(language: str) -> re.Pattern[str]:
    """The markers' pattern for a page in ``language`` (its primary subtag): compiled when a page first has
    a marker's letters (rarely), not by every run (it is large)."""
    if language in _TODO_IS_A_WORD:
        return re.compile(_MARKER_PATTERN.format(todo="TODO(?=:)"))
    todo = "TODO|(?i:todo)(?=:)|TBC" if language == "en" else "TODO|(?i:todo)(?=:)"
    return re.compile(_MARKER_PATTERN.format(todo=todo))


# "47,XXX" is a karyotype (triple X syndrome), not a placeholder.
_KARYOTYPE = re.compile(r"\d,\s?$")
_PHRASE = re.compile(
    r"\blorem\s+ipsum\b"
    r"|\[\s*citation\s+needed\s*\]"
    r"|\[\s*(?:insert|placeholder|add|to\s+be\s+(?:confirmed|determined|decided|added|written))\b[^\]\n]{0,80}\]"
    # the same left by translators: "[à compléter]", "[À TRADUIRE]", "[insérer le chiffre]", "[por completar]",
    # "[pendiente de traducir]", "[insertar cifra]", "[Zahl einfügen]", "[ergänzen]", "[noch zu übersetzen]"
    r"|[\[(]\s*(?:à\s+(?:compléter|completer|traduire|vérifier|confirmer)|ins[ée]rer|por\s+(?:completar|traducir"
    r"|confirmar)|pendiente|insertar|traducir|ergänzen|einfügen|noch\s+zu|zahl\s+einfügen|da\s+(?:completare"
    r"|tradurre)|inserire)\b[^\]\n)]{0,80}[\])]"
    r"|\[\s*[^\]\n]{0,40}\b(?:einfügen|ergänzen|übersetzen)\s*\]"
    # [TBC], [Name], [LINK], [X] (not [X-ray], nor a ticked box [x]); (TBC)
    r"|\[\s*(?:tbc|tbd|name|link|url|date|number|phone(?:\s+number)?|(?-i:X{1,3}))\s*\]|\(\s*tbc\s*\)"
    r"|<\s*(?:insert|add|placeholder)\b[^<>\n]{0,80}>"  # <insert phone number>
    # "(insert figure)", "(to be confirmed)": a template's words alone in brackets, not an instruction or an
    # aside that starts so ("(insert it pointed end first)", "(to be confirmed by a biopsy)")
    r"|\(\s*(?:insert|add)(?:\s+(?:a|an|the))?\s+(?:figure|number|percentage|statistic|date|time|name|link|url"
    r"|details|reference|citation|here|text|value|phone\s+number|address)\s*\)"
    r"|\(\s*(?:placeholder|to\s+be\s+(?:confirmed|determined|added|written))\s*\)"
    # "after ___ days", "___%": a blank for a number still to find (not a line to write on: "Date: ____")
    rf"|(?<!_)_{{3,}}(?=\s*%|\s+(?:{_TIME_WORDS})\b)"
    # A template's variable: {{recovery_time}}, or {recovery_time} in snake_case (not "a {set} of tests")
    r"|\{\{[^{}\n]{0,80}\}\}"
    r"|(?<!\{)\{[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*\}(?!\})",
    re.IGNORECASE,
)


_X_BEFORE_SPACE = re.compile(r"X[\s%]")


def _may_have_marker(text: str, letters: str | None = None) -> bool:
    """Whether a marker (:func:`_marker`) may match in ``text`` (``letters``: its lower-cased letters, if known)."""
    return (
        "TODO" in text
        or "TBD" in text
        or "TBC" in text
        or "tbd" in text
        or "FIXME" in text
        or "XXX" in text
        or ("X" in text and _X_BEFORE_SPACE.search(text) is not None)  # "X days", "XX days", "XX%"
        or "??" in text  # "?? days"
        or "xx" in (text.lower() if letters is None else letters)  # "xx days"; and "todo:" in any case:
        or (":" in text and "todo" in (text.lower() if letters is None else letters))
    )


# How every phrase of _PHRASE that starts with "(" starts (a search that skips from "(" to "(").
_PAREN_OPEN = re.compile(
    r"\(\s*(?:tbc|insert|add|placeholder|to\s+be|à\s|ins[ée]rer|por\s|pendiente|insertar|traducir|ergänzen"
    r"|einfügen|noch\s+zu|zahl|da\s|inserire)",
    re.IGNORECASE,
)


def _may_have_phrase(text: str, letters: str | None = None) -> bool:
    """Whether _PHRASE may match in ``text`` (``letters``: its lower-cased letters, if known)."""
    if "[" in text or "{" in text or "<" in text or "___" in text:
        return True
    lowered = text.lower() if letters is None else letters
    return "lorem" in lowered or ("(" in text and _PAREN_OPEN.search(text) is not None)


def may_have_placeholder(text: str) -> bool:
    """False only when :func:`check_placeholders` finds nothing in ``text`` or in any part of it.

    Substring tests: a part's substrings are the whole's (and a part's lower-case form is part of
    the whole's, when the parts are joined by "\n"). For ASCII text (or text whose other characters
    are the punctuation that ascii_words takes), "lorem", "xx" and the words of a bracketed phrase
    are looked for in the lower-cased letters that the P003 and P005 screens make of it too: a run
    of letters is in that form exactly where it is in the lower-cased text. ("X" then a space or "%"
    is looked for in each part: a part does not end with the "X" of a match, whose space follows
    inside it.)
    """
    split = ascii_words(text)
    letters = split[0] if split is not None else text.lower()
    return _may_have_phrase(text, letters) or _may_have_marker(text, letters)


def check_placeholders(text: str, urls: Spans, language: str = "en") -> Iterator[ProseFinding]:
    """Yield a P006 finding for every placeholder token or phrase (``language``: the page's primary
    subtag, ProseSettings.base_language)."""
    # Cheap tests first: the patterns can only match where these substrings are.
    phrases: list[ProseFinding] = []
    if _may_have_phrase(text):
        for match in _PHRASE.finditer(text):
            if match.start() not in urls:  # ("https://example.org/a___b" holds no blank to fill in)
                phrases.append(_finding(match))
    if _may_have_marker(text):
        marker = _marker(language)
        inside = Spans(merged((found.start, found.end) for found in phrases)) if phrases else None
        for finding in _markers(text, urls, marker):
            if inside is None or not inside.overlaps(finding.start, finding.end):  # "[TBD]" is one placeholder
                yield finding
    yield from phrases


def _markers(text: str, urls: Spans, marker: re.Pattern[str]) -> Iterator[ProseFinding]:
    for match in marker.finditer(text):
        if match.start() in urls:
            continue
        if match.group().startswith("X") and _KARYOTYPE.search(text, max(0, match.start() - 4), match.start()):
            continue  # "47,XXX", "46,XX in 10 cells": a karyotype
        yield _finding(match)


def _finding(match: re.Match[str]) -> ProseFinding:
    return ProseFinding(
        "P006",
        match.start(),
        match.end(),
        f"placeholder {quote(match.group())} left in the text; replace it with the final wording",
    )
