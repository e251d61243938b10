"""`netlint review`: the review schedule report, and how every command finds "today"."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PROCEDURE, run
from netlint import __version__
from netlint.api import project_index
from netlint.cli import main
from netlint.config import load_config
from netlint.review_schedule import schedule

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"


def page(ident: str, last: str, due: str) -> str:
    return (
        PROCEDURE.format(id=ident)
        .replace("last_reviewed: 2025-08-08", f"last_reviewed: {last}")
        .replace("next_review_due: 2028-08-08", f"next_review_due: {due}")
    )


@pytest.fixture
def project(make_project) -> Path:
    """topic-a and proc-c ok (due 2028-08-08), proc-b due in 24 days, proc-a overdue since 2025-06-01."""
    return make_project(
        {
            "content/procedures/proc-a.yaml": page("proc-a", "2023-06-01", "2025-06-01"),
            "content/procedures/proc-b.yaml": page("proc-b", "2024-12-20", "2026-12-20"),
            "content/procedures/proc-c.yaml": page("proc-c", "2025-08-08", "2028-08-08"),
        },
        base=True,
    )


def invoke(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str, env: dict[str, str | None] | None = None):
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, list(args), env={"NETLINT_TODAY": None, **(env or {})})


def test_text_table_soonest_first_with_summary(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(project, monkeypatch, "review", "--today", TODAY)
    assert result.exit_code == 0, result.output  # a report, not a check: overdue pages do not fail it
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "KIND", "LAST", "REVIEWED", "NEXT", "DUE", "DAYS", "LEFT", "STATUS"]
    rows = [line.split() for line in lines[1:5]]
    assert rows == [
        ["proc-a", "procedure", "2023-06-01", "2025-06-01", "-543", "overdue"],
        ["proc-b", "procedure", "2024-12-20", "2026-12-20", "24", "due", "soon"],
        ["proc-c", "procedure", "2025-08-08", "2028-08-08", "621", "ok"],
        ["topic-a", "topic", "2025-08-08", "2028-08-08", "621", "ok"],
    ]
    kind_column = lines[0].index("KIND")
    assert all(line[kind_column - 2 : kind_column] == "  " and line[kind_column] != " " for line in lines[:5])
    assert lines[5:] == ["", "1 overdue, 1 due within 60 days, 2 ok"]


def test_json_format(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(project, monkeypatch, "review", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["today"] == TODAY and payload["warn_days"] == 60 and payload["within"] is None
    assert payload["netlint"] == __version__ and list(payload)[0] == "netlint"
    assert payload["entries"][0] == {
        "id": "proc-a",
        "kind": "procedure",
        "path": "content/procedures/proc-a.yaml",
        "last_reviewed": "2023-06-01",
        "next_review_due": "2025-06-01",
        "review_by": "2025-06-01",
        "days_left": -543,
        "status": "overdue",
        "note": None,
    }
    assert [(e["id"], e["status"]) for e in payload["entries"]] == [
        ("proc-a", "overdue"),
        ("proc-b", "due soon"),
        ("proc-c", "ok"),
        ("topic-a", "ok"),
    ]
    assert payload["summary"] == {"overdue": 1, "due soon": 1, "ok": 2, "unknown": 0}


def test_within_keeps_overdue_and_those_due_in_that_many_days(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(project, monkeypatch, "review", "--within", "30", "--today", TODAY)
    assert [line.split()[0] for line in result.output.splitlines()[1:3]] == ["proc-a", "proc-b"]
    # The summary counts what is listed, and says how many pages --within left out, in one window.
    assert result.output.splitlines()[-1] == "1 overdue, 1 due within 30 days; 2 more not due within 30 days"
    result = invoke(project, monkeypatch, "review", "--within", "23", "--format", "json", "--today", TODAY)
    payload = json.loads(result.output)
    assert [e["id"] for e in payload["entries"]] == ["proc-a"]
    assert payload["not_listed"] == 3
    everything = json.loads(invoke(project, monkeypatch, "review", "--format", "json", "--today", TODAY).output)
    assert everything["not_listed"] == 0


def test_within_a_window_longer_than_warn_days_counts_ok_pages_as_due_in_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages due in more than warn_days (status "ok") are listed by a longer window and counted as due
    # within it, not as "ok" beside a second window.
    result = invoke(project, monkeypatch, "review", "--within", "3650", "--today", TODAY)
    assert result.output.splitlines()[-1] == "1 overdue, 3 due within 3650 days"


def test_within_nothing_due(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(make_project(base=True), monkeypatch, "review", "--within", "10", "--today", TODAY)
    assert result.exit_code == 0
    summary = "0 overdue, 0 due within 10 days; 2 more not due within 10 days"
    assert result.output == f"No reviews due within 10 days.\n{summary}\n"
    one_day = invoke(make_project(base=True), monkeypatch, "review", "--within", "1", "--today", TODAY)
    assert (
        one_day.output == "No reviews due within 1 day.\n0 overdue, 0 due within 1 day; 2 more not due within 1 day\n"
    )


def test_today_flag_wins_over_netlint_today(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"NETLINT_TODAY": "2028-08-09"}
    from_env = invoke(project, monkeypatch, "review", env=env)
    assert from_env.output.splitlines()[-1] == "4 overdue, 0 due within 60 days, 0 ok"
    from_flag = invoke(project, monkeypatch, "review", "--today", TODAY, env=env)
    assert from_flag.output.splitlines()[-1] == "1 overdue, 1 due within 60 days, 2 ok"


def test_validate_honours_today_and_netlint_today(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(base=True)
    late = invoke(root, monkeypatch, "validate", "--today", "2028-08-09")
    assert late.exit_code == 1
    expected = "content/procedures/proc-a.yaml:15:20: R002 [error] review overdue: next review was due on 2028-08-08"
    assert expected in late.output
    from_env = invoke(root, monkeypatch, "validate", env={"NETLINT_TODAY": "2028-08-09"})
    assert from_env.exit_code == 1 and "R002" in from_env.output
    on_time = invoke(root, monkeypatch, "validate", "--today", TODAY, env={"NETLINT_TODAY": "2028-08-09"})
    assert on_time.exit_code == 0, on_time.output


def test_bad_today_is_a_usage_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(project, monkeypatch, "review", "--today", "2026-02-30")
    assert result.exit_code == 2
    assert "--today: '2026-02-30' is not a real date" in result.output
    assert invoke(project, monkeypatch, "review", env={"NETLINT_TODAY": "soon"}).exit_code == 2
    for other_iso_form in ("2025-W36-1", "20250901"):  # dates to Python, not YYYY-MM-DD
        week = invoke(project, monkeypatch, "review", "--today", other_iso_form)
        assert week.exit_code == 2 and f"'{other_iso_form}' is not a date written YYYY-MM-DD" in week.output


def test_documents_failing_validation_are_listed_with_what_can_be_read(make_project, monkeypatch) -> None:
    invalid = page("proc-b", "2024-12-20", "2026-12-20").replace("approach: surgical", "approach: laser")
    no_review = "schema_version: 1\nkind: procedure\nid: proc-c\ntitle: No review yet\n"
    bad_dates = page("proc-d", "2025-02-30", "soon")
    broken = "schema_version: 1\nkind: procedure\nid: proc-e\nreview: {last_reviewed: [\n"
    mistyped = page("proc-f", "2024-12-20", "2026-12-01").replace("kind: procedure", "kind: procedur")
    root = make_project(
        {
            "content/procedures/proc-b.yaml": invalid,
            "content/procedures/proc-c.yaml": no_review,
            "content/procedures/proc-d.yaml": bad_dates,
            "content/procedures/proc-e.yaml": broken,
            "content/procedures/proc-f.yaml": mistyped,
        },
        base=True,
    )
    result = invoke(root, monkeypatch, "review", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    entries = {e["id"]: e for e in json.loads(result.output)["entries"]}
    assert entries["proc-b"]["status"] == "due soon" and entries["proc-b"]["days_left"] == 24
    assert entries["proc-b"]["note"] == "fails validation: run netlint validate"
    assert entries["proc-c"]["status"] == "unknown" and entries["proc-c"]["last_reviewed"] is None
    assert entries["proc-c"]["note"] == "no last_reviewed; no next_review_due; fails validation: run netlint validate"
    assert entries["proc-d"]["next_review_due"] == "soon" and entries["proc-d"]["status"] == "unknown"
    assert "next_review_due is not a date" in entries["proc-d"]["note"]
    assert entries["proc-f"]["kind"] == "procedur" and entries["proc-f"]["status"] == "due soon"
    assert entries["proc-f"]["note"] == "fails validation: run netlint validate"  # a mistyped kind is still a page
    assert "sources" not in {e["kind"] for e in entries.values()}
    assert [e["status"] for e in json.loads(result.output)["entries"]][-1] == "unknown"  # unknown last
    text = invoke(root, monkeypatch, "review", "--today", TODAY)
    assert text.exit_code == 0 and "NOTE" in text.output.splitlines()[0]
    assert text.output.splitlines()[-1].endswith("unknown")


def test_an_unreadable_date_makes_the_status_unknown_and_lists_the_page_last(
    make_project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # next_review_due unreadable: its age limit (2028-08-08) dated it among the "ok" pages; last_reviewed
    # unreadable beside a far next_review_due: "ok", 2,912,110 days left. Both are unknown, and last.
    root = make_project(
        {
            "content/procedures/proc-b.yaml": page("proc-b", "2025-08-08", "2025-02-30"),
            "content/procedures/proc-c.yaml": page("proc-c", "'x: ['", "9999-12-31"),
            "content/procedures/proc-d.yaml": page("proc-d", "2025-08-08", "2030-01-01"),
        },
        base=True,
    )
    result = invoke(root, monkeypatch, "review", "--format", "json", "--today", TODAY)
    statuses = [(e["id"], e["status"]) for e in json.loads(result.output)["entries"]]
    assert statuses[-2:] == [("proc-b", "unknown"), ("proc-c", "unknown")]
    assert ("proc-d", "ok") in statuses


def test_schedule_is_a_pure_function_of_the_project(project: Path) -> None:
    config = load_config(project, [])
    index = project_index(config, datetime.date(2026, 11, 26))
    entries = schedule(index, config, datetime.date(2028, 8, 8))
    assert [(e.id, e.status, e.days_left) for e in entries] == [
        ("proc-a", "overdue", -1164),
        ("proc-b", "overdue", -597),
        ("proc-c", "due soon", 0),
        ("topic-a", "due soon", 0),
    ]
    overdue_only = schedule(index, config, datetime.date(2026, 6, 2), within=0)
    assert [e.id for e in overdue_only] == ["proc-a"]


def test_age_limit_makes_a_page_overdue_before_its_due_date(make_project) -> None:
    root = make_project({"content/procedures/proc-a.yaml": page("proc-a", "2023-01-01", "2027-01-01")}, base=True)
    config = load_config(root, [])
    today = datetime.date(2026, 11, 26)
    [entry] = [e for e in schedule(project_index(config, today), config, today) if e.id == "proc-a"]
    # days left count to the age limit (2026-01-01), which comes before next_review_due, as R002 has it
    assert entry.status == "overdue" and entry.days_left == -329 and entry.deadline == datetime.date(2026, 1, 1)
    assert entry.note == "last review more than 36 months ago"


def test_an_age_limit_ahead_sets_days_left_status_and_within(make_project) -> None:
    # 12 months after 2025-12-20 is 2026-12-20 (24 days away); next_review_due (2027-06-01) is later
    root = make_project(
        {"content/procedures/proc-a.yaml": page("proc-a", "2025-12-20", "2027-06-01")},
        base=True,
        config="[review]\nmax_age_months = 12\n",
    )
    config = load_config(root, [])
    today = datetime.date(2026, 11, 26)
    entries = [e for e in schedule(project_index(config, today), config, today, within=30) if e.id == "proc-a"]
    assert [(e.id, e.status, e.days_left) for e in entries] == [("proc-a", "due soon", 24)]
    assert [e.id for e in schedule(project_index(config, today), config, today, within=23)] == ["topic-a"]
    assert entries[0].to_json()["review_by"] == "2026-12-20"
    assert entries[0].note == "review needed by 2026-12-20: 12 months after the last review, before next_review_due"


def test_demo_content_has_no_citation_or_review_diagnostics() -> None:
    result = run(REPO, today=datetime.date(2026, 11, 26), select=["C", "R"])
    assert [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics] == []


def test_demo_content_review_report(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(REPO, monkeypatch, "review", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "gi-net-surgery" in result.output
    assert result.output.splitlines()[-1].startswith("0 overdue, 0 due within 60 days,")


def test_the_table_escapes_what_content_could_use_to_reach_the_terminal(make_project, monkeypatch) -> None:
    hostile = page("proc-b", '"2025-08-08\\n::error file=x::forged"', '"\\e]0;PWNED\\a\\u202e"')
    root = make_project({"content/procedures/proc-b.yaml": hostile}, base=True)
    result = invoke(root, monkeypatch, "review", "--today", TODAY)
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert not any(line.startswith("::") for line in result.output.splitlines())
    row = next(line for line in result.output.splitlines() if line.startswith("proc-b"))
    assert "2025-08-08\\n::error file=x::forged" in row and "\\x1b]0;PWNED\\x07\\u202e" in row


def test_the_summary_says_day_for_one_day() -> None:
    from netlint.review_schedule import summary

    assert summary([], 1) == "0 overdue, 0 due within 1 day, 0 ok"
    assert summary([], 2, hidden=3, within=1) == "0 overdue, 0 due within 1 day; 3 more not due within 1 day"
