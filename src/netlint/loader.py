"""Strict YAML 1.2 loading: bytes in, a Document (data plus positions) or Y diagnostics out.

PyYAML's constructors read YAML 1.1 (``no`` is False, ``2025-08-08`` a date,
``010`` is 8) and expand aliases before anyone can object. netlint therefore
never constructs: it pulls libyaml's events and builds plain Python values
itself under the YAML 1.2 core schema (the event loop is netlint.yamlparse),
recording where every key and value starts and ends. Aliases are never
expanded, tags never resolved to code, and the depth limit is checked before
the next level is read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netlint.diagnostic import Diagnostic, Span
from netlint.fileio import read_regular

if TYPE_CHECKING:
    from netlint.scan import FileTask
from netlint.rules._registry import diagnostic

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
# The ASCII that _NON_PRINTABLE does not match (deleting it from ASCII bytes leaves what it would match).
_PRINTABLE_ASCII = bytes([9, 10, 13, *range(32, 127)])
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


def may_hold_marker(text: str) -> bool:
    """Whether ``text`` may hold a suppression comment's "netlint:" in lower, upper or title case ("NetLint",
    "Netlint"): two substring tests, a fraction of one case-blind search."""
    return "int:" in text or "INT:" in text


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
            from netlint.yamlparse import Builder

            Builder(twin, max_depth=1 << 30).run()
            self._tables = twin._tables
        return self._tables

    @property
    def may_suppress(self) -> bool:
        """Whether the text can hold a suppression comment (a cheap test before looking for one)."""
        return may_hold_marker(self.text)

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
        # Walked once per value: a long text may have thousands of findings.
        walked_values = self.memo.setdefault("source offsets", {})
        walked = walked_values.get(tuple(path))
        if walked is None:
            from netlint.scalar_offsets import source_offsets  # only where a finding is inside a text

            walked = walked_values[tuple(path)] = source_offsets(self.text, value, *info)
        offsets, widths = walked
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
        """1-based line and column of a character index into the text.

        A line ends at LF, CRLF or a lone CR, as libyaml (whose lines the other positions use) reads
        them. The lines' starts are found once per document: a file may have thousands of findings.
        """
        starts = self._line_starts()
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def line_text(self, number: int) -> str:
        """The text of 1-based line ``number``, without its line break ("" past the end)."""
        starts = self._line_starts()
        if not 1 <= number <= len(starts):
            return ""
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1] : end].rstrip("\r\n")

    def _line_starts(self) -> list[int]:
        starts: list[int] | None = self.memo.get("line starts")
        if starts is None:
            starts = self.memo["line starts"] = [0, *(m.end() for m in _LINE_BREAK.finditer(self.text))]
        return starts


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class CachedDocument(Document):
    """A document answered from the cache: its data is known; its text is read only if a diagnostic needs it."""

    _source: str  # where the file is
    _comments: bool  # whether its text may hold "# netlint:" (see Document.may_suppress)
    _loaded: str | None  # its text, once read

    def __init__(self, path: str, source: str, data: Any, broken: bool, valid: bool, comments: bool) -> None:
        self.__dict__ = cached_document(path, source, data, broken, valid, comments).__dict__

    @property
    def text(self) -> str:
        if self._loaded is None:
            try:
                self._loaded = file_text(read_regular(Path(self._source), -1))
            except OSError:
                self._loaded = ""
        return self._loaded

    @text.setter
    def text(self, value: str) -> None:
        self._loaded = value or None

    @property
    def may_suppress(self) -> bool:
        return self._comments


def cached_document(path: str, source: str, data: Any, broken: bool, valid: bool, comments: bool) -> CachedDocument:
    """``CachedDocument(path, source, data, broken, valid, comments)`` in half the time: a run makes one
    per file of the project, and calling a class costs more than filling in a new instance."""
    doc: CachedDocument = object.__new__(CachedDocument)
    # Document's fields set at once, as its generated __init__ would.
    doc.__dict__ = {
        "path": path,
        "data": data,
        "broken": broken,
        "valid": valid,
        "_tables": None,
        "memo": {},
        "_source": source,
        "_comments": comments,
        "_loaded": None,
    }
    return doc


def read_task(path: Path | str, relpath: str, max_bytes: int) -> FileTask:
    """The bytes of one content file (up to one past the limit), or the Y diagnostic saying why not."""
    from netlint.scan import FileTask

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
            f"the file is larger than the limit of {byte_count(max_bytes)} (limits.max_file_bytes); "
            "split it or raise the limit"
        )
        return None, [diagnostic("Y006", relpath, Span(1, 1, 1, 2), message)]
    return parse_bytes(raw, relpath, max_depth=max_depth)


#: Y002, Y003, Y005 and P diagnostics listed per file and code; the last one listed says that others follow.
MAX_PER_CODE = 100
MORE_FOLLOW = f"; more problems like this follow, but only the first {MAX_PER_CODE} in a file are listed"


def capped(found: list[Diagnostic]) -> list[Diagnostic]:
    """The first MAX_PER_CODE of one file's diagnostics of one code, the last saying when more follow:
    a hostile file (a title of 200,000 brackets) must not flood the report."""
    if len(found) <= MAX_PER_CODE:
        return found
    last = found[MAX_PER_CODE - 1]
    return [*found[: MAX_PER_CODE - 1], replace(last, message=last.message + MORE_FOLLOW)]


def byte_count(count: int) -> str:
    """``1 byte``, ``1,048,576 bytes``."""
    return f"{count:,} byte" if count == 1 else f"{count:,} bytes"


def parse_bytes(
    raw: bytes, relpath: str, *, max_depth: int = 64, with_positions: bool = True
) -> tuple[Document | None, list[Diagnostic]]:
    """Decode and parse bytes as one strict YAML 1.2 document."""
    text, problems = _utf8(raw, relpath)
    if text is None:
        # Its kind and id can still be read (SPEC §4: then the document exists): a page saved as UTF-16 or
        # Latin-1 must not make every link to it an N003 in files nobody touched. Read as far as it goes,
        # marked broken, with the Y003 alone (as for a stray control character).
        return _read_despite(_salvaged(raw), relpath, problems, max_depth, with_positions)
    problems = _forbidden(raw, text, relpath)
    if problems:
        return _read_despite(text, relpath, problems, max_depth, with_positions)
    # Without positions, the tables are made on demand: by the first diagnostic that needs them.
    from netlint.yamlparse import Builder, PyParser  # PyYAML is imported on the first parse, not before

    doc = Document(relpath, text, _tables=({}, {}, {}) if with_positions else None)
    problems = Builder(doc, max_depth).run()
    if problems and problems[-1].code == "Y001" and "maximum nesting depth" in problems[-1].message:
        # libyaml's scanner gives up at 1,000 flow levels before any event past our limit is seen;
        # the pure-Python parser has no such cap, so it finds the first node past max_depth.
        doc = Document(relpath, text, _tables=({}, {}, {}) if with_positions else None)
        problems = Builder(doc, max_depth, PyParser).run()
    if problems:
        doc.broken = True
    return doc, problems


def _read_despite(
    text: str, relpath: str, problems: list[Diagnostic], max_depth: int, with_positions: bool
) -> tuple[Document | None, list[Diagnostic]]:
    """A file that is not UTF-8, or holds characters content must not (Y003): its document as far as it can
    be read (see :func:`_salvaged`) with each such character taken for a space, marked broken, with the Y003
    problems alone.

    SPEC §4 counts a document as existing when its kind and id can be read: one stray control
    character must not make every reference to the page an N003 in files nobody touched (a YAML
    syntax error does not). What else the parse finds waits until the characters are gone: a space
    standing in for one may itself be what the parser trips on.
    """
    from netlint.yamlparse import Builder

    # One character for one keeps every position the file's own.
    doc = Document(relpath, _NON_PRINTABLE.sub(" ", text), _tables=({}, {}, {}) if with_positions else None)
    Builder(doc, max_depth).run()
    doc.broken = True
    if not isinstance(doc.data, dict):
        return None, problems
    return doc, problems


_CODECS = {
    "UTF-32 (big-endian)": "utf-32-be", "UTF-32 (little-endian)": "utf-32-le",
    "UTF-16 (big-endian)": "utf-16-be", "UTF-16 (little-endian)": "utf-16-le",
}  # fmt: skip


def file_text(raw: bytes) -> str:
    """The text netlint reads in a content file's bytes, whose positions its diagnostics give: UTF-8 (a BOM
    dropped), or for a file that is not, its text as :func:`_salvaged` reads it."""
    text, _ = _utf8(raw, "")
    return _salvaged(raw) if text is None else text


def _salvaged(raw: bytes) -> str:
    """The text of a file that is not UTF-8, as well as it can be read: in the encoding its byte order mark
    or its first character shows (UTF-16, UTF-32), else as UTF-8 with each byte that is not (Latin-1's
    "é") made U+FFFD. For its kind and id only: the file itself is reported (Y003)."""
    if raw.startswith(_UTF16_32_BOMS):
        codec = "utf-32" if raw[:4] in _UTF16_32_BOMS[:2] else "utf-16"
    else:
        codec = _CODECS.get(_unmarked_encoding(raw) or "", "utf-8")
    return raw.decode(codec, "replace")


def _unmarked_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by its first character as YAML 1.2 (§5.2) tells it: an
    ASCII character with NUL bytes beside it. None for anything else."""
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "UTF-32 (big-endian)"
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "UTF-32 (little-endian)"
    if len(head) >= 2 and head[0] == 0 and head[1]:
        return "UTF-16 (big-endian)"
    if len(head) >= 2 and head[0] and head[1] == 0:
        return "UTF-16 (little-endian)"
    return None


