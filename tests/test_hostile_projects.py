"""Hostile project structure: links out of the project, loops, unreadable files, FIFOs and devices, odd names.

Each case gives a clear diagnostic, a note, or a usage error (exit 2, `netlint: error: ...`), never a
traceback, and every other file is still checked.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
from click.testing import CliRunner, Result

from conftest import TODAY, base_files
from netlint.api import known_codes, validate
from netlint.cli import main
from netlint.config import load_config
from report_checks import check_all_reports, check_json_report

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
BASE = base_files(("proc-a",))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make(tmp_path: Path, files: dict[str, str | bytes] | None = None, *, base: bool = True) -> Path:
    """A project in ``tmp_path/project``: the small valid project of conftest.py plus ``files``."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "netlint.toml").write_text('content = "content"\n', encoding="utf-8")
    for rel, body in {**(BASE if base else {}), **(files or {})}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def check(root: Path) -> Any:
    """validate through the api, with every report checked (SPEC §6); returns the Result."""
    config = load_config(root, known_codes())
    result = validate(config, TODAY)
    check_all_reports(result, config)
    return result


def cli(root: Path, *args: str) -> Result:
    """`netlint ARGS` run in ``root``; asserts it ended with no traceback."""
    with contextlib.chdir(root):
        result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def usage_error(root: Path, *args: str) -> str:
    """The one-line message of a command that must fail with exit 2."""
    result = cli(root, *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netlint: error: "), result.stderr
    return lines[0]


def codes(result: Any) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in result.diagnostics]


def the_others_are_checked(result: Any) -> None:
    """The valid files of the base project were all read and found clean."""
    assert set(BASE) <= set(result.checked_paths)
    assert not [d for d in result.diagnostics if d.path in BASE]


# --- symbolic links -----------------------------------------------------------------------------------


