"""P005: a word that is not a known word but is one or two letters away from a glossary term."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from netlint.prose.scripts import foreign_run_pattern
from netlint.prose.settings import GlossaryTerm, ProseFinding
from netlint.prose.text import Spans, keep_last, stand_in
from netlint.prose.wordlist import WordSet, stems, takes_ies, us_spellings, word_set

if TYPE_CHECKING:
    import regex

MIN_LETTERS = 4  # shorter words are too close to too much to call a near-miss
LONG_WORD = 8  # up to this many letters a near-miss is distance 1, beyond it distance 2


def max_distance(word: str) -> int:
    """The largest Damerau-Levenshtein distance at which ``word`` is a near-miss."""
    return 1 if len(word) <= LONG_WORD else 2


@cache
def _word_pattern() -> regex.Pattern[str]:
    import regex

    # Letters joined by apostrophes; hyphens, digits and everything else split words.
    return regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")


# The same words in ASCII text, where \p{L} and \p{M} are A-Z and a-z and "’" cannot occur: the
# standard library's re does, and the regex module need not be imported for an English glossary.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each apostrophe-joined word of letters."""
    pattern = _ASCII_WORD if text.isascii() else _word_pattern()
    for match in pattern.finditer(text):
        yield match.start(), match.end(), match.group()


class _WordCharacters(dict[int, int]):
    """A `str.translate` table: letters and marks stay, "’" becomes "'", anything else a space.

    The same split as :func:`words` ("[\\p{L}\\p{M}]+" joined by apostrophes), filled in per
    character on first sight. A character Python's Unicode tables do not know is kept, so that a
    word holding it is looked at word by word rather than split wrongly.
    """

    def __missing__(self, code: int) -> int:
        char = chr(code)
        category = unicodedata.category(char)
        if char in "'’":
            value = ord("'")
        elif category[0] in "LM" or category == "Cn":
            value = code
        else:
            value = ord(" ")
        self[code] = value
        return value


_WORD_CHARACTERS = _WordCharacters()
# The same for ASCII text: letters and the apostrophe stay.
_ASCII_WORD_CHARACTERS = bytes(code if chr(code).isalpha() or code == 39 else 32 for code in range(128)) + b" " * 128


# Characters beyond ASCII that :func:`words` splits at (punctuation and spaces; "’" is an apostrophe),
# each with an ASCII character it treats alike: curly quotation marks, dashes, ellipsis, bullets, the
# no-break and thin spaces, guillemets. None is a letter or mark, and each is its own lower case.
WORD_STAND_INS = {"’": "'", **dict.fromkeys("‘“”‚„–—…•·«»‹›\u00a0\u2009\u202f", " ")}


@keep_last
def ascii_words(text: str) -> tuple[str, list[str]] | None:
    """(``text`` lower-cased with all but letters and apostrophes made spaces, its split), for ASCII
    ``text`` or text whose other characters all have a stand-in in WORD_STAND_INS; None otherwise.

    The document-level screens of P003, P006 and P005 all want it for the same joined text, one
    after the other: the last answer is kept.
    """
    source = stand_in(text, WORD_STAND_INS)
    if source is None:
        return None
    joined = source.encode("ascii").lower().translate(_ASCII_WORD_CHARACTERS).decode("ascii")
    return joined, joined.split()


