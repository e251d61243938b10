"""The command line end to end: formats, exit codes, paths, dates, rules and explain."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PROCEDURE, TODAY
from netlint import __version__
from netlint.cli import main
from netlint.rules import RULES, load_all

REPO = Path(__file__).resolve().parent.parent


def invoke(root: Path, *args: str, env: dict[str, str] | None = None):
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return runner.invoke(main, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(cwd)


def bad_project(make_project) -> Path:
    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgery")
    return make_project({"content/procedures/proc-a.yaml": text}, base=True)


def test_text_format_and_exit_1_on_error(make_project) -> None:
    result = invoke(bad_project(make_project), "validate", "--today", "2026-11-26")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("content/procedures/proc-a.yaml:7:11: S001 [error] 'approach' is 'surgery'")
    assert lines[-1] == "Found 1 error and 0 warnings in 1 file (5 files checked)."


def test_exit_0_and_summary_when_clean(make_project) -> None:
    result = invoke(make_project(base=True), "validate", "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found (5 files checked).\n"


def test_json_format_matches_spec(make_project) -> None:
    result = invoke(bad_project(make_project), "validate", "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["netlint"] == __version__ and payload["today"] == "2026-11-26" and payload["files_checked"] == 5
    assert payload["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert payload["diagnostics"] == [
        {
            "path": "content/procedures/proc-a.yaml",
            "line": 7,
            "column": 11,
            "end_line": 7,
            "end_column": 18,
            "code": "S001",
            "severity": "error",
            "rule": "schema",
            "message": payload["diagnostics"][0]["message"],
        }
    ]


def test_paths_report_only_those_files_but_read_the_whole_project(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}, base=True)
    only_topic = invoke(root, "validate", "content/topics/topic-a.yaml")
    assert only_topic.exit_code == 0 and "N004" not in only_topic.output
    only_z = invoke(root, "validate", "content/procedures/proc-z.yaml")
    assert "content/procedures/proc-z.yaml:3:5: N004" in only_z.output
    assert only_z.exit_code == 0  # a warning does not fail


def test_text_paths_are_relative_to_the_working_folder_as_peers_print_them(make_project, tmp_path) -> None:
    # ruff, yamllint and check-jsonschema print a path a terminal can open from where the user is;
    # JSON keeps SPEC's path, relative to the project root.
    root = make_project({"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}, base=True)
    expected = "content/procedures/proc-z.yaml:3:5: N004"
    from_root = invoke(root, "validate", "--today", "2026-11-26")
    assert expected in from_root.output
    inside = invoke(root / "content" / "procedures", "validate", "--today", "2026-11-26", "proc-z.yaml")
    assert inside.output.startswith("proc-z.yaml:3:5: N004"), inside.output
    beside = invoke(root / "content" / "topics", "validate", "--today", "2026-11-26", "--quiet")
    assert beside.output.startswith("../procedures/proc-z.yaml:3:5: N004"), beside.output
    above = invoke(tmp_path, "validate", "--today", "2026-11-26", "project/content/procedures/proc-z.yaml")
    assert above.output.startswith(f"project/{expected}"), above.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = root / "content" / "procedures" / "proc-z.yaml"
    outside = invoke(elsewhere, "validate", "--today", "2026-11-26", str(target))
    assert outside.output.startswith(f"{target.resolve().as_posix()}:3:5: N004"), outside.output
    as_json = invoke(root / "content" / "procedures", "validate", "--today", "2026-11-26", "--format", "json")
    assert [d["path"] for d in json.loads(as_json.output)["diagnostics"]] == ["content/procedures/proc-z.yaml"]


def test_paths_in_no_project_at_all_are_skipped_with_a_note(tmp_path: Path) -> None:
    # pre-commit in a monorepo gives a workflow file alone: no project above it, none here
    (tmp_path / "ci.yml").write_text("on: push\n")
    result = invoke(tmp_path, "validate", "ci.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "No problems found (0 files checked).\n"
    assert "note: ci.yml: skipped: not inside a netlint project" in result.stderr
    as_json = invoke(tmp_path, "validate", "ci.yml", "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["files_checked"] == 0
    assert invoke(tmp_path, "validate").exit_code == 2  # no paths: the missing project is an error
    # A folder named outside any project is an error too: checking nothing in it must not pass.
    (tmp_path / "site" / "content").mkdir(parents=True)
    folder = invoke(tmp_path, "validate", "site")
    assert folder.exit_code == 2 and folder.stdout == ""
    assert "site is not inside a netlint project" in folder.stderr


def test_a_selection_of_nothing_is_refused(make_project) -> None:
    root = make_project(base=True)
    for args in (["--select", " "], ["--select", ""], ["--select", ","]):
        result = invoke(root, "validate", *args)
        assert result.exit_code == 2, args
        assert "'--select' selects no rule" in result.stderr, args


def test_a_folder_given_with_no_content_files_is_named_a_folder(make_project) -> None:
    root = make_project(base=True)
    (root / "content" / "drafts").mkdir()
    result = invoke(root, "validate", "content/drafts")
    assert result.exit_code == 0
    assert "note: content/drafts: skipped: a folder with no content files (*.yaml, *.yml)" in result.output


def test_paths_outside_content_are_skipped_with_a_note(make_project) -> None:
    root = make_project(base=True)
    (root / "README.yaml").write_text("a: 1\n")
    result = invoke(root, "validate", "README.yaml")
    assert result.exit_code == 0
    assert "note: README.yaml: skipped: not inside the content folder" in result.output


def test_content_of_another_project_is_skipped_with_a_note_that_says_so(make_project) -> None:
    # Two projects in one repository: pre-commit passes both projects' files to one hook. SPEC §6 skips
    # a path outside the content folder with a note; this one names the other project.
    root = make_project(base=True)
    other = root / "site2"
    (other / "content" / "procedures").mkdir(parents=True)
    (other / "netlint.toml").write_text('content = "content"\n')
    (other / "content" / "procedures" / "x.yaml").write_text("title: TODO\n")
    (other / "README.yaml").write_text("a: 1\n")
    result = invoke(root, "validate", "content/procedures/proc-a.yaml", "site2/content/procedures/x.yaml")
    assert result.exit_code == 0, result.output
    note = (
        f"note: site2/content/procedures/x.yaml: skipped: content of another netlint project ({other / 'netlint.toml'})"
    )
    assert note in result.output
    # Not content of the other project: the usual note.
    result = invoke(root, "validate", "content/procedures/proc-a.yaml", "site2/README.yaml")
    assert result.exit_code == 0 and "note: site2/README.yaml: skipped: not inside the content folder" in result.output


def test_a_folder_holding_the_content_folder_reports_every_file(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}, base=True)
    whole = invoke(root, "validate")
    assert "content/procedures/proc-z.yaml:3:5: N004" in whole.output
    for given in (".", "./", str(root)):
        result = invoke(root, "validate", "--strict", given)
        assert result.exit_code == 1 and result.output == whole.output, given
    (root / "sub").mkdir()
    beside = invoke(root, "validate", "--strict", "sub")  # a folder beside the content: nothing in it
    assert beside.exit_code == 0 and "note: sub: skipped: not inside the content folder" in beside.output


def test_outside_any_project_says_no_configuration_was_found(tmp_path: Path) -> None:
    result = invoke(tmp_path, "validate")
    assert result.exit_code == 2
    assert result.output == (
        f"netlint: error: content folder 'content' does not exist in {tmp_path}, where no netlint.toml or "
        "[tool.netlint] was found (nor in any folder above it): run netlint inside the project, or give a path "
        "inside it\n"
    )


def test_a_hidden_file_named_on_the_command_line_is_skipped_with_a_note(make_project) -> None:
    root = make_project(base=True)
    (root / "content" / "procedures" / ".draft.yaml").write_text("title: TODO\n", encoding="utf-8")
    result = invoke(root, "validate", "content/procedures/.draft.yaml")
    assert result.exit_code == 0
    assert "note: content/procedures/.draft.yaml: skipped: a name starting with '.' is hidden, never content" in (
        result.output
    )


def test_an_upper_case_extension_is_content_too(make_project) -> None:
    # "Extra.YAML" is a content file on a case-insensitive file system: it was silently never checked.
    root = make_project(base=True)
    (root / "content" / "procedures" / "Extra.YAML").write_text(PROCEDURE.format(id="extra"), encoding="utf-8")
    result = invoke(root, "validate", "--today", "2026-11-26")
    assert result.exit_code == 1
    assert (
        "content/procedures/Extra.YAML:3:5: N001 [error] id 'extra' differs from the file name 'Extra'" in result.stdout
    )
    named = invoke(root, "validate", "--today", "2026-11-26", "content/procedures/Extra.YAML")
    assert named.exit_code == 1 and "skipped" not in named.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_report_that_cannot_be_written_names_the_option_and_the_file(make_project) -> None:
    root = bad_project(make_project)
    result = invoke(root, "validate", "--format", "json", "--output", "/dev/full")
    assert result.exit_code == 2
    assert result.stderr == "netlint: error: --output /dev/full: cannot write: No space left on device\n"


def test_strict_fails_on_warnings(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}, base=True)
    assert invoke(root, "validate").exit_code == 0
    assert invoke(root, "validate", "--strict").exit_code == 1


def test_select_and_ignore_from_the_command_line(make_project) -> None:
    root = bad_project(make_project)
    assert invoke(root, "validate", "--ignore", "S").exit_code == 0
    assert invoke(root, "validate", "--select", "N,Y").exit_code == 0
    assert invoke(root, "validate", "--select", "S001").exit_code == 1


def test_select_on_the_command_line_starts_over_as_in_ruff(make_project) -> None:
    # The configuration ignores N004 (a procedure no topic lists) and P004; asking for N004 on the
    # command line shows it, and --ignore still adds to that selection.
    files = {"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}
    root = make_project(files, base=True, config='ignore = ["N004", "P004"]\n')
    assert "N004" not in invoke(root, "validate").output
    shown = invoke(root, "validate", "--select", "N004")
    assert "content/procedures/proc-z.yaml:3:5: N004 [warning]" in shown.output, shown.output
    assert "N004" not in invoke(root, "validate", "--select", "N", "--ignore", "N004").output
    # Without --select, the configured ignore stays, and --ignore adds to it.
    assert "N004" not in invoke(root, "validate", "--ignore", "R").output


def test_today_from_environment_and_bad_dates(make_project) -> None:
    root = make_project(base=True)
    result = invoke(root, "validate", "--format", "json", env={"NETLINT_TODAY": "2027-01-02"})
    assert json.loads(result.output)["today"] == "2027-01-02"
    bad = invoke(root, "validate", "--today", "2027-02-30")
    assert bad.exit_code == 2 and "--today: '2027-02-30' is not a real date" in bad.output
    bad_env = invoke(root, "validate", env={"NETLINT_TODAY": "soon"})
    assert bad_env.exit_code == 2 and "NETLINT_TODAY" in bad_env.output


def test_usage_errors_exit_2(make_project) -> None:
    root = make_project(base=True)
    assert invoke(root, "validate", "--format", "yaml").exit_code == 2
    assert invoke(root, "validate", "--bogus").exit_code == 2


def test_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text('# where the pages are\ncontent = "pages"\n')
    result = invoke(tmp_path, "validate")
    assert result.exit_code == 2
    # at the setting, as every other configuration error is placed
    toml = tmp_path / "netlint.toml"
    assert result.output == f"netlint: error: {toml}:2:1: content folder 'pages' does not exist\n"


def test_a_missing_baseline_file_is_placed_at_its_setting(make_project) -> None:
    root = make_project(base=True, config='fail_on = "error"\nbaseline = "known.json"\n')
    result = invoke(root, "validate")
    assert result.exit_code == 2
    assert result.output == (
        f"netlint: error: {root / 'netlint.toml'}:3:1: baseline 'known.json': no such file; "
        "record one with `netlint validate --write-baseline FILE`\n"
    )


def test_output_file_is_written(make_project, tmp_path: Path) -> None:
    root = bad_project(make_project)
    target = tmp_path / "report.json"
    result = invoke(root, "validate", "--format", "json", "--output", str(target))
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(target.read_text())["summary"]["error"] == 1


def test_a_report_or_baseline_is_not_written_where_it_would_be_read_as_content(make_project) -> None:
    root = make_project(base=True)
    for option in ("--output", "--write-baseline"):
        result = invoke(root, "validate", option, "content/report.yaml")
        assert result.exit_code == 2, option
        assert result.output == (
            f"netlint: error: {option} content/report.yaml is a YAML file inside the content folder; "
            "netlint would read it as content in the next run: write it elsewhere\n"
        )
        assert not (root / "content/report.yaml").exists()
    # Elsewhere in the project, or not YAML, it is written.
    assert invoke(root, "validate", "--format", "json", "--output", "content/report.json").exit_code == 0
    assert invoke(root, "validate", "--output", "report.yaml").exit_code == 0
    assert (root / "content/report.json").is_file() and (root / "report.yaml").is_file()


def test_a_report_is_not_written_over_the_configuration_or_the_baseline_in_use(make_project) -> None:
    # A swapped CI line ("--output netlint.toml") replaced the configuration with a JSON report: every run
    # after it failed with "invalid TOML", and nothing of the settings was left.
    root = make_project(base=True, config='baseline = "known.json"\n')
    assert invoke(root, "validate", "--write-baseline", "known.json", "-q").exit_code == 0
    settings = (root / "netlint.toml").read_text(encoding="utf-8")
    known = (root / "known.json").read_text(encoding="utf-8")
    (root / "other.json").write_text((root / "known.json").read_text(encoding="utf-8"), encoding="utf-8")
    read = "a baseline netlint reads (the one this run applies, or the one netlint.toml names)"
    for options, target, what, written in [
        (("--output",), "netlint.toml", "netlint's configuration", "report"),
        (("--output",), "./known.json", read, "report"),
        (("--baseline", "other.json", "--output"), "known.json", read, "report"),  # the one configured
        (("--write-baseline",), "netlint.toml", "netlint's configuration", "baseline"),
    ]:
        result = invoke(root, "validate", "--format", "json", *options, target)
        assert result.exit_code == 2, (options, target)
        assert result.output == (
            f"netlint: error: {options[-1]} {Path(target)} is {what}; netlint reads it: write the {written} elsewhere\n"
        )
    both = invoke(root, "validate", "--format", "json", "--output", "r.json", "--write-baseline", "r.json")
    assert both.exit_code == 2 and not (root / "r.json").exists()
    assert "--write-baseline r.json is also an --output file" in both.output
    assert (root / "netlint.toml").read_text(encoding="utf-8") == settings
    assert (root / "known.json").read_text(encoding="utf-8") == known
    assert invoke(root, "validate", "--write-baseline", "known.json", "-q").exit_code == 0  # what it is for


def test_a_path_that_does_not_exist_is_a_usage_error(make_project) -> None:
    root = make_project(base=True)
    result = invoke(root, "validate", "content/procedures/proc-a.yml", "content/nope")
    assert result.exit_code == 2
    assert "netlint: error: no such file or folder: content/procedures/proc-a.yml, content/nope" in result.output


def test_the_project_is_found_from_the_first_path_inside_one(make_project, tmp_path: Path) -> None:
    # pre-commit passes every changed file: a workflow file outside the project may come first.
    root = bad_project(make_project)
    outer = root.parent
    (outer / ".github").mkdir()
    (outer / ".github" / "ci.yml").write_text("on: push\n")
    result = invoke(outer, "validate", ".github/ci.yml", "project/content/procedures/proc-a.yaml")
    assert result.exit_code == 1, result.output
    assert "content/procedures/proc-a.yaml:7:11: S001" in result.output
    assert "note: .github/ci.yml: skipped: not inside the content folder" in result.output


def test_repeated_select_and_ignore_add_up(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgery")
    text = text.replace("    text: The surgeon removes the tumor.", "    text: The resecton  removes the tumor.")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    codes = {
        line.split()[1]
        for line in invoke(root, "validate", "-q", "--select", "P005", "--select", "P004").output.splitlines()
    }
    assert codes == {"P004", "P005"}
    codes = {
        line.split()[1]
        for line in invoke(root, "validate", "-q", "--ignore", "S", "--ignore", "P005").output.splitlines()
    }
    assert codes == {"P004"}


def test_reports_written_to_files_are_readable_and_distinct(make_project, tmp_path: Path) -> None:
    root = bad_project(make_project)
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        assert invoke(root, "validate", "-q", "--output", str(fresh)).exit_code == 1
        assert fresh.stat().st_mode & 0o777 == 0o644
        assert fresh.read_text().startswith("content/procedures/proc-a.yaml:7:11: S001")
        assert "Found" not in fresh.read_text()  # --quiet: no summary line, in a file too
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o640)
        assert invoke(root, "validate", "--format", "json", "--output", str(kept)).exit_code == 1
        assert kept.stat().st_mode & 0o777 == 0o640 and json.loads(kept.read_text())["summary"]["error"] == 1
    finally:
        os.umask(old)
    same = invoke(root, "validate", "--format", "json", "--output", "r", "--format", "sarif", "--output", "./r")
    assert same.exit_code == 2 and "the same --output file" in same.output
    assert not (root / "r").exists()
    dash = invoke(root, "validate", "--format", "json", "--output", "-")
    assert dash.exit_code == 1 and json.loads(dash.output)["summary"]["error"] == 1
    assert not (root / "-").exists()


def test_rules_lists_every_rule_in_text_and_json(make_project) -> None:
    root = make_project(base=True)
    text = invoke(root, "rules")
    payload = json.loads(invoke(root, "rules", "--format", "json").output)
    codes = [entry["code"] for entry in payload]
    assert codes == sorted(load_all())
    for entry in payload:
        assert entry["summary"] and entry["severity"] in ("error", "warning", "info") and entry["name"]
        assert f"{entry['code']}  {entry['name']}" in text.output


@pytest.mark.parametrize("code", sorted(load_all()))
def test_explain_documents_every_rule(make_project, code: str) -> None:
    result = invoke(make_project(base=True), "explain", code.lower())
    assert result.exit_code == 0
    for section in ("## What it does", "## Why it matters", "## Example", "## Use instead", "## Options"):
        assert section in result.output
    from netlint.suppressions import UNSUPPRESSIBLE

    if code in UNSUPPRESSIBLE:
        assert f"No comment can suppress {UNSUPPRESSIBLE[code]}." in result.output
    else:
        assert f"disable={code}" in result.output


def test_explain_unknown_code(make_project) -> None:
    result = invoke(make_project(base=True), "explain", "S01")
    assert result.exit_code == 2 and "unknown rule code 'S01'" in result.output


def test_explain_takes_a_rule_s_name_as_reports_give_it(make_project) -> None:
    project = make_project(base=True)
    by_code = invoke(project, "explain", "T006")
    for name in ("size-text-mismatch", "Size-Text-Mismatch", " size-text-mismatch "):
        by_name = invoke(project, "explain", name)
        assert by_name.exit_code == 0 and by_name.output == by_code.output
    typo = invoke(project, "explain", "size-text-mismach")
    assert (
        typo.exit_code == 2
        and "unknown rule name 'size-text-mismach' (did you mean size-text-mismatch?)" in typo.output
    )


def test_version_and_python_dash_m() -> None:
    assert CliRunner().invoke(main, ["--version"]).output == f"netlint {__version__}\n"
    done = subprocess.run([sys.executable, "-m", "netlint", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"netlint {__version__}\n"


def test_the_command_leaves_at_once_with_its_output_and_exit_code_intact(make_project) -> None:
    """The console script ends with os._exit: stdout is flushed first, even into a pipe, and the status kept."""
    import shutil

    root = make_project(base=True)
    command = shutil.which("netlint", path=str(Path(sys.executable).parent)) or "netlint"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}  # block-buffered stdout
    env["NETLINT_TODAY"] = TODAY.isoformat()
    clean = subprocess.run([command, "validate", "--format", "json"], cwd=root, env=env, capture_output=True, text=True)
    assert clean.returncode == 0 and json.loads(clean.stdout)["files_checked"] > 0
    (root / "content" / "procedures" / "proc-a.yaml").write_text("kind: procedure\n", encoding="utf-8")
    failing = subprocess.run(
        [sys.executable, "-m", "netlint", "validate"], cwd=root, env=env, capture_output=True, text=True
    )
    assert failing.returncode == 1 and "proc-a.yaml:1:1" in failing.stdout and failing.stdout.endswith("\n")
    usage = subprocess.run([command, "nosuch"], cwd=root, env=env, capture_output=True, text=True)
    assert usage.returncode == 2 and "No such command" in usage.stderr


@pytest.mark.parametrize(
    "output",
    [("--no-cache",), ("--no-cache", "--output", "/dev/stdout"), ()],
    ids=["stdout", "output-dev-stdout", "replayed"],
)
def test_a_reader_that_leaves_early_ends_the_run_quietly(make_project, output: tuple[str, ...]) -> None:
    """`netlint validate --format sarif | head -c 10`: the same on standard output and through
    `--output /dev/stdout` (which named the broken pipe as a failure to write, exit 2), and when the
    run is replayed from the cache (Python's buffered writer took the pipe's partial write as done:
    exit 0, as if the report had been read)."""
    root = make_project(base=True)
    env = {**os.environ, "NETLINT_TODAY": TODAY.isoformat()}
    command = [sys.executable, "-m", "netlint", "validate", "--format", "sarif", *output]
    if not output:  # recorded by a run, then replayed
        for _ in range(2):
            subprocess.run(command, cwd=root, env=env, capture_output=True, check=True, timeout=120)
    run = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stderr is not None
    run.stdout.read(10)
    run.stdout.close()  # the reader leaves before the report (tens of kilobytes) is written
    err = run.stderr.read().decode()
    assert run.wait(timeout=60) == 141  # as a shell reports a command its reader left: not "errors found"
    assert err == "", err


def test_ctrl_c_while_the_command_line_is_read_exits_130(tmp_path: Path) -> None:
    # click turns it into "Aborted!" and exit 1 ("errors found") unless netlint marks it (70-90 ms after start).
    script = (
        "import os, signal, sys, click\n"
        "from netlint import cli\n"
        "read = click.Group.make_context\n"
        "def interrupted(self, *args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return read(self, *args, **kwargs)\n"
        "click.Group.make_context = interrupted\n"
        "sys.argv = ['netlint', 'rules']\n"
        "cli.entry()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "Aborted!" and done.stdout == ""


def test_no_traceback_when_the_configuration_is_broken(make_project) -> None:
    root = make_project(base=True, config="[prose\n")
    done = subprocess.run(
        [sys.executable, "-m", "netlint", "validate"], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert re.search(r"netlint\.toml:\d+:\d+: invalid TOML", done.stderr), done.stderr


@pytest.mark.parametrize("code", ["C001", "N003"])  # a document rule and a project rule
def test_a_rule_that_raises_is_an_internal_error_naming_it_exit_2(
    make_project, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    rule = load_all()[code]

    def broken(target: object, ctx: object):
        raise KeyError("boom")
        yield  # a generator, as rules are

    monkeypatch.setitem(RULES, code, dataclasses.replace(rule, check=broken))
    result = invoke(make_project(base=True), "validate", "--no-cache", "--jobs", "1", "--today", "2026-11-26")
    assert result.exit_code == 2
    where = " on content/" if code == "C001" else ": "
    assert f"netlint: error: internal error in rule {code} ({rule.name}){where}" in result.stderr
    assert "KeyError('boom')" in result.stderr and "Traceback" not in result.output


def test_control_characters_in_an_error_message_are_escaped(make_project) -> None:
    root = make_project(config='[prose]\n"\\u001b]0;pwn\\u0007" = 1\n', base=True)
    result = invoke(root, "validate")
    assert result.exit_code == 2
    assert "unknown key '\\x1b]0;pwn\\x07' in [prose]" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


@pytest.mark.parametrize("args", [["--debug", "validate"], ["validate", "--debug"], ["review", "--debug"]])
def test_debug_shows_the_python_error_before_or_after_the_command(tmp_path: Path, args: list[str]) -> None:
    from netlint.config import ConfigError

    cwd = os.getcwd()
    os.chdir(tmp_path)  # no project here: a configuration error
    try:
        plain = CliRunner().invoke(main, [arg for arg in args if arg != "--debug"])
        debugged = CliRunner().invoke(main, args)
    finally:
        os.chdir(cwd)
    assert plain.exit_code == 2 and plain.stderr.startswith("netlint: error: content folder 'content' does not exist")
    assert isinstance(debugged.exception, ConfigError)  # raised, with its traceback, instead of the one line


def test_help_lists_commands_in_full_and_counts_are_checked(make_project) -> None:
    top = CliRunner().invoke(main, ["--help"]).output
    commands = top[top.index("Commands:") :]
    assert "..." not in commands and "validate  Check the project's content (or report on some files)." in commands
    assert "[x>=0]" not in CliRunner().invoke(main, ["validate", "--help"]).output
    root = make_project(base=True)
    for args in (["validate", "--jobs", "-1"], ["validate", "--jobs", "two"], ["review", "--within", "-3"]):
        result = invoke(root, *args)
        assert result.exit_code == 2 and "is not a whole number of 0 or more" in result.output, args


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_standard_output_that_cannot_encode_every_character_still_gets_the_whole_report(
    make_project, encoding: str
) -> None:
    # A Windows pipe is cp1252, LANG=C is ASCII: "ß" or an emoji in a value stopped the report half written.
    text = PROCEDURE.format(id="proc-a").replace("review:", 'related: ["Größe-😀"]\nreview:')
    assert "Größe" in text
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NETLINT_TODAY": TODAY.isoformat()}
    command = [sys.executable, "-m", "netlint", "validate"]
    machine = subprocess.run([*command, "--format", "json"], cwd=root, env=env, capture_output=True, timeout=120)
    assert machine.returncode == 1, machine.stderr
    messages = [d["message"] for d in json.loads(machine.stdout.decode("utf-8"))["diagnostics"]]
    assert any("'Größe-😀' does not exist" in message for message in messages), messages
    human = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=120)
    assert human.returncode == 1, human.stderr
    shown = human.stdout.decode(encoding)
    assert "N003 [error] 'Gr" in shown and "\\U0001f600' does not exist" in shown, shown
    assert b"internal error" not in human.stderr + machine.stderr
    again = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=120)  # replayed, were it recorded
    assert (again.returncode, again.stdout, again.stderr) == (1, human.stdout, human.stderr)


def test_a_file_a_message_names_is_shown_as_the_diagnostic_s_own_path_is(make_project, monkeypatch) -> None:
    # N002 names the other page: from the repository holding the project, or from inside the content folder,
    # the named path did not open (it stayed relative to the project's root).
    root = make_project({"content/procedures/more/proc-a.yaml": PROCEDURE.format(id="proc-a")}, base=True)
    args = ("validate", "--today", "2026-11-26", "--select", "N002", "-q")
    assert invoke(root, *args).stdout == (
        "content/procedures/proc-a.yaml:3:5: N002 [error] id 'proc-a' is already used in "
        "content/procedures/more/proc-a.yaml:3\n"
    )
    assert invoke(root.parent, *args, str(root)).stdout == (
        f"{root.name}/content/procedures/proc-a.yaml:3:5: N002 [error] id 'proc-a' is already used in "
        f"{root.name}/content/procedures/more/proc-a.yaml:3\n"
    )
    assert invoke(root / "content/procedures", *args).stdout == (
        "proc-a.yaml:3:5: N002 [error] id 'proc-a' is already used in more/proc-a.yaml:3\n"
    )
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root.parent))
    assert invoke(root, *args, "--format", "github").stdout == (
        f"::error file={root.name}/content/procedures/proc-a.yaml,line=3,col=5,endLine=3,endColumn=11,title=N002"
        f"::id 'proc-a' is already used in {root.name}/content/procedures/more/proc-a.yaml:3\n"
    )
    log = json.loads(invoke(root, *args, "--format", "sarif").stdout)
    (found,) = log["runs"][0]["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        f"{root.name}/content/procedures/proc-a.yaml"
    )
    assert (
        found["message"]["text"] == f"id 'proc-a' is already used in {root.name}/content/procedures/more/proc-a.yaml:3"
    )


def test_output_to_dev_stdout_redirected_to_a_file_keeps_what_the_file_holds(make_project, tmp_path: Path) -> None:
    # Opened again by its name, /dev/stdout started at the file's start: "before" was written over.
    root = make_project(base=True)
    log = tmp_path / "log.txt"
    command = f"{{ echo before; {sys.executable} -m netlint validate --no-cache --output /dev/stdout; echo after; }}"
    env = {**os.environ, "NETLINT_TODAY": TODAY.isoformat()}
    subprocess.run(["bash", "-c", f"{command} > {log}"], cwd=root, env=env, check=True, timeout=120)
    assert log.read_text(encoding="utf-8") == "before\nNo problems found (5 files checked).\nafter\n"
