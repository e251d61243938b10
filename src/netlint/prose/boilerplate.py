"""P003: web boilerplate and navigation text left over from copying a page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from netlint.prose.settings import ProseFinding
from netlint.prose.text import quote

# Phrases that are never part of a page's content, wherever they appear.
BUILTIN_PHRASES: tuple[str, ...] = (
    "Skip to main content",
    "Skip to content",
    "Skip navigation",
    "showDesktop",
    "showTablet",
    "showMobile",
    "Sign up to stay up-to-date",
    "Back to top",
    "Print this page",
    "Share this page",
    "Click here",
    "Cookie settings",
    "Accept all cookies",
    "side by side logos",
    "American Cancer Society Emails",
    "Subscribe to our newsletter",
)

# Phrases that are ordinary English inside a sentence ("Read more about diet
# in…"), so they count as boilerplate only when they make up a whole line.
BUILTIN_LINE_PHRASES: tuple[str, ...] = ("Log in", "Read more")


def _alternation(phrases: tuple[str, ...]) -> str:
    # Longest first, so "Skip to main content" wins over a shorter user phrase inside it;
    # any run of whitespace in the text matches a space in the phrase.
    ordered = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in p.split(" ")) for p in ordered)


@lru_cache(maxsize=32)
def boilerplate_patterns(extra: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anywhere pattern, whole-line pattern) for the built-in phrases plus ``extra``."""
    anywhere = re.compile(rf"(?<![^\W_])(?:{_alternation(BUILTIN_PHRASES + extra)})(?![^\W_])", re.IGNORECASE)
    line = re.compile(
        rf"^[ \t]*(?P<phrase>{_alternation(BUILTIN_LINE_PHRASES)})[ \t]*[.:!»›>…]*[ \t]*$",
        re.IGNORECASE | re.MULTILINE,
    )
    return anywhere, line


def check_boilerplate(text: str, extra: tuple[str, ...]) -> Iterator[ProseFinding]:
    """Yield a P003 finding for every boilerplate phrase in ``text``."""
    anywhere, line = boilerplate_patterns(extra)
    spans = [match.span() for match in anywhere.finditer(text)]
    spans += [match.span("phrase") for match in line.finditer(text)]
    for start, end in sorted(spans):
        yield ProseFinding(
            "P003",
            start,
            end,
            f"{quote(text[start:end])} is web page boilerplate or navigation text, not content; remove it",
        )
