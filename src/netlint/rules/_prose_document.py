"""The P rules' shared work: which fields are prose, and one engine pass per document.

Prose is what a reader sees as sentences or names. Ids, enums, dates, URLs,
version strings and citations are not prose and are never checked.

- Pages (topics and procedures): every text field gets all of P001-P009.
- Glossary definitions: everything but P007 (reading grade is for a page's
  own text).
- Names and titles (contributors' `name`, sources' `title`, `publisher` and
  `authors`) and the glossary's own `term` and `variants`: no P005 (nor P009)
  either, since names are not dictionary words ("Duran Duran"), a published title is quoted as it is
  ("Cancer du côlon"), and the glossary terms are the reference P005 checks
  against. A source or contributor written in another script (a Russian
  guideline, "Ирина Смирнова") is no P001 either: only letters of another
  script among mostly Latin ones are ("The content team 快猫").

The settings (word list, glossary, compiled patterns) are built once per run
and process; the first P rule called on a document checks it for every
enabled P code, and each rule takes its own share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from netlint.diagnostic import Span
from netlint.prose import CODES, GlossaryTerm, ProseSettings, check_texts
from netlint.rules._registry import diagnostic

if TYPE_CHECKING:
    from netlint.config import Config
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context, ProjectIndex
    from netlint.loader import DataPath, Document

PAGE = CODES
REGISTRY_TEXT = CODES - {"P007"}
NAME = CODES - {"P005", "P007", "P009"}

ANY = "*"  # any item of a list

Pattern = tuple[str, ...]

FIELDS: dict[str, tuple[tuple[Pattern, frozenset[str]], ...]] = {
    "topic": (
        (("title",), PAGE),
        (("summary",), PAGE),
        (("sections", ANY, "heading"), PAGE),
        (("sections", ANY, "text"), PAGE),
        (("pathways", ANY, "question"), PAGE),
        (("pathways", ANY, "options", ANY, "text"), PAGE),
    ),
    "procedure": (
        (("title",), PAGE),
        (("summary",), PAGE),
        (("indications", ANY, "text"), PAGE),
        (("removes", ANY), PAGE),
        (("sections", ANY, "heading"), PAGE),
        (("sections", ANY, "text"), PAGE),
        (("risks", ANY), PAGE),
    ),
    "glossary": (
        (("terms", ANY, "term"), NAME),
        (("terms", ANY, "variants", ANY), NAME),
        (("terms", ANY, "definition"), REGISTRY_TEXT),
    ),
    "sources": (
        (("sources", ANY, "title"), NAME),
        (("sources", ANY, "publisher"), NAME),
        (("sources", ANY, "authors", ANY), NAME),
    ),
    "contributors": ((("contributors", ANY, "name"), NAME),),
}


def text_fields(doc: Document) -> Iterator[tuple[DataPath, str, frozenset[str]]]:
    """(data path, text, P codes that apply) for every non-empty prose field of ``doc``, in document order."""
    kind = doc.kind
    if kind is None:
        return
    for pattern, codes in FIELDS.get(kind, ()):
        found: list[tuple[DataPath, str]] = []
        _collect(doc.data, pattern, 0, (), found)
        for path, text in found:
            yield path, text, codes


def _collect(node: Any, pattern: Pattern, depth: int, path: DataPath, out: list[tuple[DataPath, str]]) -> None:
    """Append each non-empty string ``pattern`` reaches from ``node``, in document order, as (path, text).

    The document pass walks with :func:`_texts`, without paths: it needs them only for the rare
    field with a finding, and a tuple per step of every field is most of a walk's cost.
    """
    if depth == len(pattern):
        if isinstance(node, str) and node:
            out.append((path, node))
        return
    step = pattern[depth]
    if step == ANY:
        if isinstance(node, list):
            for i, item in enumerate(node):
                _collect(item, pattern, depth + 1, (*path, i), out)
    elif isinstance(node, dict) and step in node:
        _collect(node[step], pattern, depth + 1, (*path, step), out)


def _texts(data: Any, pattern: Pattern, out: list[str]) -> None:
    """Append each non-empty string ``pattern`` reaches from ``data``, in document order: :func:`_collect`
    without paths, a level at a time (every document's fields are walked this way, so no call per node)."""
    nodes = [data]
    for step in pattern:
        if step == ANY:
            nodes = [item for node in nodes if isinstance(node, list) for item in node]
        else:
            nodes = [node[step] for node in nodes if isinstance(node, dict) and step in node]
        if not nodes:
            return
    out.extend(node for node in nodes if isinstance(node, str) and node)


class _RunSettings:
    """What every document of one run shares: enabled P codes, the glossary, settings per page language."""

    def __init__(self, config: Config, index: ProjectIndex) -> None:
        self.config = config
        self.index = index
        self.codes = frozenset(code for code in CODES if config.enabled(code))
        # The enabled codes for each kind of field, made once: the engine caches its work by them.
        self.field_codes = {codes: self.codes & codes for codes in (PAGE, REGISTRY_TEXT, NAME)}
        self.glossary = _glossary(index)
        self._settings: dict[tuple[str, str], ProseSettings] = {}

    def settings(self, language: str, audience: str) -> ProseSettings:
        """The engine settings for a page in ``language`` written for ``audience`` (built once each)."""
        key = (language, audience)
        found = self._settings.get(key)
        if found is None:
            config = self.config
            found = ProseSettings(
                language=language,
                audience=audience,
                max_grade=config.prose_max_grade,
                boilerplate=tuple(config.prose_boilerplate),
                words=frozenset(config.prose_words),
                glossary=self.glossary,
            )
            self._settings[key] = found
        return found


def _glossary(index: ProjectIndex) -> tuple[GlossaryTerm, ...]:
    terms: list[GlossaryTerm] = []
    for entry in index.terms:
        data = entry.data
        variants = data.get("variants")
        listed = tuple(v for v in variants if isinstance(v, str)) if isinstance(variants, list) else ()
        terms.append(GlossaryTerm(entry.id, listed))
    return tuple(terms)


# One run at a time: rebuilt when the configuration or the project index changes.
_current: list[_RunSettings] = []
_NONE: list[Diagnostic] = []


def _run_settings(ctx: Context) -> _RunSettings:
    current = _current[0] if _current else None
    if current is None or current.config is not ctx.config or current.index is not ctx.index:
        current = _RunSettings(ctx.config, ctx.index)
        _current[:] = [current]
    return current


def share(code: str, doc: Document, ctx: Context) -> list[Diagnostic]:
    """``code``'s diagnostics in ``doc``; the first P rule called on a document checks it for all of them.

    The findings are kept in the document's memo with the run they belong to.
    """
    run = _run_settings(ctx)
    entry = doc.memo.get("prose")
    if entry is None or entry[0] is not run:
        entry = doc.memo["prose"] = (run, _check_document(doc, run))
    return entry[1].get(code, _NONE)


def _check_document(doc: Document, run: _RunSettings) -> dict[str, list[Diagnostic]]:
    """Every enabled P finding in ``doc``, as Diagnostics grouped by code."""
    by_code: dict[str, list[Diagnostic]] = {}
    kind = doc.kind
    if not run.codes or kind is None or not isinstance(doc.data, dict):
        return by_code
    # The texts of each set of enabled codes (a page's fields all share one), in document order.
    groups: dict[frozenset[str], list[str]] = {}
    for pattern, field_codes in FIELDS.get(kind, ()):
        codes = run.field_codes[field_codes]
        if codes:
            _texts(doc.data, pattern, groups.setdefault(codes, []))
    settings = run.settings(*_page(doc))
    screened: set[str] = set()
    results = {
        codes: check_texts(texts, settings, codes=codes, screened=screened) for codes, texts in groups.items() if texts
    }
    # A line of boilerplate in a folded block (`>`), which the value joins to its neighbours: only where
    # P003's screen found a phrase's words in the text (rarely).
    folded = _folded_line_phrases(doc) if "P003" in screened and ">" in doc.text else []
    folded_at = {(found.line, found.column) for found in folded}
    if folded:
        by_code["P003"] = folded
    if not any(results.values()):
        return by_code
    # Walk again for the paths, numbering each group's fields in the same order as its texts.
    numbers = dict.fromkeys(results, 0)
    for path, text, field_codes in text_fields(doc):
        codes = run.field_codes[field_codes]
        if codes not in results:
            continue
        number = numbers[codes]
        numbers[codes] = number + 1
        for finding in results[codes].get(number, ()):
            if finding.code == "P001" and kind in _NAMED_IN_ANY_SCRIPT and _mostly_foreign(text):
                continue
            if finding.code == "P007":
                span = _whole_field(doc, path, text)
            else:
                span = doc.text_span(path, finding.start, finding.end)
            message = finding.message
            if finding.code == "P004" and span.end_line > span.line:
                span, message = _folded_trailing(doc, span, message)
            if finding.code == "P003" and (span.line, span.column) in folded_at:
                continue  # (a folded line between blank lines keeps its line: found both ways)
            by_code.setdefault(finding.code, []).append(diagnostic(finding.code, doc.path, span, message))
    return by_code


# The first line of a folded block scalar in a prose field: "summary: >", "    text: >-", "  - >".
_FOLDED_HEADER = re.compile(
    r"^(?P<indent>[ \t]*)(?:-[ \t]+)*(?:(?:title|summary|heading|text|question|definition):[ \t]*|-[ \t]+)"
    r">[-+0-9]*[ \t]*(?:#.*)?\r?$",
    re.MULTILINE,
)


def _folded_line_phrases(doc: Document) -> list[Diagnostic]:
    """P003 for a line-only boilerplate phrase ("Print this page") on a line of its own in a folded block:
    folding joins it to the lines around it in the value, where it is no longer a line."""
    from netlint.prose.boilerplate import boilerplate_patterns, is_lone_name, message_for

    line_phrase = boilerplate_patterns(())[1]
    text = doc.text
    found: list[Diagnostic] = []
    counted, number_there = 0, 1  # the line at ``counted`` (counted on from the last header: linear)
    for header in _FOLDED_HEADER.finditer(text):
        indent = len(header.group("indent").expandtabs())
        number_there += text.count("\n", counted, header.start())
        counted = header.start()
        first = number_there + 1  # the block's first line
        lines: list[str] = []
        at = header.end() + 1
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            line = text[at:end].rstrip("\r")
            if line.strip() and len(line) - len(line.lstrip(" \t")) <= indent:
                break  # the block ended
            lines.append(line)
            at = end + 1
        for index, line in enumerate(lines):
            match = line_phrase.fullmatch(line)
            # A line of its own, not a sentence wrapped there ("... send it by / email."): the line before
            # ends a sentence (or there is none), and the line after starts one (or there is none).
            before = lines[index - 1].rstrip() if index else ""
            after = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
            if (
                match is None
                or is_lone_name(match.group("phrase"))
                or not (not before or before.endswith(_SENTENCE_ENDS))
            ):
                continue
            if after and not (after[0].isupper() or after[0].isdigit() or after[0] in "-*•"):
                continue
            number = first + index
            span = Span(number, match.start("phrase") + 1, number, match.end("phrase") + 1)
            found.append(diagnostic("P003", doc.path, span, message_for(match.group("phrase"))))
    return found


_SENTENCE_ENDS = tuple('.!?:;…"”’)]')


# Registries whose names and titles may be written in any script: a cited work or a person is named as
# they are named.
_NAMED_IN_ANY_SCRIPT = ("sources", "contributors")


def _mostly_foreign(text: str) -> bool:
    """Whether most of the letters of ``text`` are of a script other than Latin."""
    import unicodedata

    letters = [char for char in text if char.isalpha()]
    latin = sum(1 for char in letters if char.isascii() or unicodedata.name(char, "").startswith("LATIN"))
    return latin * 2 < len(letters)


def _folded_trailing(doc: Document, span: Span, message: str) -> tuple[Span, str]:
    """A doubled space that folding made (a `>` block or a plain scalar over several lines): in the file
    it is whitespace at the end of a line, and is reported as such, on that line."""
    line = doc.line_text(span.line)
    tail = line[span.column - 1 :]
    if not tail or tail.strip(" \t\u00a0"):
        return span, message  # not only whitespace up to the end of the line: as the check said
    trailing = Span(span.line, span.column, span.line, len(line) + 1)
    return trailing, "trailing whitespace at the end of a line; remove it"


def _page(doc: Document) -> tuple[str, str]:
    """The page's language and audience: declared by topics, defaulting to en and patient (SPEC §4)."""
    if doc.kind not in ("topic", "procedure"):
        return "en", "professional"  # registries: English, and never scored for reading grade
    language = doc.data.get("language")
    audience = doc.data.get("audience")
    return (
        language if isinstance(language, str) and language else "en",
        audience if isinstance(audience, str) and audience else "patient",
    )


def _whole_field(doc: Document, path: DataPath, text: str) -> Span:
    """From the start of the value (a block scalar's `|` or `>`, on its key's line) to its last visible character."""
    start = doc.span(path)
    visible = len(text.rstrip())
    if visible == 0:
        return start
    last = doc.text_span(path, visible - 1, visible)
    end_column = last.end_column
    quote = doc.line_text(start.line)[start.column - 1 : start.column]
    if quote in ("'", '"') and doc.line_text(last.end_line)[end_column - 1 : end_column] == quote:
        end_column += 1  # a quoted scalar: from its opening quote to its closing one
    return Span(start.line, start.column, last.end_line, end_column)
