"""Helpers shared by the prose checks: URL spans, quoting text in messages, and mostly-ASCII text."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

# A URL or e-mail address; brackets, quotes and "?" inside it are not prose.
_URL = re.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"“”‘’]+"""
    r"""|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+""",  # (from its run's start: see readability._URL)
    re.IGNORECASE,
)
_URL_TAIL = ".,;:!?'\")]}"
_ASCII_BYTES = bytes(range(128))
_T = TypeVar("_T")


def keep_last(function: Callable[[str], _T]) -> Callable[[str], _T]:
    """``function`` of a text, keeping its last answer for the next call with the same string object.

    Several screens ask the same question about a document's joined text one after the other.
    (The kept text cannot be freed while it is kept, so no other string can take its identity.)
    """
    last: list[Any] = []

    @functools.wraps(function)
    def answer(text: str) -> _T:
        if last and last[0] is text:
            return last[1]  # type: ignore[no-any-return]
        found = function(text)
        last[:] = [text, found]
        return found

    return answer


@keep_last
def non_ascii(text: str) -> frozenset[str]:
    """The distinct characters of ``text`` beyond ASCII, if any.

    English pages are ASCII but for a few curly apostrophes, quotation marks and dashes; knowing
    which ones a text holds lets a check handle them and keep its fast ASCII path (see
    :func:`stand_in`).
    """
    # In UTF-8 every byte of a character beyond ASCII is 128 or more: deleting the ASCII bytes
    # leaves those characters' encodings, one after the other (table look-ups at C speed).
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return frozenset(rest.decode("utf-8", "surrogatepass"))


def stand_in(text: str, stand_ins: dict[str, str]) -> str | None:
    """``text`` with each character beyond ASCII replaced by its ASCII stand-in, one for one; None when
    ``stand_ins`` lacks one of them. ASCII text is its own stand-in.

    A check gives each character the stand-in it treats alike (for a word split, "’" is "'" and an
    em dash is a space), so that the ASCII text gives it the same answer as the original.
    """
    if text.isascii():
        return text
    for char in non_ascii(text):
        replacement = stand_ins.get(char)
        if replacement is None:
            return None
        text = text.replace(char, replacement)
    return text


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL and e-mail address, in order.

    Trailing punctuation belongs to the sentence, not the URL; a closing
    bracket stays in the URL only when the URL opened it ("…/Foo_(bar)").
    """
    spans: list[tuple[int, int]] = []
    if "://" not in text and "www." not in text.lower() and "@" not in text:
        return spans
    for match in _URL.finditer(text):
        start, end = match.span()
        counts: dict[str, int] | None = None  # of brackets in text[start:end], counted once, then kept up
        while end > start and text[end - 1] in _URL_TAIL:
            char = text[end - 1]
            opener = {")": "(", "]": "[", "}": "{"}.get(char)
            if opener:
                if counts is None:
                    counts = {mark: text.count(mark, start, end) for mark in "()[]{}"}
                if counts[opener] >= counts[char]:
                    break
            if counts is not None and char in counts:
                counts[char] -= 1
            end -= 1
        spans.append((start, end))
    return spans


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, with overlapping ones joined: what :class:`Spans` takes."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class Spans:
    """A sorted, non-overlapping set of (start, end) ranges with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int) or not self._starts:
            return False
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with any range."""
        index = bisect.bisect_left(self._ends, start + 1)
        return index < len(self._starts) and self._starts[index] < end


def quote(fragment: str, limit: int = 40) -> str:
    """``fragment`` in single quotes for a message, shortened and with invisible characters named."""
    if len(fragment) > limit:
        fragment = fragment[: limit - 1] + "…"
    shown = fragment.replace("\n", "\\n").replace("\t", "\\t").replace("\u00a0", "\\u00a0")
    return f"'{shown}'"


def is_abbreviation(form: str) -> bool:
    """Whether a glossary form is an abbreviation ("NET", "NETs", "GI", "AIDS"): the pages' links match it
    with its case, so that the English word "net" is not taken for it, and it is a term of its own."""
    upper = sum(char.isupper() for char in form)
    return upper >= 2 and upper > sum(char.islower() for char in form)
