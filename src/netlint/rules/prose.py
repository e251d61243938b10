"""P rules: prose defects in every human-readable text field, located at the exact character.

The string-level checks live in :mod:`netlint.prose`; which fields are prose,
the settings built once per run and the single engine pass per document live
in :mod:`netlint.rules._prose_document`. Each rule here is its manual and its
share of that pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from netlint.rules._prose_document import share
from netlint.rules._registry import rule

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context
    from netlint.loader import Document


@rule("P001", "foreign-script", severity="error", scope="document", any_shape=True)
def foreign_script(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports letters in a script foreign to the document's `language`, such as Han or Cyrillic
    characters in an English page. Every human-readable field is checked (titles, summaries,
    headings, section, indication and option text, pathway questions, risks, glossary entries,
    source titles, contributor names); the diagnostic spans the whole run of foreign letters. A
    source or contributor named in another script (a Russian guideline, "Ирина Смирнова") is named as
    it is: there only letters of another script among mostly Latin ones are reported. A
    Cyrillic or Greek letter that looks like a Latin one inside a word ("surgеon" with a Cyrillic
    "е") is named with its Latin twin, to be typed instead.

    ## Why it matters
    Text in a script the page is not written in is almost never content: it is spam injected into a
    page or pasted along with it. The seed page of this project opened with such a line. Readers see
    it as a broken or hacked page and stop trusting the medical advice on it.

    ## Example
    ```yaml
    title: 快猫短视频 Surgery for gastrointestinal neuroendocrine tumors
    ```

    ## Use instead
    ```yaml
    title: Surgery for gastrointestinal neuroendocrine tumors
    ```

    ## Options
    The document's `language` decides which scripts belong: topics declare it, procedures may
    (default `en`); the sources, contributors and glossary files are English. Latin letters, digits,
    punctuation and symbols (®, ≤, –) are always allowed, and one or two Greek letters are read as a
    scientific symbol (β-blocker, IFNγ), except inside a word. For a deliberate exception, add
    `# netlint: disable=P001` on the line or the line above it.
    """
    return iter(share("P001", doc, ctx))


