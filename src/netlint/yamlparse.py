"""The YAML event loop: plain data and position tables from libyaml's events (see :mod:`netlint.loader`).

Kept apart from the loader so that PyYAML is imported by the first parse, not by every run:
a warm run answered from the cache parses nothing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import yaml
from yaml import BaseLoader as PyParser  # only the parsers are used: nothing is ever constructed

__all__ = ["Builder", "PyParser"]

from netlint.diagnostic import Diagnostic, Span
from netlint.loader import (
    _ESCAPED_BAD,
    MAX_PER_CODE,
    MORE_FOLLOW,
    DataPath,
    Document,
    RawSpan,
    char_name,
    resolve_plain,
)
from netlint.rules._registry import diagnostic

_libyaml: Any
try:  # libyaml's C parser alone (a loader would also set up a constructor and a resolver, per file);
    # the pure-Python one is ten times slower but equivalent
    from yaml import _yaml as _libyaml

    _Parser = _libyaml.CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _libyaml = None
    _Parser = getattr(yaml, "CBaseLoader", PyParser)


def _hint(problem: str, doc: Document, line: int, column: int) -> str:
    """What an editor most likely did, for libyaml's commonest complaints."""
    here = doc.line_text(line)[column - 1 : column]
    if here == "\t":
        return "; that is a tab: indent with spaces, and write a space, not a tab, after '-' and ':'"
    if problem.startswith("mapping values are not allowed"):
        return "; check this line's indentation, or put quotes around a value that holds ': '"
    if problem == "could not find expected ':'":
        return "; a key needs ':' after it, or a line here is indented differently from the lines around it"
    return ""


