"""A repeated `netlint validate` is replayed only while nothing its output depends on has changed.

Each test runs netlint as the `netlint` command does (netlint.replay.entry), in a subprocess. A
replayed run cannot be told from a real one by its output, so the tests mark the record: its
standard output is replaced by "REPLAYED". A run that prints "REPLAYED" was replayed; after any
change to an input, the run must instead print what a run without any cache prints.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import PROCEDURE, TODAY, MakeProject
from netlint import replay
from netlint.cache import CACHE_DIR

# Files written by a test are always "just changed", so never trusted by their signatures: here they are.
PROBE = (
    "import sys\n"
    "from netlint import replay, scan\n"
    "scan._RACY_NS = 0\n"
    "replay._RACY_NS = 0\n"
    "sys.argv[0] = 'netlint'\n"
    "replay.entry()\n"
)
MARK = "REPLAYED\n"


def netlint(cwd: Path, *args: str, today: str = TODAY.isoformat()) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NETLINT_TODAY=today)
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def records(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "v2").glob(f"{replay.PREFIX}*"))


def mark(root: Path) -> None:
    """Replace the recorded standard output (there must be exactly one record) by MARK."""
    [record] = records(root)
    fields = replay.decode(record.read_bytes())
    assert fields is not None and fields[0] == replay.FORMAT
    fields[-3] = MARK
    record.write_bytes(replay.encode(fields))


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    """A small project with one warning (a placeholder) and one error (an unknown approach): exit code 1."""
    root = make_project(base=True)
    text = PROCEDURE.format(id="proc-b").replace("approach: surgical", "approach: surgery")
    (root / "content" / "procedures" / "proc-b.yaml").write_text(text)
    first = root / "content" / "procedures" / "proc-a.yaml"
    first.write_text(first.read_text().replace("text: The surgeon removes the tumor.", "text: The surgeon TODO."))
    topic = root / "content" / "topics" / "topic-a.yaml"
    topic.write_text(topic.read_text().replace("procedures: [proc-a]", "procedures: [proc-a, proc-b]"))
    return root


def recorded(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run twice (fill the cache, then find the project unchanged and record the run), then mark the record."""
    first = netlint(root, "validate", *args)
    assert first.returncode in (0, 1), first.stderr
    again = netlint(root, "validate", *args)
    assert (again.stdout, again.stderr, again.returncode) == (first.stdout, first.stderr, first.returncode)
    mark(root)
    return first


def uncached(root: Path, *args: str) -> tuple[str, str, int]:
    done = netlint(root, "validate", "--no-cache", *args)
    return done.stdout, done.stderr, done.returncode


def test_an_unchanged_project_is_replayed_with_the_recorded_output(project: Path) -> None:
    first = recorded(project)
    assert first.returncode == 1 and "S001" in first.stdout and "P006" in first.stdout
    replayed = netlint(project, "validate")
    assert (replayed.stdout, replayed.stderr, replayed.returncode) == (MARK, first.stderr, 1)
    assert (first.stdout, first.stderr, first.returncode) == uncached(project)


def test_the_replayed_output_is_the_run_s_own_for_every_format_and_option(project: Path) -> None:
    (project / "content" / "notes.txt").write_text("not content")  # passed over without a note
    for args in (("--format", "json"), ("--format", "sarif", "--statistics"), ("--quiet",), ("--select", "S")):
        first = netlint(project, "validate", *args)
        netlint(project, "validate", *args)
        replayed = netlint(project, "validate", *args)
        assert (replayed.stdout, replayed.stderr, replayed.returncode) == (first.stdout, first.stderr, first.returncode)
        assert (first.stdout, first.stderr, first.returncode) == uncached(project, *args)
    assert len(records(project)) == 4  # one per invocation


def _edit(root: Path) -> None:
    path = root / "content" / "procedures" / "proc-a.yaml"
    path.write_text(path.read_text().replace("approach: surgical", "approach: laser"))


def _add(root: Path) -> None:
    (root / "content" / "procedures" / "proc-c.yaml").write_text(PROCEDURE.format(id="proc-c"))


def _add_in_new_folder(root: Path) -> None:
    (root / "content" / "more").mkdir()
    (root / "content" / "more" / "proc-c.yaml").write_text(PROCEDURE.format(id="proc-c"))


def _delete(root: Path) -> None:
    (root / "content" / "procedures" / "proc-b.yaml").unlink()


def _rename(root: Path) -> None:
    folder = root / "content" / "procedures"
    (folder / "proc-b.yaml").rename(folder / "proc-renamed.yaml")


def _replace_by_a_link(root: Path) -> None:
    path = root / "content" / "procedures" / "proc-b.yaml"
    shutil.move(path, root / "elsewhere.yaml")
    path.symlink_to(root / "elsewhere.yaml")


def _configure(root: Path) -> None:
    with (root / "netlint.toml").open("a") as config:
        config.write('ignore = ["P006"]\n')


