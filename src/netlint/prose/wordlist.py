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
from importlib import resources

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
    data = resources.files("spellchecker").joinpath(f"resources/{language}.json.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    # A flat {"word": count, ...} object without escapes: its keys are exactly the quoted strings,
    # and one regex over the lower-cased text takes half the time of json.loads and a lower() per word.
    if "\\" not in text and text.count("{") == 1:
        found = _KEY.findall(text.lower())
        if 2 * len(found) == text.count('"'):
            return frozenset(found)
    frequencies: dict[str, int] = json.loads(text)
    return frozenset(map(str.lower, frequencies))


_KEY = re.compile(r'"([^"]*)"\s*:')


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