class NearMissIndex:
    """The glossary's words by length (the near-miss targets) and every word counted as known."""

    def __init__(
        self,
        language: str,
        listed: WordSet,
        extra: frozenset[str],
        by_length: dict[int, tuple[tuple[str, str], ...]],
    ) -> None:
        self.language = language
        self._listed = listed  # the language's word list
        self._extra = extra  # glossary and allow-list words, lower-case
        self._by_length = by_length  # length → ((lower-case word, as written), ...)
        self._targets: list[tuple[str, str]] = []  # every (lower-case word, as written), for _deletions
        self._index: dict[str, list[int]] | None = None  # see _deletions

    def known(self, word: str) -> bool:
        lower = word.lower().replace("’", "'")
        return lower in self._listed or lower in self._extra

    def all_known(self, text: str) -> bool:
        """True when every word of ``text`` is known or shorter than MIN_LETTERS, so that it holds no near-miss.

        Most text is all known words ("MRI" and "CT" are too short to be anything's near-miss):
        this decides it with C-speed string and set operations, where :func:`words` and
        :meth:`known` take a regex match and a look-up per word.
        """
        found: list[str] | None = None
        split = ascii_words(text)  # bytes.lower and bytes.translate are plain table look-ups
        if split is not None:
            joined, found = split
        else:
            lowered = text.lower()
            if len(lowered) != len(text):
                return False  # lower-casing changed the text's shape ("İ"): check word by word
            joined = lowered.translate(_WORD_CHARACTERS)
        # A stray apostrophe ("patients'", "''") is not part of a word: leave that to the regex.
        if "'" in joined and (
            "' " in joined or " '" in joined or "''" in joined or joined[0] == "'" or joined[-1] == "'"
        ):
            return False
        if found is None:
            found = joined.split()
        missing = self._listed.missing(found)
        # check_near_misses looks only at words, and parts of words, of MIN_LETTERS letters or more.
        return not missing or self._extra.issuperset(word for word in missing if len(word) >= MIN_LETTERS)

    def known_variant(self, word: str) -> bool:
        """True when ``word`` is an inflection or (English) British spelling of a known word."""
        lower = word.lower().replace("’", "'")
        forms = list(stems(lower))
        if self.language == "en":
            forms += us_spellings(lower)
            forms += (spelling for stem in stems(lower) for spelling in us_spellings(stem))
        return any(self.known(form) for form in forms)

    def nearest(self, word: str) -> tuple[int, str] | None:
        """(distance, glossary word as written) of the closest glossary word in range, or None.

        Of several equally close, the first in alphabetical order. The candidates come from a
        symmetric-deletion index (as SymSpell's): two words within Damerau-Levenshtein distance k
        both become one string when at most k letters are deleted from each, so only glossary words
        sharing such a string with ``word`` are measured, however large the glossary.
        """
        from rapidfuzz.distance import DamerauLevenshtein

        lower = word.lower()
        limit = max_distance(lower)
        # Words further apart in length than the limit are further apart than it: a word longer than
        # any glossary word by more is no near-miss (and its deletions, quadratic in its length, are
        # never made: a hostile file's 100,000-letter word must not hang the run).
        if not any(abs(len(lower) - length) <= limit for length in self._by_length):
            return None
        index = self._deletions()
        candidates: set[int] = set()
        for variant in _deletions(lower, limit):
            candidates.update(index.get(variant, ()))
        best: tuple[int, str, str] | None = None
        for at in candidates:
            target, written = self._targets[at]
            distance = DamerauLevenshtein.distance(lower, target, score_cutoff=limit)
            if distance <= limit and (best is None or (distance, target) < best[:2]):
                best = (distance, target, written)
        return None if best is None else (best[0], best[2])

    def _deletions(self) -> dict[str, list[int]]:
        """Every string made by deleting up to MAX_DELETIONS letters from a glossary word -> those words."""
        if self._index is None:
            self._targets = [pair for _, pairs in sorted(self._by_length.items()) for pair in pairs]
            index: dict[str, list[int]] = {}
            for at, (target, _) in enumerate(self._targets):
                for variant in _deletions(target, MAX_DELETIONS):
                    index.setdefault(variant, []).append(at)
            self._index = index
        return self._index


