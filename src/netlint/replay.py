"""Replaying an unchanged run: a repeated `netlint validate` answered before netlint is imported.

A warm run over an unchanged project does little work but still pays for what any run imports
(click, pathlib, the configuration reader): more than half of its time. So when a run of
`netlint validate` over the whole project (cache on, every report on standard output) finds
every file as its signature last said, it records what it printed, its exit code, and everything
that output depends on:

- the invocation: the arguments, the working folder, today's date, the ``NETLINT_*`` and
  ``GITHUB_WORKSPACE`` variables, the interpreter, and the standard streams' encodings;
- netlint's own code (the size and time of each of its files, as the cache keys it);
- each configuration file looked for from the working folder up to the project root (its
  signature, or that it is not there), the baseline file, and the project's own schema files;
- the listing of every content folder walked (names and types, hidden names aside, as discovery
  skips them) and the signature of every content file, as the run took them.

The next identical invocation compares all of that with system calls alone (the stat signatures
the cache already trusts: size, times, inode and device) and prints the recorded output. Any
difference, anything unreadable or unexpected, and the run goes the usual way. A run records
nothing when a folder holds a symbolic link (where it leads can change unseen), when an input
changed within two seconds of the run (its times might not show a second change), or when it
writes anything besides standard output and standard error.

This module imports nothing the interpreter has not already loaded at start-up but netlint.stamps,
which needs only os (not even typing or json: importing them would cost what it saves). A record
is a plain list of length-prefixed text fields, read with string operations: like every cache
entry, data, never code.
"""

from __future__ import annotations

import os
import sys
import time

from netlint import stamps

TYPE_CHECKING = False  # typing is not imported at run time (type checkers take this name as typing's)
if TYPE_CHECKING:
    from netlint.api import Observed
    from netlint.config import Config

FORMAT = "netlint-replay/2"  # /2: a checksum ends the record
PREFIX = "replay-"
_CACHE = (".netlint_cache", "v2")  # netlint.cache.CACHE_DIR and its format folder
_CONFIG_FILES = ("netlint.toml", "pyproject.toml")  # netlint.config.CONFIG_FILES
_CODE_SUFFIXES = (".py", ".json", ".gz", ".txt")
_RACY_NS = 2_000_000_000  # as netlint.scan: a file changed this close to a run could change again unseen

# The invocation of this process and when it started, set by :func:`entry`: a run records itself
# only when started as `netlint` (in-process callers, such as click's test runner, are not).
_call: list[object] | None = None
_started_ns = 0


def entry() -> None:
    """The `netlint` command: replay a recorded run when nothing it depends on changed, else run."""
    global _call, _started_ns
    _started_ns = time.time_ns()
    argv = sys.argv[1:]
    try:
        # Nothing but validate is ever recorded: other commands skip the look-up (`export --out validate` too).
        if next((arg for arg in argv if not arg.startswith("-")), None) == "validate":
            try:
                _call = invocation(argv)  # taken now: the run's date is the date it started
                folder = os.path.join(_root(str(_call[2])), *_CACHE)  # the project's cache folder
            except Exception:  # noqa: BLE001 - the working folder is gone, say: the usual run reports it
                _call = None
            if _call is not None:
                replay(_call, folder)
                if "--no-cache" not in argv:
                    _preload_patterns(folder)
        from netlint.cli import entry as run
    except KeyboardInterrupt:
        # Ctrl-C before the command line is even read (netlint is still being imported): end as
        # click ends on one later, not with a traceback through the import machinery.
        sys.stderr.write("\nAborted!\n")
        sys.exit(130)  # as netlint.cli.EXIT_INTERRUPTED
    run()


def invocation(argv: list[str]) -> list[object]:
    """What the output of ``argv`` depends on besides files: arguments, working folder, date, variables."""
    streams = [[getattr(s, "encoding", None), getattr(s, "errors", None)] for s in (sys.stdout, sys.stderr)]
    env = sorted([k, v] for k, v in os.environ.items() if k.startswith("NETLINT_") or k == "GITHUB_WORKSPACE")
    return [
        FORMAT,
        list(argv),
        os.getcwd(),
        time.strftime("%Y-%m-%d"),
        env,
        sys.executable,
        sys.version,
        streams,
        installed(),
    ]


