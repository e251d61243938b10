"""P002: mojibake: U+FFFD, UTF-8 read as Latin-1/cp1252 ("â€™"), or a "?" where a symbol was lost."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from netlint.prose.resources import package_path
from netlint.prose.settings import ProseFinding
from netlint.prose.text import Spans, merged, non_ascii, quote

if TYPE_CHECKING:
    import regex

_REPLACEMENT = re.compile("\ufffd+")
_TOKEN = re.compile(r"[^ \t\r\n]+")
# "Crohn?s", "don?t": a "?" between two letters; "Remo??o" (ç and ã lost): a run of them.
_QUESTION_IN_WORD = r"(?<=\p{L})\?+(?=\p{L})"
# "(PDQ?)", "PDQ?–": a "?" after an all-caps abbreviation that a bracket holds alone, or before a hyphen
# or an en dash. A question can end with one inside brackets ("(Do I need an MRI?)") or before an em
# dash ("Is it a NET?—your doctor").
_QUESTION_AFTER_ABBREVIATION = (
    r"(?<![\p{L}\p{N}])(?P<word>\p{Lu}{2,})\?"  # an abbreviation and a "?"
    r"(?:(?=[\-–])|(?<=[(\[{]\p{Lu}{2,}\?)(?=[)\]}]))"  # then a hyphen or en dash, or alone in brackets
)
# Both patterns match only at a "?" with a letter before it and after it a letter, a closing bracket
# or a dash. A letter is an ASCII letter or a non-ASCII character: a wider net than \p{L}, whatever
# Unicode version the regex module follows, and in the standard library (importing regex takes time).
_NOT_A_LETTER = r"\x00-\x40\x5b-\x60\x7b-\x7f"
# "3?5 days" (a lost en dash), "100.4?F" (a lost degree sign): a "?" between a digit and a digit, or C or F.
_QUESTION_IN_NUMBER = r"(?<=\p{N})\?(?=\p{N}|[CF]\b)|(?<=\p{N}[ \t\u00a0])\?(?=[CF]\b)"  # "100 ?C" too
# "4.5?kg": a "?" between a number and its unit, where a (no-break) space was.
_QUESTION_BEFORE_ATTACHED_UNIT = r"(?<=\p{N})\?(?=(?:kg|mg|mcg|g|ml|mL|dL|cm|mm|km|mmHg|h|min)\b)"
# "about ? inch", "(? cm)": a "?" on its own where a number was ("¾"), before a length unit.
_UNITS_AFTER = r"[ \t\u00a0]?(?:inch|cm|mm|centimet|millimet)"
_QUESTION_BEFORE_UNIT = rf"(?<![\p{{L}}\p{{N}}?])\?(?={_UNITS_AFTER}(?:es|ers?|res?)?\b)"
# "about 2? inches", "2?inches": a "?" after a number's digits where a fraction was lost ("2¾"), before a
# length unit (an attached "2?cm" is _QUESTION_BEFORE_ATTACHED_UNIT's).
_QUESTION_FOR_FRACTION = r"(?<=\p{N})\?(?=[ \t\u00a0](?:inch|cm|mm|centimet|millimet)|inch)"
# (It starts with the "?", which re skips to at C speed, and looks back from there.)
_LOST_SYMBOL_HINT = re.compile(
    rf"\?(?:(?<=[^{_NOT_A_LETTER}]\?)(?=[^{_NOT_A_LETTER}]|[)\]}}\-])"
    # a digit or a non-ASCII character, then a digit, C, F or a non-ASCII character (written as negated
    # ASCII sets: a set spanning the code points beyond ASCII costs milliseconds to compile)
    r"|(?<=[^\x00-\x2f\x3a-\x7f]\?)(?=[^\x00-\x2f\x3a-\x42\x44\x45\x47-\x7f])"
    rf"|(?={_UNITS_AFTER})"
    # "Remo??o"; "100 ?C"; "4.5?kg"
    r"|(?=\?)|(?<=[0-9][ \t\u00a0]\?)(?=[CF])|(?<=[0-9]\?)(?=[a-zA-Z]))"
)


@cache
def ftfy_is_bad() -> Callable[[str], bool]:
    """ftfy's mojibake heuristic, ``ftfy.badness.is_bad``, loaded without the rest of ftfy.

    ``import ftfy.badness`` first runs ftfy's package ``__init__``, which imports its codecs, its
    character tables and wcwidth: about 50 ms, several times what a run spends in the heuristic on
    all of its text. ``ftfy/badness.py`` itself needs only ``re``, so when ftfy is installed as
    files that one file is loaded on its own (under a private name, so that a later ``import ftfy``
    is untouched); otherwise ftfy is imported as usual.
    """
    path = package_path("ftfy", "badness.py")
    alone = importlib.util.spec_from_file_location("netlint._ftfy_badness", path) if path else None
    if alone is not None and alone.loader is not None:
        module = importlib.util.module_from_spec(alone)
        alone.loader.exec_module(module)
        is_bad: Callable[[str], bool] = module.is_bad
        return is_bad
    from ftfy.badness import is_bad as imported

    return imported


def may_have_mojibake(text: str) -> bool:
    """False only when :func:`check_mojibake` finds nothing in ``text``, or in any text it contains.

    Each test is of characters inside one whitespace-separated token or next to one "?", so joining
    texts with "\n" keeps it true: a "?" keeps its neighbours, a token stays a token.
    """
    if "?" in text and _LOST_SYMBOL_HINT.search(text):
        return True
    if text.isascii():
        return False
    if "\ufffd" in text:
        return True
    if _may_have_stray(text) and _STRAY.search(text):
        return True
    # _mis_decoded reports only inside a non-ASCII token that ftfy calls bad.
    return any(map(_bad_token, _non_ascii_tokens(text)))


# What is left of mojibake where ftfy has nothing to repair: the "Â" of a garbled no-break space whose
# second half became a plain space ("2Â cm", "tumorsÂ of"), and a quotation mark garbled and cut
# short ("curativeâ€", the "â€" of "â€\x9d", whose last byte cp1252 cannot show). No word ends in a
# capital Â after a small letter or digit, and no text holds "â€".
_STRAY = re.compile(
    r"(?<=[a-z0-9])[ÂÃ](?=\s|$)"  # "2Â cm", "cafÃ near": what is left of a garbled character
    r"|â€(?=[\s\"'.,;:!?)\]]|$)|(?<=[^\W\d_])â€(?=[^\W\d_])"  # "curativeâ€", "Itâ€s": cut short
    r"|â„¢"  # "™", which ftfy leaves garbled
)
_STRAY_WHAT = {"Â": "no-break space", "Ã": "accented letter", "â„¢": "trade mark sign (™)"}


def _may_have_stray(text: str) -> bool:
    """Whether ``text`` holds a character _STRAY's matches start with."""
    beyond = non_ascii(text)
    return "Â" in beyond or "â" in beyond or "Ã" in beyond


