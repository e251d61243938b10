"""The static HTML site (html_site.render): structure, citations, glossary, JSON-LD, and hostile content kept inert.

Fast and browser-free: pages are parsed with html5lib (strict, so a parse error fails the
test). tests/test_browser.py opens the same pages in Chromium, runs axe-core and the Nu checker.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MakeProject
from netlint.api import known_codes, validate
from netlint.config import load_config
from netlint.exporters import json_bundle
from netlint.exporters.html_jsonld import person_or_organization, script_json
from netlint.exporters.html_site import render
from netlint.exporters.html_text import Glossary, PageText, link_url

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 1, 15)
CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
HOSTILE = (
    "<script>alert(1)</script> \" onmouseover=\"x ' onfocus='y </script><script>alert(1)</script> "
    "<!-- <img src=x onerror=alert(1)> \u202eevil\u202c &amp; javascript:alert(1)"
)
HOSTILE_URLS = {
    "src-a": "javascript:alert(1)",
    "src-b": "data:text/html,<script>alert(1)</script>",
    "src-c": 'https://ok.example/" onmouseover="x',
    "src-d": "//evil.example/protocol-relative",
}


def bundle_for(root: Path) -> dict[str, Any]:
    config = load_config(root, known_codes())
    return json_bundle.build(validate(config, TODAY).documents, TODAY)


def parse(path: Path) -> ET.Element:
    """The page as an element tree; strict, so any HTML parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: ET.Element = parser.parse(path.read_bytes(), likely_encoding="utf-8")
    return root


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def json_ld(tree: ET.Element) -> Any:
    (script,) = tree.iter("script")
    assert script.get("type") == "application/ld+json"
    return json.loads(script.text or "")


@pytest.fixture(scope="module")
def demo_bundle() -> dict[str, Any]:
    return bundle_for(REPO)