def installed() -> list[str]:
    """The installed distributions and their versions, as their metadata folders are named
    (``PyYAML-6.0.2.dist-info``): upgrading a library netlint uses (its parser, its validator, its
    word list) can change what netlint reports. Read from the folder listings alone (importlib.metadata
    would take milliseconds), and a change anywhere counts: a test can only err on the safe side."""
    found: list[str] = []
    for place in sys.path:
        try:
            names = os.listdir(place or ".")
        except (OSError, ValueError):
            continue
        found += [name for name in names if name.endswith((".dist-info", ".egg-info"))]
    found.sort()
    return found


def record_name(call: list[object]) -> str:
    """The record's file name: a checksum of the invocation (which the record also holds in full)."""
    import zlib  # built in: no file to load

    return f"{PREFIX}{zlib.crc32(repr(call).encode('utf-8', 'surrogateescape')):08x}"


def code_identity() -> str:
    """netlint's files and their sizes and times (as netlint.cache keys them): an edit to a checkout counts."""
    package = os.path.dirname(os.path.abspath(__file__))
    parts: list[str] = []
    pending = [package]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as listing:
            for item in listing:
                if item.is_dir(follow_symlinks=False):
                    if item.name != "__pycache__":
                        pending.append(item.path)
                elif item.name.endswith(_CODE_SUFFIXES):
                    info = item.stat()
                    parts.append(f"{item.path[len(package) + 1 :]}:{info.st_size}:{info.st_mtime_ns}")
    parts.sort()
    return "\n".join(parts)


def signature(path: str) -> str:
    """:func:`netlint.stamps.signature`, or "" (a field of text) when the file cannot be stat'ed."""
    return stamps.signature(path) or ""


def listing(entries: list[os.DirEntry[str]]) -> str | None:
    """A folder's entries as discovery sees them, hidden ones aside: the regular files' names, then
    each other entry's name and type, in the order listed, separated by NULs (which no name holds).

    None when one is a link: where it leads can change unseen.
    """
    files = [item.name for item in entries if item.is_file(follow_symlinks=False)]
    others: list[str] = []
    for item in entries:
        if item.is_file(follow_symlinks=False) or item.name.startswith("."):
            continue
        if item.is_symlink():
            return None
        others.append(f"{item.name}/{'d' if item.is_dir(follow_symlinks=False) else 'o'}")
    if any(name.startswith(".") for name in files):
        files = [name for name in files if not name.startswith(".")]
    return "\0".join(files) + "\0\0" + "\0".join(others)


def same_listing(now: str | None, then: str) -> bool:
    """Whether two listings name the same entries (in the same order, as usual, or not)."""
    if now is None:
        return False
    if now == then:
        return True
    now_files, _, now_others = now.partition("\0\0")
    then_files, _, then_others = then.partition("\0\0")
    return sorted(now_files.split("\0")) == sorted(then_files.split("\0")) and sorted(now_others.split("\0")) == sorted(
        then_others.split("\0")
    )


def list_folder(folder: str) -> str | None:
    with os.scandir(folder) as entries:
        return listing(list(entries))


def signatures(folder: str, names: list[str]) -> str:
    """The signatures of ``names`` in ``folder``, separated by NULs (as netlint.scan.signatures takes them)."""
    stat = os.stat
    if stat in os.supports_dir_fd:  # a name looked up in an open folder: no path to join or walk
        fd = os.open(folder, os.O_RDONLY)
        try:
            infos = [stat(name, dir_fd=fd) for name in names]
        finally:
            os.close(fd)
    else:  # pragma: no cover - every POSIX system supports dir_fd
        infos = [stat(os.path.join(folder, name)) for name in names]
    return "\0".join(stamps.stamps(infos))


# --- replaying ----------------------------------------------------------------------------


def write_all(stream: object, text: str) -> None:
    """Write ``text`` to ``stream`` (standard output) whole, or raise BrokenPipeError when its reader left.

    Through the stream's own file descriptor, in a loop: Python's buffered writer takes a pipe's partial
    write (the reader of `| head -c1` left while 160 KB were being written) as done, and drops the rest
    without an error, so the run ended 0 as if its report had been read. A stream without a descriptor
    (a test's) is written as usual.
    """
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        encoding = stream.encoding or "utf-8"  # type: ignore[attr-defined]
        errors = stream.errors or "strict"  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        stream.write(text)  # type: ignore[attr-defined]
        stream.flush()  # type: ignore[attr-defined]
        return
    stream.flush()  # type: ignore[attr-defined]
    data = memoryview(text.encode(encoding, errors))
    while data:
        data = data[os.write(descriptor, data) :]


