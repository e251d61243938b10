"""The strict YAML 1.2 loader: values, positions, and the Y rules at exact places."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netlint.diagnostic import Span
from netlint.fileio import _read_fd, read_regular
from netlint.loader import parse_bytes, resolve_plain


def load(text: str, **kwargs: int):
    doc, problems = parse_bytes(text.encode("utf-8"), "content/x.yaml", **kwargs)
    return doc, [(p.code, p.line, p.column) for p in problems]


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("true", True),
        ("False", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("2025-08-08", "2025-08-08"),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("-2", -2),
        ("~", None),
        ("null", None),
        ("", None),
        ("1_000", "1_000"),
        ("V.5.2024", "V.5.2024"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value and type(resolve_plain(plain)) is type(value)


def test_quoted_scalars_are_strings() -> None:
    doc, problems = load("a: 'true'\nb: \"010\"\nc: 2025-08-08\n")
    assert problems == []
    assert doc.data == {"a": "true", "b": "010", "c": "2025-08-08"}


def test_positions_of_keys_and_values() -> None:
    doc, _ = load("title: Local excision\nreview:\n  last_reviewed: 2025-08-08\nsites: [rectum, colon]\n")
    assert doc.span(("title",)) == Span(1, 8, 1, 22)
    assert doc.span(("title",), key=True) == Span(1, 1, 1, 6)
    assert doc.span(("review", "last_reviewed")).line == 3
    assert doc.span(("review", "last_reviewed")).column == 18
    assert doc.span(("sites", 1)) == Span(4, 17, 4, 22)
    # A missing path falls back to its nearest existing ancestor.
    assert doc.span(("review", "reviewed_by")) == doc.span(("review",))


def test_character_positions_inside_a_literal_block_scalar() -> None:
    text = "text: |\n  First line here.\n  Second  line.\n"
    doc, _ = load(text)
    value = doc.data["text"]
    start = value.index("  line")
    assert doc.text_span(("text",), start, start + 2) == Span(3, 9, 3, 11)
    word = value.index("First")
    assert doc.text_span(("text",), word, word + 5) == Span(2, 3, 2, 8)


def test_character_positions_inside_a_folded_block_scalar() -> None:
    text = "text: >\n  One two\n  three four.\n\n  New paragraph.\n"
    doc, _ = load(text)
    value = doc.data["text"]
    assert value == "One two three four.\nNew paragraph.\n"
    assert doc.text_span(("text",), value.index("three"), value.index("three") + 5) == Span(3, 3, 3, 8)
    assert doc.text_span(("text",), value.index("New"), value.index("New") + 3) == Span(5, 3, 5, 6)


def test_character_positions_in_folded_plain_and_quoted_scalars_with_escapes() -> None:
    text = "a: one\n  two three\nb: \"caf\\u00e9 x\\ty  z\"\nc: 'it''s  here'\n"
    doc, _ = load(text)
    assert doc.data["a"] == "one two three"
    assert doc.text_span(("a",), 8, 13) == Span(2, 7, 2, 12)
    assert doc.data["b"] == "café x\ty  z"
    assert doc.text_span(("b",), 3, 4) == Span(3, 8, 3, 14)  # the escape \u00e9 is the "é"
    assert doc.text_span(("b",), 9, 10) == Span(3, 20, 3, 21)  # after the \t escape
    assert doc.data["c"] == "it's  here"
    assert doc.text_span(("c",), 4, 6) == Span(4, 10, 4, 12)
    assert doc.text_span(("c",), 2, 3) == Span(4, 7, 4, 9)  # the doubled quote writes one


@pytest.mark.parametrize(
    "source",
    [
        'text: "Line one\\\n  \\ the tumor  well TODO."\n',  # an escaped break, then an escaped space
        'text: "Line one\\\r\n  \\ the tumor  well TODO."\r\n',
        'text: "Line one\n  \\ the tumor  well TODO."\n',  # a folded break, then an escaped space
        'text: "Line one\\\n  \\tthe tumor  well TODO."\n',  # an escaped break, then a tab escape
    ],
)
def test_positions_after_a_continuation_line_that_starts_with_an_escape(source: str) -> None:
    doc, problems = parse_bytes(source.encode("utf-8"), "content/x.yaml")
    assert problems == [] and doc is not None
    value = doc.data["text"]
    double = value.index("  well")
    assert doc.text_span(("text",), double, double + 2) == Span(2, 14, 2, 16)
    todo = value.index("TODO")
    assert doc.text_span(("text",), todo, todo + 4) == Span(2, 21, 2, 25)


def test_double_quoted_scalars_are_read_as_libyaml_reads_them() -> None:
    """Random double-quoted scalars (escapes, blanks, folded and escaped line breaks): the reading that
    places each character gives exactly the value libyaml gives."""
    import random

    from netlint.scalar_offsets import _double_quoted

    rng = random.Random(7)
    pieces = ["a", "b", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\\\n", "\\\r\n", "\\ ", "\\t", "\\\\",
              '\\"', "\\x41", "\\u00e9", "\\U0001F600", "\\N", "\\_", "é", "’"]  # fmt: skip
    checked = 0
    for _ in range(3000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        source = f'text: "{body}"\n'
        doc, problems = parse_bytes(source.encode("utf-8"), "content/x.yaml")
        if problems or doc is None:
            continue  # not YAML (a tab where indentation is read, say)
        _, start, end = doc.scalars[("text",)]
        read = _double_quoted(doc.text, start, end)
        assert read is not None and "".join(read[0]) == doc.data["text"], source
        checked += 1
    assert checked > 2000


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        ("a:\n  -\tBleeding\n", (2, 4), "; that is a tab: indent with spaces, and write a space, not a tab, after"),
        ("a:\r\n  -\tBleeding\r\n", (2, 4), "; that is a tab: indent with spaces"),
        ("title: a: b\n", (1, 9), "; check this line's indentation, or put quotes around a value that holds ': '"),
        ("a: 1\n  b: 2\n", (2, 4), "; check this line's indentation"),
        ("a:\n  - x\n  y\nb: 1\n", (4, 1), "; a key needs ':' after it, or a line here is indented differently"),
        ("a: [1\n", (2, 1), ""),
    ],
)
def test_y001_hints_at_the_likely_mistake(text: str, where: tuple[int, int], hint: str) -> None:
    _, problems = parse_bytes(text.encode("utf-8"), "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y001", *where)]
    message = problems[0].message
    assert (hint in message) if hint else ("; " not in message), message


def test_y001_syntax_error_at_the_place_the_parser_stopped() -> None:
    doc, problems = load("title: ok\nsites: [rectum, colon\nreview: x\n")
    assert problems[0][0] == "Y001"
    assert problems[0][1:] == (3, 7)


def test_y002_duplicate_key_at_the_second_occurrence_naming_the_first() -> None:
    doc, problems = parse_bytes(b"title: a\nsummary: b\ntitle: c\n", "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y002", 3, 1)]
    assert "line 1" in problems[0].message
    assert doc.data["title"] == "a"


def test_y002_not_for_the_same_key_in_different_mappings() -> None:
    assert load("a:\n  id: x\nb:\n  id: y\n")[1] == []


def test_y003_invalid_utf8_points_at_the_byte() -> None:
    _, problems = parse_bytes(b"title: ok\nsummary: caf\xe9 au lait\n", "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y003", 2, 13)]


def test_y003_utf16_nul_and_control_characters() -> None:
    _, problems = parse_bytes("title: ok\n".encode("utf-16"), "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y003", 1, 1)]
    assert "UTF-16" in problems[0].message
    _, problems = parse_bytes(b"title: o\x00k\nsummary: \x0c\n", "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y003", 1, 9), ("Y003", 2, 10)]


def test_y003_not_for_a_utf8_bom_tabs_or_crlf() -> None:
    doc, problems = parse_bytes(b'\xef\xbb\xbftitle: ok\r\nsummary: "a\tb"\r\n', "content/x.yaml")
    assert problems == []
    assert doc.data == {"title": "ok", "summary": "a\tb"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", (1, 1)),
        ("# only a comment\n", (1, 1)),
        ("a: 1\n---\nb: 2\n", (2, 1)),
        ("- a\n- b\n", (1, 1)),
        ("just text\n", (1, 1)),
    ],
)
def test_y004_empty_several_documents_or_not_a_mapping(text: str, where: tuple[int, int]) -> None:
    assert load(text)[1] == [("Y004", *where)]


@pytest.mark.parametrize("text", ["---\n", "--- # nothing yet\n", "---\n...\n", "\n\n---\n"])
def test_y004_a_document_marker_alone_is_an_empty_file(text: str) -> None:
    doc, problems = parse_bytes(text.encode(), "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y004", 1, 1)]
    assert problems[0].message == "the file is empty; it needs a mapping of fields"
    _, problems = parse_bytes(b"--- ~\n", "content/x.yaml")  # a null written out is a single value
    assert "single value" in problems[0].message


def test_y005_anchor_alias_and_tags() -> None:
    _, problems = load("a: &x [1]\nb: *x\nc: !!python/object/apply:os.system [ls]\nd: !!str 5\n")
    assert problems == [("Y005", 1, 4), ("Y005", 2, 4), ("Y005", 3, 4), ("Y005", 4, 4)]


def test_y005_spans_only_the_anchor_or_the_tag() -> None:
    source = "a: &t Local excision\nb: &block\n  c: 1\nd: !!str &x text\ne: [&y x, !!int 3]\n"
    _, problems = parse_bytes(source.encode("utf-8"), "content/x.yaml")
    spans = [(p.line, p.column, p.end_line, p.end_column) for p in problems]
    assert spans == [(1, 4, 1, 6), (2, 4, 2, 10), (4, 10, 4, 12), (4, 4, 4, 9), (5, 5, 5, 7), (5, 11, 5, 16)]


def test_y005_billion_laughs_is_never_expanded() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    doc, problems = load("\n".join(lines) + "\n")
    assert problems[0] == ("Y005", 1, 5)
    assert {code for code, _, _ in problems} == {"Y005"}
    assert len(problems) == 19  # each anchor once, and the first alias of each


def test_y006_depth_limit_at_the_first_node_past_it() -> None:
    doc, problems = load("a:\n  b:\n    c: [1]\n", max_depth=3)
    assert problems == [("Y006", 3, 8)]
    assert load("a:\n  b:\n    c: 1\n", max_depth=3)[1] == []


def test_y006_ten_thousand_deep_nesting_is_rejected_quickly() -> None:
    _, problems = load("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert problems == [("Y006", 1, 67)]


def test_y006_an_integer_longer_than_python_reads_is_reported_not_crashed_on() -> None:
    # Python refuses to convert more than sys.get_int_max_str_digits() digits (4,300 by default).
    doc, problems = load("a: 1\nb: [2, -" + "9" * 5_000 + "]\n")
    assert problems == [("Y006", 2, 8)]
    assert load("a: 1\nb: [2, -" + "9" * 4_000 + "]\n")[1] == []
    assert load('a: 1\nb: [2, "' + "9" * 5_000 + '"]\n')[1] == []  # quoted: text


def test_a_complex_key_is_reported_not_crashed_on() -> None:
    _, problems = load("? [a, b]\n: c\n")
    assert problems == [("Y001", 1, 3)]


def test_a_cached_document_has_every_field_a_document_has(tmp_path) -> None:
    """CachedDocument sets Document's fields itself (for speed): a field added to one must reach the other."""
    import dataclasses

    from netlint.loader import CachedDocument, Document

    source = tmp_path / "a.yaml"
    source.write_text("kind: procedure\n", encoding="utf-8")
    cached = CachedDocument("content/a.yaml", str(source), {"kind": "procedure"}, False, True, False)
    made = Document("content/a.yaml", "kind: procedure\n", {"kind": "procedure"}, False, True)
    for item in dataclasses.fields(Document):
        assert getattr(cached, item.name) == getattr(made, item.name), item.name


