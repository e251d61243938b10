"""P003: web boilerplate and navigation text left over from copying a page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from netlint.prose.settings import ProseFinding
from netlint.prose.spelling import ascii_words
from netlint.prose.text import quote

# Phrases that are never part of a page's content, wherever they appear.
BUILTIN_PHRASES: tuple[str, ...] = (
    "Skip to main content",
    "Skip to content",
    "Skip navigation",
    "showDesktop",
    "showTablet",
    "showMobile",
    "Sign up to stay up-to-date",
    "Back to top",
    "Click here",
    "Cookie settings",
    "Accept all cookies",
    "We use cookies",
    "side by side logos",
    "American Cancer Society Emails",
    "Subscribe to our newsletter",
    "Sign up for our newsletter",
    "Share this page:",  # then the buttons' names ("Facebook Twitter Email Print")
    "Was this page helpful",
    # A page's footer: its dates are the review block's to hold.
    "Last Revised:",
    "Last Medical Review:",
    "All rights reserved",
    "Terms of Use",
    # The same in other languages (those written in ASCII: the screens that keep P003 cheap need it).
    "Alle Rechte vorbehalten", "Todos los derechos reservados", "Tutti i diritti riservati",
    "Alle rechten voorbehouden", "Todos os direitos reservados",
    "Diese Website verwendet Cookies", "Ce site utilise des cookies", "Este sitio web utiliza cookies",
    "Questo sito utilizza cookie", "Deze website gebruikt cookies", "Este site utiliza cookies",
    "Page last reviewed:", "Next review due:",  # the NHS's and Cancer Research UK's footer
)  # fmt: skip

# Phrases that are ordinary English inside a sentence ("Read more about diet in…", "Print this
# page and bring it with you"), so they count as boilerplate only when they make up a whole line, or
# end one after a sentence ("... the next morning. Share this page"), alone or one after another.
BUILTIN_LINE_PHRASES: tuple[str, ...] = (
    "Log in", "Read more", "Print this page", "Share this page", "Print", "Email", "Share",
    "Related Resources", "Related Articles", "Download PDF", "Advertisement", "Privacy Policy",
    # "Back to top" in other languages: ordinary words in a sentence ("il dolore torna su", "nach oben").
    "Nach oben", "Retour en haut", "Retour en haut de page", "Volver arriba", "Torna su", "Torna all'inizio",
    "Naar boven", "Terug naar boven", "Voltar ao topo", "Imprimer cette page", "Seite drucken",
    "Stampa questa pagina", "Email this page",
    # Sharing buttons and short skip links: a verb phrase in a sentence ("many share on Facebook what
    # helped them", "ir al contenido de la bolsa") but boilerplate on a line of its own.
    "Share on Facebook", "Share on Twitter", "Share on LinkedIn", "Partager sur Facebook",
    # the buttons' own names, on the line after "Share this page:" ("Facebook Twitter Email"; one alone
    # is a word a wrapped sentence may leave on a line: "... a support group on\nFacebook.": see SOCIAL)
    "Facebook", "Twitter", "LinkedIn", "Pinterest", "WhatsApp",
    "Compartir en Facebook", "Condividi su Facebook", "Auf Facebook teilen", "Partilhar no Facebook",
    "Delen op Facebook", "Teilen auf Facebook", "Aller au contenu", "Ir al contenido", "Naar de inhoud",
    "Ir para o conteudo", "Passer au contenu principal", "Saltar al contenido principal",
    "Pasar al contenido principal", "Aller au contenu principal", "Ir al contenido principal",
    "Zum Hauptinhalt springen", "Direkt zum Inhalt", "Direkt zum Inhalt springen", "Zum Inhalt springen",
    "Vai al contenuto", "Vai al contenuto principale", "Salta al contenuto", "Salta al contenuto principale",
    "Ga naar inhoud", "Newsletter abonnieren",
)  # fmt: skip


def _alternation(phrases: tuple[str, ...]) -> str:
    # Longest first, so "Skip to main content" wins over a shorter user phrase inside it;
    # any run of whitespace in the text matches a space in the phrase. (Then alphabetical: the same
    # pattern in every process, whatever order the set holds its phrases in.)
    ordered = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(word) for word in p.split(" ")) for p in ordered)


@lru_cache(maxsize=32)
def boilerplate_patterns(extra: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anywhere pattern, whole-line pattern) for the built-in phrases plus ``extra``."""
    anywhere = re.compile(rf"(?<![^\W_])(?:{_alternation(BUILTIN_PHRASES + extra)})(?![^\W_])", re.IGNORECASE)
    buttons = _alternation(BUILTIN_LINE_PHRASES)
    chain = rf"(?:{buttons})(?:[ \t]+(?:{buttons}))*"  # one or several in a row ("Facebook Twitter Email")
    tail = r"[ \t]*(?:[.:!»›>…]+[ \t]*)?"
    line = re.compile(
        # On a line of its own; or ending a paragraph (the text, or before a blank line) after a sentence's
        # end, as pasted buttons do ("... the next morning. Share this page"), not a line that goes on in
        # the next ("... before the visit. Print\nthis list"). (Spaces after the phrase are read one way:
        # "[ \t]*[.:…]*[ \t]*" split a long run of them in every way, a search quadratic in its length.)
        rf"^[ \t]*(?P<phrase>{chain}){tail}$"
        rf"|(?<=[.!?])[ \t]+(?P<ending>{chain}){tail}(?=\s*\Z|\r?\n[ \t]*\r?\n)",
        re.IGNORECASE | re.MULTILINE,
    )
    return anywhere, line


