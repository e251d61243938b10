"""The string-level prose engine (P001-P008): exact offsets for defects, silence on good text."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netlint.prose import CODES, GlossaryTerm, ProseFinding, ProseSettings, check_text

SRC = Path(__file__).resolve().parents[1] / "src"

# Terms and variants as in the project's content/glossary.yaml (abridged).
GLOSSARY = (
    GlossaryTerm("neuroendocrine tumor", ("neuroendocrine tumors", "neuroendocrine", "NET", "NETs")),
    GlossaryTerm("gastrointestinal", ("GI",)),
    GlossaryTerm("carcinoid syndrome"),
    GlossaryTerm("metastasis", ("metastases",)),
    GlossaryTerm("small intestine", ("small bowel",)),
    GlossaryTerm("duodenum"),
    GlossaryTerm("appendectomy"),
    GlossaryTerm("colon"),
    GlossaryTerm("esophagus"),
    GlossaryTerm("resection", ("resect",)),
    GlossaryTerm("mesentery"),
    GlossaryTerm("pancreaticoduodenectomy", ("Whipple procedure",)),
    GlossaryTerm("hemicolectomy", ("right hemicolectomy",)),
    GlossaryTerm("low anterior resection", ("LAR",)),
    GlossaryTerm("tumor", ("tumors",)),
    GlossaryTerm("hemorrhage"),
    GlossaryTerm("color"),
)
SETTINGS = ProseSettings(glossary=GLOSSARY, words=frozenset({"Whipple"}))


def found(text: str, settings: ProseSettings = SETTINGS, code: str | None = None) -> list[tuple[str, int, int]]:
    """(code, start, end) of every finding, optionally of one code only."""
    codes = None if code is None else frozenset({code})
    return [(f.code, f.start, f.end) for f in check_text(text, settings, codes=codes)]


def span(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return start, start + len(fragment)


# --- P001 foreign script ---------------------------------------------------


def test_p001_han_run_is_one_finding_spanning_the_run() -> None:
    text = "Surgery 快猫短视频 works"
    assert found(text, code="P001") == [("P001", 8, 13)]
    (finding,) = check_text(text, SETTINGS, codes=frozenset({"P001"}))
    assert finding.message == (
        "text in Han script ('快猫短视频') does not belong in an English page; remove it (it may be injected spam)"
    )


def test_p001_words_of_one_script_separated_by_spaces_are_one_run() -> None:
    assert found("Buy Привет мир now", code="P001") == [("P001", 4, 14)]
    assert found("스팸 text and アダルト", code="P001") == [("P001", 0, 2), ("P001", 12, 16)]


def test_p001_latin_common_and_inherited_characters_are_fine() -> None:
    text = "PDQ® ≤ 2 cm – “quoted” — café-au-lait, Crohn’s, naïve, Zürich, São, β-blockers, αβ T cells, 5 µg, ½ inch"
    assert found(text, code="P001") == []


def test_p001_a_look_alike_letter_inside_a_word_is_named_with_its_latin_twin() -> None:
    (finding,) = check_text("The surgеon removes it.", SETTINGS, codes=frozenset({"P001"}))
    assert (finding.start, finding.end) == (8, 9)
    assert finding.message == (
        "'е' in 'surgеon' is Cyrillic that looks like the Latin letter 'e'; type the Latin letter instead "
        "(a look-alike hides the word from search and spelling checks)"
    )
    # A Greek omicron inside a word is no scientific symbol.
    assert found("The cοlon is removed.", code="P001") == [("P001", 5, 6)]
    assert found("TNF-α, IFNγ and β-blockers.", code="P001") == []


def test_p001_a_greek_letter_drawn_as_a_latin_one_at_a_word_s_edge_is_a_look_alike() -> None:
    """A Greek letter drawn exactly as a Latin one is no symbol, at the start or end of a word too."""
    assert found("In οncoplastic surgery", code="P001") == [("P001", 3, 4)]  # omicron
    assert found("Τhe surgeon", code="P001") == [("P001", 0, 1)]  # capital tau
    assert found("ΗΕR2-positive", code="P001") == [("P001", 0, 2)]  # capital eta and epsilon
    assert found("A Ζ-plasty closes it.", code="P001") == [("P001", 2, 3)]  # capital zeta, beside no letter
    (zeta,) = check_text("A Ζ-plasty", SETTINGS, codes=frozenset({"P001"}))
    assert zeta.message.startswith("'Ζ' is Greek that looks like the Latin letter 'Z'; type the Latin letter")
    (finding,) = check_text("Τhe surgeon", SETTINGS, codes=frozenset({"P001"}))
    assert finding.message.startswith("'Τ' in 'Τhe' is Greek that looks like the Latin letter 'T'")
    # Symbols that read as Greek stay allowed where they touch a capital or a digit.
    assert found("NF-κB, IFNα, ERβ, TNFα, IL-1β, 5α-reductase and Δ9", code="P001") == []
    # Not joined to a word in lower case: a letter slipped into it (but "μ" is the micro sign's twin).
    assert found("See your doctoπ soon.", code="P001") == [("P001", 14, 15)]
    assert found("It ρasses.", code="P001") == [("P001", 3, 4)]
    assert found("Take 5 μg, or 2 μmol.", code="P001") == []


def test_p001_follows_the_language() -> None:
    assert found("Привет, это NET.", ProseSettings(language="ru"), code="P001") == []
    assert found("Привет 快猫", ProseSettings(language="ru"), code="P001") == [("P001", 7, 9)]
    assert found("こんにちは世界、カタカナ", ProseSettings(language="ja"), code="P001") == []
    assert found("Surgery 快猫", ProseSettings(language="en-GB"), code="P001") == [("P001", 8, 10)]
    assert found("Surgery 快猫", ProseSettings(language="xx"), code="P001") == []
    # Hebrew and Yiddish by their withdrawn codes too, as the HTML export reads them
    for language in ("he", "iw", "yi", "ji"):
        assert found("ניתוח 快猫", ProseSettings(language=language), code="P001") == [("P001", 6, 8)], language
        assert found("ניתוח NET", ProseSettings(language=language), code="P001") == [], language


# --- P002 mojibake -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bad", "repaired"),
    [
        ("it’s fine".replace("’", "â€™"), "â€™", "’"),
        ("cafÃ© au lait", "Ã©", "é"),
        ("Treatment (PDQÂ®)", "Â®", "®"),
        ("a 2â€“3 cm tumor", "â€“", "–"),
    ],
)
def test_p002_utf8_read_as_latin1_names_the_repair(text: str, bad: str, repaired: str) -> None:
    (finding,) = check_text(text, SETTINGS, codes=frozenset({"P002"}))
    assert (finding.start, finding.end) == span(text, bad)
    assert finding.message.startswith(f"'{bad}' looks like a garbled '{repaired}'")


@pytest.mark.parametrize(
    ("text", "stray", "message"),
    [
        (
            "Tumors of 2Â cm or less",
            "Â",
            "'Â' in '2Â' looks like what is left of a garbled no-break space (text saved in one "
            "encoding and read in another); replace it with the right character",
        ),
        (
            "the “curativeâ€ option",
            "â€",
            "'â€' in 'curativeâ€' looks like what is left of a garbled quotation mark or dash, cut "
            "short (text saved in one encoding and read in another); replace it with the right character",
        ),
        (
            "Itâ€s a scan",
            "â€",
            "'â€' in 'Itâ€s' looks like what is left of a garbled quotation mark or dash, cut "
            "short (text saved in one encoding and read in another); replace it with the right character",
        ),
        (
            "a NETSPOTâ„¢ scan",
            "â„¢",
            "'â„¢' in 'NETSPOTâ„¢' looks like what is left of a garbled trade mark sign (™) (text saved in one "
            "encoding and read in another); replace it with the right character",
        ),
        (
            "a cafÃ near",
            "Ã",
            "'Ã' in 'cafÃ' looks like what is left of a garbled accented letter (text saved in one "
            "encoding and read in another); replace it with the right character",
        ),
    ],
)
def test_p002_what_is_left_of_mojibake_that_ftfy_cannot_repair(text: str, stray: str, message: str) -> None:
    (finding,) = check_text(text, SETTINGS, codes=frozenset({"P002"}))
    assert (finding.start, finding.end, finding.message) == (*span(text, stray), message)
    assert found("ÂGE, Âme and Â.", code="P002") == []  # a capital Â starting a word is a letter


def test_p002_a_garbled_space_names_the_space_that_was_lost() -> None:
    # French sets a narrow no-break space before "?": "replace it with a space" let the "?" wrap alone.
    (finding,) = check_text("Que choisir\u00e2\u20ac\u00af?", ProseSettings(language="fr"), codes=frozenset({"P002"}))
    assert finding.message.startswith("'â€¯' looks like a garbled narrow no-break space (U+202F)")
    assert finding.message.endswith("replace it with a narrow no-break space, which keeps what it joins on one line")
    (finding,) = check_text("2\u00c2\u00a0cm", SETTINGS, codes=frozenset({"P002"}))
    assert "a garbled no-break space (U+00A0)" in finding.message


def test_p002_a_fraction_lost_after_a_number() -> None:
    # "2¾ inches" after a bad round trip: "2? inches", "2?inches" (an attached "7?cm" is a lost space).
    for text, at in [("larger than 7 cm (about 2? inches)", 25), ("about 2?inches", 7)]:
        (finding,) = check_text(text, SETTINGS, codes=frozenset({"P002"}))
        assert (finding.start, finding.end) == (at, at + 1)
        assert "looks like a lost fraction such as ¾ or ½ after the number" in finding.message
    assert found("Is it 2? Yes, 2 cm.", code="P002") == []
    assert found("¿Mide más de 2? cm: pregunte a su médico.", ProseSettings(language="es"), code="P002") == []


def test_p002_a_cut_short_mark_after_a_repaired_one_names_its_own_word() -> None:
    # The "œ" of the garbled opening mark is no letter of the word the cut-short closing mark ends.
    opening, closing = check_text("He had a â€œlifelongâ€ fear.", SETTINGS, codes=frozenset({"P002"}))
    assert opening.message.startswith("'â€œ' looks like a garbled '“'")
    assert (closing.start, closing.end) == (20, 22)
    assert closing.message.startswith("'â€' in 'lifelongâ€' looks like what is left of a garbled quotation mark")


def test_garbled_text_is_reported_once_as_p002() -> None:
    # The "”" of a garbled em dash is no quotation mark (P008), and "ileumâ" no misspelling (P005).
    text = "The ileumâ€”the last part of the small intestine—is removed."
    assert [code for code, _, _ in found(text)] == ["P002"]
    assert found("Recovery takes 4â€“6 weeks.") == [("P002", *span("Recovery takes 4â€“6 weeks.", "â€“"))]


def test_p002_a_question_mark_inside_a_number_is_a_lost_dash_or_degree_sign() -> None:
    text = "Rest for 3?5 days; call if your temperature is 100.4?F or higher."
    assert found(text, code="P002") == [("P002", *span(text, "?")), ("P002", text.rindex("?"), text.rindex("?") + 1)]
    (finding, _) = check_text(text, SETTINGS, codes=frozenset({"P002"}))
    assert finding.message.startswith("'?' in '3?5' looks like a lost symbol such as a dash (–) or a degree sign (°)")
    assert found("Is it 5? 3 is fine. Which is it, 2?", code="P002") == []


def test_p002_a_question_mark_before_a_unit_is_a_lost_number() -> None:
    text = "For tumors up to 2 cm (about ? inch) and, in the colon, ?\u00a0centimeters."
    first, second = text.index("?"), text.rindex("?")
    assert found(text, code="P002") == [("P002", first, first + 1), ("P002", second, second + 1)]
    (finding, _) = check_text(text, SETTINGS, codes=frozenset({"P002"}))
    assert finding.message == (
        "'?' before 'inch' looks like a lost number such as ¾ or ½; replace it with the right number"
    )
    # A question that ends before a unit, or a "?" inside a word or number, is not a lost number.
    assert found("Is it 2 cm? cm is short for centimeter. What? mm.", code="P002") == []
    assert found("Which unit, cm or inch? Inches.", code="P002") == []


def test_p002_lost_accented_letters_a_lost_degree_after_a_space_and_a_lost_space_before_a_unit() -> None:
    text = "Remo??o do estômago"  # "Remoção": ç and ã lost, one finding for the run
    assert found(text, ProseSettings(language="pt"), code="P002") == [("P002", 4, 6)]
    (finding,) = check_text(text, ProseSettings(language="pt"), codes=frozenset({"P002"}))
    assert finding.message == (
        "'??' in 'Remo??o' looks like lost characters, such as accented letters; replace them with the right characters"
    )
    text = "Heated to 60–100 ?C (140–212 ?F)."
    assert found(text, code="P002") == [("P002", 17, 18), ("P002", 29, 30)]
    text = "The tumor weighed 4.5?kg."
    assert found(text, code="P002") == [("P002", 21, 22)]
    assert check_text(text, SETTINGS, codes=frozenset({"P002"}))[0].message == (
        "'?' in '5?kg' looks like a lost space or symbol; replace it with the right character"
    )
    # Real questions stay questions.
    assert found("Is it 60 or 100? Call us. Which one? C or F? How many kg? 5? kg.", code="P002") == []


def test_p002_replacement_character() -> None:
    text = "Crohn\ufffds disease"
    assert found(text, code="P002") == [("P002", 5, 6)]


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("Treatment (PDQ?)–Health Professional Version", 14),
        ("Treatment PDQ?–Health Professional Version", 13),
        ("Crohn?s disease", 5),
        ("This usually don?t hurt", 16),
    ],
)
def test_p002_question_mark_standing_for_a_lost_symbol(text: str, index: int) -> None:
    assert text[index] == "?"
    assert found(text, code="P002") == [("P002", index, index + 1)]


def test_p002_message_for_lost_trademark() -> None:
    (finding,) = check_text("Treatment (PDQ?)", SETTINGS, codes=frozenset({"P002"}))
    assert finding.message == (
        "'?' after 'PDQ' looks like a lost symbol such as ®; replace it with the right character"
    )


def test_p002_real_questions_and_urls_are_fine() -> None:
    text = (
        "Is it curable? What is a NET? (See above?) Is it covered (PDQ)? "
        "See https://www.cancer.gov/search?q=net&page=2 for more. Zürich, naïve, PDQ®."
    )
    assert found(text, code="P002") == []
    # A question ending in an abbreviation, inside brackets or before an em dash.
    assert found("Ask your doctor (Do I need an MRI?) and write it down.", code="P002") == []
    assert found("Is it a NET?—your doctor will tell you.", code="P002") == []


# --- P003 boilerplate ----------------------------------------------------------


def test_p003_builtin_phrases_span_the_phrase() -> None:
    text = "Skip to main content\nshowDesktop,showTablet,showMobile"
    assert found(text, code="P003") == [
        ("P003", 0, 20),
        ("P003", *span(text, "showDesktop")),
        ("P003", *span(text, "showTablet")),
        ("P003", *span(text, "showMobile")),
    ]


def test_p003_is_case_insensitive_and_extendable() -> None:
    settings = ProseSettings(boilerplate=("Donate now",))
    text = "BACK TO TOP. Please donate  NOW to help."
    assert found(text, settings, code="P003") == [("P003", 0, 11), ("P003", 20, 31)]
    assert found(text, code="P003") == [("P003", 0, 11)]


def test_p003_matches_whole_words_only() -> None:
    assert found("Clicker heroes; reclick here-and-there; backtotop", code="P003") == []


def test_p003_read_more_and_log_in_only_as_a_line_of_their_own() -> None:
    assert found("Ask how to log in to the portal. Read more about diet in the leaflet.", code="P003") == []
    text = "Diet after surgery.\nRead more »\n  Log in"
    assert found(text, code="P003") == [("P003", *span(text, "Read more")), ("P003", *span(text, "Log in"))]


def test_p003_print_share_and_email_only_as_a_line_of_their_own() -> None:
    # "Print this page and bring it" is advice to a patient; "Print this page" alone is a page's button.
    prose = "Print this page and bring it to your next visit. You may want to share this page with family."
    assert found(prose, code="P003") == []
    text = "Diet after surgery.\nPrint this page\nShare\nEmail"
    assert found(text, code="P003") == [
        ("P003", *span(text, "Print this page")),
        ("P003", *span(text, "Share")),
        ("P003", *span(text, "Email")),
    ]


def test_p003_buttons_pasted_after_a_paragraph_s_last_sentence() -> None:
    # Pasted with the text, a page's buttons end its last line: they were found only on a line of their own.
    text = "You go home the same day or the next morning. Share this page"
    assert found(text, code="P003") == [("P003", *span(text, "Share this page"))]
    text = "The stent is coated with stone. Share on Facebook Share on Twitter Email this page"
    assert found(text, code="P003") == [("P003", *span(text, "Share on Facebook Share on Twitter Email this page"))]
    text = "Diet after surgery.\nPrint Email Share"  # several on a line of their own: one finding
    assert found(text, code="P003") == [("P003", *span(text, "Print Email Share"))]
    # A sharing widget: its heading once (both kinds of phrase found it), then its buttons' names.
    text = "Diet after surgery.\nShare this page:\nFacebook Twitter Email"
    assert found(text, code="P003") == [
        ("P003", *span(text, "Share this page:")),
        ("P003", *span(text, "Facebook Twitter Email")),
    ]
    assert found("Many people ask on Facebook for help.", code="P003") == []
    # A line of a literal block that goes on in the next is no paragraph's end (an error that blocked export).
    text = (
        "Write down your questions. Print\nthis list and bring it. Call the nurse. Email\nthe team if it is not urgent."
    )
    assert found(text, code="P003") == []
    text = "Heben Sie den Arm an. Nach oben\nund unten bewegen."
    assert found(text, code="P003") == []
    text = "Some hospitals run a support group on\nFacebook.\nAsk your nurse."  # a network's name alone: a word
    assert found(text, code="P003") == []
    text = "You go home the next day. Share this page\n\nNext paragraph."  # before a blank line: its end
    assert found(text, code="P003") == [("P003", *span(text, "Share this page"))]
    # Not inside a sentence, nor a sentence's own words at its end.
    for prose in ["Ask a nurse how to share this page", "You can print. Print this page and bring it.", "We email"]:
        assert found(prose, code="P003") == [], prose


def test_p003_a_page_footer() -> None:
    text = "Surgery is the main treatment.\n\nLast Revised: August 8, 2025"
    assert found(text, code="P003") == [("P003", *span(text, "Last Revised:"))]
    assert found("Last Medical Review: May 2024", code="P003") == [("P003", 0, 20)]
    assert found("The guideline was revised last year; your team will review it with you.", code="P003") == []


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Share on Facebook", ["Share on Facebook"]),
        ("© 2025 American Cancer Society, Inc. All rights reserved.", ["All rights reserved"]),
        ("Privacy Policy | Terms of Use", ["Terms of Use"]),
        ("Was this page helpful? Yes No", ["Was this page helpful"]),
        ("Surgery is the main treatment.\nRelated Resources\nDownload PDF", ["Related Resources", "Download PDF"]),
        ("Surgery is the main treatment.\n\nAdvertisement\n\nPrivacy Policy", ["Advertisement", "Privacy Policy"]),
        ("Related resources are listed below; download the PDF, and read our privacy policy.", []),
    ],
)
def test_p003_more_of_a_web_page_s_furniture(text: str, phrases: list[str]) -> None:
    assert found(text, code="P003") == [("P003", *span(text, phrase)) for phrase in phrases]


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("it", "Torna su", "Torna su"),
        ("nl", "Tekst.\nNaar boven\n", "Naar boven"),
        ("pt", "Voltar ao topo", "Voltar ao topo"),
        ("de", "Zum Inhalt springen\nDie Operation.", "Zum Inhalt springen"),
        ("es", "© 2025. Todos los derechos reservados.", "Todos los derechos reservados"),
        ("nl", "Deze website gebruikt cookies om u te helpen.", "Deze website gebruikt cookies"),
        ("en", "Share this page: Facebook Twitter Email Print", "Share this page:"),
        ("fr", "Passer au contenu principal\nLa thyroïde.", "Passer au contenu principal"),
        ("es", "Saltar al contenido principal\nLa tiroides.", "Saltar al contenido principal"),
        ("fr", "Partager sur Facebook", "Partager sur Facebook"),
        ("en", "Text.\nPage last reviewed: 12 March 2024", "Page last reviewed:"),
        ("en", "Text. Next review due: 12 March 2027", "Next review due:"),
        ("fr", "Aller au contenu principal\nLe côlon.", "Aller au contenu principal"),
        ("de", "Direkt zum Inhalt\nDer Darm.", "Direkt zum Inhalt"),
        ("de", "Direkt zum Inhalt springen\nDer Darm.", "Direkt zum Inhalt springen"),
        ("it", "Vai al contenuto principale\nIl colon.", "Vai al contenuto principale"),
        ("es", "Saltar al contenido principal\nLa tiroides.", "Saltar al contenido principal"),
        ("fr", "Texte.\nRetour en haut de page\n", "Retour en haut de page"),
        ("fr", "Texte.\nImprimer cette page\n", "Imprimer cette page"),
    ],
)
def test_p003_boilerplate_in_other_languages(language: str, text: str, phrase: str) -> None:
    assert found(text, ProseSettings(language=language), code="P003") == [("P003", *span(text, phrase))]


def test_p003_back_to_top_in_other_languages_is_a_phrase_only_on_a_line_of_its_own() -> None:
    for language, text in [
        ("en", "Many people share on Facebook what helped them."),
        ("de", "Sie können Ihre Erfahrungen in Selbsthilfegruppen oder auf Facebook teilen."),
        ("es", "Puede compartir en Facebook lo que le ayudó. Es importante ir al contenido de la bolsa."),
        ("fr", "Certains patients aiment partager sur Facebook leur parcours."),
        ("nl", "Kijk elke dag goed naar de inhoud van uw stomazakje."),
        ("es", "Para la prueba de deglución utilizamos cookies o galletas con bario."),
        ("es", "Antes de ir al contenido principal de la consulta, el médico le hará unas preguntas."),
        ("de", "Manche möchten direkt zum Inhalt springen und lesen."),
        ("de", "Wer mehr wissen will, kann den Newsletter abonnieren, den die Krebshilfe verschickt."),
        ("de", "Die Leitlinie wurde 2024 zuletzt aktualisiert: Sie empfiehlt eine Operation."),
        ("it", "Il dolore torna su la sera."),
        ("nl", "Het gevoel kan naar boven trekken."),
        ("de", "Der Schmerz zieht nach oben."),
    ]:
        assert found(text, ProseSettings(language=language), code="P003") == [], text


def test_p003_a_cookie_banner() -> None:
    text = "We use cookies to improve your experience. By continuing to browse you accept our use of cookies."
    assert found(text, code="P003") == [("P003", *span(text, "We use cookies"))]


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Most people go home after [X] weeks.", "[X]"),
        ("Dr. [Name] will call you.", "[Name]"),
        ("Recovery takes {{recovery_time}}.", "{{recovery_time}}"),
        ("The risk is [to be confirmed].", "[to be confirmed]"),
        ("Stay for [TBC] nights.", "[TBC]"),
        ("Most people go home after XX days.", "XX"),
        ("Most people go home after X days.", "X"),
        ("See [LINK] for more.", "[LINK]"),
        ("Call <insert phone number> to book.", "<insert phone number>"),
        ("Results come in 2 weeks (TBC).", "(TBC)"),
        ("You can eat again after {recovery_time}.", "{recovery_time}"),
        ("The dose is tbd.", "tbd"),
        ("The dose (todo: check it) is low.", "todo"),
        # A number still to find, before a percentage, a size, a proportion or a time word.
        ("Wound infection or slow healing (about XX%).", "XX"),
        ("About XX in 100 people have a sore throat.", "XX"),
        ("The scar is about XX cm long.", "XX"),
        ("Most people go home after xx days.", "xx"),
        ("Most people go home after ?? days.", "??"),
        ("The risk is ??% for a small tumor.", "??"),
        # before a unit of dose or volume
        ("You take a pill to relax the ureter (dose: ??? mg).", "???"),
        ("Drink XX mL of water an hour.", "XX"),
        ("The dose of radiation is ?? Gy.", "??"),
        ("Drink X mL of water an hour.", "X"),
        ("It is the main risk factor XX% of the time.", "XX"),  # a blank, not clotting factor X
        ("The risk is about 1 in 20 (insert figure).", "(insert figure)"),
        ("Most people go home after ___ days.", "___"),
    ],
)
def test_p006_more_placeholders(text: str, placeholder: str) -> None:
    assert found(text, code="P006") == [("P006", *span(text, placeholder))]


def test_p006_not_for_look_alikes() -> None:
    text = "A chest [X-ray] and karyotype 46,XX are normal; see [1]. [x] Bring your card. A {set} of tests."
    assert found(text, code="P006") == []
    assert found("Keep a todo list; an X-ray takes minutes; day X of 10 days; 1 < 2 > 0.", code="P006") == []
    text = "Why?? 2 days later. A snake_case_name, an XXL gown, 46,XX in 10 cells; see https://example.org/a___b."
    assert found(text, code="P006") == []
    assert found("It adds (as added before) a day.", code="P006") == []
    for text in [
        "Researchers found the gene that causes fragile X in 1991.",  # one X before "in" and a number
        "Doctors measured factor X in 12 patients.",
        "You may be given factor X mg by mg, or 50 factor X IU per kg.",  # clotting factor X and its dose
        "Put the suppository in (insert it pointed end first).",  # an instruction in brackets
        "Doctors may suspect a tumor (to be confirmed by a biopsy).",
        "Triple X syndrome, sometimes called XXX syndrome, is not inherited.",
        "XXX Congreso Nacional de la SEOM.",  # a Roman numeral before a name
        "My next appointment is on ________. Date: ____ Weight: ____ kg.",  # lines to write on
    ]:
        assert found(text, code="P006") == [], text
    for language, text in [
        ("it", "Se il medico chiede i raggi X ora, non si preoccupi."),  # X-rays, "now"
        ("it", "Le faranno i raggi X ore dopo l'intervento."),
        ("es", "Le harán unos rayos X horas después de la cirugía."),
        ("fr", "Les rayons X heures après l'opération."),
        ("it", "I raggi X in 2 proiezioni mostrano il torace."),
    ]:
        assert found(text, ProseSettings(language=language), code="P006") == [], text


@pytest.mark.parametrize(
    ("language", "text", "placeholder"),
    [
        ("it", "Il ricovero dura XX giorni.", "XX"),
        ("nl", "U blijft XX dagen in het ziekenhuis.", "XX"),
        ("pl", "Pobyt trwa X tygodni.", "X"),
        ("pt-BR", "A internação dura XX dias.", "XX"),
        ("de", "Sie bleiben X Tage im Krankenhaus.", "X"),
        ("pt-BR", "TODO: revisar a dose.", "TODO"),
    ],
)
def test_p006_a_number_left_as_x_in_other_languages(language: str, text: str, placeholder: str) -> None:
    assert found(text, ProseSettings(language=language), code="P006") == [("P006", *span(text, placeholder))]


@pytest.mark.parametrize(
    ("language", "text", "placeholder"),
    [
        ("fr", "Environ 43 000 nouveaux cas chaque année [à compléter].", "[à compléter]"),
        ("fr", "[À TRADUIRE] Le chirurgien retire la tumeur.", "[À TRADUIRE]"),
        ("fr", "Le risque est faible (à compléter).", "(à compléter)"),
        ("fr", "Le taux est de [insérer le chiffre].", "[insérer le chiffre]"),
        ("es", "La mayoría se curan [por completar].", "[por completar]"),
        ("es", "[pendiente de traducir] El cirujano extirpa el tumor.", "[pendiente de traducir]"),
        ("de", "Jedes Jahr erkranken [Zahl einfügen] Menschen.", "[Zahl einfügen]"),
        ("de", "Die Operation dauert [noch zu übersetzen].", "[noch zu übersetzen]"),
        ("fr", "Environ XX 000 nouveaux cas par an.", "XX"),
        ("de", "Rund XX.000 Menschen erkranken.", "XX"),
    ],
)
def test_p006_placeholders_left_by_translators(language: str, text: str, placeholder: str) -> None:
    assert found(text, ProseSettings(language=language), code="P006") == [("P006", *span(text, placeholder))]
    aside = "Il faut remplir (à la main) le formulaire [facultatif]."
    assert found(aside, ProseSettings(language="fr"), code="P006") == []


def test_p006_todo_is_a_word_in_portuguese_and_spanish() -> None:
    for language, text in [
        ("pt-BR", "Mudar a alimentação do dia todo: faça de 6 a 8 pequenas refeições."),
        ("pt", "TODO O ESTÔMAGO É RETIRADO."),
        ("es", "Durante todo: el día y la noche."),
        ("it", "Nel XX secolo la chirurgia cambiò."),  # a century in Roman numerals
    ]:
        assert found(text, ProseSettings(language=language), code="P006") == [], text
    # In English "todo:" is a note to oneself, in any case.
    assert found("The dose (todo: check it) is low.", code="P006") == [("P006", 10, 14)]
    # and "TBC" is "to be confirmed"; in Italian, German or Spanish, often tuberculosis
    text = "The surgeon will see you at 9am – TBC."
    assert found(text, ProseSettings(language="en-GB"), code="P006") == [("P006", 34, 37)]
    for language, text in [("it", "La TBC è un'infezione."), ("de", "Die TBC ist selten."), ("es", "La TBC se cura.")]:
        assert found(text, ProseSettings(language=language), code="P006") == [], text
    assert found("The ATBC trial and TBCs.", code="P006") == []


def test_p004_a_soft_hyphen_in_a_compound_is_deliberate_in_dutch_and_german() -> None:
    text = "Een maag\u00addarm\u00adlever\u00adarts  helpt."
    # Only the doubled space; its message names the words without the soft hyphens (no "\\xad" escapes).
    (finding,) = check_text(text, ProseSettings(language="nl"), codes=frozenset({"P004"}))
    assert (finding.start, finding.message) == (
        24,
        "2 spaces between 'maagdarmleverarts' and 'helpt.'; use a single space",
    )
    assert found("Der Magen\u00addarm\u00adtrakt.", ProseSettings(language="de"), code="P004") == []
    # In English it is junk pasted from a web page.
    assert found("neur\u00adendocrine", code="P004") == [("P004", 4, 5)]


# --- P004 whitespace ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Neur\u200bendocrine tumors", "invisible zero-width space (U+200B) between 'Neur' and 'endocrine'; remove it"),
        ("neur\u00adendocrine", "invisible soft hyphen (U+00AD) between 'neur' and 'endocrine'; remove it"),
        ("the \u2060tumor", "invisible word joiner (U+2060) before 'tumor'; remove it"),
        ("Skip\ufeff to main", "invisible zero-width no-break space (U+FEFF) after 'Skip'; remove it"),
    ],
)
def test_p004_invisible_characters(text: str, message: str) -> None:
    invisible = next(i for i, char in enumerate(text) if char in "\u200b\u00ad\u2060\ufeff")
    findings = [f for f in check_text(text, SETTINGS, codes=frozenset({"P004"}))]
    assert [(f.code, f.start, f.end, f.message) for f in findings] == [("P004", invisible, invisible + 1, message)]


def test_p004_a_tab_between_words_and_a_spaced_ellipsis() -> None:
    text = "Rest\tfor a week."
    assert [(f.start, f.end, f.message) for f in check_text(text, SETTINGS, codes=frozenset({"P004"}))] == [
        (4, 5, "a tab between 'Rest' and 'for'; use a single space")
    ]
    assert found("Wait . . . then call the nurse.", code="P004") == []


def test_p004_zero_width_joiners_are_left_alone() -> None:
    assert (
        found("Family \U0001f468\u200d\U0001f469 and \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", code="P004")
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("may be removed  through the anus", (14, 16)),
        ("may be removed \u00a0through the anus", (14, 16)),
        ("connect the intestines ( the mesentery)", (24, 25)),
        ("connect the intestines (the mesentery )", (37, 38)),
        ("the rectum , the anus", (10, 11)),
        ("the rectum ; the anus : done .", (10, 11)),
        ("end of a line  \nnext line", (13, 15)),
        ("end of the text\t", (15, 16)),
    ],
)
def test_p004_whitespace_defects(text: str, expected: tuple[int, int]) -> None:
    assert found(text, code="P004")[0] == ("P004", *expected)


def test_p004_one_finding_per_whitespace_run() -> None:
    text = "a (  b ) , c"
    assert found(text, code="P004") == [("P004", 3, 5), ("P004", 6, 7), ("P004", 8, 9)]


def test_p004_message_names_the_words() -> None:
    (finding,) = check_text("removed  through", SETTINGS, codes=frozenset({"P004"}))
    assert finding.message == "2 spaces between 'removed' and 'through'; use a single space"


def test_p004_good_whitespace_is_fine() -> None:
    text = (
        "  Indented first line\n  and second line.\n\n"
        "Wait ... then take .5 mL of the .NET kit (2\u00a0cm); see [note].\n"
        "Last line"
    )
    assert found(text, code="P004") == []


def test_p004_spaces_aligning_a_list_s_items_are_fine() -> None:
    text = "1.  Stop eating at midnight.\n2)  Bring a friend.\na)  Rest.\n•  Drink water.\n  -   Walk a little."
    assert found(text, code="P004") == []
    # but not between words of an item
    text = "1.  Stop  eating at midnight."
    assert found(text, code="P004") == [("P004", 8, 10)]


def test_p004_french_spacing_before_colon_is_fine() -> None:
    assert found("Attention : la chirurgie ; bien.", ProseSettings(language="fr"), code="P004") == []


# --- P005 near-miss of a glossary term ----------------------------------------


def test_p005_misspelled_glossary_term() -> None:
    text = "Neurendocrine tumors are sometimes removed."
    assert found(text, code="P005") == [("P005", 0, 13)]
    (finding,) = check_text(text, SETTINGS, codes=frozenset({"P005"}))
    assert finding.message.startswith("'Neurendocrine' looks like a misspelling of 'neuroendocrine'")


@pytest.mark.parametrize(
    ("word", "flagged"),
    [
        ("resecton", True),  # 8 letters, distance 1
        ("rasectin", False),  # 8 letters, distance 2: too far for a short word
        ("apendectmy", True),  # 10 letters, distance 2
        ("duodneum", True),  # a transposition is distance 1 (Damerau)
        ("hemicolectomie", True),
        ("tumour", False),  # British spelling of a known word
    ],
)
def test_p005_distance_limits(word: str, flagged: bool) -> None:
    text = f"The {word} was done."
    assert found(text, code="P005") == ([("P005", 4, 4 + len(word))] if flagged else [])


def test_p005_a_word_far_longer_than_any_glossary_word_is_never_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    # A word's deletions are quadratic in its length: a hostile file's 200,000-letter word would hang
    # the run. No word longer than every glossary word by more than the distance limit is a near-miss.
    from netlint.prose import spelling

    expanded: list[int] = []
    deletions = spelling._deletions

    def counted(word: str, depth: int) -> set[str]:
        expanded.append(len(word))
        return deletions(word, depth)

    monkeypatch.setattr(spelling, "_deletions", counted)
    longest = max(len(word) for term in GLOSSARY for word in term.term.split())
    text = "A " + "x" * 200_000 + " then Neurendocrine, and " + "y" * (longest + 3) + "."
    assert found(text, code="P005") == [("P005", *span(text, "Neurendocrine"))]
    assert max(expanded) <= longest + 2


def test_p005_another_form_of_a_term_s_stem_is_no_misspelling() -> None:
    # Real words the word list lacks, one ending away from a term: "mesenteric" beside "mesentery".
    terms = (
        *GLOSSARY,
        GlossaryTerm("cytoreductive"),
        GlossaryTerm("endoscopic"),
        GlossaryTerm("colonoscopy"),
        GlossaryTerm("submucosa"),
        GlossaryTerm("anesthesia"),
    )
    settings = ProseSettings(glossary=terms)
    text = (
        "The mesenteric nodes go too, as a cytoreduction. Your endoscopist passes a colonoscope; "
        "colonoscopic removal of the metastases follows, with a submucosal injection."
    )
    assert found(text, settings, code="P005") == []
    # A typo keeps other letters, or drops or changes one: still misspellings.
    typos = "The resecton, a hemicolectomie, the neuroendocrin cells, a colonoscop and the anesthesa."
    assert [typos[start:end] for _, start, end in found(typos, settings, code="P005")] == [
        "resecton",
        "hemicolectomie",
        "neuroendocrin",
        "colonoscop",
        "anesthesa",
    ]
    # A -y word's plural is -ies: "lobectomys", and "colectomie" beside the variant "colectomies", are typos.
    plurals = (*terms, GlossaryTerm("lobectomy"), GlossaryTerm("colectomy", ("colectomies",)))
    text = "Two lobectomys, a colectomie; lobectomies and colectomies are fine."
    assert [text[start:end] for _, start, end in found(text, ProseSettings(glossary=plurals), code="P005")] == [
        "lobectomys",
        "colectomie",
    ]
    (finding,) = check_text("The resecton.", settings, codes=frozenset({"P005"}))
    assert finding.message == (
        "'resecton' looks like a misspelling of 'resection'; correct it, or if it is right add it "
        "to prose.words (or to the glossary term's variants)"
    )


def test_p005_allow_list_is_case_insensitive() -> None:
    text = "Neurendocrine tumors"
    settings = ProseSettings(glossary=GLOSSARY, words=frozenset({"NEURENDOCRINE"}))
    assert found(text, settings, code="P005") == []


def test_p005_known_words_and_non_words_are_fine() -> None:
    text = (
        "A section of the bowel (a resection) in the Whipple procedure. Tumours and tumors, "
        "colours and colors, oesophagus and esophagus, haemorrhage and hemorrhage. "
        "Carcinoids, hemicolectomies, duodenums, resected. NEX, ASCO, LAR, MRIs, GISTs. "
        "COVID19, 5mg, showDesktop, https://example.org/neurendocrine-tumour, "
        "neurendocrine@example.org, Crohn’s, café-au-lait."
    )
    assert found(text, code="P005") == []


def test_p005_needs_a_glossary() -> None:
    assert found("Neurendocrine tumors", ProseSettings(), code="P005") == []


def test_p005_hyphen_and_apostrophe_split_words() -> None:
    text = "non-neurendocrine and neurendocrine’s"
    assert found(text, code="P005") == [("P005", 4, 17), ("P005", 22, 35)]


# --- P006 placeholders -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("TODO: add the risks.", "TODO"),
        ("Recovery takes TBD weeks.", "TBD"),
        ("Ask FIXME here", "FIXME"),
        ("Call XXX for help.", "XXX"),
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
        ("Most tumors are small [citation needed].", "[citation needed]"),
        ("Call [insert phone number] today.", "[insert phone number]"),
    ],
)
def test_p006_placeholders(text: str, fragment: str) -> None:
    assert found(text, code="P006") == [("P006", *span(text, fragment))]


def test_p006_ordinary_words_are_fine() -> None:
    text = "A todo list; the 47,XXX karyotype; TODOS; Toddler; tbdx; a lorem."
    assert found(text, code="P006") == []


# --- P007 reading grade ----------------------------------------------------------

HARD = (
    "Pancreaticoduodenectomy, a complex operation that requires considerable surgical "
    "experience, involves removal of the duodenum, the proximal pancreas, regional lymphatic "
    "tissue and the distal common bile duct, followed by reconstruction of pancreatic, biliary "
    "and gastrointestinal continuity, and it carries a relatively substantial risk of "
    "potentially life-threatening postoperative complications."
)
EASY = (
    "The surgeon takes out the tumor and a rim of normal tissue around it. Then the surgeon "
    "closes the gap with stitches. Most people go home in 1 to 2 days. You may have some pain "
    "for a week or two. Your care team will give you medicine to help with this."
)


def test_p007_each_line_of_a_checklist_is_a_sentence() -> None:
    # In a literal block the line breaks are the writer's: ten short lines are not one long sentence.
    items = [
        "Stop eating at midnight", "Bring a friend who can drive you home", "Wear loose comfortable clothes",
        "Leave jewelry and valuables at home", "Bring a list of all your medicines",
        "Tell the nurse about any allergies you have", "Take only sips of water with your pills",
        "Ask when you can start eating again", "Arrange help at home for the first week",
        "Write down questions for your surgeon",
    ]  # fmt: skip
    assert found("\n".join(items) + "\n", code="P007") == []
    # Prose wrapped over lines, each continuing the sentence, is still one sentence.
    wrapped = " ".join(items).lower().replace(" bring", "\nbring") + "\n"
    assert found(wrapped, code="P007") == [("P007", 0, len(wrapped))]
    # And so it is when a line goes on with an abbreviation in capitals ("CT", "MRI").
    scans = wrapped.replace("\nbring", "\nCT scans show").replace(" ask", "\nMRI scans ask")
    assert found(scans, code="P007") == [("P007", 0, len(scans))]


@pytest.mark.parametrize("label", ["1)", "1.", "a)", "–", "▪", "•", "-"])
def test_p007_each_labelled_item_of_a_list_is_a_sentence(label: str) -> None:
    items = [
        "look at your face, ears, neck, chest and belly", "check your back with a hand mirror",
        "look at the backs of your legs and feet", "check your scalp with a comb",
        "look between your toes and at the soles of your feet", "check your hands and nails",
    ]  # fmt: skip
    numbered = [label.replace("1", str(i + 1)).replace("a", "abcdef"[i]) for i in range(len(items))]
    text = "".join(f"{mark} {item}\n" for mark, item in zip(numbered, items, strict=True))
    assert found(text, code="P007") == [], text


def test_p007_hard_text_spans_the_field_and_names_grade_and_limit() -> None:
    (finding,) = check_text(HARD, SETTINGS, codes=frozenset({"P007"}))
    assert (finding.code, finding.start, finding.end) == ("P007", 0, len(HARD))
    assert finding.message.startswith("reading grade ")
    grade = float(finding.message.split()[2])
    assert grade > 20
    assert finding.message.endswith(
        "is above the limit of 9 for patient pages; use shorter sentences and simpler words"
    )


def test_p007_easy_short_professional_or_relaxed_text_is_fine() -> None:
    assert len(EASY.split()) >= 40
    assert found(EASY, code="P007") == []
    assert found(HARD.split(",")[0] + ".", code="P007") == []  # under 40 words
    assert found(HARD, ProseSettings(audience="professional"), code="P007") == []
    assert found(HARD, ProseSettings(max_grade=40), code="P007") == []


def test_p007_counts_medical_syllables_and_masks_numbers_and_abbreviations() -> None:
    from netlint.prose.readability import measure
    from netlint.prose.syllables import syllables

    assert syllables("hemicolectomy") == 6
    assert syllables("appendectomy") == 5
    assert syllables("NETs") == 1
    counts = measure("Dr. Smith removed a 1.5 cm tumor, e.g. 0.8 in. wide, in 1 to 2 weeks. It went well.")
    assert counts.sentences == 2
    assert counts.words == 15  # "1.5 cm", "0.8 in." and "1 to 2" are one word each


def in_fresh_process(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by a new interpreter that imports netlint from this tree: what a first run imports."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=120,
    )


def test_p007_works_offline() -> None:
    """No network, no NLTK download: the grade is computed with sockets blocked, in a fresh process."""
    code = textwrap.dedent(
        f"""
        import socket, sys
        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from netlint.prose import ProseSettings, check_text
        findings = check_text({HARD!r}, ProseSettings(), codes=frozenset({{"P007"}}))
        assert [f.code for f in findings] == ["P007"], findings
        assert "nltk" not in sys.modules and "textstat" not in sys.modules
        print(findings[0].message)
        """
    )
    result = in_fresh_process(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("reading grade ")


# --- P008 brackets and quotes ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("removed (for some other reason, and examined", 8),
        ("removed for some other reason), and examined", 29),
        ("the “wide margin resection is done", 4),
        ("the wide margin” resection is done", 15),
        ("the ‘wide margin resection is done", 4),
        ('the "wide margin resection is done', 4),
        ("a [b (c] d", 5),
    ],
)
def test_p008_unbalanced(text: str, index: int) -> None:
    assert ("P008", index, index + 1) in found(text, code="P008")


def test_p008_mismatched_pair_reports_the_unclosed_inner_bracket() -> None:
    assert found("a (b [c) d", code="P008") == [("P008", 5, 6)]
    assert found("a [b (c] d", code="P008") == [("P008", 5, 6)]


def test_p008_apostrophes_list_labels_urls_and_inch_marks_are_fine() -> None:
    text = (
        "Crohn’s disease, patients’ rights, it’s ‘quoted’ and “quoted” (with [nested] brackets).\n"
        "1) First step\n2) Second step\nOptions: a) surgery, b) watching, or 3) drugs.\n"
        'See https://en.wikipedia.org/wiki/Carcinoid_(disambiguation) and a 2" tumor; '
        '"fine" too.'
    )
    assert found(text, code="P008") == []
    assert found('Smaller than 2 cm (¾") across.', code="P008") == []
    assert found('About 1½" long.', code="P008") == []
    assert found("Options: A) a lumpectomy, B) a mastectomy, or IV) neither.", code="P008") == []
    # Not a label: a ")" after a word, or after a letter inside a word.
    assert found("Options: lumpectomy) or mastectomy.", code="P008") == [("P008", 19, 20)]
    assert found("Stage IIB) tumors.", code="P008") == [("P008", 9, 10)]


def test_p008_russian_nested_quotes_greek_and_swiss_guillemets() -> None:
    russian = ProseSettings(language="ru")
    assert found("Врач сказал: «так называемая „стома“».", russian, code="P008") == []
    assert found("Так называемая “стома” тоже.", russian, code="P008") == []  # quotes as typed in English
    assert found("Так называемая „стома и всё.", russian, code="P008") == [("P008", 15, 16)]
    greek = ProseSettings(language="el")
    assert found("Η «πολυπεκτομή» αφαιρεί τον πολύποδα.", greek, code="P008") == []
    assert found("Η «πολυπεκτομή αφαιρεί τον πολύποδα.", greek, code="P008") == [("P008", 2, 3)]
    swiss = ProseSettings(language="de-CH")
    assert found("Die «Polypektomie» entfernt den Polypen.", swiss, code="P008") == []
    assert found("Die «Polypektomie entfernt ‹ihn›.", swiss, code="P008") == [("P008", 4, 5)]
    # In Germany »…« is the guillemet order: «…» there is the wrong way round.
    assert [f[1] for f in found("Die «Polypektomie».", ProseSettings(language="de"), code="P008")] == [4, 17]


def test_p008_german_quotes() -> None:
    assert found("Er sagte „Hallo“ und ging.", ProseSettings(language="de"), code="P008") == []
    assert found("Er sagte „Hallo und ging.", ProseSettings(language="de"), code="P008") == [("P008", 9, 10)]


@pytest.mark.parametrize(
    ("language", "closed", "unclosed", "column"),
    [
        ("pl", "Według schematu „FLOT” (tzw. leczenie).", "Schemat „FLOT jest standardem.", 8),
        ("nl", "Het „FLOT”-schema en het “FLOT”-schema.", "Het „FLOT-schema.", 4),
        ("ro", "Schema „FLOT” este standard.", "Schema „FLOT este standard.", 7),
        ("hu", "A „FLOT” séma.", "A „FLOT séma.", 2),
        ("cs", "Schéma „FLOT“ je standard.", "Schéma „FLOT je standard.", 7),
        ("lt", "Schema „FLOT“ yra standartas.", "Schema „FLOT yra standartas.", 7),
        ("sv", "Schemat ”FLOT” är standard.", "Schemat ”FLOT är standard.", 8),
        ("pt-BR", "O esquema ‘FLOT’ é padrão.", "O esquema ‘FLOT é padrão.", 10),
        ("it", "L’intervento «FLOT» dell’esofago.", "L’intervento «FLOT dell’esofago.", 13),
    ],
)
def test_p008_each_language_s_quotation_marks(language: str, closed: str, unclosed: str, column: int) -> None:
    settings = ProseSettings(language=language)
    assert found(closed, settings, code="P008") == [], closed
    assert found(unclosed, settings, code="P008") == [("P008", column, column + 1)], unclosed


# --- the seed page ------------------------------------------------------------------

# Verbatim lines of shared/seeds/000_271232ca1940660b.txt that carry its defects.
SEED = (
    "快猫短视频\n\nSkip to main content\nshowDesktop,showTablet,showMobile\n\n"
    "Neurendocrine tumors are sometimes removed during an operation being done for some other "
    "reason. This often happens with neuroendocrine tumors of the appendix.\n\n"
    "Rectal neuroendocrine tumors may be removed \u00a0through the anus, without cutting the skin.\n\n"
    "Hemicolectomy: This operation removes between one-third and one-half of the colon, as well "
    "as the nearby layers of tissue that hold and connect the intestines ( the mesentery), "
    "including blood vessels and lymph nodes.\n\n"
    "National Cancer Institute Physician Data Query (PDQ). Gastrointestinal Carcinoid Tumors "
    "Treatment (PDQ?)–Health Professional Version. 2024. Accessed at "
    "https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq#section/_21 on "
    "March 20, 2025.\n\n"
    "American Cancer Society Emails\n\n"
    "Sign up to stay up-to-date with news, valuable information, and ways to get involved with "
    "the American Cancer Society."
)


def inner(text: str, context: str, part: str) -> tuple[int, int]:
    """The span of ``part`` inside the first occurrence of ``context``."""
    start = text.index(context) + context.index(part)
    return start, start + len(part)


def test_seed_defects_each_found_at_the_expected_offset() -> None:
    got = found(SEED, ProseSettings(glossary=GLOSSARY, audience="professional"))
    assert got == sorted(
        [
            ("P001", *span(SEED, "快猫短视频")),
            ("P003", *span(SEED, "Skip to main content")),
            ("P003", *span(SEED, "showDesktop")),
            ("P003", *span(SEED, "showTablet")),
            ("P003", *span(SEED, "showMobile")),
            ("P005", *span(SEED, "Neurendocrine")),
            ("P004", *inner(SEED, "removed \u00a0through", " \u00a0")),
            ("P004", *inner(SEED, "( the mesentery", " ")),
            ("P002", *inner(SEED, "(PDQ?)", "?")),
            ("P003", *span(SEED, "American Cancer Society Emails")),
            ("P003", *span(SEED, "Sign up to stay up-to-date")),
        ],
        key=lambda item: (item[1], item[2], item[0]),
    )


def _seed_file() -> Path | None:
    name = "seeds/000_271232ca1940660b.txt"
    for shared in (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")):
        if (shared / name).is_file():
            return shared / name
    return None


@pytest.mark.skipif(_seed_file() is None, reason="shared/seeds is not beside the repository")
def test_whole_seed_page_reports_its_known_defects() -> None:
    path = _seed_file()
    assert path is not None
    text = path.read_text(encoding="utf-8")
    got = {(f.code, text[f.start : f.end]) for f in check_text(text, SETTINGS)}
    for expected in [
        ("P001", "快猫短视频"),
        ("P003", "Skip to main content"),
        ("P003", "showDesktop"),
        ("P005", "Neurendocrine"),
        ("P004", " \u00a0"),
        ("P004", " "),
        ("P002", "?"),
        ("P003", "Sign up to stay up-to-date"),
        ("P003", "American Cancer Society Emails"),
        ("P003", "Last Revised:"),
    ]:
        assert expected in got


# --- false alarms ---------------------------------------------------------------------

GOOD = [
    "Gastrointestinal Carcinoid Tumors Treatment (PDQ®) – Health Professional Version.",
    "For small tumors — no bigger than 2 cm (about ¾ inch) — a local excision is done.",
    "Tumors ≤ 2 cm are removed with an endoscope. Is it curable? Often it is.",
    "Crohn’s disease and café-au-lait spots are “other” conditions; ‘rare’ ones too.",
    "A tumour is a tumor; colour is color; the oesophagus is the esophagus.",
    "A section of the small bowel is removed (a small bowel resection).",
    "The Whipple procedure removes the duodenum and part of the pancreas.",
    "Most people go home in 1 to 2 weeks. Each dose is 5 mg, taken every 2 hours.",
    "Neuroendocrine tumors (NETs) of the appendix are usually found by chance, after an "
    "appendectomy.\nMost are small.\n\n  - The surgeon removes the appendix.\n  - You go home "
    "the next day.",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_text_gives_no_finding(text: str) -> None:
    assert check_text(text, SETTINGS) == []


def test_good_text_as_one_long_field_gives_no_finding() -> None:
    text = " ".join(GOOD)
    assert len(text.split()) >= 40
    assert check_text(text, SETTINGS) == []


# --- API, caching and cost ---------------------------------------------------------------


def test_codes_select_checks() -> None:
    assert {f.code for f in check_text(SEED, SETTINGS, codes=frozenset({"P003"}))} == {"P003"}
    assert check_text(SEED, SETTINGS, codes=frozenset()) == []
    assert frozenset(f"P00{n}" for n in range(1, 10)) == CODES


def test_findings_are_sorted_frozen_and_within_the_text() -> None:
    findings = check_text(SEED, SETTINGS)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.code))
    assert all(0 <= f.start < f.end <= len(SEED) and f.message for f in findings)
    with pytest.raises(AttributeError):
        findings[0].start = 3  # type: ignore[misc]
    assert isinstance(findings[0], ProseFinding)
    assert check_text("", SETTINGS) == []


def test_import_is_cheap_and_disabled_checks_load_nothing() -> None:
    code = textwrap.dedent(
        """
        import sys
        import netlint.prose
        heavy = {"regex", "ftfy", "rapidfuzz", "syllapy", "spellchecker"}
        assert not heavy & set(sys.modules), heavy & set(sys.modules)
        from netlint.prose import GlossaryTerm, ProseSettings, check_text
        settings = ProseSettings(glossary=(GlossaryTerm("resection"),))
        assert check_text("a  b", settings, codes=frozenset({"P004"}))
        assert "spellchecker" not in sys.modules and "syllapy" not in sys.modules
        """
    )
    result = in_fresh_process(code)
    assert result.returncode == 0, result.stderr


def test_word_list_and_compiled_state_are_built_once() -> None:
    from netlint.prose import engine, wordlist

    settings = ProseSettings(glossary=GLOSSARY, boilerplate=("Only here",))
    check_text("first", settings)
    before_lists = wordlist.word_list.cache_info().misses
    before_checks = engine._checks.cache_info().misses
    for n in range(50):
        check_text(f"Neurendocrine text number {n}.", settings)
        check_text(f"Neurendocrine text number {n}.", ProseSettings(glossary=GLOSSARY, boilerplate=("Only here",)))
    assert wordlist.word_list.cache_info().misses == before_lists
    assert engine._checks.cache_info().misses == before_checks


def test_many_fields_give_the_same_answers() -> None:
    """A speed sanity check without a timing assertion: 300 fields, results stable."""
    fields = [SEED, *GOOD, HARD, EASY] * 20
    first = [check_text(text, SETTINGS) for text in fields]
    again = [check_text(text, SETTINGS) for text in fields]
    assert first == again
    assert sum(len(result) for result in first) > 0


def test_the_near_miss_index_finds_what_a_scan_of_every_glossary_word_finds() -> None:
    """The symmetric-deletion candidates never miss the closest glossary word (nor change which one wins)."""
    import random

    from rapidfuzz.distance import DamerauLevenshtein

    from netlint.prose.settings import GlossaryTerm
    from netlint.prose.spelling import max_distance, near_miss_index

    rng = random.Random(7)

    def word(size: int) -> str:  # a small alphabet: many words within one or two edits of each other
        return "".join(rng.choice("abcde") for _ in range(size))

    compared = found = 0
    for _ in range(100):
        terms = tuple(GlossaryTerm(word(rng.randint(5, 11)), (word(rng.randint(5, 11)),)) for _ in range(20))
        index = near_miss_index("en", terms, frozenset())
        assert index is not None
        targets = sorted({(w.lower(), w) for term in terms for w in (term.term, *term.variants)})
        for _ in range(30):
            query = word(rng.randint(5, 12))
            if rng.random() < 0.6:  # most queries: a glossary word with one or two random edits
                query = rng.choice(targets)[0]
                for _ in range(rng.randint(1, 2)):
                    at = rng.randrange(len(query))
                    edit = rng.choice(("delete", "insert", "replace", "swap"))
                    if edit == "delete":
                        query = query[:at] + query[at + 1 :]
                    elif edit == "insert":
                        query = query[:at] + rng.choice("abcde") + query[at:]
                    elif edit == "replace":
                        query = query[:at] + rng.choice("abcde") + query[at + 1 :]
                    else:
                        query = query[:at] + query[at + 1 : at + 2] + query[at] + query[at + 2 :]
            limit = max_distance(query)
            best: tuple[int, str, str] | None = None
            for target, written in targets:
                distance = DamerauLevenshtein.distance(query, target, score_cutoff=limit)
                if distance <= limit and (best is None or (distance, target) < best[:2]):
                    best = (distance, target, written)
            expected = None if best is None else (best[0], best[2])
            assert index.nearest(query) == expected, query
            compared += 1
            found += expected is not None
    assert compared == 3000 and found > 300  # the comparison covered many near-misses, not only misses


def test_characters_never_bad_alone_are_never_mojibake_to_ftfy() -> None:
    """NEVER_BAD_ALONE against the installed ftfy: every string of up to three characters drawn from
    them and from ASCII letters, digits, spaces and punctuation (each of ftfy's patterns that can hold
    one of them needs a character of another kind within three), and longer random ones."""
    import itertools
    import random

    from ftfy.badness import is_bad

    from netlint.prose.mojibake import NEVER_BAD_ALONE

    alphabet = sorted(NEVER_BAD_ALONE) + list("aZ0 .?!,'\"-\t")
    for size in (1, 2, 3):
        for chars in itertools.product(alphabet, repeat=size):
            assert not is_bad("".join(chars)), "".join(chars)
    pick = random.Random(7)
    for _ in range(20_000):
        text = "".join(pick.choice(alphabet) for _ in range(pick.randint(4, 12)))
        assert not is_bad(text), text
    # and each character next to one of ftfy's own kinds can still be bad: the check is still asked
    assert is_bad("Ã©”") and is_bad("â€™")


def test_a_page_of_curly_quotes_and_dashes_does_not_load_ftfy() -> None:
    code = textwrap.dedent(
        """
        import sys
        from netlint.prose import ProseSettings, check_text
        text = "It’s a “quick” check — about 2–3 days… • Keytruda® ™"
        assert check_text(text, ProseSettings(), codes=frozenset({"P002"})) == []
        assert "netlint._ftfy_badness" not in sys.modules and "ftfy" not in sys.modules
        assert check_text("cafÃ© ouvert", ProseSettings(), codes=frozenset({"P002"}))
        """
    )
    result = in_fresh_process(code)
    assert result.returncode == 0, result.stderr
