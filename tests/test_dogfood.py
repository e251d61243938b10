"""The repository's own content validates with zero diagnostics, and its schemas document every property."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netlint.api import known_codes, validate
from netlint.cli import main
from netlint.config import load_config

REPO = Path(__file__).resolve().parent.parent


def test_demo_content_has_zero_diagnostics_today() -> None:
    config = load_config(REPO, known_codes())
    result = validate(config, datetime.date.today())
    assert [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics] == []
    assert result.files_checked >= 14


def test_demo_content_through_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No problems found")


def test_every_demo_file_starts_with_a_schema_modeline() -> None:
    for path in sorted((REPO / "content").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), path


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}[{i}]")


@pytest.mark.parametrize("path", sorted((REPO / "schema").glob("*.schema.json")), ids=lambda p: p.name)
def test_schemas_have_an_id_and_document_every_property(path: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(path.name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for where, prop in _properties(schema, path.name):
        assert prop.get("title") and prop.get("description"), f"{where} lacks a title or description"
