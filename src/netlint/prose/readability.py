"""P007: Flesch-Kincaid grade of patient-facing text, computed offline.

Syllables come from syllapy (MIT): a table of 6,400 common English words with
a vowel-group rule for the rest, which counts medical words well
("hemicolectomy" 6, "appendectomy" 5), plus two corrections (see
:mod:`netlint.prose.syllables`). textstat is not used: it downloads NLTK's
cmudict at first use and falls back to pyphen, which undercounts.

Before counting, URLs are dropped, numbers with their units ("1.5 cm",
"2 hours", "0.8 in.") become one one-syllable word, all-caps abbreviations
("NETs", "ASCO") count as one syllable, and the dots of abbreviations
("Dr.", "e.g.", "No. 5") are removed so that they do not end sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from netlint.prose.settings import ProseFinding
from netlint.prose.syllables import TABLE
from netlint.prose.text import stand_in

MIN_WORDS = 40

# (An e-mail address is tried only where its run of characters starts: tried inside a long run, such as
# "a.a.a.a…" after an "@", each try read to the run's end, a search quadratic in the run's length.)
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_UNITS = (
    r"%|°[CF]?|(?:cm|mm|km|m|kg|mg|mcg|µg|μg|g|ml|mL|dL|L|l|in\.|ft\.?|lb\.?|lbs\.?|oz\.?"
    r"|mmHg|IU|units?|h|hr|hrs|min|mins|sec|s)(?![^\W\d_])"
)
_SIGNS = "-+±~≈<>≤≥"


def _number_pattern(digits: str, signs: str, fractions: str, dashes: str) -> re.Pattern[str]:
    r"""A number: (?<!\w)[sign]?\d+ with its tail (1.5, 1,000, 10:30, 1/2; 1-2, 1 to 2; a unit), or a fraction.

    ``digits``, ``signs`` and ``fractions`` are the contents of character sets. The pattern starts
    with the set of characters a number can start with, which re skips to at C speed (a pattern
    that starts with a look-behind is tried at every position: four times slower); after that
    character, the look-behinds check what (?<!\w) checked before it.
    tests/test_prose_prefilter.py compares it with the plain form.
    """
    digit = f"[{digits}]"
    tail = rf"(?:[.,:/]{digit}+)*(?:\s*(?:{dashes}|to)\s*{digit}+(?:[.,]{digit}+)*)?(?:\s*(?:{_UNITS}))?"
    fraction = rf"(?<=[{fractions}])|" if fractions else ""
    return re.compile(
        rf"[{signs}{digits}{fractions}]"
        rf"(?:{fraction}(?<={digit})(?<!\w{digit}){digit}*{tail}"
        rf"|(?<=[{signs}])(?<!\w[{signs}]){digit}+{tail})"
    )


@cache
def _number() -> re.Pattern[str]:
    """The number pattern for any text: compiled on first use (a tenth of the start-up of a pre-commit
    run; ASCII text, nearly all of it, takes _NUMBER_ASCII)."""
    return _number_pattern(r"\d", _SIGNS, "½⅓⅔¼¾⅛", "-|–")


# The same for ASCII text, where \d is [0-9] and only the ASCII signs can occur: a set of plain
# ranges, which re tests faster than one holding the Unicode category \d.
_NUMBER_ASCII = _number_pattern("0-9", "".join(sign for sign in _SIGNS if sign.isascii()), "", "-")
_ASCII_DIGIT = re.compile("[0-9]")
# Both dot patterns start at the dot and look back at the word before it: a pattern that
# starts with a literal is searched for at C speed, one that starts with \b is tried at
# every position. (e.g. i.e. U.S. a.m.: the dots after the first letter.)
_DOTTED = re.compile(r"\.(?<=\b[A-Za-z]\.)(?:[A-Za-z]\.)+")
_ABBREVIATIONS = (
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "vs", "etc", "approx", "Fig", "Figs", "Vol",
    "Inc", "Ltd", "Co", "Dept", "ca", "cf", "al",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
# One look-behind per word length (re allows alternatives of one width in a look-behind).
_ABBREVIATION_DOT = re.compile(
    r"\.(?:"
    + "|".join(
        rf"(?<=\b(?:{'|'.join(re.escape(word) for word in _ABBREVIATIONS if len(word) == size)})\.)"
        for size in sorted({len(word) for word in _ABBREVIATIONS})
    )
    + r"|(?<=\bNo\.)(?=\s*\d))"
)
_DIGIT = re.compile(r"[\d½⅓⅔¼¾⅛]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s|$)"  # end punctuation before a space or the end (from a run's start)
    r"|\n[ \t]*\n"  # a blank line ends a paragraph
    # A list item starts a sentence: "- ", "• ", "– ", "▪ ", "1. ", "1) ", "a) " (a number is masked
    # to " 0 " first, so "1)" is seen as "0 )").
    r"|\n(?=[ \t]*(?:[-*•‣◦–▪▫■□●○►▸✓✔]|\d{1,3}[ \t]?[.)]|[A-Za-z]\))[ \t])"
    # So does a line starting with a capitalised word: in a literal block (`|`) the line breaks are
    # the writer's, and a checklist of short lines without full stops is not one long sentence.
    # (Not an abbreviation in capitals: "CT" or "MRI" starting a wrapped line goes on a sentence.)
    r"|\n(?=[ \t]*[A-ZÀ-ÖØ-Þ](?![A-ZÀ-ÖØ-Þ]))"
)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


class _AlphanumericOnly(dict[int, int]):
    """A `str.translate` table keeping what `[^\\W_]` matches (str.isalnum) and making all else a space."""

    def __missing__(self, code: int) -> int:
        value = self[code] = code if chr(code).isalnum() else 32
        return value


class _WordCharacters(dict[int, int]):
    """A `str.translate` table keeping what `_WORD` is made of (`[^\\W_]` and its joiners), all else a space."""

    def __missing__(self, code: int) -> int:
        value = self[code] = code if chr(code).isalnum() or chr(code) in _JOINERS else 32
        return value


_JOINERS = "'’-"
_ALPHANUMERIC_ONLY = _AlphanumericOnly()
# Letters and digits "a", anything else a space: a run starts at each "a" that starts the text or follows a space.
_WORD_CHARACTERS = _WordCharacters()
_ASCII_WORD_CHARACTERS = bytes(
    code if code < 128 and (chr(code).isalnum() or chr(code) in _JOINERS) else 32 for code in range(256)
)
# A joiner without a letter or digit on both sides joins nothing.
# (Both alternatives start with the joiner, which re skips to at C speed; the look-behind then
# looks past it.)
_LOOSE_JOINER = re.compile(r"['’\-](?<![^\W_]['’\-])|['’\-](?![^\W_])")
# For a lower bound on sentences: a letter or digit "a", end punctuation ".", whitespace " ", all else
# (each byte of a multi-byte character too) "x".
_SENTENCE_MARKS = bytes(
    ord("a") if code < 128 and chr(code).isalnum()
    else ord(".") if chr(code) in ".!?"
    else 32 if code < 128 and chr(code).isspace()
    else ord("x")
    for code in range(256)
)  # fmt: skip


def split_words(masked: str) -> list[str]:
    """``_WORD.findall(masked)``, by a table translation and a split at C speed.

    Keeping letters, digits and joiners ("'", "’", "-") and turning everything else into a space,
    then turning into a space each joiner without a letter or digit on both sides, leaves exactly
    the words `_WORD` finds (runs of letters and digits, joined by single joiners) between spaces.
    """
    if masked.isascii():  # bytes.translate is a plain table look-up, several times faster
        kept = masked.encode("ascii").translate(_ASCII_WORD_CHARACTERS).decode("ascii")
    else:
        kept = masked.translate(_WORD_CHARACTERS)
    if "-" in kept or "'" in kept or "’" in kept:
        kept = _LOOSE_JOINER.sub(" ", kept)
    return kept.split()


def _sentences_at_least(masked: str, encoded: bytes | None = None) -> int:
    """A lower bound on the sentences :func:`_measure` counts: ends of sentences right after a letter or digit.

    Each "a. " (a letter or digit, one of ".!?", a space) or final "a." is a distinct match of
    `_SENTENCE_END` (a letter or digit is never part of one), and the piece of text before it holds
    that letter or digit: it is a sentence.
    """
    if encoded is None:
        encoded = masked.encode("utf-8", "surrogatepass")
    marks = encoded.translate(_SENTENCE_MARKS)
    return marks.count(b"a. ") + marks.endswith(b"a.")


def may_reach_min_words(text: str) -> bool:
    """False when ``text`` certainly has fewer than :data:`MIN_WORDS` words, so no P007 finding."""
    if len(text) < MIN_WORDS:
        return False  # fewer characters than words needed
    # Without a number to mask, masking only removes or joins runs of letters and digits,
    # and a word is at least one run: too few runs, too few words. MIN_WORDS runs take at least
    # 2 * MIN_WORDS - 1 characters (a separator between each two).
    if len(text) >= 2 * MIN_WORDS - 1 and _alphanumeric_runs(text) >= MIN_WORDS:
        return True
    return _has_digit(text)


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _alphanumeric_runs(text: str) -> int:
    """How many runs of letters and digits ``text`` has: a translate and a split, at C speed."""
    return len(text.translate(_ALPHANUMERIC_ONLY).split())


@dataclass(frozen=True)
class Readability:
    """Counts behind one Flesch-Kincaid grade."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """0.39 × words per sentence + 11.8 × syllables per word − 15.59."""
        return _grade(self.words, self.sentences, self.syllables)


def _grade(words: int, sentences: int, syllables: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def _mask(text: str) -> str:
    # Each pattern runs only when a cheap test says it can match: this runs on every text field.
    if "://" in text or "@" in text or (("w." in text or "W." in text) and "www." in text.lower()):
        text = _URL.sub(" ", text)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
        text = _ABBREVIATION_DOT.sub("", text)
    digit = _DIGIT.search(text)
    if digit:
        # A number starts at its first digit or at a sign just before it: no match starts before
        # ``digit.start() - 1``, and from two characters back the look-behind sees what it would.
        keep = max(0, digit.start() - 2)
        text = text[:keep] + _number().sub(" 0 ", text[keep:])
    return text


def measure(text: str) -> Readability:
    """Words, sentences and syllables of ``text`` after masking numbers, units and abbreviations."""
    masked = _mask(text)
    return _measure(masked, split_words(masked))


def _measure(masked: str, found: list[str]) -> Readability:
    return Readability(len(found), max(_sentence_count(masked), 1), sum(map(TABLE.__getitem__, found)))


def _sentence_count(masked: str) -> int:
    # Sentence ends never fall inside a word, so the words of the whole text are the words of
    # its sentences: only the number of sentences needs the split.
    return sum(1 for sentence in _SENTENCE_END.split(masked) if _LETTER_OR_DIGIT.search(sentence))


def check_reading_grade(text: str, max_grade: float) -> list[ProseFinding]:
    """A P007 finding spanning the whole text when it has 40+ words and a grade above ``max_grade``."""
    return check_reading_grades([text], max_grade).get(0, [])


def _grade_general(text: str, max_grade: float) -> list[ProseFinding]:
    """check_reading_grade, step by step, for any text."""
    if not may_reach_min_words(text):
        return []
    masked = _mask(text)
    return _finding(len(text), masked, split_words(masked), max_grade)


# Characters beyond ASCII common in English pages, each with an ASCII character that every pattern
# and table of P007 treats alike, one for one: "’" and "'" both join words and may follow a sentence's
# end, as "”" and '"' may; "“", "‘" and "—" are none of a letter, digit, space, joiner, sign or
# closing mark, as "#" is; "…" ends a sentence as "!" does; "•" marks a list item as "*" does; the
# no-break and thin spaces are whitespace but not [ \t], as "\x0b" is. ("–" is not here: it joins
# the numbers of a range, "1–2 cm", but not words, as "-" does.)
GRADE_STAND_INS = {
    "’": "'", "”": '"', "“": "#", "‘": "#", "—": "#", "…": "!", "•": "*",
    "\u00a0": "\x0b", "\u2009": "\x0b", "\u202f": "\x0b",
}  # fmt: skip


def check_reading_grades(texts: Sequence[str], max_grade: float) -> dict[int, list[ProseFinding]]:
    """``{i: check_reading_grade(texts[i], max_grade)}`` for each i with a finding.

    ASCII text (nearly all of it) takes :func:`_grade_ascii`: :func:`_grade_general`'s steps with
    byte-table translations; so does text whose other characters all have a stand-in in
    GRADE_STAND_INS, with them. tests/test_prose_prefilter.py proves that they agree.
    """
    graded: dict[int, list[ProseFinding]] = {}
    for index, text in enumerate(texts):
        if len(text) < MIN_WORDS:  # fewer characters than words needed: most fields are short
            continue
        ascii_text = stand_in(text, GRADE_STAND_INS)  # the text itself when it is ASCII
        if ascii_text is None:
            finding = _grade_general(text, max_grade)
        else:
            finding = _grade_ascii(ascii_text, max_grade)
        if finding:
            graded[index] = finding
    return graded


# Letters "a", digits "0", anything else a space: one translation finds the first digit, and counts
# the runs of letters and digits of text without one.
_ASCII_DIGIT_MARKS = bytes(
    48 if code < 128 and chr(code).isdigit() else 97 if code < 128 and chr(code).isalnum() else 32
    for code in range(256)
)  # fmt: skip


def _grade_ascii(text: str, max_grade: float) -> list[ProseFinding]:
    """_grade_general for ASCII ``text`` of at least MIN_WORDS characters."""
    data = text.encode("ascii")
    marks = data.translate(_ASCII_DIGIT_MARKS)
    first_digit = marks.find(b"0")
    if first_digit < 0:  # no digit: may_reach_min_words counts runs
        if len(text) < 2 * MIN_WORDS - 1 or marks.count(b" a") + marks.startswith(b"a") < MIN_WORDS:
            return []
    masked = _mask_ascii(text, first_digit)
    if masked is not text:  # masking changed something (rare): its bytes are new
        data = masked.encode("ascii")
    kept = data.translate(_ASCII_WORD_CHARACTERS).decode("ascii")
    if "-" in kept or "'" in kept:
        kept = _LOOSE_JOINER.sub(" ", kept)
    return _finding(len(text), masked, kept.split(), max_grade, data)


# Either dot pattern can match only where this does: one scan decides that neither has anything to do.
_ANY_DOT_MASK = re.compile(f"{_DOTTED.pattern}|{_ABBREVIATION_DOT.pattern}")


def _mask_ascii(text: str, first_digit: int) -> str:
    """_mask for ASCII ``text`` whose first digit is at ``first_digit`` (-1: none)."""
    given = text
    if "://" in text or "@" in text or (("w." in text or "W." in text) and "www." in text.lower()):
        text = _URL.sub(" ", text)
    if "." in text and _ANY_DOT_MASK.search(text):
        text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
        text = _ABBREVIATION_DOT.sub("", text)
    if text is not given and first_digit >= 0:  # characters went: the first digit may have moved, or gone
        digit = _ASCII_DIGIT.search(text)
        first_digit = digit.start() if digit else -1
    if first_digit >= 0:
        keep = max(0, first_digit - 2)  # as in _mask
        text = text[:keep] + _NUMBER_ASCII.sub(" 0 ", text[keep:])
    return text


def _finding(
    length: int, masked: str, found: list[str], max_grade: float, masked_bytes: bytes | None = None
) -> list[ProseFinding]:
    """The P007 finding for a text of ``length`` characters, given its masked form and that form's words
    (and, for ASCII text, the masked form's bytes)."""
    if len(found) < MIN_WORDS:
        return []
    syllable_count = sum(map(TABLE.__getitem__, found))
    # The grade falls as sentences rise (so does its rounding, step by step in floating point):
    # with a lower bound on them it is an upper bound, which usually settles that the text is
    # within the limit without splitting it into sentences.
    sentences = _sentences_at_least(masked, masked_bytes)
    if round(_grade(len(found), max(sentences, 1), syllable_count), 1) <= max_grade:
        return []
    grade = round(_grade(len(found), max(_sentence_count(masked), 1), syllable_count), 1)
    if grade <= max_grade:
        return []
    return [
        ProseFinding(
            "P007",
            0,
            length,
            f"reading grade {grade:.1f} is above the limit of {max_grade:g} for patient pages; "
            "use shorter sentences and simpler words",
        )
    ]
