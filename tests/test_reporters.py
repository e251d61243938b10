"""The sarif, github and junit reporters, --format/--output pairs, --fail-on, --strict and --statistics."""

from __future__ import annotations

import contextlib
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import PROCEDURE, TODAY, invoke_validate, run
from netlint import __version__
from netlint.api import known_codes
from netlint.config import load_config
from netlint.diagnostic import Diagnostic, Severity
from netlint.reporters import github_report, junit_report, sarif_report
from netlint.rules import load_all

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
BAD_ID = "content/procedures/proc-a.yaml"


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def invoke(root: Path, *args: str):
    return invoke_validate(root, *args, today=TODAY)


def bad_project(make_project, *, unlisted: int = 0) -> Path:
    """proc-a has id proc-b: N001 error and N004 warning at 3:5, N003 error in the topic (12:14) for proc-a.

    ``unlisted`` extra procedures that no topic lists add one N004 warning each.
    """
    files = {BAD_ID: PROCEDURE.format(id="proc-b")}
    for i in range(unlisted):
        files[f"content/procedures/extra-{i}.yaml"] = PROCEDURE.format(id=f"extra-{i}")
    return make_project(files, base=True)


def sarif_of(root: Path, **overrides: object) -> dict:
    config = load_config(root, known_codes(), **overrides)
    return sarif_report.document(run(root, **overrides), config)


# --- SARIF -------------------------------------------------------------------------------------------


def test_sarif_is_valid_against_the_official_schema(make_project) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft4Validator  # the schema declares draft-04
    validator_class.check_schema(schema)
    log = sarif_of(bad_project(make_project, unlisted=1))
    errors = sorted(validator_class(schema).iter_errors(log), key=str)
    assert errors == []
    assert log["runs"][0]["results"], "the log must hold results for the schema check to mean something"


