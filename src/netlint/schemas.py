"""The JSON Schemas: found and compiled once, and their errors turned into S001 Diagnostics.

Reporters never see a jsonschema type: every error becomes a Diagnostic here,
one per offending field, at that field's place, with the field's path and a
"did you mean" where one is close.
"""

from __future__ import annotations

import datetime
import json
import re
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urlsplit

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from netlint.diagnostic import Diagnostic
    from netlint.loader import DataPath, Document

KINDS = ("sources", "contributors", "glossary", "procedure", "topic")
SCHEMA_VERSIONS = (1,)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


class SchemaError(Exception):
    """netlint's schemas (or a project's own) are missing or broken: exit 2."""


@lru_cache(maxsize=1)
def bundled_schema_dir() -> Path:
    """The canonical schemas: inside the installed package, or the repository's schema/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "schema"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "schema"


def is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD (2025-02-30 is not one)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_uri(value: object) -> bool:
    """An absolute URI (RFC 3986 characters, a scheme; a host for http and https)."""
    if not isinstance(value, str):
        return True
    if not _URI_CHARS.fullmatch(value):
        return False
    scheme, _, rest = value.partition(":")
    if not _SCHEME.fullmatch(scheme) or not rest:
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    if _BAD_ESCAPE.search(value):  # "%" starts a two-hex-digit escape: "%zz" opens nothing
        return False
    if not _well_placed(parts):
        return False
    if scheme.lower() in ("http", "https"):
        return rest.startswith("//") and _is_host(parts.hostname, parts.netloc) and parts.port != 0
    return True


_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _well_placed(parts: SplitResult) -> bool:
    """RFC 3986's characters where it allows them: "#" once (it starts the fragment), "[" and "]" only
    around an IPv6 host, "@" once, after the user information (consumers that check the bundle's
    `uri` formats refuse "…/page#top#ref", "…/guide[1]" and "https://user:p@ss@example.org")."""
    host = parts.netloc.rpartition("@")[2]
    rest = parts.path + parts.query + parts.fragment
    if "#" in parts.fragment or "[" in rest or "]" in rest or parts.netloc.count("@") > 1:
        return False
    brackets = "[" in host or "]" in host
    return not brackets or (host.startswith("[") and host.count("[") == 1 and host.count("]") == 1)


# A DNS label: letters, digits and hyphens, not starting or ending with a hyphen (an underscore, which
# DNS names hold and browsers open, is let through).
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")


def _is_host(host: str | None, netloc: str) -> bool:
    """A host name of non-empty labels ("example..com", ".com" and "-bad-.com" are not), or an IP address."""
    if not host:
        return False
    if "[" in netloc:  # an IPv6 literal, bracketed
        import ipaddress

        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return False
        return True
    name = host[:-1] if host.endswith(".") else host  # "example.com." is fully qualified
    return len(name) <= 253 and all(_LABEL.fullmatch(label) for label in name.split("."))


MAX_SCHEMA_BYTES = 4 * 1024 * 1024  # far above any real schema; a link to /dev/zero must not fill memory


@lru_cache(maxsize=8)
def _load(schema_dir: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Every ``*.schema.json`` in ``schema_dir``, by name: its path and its JSON object.

    A project's schemas are read as its content is: regular files only (not a FIFO or a device),
    inside the folder (not a link out of it), of bounded size, and each a JSON object.
    """
    from netlint.fileio import read_regular

    if not schema_dir.is_dir():
        raise SchemaError(f"schema folder not found: {schema_dir}")
    folder = schema_dir.resolve()
    loaded: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        try:
            if not path.resolve().is_relative_to(folder):
                raise SchemaError(
                    f"{path}: it links outside the schema folder {schema_dir}; netlint does not follow it"
                )
            raw = read_regular(path, MAX_SCHEMA_BYTES)
            if len(raw) > MAX_SCHEMA_BYTES:
                raise SchemaError(f"{path}: larger than {MAX_SCHEMA_BYTES:,} bytes; not a schema netlint reads")
            schema = json.loads(raw.decode("utf-8"))
        except SchemaError:
            raise
        except (OSError, RuntimeError, ValueError, RecursionError) as error:  # RuntimeError: a link loop
            raise SchemaError(f"{path}: cannot be read as a JSON Schema: {error}") from None
        if not isinstance(schema, dict):
            raise SchemaError(f"{path}: a schema file must hold a JSON object, not {type(schema).__name__}")
        loaded[path.name.removesuffix(".schema.json")] = (path, schema)
    for kind in KINDS:
        if kind not in loaded:
            raise SchemaError(f"{schema_dir}: no schema for kind '{kind}' ({kind}.schema.json)")
    return loaded


