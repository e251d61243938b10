"""C001-C006: citations and sources."""

from __future__ import annotations

import pytest

from conftest import PROCEDURE, SOURCES, TOPIC, found, run
from netlint.rules.citations import normalise_url

PROC = "content/procedures/proc-a.yaml"
TOPIC_PATH = "content/topics/topic-a.yaml"
SOURCES_PATH = "content/sources.yaml"


def source(ident: str, *, year: int = 2024, extra: str = "", url: str = "", accessed: str = "") -> str:
    """One more entry for the sources list (7 lines plus ``extra``)."""
    text = (
        f"  - id: {ident}\n    type: article\n    title: Title of {ident}\n    publisher: A journal\n    year: {year}\n"
    )
    if url:
        text += f"    url: {url}\n"
    if accessed:
        text += f"    accessed: {accessed}\n"
    return text + extra


def procedure(cites: str = "[src-a]", indications: str = "") -> str:
    """The base procedure with its section citing ``cites`` (line 12, column 12 on) and optional indications."""
    text = PROCEDURE.format(id="proc-a").replace("    cites: [src-a]\n", f"    cites: {cites}\n" if cites else "")
    return text.replace("review:", indications + "review:") if indications else text


def messages(result, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


# C001 ---------------------------------------------------------------------


def test_c001_unknown_source_with_suggestion(make_project) -> None:
    root = make_project({PROC: procedure("[src-a, src-b, zzz-unrelated]")}, base=True)
    result = run(root)
    assert found(result, "C001") == [(PROC, "C001", 12, 20), (PROC, "C001", 12, 27)]
    first, second = messages(result, "C001")
    assert first == "cites 'src-b', which is not in the sources file (did you mean 'src-a'?)"
    assert "did you mean" not in second


def test_c001_checks_indications_and_pathways(make_project) -> None:
    indication = (
        "indications:\n  - site: rectum\n    size: {lte: 2, unit: cm}\n    text: Small ones.\n    cites: [nope]\n"
    )
    pathway = (
        "pathways:\n  - id: by-size\n    site: rectum\n    question: Which?\n"
        "    options:\n      - size: {gt: 0, unit: cm}\n        procedure: proc-a\n    cites: [gone]\n"
    )
    topic = TOPIC.format(id="topic-a", procedures="proc-a").replace("review:", pathway + "review:")
    root = make_project({PROC: procedure(indications=indication), TOPIC_PATH: topic}, base=True)
    assert found(run(root), "C001") == [(PROC, "C001", 17, 13), (TOPIC_PATH, "C001", 20, 13)]


def test_c001_superseded_by_an_unregistered_source(make_project) -> None:
    sources = SOURCES + "    superseded_by: src-z\n"
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C001") == [(SOURCES_PATH, "C001", 11, 20)]
    assert "superseded_by names 'src-z'" in messages(result, "C001")[0]


def test_c001_superseded_by_the_source_itself(make_project) -> None:
    sources = SOURCES + "    superseded_by: src-a\n"
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C001") == [(SOURCES_PATH, "C001", 11, 20)]
    assert messages(result, "C001") == [
        "superseded_by names 'src-a', this source itself; name the newer edition that replaces it"
    ]


def test_c001_a_loop_of_editions(make_project) -> None:
    # "a" superseded by "b" and "b" by "a" passed the sources file, and C004 sent each page round in circles.
    sources = SOURCES + "    superseded_by: src-b\n" + source("src-b", extra="    superseded_by: src-a\n")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C001") == [(SOURCES_PATH, "C001", 17, 20)]  # at the loop's last source in the file
    assert messages(result, "C001") == [
        "superseded_by makes a loop of editions ('src-b' → 'src-a' → 'src-b'): none of them is the newest; "
        "remove superseded_by from the newest edition"
    ]
    assert messages(result, "C004")[0] == (
        "cites 'src-a', which is superseded by 'src-b' (Title of src-b); but 'src-b' is marked as superseded by "
        "'src-a' again, a loop of editions (C001 in the sources file): remove superseded_by from the newest "
        "edition, then cite it"
    )


def test_c001_a_loop_of_three_editions_and_a_chain_into_it(make_project) -> None:
    sources = (
        SOURCES
        + "    superseded_by: src-b\n"
        + source("src-b", extra="    superseded_by: src-c\n")
        + source("src-c", extra="    superseded_by: src-a\n")
        + source("src-old", extra="    superseded_by: src-a\n")  # leads into the loop: not itself in it
    )
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C001") == [(SOURCES_PATH, "C001", 23, 20)]
    assert messages(result, "C001")[0].startswith(
        "superseded_by makes a loop of editions ('src-c' → 'src-a' → 'src-b' → 'src-c')"
    )
    assert "a loop of editions" in messages(result, "C004")[0]


def test_c001_no_loop_in_a_chain_of_editions(make_project) -> None:
    chain = source("src-b", extra="    superseded_by: src-c\n") + source("src-c")
    result = run(make_project({SOURCES_PATH: SOURCES + "    superseded_by: src-b\n" + chain}, base=True))
    assert found(result, "C001") == []
    assert "loop" not in messages(result, "C004")[0]


def test_c001_not_when_every_citation_is_registered(make_project) -> None:
    assert found(run(make_project(base=True)), "C001") == []


def test_c001_quiet_while_the_sources_file_cannot_be_read(make_project) -> None:
    broken = SOURCES + "  - id: [unclosed\n"
    result = run(make_project({SOURCES_PATH: broken, PROC: procedure("[src-b]")}, base=True))
    assert found(result, "Y001") and found(result, "C001") == []


# C002 ---------------------------------------------------------------------


def test_c002_section_without_citation(make_project) -> None:
    result = run(make_project({PROC: procedure(cites="")}, base=True))
    assert found(result, "C002") == [(PROC, "C002", 10, 5)]
    assert messages(result, "C002") == ["section 'What happens' cites no source; add `cites: [<source id>]`"]


def test_c002_indication_and_pathway_without_citation(make_project) -> None:
    indication = "indications:\n  - site: rectum\n    size: {lte: 2, unit: cm}\n    text: Small ones.\n"
    pathway = (
        "pathways:\n  - id: by-size\n    site: rectum\n    question: Which?\n"
        "    options:\n      - size: {gt: 0, unit: cm}\n        procedure: proc-a\n"
    )
    topic = TOPIC.format(id="topic-a", procedures="proc-a").replace("review:", pathway + "review:")
    result = run(make_project({PROC: procedure(indications=indication), TOPIC_PATH: topic}, base=True))
    assert found(result, "C002") == [(PROC, "C002", 14, 5), (TOPIC_PATH, "C002", 14, 5)]
    assert messages(result, "C002")[1].startswith("pathway 'by-size' cites no source")


def test_c002_empty_list_points_at_it_and_keeps_the_document_valid(make_project) -> None:
    result = run(make_project({PROC: procedure(cites="[]")}, base=True))
    assert found(result, "C002") == [(PROC, "C002", 12, 12)]
    assert messages(result, "C002") == [
        "section 'What happens' cites no source: its `cites` list is empty; add a source id to it"
    ]
    assert [diag.code for diag in result.diagnostics] == ["C002"]  # no S001: the other rules still run


def test_c002_not_when_everything_cites(make_project) -> None:
    assert found(run(make_project(base=True)), "C002") == []


# C003 ---------------------------------------------------------------------


def test_c003_source_nothing_cites(make_project) -> None:
    sources = SOURCES + source("src-b") + source("src-c", extra="    superseded_by: src-b\n")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    # src-b is only named by src-c's superseded_by: that is not a citation (src-c, an older edition kept
    # to say what replaced it, is no C003)
    assert found(result, "C003") == [(SOURCES_PATH, "C003", 11, 9)]
    assert messages(result, "C003")[0] == "source 'src-b' is not cited by any topic or procedure; cite it or remove it"


def test_c003_not_when_cited(make_project) -> None:
    sources = SOURCES + source("src-b")
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b]")}, base=True)
    assert found(run(root), "C003") == []


