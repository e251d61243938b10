"""T rules: size thresholds are possible, pathways cover every size once, and prose agrees with the numbers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from netlint.rules._registry import at, diagnostic, rule
from netlint.size_mentions import (
    INCH_TOLERANCE,
    SizeMention,
    StatedBound,
    contrasted,
    converts,
    find_size_mentions,
    grown_into,
    incidental,
    matches_bound,
    matches_side,
    qualified_aside,
    range_end_wrong,
    stated_bound,
    thicknesses,
)
from netlint.sizes import INCH_MM, LARGEST_MM, MAX_OVERLAPS, Interval, coverage, describe_size, format_number

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context, ProjectIndex
    from netlint.loader import DataPath, Document

_LOWER = ("gt", "gte")
_UPPER = ("lt", "lte")


# Reading sizes ---------------------------------------------------------------


def sized_blocks(doc: Document) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """Each indication and pathway option of a document that has a `size`, with its data path."""
    indications = doc.get(("indications",))
    for i, item in enumerate(indications if isinstance(indications, list) else []):
        if isinstance(item, dict) and "size" in item:
            yield ("indications", i), item
    pathways = doc.get(("pathways",))
    for p, pathway in enumerate(pathways if isinstance(pathways, list) else []):
        options = pathway.get("options") if isinstance(pathway, dict) else None
        for o, option in enumerate(options if isinstance(options, list) else []):
            if isinstance(option, dict) and "size" in option:
                yield ("pathways", p, "options", o), option


def read_interval(size: object) -> Interval | str:
    """The interval of a YAML size mapping, or why it cannot be read (a non-finite bound).

    Parsed once per distinct size: documents repeat the same few sizes, and four rules read them.
    """
    if not isinstance(size, Mapping):
        return "a size must be a mapping such as {lte: 2, unit: cm}"
    try:
        # The value's type is part of the key: True == 1 for a dict, never for a size.
        key = tuple([(k, v.__class__, v) for k, v in size.items()])
        hash(key)
    except TypeError:  # an unhashable value: parse without the cache
        return _parse(size)
    return _cached(key)


@lru_cache(maxsize=4096)
def _cached(key: tuple[tuple[str, type, Any], ...]) -> Interval | str:
    return _parse({name: value for name, _, value in key})


def _parse(size: Mapping[str, Any]) -> Interval | str:
    try:
        return Interval.from_mapping(size)
    except ValueError as error:
        return str(error)


def _usable(size: object) -> Interval | None:
    """The interval when it is readable and possible (passes T001), else None."""
    interval = read_interval(size)
    return interval if isinstance(interval, Interval) and interval.is_valid() else None


# T001 ------------------------------------------------------------------------


@rule("T001", "impossible-size", severity="error", scope="document")
def impossible_size(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a size range that no tumor can have: a lower bound (`gt`, `gte`) that is not below the upper
    bound (`lt`, `lte`), a bound of zero or less, or a bound above 1 metre (1,000 mm: a wrong unit or a
    lost decimal point). Every `size` of an indication and of a pathway option is
    checked; the diagnostic points at the offending bound (the lower one when the bounds are crossed).

    ## Why it matters
    An impossible range is almost always a typo (swapped bounds, a missing digit). It silently turns an
    indication or a pathway row into one that applies to nobody, and the published page then says
    something the sources do not.

    ## Example
    ```yaml
    indications:
      - site: rectum
        size: {gt: 2, lte: 1, unit: cm}   # nothing is larger than 2 cm and at most 1 cm
        text: For tumors between 1 and 2 cm.
    ```

    ## Use instead
    ```yaml
    indications:
      - site: rectum
        size: {gt: 1, lte: 2, unit: cm}
        text: For tumors between 1 and 2 cm.
    ```

    ## Options
    None. Equal bounds (`gte: 2, lte: 2`) are impossible too: give a range.
    """
    for path, block in sized_blocks(doc):
        size = block["size"]
        interval = read_interval(size)
        if isinstance(interval, str):
            culprit = _non_finite_key(size)
            if culprit is not None:  # a malformed mapping is S001's to report
                yield at(
                    "T001", doc, (*path, "size", culprit), f"impossible size range: {interval}; give a size such as 2"
                )
            continue
        problem = interval.problem()
        if problem is None:
            continue
        lower = next((key for key in _LOWER if key in size), None)
        upper = next((key for key in _UPPER if key in size), None)
        culprit, advice = lower or upper or "unit", "no tumor size matches it: correct or swap the bounds"
        # The bound the problem names (Interval.problem looks at the lower one first, as here).
        for key, bound in ((lower, interval.lower), (upper, interval.upper)):
            if key is not None and bound is not None and bound <= 0:
                culprit, advice = key, "give a number above zero"
                break
            if key is not None and bound is not None and bound > LARGEST_MM:
                culprit, advice = key, "check the unit and the decimal point"
                break
        yield at("T001", doc, (*path, "size", culprit), f"impossible size range: {problem}; {advice}")