@pytest.fixture(scope="module")
def demo_site(demo_bundle: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    render(demo_bundle, out)
    return out


# --- the demo content ------------------------------------------------------------------------------------


def test_writes_index_stylesheet_and_one_page_per_topic_and_procedure(
    demo_site: Path, demo_bundle: dict[str, Any]
) -> None:
    written = sorted(path.relative_to(demo_site).as_posix() for path in demo_site.rglob("*") if path.is_file())
    expected = (
        ["favicon.svg", "index.html", "style.css"]
        + [f"procedures/{p['id']}.html" for p in demo_bundle["procedures"]]
        + [f"topics/{t['id']}.html" for t in demo_bundle["topics"]]
    )
    assert written == sorted(expected)
    index = parse(demo_site / "index.html")
    hrefs = {a.get("href") for a in index.iter("a")}
    assert {path for path in expected if path.endswith(".html") and "/" in path} <= hrefs


@pytest.mark.parametrize("name", ["index.html", "topics/gi-net-surgery.html", "procedures/local-excision.html"])
def test_page_head_landmarks_and_navigation(demo_site: Path, name: str) -> None:
    raw = (demo_site / name).read_text(encoding="utf-8")
    assert raw.startswith("<!doctype html>\n")
    tree = parse(demo_site / name)
    assert tree.get("lang") == "en"
    head = tree.find("head")
    assert head is not None
    metas = list(head.iter("meta"))
    assert metas[0].get("charset") == "utf-8"
    assert any(m.get("name") == "viewport" and "width=device-width" in (m.get("content") or "") for m in metas)
    assert [m.get("content") for m in metas if m.get("http-equiv") == "Content-Security-Policy"] == [CSP]
    assert text_of(head.find("title")) != ""  # type: ignore[arg-type]
    body = tree.find("body")
    assert body is not None
    skip = body[0]
    assert skip.tag == "a" and skip.get("href") == "#main"
    assert [child.tag for child in body][1:] == ["header", "main", "footer"]
    assert tree.find(".//main").get("id") == "main"  # type: ignore[union-attr]
    nav = tree.find("./body/header/nav")
    assert nav is not None and nav.find("a").get("href").endswith("index.html")  # type: ignore[union-attr]
    stylesheets = [link.get("href") for link in head.iter("link") if link.get("rel") == "stylesheet"]
    assert stylesheets == [("../" if "/" in name else "") + "style.css"]


def test_headings_start_at_one_h1_and_never_skip_a_level(demo_site: Path) -> None:
    for path in pages(demo_site):
        levels = [int(el.tag[1]) for el in parse(path).iter() if re.fullmatch(r"h[1-6]", str(el.tag))]
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_every_internal_link_and_anchor_resolves(demo_site: Path) -> None:
    for path in pages(demo_site):
        tree = parse(path)
        ids = {el.get("id") for el in tree.iter() if el.get("id")}
        for a in tree.iter("a"):
            href = a.get("href") or ""
            if urlsplit(href).scheme:
                continue
            target, _, fragment = href.partition("#")
            if target:
                assert (path.parent / target).resolve().is_file(), (path, href)
            else:
                assert fragment in ids, (path, href)


def test_topic_pathway_is_a_table_with_caption_and_header_cells(demo_site: Path) -> None:
    tree = parse(demo_site / "topics/gi-net-surgery.html")
    (table,) = tree.iter("table")
    assert table[0].tag == "caption" and table.get("id") == "pathway-appendix-by-size"  # (a link can name it)
    assert text_of(table[0]) == (
        "Which operation is used for a neuroendocrine tumor of the appendix? Part of the body: Appendix"
    )
    assert [(th.get("scope"), text_of(th)) for th in table.find("thead").iter("th")] == [  # type: ignore[union-attr]
        ("col", "Tumor size"),
        ("col", "Procedure"),
        ("col", "What this means"),
    ]
    rows = list(table.find("tbody"))  # type: ignore[arg-type]
    assert [(row[0].tag, row[0].get("scope"), text_of(row[0])) for row in rows] == [
        ("th", "row", "2 cm or smaller"),
        ("th", "row", "Larger than 2 cm"),
    ]
    link = rows[0][1].find("a")
    assert (
        link is not None and link.get("href") == "../procedures/appendectomy.html" and text_of(link) == "Appendectomy"
    )
    assert text_of(rows[1][2]).startswith("A tumor larger than 2 cm (about 0.8 inch) may need more surgery")


def test_sections_are_split_into_paragraphs_on_blank_lines(demo_site: Path) -> None:
    tree = parse(demo_site / "topics/gi-net-surgery.html")
    first = next(el for el in tree.iter("section") if el.get("class") == "content")
    paragraphs = [text_of(p) for p in first.iter("p")]
    assert len(paragraphs) == 3
    assert paragraphs[0] == "Surgery for GI neuroendocrine tumors has one of two aims."
    assert paragraphs[2].endswith("debulking surgery.source [1]source [2]")


def test_line_breaks_and_runs_of_spaces_collapse_but_no_break_spaces_stay() -> None:
    # "2\u00a0cm" and French "coloscopie\u202f:" keep their halves on one line: the writer's choice.
    text = PageText(Glossary([]))
    source = "Tumors  under 2\u00a0cm\n  are watched.\n\nLa coloscopie\u202f: «\u00a0polypectomie\u00a0»\t "
    assert str(text.paragraphs(source)) == (
        "<p>Tumors under 2\u00a0cm are watched.</p>\n<p>La coloscopie\u202f: «\u00a0polypectomie\u00a0»</p>"
    )
    assert str(text.inline(" 1\u00a0cm\n or\tless ")) == "1\u00a0cm or less"


def test_citations_are_numbered_in_order_of_first_use_and_link_to_sources(
    demo_site: Path, demo_bundle: dict[str, Any]
) -> None:
    (topic,) = demo_bundle["topics"]
    tree = parse(demo_site / "topics/gi-net-surgery.html")
    references = tree.find(".//section[@class='sources']/ol")
    assert references is not None
    assert [li.get("id") for li in references] == [f"ref-{n}" for n in range(1, len(topic["references"]) + 1)]
    for li, source in zip(references, topic["references"], strict=True):
        assert source["title"] in text_of(li)
        links = [a for a in li.iter("a")]
        if "url" in source:
            assert [(a.get("href"), a.get("rel")) for a in links] == [(source["url"], "noopener noreferrer")]
        else:
            assert links == []
    marks = [a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("#ref-")]
    assert marks[:2] == ["#ref-1", "#ref-2"]
    assert "A newer edition replaces this source" not in text_of(references)


def test_a_source_a_newer_edition_replaces_says_so(demo_bundle: dict[str, Any], tmp_path: Path) -> None:
    """C004 is a warning, and export lets it pass: the page's reader is told that a newer edition exists."""
    bundle = copy.deepcopy(demo_bundle)
    (topic,) = bundle["topics"]
    old = topic["references"][0]
    newer = {"id": "newer-edition", "publisher": "NCI", "title": "A newer <edition>", "type": "summary",
             "version": "V.2", "year": 2026}  # fmt: skip
    old["superseded_by"] = "newer-edition"
    bundle["sources"].append(newer)
    render(bundle, tmp_path)
    tree = parse(tmp_path / "topics" / f"{topic['id']}.html")
    entries = list(tree.find(".//section[@class='sources']/ol"))  # type: ignore[arg-type]
    assert text_of(entries[0]).endswith("A newer edition replaces this source: A newer <edition>, V.2, 2026.")
    assert [element.get("class") for element in entries[0].iter("strong")] == ["superseded"]
    assert all("A newer edition" not in text_of(entry) for entry in entries[1:])


def test_review_box_shows_dates_and_reviewer_names(demo_site: Path) -> None:
    tree = parse(demo_site / "procedures/local-excision.html")
    box = tree.find(".//section[@class='review']")
    assert box is not None
    pairs = [(text_of(group[0]), text_of(group[1])) for group in box.iter("div")]
    assert pairs[:2] == [("Last reviewed", "8 August 2025"), ("Next review due", "8 August 2028")]
    assert pairs[2][0] == "Reviewed by"
    assert [t.get("datetime") for t in box.iter("time")] == ["2025-08-08", "2028-08-08"]
    assert [text_of(li) for li in box.iter("li")] == [
        "American Cancer Society medical and editorial content team",
        "American Society of Clinical Oncology (clinical reviewer)",
    ]


def test_glossary_terms_are_linked_once_on_first_use_and_defined(demo_site: Path) -> None:
    tree = parse(demo_site / "procedures/local-excision.html")
    term_links = [(a.get("href"), text_of(a)) for a in tree.iter("a") if a.get("class") == "term"]
    assert len({href for href, _ in term_links}) == len(term_links)  # each term at most once
    assert "Neuroendocrine tumors" in {text for _, text in term_links}  # variant, capitalised
    definitions = {dfn.get("id"): text_of(dfn) for dfn in tree.iter("dfn")}
    assert {href[1:] for href, _ in term_links} == set(definitions)  # exactly the terms used
    assert "neuroendocrine tumor" in definitions.values()


def test_glossary_matching_is_case_insensitive_on_word_boundaries_and_longest_first() -> None:
    glossary = Glossary(
        [
            {"term": "colon", "variants": [], "definition": "d1"},
            {"term": "neuroendocrine tumor", "variants": ["neuroendocrine tumors", "NET", "NETs"], "definition": "d2"},
            {"term": "small bowel resection", "variants": [], "definition": "d3"},
            {"term": "small bowel", "variants": [], "definition": "d4"},
        ]
    )
    text = PageText(glossary)
    html = text.inline("A colonoscopy nets NEUROENDOCRINE\nTumors; small bowel resection, colon, small bowel. NETs")
    assert str(html) == (
        'A colonoscopy nets <a class="term" href="#term-neuroendocrine-tumor">NEUROENDOCRINE Tumors</a>; '
        '<a class="term" href="#term-small-bowel-resection">small bowel resection</a>, '
        '<a class="term" href="#term-colon">colon</a>, <a class="term" href="#term-small-bowel">small bowel</a>. NETs'
    )
    assert [term.term for term in text.used_terms()] == [
        "colon",
        "neuroendocrine tumor",
        "small bowel",
        "small bowel resection",
    ]


def test_glossary_anchors_are_made_of_the_term_s_words_and_stay_when_terms_move() -> None:
    # Anchors were numbered by position: "#term-2" led to another word once a term was added before it.
    def anchors(terms: list[str]) -> list[str]:
        glossary = Glossary([{"term": term, "variants": [], "definition": "d"} for term in terms])
        return [term.anchor for term in glossary.terms]

    assert anchors(["colon", "Small bowel", "café au lait", "NET", "net", "§", "net-2"]) == [
        "term-colon",
        "term-small-bowel",
        "term-cafe-au-lait",
        "term-net",
        "term-net-5",  # the same words: told apart by the term's number
        "term-6",  # no letter or digit
        "term-net-2",
    ]
    assert anchors(["appendix", "colon", "small bowel"])[1:] == anchors(["colon", "small bowel"])


def test_a_glossary_match_links_its_own_term_whatever_its_case() -> None:
    # "İ" matches "i" under re.IGNORECASE but folds to two characters: a look-up by the matched text
    # missed, and fell back to the first term, whose definition ("abdomen") was shown for it.
    glossary = Glossary(
        [
            {"term": "abdomen", "variants": [], "definition": "The belly."},
            {"term": "ince bağırsak", "variants": [], "definition": "Midenin ardından gelen uzun ve dar boru."},
            {"term": "straße", "variants": ["STRASSE"], "definition": "A street."},
        ]
    )
    text = PageText(glossary)
    html = text.inline("İnce bağırsak tümörleri; Straße.")
    assert str(html) == (
        '<a class="term" href="#term-ince-bagırsak">İnce bağırsak</a> tümörleri; '
        '<a class="term" href="#term-strasse">Straße</a>.'
    )
    assert [term.definition for term in text.used_terms()] == [
        "Midenin ardından gelen uzun ve dar boru.",
        "A street.",
    ]


def test_no_glossary_link_inside_a_web_address_written_in_prose() -> None:
    glossary = Glossary([{"term": "cirrhosis", "variants": [], "definition": "Scarring of the liver."}])
    text = PageText(glossary)
    url = "https://www.cancer.org/cancer/types/liver-cancer/cirrhosis-and-ablation.html"
    html = text.paragraphs(f"See ({url}) on cirrhosis.")
    assert str(html) == f'<p>See ({url}) on <a class="term" href="#term-cirrhosis">cirrhosis</a>.</p>'


def test_lines_that_are_list_items_are_shown_as_a_list() -> None:
    # A `|` block of "- " lines was one paragraph: "- open surgery; - keyhole surgery".
    glossary = Glossary([{"term": "resection", "variants": [], "definition": "An operation to remove tissue."}])
    text = PageText(glossary, numbers={"src-a": 1})
    html = text.paragraphs(
        "The options are:\n- open resection, with one cut;\n- keyhole surgery\n  through small cuts.\n\n"
        "1. Rest.\n2) Walk a little <each> day.",
        ["src-a"],
    )
    assert str(html) == (
        "<p>The options are:</p>\n<ul>\n"
        '<li>open <a class="term" href="#term-resection">resection</a>, with one cut;</li>\n'
        "<li>keyhole surgery through small cuts.</li>\n</ul>\n"
        "<ol>\n<li>Rest.</li>\n<li>Walk a little &lt;each&gt; day."
        '<sup class="cite"><a href="#ref-1"><span class="visually-hidden">source </span>[1]</a></sup></li>\n</ol>'
    )
    # One dash, or bullets and numbers mixed, is no list: the text as written.
    assert (
        str(PageText(glossary).paragraphs("About 2 cm\n- or a little less.")) == "<p>About 2 cm - or a little less.</p>"
    )
    assert str(PageText(glossary).paragraphs("- a\n1. b")) == "<p>- a 1. b</p>"


def test_the_table_of_contents_lists_related_pages(demo_bundle: dict[str, Any], tmp_path: Path) -> None:
    bundle = copy.deepcopy(demo_bundle)
    topic = next(page for page in bundle["topics"] if page["id"] == "gi-net-surgery")
    topic["related"] = ["appendectomy"]
    render(bundle, tmp_path)
    page = parse(tmp_path / "topics/gi-net-surgery.html")
    toc = next(nav for nav in page.iter("nav") if nav.get("class") == "toc")
    assert "#related" in [a.get("href") for a in toc.iter("a")]
    assert any(h2.get("id") == "related" for h2 in page.iter("h2"))


def test_the_topic_s_contents_list_every_section_it_has(demo_site: Path) -> None:
    # "Words used on this page" was left out of the list, though it sits between procedures and sources.
    page = parse(demo_site / "topics/gi-net-surgery.html")
    toc = next(nav for nav in page.iter("nav") if nav.get("class") == "toc")
    listed = [a.get("href") for a in toc.iter("a")]
    sections = ["#" + h2.get("id") for h2 in page.iter("h2") if h2.get("id") not in ("toc",)]
    assert "#words" in sections
    assert [href for href in listed if not href.startswith("#section-")] == [
        href for href in sections if not href.startswith("#section-")
    ]


@pytest.mark.parametrize(
    ("approach", "label", "procedure_type"),
    [
        ("percutaneous", "Percutaneous (through the skin, with a needle or probe)", "PercutaneousProcedure"),
        ("noninvasive", "Noninvasive (no cut, tube or needle)", "NoninvasiveProcedure"),
    ],
)
def test_a_procedure_that_is_no_surgery_is_named_so_on_its_page_and_in_json_ld(
    demo_bundle: dict[str, Any], tmp_path: Path, approach: str, label: str, procedure_type: str
) -> None:
    # An ablation through the skin, or shock waves from outside the body, is no surgery: the page says
    # how it is done, and schema.org's procedure type says so (it was "Surgical", a SurgicalProcedure).
    bundle = copy.deepcopy(demo_bundle)
    ablation = next(page for page in bundle["procedures"] if page["id"] == "appendectomy")
    ablation["approach"] = approach
    render(bundle, tmp_path)
    page = parse(tmp_path / "procedures/appendectomy.html")
    facts = {text_of(dt): text_of(dd) for dt, dd in zip(page.iter("dt"), page.iter("dd"), strict=False)}
    assert facts["Approach"] == label
    about = json_ld(page)["about"]
    assert about["@type"][0] == "MedicalProcedure" and "SurgicalProcedure" not in about["@type"]
    assert about["procedureType"] == f"https://schema.org/{procedure_type}"
    assert about["howPerformed"].startswith(f"Approach: {label.lower()}. ")


def test_procedure_json_ld(demo_site: Path, demo_bundle: dict[str, Any]) -> None:
    data = json_ld(parse(demo_site / "procedures/local-excision.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["name"] == "Local excision"
    assert data["lastReviewed"] == "2025-08-08"
    assert data["inLanguage"] == "en"
    assert data["reviewedBy"] == [
        {"@type": "Organization", "name": "American Cancer Society medical and editorial content team"},
        {"@type": "Organization", "name": "American Society of Clinical Oncology"},
    ]
    assert data["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Surgery for Gastrointestinal Neuroendocrine Tumors",
            "publisher": {"@type": "Organization", "name": "American Cancer Society"},
            "datePublished": "2025",
        }
    ]
    about = data["about"]
    assert about["@type"] == ["SurgicalProcedure", "TherapeuticProcedure"]
    assert about["bodyLocation"] == "rectum"
    assert about["howPerformed"].startswith("Approach: surgical. The surgeon takes out the primary tumor")
    assert "procedureType" not in json.dumps(data)
    both = json_ld(parse(demo_site / "procedures/liver-resection.html"))["about"]
    assert both["@type"] == ["SurgicalProcedure", "TherapeuticProcedure", "PalliativeProcedure"]


def test_topic_json_ld_cites_urls_and_is_about_its_procedures(demo_site: Path) -> None:
    data = json_ld(parse(demo_site / "topics/gi-net-surgery.html"))
    assert data["@type"] == "MedicalWebPage" and data["lastReviewed"] == "2025-08-08"
    urls = [work.get("url") for work in data["citation"]]
    assert "https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq" in urls
    assert [entity["url"] for entity in data["about"]][:2] == [
        "../procedures/endoscopic-resection.html",
        "../procedures/local-excision.html",
    ]
    assert parse(demo_site / "index.html").find(".//script") is None


def test_output_is_deterministic_and_leaves_the_bundle_alone(demo_bundle: dict[str, Any], tmp_path: Path) -> None:
    before = copy.deepcopy(demo_bundle)
    render(demo_bundle, tmp_path / "a")
    render(demo_bundle, tmp_path / "b")
    assert demo_bundle == before
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_the_export_command_writes_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from netlint.cli import main

    monkeypatch.chdir(REPO)
    out = tmp_path / "dist"
    result = CliRunner().invoke(main, ["export", "--format", "html", "--out", str(out), "--today", "2026-01-15"])
    assert result.exit_code == 0, result.output
    assert (out / "html/index.html").is_file() and (out / "html/procedures/appendectomy.html").is_file()


# --- hostile content ---------------------------------------------------------------------------------------

SMALL_PROJECT = {
    "content/sources.yaml": "schema_version: 1\nkind: sources\nsources:\n"
    + "".join(
        f"  - id: {sid}\n    type: article\n    title: Title {sid}\n    publisher: P\n    year: 2024\n"
        f"    version: V1\n    authors: [A. Author]\n    doi: 10.1000/{sid}\n"
        f"    url: https://example.org/{sid}\n    accessed: 2025-03-20\n"
        for sid in HOSTILE_URLS
    ),
    "content/contributors.yaml": "schema_version: 1\nkind: contributors\ncontributors:\n"
    "  - id: doc\n    name: Dr Jane Doe\n    roles: [clinical-reviewer]\n",
    "content/glossary.yaml": "schema_version: 1\nkind: glossary\nterms:\n"
    "  - term: tumor\n    variants: [tumors]\n    definition: A lump.\n",
    "content/topics/topic-a.yaml": """\
        schema_version: 1
        kind: topic
        id: topic-a
        title: Topic
        language: en
        audience: patient
        summary: A tumor summary.
        sections:
          - heading: Heading
            text: "First tumor paragraph.\\n\\nSecond paragraph."
            cites: [src-a, src-b]
        procedures: [proc-a, proc-b]
        pathways:
          - id: rectum-by-size
            site: rectum
            question: Which one?
            options:
              - size: {lte: 2, unit: cm}
                procedure: proc-a
                text: Small tumors.
              - size: {gt: 2, unit: cm}
                procedure: proc-b
            cites: [src-c]
        related: [proc-a]
        review: {last_reviewed: 2025-08-08, next_review_due: 2028-08-08, reviewed_by: [doc]}
        """,
    **{
        f"content/procedures/{pid}.yaml": f"""\
        schema_version: 1
        kind: procedure
        id: {pid}
        title: Procedure {pid}
        summary: It removes the tumor.
        intent: [curative, palliative]
        approach: surgical
        sites: [rectum]
        indications:
          - site: rectum
            size: {size}
            text: For tumors.
            cites: [src-d]
        removes: [the tumor]
        sections:
          - heading: What happens
            text: The surgeon removes the tumor.
            cites: [src-a]
        risks: [Bleeding.]
        related: [topic-a]
        review: {{last_reviewed: 2025-08-08, next_review_due: 2028-08-08, reviewed_by: [doc]}}
        """
        for pid, size in (("proc-a", "{lte: 2, unit: cm}"), ("proc-b", "{gt: 2, unit: cm}"))
    },
}
# Keys whose values are ids (they name files and anchors) or fixed format markers: left as they are.
_STRUCTURAL = {
    "id", "kind", "file", "cites", "procedure", "procedures", "related", "listed_in", "reviewed_by", "format"
}  # fmt: skip


def poison(value: Any, key: str = "") -> Any:
    """Append HOSTILE to every content string; give each source one hostile URL."""
    if isinstance(value, dict):
        out = {k: poison(v, k) for k, v in value.items()}
        if "publisher" in value and value.get("id") in HOSTILE_URLS:
            out["url"] = HOSTILE_URLS[value["id"]]
            out["doi"] = '10.1000/x"><script>alert(1)</script>'
        return out
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, str) and key not in _STRUCTURAL:
        return value + HOSTILE
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("hostile")
    (root / "netlint.toml").write_text('content = "content"\n', encoding="utf-8")
    for rel, body in SMALL_PROJECT.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(body), encoding="utf-8")
    bundle = poison(bundle_for(root))
    out = root / "html"
    render(bundle, out)
    return out, bundle