def _configure_higher_up(root: Path) -> None:
    # run from content/: a configuration between it and the root takes over
    (root / "content" / "netlint.toml").write_text('content = "procedures"\n')


def _schemas(root: Path) -> None:
    with (root / "netlint.toml").open("a") as config:
        config.write('schema = "schema"\n')


Change = Callable[[Path], None]


@pytest.mark.parametrize(
    "change",
    [_edit, _add, _add_in_new_folder, _delete, _rename, _replace_by_a_link, _configure],
    ids=lambda change: change.__name__.strip("_"),
)
def test_any_change_to_the_content_or_configuration_is_seen(project: Path, change: Change) -> None:
    recorded(project)
    change(project)
    after = netlint(project, "validate")
    assert MARK not in after.stdout
    assert (after.stdout, after.stderr, after.returncode) == uncached(project)


def test_a_configuration_added_between_the_working_folder_and_the_root_is_seen(project: Path) -> None:
    content = project / "content"
    first = netlint(content, "validate")
    netlint(content, "validate")
    mark(project)
    assert netlint(content, "validate").stdout == MARK
    _configure_higher_up(project)
    after = netlint(content, "validate")
    assert MARK not in after.stdout and after.stdout != first.stdout
    assert "sources.yaml" not in after.stdout + after.stderr  # content is now content/procedures


def test_the_project_s_own_schemas_are_inputs(project: Path) -> None:
    shutil.copytree(_schema_folder(), project / "schema")
    _schemas(project)
    recorded(project)
    assert netlint(project, "validate").stdout == MARK
    procedure = project / "schema" / "procedure.schema.json"
    procedure.write_text(procedure.read_text().replace('"surgical"', '"surgery", "surgical"'))
    after = netlint(project, "validate")
    # The project's schema allows it now (no S001); netlint's own, which bundles follow, still does not (S003).
    assert MARK not in after.stdout and "S001" not in after.stdout and "S003 [error] 'approach'" in after.stdout
    assert (after.stdout, after.stderr, after.returncode) == uncached(project)


def _schema_folder() -> Path:
    from netlint.schemas import bundled_schema_dir

    return Path(bundled_schema_dir())


def test_the_baseline_is_an_input(project: Path) -> None:
    netlint(project, "validate", "--write-baseline", "baseline.txt")
    with (project / "netlint.toml").open("a") as config:
        config.write('baseline = "baseline.txt"\n')
    first = recorded(project)
    assert first.returncode == 0
    baseline = json.loads((project / "baseline.txt").read_text())
    baseline["entries"], baseline["diagnostics"] = [], 0  # nothing is known any more
    (project / "baseline.txt").write_text(json.dumps(baseline))
    after = netlint(project, "validate")
    assert MARK not in after.stdout and after.returncode == 1
    assert (after.stdout, after.stderr, after.returncode) == uncached(project)


def test_another_day_arguments_or_folder_is_another_run(project: Path) -> None:
    recorded(project)
    assert MARK not in netlint(project, "validate", today="2031-01-01").stdout
    assert MARK not in netlint(project, "validate", "--format", "json").stdout
    assert MARK not in netlint(project / "content", "validate").stdout
    assert netlint(project, "validate").stdout == MARK  # and the first is still recorded


def test_installing_or_upgrading_a_library_is_another_run(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "somelib-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setenv("PYTHONPATH", str(site))
    recorded(project)
    assert netlint(project, "validate").stdout == MARK
    (site / "somelib-1.0.dist-info").rename(site / "somelib-1.1.dist-info")
    assert MARK not in netlint(project, "validate").stdout


def test_hidden_files_and_other_files_do_not_matter_but_new_folders_do(project: Path) -> None:
    recorded(project)
    (project / "content" / ".procedure.yaml.swp").write_text("an editor's")
    (project / ".git").mkdir()
    assert netlint(project, "validate").stdout == MARK
    (project / "content" / "procedures" / "README.md").write_text("notes")
    assert MARK not in netlint(project, "validate").stdout  # a change to a folder's listing: run again


def test_runs_that_write_files_or_skip_the_cache_are_never_recorded(project: Path, tmp_path: Path) -> None:
    for args in (("--no-cache",), ("--output", str(tmp_path / "report.txt")), ("content/procedures/proc-a.yaml",)):
        netlint(project, "validate", *args)
        netlint(project, "validate", *args)
    assert records(project) == []


def test_a_folder_with_a_link_is_never_recorded(project: Path) -> None:
    (project / "content" / "procedures" / "linked.yaml").symlink_to(project / "content" / "procedures" / "proc-a.yaml")
    netlint(project, "validate")
    netlint(project, "validate")
    assert records(project) == []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"99999:short", b"16:netlint-replay/12:x"])
