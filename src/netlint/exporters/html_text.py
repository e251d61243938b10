"""Plain content text to safe HTML: paragraphs, glossary terms on first use, citation marks, link checks.

Everything here escapes first and builds markup around the escaped pieces, so no
content string can ever become markup. Text that carries bidirectional controls
(U+202A-U+202E, U+2066-U+2069) is wrapped in ``<bdi>`` so an override cannot spill
into the surrounding page (a reversed "Reviewed by" name, a spoofed link text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from netlint.prose.text import Spans, is_abbreviation, url_spans

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\s]")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ASCII_SPACE = " \t\n\r\f\v"


def collapsed(text: str) -> str:
    """``text`` with each run of spaces, tabs and line breaks made one space, and none at either end.

    Only those: a no-break space ("2\u00a0cm", French "\u202f:" and "«\u00a0»") is the writer's way
    to keep two things on one line, and stays (str.split would take it for a space).
    """
    return _SPACES.sub(" ", text).strip(_ASCII_SPACE)


_LIST_ITEM = re.compile(r"[ \t]*(?:(?P<bullet>[-*•‣◦–▪])|(?P<number>\d{1,3})[.)])[ \t]+(?=\S)")


def _list_items(paragraph: str) -> tuple[str, list[str], bool]:
    """(the text before a list, the list's items, whether they are numbered) of one paragraph; a paragraph
    that is no list is all text. Each collapsed; items without their markers."""
    lines = paragraph.split("\n")
    starts = [(index, match) for index, line in enumerate(lines) if (match := _LIST_ITEM.match(line))]
    if len(starts) < 2:
        return collapsed(paragraph), [], False
    if len({match.group("number") is None for _, match in starts}) > 1:  # bullets and numbers: not one list
        return collapsed(paragraph), [], False
    first = starts[0][0]
    items: list[list[str]] = []  # each item's lines
    for line in lines[first:]:
        match = _LIST_ITEM.match(line)
        if match:
            items.append([line[match.end() :]])
        else:
            items[-1].append(line)  # the item goes on
    numbered = starts[0][1].group("number") is not None
    return collapsed("\n".join(lines[:first])), [collapsed("\n".join(item)) for item in items], numbered


def isolate(text: object) -> Markup:
    """Escape ``text``; wrap it in ``<bdi>`` when it holds bidirectional controls."""
    escaped = escape(str(text))
    return Markup("<bdi>%s</bdi>") % escaped if _BIDI_CONTROLS.search(str(text)) else escaped


def bdi(text: object) -> Markup:
    """Escape ``text`` inside ``<bdi>``: it takes its own direction, whatever the text around it runs in."""
    return Markup("<bdi>%s</bdi>") % escape(str(text))


def plain(text: object) -> str:
    """Text for places that cannot hold markup (``<title>``): whitespace collapsed, bidi controls dropped."""
    return collapsed(_BIDI_CONTROLS.sub("", str(text)))


def first_paragraph(text: object) -> str:
    """The first paragraph of plain text, whitespace collapsed (for summaries in lists)."""
    return collapsed(_PARAGRAPH_BREAK.split(str(text).strip(_ASCII_SPACE))[0])


def link_url(url: object) -> str | None:
    """``url`` when it may become a link: http or https with a host, no spaces or control characters."""
    if not isinstance(url, str) or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or not url[len(parts.scheme) :].startswith("://")
    ):
        return None
    return url


def doi_url(doi: object) -> str | None:
    """The https://doi.org/ address of a DOI such as ``10.1000/xyz``."""
    if not isinstance(doi, str) or not doi.startswith("10.") or _UNSAFE_URL_CHARS.search(doi):
        return None
    return "https://doi.org/" + quote(doi, safe="/.-_;()")


@dataclass(frozen=True)
class Term:
    """One glossary term as shown in a page's word list; ``anchor`` is its element id."""

    term: str
    definition: str
    anchor: str


def _form_pattern(form: str) -> str:
    """A regex for one term form: words joined by any whitespace, abbreviations matched with their case."""
    words = [re.escape(word) for word in form.split()]
    body = r"\s+".join(words)
    if is_abbreviation(form):  # NET, NETs, GI: matched exactly, not the English word "net"
        return f"(?-i:{body})"
    return body


MAX_LINKED_FORM = 200  # characters of a glossary term or variant that the pages link


def _anchor(term: str, number: int, taken: set[str]) -> str:
    """The id of a term's entry on a page, from its words without accents ("term-small-bowel-resection",
    "café": "term-cafe"): a link to it stays right when other terms are added or moved (a number by
    position did not). The term's number tells apart terms of the same words ("NET" and "net"); a term
    with no letter or digit is its number alone."""
    folded = "".join(char for char in unicodedata.normalize("NFKD", term.casefold()) if not unicodedata.combining(char))
    words = "-".join(_ANCHOR_WORD.findall(folded))[:60].strip("-")
    anchor = f"term-{words}" if words else f"term-{number}"
    while anchor in taken:
        anchor = f"{anchor}-{number}"
    taken.add(anchor)
    return anchor


_ANCHOR_WORD = re.compile(r"[^\W_]+")


class Glossary:
    r"""Finds glossary terms and their variants in text, longest form first, on word boundaries.

    What :meth:`finditer` finds is what one regular expression of every form (``(?<!\w)(?:form|...)(?!\w)``,
    longest first, case-blind but for abbreviations) finds; but such an expression tries each form at
    each of a text's words, and a medical glossary has thousands. So each form is filed under its first
    run of word characters, and at each word only the forms filed under that word are tried.
    """

    def __init__(self, terms: Sequence[Mapping[str, Any]]) -> None:
        self.terms: list[Term] = []
        forms: dict[str, int] = {}
        anchors: set[str] = set()
        for number, entry in enumerate(terms, start=1):
            anchor = _anchor(str(entry["term"]), number, anchors)
            self.terms.append(Term(str(entry["term"]), str(entry["definition"]), anchor))
            for form in [entry["term"], *entry.get("variants", [])]:
                key = " ".join(str(form).split())
                # A term is a few words: a "term" of hundreds (pasted text) is never linked, since looking
                # for it at each of a page's words would take its length times the page's.
                if key and len(key) <= MAX_LINKED_FORM:
                    forms.setdefault(key, number - 1)
        ordered = sorted(forms, key=lambda form: (-len(form), form))
        self._ordered = ordered
        # Each form is a named group, so a match says which term it is: looking the matched text up
        # again by case-folding can miss what re.IGNORECASE matched ("İnce" is "ince" to re, but
        # "i̇nce" folded), and a miss must never lead to another term's definition.
        self._form_terms = [forms[form] for form in ordered]
        self._whole: re.Pattern[str] | None = None
        # Forms by their first run of word characters in lower case, in the order above, each with its own
        # expression; None when some form's first run is not ASCII or it starts with no word character:
        # then (rarely) the one expression of every form is used.
        self._filed: dict[str, list[tuple[re.Pattern[str], int]]] | None = {}
        for number, form in enumerate(ordered):
            first = _FIRST_RUN.match(form)
            if first is None or not first.group().isascii():
                self._filed = None
                break
            own = re.compile(rf"(?:{_form_pattern(form)})(?!\w)", re.IGNORECASE)
            self._filed.setdefault(first.group().lower(), []).append((own, number))

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """The one expression of every form, longest first (each a named group: see :meth:`term_of`)."""
        if self._whole is None and self._ordered:
            alternatives = "|".join(f"(?P<f{n}>{_form_pattern(form)})" for n, form in enumerate(self._ordered))
            self._whole = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._whole

    def term_of(self, match: re.Match[str]) -> int:
        """The index of the term a match of :attr:`pattern` belongs to."""
        assert match.lastgroup is not None  # every alternative is a named group
        return self._form_terms[int(match.lastgroup[1:])]

    def finditer(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, term index) of each form found in ``text``, as :attr:`pattern`'s matches, in order."""
        if not self._ordered:
            return
        filed = self._filed
        if filed is None:
            whole = self.pattern
            assert whole is not None
            for match in whole.finditer(text):
                yield match.start(), match.end(), self.term_of(match)
            return
        end = 0
        for run in _WORD_RUN.finditer(text):
            start = run.start()
            if start < end:
                continue  # inside the form found before
            word = run.group()
            if word.isascii():
                candidates = filed.get(word.lower())
                if candidates is None:
                    continue
                for own, number in candidates:
                    found = own.match(text, start)
                    if found is not None:
                        end = found.end()
                        yield start, end, self._form_terms[number]
                        break
            else:  # beyond ASCII, case-blind matching has its own rules ("K" is "k"): as the one expression
                whole = self.pattern
                assert whole is not None
                found = whole.match(text, start)
                if found is not None:
                    end = found.end()
                    yield start, end, self.term_of(found)


# A form's first run of word characters; each run of a text's words (where a form may start: not after a
# word character).
_FIRST_RUN = re.compile(r"\w+")
_WORD_RUN = re.compile(r"(?<!\w)\w+")


@dataclass
class PageText:
    """Renders the content strings of one page, in reading order, remembering which terms were used."""

    glossary: Glossary
    numbers: dict[str, int] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    # The attributes of the site's own English words on this page (' lang="en"' on a page in another
    # language), for the hidden "source" of each citation mark.
    english: Markup = field(default_factory=Markup)

    def inline(self, text: object) -> Markup:
        """One run of text (a table cell, a list item) with glossary terms marked on first use."""
        return self._marked(collapsed(str(text)))

    def paragraphs(self, text: object, cites: Iterable[str] = ()) -> Markup:
        """``<p>`` elements split on blank lines; citation marks end the last paragraph (or list item).

        A paragraph whose lines, from some line on, are list items ("- ", "* ", "• ", "1. ", "1) ": two
        or more, each line after the first item starting one or going on with it) is that list, after a
        ``<p>`` of the lines before it ("Options include:"): ``<ol>`` when every item is numbered.
        """
        blocks: list[tuple[str, list[Markup]]] = []  # ("p", [text]), ("ul" or "ol", [items])
        for part in _PARAGRAPH_BREAK.split(str(text).strip(_ASCII_SPACE)):
            intro, items, numbered = _list_items(part)
            if intro:
                blocks.append(("p", [self._marked(intro)]))
            if items:
                blocks.append(("ol" if numbered else "ul", [self._marked(item) for item in items]))
        if not blocks:
            blocks = [("p", [Markup("")])]
        blocks[-1][1][-1] += self.cite_marks(cites)
        rendered = []
        for tag, pieces in blocks:
            if tag == "p":
                rendered.append(Markup("<p>%s</p>") % pieces[0])
            else:
                inner = Markup("\n").join(Markup("<li>%s</li>") % piece for piece in pieces)
                rendered.append(Markup("<%s>\n%s\n</%s>") % (Markup(tag), inner, Markup(tag)))
        return Markup("\n").join(rendered)

    def cite_marks(self, cites: Iterable[str]) -> Markup:
        """``[1]`` ``[2]``: links to the numbered reference list, one per source cited, in ascending order."""
        marks = []
        for number in sorted({self.numbers[source] for source in cites if source in self.numbers}):
            marks.append(
                Markup(
                    '<sup class="cite"><a href="#ref-%d"><span class="visually-hidden"%s>source </span>[%d]</a></sup>'
                )
                % (number, self.english, number)
            )
        return Markup("").join(marks)

    def used_terms(self) -> list[Term]:
        """The terms marked on this page so far, sorted by term."""
        return sorted((self.glossary.terms[i] for i in self.used), key=lambda term: (term.term.casefold(), term.term))

    def _marked(self, text: str) -> Markup:
        glossary = self.glossary
        out: list[Markup] = []
        position = 0
        urls = Spans(url_spans(text)) if glossary.terms else None  # a web address is no place for a term's link
        for start, end, index in glossary.finditer(text):
            if urls is not None and urls.overlaps(start, end):
                continue
            if index in self.used:
                continue
            self.used.add(index)
            anchor = glossary.terms[index].anchor
            out.append(escape(text[position:start]))
            out.append(Markup('<a class="term" href="#%s">%s</a>') % (anchor, text[start:end]))
            position = end
        out.append(escape(text[position:]))
        joined = Markup("").join(out)
        return Markup("<bdi>%s</bdi>") % joined if _BIDI_CONTROLS.search(text) else joined