def test_the_small_project_is_valid(make_project: MakeProject) -> None:
    root = make_project(SMALL_PROJECT)
    config = load_config(root, known_codes())
    errors = [d for d in validate(config, TODAY).diagnostics if d.severity.value == "error"]
    assert errors == []


def test_hostile_content_is_inert(hostile_site: tuple[Path, dict[str, Any]]) -> None:
    site, _bundle = hostile_site
    checked = 0
    for path in pages(site):
        tree = parse(path)
        for element in tree.iter():
            assert element.tag not in {"iframe", "object", "embed", "form", "base", "img", "style"}, path
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (path, element.tag, name)
                assert name not in {"src", "style", "srcdoc", "formaction"}, (path, element.tag, name)
                if name == "href":
                    parts = urlsplit(value)
                    assert parts.scheme in ("", "http", "https") and not value.startswith("//"), (path, value)
            if element.tag == "script":
                assert element.get("type") == "application/ld+json" and "<" not in (element.text or ""), path
            if element.tag == "meta" and element.get("http-equiv"):
                assert element.get("http-equiv") == "Content-Security-Policy"
        checked += 1
    assert checked == 4
    topic = parse(site / "topics/topic-a.html")
    assert text_of(topic.find(".//h1")) == " ".join(("Topic" + HOSTILE).split())  # type: ignore[arg-type]


