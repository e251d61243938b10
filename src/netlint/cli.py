"""The command line: flags -> Config -> api -> reporter -> exit code. The only module that imports click."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import io
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias, TypeVar

import click

from netlint import __version__
from netlint.reporters import FORMATS

if TYPE_CHECKING:
    from netlint.config import Config

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command that Ctrl-C ended: no result, not "errors found"
# 128 + SIGPIPE, as a shell reports a command whose reader left (`netlint validate | head`): the report was cut
# short, which is neither "no problems" nor "errors found"
EXIT_BROKEN_PIPE = 141
F = TypeVar("F", bound=Callable[..., Any])


class Failure(click.ClickException):
    """A usage, configuration or internal error: one line on stderr, exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        # The message may quote a configuration key or a path: a control character in it (an escape
        # sequence in a TOML key, say) is shown as an escape, never sent to the terminal.
        from netlint.diagnostic import printable

        click.echo(f"netlint: error: {printable(self.format_message())}", err=True)


_INTERRUPTED: list[bool] = []  # holds True once Ctrl-C ended a command


def guarded(command: F) -> F:
    """Turn netlint's own failures into exit 2 with a message; a traceback only with --debug."""

    @functools.wraps(command)
    def run(*args: Any, debug_here: bool = False, **kwargs: Any) -> Any:
        if debug_here:  # `netlint validate --debug`, as well as `netlint --debug validate`
            click.get_current_context().find_root().meta[_DEBUG] = True
        from netlint.config import ConfigError
        from netlint.errors import OutputError, RuleFailure
        from netlint.schemas import SchemaError

        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            _INTERRUPTED.append(True)  # click reports it ("Aborted!"); entry() exits 130
            raise
        except MemoryError:
            if _debug():
                raise
            # Reported below, once this handler has let go of the traceback and so of what the run held.
        except BrokenPipeError:  # `netlint validate | head`: the reader left; stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except (ConfigError, SchemaError, RuleFailure, OutputError) as error:
            if _debug():
                raise
            raise Failure(str(error)) from None
        except OSError as error:
            if _debug():
                raise
            raise Failure(f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")) from None
        except Exception as error:  # noqa: BLE001 - last line of defence: no traceback for users
            if _debug():
                raise
            raise Failure(f"internal error: {error!r}; run again with --debug and report it") from None
        raise Failure(
            "out of memory: the content is too large or too complex to check here; "
            "split large files or lower limits.max_file_bytes"
        )

    return click.option("--debug", "debug_here", is_flag=True, help=_DEBUG_HELP)(run)  # type: ignore[return-value]


_DEBUG = "netlint.debug"
_DEBUG_HELP = "Show a Python traceback when netlint itself fails."


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and (root.params.get("debug") or root.meta.get(_DEBUG)))


if TYPE_CHECKING:  # generic in click 8.2 and later, as the installed stubs say; not at run time before it
    _IntParam: TypeAlias = click.ParamType[int]
else:
    _IntParam = click.ParamType


class _Count(_IntParam):
    """A whole number of 0 or more (click.IntRange(min=0) would print "[x>=0]" in the help)."""

    name = "count"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        try:
            number = int(str(value), 10)
        except ValueError:
            number = -1
        if number < 0:
            self.fail(f"{value!r} is not a whole number of 0 or more", param, ctx)
        return number