def _non_ascii_tokens(text: str) -> Iterator[str]:
    """The tokens (matches of _TOKEN) of ``text`` that hold a character beyond ASCII, in order.

    Found from those characters, which are few in most text, rather than by splitting all of it:
    such a character is never a separator, so its token runs from the separator before it to the
    one after it.
    """
    positions = []
    for char in non_ascii(text):
        at = text.find(char)
        while at >= 0:
            positions.append(at)
            at = text.find(char, at + 1)
    positions.sort()
    separators = [separator for separator in " \t\r\n" if separator in text]
    end = 0  # where the last token found ends: every search stays between tokens, so all is linear
    for start in positions:
        if start < end:
            continue  # part of the token just found
        left = max([text.rfind(separator, end, start) for separator in separators], default=-1) + 1
        token = _TOKEN.match(text, max(left, end))
        assert token is not None  # text[start] is no separator
        end = token.end()
        yield token.group()


def _bad_token(token: str) -> bool:
    """ftfy's verdict on one token, remembered: the same few ("it’s", "don’t") come back page after page."""
    verdict = _VERDICTS.get(token)
    if verdict is None:
        if len(_VERDICTS) >= 50_000:  # a bound on memory for a pathological project
            _VERDICTS.clear()
        # ftfy's pattern takes 30 ms to compile: a pre-commit run on a page of curly apostrophes and
        # quotes need not pay for it (see NEVER_BAD_ALONE)
        ours = all(char in NEVER_BAD_ALONE for char in token if char > "\x7f")
        verdict = _VERDICTS[token] = not ours and ftfy_is_bad()(token)
    return verdict


# Characters beyond ASCII that ftfy's heuristic (ftfy.badness.BADNESS_RE, categories "common",
# "start_punctuation" and "end_punctuation") counts as mojibake only next to characters outside this
# set (an accented letter, a currency or numeric sign, a C1 control, Greek or Cyrillic): the curly
# quotes, dashes, ellipsis, bullet, no-break space, ® and ™ of ordinary English. A token whose other
# characters are all ASCII is never bad; tests/test_prose_engine.py checks that against ftfy.
NEVER_BAD_ALONE = frozenset(
    "\xa0\xad·´–—―…’"  # common
    "¡«¿©΄΅‘‚“„•‹\uf8ff"  # start_punctuation
    "®»˝”›™"  # end_punctuation
)


