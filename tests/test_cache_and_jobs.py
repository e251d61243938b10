"""The result cache and worker processes change how fast netlint is, never what it reports."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import PROCEDURE, TOPIC, MakeProject, base_files
from netlint import scan
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
    # Y001 after its kind: a procedure read in part (which cannot be the topic listing the others).
    (root / "content" / "procedures" / "broken.yaml").write_text("kind: procedure\na: [\n", encoding="utf-8")
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


def test_a_page_not_in_utf8_is_placed_alike_cold_warm_and_in_parallel(corpus: Path) -> None:
    """A page saved as UTF-16 that duplicates another's id: N002 names it at its id's line in every kind of
    run (a warm run read its text back as UTF-8, and named line 1)."""
    procedures = corpus / "content" / "procedures"
    page = (procedures / "procedure-000010.yaml").read_text(encoding="utf-8")
    (procedures / "procedure-000010-copy.yaml").write_bytes(page.encode("utf-16"))
    line = page.splitlines().index("id: procedure-000010") + 1
    cold = report(corpus)
    named = [message for _, _, _, code, message in cold if code == "N002"]
    assert named == [f"id 'procedure-000010' is already used in content/procedures/procedure-000010-copy.yaml:{line}"]
    assert report(corpus, jobs=2) == cold
    assert report(corpus, use_cache=True) == cold  # fills the cache
    other = procedures / "procedure-000011.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    assert report(corpus, use_cache=True) == cold  # the copy's data from the cache, its text read back
    assert report(corpus, jobs=2, use_cache=True) == cold


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
    for entry in (corpus / CACHE_DIR / "v2").glob("*.json"):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert report(corpus, use_cache=True) == expected
    for entry in (corpus / CACHE_DIR / "v2").glob("*.json"):
        entry.write_text(json.dumps({"key": "forged", "files": {"x": 1}, "diagnostics": [["x"]]}), encoding="utf-8")
    assert report(corpus, use_cache=True) == expected


def test_files_whose_cached_data_went_missing_are_checked_again(corpus: Path) -> None:
    expected = report(corpus)
    report(corpus, use_cache=True)
    folder = corpus / CACHE_DIR / "v2"
    for pattern in ("data-*.json", "project-*.json", "unchanged-*.json"):  # summaries stay
        for entry in folder.glob(pattern):
            entry.unlink()
    assert any(folder.glob("files-*.json"))
    assert report(corpus, use_cache=True) == expected
    assert report(corpus, use_cache=True) == expected  # and the data is stored again


def test_a_cache_entry_with_the_right_key_but_bad_values_is_not_trusted(corpus: Path) -> None:
    expected = report(corpus)
    report(corpus, use_cache=True)
    for entry in (corpus / CACHE_DIR / "v2").glob("project-*.json"):
        payload = json.loads(entry.read_text(encoding="utf-8"))
        payload["diagnostics"] = [["a", "one", 1, 1, 1, "S001", "error", "schema", "forged"]]
        entry.write_text(json.dumps(payload), encoding="utf-8")
    assert report(corpus, use_cache=True) == expected


def _git(root: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("index_version", ["2", "4", "split"])
def test_a_cache_that_git_tracks_is_neither_read_nor_written(corpus: Path, index_version: str) -> None:
    # A cache committed with `git add -f` (past its .gitignore), whose results for a file with errors were
    # emptied, hid them in a run on that file, as pre-commit runs: looked up by the file's digest, which
    # the committer knows. Such a cache is not used, and a note says why.
    repository = corpus.parent
    _git(repository, "init", "-q")
    if index_version == "split":  # the entries in .git/sharedindex.*, the index holding none
        _git(repository, "config", "core.splitIndex", "true")
    else:
        _git(repository, "config", "index.version", index_version)
    _git(repository, "add", ".")
    (broken,) = [path for path in (corpus / "content" / "procedures").glob("*.yaml") if "TODO" in path.read_text()]
    given = [broken]
    config = load_config(corpus, known_codes())
    expected = [(d.path, d.line, d.code) for d in validate(config, TODAY, given).diagnostics]
    assert ("P006" in {code for _, _, code in expected}) and expected
    # Another project's tracked cache, and a name that starts like this one's: not this project's cache.
    for other in ("other/.netlint_cache/z", f"{corpus.name}/.netlint_cache-old/z", f"x{corpus.name}/.netlint_cache/z"):
        (repository / other).parent.mkdir(parents=True)
        (repository / other).write_text("z", encoding="utf-8")
        _git(repository, "add", "-f", other)
    assert validate(config, TODAY, given, use_cache=True).notes == []
    emptied = 0
    for shard in (corpus / CACHE_DIR / "v2").glob("files-*.json"):
        payload = json.loads(shard.read_text(encoding="utf-8"))
        for key, entry in payload["files"].items():
            if key.endswith(broken.name):
                entry[0] = []  # no diagnostics
                emptied += 1
        shard.write_text(json.dumps(payload), encoding="utf-8")
    assert emptied
    before = {path: path.read_bytes() for path in (corpus / CACHE_DIR).rglob("*") if path.is_file()}
    _git(repository, "add", "-f", f"{corpus.name}/{CACHE_DIR}")
    _git(repository, "commit", "-qm", "content and a cache")
    result = validate(load_config(corpus, known_codes()), TODAY, given, use_cache=True)
    assert [(d.path, d.line, d.code) for d in result.diagnostics] == expected
    assert result.notes == [
        ".netlint_cache/ is tracked by git, so netlint neither reads nor writes it (a cache that comes with a "
        "checkout could hide errors); untrack it: git rm -r --cached .netlint_cache"
    ]
    assert {path: path.read_bytes() for path in (corpus / CACHE_DIR).rglob("*") if path.is_file()} == before
    # Untracked again (a restored CI cache is not tracked): used as before.
    _git(repository, "rm", "-r", "-q", "--cached", f"{corpus.name}/{CACHE_DIR}")
    result = validate(load_config(corpus, known_codes()), TODAY, given, use_cache=True)
    assert result.notes == []


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
        (root / CACHE_DIR).write_text("someone's notes", encoding="utf-8")  # not netlint's: kept
        refused = runner.invoke(main, ["cache", "clean"])
        assert refused.exit_code == 2 and "is not a folder, so not netlint's cache; it was left alone" in refused.stderr
        assert (root / CACHE_DIR).read_text(encoding="utf-8") == "someone's notes"
    finally:
        os.chdir(cwd)


def test_cache_clean_that_cannot_remove_a_file_names_the_folder(make_project, monkeypatch) -> None:
    root = make_project(base=True)
    report(root, use_cache=True)

    def refuse(path, *args, **kwargs):  # as rmtree fails in a read-only folder: it names the file alone
        raise PermissionError(13, "Permission denied", "files-0a1b.json")

    monkeypatch.setattr(shutil, "rmtree", refuse)
    monkeypatch.chdir(root)
    refused = CliRunner().invoke(main, ["cache", "clean"])
    assert refused.exit_code == 2
    folder = root / CACHE_DIR
    expected = f"netlint: error: cannot remove the cache folder {folder}: Permission denied (files-0a1b.json)\n"
    assert refused.stderr == expected


def test_cache_clean_beside_another_netlint_takes_what_went_meanwhile_as_gone(make_project, monkeypatch) -> None:
    """A run renaming its temporary file into place, or a second clean, removes files as this clean
    lists them: gone already, as `rm -rf` takes it (it was exit 2), and a file added to a folder just
    emptied is removed on a second pass."""
    root = make_project(base=True)
    report(root, use_cache=True)
    folder = root / CACHE_DIR
    real_unlink, real_rmdir = os.unlink, os.rmdir
    late = {"added": False}

    def unlink(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_unlink(path, *args, **kwargs)
        raise FileNotFoundError(2, "No such file or directory", str(path))  # removed by another netlint first

    def rmdir(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not late["added"] and os.path.basename(path) == "v2":  # a run writes into it once, as it is emptied
            late["added"] = True
            (folder / "v2" / ".tmp-late.json").write_text("{}", encoding="utf-8")
        return real_rmdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "rmdir", rmdir)
    monkeypatch.chdir(root)
    cleaned = CliRunner().invoke(main, ["cache", "clean"])
    assert cleaned.exit_code == 0, cleaned.output
    assert late["added"] and not folder.exists()


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


# --- the stat index: unchanged files are not read --------------------------------------------


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a file's signature at once (files written by a test are always "just changed")."""
    monkeypatch.setattr(scan, "_RACY_NS", 0)


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = scan.read_task

    def counting(path: Path, relpath: str, max_bytes: int):  # type: ignore[no-untyped-def]
        seen.append(relpath)
        return original(path, relpath, max_bytes)

    monkeypatch.setattr(scan, "read_task", counting)
    return seen


