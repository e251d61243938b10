"""Compiled regular expressions kept between runs: what Python's pattern compiler made, ready for its matcher.

Before a run checks anything it compiles some 120 regular expressions (netlint's rules', PyYAML's and
click's): 50 ms, a tenth of a pre-commit run on a large project. `re` compiles a pattern in Python
(it parses the pattern, then generates the code its C matcher runs) and keeps the result only while
the process lives. A run with the cache on keeps that code in the cache folder, and the next run
hands it straight to the matcher (``_sre.compile``, the step `re` itself takes last) and puts each
pattern where `re.compile` looks first: `re`'s own cache. Every `re.compile` of a recorded pattern,
netlint's or a library's, then finds it made.

Safe by construction:

- a record belongs to one interpreter (its version and build, and the matcher's version): another
  Python finds no record of its own, and compiles as usual;
- before a pattern is written, the code recorded for it is compiled again and compared with the
  pattern `re` compiled (two patterns are equal only when their code is): only a faithful copy is
  written;
- the record is data (text fields, as netlint.replay's records: patterns, flags, numbers), read only
  from the project's own cache folder and only when it belongs to the user running netlint;
- the record is taken only on the machine that wrote it: it names the device, inode and change time
  (to the nanosecond) of an anchor file made with the cache folder, which no one can know in advance
  for another machine's checkout. The matcher's own check of the code it is given is not enough
  against hostile code (crafted code can crash it): a record that comes with a checkout (committed,
  or sent in a pull request) is never loaded, and those patterns are compiled as usual, as are any
  in a record with code the matcher refuses or anything else unexpected.

This module imports only what the interpreter has loaded at start-up, and ``re`` (which every run
needs): it runs before netlint itself is imported, since netlint compiles its patterns as its modules
load. (Not even a JSON reader: importing one compiles patterns of its own, as orjson's imports do.)
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing is not imported at run time (type checkers take this name as typing's)
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

FORMAT = "netlint-patterns/2"  # /2: the anchor's signature (see anchor) follows the interpreter
PREFIX = "patterns-"
ANCHOR = "anchor"  # the file, in the cache folder, that ties a record to the machine that wrote it
MAX_PATTERNS = 300  # the newest kept: `re` holds 512 compiled patterns before dropping any

# What this process took from a record: its rows (see _row) by key (see _key).
_loaded: dict[tuple[bool, str, int], list[str]] = {}
_FIELDS = 7  # of a row


def interpreter() -> str:
    """What a record is valid for: this interpreter's version and build, and its matcher's version."""
    import _sre  # type: ignore[import-not-found]  # re's matcher: no type stubs

    return f"{sys.implementation.cache_tag} {sys.version} {_sre.MAGIC} {_sre.CODESIZE}"


def record_name() -> str:
    """The record's file name: a checksum of :func:`interpreter` (which the record also holds in full)."""
    import zlib  # built in: no file to load

    return f"{PREFIX}{zlib.crc32(interpreter().encode('utf-8', 'surrogateescape')):08x}"


def anchor(folder: str, *, make: bool = False) -> str | None:
    """The signature of the anchor file in the cache folder ``folder`` (made there first when ``make``):
    its device, inode and change time in nanoseconds, which a checkout of the folder on another machine
    cannot reproduce. None when it is missing, not a regular file, or not the user's own."""
    import os  # loaded at start-up, as stat is
    import stat

    path = os.path.join(folder, ANCHOR)
    if make:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return f"{info.st_dev} {info.st_ino} {info.st_ctime_ns}"


def _key(pattern: str | bytes, flags: int) -> tuple[bool, str, int]:
    """A pattern's key in a record: bytes patterns are kept as Latin-1 text (one character per byte)."""
    if isinstance(pattern, bytes):
        return (True, pattern.decode("latin-1"), flags)
    return (False, pattern, flags)


