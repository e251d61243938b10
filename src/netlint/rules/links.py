"""N rules: identity and links across the whole project."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from netlint.index import DOCUMENT_KINDS, REGISTRY_KINDS, listed_procedures
from netlint.rules._registry import at, rule, where

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context, Entry, ProjectIndex
    from netlint.loader import DataPath, Document


def _readable(index: ProjectIndex, *kinds: str) -> Iterator[Document]:
    return (doc for doc in index.of_kind(*kinds, valid_only=False) if not doc.broken)


def _reported(ctx: Context, *kinds: str) -> Iterator[Document]:
    """The readable documents of these kinds whose diagnostics this run reports."""
    return (doc for doc in ctx.reported(*kinds, valid_only=False) if not doc.broken)


@rule("N001", "id-matches-filename", severity="error", scope="project")
def id_matches_filename(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a topic or procedure whose `id` is not its file name without the extension.

    ## Why it matters
    Links, pathways and published URLs are built from ids; when the id and the file name disagree,
    editors open the wrong file and two pages can silently claim the same address.

    ## Example
    ```yaml
    # content/procedures/local-excision.yaml
    id: local-resection
    ```

    ## Use instead
    ```yaml
    # content/procedures/local-excision.yaml
    id: local-excision
    ```

    ## Options
    None. Rename the file or the id (and every reference to it).
    """
    for doc in _reported(ctx, "topic", "procedure"):
        if doc.id is not None and doc.id != doc.stem:
            yield at("N001", doc, ("id",), f"id '{doc.id}' differs from the file name '{doc.stem}'; make them the same")


