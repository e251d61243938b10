"""Known words for P005: pyspellchecker's MIT-licensed frequency lists, plus British spellings.

pyspellchecker's English list is US English ("color", "tumor", "esophagus"),
so British spellings ("colour", "tumour", "oesophagus") are recognised by
rewriting them to the US form with a few regular rules, rather than by
shipping a second list.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from functools import cache

from netlint.prose.resources import package_file

# The languages pyspellchecker ships a list for.
LANGUAGES = frozenset({"ar", "de", "en", "es", "eu", "fa", "fr", "it", "lv", "nl", "pt", "ru"})

# British → US rewrites, each applied to all its occurrences; two may combine
# ("manoeuvre" → "maneuvre" → "maneuver").
_BRITISH_TO_US: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"our(?=[a-z])|our$", "or"),  # colour, tumours, favourite
        (r"ae", "e"),  # haemorrhage, anaemia, paediatric
        (r"oe", "e"),  # oesophagus, oestrogen, oedema, dyspnoea
        (r"re(s?)$", r"er\1"),  # centre, litres, fibre
        (r"red$", "ered"),  # centred
        (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),  # organise, organisation
        (r"ys(e|es|ed|ing)$", r"yz\1"),  # analyse, dialysed
        (r"ogue(s?)$", r"og\1"),  # dialogue
        (r"ll(ed|ing|er|ers)$", r"l\1"),  # travelled, labelling
        (r"ence(s?)$", r"ense\1"),  # licence, defence
        (r"mme(s?)$", r"m\1"),  # programme
        (r"ium$", "um"),  # aluminium
        (r"ould", "old"),  # mould, smouldering
        (r"ph", "f"),  # sulphur
    )
)

# Inflections of a known word: (suffix, replacement) → "tumors" from "tumor".
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


@cache
def word_list(language: str) -> frozenset[str] | None:
    """The lower-case words pyspellchecker knows for ``language``; None when it has no list."""
    if language not in LANGUAGES:
        return None
    text = gzip.decompress(package_file("spellchecker", f"resources/{language}.json.gz")).decode("utf-8")
    # Split on the quotes, the keys of a flat {"word": count, ...} object without escapes are every
    # other piece: a fraction of the time of json.loads and a lower() per word. Without a backslash,
    # quotes delimit the strings, so the even pieces are all the text outside them; there a colon
    # follows each key and nothing else, so as many colons as strings means every string is a key,
    # and a single "{" means a single object (no keys of an object inside it).
    parts = text.split('"')
    keys = parts[1::2]
    outside = "".join(parts[0::2])
    if "\\" not in text and len(parts) % 2 == 1 and outside.count(":") == len(keys) and outside.count("{") == 1:
        return frozenset(keys if _is_lower_case(text) else map(str.lower, keys))
    frequencies: dict[str, int] = json.loads(text)
    return frozenset(map(str.lower, frequencies))


# Each Latin-1 character's lower-case form where it is one Latin-1 character; 0 where not, or where
# the character is NUL itself (0 never equals a changed character, and NUL compared to NUL is fine).
_LATIN1_LOWER = bytes(
    ord(char.lower()) if len(char.lower()) == 1 and ord(char.lower()) < 256 else 0
    for char in map(chr, range(256))
)


def _is_lower_case(text: str) -> bool:
    """Whether ``text.lower() == text``, without lower-casing 2.7 MB when the text is Latin-1.

    A Latin-1 character's lower() depends on it alone (only "Σ" looks at its neighbours), so the
    text is its own lower-case form when every character is: a table translation and a comparison.
    """
    try:
        latin1 = text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return latin1.translate(_LATIN1_LOWER) == latin1


def us_spellings(word: str) -> Iterator[str]:
    """US spellings that the lower-case British ``word`` may stand for (up to two rewrites)."""
    seen = {word}
    frontier = [word]
    for _ in range(2):
        following: list[str] = []
        for form in frontier:
            for pattern, replacement in _BRITISH_TO_US:
                rewritten = pattern.sub(replacement, form)
                if rewritten not in seen:
                    seen.add(rewritten)
                    following.append(rewritten)
                    yield rewritten
        frontier = following


def stems(word: str) -> Iterator[str]:
    """Forms ``word`` may be an inflection of: "tumors" → "tumor", "biopsies" → "biopsy"."""
    for suffix, replacement in _INFLECTIONS:
        stem = word[: -len(suffix)] + replacement if word.endswith(suffix) else ""
        # "tumorss" is a typo, not the plural of "tumors".
        if len(stem) >= 3 and not (suffix == "s" and stem.endswith("s")):
            yield stem
