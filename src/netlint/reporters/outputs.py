"""Where reports go: each --format to its --output file (written atomically) or to standard output,
then --statistics."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from netlint.errors import OutputError
from netlint.reporters import Writer, writer
from netlint.reporters.text_report import write as write_text
from netlint.reporters.text_report import write_lines

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config


def write_reports(
    result: Result, config: Config, formats: Sequence[str], outputs: Sequence[Path], quiet: bool, out: IO[str]
) -> None:
    """Write each report: to its --output file, or to ``out`` (standard output, or gathered for it).

    The i-th format goes to the i-th output; formats beyond the outputs (and an output of "-", as
    for most tools) go to ``out``, which takes at most one. ``quiet`` drops the text report's summary.
    """
    check_one_on_stdout(formats, outputs)
    for i, fmt in enumerate(formats):
        write: Writer = writer(fmt)
        if fmt == "text":
            write = write_lines if quiet else write_text
        if i < len(outputs) and str(outputs[i]) != "-":
            write_file(outputs[i], _report(write, result, config), "--output")
        else:
            write(result, out, config)


def on_stdout(formats: Sequence[str], outputs: Sequence[Path]) -> list[str]:
    """The formats that go to standard output: those beyond the outputs, and those whose output is "-"."""
    return [fmt for i, fmt in enumerate(formats) if i >= len(outputs) or str(outputs[i]) == "-"]


def check_one_on_stdout(formats: Sequence[str], outputs: Sequence[Path]) -> None:
    """Refuse two reports on standard output: one after the other, neither could be read."""
    if len(on_stdout(formats, outputs)) > 1:
        raise OutputError("only one --format can go to standard output: give an --output file for the others")


def _report(write: Writer, result: Result, config: Config) -> Callable[[IO[str]], None]:
    """What writes this report into the stream it is given."""
    return lambda stream: write(result, stream, config)


def write_statistics(
    result: Result, formats: Sequence[str], outputs: Sequence[Path], out: IO[str], err: IO[str]
) -> None:
    """Counts per code, after the report: to ``out``, unless a machine-readable report went there (then ``err``)."""
    from netlint.reporters.statistics import lines as statistics_lines

    shown = on_stdout(formats, outputs)
    stream = err if shown and shown[0] != "text" else out
    for line in statistics_lines(result.diagnostics):
        stream.write(f"{line}\n")


def write_file(path: Path, produce: Callable[[IO[str]], object], option: str) -> None:
    """Write what ``produce`` writes as ``path``, atomically: to a temporary file beside it, then rename.

    ``option`` names the setting that asked for the file, for messages. A path that exists and is not
    a regular file (/dev/null, a FIFO), or a stream's name (/dev/stdout, /dev/fd/1, /proc/self/fd/1,
    whatever it leads to), is written into, never replaced. Through a symbolic link, the file it
    links to is replaced, and the link kept.
    """
    if (path.exists() and not path.is_file()) or str(path.absolute()).startswith(("/dev/", "/proc/")):
        if _is_standard_output(path):
            # Written through standard output itself: opened again, it would start at the file's start
            # (`{ echo before; netlint ... --output /dev/stdout; } > log` lost "before"), or at its end.
            produce(sys.stdout)
            sys.stdout.flush()
            return
        try:
            with path.open("w", encoding="utf-8") as stream:
                produce(stream)
        except BrokenPipeError:  # `--output /dev/stdout | head`: the reader left, as on standard output
            raise
        except OSError as error:  # /dev/full: named after the report
            raise OutputError(f"{option} {path}: cannot write: {error.strerror or error}") from None
        return
    import tempfile  # only for a report file (it imports random, shutil, bz2, lzma: too much for every run)

    target = path.resolve()  # the file a symbolic link leads to, replaced in its own folder
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{option} {path}: folder {folder} does not exist")
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{path.name}.", delete=False)
    except OSError as error:  # named after the report, not the temporary file beside it
        raise OutputError(f"{option} {path}: cannot write in {folder}: {error.strerror or error}") from None
    try:
        with handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        # A report is for others to read: the mode of the file it replaces, or what the umask gives a
        # new file (the temporary file is private to this user until it is complete).
        os.chmod(handle.name, _mode_for(target))
        os.replace(handle.name, target)
    except BaseException as error:
        Path(handle.name).unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk: named after the report, which was left as it was
            raise OutputError(f"{option} {path}: cannot write: {error.strerror or error}") from None
        raise


def _is_standard_output(path: Path) -> bool:
    """Whether ``path`` is where standard output goes (/dev/stdout, /dev/fd/1, or that file by its name)."""
    try:
        here, there = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no such file, or no real standard output (a test's)
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _mode_for(path: Path) -> int:
    """The permission bits a report written as ``path`` gets."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