def _non_finite_key(size: object) -> str | None:
    if not isinstance(size, Mapping):
        return None
    for key in (*_LOWER, *_UPPER):
        value = size.get(key)
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return key
    return None


# Pathways --------------------------------------------------------------------


@dataclass(frozen=True)
class _Option:
    path: DataPath  # ("pathways", p, "options", o)
    number: int  # 1-based, as editors count rows
    procedure: str | None
    interval: Interval | None  # None when T001 rejects it

    @property
    def label(self) -> str:
        return f"option {self.number} ({self.procedure or 'no procedure'})"


@dataclass(frozen=True)
class _Pathway:
    doc: Document
    path: DataPath  # ("pathways", p)
    site: str | None
    options: list[_Option]


def _pathways(index: ProjectIndex) -> list[_Pathway]:
    """Every pathway of the schema-valid topics, its sizes read once per run."""
    found: list[_Pathway] | None = index.memo.get("T pathways")
    if found is None:
        found = index.memo["T pathways"] = list(_read_pathways(index))
    return found


def _read_pathways(index: ProjectIndex) -> Iterator[_Pathway]:
    for doc in index.of_kind("topic"):
        pathways = doc.get(("pathways",))
        for p, pathway in enumerate(pathways if isinstance(pathways, list) else []):
            if not isinstance(pathway, dict):
                continue
            raw = pathway.get("options")
            options = [
                _Option(
                    ("pathways", p, "options", o),
                    o + 1,
                    _text_or_none(option.get("procedure")),
                    _usable(option.get("size")),
                )
                for o, option in enumerate(raw if isinstance(raw, list) else [])
                if isinstance(option, dict)
            ]
            yield _Pathway(doc, ("pathways", p), _text_or_none(pathway.get("site")), options)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _procedures(index: ProjectIndex) -> dict[str, Document]:
    """Schema-valid procedures by id, indexed once per run (the first one when an id is duplicated: N002)."""
    by_id: dict[str, Document] = {}
    for doc in index.of_kind("procedure"):
        if doc.id is not None:
            by_id.setdefault(doc.id, doc)
    return by_id


def _common_unit(*intervals: Interval) -> str:
    units = {interval.unit for interval in intervals}
    return units.pop() if len(units) == 1 else "mm"