def test_a_damaged_record_is_ignored(project: Path, damage: bytes) -> None:
    first = recorded(project)
    [record] = records(project)
    record.write_bytes(damage)
    after = netlint(project, "validate")
    assert (after.stdout, after.stderr, after.returncode) == (first.stdout, first.stderr, first.returncode)


def test_a_record_reached_through_a_link_is_not_read(project: Path, tmp_path: Path) -> None:
    recorded(project)
    cache = project / CACHE_DIR
    shutil.move(cache, tmp_path / "moved")
    cache.symlink_to(tmp_path / "moved")
    assert MARK not in netlint(project, "validate").stdout


def test_a_record_outside_the_project_root_or_someone_else_s_is_not_read(project: Path, tmp_path: Path) -> None:
    recorded(project)
    env = dict(os.environ, NETLINT_TODAY=TODAY.isoformat())
    for patch, replayed in (("", True), ("import os; os.getuid = lambda: 4321\n", False)):  # another user's
        probe = PROBE.replace("replay.entry()", f"{patch}replay.entry()")
        done = subprocess.run([sys.executable, "-c", probe, "validate"], cwd=project, env=env, capture_output=True)
        assert (done.stdout == MARK.encode()) == replayed
    shutil.move(project / CACHE_DIR, tmp_path / CACHE_DIR)  # above the root, as in a shared /tmp
    assert MARK not in netlint(project, "validate").stdout


def test_the_replay_looks_for_configuration_files_as_netlint_does() -> None:
    from netlint.config import CONFIG_FILES

    assert replay._CONFIG_FILES == CONFIG_FILES


def test_records_are_fields_of_text() -> None:
    fields = ["netlint-replay/1", "", "a:b", "ünï\0cödé\n", "12:34"]
    assert replay.decode(replay.encode(fields)) == fields
    for bad in (b"x", b"3:ab", b"-1:", b"1", b"1:a2", b"1 :a"):
        assert replay.decode(bad) in (None, [])


def test_a_record_changed_by_one_bit_is_not_replayed(project: Path) -> None:
    # A damaged record was replayed as it read: its last field, the exit code, turned from 1 to 0 by one bit,
    # and a failing run passed.
    assert netlint(project, "validate").returncode == 1
    assert netlint(project, "validate").returncode == 1
    [record] = records(project)
    raw = record.read_bytes()
    assert replay.decode(raw) is not None
    exit_code = raw.rindex(b"1:1") + 2  # the last field, before the 8 hex digits of the checksum
    record.write_bytes(raw[:exit_code] + b"0" + raw[exit_code + 1 :])
    assert replay.decode(record.read_bytes()) is None
    mark_replayed = replay.decode(raw)
    assert mark_replayed is not None and mark_replayed[-1] == "1"
    done = netlint(project, "validate")
    assert done.returncode == 1  # run the usual way
    assert "Found 2 errors" in done.stdout, done.stdout


def test_every_environment_variable_netlint_reads_is_part_of_the_invocation() -> None:
    """A variable that changes the output must change the invocation, or a replay would be stale."""
    import re

    package = Path(replay.__file__).parent
    read = set()
    for path in package.rglob("*.py"):
        read |= set(re.findall(r"""(?:environ\.get|getenv|environ\[)\(?\s*["']([A-Z_]+)["']""", path.read_text()))
    assert "NETLINT_TODAY" in read and "GITHUB_WORKSPACE" in read  # the search works
    # Where the spelling word list's plain copy is kept: never in the output.
    storage = {"XDG_CACHE_HOME", "LOCALAPPDATA"}
    covered = {name for name in read if name.startswith("NETLINT_") or name == "GITHUB_WORKSPACE"}
    assert read - covered <= storage, sorted(read - covered - storage)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_reported_as_the_usual_run_reports_it(project: Path) -> None:
    def to_full_disk() -> tuple[int, str]:
        with open("/dev/full", "w") as full:
            env = dict(os.environ, NETLINT_TODAY=TODAY.isoformat())
            done = subprocess.run(
                [sys.executable, "-c", PROBE, "validate"], cwd=project, env=env, stdout=full, stderr=subprocess.PIPE
            )
        return done.returncode, done.stderr.decode()

    usual = to_full_disk()
    recorded(project)
    assert to_full_disk() == usual == (2, "netlint: error: No space left on device\n")


def test_ctrl_c_while_netlint_is_imported_ends_it_without_a_traceback(tmp_path: Path) -> None:
    # Importing netlint's modules is a fifth of a second: a Ctrl-C then lands in the import machinery.
    interrupted = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def pressed(name, *args, **kwargs):\n"
        "    if name == 'netlint.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = pressed\n"
        "sys.argv = ['netlint', 'validate']\n"
        "from netlint.replay import entry\n"
        "entry()\n"
    )
    run = subprocess.run([sys.executable, "-c", interrupted], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout) == (130, "")  # as a shell reports Ctrl-C
    assert run.stderr.strip() == "Aborted!", run.stderr
