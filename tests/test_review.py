"""R001-R007: review dates, reviewers, and reviews that predate their evidence; the month arithmetic."""

from __future__ import annotations

import datetime

import pytest

from conftest import PROCEDURE, SOURCES, found, run
from netlint.rules.review import add_months

PROC = "content/procedures/proc-a.yaml"
D = datetime.date

# In the base procedure the review block is on lines 13-16:
#   14: "  last_reviewed: <date>"      value at column 18
#   15: "  next_review_due: <date>"    value at column 20
#   16: "  reviewed_by: [team, doc]"   list at column 16, items at 17 and 23


def procedure(last: str = "2025-08-08", due: str = "2028-08-08", by: str = "team, doc") -> str:
    return (
        PROCEDURE.format(id="proc-a")
        .replace("last_reviewed: 2025-08-08", f"last_reviewed: {last}")
        .replace("next_review_due: 2028-08-08", f"next_review_due: {due}")
        .replace("reviewed_by: [team, doc]", f"reviewed_by: [{by}]")
    )


# A source read long ago, so that R007 stays out of the way of the date rules' tests.
OLD_SOURCES = SOURCES.replace("year: 2024", "year: 2020").replace("accessed: 2025-03-20", "accessed: 2020-06-01")


TODAY = D(2026, 11, 26)


def check(make_project, today: D = TODAY, config: str = "", **review: str):
    root = make_project({PROC: procedure(**review), "content/sources.yaml": OLD_SOURCES}, base=True, config=config)
    result = run(root, today=today)
    return result, [(d.code, d.line, d.column) for d in result.diagnostics if d.code.startswith("R") and d.path == PROC]


def messages(result, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


# add_months ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 8, 8), 36, D(2028, 8, 8)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 5, 31), 0, D(2025, 5, 31)),
        (D(9999, 12, 1), 36, datetime.date.max),
    ],
)
def test_add_months_clamps_to_the_last_day_of_the_month(day: D, months: int, expected: D) -> None:
    assert add_months(day, months) == expected


# R001 ----------------------------------------------------------------------


def test_r001_last_reviewed_in_the_future(make_project) -> None:
    result, found_r = check(make_project, last="2026-11-27", due="2027-11-27")
    assert found_r == [("R001", 14, 18)]
    assert messages(result, "R001") == [
        "last_reviewed 2026-11-27 is in the future (today is 2026-11-26); write the day the review happened"
    ]


def test_r001_not_for_today(make_project) -> None:
    assert check(make_project, last="2026-11-26", due="2027-11-26")[1] == []


# R002 ----------------------------------------------------------------------


def test_r002_past_next_review_due(make_project) -> None:
    result, found_r = check(make_project, today=D(2025, 11, 26), last="2023-01-01", due="2025-01-01")
    assert found_r == [("R002", 15, 20)]
    assert messages(result, "R002") == [
        "review overdue: next review was due on 2025-01-01 (329 days ago); review the page and set new dates"
    ]


def test_r002_one_day_late_says_one_day(make_project) -> None:
    result, found_r = check(make_project, last="2025-11-25", due="2026-11-25")
    assert found_r == [("R002", 15, 20)]
    assert "(1 day ago)" in messages(result, "R002")[0]


def test_r002_not_on_the_due_date_itself(make_project) -> None:
    # the due day is R003's ("due today"), not yet R002's
    assert check(make_project, last="2025-11-26", due="2026-11-26")[1] == [("R003", 15, 20)]


def test_r002_age_limit_exactly_36_months_is_allowed(make_project) -> None:
    # next_review_due beyond the limit (R004) isolates the age check: not overdue (R002), due today (R003)
    assert check(make_project, last="2023-11-26", due="2027-06-01")[1] == [("R003", 14, 18), ("R004", 15, 20)]


def test_r002_age_limit_one_day_more_is_overdue_at_last_reviewed(make_project) -> None:
    result, found_r = check(make_project, last="2023-11-25", due="2027-06-01")
    assert found_r == [("R002", 14, 18), ("R004", 15, 20)]
    assert messages(result, "R002") == [
        "review overdue: last reviewed on 2023-11-25, more than 36 months ago (it was last allowed on 2026-11-25); "
        "review the page and set new dates"
    ]


