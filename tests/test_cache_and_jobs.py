"""The result cache and worker processes change how fast netlint is, never what it reports."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PROCEDURE, TOPIC
from netlint.api import known_codes, validate
from netlint.cache import CACHE_DIR
from netlint.cli import main
from netlint.config import load_config

TODAY = datetime.date(2026, 11, 26)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def report(root: Path, *, jobs: int | None = 1, use_cache: bool = False) -> list[tuple[str, int, int, str, str]]:
    result = validate(load_config(root, known_codes()), TODAY, jobs=jobs, use_cache=use_cache)
    return [(d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A generated project of 150 documents with a few mistakes mixed in."""
    from generate import generate

    root = generate(tmp_path / "corpus", 150, seed=3)
    procedures = sorted((root / "content" / "procedures").glob("*.yaml"))
    text = procedures[5].read_text(encoding="utf-8")
    procedures[5].write_text(text.replace("approach: surgical", "approach: surgery"), encoding="utf-8")
    text = procedures[9].read_text(encoding="utf-8")
    procedures[9].write_text(text.replace("  - Bleeding", "  - Bleeding  with  TODO"), encoding="utf-8")
    (root / "content" / "procedures" / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    return root


def test_parallel_and_serial_runs_report_the_same(corpus: Path) -> None:
    serial = report(corpus, jobs=1)
    assert serial, "the corpus has mistakes to find"
    assert report(corpus, jobs=2) == serial


def test_cached_runs_report_the_same_as_uncached(corpus: Path) -> None:
    cold = report(corpus)
    assert report(corpus, use_cache=True) == cold  # fills the cache
    assert (corpus / CACHE_DIR).is_dir()
    assert report(corpus, use_cache=True) == cold  # answered from the cache


def test_cache_stays_right_after_editing_renaming_and_deleting(corpus: Path) -> None:
    report(corpus, use_cache=True)
    procedures = corpus / "content" / "procedures"
    target = procedures / "procedure-000010.yaml"
    # Edit an id that a topic references: N003 must appear in the topic, which did not change.
    text = target.read_text(encoding="utf-8")
    old_id = target.stem
    target.write_text(text.replace(f"id: {old_id}", "id: renamed-id"), encoding="utf-8")
    assert report(corpus, use_cache=True) == report(corpus)
    assert any(code == "N003" and "topics" in path for path, _, _, code, _ in report(corpus, use_cache=True))
    # Rename the file to match: N001 goes, N003 stays.
    target.rename(procedures / "renamed-id.yaml")
    assert report(corpus, use_cache=True) == report(corpus)
    # Delete a file.
    (procedures / "renamed-id.yaml").unlink()
    assert report(corpus, use_cache=True) == report(corpus)
    # Edit a registry: every document rule that consults it must see the change.
    sources = corpus / "content" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("source-0001", "source-x001"), encoding="utf-8")
    assert report(corpus, use_cache=True) == report(corpus)


def test_a_corrupt_or_truncated_cache_is_ignored_and_rebuilt(corpus: Path) -> None:
    expected = report(corpus)
    report(corpus, use_cache=True)
    for entry in (corpus / CACHE_DIR / "v1").glob("*.json"):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert report(corpus, use_cache=True) == expected
    for entry in (corpus / CACHE_DIR / "v1").glob("*.json"):
        entry.write_text(json.dumps({"key": "forged", "files": {"x": 1}, "diagnostics": [["x"]]}), encoding="utf-8")
    assert report(corpus, use_cache=True) == expected


def test_a_cache_entry_with_the_right_key_but_bad_values_is_not_trusted(corpus: Path) -> None:
    expected = report(corpus)
    report(corpus, use_cache=True)
    for entry in (corpus / CACHE_DIR / "v1").glob("project-*.json"):
        payload = json.loads(entry.read_text(encoding="utf-8"))
        payload["diagnostics"] = [["a", "one", 1, 1, 1, "S001", "error", "schema", "forged"]]
        entry.write_text(json.dumps(payload), encoding="utf-8")
    assert report(corpus, use_cache=True) == expected


def test_today_and_configuration_are_part_of_the_key(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("next_review_due: 2028-08-08", "next_review_due: 2027-01-10")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    config = load_config(root, known_codes())
    assert validate(config, TODAY, use_cache=True).diagnostics  # R003 due soon
    assert not validate(config, datetime.date(2026, 1, 1), use_cache=True).diagnostics
    quiet = load_config(root, known_codes(), ignore="R")
    assert not validate(quiet, TODAY, use_cache=True).diagnostics


def test_cli_no_cache_and_cache_clean(make_project) -> None:
    root = make_project(base=True)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        runner = CliRunner()
        assert runner.invoke(main, ["validate", "--no-cache"]).exit_code == 0
        assert not (root / CACHE_DIR).exists()
        assert runner.invoke(main, ["validate"]).exit_code == 0
        assert (root / CACHE_DIR / ".gitignore").is_file()
        cleaned = runner.invoke(main, ["cache", "clean"])
        assert cleaned.exit_code == 0 and "Removed" in cleaned.output
        assert not (root / CACHE_DIR).exists()
    finally:
        os.chdir(cwd)


def test_a_read_only_cache_folder_does_not_fail_the_run(make_project) -> None:
    root = make_project(base=True)
    (root / CACHE_DIR).write_text("not a folder")
    assert report(root, use_cache=True) == report(root)
    shutil.os.remove(root / CACHE_DIR)


def test_a_topic_listing_procedures_from_the_cache_still_sees_their_ids(make_project) -> None:
    root = make_project(base=True)
    report(root, use_cache=True)
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-missing")
    (root / "content" / "topics" / "topic-a.yaml").write_text(topic, encoding="utf-8")
    assert [code for _, _, _, code, _ in report(root, use_cache=True)] == ["N003"]
