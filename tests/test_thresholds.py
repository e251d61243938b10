"""T001-T006: possible size ranges, pathways that cover every size once, and prose that agrees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PROCEDURE, TOPIC, found, run

MAIN = Path(__file__).resolve().parent.parent
TOPIC_PATH = "content/topics/topic-a.yaml"
PROC_A = "content/procedures/proc-a.yaml"
PROC_B = "content/procedures/proc-b.yaml"


def procedure(ident: str = "proc-a", *, sites: str = "[appendix]", indications: str = "") -> str:
    """A valid procedure; ``indications`` (YAML lines) start on line 13."""
    text = PROCEDURE.format(id=ident).replace("sites: [rectum]", f"sites: {sites}")
    return text.replace("review:", indications + "review:")


def indication(size: str, text: str = "For these tumors.", site: str = "appendix") -> str:
    """An indications block: `size` on line 15 (value at column 11), `text` on line 16 (column 11)."""
    return f"indications:\n  - site: {site}\n    size: {size}\n    text: {text}\n    cites: [src-a]\n"


def pathway(*options: tuple[str, str] | tuple[str, str, str], site: str = "appendix") -> str:
    """A pathways block for the topic: `options:` key at line 17, column 5; the first option on line 18.

    Each option is (size, procedure[, text]); an option takes two lines, three with a text.
    """
    lines = ["pathways:", "  - id: by-size", f"    site: {site}", "    question: Which operation?", "    options:"]
    for size, proc, *text in options:
        lines += [f"      - size: {size}", f"        procedure: {proc}"]
        lines += [f"        text: {t}" for t in text]
    return "\n".join([*lines, "    cites: [src-a]", ""])


def project(make_project, *, paths: str = "", procs: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A base project whose topic lists proc-a and proc-b and has the pathway block ``paths``."""
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-b").replace("review:", paths + "review:")
    files = {TOPIC_PATH: topic, PROC_A: procedure("proc-a"), PROC_B: procedure("proc-b")}
    files.update(procs or {})
    return run(make_project(files, base=True))


def messages(result, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.message for d in result.diagnostics if d.code == code]


def t_codes(result) -> list[tuple[str, str, int, int]]:  # type: ignore[no-untyped-def]
    return [item for item in found(result) if item[1].startswith("T")]


# T001 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bound", "shown"),
    [("1" + "0" * 309, "1e+309 cm"), ("-" + "9" * 4000, "-1e+4000 cm"), ("123456789" + "0" * 400, "1.23457e+408 cm")],
)
def test_t001_an_integer_bound_past_a_float_s_range(make_project, bound: str, shown: str) -> None:
    # Written in scientific notation through a float, a bound of 310 digits or more overflowed: the whole run
    # failed with an internal error, and no file was reported.
    result = project(make_project, procs={PROC_A: procedure(indications=indication(f"{{lte: {bound}, unit: cm}}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 17)]
    assert shown in messages(result, "T001")[0]


def test_t001_a_bound_above_a_metre(make_project) -> None:
    """No tumor is larger than a metre: "lte: 200" in centimetres is a slip; 1e300 would reach the bundle as an
    integer of 301 digits."""
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{gt: 2, lte: 200, unit: cm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 24)]
    assert messages(result, "T001") == [
        "impossible size range: a bound must be at most 1 metre (1,000 mm), not 200 cm; "
        "check the unit and the decimal point"
    ]
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{gt: 1e300, unit: cm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 16)]
    assert messages(result, "T001") == [
        "impossible size range: a bound must be at most 1 metre (1,000 mm), not 1e+300 cm; "
        "check the unit and the decimal point"
    ]
    # the bound named is the bound pointed at; and a tiny one is not written out in 320 digits
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{gt: 2000, lt: -1, unit: mm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 16)]
    assert messages(result, "T001")[0].startswith("impossible size range: a bound must be at most 1 metre (1,000 mm)")
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{gt: 2, lt: 1e-320, unit: cm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 16)]
    assert messages(result, "T001") == [
        "impossible size range: the lower bound 2 cm is not below the upper bound 1e-320 cm; "
        "no tumor size matches it: correct or swap the bounds"
    ]
    for size in ("{lte: 1000, unit: mm}", "{gt: 99.9, unit: cm}"):
        assert found(project(make_project, procs={PROC_A: procedure(indications=indication(size))}), "T001") == []


def test_t001_crossed_bounds_point_at_the_lower_bound(make_project) -> None:
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{gt: 2, lte: 1, unit: cm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 16)]
    assert messages(result, "T001") == [
        "impossible size range: the lower bound 2 cm is not below the upper bound 1 cm; "
        "no tumor size matches it: correct or swap the bounds"
    ]


def test_t001_equal_bounds_are_impossible(make_project) -> None:
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{gte: 20, lte: 20, unit: mm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 17)]


def test_t001_zero_and_negative_bounds_in_pathway_options(make_project) -> None:
    paths = pathway(("{gt: 0, lte: 2, unit: cm}", "proc-a"), ("{gt: 2, lte: -1, unit: cm}", "proc-b"))
    result = project(make_project, paths=paths)
    assert found(result, "T001") == [(TOPIC_PATH, "T001", 18, 20), (TOPIC_PATH, "T001", 20, 28)]
    first, second = messages(result, "T001")
    assert first == "impossible size range: a bound must be above zero, not 0 cm; give a number above zero"
    assert "not -1 cm" in second


def test_a_t006_suppression_beside_an_impossible_size_is_not_unused(make_project) -> None:
    """T006 does not read the text beside an impossible size (T001): its suppression there was never
    tried, and "remove it" (Y007) would bring the finding back once the size is fixed."""
    text = "For tumors 1.01 to 2.0 mm thick.  # netlint: disable=T006 -- thickness, not size"
    result = t006(make_project, "{gte: 0, unit: cm}", text)
    assert found(result, "T001") == [(PROC_A, "T001", 15, 17)]  # at the zero
    assert found(result, "Y007") == []
    # With a possible size, an unused one is still reported.
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors 2 cm or smaller.  # netlint: disable=T006")
    assert [place[:2] for place in found(result, "Y007")] == [(PROC_A, "Y007")]


def test_t001_not_for_possible_ranges(make_project) -> None:
    indications = indication("{gt: 1, lte: 2, unit: cm}", "For tumors larger than 1 cm up to 2 cm.", site="rectum")
    paths = pathway(("{lte: 2, unit: cm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b"))
    procs = {PROC_A: procedure(sites="[appendix, rectum]", indications=indications)}
    result = project(make_project, paths=paths, procs=procs)
    assert t_codes(result) == []


def test_t001_infinite_bound_gives_a_diagnostic_not_a_traceback(make_project) -> None:
    result = project(make_project, procs={PROC_A: procedure(indications=indication("{lte: .inf, unit: cm}"))})
    assert found(result, "T001") == [(PROC_A, "T001", 15, 17)]
    assert messages(result, "T001") == [
        "impossible size range: lte must be a finite number, not inf; give a size such as 2"
    ]


# T002 ---------------------------------------------------------------------


def test_t002_names_the_uncovered_range_at_the_options_key(make_project) -> None:
    result = project(make_project, paths=pathway(("{lte: 2, unit: cm}", "proc-a"), ("{gt: 3, unit: cm}", "proc-b")))
    assert found(result, "T002") == [(TOPIC_PATH, "T002", 17, 5)]
    assert messages(result, "T002") == [
        "sizes larger than 2 cm up to 3 cm match no option; add an option for them or widen a neighbouring one"
    ]


def test_t002_one_diagnostic_lists_every_gap(make_project) -> None:
    paths = pathway(("{gt: 1, lte: 2, unit: cm}", "proc-a"), ("{gt: 3, unit: cm}", "proc-b"))
    result = project(make_project, paths=paths)
    assert found(result, "T002") == [(TOPIC_PATH, "T002", 17, 5)]
    assert messages(result, "T002")[0].startswith(
        "sizes 1 cm or smaller and sizes larger than 2 cm up to 3 cm match no option"
    )


def test_t002_a_single_missing_size(make_project) -> None:
    result = project(make_project, paths=pathway(("{lt: 2, unit: cm}", "proc-a"), ("{gt: 20, unit: mm}", "proc-b")))
    assert found(result, "T002") == [(TOPIC_PATH, "T002", 17, 5)]
    assert messages(result, "T002") == [
        "a tumor of exactly 20 mm matches no option; add an option for it or widen a neighbouring one"
    ]


def test_t002_t003_mixed_units_cover_exactly(make_project) -> None:
    result = project(make_project, paths=pathway(("{lte: 20, unit: mm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b")))
    assert t_codes(result) == []


def test_t002_skips_a_pathway_with_an_impossible_option(make_project) -> None:
    result = project(
        make_project, paths=pathway(("{gt: 0, lte: 2, unit: cm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b"))
    )
    assert [code for _, code, _, _ in t_codes(result)] == ["T001"]


# T003 ---------------------------------------------------------------------


def test_t003_shared_endpoint_names_the_size_and_both_procedures(make_project) -> None:
    result = project(make_project, paths=pathway(("{lte: 2, unit: cm}", "proc-a"), ("{gte: 2, unit: cm}", "proc-b")))
    assert found(result, "T003") == [(TOPIC_PATH, "T003", 17, 5)]
    assert messages(result, "T003") == [
        "a tumor of exactly 2 cm matches option 1 (proc-a) and option 2 (proc-b); "
        "change the sizes so that each size matches one option"
    ]
    assert found(result, "T002") == []


def test_t003_overlapping_ranges_name_a_size_inside_and_the_shared_range(make_project) -> None:
    result = project(make_project, paths=pathway(("{lte: 3, unit: cm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b")))
    assert found(result, "T003") == [(TOPIC_PATH, "T003", 17, 5)]
    assert messages(result, "T003")[0].startswith(
        "a tumor of exactly 2.5 cm matches option 1 (proc-a) and option 2 (proc-b) "
        "(they share sizes larger than 2 cm up to 3 cm)"
    )


