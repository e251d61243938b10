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

# Curly quotation marks by language: groups of (opening, closing) pairs. The pairs of a group nest and
# are read together, so that a mark two pairs share is told apart by what is open: in Russian „…“ is
# the inner quotation and “…” is written too, so "“" closes an open "„" and otherwise opens. The
# closing single quote is also the apostrophe ("it’s", "patients’"), so it closes a quotation only
# when one is open and is otherwise ignored.
_Group = tuple[tuple[str, str], ...]
# (A pair whose marks are one character, Swedish ”…”, opens where none is open and closes otherwise.)
_LOW_HIGH = ((("„", "“"),), (("‚", "‘"),), (("»", "«"),))  # German, Czech, Slovak, Lithuanian, ...
_QUOTES: dict[str, tuple[_Group, ...]] = {
    "en": ((("“", "”"),), (("‘", "’"),)),
    **dict.fromkeys(("de", "cs", "sk", "lt", "sl", "et", "is"), _LOW_HIGH),
    "de-ch": ((("«", "»"),), (("‹", "›"),)),  # Swiss German (and Liechtenstein): guillemets
    **{code: ((("«", "»"),), (("“", "”"),), (("‘", "’"),)) for code in ("fr", "es", "it", "pt", "el", "ca")},
    **{code: ((("«", "»"),), (("„", "“"), ("“", "”"))) for code in ("ru", "uk", "bg")},
    # „…” (the closing mark is English's): Polish, Romanian, Hungarian, Croatian, Dutch (which also writes “…”)
    "pl": ((("„", "”"),), (("«", "»"),), (("‚", "’"),)),
    "ro": ((("„", "”"),), (("«", "»"),)),
    "hu": ((("„", "”"),), (("»", "«"),)),
    "hr": ((("„", "”"),), (("»", "«"),), (("‘", "’"),)),
    "nl": ((("„", "”"), ("“", "”")), (("‘", "’"),)),
    "lv": ((("«", "»"),), (("„", "“"),)),
    "da": ((("»", "«"),), (("„", "“"),)),
    **dict.fromkeys(("no", "nb", "nn"), ((("«", "»"),), (("‘", "’"),))),
    **dict.fromkeys(("sv", "fi"), ((("”", "”"),), (("»", "»"),))),
    **dict.fromkeys(("ja", "zh"), ((("「", "」"),), (("『", "』"),), (("“", "”"),), (("‘", "’"),))),
    **dict.fromkeys(("ar", "fa"), ((("«", "»"),), (("“", "”"),))),
}


@lru_cache(maxsize=64)
def _groups(language: str) -> tuple[_Group, ...]:
    """The quotation marks of a language tag ("de-CH" has its own; "fr-CA" is "fr"; unknown: English's)."""
    parts = language.replace("_", "-").lower().split("-")
    if parts[0] == "de" and ("ch" in parts[1:] or "li" in parts[1:]):
        return _QUOTES["de-ch"]
    return _QUOTES.get(parts[0].strip(), _QUOTES["en"])


_APOSTROPHE = "’"


def may_have_unbalanced(text: str, language: str) -> bool:
    """False only when ``text`` has no bracket or quotation mark (so no P008 finding), nor any part of it.

    The apostrophe "’" does not count: where it is a closing quotation mark (English), it closes
    only a quotation that "‘" opened, and is otherwise ignored; it is no quotation mark elsewhere.
    """
    return any(map(text.__contains__, _marks(language)))


@lru_cache(maxsize=64)
def _marks(language: str) -> str:
    quotes = "".join(opening + closing for group in _groups(language) for opening, closing in group)
    return '()[]{}"' + quotes.replace(_APOSTROPHE, "")


def check_brackets(text: str, language: str, urls: Spans) -> Iterator[ProseFinding]:
    """Yield P008 findings at every unmatched bracket or quotation mark."""
    # Six substring tests are cheaper than a regex scan of text with no bracket at all.
    findings = list(_brackets(text, urls)) if any(map(text.__contains__, "()[]{}")) else []
    findings += _straight_quotes(text, urls)
    for group in _groups(language):
        if any(opening in text or closing in text for opening, closing in group):
            findings += _curly_quotes(text, group)
    if len(findings) > 1:
        findings.sort(key=lambda finding: finding.start)
    yield from findings