@rule("T002", "pathway-gap", severity="error", scope="project", reports_on=("topic",))
def pathway_gap(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a pathway whose options leave tumor sizes that match no option. The options together must cover
    every size above zero. One diagnostic per pathway, at its `options` key, names every uncovered range
    (for example "sizes larger than 2 cm up to 3 cm match no option"). 2 cm and 20 mm are the same size.

    ## Why it matters
    A reader whose tumor falls in the gap finds no answer in the decision table, or assumes the nearest row
    applies when the sources say otherwise.

    ## Example
    ```yaml
    options:
      - size: {lte: 2, unit: cm}
        procedure: appendectomy
      - size: {gt: 3, unit: cm}      # what about 2.5 cm?
        procedure: hemicolectomy
    ```

    ## Use instead
    ```yaml
    options:
      - size: {lte: 2, unit: cm}
        procedure: appendectomy
      - size: {gt: 20, unit: mm}     # mixing units is fine: this starts exactly where 2 cm ends
        procedure: hemicolectomy
    ```

    ## Options
    None. A pathway with an impossible option (T001) is not checked for gaps until that option is fixed,
    because the range it was meant to cover is unknown.
    """
    for pathway in _pathways(index):
        intervals = [option.interval for option in pathway.options]
        if not intervals or any(interval is None for interval in intervals):
            continue
        gaps, _ = coverage([interval for interval in intervals if interval is not None])
        if gaps:
            named = " and ".join(_gap_words(gap) for gap in gaps)
            one = named.startswith("a tumor") and len(gaps) == 1
            verb, them = ("matches", "it") if one else ("match", "them")
            message = f"{named} {verb} no option; add an option for {them} or widen a neighbouring one"
            yield at("T002", pathway.doc, (*pathway.path, "options"), message, key=True)


def _gap_words(gap: Interval) -> str:
    words = gap.describe()
    return f"a tumor of {words}" if words.startswith("exactly") else f"sizes {words}"


@rule("T003", "pathway-overlap", severity="error", scope="project", reports_on=("topic",))
def pathway_overlap(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports pathway options that overlap: a tumor size that matches two options. One diagnostic per
    overlapping pair of options, at the pathway's `options` key, names a size in both and both procedures
    ("a tumor of exactly 2 cm matches option 1 (appendectomy) and option 2 (hemicolectomy)").

    ## Why it matters
    A decision table must give one answer. With an overlap, a reader whose tumor is exactly on the shared
    size is told two different operations apply, and cannot know which the sources recommend.

    ## Example
    ```yaml
    options:
      - size: {lte: 2, unit: cm}
        procedure: appendectomy
      - size: {gte: 2, unit: cm}     # 2 cm matches both rows
        procedure: hemicolectomy
    ```

    ## Use instead
    ```yaml
    options:
      - size: {lte: 2, unit: cm}
        procedure: appendectomy
      - size: {gt: 2, unit: cm}
        procedure: hemicolectomy
    ```

    ## Options
    None. Options with an impossible size (T001) are left out of the comparison.
    """
    for pathway in _pathways(index):
        usable = [(option, option.interval) for option in pathway.options if option.interval is not None]
        _, overlaps = coverage([interval for _, interval in usable])
        more = len(overlaps) > MAX_OVERLAPS  # a hostile table: the first pairs, the last saying so
        for number, (i, j, witness) in enumerate(overlaps[:MAX_OVERLAPS], start=1):
            (first, first_interval), (second, second_interval) = usable[i], usable[j]
            unit = _common_unit(first_interval, second_interval)
            message = f"a tumor of exactly {describe_size(witness, unit)} matches {first.label} and {second.label}"
            shared = first_interval.intersection(second_interval)
            if shared is not None and shared.lower != shared.upper:
                message += f" (they share sizes {shared.describe(unit)})"
            message += "; change the sizes so that each size matches one option"
            if more and number == MAX_OVERLAPS:
                message += f" (more pairs of options overlap; {MAX_OVERLAPS} of them are reported)"
            yield at("T003", pathway.doc, (*pathway.path, "options"), message, key=True)


@rule("T004", "procedure-site-mismatch", severity="error", scope="project", reports_on=("topic",))
def procedure_site_mismatch(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a pathway option whose procedure does not list the pathway's `site` in its `sites`. The
    diagnostic points at the option's `procedure`. A procedure that does not exist is N003's to report, and
    one that fails its schema (S001) is not checked until it passes.

    ## Why it matters
    Either the pathway sends readers to an operation that is not done at that body site, or the procedure
    page is incomplete: both mislead a reader about their own tumor.

    ## Example
    ```yaml
    # content/topics/gi-net-surgery.yaml
    pathways:
      - id: appendix-by-size
        site: appendix
        options:
          - size: {lte: 2, unit: cm}
            procedure: appendectomy      # appendectomy.yaml says sites: [colon]
    ```

    ## Use instead
    ```yaml
    # content/procedures/appendectomy.yaml
    sites: [appendix]
    ```

    ## Options
    None.
    """
    procedures = _procedures(index)
    for pathway in _pathways(index):
        if pathway.site is None:
            continue
        for option in pathway.options:
            target = procedures.get(option.procedure or "")
            sites = target.get(("sites",)) if target is not None else None
            if target is None or not isinstance(sites, list) or pathway.site in sites:
                continue
            where = f"{target.path}:{target.span(('sites',)).line}"
            message = (
                f"procedure '{option.procedure}' does not list '{pathway.site}' in its sites ({where}); "
                f"add the site there, or choose a procedure done for tumors of the {pathway.site}"
            )
            yield at("T004", pathway.doc, (*option.path, "procedure"), message)


@rule("T005", "indication-pathway-mismatch", severity="error", scope="project", reports_on=("topic",))
def indication_pathway_mismatch(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a pathway option whose size range differs from the size range of its procedure's indication for
    the pathway's site. When the procedure has an indication for that site, the two ranges must be equal
    after unit conversion (2 cm equals 20 mm). The diagnostic points at the option and names the
    procedure's file and the line of the indication's size. When a procedure has several indications for
    the site, the option must equal one of them.

    ## Why it matters
    The topic page and the procedure page would tell a reader different things about the same tumor, for
    example that appendectomy is enough "for 2 cm or smaller" on one and "below 2 cm" on the other.

    ## Example
    ```yaml
    # content/procedures/appendectomy.yaml
    indications:
      - site: appendix
        size: {lte: 2, unit: cm}
    # content/topics/gi-net-surgery.yaml
    options:
      - size: {lt: 2, unit: cm}
        procedure: appendectomy
    ```

    ## Use instead
    ```yaml
    options:
      - size: {lte: 20, unit: mm}    # the same range as the indication
        procedure: appendectomy
    ```

    ## Options
    None. Sizes that are impossible (T001) are not compared, nor procedures that fail their schema (S001).
    """
    procedures = _procedures(index)
    for pathway in _pathways(index):
        for option in pathway.options:
            target = procedures.get(option.procedure or "")
            if target is None or option.interval is None:
                continue
            stated = list(_indications(target, pathway.site))
            if not stated or any(interval == option.interval for _, interval in stated):
                continue
            says = "; ".join(
                f"{target.path}:{target.span(path).line} says {interval.describe()}" for path, interval in stated
            )
            message = f"{says}; this option says {option.interval.describe()}; make the two size ranges the same"
            yield at("T005", pathway.doc, option.path, message)


@rule("T008", "pathway-pathway-mismatch", severity="warning", scope="project", reports_on=("topic",))
def pathway_pathway_mismatch(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports pathways that offer the same procedure at the same site for different sizes, when the
    procedure has no indication for that site (with one, T005 holds each pathway to it). The pathways
    may be in one topic or in two, such as a page and its translation. Each of them is reported, at its
    first option for the procedure, naming the other's file and line: a run on either file (pre-commit's)
    catches it. The sizes are compared after unit conversion (5 cm equals 50 mm), all of a pathway's
    options for the procedure together ("smaller than 1 cm" and "from 1 cm to 2 cm" are "2 cm or
    smaller"). A warning, not an error: two pathways at one site may answer different questions (by
    grade, say) that the content model cannot tell apart. For such pathways, suppress it where it is
    reported: `# netlint: disable=T008 -- by grade` on the line above that option, in each of the
    pathways (or `disable-file=T008` in each topic).

    ## Why it matters
    Size thresholds must agree across pages: an English topic that offers lumpectomy "for 5 cm or
    smaller" and its Spanish translation that says "4 cm or smaller" tell readers different things
    about the same tumor, and no indication is there to catch the drift.

    ## Example
    ```yaml
    # content/topics/breast-cancer-surgery.yaml
    options:
      - size: {lte: 5, unit: cm}
        procedure: lumpectomy
    # content/topics/cirugia-cancer-de-mama.yaml (site breast too)
    options:
      - size: {lte: 4, unit: cm}
        procedure: lumpectomy
    ```

    ## Use instead
    ```yaml
    options:
      - size: {lte: 50, unit: mm}    # the same range as the other page
        procedure: lumpectomy
    ```
    Or give the procedure an indication for the site, which every pathway then follows (T005).

    ## Options
    None. Sizes that are impossible (T001) are not compared, nor procedures that fail their schema (S001).
    """
    procedures = _procedures(index)
    offers: dict[tuple[str, str], list[tuple[_Pathway, _Option, tuple[Interval, ...]]]] = {}
    for pathway in _pathways(index):
        if pathway.site is None:
            continue
        by_procedure: dict[str, list[_Option]] = {}
        for option in pathway.options:
            if option.procedure is not None:
                by_procedure.setdefault(option.procedure, []).append(option)
        for name, options in by_procedure.items():
            target = procedures.get(name)
            if target is None or any(True for _ in _indications(target, pathway.site)):
                continue  # an unknown procedure (N003), or one with an indication to match (above)
            if any(option.interval is None for option in options):
                continue  # an impossible size (T001): nothing to compare
            sizes = _union([option.interval for option in options if option.interval is not None])
            offers.setdefault((pathway.site, name), []).append((pathway, options[0], sizes))
    for (site, name), offered in sorted(offers.items()):
        # The first pathway with each set of sizes, in order: what each pathway is compared with (a look-up
        # among the few distinct sets, not a pass over every pathway for each: linear in a hostile project).
        firsts: dict[tuple[Interval, ...], tuple[_Pathway, _Option, tuple[Interval, ...]]] = {}
        for entry in offered:
            firsts.setdefault(entry[2], entry)
        if len(firsts) < 2:
            continue
        for pathway, option, sizes in offered:
            if not ctx.reports(pathway.doc):
                continue
            other, other_option, other_sizes = next(entry for key, entry in firsts.items() if key != sizes)
            there = f"{other.doc.path}:{other.doc.span(other_option.path).line}"
            message = (
                f"{there} offers {name} at the site {site} for {_described(other_sizes)}; this pathway offers it "
                f"for {_described(sizes)}; make the two size ranges the same, or give {name} an indication "
                f"for {site} that both follow"
            )
            yield at("T008", pathway.doc, option.path, message)


def _described(sizes: tuple[Interval, ...]) -> str:
    return " or ".join(f"tumors {interval.describe()}" for interval in sizes)


def _union(intervals: list[Interval]) -> tuple[Interval, ...]:
    """The sizes of ``intervals`` together, as the fewest intervals (in order): one pathway's options
    "smaller than 1 cm" and "from 1 cm to 2 cm" for one procedure are "2 cm or smaller"."""

    def start(interval: Interval) -> tuple[bool, Fraction, bool]:
        return (interval.lower is not None, interval.lower or Fraction(0), not interval.lower_inclusive)

    merged: list[Interval] = []
    for interval in sorted(intervals, key=start):
        if merged:
            last = merged[-1]
            touches = (
                last.upper is None
                or interval.lower is None
                or last.upper > interval.lower
                or (last.upper == interval.lower and (last.upper_inclusive or interval.lower_inclusive))
            )
            if touches:
                if last.upper is None or (interval.upper is not None and interval.upper < last.upper):
                    upper, inclusive = last.upper, last.upper_inclusive
                elif interval.upper is None or interval.upper > last.upper:
                    upper, inclusive = interval.upper, interval.upper_inclusive
                else:  # the same upper bound: included if either includes it
                    upper, inclusive = last.upper, last.upper_inclusive or interval.upper_inclusive
                merged[-1] = Interval(last.lower, last.lower_inclusive, upper, inclusive, unit=last.unit)
                continue
        merged.append(interval)
    return tuple(merged)


def _indications(procedure: Document, site: str | None) -> Iterator[tuple[DataPath, Interval]]:
    """The possible size ranges of a procedure's indications for one site, with the path of each size.

    Read once per procedure, kept in its memo by site: each pathway option naming the procedure asks
    (thousands of options against thousands of indications were read each against each)."""
    by_site: dict[object, list[tuple[DataPath, Interval]]] | None = procedure.memo.get("indications by site")
    if by_site is None:
        by_site = procedure.memo["indications by site"] = {}
        items = procedure.get(("indications",))
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                interval = _usable(item.get("size"))
                if interval is not None:
                    where = item.get("site")
                    if isinstance(where, str):
                        by_site.setdefault(where, []).append((("indications", i, "size"), interval))
    return iter(by_site.get(site, ()) if isinstance(site, str) else ())


# T006 ------------------------------------------------------------------------


@rule("T006", "size-text-mismatch", severity="error", scope="document")
def size_text_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a size stated in the `text` of an indication or a pathway option ("2 cm", "20 mm", "0.8
    inch", "¾ inch", "1 to 2 cm", or in words: "two centimeters", "two cm", "twenty-five millimeters",
    "half an inch", "three-quarters of an inch") that is not a bound of the structured `size` beside
    it, after unit conversion. Centimetres and millimetres must equal a bound exactly; inches (whole,
    decimal or fractional, such as "½ inch", "3/4 inch", ".8 inch" or 0.8″) are conversions for
    readers and must be within 5% of a bound; a lower bound that leaves its size out may be written
    as the next hundredth of a millimetre, as staging tables write a thickness ("1.01 to 2.0 mm" for
    `{gt: 1, lte: 2, unit: mm}`), and an upper bound that leaves its size out may end a range a step
    of its last digit below it, in millimetres or with decimals, as screening programmes write their
    bands ("30 to 44 mm" or "30 mm to 44 mm" for `{gte: 30, lt: 45, unit: mm}`, "4.5 to 5.4 cm" for
    `{gte: 4.5, lt: 5.5, unit: cm}`; not "1 to 2 cm" for `lt: 3`). Inches after a unit and a slash
    ("4 cm/1.6 inches", "0.8 in/2 cm"), "ins", and "in" written onto its number ("1.6in") are read
    too. The diagnostic points at the size in the text. Numbers
    without a length unit ("1 to 2 weeks") are not sizes. A size with words that say which side it is
    on must be that bound: "larger than 2 cm" or "2 cm or more" the lower one, "up to 2 cm", "under 2
    cm" or "no larger than 2 cm" the upper one, unless the text also states that bound on its own side
    and contrasts it ("for tumors of 2 cm or smaller; tumors larger than 2 cm need more surgery"), or
    its sentence makes it an exception or a negation ("unless the tumor is larger than 2 cm", "not for
    tumors over 2 cm", "none larger than 2 cm", "tumors over 2 cm need a bigger operation"). A size in
    brackets restating the one before it ("2 cm (about 0.8 inch) or smaller") is on the same side; a
    range in brackets restates the range before it ("from 1 cm up to 2 cm (about 0.4 to 0.8 inch)");
    an inch in brackets that says which side of the size it is ("2 cm (slightly less than an inch)",
    "3 cm (just over 1 inch)") must be on that side. Sizes that are not the tumor's are left alone: a
    margin ("a 5-mm margin", "1 cm of normal tissue", "1 cm of normal-looking skin", "1 cm either side
    of the scar", "margins of at least 2 mm", "a 1 cm clear margin"), a cut or a way in ("a 3-cm
    cut", "a cut of about 6 to 8 cm", "a 5 mm nick"), an instrument ("the needle is 15 to 20 cm long",
    "the ureteroscope is less than 3 mm across", "a 24 Fr sheath (8 mm)", "a laser fibre of 0.2 mm",
    "a 4 mm punch biopsy"),
    what a treatment leaves of a stone ("no pieces larger than 4 mm", "fragments under 2 mm"), a scan's
    slices ("5 mm slices"), an ablation zone, a lymph node ("a 1.5 cm lymph node", "lymph nodes (over
    1 cm)"), how deep a tumor has grown ("invasion of less than 1 mm"), a distance or a stretch of an
    organ ("within 8 cm (about 3 inches) of the anal opening", "5 cm from the anus", "8 cm or less above the anus", "the
    lower 8 cm of the rectum", "5 mm beyond the tumor"), a side of a tumor's dimensions ("2 x 1.5
    cm", "2 cm by 1.5 cm"), what the operation leaves or uses ("a clearance of 4 mm", "a 2 to 4 mm
    ring of skin", "if the wound is bigger than 3 cm", "the skin graft is about 5 cm across"), how
    what is normal, to compare with ("a normal aorta is about 2 cm", "the normal width of 2.5 cm", "it
    normally measures 2 cm"), how
    much a tumor grew or shrank and how fast ("grows by 3 mm or more", "an increase in size of 3 mm",
    "swollen by more than 1 cm", "2 mm a year"; not the size it grew to: "grew to 5 cm" is the tumor's,
    nor how deep it grew into a tissue: "grown more than 1 mm into the skin" is its thickness), and, beside a size of
    the tumor's that is a bound, how thick or deep it is ("melanomas 1.01 to 2.0 mm thick", "a
    Breslow thickness of 1.5 mm"; alone, a thickness is what a pathway by thickness states). An inch
    in brackets after one of them is left alone with it. "cms" and "mms" are centimetres and
    millimetres; units in words are read in English and in the languages of Europe's pages too
    ("6 centímetros", "30 millimetri", "3 Zentimeter", "3 pulgadas", "3 pouces", "3 Zoll"), and "2·5 cm"
    is 2.5 cm. The words for a side
    are read in English, Spanish, French, German, Italian and Portuguese ("menos de 2 cm", "2 cm ou
    plus", "ab 2 cm", "fino a 2 cm", "2 cm en adelante", "mayores o iguales a 2 cm"); the words for
    what is not the tumor's size in English only (but a margin named before its size, "un margen de
    1 cm", and a distance, "a más de 8 cm del margen anal"), so on a page in another language a size
    that is not a bound is reported only when none of the text's sizes is one ("fino a 2 cm, con un
    margine di 5 mm" passes beside `lte: 2`), when its words put it on a side the structured size has
    a bound on and it is one end of a range whose other end is the interval's other bound ("más de 2 cm
    y hasta 7 cm", "más de 3 cm y hasta 5 cm" beside `gt: 2, lte: 5`), or when it is inches in
    brackets converting the size before it ("hasta 2 cm (3 pulgadas)", "2 cm o menos (unas 3
    pulgadas)").

    ## Why it matters
    Readers trust the sentence, reviewers check the number: when they disagree, one of them is wrong, and a
    reader may be told their tumor is or is not small enough for an operation.

    ## Example
    ```yaml
    - site: appendix
      size: {lte: 2, unit: cm}
      text: For tumors of 1.5 cm (about ½ inch) or smaller.
    ```

    ## Use instead
    ```yaml
    - site: appendix
      size: {lte: 2, unit: cm}
      text: For tumors of 2 cm (about 0.8 inch) or smaller.
    ```

    ## Options
    None. Sizes in section texts are not checked: they have no structured range to agree with, nor
    text beside an impossible size (T001).
    """
    return iter(_size_text(doc)["T006"])


@rule("T007", "size-bound-inclusion", severity="warning", scope="document")
def size_bound_inclusion(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports words beside a size, in the `text` of an indication or a pathway option, that put a tumor
    of exactly that size on the other side of the structured `size` than its bound does. "2 cm or
    smaller", "up to 2 cm", "no larger than 2 cm", "at most 2 cm" and "≤ 2 cm" include a tumor of
    2 cm (`lte: 2`), as do "up to and including", "equal to or less than", "at or below" and "a
    maximum of"; "smaller than 2 cm", "under 2 cm", "up to but not including 2 cm" and "< 2 cm" leave
    it out (`lt: 2`); so with "2 cm or larger", "at least 2 cm", "at or above", "a minimum of", "≥
    2 cm" and "20mm+" (`gte: 2`) against "larger than 2 cm", "over 2 cm", "exceeding 2 cm", "in excess of 2 cm"
    and "> 2 cm" (`gt: 2`). "Not larger than 2 cm" includes 2 cm; "not over 2 cm" and "does not
    exceed 2 cm" too. The diagnostic
    spans the words and the size. Only a size that is the bound on the side its words give is
    checked: any other is T006's; but for the other side's contrast, which must leave out what this
    side holds ("For tumors of 2 cm or smaller ... Tumors of 2 cm or more need a lobectomy" puts a
    tumor of exactly 2 cm on both sides).

    ## Why it matters
    A pathway sends each size to exactly one procedure (T002, T003), and a tumor measured at exactly
    the threshold is common: sizes are rounded to whole centimetres or millimetres. When the page says
    "tumors of 2 cm or larger need a hemicolectomy" and the structured size says `gt: 2`, a reader
    with a 2 cm tumor is told one thing and the pathway says another.

    ## Example
    ```yaml
    - site: appendix
      size: {gt: 2, unit: cm}
      text: For tumors 2 cm or larger.
    ```

    ## Use instead
    ```yaml
    - site: appendix
      size: {gt: 2, unit: cm}
      text: For tumors larger than 2 cm.
    ```

    ## Options
    A warning: patient pages sometimes say "smaller than 2 cm" loosely. If yours do, and the
    structured size is the one to trust, ignore T007 in the configuration (`ignore = ["T007"]`), or
    raise it to an error in `[severity]` where the words must be exact.
    """
    return iter(_size_text(doc)["T007"])


def _size_text(doc: Document) -> dict[str, list[Diagnostic]]:
    """T006's and T007's diagnostics in ``doc``: one reading of each indication's and option's text for both,
    kept in the document's memo."""
    found: dict[str, list[Diagnostic]] | None = doc.memo.get("size text")
    if found is not None:
        return found
    found = doc.memo["size text"] = {"T006": [], "T007": []}
    language = doc.get(("language",))
    english = not isinstance(language, str) or language.lower() == "en" or language.lower().startswith("en-")
    for path, block in sized_blocks(doc):
        text = block.get("text")
        if not isinstance(text, str):
            continue
        mentions = find_size_mentions(text)
        interval = _usable(block["size"]) if mentions else None
        if interval is None:  # unreadable, or impossible (T001): nothing sensible to agree with
            continue
        deep = grown_into(text, mentions)  # "grown more than 1 mm into the skin": read once, asked twice
        skipped = incidental(text, mentions, deep)
        # A thickness or a depth ("melanomas 1.01 to 2.0 mm thick") beside a tumor's size that is a bound
        # is another measure; alone, it is what the structured size is (a pathway by Breslow thickness).
        thick = thicknesses(text, mentions, deep) - skipped
        if interval.unit != "mm":
            # How deep a tumor grew into a wall ("grown more than 1 mm into the bowel wall") beside a pathway
            # by diameter in centimetres is another measure; by millimetres, it is a melanoma's thickness.
            skipped |= deep
            thick -= deep
        if thick and any(
            matches_bound(mention, interval)
            for index, mention in enumerate(mentions)
            if index not in skipped and index not in thick
        ):
            skipped |= thick
        stated: set[str] = set()  # the sides the text states a bound on, rightly
        wrong: list[tuple[SizeMention, StatedBound]] = []
        mismatches: list[Diagnostic] = []
        sided: list[Diagnostic] = []  # of those, sizes whose words put them on a side the interval has a bound on
        converted: list[Diagnostic] = []
        for index, mention in enumerate(mentions):
            if index in skipped:
                continue  # a margin, a cut, a distance: not the tumor's size
            previous = mentions[index - 1] if index else None
            if previous is not None and qualified_aside(text, previous, mention) and matches_bound(previous, interval):
                continue  # "2 cm (slightly less than an inch)": right about the bound before it
            if not matches_bound(mention, interval):
                span = doc.text_span((*path, "text"), mention.start, mention.end)
                mismatch = diagnostic("T006", doc.path, span, _mismatch(mention, interval))
                # A conversion of the bound before it is no other measure, in any language: "2 cm (3 pulgadas)".
                conversion = (
                    previous is not None and converts(text, previous, mention) and matches_bound(previous, interval)
                )
                if conversion:
                    converted.append(mismatch)
                    continue
                mismatches.append(mismatch)
                if range_end_wrong(text, mentions, index, interval):
                    sided.append(mismatch)  # "más de 2 cm y hasta 7 cm" beside `gt: 2, lte: 5`: a bound stated wrong
                continue
            bound = stated_bound(text, mention, previous)
            if bound is None:
                continue
            if not matches_side(mention, interval, bound.side):
                if not contrasted(text, bound):  # "unless the tumor is larger than 2 cm" is the exception
                    wrong.append((mention, bound))
                continue
            stated.add(bound.side)
            inclusive = interval.lower_inclusive if bound.side == "lower" else interval.upper_inclusive
            if not mention.approximate and mention.value_mm != (
                interval.lower if bound.side == "lower" else interval.upper
            ):
                inclusive = True  # a band's first or last size ("1.01 mm", "up to 19 mm" for lt 20): in the band
            if bound.inclusive != inclusive and not bound.restated:  # (a restatement shares its words)
                span = doc.text_span((*path, "text"), bound.start, bound.end)
                message = _inclusion(text[bound.start : bound.end], mention, interval, bound.inclusive)
                found["T007"].append(diagnostic("T007", doc.path, span, message))
        # The words for a margin, a cut or a distance are read in English only: in another language
        # ("con un margine di 5 mm"), a size that is no bound may be one, unless none of the text's is,
        # or it is the other end of a range whose first end is a bound ("más de 2 cm y hasta 7 cm" beside
        # `gt: 2, lte: 5`: the upper bound stated wrong).
        if not (english or not any(matches_bound(mention, interval) for mention in mentions)):
            mismatches = sided
        found["T006"].extend(sorted([*mismatches, *converted], key=lambda found: (found.line, found.column)))
        for mention, said in wrong:
            # "larger than 2 cm" beside "2 cm or smaller": the right number, on the wrong side; unless the
            # text also states that bound on its own side, and this is the other side's contrast ("For
            # tumors of 2 cm or smaller. Larger ones need a hemicolectomy" says "larger than 2 cm").
            side = said.side
            if ("upper" if side == "lower" else "lower") not in stated:
                span = doc.text_span((*path, "text"), mention.start, mention.end)
                found["T006"].append(diagnostic("T006", doc.path, span, _wrong_side(mention, interval, side)))
                continue
            # The contrast must leave out what this side holds: "2 cm or smaller ... Tumors of 2 cm or more
            # need a lobectomy" puts a tumor of exactly 2 cm on both sides (T007).
            holds = interval.upper_inclusive if side == "lower" else interval.lower_inclusive
            if said.inclusive and holds:
                span = doc.text_span((*path, "text"), said.start, said.end)
                message = (
                    f"'{_shown(text[said.start : said.end])}' puts tumors of exactly {_shown(mention.raw)} on the "
                    f"other side too, but the structured size includes them ({interval.describe()}); make the "
                    "text and the size agree"
                )
                found["T007"].append(diagnostic("T007", doc.path, span, message))
    return found


def _inclusion(words: str, mention: SizeMention, interval: Interval, inclusive: bool) -> str:
    size = _shown(mention.raw)
    said, structured = ("includes", "leaves them out") if inclusive else ("leaves out", "includes them")
    return (
        f"'{_shown(words)}' {said} tumors of exactly {size}, but the structured size {structured} "
        f"({interval.describe()}); make the text and the size agree"
    )


def _wrong_side(mention: SizeMention, interval: Interval, side: str) -> str:
    said = "above" if side == "lower" else "below"
    actual = "ends" if side == "lower" else "starts"
    size = _shown(mention.raw)
    return (
        f"the text puts the tumors {said} '{size}', but the structured size {actual} there "
        f"({interval.describe()}); make the text and the size agree"
    )


def _shown(raw: str) -> str:
    """A size as the text states it, for a message: "3 mm" for "3\u00a0mm" (a no-break space) or a size
    wrapped onto the next line, which would otherwise be shown as escapes."""
    return " ".join(raw.split())


def _mismatch(mention: SizeMention, interval: Interval) -> str:
    stated = f"'{_shown(mention.raw)}'"
    if not any(char.isalpha() for char in mention.raw):  # the first number of a range: "1" in "1 to 2 cm"
        stated += (
            f" ({_plain(mention.value_mm / INCH_MM)} inch)"
            if mention.approximate
            else f" ({describe_size(mention.value_mm, mention.unit)})"
        )
    bounds = [bound for bound in (interval.lower, interval.upper) if bound is not None]
    if not mention.approximate:
        return f"{stated} is not a bound of this interval ({interval.describe()}); make the text and the size agree"
    nearest = min(bounds, key=lambda bound: abs(bound - mention.value_mm))
    listed = " or ".join(f"{_plain(bound)} mm" for bound in bounds)
    percent = format_number(INCH_TOLERANCE * 100)
    return (
        f"{stated} is {_plain(mention.value_mm)} mm, not within {percent}% of a bound ({listed}); "
        f"{_plain(nearest)} mm is about {_plain(nearest / INCH_MM)} inch"
    )


def _plain(value: Fraction) -> str:
    """A number rounded to 2 decimal places for a message: 12.7, 0.59, 21.08."""
    return format_number(round(value, 2))