class Builder:
    """Builds plain data and position tables from libyaml's event stream.

    This loop runs for every node of every file, so it is written for speed:
    events are told apart by class identity and a frame is a flat list.
    """

    def __init__(self, doc: Document, max_depth: int, parser: type = _Parser) -> None:
        self.doc = doc
        self.max_depth = max_depth
        self.parser = parser

    def run(self) -> list[Diagnostic]:
        fast = self.parser is _Parser and _own_events()  # until the finally clause
        try:
            problems = self._build(fast)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            # At the end of a file without a final newline libyaml marks the line after the last one.
            line, column = min((line, column), self.doc.line_col(len(self.doc.text)))
            problem = error.problem or "invalid YAML"
            context = f" ({error.context})" if error.context else ""
            began = error.context_mark
            if error.context and began is not None and began.line + 1 != line:  # an unclosed quote, say
                context = f" ({error.context} that began on line {began.line + 1}, column {began.column + 1})"
            message = f"YAML syntax error: {problem}{context}{_hint(problem, self.doc, line, column)}"
            return [*self.problems, diagnostic("Y001", self.doc.path, Span(line, column, line, column + 1), message)]
        except yaml.YAMLError as error:  # reader errors carry no mark
            return [*self.problems, diagnostic("Y001", self.doc.path, Span(1, 1, 1, 2), f"YAML error: {error}")]
        finally:
            if fast:
                _their_events()
        return problems

    def _build(self, fast: bool) -> list[Diagnostic]:
        """Build from the parser's events; ``fast``: libyaml's parser makes our events itself."""
        doc = self.doc
        # Without tables (the usual case: positions are rebuilt on demand) no data path is even made.
        tables = doc._tables is not None
        values, keys, scalars = doc._tables if doc._tables is not None else ({}, {}, {})
        path: DataPath | None = None
        root_span: RawSpan = (1, 1, 1, 2)
        problems: list[Diagnostic] = []
        self.problems = problems
        self.counts: dict[str, int] = {}
        get_event = self.parser(doc.text).get_event
        if not fast:
            get_event = _converted(get_event)
        max_depth = self.max_depth
        # The open container's state is kept in locals, the loop's fastest variables: the container
        # (None at the top level), its data path (with tables), whether it is a mapping, the key
        # awaiting its value (or _NO_KEY), that key's span (with tables), and the start mark of each
        # key seen in it (for duplicates). Opening a container pushes the enclosing one's state.
        container: Any = None
        container_path: DataPath = ()
        is_mapping = False
        pending: Any = _NO_KEY
        key_span: RawSpan | None = None
        seen: dict[str, Any] = {}
        stack: list[tuple[Any, DataPath, bool, RawSpan | None, dict[str, Any]]] = []
        documents = 0
        root_found = False
        aliases_seen: set[str] = set()
        # The loop's constants as locals (the fastest look-up there is).
        scalar_event, no_key, duplicate, maybe_not_text = _ScalarEvent, _NO_KEY, _Duplicate, _MAYBE_NOT_TEXT
        mapping_start, sequence_start = _MappingStartEvent, _SequenceStartEvent
        mapping_end, sequence_end = _MappingEndEvent, _SequenceEndEvent
        resolve, span_of, intern = resolve_plain, _span, sys.intern
        while True:
            event = get_event()
            cls = event.__class__
            # A span is made only where it is used (positions, a problem, the root): most nodes need none.
            if cls is scalar_event:
                anchor, tag, _, raw, start, end, style = event.args
                if anchor is not None or tag is not None:
                    self._marks(anchor, tag, start, span_of(start, end))
                if style == '"' and _ESCAPED_BAD.search(raw):
                    self._escaped(raw, start, end)
                if is_mapping and pending is no_key:  # this scalar is a key
                    first = seen.get(raw)
                    if first is None:
                        seen[raw] = start
                        # One string per distinct key, shared by every document: a run holds 10,000
                        # documents' data for the project rules, a tenth less memory (same speed).
                        pending = intern(raw)
                    else:
                        message = f"duplicate key '{raw}' (first defined on line {first.line + 1}); remove one of them"
                        span = span_of(start, end)
                        self._add("Y002", span, message)
                        pending = duplicate(f"\0duplicate@{span[0]}:{span[1]}")
                    if tables:
                        key_span = span_of(start, end)
                    continue
                if style or tag is not None or raw[:1] not in maybe_not_text:
                    value = raw
                else:
                    try:
                        value = resolve(raw)
                    except ValueError:  # Python reads integers of up to 4,300 digits (sys.int_info)
                        value = raw
                        digits = sum(char.isdigit() for char in raw)
                        message = (
                            f"this number has {digits:,} digits, more than netlint reads "
                            f"({sys.get_int_max_str_digits():,}); shorten it, or quote it to make it text"
                        )
                        self._add("Y006", span_of(start, end), message)
                if is_mapping:
                    if pending.__class__ is not duplicate:
                        container[pending] = value
                        if tables:
                            keys[(*container_path, pending)] = key_span  # type: ignore[assignment]
                    if tables:
                        path = (*container_path, pending)
                    pending = no_key
                elif container is not None:
                    if tables:
                        path = (*container_path, len(container))
                    container.append(value)
                else:
                    path = ()
                    doc.data = value
                    # A document with no node at all ("---" alone, "--- ..."): libyaml gives an empty
                    # plain scalar, which is an empty file to the reader, not "a single value".
                    root_found = bool(raw or style or tag is not None)
                    root_span = span_of(start, end)
                if tables:
                    values[path] = span_of(start, end)  # type: ignore[index]
                    if value.__class__ is str:
                        scalars[path] = (style, start.index, end.index)  # type: ignore[index]
            elif cls is mapping_start or cls is sequence_start:
                anchor, tag, _, start, end, _ = event.args
                if len(stack) >= max_depth:
                    message = f"the data is nested more than {max_depth} levels deep (limits.max_depth)"
                    problems.append(diagnostic("Y006", doc.path, Span(*span_of(start, end)), message))
                    return problems
                if anchor is not None or tag is not None:
                    self._marks(anchor, tag, start, span_of(start, end))
                opened: Any = {} if cls is mapping_start else []
                if is_mapping:
                    if pending is no_key:
                        message = "a key must be plain text, not a list or mapping"
                        problems.append(diagnostic("Y001", doc.path, Span(*span_of(start, end)), message))
                        return problems
                    if pending.__class__ is not duplicate:
                        container[pending] = opened
                        if tables:
                            keys[(*container_path, pending)] = key_span  # type: ignore[assignment]
                    if tables:
                        path = (*container_path, pending)
                    pending = no_key
                elif container is not None:
                    if tables:
                        path = (*container_path, len(container))
                    container.append(opened)
                else:
                    path = ()
                    doc.data = opened
                    root_found = True
                    root_span = span_of(start, end)
                if tables:
                    values[path] = span_of(start, end)  # type: ignore[index]
                stack.append((container, container_path, is_mapping, key_span, seen))
                container, is_mapping = opened, cls is mapping_start
                container_path = path if tables else ()  # type: ignore[assignment]
                key_span, seen = None, {}
            elif cls is mapping_end or cls is sequence_end:
                container, container_path, is_mapping, key_span, seen = stack.pop()
            elif cls is _AliasEvent:
                anchor, start, _ = event.args
                span = (start.line + 1, start.column + 1, start.line + 1, start.column + 1 + len(anchor or "") + 1)
                if anchor not in aliases_seen:  # one report per anchor is enough
                    aliases_seen.add(anchor)
                    message = f"alias '*{anchor}' is not allowed; write the value out"
                    self._add("Y005", span, message)
                if is_mapping:
                    if pending is _NO_KEY:
                        return problems  # an alias used as a key: nothing sensible to build
                    if pending.__class__ is not _Duplicate:
                        container[pending] = None
                        if tables:
                            keys[(*container_path, pending)] = key_span  # type: ignore[assignment]
                            values[(*container_path, pending)] = span
                    pending = _NO_KEY
                elif container is not None:
                    if tables:
                        values[(*container_path, len(container))] = span
                    container.append(None)
                else:
                    root_found = True
                    root_span = values[()] = span
            elif cls is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    start = event.args[0]
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

    def _escaped(self, value: str, start: Any, end: Any) -> None:
        """Y003 for an escape in double quotes (a scalar from mark ``start`` to ``end``) that writes a
        character the file itself could not hold: at that escape, where it can be found."""
        bad = _ESCAPED_BAD.search(value)
        assert bad is not None
        span = _span(start, end)
        text = self.doc.text
        for written in _ESCAPE.finditer(text, start.index, end.index):
            if _ESCAPED_BAD.fullmatch(_unescaped(written.group())):
                first, last = written.span()
                span = (*self.doc.line_col(first), *self.doc.line_col(last))
                break
        message = f"an escape sequence here writes {char_name(bad.group())}, which content must not hold; remove it"
        self._add("Y003", span, message)

    def _marks(self, anchor: str | None, tag: str | None, start: Any, span: RawSpan) -> None:
        """Y005 for an anchor or an explicit tag on a node (starting at mark ``start``), each at its own
        text ("&name", "!!str")."""
        written = _properties(self.doc.text, start.index, start.line + 1, start.column + 1)
        if anchor is not None:
            message = f"anchor '&{anchor}' is not allowed; write the value out"
            self._add("Y005", written.get("&", span), message)
        if tag is not None:
            message = f"explicit tag '{_short_tag(tag)}' is not allowed; remove it"
            self._add("Y005", written.get("!", span), message)

    def _add(self, code: str, span: RawSpan, message: str) -> None:
        """Report a problem, at most MAX_PER_CODE of a code per file: a hostile file must not flood the report."""
        count = self.counts[code] = self.counts.get(code, 0) + 1
        if count == MAX_PER_CODE + 1:  # the last one listed says that more follow
            last = max(i for i, problem in enumerate(self.problems) if problem.code == code)
            self.problems[last] = replace(self.problems[last], message=self.problems[last].message + MORE_FOLLOW)
        if count > MAX_PER_CODE:
            return
        self.problems.append(diagnostic(code, self.doc.path, Span(*span), message))


