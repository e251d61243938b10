"""Where a key is written in a TOML file: tomllib gives values, not places, and a configuration error
names the file, line and column of the setting at fault, as a content error does."""

from __future__ import annotations

import re

# A key as TOML writes it: bare, or quoted ("basic" or 'literal'), and dotted keys of them.
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*(?P<name>{_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"[ \t]*(?P<name>{_DOTTED})[ \t]*=")
_PART = re.compile(_KEY)


def _parts(dotted: str) -> tuple[str, ...]:
    """The keys of a dotted key, unquoted ("tool.netlint", '"per-file-ignores"')."""
    found = []
    for part in _PART.findall(dotted):
        if part[:1] == '"':
            part = part[1:-1].encode("utf-8").decode("unicode_escape", errors="replace")
        elif part[:1] == "'":
            part = part[1:-1]
        found.append(part)
    return tuple(found)


def key_position(text: str, keys: tuple[str, ...], item: str | None = None) -> tuple[int, int] | None:
    """The 1-based line and column where ``keys`` (a dotted path, such as ("prose", "max_grade")) is
    set in the TOML ``text``: the key itself, or ``item`` quoted in its value on that line (an unknown
    code in a list) when it is there; None when it cannot be found (a value spread over lines, say).

    Headers ([prose]), dotted keys (prose.max_grade = 9) and inline tables (prose = {max_grade = 9})
    are followed; the lines of multi-line strings and arrays are not told apart from keys, which is
    good enough to point at a setting.
    """
    table: tuple[str, ...] = ()
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group("name"))
            if table[: len(keys)] == keys:  # the table, or one inside it ([tool.netlint] sets 'tool')
                return number, line.index("[") + 1
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment is None:
            continue
        path = table + _parts(assignment.group("name"))
        if path == keys[: len(path)]:
            column = assignment.start("name")
            rest = keys[len(path) :]
            if rest:  # inside an inline table on this line: prose = {max_grade = 9}
                name = re.escape(rest[-1])  # bare or quoted: {"a" = [...]}
                inner = re.search(rf"""[{{,][ \t]*(?P<key>{name}|"{name}"|'{name}')[ \t]*=""", line[assignment.end() :])
                if inner is None:
                    continue
                column = assignment.end() + inner.start("key")
            if item is not None:
                quoted = re.search(rf"""["']{re.escape(item)}["']""", line[assignment.end() :])
                if quoted is not None:
                    column = assignment.end() + quoted.start()
                elif line[assignment.end() :].count("[") > line[assignment.end() :].count("]"):
                    found = _in_array(lines, number, item)  # select = [\n  "Y",\n  "Q",\n]
                    if found is not None:
                        return found
            return number, column + 1
    return None


def _in_array(lines: list[str], number: int, item: str) -> tuple[int, int] | None:
    """Where ``item`` is quoted in the lines after line ``number`` that an array opened there spans."""
    quoted = re.compile(rf"""["']{re.escape(item)}["']""")
    for later in range(number, min(len(lines), number + 1000)):
        line = lines[later]
        found = quoted.search(line)
        if found is not None:
            return later + 1, found.start() + 1
        if "]" in line.split("#", 1)[0]:  # the array is closed (a rough reading: enough to place an item)
            return None
    return None
