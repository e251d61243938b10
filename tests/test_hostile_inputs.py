"""Hostile files through the real command: a Y or S diagnostic, exit 1, quickly, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE: dict[str, tuple[bytes, str, tuple[int, int]]] = {
    "billion-laughs": (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(9)
        ),
        "Y005",
        (1, 4),
    ),
    "deep-nesting": (b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "Y006", (1, 67)),
    "invalid-utf8": (b"title: caf\xe9\n", "Y003", (1, 11)),
    "huge-integer": (b"title: x\nsize: " + b"9" * 100_000 + b"\n", "Y006", (2, 7)),
    "utf16": ("title: x\n".encode("utf-16"), "Y003", (1, 1)),
    "nul-byte": (b"title: a\x00b\n", "Y003", (1, 9)),
    "python-tag": (b'a: !!python/object/apply:os.system ["touch pwned"]\n', "Y005", (1, 4)),
    "impossible-date": (
        b"schema_version: 1\nkind: sources\nsources:\n  - id: a\n    type: book\n    title: T\n"
        b"    publisher: P\n    year: 2024\n    accessed: 2025-02-30\n",
        "S001",
        (9, 15),
    ),
}


def run_cli(root: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netlint", "validate", "--format", "json", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_a_diagnostic_and_exit_1(tmp_path: Path, name: str) -> None:
    body, code, (line, column) = HOSTILE[name]
    (tmp_path / "netlint.toml").write_text('content = "content"\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "hostile.yaml").write_bytes(body)
    done = run_cli(tmp_path, timeout=20)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    diags = json.loads(done.stdout)["diagnostics"]
    first = next(diag for diag in diags if diag["code"][0] in "YS")  # what makes the file invalid
    assert (first["code"], first["line"], first["column"]) == (code, line, column)
    assert not (tmp_path / "pwned").exists()


def test_fifty_megabyte_file_is_rejected_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text('content = "content"\n')
    (tmp_path / "content").mkdir()
    with (tmp_path / "content" / "huge.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    done = run_cli(tmp_path, timeout=20)
    assert done.returncode == 1
    diags = json.loads(done.stdout)["diagnostics"]
    assert [(d["code"], d["line"], d["column"]) for d in diags] == [("Y006", 1, 1)]


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text('content = "content"\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.yaml").write_bytes(b"a: [\n")
    (tmp_path / "content" / "b.yaml").write_bytes(b"schema_version: 1\nkind: nonsense\n")
    done = run_cli(tmp_path)
    codes = [(d["path"], d["code"]) for d in json.loads(done.stdout)["diagnostics"]]
    assert codes == [("content/a.yaml", "Y001"), ("content/b.yaml", "S002")]
