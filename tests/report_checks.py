"""Shared checks for the hardening tests: every report netlint writes is well formed (SPEC §6).

Used by test_fuzz.py and test_hostile_projects.py: whatever the content and whatever
the file names, the json report has exactly the keys and types SPEC §6 gives, paths
are relative with "/", positions are 1-based, codes are known, and the text, sarif,
github and junit reports parse and hold one entry per diagnostic.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from netlint import __version__
from netlint.api import Result
from netlint.config import Config
from netlint.reporters import FORMATS, writer
from netlint.rules import load_all

DIAGNOSTIC_KEYS = {
    "path": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "severity": str,
    "rule": str,
    "message": str,
}
TOP_KEYS = {"netlint": str, "today": str, "files_checked": int, "diagnostics": list, "summary": dict}
SEVERITIES = ("error", "warning", "info")
# Characters that would split a line or drive a terminal: never in a one-line-per-diagnostic report.
_LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def check_json_report(payload: Any, *, files_checked: int | None = None) -> None:
    """``payload`` (a parsed json report) has the shape SPEC §6 gives."""
    rules = load_all()
    assert isinstance(payload, dict)
    assert set(payload) == set(TOP_KEYS), sorted(payload)
    for key, kind in TOP_KEYS.items():
        assert isinstance(payload[key], kind), (key, payload[key])
    assert payload["netlint"] == __version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", payload["today"])
    assert payload["files_checked"] >= 0
    if files_checked is not None:
        assert payload["files_checked"] == files_checked
    counts = dict.fromkeys(SEVERITIES, 0)
    for diag in payload["diagnostics"]:
        assert isinstance(diag, dict) and set(diag) == set(DIAGNOSTIC_KEYS), diag
        for key, kind in DIAGNOSTIC_KEYS.items():
            assert isinstance(diag[key], kind) and not isinstance(diag[key], bool), (key, diag)
        path = diag["path"]
        assert path and not path.startswith("/") and not re.match(r"[A-Za-z]:", path), path
        assert ".." not in path.split("/"), path
        # The file's real name (a line break in it is one in the JSON string); a byte that is not UTF-8
        # is written out, as the text report writes it: the path is always text.
        path.encode("utf-8")
        assert diag["line"] >= 1 and diag["column"] >= 1, diag
        assert (diag["end_line"], diag["end_column"]) >= (diag["line"], diag["column"]), diag
        assert diag["code"] in rules, diag
        assert diag["rule"] == rules[diag["code"]].name, diag
        assert diag["severity"] in SEVERITIES, diag
        assert diag["message"].strip(), diag
        counts[diag["severity"]] += 1
    assert payload["summary"] == counts


def render_all(result: Result, config: Config) -> dict[str, str]:
    """Every reporter's output for ``result``, each written into a StringIO."""
    outputs = {}
    for name in FORMATS:
        stream = io.StringIO()
        writer(name)(result, stream, config)
        outputs[name] = stream.getvalue()
    return outputs


def check_all_reports(result: Result, config: Config) -> dict[str, str]:
    """Run every reporter on ``result`` and check each output parses and lists every diagnostic once."""
    outputs = render_all(result, config)
    count = len(result.diagnostics)

    payload = json.loads(outputs["json"])
    check_json_report(payload, files_checked=result.files_checked)
    assert len(payload["diagnostics"]) == count

    text_lines = outputs["text"].split("\n")
    assert text_lines[-1] == "" and len(text_lines) == count + 2, outputs["text"][-500:]
    for line in text_lines[:-1]:
        assert not _LINE_BREAKING.search(line), repr(line)
    assert text_lines[-2].startswith(("Found ", "No problems found"))

    github_lines = outputs["github"].splitlines()
    assert len([line for line in github_lines if line.startswith("::")]) == count
    for line in github_lines:
        assert not _LINE_BREAKING.search(line), repr(line)

    sarif = json.loads(outputs["sarif"])
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == count
    for item in results:
        location = item["locations"][0]["physicalLocation"]
        assert " " not in location["artifactLocation"]["uri"]
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1

    root = ET.fromstring(outputs["junit"].encode("utf-8"))  # raises on anything XML 1.0 cannot hold
    assert root.tag == "testsuites"
    return outputs