@pytest.mark.parametrize("limit", [-1, 0, 1, 99_999, 100_000, 100_001, 1 << 20])
def test_read_regular_reads_the_whole_file_or_up_to_the_limit(tmp_path: Path, limit: int) -> None:
    path = tmp_path / "a.yaml"
    data = bytes(range(256)) * 390 + b"tail"  # 99,844 bytes
    path.write_bytes(data)
    assert read_regular(path, limit) == (data if limit < 0 else data[:limit])


@pytest.mark.parametrize("measured", [0, 1, 5_000, 99_843, 99_844, 99_845, 300_000])
def test_a_file_that_grew_or_shrank_since_it_was_measured_is_read_to_its_end(tmp_path: Path, measured: int) -> None:
    path = tmp_path / "a.yaml"
    data = bytes(range(256)) * 390 + b"tail"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_fd(fd, measured, -1) == data
        os.lseek(fd, 0, os.SEEK_SET)
        assert _read_fd(fd, measured, 70_001) == data[:70_001]
    finally:
        os.close(fd)


def test_the_ascii_fast_path_of_decode_rejects_exactly_what_the_pattern_does() -> None:
    from netlint.loader import _NON_PRINTABLE, _PRINTABLE_ASCII, decode

    for code in range(128):
        assert (not bytes([code]).translate(None, _PRINTABLE_ASCII)) == (_NON_PRINTABLE.search(chr(code)) is None)
    text, problems = decode(b"title: a\x0bb\n", "x.yaml")
    assert text is None and [(d.code, d.line, d.column) for d in problems] == [("Y003", 1, 9)]
    assert decode(b"\xef\xbb\xbftitle: ok\r\n\tx\n", "x.yaml") == ("title: ok\r\n\tx\n", [])


