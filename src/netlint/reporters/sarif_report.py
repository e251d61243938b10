"""The sarif format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The rule table comes from the registry (the same text as `netlint rules` and
`netlint explain`). Results carry a relative URI against ``%SRCROOT%`` (the
project root; in GitHub Actions the checked-out repository, as code scanning
expects) and a partial fingerprint that survives edits elsewhere in the file.
"""

from __future__ import annotations

import json
from importlib import metadata
from typing import IO, TYPE_CHECKING
from urllib.parse import quote

from netlint import __version__
from netlint.diagnostic import Diagnostic, Severity
from netlint.fingerprint import VERSION, SourceLines, numbered
from netlint.reporters.github_report import repository_prefix
from netlint.rules import Rule, load_all

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = f"netlint/{VERSION}"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _information_uri() -> str | None:
    """The project's home page from the installed package's metadata, if it declares one."""
    try:
        meta = metadata.metadata("netlint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "source", "repository"):
            return url.strip()
    home = meta["Home-page"] if "Home-page" in meta else None
    return str(home).strip() if home else None


def rule_descriptor(rule: Rule, config: Config) -> dict[str, object]:
    sections = rule.sections
    full = " ".join(sections.get("What it does", rule.summary).split())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": config.enabled(rule.code)},
        "properties": {"tags": ["netlint", rule.family], "scope": rule.scope},
    }


def _region(diag: Diagnostic) -> dict[str, int]:
    end_line = max(diag.end_line, diag.line)
    end_column = diag.end_column if end_line > diag.line else max(diag.end_column, diag.column)
    return {"startLine": diag.line, "startColumn": diag.column, "endLine": end_line, "endColumn": end_column}


def document(result: Result, config: Config) -> dict[str, object]:
    rules = load_all()
    index = {code: i for i, code in enumerate(rules)}
    source = SourceLines(result, config)
    prefix = repository_prefix(config)
    results = []
    root = prefix.encode("utf-8", "surrogateescape")
    from netlint.reporters.text_report import message_paths

    # The files a message names, as the locations name theirs: from the repository's root.
    in_message = message_paths(result, config, lambda path: prefix + path) if prefix else str
    for diag, mark, occurrence in numbered(result.diagnostics, source):
        uri = quote(root + result.path_bytes(diag.path), safe="/")  # the real name's bytes, whatever they are
        item: dict[str, object] = {"ruleId": diag.code}
        if diag.code in index:
            item["ruleIndex"] = index[diag.code]
        item.update(
            {
                "level": LEVELS[diag.severity],
                "message": {"text": in_message(diag.message)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                            "region": _region(diag),
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: f"{mark}:{occurrence}"},
            }
        )
        results.append(item)
    driver: dict[str, object] = {"name": "netlint", "version": __version__, "semanticVersion": __version__}
    home = _information_uri()
    if home:
        driver["informationUri"] = home
    driver["rules"] = [rule_descriptor(rule, config) for rule in rules.values()]
    notes = [{"message": {"text": note}, "level": "note"} for note in result.notes]
    invocation: dict[str, object] = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",  # netlint counts characters, not UTF-16 code units
                "results": results,
            }
        ],
    }


def write(result: Result, stream: IO[str], config: Config) -> None:
    json.dump(document(result, config), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