def replay(call: list[object], folder: str) -> None:
    """Print the recorded output and leave, if a record of the invocation ``call`` in the cache folder
    ``folder`` holds; else return."""
    try:
        found = _matching_record(call, folder)
    except Exception:  # noqa: BLE001 - any doubt at all: run as usual
        return
    if found is None:
        return
    out, err, code = found
    try:
        write_all(sys.stdout, out)
    except BrokenPipeError:  # `netlint validate | head`: the reader left (as netlint.cli handles it)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 141 if code in (0, 1) else code  # as netlint.cli.EXIT_BROKEN_PIPE
    except (OSError, ValueError) as error:  # a full disk, say: as netlint.cli reports it
        reason = getattr(error, "strerror", None) or error
        with _quiet():
            sys.stderr.write(f"netlint: error: {reason}\n")
            sys.stderr.flush()
        os._exit(2)
    with _quiet():
        sys.stderr.write(err)
        sys.stderr.flush()
    os._exit(code)


class _quiet:  # noqa: N801 - contextlib.suppress(OSError, ValueError), without importing contextlib
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is not None and issubclass(kind, (OSError, ValueError))


def _matching_record(call: list[object], folder: str) -> tuple[str, str, int] | None:
    """The recorded (stdout, stderr, exit code), when every input is as the record says."""
    raw = _read_record(folder, record_name(call))
    if raw is None:
        return None
    fields = decode(raw)
    if fields is None or len(fields) < 6 or fields[0] != FORMAT or fields[1] != repr(call):
        return None
    if fields[2] != code_identity():
        return None
    at = 3
    for _ in range(int(fields[at])):  # files: path, signature
        if signature(fields[at + 1]) != fields[at + 2]:
            return None
        at += 2
    at += 1
    for _ in range(int(fields[at])):  # folders: path, listing, content files' names and signatures
        place, shown, names, sigs = fields[at + 1 : at + 5]
        at += 4
        if not same_listing(list_folder(place), shown):
            return None
        if names and signatures(place, names.split("\0")) != sigs:
            return None  # (one cannot be stat'ed: OSError, and the run goes the usual way)
    out, err, code = fields[at + 1 : at + 4]
    if at + 4 != len(fields) or code not in ("0", "1"):
        return None
    return out, err, int(code)


def _preload_patterns(folder: str) -> None:
    """Before netlint is imported (its modules compile their patterns as they load): the compiled
    regular expressions the cache folder ``folder`` keeps (see :mod:`netlint.regex_cache`), if any."""
    from netlint import regex_cache

    try:
        raw = _read_record(folder, regex_cache.record_name())
        if raw is not None:
            regex_cache.preload(raw, regex_cache.anchor(folder))
    except Exception:  # noqa: BLE001,S110 - any doubt at all: the patterns are compiled as usual
        pass