@pytest.mark.parametrize("bad", ["\x0b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufffe", "\uffff"])
def test_decode_finds_a_forbidden_character_among_curly_quotes_and_dashes(bad: str) -> None:
    from netlint.loader import decode

    clean = "title: It\u2019s \u201cfine\u201d \u2014 caf\u00e9 \u2264 2 cm\n"
    assert decode(clean.encode(), "x.yaml") == (clean, [])
    assert decode(b"\xef\xbb\xbf" + clean.encode(), "x.yaml") == (clean, [])
    text, problems = decode(f"{clean}summary: a\u2019b{bad}c\n".encode(), "x.yaml")
    assert text is None and [(d.code, d.line, d.column) for d in problems] == [("Y003", 2, 13)]


def test_positions_agree_for_lf_crlf_and_lone_cr_line_breaks(make_project) -> None:
    from conftest import PROCEDURE, found, run

    text = PROCEDURE.format(id="proc-a").replace(
        "    text: The surgeon removes the tumor.\n",
        "    text: >\n      The surgeon removes\n      the  tumor.\n",
    )
    # A suppression on its own line covers the line below it (here: the block scalar's key).
    suppressed = text.replace("    text: >\n", "    # netlint: disable=P004\n    text: >\n")
    for newline in ("\n", "\r\n", "\r"):
        root = make_project({"content/procedures/proc-a.yaml": text.replace("\n", newline).encode()}, base=True)
        assert found(run(root)) == [("content/procedures/proc-a.yaml", "P004", 13, 10)], repr(newline)
        root = make_project({"content/procedures/proc-a.yaml": suppressed.replace("\n", newline).encode()}, base=True)
        assert found(run(root)) == [], repr(newline)