MAX_DELETIONS = 2  # the largest distance max_distance allows
# The longest glossary word whose near-misses are looked for ("esophagogastroduodenoscopy" has 26 letters):
# the index holds every word with up to two letters deleted, about L * L / 2 strings of L letters for an
# L-letter word, and one "word" of 2,000 letters in a glossary took 4 GB.
MAX_TARGET_LETTERS = 32


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` letters."""
    found = {word}
    layer = {word}
    for _ in range(depth):
        layer = {variant[:i] + variant[i + 1 :] for variant in layer for i in range(len(variant))}
        found |= layer
    return found


def _is_abbreviation(word: str) -> bool:
    """All capitals, at most five, with an optional plural "s": "GI", "ASCO", "NETs"."""
    capitals = word[:-1] if word.endswith("s") else word
    return len(capitals) <= 5 and capitals.isupper()


@lru_cache(maxsize=32)
def near_miss_index(language: str, glossary: tuple[GlossaryTerm, ...], allowed: frozenset[str]) -> NearMissIndex | None:
    """The index for one settings value; None when there is no word list or no glossary."""
    listed = word_set(language)
    if listed is None or not glossary:
        return None
    known: set[str] = set()
    targets: dict[str, str] = {}
    for entry in glossary:
        for phrase in (entry.term, *entry.variants):
            for _, _, word in words(phrase):
                known.add(word.lower().replace("’", "'"))
                if MIN_LETTERS <= len(word) <= MAX_TARGET_LETTERS and not _is_abbreviation(word):
                    targets.setdefault(word.lower(), word)
    for phrase in allowed:
        known.add(phrase.strip().lower().replace("’", "'"))
        known.update(word.lower().replace("’", "'") for _, _, word in words(phrase))
    by_length: dict[int, list[tuple[str, str]]] = {}
    for lower, written in sorted(targets.items()):
        by_length.setdefault(len(lower), []).append((lower, written))
    return NearMissIndex(language, listed, frozenset(known), {n: tuple(items) for n, items in by_length.items()})


def check_near_misses(text: str, index: NearMissIndex, urls: Spans) -> Iterator[ProseFinding]:
    """Yield a P005 finding for each unknown word that is a near-miss of a glossary word."""
    if index.all_known(text):
        return
    for start, end, token in words(text):
        if index.known(token) or urls.overlaps(start, end):
            continue
        # Part of "5mg", "H2O", "COVID19" or a snake_case name: not a word.
        if (start > 0 and (text[start - 1].isdigit() or text[start - 1] == "_")) or (
            end < len(text) and (text[end].isdigit() or text[end] == "_")
        ):
            continue
        offset = start
        for part in token.replace("’", "'").split("'"):
            part_start, offset = offset, offset + len(part) + 1
            if len(part) < MIN_LETTERS or _is_abbreviation(part) or index.known(part):
                continue
            if _is_mixed_case(part) or (not part.isascii() and _has_foreign_letter(part, index.language)):
                continue  # "showDesktop", "iPhone": names and code; other scripts: P001
            nearest = index.nearest(part)
            if nearest is None or index.known_variant(part) or derived(part.lower(), nearest[1].lower()):
                continue
            _, target = nearest
            yield ProseFinding(
                "P005",
                part_start,
                part_start + len(part),
                f"'{part}' looks like a misspelling of '{target}'; correct it, or if it is right add it "
                "to prose.words (or to the glossary term's variants)",
            )


# Endings that make one English word from another ("mesentery" → "mesenteric", "cytoreductive" →
# "cytoreduction", "endoscopic" → "endoscopist", "colonoscopy" → "colonoscope", "metastasis" →
# "metastases", "submucosa" → "submucosal"): a word and a glossary term that differ only in two of
# them share a stem, and the word is that stem's other form, not a misspelling of the term. A typo
# leaves other letters ("resecton" for "resection": "on" is no ending; "hemicolectomie": nor is
# "ie"), or drops or changes one: so two endings of at most a letter count only as "e" and "y"
# ("-scope", "-scopy"), and nothing against one letter only as the plural "s" ("neuroendocrin" is
# a typo).
DERIVATIONAL_ENDINGS = frozenset({
    "", "e", "y", "ic", "ics", "ical", "ically", "ist", "ists", "ism", "ion", "ions", "ive", "al", "ally", "ia",
    "ous", "ies", "ly", "es", "s", "is", "ed", "ing", "er", "ers", "ize", "ise", "ized", "ised", "ity", "ment",
    "a",
})  # fmt: skip
# ... except "a" against "ia", where a letter was dropped ("anesthesa" for "anesthesia").
_DROPPED = ({"a", "ia"},)
MIN_STEM = 5  # letters the two words must share before their endings
_LONGEST_ENDING = max(map(len, DERIVATIONAL_ENDINGS))


def derived(word: str, term: str) -> bool:
    """Whether lower-case ``word`` and glossary ``term`` are one stem with two endings of DERIVATIONAL_ENDINGS."""
    shorter, longer = sorted((word, term), key=len)
    if longer == shorter + "s" and _y_plural(shorter):
        return False  # "lobectomys", "colectomie" (beside "colectomies"): a -y word's plural is -ies
    shared = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        shared += 1
    for stem in range(shared, max(MIN_STEM, shared - _LONGEST_ENDING) - 1, -1):
        endings = {word[stem:], term[stem:]}
        if not endings <= DERIVATIONAL_ENDINGS or endings in _DROPPED:
            continue
        if max(map(len, endings)) > 1 or endings in ({"e", "y"}, {"", "s"}):
            return True
    return False


def _y_plural(singular: str) -> bool:
    """Whether ``singular`` + "s" is no plural: after a consonant and "y" ("lobectomy": "lobectomies"), or
    a misspelt singular of such a plural ("colectomie" beside "colectomies")."""
    return singular.endswith("ie") or takes_ies(singular)


def _has_foreign_letter(word: str, language: str) -> bool:
    # ASCII letters are Latin, which every language allows: only other words need the pattern.
    foreign = foreign_run_pattern(language)
    return foreign is not None and foreign.search(word) is not None


def _is_mixed_case(word: str) -> bool:
    """An upper-case letter after a lower-case one: "showDesktop", "eGFR", "McDonald"."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))
