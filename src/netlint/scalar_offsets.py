"""Where each character of a scalar's value was written in the file, for positions inside text.

A value and its source differ by the scalar style's decorations: quotes, escapes, block headers,
indentation and line folding. :func:`source_offsets` maps each value character back to the source
characters that wrote it (the prose rules point at a word inside a paragraph).
"""

from __future__ import annotations


def header_end(text: str, start: int, end: int) -> int:
    """Where the first line of ``text[start:end]`` ends (at LF or CR: libyaml reads a lone CR as a line
    break too), or ``end``: a block scalar's text starts after its header line (`|`, `>` and a comment)."""
    breaks = [index for index in (text.find("\n", start, end), text.find("\r", start, end)) if index >= 0]
    return min(breaks) if breaks else end


def source_offsets(text: str, value: str, style: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """For each character of a scalar's value, its index in the file's text and how many characters wrote it.

    The value and its source differ only by the scalar style's decorations:
    quotes, escapes, block headers, indentation and line folding. So walk both
    together: a non-blank value character is found at the next source
    character that produced it, skipping the whitespace that folding removed.
    """
    if style == '"':
        decoded = _double_quoted(text, start, end)
        if decoded is not None and "".join(decoded[0]) == value:
            return decoded[1], decoded[2]
    p = start
    indent = 0
    if style in ("'", '"'):
        p += 1
    elif style in ("|", ">"):
        p = min(header_end(text, start, end) + 1, end)
        indent = _block_indent(text, start, p, end)
    offsets: list[int] = []
    widths: list[int] = []
    for char in value:
        widths.append(1)
        if indent and p < end and _at_line_start(text, p):
            # A block's indentation is not part of its text: a line of more spaces than that keeps
            # only the rest ("   " in a block indented 6 is the line's columns 7-9).
            skipped = p
            while p < end and p - skipped < indent and text[p] == " ":
                p += 1
        if char in " \t\n" and not (
            style == '"' and text.startswith("\\", p) and text[p + 1 : p + 2] not in ("\n", "\r")
        ):
            if p < end and text[p] == char:
                offsets.append(p)
                p += 1
            elif char == "\n" and p < end and text[p] == "\r":  # a CRLF or lone CR line break
                offsets.append(p)
                p += 2 if text.startswith("\r\n", p) else 1
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


def _at_line_start(text: str, p: int) -> bool:
    before = text[p - 1 : p]
    return before == "\n" or (before == "\r" and text[p : p + 1] != "\n")


def _block_indent(text: str, start: int, body: int, end: int) -> int:
    """The indentation of a block scalar whose header is at ``start`` and text at ``body``: that of its
    first line holding more than spaces (YAML's auto-detection); 0, meaning "do not skip any", when the
    header gives it with a digit (rare: its base is the parent node's indentation)."""
    if any(char.isdigit() for char in text[start:body]):
        return 0
    p = body
    while p < end:
        line_start = p
        while p < end and text[p] == " ":
            p += 1
        if p < end and text[p] not in "\r\n":
            return p - line_start
        while p < end and text[p] not in "\r\n":
            p += 1
        p += 2 if text.startswith("\r\n", p) else 1
    return 0


_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_BLANKS = " \t"
_BREAKS = "\r\n"


def _double_quoted(text: str, start: int, end: int) -> tuple[list[str], list[int], list[int]] | None:
    """A double-quoted scalar ``text[start:end]`` read as libyaml reads it: each value character with
    the index and width of what wrote it; None if it does not read (the caller then walks it).

    Folding: an unescaped line break between two lines is a space, or one line feed per empty line
    after it, and the blanks around it are dropped; an escaped line break ("\\" at a line's end) is
    nothing, with the next line's indentation, but the empty lines after it are line feeds.
    """
    chars: list[str] = []
    offsets: list[int] = []
    widths: list[int] = []
    p, stop = start + 1, end - 1
    if not (0 <= start < stop <= len(text)) or text[start] != '"' or text[stop] != '"':
        return None

    def emit(char: str, at: int, width: int = 1) -> None:
        chars.append(char)
        offsets.append(at)
        widths.append(width)

    while p < stop:
        folded = False  # a line break ended the run of text: the blanks after it are dropped
        while p < stop and text[p] not in _BLANKS and text[p] not in _BREAKS:
            if text[p] != "\\":
                emit(text[p], p)
                p += 1
                continue
            escape = text[p + 1] if p + 1 < stop else ""
            if escape and escape in _BREAKS:  # an escaped line break
                p += 3 if text.startswith("\r\n", p + 1) else 2
                folded = True
                break
            if escape in _HEX_ESCAPES:
                digits = text[p + 2 : p + 2 + _HEX_ESCAPES[escape]]
                try:
                    emit(chr(int(digits, 16)), p, 2 + len(digits))
                except ValueError:
                    return None
                p += 2 + len(digits)
            elif escape in _ESCAPES:
                emit(_ESCAPES[escape], p, 2)
                p += 2
            else:
                return None
        blanks: list[int] = []
        first_break: int | None = None  # an unescaped line break that ended the text
        empty_lines: list[int] = []
        while p < stop and (text[p] in _BLANKS or text[p] in _BREAKS):
            if text[p] in _BLANKS:
                if not folded:
                    blanks.append(p)
                p += 1
                continue
            if folded:
                empty_lines.append(p)
            else:
                first_break, folded, blanks = p, True, []
            p += 2 if text.startswith("\r\n", p) else 1
        for at in blanks:  # blanks inside a line are kept
            emit(text[at], at)
        if first_break is not None and not empty_lines:
            emit(" ", first_break)
        for at in empty_lines:
            emit("\n", at)
    return chars, offsets, widths
