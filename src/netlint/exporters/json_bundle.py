"""The JSON bundle: every topic and procedure with citations and reviewers resolved, plus the registries.

`build()` turns validated documents into one plain dict (the same object the HTML
site is rendered from); `check()` validates it against schema/bundle.schema.json;
`dumps()` serialises any JSON value the one deterministic way every export file uses.
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netlint import __version__
from netlint.exporters import BUNDLE_FORMAT, NotExportable
from netlint.index import DOCUMENT_KINDS, ProjectIndex
from netlint.rules._registry import format_path
from netlint.sizes import Interval

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from netlint.loader import Document

BUNDLE_SCHEMA = "bundle.schema.json"
# Procedures may leave these out; the bundle always carries the value that applies.
_PROCEDURE_DEFAULTS = {"language": "en", "audience": "patient"}
_LISTS = {
    "procedure": ("indications", "removes", "sections", "risks", "related"),
    "topic": ("sections", "pathways", "related"),
}


def dumps(value: Any) -> bytes:
    """The one way export files are serialised: sorted keys, 2-space indent, UTF-8, final newline."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


_BROKEN = "cannot be read whole (a YAML, encoding or character error)"


def build(documents: Iterable[Document], export_date: datetime.date) -> dict[str, Any]:
    """The bundle for a validated project's documents.

    Raises NotExportable when the content cannot be bundled even though the configured
    checks passed (a rule the bundle relies on is ignored): a file failing its schema,
    a duplicate id, a citation, reviewer or reference naming an unknown id.
    """
    docs = list(documents)
    problems = [
        f"{doc.path}: {_BROKEN if doc.broken else 'does not match its schema'}; "
        "fix it (the configuration or a suppression hides the error that reports it)"
        for doc in docs
        if not doc.valid
    ]
    index = ProjectIndex([doc for doc in docs if doc.valid])
    # A page left out for failing its schema is reported above, once: not again by every page naming it.
    left_out = {doc.id for doc in docs if not doc.valid and isinstance(doc.id, str)}
    resolver = _Resolver(index, problems, left_out)
    pages: dict[str, list[dict[str, Any]]] = {kind: [] for kind in DOCUMENT_KINDS}
    for page_id, found in sorted(index.pages.items()):
        if len(found) > 1:
            problems.append(f"{found[1].path}: id '{page_id}' is also used by {found[0].path}")
        doc = found[0]
        pages[str(doc.kind)].append(resolver.page(doc))
    _link_topics(pages["topic"], pages["procedure"])
    if problems:
        raise NotExportable(sorted(set(problems)))
    return {
        "format": BUNDLE_FORMAT,
        "netlint": __version__,
        "export_date": export_date.isoformat(),
        "topics": pages["topic"],
        "procedures": pages["procedure"],
        "sources": [resolver.source_record(source_id) for source_id in sorted(index.sources)],
        "contributors": [resolver.contributor_record(cid) for cid in sorted(index.contributors)],
        "glossary": sorted(
            (_term(entry.data) for entry in index.terms), key=lambda term: (term["term"].casefold(), term["term"])
        ),
    }