@lru_cache(maxsize=8)
def same_as_bundled(schema_dir: Path) -> bool:
    """Whether a project's schemas say what netlint's own say (a copy of them, say): S003 has nothing to add."""
    return {name: schema for name, (_, schema) in _load(schema_dir).items()} == {
        name: schema for name, (_, schema) in _load(bundled_schema_dir()).items()
    }


@lru_cache(maxsize=8)
def validators(schema_dir: Path) -> dict[str, Validator]:
    """One compiled validator per kind, built once per process."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    loaded = _load(schema_dir)
    resources = []
    for path, schema in loaded.values():
        try:
            with warnings.catch_warnings():  # re's FutureWarning on "[[:alpha:]]" in a pattern: not the reader's
                warnings.simplefilter("ignore", FutureWarning)
                Draft202012Validator.check_schema(schema)
            resources.append((schema.get("$id", path.as_uri()), Resource.from_contents(schema)))
        except Exception as error:  # noqa: BLE001 - jsonschema's and referencing's many ways to refuse
            summary = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
            raise SchemaError(f"{path}: not a valid JSON Schema: {summary}") from None
    registry: Registry[Any] = Registry().with_resources(resources)
    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    checker.checks("uri")(is_uri)
    from jsonschema import validators as extending

    bounded = extending.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    return {kind: bounded(loaded[kind][1], registry=registry, format_checker=checker) for kind in KINDS}


PATTERN_SECONDS = 1.0  # the longest one value may take to test against a schema's pattern
PATTERN_BUDGET = 5.0  # and all values of a run together


class SlowPattern(Exception):
    """A schema's pattern took more than PATTERN_SECONDS on one value, or the run's patterns more than
    PATTERN_BUDGET in all (it backtracks without end)."""

    def __init__(self, pattern: str, instance: str) -> None:
        super().__init__(pattern, instance)
        self.pattern = pattern
        self.instance = instance


class _PatternTimeout(BaseException):
    """Raised by the timer's signal inside a pattern's search (a BaseException: nothing between catches it)."""


_spent = [0.0]  # seconds this process has spent testing patterns


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """python-jsonschema's `pattern` (with `re`, as it tests one), with a time limit: a project's schema may
    hold a pattern that backtracks without end ("^(a|a)*$" on forty "a"s and a "!"), which `re` would test
    for hours. `re` answers signals as it searches, so a timer's signal ends the search (in the main thread
    of a process with SIGALRM; elsewhere it runs as python-jsonschema runs it)."""
    import signal
    import threading
    import time

    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string"):
        return
    left = PATTERN_BUDGET - _spent[0]
    timed = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if timed and left <= 0:
        raise SlowPattern(pattern, instance)
    with warnings.catch_warnings():  # (compiled once: re keeps it, and the warning, for the next value)
        warnings.simplefilter("ignore", FutureWarning)
        compiled = re.compile(pattern)
    if not timed:
        found = compiled.search(instance)
    else:

        def expired(signum: int, frame: Any) -> None:
            raise _PatternTimeout

        previous = signal.signal(signal.SIGALRM, expired)
        started = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, min(PATTERN_SECONDS, left))
            try:
                found = compiled.search(instance)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _PatternTimeout:
            raise SlowPattern(pattern, instance) from None
        finally:
            signal.signal(signal.SIGALRM, previous)
            _spent[0] += time.perf_counter() - started
    if found is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=8)
def fast_validators(schema_dir: Path) -> dict[str, Any] | None:
    """jsonschema-rs validators per kind, with netlint's own date and uri checks; None when unavailable.

    They only answer "valid or not" quickly: every diagnostic still comes from
    python-jsonschema (`check`), so both paths report exactly the same things.
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - an optional speed-up
        return None
    loaded = {name: schema for name, (_, schema) in _load(schema_dir).items()}
    try:
        registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in loaded.values() if "$id" in schema])
        formats = {"date": is_date, "uri": is_uri}
        return {
            kind: jsonschema_rs.validator_for(loaded[kind], registry=registry, formats=formats, validate_formats=True)
            for kind in KINDS
        }
    except Exception:  # noqa: BLE001 - a schema it cannot compile: use the reference path only
        return None