def test_a_link_to_a_file_outside_the_project_is_never_read_and_is_an_error(tmp_path: Path) -> None:
    """Never read (nothing outside the project is), and never passed over unseen: pre-commit shows a
    hook's output only when it fails, and a page no run checks or exports must not slip through."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: topic\nid: stolen\ntitle: SECRET-TEXT\n", encoding="utf-8")
    root = make(tmp_path)
    (root / "content" / "passwd.yaml").symlink_to("/etc/passwd")
    (root / "content" / "secret.yaml").symlink_to(secret)
    result = check(root)
    assert result.notes == []
    assert [(d.path, d.code, d.line, d.column, d.severity.value) for d in result.diagnostics] == [
        ("content/passwd.yaml", "Y003", 1, 1, "error"),
        ("content/secret.yaml", "Y003", 1, 1, "error"),
    ]
    assert result.diagnostics[0].message == (
        "this file is a link to /etc/passwd, outside the project; netlint reads only files inside the project "
        "(nothing there is checked or exported): move the file into the project, or remove the link"
    )
    assert not [p for p in result.checked_paths if "passwd" in p or "secret" in p]
    assert {"content/passwd.yaml", "content/secret.yaml"} <= set(result.reported_paths)
    the_others_are_checked(result)
    done = cli(root, "validate", "--format", "json", "--today", TODAY.isoformat())
    assert done.exit_code == 1
    assert "SECRET-TEXT" not in done.output and "root:" not in done.output
    # Named as pre-commit names it: reported; the other files given are reported as usual.
    named = cli(root, "validate", "content/passwd.yaml", "content/procedures/proc-a.yaml", "--today", TODAY.isoformat())
    assert named.exit_code == 1 and named.stderr == ""
    assert named.stdout.startswith("content/passwd.yaml:1:1: Y003 [error] this file is a link to /etc/passwd")
    assert "secret" not in named.stdout
    # Configuration applies to it as to any diagnostic.
    (root / "netlint.toml").write_text('content = "content"\n[per-file-ignores]\n"content/*.yaml" = ["Y003"]\n')
    assert cli(root, "validate", "--today", TODAY.isoformat()).exit_code == 0
    (root / "netlint.toml").write_text('content = "content"\n[severity]\nY003 = "warning"\n')
    warned = cli(root, "validate", "--today", TODAY.isoformat())
    assert warned.exit_code == 0 and "content/secret.yaml:1:1: Y003 [warning]" in warned.stdout
    # And export, which refuses content with errors, writes nothing.
    (root / "netlint.toml").write_text('content = "content"\n')
    exported = cli(root, "export", "--out", "dist", "--today", TODAY.isoformat())
    assert exported.exit_code == 1 and not (root / "dist").exists()


def test_a_link_to_a_folder_outside_the_project_is_not_followed_and_is_an_error(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yaml").write_text("a: [\n", encoding="utf-8")
    root = make(tmp_path)
    (root / "content" / "shared").symlink_to(outside, target_is_directory=True)
    (root / "content" / "etc").symlink_to("/etc", target_is_directory=True)
    result = check(root)
    assert [(d.path, d.code, d.line, d.column) for d in result.diagnostics] == [
        ("content/etc", "Y003", 1, 1),
        ("content/shared", "Y003", 1, 1),
    ]
    assert result.diagnostics[1].message.startswith(f"this folder is a link to {outside}, outside the project")
    assert not [p for p in result.checked_paths if p.startswith(("content/shared", "content/etc"))]
    the_others_are_checked(result)
    # A file given through the link is reported as the link.
    named = cli(root, "validate", "content/shared/x.yaml", "--today", TODAY.isoformat())
    assert named.exit_code == 1 and named.stdout.startswith("content/shared:1:1: Y003 [error] this folder is a link")


def test_links_that_stay_inside_the_project_are_followed(tmp_path: Path) -> None:
    root = make(tmp_path, {"shared/extra.yaml": "a: 1\n"})
    (root / "content" / "extra.yaml").symlink_to(root / "shared" / "extra.yaml")
    result = check(root)
    assert ("content/extra.yaml", "S002") in codes(result)


def test_a_content_folder_that_links_outside_the_project_is_a_usage_error(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "topics").mkdir(parents=True)
    root = tmp_path / "project"
    root.mkdir()
    (root / "netlint.toml").write_text('content = "content"\n', encoding="utf-8")
    (root / "content").symlink_to(outside, target_is_directory=True)
    message = usage_error(root, "validate")
    assert "content folder 'content' links outside the project" in message


def test_symbolic_link_loops_are_reported_and_never_walked_forever(tmp_path: Path) -> None:
    root = make(tmp_path)
    content = root / "content"
    (content / "a.yaml").symlink_to("b.yaml")
    (content / "b.yaml").symlink_to("a.yaml")
    (content / "self.yaml").symlink_to("self.yaml")
    (content / "again").symlink_to(".", target_is_directory=True)  # a folder loop: content/again/again/...
    (content / "up").symlink_to("..", target_is_directory=True)  # the project root, which holds content
    result = check(root)
    loops = [(d.path, d.code, d.line, d.column) for d in result.diagnostics if "symbolic links" in d.message]
    assert loops == [
        ("content/a.yaml", "Y003", 1, 1),
        ("content/b.yaml", "Y003", 1, 1),
        ("content/self.yaml", "Y003", 1, 1),
    ]
    assert len(result.checked_paths) == len(set(result.checked_paths))
    the_others_are_checked(result)


def test_a_dangling_link_is_a_diagnostic(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "content" / "gone.yaml").symlink_to("missing.yaml")
    result = check(root)
    diag = next(d for d in result.diagnostics if d.path == "content/gone.yaml")
    assert (diag.code, diag.line, diag.column) == ("Y003", 1, 1)
    assert "cannot read the file: No such file or directory" in diag.message
    the_others_are_checked(result)


# --- unreadable files and folders ----------------------------------------------------------------------


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode; see the monkeypatched test below")
def test_an_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/locked.yaml": "a: 1\n"})
    (root / "content" / "locked.yaml").chmod(0)
    try:
        result = check(root)
    finally:
        (root / "content" / "locked.yaml").chmod(0o644)
    diag = next(d for d in result.diagnostics if d.path == "content/locked.yaml")
    assert (diag.code, diag.message) == ("Y003", "cannot read the file: Permission denied")
    the_others_are_checked(result)


@pytest.mark.skipif(IS_ROOT, reason="root lists folders whatever their mode; see the monkeypatched test below")
def test_an_unreadable_folder_is_a_diagnostic(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/locked/x.yaml": "a: 1\n"})
    (root / "content" / "locked").chmod(0)
    try:
        result = check(root)
    finally:
        (root / "content" / "locked").chmod(0o755)
    assert [(d.path, d.code, d.line, d.column) for d in result.diagnostics] == [("content/locked", "Y003", 1, 1)]
    the_others_are_checked(result)


def _denied(target: Path, real: Any) -> Any:
    """``real`` (os.open or os.scandir) that raises EACCES for ``target``, as a non-root user would get."""

    def call(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(os.fsdecode(path) if not isinstance(path, int) else "") == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real(path, *args, **kwargs)

    return call


def test_an_unreadable_file_is_a_diagnostic_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path, {"content/locked.yaml": "a: 1\n"})
    monkeypatch.setattr(os, "open", _denied(root / "content" / "locked.yaml", os.open))
    result = check(root)
    diag = next(d for d in result.diagnostics if d.path == "content/locked.yaml")
    assert (diag.code, diag.line, diag.column) == ("Y003", 1, 1)
    assert diag.message == "cannot read the file: Permission denied"
    the_others_are_checked(result)


def test_an_unreadable_folder_is_a_diagnostic_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error, not a note: the pages in it are neither checked nor exported, and a quiet run (or a
    pre-commit hook, whose output shows only when it fails) must not pass over them unseen."""
    root = make(tmp_path, {"content/locked/x.yaml": "a: 1\n"})
    monkeypatch.setattr(os, "scandir", _denied(root / "content" / "locked", os.scandir))
    result = check(root)
    assert [(d.path, d.code, d.line, d.column, d.end_column) for d in result.diagnostics] == [
        ("content/locked", "Y003", 1, 1, 2)
    ]
    assert result.diagnostics[0].message == (
        "cannot read this folder: Permission denied; the pages in it are neither checked nor exported: "
        "let netlint read it (its permissions), or move it out of the content folder"
    )
    assert not [note for note in result.notes if "locked" in note]
    assert "content/locked/x.yaml" not in result.checked_paths
    the_others_are_checked(result)
    quiet = cli(root, "validate", "-q", "--today", TODAY.isoformat())
    assert quiet.exit_code == 1 and "content/locked:1:1: Y003 [error] cannot read this folder" in quiet.stdout
    assert cli(root, "export", "--today", TODAY.isoformat()).exit_code == 1  # and nothing is exported