def test_every_control_character_is_reported_even_several_on_a_line(make_project) -> None:
    from conftest import found, run

    root = make_project({"content/glossary.yaml": b"a: cuts\x01it\x02off\nb: \x7f\n"})
    assert found(run(root), "Y003") == [
        ("content/glossary.yaml", "Y003", 1, 8),
        ("content/glossary.yaml", "Y003", 1, 11),
        ("content/glossary.yaml", "Y003", 2, 4),
    ]
    many = make_project({"content/glossary.yaml": b"a: " + b"\x01" * 150 + b"\n"})
    result = run(many)
    assert len(found(result, "Y003")) == 100 and "only the first 100" in result.diagnostics[-1].message


def test_read_regular_can_refuse_to_follow_a_link(tmp_path: Path) -> None:
    """netlint's own cache files are never links: one put there is not followed out of the cache."""
    (tmp_path / "outside.json").write_bytes(b"secret")
    (tmp_path / "entry.json").symlink_to(tmp_path / "outside.json")
    assert read_regular(tmp_path / "entry.json", 100) == b"secret"
    with pytest.raises(OSError, match="not a regular file"):
        read_regular(tmp_path / "entry.json", 100, follow=False)
    assert read_regular(tmp_path / "outside.json", 100, follow=False) == b"secret"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
def test_utf16_and_utf32_without_a_bom_are_one_clear_y003(encoding: str, named: str) -> None:
    doc, problems = parse_bytes("schema_version: 1\nkind: topic\n".encode(encoding), "content/x.yaml")
    # (read as far as it goes, for its kind and id, and marked broken: SPEC §4)
    assert doc is not None and doc.broken and doc.data == {"schema_version": 1, "kind": "topic"}
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [
        ("Y003", 1, 1, f"the file looks encoded as {named} without a byte order mark; save it as UTF-8")
    ]


def test_y001_says_where_an_unclosed_construct_began() -> None:
    _, problems = parse_bytes(b'a: 1\nb: "unclosed\nc: 2\n', "content/x.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y001", 4, 1)]
    assert problems[0].message == (
        "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that began on line 2, "
        "column 4)"
    )


# Every kind of event libyaml makes, valid or not: anchors, aliases, tags, flow and block
# collections, empty values, several documents, duplicate keys, a syntax error, deep nesting.
EVENTFUL = [
    "schema_version: 1\nkind: topic\ntitle: A\nsections:\n  - heading: B\n    text: >\n      folded\n      text\n",
    "a: &x [1, 2]\nb: *x\nc: !!str 3\nd: !custom {e: f}\n",
    "a:\nb: ~\nc: ''\nd: \"q\\ty\"\ne: |\n  lit\n",
    "--- \na: 1\n...\n---\nb: 2\n",
    "a: 1\na: 2\n? [k]\n: v\n",
    "a: [1, 2\nb: 3\n",
    "a: " + "[" * 20 + "]" * 20 + "\n",
    "- just\n- a list\n",
    "---\n",
    "*alias\n",
]


