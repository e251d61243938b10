"""The project index and the context every rule is given: what cross-document rules need to know."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from netlint.config import Config
from netlint.loader import DataPath, Document

DOCUMENT_KINDS = ("topic", "procedure")
REGISTRY_KINDS = ("sources", "contributors", "glossary")


@dataclass(frozen=True)
class Entry:
    """One record of a registry file (a source, a contributor, a glossary term) and where it is."""

    id: str
    doc: Document
    path: DataPath  # e.g. ("sources", 2)

    @property
    def data(self) -> dict[str, Any]:
        value = self.doc.get(self.path)
        return value if isinstance(value, dict) else {}


@dataclass
class ProjectIndex:
    """Every readable document, with the id namespaces SPEC §4 defines."""

    documents: list[Document] = field(default_factory=list)
    # The content files that hold no document (unreadable, not YAML, not a mapping): a reference to
    # an id one of them was meant to hold is explained by that file's own errors.
    unreadable: frozenset[str] = frozenset()
    # What rules derive from the registries and share (such as a source's successors), computed once per run.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # The project rules that did not run because the index is incomplete (see holds_back): a suppression
    # of one of them was never tried, and is not unused.
    held_back: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.documents.sort(key=attrgetter("path"))
        self.pages: dict[str, list[Document]] = {}
        self.sources: dict[str, list[Entry]] = {}
        self.contributors: dict[str, list[Entry]] = {}
        self.terms: list[Entry] = []
        self.kinds: dict[str, list[Document]] = {}
        # This runs for every document of the project: its look-ups are made once, as locals.
        of_kind, pages = self.kinds.setdefault, self.pages.setdefault
        for doc in self.documents:
            data = doc.data  # read directly, not through doc.kind and doc.id
            kind = data.get("kind") if data.__class__ is dict else None
            if kind.__class__ is not str:
                continue
            of_kind(kind, []).append(doc)
            ident = data.get("id")
            if ident.__class__ is str and kind in DOCUMENT_KINDS:
                pages(ident, []).append(doc)
            elif kind == "sources":
                self._collect(doc, "sources", self.sources)
            elif kind == "contributors":
                self._collect(doc, "contributors", self.contributors)
            elif kind == "glossary":
                items = doc.get(("terms",))
                for i, item in enumerate(items if isinstance(items, list) else []):
                    if isinstance(item, dict) and isinstance(item.get("term"), str):
                        self.terms.append(Entry(item["term"], doc, ("terms", i)))

    @staticmethod
    def _collect(doc: Document, key: str, into: dict[str, list[Entry]]) -> None:
        items = doc.get((key,))
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                into.setdefault(item["id"], []).append(Entry(item["id"], doc, (key, i)))

    def holds_back(self, code: str, *kinds: str) -> bool:
        """Whether rule ``code`` must not run, the index being :meth:`incomplete` for ``kinds``; remembered."""
        if self.incomplete(*kinds):
            self.held_back.add(code)
            return True
        return False

    def incomplete(self, *kinds: str) -> bool:
        """Whether a document of these kinds may be missing or cut short: a content file cannot be read,
        or one whose YAML was rejected (a Y error) is of these kinds or of no kind netlint can read."""
        if self.unreadable:
            return True
        for doc in self.documents:
            if doc.broken:
                data = doc.data
                kind = data.get("kind") if isinstance(data, dict) else None
                if kind in kinds or kind not in (*DOCUMENT_KINDS, *REGISTRY_KINDS):
                    return True
        return False

    def of_kind(self, *kinds: str, valid_only: bool = True) -> Iterator[Document]:
        """Documents of the given kinds (schema-valid ones only, unless asked otherwise)."""
        for kind in kinds:
            for doc in self.kinds.get(kind, ()):
                if doc.valid or not valid_only:
                    yield doc

    def source(self, source_id: str) -> Entry | None:
        entries = self.sources.get(source_id)
        return entries[0] if entries else None

    def contributor(self, contributor_id: str) -> Entry | None:
        entries = self.contributors.get(contributor_id)
        return entries[0] if entries else None


def listed_procedures(data: object) -> list[str]:
    """The ids a topic lists in `procedures` (the text items of that list): what N004 reads of a topic,
    and so what a focused run on procedures takes of each topic from the snapshot."""
    items = data.get("procedures") if isinstance(data, dict) else None
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []


def named_pages(data: object) -> set[str]:
    """The ids a topic names: in `related`, in `procedures` and in its pathways' options.

    What the project rules that report in a topic read of the procedures outside it (N003 their
    ids and kinds, T004 and T005 the data of the procedures its pathways offer): a focused run
    reads the data of these procedures and only the kind and id of the others.
    """
    named: set[str] = set()
    if not isinstance(data, dict):
        return named
    for key in ("related", "procedures"):
        items = data.get(key)
        if isinstance(items, list):
            named.update(item for item in items if isinstance(item, str))
    pathways = data.get("pathways")
    for pathway in pathways if isinstance(pathways, list) else []:
        options = pathway.get("options") if isinstance(pathway, dict) else None
        for option in options if isinstance(options, list) else []:
            if isinstance(option, dict) and isinstance(option.get("procedure"), str):
                named.add(option["procedure"])
    return named


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides its document: settings, today's date, the whole project."""

    config: Config
    today: datetime.date
    index: ProjectIndex
    # The files being reported on (None: all). Rules may skip work whose diagnostics land elsewhere.
    focus: frozenset[str] | None = None

    def reports(self, doc: Document) -> bool:
        """Whether diagnostics in ``doc`` are reported in this run."""
        return self.focus is None or doc.path in self.focus

    def reported(self, *kinds: str, valid_only: bool = True) -> Iterator[Document]:
        """:meth:`ProjectIndex.of_kind`, less the documents whose diagnostics are not reported in this run.

        With a focus (pre-commit's few files in a project of thousands), the focus documents are
        found once per run, and rules that report in a document only look at those.
        """
        if self.focus is None:
            yield from self.index.of_kind(*kinds, valid_only=valid_only)
            return
        memo = self.index.memo
        focused = memo.get(("focus", self.focus))
        if focused is None:
            focus = self.focus
            focused = memo[("focus", focus)] = [doc for doc in self.index.documents if doc.path in focus]
        for kind in kinds:
            for doc in focused:
                if doc.kind == kind and (doc.valid or not valid_only):
                    yield doc