@pytest.mark.usefixtures("trusting")
def test_a_warm_run_reads_only_the_changed_file_and_the_registries(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(corpus, use_cache=True)
    target = corpus / "content" / "procedures" / "procedure-000020.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    seen = reads(monkeypatch)
    warm = report(corpus, use_cache=True)
    registries = {"content/sources.yaml", "content/contributors.yaml", "content/glossary.yaml"}
    assert set(seen) == registries | {"content/procedures/procedure-000020.yaml"}
    assert warm == report(corpus)


@pytest.mark.usefixtures("trusting")
def test_an_edit_that_keeps_the_size_and_the_modification_time_is_still_seen(corpus: Path) -> None:
    report(corpus, use_cache=True)
    target = corpus / "content" / "procedures" / "procedure-000020.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("approach: surgical", "approach: surgicax")
    assert len(edited) == len(text) and edited != text
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    after = report(corpus, use_cache=True)
    assert after == report(corpus)
    assert any(path.endswith("procedure-000020.yaml") and code == "S001" for path, _, _, code, _ in after)


def unchanged_records(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).rglob("unchanged-*.json"))


@pytest.mark.usefixtures("trusting")
def test_an_unchanged_project_is_answered_without_reading_a_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = report(corpus)
    assert report(corpus, use_cache=True) == cold
    assert len(unchanged_records(corpus)) == 1
    seen = reads(monkeypatch)
    assert report(corpus, use_cache=True) == cold
    assert seen == []  # not even the registries
    target = corpus / "content" / "procedures" / "procedure-000020.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("surgical", "surgery", 1), encoding="utf-8")
    edited = report(corpus, use_cache=True)
    registries = {"content/sources.yaml", "content/contributors.yaml", "content/glossary.yaml"}
    assert set(seen) == registries | {"content/procedures/procedure-000020.yaml"}
    assert edited == report(corpus) != cold
    assert len(unchanged_records(corpus)) == 2  # the project as it was, and as it is now
    os.utime(target)  # touched, not changed: the signatures miss; the stat index and digests answer
    seen.clear()
    assert report(corpus, use_cache=True) == edited
    assert set(seen) == registries | {"content/procedures/procedure-000020.yaml"}