_COUNT = _Count()
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_today(value: str | None) -> datetime.date:
    """--today, else NETLINT_TODAY, else the system date."""
    source = "--today"
    if value is None:
        value, source = os.environ.get("NETLINT_TODAY") or None, "NETLINT_TODAY"
    if value is None:
        return datetime.date.today()
    if not _DATE.fullmatch(value):  # fromisoformat alone would take "2025-W36-1" and "20250901"
        raise Failure(f"{source}: {value!r} is not a date written YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Failure(f"{source}: {value!r} is not a real date") from None


def load(start: Path, **overrides: Any) -> Any:
    from netlint.api import known_codes
    from netlint.config import load_config

    return load_config(start, known_codes(), **overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="netlint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def main(debug: bool) -> None:
    """Validate, lint and export structured patient-facing medical content."""


@main.command(short_help="Check the project's content (or report on some files).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    multiple=True,
    default=(),
    metavar="FORMAT",
    type=click.Choice(list(FORMATS)),
    help="Output format: text (default), json, sarif, github or junit. Repeat with --output for several reports.",
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output (pairs with --format in order).",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The date review rules treat as today (default: NETLINT_TODAY or the system date).",
)
@click.option(
    "--select",
    metavar="CODES",
    multiple=True,
    help="Only these rule codes or letters, comma-separated or repeated (replaces the configured select and ignore).",
)
@click.option(
    "--ignore",
    metavar="CODES",
    multiple=True,
    help="Also ignore these rule codes or letters, comma-separated or repeated.",
)
@click.option("--strict", is_flag=True, help="Fail on any diagnostic, not only errors.")
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1."
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--jobs",
    type=_COUNT,
    default=None,
    metavar="N",
    help="Worker processes (default, or 0: automatic; at most 4 per CPU and one per file).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only diagnostics: no summary line and no notes.")
@click.option("--statistics", is_flag=True, help="After the report, print how many diagnostics each code has.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Hide the diagnostics recorded in FILE (default: the 'baseline' setting); report only new ones.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Record today's diagnostics in FILE as the baseline (then report nothing new).",
)
@guarded
def validate(
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    today: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    fail_on: str | None,
    no_cache: bool,
    jobs: int | None,
    quiet: bool,
    statistics: bool,
    baseline_file: Path | None,
    write_baseline: Path | None,
) -> None:
    """Check the project's content; with PATHS, report only diagnostics in those files."""
    from netlint.api import validate as run_validation
    from netlint.diagnostic import Severity, printable
    from netlint.reporters.outputs import check_one_on_stdout, write_reports, write_statistics

    day = parse_today(today)
    missing = [path for path in paths if not (path.exists() or path.is_symlink())]
    if missing:
        shown = ", ".join(str(path) for path in missing)
        raise Failure(f"no such file or folder: {shown}")
    config = load(
        _start(paths),
        select=",".join(select) if select else None,  # `--select ''` selects nothing: refused, not ignored
        ignore=",".join(ignore) or None,
        fail_on=fail_on,
    )
    # Files given (as pre-commit gives a repository's changed YAML) and none of them in a netlint
    # project, nor the working folder: SPEC §6 skips a path outside the content folder with a note,
    # and a commit touching only a workflow file must not fail for want of a project.
    outside = bool(paths) and config.source is None and not config.content_dir.exists()
    folders = [path for path in paths if path.is_dir()]
    if outside and folders:
        # Files outside any project are what pre-commit passes on a commit that touches no content: a
        # note. A folder is asked for by name, and checking nothing in it must not pass silently.
        raise Failure(
            f"{printable(str(folders[0]))} is not inside a netlint project: no netlint.toml, nor a pyproject.toml "
            "with [tool.netlint], in it or in a folder above it; run `netlint validate` in the project, or add one"
        )
    if strict:
        if fail_on not in (None, "info"):
            raise Failure(f"--strict fails on any diagnostic; it contradicts --fail-on {fail_on}: give one of them")
        config = _replace(config, fail_on=Severity.INFO)
    named = [path.resolve() for path in outputs if str(path) != "-"]
    if len(set(named)) < len(named):
        raise Failure("two reports would go to the same --output file: give each report its own file")
    if len(outputs) > max(len(formats), 1):
        raise Failure("more --output files than --format options: give one --format for each --output")
    check_one_on_stdout(formats or ("text",), outputs)  # before the run, not after it
    if write_baseline is not None and paths:
        raise Failure("--write-baseline records the whole project: run it without PATHS")
    _refuse_content_files(config, [("--output", path) for path in outputs] + [("--write-baseline", write_baseline)])
    _refuse_settings_files(config, [path for path in outputs if str(path) != "-"], baseline_file, write_baseline)
    if not quiet:
        for fmt, output in zip(formats or ("text",), outputs, strict=False):
            suggested = _FORMAT_OF_SUFFIX.get(output.suffix.lower())
            if suggested is not None and fmt not in suggested:
                click.echo(
                    f"note: --output {printable(str(output))} gets the {fmt} report: each --output takes the "
                    "--format given in the same place (first with first); is the order of the --format options right?",
                    err=True,
                )
    if outside:
        from netlint.api import Result

        result = Result(day, notes=[f"{path}: skipped: not inside a netlint project" for path in paths])
    else:
        result = run_validation(config, day, paths, jobs=jobs, use_cache=not no_cache)
    if write_baseline is not None or baseline_file is not None or config.baseline:
        from netlint.baseline import with_baseline  # with fingerprint: only when a baseline is in play

        result = with_baseline(result, config, baseline_file, write_baseline, scoped=bool(paths))
    formats = formats or ("text",)
    _machine_output_in_utf8(formats, outputs)
    # A whole-project run that writes only to the standard streams can be replayed (netlint.replay):
    # its output is gathered, printed, and recorded when the project was found unchanged.
    replayable = not (paths or outputs or write_baseline or no_cache) and result.observed is not None
    out, err = (io.StringIO(), io.StringIO()) if replayable else (sys.stdout, None)
    write_reports(result, config, formats, outputs, quiet, out)
    if statistics:
        write_statistics(result, formats, outputs, out, err or sys.stderr)
    if not quiet:
        for note in result.notes:
            click.echo(f"note: {printable(note)}", err=err is None, file=err)
    code = EXIT_FAIL if result.fails(config.fail_on) else EXIT_OK
    if replayable:
        assert isinstance(out, io.StringIO) and isinstance(err, io.StringIO)
        _print_and_record(result, config, baseline_file, out.getvalue(), err.getvalue(), code)
    if _HELD is not None:
        _HELD.append(result)  # left to os._exit, not freed object by object as the call stack unwinds
        if not (no_cache or outside):  # started as `netlint` (see entry): netlint.replay preloads them
            from netlint.cache import Cache

            Cache(config.root).store_patterns()
    sys.exit(code)


def _refuse_content_files(config: Config, targets: Sequence[tuple[str, Path | None]]) -> None:
    """Refuse to write a report or baseline where netlint would read it back as a content file."""
    from netlint.diagnostic import printable
    from netlint.project import EXTENSIONS

    content = config.content_dir.resolve()
    for option, path in targets:
        if path is None or str(path) == "-" or not path.name.lower().endswith(EXTENSIONS):
            continue
        if path.resolve().is_relative_to(content):
            raise Failure(
                f"{option} {printable(str(path))} is a YAML file inside the content folder; netlint would read it "
                "as content in the next run: write it elsewhere"
            )


def _refuse_settings_files(
    config: Config, outputs: Sequence[Path], baseline_file: Path | None, write_baseline: Path | None
) -> None:
    """Refuse to write a report over a file the run reads: the configuration, the baseline in use, a schema
    (a swapped CI line would destroy it, atomically: nothing of it would be left). The baseline may be
    rewritten by --write-baseline, its purpose; nothing else may go over the configuration."""
    from netlint.diagnostic import printable

    def same(path: Path, other: Path | None) -> bool:
        try:
            return other is not None and path.resolve() == other.resolve()
        except (OSError, RuntimeError):
            return False

    baselines = [config.baseline_path(baseline_file), config.baseline_path()]  # in use, and configured
    schemas = config.schema_dir.resolve() if config.schema_dir is not None else None
    targets = [("--output", path) for path in outputs]
    if write_baseline is not None:
        targets.append(("--write-baseline", write_baseline))
        if any(same(write_baseline, path) for path in outputs):
            raise Failure(
                f"--write-baseline {printable(str(write_baseline))} is also an --output file: "
                "give the baseline and the report each their own file"
            )
    for option, path in targets:
        if same(path, config.source):
            what = "netlint's configuration"
        elif option == "--output" and any(same(path, baseline) for baseline in baselines):
            what = "a baseline netlint reads (the one this run applies, or the one netlint.toml names)"
        elif schemas is not None and path.resolve().parent == schemas:
            what = "in the project's schema folder"
        else:
            continue
        written = "the baseline" if option == "--write-baseline" else "the report"
        raise Failure(f"{option} {printable(str(path))} is {what}; netlint reads it: write {written} elsewhere")


# The formats a report file's name suggests (a SARIF log is often named .sarif.json).
_FORMAT_OF_SUFFIX = {".sarif": ("sarif",), ".json": ("json", "sarif"), ".xml": ("junit",)}


def _start(paths: Sequence[Path]) -> Path:
    """Where to look for the project: from the first path inside one (pre-commit passes every changed
    file, and a workflow file or the hook's own configuration may come first), else the current folder."""
    from netlint.config import find_root

    for path in paths:
        if find_root(path)[1] is not None:
            return path
    return Path.cwd()


def _writes_utf8(stream: IO[str]) -> bool:
    """Whether ``stream`` encodes as UTF-8 (or is not a file: a test runner's, an in-memory one)."""
    import codecs

    encoding = getattr(stream, "encoding", None)
    try:
        return not isinstance(encoding, str) or codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _machine_output_in_utf8(formats: Sequence[str], outputs: Sequence[Path]) -> None:
    """A machine-readable report on standard output is UTF-8 whatever the locale says (as JSON's RFC
    requires between systems): read as cp1252 or ASCII, a file name or a quoted word beyond it either
    stopped the report half written or, escaped, made it invalid JSON or XML."""
    on_stdout = [fmt for i, fmt in enumerate(formats) if i >= len(outputs) or str(outputs[i]) == "-"]
    if on_stdout and on_stdout[0] != "text" and not _writes_utf8(sys.stdout):
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8", errors="strict")  # type: ignore[union-attr]


def _print_and_record(result: Any, config: Any, baseline_file: Path | None, out: str, err: str, code: int) -> None:
    """Print what the run gathered, and record it for the next identical run (only for UTF-8 streams:
    a replay writes through the streams as they start out)."""
    from netlint import replay

    replay.write_all(sys.stdout, out)
    sys.stderr.write(err)
    if not _STREAMS_UTF8:
        return
    baseline = config.baseline_path(baseline_file)
    inputs = [os.path.abspath(baseline)] if baseline else []
    schema_dir = config.schema_dir
    replay.record(config, result.observed, inputs, str(schema_dir) if schema_dir else None, out, err, code)


def _replace(config: Any, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(config, **changes)


@main.command(short_help="List every rule with its code, name and severity.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@guarded
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity and a one-line summary."""
    import json

    from netlint.api import rule_table

    table = rule_table()
    if fmt == "json":
        payload = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "scope": r.scope, "summary": r.summary}
            for r in table
        ]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    width = max(len(r.name) for r in table)
    for r in table:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}")


@main.command(short_help="Explain what a rule checks and how to fix it.")
@click.argument("code")
@guarded
def explain(code: str) -> None:
    """Explain rule CODE (or its name, as reports give it: `size-text-mismatch`): what it checks, why, a
    failing and a passing example, and how to configure it."""
    import difflib

    from netlint.rules import load_all
    from netlint.suppressions import UNSUPPRESSIBLE

    rules = load_all()
    by_name = {rule.name: rule for rule in rules.values()}
    wanted = code.strip()
    found = rules.get(wanted.upper()) or by_name.get(wanted.lower())
    if found is None:
        close = difflib.get_close_matches(wanted.upper(), list(rules), n=1, cutoff=0.5) or difflib.get_close_matches(
            wanted.lower(), list(by_name), n=1, cutoff=0.6
        )
        hint = f" (did you mean {close[0]}?)" if close else "; `netlint rules` lists them"
        # "S01" was meant as a code, "size-text-mismtach" as a name.
        what = "rule code" if (wanted[:1].isalpha() and wanted[1:].isdigit()) or len(wanted) <= 1 else "rule name"
        raise Failure(f"unknown {what} '{code}'{hint}")
    click.echo(f"{found.code} ({found.name})")
    click.echo(f"Default severity: {found.severity.value}. Scope: {found.scope}.")
    click.echo("")
    click.echo(found.doc)
    click.echo("")
    click.echo("## Suppressing")
    other = "info" if found.severity.value == "warning" else "warning"
    config_ways = (
        f'In netlint.toml: `ignore = ["{found.code}"]`, `[per-file-ignores]` or `[severity] {found.code} = "{other}"`.'
    )
    if found.code in UNSUPPRESSIBLE:
        click.echo(f"No comment can suppress {UNSUPPRESSIBLE[found.code]}. {config_ways}")
    else:
        click.echo(
            f"On the line or the line above: `# netlint: disable={found.code} -- reason`; for a whole file: "
            f"`# netlint: disable-file={found.code}`. {config_ways}"
        )


@main.command(short_help="Validate, then write the JSON bundle and HTML site.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    default=(),
    metavar="FORMAT",
    type=click.Choice(["json", "html"]),
    help="What to write: json (json/bundle.json) or html (html/). Repeat for both; default: both.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder to write the export to (default: 'dist' in the project root). It is replaced as a whole.",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The export date, also used by review rules (default: NETLINT_TODAY or the system date).",
)
@click.option("--force", is_flag=True, help="Replace --out even when it is a file or a folder netlint did not write.")
@guarded
def export(formats: tuple[str, ...], out: Path | None, today: str | None, force: bool) -> None:
    """Validate the whole project; if no errors remain, write the vetted JSON bundle and HTML site."""
    from netlint.diagnostic import printable
    from netlint.exporters import ExportError, NotExportable
    from netlint.exporters.export import BundleInvalid, run
    from netlint.reporters.text_report import write as write_text

    day = parse_today(today)
    config = load(Path.cwd())
    try:
        outcome = run(config, day, out=out, formats=formats, force=force)
    except (ExportError, BundleInvalid) as error:
        raise Failure(str(error)) from None
    except OSError as error:  # a full disk, a read-only folder: the atomic swap left --out as it was
        if _debug():
            raise
        from netlint.exporters.export import out_folder

        where = f" (writing {error.filename})" if error.filename else ""
        shown = _shown(out_folder(config, out))
        reason = error.strerror or error
        raise Failure(f"cannot write the export: {reason}{where}; {shown} was left as it was") from None
    except NotExportable as error:
        for problem in error.problems:
            click.echo(printable(problem))
        click.echo("Export refused: the content cannot be bundled (see above); nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    if outcome.result.diagnostics:
        write_text(outcome.result, sys.stdout, config)
    for note in outcome.result.notes:
        click.echo(f"note: {printable(note)}", err=True)
    shown = _shown(outcome.out)
    if not outcome.written:
        click.echo(f"Export refused: fix the errors above first; nothing was written to {shown}.", err=True)
        sys.exit(EXIT_FAIL)
    click.echo(outcome.summary(shown))


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)


@main.command(short_help="List the review dates of every page, soonest first.")
@click.option(
    "--within",
    type=_COUNT,
    default=None,
    metavar="DAYS",
    help="Only pages whose review is overdue or due within DAYS days (and those whose dates cannot be read).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date to count from (default: NETLINT_TODAY or system date).")
@guarded
def review(within: int | None, fmt: str, today: str | None) -> None:
    """List every topic and procedure's review dates and status (overdue, due soon, ok), soonest first.

    A report, not a check: the exit code is 0 whatever the dates (`netlint validate` enforces them).
    """
    import json

    from netlint import review_schedule
    from netlint.api import project_index

    day = parse_today(today)
    config = load(Path.cwd())
    every = review_schedule.schedule(project_index(config, day), config, day)
    entries = every if within is None else review_schedule.due_within(every, within)
    hidden = len(every) - len(entries)  # pages --within left out
    if fmt == "json":
        payload = {
            "netlint": __version__,  # as validate's JSON report starts
            "today": day.isoformat(),
            "warn_days": config.review_warn_days,
            "max_age_months": config.review_max_age_months,
            "within": within,
            "entries": [entry.to_json() for entry in entries],
            "summary": review_schedule.counts(entries),
            "not_listed": hidden,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if entries:
        for line in review_schedule.table(entries):
            click.echo(line)
        click.echo("")
    else:
        click.echo(
            "No topics or procedures to list."
            if within is None
            else f"No reviews due within {review_schedule.days(within)}."
        )
    click.echo(review_schedule.summary(entries, config.review_warn_days, hidden=hidden, within=within))


@main.group()
def cache() -> None:
    """Manage the result cache (.netlint_cache/ in the project root)."""


@cache.command("clean")
@guarded
def cache_clean() -> None:
    """Delete the project's result cache."""
    from netlint.cache import CACHE_DIR, clean

    config = load(Path.cwd())
    removed = clean(config.root)
    where = config.root / CACHE_DIR
    click.echo(f"Removed {where}." if removed else f"No cache to remove ({where} does not exist).")


_GC_THRESHOLDS = (200_000, 30, 30)
# What a run started by entry() keeps until it leaves (None for in-process callers, which free as usual).
_HELD: list[object] | None = None
_STREAMS_UTF8 = True  # whether the standard streams started out as UTF-8 (see entry)


def _interrupted(signum: int, frame: Any) -> None:
    _INTERRUPTED.append(True)
    signal.default_int_handler(signum, frame)


def entry() -> None:
    """The `netlint` command: run, then leave at once, without tearing the interpreter down.

    A run can hold a great deal (every document's data, a 160,000-word list); freeing it all one
    object at a time at exit takes longer than some runs (mypy leaves the same way). Everything
    netlint writes is closed by then and its worker processes have ended, so only the standard
    streams need flushing. In-process callers (click's test runner, the API) never get here.

    The cyclic garbage collector is also told to run rarely, as mypy does: a run builds a great
    many small objects that live until the end and hold no cycles, and with the default thresholds
    the collector walks them again and again (a tenth of a pre-commit run on a large project).
    Worker processes inherit the setting.

    For the same reason, a command may hand what it holds to ``_HELD``: a pre-commit run's ten thousand
    documents, freed as the call stack unwinds after its report is printed, took a twentieth of its time.
    """
    global _HELD
    # Ctrl-C at any moment, while click reads the command line too (it then prints "Aborted!" and exits 1),
    # is an interruption: exit 130.
    signal.signal(signal.SIGINT, _interrupted)
    gc.set_threshold(*_GC_THRESHOLDS)
    _HELD = []
    global _STREAMS_UTF8
    for stream in (sys.stdout, sys.stderr):
        if not _writes_utf8(stream):  # a Windows pipe (cp1252), LANG=C: never fail on a file name
            _STREAMS_UTF8 = False
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        main(prog_name="netlint")
    except SystemExit as done:
        status = done.code
        if _INTERRUPTED:  # Ctrl-C during a command: click printed "Aborted!" and exits 1
            status = EXIT_INTERRUPTED
    else:  # pragma: no cover - click's standalone mode always exits
        status = 0
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("message"): print it, as the interpreter would
        sys.stderr.write(f"{status}\n")
        code = 1
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader left, or the stream is closed
        code = EXIT_BROKEN_PIPE if code in (EXIT_OK, EXIT_FAIL) else code
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
