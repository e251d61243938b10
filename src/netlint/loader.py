"""Strict YAML 1.2 loading: bytes in, a Document (data plus positions) or Y diagnostics out.

PyYAML's constructors read YAML 1.1 (``no`` is False, ``2025-08-08`` a date,
``010`` is 8) and expand aliases before anyone can object. netlint therefore
never constructs: it pulls libyaml's events and builds plain Python values
itself under the YAML 1.2 core schema, recording where every key and value
starts and ends. Aliases are never expanded, tags never resolved to code, and
the depth limit is checked before the next level is read.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from netlint.diagnostic import Diagnostic, Span
from netlint.rules._registry import diagnostic

try:  # libyaml's C parser; the pure-Python one is 10x slower but equivalent
    from yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _BaseParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _BaseParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _BaseParser.__init__(self)


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

# Everything YAML calls non-printable, minus tab, LF and CR (SPEC §2, Y003).
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
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
    """One content file: its text, its data, and where every part of the data is."""

    path: str  # relative to the project root, "/" separators
    text: str
    data: Any = None
    values: dict[DataPath, RawSpan] = field(default_factory=dict)
    keys: dict[DataPath, RawSpan] = field(default_factory=dict)
    scalars: dict[DataPath, tuple[str, int, int]] = field(default_factory=dict)
    broken: bool = False  # the YAML itself was rejected (a Y diagnostic)
    valid: bool = False  # passed its kind's schema: content rules may trust its shape

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
        line_start = self.text.rfind("\n", 0, index) + 1
        return self.text.count("\n", 0, index) + 1, index - line_start + 1


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
        if char in " \t\n" and not (style == '"' and text.startswith("\\", p) and text[p + 1 : p + 2] not in ("\n", "\r")):
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


def read_document(
    path: Path, relpath: str, *, max_bytes: int, max_depth: int
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one content file; never raises for bad content."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            what = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file"
            message = f"cannot read the file: it is {what}; netlint reads only regular files"
            return None, [diagnostic("Y003", relpath, Span(1, 1, 1, 1), message)]
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
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


def parse_bytes(raw: bytes, relpath: str, *, max_depth: int = 64) -> tuple[Document | None, list[Diagnostic]]:
    """Decode and parse bytes as one strict YAML 1.2 document."""
    text, problems = decode(raw, relpath)
    if text is None:
        return None, problems
    doc = Document(relpath, text)
    problems = list(_Builder(doc, max_depth).run())
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
        message = f"the file is not valid UTF-8 (byte 0x{byte:02X} cannot start or continue a character); save it as UTF-8"
        return None, [diagnostic("Y003", relpath, Span(line, column, line, column + 1), message)]
    bad = _NON_PRINTABLE.search(text)
    if bad is None:
        return text, []
    problems: list[Diagnostic] = []
    seen_lines: set[int] = set()
    for match in _NON_PRINTABLE.finditer(text):
        index = match.start()
        line = text.count("\n", 0, index) + 1
        if line in seen_lines:
            continue  # one per line is enough to find them
        seen_lines.add(line)
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        name = "a NUL byte" if match.group() == "\x00" else f"the control character U+{ord(match.group()):04X}"
        problems.append(
            diagnostic("Y003", relpath, Span(line, column, line, column + 1), f"{name} is not allowed; remove it")
        )
        if len(problems) >= 20:
            break
    return None, problems


class _Builder:
    """Builds plain data and position tables from libyaml's event stream."""

    def __init__(self, doc: Document, max_depth: int) -> None:
        self.doc = doc
        self.max_depth = max_depth

    def run(self) -> Iterator[Diagnostic]:
        doc = self.doc
        parser = _Parser(doc.text)
        documents = 0
        # Each frame: [container, path, pending key or _NO_KEY, key span, first lines of keys]
        stack: list[list[Any]] = []
        root_found = False
        aliases_seen: set[str] = set()
        try:
            while True:
                event = parser.get_event()
                if event is None:
                    break
                name = type(event).__name__
                if name == "ScalarEvent":
                    yield from self._scalar(event, stack)
                    if not stack:
                        root_found = True
                elif name in ("MappingStartEvent", "SequenceStartEvent"):
                    if len(stack) >= self.max_depth:
                        yield self._error(
                            "Y006",
                            event,
                            f"the data is nested more than {self.max_depth} levels deep (limits.max_depth)",
                        )
                        return
                    if event.anchor is not None:
                        yield self._error("Y005", event, f"anchor '&{event.anchor}' is not allowed; write the value out")
                    if event.tag is not None:
                        yield self._error("Y005", event, f"explicit tag '{_short_tag(event.tag)}' is not allowed; remove it")
                    if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                        yield self._error("Y001", event, "a key must be plain text, not a list or mapping")
                        return
                    container: Any = {} if name == "MappingStartEvent" else []
                    path = self._attach(container, event, stack)
                    if path is None:
                        return
                    stack.append([container, path, _NO_KEY, None, {}])
                    root_found = True
                elif name in ("MappingEndEvent", "SequenceEndEvent"):
                    stack.pop()
                elif name == "AliasEvent":
                    if event.anchor not in aliases_seen:  # one report per anchor is enough
                        aliases_seen.add(event.anchor)
                        yield self._error("Y005", event, f"alias '*{event.anchor}' is not allowed; write the value out")
                    if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                        return  # an alias used as a key: nothing sensible to build
                    self._attach(None, event, stack)
                elif name == "DocumentStartEvent":
                    documents += 1
                    if documents > 1:
                        yield self._error("Y004", event, "the file holds more than one YAML document; keep one per file")
                        return
                elif name == "StreamEndEvent":
                    break
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = error.problem or "invalid YAML"
            context = f" ({error.context})" if error.context else ""
            yield diagnostic("Y001", doc.path, Span(line, column, line, column + 1), f"YAML syntax error: {problem}{context}")
            return
        except yaml.YAMLError as error:  # reader errors carry no mark
            yield diagnostic("Y001", doc.path, Span(1, 1, 1, 2), f"YAML error: {error}")
            return
        if not root_found:
            yield diagnostic("Y004", doc.path, Span(1, 1, 1, 2), "the file is empty; it needs a mapping of fields")
        elif not isinstance(doc.data, dict):
            what = "a list" if isinstance(doc.data, list) else "a single value"
            span = Span(*doc.values[()])
            yield diagnostic("Y004", doc.path, span, f"the top level is {what}; it must be a mapping of fields")

    def _scalar(self, event: Any, stack: list[list[Any]]) -> Iterator[Diagnostic]:
        style = event.style or ""
        if event.anchor is not None:
            yield self._error("Y005", event, f"anchor '&{event.anchor}' is not allowed; write the value out")
        if event.tag is not None:
            yield self._error("Y005", event, f"explicit tag '{_short_tag(event.tag)}' is not allowed; remove it")
        value = resolve_plain(event.value) if style == "" and event.tag is None else event.value
        if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
            yield from self._key(event, stack[-1])
            return
        path = self._attach(value, event, stack)
        if path is not None and isinstance(value, str):
            self.doc.scalars[path] = (style, event.start_mark.index, event.end_mark.index)

    def _key(self, event: Any, frame: list[Any]) -> Iterator[Diagnostic]:
        key = event.value
        span = _span(event)
        first = frame[4].get(key)
        if first is not None:
            yield diagnostic(
                "Y002",
                self.doc.path,
                Span(*span),
                f"duplicate key '{key}' (first defined on line {first}); remove one of them",
            )
            key = _Duplicate(key)
        else:
            frame[4][key] = span[0]
        frame[2] = key
        frame[3] = span

    def _attach(self, value: Any, event: Any, stack: list[list[Any]]) -> DataPath | None:
        doc = self.doc
        span = _span(event)
        if not stack:
            doc.data = value
            doc.values[()] = span
            return ()
        frame = stack[-1]
        parent = frame[0]
        if isinstance(parent, list):
            path = (*frame[1], len(parent))
            parent.append(value)
        else:
            key = frame[2]
            if key is _NO_KEY:  # a mapping or sequence used as a key
                return None
            frame[2] = _NO_KEY
            if isinstance(key, _Duplicate):
                return ()  # parsed, but the first occurrence wins
            path = (*frame[1], key)
            parent[key] = value
            doc.keys[path] = frame[3]
        doc.values[path] = span
        return path

    def _error(self, code: str, event: Any, message: str) -> Diagnostic:
        return diagnostic(code, self.doc.path, Span(*_span(event)), message)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Duplicate(str):
    """A key seen before in the same mapping: parsed but not stored."""


_NO_KEY: Any = object()


def _span(event: Any) -> RawSpan:
    start, end = event.start_mark, event.end_mark
    if end.index <= start.index:
        return (start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
