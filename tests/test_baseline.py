"""Baseline: --write-baseline records today's diagnostics; --baseline (or config) hides exactly those."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import PROCEDURE, TODAY, invoke_validate
from netlint import __version__, baseline
from netlint.api import Result
from netlint.config import Config
from netlint.diagnostic import Diagnostic, Severity
from netlint.loader import Document

PROC_A = "content/procedures/proc-a.yaml"


def invoke(root: Path, *args: str):
    return invoke_validate(root, *args, today=TODAY)


def legacy_project(make_project, config: str = "") -> Path:
    """proc-a is missing its title and summary (two S001 at the same place) and uses an unknown approach."""
    text = (
        PROCEDURE.format(id="proc-a")
        .replace("title: A procedure\n", "")
        .replace("summary: The surgeon removes the tumor.\n", "")
    )
    text = text.replace("approach: surgical", "approach: laser")
    return make_project({PROC_A: text}, base=True, config=config)


def edit(root: Path, rel: str, change) -> None:
    path = root / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def codes(output: str) -> list[str]:
    return [line.split(": ", 1)[1].split(" ")[0] for line in output.splitlines() if line.startswith("content/")]


def test_write_then_apply_hides_everything(make_project) -> None:
    root = legacy_project(make_project)
    before = invoke(root)
    assert before.exit_code == 1 and codes(before.stdout) == ["S001", "S001", "S001"]
    written = invoke(root, "--write-baseline", "netlint-baseline.json")
    assert written.exit_code == 0, written.output
    assert "wrote the baseline netlint-baseline.json: 3 entries for 3 diagnostics" in written.stderr
    payload = json.loads((root / "netlint-baseline.json").read_text(encoding="utf-8"))
    assert payload["format"] == baseline.FORMAT and payload["netlint"] == __version__ and payload["diagnostics"] == 3
    entries = payload["entries"]
    assert sorted((e["path"], e["code"], e["count"], e["text"]) for e in entries) == [
        (PROC_A, "S001", 1, "approach: laser"),
        # title and summary are missing from the document's mapping: at one place, each its own finding
        (PROC_A, "S001", 1, "schema_version: 1"),
        (PROC_A, "S001", 1, "schema_version: 1"),
    ]
    assert all("line" not in e for e in entries)  # matching never uses line numbers
    applied = invoke(root, "--baseline", "netlint-baseline.json")
    assert applied.exit_code == 0 and applied.stdout == "No problems found (5 files checked).\n"
    assert "3 known diagnostics hidden by the --baseline netlint-baseline.json" in applied.stderr


def test_notes_count_in_the_singular_for_one(make_project) -> None:
    root = make_project(
        {PROC_A: PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: laser")}, base=True
    )
    written = invoke(root, "--write-baseline", "b.json")
    assert "wrote the baseline b.json: 1 entry for 1 diagnostic\n" in written.stderr
    assert "1 known diagnostic hidden by the --baseline b.json\n" in invoke(root, "--baseline", "b.json").stderr


def test_baseline_file_is_deterministic(make_project) -> None:
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "a.json")
    invoke(root, "--write-baseline", "b.json")
    first = (root / "a.json").read_bytes()
    assert first == (root / "b.json").read_bytes()
    edit(root, PROC_A, lambda text: "# a new comment\n" + text)
    invoke(root, "--write-baseline", "c.json")
    assert (root / "c.json").read_bytes() == first  # moving lines does not change the baseline


def test_lines_inserted_above_keep_findings_hidden(make_project) -> None:
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json")
    edit(
        root,
        PROC_A,
        lambda text: "# Reviewed by the editors.\n\n" + text.replace("intent:", "risks: [bleeding]\nintent:"),
    )
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 0, result.output
    assert codes(result.stdout) == []
    assert "fixed" not in result.stderr


def test_edits_elsewhere_on_a_long_line_keep_findings_hidden(make_project) -> None:
    """A one-line paragraph: editing it away from the finding, or re-spacing a list, keeps the finding known."""
    summary = (
        "summary: During a colonoscopy the doctor looks at the whole colon and removes  any polyp that is found"
        " there, then sends it to the lab.\n"
    )
    root = legacy_project(make_project)
    edit(root, PROC_A, lambda text: text.replace("schema_version: 1\n", "schema_version: 1\n" + summary))
    assert codes(invoke(root).stdout) == ["S001", "P004", "S001"]
    invoke(root, "--write-baseline", "netlint-baseline.json")
    edit(root, PROC_A, lambda text: text.replace("During a colonoscopy", "During colonoscopy"))
    edit(root, PROC_A, lambda text: text.replace("sends it to the lab", "sends it to a laboratory"))
    edit(root, PROC_A, lambda text: text.replace("approach: laser", "approach:   laser"))
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 0 and codes(result.stdout) == [], result.output
    assert "fixed" not in result.stderr
    edit(root, PROC_A, lambda text: text.replace("removes  any", "removes  every"))  # next to the finding: new
    assert codes(invoke(root, "--baseline", "netlint-baseline.json").stdout) == ["P004"]


def test_new_findings_are_reported(make_project) -> None:
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json")
    edit(root, PROC_A, lambda text: text.replace("sites: [rectum]", "sites: [rectumm]"))
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{PROC_A}:6:9: S001 [error] 'sites[0]' is 'rectumm'")
    assert codes(result.stdout) == ["S001"]


def test_baseline_is_a_multiset(make_project) -> None:
    """Two missing fields share one entry with count 2; a third missing field at the same place is new."""
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json")
    edit(root, PROC_A, lambda text: text.replace("intent: [curative]\n", ""))
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 1
    assert codes(result.stdout) == ["S001"]
    # the new one, not whichever of the three sorts first
    assert result.stdout.startswith(f"{PROC_A}:1:1: S001 [error] missing required field 'intent'")


def test_of_findings_at_one_place_the_recorded_one_stays_hidden(make_project) -> None:
    # 'intent' missing is known; 'approach' missing is new: at the same place, with the same fingerprint
    text = PROCEDURE.format(id="proc-a").replace("intent: [curative]\n", "")
    root = make_project({PROC_A: text}, base=True)
    invoke(root, "--write-baseline", "netlint-baseline.json", "-q")
    edit(root, PROC_A, lambda text: text.replace("approach: surgical\n", ""))
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 1
    assert [line.split(" [error] ")[1] for line in result.stdout.splitlines() if line.startswith("content/")] == [
        "missing required field 'approach' in the document"
    ]
    assert "1 known diagnostic hidden" in result.stderr


def test_a_field_newly_missing_where_a_known_one_was_fixed_is_new(make_project) -> None:
    """Two fields missing from one mapping are recorded; one is put back and a third one removed: that
    one is new (the count of findings at the place is the same, but not the findings)."""
    text = PROCEDURE.format(id="proc-a").replace("intent: [curative]\n", "").replace("approach: surgical\n", "")
    root = make_project({PROC_A: text}, base=True)
    invoke(root, "--write-baseline", "netlint-baseline.json", "-q")
    edit(root, PROC_A, lambda text: text.replace("sites: [rectum]\n", "approach: surgical\n"))
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 1, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("content/")] == [
        f"{PROC_A}:1:1: S001 [error] missing required field 'sites' in the document"
    ]
    assert "1 known diagnostic hidden" in result.stderr
    assert "1 baseline entry no longer matches (fixed)" in result.stderr


def test_a_missing_field_keeps_its_fingerprint_when_another_one_is_put_back(make_project) -> None:
    """SARIF: code scanning keeps each missing field's alert as its own (fixing one does not move its
    history onto another)."""
    text = PROCEDURE.format(id="proc-a").replace("intent: [curative]\n", "").replace("approach: surgical\n", "")
    root = make_project({PROC_A: text}, base=True)

    def marks() -> dict[str, str]:
        log = json.loads(invoke(root, "--format", "sarif").stdout)
        return {
            r["message"]["text"]: r["partialFingerprints"]["netlint/v3"]
            for r in log["runs"][0]["results"]
            if r["ruleId"] == "S001"
        }

    before = marks()
    assert len(before) == 2 and len(set(before.values())) == 2
    edit(root, PROC_A, lambda text: text.replace("sites:", "approach: surgical\nsites:"))  # approach put back
    after = marks()
    intent = "missing required field 'intent' in the document"
    assert list(after) == [intent] and after[intent] == before[intent]


def _pathway(ident: str, first: str, second: str) -> str:
    return (
        f"  - id: {ident}\n    site: rectum\n    question: Which?\n    options:\n"
        f"      - size: {first}\n        procedure: proc-a\n"
        f"      - size: {second}\n        procedure: proc-a\n    cites: [src-a]\n"
    )


@pytest.mark.parametrize(
    ("code", "known", "new", "message"),
    [
        # a gap of other sizes, and of the same sizes
        ("T002", "{gt: 3, unit: cm}", "{gt: 4, unit: cm}", "sizes larger than 2 cm up to 4 cm match no option"),
        ("T002", "{gt: 3, unit: cm}", "{gt: 3, unit: cm}", "sizes larger than 2 cm up to 3 cm match no option"),
        ("T003", "{gte: 2, unit: cm}", "{gte: 2, unit: cm}", "a tumor of exactly 2 cm matches option 1"),
    ],
)
def test_a_new_pathway_finding_in_another_pathway_is_new_where_a_known_one_was_fixed(
    make_project, code: str, known: str, new: str, message: str
) -> None:
    """Every T002 and T003 of a file is at an `options:` key: the sizes and the pathway's id tell them
    apart (a known gap, fixed, hid a new gap in another pathway of the file, and the run passed)."""
    from conftest import TOPIC

    topic = "content/topics/topic-a.yaml"
    pathways = "pathways:\n" + _pathway("first", "{lte: 2, unit: cm}", known)
    pathways += _pathway("second", "{lte: 2, unit: cm}", "{gt: 2, unit: cm}")
    text = TOPIC.format(id="topic-a", procedures="proc-a").replace("review:", pathways + "review:")
    root = make_project({topic: text}, base=True)
    before = invoke(root, "--select", code)  # (T008 too: the pathways give proc-a different sizes)
    assert [line.split(" [")[0] for line in before.stdout.splitlines() if line.startswith("content/")] == [
        f"{topic}:17:5: {code}"
    ]
    invoke(root, "--select", code, "--write-baseline", "netlint-baseline.json", "-q")
    fixed = text.replace(known, "{gt: 2, unit: cm}", 1)  # the first
    broken = fixed[: fixed.index("id: second")] + fixed[fixed.index("id: second") :].replace(
        "{gt: 2, unit: cm}", new, 1
    )  # the second
    (root / topic).write_text(broken, encoding="utf-8")
    result = invoke(root, "--select", code, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert line.startswith(f"{topic}:26:5: {code} [error] {message}")
    assert "1 baseline entry no longer matches (fixed)" in result.stderr


def test_the_pathway_of_a_finding_at_its_options_key_is_found_above_or_below() -> None:
    from netlint.fingerprint import SourceLines, pathway_id

    class Lines(SourceLines):
        def __init__(self, text: str) -> None:
            self._text = text.split("\n")

        def lines(self, path: str) -> list[str]:
            return self._text

    text = (
        "pathways:\n  - id: first\n    site: colon\n    options:\n      - size: {lte: 2, unit: cm}\n"
        "  - site: rectum  # its id after\n    options:\n    - size: {lte: 2, unit: cm}\n"
        "      procedure: x\n    id: second\n  - question: none\n    options: []\n"
    )
    at = {4: "first", 7: "second", 12: ""}
    for line, expected in at.items():
        diag = Diagnostic("t.yaml", line, 5, line, 12, "T002", Severity.ERROR, "thresholds", "gap")
        assert pathway_id(diag, Lines(text)) == expected, line


def test_a_baseline_written_before_missing_fields_were_named_still_matches(make_project) -> None:
    from netlint.fingerprint import V3_UNNAMED, SourceLines, fingerprint

    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json", "-q")
    path = root / "netlint-baseline.json"
    payload = json.loads(path.read_text(encoding="utf-8"))
    doc = Document(PROC_A, (root / PROC_A).read_text(encoding="utf-8"))
    config = Config(root=root)
    found = Result(TODAY, documents=[doc], checked_paths=[doc.path])
    source = SourceLines(found, config)
    # Rewrite the two entries of the missing fields as that netlint wrote them: one entry, count 2.
    missing = [e for e in payload["entries"] if e["text"] == "schema_version: 1"]
    assert len(missing) == 2
    first = doc.text.splitlines().index("schema_version: 1") + 1
    diag = Diagnostic(PROC_A, first, 1, first, 2, "S001", Severity.ERROR, "schema", missing[0]["message"])
    unnamed = fingerprint(diag, source, V3_UNNAMED)
    payload["entries"] = [e for e in payload["entries"] if e not in missing] + [
        {**missing[0], "fingerprint": unnamed, "count": 2, "messages": [m["message"] for m in missing]}
    ]
    path.write_text(json.dumps(payload), encoding="utf-8")
    applied = invoke(root, "--baseline", "netlint-baseline.json")
    assert applied.exit_code == 0, applied.output
    assert "3 known diagnostics hidden" in applied.stderr and "no longer match" not in applied.stderr


def test_fixed_entries_are_reported_without_failing(make_project) -> None:
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json")
    edit(root, PROC_A, lambda text: text.replace("approach: laser", "approach: surgical"))
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 0 and codes(result.stdout) == []
    assert f'note: 1 baseline entry no longer matches (fixed): {PROC_A} S001 "approach: laser"' in result.stderr
    edit(root, PROC_A, lambda text: "title: T\nsummary: S\n" + text)
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 0
    assert "note: 3 baseline entries no longer match (fixed)" in result.stderr


def test_baseline_from_configuration(make_project) -> None:
    root = legacy_project(make_project, config='baseline = "legacy/netlint-baseline.json"\n')
    (root / "legacy").mkdir()
    assert invoke(root, "--write-baseline", "legacy/netlint-baseline.json").exit_code == 0
    result = invoke(root)
    assert result.exit_code == 0 and codes(result.stdout) == []
    assert "hidden by the baseline 'legacy/netlint-baseline.json'" in result.stderr


def test_missing_or_broken_baseline_is_a_usage_error(make_project) -> None:
    root = legacy_project(make_project)
    result = invoke(root, "--baseline", "nothere.json")
    assert result.exit_code == 2 and "--baseline nothere.json: no such file" in result.stderr
    (root / "bad.json").write_text("{not json", encoding="utf-8")
    result = invoke(root, "--baseline", "bad.json")
    assert result.exit_code == 2 and "not a netlint baseline" in result.stderr and "Traceback" not in result.output
    (root / "other.json").write_text('{"format": "something-else", "entries": []}', encoding="utf-8")
    assert invoke(root, "--baseline", "other.json").exit_code == 2
    (root / "odd.json").write_text(json.dumps({"format": baseline.FORMAT, "entries": [{"path": 1}]}), encoding="utf-8")
    result = invoke(root, "--baseline", "odd.json")
    assert result.exit_code == 2 and "entry 1 needs" in result.stderr
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = invoke(root, "--baseline", "deep.json")
    assert result.exit_code == 2 and "deep.json: not a netlint baseline (nested too deeply to read)" in result.stderr
    os.mkfifo(root / "pipe.json")  # refused, not read (reading would wait for a writer forever)
    result = invoke(root, "--baseline", "pipe.json")
    assert result.exit_code == 2 and "pipe.json: cannot read the baseline: it is a FIFO" in result.stderr
    (root / "binary.json").write_bytes(b"\xff\xfe\x00")
    result = invoke(root, "--baseline", "binary.json")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    root2 = legacy_project(make_project, config='baseline = "missing.json"\n')
    result = invoke(root2)
    assert result.exit_code == 2 and "baseline 'missing.json'" in result.stderr


def test_unwritable_baseline_is_a_usage_error_naming_the_option(make_project) -> None:
    root = legacy_project(make_project)
    result = invoke(root, "--write-baseline", "no-such-folder/baseline.json")
    assert result.exit_code == 2 and "Traceback" not in result.output
    folder = (root / "no-such-folder").resolve()
    assert (
        result.stderr
        == f"netlint: error: --write-baseline no-such-folder/baseline.json: folder {folder} does not exist\n"
    )
    assert not (root / "no-such-folder").exists()


def test_paths_limit_fixed_reports_to_the_given_files(make_project) -> None:
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json")
    result = invoke(root, "--baseline", "netlint-baseline.json", "content/sources.yaml")
    assert result.exit_code == 0 and "fixed" not in result.stderr
    result = invoke(root, "--write-baseline", "x.json", PROC_A)
    assert result.exit_code == 2 and "without PATHS" in result.stderr


def test_unselected_codes_are_not_reported_fixed(make_project) -> None:
    root = legacy_project(make_project)
    invoke(root, "--write-baseline", "netlint-baseline.json")
    result = invoke(root, "--baseline", "netlint-baseline.json", "--select", "N")
    assert result.exit_code == 0 and "fixed" not in result.stderr


def test_fixing_a_double_space_near_a_finding_keeps_it_hidden(make_project) -> None:
    """Re-spacing next to a finding brings no other character into its context: still the same finding."""
    placeholder = "summary: The surgeon removes the appendix.  TODO check this. For a small tumor this is all.\n"
    root = legacy_project(make_project)
    edit(root, PROC_A, lambda text: text.replace("schema_version: 1\n", "schema_version: 1\n" + placeholder))
    assert codes(invoke(root).stdout) == ["S001", "P004", "P006", "S001"]
    invoke(root, "--write-baseline", "netlint-baseline.json")
    edit(root, PROC_A, lambda text: text.replace("appendix.  TODO", "appendix. TODO"))  # fix only the P004
    result = invoke(root, "--baseline", "netlint-baseline.json")
    assert result.exit_code == 0 and codes(result.stdout) == [], result.output
    assert "1 baseline entry no longer matches (fixed)" in result.stderr, result.stderr


def test_a_baseline_of_the_fingerprints_before_still_matches() -> None:
    """Upgrading netlint does not bring back what a baseline written with a recipe before (LEGACY) hides."""
    from netlint.fingerprint import V2, SourceLines, fingerprint

    text = "a:\n  - The doctor removes  the polyp.\n  - x  y\n"
    doc = Document("content/a.yaml", text)

    def diag(line: int, column: int) -> Diagnostic:
        end = column + 2
        return Diagnostic("content/a.yaml", line, column, line, end, "P004", Severity.WARNING, "whitespace", "double")

    config = Config(root=Path("/nonexistent"))
    found = Result(TODAY, diagnostics=[diag(2, 26), diag(3, 6)], documents=[doc], checked_paths=[doc.path])
    source = SourceLines(found, config)
    old = [baseline.Entry("content/a.yaml", "P004", fingerprint(d, source, V2)) for d in found.diagnostics]
    assert [e.fingerprint for e in old] != [e.fingerprint for e in baseline.entries(found, config)]
    outcome = baseline.apply(old, found, config)
    assert outcome.hidden == 2 and outcome.diagnostics == [] and outcome.fixed == []
    # An entry of the recipe before that matches nothing is still reported as fixed.
    gone = Result(TODAY, diagnostics=[diag(3, 6)], documents=[doc], checked_paths=[doc.path])
    outcome = baseline.apply(old, gone, config)
    assert outcome.hidden == 1 and [e.fingerprint for e in outcome.fixed] == [old[0].fingerprint]


def test_apply_matches_by_text_not_line() -> None:
    """The api level: identical defects on identical lines need one entry each; other lines do not match."""
    text = "a:\n  - x  y\n  - x  y\n  - p  q\n"
    doc = Document("content/a.yaml", text)

    def diag(line: int) -> Diagnostic:
        return Diagnostic("content/a.yaml", line, 6, line, 8, "P004", Severity.WARNING, "whitespace", "double space")

    config = Config(root=Path("/nonexistent"))
    recorded = Result(TODAY, diagnostics=[diag(2)], documents=[doc], checked_paths=[doc.path])
    entries = baseline.entries(recorded, config)
    assert [(e.path, e.code, e.count, e.text) for e in entries] == [("content/a.yaml", "P004", 1, "- x  y")]
    now = Result(TODAY, diagnostics=[diag(2), diag(3), diag(4)], documents=[doc], checked_paths=[doc.path])
    outcome = baseline.apply(entries, now, config)
    assert outcome.hidden == 1 and [d.line for d in outcome.diagnostics] == [3, 4] and outcome.fixed == []
    moved = Document("content/a.yaml", "# new\n" + text)
    later = Result(TODAY, diagnostics=[diag(4)], documents=[moved], checked_paths=[doc.path])
    outcome = baseline.apply(entries, later, config)
    assert outcome.hidden == 1 and outcome.diagnostics == []


def test_a_hostile_baseline_cannot_reach_the_terminal_or_forge_annotations(make_project) -> None:
    root = legacy_project(make_project)
    entry = {"path": "content/x\u001b[2J.yaml", "code": "S001", "fingerprint": "zz", "count": 1,
             "text": "\u001b]0;pwned\u0007\n::error file=content/sources.yaml,line=1::forged"}  # fmt: skip
    (root / "b.json").write_text(json.dumps({"format": baseline.FORMAT, "entries": [entry]}), encoding="utf-8")
    result = invoke(root, "--baseline", "b.json", "--format", "github")
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert not any(line.startswith("::error file=content/sources.yaml") for line in result.stderr.splitlines())
    assert "\\x1b]0;pwned\\x07\\n::error" in result.stderr


def test_a_file_with_an_escaped_name_has_the_same_fingerprints_warm_and_cold(make_project, monkeypatch) -> None:
    """A name shown escaped (a no-break space in it) is read by its real name to fingerprint its
    findings: a baseline written from the cache matches a run without it, and SARIF agrees."""
    from netlint import scan

    monkeypatch.setattr(scan, "_RACY_NS", 0)  # trust the files' signatures at once: the second run is warm
    name = "content/procedures/proc\u00a0z.yaml"
    root = make_project({name: PROCEDURE.format(id="proc-z")}, base=True)
    assert invoke(root, "-q").exit_code == 1  # N001: the id is not the file name
    written = invoke(root, "--write-baseline", "netlint-baseline.json", "-q")
    assert written.exit_code == 0, written.output
    entries = json.loads((root / "netlint-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [(e["path"], e["code"], e["text"]) for e in entries] == [
        ("content/procedures/proc\\xa0z.yaml", "N001", "id: proc-z"),  # (the text read from the file)
        ("content/procedures/proc\\xa0z.yaml", "N004", "id: proc-z"),
    ]
    cold = invoke(root, "--no-cache", "--baseline", "netlint-baseline.json")
    assert cold.exit_code == 0 and "no longer match" not in cold.stderr, cold.output

    def mark(*args: str) -> str:
        log = json.loads(invoke(root, "--format", "sarif", *args).stdout)
        return str(log["runs"][0]["results"][0]["partialFingerprints"])

    assert mark() == mark("--no-cache")
