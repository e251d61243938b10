"""Strict YAML 1.2 loading: bytes in, a Document (data plus positions) or Y diagnostics out.

PyYAML's constructors read YAML 1.1 (``no`` is False, ``2025-08-08`` a date,
``010`` is 8) and expand aliases before anyone can object. netlint therefore
never constructs: it pulls libyaml's events and builds plain Python values
itself under the YAML 1.2 core schema, recording where every key and value
starts and ends. Aliases are never expanded, tags never resolved to code, and
the depth limit is checked before the next level is read.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from netlint.diagnostic import Diagnostic, Span

if TYPE_CHECKING:
    from netlint.engine import FileTask
from yaml import BaseLoader as _PyParser  # only the parsers are used: nothing is ever constructed

from netlint.rules._registry import diagnostic

try:  # libyaml's C parser; the pure-Python one is ten times slower but equivalent
    from yaml import CBaseLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PyParser  # type: ignore[misc]


DataPath = tuple[str | int, ...]
RawSpan = tuple[int, int, int, int]  # 1-based line, column, end line, end column

# YAML 1.2 core schema, plain scalars only (quoted scalars are always strings).
_NULL = re.compile(r"(?:null|Null|NULL|~)?")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")

# Everything YAML calls non-printable, minus tab, LF and CR (SPEC §2, Y003); plus NEL, LS and PS, which
# libyaml reads as line breaks (YAML 1.1) while YAML 1.2 and editors do not: lines would be miscounted.
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# What a double-quoted escape (\x00, \e, \N, \L, \P, \uFFFE ...) must not produce in a value or key.
_ESCAPED_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_CHAR_NAMES = {
    "\x00": "a NUL byte",
    "\x85": "the next-line character U+0085 (NEL)",
    "\u2028": "the line separator U+2028",
    "\u2029": "the paragraph separator U+2029",
}


def char_name(char: str) -> str:
    """How a message names a character that content must not hold."""
    if char in _CHAR_NAMES:
        return _CHAR_NAMES[char]
    kind = "noncharacter" if char in "\ufffe\uffff" else "control character"
    return f"the {kind} U+{ord(char):04X}"


_UTF16_32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if not value or value[0] in "~nN" and _NULL.fullmatch(value):
        return None
    first = value[0]
    if first in "tTfF":
        return _BOOL.get(value, value)
    if first in "0123456789+-.":
        if _INT10.fullmatch(value):
            return int(value)
        if _INT8.fullmatch(value):
            return int(value[2:], 8)
        if _INT16.fullmatch(value):
            return int(value[2:], 16)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _INF.fullmatch(value):
            return float("-inf") if first == "-" else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
    return value


@dataclass
class Document:
    """One content file: its text, its data, and where every part of the data is.

    The position tables are built while parsing. A Document rebuilt from a
    worker process or from the cache carries only its text and data; its
    tables are then recomputed from the text on first use, which is rare:
    only when a diagnostic has to point into it.
    """

    path: str  # relative to the project root, "/" separators
    text: str
    data: Any = None
    broken: bool = False  # the YAML itself was rejected (a Y diagnostic)
    valid: bool = False  # passed its kind's schema: content rules may trust its shape
    _tables: tuple[dict[DataPath, RawSpan], dict[DataPath, RawSpan], dict[DataPath, tuple[str, int, int]]] | None = (
        field(default=None, repr=False, compare=False)
    )
    # What rules derive from the data and share (such as its citations), computed once per document.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def values(self) -> dict[DataPath, RawSpan]:
        """Where each value is: data path -> (line, column, end line, end column)."""
        return self._positions()[0]

    @property
    def keys(self) -> dict[DataPath, RawSpan]:
        """Where the key of each mapping entry is."""
        return self._positions()[1]

    @property
    def scalars(self) -> dict[DataPath, tuple[str, int, int]]:
        """For each text value: its style and its start and end index in the text."""
        return self._positions()[2]

    def _positions(
        self,
    ) -> tuple[dict[DataPath, RawSpan], dict[DataPath, RawSpan], dict[DataPath, tuple[str, int, int]]]:
        if self._tables is None:
            twin = Document(self.path, self.text)
            twin._tables = ({}, {}, {})
            _Builder(twin, max_depth=1 << 30).run()
            self._tables = twin._tables
        return self._tables

    @property
    def may_suppress(self) -> bool:
        """Whether the text can hold a suppression comment (a cheap test before looking for one)."""
        return "netlint:" in self.text

    def without_positions(self) -> Document:
        """A copy holding text and data only: cheap to send to another process or to cache."""
        return Document(self.path, self.text, self.data, self.broken, self.valid)

    @property
    def kind(self) -> str | None:
        kind = self.data.get("kind") if isinstance(self.data, dict) else None
        return kind if isinstance(kind, str) else None

    @property
    def id(self) -> str | None:
        ident = self.data.get("id") if isinstance(self.data, dict) else None
        return ident if isinstance(ident, str) else None

    @property
    def stem(self) -> str:
        """The file name without its extension."""
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]

    def get(self, path: DataPath, default: Any = None) -> Any:
        """The value at a data path, or ``default`` when any step is missing."""
        node = self.data
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def span(self, path: DataPath, *, key: bool = False) -> Span:
        """Where the value at ``path`` is (its key with ``key=True``).

        A path that does not exist falls back to its nearest existing ancestor,
        so a rule can always point somewhere sensible.
        """
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            raw = table.get(probe) or self.values.get(probe)
            if raw is not None:
                return Span(*raw)
            probe = probe[:-1]
        raw = self.values.get(())
        return Span(*raw) if raw else Span(1, 1, 1, 1)

    def text_span(self, path: DataPath, start: int, end: int) -> Span:
        """Where characters ``start:end`` of the string at ``path`` are in the file.

        Works for every scalar style: plain and quoted scalars folded over
        several lines, escapes in double quotes, ``|`` and ``>`` block scalars.
        """
        info = self.scalars.get(tuple(path))
        value = self.get(path)
        if info is None or not isinstance(value, str):
            return self.span(path)
        offsets, widths = source_offsets(self.text, value, *info)
        if not offsets:
            return self.span(path)
        first = min(start, len(offsets) - 1)
        last = min(max(start, end - 1), len(offsets) - 1)
        begin = offsets[first]
        finish = max(offsets[last] + widths[last], begin + 1)
        line, column = self.line_col(begin)
        end_line, end_column = self.line_col(finish)
        return Span(line, column, end_line, end_column)

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index into the text."""
        text = self.text
        newline = text.rfind("\n", 0, index)
        line = text.count("\n", 0, index) + 1
        if text.find("\r", 0, index) >= 0:
            # A CR not followed by LF ends a line too, as libyaml (whose lines the other positions use) reads it.
            line += text.count("\r", 0, index) - text.count("\r\n", 0, index + 1)
            cr = text.rfind("\r", newline + 1, index)
            while cr >= 0:
                if text[cr + 1 : cr + 2] != "\n":
                    newline = cr
                    break
                cr = text.rfind("\r", newline + 1, cr)
        return line, index - newline


