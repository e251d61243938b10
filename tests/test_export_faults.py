"""Fault injection: an export killed at any moment, or hitting a full disk, loses nothing; a bad cache is never trusted.

The export cases run `python -m netlint export` as a child process on a generated project
(bench/generate.py) and SIGKILL it, either after a delay or from a hook at a chosen step
(while staging, right before the swap, between the two renames, after the swap). Afterwards
the previous export is intact (byte-identical; after a kill between the renames it waits in
`<out>.old-*`, which the next run puts back), and the next export leaves no `.tmp-` or
`.old-` folder behind. A full disk (a 1 MB-scale tmpfs when mounting is allowed, else
writes that fail with ENOSPC) gives exit 2 with one clear line and the previous export.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from netlint.cli import main
from netlint.exporters import atomic

REPO = Path(__file__).resolve().parent.parent
OLD_DAY, NEW_DAY = "2026-11-26", "2026-11-27"  # two days: two exports that differ (the manifest's date)
DOCUMENTS = 60


# --- a generated project, its previous export, and the export that should replace it -----------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    base = tmp_path_factory.mktemp("generated")
    root = generate(base / "project", DOCUMENTS, seed=8)
    started = time.perf_counter()
    done = child(root, "export", "--today", NEW_DAY, "--out", str(base / "new"))
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert invoke(root, "export", "--today", OLD_DAY).exit_code == 0
    return {"root": root, "old": snapshot(root / "dist"), "new": snapshot(base / "new"), "seconds": seconds}


@pytest.fixture
def project(generated: dict[str, Any], tmp_path: Path) -> Path:
    """A fresh copy of the generated project holding its previous export in dist/."""
    root = tmp_path / "project"
    shutil.copytree(generated["root"], root, symlinks=True)
    assert snapshot(root / "dist") == generated["old"]
    return root


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f"{out.name}.tmp-", f"{out.name}.old-")))


def invoke(root: Path, *args: str) -> Result:
    with contextlib.chdir(root):
        result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def child(root: Path, *args: str, hook: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(args, hook), cwd=root, capture_output=True, text=True, timeout=timeout, check=False)


def _command(args: tuple[str, ...], hook: str | None) -> list[str]:
    if hook is None:
        return [sys.executable, "-m", "netlint", *args]
    return [sys.executable, "-c", _HOOKED, hook, *args]


# Runs netlint with a hook that SIGKILLs the process at one step of the export.
_HOOKED = r"""
import os, pathlib, signal, sys
from netlint.exporters import atomic

step = sys.argv[1]
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def terminate():  # as a CI job's time-out would, at that moment
    os.kill(os.getpid(), signal.SIGTERM)

staged_writes = [0]
real_write_bytes = pathlib.Path.write_bytes
def write_bytes(self, data):
    written = real_write_bytes(self, data)
    if ".tmp-" in str(self):
        staged_writes[0] += 1
        if step == "staging-html" and staged_writes[0] == 30:
            die()
    return written
pathlib.Path.write_bytes = write_bytes

real_write_file = atomic.write_file
def write_file(folder, relpath, data):
    real_write_file(folder, relpath, data)
    if step == "staging-bundle" and relpath == "json/bundle.json":
        die()
atomic.write_file = write_file

real_sync = atomic._sync_tree
def sync_tree(folder):
    if step == "before-sync":
        die()
    real_sync(folder)
    if step == "before-swap":
        die()
atomic._sync_tree = sync_tree

real_rename = os.rename
def rename(src, dst):
    real_rename(src, dst)
    if step == "old-aside" and ".old-" in str(dst):
        die()
    if step == "new-in" and ".tmp-" in str(src):
        die()
os.rename = rename

real_exchange = atomic._exchange
def exchange(first, second):
    if step in ("old-aside", "new-in"):
        return False  # as where paths cannot be exchanged: two renames
    done = real_exchange(first, second)
    if step == "exchanged":
        die()
    if step == "terminated-after-swap":
        terminate()
    return done
atomic._exchange = exchange

real_remove = atomic._remove
def remove(path):
    if step == "terminated-in-cleanup" and ".tmp-" in str(path):
        terminate()  # while the previous export, swapped to the staging name, is being removed
    real_remove(path)
    if step == "cleanup" and ".tmp-" not in str(path):
        die()
