"""Compiled regular expressions kept between runs (netlint.regex_cache) are the patterns `re` makes.

The record holds what Python's pattern compiler generated; a run hands it to the matcher instead of
compiling. These tests prove that a recorded pattern comes back equal to a freshly compiled one (and
matches alike), that a damaged, foreign or hostile record is ignored, that `netlint validate` records
its patterns and the next run compiles next to none, and that netlint's patterns are the same text in
every process (a pattern built from a set in hash order would be recorded anew by every run).
"""

from __future__ import annotations

import _sre
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROCEDURE, TODAY, MakeProject
from netlint import regex_cache, replay
from netlint.cache import CACHE_DIR

SIGNATURE = "2049 7654321 1764000000987654321"  # an anchor's (see regex_cache.anchor)

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>mm|cm)\b", 0),
    (
        r"""(?<![\w.])(?:about|around)   # a verbose pattern
         \s+(\d+)""",
        re.VERBOSE | re.IGNORECASE,
    ),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"^(?:lorem|ipsum)$", re.MULTILINE),
    (r"(a)(b)?(?(2)c|d)", 0),
    (rb"(__libc_init)|(GLIBC_([0-9.]+))", 0),
    (r"ß|ﬁ", re.IGNORECASE),
]


def rows_for(patterns: list[tuple[str | bytes, int]]) -> list[list[str]]:
    rows = []
    for pattern, flags in patterns:
        row = regex_cache._row(pattern, int(flags), re.compile(pattern, flags))
        assert row is not None, pattern
        rows.append(row)
    return rows


def test_a_recorded_pattern_comes_back_equal_and_matches_alike() -> None:
    raw = regex_cache.encode(rows_for(PATTERNS), SIGNATURE)
    re.purge()
    try:
        assert regex_cache.preload(raw, SIGNATURE) == len(PATTERNS)
        for pattern, flags in PATTERNS:
            preloaded = re.compile(pattern, flags)  # found in re's cache: no compiling
            fresh = re._compiler.compile(pattern, int(flags))  # type: ignore[attr-defined]
            assert preloaded == fresh  # equal patterns have equal code
            assert preloaded.groupindex == fresh.groupindex
            assert (preloaded.groups, preloaded.flags) == (fresh.groups, fresh.flags)
        sample = "about 12 mm, around 3,5 cm\nlorem\nabc ad STRASSE ﬁne"
        number = re.compile(PATTERNS[0][0])
        assert [m.groupdict() for m in number.finditer(sample)] == [
            {"number": "12", "unit": "mm"},
            {"number": "3,5", "unit": "cm"},
        ]
        assert re.compile(*PATTERNS[4]).findall(sample) == [("a", "b"), ("a", "")]
    finally:
        re.purge()


@pytest.mark.parametrize(
    "damage",
    [
        "not a record",
        "another format",
        "another interpreter",
        "a field missing",
        "code the matcher refuses",
        "code that is not numbers",
        "a group number out of range",
        "a group name that is not a name",
        "a kind of pattern that is not one",
        "another machine's anchor",
        "no anchor",
    ],
)
def test_a_damaged_foreign_or_hostile_record_is_ignored(damage: str) -> None:
    (row,) = rows_for(PATTERNS[:1])
    fields = [regex_cache.FORMAT, regex_cache.interpreter(), SIGNATURE, *row]
    at = {"code": 7, "groupindex": 9, "kind": 3}
    signature: str | None = SIGNATURE
    if damage == "not a record":
        raw = b"\0\xffgarbage"
    else:
        if damage == "another format":
            fields[0] = "netlint-patterns/0"
        elif damage == "another interpreter":
            fields[1] = "cpython-99 9.9.9"
        elif damage == "a field missing":
            del fields[-1]
        elif damage == "code the matcher refuses":
            fields[at["code"]] = "9999 1 2 3"
        elif damage == "code that is not numbers":
            fields[at["code"]] = fields[at["code"]].replace(" ", ",")
        elif damage == "a group number out of range":
            fields[at["groupindex"]] = "number=7 unit=2"
        elif damage == "a group name that is not a name":
            fields[at["groupindex"]] = "1=1 unit=2"
        elif damage == "another machine's anchor":
            fields[2] = "2049 1234567 1764000000123456789"
        elif damage == "no anchor":
            signature = None
        else:
            fields[at["kind"]] = "x"
        raw = replay.encode(fields)
    re.purge()
    try:
        assert regex_cache.preload(raw, signature) == 0
        assert re.compile(PATTERNS[0][0]).search("12 mm")  # compiled as usual
    finally:
        re.purge()


def test_the_undamaged_record_of_those_tests_is_taken() -> None:
    (row,) = rows_for(PATTERNS[:1])
    re.purge()
    try:
        fields = [regex_cache.FORMAT, regex_cache.interpreter(), SIGNATURE, *row]
        assert regex_cache.preload(replay.encode(fields), SIGNATURE) == 1
    finally:
        re.purge()


def test_a_pattern_whose_code_does_not_compile_back_equal_is_not_recorded() -> None:
    other = re.compile("b")
    assert regex_cache._row("a", 0, other) is None
    assert regex_cache._row("a", 0, re.compile("a")) is not None


