"""Property-based fuzzing of the whole pipeline: whatever a content file holds, netlint never raises, never hangs.

Each example writes a project (the repository's demo content, or the small project
of conftest.py) with one file replaced by arbitrary bytes, arbitrary text, YAML-ish
text, or a random mutation of a valid document (deleted keys, swapped types, random
Unicode in strings, added keys, truncated files, duplicated or deleted lines), then
runs `netlint.api.validate`, every reporter into a StringIO (the json one checked
against SPEC §6, the others parsed), and `netlint.exporters.export.run` into a
temporary folder when the content passes the gate. A few examples also go through
the command line (`netlint validate --format json`, `netlint export`), which must exit
0 or 1 and print no traceback. Every example runs under an alarm, so a hang fails.

Profiles (hypothesis settings, chosen with the NETLINT_FUZZ environment variable):

- ``ci`` (default): a few dozen derandomized examples per test, a few seconds in all;
- ``long``: 5,000 examples per test, random and remembered in ``.hypothesis/``
  (override the count with NETLINT_FUZZ_EXAMPLES)::

    NETLINT_FUZZ=long .venv/bin/python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics
    NETLINT_FUZZ=long NETLINT_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest -q tests/test_fuzz.py -k mutated

  ``--hypothesis-show-statistics`` shows how many examples ran, how long they took, and how many
  reached the export. The long profile takes about 7 minutes on 2 cores (21,000 examples).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import signal
import tempfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from conftest import base_files
from netlint.api import Result, known_codes, validate
from netlint.cli import main
from netlint.config import load_config
from netlint.diagnostic import Severity
from netlint.exporters.export import run as export_run
from netlint.loader import parse_bytes
from report_checks import check_all_reports, check_json_report

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 26)
ALARM_SECONDS = 60  # one example of a few small files takes well under a second; a hang fails here

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("NETLINT_FUZZ_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=_HEALTH,
)
PROFILE = os.environ.get("NETLINT_FUZZ", "ci")
FUZZ = settings(settings.get_profile(PROFILE))
FEW = settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 5))  # the slower CLI round trips


def _demo_files() -> dict[str, str]:
    content = REPO / "content"
    return {
        f"content/{path.relative_to(content).as_posix()}": path.read_text(encoding="utf-8")
        for path in sorted(content.rglob("*.yaml"))
    }


PROJECTS: dict[str, dict[str, str]] = {"small": base_files(("proc-a", "proc-b")), "demo": _demo_files()}


# --- running an example ---------------------------------------------------------------------------


@contextlib.contextmanager
def alarm(seconds: int = ALARM_SECONDS) -> Iterator[None]:
    """Fail with TimeoutError instead of hanging."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"the pipeline did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def project(files: dict[str, str | bytes]) -> Iterator[Path]:
    """A throw-away project holding ``files`` (text or bytes) and a netlint.toml."""
    with tempfile.TemporaryDirectory(prefix="netlint-fuzz-") as folder:
        root = Path(folder) / "project"
        (root / "content").mkdir(parents=True)
        (root / "netlint.toml").write_text('content = "content"\n', encoding="utf-8")
        for rel, body in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        yield root


def note_event(text: str) -> None:
    """Count what examples did (shown by --hypothesis-show-statistics)."""
    if currently_in_test_context():
        event(text)