def validate(doc: Document, kind: str, schema_dir: Path) -> list[Diagnostic]:
    """S001 diagnostics for ``doc`` against the schema of ``kind`` (compiled once per process)."""
    fast = fast_validators(schema_dir)
    if fast is not None:
        try:
            if fast[kind].is_valid(doc.data):
                return []
        except Exception:  # noqa: BLE001,S110 - values it cannot take (inf, huge ints): ask the reference path
            pass
    validator = validators(schema_dir)[kind]  # compiled only when a document is invalid
    try:
        return list(check(doc, validator))
    except (SchemaError, RecursionError):
        raise
    except SlowPattern as slow:
        path = _load(schema_dir)[kind][0]
        raise SchemaError(
            f"{path}: its pattern {slow.pattern!r} took too long to test {show_value(slow.instance)} in "
            f"{doc.path} (more than {PATTERN_SECONDS:g} s for one value, or {PATTERN_BUDGET:g} s for all): it "
            "backtracks without end; rewrite it "
            "(alternatives that overlap or a repeat inside a repeat, such as '(a|a)*' or '(a+)+', are the usual causes)"
        ) from None
    except Exception as error:  # noqa: BLE001 - a $ref that resolves nowhere (netlint fetches nothing), a bad dialect
        path = _load(schema_dir)[kind][0]
        raise SchemaError(f"{path}: cannot be used to check {doc.path}: {type(error).__name__}: {error}") from None


def check(doc: Document, validator: Validator) -> Iterator[Diagnostic]:
    """S001 diagnostics for one document: one per offending field."""
    from netlint.rules._registry import at  # the rules, only for an invalid document

    seen: set[tuple[DataPath, str]] = set()
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: (len(e.absolute_path), e.json_path))
    for error in _leaves(errors):
        path: DataPath = tuple(error.absolute_path)
        for where, key, message in _describe(error, path):
            # One diagnostic per offending field; each missing field is its own.
            identity = (where, message if error.validator == "required" else "")
            if identity in seen:
                continue
            seen.add(identity)
            yield at("S001", doc, where, message, key=key)


def _leaves(errors: list[Any]) -> Iterator[Any]:
    """Errors to report: for a failed allOf/not on a size, the specific complaint."""
    for error in errors:
        if error.validator in ("allOf", "anyOf", "oneOf") and error.context:
            yield from _leaves(sorted(error.context, key=lambda e: e.json_path))
        else:
            yield error