# An escape sequence of a double-quoted scalar as written, and what each one-character escape writes.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ONE_CHARACTER_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
    "P": "\u2029",
}  # fmt: skip


def _unescaped(escape: str) -> str:
    """The character a match of _ESCAPE writes ("" for a line break's escape, or one YAML lacks)."""
    code = escape[1:]
    if len(code) > 1:
        value = int(code[1:], 16)
        return chr(value) if value <= sys.maxunicode else ""
    return _ONE_CHARACTER_ESCAPES.get(code, "")


# A plain scalar can be something other than text only if it starts with one of these (or is empty).
_MAYBE_NOT_TEXT = frozenset("~nNtTfF0123456789+-.") | {""}


class _Event(BaseException):
    """A parser event as the tuple of the arguments it was made with, ``args``, in the order PyYAML's
    event classes take them (ScalarEvent: anchor, tag, implicit, value, start_mark, end_mark, style).

    libyaml's parser makes each event by calling the class of that name in its module (yaml._yaml)
    with positional arguments. PyYAML's classes store them as attributes in an ``__init__`` written
    in Python, a quarter of the parser's time; BaseException keeps its arguments in C. While netlint
    parses a file, those names are these classes (see :func:`_own_events`). It is an exception
    only for that: it is never raised.
    """

    __slots__ = ()


class _ScalarEvent(_Event):
    __slots__ = ()


class _MappingStartEvent(_Event):
    __slots__ = ()


class _SequenceStartEvent(_Event):
    __slots__ = ()


class _MappingEndEvent(_Event):
    __slots__ = ()


class _SequenceEndEvent(_Event):
    __slots__ = ()


class _AliasEvent(_Event):
    __slots__ = ()


class _DocumentStartEvent(_Event):
    __slots__ = ()


class _DocumentEndEvent(_Event):
    __slots__ = ()


