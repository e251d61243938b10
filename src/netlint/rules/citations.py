"""C rules: every claim cites a registered, current, well-formed source."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from netlint.diagnostic import plural
from netlint.rules._registry import at, rule, where
from netlint.schemas import is_date

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context, ProjectIndex
    from netlint.loader import DataPath, Document

CITING = ("indications", "sections", "pathways")  # the blocks that carry `cites`
_LABEL = {"indications": "indication", "sections": "section", "pathways": "pathway"}


def citing_blocks(doc: Document) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """Each indication, section and pathway of a topic or procedure, with its data path."""
    for key in CITING:
        items = doc.get((key,))
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield (key, i), item


def cited(doc: Document) -> list[str]:
    """Every cited source id in a document, in order (found once per document): cheaper than :func:`cites`."""
    found: list[str] | None = doc.memo.get("cited")
    if found is None:  # citing_blocks, unrolled: this runs for every document, in three rules
        found = doc.memo["cited"] = []
        data = doc.data
        for key in CITING if isinstance(data, dict) else ():
            items = data.get(key)
            for block in items if isinstance(items, list) else ():
                listed = block.get("cites") if isinstance(block, dict) else None
                if isinstance(listed, list):
                    found += [ident for ident in listed if isinstance(ident, str)]
    return found


def _all_cite(data: dict[str, Any]) -> bool:
    """Whether every citing block has a non-empty `cites` (the usual case, decided without paths)."""
    for key in CITING:
        items = data.get(key)
        for block in items if isinstance(items, list) else ():
            if isinstance(block, dict) and not block.get("cites"):
                return False
    return True


def cites(doc: Document) -> list[tuple[DataPath, str]]:
    """Every cited source id in a document, with the data path of that list item (found once per document)."""
    found: list[tuple[DataPath, str]] | None = doc.memo.get("cites")
    if found is None:
        found = doc.memo["cites"] = [
            ((*path, "cites", j), ident)
            for path, block in citing_blocks(doc)
            for j, ident in enumerate(block["cites"] if isinstance(block.get("cites"), list) else ())
            if isinstance(ident, str)
        ]
    return found


def registry_trusted(index: ProjectIndex, kind: str) -> bool:
    """False when a registry file exists but its YAML was rejected.

    Its ids cannot be read reliably then, so rules that look ids up stay quiet
    instead of flagging every reference: the Y diagnostic says what to fix.
    """
    docs = index.kinds.get(kind, [])
    return not docs or any(not doc.broken for doc in docs)


def parse_date(value: object) -> datetime.date | None:
    """A `YYYY-MM-DD` string as a date; None for anything else (as the schema's `date` format reads it)."""
    if not isinstance(value, str) or not is_date(value):
        return None
    return datetime.date.fromisoformat(value)


def _suggest(ident: str, known: Iterable[str], exclude: str | None = None) -> str:
    from netlint.closest import close_match  # only for an unknown id

    close = close_match(ident, known, 0.7, exclude)
    return f" (did you mean '{close}'?)" if close is not None else ""


@rule("C001", "unknown-source", severity="error", scope="document")
def unknown_source(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a citation of a source id that is not in the sources file. Citations are the `cites` lists of
    indications, sections and pathways; a "did you mean" suggestion is given when a registered id is close.
    A source's `superseded_by` naming an unregistered id, or the source itself, is reported too, and so is
    a loop of editions ("a" superseded by "b", "b" by "a"), at the last of its sources in the file.

    ## Why it matters
    A citation that resolves to nothing cannot be checked by reviewers and becomes a dead reference in the
    published page: readers are told a statement is supported when nobody can see by what.

    ## Example
    ```yaml
    sections:
      - heading: What to expect
        text: ...
        cites: [pdq-gi-carcinoid-2024]   # not in sources.yaml
    ```

    ## Use instead
    ```yaml
        cites: [pdq-gi-carcinoid-hp-2024]
    ```
    or register the source in `content/sources.yaml` first.

    ## Options
    None. When the sources file itself cannot be read (a Y error), this rule stays quiet until it can.
    """
    index = ctx.index
    if not registry_trusted(index, "sources"):
        return
    if doc.kind == "sources":
        items = doc.get(("sources",))
        for i, item in enumerate(items if isinstance(items, list) else []):
            newer = item.get("superseded_by") if isinstance(item, dict) else None
            if isinstance(newer, str) and newer == item.get("id"):
                message = f"superseded_by names '{newer}', this source itself; name the newer edition that replaces it"
                yield at("C001", doc, ("sources", i, "superseded_by"), message)
            elif isinstance(newer, str) and newer not in index.sources:
                message = (
                    f"superseded_by names '{newer}', which is not in the sources file"
                    f"{_suggest(newer, index.sources, exclude=item.get('id'))}"  # (not itself)
                )
                yield at("C001", doc, ("sources", i, "superseded_by"), message)
        yield from _loops(doc, index, items if isinstance(items, list) else [])
        return
    if doc.kind not in ("topic", "procedure"):
        return
    if index.sources.keys() >= set(cited(doc)):
        return  # the usual case, decided at once
    for path, ident in cites(doc):
        if ident in index.sources:
            continue
        if "sources" not in index.kinds:
            message = f"cites '{ident}', but the project has no sources file (kind: sources) to register it in"
        else:
            message = f"cites '{ident}', which is not in the sources file{_suggest(ident, index.sources)}"
        yield at("C001", doc, path, message)


@rule("C002", "missing-citation", severity="error", scope="document")
def missing_citation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports an indication, a section or a pathway without a citation: no `cites`, or an empty list.

    ## Why it matters
    Every medical statement on a patient page must be traceable to the evidence behind it, so that
    reviewers can check it and update it when that evidence changes.

    ## Example
    ```yaml
    sections:
      - heading: What to expect
        text: The surgeon removes the tumor with a rim of normal tissue.
    ```

    ## Use instead
    ```yaml
    sections:
      - heading: What to expect
        text: The surgeon removes the tumor with a rim of normal tissue.
        cites: [acs-gi-net-surgery-2025]
    ```

    ## Options
    None.
    """
    if doc.kind not in ("topic", "procedure") or _all_cite(doc.data):
        return
    for path, block in citing_blocks(doc):
        if not block.get("cites"):
            label = _LABEL[str(path[0])]
            name = block.get("heading") or block.get("id") or block.get("site")
            named = f" '{name}'" if isinstance(name, str) else ""
            if block.get("cites") == []:  # an empty list: point at it
                message = f"{label}{named} cites no source: its `cites` list is empty; add a source id to it"
                yield at("C002", doc, (*path, "cites"), message)
            else:
                yield at("C002", doc, path, f"{label}{named} cites no source; add `cites: [<source id>]`")


@rule("C003", "uncited-source", severity="warning", scope="project", reports_on=("sources",))
def uncited_source(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a source that no topic or procedure cites. Being named in another source's `superseded_by`
    does not count as a citation. Not a source that has `superseded_by` itself: an older edition is
    kept, uncited, to record what replaced it (SPEC §3.1; C004 asks to stop citing it). Not while a
    content file cannot be read, or a page's YAML is rejected (its Y error says why): that page may
    cite the source.

    ## Why it matters
    An unused source is usually a leftover: a citation was removed or mistyped, or the source was
    registered and then forgotten. It also bloats the published bibliography.

    ## Example
    ```yaml
    sources:
      - id: old-leaflet-2019     # no page cites it
        ...
    ```

    ## Use instead
    Cite the source where it supports the text, or delete it from the sources file.

    ## Options
    None. Suppress one entry with `# netlint: disable=C003` on the line of its `id`.
    """
    if index.holds_back("C003", "topic", "procedure"):
        return  # a page that cannot be read, or was read only in part (its own Y error says why), may cite them
    used: set[str] = set()
    for doc in index.of_kind("topic", "procedure", valid_only=False):
        used.update(cited(doc))
    for ident, entries in sorted(index.sources.items()):
        first = entries[0]
        if isinstance(first.data.get("superseded_by"), str):
            continue  # an older edition, kept to say what replaced it
        if ident not in used and not first.doc.broken:
            message = f"source '{ident}' is not cited by any topic or procedure; cite it or remove it"
            yield at("C003", first.doc, (*first.path, "id"), message)


@rule("C004", "superseded-source", severity="warning", scope="document")
def superseded_source(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports every citation of a source that has `superseded_by`. The message names the newer edition
    and its title (and, when that one is superseded too, the whole chain to the newest one). A
    `superseded_by` that names the source itself, or an id the sources file lacks (C001 there), still
    marks the source as superseded; so does a loop of editions (C001 there), which the message names.

    ## Why it matters
    Guidelines are revised: a page citing an old edition may recommend what the new edition no longer
    does. Setting `superseded_by` once on the old source flags every page that still relies on it.

    ## Example
    ```yaml
    # sources.yaml: the old edition names the new one, which is in the file too
      - id: nccn-neuroendocrine-v5-2024
        superseded_by: nccn-neuroendocrine-v1-2025
      - id: nccn-neuroendocrine-v1-2025
    # a procedure
        cites: [nccn-neuroendocrine-v5-2024]
    ```

    ## Use instead
    ```yaml
        cites: [nccn-neuroendocrine-v1-2025]
    ```
    after checking the text against the new edition.

    ## Options
    None.
    """
    if doc.kind not in ("topic", "procedure"):
        return
    if _superseded(ctx.index).isdisjoint(cited(doc)):
        return  # the usual case, decided at once
    for path, ident in cites(doc):
        if ident not in _superseded(ctx.index):
            continue
        chain = _successors(ctx.index, ident)
        if chain:
            # One line per citation: not the whole of a long chain in each.
            shown = chain if len(chain) <= _SHOWN_STEPS + 1 else chain[:_SHOWN_STEPS]  # (not "and 0 more")
            newer = ", itself superseded by ".join(_describe(ctx.index, step) for step in shown)
            if len(chain) > MAX_CHAIN:  # a chain too long to follow: no newest edition to name
                newer += f", and by more than {MAX_CHAIN - _SHOWN_STEPS} editions after it"
                advice = (
                    f"follow its superseded_by chain past '{chain[MAX_CHAIN - 1]}' to the newest edition, and cite that"
                )
            else:
                if len(shown) < len(chain):
                    between = plural(len(chain) - _SHOWN_STEPS - 1, "more edition")
                    newer += f", and then by {between}, the newest being {_describe(ctx.index, chain[-1])}"
                advice = f"check the text against '{chain[-1]}' and cite it"
                back = _newer(ctx.index, chain[-1])
                if back is not None and back in (ident, *chain[:-1]):  # no newest edition to cite
                    advice = (
                        f"but '{chain[-1]}' is marked as superseded by '{back}' again, a loop of editions (C001 in "
                        "the sources file): remove superseded_by from the newest edition, then cite it"
                    )
            message = f"cites '{ident}', which is superseded by {newer}; {advice}"
        else:  # its superseded_by names itself, or a source the file lacks (C001 there): superseded all the same
            named = _newer(ctx.index, ident)
            if named == ident:
                message = (
                    f"cites '{ident}', which the sources file marks as superseded by itself; "
                    "name the newer edition in its superseded_by, then cite that one"
                )
            else:
                message = (
                    f"cites '{ident}', which is superseded by '{named}', which is not in the sources file; "
                    "add the newer edition there, then cite it"
                )
        yield at("C004", doc, path, message)


def _loops(doc: Document, index: ProjectIndex, items: list[Any]) -> Iterator[Diagnostic]:
    """C001 for each loop of `superseded_by` through registered sources of this file ("a" by "b", "b" by
    "a": no edition is the newest), at the `superseded_by` of the loop's last source in the file."""
    position: dict[str, int] = {}
    for i, item in enumerate(items):
        listed = item.get("id") if isinstance(item, dict) else None
        if isinstance(listed, str) and listed in index.sources:
            position.setdefault(listed, i)
    settled: set[str] = set()  # ids whose chain has been followed (linear: each is walked once)
    for start in position:
        walk: list[str] = []
        on_walk: dict[str, int] = {}
        ident: str | None = start
        while ident is not None and ident not in settled and ident not in on_walk:
            on_walk[ident] = len(walk)
            walk.append(ident)
            newer = _newer(index, ident)
            ident = newer if newer is not None and newer != ident and newer in position else None
        if ident is not None and ident in on_walk:
            loop = walk[on_walk[ident] :]
            last = max(loop, key=position.__getitem__)
            at_last = loop.index(last)
            shown = " → ".join(f"'{step}'" for step in [*loop[at_last:], *loop[:at_last], last])
            message = (
                f"superseded_by makes a loop of editions ({shown}): none of them is the newest; "
                "remove superseded_by from the newest edition"
            )
            yield at("C001", doc, ("sources", position[last], "superseded_by"), message)
        settled.update(walk)


def _newer(index: ProjectIndex, ident: str) -> str | None:
    """What a registered source's `superseded_by` names (a non-empty id), if anything."""
    entry = index.source(ident)
    newer = entry.data.get("superseded_by") if entry is not None else None
    return newer if isinstance(newer, str) and newer.strip() else None


def _superseded(index: ProjectIndex) -> frozenset[str]:
    """The registered sources whose `superseded_by` names an id (their citations C004 reports), found once
    per run: whether or not that id is registered (C001 reports it in the sources file)."""
    found: frozenset[str] | None = index.memo.get("C004 superseded")
    if found is None:
        found = index.memo["C004 superseded"] = frozenset(ident for ident in index.sources if _newer(index, ident))
    return found


def _successors(index: ProjectIndex, ident: str) -> list[str]:
    """The `superseded_by` chain after ``ident`` (registered ids only, stopping at a loop), found once per run."""
    key = ("C004 successors", ident)
    found: list[str] | None = index.memo.get(key)
    if found is None:
        found = index.memo[key] = _chain(index, ident)
    return found


# The editions of a superseded_by chain named in a C004 message, and the most followed: real chains are a
# few editions long; a hostile one of thousands, followed from each of thousands of citations, was quadratic.
_SHOWN_STEPS = 3
MAX_CHAIN = 100


def _chain(index: ProjectIndex, ident: str) -> list[str]:
    chain: list[str] = []
    seen = {ident}
    entry = index.source(ident)
    while entry is not None and len(chain) <= MAX_CHAIN:  # (one more than followed: the chain goes on)
        newer = entry.data.get("superseded_by")
        if not isinstance(newer, str) or newer in seen or index.source(newer) is None:
            break
        chain.append(newer)
        seen.add(newer)
        entry = index.source(newer)
    return chain


def _describe(index: ProjectIndex, ident: str) -> str:
    entry = index.source(ident)
    title = entry.data.get("title") if entry is not None else None
    return f"'{ident}' ({title})" if isinstance(title, str) else f"'{ident}'"


@rule("C005", "source-access-date", severity="error", scope="document", any_shape=True)
def source_access_date(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports an impossible or missing `accessed` date on a source. That is an `accessed` date after today
    or in a year before the source's `year` (at `accessed`), or a `url` without any `accessed` date (at
    the source entry).

    ## Why it matters
    Web pages change without notice: the access date says which version of the page supported the
    text. A date in the future or before publication is a typo that makes the record meaningless.

    ## Example
    ```yaml
      - id: pdq-gi-carcinoid-hp-2024
        year: 2024
        url: https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq
        accessed: 2023-03-20      # before the 2024 edition existed
    ```

    ## Use instead
    ```yaml
        accessed: 2025-03-20
    ```

    ## Options
    None. "Today" is the system date, `--today YYYY-MM-DD` or `NETLINT_TODAY`.
    """
    if doc.kind != "sources":
        return
    items = doc.get(("sources",))
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        name = item["id"] if isinstance(item.get("id"), str) else f"#{i + 1}"
        if "accessed" not in item:
            if "url" in item:
                message = (
                    f"source '{name}' has a url but no accessed date; "
                    "add `accessed: YYYY-MM-DD`, the day you last read the page"
                )
                yield at("C005", doc, ("sources", i), message)
            continue
        accessed = parse_date(item["accessed"])
        year = item.get("year")
        here = ("sources", i, "accessed")
        if accessed is None:
            continue  # the schema reports a malformed date
        if accessed > ctx.today:
            message = f"source '{name}' accessed date {accessed} is in the future (today is {ctx.today}); fix the date"
            yield at("C005", doc, here, message)
        elif isinstance(year, int) and accessed.year < year:
            message = f"source '{name}' accessed date {accessed} is before its publication year {year}; fix either"
            yield at("C005", doc, here, message)


@rule("C006", "duplicate-source", severity="error", scope="project", reports_on=("sources",))
def duplicate_source(index: ProjectIndex, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a source with the same web address or DOI as an earlier one. The later one is reported,
    naming the first and its line. Web addresses are compared with the host in lowercase, and http or
    https, a default port, a trailing slash and a `#fragment` ignored; DOIs are compared ignoring case,
    and a DOI's web address (`https://doi.org/10.1016/...`) is that DOI (so one source may give both).
    Editions of one work, linked by `superseded_by` (directly or through editions between them), may
    share a web address: some publishers keep one address for every version of a guideline (NCCN's
    PDFs, a revised ACS page). Not a DOI, which names one edition.

    ## Why it matters
    The same work registered twice splits its citations between two ids: one copy gets updated or
    superseded and the other silently goes stale.

    ## Example
    ```yaml
      - id: pdq-gi-carcinoid-hp-2024
        url: https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq
      - id: nci-carcinoid-pdq
        url: https://WWW.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq/
    ```

    ## Use instead
    Keep one entry and change the other's citations to its id.

    ## Options
    None.
    """
    seen: dict[tuple[str, str], tuple[str, Document, DataPath]] = {}
    editions = _editions(index)
    # Entry by entry, as it stands: one entry failing the schema must not hide the others' duplicates.
    for doc in index.of_kind("sources", valid_only=False):
        if doc.broken:
            continue
        items = doc.get(("sources",))
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            entry_id = item.get("id")
            for field, label, value in (
                ("url", "web address", normalise_url(item.get("url"))),
                ("doi", "DOI", normalise_doi(item.get("doi"))),
            ):
                if value is None:
                    continue
                if value.startswith("doi:"):  # a DOI's web address (https://doi.org/...) is that DOI
                    label = "DOI"
                first = seen.get((label, value))
                if first is None:
                    seen[(label, value)] = (str(entry_id), doc, ("sources", i, field))
                    continue
                first_id, first_doc, first_path = first
                if first_doc is doc and first_path[1] == i:  # its `url` is its own DOI's address: one work
                    continue
                if field == "url" and label != "DOI" and editions(first_id) == editions(str(entry_id)):
                    continue  # two editions of one work at one address
                place = where(first_doc, first_path, doc)
                message = f"source '{entry_id}' has the same {label} as source '{first_id}' {place}; keep one of them"
                yield at("C006", doc, ("sources", i, field), message)


def _editions(index: ProjectIndex) -> Callable[[str], str]:
    """A function giving each source id its work: the id of the latest edition its `superseded_by` chain
    leads to (the id itself for a source nothing supersedes). Two ids with the same work are editions of it."""
    newer: dict[str, str] = {}
    for doc in index.of_kind("sources", valid_only=False):
        items = doc.get(("sources",)) if not doc.broken else None
        for item in items if isinstance(items, list) else []:
            ident, later = (item.get("id"), item.get("superseded_by")) if isinstance(item, dict) else (None, None)
            if isinstance(ident, str) and isinstance(later, str):
                newer.setdefault(ident, later)

    def work(ident: str) -> str:
        seen = {ident}
        while ident in newer and newer[ident] not in seen:  # (a loop of editions is C004's to report)
            ident = newer[ident]
            seen.add(ident)
        return ident

    return work


def normalise_url(url: object) -> str | None:
    """A URL in a form where trivially different spellings of one address compare equal: http and https,
    a default port, a trailing slash and a fragment do not count, nor the case of the scheme and host. A
    DOI's address (https://doi.org/10.1000/x, dx.doi.org too) is that DOI, as :func:`normalise_doi` gives it."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    if default_port:
        scheme = "https"  # the same page over either
        if netloc in ("doi.org", "dx.doi.org", "www.doi.org") and parts.path.strip("/"):
            return normalise_doi(unquote(parts.path.strip("/")))
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}{query}"


def normalise_doi(doi: object) -> str | None:
    """A DOI as "doi:" and the DOI in lowercase (DOIs ignore case), for comparing."""
    if not isinstance(doi, str) or not doi.strip():
        return None
    return "doi:" + doi.strip().lower()