class _Resolver:
    """Resolves ids to records while building page records, collecting what cannot be resolved."""

    def __init__(self, index: ProjectIndex, problems: list[str], left_out: set[str]) -> None:
        self.index = index
        self.problems = problems
        self.left_out = left_out  # ids of the pages left out of the bundle, each with its own problem
        self.current: Document | None = None
        self.references: list[str] = []  # source ids of the current page, in order of first citation

    def page(self, doc: Document) -> dict[str, Any]:
        self.current, self.references = doc, []
        record: dict[str, Any] = copy.deepcopy(doc.data)
        kind = str(doc.kind)
        record.pop("schema_version", None)
        record["file"] = doc.path
        if kind == "procedure":
            for key, default in _PROCEDURE_DEFAULTS.items():
                record.setdefault(key, default)
        for key in _LISTS[kind]:
            record.setdefault(key, [])
        for i, item in enumerate(record.get("indications", [])):
            self._sized(item, ("indications", i, "size"))
            self._cited(item, ("indications", i))
        for i, section in enumerate(record["sections"]):
            self._cited(section, ("sections", i))
        for i, pathway in enumerate(record.get("pathways", [])):
            # One unit per pathway, for readers comparing a measured size with its rows: millimetres
            # when its options mix them with centimetres ("smaller than 5 mm", then "10 mm or larger").
            units = {
                option["size"].get("unit") for option in pathway["options"] if isinstance(option.get("size"), dict)
            }
            unit = "mm" if len(units) > 1 else None
            for j, option in enumerate(pathway["options"]):
                self._sized(option, ("pathways", i, "options", j, "size"), unit)
                self._known_page(option["procedure"], ("pathways", i, "options", j, "procedure"))
            self._cited(pathway, ("pathways", i))
        for i, other in enumerate(record["related"]):
            self._known_page(other, ("related", i))
        for i, listed in enumerate(record.get("procedures", [])):
            self._known_page(listed, ("procedures", i))
        record["review"] = self._review(record["review"])
        record["references"] = [self.source_record(source_id) for source_id in self.references]
        return record

    def _sized(self, item: dict[str, Any], path: tuple[str | int, ...], unit: str | None = None) -> None:
        """Add ``size_mm`` and ``size_text`` (in ``unit``, or the size's own)."""
        try:
            interval = Interval.from_mapping(item["size"])
        except ValueError as error:
            self._problem(path, f"size cannot be read: {error}")
            return
        item["size_mm"] = interval.to_mm_json()
        item["size_text"] = interval.describe(unit)

    def _cited(self, item: dict[str, Any], path: tuple[str | int, ...]) -> None:
        cites = item.setdefault("cites", [])
        item["citations"] = []
        for i, source_id in enumerate(cites):
            if self.index.source(source_id) is None:
                self._problem((*path, "cites", i), f"cites '{source_id}', which is not in the sources file")
                continue
            item["citations"].append(self.source_record(source_id))
            if source_id not in self.references:
                self.references.append(source_id)

    def _known_page(self, page_id: str, path: tuple[str | int, ...]) -> None:
        if page_id not in self.index.pages and page_id not in self.left_out:
            self._problem(path, f"refers to '{page_id}', which is not a topic or procedure")

    def _review(self, review: Mapping[str, Any]) -> dict[str, Any]:
        reviewers = []
        for i, contributor_id in enumerate(review["reviewed_by"]):
            if self.index.contributor(contributor_id) is None:
                self._problem(("review", "reviewed_by", i), f"'{contributor_id}' is not in the contributors file")
                continue
            reviewers.append(self.contributor_record(contributor_id))
        return {**review, "reviewers": reviewers}

    def _problem(self, path: tuple[str | int, ...], message: str) -> None:
        where = self.current.path if self.current else "?"
        self.problems.append(f"{where}: {format_path(path)} {message}")

    def source_record(self, source_id: str) -> dict[str, Any]:
        entry = self.index.source(source_id)
        assert entry is not None
        return copy.deepcopy(entry.data)

    def contributor_record(self, contributor_id: str) -> dict[str, Any]:
        entry = self.index.contributor(contributor_id)
        assert entry is not None
        return copy.deepcopy(entry.data)


def _term(data: Mapping[str, Any]) -> dict[str, Any]:
    record = copy.deepcopy(dict(data))
    record.setdefault("variants", [])
    return record


def _link_topics(topics: list[dict[str, Any]], procedures: list[dict[str, Any]]) -> None:
    """Give each procedure the ids of the topics that list it (`listed_in`), sorted."""
    listed: dict[str, list[str]] = {}
    for topic in topics:
        for procedure_id in topic["procedures"]:
            listed.setdefault(procedure_id, []).append(topic["id"])
    for procedure in procedures:
        procedure["listed_in"] = sorted(set(listed.get(procedure["id"], [])))


@lru_cache(maxsize=2)
def _validator(schema_path: Path) -> Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    from netlint.schemas import is_date, is_uri

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    checker.checks("uri")(is_uri)
    return Draft202012Validator(schema, format_checker=checker)


def schema_path() -> Path:
    """schema/bundle.schema.json, inside the installed package or the repository checkout."""
    from netlint.schemas import bundled_schema_dir

    return bundled_schema_dir() / BUNDLE_SCHEMA


def check(bundle: Mapping[str, Any]) -> list[str]:
    """Where the bundle breaks schema/bundle.schema.json: one line per error, empty when valid."""
    errors = sorted(_validator(schema_path()).iter_errors(bundle), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{format_path(tuple(error.absolute_path))}: {error.message}" for error in errors]
