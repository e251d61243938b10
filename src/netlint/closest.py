"""The "did you mean" of a mistyped id: difflib's closest match, found without measuring every id.

``difflib.get_close_matches(word, choices, n=1, cutoff)`` measures each choice with Python's
SequenceMatcher: a page with hundreds of mistyped citations in a project of thousands of sources
took minutes. Its ratio, 2*M/T (M the characters in its matching blocks, T both lengths), is never
above the Indel similarity 2*L/T (L the longest common subsequence, which holds every set of
matching blocks), which rapidfuzz computes for every choice at C speed. So the choices are measured
in falling order of that bound, and the search stops once the bound is below the best ratio found:
the answer is difflib's, ties and all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_match(word: str, choices: Iterable[str], cutoff: float = 0.7, exclude: str | None = None) -> str | None:
    """``difflib.get_close_matches(word, [c for c in choices if c != exclude], n=1, cutoff=cutoff)``, or None."""
    from rapidfuzz import fuzz, process

    candidates = [choice for choice in choices if choice != exclude]
    if not candidates:
        return None
    # (a little below the cutoff: the bound is computed in floating point)
    bounded = process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff * 100 - 1e-6, limit=None)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, bound, _ in bounded:  # highest bound first
        if best is not None and bound / 100 < best[0] - 1e-9:
            break  # no choice left can reach the best ratio (nor tie with it)
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            continue
        ratio = matcher.ratio()
        if ratio >= cutoff and (best is None or (ratio, choice) > best):
            best = (ratio, choice)  # as get_close_matches ranks: by ratio, then by the choice itself
    return None if best is None else best[1]