@dataclass(frozen=True)
class _LowerCaseSearch:
    """Faster forms of the patterns, for lower-cased text in which str.lower() agrees with re.IGNORECASE.

    ``anywhere`` drops re.IGNORECASE (four times faster). A phrase can only match where its longest
    run of letters is in the text, so one substring test per phrase (``anywhere_runs``,
    ``line_runs``) usually settles that there is nothing to look for.
    """

    anywhere: re.Pattern[str]
    anywhere_runs: tuple[str, ...]
    line_runs: tuple[str, ...]
    all_runs: tuple[str, ...]  # both: what the document-level screen looks for
    phrase_runs: dict[str, tuple[frozenset[str], ...]]  # each phrase's runs of letters, filed by its longest
    run_set: frozenset[str]  # all of them


def _longest_run(phrase: str) -> str:
    return max(re.findall("[a-z]+", phrase.lower()), key=len, default="")


@lru_cache(maxsize=32)
def _lower_case_search(extra: tuple[str, ...]) -> _LowerCaseSearch | None:
    """None when a phrase is not ASCII (re.IGNORECASE and str.lower() then part ways) or has no letter."""
    phrases = BUILTIN_PHRASES + extra
    if not all(phrase.isascii() and _longest_run(phrase) for phrase in phrases if phrase.strip()):
        return None
    lowered = tuple(phrase.lower() for phrase in phrases)
    anywhere_runs = tuple(sorted({_longest_run(phrase) for phrase in phrases if phrase.strip()}))
    line_runs = tuple(sorted({_longest_run(phrase) for phrase in BUILTIN_LINE_PHRASES}))
    every = [phrase.lower() for phrase in phrases + BUILTIN_LINE_PHRASES if phrase.strip()]
    phrase_runs: dict[str, tuple[frozenset[str], ...]] = {}
    for runs in sorted({frozenset(re.findall("[a-z]+", phrase)) for phrase in every}, key=sorted):
        longest = max(sorted(runs), key=len)
        phrase_runs[longest] = (*phrase_runs.get(longest, ()), runs)
    return _LowerCaseSearch(
        re.compile(rf"(?<![^\W_])(?:{_alternation(lowered)})(?![^\W_])"),
        anywhere_runs,
        line_runs,
        tuple(sorted(set(anywhere_runs + line_runs))),
        phrase_runs,
        frozenset().union(*(runs for filed in phrase_runs.values() for runs in filed)),
    )


