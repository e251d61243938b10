"""P001: letters of a script foreign to the page's language, such as injected spam."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from netlint.prose.settings import ProseFinding
from netlint.prose.text import non_ascii, quote

if TYPE_CHECKING:
    import regex

_LATIN_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "ca", "da", "sv", "nb", "nn", "no", "fi", "is",
    "ga", "cy", "pl", "cs", "sk", "sl", "hr", "bs", "ro", "hu", "tr", "et", "lv", "lt", "mt",
    "sq", "id", "ms", "vi", "sw", "tl", "af", "eu", "gl",
)  # fmt: skip

# Scripts a page in a language may use besides Latin (always allowed, for names
# and abbreviations) and Common/Inherited (digits, punctuation, ®, ≤, –, combining accents).
ALLOWED_SCRIPTS: dict[str, tuple[str, ...]] = {
    **{code: () for code in _LATIN_LANGUAGES},
    **{code: ("Cyrillic",) for code in ("ru", "uk", "bg", "be", "mk", "sr", "kk")},
    "el": ("Greek",),
    "zh": ("Han", "Bopomofo"),
    "ja": ("Han", "Hiragana", "Katakana"),
    "ko": ("Hangul", "Han"),
    **{code: ("Arabic",) for code in ("ar", "fa", "ur")},
    **{code: ("Hebrew",) for code in ("he", "yi", "iw", "ji")},  # (iw, ji: the withdrawn codes, still met)
    **{code: ("Devanagari",) for code in ("hi", "mr", "ne")},
    "th": ("Thai",),
}

LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian",
    "el": "Greek", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    "he": "Hebrew", "iw": "Hebrew", "yi": "Yiddish", "ji": "Yiddish", "hi": "Hindi", "pl": "Polish",
    "sv": "Swedish", "da": "Danish",
}  # fmt: skip

# Scripts named in messages, most likely first; anything else is "non-Latin".
_NAMED_SCRIPTS = (
    "Han", "Cyrillic", "Arabic", "Hangul", "Hiragana", "Katakana", "Greek", "Hebrew",
    "Thai", "Devanagari", "Bengali", "Tamil", "Armenian", "Georgian", "Ethiopic",
    "Gujarati", "Gurmukhi", "Telugu", "Kannada", "Malayalam", "Sinhala", "Khmer", "Lao",
    "Myanmar", "Tibetan", "Mongolian", "Bopomofo", "Cherokee", "Syriac", "Thaana",
)  # fmt: skip


@cache
def _script_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    import regex

    return tuple((name, regex.compile(rf"\p{{Script={name}}}")) for name in _NAMED_SCRIPTS)


@lru_cache(maxsize=64)
def foreign_run_pattern(language: str) -> regex.Pattern[str] | None:
    """A pattern matching runs of foreign letters for ``language``; None when the language is unknown."""
    import regex

    allowed = ALLOWED_SCRIPTS.get(language)
    if allowed is None:
        return None
    keep = "".join(rf"\p{{Script={name}}}" for name in ("Latin", "Common", "Inherited", *allowed))
    foreign = rf"[[\p{{L}}\p{{M}}\p{{N}}]--[{keep}]]"
    # Foreign letters joined by spaces, digits or punctuation on the same line make one run.
    joiner = r"[[\p{Common}\p{Inherited}]--[\n\r]]"
    return regex.compile(rf"{foreign}++(?:{joiner}*+{foreign}++)*+", regex.VERSION1)


def _scripts_of(run: str) -> list[str]:
    found: list[str] = []
    for name, pattern in _script_patterns():
        if pattern.search(run):
            found.append(name)
    return found or ["a non-Latin"]


def _page_description(language: str) -> str:
    name = LANGUAGE_NAMES.get(language)
    if name is None:
        return f"a page in language '{language}'"
    article = "an" if name[0] in "AEIO" else "a"  # "a Ukrainian page"
    return f"{article} {name} page"


def may_have_foreign_script(text: str, language: str) -> bool:
    """False only when ``text`` holds no letter of a script foreign to ``language`` (so no P001 finding).

    Every finding is a match of :func:`foreign_run_pattern`, which starts at any foreign letter:
    text that contains another text contains its foreign letters, so this holds for texts joined.
    """
    if text.isascii():
        return False
    # A run starts at any foreign letter: there is one exactly when one of the text's characters
    # beyond ASCII (few and often the same, such as "’") is foreign on its own. English pages hold
    # only punctuation there, which no language's pattern needs the regex module to rule out.
    chars = non_ascii(text)
    if chars <= NEVER_FOREIGN or foreign_run_pattern(language) is None:
        return False
    return any(_foreign(char, language) for char in chars - NEVER_FOREIGN)


# Punctuation, spaces and symbols common in pages of any language: never a letter, mark or digit
# (Unicode categories P, Z and S), so never a foreign letter. tests/test_prose_prefilter.py checks
# each against every language's pattern.
NEVER_FOREIGN = frozenset("’‘“”‚„–—…•·«»‹›\u00a0\u2009\u202f°±×÷≤≥≈€£¥©®™§¶†‡′″")


@lru_cache(maxsize=4096)
def _foreign(char: str, language: str) -> bool:
    pattern = foreign_run_pattern(language)
    return pattern is not None and pattern.search(char) is not None


def check_foreign_script(text: str, language: str) -> Iterator[ProseFinding]:
    """Yield one P001 finding per run of letters in a script foreign to ``language``."""
    if text.isascii():
        return
    pattern = foreign_run_pattern(language)
    if pattern is None:
        return
    allows_greek = "Greek" in ALLOWED_SCRIPTS.get(language, ())
    page = _page_description(language)
    for match in pattern.finditer(text):
        run = match.group()
        scripts = _scripts_of(run)
        start, end = match.span()
        before, after = text[start - 1 : start], text[end : end + 1]
        inside_a_word = before.isalpha() and after.isalpha()  # "surgеon", "cοlοn"
        # One or two Greek letters are a scientific symbol (β-blocker, TNF-α, IFNγ, NF-κB, αβ T cells), but
        # not inside a word; nor is a letter drawn exactly as a Latin one ("Τhe", "ΗΕR2", "Ζ-plasty").
        twin = not allows_greek and _TWIN_GREEK.issuperset(run)
        # A symbol stands alone or beside capitals and digits ("TNFα", "IL-1β", "αβ"); one joined to a word
        # in lower case is a letter slipped into it ("doctoπ", "ρasses"), except the micro sign's Greek twin
        # ("5 μg", "μmol").
        in_lower_case = run != "μ" and (before.islower() or after.islower())
        if (
            scripts == ["Greek"]
            and _symbols_only(run)
            and not allows_greek
            and not inside_a_word
            and not twin
            and not in_lower_case
        ):
            continue
        names = " and ".join(scripts)
        latin = "".join(LOOK_ALIKES.get(char, "") for char in run)
        if (before.isalpha() or after.isalpha() or twin) and len(latin) == len(run):
            word = _word_around(text, start, end)
            letters = "letter" if len(run) == 1 else "letters"
            where = "" if word == run else f" in {quote(word)}"
            message = (
                f"{quote(run)}{where} is {names} that looks like the Latin {letters} {quote(latin)}; "
                f"type the Latin {letters} instead (a look-alike hides the word from search and spelling checks)"
            )
        else:
            message = (
                f"text in {names} script ({quote(run)}) does not belong in {page}; remove it (it may be injected spam)"
            )
        yield ProseFinding("P001", start, end, message)


# Cyrillic and Greek letters that look like Latin ones: typed by mistake on another keyboard layout,
# or on purpose, to slip a word past filters.
LOOK_ALIKES = dict(
    zip(
        "аеорсухіјѕԁһӏАВЕКМНОРСТХІЈЅУοαινρκυΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhlABEKMHOPCTXIJSYoaivpkuABEZHIKMNOPTYX",
        strict=True,
    )
)


def _symbols_only(run: str) -> bool:
    """Whether each word of a run is at most two letters: "β", "αβ", and "β, 5α" in "IL-1β, 5α-reductase"."""
    return all(len(word) <= 2 for word in _LETTERS.findall(run))


_LETTERS = re.compile(r"[^\W\d_]+")

# Greek letters drawn exactly as Latin ones, which no writer uses as a symbol (a symbol is one
# that reads as Greek: α, β, γ, κ, Δ).
_TWIN_GREEK = frozenset("οΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")


def _word_around(text: str, start: int, end: int) -> str:
    """The run of letters holding ``text[start:end]``, at most 30 letters either way (a text of "aαaα…"
    has a look-alike at every other letter: a walk over the whole run for each was quadratic)."""
    low, high = max(0, start - 30), min(len(text), end + 30)
    while start > low and text[start - 1].isalpha():
        start -= 1
    while end < high and text[end].isalpha():
        end += 1
    return text[start:end]
