"""P007: Flesch-Kincaid grade of patient-facing text, computed offline.

Syllables come from syllapy (MIT): a table of 6,400 common English words with
a vowel-group rule for the rest, which counts medical words well
("hemicolectomy" 6, "appendectomy" 5), plus two corrections below. textstat
is not used: it downloads NLTK's cmudict at first use and falls back to
pyphen, which undercounts.

Before counting, URLs are dropped, numbers with their units ("1.5 cm",
"2 hours", "0.8 in.") become one one-syllable word, all-caps abbreviations
("NETs", "ASCO") count as one syllable, and the dots of abbreviations
("Dr.", "e.g.", "No. 5") are removed so that they do not end sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netlint.prose.settings import ProseFinding

MIN_WORDS = 40

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_UNITS = (
    r"%|°[CF]?|(?:cm|mm|km|m|kg|mg|mcg|µg|μg|g|ml|mL|dL|L|l|in\.|ft\.?|lb\.?|lbs\.?|oz\.?"
    r"|mmHg|IU|units?|h|hr|hrs|min|mins|sec|s)(?![^\W\d_])"
)
_NUMBER = re.compile(
    r"(?<!\w)[-+±~≈<>≤≥]?\d+(?:[.,:/]\d+)*"  # 1, 1.5, 1,000, 10:30, 1/2
    r"(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)*)?"  # 1-2, 1 to 2
    rf"(?:\s*(?:{_UNITS}))?"
    r"|[½⅓⅔¼¾⅛]"
)
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
    r"[.!?…]+[\"'”’)\]]*(?=\s|$)"  # end punctuation before a space or the end
    r"|\n[ \t]*\n"  # a blank line ends a paragraph
    r"|\n(?=[ \t]*(?:[-*•‣◦]|\d{1,3}[.)])[ \t])"  # a list item starts a sentence
)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_ABBREVIATION = re.compile(r"[A-Z]{2,}s?")
_HIATUS = re.compile(r"(?<![tscgx])i[ao]|(?<![gq])u[ao]|(?<![gc])eo|iu")
_SILENT_ED = re.compile(r"[^aeiouytd]ed$")


class _AlphanumericOnly(dict[int, int]):
    """A `str.translate` table keeping what `[^\\W_]` matches (str.isalnum) and making all else a space."""

    def __missing__(self, code: int) -> int:
        value = self[code] = code if chr(code).isalnum() else 32
        return value


_ALPHANUMERIC_ONLY = _AlphanumericOnly()
_ASCII_ALPHANUMERIC_ONLY = bytes(code if code < 128 and chr(code).isalnum() else 32 for code in range(256))


def _alphanumeric_runs(text: str) -> int:
    """How many runs of letters and digits ``text`` has: a translate and a split, at C speed."""
    if text.isascii():  # bytes.translate is a plain table look-up, several times faster
        return len(text.encode("ascii").translate(_ASCII_ALPHANUMERIC_ONLY).split())
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
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def _mask(text: str) -> str:
    # Each pattern runs only when a cheap test says it can match: this runs on every text field.
    if "://" in text or "@" in text or "www." in text.lower():
        text = _URL.sub(" ", text)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
        text = _ABBREVIATION_DOT.sub("", text)
    if _DIGIT.search(text):
        text = _NUMBER.sub(" 0 ", text)
    return text


class _SyllableTable(dict[str, int]):
    """Syllables per word as written, computed on first sight: ``sum(map(table.__getitem__, words))``."""

    def __missing__(self, word: str) -> int:
        if len(self) >= 100_000:  # a bound on memory for a pathological project
            self.clear()
        count = self[word] = _syllables(word)
        return count


_TABLE = _SyllableTable()


def syllables(word: str) -> int:
    """Syllables in one word as written in the text (a number or abbreviation is one)."""
    return _TABLE[word]


def _syllables(word: str) -> int:
    if word.isdigit() or _ABBREVIATION.fullmatch(word):
        return 1
    parts = [part for part in re.split(r"[-–]", word.lower().replace("’", "'")) if part]
    return sum(_part_syllables(part) for part in parts) or 1


def _part_syllables(word: str) -> int:
    import syllapy  # type: ignore[import-untyped]  # no type information shipped

    count: int = max(1, int(syllapy.count(word)))
    if word in getattr(syllapy, "WORD_DICT", ()):
        return count
    # syllapy's vowel-group rule, corrected for split vowel pairs ("duodenum", "biopsy")
    # and a silent "-ed" ("removed"): against CMUdict on 20,000 words not in its table
    # this takes exact counts from 83% to 88%.
    count += len(_HIATUS.findall(word))
    if _SILENT_ED.search(word) and count > 1:
        count -= 1
    return count


def measure(text: str) -> Readability:
    """Words, sentences and syllables of ``text`` after masking numbers, units and abbreviations."""
    masked = _mask(text)
    return _measure(masked, _WORD.findall(masked))


def _measure(masked: str, words: list[str]) -> Readability:
    # Sentence ends never fall inside a word, so the words of the whole text are the words of
    # its sentences: only the number of sentences needs the split.
    sentences = sum(1 for sentence in _SENTENCE_END.split(masked) if _LETTER_OR_DIGIT.search(sentence))
    return Readability(len(words), max(sentences, 1), sum(map(_TABLE.__getitem__, words)))


def check_reading_grade(text: str, max_grade: float) -> list[ProseFinding]:
    """A P007 finding spanning the whole text when it has 40+ words and a grade above ``max_grade``."""
    if len(text) < MIN_WORDS:
        return []  # fewer characters than words needed
    if not _DIGIT.search(text) and _alphanumeric_runs(text) < MIN_WORDS:
        # Without a number to mask, masking only removes or joins runs of letters and digits,
        # and a word is at least one run: too few runs, too few words.
        return []
    masked = _mask(text)
    words = _WORD.findall(masked)
    if len(words) < MIN_WORDS:
        return []
    counts = _measure(masked, words)
    grade = round(counts.grade, 1)
    if grade <= max_grade:
        return []
    return [
        ProseFinding(
            "P007",
            0,
            len(text),
            f"reading grade {grade:.1f} is above the limit of {max_grade:g} for patient pages; "
            "use shorter sentences and simpler words",
        )
    ]
