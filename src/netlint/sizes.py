"""Exact tumour-size intervals in millimetres: parsing, T001 checks, rendering and coverage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

#: One inch is exactly 25.4 mm (international inch, 1959).
INCH_MM = Fraction(254, 10)

# Millimetres per unit. Everything is stored in mm so that 2 cm == 20 mm.
_UNIT_MM: dict[str, Fraction] = {"mm": Fraction(1), "cm": Fraction(10)}
_LOWER_KEYS = {"gt": False, "gte": True}  # key -> inclusive
_UPPER_KEYS = {"lt": False, "lte": True}
_SIZE_KEYS = {*_LOWER_KEYS, *_UPPER_KEYS, "unit"}


def _exact(value: object, name: str) -> Fraction:
    """Turn a YAML number into an exact Fraction; floats go through their shortest repr."""
    # bool is an int subclass, but `lte: true` is a mistake, never the number 1.
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        raise ValueError(f"{name} must be a number, not {value!r}")
    try:
        # repr(0.1) == "0.1", so the editor's 0.1 becomes exactly 1/10, not the binary float.
        return Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)
    except (ValueError, OverflowError):  # NaN and infinities
        raise ValueError(f"{name} must be a finite number, not {value!r}") from None


def _check_unit(unit: str) -> str:
    if unit not in _UNIT_MM:
        raise ValueError(f"a size unit must be mm or cm, not {unit!r}")
    return unit


def _scientific(value: Fraction) -> str:
    """``value`` to 6 significant digits in scientific notation, as "g" writes a float ("1e+300"), for any
    size: a bound of 310 digits is past a float's range (it overflowed, and the run failed)."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 6
        rounded = (Decimal(value.numerator) / Decimal(value.denominator)).normalize()
    return f"{rounded:g}"