def test_t003_reports_the_first_hundred_pairs_of_a_table_of_identical_options(make_project) -> None:
    # 150 identical options are 11,175 pairs: one line each flooded the report (2,000 took 1.2 GB).
    result = project(
        make_project, paths=pathway(*[("{lte: 2, unit: cm}", "proc-a")] * 150, ("{gt: 2, unit: cm}", "proc-b"))
    )
    assert found(result, "T003") == [(TOPIC_PATH, "T003", 17, 5)] * 100
    reported = messages(result, "T003")  # (sorted by message at one place: "option 10" before "option 2")
    first = "a tumor of exactly 1 cm matches option 1 (proc-a) and option 2 (proc-a)"
    assert any(message.startswith(first) for message in reported)
    more = [m for m in reported if m.endswith("(more pairs of options overlap; 100 of them are reported)")]
    assert len(more) == 1


def test_t003_mixed_units_overlap_in_mm(make_project) -> None:
    result = project(make_project, paths=pathway(("{lte: 20, unit: mm}", "proc-a"), ("{gte: 2, unit: cm}", "proc-b")))
    assert found(result, "T003") == [(TOPIC_PATH, "T003", 17, 5)]
    assert messages(result, "T003")[0].startswith("a tumor of exactly 20 mm matches option 1 (proc-a) and option 2")


def test_t003_not_for_options_that_meet_without_overlapping(make_project) -> None:
    result = project(make_project, paths=pathway(("{lt: 2, unit: cm}", "proc-a"), ("{gte: 2, unit: cm}", "proc-b")))
    assert found(result, "T003") == [] and found(result, "T002") == []


# T004 ---------------------------------------------------------------------


def test_t004_procedure_without_the_pathway_site(make_project) -> None:
    paths = pathway(("{lte: 2, unit: cm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b"))
    result = project(make_project, paths=paths, procs={PROC_B: procedure("proc-b", sites="[colon, rectum]")})
    assert found(result, "T004") == [(TOPIC_PATH, "T004", 21, 20)]
    assert messages(result, "T004") == [
        "procedure 'proc-b' does not list 'appendix' in its sites (content/procedures/proc-b.yaml:8); "
        "add the site there, or choose a procedure done for tumors of the appendix"
    ]


def test_t004_not_when_the_site_is_listed_or_the_procedure_is_missing(make_project) -> None:
    paths = pathway(("{lte: 2, unit: cm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-zzz"))
    result = project(make_project, paths=paths, procs={PROC_A: procedure("proc-a", sites="[rectum, appendix]")})
    assert found(result, "T004") == []
    assert found(result, "N003") == [(TOPIC_PATH, "N003", 21, 20)]


# T005 ---------------------------------------------------------------------


def test_t005_option_disagrees_with_the_indication(make_project) -> None:
    paths = pathway(("{lt: 2, unit: cm}", "proc-a"), ("{gte: 2, unit: cm}", "proc-b"))
    result = project(make_project, paths=paths, procs={PROC_A: procedure(indications=indication("{lte: 2, unit: cm}"))})
    assert found(result, "T005") == [(TOPIC_PATH, "T005", 18, 9)]
    assert messages(result, "T005") == [
        "content/procedures/proc-a.yaml:15 says 2 cm or smaller; this option says smaller than 2 cm; "
        "make the two size ranges the same"
    ]


def test_t005_equal_after_unit_conversion(make_project) -> None:
    paths = pathway(("{lte: 20, unit: mm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b"))
    procs = {
        PROC_A: procedure(indications=indication("{lte: 2, unit: cm}")),
        PROC_B: procedure("proc-b", indications=indication("{gt: 20, unit: mm}")),
    }
    assert t_codes(project(make_project, paths=paths, procs=procs)) == []


def test_t005_not_for_an_indication_at_another_site(make_project) -> None:
    paths = pathway(("{lte: 2, unit: cm}", "proc-a"), ("{gt: 2, unit: cm}", "proc-b"))
    procs = {PROC_A: procedure(sites="[appendix, rectum]", indications=indication("{lte: 1, unit: cm}", site="rectum"))}
    assert found(project(make_project, paths=paths, procs=procs), "T005") == []


def test_t008_two_pathways_that_offer_a_procedure_at_one_site_for_different_sizes(make_project) -> None:
    """Without an indication to hold them to, an English topic and its Spanish translation drifted apart:
    lumpectomy for 5 cm or smaller in one, 4 cm or smaller in the other. Each pathway is reported (a run
    on either file, as pre-commit's, catches it)."""
    english = pathway(("{lte: 5, unit: cm}", "proc-a"), ("{gt: 5, unit: cm}", "proc-b"))
    spanish = pathway(("{lte: 4, unit: cm}", "proc-a"), ("{gt: 4, unit: cm}", "proc-b"))
    spanish = spanish.replace("by-size", "por-tamano")
    other = TOPIC.format(id="topic-b", procedures="proc-a, proc-b").replace("review:", spanish + "review:")
    other = other.replace("language: en", "language: es")
    result = project(make_project, paths=english, procs={"content/topics/topic-b.yaml": other})
    assert found(result, "T008") == [
        (TOPIC_PATH, "T008", 18, 9),
        (TOPIC_PATH, "T008", 20, 9),
        ("content/topics/topic-b.yaml", "T008", 18, 9),
        ("content/topics/topic-b.yaml", "T008", 20, 9),
    ]
    assert messages(result, "T008")[0] == (
        "content/topics/topic-b.yaml:18 offers proc-a at the site appendix for tumors 4 cm or smaller; this "
        "pathway offers it for tumors 5 cm or smaller; make the two size ranges the same, or give proc-a an "
        "indication for appendix that both follow"
    )
    assert {d.severity.value for d in result.diagnostics if d.code == "T008"} == {"warning"}
    assert found(result, "T005") == []
    # The same sizes (in mm on one page): no disagreement.
    same = spanish.replace("{lte: 4, unit: cm}", "{lte: 50, unit: mm}")
    same = same.replace("{gt: 4, unit: cm}", "{gt: 50, unit: mm}")
    agreeing = TOPIC.format(id="topic-b", procedures="proc-a, proc-b").replace("review:", same + "review:")
    assert found(project(make_project, paths=english, procs={"content/topics/topic-b.yaml": agreeing}), "T008") == []
    # One pathway's options for a procedure together: "smaller than 1 cm" and "from 1 cm to 5 cm" (in
    # mm) are "5 cm or smaller", as the other pathway says.
    split = pathway(
        ("{lt: 1, unit: cm}", "proc-a"), ("{gte: 10, lte: 50, unit: mm}", "proc-a"), ("{gt: 5, unit: cm}", "proc-b")
    ).replace("by-size", "por-tamano")
    parts = TOPIC.format(id="topic-b", procedures="proc-a, proc-b").replace("review:", split + "review:")
    assert found(project(make_project, paths=english, procs={"content/topics/topic-b.yaml": parts}), "T008") == []
    # With an indication, each pathway is held to it (T005), not to the other.
    held = {"content/topics/topic-b.yaml": other, PROC_A: procedure(indications=indication("{lte: 5, unit: cm}"))}
    result = project(make_project, paths=english, procs=held)
    assert [place[:3] for place in found(result, "T005")] == [("content/topics/topic-b.yaml", "T005", 18)]
    assert [place[:3] for place in found(result, "T008")] == [  # proc-b has none
        (TOPIC_PATH, "T008", 20),
        ("content/topics/topic-b.yaml", "T008", 20),
    ]


# T006 ---------------------------------------------------------------------


def t006(make_project, size: str, text: str):  # type: ignore[no-untyped-def]
    return project(make_project, procs={PROC_A: procedure(indications=indication(size, text))})


def test_t006_centimetres(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors of 1.5 cm or smaller.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 25)]
    assert messages(result, "T006") == [
        "'1.5 cm' is not a bound of this interval (2 cm or smaller); make the text and the size agree"
    ]
    span = next(d for d in result.diagnostics if d.code == "T006")
    assert (span.end_line, span.end_column) == (16, 31)


def test_t006_a_size_with_a_no_break_space_is_quoted_as_the_reader_sees_it(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors less than 3\u00a0cm or 3\u202fcm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 32), (PROC_A, "T006", 16, 40)]
    assert (
        messages(result, "T006")
        == ["'3 cm' is not a bound of this interval (2 cm or smaller); make the text and the size agree"] * 2
    )


def test_t006_a_decimal_comma(make_project) -> None:
    # "1,5 cm" is how Spanish, French and German pages write 1.5 cm.
    result = t006(make_project, "{lte: 1, unit: cm}", "Los pólipos de 1,5 cm o menos.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 26)]
    assert messages(result, "T006")[0].startswith("'1,5 cm' is not a bound of this interval (1 cm or smaller)")
    assert t_codes(t006(make_project, "{lte: 1.5, unit: cm}", "Los pólipos de 1,5 cm o menos.")) == []


def test_t006_a_number_too_long_to_read_is_no_size(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors of " + "1" * 5000 + " cm or smaller.")
    assert found(result, "T006") == [] and not any(d.code.startswith("Y") for d in result.diagnostics)


def test_t006_millimetres(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors up to 15 mm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 28)]
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "For tumors up to 20 mm.")) == []


def test_t006_inches_after_a_slash(make_project) -> None:
    result = t006(make_project, "{gt: 4, unit: cm}", "For tumors larger than 4 cm/3.0 inches.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 39)]
    assert messages(result, "T006")[0].startswith("'3.0 inches' is 76.2 mm, not within 5% of a bound (40 mm)")
    # a fraction stays one number: "3/4 inch" is not 4 inches
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm (about 3/4 inch).")) == []


def test_t006_decimal_inches(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm (about 0.6 inch).")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 29)]
    assert messages(result, "T006") == [
        "'0.6 inch' is 15.24 mm, not within 5% of a bound (20 mm); 20 mm is about 0.79 inch"
    ]
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm (about 0.8 inch).")) == []


def test_t006_half_inch_is_not_1_5_cm(make_project) -> None:
    result = t006(make_project, "{lte: 1.5, unit: cm}", "Up to 1.5 cm (about ½ inch).")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 31)]
    assert messages(result, "T006") == [
        "'½ inch' is 12.7 mm, not within 5% of a bound (15 mm); 15 mm is about 0.59 inch"
    ]


