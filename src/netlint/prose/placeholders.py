"""P006: placeholder text left in content: TODO, TBD, FIXME, XXX, lorem ipsum, [citation needed]."""

from __future__ import annotations

import re
from collections.abc import Iterator

from netlint.prose.settings import ProseFinding
from netlint.prose.spelling import ascii_words
from netlint.prose.text import Spans, quote

# Upper case only: "todo" and "tbd" in running text are rare, "Xxx" is a name.
# "XX days": two X standing for a number (not "46,XX", a karyotype: no time unit follows).
_MARKER = re.compile(
    r"(?<![^\W_])(?:TODO|TBD|FIXME|XXX|XX(?=\s+(?:days?|weeks?|months?|years?|hours?|minutes?)\b))(?![^\W_])"
)
# "47,XXX" is a karyotype (triple X syndrome), not a placeholder.
_KARYOTYPE = re.compile(r"\d,\s?$")
_PHRASE = re.compile(
    r"\blorem\s+ipsum\b"
    r"|\[\s*citation\s+needed\s*\]"
    r"|\[\s*(?:insert|placeholder|add|to\s+be\s+(?:confirmed|determined|decided|added|written))\b[^\]\n]{0,80}\]"
    r"|\[\s*(?:tbc|tbd|name|(?-i:X{1,3}))\s*\]"  # [TBC], [Name], [X] (not [X-ray], nor a ticked box [x])
    r"|\{\{[^{}\n]{0,80}\}\}",  # a template's variable: {{recovery_time}}
    re.IGNORECASE,
)


def _may_have_marker(text: str) -> bool:
    return "TODO" in text or "TBD" in text or "FIXME" in text or "XX" in text


def _may_have_phrase(text: str) -> bool:
    return "[" in text or "{{" in text or "lorem" in text.lower()


def may_have_placeholder(text: str) -> bool:
    """False only when :func:`check_placeholders` finds nothing in ``text`` or in any part of it.

    Substring tests: a part's substrings are the whole's (and a part's lower-case form is part of
    the whole's, when the parts are joined by "\n"). For ASCII text (or text whose other characters
    are the punctuation that ascii_words takes), "lorem" is looked for in the lower-cased letters
    that the P003 and P005 screens make of it too: a run of letters is in that form exactly where
    it is in the lower-cased text.
    """
    if _may_have_marker(text) or "[" in text or "{{" in text:
        return True
    split = ascii_words(text)
    return "lorem" in (split[0] if split is not None else text.lower())


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