def _root(start: str) -> str:
    """Where a run from ``start`` keeps its cache: the nearest folder at or above it with a configuration
    file, else ``start`` (as netlint.config.find_root; a pyproject.toml without netlint's table, which
    find_root passes by, stops the search here too: no record is found there, and the run goes on).
    Nowhere else: a record in some other folder above, such as a shared /tmp, is never read."""
    import stat  # built in

    folder = start
    while True:
        for name in _CONFIG_FILES:
            try:
                if stat.S_ISREG(os.stat(os.path.join(folder, name)).st_mode):
                    return folder
            except (OSError, ValueError):
                continue
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def _read_record(cache: str, name: str) -> bytes | None:
    """The record's bytes, from the project's own cache folder (not through a link), else None.

    The record must also belong to the user running netlint, as ssh asks of its keys."""
    import stat  # built in

    try:
        for place in (os.path.dirname(cache), cache):
            if not stat.S_ISDIR(os.lstat(place).st_mode):
                return None
        fd = os.open(
            os.path.join(cache, name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None
        parts = []
        while chunk := os.read(fd, max(info.st_size + 1, 1 << 16)):
            parts.append(chunk)
        return b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)


def encode(fields: list[str]) -> bytes:
    """Fields as text, each its length in characters, ":" and itself (a netstring without the comma), then
    the CRC-32 of all that in 8 hex digits: a record damaged on disk or in a restored cache is not replayed
    (one changed bit made a failing run's exit code 0)."""
    import zlib  # built in: no file to load

    body = "".join(f"{len(field)}:{field}" for field in fields).encode("utf-8", "surrogateescape")
    return body + f"{zlib.crc32(body):08x}".encode("ascii")


def decode(raw: bytes) -> list[str] | None:
    """The fields of :func:`encode`; None for anything else, or when the checksum does not match."""
    import zlib

    body, check = raw[:-8], raw[-8:]
    if len(raw) < 8 or check != f"{zlib.crc32(body):08x}".encode("ascii"):
        return None
    try:
        text = body.decode("utf-8", "surrogateescape")
        fields = []
        at = 0
        while at < len(text):
            colon = text.index(":", at, at + 12)
            end = colon + 1 + int(text[at:colon])
            if end > len(text) or not text[at:colon].isdigit():
                return None
            fields.append(text[colon + 1 : end])
            at = end
    except ValueError:
        return None
    return fields


# --- recording (by a run that found the project unchanged; see netlint.cli) --------------------


def record(
    config: Config, observed: Observed, inputs: list[str], schemas: str | None, out: str, err: str, code: int
) -> None:
    """Record this run for :func:`replay`, when it was started as `netlint` and nothing argues against it.

    ``observed`` is what the run saw of the content (:class:`netlint.api.Observed`); ``inputs`` are the
    other files it read (the baseline); ``schemas`` the project's own schema folder, if it has one.
    """
    if _call is None or code not in (0, 1):
        return
    try:
        fields = _fields(config, observed, inputs, schemas, out, err, code)
        if fields is None:
            return
        from netlint import cache

        cache.Cache(config.root).store_replay(record_name(_call), encode(fields))
    except Exception:  # noqa: BLE001 - recording is an optimisation: never a reason to fail a run
        return


def _fields(
    config: Config, observed: Observed, inputs: list[str], schemas: str | None, out: str, err: str, code: int
) -> list[str] | None:
    from netlint.config import CONFIG_FILES

    assert _call is not None
    files: list[str] = []  # path, signature, ...
    # The configuration files looked for, from the working folder up to the root (see
    # netlint.config.find_root); without a configuration, up to the file system's root.
    folder = os.path.realpath(str(_call[2]))
    root = os.path.realpath(config.root) if config.source is not None else None
    while True:
        for name in CONFIG_FILES:
            files += [os.path.join(folder, name), signature(os.path.join(folder, name))]
        parent = os.path.dirname(folder)
        if folder == root or parent == folder:
            break
        folder = parent
    if root is not None and folder != root:
        return None  # the root is not at or above the working folder: not a run this could replay
    if os.path.realpath(_root(str(_call[2]))) != os.path.realpath(config.root):
        return None  # the root has a pyproject.toml under it: a replay would look for the record there
    for path in inputs:
        files += [path, signature(path)]
    folders: list[str] = []  # path, listing, names, signatures, ...
    if schemas is not None:
        shown = list_folder(schemas)
        if shown is None:
            return None
        folders += [schemas, shown, "", ""]
        for name in sorted(os.listdir(schemas)):
            if name.endswith(".json"):
                files += [os.path.join(schemas, name), signature(os.path.join(schemas, name))]
    # Every file read besides the content must have been as it is now since well before the run began.
    moment = _started_ns - _RACY_NS
    if any(sig and stamps.changed_since(sig, moment) for sig in files[1::2]):
        return None
    # The content as the run saw it (its signatures were taken, and found settled, by the run).
    by_folder: dict[str, tuple[list[str], list[str]]] = {place: ([], []) for place in observed.folders}
    for (_, path), sig in zip(observed.found, observed.signatures, strict=True):
        place, name = os.path.split(path)
        if place not in by_folder or not sig:
            return None
        by_folder[place][0].append(name)
        by_folder[place][1].append(sig)
    for place, entries in observed.folders.items():
        shown = listing(entries)
        if shown is None:
            return None
        names, sigs = by_folder[place]
        folders += [place, shown, "\0".join(names), "\0".join(sigs)]
    return [
        FORMAT,
        repr(_call),
        code_identity(),
        str(len(files) // 2),
        *files,
        str(len(folders) // 4),
        *folders,
        out,
        err,
        str(code),
    ]