def test_a_project_answered_after_a_recent_edit_is_recorded_once_the_edit_is_old(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run after an edit may not trust the edited file's times; a later run answered from the
    project's result (the file read again, its digest unchanged) records what the earlier could not."""
    monkeypatch.setattr(scan, "_RACY_NS", 0)
    cold = report(corpus, use_cache=True)
    target = corpus / "content" / "procedures" / "procedure-000020.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    monkeypatch.setattr(scan, "_RACY_NS", 10**18)  # every file "just changed"
    assert report(corpus, use_cache=True) == cold
    records = unchanged_records(corpus)
    monkeypatch.setattr(scan, "_RACY_NS", 0)  # the edit is old now
    seen = reads(monkeypatch)
    assert report(corpus, use_cache=True) == cold  # answered from the project's result...
    assert "content/procedures/procedure-000020.yaml" in seen
    assert len(unchanged_records(corpus)) == len(records) + 1  # ...and now recorded by its signatures
    seen.clear()
    assert report(corpus, use_cache=True) == cold
    assert seen == []  # and the stat index vouches for the edited file again


def test_the_cache_is_keyed_on_the_installed_libraries(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netlint import cache, schemas

    config = load_config(make_project(base=True), known_codes())
    site = tmp_path / "site"
    (site / "PyYAML-6.0.1.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    before = cache.run_key(config, "2026-11-26", schemas.bundled_schema_dir())
    (site / "PyYAML-6.0.1.dist-info").rename(site / "PyYAML-6.0.2.dist-info")  # an upgrade
    assert cache.run_key(config, "2026-11-26", schemas.bundled_schema_dir()) != before


def test_a_project_changed_just_before_the_run_is_not_recorded_as_unchanged(corpus: Path) -> None:
    # Files written a moment ago could change again within the same tick of their times, unseen.
    assert report(corpus, use_cache=True) == report(corpus)
    assert unchanged_records(corpus) == []
    old = 1_700_000_000
    for path in (corpus / "content").rglob("*.yaml"):
        os.utime(path, (old, old))
    report(corpus, use_cache=True)  # the change times are still recent: still not recorded
    assert unchanged_records(corpus) == []


# --- one file (pre-commit): exactly the full run's diagnostics for that file --------------------


def one_file(root: Path, relpath: str, *, use_cache: bool) -> list[tuple[str, int, int, str, str]]:
    config = load_config(root, known_codes())
    result = validate(config, TODAY, [root / relpath], use_cache=use_cache)
    return [(d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics]


@pytest.fixture
def linked(corpus: Path) -> Path:
    """The corpus with problems that cross files: ids, references, listings, suppressions."""
    content = corpus / "content"
    procedures = sorted((content / "procedures").glob("procedure-*.yaml"))
    # A duplicate id (N002 in the later file, naming the first) and so an id/file name mismatch (N001).
    text = procedures[30].read_text(encoding="utf-8")
    procedures[30].write_text(text.replace(f"id: {procedures[30].stem}", f"id: {procedures[31].stem}"), "utf-8")
    # A procedure no topic lists (N004), a dangling reference from a procedure (N003), a suppression.
    extra = procedures[40].read_text(encoding="utf-8").replace(f"id: {procedures[40].stem}", "id: lonely")
    related = "related:\n  - no-such-page  # netlint: disable=N003\n  - another-missing\n"
    (content / "procedures" / "lonely.yaml").write_text(extra + related, "utf-8")
    unused = procedures[50].read_text(encoding="utf-8") + "# netlint: disable-file=P003\n"  # Y007
    procedures[50].write_text(unused, encoding="utf-8")
    return corpus


def test_one_file_gets_the_diagnostics_a_full_run_gives_it(linked: Path) -> None:
    full = report(linked)
    paths = sorted({path for path, *_ in full}) + [
        "content/topics/" + sorted(p.name for p in (linked / "content" / "topics").glob("*.yaml"))[0],
        "content/sources.yaml",
    ]
    codes = {code for *_, code, _ in full}
    assert {"N001", "N002", "N003", "N004", "S001", "P004", "Y001", "Y007"} <= codes
    report(linked, use_cache=True)  # fill the cache
    # The page that took another's id sorts first: alone (pre-commit's run on it), it is reported there,
    # naming the other page; the whole project's run reports the later one (SPEC §4).
    (later_n002,) = [d for d in full if d[3] == "N002" and d[0].startswith("content/procedures/procedure-")]
    took_the_id = sorted(p.relative_to(linked).as_posix() for p in (linked / "content/procedures").glob("p*.yaml"))[30]
    assert later_n002[0] > took_the_id
    for relpath in paths:
        expected = [d for d in full if d[0] == relpath]
        if relpath == took_the_id:
            ident = later_n002[4].split("'")[1]
            line, column = later_n002[1], later_n002[2]  # the id's place: the same in both pages
            first = (relpath, line, column, "N002", f"id '{ident}' is also used in {later_n002[0]}:{line}")
            expected = sorted([*expected, first], key=lambda d: (d[1], d[2], d[3]))
        assert one_file(linked, relpath, use_cache=False) == expected, relpath
        for answered in (linked / CACHE_DIR / "v2").glob("project-*.json"):
            answered.unlink()  # not from the whole project's stored answer: from the files' entries
        assert one_file(linked, relpath, use_cache=True) == expected, relpath


def test_one_changed_file_with_a_warm_cache_matches_a_full_run(linked: Path) -> None:
    report(linked, use_cache=True)
    content = linked / "content"
    lonely = content / "procedures" / "lonely.yaml"
    lonely.write_text(lonely.read_text(encoding="utf-8").replace("approach: surgical", "approach: surgery"), "utf-8")
    first = sorted((content / "procedures").glob("procedure-*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    full = report(linked)
    for path in (lonely, first):
        relpath = path.relative_to(linked).as_posix()
        assert one_file(linked, relpath, use_cache=True) == [d for d in full if d[0] == relpath]
    # A topic edited so that a procedure becomes unlisted: seen in that procedure's own run.
    topic = next(p for p in sorted((content / "topics").glob("*.yaml")) if first.stem in p.read_text("utf-8"))
    topic.write_text(topic.read_text(encoding="utf-8").replace(f"  - {first.stem}\n", ""), encoding="utf-8")
    full = report(linked)
    relpath = first.relative_to(linked).as_posix()
    assert any(code == "N004" for path, _, _, code, _ in full if path == relpath)
    assert one_file(linked, relpath, use_cache=True) == [d for d in full if d[0] == relpath]


def stored_indexes(root: Path) -> tuple[dict[str, str], set[str]]:
    """The stat index on disk (path -> entry) and the file keys of the newest run key's summaries."""
    folder = root / CACHE_DIR / "v2"
    stats: dict[str, str] = {}
    for shard in folder.glob("stats-*.json"):
        files = json.loads(shard.read_text(encoding="utf-8"))["files"]
        assert not stats.keys() & files.keys(), "a path is in two shards"
        stats.update(files)
    newest = max(folder.glob("files-*.json"), key=lambda path: path.stat().st_mtime_ns).name.split("-")[1]
    keys: set[str] = set()
    for shard in folder.glob(f"files-{newest}-*.json"):
        keys.update(json.loads(shard.read_text(encoding="utf-8"))["files"])
    return stats, keys


@pytest.mark.usefixtures("trusting")
def test_the_stored_indexes_follow_edits_renames_deletions_and_additions(corpus: Path) -> None:
    """Only the shards that change are rewritten: what is on disk must still be exactly the project."""
    import hashlib

    procedures = corpus / "content" / "procedures"

    def step() -> None:
        assert report(corpus, use_cache=True) == report(corpus)
        stats, keys = stored_indexes(corpus)
        files = {
            path.relative_to(corpus).as_posix(): path.read_bytes() for path in (corpus / "content").rglob("*.yaml")
        }
        digests = {rel: hashlib.sha256(raw).hexdigest() for rel, raw in files.items()}
        assert set(stats) == set(files)
        assert {rel: entry.split("|")[1] for rel, entry in stats.items()} == digests
        assert keys == {f"{digest}:{rel}" for rel, digest in digests.items()}

    step()
    edited = procedures / "procedure-000030.yaml"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original + "# edited\n", encoding="utf-8")
    step()
    (procedures / "procedure-000031.yaml").rename(procedures / "procedure-000031-moved.yaml")
    step()
    (procedures / "procedure-000032.yaml").unlink()
    step()
    (procedures / "brand-new.yaml").write_text(original, encoding="utf-8")
    step()
    edited.write_text(original, encoding="utf-8")  # back to content the cache has seen
    step()
    assert report(corpus, use_cache=True, jobs=1) == report(corpus)


def test_the_cache_keeps_the_results_of_a_few_recent_run_keys_only(make_project) -> None:
    root = make_project(base=True)
    config = load_config(root, known_codes())
    for day in range(1, 9):  # each --today is a run key of its own
        validate(config, datetime.date(2026, 11, day), use_cache=True)
        validate(config, datetime.date(2026, 11, day), use_cache=True)  # a second run of a key prunes nothing
    runs = {path.name.split("-")[1] for path in (root / CACHE_DIR / "v2").glob("files-*.json")}
    assert 1 < len(runs) <= 5
    assert len(list((root / CACHE_DIR / "v2").glob("project-*.json"))) <= 8


def test_values_the_fast_json_reader_refuses_come_back_from_the_cache_unchanged(tmp_path: Path) -> None:
    """The cache reads with orjson and falls back to json for NaN, infinities and integers past 64 bits."""
    from netlint.cache import Cache

    store = Cache(tmp_path)
    payload = {"nan": float("nan"), "inf": float("-inf"), "big": 2**70, "text": "é ✓"}
    store._write(store.folder / "probe.json", payload)
    back = store._read(store.folder / "probe.json")
    assert back["nan"] != back["nan"]  # still NaN
    assert back["inf"] == float("-inf")
    assert back["big"] == 2**70
    assert back["text"] == "é ✓"
    plain = {"a": [1, 2.5, None, True], "b": "x"}
    store._write(store.folder / "plain.json", plain)
    assert store._read(store.folder / "plain.json") == plain


def test_a_document_with_nan_and_huge_numbers_reports_the_same_from_the_cache(make_project) -> None:
    text = PROCEDURE.format(id="proc-a") + "extra_nan: .nan\nextra_big: 123456789012345678901234567890\n"
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    cold = report(root)
    assert any(code == "S001" for *_, code, _ in cold)  # the extra keys are not in the schema
    assert report(root, use_cache=True) == cold
    assert report(root, use_cache=True) == cold


def test_signatures_give_none_for_a_file_that_cannot_be_stated(tmp_path: Path) -> None:
    """A file gone since it was listed (or a path the system refuses) has no signature; the others keep theirs."""
    from netlint.stamps import signature

    present = tmp_path / "a.yaml"
    present.write_text("a: 1\n", encoding="utf-8")
    found = [("a.yaml", str(present)), ("gone.yaml", str(tmp_path / "gone.yaml")), ("nul.yaml", "bad\0path")]
    assert scan.signatures(found) == [signature(str(present)), None, None]
    assert scan.signatures(found[:1]) == [signature(str(present))]
    size, mtime, ctime, inode, device = scan.signatures(found[:1])[0].split(":")  # type: ignore[union-attr]
    info = present.stat()
    assert (int(size), int(mtime), int(inode)) == (info.st_size, info.st_mtime_ns, info.st_ino)


def test_a_run_answered_from_the_cache_imports_no_parser_rule_or_engine(corpus: Path) -> None:
    """What an unchanged project's run costs is mostly imports: it must not pull in what it does not use."""
    import subprocess

    env = dict(os.environ, NETLINT_TODAY=TODAY.isoformat())
    probe = (  # files written a moment ago are not trusted by their signatures (see `trusting`): here they are
        "import sys\n"
        "from netlint import scan\n"
        "scan._RACY_NS = 0\n"
        "from netlint.cli import main\n"
        "try:\n"
        "    main(['validate'], standalone_mode=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('netlint', 'yaml', 'jsonschema')))))\n"
    )
    first = subprocess.run([sys.executable, "-c", probe], cwd=corpus, env=env, capture_output=True, text=True)
    assert "netlint.engine" in first.stdout.split()  # the cache was filled: everything was needed
    warm = subprocess.run([sys.executable, "-c", probe], cwd=corpus, env=env, capture_output=True, text=True)
    modules = set(warm.stdout.splitlines()[-1].split())
    assert "netlint.api" in modules and "netlint.cache" in modules
    unwanted = {"yaml", "jsonschema", "jsonschema_rs", "netlint.engine", "netlint.loader", "netlint.rules"}
    assert not modules & unwanted, sorted(modules & unwanted)
    assert not any(m.startswith(("netlint.rules.", "netlint.prose")) for m in modules)


def focused(root: Path, relpaths: list[str], answered: list[bool]) -> list[tuple[str, int, int, str, str]]:
    """A cached run on a few files (as pre-commit's), noting whether the last full run's snapshot answered it."""
    config = load_config(root, known_codes())
    result = validate(config, TODAY, [root / relpath for relpath in relpaths], use_cache=True)
    assert len(answered) == 1, "the spy saw one focused run"
    return [(d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics]


@pytest.fixture
def snapshot_spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each focused run was answered from the snapshot (True) or went the usual way (False)."""
    from netlint import focused

    seen: list[bool] = []
    original = focused.answer

    def spying(*args):  # type: ignore[no-untyped-def]
        answer = original(*args)
        seen.append(answer is not None)
        return answer

    monkeypatch.setattr(focused, "answer", spying)
    return seen


@pytest.mark.usefixtures("trusting")
def test_a_focused_run_reports_no_project_rule_s_findings_in_files_it_was_not_given(
    corpus: Path, snapshot_spy: list[bool]
) -> None:
    """A pathway rule reports in every topic: a run given one topic (pre-commit) reports what it finds in
    that topic only, as a run without the cache does, not the gap in another topic (suppressed there or
    not), which blocked unrelated commits."""
    topics = sorted((corpus / "content" / "topics").glob("*.yaml"))
    rel = lambda path: path.relative_to(corpus).as_posix()  # noqa: E731
    other = topics[1]
    text = other.read_text("utf-8")
    bound = re.search(r"size: \{gt: (\d+), unit: cm\}", text)
    assert bound
    other.write_text(text.replace(bound[0], f"size: {{gt: {int(bound[1]) + 1}, unit: cm}}", 1), "utf-8")
    assert any(d[0] == rel(other) and d[3] == "T002" for d in report(corpus))
    report(corpus, use_cache=True)  # the full run that stores the snapshot
    given = topics[0]
    given.write_text(given.read_text("utf-8").replace("\ntitle: ", "\ntitle: New ", 1), "utf-8")
    full = report(corpus)
    snapshot_spy.clear()
    assert focused(corpus, [rel(given)], snapshot_spy) == [d for d in full if d[0] == rel(given)]
    assert snapshot_spy == [True]
    # Suppressed for the whole file there: still not this run's to report.
    other.write_text("# netlint: disable-file=T002,T005\n" + other.read_text("utf-8"), "utf-8")
    report(corpus, use_cache=True)
    given.write_text(given.read_text("utf-8").replace("\ntitle: New ", "\ntitle: Newer ", 1), "utf-8")
    snapshot_spy.clear()
    assert focused(corpus, [rel(given)], snapshot_spy) == [d for d in report(corpus) if d[0] == rel(given)]
    assert snapshot_spy == [True]


@pytest.mark.usefixtures("trusting")
def test_focused_runs_from_the_snapshot_match_full_runs_through_edits_additions_and_deletions(
    linked: Path, snapshot_spy: list[bool]
) -> None:
    """After one full run, a series of edits that no full run follows: each focused run (the files it
    names, unchanged or not) reports exactly what a full run without the cache reports in them."""
    content = linked / "content"
    procedures = sorted((content / "procedures").glob("procedure-*.yaml"))
    topics = sorted((content / "topics").glob("*.yaml"))
    rel = lambda path: path.relative_to(linked).as_posix()  # noqa: E731
    # A procedure offered in a pathway that no longer lists the pathway's site: T004 in the topic,
    # from the procedure as the snapshot describes it (schema-valid, which T004 needs).
    site = re.search(r"\n    site: (\S+)\n", topics[0].read_text("utf-8"))
    offered = re.search(r"\n        procedure: (\S+)\n", topics[0].read_text("utf-8"))
    assert site and offered
    target = content / "procedures" / f"{offered[1]}.yaml"
    sites = re.search(r"\nsites: \[(.*)\]\n", target.read_text("utf-8"))
    assert sites
    others = [s.strip() for s in sites[1].split(",") if s.strip() != site[1]] or [
        "rectum" if site[1] != "rectum" else "colon"
    ]
    target.write_text(target.read_text("utf-8").replace(sites[0], f"\nsites: [{', '.join(others)}]\n"), "utf-8")
    assert any(d[0] == rel(topics[0]) and d[3] == "T004" for d in report(linked))
    report(linked, use_cache=True)  # the full run that stores the snapshot
    listed = next(p for p in procedures if any(f"  - {p.stem}\n" in t.read_text("utf-8") for t in topics))
    lister = next(t for t in topics if f"  - {listed.stem}\n" in t.read_text("utf-8"))
    problems = sorted({path for path, *_ in report(linked)})
    cited = re.search(r"cites: \[([^],\s]+)", procedures[0].read_text("utf-8"))
    assert cited and not any(path == rel(procedures[0]) for path in problems)
    cited = cited[1]

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    steps = [
        # prose edited: the file's own diagnostics change (P004: a placeholder)
        (lambda: edit(procedures[3], "  - Bleeding", "  - Bleeding TBD"), [procedures[3]], True),
        # an id changed to an earlier procedure's: N001, and N002 naming the other (which did not change)
        (lambda: edit(procedures[4], f"id: {procedures[4].stem}", f"id: {procedures[2].stem}"), [procedures[4]], True),
        # a topic no longer lists a procedure: N004 in that procedure, which did not change
        (lambda: edit(lister, f"  - {listed.stem}\n", ""), [listed], True),
        # a new procedure (unlisted, a reference to nothing and one to an unchanged procedure), with an
        # unchanged file with problems
        (
            lambda: (content / "procedures" / "added.yaml").write_text(
                procedures[7].read_text("utf-8").replace(f"id: {procedures[7].stem}", "id: added")
                + f"related:\n  - nowhere\n  - {procedures[1].stem}\n",
                "utf-8",
            ),
            [content / "procedures" / "added.yaml", linked / problems[0]],
            True,
        ),
        # a procedure deleted that a topic lists: N003 in the topic (every document's data is needed)
        (
            lambda: procedures[8].unlink(),
            [t for t in topics if f"  - {procedures[8].stem}\n" in t.read_text("utf-8")],
            True,
        ),
        # a procedure renamed: its id no longer matches its name
        (
            lambda: procedures[10].rename(content / "procedures" / "renamed.yaml"),
            [content / "procedures" / "renamed.yaml"],
            True,
        ),
        # a file that no longer parses
        (lambda: procedures[11].write_text("id: [\n", "utf-8"), [procedures[11], procedures[12]], True),
        # a suppression added to an unchanged file's problem, in a changed file
        (
            lambda: edit(procedures[3], "  - Bleeding TBD", "  - Bleeding TBD  # netlint: disable=P004"),
            [procedures[3]],
            True,
        ),
        # a source that an unchanged procedure cites renamed: the procedure's own diagnostics change
        # with the registries (its summary is keyed anew), and no page cites the new id
        (
            lambda: edit(content / "sources.yaml", f"id: {cited}\n", f"id: {cited}-renamed\n"),
            [procedures[0], content / "sources.yaml"],
            True,
        ),
    ]
    full = report(linked)  # nothing changed yet: the full run's stored result answers
    snapshot_spy.clear()
    assert focused(linked, problems[:3], snapshot_spy) == [d for d in full if d[0] in problems[:3]]
    assert snapshot_spy == [True]
    for change, files, from_snapshot in steps:
        change()
        full = report(linked)
        for path in files:
            snapshot_spy.clear()
            assert focused(linked, [rel(path)], snapshot_spy) == [d for d in full if d[0] == rel(path)], rel(path)
            assert snapshot_spy == [from_snapshot], rel(path)
        # With a topic (T004 there needs the procedure it offers, which did not change), and with a
        # registry too (every document's data is then needed).
        several = [rel(path) for path in files] + [problems[-1], rel(topics[0])]
        for given in (several, [*several, "content/sources.yaml"]):
            snapshot_spy.clear()
            assert focused(linked, given, snapshot_spy) == [d for d in full if d[0] in given]
            assert snapshot_spy == [from_snapshot]
    assert any(code in {"N001", "N002", "N003", "N004"} for *_, code, _ in full)
    assert any(path == rel(procedures[0]) for path, *_ in full)  # the renamed source


@pytest.mark.usefixtures("trusting")
def test_a_focused_run_on_procedures_alone_reads_no_topic(
    linked: Path, snapshot_spy: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-commit's usual commit: procedures alone. The topics are taken from the snapshot (kind, id and
    `procedures`, what N004 reads of them), not read from the cache: and N004 still follows their lists."""
    from netlint.cache import Cache

    topics = sorted((linked / "content" / "topics").glob("*.yaml"))
    procedures = sorted((linked / "content" / "procedures").glob("procedure-*.yaml"))
    listed = next(p for p in procedures if any(f"  - {p.stem}\n" in t.read_text("utf-8") for t in topics))
    report(linked, use_cache=True)  # the full run that stores the snapshot
    listed.write_text(listed.read_text("utf-8").replace("  - Bleeding", "  - Bleeding TBD"), "utf-8")
    read: list[str] = []
    entries = Cache._entries
    monkeypatch.setattr(Cache, "_entries", lambda self, name: read.append(name) or entries(self, name))
    full = report(linked)
    for target in (listed, linked / "content" / "procedures" / "lonely.yaml"):
        relpath = target.relative_to(linked).as_posix()
        expected = [d for d in full if d[0] == relpath]
        assert any(code == "N004" for *_, code, _ in expected) == (target.name == "lonely.yaml")
        read.clear()
        snapshot_spy.clear()
        assert focused(linked, [relpath], snapshot_spy) == expected
        assert snapshot_spy == [True]
        assert read and not [name for name in read if name.endswith("-topics.json")]


@pytest.mark.usefixtures("trusting")
def test_files_touched_but_not_changed_are_still_taken_from_the_snapshot(
    linked: Path, snapshot_spy: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose signature changed but not its bytes (touched by a checkout, or written too close to
    the full run for its signature to vouch for it then) is read, found the same by its digest, and
    taken from the snapshot: a topic among them is still not read from the cache."""
    from netlint.cache import Cache

    topics = sorted((linked / "content" / "topics").glob("*.yaml"))
    procedures = sorted((linked / "content" / "procedures").glob("procedure-*.yaml"))
    report(linked, use_cache=True)  # the full run that stores the snapshot
    (stored,) = (linked / CACHE_DIR / "v2").glob("snapshot-*.json")
    later = (stored.stat().st_mtime_ns + 5_000_000_000,) * 2
    for path in (topics[0], procedures[1]):
        os.utime(path, ns=later)  # a new signature, the same bytes
    target = procedures[2]
    target.write_text(target.read_text("utf-8").replace("  - Bleeding", "  - Bleeding TBD"), "utf-8")
    read: list[str] = []
    entries = Cache._entries
    monkeypatch.setattr(Cache, "_entries", lambda self, name: read.append(name) or entries(self, name))
    full = report(linked)
    for given in ([target], [procedures[1]], [topics[0]]):
        relpaths = [path.relative_to(linked).as_posix() for path in given]
        read.clear()
        snapshot_spy.clear()
        assert focused(linked, relpaths, snapshot_spy) == [d for d in full if d[0] in relpaths]
        assert snapshot_spy == [True]
        assert any(name.endswith("-topics.json") for name in read) == (given == [topics[0]])


@pytest.mark.usefixtures("trusting")
def test_a_deletion_alone_is_a_change_to_a_focused_run(linked: Path, snapshot_spy: list[bool]) -> None:
    """Nothing edited since the full run, but a file deleted: the stored project result no longer answers."""
    topics = sorted((linked / "content" / "topics").glob("*.yaml"))
    procedures = sorted((linked / "content" / "procedures").glob("procedure-*.yaml"))
    listed = next(p for p in procedures if any(f"  - {p.stem}\n" in t.read_text("utf-8") for t in topics))
    lister = next(t for t in topics if f"  - {listed.stem}\n" in t.read_text("utf-8")).relative_to(linked).as_posix()
    report(linked, use_cache=True)  # the full run that stores the snapshot and the project result
    listed.unlink()
    full = report(linked)
    expected = [d for d in full if d[0] == lister]
    assert any(code == "N003" and f"'{listed.stem}'" in message for *_, code, message in expected)
    snapshot_spy.clear()
    assert focused(linked, [lister], snapshot_spy) == expected
    assert snapshot_spy == [True]


@pytest.mark.usefixtures("trusting")
def test_a_damaged_snapshot_is_not_used(linked: Path, snapshot_spy: list[bool]) -> None:
    report(linked, use_cache=True)
    target = sorted((linked / "content" / "procedures").glob("procedure-*.yaml"))[2]
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    relpath = target.relative_to(linked).as_posix()
    expected = [d for d in report(linked) if d[0] == relpath]
    (stored,) = (linked / CACHE_DIR / "v2").glob("snapshot-*.json")
    payload = json.loads(stored.read_text(encoding="utf-8"))
    damaged = [
        b"{not json",
        json.dumps({**payload, "kinds": payload["kinds"][:-1]}).encode(),  # a column too short
        json.dumps({**payload, "flags": ["1"] * len(payload["flags"])}).encode(),  # flags that are not numbers
        json.dumps({**payload, "base": "another"}).encode(),  # another run key's
        json.dumps({**payload, "format": "netlint-cache/1"}).encode(),
        json.dumps({**payload, "listed": [[1]] * len(payload["listed"])}).encode(),  # listings not of ids
        json.dumps({key: value for key, value in payload.items() if key != "listed"}).encode(),  # an older one
    ]
    for data in damaged:
        stored.write_bytes(data)
        snapshot_spy.clear()
        assert focused(linked, [relpath], snapshot_spy) == expected
        assert snapshot_spy == [False]
    stored.write_text(json.dumps(payload), encoding="utf-8")
    snapshot_spy.clear()
    assert focused(linked, [relpath], snapshot_spy) == expected
    assert snapshot_spy == [True]


def test_a_given_number_of_jobs_is_capped_by_files_and_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    from netlint import engine

    monkeypatch.setattr(engine.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert engine.worker_count(100_000, 10_000) == 2 * engine.MAX_JOBS_PER_CPU
    assert engine.worker_count(1000, 3) == 3
    assert engine.worker_count(2, 10_000) == 2
    assert engine.worker_count(1, 10_000) == 1
    assert engine.worker_count(5, 0) == 1


def _parallel_run_with_its_workers_up(tmp_path: Path, preexec_fn: Any = None) -> tuple[Any, list[str]]:
    """`netlint validate --jobs 2` on a project of 1,500 documents, in a session of its own, once both of
    its workers are up: (the process, its workers' pids)."""
    import subprocess
    import sys
    import time

    from generate import generate

    root = generate(tmp_path / "big", 1500, seed=5)
    env = {**os.environ, "NETLINT_TODAY": "2026-11-26"}
    command = [sys.executable, "-m", "netlint", "validate", "--no-cache", "--jobs", "2"]
    pipe = subprocess.PIPE
    run = subprocess.Popen(
        command, cwd=root, env=env, stdout=pipe, stderr=pipe, text=True, start_new_session=True, preexec_fn=preexec_fn
    )
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
    workers: list[str] = []
    deadline = time.monotonic() + 30
    while run.poll() is None and time.monotonic() < deadline:
        workers = children.read_text().split()
        if len(workers) >= 2:  # both workers are up
            break
        time.sleep(0.005)
    assert run.poll() is None, "the run ended before its workers could be interrupted"
    time.sleep(0.1)
    return run, workers


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="watches the worker processes through /proc")
def test_ctrl_c_during_a_parallel_run_ends_it_without_worker_tracebacks(tmp_path: Path) -> None:
    import signal

    # Ctrl-C as in a terminal (to the whole process group): a job started in the background (as CI may
    # start the suite) ignores it.
    run, _ = _parallel_run_with_its_workers_up(tmp_path, lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130  # as a shell reports Ctrl-C: not 1, "errors found"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err and "ForkPoolWorker" not in err, err
    assert err.strip().endswith("Aborted!"), err


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="watches the worker processes through /proc")
def test_a_stop_sent_to_the_main_process_alone_ends_its_workers_too_without_tracebacks(tmp_path: Path) -> None:
    """`kill PID` (SIGTERM to netlint, not its process group, as a CI runner or a supervisor may send
    it): the run stops as the signal asks (killed by it), and its workers do not run on to find it gone
    and print tracebacks."""
    import signal
    import time

    run, workers = _parallel_run_with_its_workers_up(tmp_path)
    os.kill(run.pid, signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == -signal.SIGTERM
    time.sleep(0.5)  # a worker left running would now write its results to a closed pipe, and say so
    assert "Traceback" not in err and "Error" not in err, err
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "workers outlived the run"


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_a_pool_cut_short_ends_even_when_a_killed_worker_left_the_results_queue_locked(
    make_project: MakeProject,
) -> None:
    """Pool.terminate (as `with Pool` calls it) waits for the pool's threads, one of which puts a last
    message on the results queue: a worker killed while sending its results leaves that queue's lock
    taken, and the wait never ends. A run cut short (Ctrl-C) must end all the same."""
    import gc
    import multiprocessing
    import threading

    from netlint import engine

    config = load_config(make_project(base=True), known_codes())
    initargs = (config, datetime.date(2026, 11, 26), [], [], gc.get_threshold())
    ended = threading.Event()
    pools: list[object] = []

    def cut_short() -> None:
        workers = []
        pools.append(None)
        with (
            contextlib.suppress(KeyboardInterrupt),
            engine._pool(multiprocessing.get_context("fork"), 2, initargs) as pool,
        ):
            pool._outqueue._wlock.acquire()  # as a worker killed in the middle of sending leaves it
            workers = list(pool._pool)
            pools[0] = pool
            raise KeyboardInterrupt
        assert all(not worker.is_alive() for worker in workers)
        ended.set()

    thread = threading.Thread(target=cut_short, daemon=True)
    thread.start()
    thread.join(30)
    assert ended.is_set(), "the pool did not end"
    # Let the pool's threads, left waiting for the lock, end (they would keep this test process busy).
    pool: Any = pools[0]
    pool._outqueue._wlock.release()
    for left in (pool._task_handler, pool._result_handler):
        left.join(10)
        assert not left.is_alive()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_the_workers_are_made_still_ends_the_run(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C is held back while the pool forks its workers (a worker must not handle it); one pressed
    # in that moment must still end the run, not be lost while the run goes on to the end.
    import multiprocessing.pool
    import signal

    procedures = tuple(f"proc-{i}" for i in range(6))
    files = base_files(procedures=procedures)
    root = make_project(files)
    config = load_config(root, known_codes())
    made = multiprocessing.pool.Pool.__init__

    def pressed_meanwhile(self: multiprocessing.pool.Pool, *args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # delivered to this (the main) thread before kill returns
        made(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", pressed_meanwhile)
    with ctrl_c_as_in_a_terminal():
        with pytest.raises(KeyboardInterrupt):
            validate(config, datetime.date(2026, 11, 26), jobs=2)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    # Started with Ctrl-C ignored (a background job, nohup), a run leaves it ignored, as Python does.
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        result = validate(config, datetime.date(2026, 11, 26), jobs=2)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.counts()["error"] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_inside_the_pools_own_code_is_acted_on_between_results(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Raised wherever it lands, a KeyboardInterrupt can leave a lock of the pool's taken, and ending
    # the pool then waits forever. It must come out of netlint's loop over the results instead.
    import multiprocessing.pool
    import signal
    import traceback

    from netlint import engine

    procedures = tuple(f"proc-{i}" for i in range(6))
    root = make_project(base_files(procedures=procedures))
    config = load_config(root, known_codes())
    waited = multiprocessing.pool.IMapIterator.next
    pressed: list[bool] = []

    def pressed_while_waiting(self: multiprocessing.pool.IMapIterator, timeout: float | None = None) -> object:
        if not pressed:
            pressed.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # delivered to this (the main) thread before kill returns
        return waited(self, timeout)

    monkeypatch.setattr(multiprocessing.pool.IMapIterator, "next", pressed_while_waiting)
    with ctrl_c_as_in_a_terminal():
        with pytest.raises(KeyboardInterrupt) as raised:
            validate(config, datetime.date(2026, 11, 26), jobs=2)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert pressed == [True]
    where = traceback.extract_tb(raised.value.__traceback__)[-1]
    assert (Path(where.filename).name, where.name) == ("engine.py", engine._results.__name__)


@contextlib.contextmanager
def ctrl_c_as_in_a_terminal() -> Iterator[None]:
    """Ctrl-C raising KeyboardInterrupt, as in a terminal, for the body; then as it was (a job started in
    the background, as CI may start the suite, begins with it ignored)."""
    import signal

    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.usefixtures("trusting")
def test_a_run_on_the_first_page_with_an_id_after_a_full_run_reports_the_duplicate(linked: Path) -> None:
    """The whole project's run reports N002 at the later page (SPEC §4); pre-commit on the first alone, after
    a full run stored its result, took that result and passed the page that brought the duplicate."""
    procedures = sorted((linked / "content" / "procedures").glob("procedure-*.yaml"))
    first, later = (path.relative_to(linked).as_posix() for path in procedures[30:32])  # 30 took 31's id
    full = report(linked, use_cache=True)  # stores the project's result and the snapshot
    (at_later,) = [d for d in full if d[3] == "N002" and d[0] == later]
    assert not [d for d in full if d[3] == "N002" and d[0] == first]
    ident = at_later[4].split("'")[1]
    config = load_config(linked, known_codes())
    for use_cache in (True, False):
        alone = validate(config, TODAY, [linked / first], use_cache=use_cache).diagnostics
        assert [(d.path, d.line, d.column, d.message) for d in alone if d.code == "N002"] == [
            (first, at_later[1], at_later[2], f"id '{ident}' is also used in {later}:{at_later[1]}")
        ], use_cache