def _describe(error: Any, path: DataPath) -> Iterator[tuple[DataPath, bool, str]]:
    """(where, at the key?, message) for one jsonschema error."""
    from netlint.rules._registry import format_path

    where = format_path(path)
    keyword = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(instance, dict) and name not in instance:
                inside = "the document" if not path else f"'{where}'"
                yield path, False, f"missing required field '{name}' in {inside}"
        return
    if keyword == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                if name == "":  # `"": value`, or `? ` with no key (read as an empty name)
                    inside = "the document" if not path else f"'{where}'"
                    yield (*path, name), True, f"a field with no name in {inside}; give it a name, or remove it"
                    continue
                field_path = format_path((*path, name))
                yield (*path, name), True, f"unknown field '{field_path}'{_did_you_mean(name, known)}"
        return
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value]
        suggestion = _did_you_mean(str(instance), choices) if isinstance(instance, str) else ""
        shown = show_value(instance)
        if suggestion and len(choices) > _LISTED_CHOICES:  # the body sites: the suggestion says enough
            yield path, False, f"'{where}' is {shown}, which is not allowed{suggestion}"
            return
        allowed = ", ".join(choices)
        yield path, False, f"'{where}' is {shown}, which is not allowed{suggestion}; use one of: {allowed}"
        return
    if keyword == "const":
        yield path, False, f"'{where}' must be {show_value(error.validator_value)}, not {show_value(instance)}"
        return
    if keyword == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        names = " or ".join(_TYPE_NAMES.get(w) or str(w) for w in wanted)
        yield path, False, f"'{where}' must be {names}, not {_type_name(instance)}"
        return
    if keyword == "format":
        fmt = error.validator_value
        if fmt == "date":
            yield path, False, f"'{where}' is {show_value(instance)}, which is not a real date written YYYY-MM-DD"
        elif fmt == "uri":
            yield (
                path,
                False,
                f"'{where}' is {show_value(instance)}, which is not a valid URL (such as https://example.org/page)",
            )
        else:
            yield path, False, f"'{where}' is {show_value(instance)}, which is not a valid {fmt}"
        return
    if keyword == "pattern":
        if (
            path
            and path[-1] in ("id", "superseded_by")
            or "$defs/id" in str(error.schema_path)
            or _is_id_pattern(error)
        ):
            slug = _slug(instance)
            hint = f": did you mean '{slug}'?" if slug else ", such as 'local-excision'"
            yield (
                path,
                False,
                f"'{where}' is {show_value(instance)}, which is not a valid id: use lowercase letters, digits "
                f"and single hyphens{hint}",
            )
        else:
            # The field's own description says the form in words; the pattern is the last resort.
            described = schema.get("description")
            form = described if isinstance(described, str) and described else f"the form {error.validator_value}"
            yield path, False, f"'{where}' is {show_value(instance)}, which is not of the required form: {form}"
        return
    if keyword == "not":
        required = error.validator_value.get("required", []) if isinstance(error.validator_value, dict) else []
        if sorted(required) in (["gt", "gte"], ["lt", "lte"]) and isinstance(instance, dict):
            # At the second of the two, as written: the one an editor most likely added
            which = "lower" if "gt" in required else "upper"
            second = [key for key in instance if key in required][-1]
            yield (
                (*path, second),
                True,
                f"'{where}' has two {which} bounds ({' and '.join(sorted(required))}); keep one",
            )
        else:
            yield path, False, f"'{where}' has a combination of fields that is not allowed"
        return
    if keyword == "uniqueItems" and isinstance(instance, list):
        # At each repeated item (SPEC §4: a duplicate is reported at the later occurrence), naming it
        # and its first occurrence; items are told apart by their JSON form (which keeps 1 and true
        # apart), in one pass: a hostile list of 100,000 items must not take quadratic time.
        first_at: dict[str, int] = {}
        repeated = False
        for index, item in enumerate(instance):
            key = json.dumps(item, sort_keys=True, default=repr)
            first = first_at.setdefault(key, index)
            if first != index:
                repeated = True
                message = f"'{where}' lists {show_value(item)} twice (also item {first + 1}); remove one"
                yield (*path, index), False, message
        if repeated:
            return
    if keyword == "minProperties" and isinstance(instance, dict) and "unit" in schema.get("required", ()):
        if "unit" in instance:
            yield path, False, f"'{where}' needs at least one bound: gt, gte, lt or lte"
        return  # without a unit, "missing required field 'unit'" says what is wrong
    plain = _plain(error)
    # netlint's own phrases read on from the field's name; jsonschema's own messages stand apart
    reads_on = plain.startswith(("must ", "needs ", "lists "))
    yield path, False, f"'{where}' {plain}" if reads_on else f"'{where}': {plain}"


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
    "null": "empty",
}


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {show_value(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def show_value(value: object) -> str:
    """A value as it is written in YAML: a text quoted (and shortened), true/false, a number, or its type."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return "'" + shown.replace("\n", "\\n") + "'"
    return json.dumps(value) if isinstance(value, bool | int | float) or value is None else _type_name(value)


# An enum longer than this is not listed in full after a "did you mean".
_LISTED_CHOICES = 12


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib

    # Close by difflib's ratio; a looser match ("surgery" for "surgical") only when it starts alike,
    # so that a mere scatter of shared letters ("brest", "rectum") suggests nothing.
    close = [
        choice
        for choice in difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
        if difflib.SequenceMatcher(None, word, choice).ratio() >= 0.6 or word[:2].lower() == choice[:2].lower()
    ][:1]
    if not close:
        lowered = {choice.lower(): choice for choice in choices}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f" (did you mean '{close[0]}'?)" if close else ""


def _slug(value: object) -> str:
    """``value`` as an id could be written ("Hemicolectomy" → "hemicolectomy", "Small Bowel" →
    "small-bowel"); "" when nothing of it would do."""
    if not isinstance(value, str):
        return ""
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))[:100]


def _is_id_pattern(error: Any) -> bool:
    return bool(error.validator_value == "^[a-z0-9]+(-[a-z0-9]+)*$")


def _plain(error: Any) -> str:
    keyword = error.validator
    value = error.validator_value
    if keyword == "minItems":
        return "must not be empty" if value == 1 else f"needs at least {value} items"
    if keyword == "uniqueItems":
        return "lists the same item twice"
    if keyword in ("minimum", "exclusiveMinimum"):
        return f"must be at least {value}" if keyword == "minimum" else f"must be above {value}"
    if keyword in ("maximum", "exclusiveMaximum"):
        return f"must be at most {value}" if keyword == "maximum" else f"must be below {value}"
    if keyword == "minLength":
        return "must not be empty"
    return str(error.message)
