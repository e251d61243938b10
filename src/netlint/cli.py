"""The command line: flags -> Config -> api -> reporter -> exit code. The only module that imports click."""

from __future__ import annotations

import datetime
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from netlint import __version__

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


class Failure(click.ClickException):
    """A usage, configuration or internal error: one line on stderr, exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"netlint: error: {self.format_message()}", err=True)


def guarded(command: F) -> F:
    """Turn netlint's own failures into exit 2 with a message; a traceback only with --debug."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from netlint.api import RuleFailure
        from netlint.config import ConfigError
        from netlint.schemas import SchemaError

        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # `netlint validate | head`: the reader left; stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_FAIL)
        except (ConfigError, SchemaError, RuleFailure) as error:
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

    return run  # type: ignore[return-value]


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and root.params.get("debug"))


def parse_today(value: str | None) -> datetime.date:
    """--today, else NETLINT_TODAY, else the system date."""
    source = "--today"
    if value is None:
        value, source = os.environ.get("NETLINT_TODAY") or None, "NETLINT_TODAY"
    if value is None:
        return datetime.date.today()
    try:
        if len(value) != 10:
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Failure(f"{source}: {value!r} is not a date written YYYY-MM-DD") from None


def load(start: Path, **overrides: Any) -> Any:
    from netlint.api import known_codes
    from netlint.config import load_config

    return load_config(start, known_codes(), **overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="netlint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show a Python traceback when netlint itself fails.")
def main(debug: bool) -> None:
    """Validate, lint and export structured patient-facing medical content."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "formats", multiple=True, default=(), metavar="FORMAT",
    type=click.Choice(["text", "json", "sarif", "github", "junit"]),
    help="Output format: text (default), json, sarif, github or junit. Repeat with --output for several reports.",
)
@click.option("--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of standard output (pairs with --format in order).")
@click.option("--today", metavar="YYYY-MM-DD", help="The date review rules treat as today (default: NETLINT_TODAY or the system date).")
@click.option("--select", metavar="CODES", help="Only these rule codes or letters, comma-separated (replaces the configured select).")
@click.option("--ignore", metavar="CODES", help="Also ignore these rule codes or letters, comma-separated.")
@click.option("--strict", is_flag=True, help="Fail on any diagnostic, not only errors.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--jobs", type=click.IntRange(min=0), default=None, metavar="N", help="Worker processes (default: automatic).")
@click.option("--quiet", "-q", is_flag=True, help="Print only diagnostics: no summary line and no notes.")
@guarded
def validate(
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    today: str | None,
    select: str | None,
    ignore: str | None,
    strict: bool,
    fail_on: str | None,
    no_cache: bool,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Check the project's content; with PATHS, report only diagnostics in those files."""
    from netlint.api import validate as run_validation
    from netlint.diagnostic import Severity

    day = parse_today(today)
    start = paths[0] if paths else Path.cwd()
    config = load(start, select=select, ignore=ignore, fail_on=fail_on)
    if strict:
        config = _replace(config, fail_on=Severity.INFO)
    if len(outputs) > max(len(formats), 1):
        raise Failure("more --output files than --format options: give one --format for each --output")
    result = run_validation(config, day, paths)
    _report(result, config, formats or ("text",), outputs, quiet)
    if not quiet:
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
    sys.exit(EXIT_FAIL if result.fails(config.fail_on) else EXIT_OK)


def _replace(config: Any, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(config, **changes)


def _report(result: Any, config: Any, formats: Sequence[str], outputs: Sequence[Path], quiet: bool) -> None:
    from netlint.reporters import writer
    from netlint.reporters.text_report import write as write_text

    to_stdout = [fmt for i, fmt in enumerate(formats) if i >= len(outputs)]
    if len(to_stdout) > 1:
        raise Failure("only one --format can go to standard output: give an --output file for the others")
    for i, fmt in enumerate(formats):
        write = writer(fmt)
        if i < len(outputs):
            _write_file(outputs[i], lambda stream, w=write: w(result, stream, config))
        elif fmt == "text" and quiet:
            for diag in result.diagnostics:
                click.echo(f"{diag.path}:{diag.line}:{diag.column}: {diag.code} [{diag.severity.value}] {diag.message}")
        elif fmt == "text":
            write_text(result, sys.stdout, config)
        else:
            write(result, sys.stdout, config)


def _write_file(path: Path, produce: Callable[[IO[str]], None]) -> None:
    """Write a report atomically: to a temporary file beside ``path``, then rename."""
    import tempfile

    folder = path.resolve().parent
    if not folder.is_dir():
        raise Failure(f"--output {path}: folder {folder} does not exist")
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            produce(handle)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@main.command()
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


@main.command()
@click.argument("code")
@guarded
def explain(code: str) -> None:
    """Explain rule CODE: what it checks, why, a failing and a passing example, and how to configure it."""
    import difflib

    from netlint.rules import load_all

    rules = load_all()
    found = rules.get(code.strip().upper())
    if found is None:
        close = difflib.get_close_matches(code.upper(), list(rules), n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]}?)" if close else "; `netlint rules` lists them"
        raise Failure(f"unknown rule code '{code}'{hint}")
    click.echo(f"{found.code} ({found.name})")
    click.echo(f"Default severity: {found.severity.value}. Scope: {found.scope}.")
    click.echo("")
    click.echo(found.doc)
    click.echo("")
    click.echo("## Suppressing")
    click.echo(
        f"On the line or the line above: `# netlint: disable={found.code} -- reason`; for a whole file: "
        f"`# netlint: disable-file={found.code}`. In netlint.toml: `ignore = [\"{found.code}\"]`, "
        f"`[per-file-ignores]` or `[severity] {found.code} = \"warning\"`."
    )


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="netlint")