def test_c003_counts_citations_in_documents_failing_their_schema(make_project) -> None:
    sources = SOURCES + source("src-b")
    invalid = procedure("[src-a, src-b]").replace("approach: surgical", "approach: laser")
    result = run(make_project({SOURCES_PATH: sources, PROC: invalid}, base=True))
    assert found(result, "S001") and found(result, "C003") == []


def test_c003_counts_citations_in_documents_with_a_yaml_error(make_project) -> None:
    sources = SOURCES + source("src-b")
    duplicated = procedure("[src-a, src-b]") + "title: Twice\n"  # Y002: the document is still read
    result = run(make_project({SOURCES_PATH: sources, PROC: duplicated}, base=True))
    assert found(result, "Y002") and found(result, "C003") == []


def test_c003_not_while_a_page_is_read_only_in_part(make_project) -> None:
    # A YAML error before its citations: the page may cite src-b, "nothing cites it" would be false.
    sources = SOURCES + source("src-b")
    cut = procedure("[src-a]").replace("title:", "title: [", 1)
    result = run(make_project({SOURCES_PATH: sources, PROC: cut}, base=True))
    assert found(result, "Y001") and found(result, "C003") == []
    # With every page read in full, src-b is reported.
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C003") == [(SOURCES_PATH, "C003", 11, 9)]