def preload(raw: bytes, signature: str | None) -> int:
    """Put the patterns of a record (the bytes of a :func:`record_name` file) into `re`'s cache; how many.

    ``signature``: the cache folder's :func:`anchor` as it is now (None: no record is taken)."""
    import re

    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):  # a `re` that keeps its patterns some other way
        return 0
    from netlint.replay import decode

    if signature is None:
        return 0
    fields = decode(raw)
    if fields is None or fields[:3] != [FORMAT, interpreter(), signature] or (len(fields) - 3) % _FIELDS:
        return 0
    import _sre

    rows = [fields[at : at + _FIELDS] for at in range(3, len(fields), _FIELDS)]
    put = 0
    for row in rows[-MAX_PATTERNS:]:
        made = _made(row, _sre.compile)
        if made is None:
            continue
        key, pattern, flags, compiled = made
        cache[type(pattern), pattern, flags] = compiled
        _loaded[key] = row
        put += 1
    return put


def _made(row: list[str], compile_code: Any) -> tuple[tuple[bool, str, int], str | bytes, int, object] | None:
    """A record's row, compiled: (key, pattern, flags, compiled pattern); None when it is not well formed."""
    kind, text, flags_text, final_text, code_text, groups_text, names = row
    try:
        flags, final_flags, groups = int(flags_text), int(final_text), int(groups_text)
        code = list(map(int, code_text.split()))
        groupindex: dict[str, int] = {}
        for item in names.split():
            name, _, digits = item.partition("=")
            groupindex[name] = int(digits)
        if kind not in ("s", "b") or not all(name.isidentifier() and 0 < i <= groups for name, i in groupindex.items()):
            return None
        indexgroup: list[str | None] = [None] * (groups + 1)
        for name, i in groupindex.items():
            indexgroup[i] = name
        pattern: str | bytes = text.encode("latin-1") if kind == "b" else text
        compiled = compile_code(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - code the matcher refuses (RuntimeError), a bad number: compile as usual
        return None
    return (kind == "b", text, flags), pattern, flags, compiled


def rows_to_record() -> list[list[str]] | None:
    """The rows of the patterns `re` holds now, the newest last; None when none was compiled since
    :func:`preload` (the record on disk already holds them all)."""
    import re

    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return None
    held = [(pattern, flags, made) for (kind, pattern, flags), made in list(cache.items()) if kind in (str, bytes)]
    if all(_key(pattern, flags) in _loaded for pattern, flags, _ in held):
        return None
    rows: list[list[str]] = []
    for pattern, flags, compiled in held[-MAX_PATTERNS:]:
        row = _loaded.get(_key(pattern, flags))
        if row is None:
            row = _row(pattern, flags, compiled)
        if row is not None:
            rows.append(row)
    return rows


def _row(pattern: str | bytes, flags: int, compiled: object) -> list[str] | None:
    """The record's row for a pattern `re` compiled: its code, generated again as `re` generated it,
    kept only when the pattern it makes is equal to ``compiled``."""
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(item) for item in _compiler._code(parsed, flags)]  # opcodes are int subclasses
        groupindex = {str(name): int(number) for name, number in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        final_flags = int(flags | parsed.state.flags)
        groups = int(parsed.state.groups - 1)
        again = _sre.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a `re` whose internals differ: leave this pattern out
        return None
    if again != compiled:
        return None
    is_bytes, text, key_flags = _key(pattern, flags)
    names = " ".join(f"{name}={number}" for name, number in groupindex.items())
    kind = "b" if is_bytes else "s"
    return [kind, text, str(key_flags), str(final_flags), " ".join(map(str, code)), str(groups), names]


def encode(rows: list[list[str]], signature: str) -> bytes:
    """The record file's bytes: netlint.replay's length-prefixed text fields."""
    from netlint.replay import encode as fields_to_bytes

    return fields_to_bytes([FORMAT, interpreter(), signature, *(field for row in rows for field in row)])


def save(write: Callable[[Path, bytes], None], folder: Path) -> bool:
    """Write the record when this run compiled patterns it did not hold (``write(path, data)`` writes as
    the cache writes: atomically, only into its own folder, which exists); whether it wrote."""
    rows = rows_to_record()
    if rows is None:
        return False
    signature = anchor(str(folder), make=True)
    if signature is None:
        return False
    write(folder / record_name(), encode(rows, signature))
    return True
