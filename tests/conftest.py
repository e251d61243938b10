"""Shared fixtures: small content projects written into a temporary folder."""

from __future__ import annotations

import datetime
import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netlint.api import Result, known_codes, validate
from netlint.config import load_config

TODAY = datetime.date(2026, 11, 26)

SOURCES = """\
schema_version: 1
kind: sources
sources:
  - id: src-a
    type: summary
    title: A summary
    publisher: A publisher
    year: 2024
    url: https://example.org/a
    accessed: 2025-03-20
"""

CONTRIBUTORS = """\
schema_version: 1
kind: contributors
contributors:
  - id: team
    name: The content team
    roles: [author, editor]
  - id: doc
    name: A clinical reviewer
    roles: [clinical-reviewer]
"""

GLOSSARY = """\
schema_version: 1
kind: glossary
terms:
  - term: resection
    definition: An operation to remove tissue.
"""

PROCEDURE = """\
schema_version: 1
kind: procedure
id: {id}
title: A procedure
summary: The surgeon removes the tumor.
intent: [curative]
approach: surgical
sites: [rectum]
sections:
  - heading: What happens
    text: The surgeon removes the tumor.
    cites: [src-a]
review:
  last_reviewed: 2025-08-08
  next_review_due: 2028-08-08
  reviewed_by: [team, doc]
"""

TOPIC = """\
schema_version: 1
kind: topic
id: {id}
title: A topic
language: en
audience: patient
summary: What the operations are.
sections:
  - heading: Overview
    text: Several operations can remove the tumor.
    cites: [src-a]
procedures: [{procedures}]
review:
  last_reviewed: 2025-08-08
  next_review_due: 2028-08-08
  reviewed_by: [team, doc]
"""


def base_files(procedures: tuple[str, ...] = ("proc-a",), topic: str = "topic-a") -> dict[str, str]:
    """A small valid project: registries, one topic listing the given procedures, and those procedures."""
    files = {
        "content/sources.yaml": SOURCES,
        "content/contributors.yaml": CONTRIBUTORS,
        "content/glossary.yaml": GLOSSARY,
        f"content/topics/{topic}.yaml": TOPIC.format(id=topic, procedures=", ".join(procedures)),
    }
    for proc in procedures:
        files[f"content/procedures/{proc}.yaml"] = PROCEDURE.format(id=proc)
    return files


MakeProject = Callable[..., Path]


@pytest.fixture(autouse=True, scope="session")
def _words_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """netlint keeps a plain copy of the spelling word list in the user's cache folder: not the tester's."""
    old = os.environ.get("NETLINT_WORDS_CACHE")
    os.environ["NETLINT_WORDS_CACHE"] = str(tmp_path_factory.mktemp("words-cache"))
    yield
    if old is None:
        del os.environ["NETLINT_WORDS_CACHE"]
    else:
        os.environ["NETLINT_WORDS_CACHE"] = old


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write a project: ``make_project({"content/x.yaml": "..."}, config="...")`` -> its root.

    File texts are dedented; bytes are written as they are. ``base=True`` starts from `base_files()`.
    """

    def make(files: dict[str, str | bytes] | None = None, *, config: str = "", base: bool = False) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "netlint.toml").write_text('content = "content"\n' + textwrap.dedent(config), encoding="utf-8")
        all_files: dict[str, str | bytes] = dict(base_files()) if base else {}
        all_files.update(files or {})
        (root / "content").mkdir(exist_ok=True)
        for rel, body in all_files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(textwrap.dedent(body), encoding="utf-8")
        return root

    return make


def run(root: Path, *, today: datetime.date = TODAY, paths: tuple[Path, ...] = (), **overrides: object) -> Result:
    """Validate the project at ``root`` through the api."""
    config = load_config(root, known_codes(), **overrides)
    return validate(config, today, paths)


def found(result: Result, code: str | None = None) -> list[tuple[str, str, int, int]]:
    """(path, code, line, column) of each diagnostic, optionally of one code."""
    return [(d.path, d.code, d.line, d.column) for d in result.diagnostics if code is None or d.code == code]


def invoke_validate(root: Path, *args: str, today: datetime.date = TODAY):
    """`netlint validate --today TODAY ARGS` run from ``root`` through click's runner."""
    import os

    from click.testing import CliRunner

    from netlint.cli import main

    cwd = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, ["validate", "--today", today.isoformat(), *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)