def test_c003_not_while_a_page_that_may_cite_them_cannot_be_read(make_project) -> None:
    sources = SOURCES + source("src-b")
    unreadable = procedure("[src-a, src-b]").encode() + b"# Reviewed by Dr Pe\xf1a\n"
    result = run(make_project({SOURCES_PATH: sources, PROC: unreadable}, base=True))
    assert found(result, "Y003") and found(result, "C003") == []


# C004 ---------------------------------------------------------------------


def test_c004_cites_a_superseded_source_naming_the_newer_one(make_project) -> None:
    sources = SOURCES + "    superseded_by: src-b\n" + source("src-b")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C004") == [(PROC, "C004", 12, 13), (TOPIC_PATH, "C004", 11, 13)]
    assert messages(result, "C004")[0] == (
        "cites 'src-a', which is superseded by 'src-b' (Title of src-b); check the text against 'src-b' and cite it"
    )


def test_c004_follows_the_chain_to_the_newest_edition(make_project) -> None:
    sources = (
        SOURCES + "    superseded_by: src-b\n" + source("src-b", extra="    superseded_by: src-c\n") + source("src-c")
    )
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert (
        "superseded by 'src-b' (Title of src-b), itself superseded by 'src-c' (Title of src-c)"
        in messages(result, "C004")[0]
    )


@pytest.mark.parametrize(
    ("editions", "expected"),
    [
        (
            4,  # all four: "and by 0 more" said nothing
            "cites 'src-a', which is superseded by 'e1' (Title of e1), itself superseded by 'e2' (Title of e2), "
            "itself superseded by 'e3' (Title of e3), itself superseded by 'e4' (Title of e4); check the text "
            "against 'e4' and cite it",
        ),
        (
            6,
            "cites 'src-a', which is superseded by 'e1' (Title of e1), itself superseded by 'e2' (Title of e2), "
            "itself superseded by 'e3' (Title of e3), and then by 2 more editions, the newest being 'e6' "
            "(Title of e6); check the text against 'e6' and cite it",
        ),
        (
            100,  # followed to its end: the newest is named
            "cites 'src-a', which is superseded by 'e1' (Title of e1), itself superseded by 'e2' (Title of e2), "
            "itself superseded by 'e3' (Title of e3), and then by 96 more editions, the newest being 'e100' "
            "(Title of e100); check the text against 'e100' and cite it",
        ),
        (
            150,
            "cites 'src-a', which is superseded by 'e1' (Title of e1), itself superseded by 'e2' (Title of e2), "
            "itself superseded by 'e3' (Title of e3), and by more than 97 editions after it; follow its "
            "superseded_by chain past 'e100' to the newest edition, and cite that",
        ),
    ],
)
def test_c004_a_long_chain_is_named_in_short(make_project, editions: int, expected: str) -> None:
    # Each citation's message named every edition: a chain of 6,000 cited 6,000 times was 700 MB of report.
    chain = "    superseded_by: e1\n" + "".join(
        source(f"e{n}", extra=f"    superseded_by: e{n + 1}\n" if n < editions else "") for n in range(1, editions + 1)
    )
    result = run(make_project({SOURCES_PATH: SOURCES + chain}, base=True))
    assert found(result, "C004") == [(PROC, "C004", 12, 13), (TOPIC_PATH, "C004", 11, 13)]
    assert messages(result, "C004")[0] == expected


