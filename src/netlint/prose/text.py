"""Helpers shared by the prose checks: URL spans and quoting text in messages."""

from __future__ import annotations

import bisect
import re

# A URL or e-mail address; brackets, quotes and "?" inside it are not prose.
_URL = re.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"“”‘’]+"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+""",
    re.IGNORECASE,
)
_URL_TAIL = ".,;:!?'\")]}"


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
        while end > start and text[end - 1] in _URL_TAIL:
            char = text[end - 1]
            opener = {")": "(", "]": "[", "}": "{"}.get(char)
            url = text[start:end]
            if opener and url.count(opener) >= url.count(char):
                break
            end -= 1
        spans.append((start, end))
    return spans


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
