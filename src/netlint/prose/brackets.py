"""P008: unbalanced brackets and quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from netlint.prose.settings import ProseFinding
from netlint.prose.text import Spans

_CLOSING_FOR = {"(": ")", "[": "]", "{": "}"}
_OPENING_FOR = {close: open_ for open_, close in _CLOSING_FOR.items()}
_BRACKET = re.compile(r"[()\[\]{}]")
# "1) First step" or "a) ..." at the start of a line, or "options: 1) …, 2) …" ("A) …, B) …") when no
# "(" is open: a list label, not a bracket.
_INLINE_LABEL = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})\)$")
# (Tried only before a ")", from the start of its line: a MULTILINE scan for it would try every position.)
_LIST_LABEL = re.compile(r"[ \t]*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})")

# Curly quotation marks by language: (opening, closing). The closing single
# quote is also the apostrophe ("it’s", "patients’"), so it closes a quotation
# only when one is open and is otherwise ignored.
_QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("“", "”"), ("‘", "’")),
    "de": (("„", "“"), ("‚", "‘"), ("»", "«")),
    **{code: (("«", "»"), ("“", "”")) for code in ("fr", "es", "it", "pt", "ru", "uk", "bg")},
}
_APOSTROPHE = "’"


def may_have_unbalanced(text: str, language: str) -> bool:
    """False only when ``text`` has no bracket or quotation mark (so no P008 finding), nor any part of it.

    The apostrophe "’" does not count: where it is a closing quotation mark (English), it closes
    only a quotation that "‘" opened, and is otherwise ignored; it is no quotation mark elsewhere.
    """
    return any(map(text.__contains__, _marks(language)))


@lru_cache(maxsize=64)
def _marks(language: str) -> str:
    quotes = "".join(opening + closing for opening, closing in _QUOTES.get(language, _QUOTES["en"]))
    return '()[]{}"' + quotes.replace(_APOSTROPHE, "")


def check_brackets(text: str, language: str, urls: Spans) -> Iterator[ProseFinding]:
    """Yield P008 findings at every unmatched bracket or quotation mark."""
    # Six substring tests are cheaper than a regex scan of text with no bracket at all.
    findings = list(_brackets(text, urls)) if any(map(text.__contains__, "()[]{}")) else []
    findings += _straight_quotes(text, urls)
    for opening, closing in _QUOTES.get(language, _QUOTES["en"]):
        if opening in text or closing in text:
            findings += _curly_quotes(text, opening, closing)
    if len(findings) > 1:
        findings.sort(key=lambda finding: finding.start)
    yield from findings


def _brackets(text: str, urls: Spans) -> Iterator[ProseFinding]:
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        offset, char = match.start(), match.group()
        if offset in urls:
            continue
        if char in _CLOSING_FOR:
            stack.append(offset)
            continue
        if char == ")" and _is_list_label(text, offset):
            continue
        opening = _OPENING_FOR[char]
        if stack and text[stack[-1]] == opening:
            stack.pop()
            continue
        # "( … [ … )": the "[" was never closed; report it and match the "(".
        depth = next((i for i in range(len(stack) - 1, -1, -1) if text[stack[i]] == opening), None)
        if depth is None:
            if char == ")" and _INLINE_LABEL.search(text, max(0, offset - 5), offset + 1):
                continue  # "options: 1) surgery, 2) watching": labels of an inline list
            yield ProseFinding(
                "P008",
                offset,
                offset + 1,
                f"'{char}' has no matching '{opening}'; remove it or add the missing '{opening}'",
            )
            continue
        for unclosed in stack[depth + 1 :]:
            yield _unclosed(text, unclosed)
        del stack[depth:]
    for unclosed in stack:
        yield _unclosed(text, unclosed)


def _is_list_label(text: str, offset: int) -> bool:
    """Whether the ")" at ``offset`` ends a list label alone at the start of its line ("1)", "  b)", "iv)")."""
    return _LIST_LABEL.fullmatch(text, text.rfind("\n", 0, offset) + 1, offset) is not None


def _unclosed(text: str, offset: int) -> ProseFinding:
    char = text[offset]
    return ProseFinding(
        "P008",
        offset,
        offset + 1,
        f"'{char}' is never closed; add the missing '{_CLOSING_FOR[char]}' or remove it",
    )


def _straight_quotes(text: str, urls: Spans) -> list[ProseFinding]:
    if '"' not in text:
        return []
    open_at: int | None = None
    for match in re.finditer('"', text):
        offset = match.start()
        if offset in urls:
            continue
        if open_at is None:
            # 2" (or ¾") after a number is an inch mark, not a quotation mark.
            if offset > 0 and text[offset - 1].isnumeric():
                continue
            open_at = offset
        else:
            open_at = None
    if open_at is None:
        return []
    return [
        ProseFinding(
            "P008",
            open_at,
            open_at + 1,
            "'\"' opens a quotation that is never closed; add the closing '\"' or remove it",
        )
    ]


def _curly_quotes(text: str, opening: str, closing: str) -> list[ProseFinding]:
    findings: list[ProseFinding] = []
    open_at: list[int] = []  # a stack: « … “ … ” … » nests
    for match in re.finditer(f"[{re.escape(opening + closing)}]", text):
        offset, char = match.start(), match.group()
        if char == opening:
            open_at.append(offset)
        elif char == closing:
            if open_at:
                open_at.pop()
            elif closing != _APOSTROPHE:
                findings.append(
                    ProseFinding(
                        "P008",
                        offset,
                        offset + 1,
                        f"'{closing}' closes a quotation that was never opened; "
                        f"add the opening '{opening}' or remove it",
                    )
                )
    findings += (_unclosed_quote(offset, opening, closing) for offset in open_at)
    return findings


def _unclosed_quote(offset: int, opening: str, closing: str) -> ProseFinding:
    return ProseFinding(
        "P008",
        offset,
        offset + 1,
        f"'{opening}' opens a quotation that is never closed; add the closing '{closing}' or remove it",
    )