def test_c004_a_source_superseded_by_itself_is_still_superseded(make_project) -> None:
    result = run(make_project({SOURCES_PATH: SOURCES + "    superseded_by: src-a\n"}, base=True))
    assert found(result, "C004") == [(PROC, "C004", 12, 13), (TOPIC_PATH, "C004", 11, 13)]
    assert messages(result, "C004")[0] == (
        "cites 'src-a', which the sources file marks as superseded by itself; "
        "name the newer edition in its superseded_by, then cite that one"
    )


def test_c004_a_source_superseded_by_an_unregistered_one_is_still_superseded(make_project) -> None:
    # C001 reports the unknown id in the sources file; the pages citing the old edition still hear of it.
    result = run(make_project({SOURCES_PATH: SOURCES + "    superseded_by: src-z\n"}, base=True))
    assert found(result, "C004") == [(PROC, "C004", 12, 13), (TOPIC_PATH, "C004", 11, 13)]
    assert messages(result, "C004")[0] == (
        "cites 'src-a', which is superseded by 'src-z', which is not in the sources file; "
        "add the newer edition there, then cite it"
    )


def test_c004_not_for_current_sources(make_project) -> None:
    sources = SOURCES + source("src-b", extra="    superseded_by: src-a\n")
    assert found(run(make_project({SOURCES_PATH: sources}, base=True)), "C004") == []


# C005 ---------------------------------------------------------------------


def test_c005_accessed_in_the_future(make_project) -> None:
    sources = SOURCES.replace("accessed: 2025-03-20", "accessed: 2026-11-27")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C005") == [(SOURCES_PATH, "C005", 10, 15)]
    assert "2026-11-27 is in the future (today is 2026-11-26)" in messages(result, "C005")[0]


def test_c005_accessed_before_the_publication_year(make_project) -> None:
    sources = SOURCES.replace("accessed: 2025-03-20", "accessed: 2023-12-31")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C005") == [(SOURCES_PATH, "C005", 10, 15)]
    assert "before its publication year 2024" in messages(result, "C005")[0]


def test_c005_url_without_accessed_points_at_the_entry(make_project) -> None:
    sources = SOURCES.replace("    accessed: 2025-03-20\n", "")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C005") == [(SOURCES_PATH, "C005", 4, 5)]
    assert "has a url but no accessed date" in messages(result, "C005")[0]


def test_c005_not_for_today_the_same_year_or_no_url(make_project) -> None:
    sources = (
        SOURCES.replace("accessed: 2025-03-20", "accessed: 2026-11-26")
        + source("src-b", accessed="2024-01-01")
        + source("src-c")
    )
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b, src-c]")}, base=True)
    assert found(run(root), "C005") == []


def test_c005_checks_each_source_when_another_fails_the_schema(make_project) -> None:
    # One entry with a type outside the enum (S001) must not hide the access dates of all the others.
    sources = SOURCES.replace("accessed: 2025-03-20", "accessed: 2026-11-27") + source(
        "src-b", url="https://example.org/b", accessed="2025-03-20"
    ).replace("type: article", "type: blogpost")
    result = run(make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b]")}, base=True))
    assert found(result, "S001") == [(SOURCES_PATH, "S001", 12, 11)]
    assert found(result, "C005") == [(SOURCES_PATH, "C005", 10, 15)]