atomic._remove = remove

from netlint.cli import main
main(sys.argv[2:], prog_name="netlint")
"""


def previous_or_new_export_is_intact(out: Path, generated: dict[str, Any]) -> str:
    """After a kill: `out` is the previous export or the complete new one; returns which ("old" or "new").

    A kill between the two renames leaves no `out` but the previous export in `<out>.old-*`:
    the next export's first step (atomic.remove_stale) puts it back, byte for byte.
    """
    if not out.exists():
        aside = [out.parent / name for name in leftovers(out) if ".old-" in name]
        assert len(aside) == 1, leftovers(out)
        assert snapshot(aside[0]) == generated["old"]
        atomic.remove_stale(out)
        assert leftovers(out) == []
    got = snapshot(out)
    assert got in (generated["old"], generated["new"]), "the export folder holds a mix of two exports"
    return "old" if got == generated["old"] else "new"


def the_next_export_cleans_up(root: Path, generated: dict[str, Any]) -> None:
    result = invoke(root, "export", "--today", NEW_DAY)
    assert result.exit_code == 0, result.output
    assert leftovers(root / "dist") == []
    assert snapshot(root / "dist") == generated["new"]


# --- SIGKILL -----------------------------------------------------------------------------------------------

HOOKS = {
    "staging-bundle": "old",  # json/bundle.json written in the staging folder
    "staging-html": "old",  # in the middle of the HTML pages
    "before-sync": "old",  # everything staged, nothing flushed yet
    "before-swap": "old",  # flushed, not yet swapped
    "exchanged": "new",  # the new export and the previous one exchanged in one step, the previous not yet removed
    "old-aside": "old",  # without that step: the previous export renamed aside, the new one not yet in place
    "new-in": "new",  # the new export in place, the previous one not yet removed
    "cleanup": "new",  # the previous export removed, the staging name not yet checked
}


@pytest.mark.parametrize("hook", list(HOOKS))
def test_an_export_killed_at_each_step_loses_nothing(project: Path, generated: dict[str, Any], hook: str) -> None:
    done = child(project, "export", "--today", NEW_DAY, hook=hook)
    assert done.returncode == -signal.SIGKILL, f"the hook {hook!r} never fired: {done.stderr}"
    assert previous_or_new_export_is_intact(project / "dist", generated) == HOOKS[hook]
    the_next_export_cleans_up(project, generated)


@pytest.mark.parametrize("when", [0.7, "staging", "staging+0.1"])
def test_an_export_killed_after_a_delay_loses_nothing(
    project: Path, generated: dict[str, Any], when: float | str
) -> None:
    """SIGKILL after a fraction of a full run's time, or once the staging folder appears (plus a delay)."""
    process = subprocess.Popen(
        _command(("export", "--today", NEW_DAY), None), cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        if isinstance(when, float):
            time.sleep(when * generated["seconds"])
        else:
            deadline = time.monotonic() + 60
            while not any(".tmp-" in name for name in leftovers(project / "dist")) and process.poll() is None:
                assert time.monotonic() < deadline, "no staging folder appeared"
                time.sleep(0.002)
            time.sleep(float(when.partition("+")[2] or 0))
        process.kill()
    finally:
        _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, -signal.SIGKILL), stderr
    previous_or_new_export_is_intact(project / "dist", generated)
    the_next_export_cleans_up(project, generated)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_an_export_terminated_while_staging_removes_its_staging_folder(
    project: Path, generated: dict[str, Any], signum: int
) -> None:
    """SIGTERM (a CI job's time-out, `docker stop`) or SIGHUP: the staging folder must not stay beside dist/,
    where a later `git add -A` would commit it; the previous export stays as it was."""
    process = subprocess.Popen(
        _command(("export", "--today", NEW_DAY), None),
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(".tmp-" in name for name in leftovers(project / "dist")) and process.poll() is None:
            assert time.monotonic() < deadline, "no staging folder appeared"
            time.sleep(0.002)
        process.send_signal(signum)
    finally:
        _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr, stderr
    if process.returncode == 0:  # the export finished first: nothing to clean
        assert previous_or_new_export_is_intact(project / "dist", generated) == "new"
    else:
        assert process.returncode == 128 + signum, stderr
        assert leftovers(project / "dist") == []
        assert previous_or_new_export_is_intact(project / "dist", generated) == "old"


@pytest.mark.parametrize("hook", ["terminated-after-swap", "terminated-in-cleanup"])
def test_a_termination_right_after_the_swap_still_cleans_up(
    project: Path, generated: dict[str, Any], hook: str
) -> None:
    """SIGTERM once the new export is in place: the previous one (at the staging name) is removed all the
    same, not left beside dist/ (it was, cut short half-way), and then the signal takes effect."""
    done = child(project, "export", "--today", NEW_DAY, hook=hook)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert "Traceback" not in done.stderr
    assert leftovers(project / "dist") == []
    assert previous_or_new_export_is_intact(project / "dist", generated) == "new"


def test_an_export_waits_for_another_in_the_same_folder(project: Path, generated: dict[str, Any]) -> None:
    """Exports into one folder (the same --out, or a sibling: build/en and build/fr) go one after the other."""
    import fcntl
    import threading

    held = os.open(project, os.O_RDONLY)  # as another export into the project folder holds it
    fcntl.flock(held, fcntl.LOCK_EX)
    # Let go once the export has surely reached the lock: after twice the time a whole export took.
    timer = threading.Timer(max(2 * generated["seconds"], 1.0), os.close, (held,))
    timer.start()
    try:
        result = invoke(project, "export", "--today", NEW_DAY, "--out", "dist")
    finally:
        timer.join()
    assert result.exit_code == 0, result.output
    assert f"note: waiting for another netlint export into {project} to finish" in result.stderr
    assert snapshot(project / "dist") == generated["new"] and leftovers(project / "dist") == []


def test_a_version_control_folder_is_never_an_export_folder(project: Path) -> None:
    (project / "repo" / ".git").mkdir(parents=True)
    (project / "repo" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "repo" / ".git" / "refs" / "heads").mkdir(parents=True)
    (project / "repo" / ".git" / "refs" / "heads" / "main").write_text("0" * 40 + "\n")
    # the folder, the folder holding it, and anything inside it (a new folder too): never, even with --force
    for out in ("repo/.git", "repo", "repo/.git/refs", "repo/.git/refs/heads", "repo/.git/new", ".hg/x", ".GIT/y"):
        for force in (["--force"], []):
            result = invoke(project, "export", "--today", NEW_DAY, "--out", out, *force)
            assert result.exit_code == 2 and "version-control folder" in result.output, (out, result.output)
    assert (project / "repo" / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (project / "repo" / ".git" / "refs" / "heads" / "main").read_text() == "0" * 40 + "\n"
    assert not (project / "repo" / ".git" / "new").exists() and not (project / ".hg").exists()
    assert not (project / ".GIT").exists()  # on a case-insensitive file system, .git itself


def test_what_netlint_reads_is_never_an_export_folder(project: Path) -> None:
    """`--out netlint.toml --force` made the configuration a folder: the next run read defaults and passed.
    The configuration, the baseline it names and the schema folder (and a folder holding one, or inside
    the schema folder) are refused, even with --force, and left as they were."""
    shutil.copytree(REPO / "schema", project / "schemas" / "own")
    assert invoke(project, "validate", "--no-cache", "--write-baseline", "known.json").exit_code == 0
    baseline = (project / "known.json").read_bytes()
    toml = project / "netlint.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'schema = "schemas/own"\nbaseline = "known.json"\n')
    settings = toml.read_bytes()
    expected = {
        "netlint.toml": "is netlint's configuration",
        "known.json": "is the baseline netlint.toml names",
        "schemas/own": "is the project's schema folder",
        "schemas": "holds the project's schema folder",
        "schemas/own/new": "is inside the project's schema folder",
    }
    for out, what in expected.items():
        for force in (["--force"], []):
            result = invoke(project, "export", "--today", NEW_DAY, "--out", out, *force)
            assert result.exit_code == 2, (out, result.output)
            assert f"{project / out} {what}, which netlint reads" in result.output, (out, result.output)
    # What a path is, not only how it is spelled ("NETLINT.TOML" on a case-insensitive file system; here a
    # second name of the same file, which this file system can show)
    os.link(toml, project / "settings-alias.toml")
    result = invoke(project, "export", "--today", NEW_DAY, "--out", "settings-alias.toml", "--force")
    assert result.exit_code == 2 and "is netlint's configuration, which netlint reads" in result.output
    assert toml.read_bytes() == settings and (project / "known.json").read_bytes() == baseline
    assert sorted(p.name for p in (project / "schemas" / "own").iterdir()) == sorted(
        p.name for p in (REPO / "schema").iterdir()
    )
    assert invoke(project, "validate", "--no-cache").exit_code == 0


def test_the_home_working_and_temporary_folders_are_never_export_folders(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--out ~ --force` replaced a home folder, and everything in it, with an export. The home folder, the
    working folder and the temporary folder, and any folder holding one, are refused even with --force."""
    home = tmp_path / "people" / "ann"
    (home / ".config").mkdir(parents=True)
    (home / ".config" / "keep").write_text("mine\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    elsewhere = project / "notes"
    (elsewhere / "drafts").mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    monkeypatch.setattr("tempfile.tempdir", None)  # (read again from TMPDIR)
    cases = {
        str(home): "is your home folder",
        str(home.parent): "holds your home folder",
        str(tmp_path / "scratch"): "is the system's temporary folder",
    }
    for out, what in cases.items():
        for force in (["--force"], []):
            result = invoke(project, "export", "--today", NEW_DAY, "--out", out, *force)
            assert result.exit_code == 2 and f"--out {out} {what}; an export replaces" in result.output, result.output
    with contextlib.chdir(elsewhere / "drafts"):  # (a project's folders are its own: found from below)
        for out, what in ((".", "is the working folder"), ("..", "holds the working folder")):
            result = CliRunner().invoke(main, ["export", "--today", NEW_DAY, "--out", out, "--force"])
            assert result.exit_code == 2, result.output
            assert f"{what}; an export replaces" in result.output, result.output
    assert (home / ".config" / "keep").read_text(encoding="utf-8") == "mine\n"
    assert (elsewhere / "drafts").is_dir() and not (elsewhere / ".netlint-export").exists()


def test_without_a_configuration_the_message_says_the_working_folder_is_the_project(tmp_path: Path) -> None:
    """With no netlint.toml above it, the working folder is the project's root (SPEC §1): `--out ..` from there
    "contains the project", which the message explains rather than leave the reader looking for one."""
    inner = tmp_path / "notes" / "inner"
    inner.mkdir(parents=True)
    with contextlib.chdir(inner):
        result = CliRunner().invoke(main, ["export", "--today", NEW_DAY, "--out", str(tmp_path / "notes"), "--force"])
    assert result.exit_code == 2, result.output
    assert (
        f"--out {tmp_path / 'notes'} contains the project (no netlint.toml or pyproject.toml was found: the "
        "working folder is its root)" in result.output
    )
    assert inner.is_dir()


# --- a full disk -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def small_tmpfs(folder: Path, size_kb: int) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_tmpfs_leaves_the_previous_export_and_no_staging_folder(
    project: Path, generated: dict[str, Any], tmp_path: Path
) -> None:
    size_kb = sum(p.stat().st_size for p in (project / "dist").rglob("*") if p.is_file()) // 1024
    with small_tmpfs(tmp_path / "disk", size_kb * 3 // 2 + 200) as disk:  # room for one export, not for two
        out = disk / "dist"
        assert invoke(project, "export", "--today", OLD_DAY, "--out", str(out)).exit_code == 0
        assert snapshot(out) == generated["old"]
        result = invoke(project, "export", "--today", NEW_DAY, "--out", str(out))
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("netlint: error: cannot write the export: No space left on device")
        assert result.stderr.rstrip().endswith(f"; {out} was left as it was")
        assert len(result.stderr.strip().splitlines()) == 1
        assert snapshot(out) == generated["old"]
        assert leftovers(out) == []
        for name in sorted(os.listdir(out)):  # nothing of the new export leaked into the old one
            assert name in {".netlint-export", "json", "html"}


class _FullDisk:
    """Writes into a staging folder fail with ENOSPC once ``budget`` bytes have been written there."""

    def __init__(self, budget: int) -> None:
        self.left = budget

    def spend(self, path: Any, size: int) -> None:
        if ".tmp-" not in str(path):
            return
        self.left -= size
        if self.left < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


@pytest.mark.parametrize("budget", [0, 20_000, 400_000, 10**9])
def test_writes_that_fail_with_enospc_leave_the_previous_export(
    project: Path, generated: dict[str, Any], monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    """0: the marker fails; 20 kB: the bundle fails; 400 kB: mid-HTML; 10**9: only the final fsync fails (EIO)."""
    disk = _FullDisk(budget)
    real_write_bytes, real_write_file, real_fsync = Path.write_bytes, atomic.write_file, os.fsync

    def write_bytes(self: Path, data: Any) -> int:
        disk.spend(self, len(data))
        return real_write_bytes(self, data)

    def write_file(folder: Path, relpath: str, data: bytes) -> None:
        disk.spend(folder / relpath, len(data))
        real_write_file(folder, relpath, data)

    def fsync(fd: int) -> None:
        if budget == 10**9:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(atomic, "write_file", write_file)
    monkeypatch.setattr(os, "fsync", fsync)
    result = invoke(project, "export", "--today", NEW_DAY)
    assert result.exit_code == 2, result.output
    reason = "Input/output error" if budget == 10**9 else "No space left on device"
    assert result.stderr.startswith(f"netlint: error: cannot write the export: {reason}")
    assert result.stderr.rstrip().endswith("; dist was left as it was")
    assert snapshot(project / "dist") == generated["old"]
    assert leftovers(project / "dist") == []


# --- the cache ---------------------------------------------------------------------------------------------

CACHE = ".netlint_cache"


@pytest.fixture
def broken_project(project: Path) -> Path:
    """The generated project with a few diagnostics, so that cached and uncached reports can differ."""
    procedures = sorted((project / "content" / "procedures").glob("*.yaml"))
    procedures[0].write_text(procedures[0].read_text(encoding="utf-8").replace("kind: procedure", "kind: procedur"))
    procedures[1].write_text(procedures[1].read_text(encoding="utf-8") + "  oops: [\n", encoding="utf-8")
    topic = sorted((project / "content" / "topics").glob("*.yaml"))[0]
    topic.write_text(topic.read_text(encoding="utf-8").replace("review:", "reveiw:"), encoding="utf-8")
    return project


def report(root: Path, *extra: str) -> str:
    result = invoke(root, "validate", "--format", "json", "--today", OLD_DAY, "--jobs", "1", *extra)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_a_cache_path_that_is_a_file_is_ignored_and_left_alone(broken_project: Path) -> None:
    expected = report(broken_project, "--no-cache")
    (broken_project / CACHE).write_text("not a folder\n", encoding="utf-8")
    assert report(broken_project) == expected == report(broken_project)
    assert (broken_project / CACHE).read_text(encoding="utf-8") == "not a folder\n"
    assert invoke(broken_project, "cache", "clean").exit_code == 2  # not netlint's to delete
    assert (broken_project / CACHE).read_text(encoding="utf-8") == "not a folder\n"
    (broken_project / CACHE).unlink()
    (broken_project / CACHE).mkdir()
    (broken_project / CACHE / "v2").write_text("not a folder either\n", encoding="utf-8")
    assert report(broken_project) == expected


def test_cache_files_linked_to_etc_passwd_are_not_trusted_nor_written_through(broken_project: Path) -> None:
    expected = report(broken_project, "--no-cache")
    assert report(broken_project) == expected  # fills the cache
    passwd = Path("/etc/passwd").read_bytes()
    entries = sorted((broken_project / CACHE / "v2").glob("*.json"))
    assert entries
    for entry in entries:
        entry.unlink()
        entry.symlink_to("/etc/passwd")
    assert report(broken_project) == expected
    assert Path("/etc/passwd").read_bytes() == passwd
    assert not any(entry.is_symlink() for entry in (broken_project / CACHE / "v2").glob("*.json"))


def test_a_cache_folder_linked_out_of_the_project_is_never_written(broken_project: Path, tmp_path: Path) -> None:
    expected = report(broken_project, "--no-cache")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".gitignore").write_text("precious\n", encoding="utf-8")
    (broken_project / CACHE).symlink_to(elsewhere, target_is_directory=True)
    assert report(broken_project) == expected == report(broken_project)
    assert sorted(os.listdir(elsewhere)) == [".gitignore"]
    assert (elsewhere / ".gitignore").read_text(encoding="utf-8") == "precious\n"


def test_links_inside_the_cache_folder_are_replaced_never_followed(broken_project: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (broken_project / CACHE).mkdir()
    (broken_project / CACHE / ".gitignore").symlink_to(victim)
    (broken_project / CACHE / "README").symlink_to(tmp_path / "would-be-created.txt")
    expected = report(broken_project, "--no-cache")
    assert report(broken_project) == expected
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "would-be-created.txt").exists()


def test_a_cache_file_that_is_a_fifo_cannot_hang_the_run(broken_project: Path) -> None:
    expected = report(broken_project, "--no-cache")
    report(broken_project)
    for entry in sorted((broken_project / CACHE / "v2").glob("*.json")):
        entry.unlink()
        os.mkfifo(entry)
    done = child(broken_project, "validate", "--format", "json", "--today", OLD_DAY, "--jobs", "1", timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stdout == expected


@pytest.mark.parametrize(
    "damage",
    ["truncated", "deeply-nested", "wrong-types", "huge-numbers", "a-folder", "empty", "binary"],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(broken_project: Path, damage: str) -> None:
    expected = report(broken_project, "--no-cache")
    report(broken_project)
    for entry in sorted((broken_project / CACHE / "v2").glob("*.json")):
        text = entry.read_text(encoding="utf-8")
        entry.unlink()
        if damage == "a-folder":
            entry.mkdir()
            continue
        body = {
            "truncated": text[: len(text) // 2],
            "deeply-nested": "[" * 100_000 + "]" * 100_000,
            "wrong-types": json.dumps({"key": json.loads(text)["key"], "diagnostics": [[1, "x", None]], "files": []}),
            "huge-numbers": text.replace('"key"', '"n":' + "9" * 5000 + ',"key"', 1),
            "empty": "",
            "binary": "\x00\xff" * 10,
        }[damage]
        entry.write_text(body, encoding="utf-8", errors="surrogateescape")
    assert report(broken_project) == expected
    assert report(broken_project) == expected


def test_a_cache_that_cannot_be_written_for_a_full_disk_is_skipped(
    broken_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = report(broken_project, "--no-cache")
    real = os.open
    refused: list[str] = []

    def full(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if CACHE in str(path) and flags & os.O_CREAT:  # a new file in the cache: the disk is full
            refused.append(str(path))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    assert report(broken_project) == expected
    assert refused  # the run did try to write its cache
    assert not list((broken_project / CACHE).rglob("*.json"))


def test_a_cache_write_that_fails_midway_leaves_no_temporary_file(
    broken_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = report(broken_project, "--no-cache")
    real = os.replace

    def failing(source: Any, target: Any) -> None:
        if CACHE in str(target):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    assert report(broken_project) == expected
    assert (broken_project / CACHE).is_dir()
    assert not [p for p in (broken_project / CACHE).rglob("*") if p.name.startswith(".tmp-")]


def test_two_runs_at_once_sharing_the_cache_give_the_same_output(broken_project: Path) -> None:
    expected = report(broken_project, "--no-cache")
    command = _command(("validate", "--format", "json", "--today", OLD_DAY, "--jobs", "1"), None)
    for _round in range(3):  # a cold cache, then a warm one, then one both runs just rewrote
        runs = [
            subprocess.Popen(command, cwd=broken_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
        for run, (stdout, stderr) in zip(runs, outputs, strict=True):
            assert run.returncode == 1, stderr
            assert stdout == expected
    assert not [p for p in (broken_project / CACHE).rglob(".tmp-*")]


def test_a_huge_cache_file_is_ignored_not_read(broken_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netlint import cache

    first = invoke(broken_project, "validate")
    assert first.exit_code == 1
    folder = broken_project / ".netlint_cache" / "v2"
    for path in folder.glob("project-*.json"):  # a stored result saying there is nothing to report
        entry = json.loads(path.read_bytes())
        entry["diagnostics"] = []
        path.write_bytes(json.dumps(entry).encode())
    assert invoke(broken_project, "validate").exit_code == 0  # read: it answers the run
    monkeypatch.setattr(cache, "_MAX_ENTRY_BYTES", 64)  # every real entry is larger: none is read
    again = invoke(broken_project, "validate")
    assert again.exit_code == 1 and again.output == first.output
