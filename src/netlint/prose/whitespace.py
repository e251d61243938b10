"""P004: whitespace defects: doubled spaces, space inside brackets or before punctuation, trailing spaces,
invisible characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from netlint.prose.settings import ProseFinding
from netlint.prose.text import non_ascii

# Whitespace within a line: spaces, tabs, no-break and other Unicode spaces; never a newline.
_SPACE = r"[^\S\r\n]"
# (From the start of a run only: tried at each of a long run's spaces, the search went quadratic.)
_TRAILING = re.compile(rf"(?<!{_SPACE}){_SPACE}+(?=\r?\n|\r|\Z)")
_AFTER_OPENING = re.compile(rf"(?<=[(\[{{]){_SPACE}+(?=\S)")
_BEFORE_CLOSING = re.compile(rf"(?<=\S){_SPACE}+(?=[)\]}}])")
# Not before "..." or ". . ." (an ellipsis), ".5" (a decimal) or ".NET"/".pdf" (a name).
_BEFORE_PUNCTUATION = re.compile(rf"(?<=[^\s.]){_SPACE}+(?=[,;:]|\.(?![.\w])(?!{_SPACE}\.))")
# French sets ";" and ":" off with a (no-break) space; only "," and "." are defects there.
_BEFORE_PUNCTUATION_FR = re.compile(rf"(?<=[^\s.]){_SPACE}+(?=,|\.(?![.\w])(?!{_SPACE}\.))")
# A tab between two words (a tab in a run of spaces is _REPEATED's).
_TAB = re.compile(r"(?<=\S)\t(?=\S)")
# A single no-break space between words is deliberate ("2\u00a0cm"); two spaces of any kind are not.
_REPEATED = re.compile(rf"(?<=\S){_SPACE}{{2,}}(?=\S)")
# A list item's label alone at the start of a line: the spaces after it align the items' text ("1.  Stop").
_LIST_LABEL = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[A-Za-z][.)]|[-*•‣◦–▪])")
_LABEL_REACH = 64  # characters back from the spaces in which a label's line must start
# Characters no one sees, pasted from web pages and word processors: they split a word for search,
# spelling and the other checks ("Neur\u200bendocrine" is no near-miss of anything). (Zero-width
# joiners are left alone: emoji and some scripts need them.)
_INVISIBLE_NAMES = {
    "\u200b": "zero-width space (U+200B)",
    "\u2060": "word joiner (U+2060)",
    "\ufeff": "zero-width no-break space (U+FEFF)",
    "\u00ad": "soft hyphen (U+00AD)",
    # ("invisible" is the message's: "invisible times operator (U+2062)". Not the combining grapheme
    # joiner, U+034F, nor the Mongolian vowel separator, U+180E: Hebrew points and Mongolian spelling
    # need them.)
    "\u2061": "function application (U+2061)",
    "\u2062": "times operator (U+2062)",
    "\u2063": "separator (U+2063)",
    "\u2064": "plus operator (U+2064)",
    # Bidirectional controls change the order in which the text shows (a "Trojan Source"): with
    # "up to \u202emc 02\u202c" a page shows "20 cm" where every check read "mc 02". The overrides have
    # no place in prose; the embeddings and isolates are the right-to-left languages' own.
    "\u202d": "left-to-right override (U+202D), which reorders the text as it shows,",
    "\u202e": "right-to-left override (U+202E), which reorders the text as it shows,",
    "\u202a": "left-to-right embedding (U+202A), which reorders the text as it shows,",
    "\u202b": "right-to-left embedding (U+202B), which reorders the text as it shows,",
    "\u202c": "pop directional formatting (U+202C)",
    "\u2066": "left-to-right isolate (U+2066), which reorders the text as it shows,",
    "\u2067": "right-to-left isolate (U+2067), which reorders the text as it shows,",
    "\u2068": "first strong isolate (U+2068), which reorders the text as it shows,",
    "\u2069": "pop directional isolate (U+2069)",
}  # (Not the left-to-right and right-to-left marks, U+200E and U+200F: they reorder no text.)
# Beside right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko...: a page in such a language, or a
# source's title or author in one), the embeddings and isolates are what mixed-direction text needs.
_RIGHT_TO_LEFT_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_DIRECTIONAL = frozenset("\u202a\u202b\u202c\u2066\u2067\u2068\u2069")
_INVISIBLE = re.compile("[" + "".join(_INVISIBLE_NAMES) + "]+")
# Languages of long compounds, where a soft hyphen marks where a word may break ("Magen\u00addarm\u00adtrakt").
_COMPOUNDING = frozenset({"de", "nl", "da", "sv", "no", "nb", "nn", "fi", "is", "hu", "et"})
# Any of the above can only match where this does: one search clears most text.
_ANY_DEFECT = re.compile(
    rf"{_SPACE}(?:{_SPACE}|[)\]}},;:.\r\n]|\Z)|[(\[{{]{_SPACE}|\t|[" + "".join(_INVISIBLE_NAMES) + "]"
)
# The characters _SPACE matches beyond ASCII (str.isspace, which is what \s means, minus \r and \n).
_WIDE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# _ANY_DEFECT's alphabet as bytes: a _SPACE becomes " ", a character that may follow one "p", a
# bracket that may precede one "o", anything else (every byte of a multi-byte character too) "x".
_MARKS = bytes(
    32 if chr(code).isspace() and chr(code) not in "\r\n"
    else ord("p") if chr(code) in ")]},;:.\r\n"
    else ord("o") if chr(code) in "([{"
    else ord("x")
    for code in range(128)
) + b"x" * 128  # fmt: skip
_WORD_BEFORE = re.compile(r"\S{1,30}$")
_WORD_AFTER = re.compile(r"\S{1,30}")


def may_have_whitespace_defect(text: str) -> bool:
    """Exactly whether ``_ANY_DEFECT`` matches in ``text``; without the regex when every space is ASCII
    and no character is invisible.

    Then each of its alternatives is two neighbouring one-byte characters (or a space at the end),
    so a table translation of the UTF-8 bytes and three substring tests decide it at C speed, where
    the regex tries every position. Joining texts with "\n" keeps every match (a trailing space
    before the "\n" still matches), which is what the document-level screen relies on.
    """
    if text.isascii():
        marks = text.encode("ascii").translate(_MARKS)
    else:
        beyond = non_ascii(text)  # the few characters beyond ASCII
        if not beyond.isdisjoint(_INVISIBLE_NAMES):
            return True
        if _WIDE_SPACE.search("".join(beyond)):
            return _ANY_DEFECT.search(text) is not None
        marks = text.encode("utf-8").translate(_MARKS)
    return b"  " in marks or b" p" in marks or b"o " in marks or marks.endswith(b" ") or "\t" in text


def check_whitespace(text: str, language: str) -> Iterator[ProseFinding]:
    """Yield P004 findings, at most one per run of whitespace, spanning the whitespace."""
    if text.isalnum() or not may_have_whitespace_defect(text):
        return
    before_punctuation = _BEFORE_PUNCTUATION_FR if language == "fr" else _BEFORE_PUNCTUATION
    taken: set[int] = set()
    found: list[ProseFinding] = []

    def add(start: int, end: int, message: str) -> None:
        if start in taken:
            return
        taken.add(start)
        found.append(ProseFinding("P004", start, end, message))

    if not text.isascii():
        mixed: bool | None = None  # whether the text has right-to-left letters (looked for once, if needed)
        for match in _INVISIBLE.finditer(text):
            if language in _COMPOUNDING and not match.group().strip("\u00ad"):
                continue  # "maag\u00addarm\u00adarts": where a long compound may break, on purpose
            if _DIRECTIONAL.issuperset(match.group()):
                if mixed is None:
                    mixed = _RIGHT_TO_LEFT_LETTER.search(text) is not None
                if mixed:
                    continue  # embeddings and isolates around right-to-left words: what they are for
            names = " and ".join(dict.fromkeys(_INVISIBLE_NAMES[char] for char in match.group()))
            before, after = _words_around(text, match)
            if before and after:
                where = f"between '{before}' and '{after}'"
            else:
                where = f"before '{after}'" if after else f"after '{before}'" if before else "alone"
            add(*match.span(), f"invisible {names} {where}; remove it")
    for match in _TRAILING.finditer(text):
        where = "the text" if match.end() == len(text) else "a line"
        add(*match.span(), f"trailing whitespace at the end of {where}; remove it")
    for match in _AFTER_OPENING.finditer(text):
        opening = text[match.start() - 1]
        add(*match.span(), f"space after '{opening}'; remove it")
    for match in _BEFORE_CLOSING.finditer(text):
        add(*match.span(), f"space before '{text[match.end()]}'; remove it")
    for match in before_punctuation.finditer(text):
        add(*match.span(), f"space before '{text[match.end()]}'; remove it")
    for match in _TAB.finditer(text):
        add(*match.span(), "a tab between '{}' and '{}'; use a single space".format(*_words_around(text, match)))
    for match in _REPEATED.finditer(text):
        # (The line's start looked for only as far back as a label reaches: not over a long line again
        # for each of its doubled spaces.)
        near = max(0, match.start() - _LABEL_REACH)
        line_start = text.rfind("\n", near, match.start()) + 1 or (0 if near == 0 else -1)
        if line_start >= 0 and _LIST_LABEL.fullmatch(text, line_start, match.start()):
            continue  # "1.  Stop eating", "•  Rest": spaces that align a list's items
        between = "'{}' and '{}'".format(*_words_around(text, match))
        run = match.group()
        if run.strip(" "):
            kind = "a tab" if "\t" in run else "a no-break space" if "\u00a0" in run else "an unusual space"
            message = f"{len(run)} spaces in a row (including {kind}) between {between}; use a single space"
        else:
            message = f"{len(run)} spaces between {between}; use a single space"
        add(*match.span(), message)
    yield from found


def _words_around(text: str, match: re.Match[str]) -> tuple[str, str]:
    """The word (up to 30 characters) before ``match`` and the one after it, for a message ("" if none)."""
    before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    after = _WORD_AFTER.match(text, match.end())
    # (Without soft hyphens, which a message would show as escapes: "darm\xadlever".)
    return (
        before.group().replace("\u00ad", "") if before else "",
        after.group().replace("\u00ad", "") if after else "",
    )