@rule("P002", "mojibake", severity="error", scope="document", any_shape=True)
def mojibake(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports text garbled by an encoding mistake (mojibake) in a human-readable field. That is the
    replacement character U+FFFD, UTF-8 read as Latin-1 or Windows-1252 ("itâ€™s", "cafÃ©", "PDQÂ®",
    and what is left of it when part was lost: "2Â cm", "curativeâ€", "Itâ€s", "NETSPOTâ„¢"), and a
    `?` standing where a symbol was lost: after an abbreviation that a bracket holds alone ("(PDQ?)")
    or before a hyphen or en dash ("PDQ?–Health"), between two letters ("Crohn?s"; a run of them
    where accented letters were lost: "Remo??o"), inside a number ("3?5 days", "100.4?F", "100 ?C"),
    between a number and its unit ("4.5?kg"), or on its own before a length unit where a number was
    lost ("about ? inch"). The diagnostic points at the garbled characters.

    ## Why it matters
    Garbled characters make a page look careless and can change meaning: a lost ® or ≤ is invisible
    to a spell checker but not to readers. They come from copying text between systems that disagree
    on the encoding, as in the seed page's reference list.

    ## Example
    ```yaml
    title: Gastrointestinal Carcinoid Tumors Treatment (PDQ?)–Health Professional Version
    ```

    ## Use instead
    ```yaml
    title: Gastrointestinal Carcinoid Tumors Treatment (PDQ®) – Health Professional Version
    ```

    ## Options
    None. A real question mark at the end of a sentence or before a space is never reported (but for
    the lost number before a unit: "? inch").
    """
    return iter(share("P002", doc, ctx))


@rule("P003", "boilerplate", severity="error", scope="document", any_shape=True)
def boilerplate(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports web page boilerplate and navigation text left in content. That is phrases such as "Skip
    to main content", "showDesktop", "Sign up to stay up-to-date", "Back to top", cookie banners
    ("We use cookies"), sharing buttons ("Share this page:") and a page's footer ("Last Revised:",
    "Page last reviewed:", "Next review due:", "All rights reserved"). A few phrases that are
    ordinary words inside a sentence ("Read more", "Log in", "Print this page", "Print", "Share",
    "Email", "Share on Facebook", "Related Resources", "Download PDF", "Advertisement", "Privacy
    Policy") count only when they make up a whole line (in a folded `>` block too, where the line
    before ends a sentence and the line after starts one) or end one after a sentence's end ("... the
    next morning. Share this page"), alone or several in a row ("Share on Facebook Share on Twitter
    Email this page", "Facebook Twitter Email"). Some are known in German, French,
    Spanish, Italian, Dutch and Portuguese too: "Todos los derechos reservados", "Ce site utilise
    des cookies", and, on a line of its own, skip links ("Zum Inhalt
    springen", "Ir al contenido principal"), "back to top" ("Nach oben", "Retour en haut de page",
    "Torna su", "Naar boven", "Voltar ao topo"), "Imprimer cette page" and "Partager sur Facebook".

    ## Why it matters
    Text copied from a published page brings its menus, widgets and newsletter prompts along. In a
    release bundle they become nonsense in the middle of medical advice, as in the seed page.

    ## Example
    ```yaml
    summary: |
      Skip to main content
      showDesktop,showTablet,showMobile
      Surgery is the main treatment for most neuroendocrine tumors.
    ```

    ## Use instead
    ```yaml
    summary: Surgery is the main treatment for most neuroendocrine tumors.
    ```

    ## Options
    `prose.boilerplate` (a list of phrases, default empty) adds to the built-in list, for
    example `boilerplate = ["Download the PDF"]`. Phrases match whole words, ignoring case and
    treating any run of spaces or line breaks as one space.
    """
    return iter(share("P003", doc, ctx))


@rule("P004", "whitespace", severity="warning", scope="document", any_shape=True)
def whitespace(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports whitespace defects in human-readable fields. That is two or more spaces between words
    (including tabs and no-break spaces), a tab between words, a space after an opening or before a
    closing bracket, a space before `,` `.` `;` or `:` (not in a spaced ellipsis ". . ."), spaces at
    the end of a line, and invisible characters pasted from web pages (zero-width space, word joiner,
    a zero-width no-break space inside the text, soft hyphen), which also hide the word they split
    from the other checks; a soft hyphen in a page in German, Dutch, a Scandinavian language,
    Finnish, Hungarian or Estonian marks where a long compound may break, and is fine. Also the
    invisible operators and separator (U+2061-U+2064) and the bidirectional
    controls that reorder how text shows (a "Trojan Source": "up to \u202emc 02\u202c" shows as "20
    cm" where every check read "mc 02"): the overrides always, the embeddings and isolates except in
    text with right-to-left letters (Arabic, Hebrew, Persian, Urdu...: a page in such a language, or
    a source's title or author written in one), where they are what mixed-direction text needs. The
    diagnostic spans the offending spaces or characters. Spaces after a list item's label at the
    start of a line ("1.  Stop eating") align the items and are fine, in a literal block (`|`), which
    keeps its lines; a folded block (`>`) joins them into one paragraph, where they are two spaces.

    ## Why it matters
    Stray spaces are the trace of careless editing or of text pasted from another page; published,
    they show as gaps, and a space before a bracket or comma can wrap it onto the next line alone.

    ## Example
    ```yaml
    text: >
      Rectal neuroendocrine tumors may be removed  through the anus. The surgeon also removes the
      layers of tissue that hold the intestines ( the mesentery).
    ```

    ## Use instead
    ```yaml
    text: >
      Rectal neuroendocrine tumors may be removed through the anus. The surgeon also removes the
      layers of tissue that hold the intestines (the mesentery).
    ```

    ## Options
    None. A single no-break space (between "2" and "cm") is deliberate and allowed; in French text a space
    before `;` and `:` is correct and allowed.
    """
    return iter(share("P004", doc, ctx))


@rule("P005", "near-miss-term", severity="error", scope="document", any_shape=True)
def near_miss_term(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a word that looks like a misspelling of a glossary term, such as "Neurendocrine". That is
    a word that is not a known word but is within Damerau-Levenshtein distance 1 (words up to 8
    letters) or 2 (longer words), ignoring case, of a glossary term or variant. Known words are
    pyspellchecker's English word list (with British spellings and regular inflections), the
    glossary, and `prose.words`. Another form of a term's stem is no misspelling either: a word that
    differs from the term only in a derivational ending ("mesenteric" beside "mesentery",
    "endoscopist" beside "endoscopic", "colonoscope" beside "colonoscopy").

    ## Why it matters
    A misspelled medical term is easy to miss in review and hard for readers to look up; a general
    spell checker may not know the right spelling either. The seed page wrote "Neurendocrine".

    ## Example
    ```yaml
    text: Neurendocrine tumors are sometimes removed during an operation done for another reason.
    ```

    ## Use instead
    ```yaml
    text: Neuroendocrine tumors are sometimes removed during an operation done for another reason.
    ```

    ## Options
    `prose.words` (a list, default empty): words that are right as written, such as names
    ("Whipple") or abbreviations; matched ignoring case. Pages in English (`language: en`, the default)
    are checked: the word list is English and the glossary's terms are taken to be English, whose
    cognates in other languages ("Rektum", "tumori") would look like misspellings. Add a missing term
    to the glossary to make it both known and a target for near-misses. Names in mixed case ("showDesktop"),
    abbreviations (all capitals, at most five, with an optional plural "s": "GI", "ASCO", "NETs") and words
    shorter than four letters are never reported; a longer word in capitals ("HORMON") is checked.
    Contributor names, source titles (a published title is quoted as it is), publishers, authors and
    the glossary's own terms are not checked. A glossary word of more than 32 letters is known, but no
    target for near-misses.
    """
    return iter(share("P005", doc, ctx))


@rule("P006", "placeholder", severity="error", scope="document", any_shape=True)
def placeholder(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports placeholder text left in a human-readable field. That is the markers TODO, TBD, FIXME
    and XXX (in capitals, as whole words; TBC too, on English pages), "tbd", "todo:" (a note, in any
    case; in Spanish and Portuguese, where "todo" is a word, "TODO:" in capitals only), X, XX, xx or
    "??" standing for a
    number of days, weeks, months, years, hours or minutes ("XX days"; in Italian, Dutch, Polish,
    Portuguese, Spanish, French and German too: "XX giorni", "X tygodni"), for a percentage ("XX%"),
    a size, weight, dose or volume ("XX cm", "??? mg", "XX mL") or a proportion ("XX in 100"), a blank
    for a number ("___ days", "___%"; not a line to write on, "Date: ____"), "lorem ipsum", "[citation
    needed]", bracketed
    instructions such as "[insert recovery time]", "<insert phone number>" or "[to be confirmed]",
    a template's words alone in round brackets ("(insert figure)", "(to be confirmed)"; not an
    aside that starts so, "(insert it pointed end first)"), "[TBC]", "(TBC)", "[Name]", "[LINK]",
    "[X]", and a template's variable such as "{{recovery_time}}" or "{recovery_time}".

    ## Why it matters
    A placeholder means the text is unfinished. Published, it tells a patient that the page was not
    checked, and the missing information may be exactly what they came for.

    ## Example
    ```yaml
    text: Most people go home from the hospital after TBD days.
    ```

    ## Use instead
    ```yaml
    text: Most people go home from the hospital after 3 to 5 days.
    ```

    ## Options
    None. "47,XXX" and "46,XX" (karyotypes), "XXX" before a capitalised word (a Roman numeral or a
    name: "XXX Congreso", "XXX Syndrome"), an X-ray in other languages ("raggi X ore dopo") and
    placeholders inside a URL are not reported.
    """
    return iter(share("P006", doc, ctx))


@rule("P007", "reading-grade", severity="warning", scope="document", any_shape=True)
def reading_grade(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports patient-facing text above the allowed reading grade. That is a text field of 40 words or
    more, in a patient-audience English document, whose Flesch-Kincaid grade is above
    `prose.max_grade`. Numbers with their units ("1.5 cm"), abbreviations ("NETs", "Dr.") and URLs
    are masked before scoring. A sentence ends at end punctuation, a blank line, a list item ("- ",
    "• ", "– ", "1. ", "1) ", "a) "), or a line (of a `|` block) starting with a capitalised word
    (not an abbreviation such as "CT"). The diagnostic spans the whole field, from the start of its
    value to its last character.

    ## Why it matters
    Health information for patients should be readable at school grade 8 to 9 at most; long
    sentences full of long words lose the readers who most need the page. The seed page's paragraph
    on the Whipple procedure, below, scores grade 13.8; the rewrite under it, 5.6.

    ## Example
    ```yaml
    text: >
      Pancreaticoduodenectomy or Whipple procedure: This operation is most often used to treat
      pancreatic cancer, but it is also used to treat cancers of the duodenum (the first part of the
      small intestine). It removes the duodenum, part of the pancreas, nearby lymph nodes, and part
      of the stomach. The gallbladder and part of the common bile duct are removed, and the remaining
      bile duct is attached to the small intestine so that bile from the liver can continue to enter
      the small intestine.
    ```

    ## Use instead
    ```yaml
    text: >
      This operation is also called the Whipple procedure. The surgeon takes out the duodenum, part
      of the pancreas and part of the stomach. The gallbladder and nearby lymph nodes come out too.
      Then the surgeon joins the bile duct to the small intestine, so that bile can still reach it.
    ```

    ## Options
    `prose.max_grade` (default 9). Applies to topics with `audience: patient` and to procedures
    (which default to `audience: patient`); not to `audience: professional`, to languages other than
    English, or to the sources, contributors and glossary files. A field can be excused with
    `# netlint: disable=P007` on the line above its key.
    """
    return iter(share("P007", doc, ctx))


@rule("P008", "unbalanced-brackets", severity="error", scope="document", any_shape=True)
def unbalanced_brackets(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports unbalanced brackets and quotation marks. That is a bracket `(` `[` `{` that is never
    closed or a closing one that was never opened, and an unclosed quotation mark: straight `"` or
    the page language's own quotes: “ ” and ‘ ’ in English; „ “ in German, Czech, Slovak,
    Lithuanian, Slovenian, Estonian and Icelandic; „ ” in Polish, Romanian, Hungarian, Croatian and
    Dutch; « » in French, Spanish, Italian, Portuguese, Catalan, Greek, Russian, Ukrainian,
    Bulgarian, Swiss German, Norwegian, Latvian, Arabic and Persian (» « in Danish, Hungarian and
    Croatian); ” ” in Swedish and Finnish; 「 」 in Japanese and Chinese; other languages are read
    with English's. Each field is checked on its own; the diagnostic points at the unmatched character.

    ## Why it matters
    An unbalanced bracket usually means text was lost when editing: the aside that explained a term
    stops in mid-air, or the reader cannot tell where it ends.

    ## Example
    ```yaml
    text: Also removed is the supporting connective tissue (called the mesentery that holds lymph nodes.
    ```

    ## Use instead
    ```yaml
    text: Also removed is the supporting connective tissue (called the mesentery) that holds lymph nodes.
    ```

    ## Options
    None. An apostrophe (’) is never taken for a closing quote; list labels such as "1)" or "a)",
    inch marks (2", ¾") and brackets inside URLs are not reported.
    """
    return iter(share("P008", doc, ctx))


@rule("P009", "repeated-word", severity="warning", scope="document", any_shape=True)
def repeated_word(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a word written twice in a row, in any case and across a folded block's line break: "the
    the", "It is is normal", "Treatments for for stones". The diagnostic spans the second word, the one
    to remove. A line break that stays one (in a `|` block) ends a heading or a list item: not a repeat.
    Pages and glossary definitions in English are checked; not names and titles of sources and
    contributors, nor the glossary's terms, nor text in other languages, where a word twice is often
    grammar ("nous nous sommes", "die die Zellen").

    ## Why it matters
    A doubled word is the commonest slip of editing: the eye reads past it, and a published page with
    one looks careless, which costs a medical page its readers' trust.

    ## Example
    ```yaml
    text: >
      The surgeon removes the the tumor and a rim of normal tissue around it.
    ```

    ## Use instead
    ```yaml
    text: >
      The surgeon removes the tumor and a rim of normal tissue around it.
    ```

    ## Options
    None. "had had" and "that that", which English writes twice, are not reported, nor words that are
    one word twice ("mahi mahi", "beri beri", "ylang ylang", "tse tse", "bye bye", "very very"), nor a
    name of two capitalised words ("Walla Walla", "Bora Bora"), nor words joined by hyphens or inside a
    web address. A warning: suppress it with `# netlint: disable=P009` where the repetition is meant
    ("your living will will tell them").
    """
    return iter(share("P009", doc, ctx))