def test_hostile_urls_are_shown_as_text_not_links(hostile_site: tuple[Path, dict[str, Any]]) -> None:
    site, _bundle = hostile_site
    tree = parse(site / "procedures/proc-a.html")
    sources = tree.find(".//section[@class='sources']")
    assert sources is not None
    hrefs = [a.get("href") for a in sources.iter("a")]
    assert all(href and href.startswith("https://doi.org/10.1000/x%22%3E%3Cscript%3E") for href in hrefs), hrefs
    shown = text_of(sources)
    assert "javascript:alert(1)" in shown and "//evil.example/protocol-relative" in shown


def test_bidi_overrides_stay_inside_bdi(hostile_site: tuple[Path, dict[str, Any]]) -> None:
    site, _bundle = hostile_site
    for path in pages(site):
        tree = parse(path)
        parents = {child: parent for parent in tree.iter() for child in parent}
        for element in tree.iter():
            for piece, holder in ((element.text, element), (element.tail, parents.get(element))):
                if not piece or "\u202e" not in piece or holder is None:
                    continue
                chain = [holder]
                while chain[-1] in parents:
                    chain.append(parents[chain[-1]])
                assert {"bdi", "script"} & {el.tag for el in chain}, (path, holder.tag, piece[:40])
        assert "\u202e" not in text_of(tree.find(".//title"))  # type: ignore[arg-type]


