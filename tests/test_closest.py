"""The "did you mean" of a mistyped id is difflib's, found without measuring every id."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from netlint.closest import close_match

ids = st.text(alphabet="aab-c01.é", max_size=12)


@settings(max_examples=500, deadline=None)
@given(ids, st.lists(ids, max_size=30), st.sampled_from([0.5, 0.6, 0.7, 0.8]))
def test_the_closest_id_is_difflib_s(word: str, choices: list[str], cutoff: float) -> None:
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    assert close_match(word, choices, cutoff) == (expected[0] if expected else None)


@given(ids, st.lists(ids, max_size=30))
def test_an_excluded_id_is_never_suggested(word: str, choices: list[str]) -> None:
    kept = [choice for choice in choices if choice != word]
    expected = difflib.get_close_matches(word, kept, n=1, cutoff=0.7)
    assert close_match(word, choices, 0.7, exclude=word) == (expected[0] if expected else None)


def test_examples() -> None:
    sources = ["pdq-gi-carcinoid-hp-2024", "acs-gi-net-surgery-2025", "nccn-neuroendocrine-2024"]
    assert close_match("pdq-gi-carcinoid-hp-2023", sources) == "pdq-gi-carcinoid-hp-2024"
    assert close_match("something-else", sources) is None
    assert close_match("x", []) is None