def pipeline(root: Path) -> Result:
    """validate, every reporter, and export when the gate lets it through; fails on any exception or hang."""
    with alarm():
        config = load_config(root, known_codes())
        result = validate(config, TODAY)
        assert result.files_checked == len(list((root / "content").rglob("*.y*ml")))
        check_all_reports(result, config)
        for diag in result.diagnostics:  # every diagnostic points inside its file
            raw = (root / diag.path).read_bytes()
            lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n") + 1
            assert diag.line <= lines, (diag, lines)
        for code in sorted({d.code[0] for d in result.diagnostics}):
            note_event(f"reported a {code} diagnostic")
        if result.fails(Severity.ERROR):
            note_event("refused by the gate")
            return result
        out = root.parent / "dist"
        outcome = export_run(config, TODAY, out=out)
        assert outcome.written
        note_event("exported")
        assert json.loads((out / "json" / "bundle.json").read_bytes())
        assert (out / "html" / "index.html").is_file()
        for page in (out / "html").rglob("*.html"):
            check_html(page.read_text(encoding="utf-8"))
        assert not [p for p in out.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    return result


_JSONLD = '<script type="application/ld+json">'


LENIENT = 'content = "content"\n[severity]\n' + "".join(f'P00{n} = "warning"\n' for n in range(1, 9))


class _Tags(HTMLParser):
    """Every element and attribute a browser would see in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def check_html(html: str) -> None:
    """No content string became markup: scripts are only JSON-LD data that parses; no handlers, no odd links."""
    assert html.count("<script") == html.count(_JSONLD), "a script element other than JSON-LD"
    for block in html.split(_JSONLD)[1:]:
        json.loads(block.split("</script>", 1)[0])
    parser = _Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag != "script" or attrs == {"type": "application/ld+json"}, (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)


def with_file(name: str, target: str, body: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(PROJECTS[name])
    files[target] = body
    return files


# --- mutations of valid documents -----------------------------------------------------------------

Draw = Callable[[st.SearchStrategy[Any]], Any]
Path_ = tuple[Any, ...]

ANY_VALUE: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["2025-02-30", "2025-13-01", "1900-01-01", "9999-12-31", "http://", "javascript:alert(1)", "0", "-1"]
    ),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=2),
)
YAML_PUNCTUATION = st.sampled_from(list(":-[]{}&*!|>'\"%@`#,?\\ \n\r\t.0129"))
YAMLISH = st.text(alphabet=st.one_of(YAML_PUNCTUATION, st.characters(codec="utf-8")), max_size=300)


def _paths(node: Any, here: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield here, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*here, i))


def _replace(data: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


# Text that must stay text in every output: markup, script, template syntax, bidi overrides, URL schemes.
HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "</script><script>alert(1)</script>",
            "<!-- x -->",
            "<img src=x onerror=alert(1)>",
            '" onmouseover="alert(1)',
            "javascript:alert(1)",
            "&amp; &lt; &#x3c;",
            "{{ 7 * 7 }} {% raw %}",
            "\u202e evil \u202c",
            "]]> <![CDATA[",
            "\\ \" ' `",
            "%0A::error::forged",
            "NaN Infinity -0",
        ]
    ),
    st.text(min_size=1, max_size=20),
)


def _data_mutation(draw: Draw, text: str) -> str:
    doc, problems = parse_bytes(text.encode("utf-8"), "x.yaml")
    if doc is None or problems or not isinstance(doc.data, dict):
        return _text_mutation(draw, text)
    data = doc.data
    nodes = list(_paths(data))
    path, node = draw(st.sampled_from(nodes))
    prose = [(p, n) for p, n in nodes if isinstance(n, str) and " " in n and p[-1] not in ("id", "kind")]
    if prose and draw(st.integers(0, 2)):  # mostly keep it valid: hostile text in prose reaches the export
        path, node = draw(st.sampled_from(prose))
        at = draw(st.integers(0, len(node)))
        data = _replace(data, path, node[:at] + draw(HOSTILE_TEXT) + node[at:])
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    kind = draw(st.sampled_from(["delete", "swap-type", "unicode", "add-key", "empty"]))
    if kind == "delete" and path:
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        del parent[path[-1]]
    elif kind == "unicode" and isinstance(node, str):
        at = draw(st.integers(0, len(node)))
        data = _replace(data, path, node[:at] + draw(st.text(min_size=1, max_size=20)) + node[at:])
    elif kind == "add-key" and isinstance(node, dict):
        node[draw(st.text(max_size=12))] = draw(ANY_VALUE)
    elif kind == "empty":
        data = _replace(data, path, type(node)() if isinstance(node, dict | list | str) else None)
    else:
        data = _replace(data, path, draw(ANY_VALUE))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _text_mutation(draw: Draw, text: str) -> str:
    lines = text.splitlines(keepends=True) or [""]
    kind = draw(st.sampled_from(["truncate", "duplicate-lines", "delete-lines", "insert", "swap-lines"]))
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(i, min(len(lines), i + 5)))
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "duplicate-lines":
        return "".join(lines[:j] + lines[i:j] + lines[j:])
    if kind == "delete-lines":
        return "".join(lines[:i] + lines[j:])
    if kind == "swap-lines":
        k = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[k] = lines[k], lines[i]
        return "".join(lines)
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(YAMLISH) + text[at:]


@st.composite
def mutated_project(draw: Draw) -> dict[str, str | bytes]:
    name = draw(st.sampled_from(sorted(PROJECTS)))
    files: dict[str, str | bytes] = dict(PROJECTS[name])
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(sorted(files)))
        text = files[target]
        assert isinstance(text, str)
        mutate = draw(st.sampled_from([_data_mutation, _data_mutation, _text_mutation]))
        files[target] = mutate(draw, text)
    if draw(st.booleans()):  # prose findings as warnings: more hostile text gets through the gate to the HTML
        files["netlint.toml"] = LENIENT
    return files


# --- the properties -----------------------------------------------------------------------------------


@FUZZ
@given(body=st.binary(max_size=4000))
def test_arbitrary_bytes_as_a_content_file(body: bytes) -> None:
    with project(with_file("small", "content/procedures/proc-b.yaml", body)) as root:
        pipeline(root)


@FUZZ
@given(body=st.text(max_size=2000))
def test_arbitrary_text_as_a_content_file(body: str) -> None:
    with project(with_file("small", "content/procedures/proc-b.yaml", body)) as root:
        pipeline(root)


@FUZZ
@given(body=YAMLISH)
def test_yaml_like_text_as_a_content_file(body: str) -> None:
    with project(with_file("small", "content/topics/topic-a.yaml", "schema_version: 1\nkind: topic\n" + body)) as root:
        pipeline(root)


@FUZZ
@given(files=mutated_project())
def test_mutated_valid_documents(files: dict[str, str | bytes]) -> None:
    with project(files) as root:
        pipeline(root)


@FEW
@given(files=mutated_project())
def test_mutated_documents_through_the_command_line(files: dict[str, str | bytes]) -> None:
    with project(files) as root, contextlib.chdir(root), alarm():
        checked = CliRunner().invoke(main, ["validate", "--format", "json", "--today", TODAY.isoformat(), "--no-cache"])
        assert checked.exit_code in (0, 1), checked.output
        assert "Traceback" not in checked.output
        check_json_report(json.loads(checked.stdout))
        exported = CliRunner().invoke(
            main, ["export", "--today", TODAY.isoformat(), "--out", str(root.parent / "dist")]
        )
        assert exported.exit_code == checked.exit_code, exported.output
        assert "Traceback" not in exported.output
        assert (root.parent / "dist").exists() == (exported.exit_code == 0)


def test_the_unmutated_projects_pass_and_export() -> None:
    """The starting points are clean, so the mutations above are what any finding comes from."""
    for name in PROJECTS:
        with project(dict(PROJECTS[name])) as root:
            result = pipeline(root)
            assert [d.code for d in result.diagnostics if d.severity is Severity.ERROR] == [], name
            assert (root.parent / "dist" / "json" / "bundle.json").is_file()


# --- what fuzzing found, pinned (each was a traceback, a wrong position or a garbled report) ---------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # libyaml marked the end of a file without a final newline on a line after the last one
        (b"{", [("Y001", 1, 2)]),
        (b"a: 1\n0", [("Y001", 2, 2)]),
        # NEL, LS and PS are line breaks to libyaml (YAML 1.1) but not to YAML 1.2 or editors: lines went wrong
        ("title: a\u2028b\nx: [\n".encode(), [("Y003", 1, 9)]),
        ("title: a\x85b\n".encode(), [("Y003", 1, 9)]),
        ("a: 1\n\u2029".encode(), [("Y003", 2, 1)]),
        # a double-quoted escape wrote a control character into a key or value (and from there into reports):
        # reported at the escape
        (b'"\\x1F": 1\n"\\x1F": 2\n', [("Y003", 1, 2), ("Y003", 2, 2), ("Y002", 2, 1)]),
        (b'title: "red \\e[31m text"\n', [("Y003", 1, 13)]),
        (b'title: "\\0"\nsummary: "tab\\there\\nnew line is fine"\n', [("Y003", 1, 9)]),
    ],
)
def test_loader_regressions(body: bytes, expected: list[tuple[str, int, int]]) -> None:
    _, problems = parse_bytes(body, "content/x.yaml")
    assert sorted((d.code, d.line, d.column) for d in problems) == sorted(expected)
    for diag in problems:
        assert diag.message.isprintable(), diag.message


def test_a_lone_carriage_return_ends_a_line_for_every_position() -> None:
    """Old Mac line endings: libyaml counts a lone CR as a line break, and text positions now do too."""
    doc, problems = parse_bytes(b"a: 1\rtitle: x  y\r\nb: [\r", "content/x.yaml")
    assert [(d.code, d.line, d.column) for d in problems] == [("Y001", 4, 1)]
    doc, problems = parse_bytes(b"a: 1\rtitle: x  y\r\n", "content/x.yaml")
    assert doc is not None and not problems
    assert doc.span(("title",)).line == 2
    span = doc.text_span(("title",), 1, 3)
    assert (span.line, span.column) == (2, 9)


def test_floods_of_one_problem_are_capped_per_file() -> None:
    _, problems = parse_bytes(b"a: 1\n" * 1000, "content/x.yaml")
    assert len(problems) == 100 and {d.code for d in problems} == {"Y002"}
    assert problems[-1].message.endswith("more problems like this follow, but only the first 100 in a file are listed")
    _, problems = parse_bytes(b"".join(b"k%d: !t%d x\n" % (i, i) for i in range(500)), "content/x.yaml")
    assert len(problems) == 100


def test_a_contributor_whose_roles_fail_the_schema_does_not_crash_r006() -> None:
    files = dict(PROJECTS["small"])
    files["content/contributors.yaml"] = files["content/contributors.yaml"].replace(
        "roles: [clinical-reviewer]", "roles: true"
    )
    with project(files) as root:
        result = pipeline(root)
    assert sorted({(d.path, d.code) for d in result.diagnostics}) == [
        ("content/contributors.yaml", "S001"),  # roles: true
        ("content/procedures/proc-a.yaml", "R006"),  # so no reviewer is known to be a clinician
        ("content/procedures/proc-b.yaml", "R006"),
        ("content/topics/topic-a.yaml", "R006"),
    ]


def test_a_message_quoting_content_never_carries_a_control_character() -> None:
    from netlint.diagnostic import Span
    from netlint.rules._registry import diagnostic

    diag = diagnostic("S001", "content/x.yaml", Span(1, 1, 1, 2), "unknown field '\x1b[2Ja\tb\nc\u2028'")
    assert diag.message == "unknown field '\\x1b[2Ja\\tb\\nc\\u2028'"


@FUZZ
@given(body=st.one_of(YAMLISH, st.text(max_size=600)))
def test_parsing_with_and_without_positions_gives_the_same_data_and_diagnostics(body: str) -> None:
    # Checks parse without position tables and build them on demand; both must agree exactly.
    raw = ("schema_version: 1\nkind: topic\n" + body).encode("utf-8", "surrogatepass")
    with_tables, found = parse_bytes(raw, "t.yaml", max_depth=16)
    without, found_without = parse_bytes(raw, "t.yaml", max_depth=16, with_positions=False)
    assert found_without == found
    if with_tables is None:
        assert without is None
        return
    assert without is not None and without._tables is None
    assert repr(without.data) == repr(with_tables.data)  # repr: a NaN is never equal to itself
    assert (without.values, without.keys, without.scalars) == (
        with_tables.values,
        with_tables.keys,
        with_tables.scalars,
    )


@FUZZ
@given(body=st.one_of(YAMLISH, st.text(max_size=600), st.sampled_from(sorted(_demo_files().values()))))
def test_libyaml_making_netlint_events_or_pyyaml_events_gives_the_same_result(body: str) -> None:
    # While netlint parses, libyaml's parser makes netlint's own events (see yamlparse._Event);
    # through PyYAML's events the same parser must give the same data, positions and diagnostics.
    import yaml

    from netlint.loader import Document
    from netlint.yamlparse import Builder

    built = []
    for parser in ((), (yaml.CBaseLoader,)):
        doc = Document("t.yaml", body, _tables=({}, {}, {}))
        problems = Builder(doc, 16, *parser).run()
        built.append((repr(doc.data), doc._tables, [(p.code, p.line, p.column, p.message) for p in problems]))
    assert built[0] == built[1]