def _built(text: str, parser: type | None = None) -> tuple[str, object, list[tuple[str, int, int, str]]]:
    from netlint.loader import Document
    from netlint.yamlparse import Builder

    doc = Document("content/x.yaml", text, _tables=({}, {}, {}))
    problems = Builder(doc, 16) if parser is None else Builder(doc, 16, parser)
    found = [(p.code, p.line, p.column, p.message) for p in problems.run()]
    return repr(doc.data), doc._tables, found


@pytest.mark.parametrize("text", EVENTFUL)
def test_netlint_events_build_what_pyyaml_events_build(text: str) -> None:
    # libyaml's parser makes netlint's own events while netlint parses (a quarter of parsing
    # is PyYAML's event classes); the same parser making PyYAML's, and PyYAML's pure-Python
    # parser, must give the same data, positions and diagnostics.
    import yaml
    import yaml._yaml

    fast = _built(text)
    assert _built(text, yaml.CBaseLoader) == fast
    if not fast[2] or fast[2][0][0] != "Y001":  # the two parsers word syntax errors differently
        assert _built(text, yaml.BaseLoader) == fast
    # Afterwards the parser makes PyYAML's events again, for anyone else in the process.
    assert yaml._yaml.ScalarEvent is yaml.events.ScalarEvent
    assert [event.__class__ for event in yaml.parse("k: v", Loader=yaml.CLoader)] == [
        yaml.StreamStartEvent,
        yaml.DocumentStartEvent,
        yaml.MappingStartEvent,
        yaml.ScalarEvent,
        yaml.ScalarEvent,
        yaml.MappingEndEvent,
        yaml.DocumentEndEvent,
        yaml.StreamEndEvent,
    ]


def test_a_syntax_error_leaves_pyyaml_s_events_in_place() -> None:
    import yaml
    import yaml._yaml

    _, problems = parse_bytes(b"a: [1, 2\nb: 3\n", "content/x.yaml")
    assert [p.code for p in problems] == ["Y001"]
    assert all(getattr(yaml._yaml, name) is getattr(yaml.events, name) for name in ("ScalarEvent", "AliasEvent"))


def test_netlint_events_are_not_used_while_another_thread_runs() -> None:
    # Another thread could be parsing YAML with libyaml at that moment: it must get PyYAML's events.
    import threading

    import yaml
    import yaml._yaml

    from netlint import yamlparse

    release = threading.Event()
    seen: list[object] = []

    def other() -> None:
        seen.append(yaml._yaml.ScalarEvent)
        release.wait(10)

    worker = threading.Thread(target=other)
    worker.start()
    try:
        assert yamlparse._own_events() is False
        doc, problems = parse_bytes(b"a: &x 1\nb: *x\n", "content/x.yaml")
        assert doc is not None and doc.data == {"a": 1, "b": None}
        assert [(p.code, p.line, p.column) for p in problems] == [("Y005", 1, 4), ("Y005", 2, 4)]
        assert yaml._yaml.ScalarEvent is yaml.events.ScalarEvent
    finally:
        release.set()
        worker.join()
    assert seen == [yaml.events.ScalarEvent]
    # Alone again, netlint's events are used. (Alone as far as _own_events can tell: a test that cuts a
    # parallel run short on purpose leaves a pool's thread waiting for ever in this process.)
    original = threading.active_count
    threading.active_count = lambda: 1  # type: ignore[assignment]
    try:
        assert yamlparse._own_events() is True
    finally:
        threading.active_count = original  # type: ignore[assignment]
        yamlparse._their_events()


def test_an_escape_writing_a_control_character_is_reported_at_the_escape(make_project) -> None:
    from conftest import found, run

    glossary = (
        'a: "You will be asleep.\n'  # line 1
        "  Most people go home\n"
        '  within a day or two.\\u0007"\n'  # the escape: line 3, columns 23-29
        'b: "tab\\t, escaped \\\\x07, then \\e"\n'  # "\\x07" writes a backslash: only the \e counts
        'c: "\\x85 first"\n'
    )
    root = make_project({"content/glossary.yaml": glossary})
    result = run(root)
    assert found(result, "Y003") == [
        ("content/glossary.yaml", "Y003", 3, 23),
        ("content/glossary.yaml", "Y003", 4, 32),
        ("content/glossary.yaml", "Y003", 5, 5),
    ]
    ends = [(d.end_line, d.end_column) for d in result.diagnostics if d.code == "Y003"]
    assert ends == [(3, 29), (4, 34), (5, 9)]