def test_an_unreadable_content_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path)
    monkeypatch.setattr(os, "scandir", _denied(root / "content", os.scandir))
    message = usage_error(root, "validate")
    assert message == "netlint: error: cannot read the content folder 'content': Permission denied"


# --- FIFOs, devices and sockets --------------------------------------------------------------------


def run_cli(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """netlint in a child process, so that a hang fails the test instead of blocking it."""
    return subprocess.run(
        [sys.executable, "-m", "netlint", *args],
        cwd=root, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def test_fifos_devices_and_sockets_are_reported_without_being_opened(tmp_path: Path) -> None:
    root = make(tmp_path)
    content = root / "content"
    os.mkfifo(content / "pipe.yaml")
    expected = {("content/pipe.yaml", "it is a FIFO (named pipe)")}
    with contextlib.suppress(PermissionError):  # creating device files needs root (CAP_MKNOD)
        os.mknod(content / "zero.yaml", 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero: endless
        expected.add(("content/zero.yaml", "it is not a regular file"))
    server = socket.socket(socket.AF_UNIX)
    with contextlib.chdir(content), server:  # a relative name: socket paths are limited to ~100 bytes
        server.bind("sock.yaml")
        expected.add(("content/sock.yaml", "it is not a regular file"))
        done = run_cli(root, "validate", "--format", "json", "--today", TODAY.isoformat(), timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    payload = json.loads(done.stdout)
    check_json_report(payload)
    found = {(d["path"], d["message"]) for d in payload["diagnostics"]}
    assert found == {
        (path, f"cannot read the file: {what}; netlint reads only regular files") for path, what in expected
    }
    assert {d["code"] for d in payload["diagnostics"]} == {"Y003"}
    assert payload["files_checked"] == len(BASE) + len(expected)


def test_a_fifo_swapped_in_after_the_check_cannot_hang_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is opened non-blocking and checked again once open."""
    from netlint import fileio

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: regular if self == fifo else real_stat(self, **kw))
    with pytest.raises(fileio.NotRegularFile, match="FIFO"):
        fileio.read_regular(fifo, 100)


# --- file names ---------------------------------------------------------------------------------------

ODD_NAMES = {
    b"with space.yaml": "content/with space.yaml",
    b"new\nline.yaml": "content/new\\nline.yaml",
    b"carriage\rreturn.yaml": "content/carriage\\rreturn.yaml",
    b"escape\x1b[31m.yaml": "content/escape\\x1b[31m.yaml",
    b"latin1-caf\xe9.yaml": "content/latin1-caf\\xe9.yaml",
    b"bad-\xff\xfe.yaml": "content/bad-\\xff\\xfe.yaml",
    "unicode-é-漢.yaml".encode(): "content/unicode-é-漢.yaml",
}


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    root = make(tmp_path)
    folder = os.fsencode(root / "content")
    for name in ODD_NAMES:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"a: [\n")  # a Y001 in each, so every name is reported
    return root


def test_odd_file_names_are_reported_printable_and_every_report_stays_valid(odd_names: Path) -> None:
    result = check(odd_names)
    assert sorted(d.path for d in result.diagnostics) == sorted(ODD_NAMES.values())
    assert {d.code for d in result.diagnostics} == {"Y001"}
    the_others_are_checked(result)


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github", "junit"])
def test_odd_file_names_through_the_command_line(odd_names: Path, fmt: str) -> None:
    done = cli(odd_names, "validate", "--format", fmt, "--today", TODAY.isoformat())
    assert done.exit_code == 1
    out = done.stdout
    # The machine formats carry each file's real name in their own escaping (a line break in a
    # name is a line break in JSON's path, %0A in SARIF's URI and in a GitHub command); only bytes
    # that are not UTF-8 are written out (\xNN) where the format holds text. The text report
    # shows the names printable.
    real = {"content/" + name.decode("utf-8", "backslashreplace") for name in ODD_NAMES}
    if fmt == "json":
        report = json.loads(out)
        check_json_report(report)
        assert {d["path"] for d in report["diagnostics"]} == real
    elif fmt == "sarif":
        log = json.loads(out)
        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
        uris = sorted(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
        )
        assert uris == sorted(quote(b"content/" + name, safe="/") for name in ODD_NAMES)
        assert "content/new%0Aline.yaml" in uris and "content/latin1-caf%E9.yaml" in uris
    elif fmt == "junit":
        import xml.etree.ElementTree as ET

        names = {case.get("name") for case in ET.fromstring(out.encode()).iter("testcase")}
        assert {name.replace("\x1b", "\\x1b") for name in real} <= names  # XML cannot hold an escape
    elif fmt == "github":
        lines = out.strip().splitlines()
        assert len(lines) == len(ODD_NAMES)
        files = {line.split("file=", 1)[1].split(",line=", 1)[0] for line in lines}
        assert files == {
            name.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("\x1b", "\\x1b") for name in real
        }
    else:
        assert len(out.strip().splitlines()) == len(ODD_NAMES) + 1
        for shown in ODD_NAMES.values():
            assert shown in out


def test_a_file_passed_by_an_odd_name_is_reported(odd_names: Path) -> None:
    path = os.path.join(os.fsencode(odd_names / "content"), b"bad-\xff\xfe.yaml")
    config = load_config(odd_names, known_codes())
    result = validate(config, TODAY, (Path(os.fsdecode(path)),))
    assert [d.path for d in result.diagnostics] == ["content/bad-\\xff\\xfe.yaml"]


def test_two_names_that_would_be_shown_alike_are_never_merged(tmp_path: Path) -> None:
    root = make(tmp_path)
    folder = os.fsencode(root / "content")
    for name in (b"x\xff.yaml", b"x\\xff.yaml"):  # an undecodable byte, and a backslash written out
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"a: 1\n")
    result = check(root)
    assert result.checked_paths.count("content/x\\xff.yaml") == 1
    assert "content/x\\xff.yaml: skipped: another file's name is shown the same way; rename one of them" in result.notes


# --- many files, no files, no folder -----------------------------------------------------------------


def test_five_thousand_tiny_files(tmp_path: Path) -> None:
    root = make(tmp_path)
    folder = root / "content" / "many"
    folder.mkdir()
    for i in range(5000):
        (folder / f"f{i:04d}.yaml").write_bytes(b"a: 1\n")
    result = check(root)
    assert result.files_checked == 5000 + len(BASE)
    assert len([d for d in result.diagnostics if d.code == "S002"]) == 5000
    the_others_are_checked(result)


def test_an_empty_content_folder_checks_nothing_and_says_so(tmp_path: Path) -> None:
    root = make(tmp_path, base=False)
    done = cli(root, "validate", "--format", "json", "--today", TODAY.isoformat())
    assert done.exit_code == 0
    payload = json.loads(done.stdout)
    check_json_report(payload, files_checked=0)
    assert "note: no content files (*.yaml, *.yml) found in 'content'" in done.stderr
    assert cli(root, "validate").stdout == "No problems found (0 files checked).\n"


def test_a_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    root = make(tmp_path, base=False)
    (root / "content").rmdir()
    message = usage_error(root, "validate")
    assert message == f"netlint: error: {root / 'netlint.toml'}:1:1: content folder 'content' does not exist"
    assert usage_error(root, "export") == message
    assert usage_error(root, "review") == message


def test_a_content_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    root = make(tmp_path, base=False)
    (root / "content").rmdir()
    (root / "content").write_text("not a folder\n", encoding="utf-8")
    assert "content folder 'content' is not a folder" in usage_error(root, "validate")


# --- the configuration file itself ----------------------------------------------------------------------

BAD_CONFIGS: dict[str, tuple[str, bytes, str]] = {
    "malformed-toml": (
        "netlint.toml",
        b'content = "content\n',
        "1:19: invalid TOML: Illegal character '\\n'",
    ),
    "unclosed-table": (
        "netlint.toml",
        b"[review\nwarn_days = 3\n",
        "1:8: invalid TOML: Expected ']' at the end of a table",
    ),
    "truncated": (
        "netlint.toml",
        b'content = "content"\n[limits]\nmax_file_bytes = ',
        "3:18: invalid TOML: Invalid value",
    ),
    "not-utf8": (
        "netlint.toml",
        b'content = "caf\xe9"\n',
        "1:15: cannot read the configuration: it is not UTF-8 text (byte 0xE9); save it as UTF-8",
    ),
    "utf16": (
        "netlint.toml",
        'content = "content"\n'.encode("utf-16"),
        "1:1: cannot read the configuration: it is not UTF-8",
    ),
    "nul-bytes": ("netlint.toml", b"content = \x00\n", "1:11: invalid TOML"),
    "pyproject-malformed": (
        "pyproject.toml",
        b"[tool.netlint\n",
        "1:14: invalid TOML: Expected ']' at the end of a table",
    ),
    "pyproject-not-a-table": ("pyproject.toml", b"[tool]\nnetlint = 3\n", "2:1: [tool.netlint] must be a table"),
    "depth-too-large": (
        "netlint.toml",
        b"[limits]\nmax_depth = 100000\n",
        "2:1: 'limits.max_depth' must be at most 256",
    ),
    "size-too-large": (
        "netlint.toml",
        b"[limits]\nmax_file_bytes = 1e30\n",
        "2:1: 'limits.max_file_bytes' must be a positive",
    ),
    "size-overflow": (
        "netlint.toml",
        b"[limits]\nmax_file_bytes = 9223372036854775807\n",
        "2:1: 'limits.max_file_bytes' must be at most 16,777,216",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_a_bad_configuration_file_is_a_usage_error_naming_it(tmp_path: Path, case: str) -> None:
    name, body, expected = BAD_CONFIGS[case]
    root = make(tmp_path)
    (root / "netlint.toml").unlink()
    (root / name).write_bytes(body)
    message = usage_error(root, "validate")
    assert message.startswith(f"netlint: error: {root / name}:{expected}"), message  # file:line:column: what


def test_a_configuration_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "netlint.toml").write_bytes(b'\xef\xbb\xbfcontent = "content"\n[review]\nwarn_days = 30\n')
    assert load_config(root, known_codes()).review_warn_days == 30
    assert cli(root, "validate", "--today", TODAY.isoformat()).exit_code == 0


def test_the_largest_allowed_limits_still_run(tmp_path: Path) -> None:
    deep = "a: " + "[" * 250 + "]" * 250 + "\n"
    root = make(tmp_path, {"content/deep.yaml": deep})
    (root / "netlint.toml").write_text('content = "content"\n[limits]\nmax_depth = 256\nmax_file_bytes = 16777216\n')
    for jobs in ("1", "2"):
        done = cli(root, "validate", "--format", "json", "--today", TODAY.isoformat(), "--jobs", jobs)
        assert done.exit_code == 1
        assert [(d["path"], d["code"]) for d in json.loads(done.stdout)["diagnostics"]] == [
            ("content/deep.yaml", "S002")
        ]


def test_content_at_the_project_root_is_found_with_plain_and_escaped_names(tmp_path: Path) -> None:
    """content = "." : files are shown relative to the root, and names shown alike are still never merged."""
    root = make(tmp_path, base=False)
    (root / "netlint.toml").write_text('content = "."\n', encoding="utf-8")
    (root / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "b.yml").write_text("b: 1\n", encoding="utf-8")
    plain = check(root)
    assert plain.checked_paths == ["a.yaml", "sub/b.yml"]
    assert not any("shown the same way" in note for note in plain.notes)
    for name in (b"x\xff.yaml", b"x\\xff.yaml"):  # shown alike: one of them is skipped with a note
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(b"a: 1\n")
    escaped = check(root)
    assert escaped.checked_paths == ["a.yaml", "sub/b.yml", "x\\xff.yaml"]
    assert "x\\xff.yaml: skipped: another file's name is shown the same way; rename one of them" in escaped.notes


# --- a project's own schemas, baseline and paths ------------------------------------------------------

REPO_SCHEMAS = Path(__file__).resolve().parent.parent / "schema"


def _with_schemas(tmp_path: Path) -> Path:
    root = make(tmp_path)
    (root / "netlint.toml").write_text('content = "content"\nschema = "s"\n', encoding="utf-8")
    (root / "s").mkdir()
    for path in REPO_SCHEMAS.glob("*.json"):
        (root / "s" / path.name).write_bytes(path.read_bytes())
    return root


def _unresolvable(target: Path) -> None:
    schema = json.loads((REPO_SCHEMAS / "procedure.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["title"] = {"$ref": "file:///etc/passwd"}
    target.write_text(json.dumps(schema), encoding="utf-8")


HOSTILE_SCHEMAS = {
    "dev-zero": (lambda p, tmp: p.symlink_to("/dev/zero"), "links outside the schema folder"),
    "fifo": (lambda p, tmp: os.mkfifo(p), "it is a FIFO (named pipe)"),
    "outside": (
        lambda p, tmp: (
            (tmp / "secret.json").write_text('{"type": "TOKEN-s3cr3t"}'),
            p.symlink_to(tmp / "secret.json"),
        ),
        "links outside the schema folder",
    ),
    "not-json": (lambda p, tmp: p.write_text("{"), "cannot be read as a JSON Schema: Expecting property name"),
    "not-an-object": (lambda p, tmp: p.write_text("true"), "a schema file must hold a JSON object, not bool"),
    "bad-dialect": (
        lambda p, tmp: p.write_text('{"$schema": "https://example.org/unknown", "type": "object"}'),
        "not a valid JSON Schema",
    ),
    "unresolvable-ref": (lambda p, tmp: _unresolvable(p), "Unresolvable: file:///etc/passwd"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SCHEMAS))
def test_a_hostile_project_schema_is_a_clear_usage_error(tmp_path: Path, case: str) -> None:
    root = _with_schemas(tmp_path)
    target = root / "s" / "procedure.schema.json"
    target.unlink()
    make_it, expected = HOSTILE_SCHEMAS[case]
    make_it(target, tmp_path)
    if case == "unresolvable-ref":  # resolved only when a document fails the fast check
        (root / "content/procedures/proc-a.yaml").write_text(
            BASE["content/procedures/proc-a.yaml"].replace("title: A procedure", "title: 5"), encoding="utf-8"
        )
    message = usage_error(root, "validate", "--no-cache")
    assert "procedure.schema.json" in message and expected in message, message
    assert "TOKEN-s3cr3t" not in message and "internal error" not in message


def test_a_schema_setting_without_its_schemas_names_the_key_and_the_file(tmp_path: Path) -> None:
    root = _with_schemas(tmp_path)
    toml = root / "netlint.toml"
    toml.write_text('content = "content"\nschema = "nope"\n', encoding="utf-8")
    assert usage_error(root, "validate") == f"netlint: error: {toml}:2:1: 'schema' folder 'nope' does not exist"
    toml.write_text('content = "content"\nschema = "s"\n', encoding="utf-8")
    (root / "s" / "topic.schema.json").unlink()
    (root / "s" / "sources.schema.json").unlink()
    assert usage_error(root, "validate") == (
        f"netlint: error: {toml}:2:1: 'schema' folder 's' has no sources.schema.json, topic.schema.json; it needs one "
        "schema for each kind: sources, contributors, glossary, procedure, topic"
    )


def test_a_schema_folder_or_baseline_outside_the_project_is_refused(tmp_path: Path) -> None:
    root = make(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (root / "s").symlink_to(tmp_path / "elsewhere")
    (root / "netlint.toml").write_text('content = "content"\nschema = "s"\n', encoding="utf-8")
    assert "'schema' must be a folder inside the project; 's' leads out of it" in usage_error(root, "validate")
    (tmp_path / "secret.json").write_text('{"format": "AWS_SECRET=abcd1234"}', encoding="utf-8")
    (root / "netlint.toml").write_text('content = "content"\nbaseline = "../secret.json"\n', encoding="utf-8")
    message = usage_error(root, "validate")
    assert "'baseline' must be a path inside the project" in message and "AWS_SECRET" not in message
    (root / "pw.json").symlink_to(tmp_path / "secret.json")  # a link out of the project
    (root / "netlint.toml").write_text('content = "content"\nbaseline = "pw.json"\n', encoding="utf-8")
    message = usage_error(root, "validate")
    assert "'baseline' must be a file inside the project; 'pw.json' leads out of it" in message
    assert "AWS_SECRET" not in message


def test_paths_that_are_link_loops_or_lead_out_do_not_pick_the_project(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "content/loop1.yaml").symlink_to("loop2.yaml")
    (root / "content/loop2.yaml").symlink_to("loop1.yaml")
    (tmp_path / "outside.yaml").write_text("x: 1\n", encoding="utf-8")
    (root / "content/out.yaml").symlink_to(tmp_path / "outside.yaml")
    loop = cli(root, "validate", "content/loop1.yaml")
    assert loop.exit_code == 1
    assert loop.stdout.startswith("content/loop1.yaml:1:1: Y003 [error] cannot read the file")
    out = cli(root, "validate", "content/out.yaml", "content/procedures/proc-a.yaml")
    assert out.exit_code == 1, out.output
    assert out.stdout.startswith("content/out.yaml:1:1: Y003 [error] this file is a link to ")


def test_the_cache_key_reads_schema_files_as_the_schemas_are_read(tmp_path: Path) -> None:
    """Only *.schema.json, regular, inside the folder and of bounded size: never a device, a FIFO, a
    file outside, or gigabytes (the key is computed before the schemas are loaded and refused)."""
    from netlint.cache_keys import _schema_digests
    from netlint.schemas import MAX_SCHEMA_BYTES

    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "procedure.schema.json").write_text("{}", encoding="utf-8")
    with (folder / "extra.json").open("wb") as handle:  # not a schema file: never read
        handle.truncate(8 << 30)
    with (folder / "big.schema.json").open("wb") as handle:
        handle.truncate(MAX_SCHEMA_BYTES + 10)
    (tmp_path / "secret.json").write_text("{}", encoding="utf-8")
    (folder / "out.schema.json").symlink_to(tmp_path / "secret.json")
    os.mkfifo(folder / "pipe.schema.json")
    (folder / "zero.schema.json").symlink_to("/dev/zero")
    digests = dict(_schema_digests(folder))
    assert sorted(digests) == [
        "big.schema.json", "out.schema.json", "pipe.schema.json", "procedure.schema.json", "zero.schema.json"
    ]  # fmt: skip
    assert digests["big.schema.json"] == "too large" and digests["out.schema.json"] == "outside the folder"
    assert digests["pipe.schema.json"] == "unreadable" and digests["zero.schema.json"] == "outside the folder"
    assert len(digests["procedure.schema.json"]) == 64
