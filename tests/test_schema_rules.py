"""S001 and S002: one diagnostic per offending field, at that field, with its path and a suggestion."""

from __future__ import annotations

from conftest import PROCEDURE, found, run
from netlint.schemas import is_date, is_uri


def test_a_valid_project_has_no_schema_diagnostics(make_project) -> None:
    assert found(run(make_project(base=True)), "S001") == []


def test_three_schema_mistakes_give_three_diagnostics_at_three_lines(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgery")
    text = text.replace("sites: [rectum]", "sites: [rectum, apendix]")
    text = text.replace("  last_reviewed: 2025-08-08", "  last_reviewed: 2025-02-30")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    result = run(root)
    s001 = [d for d in result.diagnostics if d.code == "S001"]
    assert [(d.line, d.column) for d in s001] == [(7, 11), (8, 17), (14, 18)]
    assert "did you mean 'surgical'" in s001[0].message
    assert "'sites[1]'" in s001[1].message and "did you mean 'appendix'" in s001[1].message
    assert "review.last_reviewed" in s001[2].message and "not a real date" in s001[2].message


def test_unknown_field_is_reported_at_its_key_with_a_suggestion(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("summary:", "sumary:")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    diags = [d for d in result.diagnostics if d.code == "S001"]
    assert [(d.line, d.column) for d in diags] == [(1, 1), (5, 1)]
    assert "missing required field 'summary'" in diags[0].message
    assert "unknown field 'sumary' (did you mean 'summary'?)" in diags[1].message


def test_missing_field_in_a_nested_mapping_points_at_that_mapping(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("  reviewed_by: [team, doc]\n", "")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 14, 3)]
    assert "missing required field 'reviewed_by' in 'review'" in result.diagnostics[0].message


def test_impossible_date_is_an_error(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("next_review_due: 2028-08-08", "next_review_due: 2027-02-29")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 15, 20)]


def test_malformed_url_is_an_error(make_project) -> None:
    from conftest import SOURCES

    text = SOURCES.replace("https://example.org/a", "https//example.org/a b")
    result = run(make_project({"content/sources.yaml": text}, base=True))
    assert found(result, "S001") == [("content/sources.yaml", "S001", 9, 10)]
    assert "not a valid URL" in result.diagnostics[0].message


def test_date_and_uri_formats_are_enforced_without_optional_packages() -> None:
    assert is_date("2025-02-28") and not is_date("2025-02-30") and not is_date("20250228")
    assert not is_date("2025-2-28") and not is_date("2025-02-28T00:00:00")
    assert is_uri("https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq")
    assert not is_uri("https://exa mple.org") and not is_uri("www.example.org") and not is_uri("https:/x")
    assert not is_uri("http://example.org:99999/")


def test_wrong_type_and_empty_list(make_project) -> None:
    text = (
        PROCEDURE.format(id="proc-a")
        .replace("intent: [curative]", "intent: []")
        .replace("title: A procedure", "title: 42")
    )
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    diags = [d for d in result.diagnostics if d.code == "S001"]
    assert [(d.line, d.column) for d in diags] == [(4, 8), (6, 9)]
    assert "must be text" in diags[0].message and "must not be empty" in diags[1].message


def test_two_lower_bounds_are_one_diagnostic(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace(
        "sections:",
        "indications:\n  - site: rectum\n    size: {gt: 1, gte: 1, unit: cm}\n"
        "    text: Small tumors.\n    cites: [src-a]\nsections:",
    )
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 11, 11)]
    assert "two lower bounds" in result.diagnostics[0].message


def test_s002_unknown_kind_with_suggestion(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("kind: procedure", "kind: procedures")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S002") == [("content/procedures/proc-a.yaml", "S002", 2, 7)]
    assert "did you mean 'procedure'" in result.diagnostics[0].message


def test_s002_missing_kind_and_unsupported_version(make_project) -> None:
    root = make_project(
        {"content/a.yaml": "schema_version: 1\ntitle: x\n", "content/b.yaml": "schema_version: 2\nkind: topic\n"}
    )
    assert found(run(root)) == [("content/a.yaml", "S002", 1, 1), ("content/b.yaml", "S002", 1, 17)]


def test_s002_not_for_known_kinds(make_project) -> None:
    assert found(run(make_project(base=True)), "S002") == []
