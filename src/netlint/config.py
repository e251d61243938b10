"""Configuration: defaults < netlint.toml or [tool.netlint] < command-line flags, validated once, here."""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from netlint.diagnostic import Severity

CONFIG_FILES = ("netlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A usage or configuration error: reported in one line, exit code 2.

    ``keys`` is the setting at fault (("prose", "max_grade")) and ``item`` the value in its list, if any:
    :func:`load_config` turns them into the line and column of the configuration file.
    """

    def __init__(self, message: str, keys: tuple[str, ...] = (), item: str | None = None) -> None:
        super().__init__(message)
        self.keys = keys
        self.item = item


@dataclass(frozen=True)
class Config:
    """Everything that decides what netlint checks and how; immutable once loaded."""

    root: Path
    source: Path | None = None  # the file the settings came from, if any
    content: str = "content"
    schema: str | None = None
    select: tuple[str, ...] = ("Y", "S", "N", "C", "R", "T", "P")
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.ERROR
    baseline: str | None = None
    review_max_age_months: int = 36
    review_warn_days: int = 60
    prose_max_grade: float = 9.0
    prose_boilerplate: tuple[str, ...] = ()
    prose_words: tuple[str, ...] = ()
    # What the pathways' sizes are of, as the exported pages name it ("Tumor size"; "Stone size").
    export_subject: str = "tumor"
    export_subjects: str | None = None  # its plural: the subject and "s" when not given
    max_file_bytes: int = 1_048_576
    max_depth: int = 64

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def schema_dir(self) -> Path | None:
        return self.root / self.schema if self.schema else None

    @property
    def subject_names(self) -> tuple[str, str]:
        """What the exported pages call the thing the sizes are of: (singular, plural)."""
        return self.export_subject, self.export_subjects or self.export_subject + "s"

    @property
    def severity_overrides(self) -> dict[str, Severity]:
        return dict(self.severity)

    def enabled(self, code: str) -> bool:
        """Whether rule ``code`` runs: selected by the longest matching prefix, not ignored by a longer one."""
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def baseline_path(self, given: Path | None = None) -> Path | None:
        """The baseline file a run applies: ``given`` (--baseline), else the 'baseline' setting, else none."""
        if given is not None:
            return given
        return self.root / self.baseline if self.baseline else None

    def describe_source(self) -> str:
        return str(self.source) if self.source else "defaults"

    def place(self, key: str) -> str | None:
        """Where the top-level setting ``key`` is written: "netlint.toml:3:11" (the file as named in messages,
        the key's line and column); None when the configuration does not set it (or cannot be read again)."""
        if self.source is None:
            return None
        found = _key_place(self.source, (key,))
        return f"{self.source}:{found[0]}:{found[1]}" if found is not None else None


# Every key and its kind; a table maps to its own keys.
_TOP = {
    "content": "path",
    "schema": "path",
    "select": "codes",
    "ignore": "codes",
    "severity": "severity-table",
    "per-file-ignores": "per-file-table",
    "fail_on": "severity",
    "baseline": "path",
    "review": "table",
    "prose": "table",
    "limits": "table",
    "export": "table",
}
_TABLES = {
    "review": {"max_age_months": "positive-int", "warn_days": "non-negative-int"},
    "prose": {"max_grade": "positive-number", "boilerplate": "strings", "words": "strings"},
    "limits": {"max_file_bytes": "positive-int", "max_depth": "positive-int"},
    "export": {"subject": "noun", "subjects": "noun"},
}


def find_root(start: Path) -> tuple[Path, Path | None, dict[str, Any]]:
    """The project root: the nearest folder at or above ``start`` with a netlint configuration.

    Returns (root, config file or None, raw settings). With no configuration anywhere
    above, ``start`` itself is the root and the settings are the defaults.
    """
    # Walked up as given, not through links: a path pre-commit passes may be a link out of the
    # project, or a link loop, and neither says where the project is.
    start = Path(os.path.abspath(start))
    if start.is_file() or not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            raw = _read_toml(candidate)
            if name == "netlint.toml":
                return folder, candidate, raw
            tool = raw.get("tool")
            if isinstance(tool, dict) and "netlint" in tool:
                table = tool["netlint"]
                if not isinstance(table, dict):
                    from netlint.toml_position import key_position

                    text = candidate.read_text(encoding="utf-8-sig")  # read as TOML a moment ago
                    line, column = key_position(text, ("tool", "netlint")) or (1, 1)
                    raise ConfigError(f"{candidate}:{line}:{column}: [tool.netlint] must be a table")
                return folder, candidate, table
    return start, None, {}


_MAX_CONFIG_BYTES = 16 * 1024 * 1024  # far above any real configuration


def _read_toml(path: Path) -> dict[str, Any]:
    from netlint.fileio import read_regular

    try:
        raw = read_regular(path, _MAX_CONFIG_BYTES + 1)  # never a FIFO or a device
        if len(raw) > _MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: cannot read the configuration: larger than {_MAX_CONFIG_BYTES:,} bytes")
        return tomllib.loads(raw.decode("utf-8-sig"))  # a BOM, as some Windows editors write, is tolerated
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", errors="replace")) + 1
        raise ConfigError(
            f"{path}:{line}:{column}: cannot read the configuration: it is not UTF-8 text "
            f"(byte 0x{raw[error.start]:02X}); save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as error:
        # tomllib names a key as a Python tuple ("Cannot declare ('prose',) twice"): show it as TOML does.
        message = re.sub(
            r"\(((?:'[^']*', ?)*'[^']*'),?\)",
            lambda found: "[" + ".".join(re.findall(r"'([^']*)'", found.group(1))) + "]",
            str(error),
        )
        if message.endswith("(at end of document)"):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines = text.split("\n")
            where = f"(at line {len(lines)}, column {len(lines[-1]) + 1})"
            message = message.removesuffix("(at end of document)") + where
        at = re.search(r" \(at line (\d+), column (\d+)\)$", message)
        if at is not None:
            raise ConfigError(f"{path}:{at.group(1)}:{at.group(2)}: invalid TOML: {message[: at.start()]}") from None
        raise ConfigError(f"{path}: invalid TOML: {message}") from None
    except ValueError:  # tomllib lets through Python's refusal to convert an integer of 4,300+ digits
        text = raw.decode("utf-8-sig", errors="replace")
        found = re.search(rf"\d[\d_]{{{sys.get_int_max_str_digits() - 1},}}", text)
        index = found.start() if found else 0
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise ConfigError(
            f"{path}:{line}:{column}: invalid TOML: a number of more than {sys.get_int_max_str_digits():,} digits"
        ) from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply to read") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error.strerror or error}") from None


def load_config(start: Path, known_codes: Iterable[str], **overrides: Any) -> Config:
    """Find and validate the project's configuration, then apply command-line ``overrides``.

    ``overrides`` use Config field names; None means "not given on the command line".
    """
    root, source, raw = find_root(start)
    where = str(source) if source else "command line"
    codes = frozenset(known_codes)
    try:
        values = _validate(raw, where, codes)
        config = Config(root=root, source=source, **values)
        # The settings' paths have no ".." and are not absolute, but a link may still lead out of the project.
        for key, setting, what in (("schema", config.schema, "a folder"), ("baseline", config.baseline, "a file")):
            if setting is not None and not _inside(root / setting, root):
                message = f"{where}: '{key}' must be {what} inside the project; {setting!r} leads out of it"
                raise ConfigError(message, (key,))
        if config.schema_dir is not None:
            _check_schema_folder(config.schema_dir, config.schema, where)
    except ConfigError as error:
        raise _located(error, source) from None
    given = {key: value for key, value in overrides.items() if value is not None}
    # As in ruff, a --select starts the selection over: the configured select and ignore no longer
    # apply (per-file-ignores and suppression comments still do); --ignore adds to what is left.
    added = _codes(given["ignore"], "--ignore", "command line", codes) if "ignore" in given else ()
    if "select" in given:
        given["select"] = _codes(given["select"], "--select", "command line", codes)
        given["ignore"] = added
    elif "ignore" in given:
        given["ignore"] = config.ignore + added
    if "fail_on" in given:
        given["fail_on"] = _severity(given["fail_on"], "--fail-on", "command line")
    return replace(config, **given)


def _located(error: ConfigError, source: Path | None) -> ConfigError:
    """``error`` with the line and column of its setting in ``source`` (after the file's name), where
    they can be found; a key of [tool.netlint] in pyproject.toml is named as written there."""
    if source is None or not error.keys:
        return error
    message = str(error)
    if source.name == "pyproject.toml":
        message = message.replace(f" in [{error.keys[0]}]", f" in [tool.netlint.{error.keys[0]}]", 1)
    found = _key_place(source, error.keys, error.item)
    if found is not None and message.startswith(f"{source}: "):
        message = f"{source}:{found[0]}:{found[1]}: {message[len(str(source)) + 2 :]}"
    return ConfigError(message)


def _key_place(source: Path, keys: tuple[str, ...], item: str | None = None) -> tuple[int, int] | None:
    """The line and column of the setting ``keys`` (under [tool.netlint] in a pyproject.toml) in ``source``;
    None when it cannot be found or the file read again."""
    from netlint.toml_position import key_position

    prefix = ("tool", "netlint") if source.name == "pyproject.toml" else ()
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return key_position(text, (*prefix, *keys), item)


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is inside ``root`` (a path that does not exist yet: as written)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a link loop
        return False


def _check_schema_folder(folder: Path, given: object, where: str) -> None:
    """The 'schema' setting names a folder with a schema for every kind (the schemas are read when first used)."""
    from netlint.schemas import KINDS

    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(f"{where}: 'schema' folder {given!r} {what}", ("schema",))
    missing = [f"{kind}.schema.json" for kind in KINDS if not (folder / f"{kind}.schema.json").exists()]
    if missing:
        raise ConfigError(
            f"{where}: 'schema' folder {given!r} has no {', '.join(missing)}; it needs one schema for each kind: "
            + ", ".join(KINDS),
            ("schema",),
        )


def _validate(raw: Mapping[str, Any], where: str, codes: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            _validate_key(key, value, where, codes, out)
        except ConfigError as error:
            error.keys = error.keys or (key,)
            raise
    return out


def _validate_key(key: str, value: Any, where: str, codes: frozenset[str], out: dict[str, Any]) -> None:
    """Check one top-level setting, adding its Config fields to ``out``."""
    kind = _TOP.get(key)
    if kind is None:
        if key == "tool" and where.endswith("netlint.toml") and isinstance(value, dict) and "netlint" in value:
            message = (
                f"{where}: unknown key 'tool': [tool.netlint] is for pyproject.toml; in netlint.toml, "
                "write its settings at the top level, without the table"
            )
            raise ConfigError(message)
        if key == "strict":  # the command line's --strict
            raise ConfigError(f"{where}: unknown key 'strict'; to fail on any diagnostic, write fail_on = \"info\"")
        raise ConfigError(f"{where}: unknown key '{key}'{suggest(key, _TOP)}")
    if kind == "table":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: '{key}' must be a table ([{key}])")
        for sub, subvalue in value.items():
            subkind = _TABLES[key].get(sub)
            if subkind is None:
                message = f"{where}: unknown key '{sub}' in [{key}]{suggest(sub, _TABLES[key])}"
                raise ConfigError(message, (key, sub))
            try:
                out[f"{key}_{sub}" if key != "limits" else sub] = _scalar(subvalue, subkind, f"{key}.{sub}", where)
            except ConfigError as error:
                error.keys = error.keys or (key, sub)
                raise
    elif kind == "path":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: '{key}' must be a non-empty path string")
        if "\0" in value:  # no file name can hold one (the system refuses it)
            raise ConfigError(f"{where}: '{key}' must be a path, not {_toml(value)}: a file name cannot hold a NUL")
        if Path(value).is_absolute() or ".." in Path(value).parts:
            # (a baseline elsewhere is given on the command line: --baseline)
            raise ConfigError(f"{where}: '{key}' must be a path inside the project, not {_toml(value)}")
        out[key] = value
    elif kind == "codes":
        out[key] = _codes(value, key, where, codes)
    elif kind == "severity":
        out[key] = _severity(value, key, where)
    elif kind == "severity-table":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"error|warning|info\"")
        # Codes or prefixes, in any case, as select takes them ("P" = "info", "p007" = "error"); the longest
        # prefix that matches a code gives its severity.
        levels: dict[str, tuple[str, Severity]] = {}
        for written, level in value.items():
            prefix = written.strip().upper()
            if not prefix or not any(code.startswith(prefix) for code in codes):
                message = f"{where}: unknown rule code '{written}' in [severity]{suggest(prefix, codes)}"
                raise ConfigError(message, (key, written))
            if prefix in levels:
                message = f"{where}: [severity] gives '{prefix}' twice ('{levels[prefix][0]}' and '{written}')"
                raise ConfigError(message, (key, written))
            try:
                levels[prefix] = (written, _severity(level, f"severity.{written}", where))
            except ConfigError as error:
                error.keys = (key, written)
                raise
        pairs = []
        for code in codes:
            matching = [prefix for prefix in levels if code.startswith(prefix)]
            if matching:
                pairs.append((code, levels[max(matching, key=len)][1]))
        out["severity"] = tuple(sorted(pairs))
    elif kind == "per-file-table":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of \"glob\" = [codes]")
        pairs_of_files = []
        for glob, listed in value.items():
            try:
                pairs_of_files.append((glob, _codes(listed, f"per-file-ignores.{glob}", where, codes)))
            except ConfigError as error:
                error.keys = (key, glob)
                raise
        out["per_file_ignores"] = tuple(pairs_of_files)


# Upper bounds where a larger value would make netlint itself fail (memory, Python's recursion limit): a
# file's data, positions and text take some 50 times its size (a 16 MiB page, 0.9 GB; 1 GiB would be 50 GB).
_MAXIMA = {"limits.max_file_bytes": 16 << 20, "limits.max_depth": 256}


def _toml(value: object) -> str:
    """A value as it is written in TOML (true, not Python's True; "text" in double quotes), for messages."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


_NOUN = re.compile(r"[^\W\d_A-Z](?:[^\W\d_A-Z]|[ -](?=[^\W\d_]))*")  # what a page's labels can hold
_NOUN_MAX = 40


def _scalar(value: Any, kind: str, key: str, where: str) -> Any:
    if kind in ("positive-int", "non-negative-int"):
        if isinstance(value, bool) or not isinstance(value, int) or value < (1 if kind == "positive-int" else 0):
            wanted = "a positive whole number" if kind == "positive-int" else "a whole number of 0 or more"
            raise ConfigError(f"{where}: '{key}' must be {wanted}, not {_toml(value)}")
        if key in _MAXIMA and value > _MAXIMA[key]:
            raise ConfigError(f"{where}: '{key}' must be at most {_MAXIMA[key]:,}, not {value}")
        return value
    if kind == "noun":
        if not isinstance(value, str) or not _NOUN.fullmatch(value) or len(value) > _NOUN_MAX:
            raise ConfigError(
                f"{where}: '{key}' must be a word or two in lower case (letters, spaces, hyphens), "
                f'such as "tumor" or "kidney stone", not {_toml(value)}'
            )
        return value
    if kind == "positive-number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 100:
            raise ConfigError(f"{where}: '{key}' must be a number above 0 and below 100, not {_toml(value)}")
        return float(value)
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _codes(value: Any, key: str, where: str, codes: frozenset[str]) -> tuple[str, ...]:
    """The codes or letters of ``key``: a list in a configuration file, "P,T002" on the command line."""
    if isinstance(value, str) and where == "command line":
        value = [part for part in value.replace(" ", ",").split(",") if part]
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        written = (
            f"; write [{', '.join(_toml(part) for part in value.replace(' ', ',').split(',') if part)}]"
            if isinstance(value, str) and value.strip(" ,")
            else ""
        )
        raise ConfigError(f'{where}: \'{key}\' must be a list of rule codes or letters, such as ["P", "T002"]{written}')
    if not value and key.endswith("select"):  # `select = []`, `--select ' '`: nothing would be checked
        raise ConfigError(f"{where}: '{key}' selects no rule; name at least one code or letter, or leave it out")
    out = []
    for item in value:
        prefix = item.strip().upper()
        if not prefix or not any(code.startswith(prefix) for code in codes):
            message = f"{where}: unknown rule code '{item}' in '{key}'{suggest(prefix, codes)}"
            raise ConfigError(message, item=item)
        out.append(prefix)
    return tuple(out)


def _severity(value: Any, key: str, where: str) -> Severity:
    try:
        return Severity(str(value).lower()) if isinstance(value, str) else Severity(value)
    except ValueError:
        raise ConfigError(f'{where}: \'{key}\' must be "error", "warning" or "info", not {_toml(value)}') from None


def suggest(word: str, choices: Iterable[str]) -> str:
    import difflib  # only for a mistyped setting

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
