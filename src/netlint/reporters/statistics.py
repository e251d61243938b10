"""`--statistics`: how many diagnostics of each code, most frequent first."""

from __future__ import annotations

from collections.abc import Iterable

from netlint.diagnostic import Diagnostic


def lines(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """`  3  P004  whitespace  [warning]`, sorted by count (highest first), then code."""
    counts: dict[str, int] = {}
    first: dict[str, Diagnostic] = {}
    for diag in diagnostics:
        counts[diag.code] = counts.get(diag.code, 0) + 1
        first.setdefault(diag.code, diag)
    if not counts:
        return []
    ordered = sorted(counts, key=lambda code: (-counts[code], code))
    width = len(str(max(counts.values())))
    name_width = max(len(first[code].rule) for code in ordered)
    return [
        f"{counts[code]:>{width + 2}}  {code}  {first[code].rule:<{name_width}}  [{first[code].severity.value}]"
        for code in ordered
    ]