def test_t006_slash_fraction_inches(make_project) -> None:
    result = t006(make_project, "{lte: 1, unit: cm}", "Up to 1 cm (about 3/4 inch).")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 29)]
    assert messages(result, "T006")[0].startswith("'3/4 inch' is 19.05 mm, not within 5% of a bound (10 mm)")
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm (about 3/4 inch).")) == []


def test_t006_inside_a_folded_block_on_its_second_line(make_project) -> None:
    text = ">\n      Most doctors think this is enough for a tumor\n      that is 1.5 cm or smaller.\n"
    result = t006(make_project, "{lte: 2, unit: cm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 18, 15)]


def test_t006_ranges_and_numbers_that_are_not_sizes(make_project) -> None:
    assert (
        t_codes(t006(make_project, "{gte: 1, lte: 2, unit: cm}", "From 1 to 2 cm; recovery takes 1 to 2 weeks.")) == []
    )
    result = t006(make_project, "{lte: 2, unit: cm}", "From 1 to 2 cm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 16)]
    assert messages(result, "T006")[0].startswith("'1' (1 cm) is not a bound")


def test_t006_pathway_option_text(make_project) -> None:
    paths = pathway(("{lte: 2, unit: cm}", "proc-a", "For 1 cm or smaller."), ("{gt: 2, unit: cm}", "proc-b"))
    result = project(make_project, paths=paths)
    assert found(result, "T006") == [(TOPIC_PATH, "T006", 20, 19)]


def test_t006_sizes_in_words(make_project) -> None:
    # "For tumors smaller than two centimeters." beside 1 cm tells readers the wrong size.
    result = t006(make_project, "{lte: 1, unit: cm}", "For tumors smaller than two centimeters.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 35)]
    assert messages(result, "T006") == [
        "'two centimeters' is not a bound of this interval (1 cm or smaller); make the text and the size agree"
    ]
    assert t_codes(t006(make_project, "{lt: 2, unit: cm}", "For tumors smaller than two centimeters.")) == []
    result = t006(make_project, "{gte: 1, lte: 2, unit: cm}", "For tumors of one to three centimeters.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 32)]  # "three centimeters"; "one" is a bound


def test_t006_number_words_with_an_abbreviated_unit(make_project) -> None:
    # "two cm" is read as "two centimeters" is; "twenty-one" is one number, not "one cm".
    result = t006(make_project, "{lte: 1, unit: cm}", "For tumors smaller than two cm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 35)]
    assert messages(result, "T006")[0].startswith("'two cm' is not a bound of this interval (1 cm or smaller)")
    result = t006(make_project, "{lte: 2, unit: cm}", "For a tumor up to twenty-one mm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 29)]
    assert messages(result, "T006")[0].startswith("'twenty-one mm' is not a bound")
    for size, text in [
        ("{lte: 2, unit: cm}", "For a two-cm tumor or a smaller one."),
        ("{lte: 2, unit: cm}", "For tumors of twenty mm or less."),
        ("{lte: 2, unit: cm}", "For tumors up to 2 cm; a cm is not a size anyone writes."),
        ("{gte: 1, lte: 2, unit: cm}", "For tumors of one to two cm."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text


def test_t006_three_quarters_of_an_inch_is_not_an_inch(make_project) -> None:
    # Written out, ¾ inch is a fraction of "an inch", not an inch.
    text = "For tumors up to three-quarters of an inch."
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", text)) == []
    result = t006(make_project, "{lte: 1, unit: cm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 16, 28)]
    assert messages(result, "T006")[0].startswith("'three-quarters of an inch' is 19.05 mm")
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm (about ¾ of an inch).")) == []


def test_t006_inch_marks_and_decimals_without_a_leading_zero(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "'For tumors up to 2 cm (about .5 inch).'")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 41)]
    result = t006(make_project, "{lte: 2, unit: cm}", "'For tumors up to 2 cm (about 1\").'")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 41)]
    assert messages(result, "T006")[0].startswith("'1\"' (1 inch) is 25.4 mm")
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm (about 0.8″).")) == []
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", '\'Up to 2 cm, "stage "1"" tumors.\'')) == []


def test_t006_the_right_number_on_the_wrong_side(make_project) -> None:
    # "larger than 2 cm" beside "2 cm or smaller" tells readers the opposite of the size.
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors larger than 2 cm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 34)]
    assert messages(result, "T006") == [
        "the text puts the tumors above '2 cm', but the structured size ends there "
        "(2 cm or smaller); make the text and the size agree"
    ]
    result = t006(make_project, "{gte: 1, lt: 2, unit: cm}", "For tumors under 1 cm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 28)]
    for size, text in [
        ("{gt: 2, unit: cm}", "For tumors larger than 2 cm."),
        ("{lte: 2, unit: cm}", "For tumors no larger than 2 cm (about 0.8 inch)."),
        ("{gte: 1, lt: 2, unit: cm}", "For tumors of at least 1 cm but under 2 cm."),
        ("{gte: 2, unit: cm}", "For tumors of 2 cm or larger."),
        ("{gte: 1, lte: 2, unit: cm}", "For tumors between 1 and 2 cm."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text


def test_t006_thickness_words_and_signs_say_the_side_too(make_project) -> None:
    # A melanoma's Breslow depth is "thicker" or "thinner"; tables and captions write "> 1 cm", "≤ 2 cm".
    for size, text, column, side in [
        ("{lte: 0.8, unit: mm}", "For melanomas thicker than 0.8 mm.", 38, "above"),
        ("{lte: 0.8, unit: mm}", "For melanomas 0.8 mm thick or more.", 25, "above"),
        ("{lte: 0.8, unit: mm}", "For melanomas ≥ 0.8 mm.", 27, "above"),
        ("{gt: 0.8, unit: mm}", "For melanomas no thicker than 0.8 mm.", 41, "below"),
        ("{gt: 0.8, unit: mm}", "For melanomas <0.8 mm.", 26, "below"),
        ("{gt: 2, unit: cm}", "For tumors less than or equal to 2 cm.", 44, "below"),
        ("{lte: 2, unit: cm}", "For tumors 2 cm in diameter or larger.", 22, "above"),
    ]:
        result = t006(make_project, size, text)
        assert found(result, "T006") == [(PROC_A, "T006", 16, column)], text
        assert messages(result, "T006")[0].startswith(f"the text puts the tumors {side} '"), text
    for size, text in [
        ("{gt: 0.8, unit: mm}", "For melanomas thicker than 0.8 mm."),
        ("{lte: 0.8, unit: mm}", "For melanomas 0.8 mm thick or thinner."),
        ("{lte: 0.8, unit: mm}", "For melanomas ≤ 0.8 mm (about 1/32 inch)."),
        ("{gt: 2, unit: cm}", "For tumors > 2 cm."),
        ("{gte: 2, unit: cm}", "For tumors >= 2 cm across."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text


def test_t006_the_other_side_as_a_contrast(make_project) -> None:
    # The bound stated on its own side, then the other side's contrast: patient pages say both.
    for size, text in [
        ("{lte: 2, unit: cm}", "For tumors of 2 cm or smaller. Tumors larger than 2 cm need a hemicolectomy."),
        ("{lte: 2, unit: cm}", "Up to 2 cm (about 0.8 inch); bigger than 2 cm, more surgery is needed."),
        ("{gt: 2, unit: cm}", "For tumors larger than 2 cm; tumors of 2 cm or smaller need less."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text
    # Without the bound stated on its own side, the other side is still an error.
    result = t006(make_project, "{lte: 2, unit: cm}", "If the tumor is bigger than 2 cm, more surgery is needed.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 39)]
    result = t006(make_project, "{gte: 1, lte: 2, unit: cm}", "From 1 cm up. Tumors under 1 cm are watched.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 38)]


def test_t006_of_an_inch_is_an_inch_but_a_tenth_of_a_millimetre_is_not_a_millimetre(make_project) -> None:
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors of an inch or smaller.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 25)]
    assert messages(result, "T006")[0].startswith("'an inch' is 25.4 mm, not within 5% of a bound (20 mm)")
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors of a centimeter or smaller.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 25)]
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", "Up to 2 cm, measured to a tenth of a millimeter.")) == []


@pytest.mark.parametrize(
    ("size", "text"),
    [
        ("{lte: 2, unit: cm}", "For tumors that are not over 2 cm."),
        ("{lte: 2, unit: cm}", "For tumors that are not above 2 cm."),
        ("{lte: 2, unit: cm}", "For tumors not exceeding 2 cm."),
        ("{lte: 2, unit: cm}", "For a tumor that isn't more than 2 cm."),
        ("{lte: 2, unit: cm}", "For tumors that aren’t bigger than 2 cm."),
        ("{gte: 1, lte: 2, unit: cm}", "For tumors not under 1 cm and not over 2 cm."),
        ("{gte: 1, lte: 2, unit: cm}", "For tumors that aren't smaller than 1 cm, up to 2 cm."),
    ],
)
def test_t006_a_negated_side_is_the_other_side(make_project, size: str, text: str) -> None:
    # "not over 2 cm" is "2 cm or smaller": read as "over 2 cm" it was a false error that blocked export.
    assert t_codes(t006(make_project, size, text)) == []


def test_t006_a_negated_side_on_the_wrong_side(make_project) -> None:
    result = t006(make_project, "{gt: 2, unit: cm}", "For tumors that aren't larger than 2 cm.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 46)]
    assert messages(result, "T006")[0].startswith("the text puts the tumors below '2 cm'")


def test_t006_the_side_is_read_past_an_aside_in_brackets(make_project) -> None:
    # "2 cm (about 0.8 inch) or smaller" beside "larger than 2 cm": both sizes are on the wrong side.
    result = t006(make_project, "{gt: 2, unit: cm}", "For tumors of 2 cm (about 0.8 inch) or smaller.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 25), (PROC_A, "T006", 16, 37)]
    assert all("puts the tumors below" in message for message in messages(result, "T006"))
    # and the inch in brackets takes the words before the size it restates
    result = t006(make_project, "{lte: 2, unit: cm}", "For tumors larger than 2 cm (0.8 inch).")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 34), (PROC_A, "T006", 16, 40)]
    for size, text in [
        ("{lte: 2, unit: cm}", "For tumors of 2 cm (about 0.8 inch) or smaller."),
        ("{gt: 2, unit: cm}", "For tumors larger than 2 cm (about 0.8 inch)."),
        ("{gte: 2, unit: cm}", "For tumors of 2 cm (see below) or larger."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text


def test_t006_a_range_in_brackets_restates_the_range_before_it(make_project) -> None:
    # "(about 0.4 to 0.8 inch)" after "from 10 mm up to 20 mm": 0.4 inch is the 10 mm, not a second
    # "up to" (read so, it was a false error that blocked export).
    for size, text in [
        ("{gte: 10, lte: 20, unit: mm}", "For polyps from 10 mm up to 20 mm (about 0.4 to 0.8 inch) across."),
        ("{gte: 1, lte: 2, unit: cm}", "Polyps from 1 cm up to 2 cm (0.4 to 0.8 inch) are removed."),
        ("{gte: 1, lte: 2, unit: cm}", "Polyps from 1 cm up to 2 cm (0.4-0.8 inch) are removed."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text
    # Its numbers must still be the bounds, and a lone size in brackets still takes the words before.
    result = t006(make_project, "{gte: 10, lt: 20, unit: mm}", "From 10 mm up to 20 mm (about 0.6 to 0.8 inch).")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 41)]
    assert messages(result, "T006")[0].startswith("'0.6' (0.6 inch) is 15.24 mm, not within 5% of a bound")
    result = t006(make_project, "{gte: 10, unit: mm}", "For polyps up to 10 mm (about 0.4 inch).")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 28), (PROC_A, "T006", 16, 41)]


def test_t006_a_stretch_of_an_organ_or_a_height_is_a_distance(make_project) -> None:
    for size, text in [
        ("{gte: 20, unit: mm}", "For rectal polyps 20 mm or larger in the lower 8 cm of the rectum."),
        ("{gt: 2, unit: cm}", "For polyps larger than 2 cm in the lowest 8 cm of the rectum."),
        ("{gt: 2, unit: cm}", "For polyps larger than 2 cm in the last 10 cm of the colon."),
        ("{gte: 20, unit: mm}", "For polyps 20 mm or larger that sit 8 cm or less above the anus."),
        ("{gte: 20, unit: mm}", "For polyps 20 mm or larger, 8 cm or more from the anus."),
        ("{gte: 20, unit: mm}", "For polyps 20 mm or larger that sit 5 cm below the surface."),
    ]:
        assert t_codes(t006(make_project, size, text)) == [], text
    # "or above", "or below": the size's side, not a distance.
    result = t006(make_project, "{gte: 20, unit: mm}", "For polyps of 10 mm or above.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 25)]
    result = t006(make_project, "{lte: 20, unit: mm}", "For polyps of 20 mm or above.")
    assert found(result, "T006") == [(PROC_A, "T006", 16, 25)]
    assert messages(result, "T006")[0].startswith("the text puts the tumors above '20 mm'")


def test_t006_a_margin_a_cut_a_distance_or_a_dimension_is_not_the_tumor_s_size(make_project) -> None:
    text = (
        "'For tumors between 1 and 2 cm within 8 cm of the anal opening, removed with a 5-mm margin "
        "(1 cm of normal tissue) through a 3-cm cut, or measuring 2 x 1.5 cm.'"
    )
    assert t_codes(t006(make_project, "{gte: 1, lte: 2, unit: cm}", text)) == []
    # The tumor's own size in the same text is still checked.
    result = t006(make_project, "{gte: 1, lte: 3, unit: cm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 16, 37)]
    assert messages(result, "T006")[0].startswith("'2 cm' is not a bound of this interval")


def test_t006_a_margin_or_a_cut_named_before_its_size_is_not_the_tumor_s_size(make_project) -> None:
    for text in [
        "A tumor larger than 5 cm, removed with a margin of 1 cm.",
        "A tumor larger than 5 cm, removed with a margin of 1 cm or more.",
        "A tumor larger than 5 cm; clear margins of at least 2 mm are the aim.",
        "A tumor larger than 5 cm, with a margin under 2 mm, needs more surgery.",
        "A tumor larger than 5 cm, taken out through a cut of about 6 to 8 cm.",
        "A tumor larger than 5 cm, with a margin of less than 1 mm.",
        "A tumor larger than 5 cm (margin: 1 cm).",
        "A tumor larger than 5 cm, removed with a 1 cm (about ⅜ inch) margin through a 1 cm (10 mm) cut.",
        "A tumor larger than 5 cm, removed with 1 cm of normal skin around it.",
        "A tumor larger than 5 cm, removed with at least 1 cm of healthy lung around it.",
        "A tumor larger than 5 cm, removed with 1 to 2 cm of normal lung.",
        "A tumor larger than 5 cm, with a margin of healthy lung of 1 cm.",
        "A tumor larger than 5 cm, or closer than 2 cm to the carina.",
        "A tumor larger than 5 cm: the surgeon removes about 2 cm of the main airway.",
        "A tumor larger than 5 cm in the last 2 to 3 cm of the lung.",
        "A tumor larger than 5 cm, or lymph nodes larger than 1 cm.",
    ]:
        assert t_codes(t006(make_project, "{gt: 5, unit: cm}", text)) == [], text
    # Only words saying how much may stand between: the tumor's own size after a margin is checked.
    text = "Removed with a margin. Tumors larger than 4 cm need more."
    result = t006(make_project, "{gt: 5, unit: cm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 16, 53)]  # at "4 cm"
    assert messages(result, "T006")[0].startswith("'4 cm' is not a bound of this interval")


def test_t006_a_described_margin_an_instrument_a_way_in_or_an_ablation_zone_is_not_the_tumor_s_size(
    make_project,
) -> None:
    for text in [
        "Used for tumors up to 3 cm, with a 1 cm clear margin.",
        "Used for tumors up to 3 cm, with a 1-cm tumor-free margin.",
        "Used for tumors up to 3 cm, with a 1 cm safety margin.",
        "Used for tumors up to 3 cm. A 5 to 10 mm ablative margin is the aim.",
        "Used for tumors up to 3 cm, through a 5 mm nick in the skin.",
        "Used for tumors up to 3 cm. The probe is about 2 mm wide.",
        "Used for tumors up to 3 cm. The needle is 15 to 20 cm long.",
        "Used for tumors up to 3 cm; the zone of ablation should extend 5–10 mm beyond the tumor.",
        "Used for tumors up to 3 cm; it creates a burn about 4 cm across.",
        "Used for tumors up to 3 cm (ablation zone of 5 cm).",
        "Used for tumors up to 3 cm, through a keyhole about 1 cm wide.",
        # a stone's pieces, the instruments and scans of its treatment, a swelling
        "Used for tumors up to 3 cm. The aim is to leave no pieces larger than 4 mm.",
        "Used for tumors up to 3 cm. Fragments smaller than 4 mm are left to pass.",
        "Used for tumors up to 3 cm. The ureteroscope is less than 3 mm across.",
        "Used for tumors up to 3 cm. A laser fibre of 0.2 mm is used.",
        "Used for tumors up to 3 cm. A 24 Fr sheath (8 mm) is used.",
        "Used for tumors up to 3 cm, measured on a CT scan with 5 mm slices.",
        "Used for tumors up to 3 cm. If the kidney is swollen by more than 1 cm, a drain is needed.",
        # skin taken around a melanoma's scar, and a biopsy's punch
        "Used for tumors up to 3 cm, removing 1 cm of normal-looking skin.",
        "Used for tumors up to 3 cm, removing 1 cm of skin around the scar.",
        "Used for tumors up to 3 cm, removing 1 cm of extra skin.",
        "Used for tumors up to 3 cm, with 1 cm either side of the scar.",
        "Used for tumors up to 3 cm; a 4 mm punch biopsy is taken first.",
    ]:
        assert t_codes(t006(make_project, "{lte: 3, unit: cm}", text)) == [], text
    # A tumor's size is still the tumor's, whatever follows it.
    for text, column in [
        ("Used for 4 cm tumors, with a clear margin.", 20),
        ("Used for tumors up to 4 cm treated by needle.", 33),
        ("Used for tumors up to 4 cm, through a cut.", 33),
        ("Used for tumors up to 4 cm or a little smaller, with a margin.", 33),
        ("Used for 4 cm tumors at most hospitals.", 20),  # "at most hospitals" says no side
    ]:
        assert found(t006(make_project, "{lte: 3, unit: cm}", text), "T006") == [(PROC_A, "T006", 16, column)], text


def test_t006_how_deep_a_melanoma_has_grown_into_the_skin_is_its_thickness(make_project) -> None:
    # "grown more than 1 mm into the skin" is the Breslow thickness, not an amount of growth: a sentinel
    # node threshold that disagreed with the structured size passed.
    text = "For melanomas that have grown more than 1 mm into the skin."
    result = t006(make_project, "{gt: 0.8, unit: mm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 16, 11 + text.index("1 mm"))]
    assert t_codes(t006(make_project, "{gt: 1, unit: mm}", text)) == []
    # Beside the tumor's size that is the bound, a depth is another measure (as "1 mm thick" is).
    beside = "Tumours up to 2 cm that have grown less than 1 mm into the submucosa."
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", beside)) == []
    # Beside a pathway by diameter in centimetres, how deep it grew into a wall is another measure.
    wall = "Surgery is needed if the cancer has grown more than 1 mm into the bowel wall."
    assert t_codes(t006(make_project, "{gte: 2, unit: cm}", wall)) == []


def test_t006_how_much_a_tumor_grew_or_shrank_is_not_its_size(make_project) -> None:
    """Active surveillance: "grows by 3 mm or more" is the trigger for surgery, not a size of the tumor
    (it was an error, and blocked the export)."""
    for text in [
        "For a cancer 4 cm or smaller, including one found to grow by 3 mm or more during active surveillance.",
        "For a cancer 4 cm or smaller that has grown 3 mm or more in a year.",
        "For a cancer 4 cm or smaller, after an increase in size of 3 mm.",
        "For a cancer 4 cm or smaller; a 3 mm increase on ultrasound is a reason to operate.",
        "For a cancer 4 cm or smaller, if chemotherapy shrinks it by 1 cm or more.",
        "For a cancer 4 cm or smaller whose growth of 2 mm a year was confirmed.",
        "For a cancer 4 cm or smaller, with a growth rate under 2 mm a year.",
        "For a cancer 4 cm or smaller with 3 mm of growth a year.",
        "For a cancer 4 cm or smaller, unless it grew more than 2 mm in 6 months.",
    ]:
        assert t_codes(t006(make_project, "{lte: 4, unit: cm}", text)) == [], text
    # The size a tumor grew to is its size.
    for text, column in [
        ("For a cancer that has grown to 5 cm.", 42),
        ("For a cancer that has grown larger than 5 cm.", 51),
        ("For a 5 mm growth.", 17),
        ("For a growth of 5 cm or smaller.", 27),
        ("Tumors that increase to 5 cm.", 35),
        ("For tumors whose size increases to 5 cm.", 46),
        ("For tumors growing up to 5 cm.", 36),
        ("For tumors that grew up to 5 cm.", 38),
        ("Shrinkage to 5 cm.", 24),
    ]:
        assert found(t006(make_project, "{lte: 4, unit: cm}", text), "T006") == [(PROC_A, "T006", 16, column)], text


def test_t006_thickness_depth_and_what_the_operation_leaves_are_not_the_tumor_s_size(make_project) -> None:
    """Skin pages: a melanoma's thickness, a depth, a clearance, a ring of skin, a wound, a graft (each was
    an error beside a size in centimetres, and blocked the export)."""
    for text in [
        "For tumors smaller than 2 cm. For melanomas 1.01 to 2.0 mm thick, surgeons take 1 to 2 cm margins.",
        "For tumors smaller than 2 cm. For melanomas thicker than 2 mm, they take 2 cm margins.",
        "For tumors smaller than 2 cm with a Breslow thickness of 1.5 mm.",
        "For tumors smaller than 2 cm and less than 6 mm deep.",
        "For tumors smaller than 2 cm, cut out with a clearance of 4 mm.",
        "For tumors smaller than 2 cm, with a 2 to 4 mm ring of skin.",
        "For tumors smaller than 2 cm. If the wound is bigger than 3 cm, a flap may be needed.",
        "For tumors smaller than 2 cm. The skin graft is about 5 cm across.",
    ]:
        assert t_codes(t006(make_project, "{lt: 2, unit: cm}", text)) == [], text
    # A tumor's size is still its size; and a thickness alone is what the structured size is (a pathway
    # by Breslow thickness: test_t006_thickness_words_and_signs_say_the_side_too).
    text = "For tumors smaller than 3 cm, 2 mm thick."
    assert found(t006(make_project, "{lt: 2, unit: cm}", text), "T006") == [
        (PROC_A, "T006", 16, 35),
        (PROC_A, "T006", 16, 41),
    ]


def test_t006_inches_and_a_part_of_one(make_project) -> None:
    """ "an inch and a quarter" is 1¼ inches (31.75 mm), not "an inch"; "1 and 1/4 inches" one size."""
    for text in [
        "For tumors up to 32 mm (about an inch and a quarter).",
        "For tumors up to 32 mm (about one and a quarter inches).",
        "For tumors up to 32 mm (about 1 and 1/4 inches).",
    ]:
        assert t_codes(t006(make_project, "{lte: 32, unit: mm}", text)) == [], text
    assert t_codes(t006(make_project, "{lte: 38, unit: mm}", "For tumors up to 38 mm (1 and a half inches).")) == []
    text = "For tumors up to 2 cm (about one and three-quarter inches)."
    result = t006(make_project, "{lte: 2, unit: cm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 16, 40)]
    assert messages(result, "T006")[0].startswith("'one and three-quarter inches' is 44.45 mm, not within 5%")


def test_t006_a_decimal_point_set_as_a_middle_dot(make_project) -> None:
    # "2·5 cm" (The Lancet's style) is 2.5 cm: it was read as "5 cm".
    assert t_codes(t006(make_project, "{lte: 2.5, unit: cm}", "For tumors up to 2·5 cm.")) == []
    assert found(t006(make_project, "{lte: 2, unit: cm}", "For tumors up to 2·5 cm."), "T006") == [
        (PROC_A, "T006", 16, 28)
    ]


def test_t006_a_range_with_a_suspended_hyphen(make_project) -> None:
    # "a 5- to 7-cm tumor": the "5-" is a size too (it was never read, and a wrong one went unseen).
    text = "May be offered for a 5- to 8-cm tumor when a partial nephrectomy isn't possible."
    result = t006(make_project, "{gt: 4, lte: 7, unit: cm}", text)
    assert found(result, "T006") == [(PROC_A, "T006", 16, 32), (PROC_A, "T006", 16, 38)]
    assert messages(result, "T006")[0].startswith("'5' (5 cm) is not a bound")
    assert t_codes(t006(make_project, "{gt: 4, lte: 7, unit: cm}", text.replace("5- to 8", "4- to 7"))) == []
    # and a margin given so is a margin
    text = "For tumors up to 7 cm, with a 1- to 2-cm margin."
    assert t_codes(t006(make_project, "{gt: 4, lte: 7, unit: cm}", text)) == []


def italian(make_project, text: str, size: str = "{lte: 2, unit: cm}"):  # type: ignore[no-untyped-def]
    """A topic in Italian whose pathway's first option has ``text`` (line 20, column 15)."""
    paths = pathway((size, "proc-a", text), ("{gt: 2, unit: cm}", "proc-b"))
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-b").replace("review:", paths + "review:")
    files = {
        TOPIC_PATH: topic.replace("language: en", "language: it"),
        PROC_A: procedure(),
        PROC_B: procedure("proc-b"),
    }
    return run(make_project(files, base=True))


def test_t006_units_written_out_in_other_languages(make_project) -> None:
    """ "6 centímetros" is a size as "6 cm" is (it was never read: a wrong size in words passed)."""
    for text, column in [
        ("Per tumori fino a 3 centimetri.", 33),
        ("Per tumori fino a 30 millimetri.", 33),
        ("Para tumores de hasta 3 centímetros.", 37),
        ("Pour les tumeurs jusqu'à 3 centimètres.", 40),
        ("Für Tumoren bis 3 Zentimeter.", 31),
        ("Für Tumoren von 3 Zentimetern oder kleiner.", 31),  # the dative plural
    ]:
        result = italian(make_project, text)
        assert found(result, "T006") == [(TOPIC_PATH, "T006", 20, column)], text
    for text in ["Per tumori fino a 2 centimetri.", "Para tumores de hasta 20 milímetros.", "Bis 2 Zentimeter."]:
        assert t_codes(italian(make_project, text)) == [], text


def in_language(make_project, language: str, text: str, size: str):  # type: ignore[no-untyped-def]
    """A topic in ``language`` whose pathway has an option of ``size`` with ``text``, and the other side's."""
    lower = "lte" in size
    other = "{gt: 2, unit: cm}" if lower else "{lte: 2, unit: cm}"
    mine: tuple[str, str, str] = (size, "proc-a", text)
    paths = pathway(mine, (other, "proc-b")) if lower else pathway((other, "proc-b"), mine)
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-b").replace("review:", paths + "review:")
    files = {
        TOPIC_PATH: topic.replace("language: en", f"language: {language}"),
        PROC_A: procedure(),
        PROC_B: procedure("proc-b"),
    }
    return run(make_project(files, base=True))


@pytest.mark.parametrize(
    ("language", "text", "size"),
    [
        ("es", "Un tumor de menos de 2 cm suele necesitar una colectomía.", "{gt: 2, unit: cm}"),
        ("es", "Para tumores de 2 cm o más.", "{lte: 2, unit: cm}"),
        ("fr", "Pour les tumeurs de moins de 2 cm.", "{gt: 2, unit: cm}"),
        ("de", "Für Tumoren, die kleiner als 2 cm sind.", "{gt: 2, unit: cm}"),
        ("de", "Für Tumoren ab 2 cm.", "{lte: 2, unit: cm}"),
        ("it", "Per tumori di almeno 2 cm.", "{lte: 2, unit: cm}"),
        ("it", "Per tumori maggiori di 2 cm.", "{lte: 2, unit: cm}"),
        ("it", "Per tumori oltre 2 cm.", "{lte: 2, unit: cm}"),
        ("pt", "Para tumores acima de 2 cm.", "{lte: 2, unit: cm}"),
        ("es", "Para tumores más grandes de 2 cm.", "{lte: 2, unit: cm}"),
    ],
)
def test_t006_the_side_of_a_size_in_other_languages(make_project, language: str, text: str, size: str) -> None:
    """A translation that reverses a threshold ("menos de 2 cm" beside `gt: 2`) passed: the words for a
    side were read in English only."""
    result = in_language(make_project, language, text, size)
    (diag,) = [d for d in result.diagnostics if d.code in ("T006", "T007")]
    assert diag.code == "T006" and diag.message.startswith("the text puts the tumors"), diag.message


def test_t006_a_wrong_conversion_in_brackets_in_any_language(make_project) -> None:
    """Beside a size that is the bound, another size is taken for another measure on a page in another
    language; but inches in brackets right after it are its conversion, and 90% off is wrong in any."""
    for language, text in [
        ("es", "Hasta 2 cm (3 pulgadas)."),
        ("pt-BR", "Até 2 cm (3 polegadas)."),
        ("it", "Fino a 2 cm (3 pollici)."),
    ]:
        result = in_language(make_project, language, text, "{lte: 2, unit: cm}")
        (diag,) = [d for d in result.diagnostics if d.code.startswith("T")]
        assert diag.code == "T006" and diag.message.startswith("'3 "), (language, diag.message)
        assert diag.column == text.index("3 ") + 15, (language, diag.column)  # (the option text at column 15)
    for language, text in [
        ("es", "Hasta 2 cm (0,8 pulgadas), con un margen de 1 cm."),
        ("it", "Fino a 2 cm, con un margine di 5 mm."),
        # a right conversion of another size is that size's, which only English pages' words tell
        ("es", "Tumores de hasta 2 cm; la herida mide 10 cm (4 pulgadas)."),
        ("pt", "Tumores até 2 cm; incisão de 10 cm (4 polegadas)."),
    ]:
        result = in_language(make_project, language, text, "{lte: 2, unit: cm}")
        assert [d.code for d in result.diagnostics if d.code.startswith("T")] == [], text


def in_language_indication(make_project, language: str, text: str, size: str):  # type: ignore[no-untyped-def]
    """A procedure in ``language`` with one indication of ``size`` and ``text`` (line 17, column 11)."""
    body = procedure(indications=indication(size, text)).replace(
        "kind: procedure\n", f"kind: procedure\nlanguage: {language}\n"
    )
    return run(make_project({PROC_A: body, PROC_B: procedure("proc-b")}, base=True))


def test_t006_the_wrong_end_of_a_range_in_other_languages(make_project) -> None:
    """On a page in another language, a size that is no bound was let pass beside one that is (it may be a
    margin): but the other end of a range whose first end is a bound ("más de 2 cm y hasta 7 cm") is the
    interval's other bound, stated wrong."""
    for language, text in [
        ("es", "Los tumores de más de 2 cm y hasta 7 cm suelen requerir una lobectomía."),
        ("fr", "Les tumeurs de plus de 2 cm et jusqu'à 7 cm."),
        ("de", "Tumoren über 2 cm und bis 7 cm."),
        ("it", "Tumori di oltre 2 cm e fino a 7 cm."),
        ("pt", "Tumores de mais de 2 cm e até 7 cm."),
    ]:
        result = in_language_indication(make_project, language, text, "{gt: 2, lte: 5, unit: cm}")
        (diag,) = [d for d in result.diagnostics if d.code.startswith("T")]
        assert (diag.code, diag.line, diag.column) == ("T006", 17, text.index("7 cm") + 11), (text, diag)
        assert diag.message.startswith("'7 cm' is not a bound"), diag.message
        # the first end wrong, the second right
        first_wrong = text.replace("2 cm", "3 cm").replace("7 cm", "5 cm")
        result = in_language_indication(make_project, language, first_wrong, "{gt: 2, lte: 5, unit: cm}")
        (diag,) = [d for d in result.diagnostics if d.code.startswith("T")]
        assert (diag.code, diag.column) == ("T006", first_wrong.index("3 cm") + 11), (first_wrong, diag)
    for language, text, size in [
        ("es", "Los tumores de más de 2 cm y hasta 5 cm.", "{gt: 2, lte: 5, unit: cm}"),
        # a size beside a bound that is no end of a range: a node, a depth, a margin, a cut, another case
        ("es", "Cuando el tumor mide más de 2 cm, o hay ganglios linfáticos de más de 1 cm.", "{gt: 2, unit: cm}"),
        ("es", "Tumores de más de 2 cm que invaden el mesoapéndice más de 3 mm.", "{gt: 2, unit: cm}"),
        ("es", "Tumores de más de 2 cm; se deja un margen de más de 5 cm de intestino.", "{gt: 2, unit: cm}"),
        ("de", "Tumoren über 2 cm, mehr als 8 cm vom Analrand entfernt.", "{gt: 2, unit: cm}"),
        ("es", "Tumores de hasta 2 cm; la cicatriz mide menos de 3 cm.", "{lte: 2, unit: cm}"),
        ("es", "Tumores de hasta 2 cm (menos de 1 pulgada).", "{lte: 2, unit: cm}"),
        ("es", "Para tumores de 2 cm o menos (hasta 3 cm si están en el borde).", "{lte: 2, unit: cm}"),
        # a distance ("at more than 5 cm from"): not the tumor's size, in these languages too
        ("es", "Para tumores de más de 2 cm situados a más de 8 cm del margen anal.", "{gt: 2, unit: cm}"),
        ("it", "Per tumori oltre 2 cm, a più di 5 cm dal cardias.", "{gt: 2, unit: cm}"),
        ("es", "Para tumores de 2 cm o menos, con un margen de al menos 1 cm.", "{lte: 2, unit: cm}"),
    ]:
        result = in_language_indication(make_project, language, text, size)
        assert [d.code for d in result.diagnostics if d.code.startswith("T")] == [], text


def test_t006_hedged_conversions_and_inch_words_in_other_languages(make_project) -> None:
    """ "(unas 3 pulgadas)" was no conversion (only English hedges were read), nor "pouces" and "Zoll" inches."""
    for language, text in [
        ("es", "Hasta 2 cm (unas 3 pulgadas)."),
        ("es", "Hasta 2 cm (aproximadamente 3 pulgadas)."),
        ("fr", "Jusqu'à 2 cm (environ 3 pouces)."),
        ("de", "Bis 2 cm (etwa 3 Zoll)."),
        ("pt", "Até 2 cm (cerca de 3 polegadas)."),
        ("it", "Fino a 2 cm (circa 3 pollici)."),
    ]:
        result = in_language(make_project, language, text, "{lte: 2, unit: cm}")
        (diag,) = [d for d in result.diagnostics if d.code.startswith("T")]
        assert diag.code == "T006" and diag.message.startswith("'3 "), (text, diag.message)
        assert diag.column == text.index("3 ") + 15, (text, diag.column)
    for language, text in [  # after the words for the side too: "2 cm o menos (unas 3 pulgadas)"
        ("es", "Tumores de 2 cm o menos (unas 3 pulgadas)."),
        ("fr", "Tumeurs de 2 cm ou moins (environ 3 pouces)."),
        ("de", "Tumoren von 2 cm oder kleiner (etwa 3 Zoll)."),
    ]:
        result = in_language(make_project, language, text, "{lte: 2, unit: cm}")
        (diag,) = [d for d in result.diagnostics if d.code.startswith("T")]
        assert (diag.code, diag.column) == ("T006", text.index("3 ") + 15), (text, diag)
    for language, text in [
        ("es", "Hasta 2 cm (unas 0,8 pulgadas)."),
        ("fr", "Jusqu'à 2 cm (environ 0,8 pouce)."),
        ("de", "Bis 2 cm (etwa 0,8 Zoll)."),
        ("es", "Tumores de 2 cm o menos (unas 0,8 pulgadas)."),
        # "almost an inch" is right of 2 cm, as "(almost 1 inch)" is on an English page
        ("es", "Para tumores de 2 cm (casi 1 pulgada) o menos."),
        ("de", "Für Tumoren bis 2 cm (knapp 1 Zoll)."),
        ("fr", "Pour les tumeurs jusqu'à 2 cm (presque 1 pouce)."),
        ("it", "Per tumori fino a 2 cm (quasi 1 pollice)."),
        ("pt", "Para tumores até 2 cm (quase 1 polegada)."),
    ]:
        result = in_language(make_project, language, text, "{lte: 2, unit: cm}")
        assert [d.code for d in result.diagnostics if d.code.startswith("T")] == [], text


def test_t007_onwards_and_or_equal_words_in_other_languages(make_project) -> None:
    """ "2 cm en adelante" and "mayores o iguales a 2 cm" include 2 cm: beside `gt: 2` they are T007."""
    for language, text, words in [
        ("es", "Para tumores de 2 cm en adelante.", "2 cm en adelante"),
        ("es", "Para tumores mayores o iguales a 2 cm.", "mayores o iguales a 2 cm"),
        ("fr", "Pour les tumeurs supérieures ou égales à 2 cm.", "supérieures ou égales à 2 cm"),
        ("pt", "Para tumores de 2 cm em diante.", "2 cm em diante"),
        ("es", "Para tumores iguales o superiores a 2 cm.", "iguales o superiores a 2 cm"),
        ("fr", "Pour les tumeurs égales ou supérieures à 2 cm.", "égales ou supérieures à 2 cm"),
        ("it", "Per tumori pari o superiori a 2 cm.", "pari o superiori a 2 cm"),
    ]:
        result = in_language(make_project, language, text, "{gt: 2, unit: cm}")
        (diag,) = [d for d in result.diagnostics if d.code.startswith("T")]
        start = text.index(words) + 15  # (the option text at column 15 of line 22)
        assert (diag.code, diag.line, diag.column, diag.end_column) == ("T007", 22, start, start + len(words)), text
    for language, text in [
        ("es", "Para tumores menores o iguales a 2 cm."),
        ("de", "Für Tumoren kleiner oder gleich 2 cm."),
        ("es", "Para tumores iguales o inferiores a 2 cm."),
        ("pt", "Para tumores iguais ou inferiores a 2 cm."),
    ]:
        result = in_language(make_project, language, text, "{lte: 2, unit: cm}")
        assert [d.code for d in result.diagnostics if d.code.startswith("T")] == [], text


def test_t007_and_t006_agree_with_words_in_other_languages(make_project) -> None:
    for language, text, size in [
        ("es", "Para tumores de más de 2 cm.", "{gt: 2, unit: cm}"),
        ("fr", "Pour les tumeurs de 2 cm ou moins.", "{lte: 2, unit: cm}"),
        ("de", "Für Tumoren bis zu 2 cm; größere brauchen mehr.", "{lte: 2, unit: cm}"),
        ("es", "Para tumores de hasta 2 cm, salvo que sean de más de 2 cm.", "{lte: 2, unit: cm}"),
        ("es", "Para tumores de 2 cm o menos, extirpados con un margen de 2 cm o más.", "{lte: 2, unit: cm}"),
        ("fr", "Pour les tumeurs de 2 cm ou moins, avec une marge d'au moins 2 cm.", "{lte: 2, unit: cm}"),
    ]:
        result = in_language(make_project, language, text, size)
        assert [d.code for d in result.diagnostics if d.code.startswith("T")] == [], text
    result = in_language(make_project, "fr", "Pour les tumeurs de moins de 2 cm.", "{lte: 2, unit: cm}")
    assert [d.code for d in result.diagnostics if d.code.startswith("T")] == ["T007"]  # "moins de" leaves 2 cm out


def test_t006_on_a_page_in_another_language_a_size_beside_a_bound_may_be_a_margin(make_project) -> None:
    # netlint reads the words for a margin, a cut or a distance in English only.
    for text in [
        "Per tumori fino a 2 cm, con un margine di 5 mm di tessuto sano.",
        "Per tumori fino a 2 cm, a più di 5 cm dal cardias.",
    ]:
        assert t_codes(italian(make_project, text)) == [], text
    # No size in the text is a bound: each is reported, as on an English page (but a margin named before
    # its size, which is read in these languages too).
    result = italian(make_project, "Per tumori fino a 3 cm, con un margine di 5 mm.")
    assert found(result, "T006") == [(TOPIC_PATH, "T006", 20, 33)]
    result = italian(make_project, "Per tumori fino a 3 cm, con 5 mm di tessuto sano.")
    assert found(result, "T006") == [(TOPIC_PATH, "T006", 20, 33), (TOPIC_PATH, "T006", 20, 43)]
    # Signs are read in any language: "≤ 2 cm" beside "< 2 cm" (T007).
    assert found(italian(make_project, "Tumori ≤ 2 cm.", "{lt: 2, unit: cm}"), "T007") == [(TOPIC_PATH, "T007", 20, 22)]


@pytest.mark.parametrize(
    ("size", "text"),
    [
        # a size on the other side, in an exception, a negation or a contrast
        ("{lte: 2, unit: cm}", "Removing the appendix is usually enough, unless the tumour is larger than 2 cm."),
        ("{lte: 2, unit: cm}", "This is not an option for tumours larger than 2 cm."),
        ("{lte: 2, unit: cm}", "Used for small tumours; tumours over 2 cm usually need a bigger operation."),
        ("{lte: 2, unit: cm}", "Tumours that haven't grown bigger than 2 cm."),
        ("{lte: 2, unit: cm}", "One or more tumours, none larger than 2 cm."),
        ("{lte: 2, unit: cm}", "No tumour larger than 2 cm."),
        ("{gt: 2, unit: cm}", "A hemicolectomy is advised unless the tumour is 2 cm or smaller."),
        ("{lt: 1, unit: cm}", "Endoscopic removal, except for tumours 1 cm or larger."),
        # a distance, a margin, a cut, an instrument, a node, a depth: with an inch in brackets too
        ("{lte: 2, unit: cm}", "Tumours 2 cm or smaller within 5 cm (about 2 inches) of the anus."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, removed along with at least 1 cm (about ½ inch) of normal tissue."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, removed with a margin of 1 cm (about ½ inch)."),
        ("{lte: 3, unit: cm}", "Tumours up to 3 cm, and the ablation margin should be at least 5 mm."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, through several small cuts, each about 1 cm long."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, through small cuts (each about 1 cm)."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm. The needle used is 1 mm thick."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, removed with a wire loop (snare) about 2.5 cm wide."),
        ("{lte: 3, unit: cm}", "Liver tumours up to 3 cm, treated with a zone of dead tissue up to 5 cm across."),
        ("{lte: 2, unit: cm}", "A tumour up to 2 cm, for example one measuring 2 cm by 1.5 cm."),
        ("{gt: 2, unit: cm}", "Tumours larger than 2 cm, or swollen lymph nodes (over 1 cm) on the scan."),
        ("{gt: 2, unit: cm}", "Tumours larger than 2 cm, or a 1.5 cm lymph node on the scan."),
        ("{gt: 2, unit: cm}", "Tumours larger than 2 cm, or lymph nodes that measure 1 cm or more."),
        (
            "{lte: 2, unit: cm}",
            "The cancer is 2 cm or smaller and there are small clusters of cancer cells "
            "(larger than 0.2 mm but not larger than 2 mm) in the lymph nodes.",
        ),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm that have grown less than 1 mm (1000 µm) into the submucosa."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm with submucosal invasion of less than 1 mm."),
        # an inch in brackets that says on which side of the size it is, rightly
        ("{lte: 2, unit: cm}", "The tumor is 2 cm (slightly less than an inch) across or smaller."),
        ("{lte: 1, unit: cm}", "The tumor is 1 cm (less than half an inch) across or smaller."),
        ("{lte: 3, unit: cm}", "Tumours no larger than 3 cm (just over 1 inch)."),
        # inclusive words, read as such (T007)
        ("{lte: 2, unit: cm}", "Tumours equal to or less than 2 cm."),
        ("{gte: 2, unit: cm}", "Tumours equal to or greater than 2 cm."),
        ("{lte: 2, unit: cm}", "Tumours at or below 2 cm."),
        ("{gte: 2, unit: cm}", "Tumours at or above 2 cm."),
        ("{lte: 2, unit: cm}", "Tumours up to and including 2 cm."),
        ("{lt: 2, unit: cm}", "Tumours up to but not including 2 cm."),
        ("{gte: 2, unit: cm}", "Tumours of 2 cm (or larger)."),
        # a thickness band as staging tables write it: ">1.0 to 2.0 mm" as "1.01 to 2.0 mm"
        ("{gt: 1, lte: 2, unit: mm}", "For melanomas 1.01 to 2.0 mm thick."),
        # inches in words, and asides that say on which side of the size they are
        ("{lte: 1.6, unit: mm}", "For melanomas up to 1.6 mm (about one-sixteenth of an inch)."),
        ("{lte: 5, unit: mm}", "For tumours up to 5 mm (less than a quarter of an inch)."),
        ("{lte: 2, unit: cm}", "For tumours up to 2 cm (almost an inch)."),
        # screening bands as the NHS writes them: the band's last size, a step of its last digit below the next
        ("{gte: 30, lt: 45, unit: mm}", "For aortas 30 to 44 mm wide."),
        ("{gte: 4.5, lt: 5.5, unit: cm}", "For aneurysms of 4.5–5.4 cm."),
        ("{gte: 3, lt: 4.5, unit: cm}", "For aneurysms of 3.0 to 4.4 cm."),
        # a normal size to compare with
        ("{gte: 5.5, unit: cm}", "Repair once the aorta is 5.5 cm or wider (a normal aorta is about 2 cm)."),
        ("{gte: 5.5, unit: cm}", "Repair at 5.5 cm or more, over twice the normal width of 2.5 cm."),
        ("{lte: 2, unit: cm}", "A normal adult abdominal aorta is about 3 cm; we repair up to 2 cm."),
        # "in" is no unit in a proportion
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, seen in 1 in/20 patients."),
        ("{lte: 2, unit: cm}", "Tumours up to 2 cm, removed in 1in 3 cases."),
        # inches after a unit and a slash, or shortened to "ins"
        ("{gt: 4, unit: cm}", "For tumours larger than 4 cm/1.6 inches."),
        ("{gt: 4, unit: cm}", "For tumours larger than 4 cm (1.6 ins)."),
        ("{lte: 2, unit: cm}", "For tumours up to 0.8 in/2 cm."),
        ("{lte: 4, unit: cm}", "For tumours 1.6in or smaller."),  # "in" glued to its number
        # a band's ends each with its unit
        ("{gte: 10, lt: 30, unit: mm}", "For polyps 10 mm to 29 mm."),
        ("{gte: 20, unit: mm}", "For polyps 20mm+."),  # "+": and larger
        ("{lte: 2, unit: cm}", "For a tumour of 2 cm + a margin of 1 cm."),  # a sum is no bound's words
        ("{gte: 10, lt: 30, unit: mm}", "For polyps between 10 mm and 29 mm."),
        ("{gte: 10, lt: 20, unit: mm}", "For polyps from 10 mm up to 19 mm."),
        ("{gte: 1, lt: 3, unit: cm}", "For tumours of 1 cm to 2.9 cm."),
    ],
)
def test_t006_t007_sizes_as_publishers_write_them(make_project, size: str, text: str) -> None:
    assert t_codes(t006(make_project, size, f"'{text}'")) == [], text


@pytest.mark.parametrize(
    ("size", "text", "code"),
    [
        ("{lte: 2, unit: cm}", "Tumours that exceed 2 cm.", "T006"),
        ("{lte: 2, unit: cm}", "Tumours in excess of 2 cm.", "T006"),
        ("{lte: 2, unit: cm}", "Tumours 2 cm and upwards.", "T006"),
        ("{lte: 2, unit: cm}", "Tumours of 2 cm (or larger).", "T006"),
        ("{gt: 2, unit: cm}", "Tumours that do not exceed 2 cm.", "T006"),
        ("{gt: 2, unit: cm}", "Tumours equal to or larger than 2 cm.", "T007"),
        ("{gt: 2, unit: cm}", "Tumours at or above 2 cm.", "T007"),
        ("{gt: 2, unit: cm}", "Tumours a minimum of 2 cm across.", "T007"),
        ("{lt: 2, unit: cm}", "Tumours up to and including 2 cm.", "T007"),
        ("{lte: 2, unit: cm}", "Tumours up to but not including 2 cm.", "T007"),
        ("{lte: 2, unit: cm}", "Tumours up to 3 cms.", "T006"),  # "cms", as British and Australian pages write it
        ("{lte: 2, unit: cm}", "The tumor is 2 cm (slightly more than an inch) across.", "T006"),  # it is less
        ("{lte: 2, unit: cm}", "For tumours larger than 2 cm.", "T006"),  # no contrast: the text says the opposite
        ("{gte: 1, lte: 2, unit: mm}", "For melanomas 1.01 to 2.0 mm thick.", "T006"),  # 1 mm is in: "1.01" is not it
        ("{lte: 3, unit: cm}", "For tumours up to 3 cm (almost an inch).", "T006"),  # 3 cm is more
        # both kidneys, not a margin on each side of a scar
        ("{lte: 2, unit: cm}", "Stones smaller than 3 cm on either side are treated with shock waves.", "T006"),
        ("{lte: 2, unit: cm}", "Stones up to 3 cm on both sides can be treated with ureteroscopy.", "T006"),
        # a band's last size only beside a bound that leaves its size out, a step of the last digit below it
        ("{gte: 30, lte: 45, unit: mm}", "For aortas 30 to 44 mm wide.", "T006"),
        ("{gte: 4.5, lt: 5.5, unit: cm}", "For aneurysms of 4.5 to 5.3 cm.", "T006"),
        ("{gte: 4.5, lt: 5.5, unit: cm}", "For aneurysms of 4.5 to 5.40 cm.", "T006"),
        ("{gte: 30, lt: 45, unit: mm}", "For aortas smaller than 44 mm.", "T006"),  # no range
        ("{lt: 2, unit: cm}", "For tumours of 1 cm.", "T006"),
        # inches after a slash are read
        ("{gt: 4, unit: cm}", "For tumours larger than 4 cm/3.0 inches.", "T006"),
        ("{gt: 4, unit: cm}", "For tumours larger than 4 cm (3 ins).", "T006"),
        ("{lte: 2, unit: cm}", "For tumours up to 0.8 in/3 cm.", "T006"),
        ("{lte: 4, unit: cm}", "For tumours 2.5in or smaller.", "T006"),
        # a wrong conversion in brackets, in any language
        ("{lte: 4, unit: cm}", "Hasta 4 cm (3 pulgadas).", "T006"),
        # a whole centimetre or a fraction is no band's step
        ("{gte: 1, lt: 3, unit: cm}", "For tumours of 1 to 2 cm.", "T006"),
        ("{gte: 1, lt: 2.5, unit: cm}", "For tumours of 1 to 1 1/2 cm.", "T006"),
        # "normally" is no comparison with what is normal
        ("{gte: 3, unit: cm}", "Surgery is normally offered if it is 2 cm or larger.", "T006"),
        ("{lte: 2, unit: cm}", "A tumour is normally removed if it is up to 3 cm.", "T006"),
        ("{lte: 2, unit: cm}", "A normal tumour is 3 cm or smaller.", "T006"),
        ("{lte: 2, unit: cm}", "The normal treatment for tumours of 3 cm or smaller is removal.", "T006"),
        ("{gte: 10, lt: 20, unit: mm}", "For polyps of 10 mm or more, up to 19 mm.", "T006"),  # no range
        ("{gt: 20, unit: mm}", "For polyps 20mm+.", "T007"),  # "+" takes a polyp of 20 mm in
        ("{lte: 20, unit: mm}", "For polyps 20mm+.", "T006"),  # the wrong side
    ],
)
def test_t006_t007_sizes_that_disagree(make_project, size: str, text: str, code: str) -> None:
    assert [item[1] for item in t_codes(t006(make_project, size, f"'{text}'"))] == [code], text


def test_t006_not_beside_an_impossible_size(make_project) -> None:
    # T001 says the size is wrong; comparing the text with it would only add noise.
    result = t006(make_project, "{lt: -1, unit: cm}", "For tumors under 1 cm (about ⅜ inch).")
    assert found(result, "T006") == [] and [d.code for d in result.diagnostics if d.code.startswith("T")] == ["T001"]


# T007 ---------------------------------------------------------------------

# Words that include a tumor of exactly the bound, and words that leave it out, on each side.
_UP_TO_2 = ["2 cm or smaller", "up to 2 cm", "no larger than 2 cm", "at most 2 cm", "≤ 2 cm", "<= 2 cm",
            "not more than 2 cm", "smaller than or equal to 2 cm", "2 cm or less", "2 cm and under",
            "2 cm at most", "2 cm (at most)", "2 cm at the most, usually"]  # fmt: skip
_UNDER_2 = ["smaller than 2 cm", "under 2 cm", "< 2 cm", "less than 2 cm", "below 2 cm", "not at least 2 cm"]
_FROM_2 = ["2 cm or larger", "at least 2 cm", "≥ 2 cm", ">= 2 cm", "not smaller than 2 cm", "2 cm and up",
           "greater than or equal to 2 cm", "2 cm or more", "2 cm at least", "2 cm at the least"]  # fmt: skip
_OVER_2 = ["larger than 2 cm", "over 2 cm", "> 2 cm", "more than 2 cm", "above 2 cm", "exceeding 2 cm"]


def t007(make_project, size: str, words: str):  # type: ignore[no-untyped-def]
    return t006(make_project, size, f"For tumors {words}.")


def test_t007_words_that_include_the_bound_beside_a_bound_that_leaves_it_out(make_project) -> None:
    result = t007(make_project, "{gt: 2, unit: cm}", "2 cm or larger")
    assert t_codes(result) == [(PROC_A, "T007", 16, 22)]  # at the words and the size: "For tumors " is 11 long
    (diagnostic,) = result.diagnostics
    assert (diagnostic.severity, diagnostic.end_line, diagnostic.end_column) == ("warning", 16, 36)
    assert diagnostic.message == (
        "'2 cm or larger' includes tumors of exactly 2 cm, but the structured size leaves them out "
        "(larger than 2 cm); make the text and the size agree"
    )
    result = t007(make_project, "{lte: 2, unit: cm}", "smaller than 2 cm")
    assert t_codes(result) == [(PROC_A, "T007", 16, 22)]
    assert messages(result, "T007") == [
        "'smaller than 2 cm' leaves out tumors of exactly 2 cm, but the structured size includes them "
        "(2 cm or smaller); make the text and the size agree"
    ]


@pytest.mark.parametrize(
    ("size", "agreeing", "disagreeing"),
    [
        ("{lte: 2, unit: cm}", _UP_TO_2, _UNDER_2),
        ("{lt: 2, unit: cm}", _UNDER_2, _UP_TO_2),
        ("{gte: 2, unit: cm}", _FROM_2, _OVER_2),
        ("{gt: 2, unit: cm}", _OVER_2, _FROM_2),
    ],
)
def test_t007_each_way_of_saying_a_bound(make_project, size: str, agreeing: list[str], disagreeing: list[str]) -> None:
    for words in agreeing:
        assert t_codes(t007(make_project, size, words)) == [], words
    for words in disagreeing:
        assert t_codes(t007(make_project, size, words)) == [(PROC_A, "T007", 16, 22)], words


def test_t007_a_restatement_in_brackets_is_reported_once_and_a_negation_from_its_word(make_project) -> None:
    result = t007(make_project, "{gte: 2, unit: cm}", "larger than 2 cm (about 0.8 inch)")
    assert t_codes(result) == [(PROC_A, "T007", 16, 22)]
    assert result.diagnostics[0].end_column == 38  # "larger than 2 cm", not its aside
    result = t006(make_project, "{lt: 2, unit: cm}", "Tumors that aren't larger than 2 cm.")
    assert t_codes(result) == [(PROC_A, "T007", 16, 23)]  # from "aren't"
    assert messages(result, "T007")[0].startswith("'aren't larger than 2 cm' includes tumors of exactly 2 cm")


def test_t007_ranges_the_other_side_s_contrast_and_pathway_options(make_project) -> None:
    assert t_codes(t006(make_project, "{gt: 1, lte: 2, unit: cm}", "For tumors over 1 cm and up to 2 cm.")) == []
    result = t006(make_project, "{gte: 10, lt: 20, unit: mm}", "From 10 mm up to 20 mm, a wider excision.")
    assert t_codes(result) == [(PROC_A, "T007", 16, 22)]  # "up to 20 mm"; "From 10 mm" says no side
    # The other side's contrast is T006's to judge; it must leave out what this side holds: "2 cm or more"
    # beside "2 cm or smaller" puts a tumor of exactly 2 cm on both sides.
    text = "For tumors of 2 cm or smaller; tumors larger than 2 cm need more surgery."
    assert t_codes(t006(make_project, "{lte: 2, unit: cm}", text)) == []
    text = "For tumors of 2 cm or smaller a segmentectomy may be enough. Tumors of 2 cm or more need a lobectomy."
    result = t006(make_project, "{lte: 2, unit: cm}", text)
    assert t_codes(result) == [(PROC_A, "T007", 16, 82)]
    assert messages(result, "T007") == [
        "'2 cm or more' puts tumors of exactly 2 cm on the other side too, but the structured size includes "
        "them (2 cm or smaller); make the text and the size agree"
    ]
    text = "For tumors larger than 2 cm. Tumors of 2 cm or smaller need less."
    assert t_codes(t006(make_project, "{gt: 2, unit: cm}", text)) == []  # this side leaves 2 cm out
    paths = pathway(("{lte: 2, unit: cm}", "proc-a", "Under 2 cm."), ("{gt: 2, unit: cm}", "proc-b"))
    assert t_codes(project(make_project, paths=paths)) == [(TOPIC_PATH, "T007", 20, 15)]


# The demo content ----------------------------------------------------------


def demo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(MAIN / "content", root / "content")
    shutil.copy(MAIN / "netlint.toml", root / "netlint.toml")
    return root


def test_demo_content_has_no_t_diagnostics(tmp_path: Path) -> None:
    assert t_codes(run(demo_copy(tmp_path))) == []


def test_demo_appendix_pathway_with_a_gap(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    topic = root / "content/topics/gi-net-surgery.yaml"
    text = topic.read_text(encoding="utf-8")
    assert text.count("- size: {gt: 2, unit: cm}") == 1
    topic.write_text(text.replace("- size: {gt: 2, unit: cm}", "- size: {gt: 3, unit: cm}"), encoding="utf-8")
    lines = text.splitlines()
    options_line = next(n for n, line in enumerate(lines, 1) if line.strip() == "options:")
    second_option = next(n for n, line in enumerate(lines, 1) if "{gt: 2, unit: cm}" in line)
    path = "content/topics/gi-net-surgery.yaml"
    result = run(root)
    # The option's text still says "larger than 2 cm (about 0.8 inch)": T006 is right to flag both sizes.
    text_line = second_option + 3
    assert t_codes(result) == [
        (path, "T002", options_line, 5),
        (path, "T005", second_option, 9),
        (path, "T006", text_line, 31),
        (path, "T006", text_line, 43),
    ]
    assert lines[text_line - 1].startswith("          A tumor larger than 2 cm (about 0.8 inch)")
    assert messages(result, "T002") == [
        "sizes larger than 2 cm up to 3 cm match no option; add an option for them or widen a neighbouring one"
    ]
    assert messages(result, "T005") == [
        "content/procedures/hemicolectomy.yaml:14 says larger than 2 cm; this option says larger than 3 cm; "
        "make the two size ranges the same"
    ]