def test_hostile_json_ld_parses_back_verbatim(hostile_site: tuple[Path, dict[str, Any]]) -> None:
    site, bundle = hostile_site
    procedure = next(p for p in bundle["procedures"] if p["id"] == "proc-a")
    data = json_ld(parse(site / "procedures/proc-a.html"))
    # Verbatim but for the bidirectional controls, dropped as in <title>: search snippets show this text.
    shown = HOSTILE.replace("\u202e", "").replace("\u202c", "")
    assert data["name"] == procedure["title"].replace("\u202e", "").replace("\u202c", "")
    assert data["name"].endswith(shown)
    assert data["reviewedBy"][0]["name"].endswith(shown)
    assert data["citation"][0]["name"].endswith(shown)
    assert shown in data["about"]["howPerformed"]
    page = (site / "procedures/proc-a.html").read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    assert "\u202e" not in head and "\u202c" not in head  # nor in the description, title or JSON-LD
    assert all("url" not in work for work in data["citation"])  # no source has an http(s) URL


def test_ids_that_are_not_slugs_are_refused(demo_bundle: dict[str, Any], tmp_path: Path) -> None:
    bundle = copy.deepcopy(demo_bundle)
    bundle["procedures"][0]["id"] = "../../escape"
    with pytest.raises(ValueError, match="not a lowercase slug"):
        render(bundle, tmp_path)
    assert not (tmp_path.parent / "escape.html").exists()


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("//evil.example/x", False),
        ("https:evil", False),
        ('https://ok.example/" onmouseover="x', False),
        ("ftp://example.org/a", False),
    ],
)
def test_only_http_and_https_urls_become_links(url: str, linked: bool) -> None:
    assert (link_url(url) == url) is linked