_VERDICTS: dict[str, bool] = {}


def check_mojibake(text: str, urls: Spans) -> Iterator[ProseFinding]:
    """Yield P002 findings: replacement characters, mis-decoded UTF-8, lost symbols shown as '?'."""
    if "?" in text:
        yield from _lost_symbols(text, urls)
    if text.isascii():
        return
    if "\ufffd" in text:
        for match in _REPLACEMENT.finditer(text):
            yield ProseFinding(
                "P002",
                match.start(),
                match.end(),
                f"{quote(match.group())} (the Unicode replacement character) in "
                f"{quote(_word_around(text, match.start(), match.end()))} marks a character "
                "lost in a conversion; replace it with the right character",
            )
    repaired = list(_mis_decoded(text))
    yield from repaired
    if _may_have_stray(text):
        # (A look-up among the repaired findings' spans, in text order: not a pass over all of them per
        # match, quadratic in a text full of garbled characters.)
        covered = Spans(merged((finding.start, finding.end) for finding in repaired))
        for match in _STRAY.finditer(text):
            if covered.overlaps(match.start(), match.end()):
                continue
            what = _STRAY_WHAT.get(match.group(), "quotation mark or dash, cut short")
            # The word around it, but not into a garbled character found before or after it: the "œ"
            # of "â€œ" is no letter of the word "lifelong" in "â€œlifelongâ€".
            start = match.start()
            while start > 0 and text[start - 1].isalnum() and not covered.overlaps(start - 1, start):
                start -= 1
            end = match.end()
            while end < len(text) and text[end].isalnum() and not covered.overlaps(end, end + 1):
                end += 1
            message = (
                f"{quote(match.group())} in {quote(text[start:end])} looks like what is left "
                f"of a garbled {what} (text saved in one encoding and read in another); replace it with the right "
                "character"
            )
            yield ProseFinding("P002", match.start(), match.end(), message)


def _mis_decoded(text: str) -> Iterator[ProseFinding]:
    for token in _TOKEN.finditer(text):
        whole = token.group()
        if whole.isascii() or not _bad_token(whole):
            continue
        import ftfy  # only for a token that looks garbled: importing it takes about 50 ms

        for offset, word in _pieces(whole):
            if word.isascii():
                continue
            fixed = ftfy.fix_encoding(word)
            if fixed == word:
                continue
            yield from _repaired_findings(word, fixed, token.start() + offset)


_PIECE = 60


