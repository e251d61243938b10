"""html/ of `netlint export`: a static site (index, one page per topic and procedure, one stylesheet).

Rendered from the JSON bundle dict (see json_bundle.build) with Jinja2 templates in
templates/. Every content string is escaped (``autoescape=True``; the templates are
``*.html.j2``, which ``select_autoescape`` would not escape) and missing fields fail
loudly (``StrictUndefined``). Pages load nothing from other sites and run no script:
their Content-Security-Policy forbids it, and the only ``<script>`` is JSON-LD data.
Output is deterministic: the same bundle gives byte-identical files.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from netlint.exporters.html_jsonld import approach_label, page_data, script_json, site_label
from netlint.exporters.html_text import Glossary, PageText, bdi, doi_url, first_paragraph, isolate, link_url, plain

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")  # BCP 47: language, script, region
_FOLDERS = {"topic": "topics", "procedure": "procedures"}
# Languages written right to left (their primary subtags): a page in one is laid out so (dir="rtl").
# (With the tags that ISO 639 withdrew but pages still carry: "iw" for Hebrew, "ji" for Yiddish.)
_RIGHT_TO_LEFT = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps", "sd", "syr", "ug", "ur", "yi"}
)
# ISO 15924 scripts written right to left: a script subtag says more than the language ("pa-Arab").
_RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
)
# The site's own words (headings, labels, sizes written out) are English: on a page in another
# language they say so (WCAG 3.1.2), as does the text of a page in another language linked from it.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_INTENTS = {"curative": "Curative", "palliative": "Palliative"}
# English written with British spellings ("tumour"): the site's own words on such a page follow them.
_BRITISH_SPELLING = frozenset({"en-gb", "en-au", "en-nz", "en-ie", "en-za", "en-in", "en-sg", "en-hk"})
STYLESHEET = "style.css"
ICON = "favicon.svg"  # declared by every page, so a browser does not ask the server for /favicon.ico


def render(bundle: Mapping[str, Any], out_dir: Path, subject: tuple[str, str] = ("tumor", "tumors")) -> None:
    """Write index.html, topics/<id>.html, procedures/<id>.html, style.css and favicon.svg into ``out_dir``.

    ``bundle`` is the dict json_bundle.build returns; ``subject`` what the sizes are of, singular and
    plural (the tables' labels: "Tumor size"). Raises ValueError when a topic or procedure id is not a
    slug (it names a file) or is used twice.
    """
    site = _Site(bundle, subject)
    env = _environment()
    for name in (STYLESHEET, ICON):
        _write(out_dir, name, resources.files(__package__).joinpath("templates", name).read_bytes())
    _write(out_dir, "index.html", env.get_template("index.html.j2").render(site.index_context()).encode("utf-8"))
    for kind in ("topic", "procedure"):
        template = env.get_template(f"{kind}.html.j2")
        for page in site.pages(kind):
            html = template.render(site.page_context(page))
            _write(out_dir, f"{_FOLDERS[kind]}/{page['id']}.html", html.encode("utf-8"))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("netlint.exporters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["isolate"] = isolate
    env.filters["bdi"] = bdi
    env.filters["plain"] = plain
    env.filters["date"] = format_date
    env.filters["site"] = site_label
    env.filters["capitalize_first"] = lambda text: str(text)[:1].upper() + str(text)[1:]
    env.filters["first_paragraph"] = first_paragraph
    return env


def _write(folder: Path, relpath: str, data: bytes) -> None:
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def format_date(value: object) -> Markup:
    """``2025-08-08`` as ``<time datetime="2025-08-08">8 August 2025</time>``; anything else as escaped text."""
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        return isolate(value)
    return Markup('<time datetime="%s">%d %s %d</time>') % (
        day.isoformat(),
        day.day,
        _MONTHS[day.month - 1],
        day.year,
    )


def _language(value: object) -> str:
    return str(value) if _LANGUAGE.fullmatch(str(value)) else "und"


def _base(language: str) -> str:
    return language.split("-", 1)[0]


def _direction(language: str) -> str:
    """A language tag's direction: by its script subtag when it has one ("az-Arab", "ks-Deva"), else by its language."""
    script = next((part for part in language.split("-")[1:] if len(part) == 4 and part.isalpha()), None)
    if script is not None:
        return "rtl" if script.title() in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if _base(language) in _RIGHT_TO_LEFT else "ltr"


def language_attributes(language: str, within: str) -> Markup:
    """` lang="…" dir="…"` for text in ``language`` inside an element in ``within`` ("" when they agree)."""
    if language == within:
        return Markup("")
    direction = _direction(language)
    if direction == _direction(within):
        return Markup(' lang="%s"') % language
    return Markup(' lang="%s" dir="%s"') % (language, direction)


_NO_GLOSSARY = Glossary([])


class _Site:
    """The bundle with its pages indexed by id, and the per-page template contexts."""

    def __init__(self, bundle: Mapping[str, Any], subject: tuple[str, str] = ("tumor", "tumors")) -> None:
        self.bundle = bundle
        self.subject = subject
        self.glossary = Glossary(bundle["glossary"])
        self.by_id: dict[str, Mapping[str, Any]] = {}
        for kind in ("topic", "procedure"):
            for page in bundle[_FOLDERS[kind]]:
                page_id = str(page["id"])
                if not _SLUG.fullmatch(page_id):
                    raise ValueError(f"{kind} id {page_id!r} is not a lowercase slug; it cannot name a page")
                if page_id in self.by_id:
                    raise ValueError(f"id {page_id!r} is used by two pages")
                self.by_id[page_id] = {**page, "kind": kind}
        self.procedures = {pid: page for pid, page in self.by_id.items() if page["kind"] == "procedure"}
        self.sources = {str(source["id"]): source for source in bundle["sources"]}

    def pages(self, kind: str) -> list[Mapping[str, Any]]:
        return sorted((page for page in self.by_id.values() if page["kind"] == kind), key=lambda page: page["id"])

    def index_context(self) -> dict[str, Any]:
        def by_title(kind: str) -> list[Mapping[str, Any]]:
            return sorted(self.pages(kind), key=lambda page: (plain(page["title"]).casefold(), page["id"]))

        return {
            "root": "",
            "lang": "en",
            "title": "Topics and procedures",
            "description": "",
            "topics": by_title("topic"),
            "procedures": by_title("procedure"),
            "href": lambda page_id: self.href(page_id, ""),
            "in_language": lambda page: language_attributes(_language(page["language"]), "en"),
            "dir": "ltr",
            "en": Markup(""),
        }

    def page_context(self, page: Mapping[str, Any]) -> dict[str, Any]:
        references = list(page["references"])
        numbers = {str(source["id"]): number for number, source in enumerate(references, start=1)}
        language = _language(page["language"])
        english = _base(language) == "en"
        # The attributes of the site's own English words on this page (none on an English page).
        en = Markup("") if english else language_attributes("en", language)
        return {
            "root": "../",
            "lang": language,
            "dir": _direction(language),
            "en": en,
            "title": page["title"],
            "description": page["summary"],
            "page": page,
            # The glossary is English (SPEC §4's word list, P005): its definitions are not for other languages.
            "text": PageText(self.glossary if english else _NO_GLOSSARY, numbers, english=en),
            "references": [self._reference(number, source) for number, source in enumerate(references, start=1)],
            "jsonld": script_json(page_data(page, self.procedures)),
            "link": lambda page_id: self.link(page_id, language),
            "intents": [_INTENTS.get(str(intent), str(intent)) for intent in page.get("intent", [])],
            "approach": approach_label(page.get("approach", "")),
            "subject": self._subject(language)[0],
            "subjects": self._subject(language)[1],
        }

    def _subject(self, language: str) -> tuple[str, str]:
        """What the sizes are of, as a page in ``language`` spells it: "tumour" on a British English page."""
        if self.subject == ("tumor", "tumors") and language.lower() in _BRITISH_SPELLING:
            return "tumour", "tumours"
        return self.subject

    def href(self, page_id: str, root: str = "../") -> str:
        return f"{root}{_FOLDERS[self.by_id[page_id]['kind']]}/{page_id}.html"

    def link(self, page_id: str, within: str = "en") -> dict[str, Any]:
        """What a template needs to link another page by id from a page in ``within``: its title, address
        (None when unknown) and, when its language differs, the attributes that say so."""
        page = self.by_id.get(page_id)
        if page is None:
            return {"title": page_id, "href": None, "summary": "", "kind": "", "in_language": Markup("")}
        return {
            "title": page["title"],
            "href": self.href(page_id),
            "summary": page["summary"],
            "kind": page["kind"],
            "in_language": language_attributes(_language(page["language"]), within),
        }

    def _reference(self, number: int, source: Mapping[str, Any]) -> dict[str, Any]:
        url = source.get("url")
        # A source a newer edition replaces (C004, a warning that export lets pass): readers are told which.
        newer = self.sources.get(str(source.get("superseded_by", "")))
        return {
            "newer": None if newer is None else {key: newer.get(key) for key in ("title", "version", "year")},
            "number": number,
            "title": source["title"],
            "publisher": source["publisher"],
            "year": source["year"],
            "version": source.get("version"),
            "authors": list(source.get("authors", [])),
            "url": link_url(url),
            "url_text": url if url is not None and link_url(url) is None else None,
            "doi": source.get("doi"),
            "doi_url": doi_url(source.get("doi")),
            "accessed": source.get("accessed"),
        }