def _brackets(text: str, urls: Spans) -> Iterator[ProseFinding]:
    stack: list[int] = []
    # How many of each opening bracket the stack holds: a closing one with none open is told at once,
    # not by a walk down the stack (a text of "(]" repeated made that quadratic).
    open_count = dict.fromkeys(_CLOSING_FOR, 0)
    for match in _BRACKET.finditer(text):
        offset, char = match.start(), match.group()
        if offset in urls:
            continue
        if char in _CLOSING_FOR:
            stack.append(offset)
            open_count[char] += 1
            continue
        if char == ")" and _is_list_label(text, offset):
            continue
        opening = _OPENING_FOR[char]
        if stack and text[stack[-1]] == opening:
            stack.pop()
            open_count[opening] -= 1
            continue
        # "( … [ … )": the "[" was never closed; report it and match the "(".
        depth = (
            next((i for i in range(len(stack) - 1, -1, -1) if text[stack[i]] == opening), None)
            if open_count[opening]
            else None
        )
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
        for popped in stack[depth:]:
            open_count[text[popped]] -= 1
        del stack[depth:]
    for unclosed in stack:
        yield _unclosed(text, unclosed)


def _is_list_label(text: str, offset: int) -> bool:
    """Whether the ")" at ``offset`` ends a list label alone at the start of its line ("1)", "  b)", "iv)").

    A label and its indent are short: only the 40 characters before it are looked at (a search back
    to the line's start for every ")" of a long line was quadratic).
    """
    low = max(0, offset - 40)
    line_start = text.rfind("\n", low, offset) + 1
    if line_start == 0 and low > 0:  # no line break within reach: too far from the line's start
        return False
    return _LIST_LABEL.fullmatch(text, line_start, offset) is not None


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


@lru_cache(maxsize=32)
def _group_tables(group: _Group) -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """A group's closing mark per opening one, opening mark per closing one, and a pattern for all its marks
    (made once: a text with an apostrophe, most of them, is read for the English single quotes)."""
    marks = "".join(dict.fromkeys(mark for pair in group for mark in pair))
    return dict(group), {closing: opening for opening, closing in reversed(group)}, re.compile(f"[{re.escape(marks)}]")


def _curly_quotes(text: str, group: _Group) -> list[ProseFinding]:
    findings: list[ProseFinding] = []
    closing_of, opening_of, marks = _group_tables(group)
    open_at: list[tuple[int, str]] = []  # a stack: « … „ … “ … » nests
    closes = dict.fromkeys(opening_of, 0)  # how many open quotations each closing mark would close
    for match in marks.finditer(text):
        offset, char = match.start(), match.group()
        if open_at and closing_of[open_at[-1][1]] == char:  # closes the innermost open quotation
            open_at.pop()
            closes[char] -= 1
        elif char in closing_of:
            open_at.append((offset, char))
            closes[closing_of[char]] += 1
        elif closes.get(char):  # closes an outer one (counted, not searched for: "„„„…”””" stays linear)
            while closing_of[open_at[-1][1]] != char:
                start, opened = open_at.pop()
                closes[closing_of[opened]] -= 1
                findings.append(_unclosed_quote(start, opened, closing_of[opened]))
            open_at.pop()
            closes[char] -= 1
        elif char != _APOSTROPHE:
            opening = opening_of[char]
            findings.append(
                ProseFinding(
                    "P008",
                    offset,
                    offset + 1,
                    f"'{char}' closes a quotation that was never opened; add the opening '{opening}' or remove it",
                )
            )
    findings += (_unclosed_quote(offset, opened, closing_of[opened]) for offset, opened in open_at)
    return findings


def _unclosed_quote(offset: int, opening: str, closing: str) -> ProseFinding:
    return ProseFinding(
        "P008",
        offset,
        offset + 1,
        f"'{opening}' opens a quotation that is never closed; add the closing '{closing}' or remove it",
    )