def test_script_json_escapes_everything_that_could_end_the_element() -> None:
    value = {"a": "</script><script>alert(1)</script> <!-- & \u2028\u2029 \u202e"}
    text = str(script_json(value))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("American Society of Clinical Oncology", "Organization"),
        ("The content team", "Organization"),
        ("NHS England", "Organization"),
        ("Dr Jane Doe", "Person"),
        ("Jane Doe, MD", "Person"),
        ("Équipe de traduction (français)", "Organization"),
        ("Equipo de traducción (español)", "Organization"),
        ("Übersetzungsteam (Deutsch)", "Organization"),
        ("Colorectal surgery review panel", "Organization"),
        ("Maria Teamson", "Person"),
    ],
)
def test_reviewers_are_typed_person_or_organization_by_name(name: str, kind: str) -> None:
    assert person_or_organization({"id": "x", "name": name, "roles": ["clinical-reviewer"]}) == {
        "@type": kind,
        "name": name,
    }


def test_et_al_in_a_source_s_authors_is_no_person() -> None:
    from netlint.exporters.html_jsonld import creative_work

    source = {"title": "T", "publisher": "P", "year": 2024, "authors": ["Pavel M", "et al."]}
    assert creative_work(source)["author"] == [{"@type": "Person", "name": "Pavel M"}]
    assert "author" not in creative_work({**source, "authors": ["Et al"]})


def test_every_page_declares_the_shipped_icon(demo_site: Path) -> None:
    # A page without a declared icon makes browsers ask the server for /favicon.ico: a 404 in the console.
    assert (demo_site / "favicon.svg").read_bytes().startswith(b"<svg ")
    for page in demo_site.rglob("*.html"):
        root = "" if page.parent == demo_site else "../"
        assert f'<link rel="icon" href="{root}favicon.svg" type="image/svg+xml">' in page.read_text(), page