def _phrase_spans(text: str, extra: tuple[str, ...]) -> list[tuple[int, int]]:
    anywhere, line = boilerplate_patterns(extra)
    fast = _lower_case_search(extra)
    lowered = text.lower()
    # re.IGNORECASE also matches "ı" to "i" and "ſ" to "s"; str.lower() turns "İ" into two characters.
    if fast is None or not (text.isascii() or (len(lowered) == len(text) and "ı" not in text and "ſ" not in text)):
        spans = [match.span() for match in anywhere.finditer(text)]
        return spans + [span for match in line.finditer(text) if (span := _phrase_span(match)) is not None]
    spans = []
    if any(map(lowered.__contains__, fast.anywhere_runs)):
        spans += [match.span() for match in fast.anywhere.finditer(lowered)]
    if any(map(lowered.__contains__, fast.line_runs)):
        spans += [span for match in line.finditer(text) if (span := _phrase_span(match)) is not None]
    return spans


def _phrase_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Where a match of the line pattern's phrase is: on a line of its own, or ending a paragraph; None for
    a social network's name alone (a button only beside others)."""
    span = match.span("phrase") if match.group("phrase") is not None else match.span("ending")
    return None if is_lone_name(match.string[span[0] : span[1]]) else span


# The social networks' names among the line phrases: boilerplate only beside other buttons.
SOCIAL = frozenset({"facebook", "twitter", "linkedin", "pinterest", "whatsapp"})


def is_lone_name(phrase: str) -> bool:
    """Whether ``phrase`` is one social network's name alone ("Facebook"), not a row of buttons."""
    return phrase.strip().lower() in SOCIAL


def may_have_boilerplate(text: str, extra: tuple[str, ...]) -> bool:
    """False only when :func:`check_boilerplate` finds nothing in ``text`` or in the texts joined by "\n" in it.

    When the fast search applies to ``text`` it applies to each of those texts (ASCII, or lower-casing
    that keeps the length and no "ı" or "ſ"), and a phrase is found only where one of the letter
    runs is in the lower-cased text; a part's runs are in the whole's. Otherwise: maybe.
    """
    fast = _lower_case_search(extra)
    if fast is None:
        return True
    split = ascii_words(text)
    if split is not None:
        # Where a phrase matches, each of its runs of letters is a whole run of letters in the text
        # (the phrase's own characters or a word boundary are around it), so it is one of the
        # text's words as P005 splits them (this split is P005's screen's too), or a part of one
        # joined by an apostrophe ("content's"). So a phrase can match only if all its runs are
        # such words ("back" alone, as in "come back", is not "Back to top"). (Characters beyond
        # ASCII, when ascii_words takes the text, are punctuation and spaces: word boundaries for
        # the phrases' pattern as for the split.)
        joined, found = split
        present = fast.run_set.intersection(found)
        if "'" in joined:  # and the runs that an apostrophe joins: each piece's last word and first
            pieces = joined.split("'")
            glued = [piece.rsplit(None, 1)[-1] for piece in pieces[:-1] if piece and not piece[-1].isspace()]
            glued += [piece.split(None, 1)[0] for piece in pieces[1:] if piece and not piece[0].isspace()]
            present = present | fast.run_set.intersection(glued)
        # (Only the phrases filed under a present run can have all theirs present: a few, not every phrase.)
        filed = fast.phrase_runs
        return any(runs <= present for run in present if run in filed for runs in filed[run])
    lowered = text.lower()
    if not (len(lowered) == len(text) and "ı" not in text and "ſ" not in text):
        return True
    return any(map(lowered.__contains__, fast.all_runs))


def check_boilerplate(text: str, extra: tuple[str, ...]) -> Iterator[ProseFinding]:
    """Yield a P003 finding for every boilerplate phrase in ``text``; one for a phrase both kinds find at one
    place ("Share this page:" anywhere, "Share this page" on its line), the longer."""
    reached = -1
    for start, end in sorted(_phrase_spans(text, extra), key=lambda span: (span[0], -span[1])):
        if end <= reached:
            continue  # inside the phrase found before
        reached = end
        yield ProseFinding("P003", start, end, message_for(text[start:end]))


def message_for(phrase: str) -> str:
    """P003's message for the boilerplate ``phrase`` as the text has it."""
    return f"{quote(phrase)} is web page boilerplate or navigation text, not content; remove it"