class CachedDocument(Document):
    """A document answered from the cache: its data is known; its text is read only if a diagnostic needs it."""

    def __init__(self, path: str, source: str, data: Any, broken: bool, valid: bool, comments: bool) -> None:
        self._source = source
        self._comments = comments
        self._loaded: str | None = None
        super().__init__(path, "", data, broken, valid)

    @property  # type: ignore[override]
    def text(self) -> str:
        if self._loaded is None:
            try:
                self._loaded = read_regular(Path(self._source), -1).decode("utf-8-sig", errors="replace")
            except OSError:
                self._loaded = ""
        return self._loaded

    @text.setter
    def text(self, value: str) -> None:
        self._loaded = value or None

    @property
    def may_suppress(self) -> bool:
        return self._comments


def source_offsets(text: str, value: str, style: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """For each character of a scalar's value, its index in the file's text and how many characters wrote it.

    The value and its source differ only by the scalar style's decorations:
    quotes, escapes, block headers, indentation and line folding. So walk both
    together: a non-blank value character is found at the next source
    character that produced it, skipping the whitespace that folding removed.
    """
    p = start
    if style in ("'", '"'):
        p += 1
    elif style in ("|", ">"):
        newline = text.find("\n", start, end)
        p = end if newline < 0 else newline + 1
    offsets: list[int] = []
    widths: list[int] = []
    for char in value:
        widths.append(1)
        if char in " \t\n" and not (
            style == '"' and text.startswith("\\", p) and text[p + 1 : p + 2] not in ("\n", "\r")
        ):
            if p < end and text[p] == char:
                offsets.append(p)
                p += 1
            else:
                offsets.append(min(p, max(start, end - 1)))
            continue
        while p < end:
            here = text[p]
            if style == '"' and here == "\\":
                nxt = text[p + 1] if p + 1 < end else ""
                if nxt in "\r\n":  # an escaped line break produces nothing
                    p += 2
                    continue
                offsets.append(p)
                widths[-1] = {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
                p += widths[-1]
                break
            if style == "'" and here == "'" and text.startswith("''", p):
                offsets.append(p)
                widths[-1] = 2
                p += 2
                break
            if here == char:
                offsets.append(p)
                p += 1
                break
            if here in " \t\r\n":
                p += 1
                continue
            # Not expected for well-formed input; degrade to the scalar start.
            offsets.append(start)
            break
        else:
            offsets.append(max(start, end - 1))
    return offsets, widths


class NotRegularFile(OSError):
    """A content path that is a FIFO, a device or a socket: never opened for reading."""


def read_regular(path: Path | str, limit: int) -> bytes:
    """Up to ``limit`` bytes of a regular file; OSError saying why not otherwise.

    The path is checked before it is opened (opening a device can have side effects),
    then opened non-blocking and checked again: a FIFO swapped in meanwhile cannot hang the run.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as handle:
            mode = os.fstat(fd).st_mode
            if stat.S_ISREG(mode):
                return handle.read(limit)
    what = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file"
    raise NotRegularFile(f"it is {what}; netlint reads only regular files")


def read_task(path: Path | str, relpath: str, max_bytes: int) -> FileTask:
    """The bytes of one content file (up to one past the limit), or the Y diagnostic saying why not."""
    from netlint.engine import FileTask

    try:
        return FileTask(relpath, read_regular(path, max_bytes + 1))
    except OSError as error:
        reason = error.strerror or str(error)
        return FileTask(relpath, None, diagnostic("Y003", relpath, Span(1, 1, 1, 2), f"cannot read the file: {reason}"))


def read_document(
    path: Path, relpath: str, *, max_bytes: int, max_depth: int
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one content file; never raises for bad content."""
    try:
        raw = read_regular(path, max_bytes + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [diagnostic("Y003", relpath, Span(1, 1, 1, 1), f"cannot read the file: {reason}")]
    if len(raw) > max_bytes:
        message = (
            f"the file is larger than the limit of {max_bytes:,} bytes (limits.max_file_bytes); "
            "split it or raise the limit"
        )
        return None, [diagnostic("Y006", relpath, Span(1, 1, 1, 2), message)]
    return parse_bytes(raw, relpath, max_depth=max_depth)


def parse_bytes(
    raw: bytes, relpath: str, *, max_depth: int = 64, with_positions: bool = True
) -> tuple[Document | None, list[Diagnostic]]:
    """Decode and parse bytes as one strict YAML 1.2 document."""
    text, problems = decode(raw, relpath)
    if text is None:
        return None, problems
    # Without positions, the tables are made on demand: by the first diagnostic that needs them.
    doc = Document(relpath, text, _tables=({}, {}, {}) if with_positions else None)
    problems = _Builder(doc, max_depth).run()
    if problems and problems[-1].code == "Y001" and "maximum nesting depth" in problems[-1].message:
        # libyaml's scanner gives up at 1,000 flow levels before any event past our limit is seen;
        # the pure-Python parser has no such cap, so it finds the first node past max_depth.
        doc = Document(relpath, text, _tables=({}, {}, {}) if with_positions else None)
        problems = _Builder(doc, max_depth, _PyParser).run()
    if problems:
        doc.broken = True
    return doc, problems


def decode(raw: bytes, relpath: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (a BOM dropped), or Y003 diagnostics saying what is wrong."""
    if raw.startswith(_UTF16_32_BOMS) and not raw.startswith(b"\xef\xbb\xbf"):
        kind = "UTF-32" if raw[:4] in _UTF16_32_BOMS[:2] else "UTF-16"
        message = f"the file is encoded as {kind}; save it as UTF-8"
        return None, [diagnostic("Y003", relpath, Span(1, 1, 1, 2), message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        message = (
            f"the file is not valid UTF-8 (byte 0x{byte:02X} cannot start or continue a character); save it as UTF-8"
        )
        return None, [diagnostic("Y003", relpath, Span(line, column, line, column + 1), message)]
    bad = _NON_PRINTABLE.search(text)
    if bad is None:
        return text, []
    problems: list[Diagnostic] = []
    where = Document(relpath, text)
    while bad is not None and len(problems) < 20:  # one per line is enough to find them
        index = bad.start()
        line, column = where.line_col(index)
        message = f"{char_name(bad.group())} is not allowed; remove it"
        problems.append(diagnostic("Y003", relpath, Span(line, column, line, column + 1), message))
        next_line = text.find("\n", index)
        bad = _NON_PRINTABLE.search(text, next_line + 1) if next_line >= 0 else None
    return None, problems


class _Builder:
    """Builds plain data and position tables from libyaml's event stream.

    This loop runs for every node of every file, so it is written for speed:
    events are told apart by class identity and a frame is a flat list.
    """

    def __init__(self, doc: Document, max_depth: int, parser: type = _Parser) -> None:
        self.doc = doc
        self.max_depth = max_depth
        self.parser = parser

    def run(self) -> list[Diagnostic]:
        try:
            problems = self._build()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            # At the end of a file without a final newline libyaml marks the line after the last one.
            line, column = min((line, column), self.doc.line_col(len(self.doc.text)))
            problem = error.problem or "invalid YAML"
            context = f" ({error.context})" if error.context else ""
            message = f"YAML syntax error: {problem}{context}"
            return [*self.problems, diagnostic("Y001", self.doc.path, Span(line, column, line, column + 1), message)]
        except yaml.YAMLError as error:  # reader errors carry no mark
            return [*self.problems, diagnostic("Y001", self.doc.path, Span(1, 1, 1, 2), f"YAML error: {error}")]
        return problems

    def _build(self) -> list[Diagnostic]:
        doc = self.doc
        # Without tables (the usual case: positions are rebuilt on demand) no data path is even made.
        tables = doc._tables is not None
        values, keys, scalars = doc._tables if doc._tables is not None else ({}, {}, {})
        path: DataPath | None = None
        root_span: RawSpan = (1, 1, 1, 2)
        self.problems = problems = []
        self.counts: dict[str, int] = {}
        get_event = self.parser(doc.text).get_event
        max_depth = self.max_depth
        # A frame: [container, path, is_mapping, pending key (or _NO_KEY), key span, first line of each key]
        stack: list[list[Any]] = []
        frame: list[Any] | None = None
        documents = 0
        root_found = False
        aliases_seen: set[str] = set()
        while True:
            event = get_event()
            cls = event.__class__
            if cls is _ScalarEvent:
                start, end = event.start_mark, event.end_mark
                span = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                if end.index <= start.index:
                    span = (span[0], span[1], span[0], span[1] + 1)
                if event.anchor is not None or event.tag is not None:
                    self._marks(event, span)
                style = event.style or ""
                raw = event.value
                if style == '"' and _ESCAPED_BAD.search(raw):
                    self._escaped(raw, span)
                if frame is not None and frame[2] and frame[3] is _NO_KEY:  # this scalar is a key
                    first = frame[5].get(raw)
                    if first is None:
                        frame[5][raw] = span[0]
                        frame[3] = raw
                    else:
                        message = f"duplicate key '{raw}' (first defined on line {first}); remove one of them"
                        self._add("Y002", span, message)
                        frame[3] = _Duplicate(f"\0duplicate@{span[0]}:{span[1]}")
                    frame[4] = span
                    continue
                if style or raw[:1] not in _MAYBE_NOT_TEXT or event.tag is not None:
                    value = raw
                else:
                    value = resolve_plain(raw)
                if frame is None:
                    path = ()
                    doc.data = value
                    root_found = True
                    root_span = span
                elif frame[2]:
                    key = frame[3]
                    frame[3] = _NO_KEY
                    if key.__class__ is not _Duplicate:
                        frame[0][key] = value
                    if tables:
                        path = (*frame[1], key)
                        if key.__class__ is not _Duplicate:
                            keys[path] = frame[4]
                else:
                    if tables:
                        path = (*frame[1], len(frame[0]))
                    frame[0].append(value)
                if tables:
                    values[path] = span
                    if value.__class__ is str:
                        scalars[path] = (style, start.index, end.index)
            elif cls is _MappingStartEvent or cls is _SequenceStartEvent:
                start, end = event.start_mark, event.end_mark
                span = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                if end.index <= start.index:
                    span = (span[0], span[1], span[0], span[1] + 1)
                if len(stack) >= max_depth:
                    message = f"the data is nested more than {max_depth} levels deep (limits.max_depth)"
                    problems.append(diagnostic("Y006", doc.path, Span(*span), message))
                    return problems
                if event.anchor is not None or event.tag is not None:
                    self._marks(event, span)
                is_mapping = cls is _MappingStartEvent
                container: Any = {} if is_mapping else []
                if frame is None:
                    path = ()
                    doc.data = container
                    root_found = True
                    root_span = span
                elif frame[2]:
                    if frame[3] is _NO_KEY:
                        message = "a key must be plain text, not a list or mapping"
                        problems.append(diagnostic("Y001", doc.path, Span(*span), message))
                        return problems
                    key = frame[3]
                    frame[3] = _NO_KEY
                    if key.__class__ is not _Duplicate:
                        frame[0][key] = container
                    if tables:
                        path = (*frame[1], key)
                        if key.__class__ is not _Duplicate:
                            keys[path] = frame[4]
                else:
                    if tables:
                        path = (*frame[1], len(frame[0]))
                    frame[0].append(container)
                if tables:
                    values[path] = span
                frame = [container, path, is_mapping, _NO_KEY, None, {}]
                stack.append(frame)
            elif cls is _MappingEndEvent or cls is _SequenceEndEvent:
                stack.pop()
                frame = stack[-1] if stack else None
            elif cls is _AliasEvent:
                start = event.start_mark
                span = (
                    start.line + 1,
                    start.column + 1,
                    start.line + 1,
                    start.column + 1 + len(event.anchor or "") + 1,
                )
                if event.anchor not in aliases_seen:  # one report per anchor is enough
                    aliases_seen.add(event.anchor)
                    message = f"alias '*{event.anchor}' is not allowed; write the value out"
                    self._add("Y005", span, message)
                if frame is None:
                    root_found = True
                    root_span = values[()] = span
                elif frame[2]:
                    if frame[3] is _NO_KEY:
                        return problems  # an alias used as a key: nothing sensible to build
                    key = frame[3]
                    frame[3] = _NO_KEY
                    if key.__class__ is not _Duplicate:
                        frame[0][key] = None
                        if tables:
                            keys[(*frame[1], key)] = frame[4]
                            values[(*frame[1], key)] = span
                else:
                    if tables:
                        values[(*frame[1], len(frame[0]))] = span
                    frame[0].append(None)
            elif cls is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    start = event.start_mark
                    span = (start.line + 1, start.column + 1, start.line + 1, start.column + 2)
                    message = "the file holds more than one YAML document; keep one per file"
                    problems.append(diagnostic("Y004", doc.path, Span(*span), message))
                    return problems
            elif cls is _StreamEndEvent or event is None:
                break
        if not root_found:
            problems.append(
                diagnostic("Y004", doc.path, Span(1, 1, 1, 2), "the file is empty; it needs a mapping of fields")
            )
        elif not isinstance(doc.data, dict):
            what = "a list" if isinstance(doc.data, list) else "a single value"
            message = f"the top level is {what}; it must be a mapping of fields"
            problems.append(diagnostic("Y004", doc.path, Span(*root_span), message))
        return problems

    def _escaped(self, value: str, span: RawSpan) -> None:
        """Y003 for an escape in double quotes that writes a character the file itself could not hold."""
        bad = _ESCAPED_BAD.search(value)
        assert bad is not None
        message = f"an escape sequence here writes {char_name(bad.group())}, which content must not hold; remove it"
        self._add("Y003", span, message)

    def _marks(self, event: Any, span: RawSpan) -> None:
        """Y005 for an anchor or an explicit tag on a node."""
        if event.anchor is not None:
            message = f"anchor '&{event.anchor}' is not allowed; write the value out"
            self._add("Y005", span, message)
        if event.tag is not None:
            message = f"explicit tag '{_short_tag(event.tag)}' is not allowed; remove it"
            self._add("Y005", span, message)

    def _add(self, code: str, span: RawSpan, message: str) -> None:
        """Report a problem, at most MAX_PER_CODE of a code per file: a hostile file must not flood the report."""
        count = self.counts[code] = self.counts.get(code, 0) + 1
        if count > MAX_PER_CODE + 1:
            return
        if count == MAX_PER_CODE + 1:
            message += f"; more problems like this follow, but only the first {MAX_PER_CODE} in a file are listed"
        self.problems.append(diagnostic(code, self.doc.path, Span(*span), message))


#: Y002, Y003 (from escapes) and Y005 diagnostics listed per file and code; one more says that others follow.
MAX_PER_CODE = 100
# A plain scalar can be something other than text only if it starts with one of these (or is empty).
_MAYBE_NOT_TEXT = frozenset("~nNtTfF0123456789+-.") | {""}
_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_StreamEndEvent = yaml.StreamEndEvent


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Duplicate(str):
    """A key seen before in the same mapping: parsed but not stored."""


_NO_KEY: Any = object()