# C006 ---------------------------------------------------------------------


def test_c006_same_url_after_normalisation(make_project) -> None:
    sources = SOURCES + source("src-b", url="HTTPS://Example.ORG/a/#top", accessed="2025-03-20")
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b]")}, base=True)
    result = run(root)
    assert found(result, "C006") == [(SOURCES_PATH, "C006", 16, 10)]
    assert messages(result, "C006") == [
        "source 'src-b' has the same web address as source 'src-a' on line 9; keep one of them"
    ]


def test_c006_same_doi_ignoring_case(make_project) -> None:
    sources = SOURCES + source("src-b", extra="    doi: 10.1000/ABC.1\n")
    sources += source("src-c", extra="    doi: 10.1000/abc.1\n")
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b, src-c]")}, base=True)
    result = run(root)
    assert found(result, "C006") == [(SOURCES_PATH, "C006", 22, 10)]
    assert "same DOI as source 'src-b' on line 16" in messages(result, "C006")[0]


def test_c006_same_address_over_http_and_https(make_project) -> None:
    sources = SOURCES + source("src-b", url="http://example.org/a", accessed="2025-03-20")
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b]")}, base=True)
    assert found(run(root), "C006") == [(SOURCES_PATH, "C006", 16, 10)]


def test_c006_a_doi_and_its_web_address(make_project) -> None:
    sources = SOURCES + source("src-b", url="https://doi.org/10.1000/ABC.1", accessed="2025-03-20")
    sources += source("src-c", extra="    doi: 10.1000/abc.1\n")
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b, src-c]")}, base=True)
    result = run(root)
    assert found(result, "C006") == [(SOURCES_PATH, "C006", 23, 10)]
    assert messages(result, "C006") == [
        "source 'src-c' has the same DOI as source 'src-b' on line 16; keep one of them"
    ]


def test_c006_a_source_may_give_its_doi_and_that_doi_s_address(make_project) -> None:
    doi = "    doi: 10.1000/abc.1\n"
    sources = SOURCES + source("src-b", url="https://doi.org/10.1000/ABC.1", accessed="2025-03-20", extra=doi)
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b]")}, base=True)
    assert found(run(root), "C006") == []
    sources += source("src-c", extra=doi)  # but another source with that DOI is a duplicate
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b, src-c]")}, base=True)
    result = run(root)
    assert found(result, "C006") == [(SOURCES_PATH, "C006", 24, 10)]
    assert messages(result, "C006") == [
        "source 'src-c' has the same DOI as source 'src-b' on line 16; keep one of them"
    ]


def test_c006_checks_each_source_when_another_fails_the_schema(make_project) -> None:
    sources = SOURCES.replace("type: summary", "type: blogpost")
    sources += source("src-b", url="https://example.org/a", accessed="2025-03-20")
    result = run(make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b]")}, base=True))
    assert found(result, "S001") == [(SOURCES_PATH, "S001", 5, 11)]
    assert found(result, "C006") == [(SOURCES_PATH, "C006", 16, 10)]


def test_c003_checks_each_source_when_another_fails_the_schema(make_project) -> None:
    sources = SOURCES.replace("type: summary", "type: blogpost") + source("src-b")
    result = run(make_project({SOURCES_PATH: sources}, base=True))
    assert found(result, "C003") == [(SOURCES_PATH, "C003", 11, 9)]


def test_c006_not_for_different_addresses(make_project) -> None:
    sources = (
        SOURCES
        + source("src-b", url="https://example.org/a?page=2", accessed="2025-03-20")
        + source("src-c", url="https://example.org/b", accessed="2025-03-20", extra="    doi: 10.1000/abc.2\n")
    )
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, src-b, src-c]")}, base=True)
    assert found(run(root), "C006") == []