# --- end to end: `netlint validate` as the command runs it ---------------------------------------

# Counts the patterns compiled (not found in re's cache) and says how many as the run leaves. Like the
# `netlint` command, it imports only netlint.replay before the run (which preloads the patterns).
PROBE = (
    "import os, re, sys\n"
    "compiled = []\n"
    "make = re._compiler.compile\n"
    "re._compiler.compile = lambda p, f=0: compiled.append(p) or make(p, f)\n"
    "from netlint import replay\n"
    "leave = os._exit\n"
    "def counted(code):\n"
    "    sys.stderr.write(f'compiled {len(compiled)}\\n'); sys.stderr.flush(); leave(code)\n"
    "os._exit = counted\n"
    "sys.argv[0] = 'netlint'\n"
    "replay.entry()\n"
)


def netlint(cwd: Path, *args: str) -> tuple[str, int]:
    env = dict(os.environ, NETLINT_TODAY=TODAY.isoformat())
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), done.stderr
    counts = [line for line in done.stderr.splitlines() if line.startswith("compiled ")]
    assert len(counts) == 1, done.stderr
    return done.stdout, int(counts[0].split()[1])


def test_a_run_records_its_patterns_and_the_next_compiles_next_to_none(make_project: MakeProject) -> None:
    root = make_project(base=True)
    page = "content/procedures/proc-a.yaml"
    folder = root / CACHE_DIR / "v2"
    _, compiled = netlint(root, "validate", "--no-cache")
    assert compiled > 25  # a run compiles its patterns as its modules load
    assert not list(root.glob(f"{CACHE_DIR}/*/patterns-*"))  # --no-cache writes nothing
    first, compiled = netlint(root, "validate", page)
    assert compiled > 25
    (record,) = folder.glob("patterns-*")
    assert record.name == regex_cache.record_name()
    for placeholder in ("TBD", "TODO"):  # the first finding compiles (and records) the patterns it needs
        text = PROCEDURE.format(id="proc-a").replace("text: The surgeon removes", f"text: The surgeon, {placeholder}")
        (root / page).write_text(text, encoding="utf-8")
        again, compiled = netlint(root, "validate", page)
    assert compiled <= 2, "the recorded patterns were not used"
    assert "P006" in again and "P006" not in first
    assert again == netlint(root, "validate", "--no-cache", page)[0]
    # A damaged record: ignored, and written anew.
    record.write_bytes(b"\0garbage")
    assert netlint(root, "validate", page)[0] == again
    assert (replay.decode(record.read_bytes()) or [""])[0] == regex_cache.FORMAT


def test_a_record_that_comes_with_a_checkout_is_never_loaded(make_project: MakeProject, tmp_path: Path) -> None:
    """A record copied (committed, sent in a pull request) with its anchor file: the copy's anchor has
    another inode and change time, so the record, which could hold code crafted to crash the matcher or
    to change what a rule finds, is not loaded: the patterns are compiled as usual (and recorded anew)."""
    import shutil

    root = make_project(base=True)
    netlint(root, "validate")
    record = next((root / CACHE_DIR / "v2").glob("patterns-*"))
    assert (record.parent / regex_cache.ANCHOR).is_file()
    assert netlint(root, "validate", "--format", "json")[1] <= 2  # this machine's own record is taken
    checkout = tmp_path / "checkout"
    shutil.copytree(root, checkout)  # new inodes and change times, as `git clone` makes
    shutil.rmtree(checkout / CACHE_DIR / "v2", ignore_errors=True)
    (checkout / CACHE_DIR / "v2").mkdir(parents=True)
    for name in (record.name, regex_cache.ANCHOR):
        shutil.copy2(root / CACHE_DIR / "v2" / name, checkout / CACHE_DIR / "v2" / name)
    _, compiled = netlint(checkout, "validate", "--format", "json")
    assert compiled > 25, "a record from elsewhere was loaded"


def test_only_validate_looks_for_a_record(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project(base=True)
    netlint(root, "validate")
    assert netlint(root, "validate", "--format", "json")[1] <= 2
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "export", "--out", str(tmp_path / "validate"), "--today", TODAY.isoformat()],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stderr.split("compiled ")[-1].split()[0]) > 25  # (no record looked for: compiled as usual)


def test_netlint_compiles_the_same_patterns_in_every_process(make_project: MakeProject) -> None:
    """Every pattern a run compiles is the same text whatever the hash seed (set order) of the process."""
    root = make_project()
    script = (
        "import datetime, re, sys\n"
        "from pathlib import Path\n"
        "from netlint.api import known_codes, validate\n"
        "from netlint.config import load_config\n"
        "validate(load_config(Path('.'), known_codes()), datetime.date(2026, 11, 26))\n"
        "print('\\n'.join(sorted(repr(key[1]) for key in re._cache)))\n"
    )
    seen = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        seen.append(done.stdout)
    assert len(seen[0].splitlines()) > 50
    assert seen[0] == seen[1] == seen[2]


def test_the_record_is_named_for_this_interpreter() -> None:
    assert sys.version in regex_cache.interpreter()
    assert str(_sre.MAGIC) in regex_cache.interpreter()
    assert regex_cache.record_name().startswith(regex_cache.PREFIX)