@rule("N002", "duplicate-id", severity="error", scope="project")
def duplicate_id(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports an id used twice in one namespace: documents (topics and procedures share one), sources,
    contributors, and pathways; and a glossary term or variant that is already another entry's term
    or variant (ignoring case but for abbreviations, which the pages' links match as written: "AIDS" is
    not "aids"; and spacing, hyphens, the form of apostrophes and of accents): two definitions of one
    term. The later occurrence is reported (for pages, each page after the first by path), naming
    the first. A run on some files only (pre-commit's) that leaves out every later page reports the
    first one instead, naming the next: the page just added may sort first, and must still be caught.

    ## Why it matters
    A citation, link or pathway that names a duplicated id could mean either record: readers may be
    shown the wrong source or the wrong operation.

    ## Example
    ```yaml
    sources:
      - id: pdq-gi-carcinoid-hp-2024
        ...
      - id: pdq-gi-carcinoid-hp-2024
        ...
    ```

    ## Use instead
    Give each record its own id, or merge the two records.

    ## Options
    None.
    """
    for ident, docs in sorted(item for item in index.pages.items() if len(item[1]) > 1):
        # A page with a YAML error (a duplicate key elsewhere) still has its id: it counts (SPEC §4).
        reported_later = False
        for later_doc in docs[1:]:
            if ctx.reports(later_doc):
                reported_later = True
                message = f"id '{ident}' is already used {where(docs[0], ('id',), later_doc)}"
                yield at("N002", later_doc, ("id",), message)
        if not reported_later and ctx.reports(docs[0]):
            # Only in a run on some files (pre-commit's) that leaves out every later page: the first one is
            # the page just added when it sorts first, and nothing else would stop the commit.
            message = f"id '{ident}' is also used {where(docs[1], ('id',), docs[0])}"
            yield at("N002", docs[0], ("id",), message)
    for registry, label in ((index.sources, "source"), (index.contributors, "contributor")):
        for ident, entries in sorted(registry.items()):
            for later in entries[1:]:
                if not ctx.reports(later.doc):
                    continue
                first = entries[0]
                yield at(
                    "N002",
                    later.doc,
                    (*later.path, "id"),
                    f"{label} id '{ident}' is already used {_where_entry(first, later)}",
                )
    # A glossary term or variant is a link target: one already another term's or variant's (as the
    # pages match them, ignoring case, spacing, hyphens and the form of apostrophes and accents) would
    # never be linked, and its definition would contradict the other.
    defined: dict[str, tuple[Entry, DataPath, str]] = {}
    for entry in index.terms:
        variants = entry.data.get("variants")
        forms: list[tuple[DataPath, object, str]] = [(("term",), entry.id, "term")]
        if isinstance(variants, list):
            forms += [(("variants", k), variant, "variant") for k, variant in enumerate(variants)]
        for path, form, what in forms:
            if not isinstance(form, str):
                continue
            key = _term_key(form)
            earlier = defined.setdefault(key, (entry, path, what))
            if earlier[0] is entry or not ctx.reports(entry.doc):
                continue
            first_entry, first_path, first_what = earlier
            place = where(first_entry.doc, (*first_entry.path, *first_path), entry.doc)
            of = "" if first_what == "term" else f" of '{first_entry.id}'"
            message = f"glossary {what} '{form}' is already a {first_what}{of} {place}; merge the two entries"
            yield at("N002", entry.doc, (*entry.path, *path), message)
    if next(_reported(ctx, "topic"), None) is None:
        return  # a pathway id is reported in a topic
    pathways: dict[str, tuple[Document, DataPath]] = {}
    for doc in _readable(index, "topic"):
        items = doc.get(("pathways",))
        for i, pathway in enumerate(items if isinstance(items, list) else []):
            pathway_id = pathway.get("id") if isinstance(pathway, dict) else None
            if not isinstance(pathway_id, str):
                continue
            here = ("pathways", i, "id")
            if pathway_id in pathways:
                first_doc, first_path = pathways[pathway_id]
                if ctx.reports(doc):
                    yield at(
                        "N002",
                        doc,
                        here,
                        f"pathway id '{pathway_id}' is already used {where(first_doc, first_path, doc)}",
                    )
            else:
                pathways[pathway_id] = (doc, here)


@rule("N003", "unknown-reference", severity="error", scope="project")
def unknown_reference(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a reference to a topic or procedure id that does not exist: in `related`, in a topic's
    `procedures`, or in a pathway option's `procedure`. `procedures` and pathway options must name
    procedures, not topics.

    ## Why it matters
    A broken reference becomes a dead link or a pathway that sends a patient to a page that is not there.

    ## Example
    ```yaml
    procedures: [local-excison]
    ```

    ## Use instead
    ```yaml
    procedures: [local-excision]
    ```

    ## Options
    None.
    """
    for doc in _reported(ctx, "topic", "procedure"):
        refs: list[tuple[DataPath, object, bool]] = []
        for key, must_be_procedure in (("related", False), ("procedures", True)):
            items = doc.get((key,))
            if isinstance(items, list):
                refs.extend(((key, i), item, must_be_procedure) for i, item in enumerate(items))
        pathways = doc.get(("pathways",))
        for p, pathway in enumerate(pathways if isinstance(pathways, list) else []):
            options = pathway.get("options") if isinstance(pathway, dict) else None
            for o, option in enumerate(options if isinstance(options, list) else []):
                if isinstance(option, dict) and "procedure" in option:
                    refs.append((("pathways", p, "options", o, "procedure"), option["procedure"], True))
        for path, target, must_be_procedure in refs:
            if not isinstance(target, str):
                continue
            targets = index.pages.get(target)
            if not targets:
                meant = _unusable(target, index)
                if meant is not None:
                    message = (
                        f"'{target}' cannot be used: {meant}, which holds it, is not a readable topic or procedure"
                    )
                    yield at("N003", doc, path, message + " (fix the errors reported there)")
                    continue
                close = _close_ids(target, index)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                yield at("N003", doc, path, f"'{target}' does not exist: no topic or procedure has this id{hint}")
            elif must_be_procedure and all(t.kind != "procedure" for t in targets):
                yield at("N003", doc, path, f"'{target}' is a {targets[0].kind}, not a procedure")


@rule("N004", "unlisted-procedure", severity="warning", scope="project", reports_on=("procedure",))
def unlisted_procedure(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a procedure that no topic lists in its `procedures`. Not while a content file cannot be
    read, or a topic's YAML is rejected (its Y error says why): it may be the topic that lists the procedure.

    ## Why it matters
    A procedure page no topic links to is unreachable for readers, and is easily forgotten at review time.

    ## Example
    A file `content/procedures/wedge-resection.yaml` that no topic's `procedures` names.

    ## Use instead
    ```yaml
    # content/topics/gi-net-surgery.yaml
    procedures: [..., wedge-resection]
    ```

    ## Options
    Ignore the rule for a draft with `# netlint: disable-file=N004` in the procedure's file.
    """
    procedures = [doc for doc in _reported(ctx, "procedure") if doc.id is not None]
    if not procedures or index.holds_back("N004", "topic"):
        return  # a topic that cannot be read, or was read only in part (its own Y error says why), may list them
    listed: set[str] = set()
    for topic in index.of_kind("topic", valid_only=False):
        listed.update(listed_procedures(topic.data))
    for doc in procedures:
        if doc.id not in listed:
            yield at("N004", doc, ("id",), f"no topic lists procedure '{doc.id}'; add it to a topic's procedures")


def _unusable(target: str, index: ProjectIndex) -> str | None:
    """The file meant to hold page ``target`` when it cannot be used: a document with that id but no
    page kind (a mistyped or missing `kind`), or an unreadable file of that name (ids are file names)."""
    meant = index.memo.get("unusable pages")
    if meant is None:
        meant = {PurePosixPath(path).stem: path for path in sorted(index.unreadable, reverse=True)}
        for other in index.documents:
            data = other.data
            kind = data.get("kind") if isinstance(data, dict) else None
            if kind in DOCUMENT_KINDS or (kind in REGISTRY_KINDS and not other.broken):
                continue
            ident = data.get("id") if isinstance(data, dict) else None
            # By its id, or (ids are file names) by its file name when the YAML broke before the id.
            meant.setdefault(ident if isinstance(ident, str) else PurePosixPath(other.path).stem, other.path)
        index.memo["unusable pages"] = meant
    found = meant.get(target)
    return found if isinstance(found, str) else None


def _close_ids(target: str, index: ProjectIndex) -> list[str]:
    """The id closest to a mistyped one, if any is close enough."""
    from netlint.closest import close_match  # only when a reference is broken

    close = close_match(target, index.pages, 0.7)
    return [] if close is None else [close]


def _term_key(form: str) -> str:
    """A glossary form as one term: "Crohn’s" is "crohn's", "non-Hodgkin" "non hodgkin"; but an
    abbreviation keeps its case, as the pages' links match it ("AIDS" is not "aids", a walking aid)."""
    import unicodedata

    from netlint.prose.text import is_abbreviation

    form = unicodedata.normalize("NFC", form).replace("’", "'")
    abbreviation = is_abbreviation(form)
    folded = form if abbreviation else form.casefold()
    return ("A " if abbreviation else "") + " ".join(folded.replace("-", " ").replace("‐", " ").split())


def _where_entry(first: Entry, later: Entry) -> str:
    return where(first.doc, (*first.path, "id"), later.doc)
