"""Tests for exact size intervals (netlint.sizes) and sizes stated in prose (netlint.size_mentions)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint.size_mentions import SizeMention, find_size_mentions, matches_bound
from netlint.sizes import INCH_MM, Interval, coverage, describe_size, format_number


def size(**mapping: object) -> Interval:
    return Interval.from_mapping(mapping)


# --- parsing and normalisation -------------------------------------------------------------


def test_cm_and_mm_are_the_same_size() -> None:
    assert size(lte=2, unit="cm") == size(lte=20, unit="mm")
    assert size(gt=2.5, unit="cm") == size(gt=25, unit="mm")
    assert hash(size(lte=2, unit="cm")) == hash(size(lte=20, unit="mm"))
    assert size(lte=2, unit="cm") != size(lt=2, unit="cm")


def test_floats_are_read_exactly() -> None:
    assert size(gt=0.1, unit="cm").lower == Fraction(1)
    assert size(gt=0.1, unit="mm").lower == Fraction(1, 10)
    assert size(lte=0.3, unit="cm").upper == Fraction(3)  # 0.1 * 3 != 0.3 in floats
    assert size(gte=Decimal("1.25"), unit="cm").lower == Fraction(25, 2)


def test_unit_is_kept_for_rendering_but_not_compared() -> None:
    assert size(lte=2, unit="cm").unit == "cm"
    assert size(lte=20, unit="mm").describe() == "20 mm or smaller"
    assert size(lte=20, unit="mm").describe("cm") == "2 cm or smaller"


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"lte": 2}, "unit"),
        ({"lte": 2, "unit": "in"}, "mm or cm"),
        ({"unit": "cm"}, "at least one bound"),
        ({"gt": 1, "gte": 1, "unit": "cm"}, "not both"),
        ({"lt": 1, "lte": 1, "unit": "cm"}, "not both"),
        ({"lte": True, "unit": "cm"}, "lte must be a number"),
        ({"lte": "2", "unit": "cm"}, "lte must be a number"),
        ({"lte": float("nan"), "unit": "cm"}, "finite"),
        ({"gt": float("inf"), "unit": "cm"}, "finite"),
        ({"lte": 2, "unit": "cm", "max": 3}, "unknown size key max"),
    ],
)
def test_malformed_sizes_raise_value_error(mapping: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Interval.from_mapping(mapping)


def test_to_mm_json() -> None:
    assert size(gt=2, unit="cm").to_mm_json() == {"gt": 20, "unit": "mm"}
    assert size(gte=0.15, lt=3, unit="cm").to_mm_json() == {"gte": 1.5, "lt": 30, "unit": "mm"}
    assert isinstance(size(lte=2, unit="cm").to_mm_json()["lte"], int)


# --- T001 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mapping", "problem"),
    [
        ({"lte": 2, "unit": "cm"}, None),
        ({"gt": 2, "lte": 3, "unit": "cm"}, None),
        ({"gt": 0, "unit": "cm"}, "a bound must be above zero, not 0 cm"),
        ({"lte": -1.5, "unit": "mm"}, "a bound must be above zero, not -1.5 mm"),
        ({"gte": 3, "lte": 2, "unit": "cm"}, "the lower bound 3 cm is not below the upper bound 2 cm"),
        ({"gte": 2, "lte": 2, "unit": "cm"}, "the lower bound 2 cm is not below the upper bound 2 cm"),
        ({"gt": 2, "lt": 2, "unit": "cm"}, "the lower bound 2 cm is not below the upper bound 2 cm"),
    ],
)
def test_t001_problems(mapping: dict[str, object], problem: str | None) -> None:
    interval = Interval.from_mapping(mapping)
    assert interval.problem() == problem
    assert interval.is_valid() is (problem is None)


# --- rendering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mapping", "text"),
    [
        ({"lte": 2, "unit": "cm"}, "2 cm or smaller"),
        ({"lt": 1, "unit": "cm"}, "smaller than 1 cm"),
        ({"gt": 2, "unit": "cm"}, "larger than 2 cm"),
        ({"gte": 1.5, "unit": "cm"}, "1.5 cm or larger"),
        ({"gt": 2, "lte": 3, "unit": "cm"}, "larger than 2 cm up to 3 cm"),
        ({"gte": 1, "lt": 2, "unit": "cm"}, "at least 1 cm and smaller than 2 cm"),
        ({"gte": 1, "lte": 2, "unit": "cm"}, "from 1 cm to 2 cm"),
        ({"gt": 0.25, "lt": 2.50, "unit": "cm"}, "larger than 0.25 cm and smaller than 2.5 cm"),
    ],
)
def test_describe(mapping: dict[str, object], text: str) -> None:
    assert Interval.from_mapping(mapping).describe() == text


def test_numbers_print_without_trailing_zeros_and_round_non_terminating() -> None:
    assert format_number(Fraction(2)) == "2"
    assert format_number(Fraction(3, 2)) == "1.5"
    assert format_number(Fraction(1, 4)) == "0.25"
    assert format_number(Fraction(1, 3)) == "0.33"
    assert format_number(Fraction(2, 3)) == "0.67"
    assert format_number(Fraction(-5, 2)) == "-2.5"
    assert describe_size(Fraction(20), "cm") == "2 cm"
    assert describe_size(Fraction(25, 2), "mm") == "12.5 mm"
    assert describe_size(INCH_MM) == "2.54 cm"
    assert Interval(upper=Fraction(10, 3), upper_inclusive=True, unit="cm").describe() == "0.33 cm or smaller"


# --- set operations ----------------------------------------------------------------------------


def test_contains_respects_open_and_closed_ends() -> None:
    interval = size(gt=2, lte=3, unit="cm")
    assert not interval.contains(Fraction(20))
    assert interval.contains(Fraction(201, 10))
    assert interval.contains(Fraction(30))
    assert not interval.contains(Fraction(301, 10))
    assert not size(lte=2, unit="cm").contains(Fraction(0))  # zero is not a size


def test_intersection_with_open_and_closed_ends() -> None:
    assert size(lte=2, unit="cm").intersection(size(gte=2, unit="cm")) == Interval(
        Fraction(20), True, Fraction(20), True
    )
    assert size(lte=2, unit="cm").intersection(size(gt=2, unit="cm")) is None
    assert size(lt=2, unit="cm").intersection(size(gte=2, unit="cm")) is None
    assert size(lte=3, unit="cm").intersection(size(gt=2, unit="cm")) == size(gt=2, lte=3, unit="cm")
    assert size(lt=3, unit="cm").intersection(size(lte=3, unit="cm")) == size(lt=3, unit="cm")
    assert size(gt=1, unit="cm").intersection(size(gte=1, unit="cm")) == size(gt=1, unit="cm")
    both = size(gte=1, lt=5, unit="cm").intersection(size(gt=10, lte=40, unit="mm"))
    assert both == size(gt=10, lte=40, unit="mm") and both.unit == "cm"


def test_is_empty() -> None:
    assert size(gte=2, lte=2, unit="cm").is_empty() is False
    assert size(gt=2, lte=2, unit="cm").is_empty() is True
    assert size(gte=3, lte=2, unit="cm").is_empty() is True
    assert size(lte=0, unit="cm").is_empty() is True
    assert size(gt=-1, unit="cm").is_empty() is False


# --- coverage (T002, T003) ----------------------------------------------------------------------


def test_coverage_complete_pathway() -> None:
    assert coverage([size(lte=2, unit="cm"), size(gt=2, unit="cm")]) == ([], [])
    assert coverage([size(gt=20, unit="mm"), size(lte=1, unit="cm"), size(gt=1, lte=2, unit="cm")]) == ([], [])


def test_coverage_remembered_per_list_keeps_each_lists_unit() -> None:
    # 2 cm and 20 mm are equal Intervals; the gaps are still named in each pathway's own unit.
    in_cm = coverage([size(lte=2, unit="cm"), size(gt=3, unit="cm")])[0]
    in_mm = coverage([size(lte=20, unit="mm"), size(gt=30, unit="mm")])[0]
    assert in_cm == in_mm and [gap.unit for gap in in_cm] == ["cm"] and [gap.unit for gap in in_mm] == ["mm"]
    again = coverage([size(lte=2, unit="cm"), size(gt=3, unit="cm")])
    again[0].clear()  # a caller's list is its own
    assert coverage([size(lte=2, unit="cm"), size(gt=3, unit="cm")])[0] == in_cm


def test_coverage_gap_between_options() -> None:
    gaps, overlaps = coverage([size(lte=2, unit="cm"), size(gt=3, unit="cm")])
    assert overlaps == []
    assert gaps == [size(gt=2, lte=3, unit="cm")]
    assert gaps[0].describe() == "larger than 2 cm up to 3 cm"


def test_coverage_gaps_at_a_point_below_and_above() -> None:
    gaps, _ = coverage([size(lt=2, unit="cm"), size(gt=2, unit="cm")])
    assert [gap.describe() for gap in gaps] == ["exactly 2 cm"]
    gaps, _ = coverage([size(gte=1, lt=2, unit="cm")])
    assert [gap.describe() for gap in gaps] == ["smaller than 1 cm", "2 cm or larger"]
    gaps, _ = coverage([])
    assert [gap.describe() for gap in gaps] == ["any size"]


def test_coverage_mixed_units_reports_gaps_in_mm() -> None:
    gaps, _ = coverage([size(lte=2, unit="cm"), size(gt=25, unit="mm")])
    assert [gap.describe() for gap in gaps] == ["larger than 20 mm up to 25 mm"]


def test_coverage_overlap_witnesses() -> None:
    _, overlaps = coverage([size(lte=2, unit="cm"), size(gte=2, unit="cm")])
    assert overlaps == [(0, 1, Fraction(20))]
    _, overlaps = coverage([size(lte=3, unit="cm"), size(gt=2, unit="cm")])
    assert overlaps == [(0, 1, Fraction(25))]
    _, overlaps = coverage([size(gt=2, unit="cm"), size(gt=3, unit="cm"), size(lte=2, unit="cm")])
    assert overlaps == [(0, 1, Fraction(60))]
    _, overlaps = coverage([size(gte=3, lte=2, unit="cm"), size(lte=5, unit="cm")])
    assert overlaps == []  # an impossible (empty) option overlaps nothing


# --- property-based ----------------------------------------------------------------------------

# Bounds are whole tenths of a millimetre; probes are every 0.05 mm, so each open stretch between
# two grid points and each grid point itself is probed. Sizes are counted in 0.05 mm steps below.
STEP = Fraction(1, 20)
TENTHS = st.integers(min_value=1, max_value=150)


@st.composite
def intervals(draw: st.DrawFn) -> tuple[dict[str, object], dict[str, object]]:
    """The same random interval written in mm and in cm (YAML floats), at least one bound."""
    lower_key = draw(st.sampled_from([None, "gt", "gte"]))
    upper_key = draw(st.sampled_from([None, "lt", "lte"] if lower_key else ["lt", "lte"]))
    in_mm: dict[str, object] = {"unit": "mm"}
    in_cm: dict[str, object] = {"unit": "cm"}
    for key in (lower_key, upper_key):
        if key is not None:
            tenths = draw(TENTHS)
            in_mm[key] = tenths / 10 if tenths % 10 else tenths // 10
            in_cm[key] = tenths / 100
    return in_mm, in_cm


PROBES = range(1, 20 * 16)  # 0.05 mm up to 1 mm past the largest possible bound (15 mm)


def brute_members(mapping: dict[str, object]) -> list[bool]:
    """For each probe (steps * 0.05 mm), is it in the interval? Integer arithmetic in 0.05 mm units."""
    scale = 20 if mapping["unit"] == "mm" else 200
    bounds = {key: round(Fraction(Decimal(repr(value))) * scale) for key, value in mapping.items() if key != "unit"}
    low, high = bounds.get("gt", bounds.get("gte", 0)), bounds.get("lt", bounds.get("lte", len(PROBES) + 1))
    return [
        (steps > low or ("gte" in bounds and steps == low)) and (steps < high or ("lte" in bounds and steps == high))
        for steps in PROBES
    ]


@settings(max_examples=200, deadline=None)
@given(intervals())
def test_property_mm_and_cm_forms_are_equal(pair: tuple[dict[str, object], dict[str, object]]) -> None:
    in_mm, in_cm = pair
    assert Interval.from_mapping(in_mm) == Interval.from_mapping(in_cm)
    assert Interval.from_mapping(in_cm).to_mm_json() == Interval.from_mapping(in_mm).to_mm_json()


@settings(max_examples=100, deadline=None)
@given(intervals())
def test_property_contains_agrees_with_brute_force(pair: tuple[dict[str, object], dict[str, object]]) -> None:
    in_mm, in_cm = pair
    interval = Interval.from_mapping(in_cm)
    expected = brute_members(in_mm)
    assert [interval.contains(steps * STEP) for steps in PROBES] == expected
    assert interval.is_empty() == (not any(expected))


@settings(max_examples=300, deadline=None)
@given(st.lists(intervals(), min_size=0, max_size=8))
def test_property_coverage_agrees_with_brute_force(
    pairs: list[tuple[dict[str, object], dict[str, object]]],
) -> None:
    mappings = [in_mm for in_mm, _ in pairs]
    # Alternate the mm and cm forms so pathways mix units.
    options = [Interval.from_mapping(pair[index % 2]) for index, pair in enumerate(pairs)]
    gaps, overlaps = coverage(options)

    covered = [brute_members(mapping) for mapping in mappings]
    uncovered = [not any(row[index] for row in covered) for index in range(len(PROBES))]
    # Gaps are disjoint, in order, and their union is exactly the uncovered probes.
    in_gap = [[gap.contains(steps * STEP) for steps in PROBES] for gap in gaps]
    for index, is_uncovered in enumerate(uncovered):
        assert sum(row[index] for row in in_gap) == is_uncovered
    # Maximal: between two consecutive gaps some probed size is covered.
    for before, after in zip(in_gap, in_gap[1:], strict=False):
        last, first = max(i for i, x in enumerate(before) if x), min(i for i, x in enumerate(after) if x)
        assert last < first and not all(uncovered[last : first + 1])

    expected_pairs = {
        (i, j)
        for i in range(len(mappings))
        for j in range(i + 1, len(mappings))
        if any(a and b for a, b in zip(covered[i], covered[j], strict=True))
    }
    assert [(i, j) for i, j, _ in overlaps] == sorted(expected_pairs)  # in order, as T003 reports them
    for i, j, witness in overlaps:
        assert options[i].contains(witness) and options[j].contains(witness)


def test_coverage_of_thousands_of_options_stops_counting_overlaps_past_the_limit() -> None:
    from netlint.sizes import MAX_OVERLAPS

    same = [Interval.from_mapping({"lte": 2, "unit": "cm"})] * 3000  # 4.5 million pairs
    gaps, overlaps = coverage(same)
    assert gaps == [Interval.from_mapping({"gt": 2, "unit": "cm"})]
    assert len(overlaps) == MAX_OVERLAPS + 1 and all(i < j for i, j, _ in overlaps)
    apart = [Interval.from_mapping({"gt": n, "lte": n + 1, "unit": "mm"}) for n in range(3000)]
    gaps, overlaps = coverage(apart)
    assert gaps == [Interval.from_mapping({"gt": 3000, "unit": "mm"})] and overlaps == []


# --- sizes stated in prose (T006) ---------------------------------------------------------------


def spans(text: str) -> list[tuple[int, int, str, Fraction, str, bool]]:
    return [(m.start, m.end, m.raw, m.value_mm, m.unit, m.approximate) for m in find_size_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tumors 2 cm or smaller", [(7, 11, "2 cm", Fraction(20), "cm", False)]),
        ("a 2cm tumor", [(2, 5, "2cm", Fraction(20), "cm", False)]),
        ("a 2-cm tumor", [(2, 6, "2-cm", Fraction(20), "cm", False)]),
        ("at most 20 mm.", [(8, 13, "20 mm", Fraction(20), "mm", False)]),
        ("over 1.5 cm", [(5, 11, "1.5 cm", Fraction(15), "cm", False)]),
        ("2\u00a0cm", [(0, 4, "2\u00a0cm", Fraction(20), "cm", False)]),
        ("3 millimetres", [(0, 13, "3 millimetres", Fraction(3), "mm", False)]),
        ("3 millimeters", [(0, 13, "3 millimeters", Fraction(3), "mm", False)]),
        ("2 centimetres", [(0, 13, "2 centimetres", Fraction(20), "cm", False)]),
        ("1 centimeter", [(0, 12, "1 centimeter", Fraction(10), "cm", False)]),
        ("(about 0.8 inch)", [(7, 15, "0.8 inch", Fraction(508, 25), "in", True)]),
        ("about 0.8 inches", [(6, 16, "0.8 inches", Fraction(508, 25), "in", True)]),
        ("(about 0.8 in)", [(7, 13, "0.8 in", Fraction(508, 25), "in", True)]),
        ("about 0.8 in.", [(6, 12, "0.8 in", Fraction(508, 25), "in", True)]),
        ("0.8 in, or so", [(0, 6, "0.8 in", Fraction(508, 25), "in", True)]),
        ("about 0.8 in", [(6, 12, "0.8 in", Fraction(508, 25), "in", True)]),
        ("½ inch", [(0, 6, "½ inch", Fraction(127, 10), "in", True)]),
        ("about ¾ inch", [(6, 12, "¾ inch", Fraction(381, 20), "in", True)]),
        ("plus de 2,5 cm", [(8, 14, "2,5 cm", Fraction(25), "cm", False)]),  # a decimal comma
        ("1,25 cm", [(0, 7, "1,25 cm", Fraction(25, 2), "cm", False)]),
        ("1,500 mm", []),  # a thousands comma: no size (the "500" is no number of its own)
        ("3/4 inch", [(0, 8, "3/4 inch", Fraction(381, 20), "in", True)]),
        ("1 ½ inches", [(0, 10, "1 ½ inches", Fraction(381, 10), "in", True)]),
        ("1½ inches", [(0, 9, "1½ inches", Fraction(381, 10), "in", True)]),
        ("1-1/2 inches", [(0, 12, "1-1/2 inches", Fraction(381, 10), "in", True)]),
        ("1 1/2 inches", [(0, 12, "1 1/2 inches", Fraction(381, 10), "in", True)]),
        ("about an inch", [(6, 13, "an inch", INCH_MM, "in", True)]),
        ("tumors of an inch", [(10, 17, "an inch", INCH_MM, "in", True)]),
        ("of a centimeter or less", [(3, 15, "a centimeter", Fraction(10), "cm", False)]),
        ("One inch", [(0, 8, "One inch", INCH_MM, "in", True)]),
        ("half an inch", [(0, 12, "half an inch", Fraction(127, 10), "in", True)]),
        ("a half-inch margin", [(2, 11, "half-inch", Fraction(127, 10), "in", True)]),
        ("an inch and a half", [(0, 18, "an inch and a half", Fraction(381, 10), "in", True)]),
        ("a little less than an inch", [(19, 26, "an inch", INCH_MM, "in", True)]),
        ("two centimeters", [(0, 15, "two centimeters", Fraction(20), "cm", False)]),
        ("Ten millimetres", [(0, 15, "Ten millimetres", Fraction(10), "mm", False)]),
        ("half a centimeter", [(0, 17, "half a centimeter", Fraction(5), "cm", False)]),
        ("one and a half inches", [(0, 21, "one and a half inches", Fraction(381, 10), "in", True)]),
        ("three-quarters of an inch", [(0, 25, "three-quarters of an inch", Fraction(381, 20), "in", True)]),
        ("a quarter of an inch", [(2, 20, "quarter of an inch", Fraction(127, 20), "in", True)]),
        ("a three-quarter-inch tumor", [(2, 20, "three-quarter-inch", Fraction(381, 20), "in", True)]),
        ("¾ of an inch", [(0, 12, "¾ of an inch", Fraction(381, 20), "in", True)]),
        (
            "one to two centimeters",
            [(0, 3, "one", Fraction(10), "cm", False), (7, 22, "two centimeters", Fraction(20), "cm", False)],
        ),
        ("about .5 inch", [(6, 13, ".5 inch", Fraction(127, 10), "in", True)]),
        ('about 1")', [(6, 8, '1"', INCH_MM, "in", True)]),
        ("0.8″", [(0, 4, "0.8″", Fraction(508, 25), "in", True)]),
        ("1 to 2 cm", [(0, 1, "1", Fraction(10), "cm", False), (5, 9, "2 cm", Fraction(20), "cm", False)]),
        ("1–2 cm", [(0, 1, "1", Fraction(10), "cm", False), (2, 6, "2 cm", Fraction(20), "cm", False)]),
        ("1-2 cm", [(0, 1, "1", Fraction(10), "cm", False), (2, 6, "2 cm", Fraction(20), "cm", False)]),
        (
            "between 1 and 2 centimetres",
            [(8, 9, "1", Fraction(10), "cm", False), (14, 27, "2 centimetres", Fraction(20), "cm", False)],
        ),
        (
            "1 to 1 ½ inches",
            [(0, 1, "1", INCH_MM, "in", True), (5, 15, "1 ½ inches", Fraction(381, 10), "in", True)],
        ),
        (
            "1.5 cm (about ½ inch)",
            [(0, 6, "1.5 cm", Fraction(15), "cm", False), (14, 20, "½ inch", Fraction(127, 10), "in", True)],
        ),
    ],
)
def test_size_mentions(text: str, expected: list[tuple[int, int, str, Fraction, str, bool]]) -> None:
    assert spans(text) == expected
    for start, end, raw, *_ in expected:
        assert text[start:end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "1 to 2 weeks",
        "2 hours",
        "stage 2",
        "3 days",
        "5%",
        "Neuroendocrine and Adrenal Tumors V.5.2024",
        "2024",
        "2 in the colon",
        "1 in 3 people",
        "T2 cm",
        "blood pressure 120 mm Hg",
        "120 mmHg",
        "an area of 2 cm² here",
        "1/0 inch",
        "one inches",
        "one centimeters",
        'a stage "2" tumor',
        "within a tenth of a millimeter",
        "a fraction of an inch",
        "two hundredths of a centimeter",
        "a few millimeters",
        "V.5.2024",
        "about 2 mmol",
    ],
)
def test_numbers_that_are_not_sizes(text: str) -> None:
    assert find_size_mentions(text) == []


def test_mentions_in_multiline_text_have_offsets_into_the_whole_text() -> None:
    text = "For small tumors,\nno bigger than 2 cm\n(about 0.8 inch).\n"
    found = find_size_mentions(text)
    assert [text[m.start : m.end] for m in found] == ["2 cm", "0.8 inch"]


def mention(text: str) -> SizeMention:
    (found,) = find_size_mentions(text)
    return found


def test_matches_bound_exact_for_metric() -> None:
    interval = size(lte=2, unit="cm")
    assert matches_bound(mention("2 cm"), interval)
    assert matches_bound(mention("20 mm"), interval)
    assert not matches_bound(mention("2.1 cm"), interval)
    assert not matches_bound(mention("19.9 mm"), interval)
    assert matches_bound(mention("3 cm"), size(gt=2, lte=3, unit="cm"))
    assert matches_bound(mention("2 cm"), size(gt=2, lte=3, unit="cm"))


def test_matches_bound_within_five_percent_for_inches() -> None:
    assert matches_bound(mention("0.8 inch"), size(lte=2, unit="cm"))  # 20.32 mm
    assert matches_bound(mention("¾ inch"), size(lte=2, unit="cm"))  # 19.05 mm, 4.75% off
    assert not matches_bound(mention("½ inch"), size(lte=1.5, unit="cm"))  # 12.7 mm, 15% off
    assert not matches_bound(mention("0.7 inch"), size(lte=2, unit="cm"))  # 17.78 mm, 11% off
    assert matches_bound(mention("an inch"), size(gt=25, unit="mm"))