def test_sections_without_a_heading_or_text_are_valid_and_render(make_project: MakeProject, tmp_path: Path) -> None:
    """SPEC §4: a section's fields are all optional (C002 asks for its sources)."""
    from conftest import TOPIC

    sections = (
        "sections:\n"
        "  - text: An introduction without a heading.\n    cites: [src-a]\n"
        "  - heading: Overview\n    text: Several operations can remove the tumor.\n    cites: [src-a]\n"
        "  - heading: Sources only\n    cites: [src-a]\n"
        "  - heading: Also here\n    text: One more.\n    cites: [src-a]\n"
    )
    topic = TOPIC.format(id="topic-a", procedures="proc-a")
    topic = topic.replace(topic[topic.index("sections:\n") : topic.index("procedures:")], sections)
    root = make_project({"content/topics/topic-a.yaml": topic}, base=True)
    result = validate(load_config(root, known_codes()), TODAY)
    assert [d.code for d in result.diagnostics] == []
    bundle = json_bundle.build(result.documents, TODAY)
    (page,) = bundle["topics"]
    assert "heading" not in page["sections"][0] and "text" not in page["sections"][2]
    assert json_bundle.check(bundle) == []  # valid against schema/bundle.schema.json
    render(bundle, tmp_path)
    tree = parse(tmp_path / "topics/topic-a.html")
    # A part without a heading is a <div> (a <section> without one fails the HTML checker's outline).
    contents = [s for s in tree.iter() if s.get("class") == "content"]
    assert [(s.tag, text_of(s.find("h2")) if s.find("h2") is not None else None) for s in contents] == [
        ("div", None),
        ("section", "Overview"),
        ("section", "Sources only"),
        ("section", "Also here"),
    ]
    assert text_of(contents[0]).startswith("An introduction without a heading.")
    toc = [a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("#section-")]
    assert toc == ["#section-2", "#section-3", "#section-4"]


def test_pages_in_other_languages_say_which_text_is_english_and_which_way_it_runs(
    demo_bundle: dict[str, Any], tmp_path: Path
) -> None:
    """WCAG 3.1.1 and 3.1.2: a page's language, and the language of each part in another one (the
    site's own English labels, an English page linked from it); right-to-left pages say so."""
    bundle = copy.deepcopy(demo_bundle)
    topic = next(page for page in bundle["topics"] if page["id"] == "gi-net-surgery")
    topic["language"] = "es"
    arabic = next(page for page in bundle["procedures"] if page["id"] == "appendectomy")
    arabic["language"] = "ar"
    render(bundle, tmp_path)

    page = parse(tmp_path / "topics/gi-net-surgery.html")
    assert page.get("lang") == "es" and page.get("dir") is None
    sources = next(h2 for h2 in page.iter("h2") if h2.get("id") == "sources")
    assert (sources.get("lang"), sources.get("dir")) == ("en", None)
    listed = next(section for section in page.iter("section") if section.get("class") == "procedures")
    links = {a.get("href"): (a.get("lang"), a.get("dir")) for a in listed.iter("a")}
    assert links["../procedures/appendectomy.html"] == ("ar", "rtl")
    assert links["../procedures/hemicolectomy.html"] == ("en", None)
    # the glossary is English: no English definitions for words of a Spanish page
    assert [a for a in page.iter("a") if a.get("class") == "term"] == []

    page = parse(tmp_path / "procedures/appendectomy.html")
    assert page.get("lang") == "ar" and page.get("dir") == "rtl"
    review = next(h2 for h2 in page.iter("h2") if h2.get("id") == "review")
    assert (review.get("lang"), review.get("dir")) == ("en", "ltr")

    index = parse(tmp_path / "index.html")
    entry = next(a for a in index.iter("a") if a.get("href") == "procedures/appendectomy.html")
    assert (entry.get("lang"), entry.get("dir")) == ("ar", "rtl")
    entry = next(a for a in index.iter("a") if a.get("href") == "topics/gi-net-surgery.html")
    assert (entry.get("lang"), entry.get("dir")) == ("es", None)
    from netlint.exporters.html_text import plain

    # JSON-LD says how a procedure is done in the page's own language: no English "Approach: surgical."
    about = json_ld(page)["about"]
    assert about["howPerformed"] == plain(arabic["summary"])
    english = parse(tmp_path / "procedures/hemicolectomy.html")
    assert json_ld(english)["about"]["howPerformed"].startswith("Approach: surgical. ")
    assert english.get("lang") == "en" and all(element.get("lang") is None for element in english.iter("h2"))
    # The hidden word before each citation mark is the site's English too (a screen reader voices it).
    hidden = [span for span in page.iter("span") if span.get("class") == "visually-hidden"]
    assert hidden and {(span.text, span.get("lang")) for span in hidden} == {("source ", "en")}
    # Each source's entry runs in the page's direction (its number stays in the margin); its names and
    # title each take their own, in <bdi> (an English title on an Arabic page).
    entries = [li for li in page.iter("li") if (li.get("id") or "").startswith("ref-")]
    assert entries and {li.get("dir") for li in entries} == {None}
    assert all(
        cite.find("bdi") is not None or cite.find("a/bdi") is not None for li in entries for cite in li.iter("cite")
    )


def test_a_source_whose_first_author_writes_right_to_left_keeps_an_english_entry_left_to_right(
    demo_bundle: dict[str, Any], tmp_path: Path
) -> None:
    # dir="auto" on the entry took the direction of its first strong letter, an author's Hebrew name:
    # the English entry ran right to left, its punctuation scrambled and its number outside the list.
    bundle = copy.deepcopy(demo_bundle)
    topic = next(page for page in bundle["topics"] if page["id"] == "gi-net-surgery")
    topic["references"][0]["authors"] = ["שרה כהן", "John Smith"]
    render(bundle, tmp_path)
    page = parse(tmp_path / "topics/gi-net-surgery.html")
    entry = next(li for li in page.iter("li") if li.get("id") == "ref-1")
    assert entry.get("dir") is None and page.get("dir") is None  # the page's direction: left to right
    assert [bdi.text for bdi in entry.findall("bdi")][:2] == ["שרה כהן", "John Smith"]