@pytest.mark.parametrize(("today", "expected"), [(D(2027, 2, 28), []), (D(2027, 3, 1), [("R002", 14, 18)])])
def test_r002_age_limit_from_29_february_clamps_to_28_february(make_project, today: D, expected) -> None:
    _, found_r = check(make_project, today=today, last="2024-02-29", due="2027-12-01")
    assert [f for f in found_r if f[0] == "R002"] == expected


def test_r002_uses_the_configured_max_age(make_project) -> None:
    config = "[review]\nmax_age_months = 12\n"
    _, found_r = check(make_project, config=config, last="2025-11-25", due="2026-11-25")
    assert found_r == [("R002", 15, 20)]
    _, found_r = check(make_project, config=config, last="2025-11-26", due="2026-11-26")
    assert found_r == [("R003", 15, 20)]


def test_one_month_is_said_in_the_singular() -> None:
    from netlint.rules.review import months

    assert (months(1), months(36)) == ("1 month", "36 months")


def test_r002_reported_once_when_both_the_date_and_the_age_have_passed(make_project) -> None:
    _, found_r = check(make_project, last="2022-01-01", due="2026-01-01")
    assert found_r == [("R002", 15, 20), ("R004", 15, 20)]


def test_r002_not_for_a_current_review(make_project) -> None:
    assert check(make_project)[1] == []


# R003 ----------------------------------------------------------------------


def test_r003_due_within_warn_days(make_project) -> None:
    result, found_r = check(make_project, last="2024-12-20", due="2026-12-20")
    assert found_r == [("R003", 15, 20)]
    assert messages(result, "R003") == [
        "review due soon: next review is due on 2026-12-20 (in 24 days); plan the review"
    ]


@pytest.mark.parametrize(("due", "expected"), [("2027-01-25", [("R003", 15, 20)]), ("2027-01-26", [])])
def test_r003_boundary_is_inclusive(make_project, due: str, expected) -> None:
    # 2027-01-25 is exactly 60 days after 2026-11-26
    assert check(make_project, last="2025-01-25", due=due)[1] == expected


def test_r003_uses_the_configured_warn_days(make_project) -> None:
    config = "[review]\nwarn_days = 10\n"
    assert check(make_project, config=config, last="2024-12-20", due="2026-12-20")[1] == []
    assert check(make_project, config=config, last="2024-12-06", due="2026-12-06")[1] == [("R003", 15, 20)]


def test_r003_not_when_already_overdue_by_age(make_project) -> None:
    # the age limit passed (R002 at last_reviewed); the due date is near but R003 would only repeat it
    _, found_r = check(make_project, last="2023-11-01", due="2026-12-20")
    assert found_r == [("R002", 14, 18), ("R004", 15, 20)]


def test_r003_warns_ahead_of_an_age_limit_that_comes_before_the_due_date(make_project) -> None:
    # 12 months after 2025-12-20 is 2026-12-20, 24 days away; next_review_due is later (R004 says so)
    config = "[review]\nmax_age_months = 12\n"
    result, found_r = check(make_project, config=config, last="2025-12-20", due="2027-06-01")
    assert found_r == [("R003", 14, 18), ("R004", 15, 20)]
    assert messages(result, "R003") == [
        "review due soon: last reviewed on 2025-12-20, the page must be reviewed by 2026-12-20 (in 24 days), "
        "12 months later; plan the review"
    ]
    # the day after the age limit, R002 takes over
    later = check(make_project, today=D(2026, 12, 21), config=config, last="2025-12-20", due="2027-06-01")[1]
    assert later == [("R002", 14, 18), ("R004", 15, 20)]
    # an age limit further away than warn_days: no warning yet
    assert check(make_project, config=config, last="2026-02-01", due="2027-06-01")[1] == [("R004", 15, 20)]


# R004 ----------------------------------------------------------------------