def _pieces(word: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``word`` in pieces of about _PIECE characters, cut before an ASCII character
    (never inside a run of garbled ones). Finding what ftfy changed in one long token took time cubic in
    its length; in pieces it is linear."""
    start = 0
    while len(word) - start > _PIECE:
        cut = start + _PIECE
        while cut < len(word) and not word[cut].isascii():
            cut += 1
        yield start, word[start:cut]
        start = cut
    yield start, word[start:]


# The last character of a garbled space, as Windows-1252 shows its UTF-8 bytes: "Â\u00a0" (C2 A0) is a
# no-break space; "â€¯" (E2 80 AF) a narrow one, as French sets before "?", "!", ":" and ";".
_SPACE_NAMES = {"\u00a0": "no-break space (U+00A0)", "¯": "narrow no-break space (U+202F)", "‰": "thin space (U+2009)"}


def _repaired_findings(word: str, fixed: str, base: int) -> Iterator[ProseFinding]:
    """The P002 findings for ``word`` (at ``base`` in the text), which ftfy repaired as ``fixed``."""
    for i1, i2, repaired in _repairs(word, fixed):
        start = base + i1
        bad = word[i1:i2]
        if repaired.strip():
            message = (
                f"{quote(bad)} looks like a garbled {quote(repaired)} (text saved in one "
                f"encoding and read in another); replace it with {quote(repaired)}"
            )
        elif repaired:
            # (ftfy repairs a garbled no-break space to a plain one; which one was lost is in the bytes)
            space = _SPACE_NAMES.get(bad[-1:], "no-break space (U+00A0)")
            message = (
                f"{quote(bad)} looks like a garbled {space} (text saved in one encoding and read in another); "
                f"replace it with a {space.split(' (')[0]}, which keeps what it joins on one line"
            )
        else:
            message = f"{quote(bad)} looks like garbled text left by a wrong encoding; remove it"
        yield ProseFinding("P002", start, base + i2, message)


def _repairs(word: str, fixed: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) for each garbled part of ``word``, as ftfy repaired it.

    A deleted character takes the unchanged non-ASCII character after it along,
    so "PDQÂ®" reports "Â®" → "®" rather than "Â" → nothing.
    """
    from difflib import SequenceMatcher  # only for a word with mojibake

    opcodes = SequenceMatcher(None, word, fixed, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal" or i1 == i2 or not word[i1:i2].replace("\ufffd", ""):
            continue  # unchanged, an insertion, or U+FFFD alone (reported on its own)
        repaired = fixed[j1:j2]
        if tag == "delete" and index + 1 < len(opcodes) and opcodes[index + 1][0] == "equal":
            _, k1, k2, _, _ = opcodes[index + 1]
            if k1 < k2 and not word[k1].isascii():
                repaired += word[k1]
                i2 = k1 + 1
        yield i1, i2, repaired


@cache
def _lost_symbol_patterns() -> tuple[tuple[regex.Pattern[str], str], ...]:
    """Each pattern with what its "?" stands between: a word's letters, an abbreviation and what follows
    it, a number's digits, or nothing and a unit."""
    import regex

    return (
        (regex.compile(_QUESTION_IN_WORD), "word"),
        (regex.compile(_QUESTION_AFTER_ABBREVIATION), "abbreviation"),
        (regex.compile(_QUESTION_IN_NUMBER), "number"),
        (regex.compile(_QUESTION_BEFORE_UNIT), "unit"),
        (regex.compile(_QUESTION_BEFORE_ATTACHED_UNIT), "space"),
        (regex.compile(_QUESTION_FOR_FRACTION), "fraction"),
    )


_SENTENCE_STOP = re.compile(r"[.!?\n]")


def _lost_symbols(text: str, urls: Spans) -> Iterator[ProseFinding]:
    for pattern, where in _lost_symbol_patterns():
        for match in pattern.finditer(text):
            offset = match.end() - 1  # the "?" (the last of a run)
            if offset in urls:
                continue
            if where == "word" and match.end() - match.start() > 1:  # "Remo??o": one finding for the run
                word = _word_around(text, match.start(), match.end())
                message = (
                    f"{quote(match.group())} in {quote(word)} looks like lost characters, such as accented "
                    "letters; replace them with the right characters"
                )
                yield ProseFinding("P002", match.start(), match.end(), message)
                continue
            if where == "abbreviation":
                word = match.group("word")
                message = (
                    f"'?' after {quote(word)} looks like a lost symbol such as ®; replace it with the right character"
                )
            elif where == "unit":  # "about ? inch"
                unit = _word_around(text, offset + 1 + (text[offset + 1] in " \t\u00a0"), offset + 2)
                message = (
                    f"'?' before {quote(unit)} looks like a lost number such as ¾ or ½; "
                    "replace it with the right number"
                )
            elif where == "fraction":  # "about 2? inches"
                opened = max(text.rfind("¿", max(0, offset - 200), offset), 0)
                if text.startswith("¿", opened) and not _SENTENCE_STOP.search(text, opened, offset):
                    continue  # "¿Mide más de 2? cm:": a Spanish question ends there
                word = _word_around(text, offset, offset + 1)
                message = (
                    f"'?' in {quote(word)} looks like a lost fraction such as ¾ or ½ after the number; "
                    "replace it with the right character"
                )
            elif where == "space":  # "4.5?kg"
                word = _word_around(text, offset, offset + 1)
                message = f"'?' in {quote(word)} looks like a lost space or symbol; replace it with the right character"
            else:
                word = _word_around(text, offset, offset + 1)
                lost = "a dash (–) or a degree sign (°)" if where == "number" else "an apostrophe (’) or a letter"
                message = (
                    f"'?' in {quote(word)} looks like a lost symbol such as {lost}; replace it with the right character"
                )
            yield ProseFinding("P002", offset, offset + 1, message)


def _word_around(text: str, start: int, end: int) -> str:
    """The non-space characters around text[start:end] (at most 30 either way), for context in a message.

    (Bounded: a text of "a?a?a?…" has a finding at each "?", and each walk over the whole run made
    the check quadratic.)
    """
    low, high = max(0, start - 30), min(len(text), end + 30)
    while start > low and (text[start - 1].isalnum() or text[start - 1] in "\ufffd'’"):
        start -= 1
    while end < high and (text[end].isalnum() or text[end] in "\ufffd'’?"):
        end += 1
    return text[start:end]
