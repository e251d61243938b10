"""Inline suppressions and Y007 for unknown or unused ones."""

from __future__ import annotations

import pytest

from conftest import PROCEDURE, found, run


def unlisted(extra: str = "", *, before_id: str = "", after_id: str = "") -> str:
    text = PROCEDURE.format(id="proc-z")
    return extra + text.replace("id: proc-z\n", f"{before_id}id: proc-z{after_id}\n")


def test_disable_on_the_offending_line(make_project) -> None:
    root = make_project(
        {"content/procedures/proc-z.yaml": unlisted(after_id="  # netlint: disable=N004 -- draft")}, base=True
    )
    assert found(run(root)) == []


def test_disable_on_the_line_above(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": unlisted(before_id="# netlint: disable=N004\n")}, base=True)
    assert found(run(root)) == []


def test_disable_by_letter_and_for_the_whole_file(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": unlisted("# netlint: disable-file=N\n")}, base=True)
    assert found(run(root)) == []


@pytest.mark.parametrize(
    "comment",
    ["# NETLINT: DISABLE=n004", "# NetLint: disable=N004", "# Netlint: Disable-File=N004", "#netlint:disable=n"],
)
def test_a_suppression_is_read_in_any_case(make_project, comment: str) -> None:
    # As ruff reads "# NOQA": an editor's capitals neither lose the suppression nor pass silently.
    root = make_project({"content/procedures/proc-z.yaml": unlisted(before_id=f"{comment}\n")}, base=True)
    assert found(run(root)) == []
    unused = make_project({"content/procedures/proc-z.yaml": unlisted(before_id=f"{comment.replace('4', '1')}\n")})
    if "4" in comment:  # N001 suppressed where nothing is wrong with the id: reported as unused, at the comment
        assert ("content/procedures/proc-z.yaml", "Y007", 3, 1) in found(run(unused))


def test_disable_two_lines_above_does_not_apply(make_project) -> None:
    root = make_project(
        {"content/procedures/proc-z.yaml": unlisted(before_id="# netlint: disable=N004\ntitle2: x\n")}, base=True
    )
    codes = {c for _, c, _, _ in found(run(root))}
    assert "N004" in codes


def test_unknown_code_in_a_suppression_is_a_warning(make_project) -> None:
    root = make_project(
        {"content/procedures/proc-z.yaml": unlisted(after_id="  # netlint: disable=N004,Q123")}, base=True
    )
    result = run(root)
    assert found(result) == [("content/procedures/proc-z.yaml", "Y007", 3, 13)]
    assert result.diagnostics[0].message == "suppression names unknown rule code 'Q123'"
    assert result.diagnostics[0].severity.value == "warning"


def test_a_mistyped_code_in_a_suppression_gets_a_suggestion(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": unlisted(after_id="  # netlint: disable=N04")}, base=True)
    result = run(root)
    assert [(code, line, col) for _, code, line, col in found(result)] == [("N004", 3, 5), ("Y007", 3, 13)]
    y007 = next(diag for diag in result.diagnostics if diag.code == "Y007")
    assert y007.message == "suppression names unknown rule code 'N04' (did you mean 'N004'?)"


def test_suppression_that_suppresses_nothing_is_a_warning(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("title: A procedure", "title: A procedure  # netlint: disable=S001")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    result = run(root)
    assert found(result) == [("content/procedures/proc-a.yaml", "Y007", 4, 21)]
    assert "suppresses nothing" in result.diagnostics[0].message


def test_not_unused_when_its_rule_is_not_selected(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("title: A procedure", "title: A procedure  # netlint: disable=S001")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True, config='ignore = ["S"]\n')
    assert found(run(root)) == []


def test_not_unused_when_its_rule_never_ran_on_a_broken_or_invalid_file(make_project) -> None:
    # A YAML error (Y002) stops every content rule, a schema error (S001) every rule that trusts the
    # document's shape: their suppressions were never tried, and "remove it" would bring the finding
    # back once the error is fixed. P rules read any shape, so theirs is still judged.
    needed = PROCEDURE.format(id="proc-a").replace("title: A procedure", "# netlint: disable=P004\ntitle: A  procedure")
    root = make_project({"content/procedures/proc-a.yaml": needed}, base=True)
    assert found(run(root)) == []  # the suppression is used
    broken = needed.replace("approach: surgical", "approach: surgical\napproach: surgical")
    root = make_project({"content/procedures/proc-a.yaml": broken}, base=True)
    assert found(run(root)) == [("content/procedures/proc-a.yaml", "Y002", 9, 1)]
    due = PROCEDURE.format(id="proc-a").replace(
        "  next_review_due: 2028-08-08", "  # netlint: disable=R004\n  next_review_due: 2029-08-08"
    )
    assert "2029-08-08" in due
    root = make_project({"content/procedures/proc-a.yaml": due}, base=True)
    assert found(run(root)) == []  # R004 suppressed
    invalid = due.replace("approach: surgical", "approach: surgical\nappraoch: x")
    root = make_project({"content/procedures/proc-a.yaml": invalid}, base=True)
    assert found(run(root)) == [("content/procedures/proc-a.yaml", "S001", 8, 1)]
    unused_p = invalid.replace("title: A procedure", "title: A procedure  # netlint: disable=P004")
    root = make_project({"content/procedures/proc-a.yaml": unused_p}, base=True)
    # P004 did run, and found nothing
    assert found(run(root)) == [
        ("content/procedures/proc-a.yaml", "Y007", 4, 21),
        ("content/procedures/proc-a.yaml", "S001", 8, 1),
    ]


def test_text_inside_a_block_scalar_is_not_a_suppression(make_project) -> None:
    text = PROCEDURE.format(id="proc-z").replace(
        "    text: The surgeon removes the tumor.\n",
        "    text: |\n      # netlint: disable=N004\n      The surgeon removes the tumor.\n",
    )
    root = make_project({"content/procedures/proc-z.yaml": text}, base=True)
    assert found(run(root), "N004") == [("content/procedures/proc-z.yaml", "N004", 3, 5)]


def _block(style: str, comment: str) -> str:
    """proc-a with a misspelling on the second line of a block scalar whose header line is ``style comment``."""
    return PROCEDURE.format(id="proc-a").replace(
        "    text: The surgeon removes the tumor.\n",
        f"    text: {style}{comment}\n      The surgeon removes the tumor.\n      The resecton is quick.\n",
    )


def test_disable_on_the_key_line_of_a_block_scalar(make_project) -> None:
    for style in ("|", ">", "|-", ">+"):
        bare = make_project({"content/procedures/proc-a.yaml": _block(style, "")}, base=True)
        assert found(run(bare)) == [("content/procedures/proc-a.yaml", "P005", 13, 11)], style
        quiet = make_project({"content/procedures/proc-a.yaml": _block(style, "  # netlint: disable=P005")}, base=True)
        assert found(run(quiet)) == [], style


def test_a_malformed_suppression_is_a_warning_and_suppresses_nothing(make_project) -> None:
    for comment in ("  # netlint: disable", "  # netlint: disabel=P005", "  # netlint: disable=P005;P004"):
        root = make_project({"content/procedures/proc-a.yaml": _block("|", comment)}, base=True)
        result = run(root)
        assert found(result) == [
            ("content/procedures/proc-a.yaml", "Y007", 11, 14),
            ("content/procedures/proc-a.yaml", "P005", 13, 11),
        ], comment
        assert f"'{comment.strip()}' is not a suppression netlint reads" in result.diagnostics[0].message
    # Inside a scalar it is text, not a comment.
    inside = _block("|", "").replace("      The surgeon", "      # netlint: disable\n      The surgeon")
    assert found(run(make_project({"content/procedures/proc-a.yaml": inside}, base=True)), "Y007") == []


def test_no_comment_suppresses_a_syntax_error(make_project) -> None:
    broken = 'title: "An unclosed quote\n'
    text = "# netlint: disable-file=Y001\n# netlint: disable-file=Y\n" + PROCEDURE.format(id="proc-z").replace(
        "title: A procedure\n", broken
    )
    result = run(make_project({"content/procedures/proc-z.yaml": text}, base=True))
    codes = [(code, line, col) for _, code, line, col in found(result)]
    assert ("Y007", 1, 1) in codes  # naming Y001 is itself reported
    y001 = [entry for entry in codes if entry[0] == "Y001"]
    assert len(y001) == 1, codes  # neither the code nor its letter hides it
    message = next(diag.message for diag in result.diagnostics if diag.code == "Y007" and diag.line == 1)
    assert message == "Y001 (a YAML syntax error) cannot be suppressed; fix it, and remove Y001 here"


def test_explain_says_a_syntax_error_cannot_be_suppressed() -> None:
    from click.testing import CliRunner

    from netlint.cli import main

    output = CliRunner().invoke(main, ["explain", "Y001"]).output
    assert "No comment can suppress a YAML syntax error." in output
    assert "disable=Y001 -- reason" not in output


def test_y007_is_about_the_comment_and_no_comment_suppresses_it(make_project) -> None:
    root = make_project(
        {"content/procedures/proc-z.yaml": unlisted(after_id="  # netlint: disable=N004,Q123,Y007 -- kept")}, base=True
    )
    result = run(root)
    y007 = sorted(diag.message for diag in result.diagnostics if diag.code == "Y007")
    assert y007 == [
        "Y007 (a problem with a suppression comment) cannot be suppressed; fix it, and remove Y007 here",
        "suppression names unknown rule code 'Q123'",
    ]


def test_explain_suggests_a_severity_other_than_the_default() -> None:
    from click.testing import CliRunner

    from netlint.cli import main

    assert '`[severity] P004 = "info"`' in CliRunner().invoke(main, ["explain", "P004"]).output  # a warning
    assert '`[severity] N003 = "warning"`' in CliRunner().invoke(main, ["explain", "N003"]).output  # an error


def test_not_unused_when_its_project_rule_was_held_back_by_an_unreadable_file(make_project) -> None:
    # N004 does not run while a topic cannot be read (the topic may list the procedure): the draft's
    # suppression was never tried. "Remove it" would bring N004 back once the topic is mended.
    files = {
        "content/procedures/proc-z.yaml": unlisted(after_id="  # netlint: disable=N004 -- draft"),
        "content/topics/draft.yaml": "title: [\n",
    }
    root = make_project(files, base=True)
    assert found(run(root)) == [("content/topics/draft.yaml", "Y001", 2, 1)]
    from conftest import invoke_validate

    result = invoke_validate(root, "--fail-on", "warning", "content/procedures/proc-z.yaml")
    assert result.exit_code == 0, result.output
    # With every topic readable, N004 runs, and the suppression is used: still nothing to report.
    (root / "content/topics/draft.yaml").unlink()
    assert found(run(root)) == []


def test_not_unused_when_per_file_ignores_turn_its_rule_off_there(make_project) -> None:
    # as with `ignore`: a code turned off in the file is not a suppression that "suppresses nothing"
    text = PROCEDURE.format(id="proc-a").replace("title: A procedure", "title: A procedure  # netlint: disable=S001")
    config = '[per-file-ignores]\n"content/procedures/*.yaml" = ["S001"]\n'
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True, config=config)
    assert found(run(root)) == []
    elsewhere = '[per-file-ignores]\n"content/topics/*.yaml" = ["S001"]\n'
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True, config=elsewhere)
    assert found(run(root)) == [("content/procedures/proc-a.yaml", "Y007", 4, 21)]


@pytest.mark.parametrize(
    ("code", "body", "line"),
    [
        ("Y002", "schema_version: 1\nkind: procedure\nid: proc-z\nid: proc-z\ntitle: TODO\n", 5),
        ("Y003", 'schema_version: 1\nkind: procedure\nid: proc-z\ntitle: "TODO \\0"\n', 5),
        ("Y004", "schema_version: 1\nkind: procedure\nid: proc-z\ntitle: TODO\n---\na: 1\n", 6),
        ("Y005", "schema_version: 1\nkind: procedure\nid: &i proc-z\ntitle: *i\n", 4),
    ],
)
def test_no_comment_suppresses_an_error_that_leaves_the_file_unread(
    make_project, code: str, body: str, line: int
) -> None:
    # A file netlint could not read as content is not checked by the rules that need its data: a comment
    # hiding its Y error hid every other finding too, and the run passed (exit 0) with a page missing half
    # its fields. The error stays, and the comment is reported (configuration can still ignore the code).
    text = f"# netlint: disable-file={code}\n{body}"
    root = make_project({"content/procedures/proc-z.yaml": text}, base=True)
    result = run(root)
    assert ("content/procedures/proc-z.yaml", code, line) in [(p, c, ln) for p, c, ln, _ in found(result)], found(
        result
    )
    (y007,) = [d for d in result.diagnostics if d.code == "Y007"]
    assert (y007.line, y007.column) == (1, 1)
    assert y007.message.startswith(f"{code} (") and "cannot be suppressed" in y007.message
    root = make_project({"content/procedures/proc-z.yaml": body}, base=True, config=f'ignore = ["{code}"]\n')
    assert code not in {d.code for d in run(root).diagnostics}


def test_a_letter_that_covers_only_an_error_no_comment_suppresses_says_why(make_project) -> None:
    text = "# netlint: disable-file=Y\nschema_version: 1\nkind: procedure\nid: &i proc-z\ntitle: *i\n"
    result = run(make_project({"content/procedures/proc-z.yaml": text}, base=True))
    (y007,) = [d for d in result.diagnostics if d.code == "Y007"]
    assert (y007.line, y007.column) == (1, 1)
    assert y007.message == (
        "suppression of Y suppresses nothing in this file: no comment can suppress Y005; fix it, and remove Y here"
    )
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "Y005"] == [("Y005", 4), ("Y005", 5)]