def test_r004_next_review_not_after_last_review(make_project) -> None:
    result, found_r = check(make_project, last="2025-08-08", due="2025-08-08")
    assert ("R004", 15, 20) in found_r
    assert messages(result, "R004") == [
        "next_review_due 2025-08-08 is not after last_reviewed 2025-08-08; set a later date"
    ]


def test_r004_next_review_more_than_max_age_after_last(make_project) -> None:
    result, found_r = check(make_project, last="2025-08-08", due="2028-08-09")
    assert found_r == [("R004", 15, 20)]
    assert "(latest: 2028-08-08)" in messages(result, "R004")[0]


def test_r004_not_for_exactly_max_age(make_project) -> None:
    assert check(make_project, last="2025-08-08", due="2028-08-08")[1] == []


# R005 / R006 ---------------------------------------------------------------


def test_r005_unknown_reviewer_with_suggestion(make_project) -> None:
    result, found_r = check(make_project, by="team, docc")
    assert found_r == [("R006", 16, 16), ("R005", 16, 23)]  # nor is 'docc' a clinical reviewer
    assert messages(result, "R005") == ["reviewer 'docc' is not in the contributors file (did you mean 'doc'?)"]


def test_r005_not_for_registered_reviewers(make_project) -> None:
    assert check(make_project, by="doc")[1] == []


def test_r006_no_clinical_reviewer(make_project) -> None:
    result, found_r = check(make_project, by="team")
    assert found_r == [("R006", 16, 16)]
    assert messages(result, "R006") == [
        "no clinical reviewer in reviewed_by: add a contributor with the role clinical-reviewer "
        "(clinical reviewers: doc)"
    ]


def test_r006_an_unknown_id_is_no_clinical_reviewer(make_project) -> None:
    result, found_r = check(make_project, by="team, dco")
    assert found_r == [("R006", 16, 16), ("R005", 16, 23)]
    assert messages(result, "R006") == [
        "no clinical reviewer in reviewed_by: add a contributor with the role clinical-reviewer "
        "(clinical reviewers: doc); 'dco' is not in the contributors file"
    ]


def test_r006_names_as_clinical_reviewers_only_the_ids_it_counts(make_project) -> None:
    # 'team' is registered twice, first as an author: the check takes that first record (N002 reports
    # the second), so the hint must not offer 'team' as a clinical reviewer.
    from conftest import CONTRIBUTORS

    twice = CONTRIBUTORS + "  - id: team\n    name: The team again\n    roles: [clinical-reviewer]\n"
    root = make_project(
        {PROC: procedure(by="team"), "content/sources.yaml": OLD_SOURCES, "content/contributors.yaml": twice},
        base=True,
    )
    result = run(root, today=TODAY)
    assert [(d.code, d.line, d.column) for d in result.diagnostics if d.path == PROC] == [("R006", 16, 16)]
    assert messages(result, "R006")[0].endswith("(clinical reviewers: doc)")


def test_r006_not_when_a_known_clinical_reviewer_is_listed_beside_an_unknown_id(make_project) -> None:
    assert check(make_project, by="doc, dco")[1] == [("R005", 16, 22)]


# R007 ----------------------------------------------------------------------


def test_r007_source_accessed_after_the_last_review_once_per_source(make_project) -> None:
    sources = SOURCES.replace("accessed: 2025-03-20", "accessed: 2025-09-01")
    two_sections = procedure().replace(
        "review:", "  - heading: Afterwards\n    text: You go home.\n    cites: [src-a]\nreview:"
    )
    root = make_project({"content/sources.yaml": sources, PROC: two_sections}, base=True)
    result = run(root)
    assert found(result, "R007") == [(PROC, "R007", 12, 13), ("content/topics/topic-a.yaml", "R007", 11, 13)]
    assert result.diagnostics[0].message == (
        "source 'src-a' was accessed on 2025-09-01, after this page's last review on 2025-08-08: "
        "review the page against it and update last_reviewed"
    )


def test_r007_not_when_accessed_on_the_review_day(make_project) -> None:
    sources = SOURCES.replace("accessed: 2025-03-20", "accessed: 2025-08-08")
    assert found(run(make_project({"content/sources.yaml": sources}, base=True)), "R007") == []