class _StreamStartEvent(_Event):
    __slots__ = ()


class _StreamEndEvent(_Event):
    __slots__ = ()


_MARKS = ("start_mark", "end_mark")
# For each of PyYAML's event classes: ours, and the attributes that are its arguments, in order.
_EVENTS: dict[str, tuple[type[_Event], tuple[str, ...]]] = {
    "ScalarEvent": (_ScalarEvent, ("anchor", "tag", "implicit", "value", *_MARKS, "style")),
    "MappingStartEvent": (_MappingStartEvent, ("anchor", "tag", "implicit", *_MARKS, "flow_style")),
    "SequenceStartEvent": (_SequenceStartEvent, ("anchor", "tag", "implicit", *_MARKS, "flow_style")),
    "MappingEndEvent": (_MappingEndEvent, _MARKS),
    "SequenceEndEvent": (_SequenceEndEvent, _MARKS),
    "AliasEvent": (_AliasEvent, ("anchor", *_MARKS)),
    "DocumentStartEvent": (_DocumentStartEvent, (*_MARKS, "explicit", "version", "tags")),
    "DocumentEndEvent": (_DocumentEndEvent, (*_MARKS, "explicit")),
    "StreamStartEvent": (_StreamStartEvent, (*_MARKS, "encoding")),
    "StreamEndEvent": (_StreamEndEvent, _MARKS),
}


def _converted(get_event: Callable[[], Any]) -> Callable[[], _Event | None]:
    """``get_event`` of any PyYAML parser, giving our events (the pure-Python parser's, or libyaml's
    where :func:`_own_events` cannot be used). A plain scalar's style is "" in both."""

    def get() -> _Event | None:
        event = get_event()
        if event is None:
            return None
        cls, fields = _EVENTS[event.__class__.__name__]
        args = [getattr(event, field) for field in fields]
        if cls is _ScalarEvent and args[-1] is None:
            args[-1] = ""
        return cls(*args)

    return get


# PyYAML's event classes and ours, by the name libyaml's parser calls them by.
_THEIRS: dict[str, Any] = {name: getattr(_libyaml, name, None) for name in _EVENTS}
_OURS: dict[str, Any] = {name: cls for name, (cls, _) in _EVENTS.items()}
_tried: list[bool] = []  # whether libyaml's parser makes our events (with this PyYAML): tried once


def _own_events() -> bool:
    """Make libyaml's parser build our events, not PyYAML's, until :func:`_their_events`; whether it does.

    It does only when no other thread runs (one could be parsing YAML with libyaml's parser), and if
    the first try showed that this PyYAML's parser still makes its events as described.
    """
    threading = sys.modules.get("threading")
    if _libyaml is None or _tried == [False] or (threading is not None and threading.active_count() > 1):
        return False
    vars(_libyaml).update(_OURS)
    if not _tried:
        _tried.append(_parses_fast())
        if not _tried[0]:
            _their_events()
    return _tried[0]


def _their_events() -> None:
    vars(_libyaml).update(_THEIRS)


def _parses_fast() -> bool:
    """Whether libyaml's parser now makes our events, with PyYAML's arguments in PyYAML's order."""
    try:
        get_event = _Parser("k: v\n").get_event
        made = [get_event() for _ in range(5)]
    except Exception:  # pragma: no cover - a PyYAML whose parser differs
        return False
    stream, _, mapping, key, _ = made
    return (
        stream.__class__ is _StreamStartEvent
        and mapping.__class__ is _MappingStartEvent
        and key.__class__ is _ScalarEvent
        and key.args[3] == "k"
        and key.args[6] == ""
        and key.args[4].column == 0
        and key.args[5].column == 1
    )


def _span(start: Any, end: Any) -> RawSpan:
    """The 1-based span of an event from mark ``start`` to mark ``end``; an empty node (a missing value)
    gets one character."""
    if end.index <= start.index:
        return (start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _properties(text: str, index: int, line: int, column: int) -> dict[str, RawSpan]:
    """The spans of a node's anchor ("&") and tag ("!"), written before it on its first line from
    ``index`` (at ``line``, ``column``), in either order."""
    found: dict[str, RawSpan] = {}
    at = index
    while at < len(text) and text[at] in "&!" and text[at] not in found:
        end = at
        while end < len(text) and text[end] not in " \t\r\n,[]{}":
            end += 1
        found[text[at]] = (line, column + at - index, line, column + end - index)
        at = end
        while at < len(text) and text[at] in " \t":
            at += 1
    return found


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Duplicate(str):
    """A key seen before in the same mapping: parsed but not stored."""


_NO_KEY: Any = object()
