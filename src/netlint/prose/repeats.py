"""P009: a word written twice in a row ("the the", "It is is normal"), the commonest slip of editing.

English text only: elsewhere a word twice is often grammar ("nous nous sommes", "die die Zellen").
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from itertools import islice

from netlint.prose.settings import ProseFinding
from netlint.prose.spelling import ascii_words
from netlint.prose.text import Spans

# A word (letters, with an apostrophe inside: "don't"), spaces (a folded block's line breaks are spaces in
# its value; a line break that stays one ends a heading or a list item), the same word in any case, each
# neither part of a longer word nor of a hyphenated one.
_REPEAT = re.compile(
    r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)*)([ \t\u00a0\u2009\u202f]+)(\1)(?![\w'’-])", re.IGNORECASE
)
# Words that English does write twice: "she had had surgery", "he said that that was all"; and words that
# are one word twice ("mahi mahi", "beri beri", "ylang ylang", "tse tse", "bye bye", "very very").
_GRAMMAR = frozenset({"had", "that", "mahi", "cous", "beri", "ylang", "tse", "bye", "very"})
# Words that start sentences: twice at a sentence's start, in capitals ("The The scar", "You You can") or not,
# a slip; another capitalised word twice there is a name ("Bora Bora is far away", "Baden Baden has").
_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "you",
        "your",
        "if",
        "it",
        "its",
        "we",
        "they",
        "he",
        "she",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "will",
        "may",
        "should",
        "keep",
        "call",
        "ask",
        "take",
        "stop",
        "after",
        "before",
        "when",
        "what",
        "how",
        "why",
        "please",
        "most",
        "some",
        "all",
        "each",
    ]
)
# What may stand between a sentence's end and its first word: spaces, quotation marks, brackets.
_OPENING = " \t\"'“”‘’()[]"


def may_repeat(text: str) -> bool:
    """False only when ``text`` has no word twice in a row (so no P009 finding).

    The screens of P003, P005 and P006 split the same text into its words (letters and apostrophes,
    in lower case; anything else, a space: :func:`ascii_words`, which keeps its last answer), so
    neighbours among them are compared at C speed; the words of every match of _REPEAT are neighbours
    there (and so are a sentence's last word and the next one's first, "you. You": the screen may
    pass where the check finds nothing). Text beyond what that split takes is searched as the check
    searches it.
    """
    split = ascii_words(text)
    if split is None:
        return _REPEAT.search(text) is not None
    words = split[1]
    return any(map(operator.eq, words, islice(words, 1, None)))


def check_repeats(text: str, urls: Spans) -> list[ProseFinding]:
    """A P009 finding at the second of each pair of the same word, outside web addresses."""
    found: list[ProseFinding] = []
    for match in _repeats(text):
        word = match.group(1)
        if word.lower() in _GRAMMAR or urls.overlaps(match.start(), match.end()):
            continue
        second = match.group(3)
        if _name(word, second, text, match.start()):
            continue  # "Walla Walla", "Bora Bora is far": a name, not a slip
        start, end = match.start(3), match.end(3)
        found.append(
            ProseFinding(
                "P009",
                start,
                end,
                f"'{second}' repeats the word before it ('{word} {second}'); remove one",
            )
        )
    return found


def _repeats(text: str) -> Iterator[re.Match[str]]:
    """Every match of _REPEAT, each word the first of the next pair too: "the the the" is two (a search
    goes on from the second word, where finditer would go on after it)."""
    at = 0
    while (match := _REPEAT.search(text, at)) is not None:
        yield match
        at = match.start(3)


def _name(word: str, second: str, text: str, start: int) -> bool:
    """Whether a word twice is a name of two capitalised words: within a sentence, or, at a sentence's start,
    the same word twice in title case that is not one sentences start with ("The The" is a slip)."""
    if not (word[0].isupper() and second[0].isupper()) or (word.isupper() and len(word) > 1):
        return False  # not capitalised, or in capitals ("IF IF")
    if not _starts_sentence(text, start):
        return True
    return word == second and word.lower() not in _STARTERS


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a sentence (or a line) starts at ``start``: nothing before it but spaces, quotation marks and
    brackets since the text's start or an end of sentence. (Looked for in the 64 characters before: linear.)"""
    window = text[max(0, start - 64) : start]
    before = window.rstrip(_OPENING)
    if not before:
        return start <= 64
    return before[-1] in ".!?:;\n\r"