def test_sarif_clean_project_is_valid_too(make_project) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = sarif_of(make_project(base=True))
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_has_what_github_code_scanning_needs(make_project) -> None:
    log = sarif_of(bad_project(make_project, unlisted=1))
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "netlint" and driver["version"] == __version__
    registry = load_all()
    assert [rule["id"] for rule in driver["rules"]] == list(registry)
    for descriptor in driver["rules"]:
        rule = registry[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"] == rule.doc and "## Why it matters" in descriptor["help"]["text"]
        assert (
            descriptor["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        )
    by_rule = {result["ruleId"]: result for result in run_["results"]}
    n001 = by_rule["N001"]
    assert driver["rules"][n001["ruleIndex"]]["id"] == "N001"
    assert n001["level"] == "error" and "differs from the file name" in n001["message"]["text"]
    location = n001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": BAD_ID, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 11}
    assert by_rule["N004"]["level"] == "warning"
    assert all(result["partialFingerprints"] for result in run_["results"])


def test_sarif_info_level_is_note_and_uri_is_escaped(make_project) -> None:
    root = make_project(
        {"content/procedures/extra one.yaml": PROCEDURE.format(id="extra-one")},
        base=True,
        config='[severity]\nN004 = "info"\n',
    )
    results = sarif_of(root)["runs"][0]["results"]
    n004 = [r for r in results if r["ruleId"] == "N004"][0]
    assert n004["level"] == "note"
    assert n004["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/procedures/extra%20one.yaml"


def _fingerprints(log: dict) -> dict[tuple[str, int], str]:
    out = {}
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        out[(result["ruleId"], region["startLine"])] = result["partialFingerprints"][sarif_report.FINGERPRINT_KEY]
    return out


def test_sarif_fingerprints_survive_lines_inserted_above(make_project) -> None:
    root = bad_project(make_project)
    before = _fingerprints(sarif_of(root))
    path = root / BAD_ID
    path.write_text("# a comment added later\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = _fingerprints(sarif_of(root))
    assert ("N001", 3) in before and ("N001", 5) in after
    assert after[("N001", 5)] == before[("N001", 3)]
    assert sorted(after.values()) == sorted(before.values())


def test_sarif_fingerprints_tell_findings_apart(make_project) -> None:
    root = bad_project(make_project, unlisted=2)
    prints = list(_fingerprints(sarif_of(root)).values())
    assert len(set(prints)) == len(prints)  # different files, codes or text: different fingerprints


def test_sarif_identical_findings_are_numbered() -> None:
    from netlint.fingerprint import SourceLines, numbered
    from netlint.loader import Document

    text = "a: x  y\nb: x  y\n"
    diags = [
        Diagnostic("content/a.yaml", line, 5, line, 7, "P004", Severity.WARNING, "whitespace", "repeated spaces")
        for line in (1, 2)
    ]
    result = _result(diags, [Document("content/a.yaml", text)])
    marks = [(mark, n) for _, mark, n in numbered(result.diagnostics, SourceLines(result, _config()))]
    assert marks[0][0] != marks[1][0]  # "a: x  y" and "b: x  y" are different lines
    same = [Document("content/a.yaml", "  - x  y\n  - x  y\n")]
    result = _result(diags, same)
    marks = [(mark, n) for _, mark, n in numbered(result.diagnostics, SourceLines(result, _config()))]
    assert marks[0][0] == marks[1][0] and [n for _, n in marks] == [1, 2]


def _config():
    from netlint.config import Config

    return Config(root=Path("/nonexistent"))


def _result(diagnostics: list[Diagnostic], documents: list) -> object:
    from netlint.api import Result

    paths = sorted({d.path for d in diagnostics})
    return Result(TODAY, diagnostics=diagnostics, checked_paths=paths, reported_paths=paths, documents=documents)


# --- GitHub ------------------------------------------------------------------------------------------


def test_github_annotations_from_the_cli(make_project) -> None:
    result = invoke(bad_project(make_project, unlisted=1), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=content/procedures/proc-a.yaml,line=3,col=5,endLine=3,endColumn=11,title=N001::"
        "id 'proc-b' differs from the file name 'proc-a'; make them the same"
    ) in lines
    assert any(line.startswith("::warning file=content/procedures/extra-0.yaml,line=3,col=5,") for line in lines)
    assert all(line.startswith("::") for line in lines)


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    diag = Diagnostic("content/a,b:c%.yaml", 2, 3, 2, 9, "P001", Severity.INFO, "x", "50% done\r\nnext: a,b")
    assert github_report.command(diag) == (
        "::notice file=content/a%2Cb%3Ac%25.yaml,line=2,col=3,endLine=2,endColumn=9,title=P001::"
        "50%25 done%0D%0Anext: a,b"
    )


def test_github_multi_line_span_has_no_columns() -> None:
    diag = Diagnostic("content/a.yaml", 2, 3, 4, 1, "P007", Severity.WARNING, "x", "too hard")
    assert github_report.command(diag) == "::warning file=content/a.yaml,line=2,endLine=4,title=P007::too hard"


def test_paths_are_relative_to_the_github_workspace(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project in a sub-folder of the repository: annotations and SARIF name files from the repository root."""
    root = bad_project(make_project)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root.parent))
    result = invoke(root, "--format", "github")
    assert f"file={root.name}/content/procedures/proc-a.yaml," in result.stdout
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_of(root)["runs"][0]["results"]
    }
    assert f"{root.name}/{BAD_ID}" in uris
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    assert "file=content/procedures/proc-a.yaml," in invoke(root, "--format", "github").stdout


# --- JUnit -------------------------------------------------------------------------------------------


def test_junit_one_testcase_per_file_with_failures(make_project) -> None:
    result = invoke(bad_project(make_project, unlisted=1), "--format", "junit")
    assert result.exit_code == 1
    suites = ET.fromstring(result.stdout)
    suite = suites.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 6  # 3 registries, 1 topic, proc-a, extra-0
    assert suite.get("tests") == "6" and suite.get("failures") == "2" and suite.get("errors") == "0"
    by_name = {case.get("classname"): case for case in cases}
    failure = by_name[BAD_ID].find("failure")
    assert failure is not None and failure.get("message") == "1 error"
    assert f"{BAD_ID}:3:5: N001 [error]" in (failure.text or "")
    assert f"{BAD_ID}:3:5: N004 [warning]" in (by_name[BAD_ID].findtext("system-out") or "")
    assert by_name["content/topics/topic-a.yaml"].find("failure") is not None
    extra = by_name["content/procedures/extra-0.yaml"]
    assert extra.find("failure") is None  # a warning does not fail the case unless --fail-on says so
    assert "N004 [warning]" in (extra.findtext("system-out") or "")
    assert by_name["content/sources.yaml"].find("failure") is None


def test_junit_follows_fail_on(make_project) -> None:
    result = invoke(bad_project(make_project, unlisted=1), "--format", "junit", "--fail-on", "warning")
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "3"


def test_junit_escapes_markup_and_control_characters() -> None:
    message = 'found <b>&"\x00\x1b'
    diag = Diagnostic("content/<a>&.yaml", 1, 1, 1, 2, "Y003", Severity.ERROR, "encoding", message)
    result = _result([diag], [])
    from io import StringIO

    stream = StringIO()
    junit_report.write(result, stream, _config())  # type: ignore[arg-type]
    root = ET.fromstring(stream.getvalue())
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("classname") == "content/<a>&.yaml"
    assert 'found <b>&"\\x00\\x1b' in (case.findtext("failure") or "")


# --- several reports in one run ----------------------------------------------------------------------


def test_several_format_output_pairs(make_project, tmp_path: Path) -> None:
    root = bad_project(make_project)
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    result = invoke(
        root,
        "--format",
        "sarif",
        "--output",
        str(sarif),
        "--format",
        "junit",
        "--output",
        str(junit),
        "--format",
        "github",
    )
    assert result.exit_code == 1
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert ET.fromstring(junit.read_text(encoding="utf-8")).tag == "testsuites"
    assert result.stdout.startswith("::error file=content/procedures/proc-a.yaml,line=3,")


def test_two_reports_on_standard_output_are_refused_before_the_run(make_project) -> None:
    # "--output -" is standard output too: a JSON report then a SARIF one there could be read as neither.
    root = bad_project(make_project)
    for args in [
        ("--format", "json", "--output", "-", "--format", "sarif"),
        ("--format", "sarif", "--output", "-", "--format", "junit", "--output", "-"),
        ("--format", "json", "--format", "sarif"),
    ]:
        result = invoke(root, *args)
        assert result.exit_code == 2, args
        assert result.stdout == "", args
        assert "only one --format can go to standard output" in result.stderr, args
    one = invoke(root, "--format", "json", "--output", "-")
    assert one.exit_code == 1 and json.loads(one.stdout)["diagnostics"]


def test_an_output_through_a_symbolic_link_replaces_the_file_it_links_to(make_project, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert invoke(bad_project(make_project), "--format", "json", "--output", str(link)).exit_code == 1
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert json.loads(real.read_text(encoding="utf-8"))["diagnostics"]


def test_output_to_dev_stdout_writes_into_the_file_the_shell_opened(make_project, tmp_path: Path) -> None:
    # `--output /dev/stdout > r.json`: /dev/stdout leads to r.json, a regular file, which must be written
    # into (replacing it would leave the shell's stream pointing at a deleted file, or fail across devices).
    import subprocess
    import sys

    root = bad_project(make_project)
    report = tmp_path / "r.json"
    with report.open("w", encoding="utf-8") as stream:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "netlint",
                "validate",
                "--today",
                str(TODAY),
                "--format",
                "json",
                "--output",
                "/dev/stdout",
            ],
            cwd=root,
            stdout=stream,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["diagnostics"]


def test_a_report_file_named_for_another_format_gets_a_note(make_project, tmp_path: Path) -> None:
    # --format github --format sarif --output x.sarif: the github report goes to x.sarif (first with first)
    root = bad_project(make_project)
    sarif = tmp_path / "x.sarif"
    result = invoke(root, "--format", "github", "--format", "sarif", "--output", str(sarif))
    assert result.exit_code == 1 and sarif.read_text(encoding="utf-8").startswith("::error")
    assert f"note: --output {sarif} gets the github report" in result.stderr
    paired = invoke(root, "--format", "sarif", "--output", str(tmp_path / "y.sarif.json"), "--format", "github")
    assert "note: --output" not in paired.stderr
    quiet = invoke(root, "--format", "github", "--output", str(sarif), "--quiet")
    assert "note:" not in quiet.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_every_format_writes_to_an_output_file(make_project, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = invoke(bad_project(make_project), "--format", fmt, "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert "proc-a.yaml" in out.read_text(encoding="utf-8")


# --- exit threshold and statistics -------------------------------------------------------------------


def test_fail_on_threshold(make_project) -> None:
    root = make_project({"content/procedures/extra-0.yaml": PROCEDURE.format(id="extra-0")}, base=True)
    assert invoke(root).exit_code == 0  # a warning alone does not fail
    assert invoke(root, "--fail-on", "warning").exit_code == 1
    assert invoke(root, "--fail-on", "info").exit_code == 1
    assert invoke(root, "--strict").exit_code == 1
    assert invoke(root, "--fail-on", "error").exit_code == 0


def test_fail_on_from_configuration_and_info_level(make_project) -> None:
    root = make_project(
        {"content/procedures/extra-0.yaml": PROCEDURE.format(id="extra-0")},
        base=True,
        config='fail_on = "warning"\n[severity]\nN004 = "info"\n',
    )
    assert invoke(root).exit_code == 0  # N004 is info now, below the configured threshold
    assert invoke(root, "--fail-on", "info").exit_code == 1
    assert invoke(root, "--strict").exit_code == 1  # --strict: any diagnostic fails (SPEC §6)


def test_fail_on_configuration_is_overridden_by_the_flag(make_project) -> None:
    root = make_project(
        {"content/procedures/extra-0.yaml": PROCEDURE.format(id="extra-0")}, base=True, config='fail_on = "warning"\n'
    )
    assert invoke(root).exit_code == 1
    assert invoke(root, "--fail-on", "error").exit_code == 0


def test_strict_contradicting_fail_on_is_a_usage_error(make_project) -> None:
    result = invoke(make_project(base=True), "--strict", "--fail-on", "error")
    assert result.exit_code == 2 and "--strict" in result.stderr


def test_statistics_counts_per_code_most_frequent_first(make_project) -> None:
    result = invoke(bad_project(make_project, unlisted=2), "--statistics")
    lines = result.stdout.splitlines()
    assert lines[-3:] == [
        "  3  N004  unlisted-procedure   [warning]",
        "  1  N001  id-matches-filename  [error]",
        "  1  N003  unknown-reference    [error]",
    ]
    assert lines[-4] == "Found 2 errors and 3 warnings in 4 files (7 files checked)."
    assert result.exit_code == 1


def test_statistics_go_to_stderr_when_stdout_is_machine_readable(make_project) -> None:
    result = invoke(bad_project(make_project), "--format", "json", "--statistics")
    json.loads(result.stdout)
    assert "  1  N001  id-matches-filename  [error]" in result.stderr


def test_statistics_empty_when_clean(make_project) -> None:
    result = invoke(make_project(base=True), "--statistics")
    assert result.stdout == "No problems found (5 files checked).\n" and result.exit_code == 0


def test_output_to_a_fifo_writes_into_it_and_keeps_it(make_project, tmp_path: Path) -> None:
    """`--output /dev/null` or a named pipe is written into, never replaced by a regular file."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    try:
        result = invoke(bad_project(make_project), "--format", "github", "--output", str(fifo))
    finally:
        if reader.is_alive():  # the writer never opened the pipe: unblock the reader, if it still waits
            # (non-blocking: a reader that has just finished is no longer there to open it)
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert result.exit_code == 1
    assert fifo.is_fifo()
    assert received and received[0].startswith("::error file=content/procedures/proc-a.yaml")


def test_a_fifo_in_the_content_folder_does_not_hang_a_sarif_report_or_a_baseline(make_project) -> None:
    import os
    import subprocess
    import sys

    root = make_project(base=True)
    os.mkfifo(root / "content/procedures/zz.yaml")
    env = {**os.environ, "NETLINT_TODAY": "2026-11-26"}
    for args, code in ((("--format", "sarif"), 1), (("--write-baseline", "b.json"), 0)):  # the Y003: recorded
        command = [sys.executable, "-m", "netlint", "validate", "--no-cache", *args]
        # Reading the FIFO would wait for a writer forever: the timeout turns a hang into a failure.
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == code and "Traceback" not in done.stderr, (args, done.stderr)
    assert "content/procedures/zz.yaml" in (root / "b.json").read_text(encoding="utf-8")
