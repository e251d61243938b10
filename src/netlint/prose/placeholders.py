"""P006: placeholder text left in content: TODO, TBD, FIXME, XXX, lorem ipsum, [citation needed]."""

from __future__ import annotations

import re
from collections.abc import Iterator

from netlint.prose.settings import ProseFinding
from netlint.prose.spelling import ascii_words
from netlint.prose.text import Spans, quote

# Upper case, but for "tbd" and "todo:" (a note to oneself): "todo" in running text is rare ("a todo
# list"), "Xxx" is a name. "X days", "XX days": an X standing for a number (not "46,XX", a karyotype,
# nor "X-ray": no time unit follows).
_MARKER = re.compile(
    r"(?<![^\W_])(?:TODO|TBD|tbd|FIXME|XXX|(?i:todo)(?=:)"
    r"|X{1,2}(?=\s+(?:days?|weeks?|months?|years?|hours?|minutes?)\b))(?![^\W_])"
)
# "47,XXX" is a karyotype (triple X syndrome), not a placeholder.
_KARYOTYPE = re.compile(r"\d,\s?$")
_PHRASE = re.compile(
    r"\blorem\s+ipsum\b"
    r"|\[\s*citation\s+needed\s*\]"
    r"|\[\s*(?:insert|placeholder|add|to\s+be\s+(?:confirmed|determined|decided|added|written))\b[^\]\n]{0,80}\]"
    # [TBC], [Name], [LINK], [X] (not [X-ray], nor a ticked box [x]); (TBC)
    r"|\[\s*(?:tbc|tbd|name|link|url|date|number|phone(?:\s+number)?|(?-i:X{1,3}))\s*\]|\(\s*tbc\s*\)"
    r"|<\s*(?:insert|add|placeholder)\b[^<>\n]{0,80}>"  # <insert phone number>
    # A template's variable: {{recovery_time}}, or {recovery_time} in snake_case (not "a {set} of tests")
    r"|\{\{[^{}\n]{0,80}\}\}"
    r"|(?<!\{)\{[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*\}(?!\})",
    re.IGNORECASE,
)


_X_BEFORE_SPACE = re.compile(r"X\s")


def _may_have_marker(text: str, letters: str | None = None) -> bool:
    """Whether _MARKER may match in ``text`` (``letters``: its lower-cased letters, if known)."""
    return (
        "TODO" in text
        or "TBD" in text
        or "tbd" in text
        or "FIXME" in text
        or "XXX" in text
        or ("X" in text and _X_BEFORE_SPACE.search(text) is not None)  # "X days", "XX days"
        or (":" in text and "todo" in (text.lower() if letters is None else letters))  # "todo:" in any case
    )


def _may_have_phrase(text: str) -> bool:
    if "[" in text or "{" in text or "<" in text:
        return True
    lowered = text.lower()
    return "lorem" in lowered or ("(" in text and "tbc" in lowered)


def may_have_placeholder(text: str) -> bool:
    """False only when :func:`check_placeholders` finds nothing in ``text`` or in any part of it.

    Substring tests: a part's substrings are the whole's (and a part's lower-case form is part of
    the whole's, when the parts are joined by "\n"). For ASCII text (or text whose other characters
    are the punctuation that ascii_words takes), "lorem" and "tbc" are looked for in the lower-cased
    letters that the P003 and P005 screens make of it too: a run of letters is in that form exactly
    where it is in the lower-cased text. ("X" then a space is looked for in each part: a part does
    not end with the "X" of a match, whose space follows inside it.)
    """
    if "[" in text or "{" in text or "<" in text:
        return True
    split = ascii_words(text)
    letters = split[0] if split is not None else text.lower()
    return _may_have_marker(text, letters) or "lorem" in letters or ("(" in text and "tbc" in letters)


def check_placeholders(text: str, urls: Spans) -> Iterator[ProseFinding]:
    """Yield a P006 finding for every placeholder token or phrase."""
    # Cheap tests first: the patterns can only match where these substrings are.
    if _may_have_marker(text):
        yield from _markers(text, urls)
    if _may_have_phrase(text):
        for match in _PHRASE.finditer(text):
            yield _finding(match)


def _markers(text: str, urls: Spans) -> Iterator[ProseFinding]:
    for match in _MARKER.finditer(text):
        if match.start() in urls:
            continue
        if match.group() == "XXX" and _KARYOTYPE.search(text, max(0, match.start() - 4), match.start()):
            continue
        yield _finding(match)


def _finding(match: re.Match[str]) -> ProseFinding:
    return ProseFinding(
        "P006",
        match.start(),
        match.end(),
        f"placeholder {quote(match.group())} left in the text; replace it with the final wording",
    )