def test_normalise_url() -> None:
    assert normalise_url("HTTPS://WWW.Cancer.gov:443/Types/#x") == "https://www.cancer.gov/Types"
    assert normalise_url("https://example.org") == normalise_url("https://example.org/")
    assert normalise_url("http://example.org:8080/a?b=1") == "https://example.org:8080/a?b=1"
    assert normalise_url("https://dx.doi.org/10.1000%2FABC.1") == "doi:10.1000/abc.1"
    assert normalise_url(None) is None and normalise_url("  ") is None


def test_c001_says_when_there_is_no_sources_file(make_project) -> None:
    root = make_project({PROC: procedure(), "content/sources.yaml": "schema_version: 1\nkind: glossary\nterms: []\n"})
    result = run(root)
    assert found(result, "C001") == [(PROC, "C001", 12, 13)]
    assert "the project has no sources file (kind: sources)" in messages(result, "C001")[0]


def test_c006_editions_linked_by_superseded_by_may_share_an_address(make_project) -> None:
    """NCCN keeps one PDF address for every version of a guideline: registering the new edition and
    marking the old one superseded (SPEC §3.1) is no duplicate, through editions between them too."""
    old = SOURCES.replace("    accessed: 2025-03-20\n", "    accessed: 2025-03-20\n    superseded_by: src-b\n")
    b = source("src-b", url="https://example.org/a", accessed="2025-03-20", extra="    superseded_by: src-c\n")
    c = source("src-c", year=2025, url="https://example.org/a", accessed="2025-03-20")
    root = make_project({SOURCES_PATH: old + b + c, PROC: procedure("[src-c]")}, base=True)
    assert found(run(root), "C006") == []
    # An unrelated source at that address is still a duplicate, and so is one edition's DOI given twice.
    d = source("src-d", url="https://example.org/a/", accessed="2025-03-20")
    root = make_project({SOURCES_PATH: old + b + c + d, PROC: procedure("[src-c, src-d]")}, base=True)
    result = run(root)
    assert found(result, "C006") == [(SOURCES_PATH, "C006", 32, 10)]
    assert messages(result, "C006") == [
        "source 'src-d' has the same web address as source 'src-a' on line 9; keep one of them"
    ]


def test_c001_superseded_by_an_unregistered_source_never_suggests_the_source_itself(make_project) -> None:
    extra = "    superseded_by: nccn-breast-v1-2026\n"
    sources = SOURCES + source("nccn-breast-v4-2025", url="https://example.org/nccn.pdf", extra=extra)
    root = make_project({SOURCES_PATH: sources, PROC: procedure("[src-a, nccn-breast-v4-2025]")}, base=True)
    result = run(root)
    assert found(result, "C001") == [(SOURCES_PATH, "C001", 17, 20)]
    assert messages(result, "C001") == ["superseded_by names 'nccn-breast-v1-2026', which is not in the sources file"]


def test_c003_not_for_an_older_edition_kept_with_superseded_by(make_project) -> None:
    """SPEC §3.1: the old entry stays, with superseded_by, and is no longer cited (C004): "cite it or
    remove it" was the wrong advice."""
    old = SOURCES.replace("    accessed: 2025-03-20\n", "    accessed: 2025-03-20\n    superseded_by: src-b\n")
    newer = source("src-b", year=2025, url="https://example.org/b", accessed="2025-03-20")
    root = make_project({SOURCES_PATH: old + newer, PROC: procedure("[src-b]")}, base=True)
    result = run(root)
    assert [place for place in found(result, "C003") if place[0] == SOURCES_PATH] == []
    unused = source("src-c", url="https://example.org/c", accessed="2025-03-20")
    root = make_project({SOURCES_PATH: old + newer + unused, PROC: procedure("[src-b]")}, base=True)
    assert [place[:3] for place in found(run(root), "C003") if place[0] == SOURCES_PATH] == [(SOURCES_PATH, "C003", 19)]