@pytest.mark.parametrize(
    ("language", "attributes"),
    [
        ("ar", ' lang="ar" dir="rtl"'),
        ("az-Arab", ' lang="az-Arab" dir="rtl"'),  # a right-to-left script for a left-to-right language
        ("pa-Arab-PK", ' lang="pa-Arab-PK" dir="rtl"'),
        ("ks-Deva", ' lang="ks-Deva"'),  # and the other way round
        ("he-IL", ' lang="he-IL" dir="rtl"'),
        ("iw", ' lang="iw" dir="rtl"'),  # Hebrew's withdrawn code, still met
        ("ji", ' lang="ji" dir="rtl"'),  # and Yiddish's
        ("en-GB", ' lang="en-GB"'),
    ],
)
def test_a_script_subtag_decides_the_direction(language: str, attributes: str) -> None:
    from netlint.exporters.html_site import language_attributes

    assert language_attributes(language, "en") == attributes


_FORMS = ["tumor", "tumors", "NET", "NETs", "net", "non-Hodgkin", "non Hodgkin", "lymph node", "lymph nodes",
          "Crohn’s", "naïve", "Ünal", "K-ras", "5-FU", "x"]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(_FORMS), min_size=1, max_size=3), max_size=6),
    st.lists(
        st.tuples(st.sampled_from([" ", "  ", "\n", ", ", "-", "(", "é", "K", "2", ""]), st.sampled_from(_FORMS)),
        max_size=12,
    ),
)
def test_the_glossary_finds_what_one_expression_of_every_form_finds(
    entries: list[list[str]], pieces: list[tuple[str, str]]
) -> None:
    """Forms filed by their first word give the matches of the one expression of every form: the same
    places, the same terms, in the same order (the expression is what the pages were linked by)."""
    glossary = Glossary([{"term": forms[0], "variants": forms[1:], "definition": "d"} for forms in entries])
    text = "".join(
        separator + (form.upper() if len(separator) == 1 and separator.isalpha() else form)
        for separator, form in pieces
    )
    whole = glossary.pattern
    expected = [] if whole is None else [(m.start(), m.end(), glossary.term_of(m)) for m in whole.finditer(text)]
    assert list(glossary.finditer(text)) == expected


def test_a_word_beyond_ascii_is_matched_as_the_one_expression_matches_it() -> None:
    # Case-blind matching has its own rules beyond ASCII: the Kelvin sign is a "k" to re.IGNORECASE.
    glossary = Glossary([{"term": "K-ras", "variants": ["naïve"], "definition": "A gene."}])
    text = "\u212a-ras and NAÏVE cells, k-ras again"
    assert list(glossary.finditer(text)) == [(0, 5, 0), (10, 15, 0), (23, 28, 0)]
    whole = glossary.pattern
    assert whole is not None
    assert [(m.start(), m.end()) for m in whole.finditer(text)] == [(0, 5), (10, 15), (23, 28)]


def test_the_tables_name_what_the_sizes_are_of_as_the_project_says(tmp_path: Path) -> None:
    # A kidney stones project: its pages said "Tumor size" and "Where the tumor is" to people with stones.
    import contextlib
    import shutil

    from click.testing import CliRunner

    from netlint.cli import main

    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "content", tmp_path / "content")
    settings = (repo / "netlint.toml").read_text(encoding="utf-8")
    (tmp_path / "netlint.toml").write_text(settings + '[export]\nsubject = "kidney stone"\n', encoding="utf-8")
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(main, ["export", "--today", "2026-01-15"])
    assert result.exit_code == 0, result.output
    topic = parse(tmp_path / "dist/html/topics/gi-net-surgery.html")
    assert any(text_of(h2) == "Choosing a procedure by kidney stone size" for h2 in topic.iter("h2"))
    assert [text_of(th) for th in topic.iter("th")][:3] == ["Kidney stone size", "Procedure", "What this means"]
    procedure = parse(tmp_path / "dist/html/procedures/appendectomy.html")
    assert [text_of(caption) for caption in procedure.iter("caption")] == ["Kidney stones this procedure is used for"]
    assert [text_of(th) for th in procedure.iter("th")][:2] == ["Where the kidney stone is", "Kidney stone size"]
    (tmp_path / "netlint.toml").write_text(settings + '[export]\nsubject = "Stone <b>"\n', encoding="utf-8")
    with contextlib.chdir(tmp_path):
        refused = CliRunner().invoke(main, ["export", "--today", "2026-01-15"])
    assert refused.exit_code == 2
    assert "'export.subject' must be a word or two in lower case" in refused.output


def test_a_british_english_page_spells_the_tables_labels_as_it_does(
    demo_bundle: dict[str, Any], tmp_path: Path
) -> None:
    # An en-GB page said "Tumor size" beside its own "tumour".
    bundle = copy.deepcopy(demo_bundle)
    topic = next(page for page in bundle["topics"] if page["id"] == "gi-net-surgery")
    topic["language"] = "en-GB"
    render(bundle, tmp_path)
    page = parse(tmp_path / "topics/gi-net-surgery.html")
    assert any(text_of(h2) == "Choosing a procedure by tumour size" for h2 in page.iter("h2"))
    assert [text_of(th) for th in page.iter("th")][0] == "Tumour size"
    render(demo_bundle, tmp_path / "us")
    us = parse(tmp_path / "us/topics/gi-net-surgery.html")
    assert [text_of(th) for th in us.iter("th")][0] == "Tumor size"