def format_number(value: Fraction) -> str:
    """Write a number as an editor would: 2, 1.5, 0.25; non-terminating decimals rounded to 2 places."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    # A denominator of only 2s and 5s has a finite decimal expansion with max(twos, fives) places.
    places = max(twos, fives) if rest == 1 else 2
    scaled = int(value * 10**places + Fraction(1, 2))  # round half up; exact when finite
    whole, frac = divmod(scaled, 10**places)
    digits = str(frac).rjust(places, "0").rstrip("0") if places else ""
    text = f"{whole}.{digits}" if digits else str(whole)
    return text if text == "0" else sign + text


def describe_size(size_mm: Fraction, unit: str = "cm") -> str:
    """Render a size given in mm in `unit` (mm or cm): describe_size(Fraction(20)) == "2 cm"."""
    return f"{format_number(size_mm / _UNIT_MM[_check_unit(unit)])} {unit}"


# No tumor is larger than a metre: a bound above it is a slip (a unit, a decimal point), and a huge one
# (1e300) would reach the bundle as an integer of hundreds of digits that consumers cannot read.
LARGEST_MM = Fraction(1000)


@dataclass(frozen=True)
class Interval:
    """A set of sizes > 0, bounds in millimetres as exact Fractions.

    `lower=None` means "from zero" (exclusive: zero is not a size); `upper=None` means
    unbounded. `unit` is only how the editor wrote it, kept for rendering; it is not
    compared, so 2 cm == 20 mm. Bounds given as int, float or Decimal are made exact.
    """

    lower: Fraction | None = None
    lower_inclusive: bool = False
    upper: Fraction | None = None
    upper_inclusive: bool = False
    unit: str = field(default="mm", compare=False)

    def __post_init__(self) -> None:
        # Normalise so equal sets of sizes compare equal: no inclusive flag on a missing bound.
        set_ = object.__setattr__
        for bound, flag in (("lower", "lower_inclusive"), ("upper", "upper_inclusive")):
            value = getattr(self, bound)
            if value is None:
                set_(self, flag, False)
            else:
                set_(self, bound, _exact(value, bound))
        _check_unit(self.unit)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object]) -> Interval:
        """Build an interval from the YAML form `{gt|gte: n, lt|lte: n, unit: mm|cm}`.

        Raises ValueError, with a message for the editor, when the mapping is malformed.
        """
        if not isinstance(mapping, Mapping):
            raise ValueError("a size must be a mapping such as {lte: 2, unit: cm}")
        unknown = sorted(str(key) for key in mapping if key not in _SIZE_KEYS)
        if unknown:
            raise ValueError(f"unknown size key {', '.join(unknown)}: use gt, gte, lt, lte and unit")
        unit = mapping.get("unit")
        if not isinstance(unit, str):
            raise ValueError(f"a size needs unit: mm or cm, not {unit!r}")
        scale = _UNIT_MM[_check_unit(unit)]
        bounds: list[tuple[Fraction | None, bool]] = []
        for keys, side in ((_LOWER_KEYS, "lower"), (_UPPER_KEYS, "upper")):
            present = [key for key in keys if key in mapping]
            if len(present) > 1:
                raise ValueError(f"a size has one {side} bound: {' or '.join(keys)}, not both")
            if present:
                key = present[0]
                bounds.append((_exact(mapping[key], key) * scale, keys[key]))
            else:
                bounds.append((None, False))
        if bounds[0][0] is None and bounds[1][0] is None:
            raise ValueError("a size needs at least one bound: gt, gte, lt or lte")
        (lower, lower_inc), (upper, upper_inc) = bounds
        return cls(lower, lower_inc, upper, upper_inc, unit=unit)

    def problem(self) -> str | None:
        """The T001 problem with this interval, in editor language, or None when it is possible."""
        for bound in (self.lower, self.upper):
            if bound is not None and bound <= 0:
                return f"a bound must be above zero, not {self.shown(bound)}"
            if bound is not None and bound > LARGEST_MM:
                return f"a bound must be at most 1 metre (1,000 mm), not {self.shown(bound)}"
        if self.lower is not None and self.upper is not None and self.lower >= self.upper:
            # Equal bounds (even gte 2, lte 2) are impossible per SPEC: the lower must be below.
            return f"the lower bound {self.shown(self.lower)} is not below the upper bound {self.shown(self.upper)}"
        return None

    def shown(self, bound: Fraction) -> str:
        """A bound in this interval's unit, as describe_size writes it, or in scientific notation when that
        would be a long run of digits (1e300 cm, 1e-320 cm)."""
        text = describe_size(bound, self.unit)
        return text if len(text) <= 24 else f"{_scientific(bound / _UNIT_MM[self.unit])} {self.unit}"

    def is_valid(self) -> bool:
        """True when the interval passes T001."""
        return self.problem() is None

    def contains(self, size_mm: Fraction) -> bool:
        """True when the size (mm, > 0) lies in the interval."""
        if size_mm <= 0:
            return False
        if self.lower is not None and not (size_mm > self.lower or (self.lower_inclusive and size_mm == self.lower)):
            return False
        return self.upper is None or size_mm < self.upper or (self.upper_inclusive and size_mm == self.upper)

    def _positive(self) -> Interval:
        """The same set of sizes with a non-positive lower bound dropped (sizes are > 0)."""
        if self.lower is not None and self.lower <= 0:
            return Interval(None, False, self.upper, self.upper_inclusive, unit=self.unit)
        return self

    def is_empty(self) -> bool:
        """True when no size above zero lies in the interval."""
        own = self._positive()
        if own.upper is None:
            return False
        if own.lower is None:
            return own.upper <= 0
        if own.upper != own.lower:
            return own.upper < own.lower
        return not (own.lower_inclusive and own.upper_inclusive)

    def intersection(self, other: Interval) -> Interval | None:
        """The sizes in both intervals (in this interval's unit), or None when there are none."""
        a, b = self._positive(), other._positive()
        lower, lower_inc = _tighter(a.lower, a.lower_inclusive, b.lower, b.lower_inclusive, lower=True)
        upper, upper_inc = _tighter(a.upper, a.upper_inclusive, b.upper, b.upper_inclusive, lower=False)
        result = Interval(lower, lower_inc, upper, upper_inc, unit=self.unit)
        return None if result.is_empty() else result

    def describe(self, unit: str | None = None) -> str:
        """Readable form, e.g. "larger than 2 cm up to 3 cm", "at least 1 cm and smaller than 2 cm"; `unit`
        defaults to the editor's."""
        unit = self.unit if unit is None else unit
        lo = None if self.lower is None else describe_size(self.lower, unit)
        hi = None if self.upper is None else describe_size(self.upper, unit)
        if lo is None:
            if hi is None:
                return "any size"
            return f"{hi} or smaller" if self.upper_inclusive else f"smaller than {hi}"
        if hi is None:
            return f"{lo} or larger" if self.lower_inclusive else f"larger than {lo}"
        if self.lower_inclusive and self.upper_inclusive:
            return f"exactly {lo}" if lo == hi else f"from {lo} to {hi}"
        if self.upper_inclusive:
            return f"larger than {lo} up to {hi}"
        start = f"at least {lo}" if self.lower_inclusive else f"larger than {lo}"
        return f"{start} and smaller than {hi}"

    def to_mm_json(self) -> dict[str, int | float | str]:
        """The interval normalised to mm for the export bundle, e.g. {"gt": 20, "unit": "mm"}."""
        out: dict[str, int | float | str] = {}
        if self.lower is not None:
            out["gte" if self.lower_inclusive else "gt"] = _json_number(self.lower)
        if self.upper is not None:
            out["lte" if self.upper_inclusive else "lt"] = _json_number(self.upper)
        out["unit"] = "mm"
        return out


def _json_number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _tighter(
    a: Fraction | None, a_inc: bool, b: Fraction | None, b_inc: bool, *, lower: bool
) -> tuple[Fraction | None, bool]:
    """The tighter of two lower (or upper) bounds; None is the loosest."""
    if a is None:
        return b, b_inc
    if b is None:
        return a, a_inc
    if a == b:
        # At a shared endpoint the point is in both only when both ends are closed.
        return a, a_inc and b_inc
    a_wins = a > b if lower else a < b
    return (a, a_inc) if a_wins else (b, b_inc)


def _witness(overlap: Interval) -> Fraction:
    """A concrete size inside a non-empty interval of positive sizes, as readable as we can."""
    if overlap.upper is None:
        if overlap.lower is None:
            return Fraction(10)
        return overlap.lower if overlap.lower_inclusive else overlap.lower * 2
    if overlap.lower == overlap.upper:
        return overlap.upper  # a single shared closed endpoint, e.g. lte 2 cm and gte 2 cm
    return ((overlap.lower or Fraction(0)) + overlap.upper) / 2


def coverage(
    intervals: Sequence[Interval],
) -> tuple[list[Interval], list[tuple[int, int, Fraction]]]:
    """How pathway options cover the sizes above zero: (gaps, overlaps).

    `gaps` are the maximal uncovered intervals of (0, inf), in the options' common unit (mm
    when they mix units). `overlaps` holds (i, j, witness_mm) for each overlapping pair i < j,
    the witness being a size in both. Exact: a sweep over the endpoints, no sampling.

    Worked out once per distinct list of intervals (with their units, which an Interval's
    equality leaves out): pages repeat the same few size tables, and two rules ask.
    """
    gaps, overlaps = _coverage(tuple((interval, interval.unit) for interval in intervals))
    return list(gaps), list(overlaps)


@lru_cache(maxsize=4096)
def _coverage(
    with_units: tuple[tuple[Interval, str], ...],
) -> tuple[tuple[Interval, ...], tuple[tuple[int, int, Fraction], ...]]:
    gaps, overlaps = _sweep([interval for interval, _ in with_units])
    return tuple(gaps), tuple(overlaps)


# The most overlapping pairs of options worked out for one pathway: a hostile table of thousands of
# identical options has millions of pairs, and the report one line per pair.
MAX_OVERLAPS = 100


def _sweep(intervals: Sequence[Interval]) -> tuple[list[Interval], list[tuple[int, int, Fraction]]]:
    units = {interval.unit for interval in intervals}
    unit = units.pop() if len(units) == 1 else ("cm" if not units else "mm")
    points = sorted({b for iv in intervals for b in (iv.lower, iv.upper) if b is not None and b > 0})
    # Every endpoint lies in `points`, so each open piece between consecutive points, and each
    # point, is wholly inside or wholly outside each interval. A piece is (low, high, is_point);
    # high None is the unbounded piece. Piece 2k is the open one below points[k], 2k + 1 that point.
    pieces: list[tuple[Fraction, Fraction | None, bool]] = []
    previous = Fraction(0)
    for point in points:
        pieces += [(previous, point, False), (point, point, True)]
        previous = point
    pieces.append((previous, None, False))
    # Each interval is the run of pieces from its first to its last (None: empty); how many intervals
    # hold each piece is then a running sum: linear in the options, not a test of each against each piece.
    where = {point: 2 * k for k, point in enumerate(points)}
    last = len(pieces) - 1
    runs: list[tuple[int, int] | None] = []
    change = [0] * (len(pieces) + 1)
    for interval in intervals:
        own = interval._positive()
        if own.is_empty():
            runs.append(None)
            continue
        first = 0 if own.lower is None else where[own.lower] + (1 if own.lower_inclusive else 2)
        final = last if own.upper is None else where[own.upper] + (1 if own.upper_inclusive else 0)
        runs.append((first, final))
        change[first] += 1
        change[final + 1] -= 1
    is_covered: list[bool] = []
    holding = 0
    for index in range(len(pieces)):
        holding += change[index]
        is_covered.append(holding > 0)
    is_covered.append(True)  # a sentinel ends the last run
    gaps: list[Interval] = []
    run_start: tuple[Fraction, Fraction | None, bool] | None = None
    for index, piece in enumerate(pieces):
        if is_covered[index]:
            continue
        run_start = run_start or piece
        if is_covered[index + 1]:
            low, _, low_is_point = run_start
            _, high, high_is_point = piece
            gaps.append(Interval(low if low > 0 else None, low_is_point, high, high_is_point, unit=unit))
            run_start = None
    pairs = _overlapping_pairs(runs)
    overlaps: list[tuple[int, int, Fraction]] = []
    for i, j in pairs:
        both = intervals[i].intersection(intervals[j])
        assert both is not None  # their runs of pieces share one
        overlaps.append((i, j, _witness(both)))
    return gaps, overlaps


def _overlapping_pairs(runs: Sequence[tuple[int, int] | None]) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of runs that share a piece, in order; at most MAX_OVERLAPS + 1 of them
    (one more than are reported says that more follow). A sweep in order of the runs' first pieces,
    keeping the runs still open: each pair found costs one step, a run without any, a few."""
    import heapq

    order = sorted((run[0], run[1], number) for number, run in enumerate(runs) if run is not None)
    open_runs: list[tuple[int, int]] = []  # (last piece, number), the one that ends first on top
    pairs: list[tuple[int, int]] = []
    for first, final, number in order:
        while open_runs and open_runs[0][0] < first:
            heapq.heappop(open_runs)
        for _, other in open_runs:
            pairs.append((min(number, other), max(number, other)))
            if len(pairs) > MAX_OVERLAPS:
                return sorted(pairs)
        heapq.heappush(open_runs, (final, number))
    return sorted(pairs)