def decode(raw: bytes, relpath: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (a BOM dropped) without a character content must not hold, or Y003 diagnostics saying
    what is wrong."""
    text, problems = _utf8(raw, relpath)
    if text is None:
        return None, problems
    problems = _forbidden(raw, text, relpath)
    return (None, problems) if problems else (text, [])


def _utf8(raw: bytes, relpath: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text (a BOM dropped), or the Y003 diagnostic saying it is not UTF-8."""
    if raw.startswith(_UTF16_32_BOMS) and not raw.startswith(b"\xef\xbb\xbf"):
        kind = "UTF-32" if raw[:4] in _UTF16_32_BOMS[:2] else "UTF-16"
        message = f"the file is encoded as {kind}; save it as UTF-8"
        return None, [diagnostic("Y003", relpath, Span(1, 1, 1, 2), message)]
    unmarked = _unmarked_encoding(raw)
    if unmarked:
        message = f"the file looks encoded as {unmarked} without a byte order mark; save it as UTF-8"
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
    return text, []


def _forbidden(raw: bytes, text: str, relpath: str) -> list[Diagnostic]:
    """Y003 for each character content must not hold in ``text`` (the UTF-8 ``raw`` decoded)."""
    # The usual case, decided at C speed: deleting the printable ASCII bytes leaves the ASCII that
    # _NON_PRINTABLE matches and the characters beyond ASCII, each whole (every byte of one is 128 or
    # more), so still UTF-8: a few characters to search rather than the whole text.
    rest = raw.translate(None, _PRINTABLE_ASCII)
    if not rest or _NON_PRINTABLE.search(rest.decode("utf-8")) is None:
        return []
    bad = _NON_PRINTABLE.search(text)
    assert bad is not None  # it is in the text's characters if it is in some of them
    problems: list[Diagnostic] = []
    where = Document(relpath, text)
    while bad is not None:  # each one, up to the limit every Y code has (MAX_PER_CODE)
        index = bad.start()
        line, column = where.line_col(index)
        message = f"{char_name(bad.group())} is not allowed; remove it"
        bad = _NON_PRINTABLE.search(text, index + 1)
        if len(problems) == MAX_PER_CODE - 1 and bad is not None:
            message += MORE_FOLLOW
            bad = None
        problems.append(diagnostic("Y003", relpath, Span(line, column, line, column + 1), message))
    return problems
