"""Sizes stated in prose ("2 cm", "20 mm", "¾ inch", "1 to 2 cm") and whether they match a bound (T006)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from netlint.sizes import INCH_MM, Interval

# Inches in patient text are conversions ("2 cm (about 0.8 inch)"), rounded by the writer.
INCH_TOLERANCE = Fraction(5, 100)

_VULGAR: dict[str, Fraction] = {
    "½": Fraction(1, 2), "⅓": Fraction(1, 3), "⅔": Fraction(2, 3), "¼": Fraction(1, 4),
    "¾": Fraction(3, 4), "⅕": Fraction(1, 5), "⅖": Fraction(2, 5), "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5), "⅙": Fraction(1, 6), "⅚": Fraction(5, 6), "⅛": Fraction(1, 8),
    "⅜": Fraction(3, 8), "⅝": Fraction(5, 8), "⅞": Fraction(7, 8),
}  # fmt: skip
_V = "[" + "".join(_VULGAR) + "]"
_SPACE = r"[ \u00a0\u2009\u202f]"

# One number; longest forms first so "1 1/2" is not read as "1". The lookbehind keeps us out of
# identifiers and versions: no "2" in "T2", "V.5.2024" or "3/4" read from its "4".
_NUMBER = rf"""(?<![\w.,/⁄])(?:
      \d+(?:{_SPACE}|-)?{_V}              # 1 ½, 1½, 1-½
    | \d+(?:{_SPACE}|-)\d+[/⁄]\d+         # 1 1/2, 1-1/2
    | \d+[/⁄]\d+                          # 3/4
    | {_V}                                # ½
    | \d+(?:\.\d+)?                       # 2, 1.5
)"""
_UNIT = r"""(?:
      (?P<mm>mm(?!\s*hg)|millimet(?:er|re)s?)
    | (?P<cm>cm|centimet(?:er|re)s?)
    | (?P<inch>inch(?:es)?)
)(?!\w)"""
# "in" is a unit only straight after a number and before ) . , or the end: never "2 in the colon".
_IN = r"(?P<in>in)(?=[).,]|$)"
_NUMERIC = rf"""
    (?P<first>{_NUMBER})
    (?:(?:\s+(?:to|and|or)\s+|\s*[-–—]\s*)(?P<second>{_NUMBER}))?   # ranges: 1 to 2 cm, 1–2 cm
    (?:(?:\s{{0,2}}|-){_UNIT}|{_SPACE}?{_IN})
"""
# Spelled-out quantities, kept to unambiguous phrases.
_WORDS = r"""\b(?:
      (?P<w_half>half\s+an\s+inch|half[-\s]inch)
    | (?P<w_one_half>(?:an|one)\s+inch\s+and\s+a\s+half|one\s+and\s+a\s+half\s+inches)
    | (?P<w_one>(?:an|one)\s+inch)
)(?!\w)"""
_MENTION = re.compile(rf"{_NUMERIC}|{_WORDS}", re.IGNORECASE | re.VERBOSE)
_MIXED = re.compile(rf"(\d+)(?:(?:{_SPACE}|-)(\d+/\d+)|(?:{_SPACE}|-)?({_V}))")
_WORD_VALUES = {"w_half": Fraction(1, 2), "w_one_half": Fraction(3, 2), "w_one": Fraction(1)}
_UNIT_MM = {"mm": Fraction(1), "cm": Fraction(10), "in": INCH_MM}


@dataclass(frozen=True)
class SizeMention:
    """A size written in prose: `text[start:end] == raw` (number and unit), value exact in mm.

    In a range ("1 to 2 cm") the first number's mention spans only that number. Inches are
    `approximate`: they are compared within 5%.
    """

    start: int
    end: int
    value_mm: Fraction
    unit: str
    approximate: bool
    raw: str


@lru_cache(maxsize=4096)
def _millimetres(number: str, unit: str) -> Fraction | None:
    """A number as written ("2", "1.5", "¾") in a unit, in millimetres; None for a fraction over zero.

    Worked out once per distinct number and unit: Fraction arithmetic is slow, and prose repeats a
    few sizes.
    """
    try:
        value = _parse_number(number)
    except ValueError:  # more digits than Python reads (sys.int_info): no size anyone means
        return None
    return None if value is None else value * _UNIT_MM[unit]


def _parse_number(text: str) -> Fraction | None:
    """The exact value of a number matched by _NUMBER, or None for a fraction over zero."""
    text = text.replace("⁄", "/")
    whole = Fraction(0)
    mixed = _MIXED.fullmatch(text)
    if mixed:
        whole, text = Fraction(int(mixed.group(1))), mixed.group(2) or mixed.group(3)
    if text in _VULGAR:
        return whole + _VULGAR[text]
    if "/" in text:
        numerator, denominator = text.split("/")
        return None if int(denominator) == 0 else whole + Fraction(int(numerator), int(denominator))
    return whole + Fraction(text)  # a decimal string is read exactly


def find_size_mentions(text: str) -> list[SizeMention]:
    """Every size stated in `text`, in order; numbers without a length unit are not sizes."""
    mentions: list[SizeMention] = []
    for match in _MENTION.finditer(text):
        word = next((name for name in _WORD_VALUES if match.group(name)), None)
        if word is not None:
            value = _WORD_VALUES[word] * INCH_MM
            mentions.append(SizeMention(match.start(), match.end(), value, "in", True, match.group()))
            continue
        unit = next(name for name in ("mm", "cm", "inch", "in") if match.group(name))
        unit = "in" if unit == "inch" else unit
        values = [(match.start(name), match.end(name), _millimetres(match.group(name), unit))
                  for name in ("first", "second") if match.group(name)]  # fmt: skip
        for index, (start, end, value_mm) in enumerate(values):
            if value_mm is None:
                continue
            # The last number carries the unit, so its mention runs to the end of the unit.
            stop = match.end() if index == len(values) - 1 else end
            mentions.append(SizeMention(start, stop, value_mm, unit, unit == "in", text[start:stop]))
    return mentions


def matches_bound(mention: SizeMention, interval: Interval) -> bool:
    """True when the stated size is the interval's lower or upper bound.

    mm and cm must be equal exactly; inches within 5% of the bound ("0.8 inch" for 2 cm).
    """
    return _matches(mention.value_mm, mention.approximate, interval.lower, interval.upper)


@lru_cache(maxsize=4096)
def _matches(value_mm: Fraction, approximate: bool, lower: Fraction | None, upper: Fraction | None) -> bool:
    bounds = [bound for bound in (lower, upper) if bound is not None]
    if approximate:
        return any(abs(value_mm - bound) <= abs(bound) * INCH_TOLERANCE for bound in bounds)
    return value_mm in bounds
