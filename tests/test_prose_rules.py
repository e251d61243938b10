"""P001-P008 as rules: every human-readable field, at the exact line and column in the YAML file."""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pytest
import yaml

from conftest import PROCEDURE, TODAY, TOPIC, run
from netlint.api import Result, known_codes, validate
from netlint.config import load_config
from netlint.prose import CODES, GlossaryTerm, ProseSettings, check_text, check_texts
from netlint.rules import _prose_document, load_all

PROC = "content/procedures/proc-a.yaml"
TOPIC_PATH = "content/topics/topic-a.yaml"
GLOSSARY_PATH = "content/glossary.yaml"
SOURCES_PATH = "content/sources.yaml"
CONTRIBUTORS_PATH = "content/contributors.yaml"

GLOSSARY = """\
schema_version: 1
kind: glossary
terms:
  - term: neuroendocrine tumor
    variants: [neuroendocrine tumors, neuroendocrine, NET, NETs]
    definition: A tumor that starts in cells that make hormones.
  - term: resection
    variants: [resect]
    definition: Surgery to remove tissue or part of an organ.
  - term: mesentery
    definition: The layers of tissue that hold the intestines in place.
  - term: esophagus
    definition: The tube that carries food from the throat to the stomach.
  - term: hemorrhage
    definition: Heavy bleeding.
  - term: pancreaticoduodenectomy
    definition: An operation that removes the duodenum and part of the pancreas.
"""
CONFIG = '[prose]\nwords = ["Whipple"]\n'

Where = tuple[str, int, int, int, int]


def where(result: Result, code: str | None = None) -> list[Where]:
    """(code, line, column, end line, end column) of each diagnostic, optionally of one code."""
    return [
        (d.code, d.line, d.column, d.end_line, d.end_column)
        for d in result.diagnostics
        if code is None or d.code == code
    ]


def procedure(summary: str, *, before_review: str = "") -> str:
    """The base procedure with its `summary` (line 5 on) replaced by ``summary`` (any scalar style)."""
    text = PROCEDURE.format(id="proc-a").replace("summary: The surgeon removes the tumor.\n", summary)
    return text.replace("review:", before_review + "review:") if before_review else text


@pytest.fixture
def check(make_project):
    """Validate a project made of the base files, the test glossary and ``files``; return the result."""

    def checked(files: dict[str, str], *, config: str = CONFIG, **overrides: object) -> Result:
        root = make_project({GLOSSARY_PATH: GLOSSARY, **files}, config=config, base=True)
        return run(root, **overrides)

    return checked


def p_only(result: Result) -> list[Where]:
    return [item for item in where(result) if item[0].startswith("P")]


# --- one failing and one passing case per code --------------------------------------------------


def test_p001_han_spam_in_a_summary(check) -> None:
    result = check({PROC: procedure("summary: 快猫短视频 The surgeon removes the tumor.\n")})
    assert where(result) == [("P001", 5, 10, 5, 15)]
    assert "Han script ('快猫短视频')" in result.diagnostics[0].message


def test_p001_allows_the_scripts_of_the_page_language_and_greek_symbols(check) -> None:
    russian = procedure("summary: Хирург удаляет опухоль.\nlanguage: ru\n")
    assert where(check({PROC: russian})) == []
    greek = procedure("summary: Stop taking a β-blocker before the operation.\n")
    assert where(check({PROC: greek})) == []


def test_p001_uses_the_topic_language(check) -> None:
    topic = TOPIC.format(id="topic-a", procedures="proc-a").replace("language: en", "language: ru")
    topic = topic.replace("title: A topic", "title: Хирургия 快猫")
    assert where(check({TOPIC_PATH: topic}), "P001") == [("P001", 4, 17, 4, 19)]


def test_p002_lost_trademark_sign(check) -> None:
    result = check({PROC: procedure("summary: This follows the (PDQ?) summary.\n")})
    assert where(result) == [("P002", 5, 31, 5, 32)]
    assert result.diagnostics[0].message == (
        "'?' after 'PDQ' looks like a lost symbol such as ®; replace it with the right character"
    )


def test_p002_mis_decoded_utf8_and_a_real_question(check) -> None:
    result = check({PROC: procedure("summary: Itâ€™s short. Is it safe?\n")})
    assert where(result) == [("P002", 5, 12, 5, 15)]
    assert "garbled '’'" in result.diagnostics[0].message
    assert where(check({PROC: procedure("summary: This follows the (PDQ®) summary. Is it safe?\n")})) == []


def test_p009_a_word_twice_in_a_row(check) -> None:
    result = check({PROC: procedure("summary: The surgeon removes the the tumor.\n")})
    assert where(result) == [("P009", 5, 34, 5, 37)]  # the second "the": the one to remove
    assert result.diagnostics[0].message == "'the' repeats the word before it ('the the'); remove one"
    assert result.diagnostics[0].severity.value == "warning"
    # In any case, and across a folded block's line break (the editor's eye skips it most easily).
    folded = procedure("summary: >\n  The surgeon removes the\n  The tumor. It is is normal.\n")
    assert where(check({PROC: folded})) == [("P009", 7, 3, 7, 6), ("P009", 7, 20, 7, 22)]
    # At a sentence's start, in capitals or not: a slip, not a name.
    starts = procedure(
        "summary: The The scar fades. You You can shower. IF IF it bleeds, there is no no need to wait.\n"
    )
    assert [column for _, _, column, _, _ in where(check({PROC: starts}), "P009")] == [14, 34, 53, 79]
    # A word three times is two repeats: removing the one reported left "the the".
    thrice = check({PROC: procedure("summary: The surgeon removes the the the tumor.\n")})
    assert where(thrice) == [("P009", 5, 34, 5, 37), ("P009", 5, 38, 5, 41)]


def test_p009_not_for_words_english_writes_twice_names_or_other_languages(check) -> None:
    for summary in [
        "summary: She had had surgery before. He said that that was all.\n",
        "summary: The clinic in Walla Walla removes the tumor.\n",
        "summary: The surgeon removes the tumor. Tumors grow slowly.\n",  # a sentence between
        "summary: The well-known well-known team removes it.\n",
        "summary: Bora Bora is far away. Mahi mahi is a fish; beri beri is rare. It was very very sore.\n",
        "summary: |\n  Surgery\n  Surgery is one option.\n",  # a heading, then its paragraph
    ]:
        assert where(check({PROC: procedure(summary)}), "P009") == [], summary
    french = procedure("summary: Nous nous occupons de la tumeur.\nlanguage: fr\n")
    assert where(check({PROC: french}), "P009") == []


def test_p003_navigation_text(check) -> None:
    result = check({PROC: procedure("summary: Skip to main content The surgeon removes the tumor.\n")})
    assert where(result) == [("P003", 5, 10, 5, 30)]


def test_p003_not_in_ordinary_prose(check) -> None:
    text = "summary: You can skip the main meal before surgery and read more about it later.\n"
    assert where(check({PROC: procedure(text)})) == []


def test_p004_doubled_space_and_space_inside_brackets(check) -> None:
    result = check({PROC: procedure("summary: It is removed  through the anus ( the mesentery too).\n")})
    assert where(result) == [("P004", 5, 23, 5, 25), ("P004", 5, 43, 5, 44)]
    assert where(check({PROC: procedure("summary: It is removed through the anus (the mesentery too).\n")})) == []


def test_p005_near_miss_of_a_glossary_term(check) -> None:
    result = check({PROC: procedure("summary: Neurendocrine tumors can be removed.\n")})
    assert where(result) == [("P005", 5, 10, 5, 23)]
    assert result.diagnostics[0].message.startswith("'Neurendocrine' looks like a misspelling of 'neuroendocrine'")
    assert where(check({PROC: procedure("summary: Neuroendocrine tumors can be removed.\n")})) == []


def test_p006_placeholder(check) -> None:
    result = check({PROC: procedure("summary: Most people go home after TBD days.\n")})
    assert where(result) == [("P006", 5, 36, 5, 39)]
    assert where(check({PROC: procedure("summary: Most people go home after 3 to 5 days.\n")})) == []


HARD = (
    "Pancreaticoduodenectomy or Whipple procedure is most often used to treat pancreatic cancer, but it is "
    "also used to treat cancers of the duodenum. The gallbladder and part of the common bile duct are "
    "removed, and the remaining bile duct is attached to the small intestine so that bile from the liver "
    "can continue to enter the small intestine."
)
EASY = (
    "The surgeon takes out the tumor. You will sleep during the operation. Most people stay in the "
    "hospital for a few days. Your care team will tell you when you can eat again. Ask them about any "
    "pain you have. Then you can go home and rest for a few weeks."
)


def folded(key: str, text: str, indent: int = 2) -> str:
    """``key: >`` and ``text`` wrapped at 70 columns, indented by ``indent``."""
    body = textwrap.fill(text, 70, initial_indent=" " * indent, subsequent_indent=" " * indent)
    return f"{key}: >\n{body}\n"


def test_p007_hard_patient_text_spans_the_whole_field(check) -> None:
    source = procedure(folded("summary", HARD))
    result = check({PROC: source})
    # From the ">" on the key's line to the last character of the text, "intestine." on line 11.
    assert source.split("\n")[10] == "  small intestine."
    assert where(result) == [("P007", 5, 10, 11, 19)]
    assert result.diagnostics[0].message.startswith("reading grade ")
    assert "above the limit of 9 for patient pages" in result.diagnostics[0].message


def test_p007_a_quoted_text_spans_its_quotes(check) -> None:
    # From the opening quote to the closing one, in either quoting style, on one line or several.
    line = procedure(f'summary: "{HARD}"\n').split("\n")[4]
    assert line.startswith('summary: "') and line.endswith('"')
    assert where(check({PROC: procedure(f'summary: "{HARD}"\n')})) == [("P007", 5, 10, 5, len(line) + 1)]
    assert where(check({PROC: procedure(f"summary: '{HARD}'\n")})) == [("P007", 5, 10, 5, len(line) + 1)]
    wrapped = textwrap.fill(HARD, 70, subsequent_indent="  ")
    source = procedure(f'summary: "{wrapped}"\n')
    last = source.split("\n")[source.split("\n").index('summary: "' + wrapped.split("\n")[0]) + wrapped.count("\n")]
    assert last.endswith('intestine."')
    assert where(check({PROC: source})) == [("P007", 5, 10, 5 + wrapped.count("\n"), len(last) + 1)]


def test_p007_easy_text_and_professional_pages_pass(check) -> None:
    assert len(EASY.split()) >= 40
    assert where(check({PROC: procedure(folded("summary", EASY))})) == []
    professional = procedure(folded("summary", HARD) + "audience: professional\n")
    assert where(check({PROC: professional})) == []


def test_p007_not_for_glossary_definitions(check) -> None:
    glossary = GLOSSARY + "  - term: whipple procedure\n" + folded("    definition", HARD, indent=6)
    assert where(check({GLOSSARY_PATH: glossary})) == []


def test_p008_unclosed_bracket_and_quote(check) -> None:
    result = check({PROC: procedure("summary: The tissue (called the mesentery is removed. He said “go home.\n")})
    assert where(result) == [("P008", 5, 21, 5, 22), ("P008", 5, 63, 5, 64)]
    balanced = "summary: The tissue (called the mesentery) is removed. He said “go home.”\n"
    assert where(check({PROC: procedure(balanced)})) == []


# --- every field, and only prose fields -----------------------------------------------------------


def test_every_page_field_is_checked(check) -> None:
    indication = (
        "indications:\n  - site: rectum\n    size: {lte: 2, unit: cm}\n"
        "    text: For tumors no bigger than 2 cm  (about 0.8 inch).\n    cites: [src-a]\n"
        "removes:\n  - the tumor , with a rim of tissue\nrisks:\n  - Bleeding TODO\n"
    )
    source = procedure("summary: The surgeon removes the tumor.\n", before_review=indication)
    source = source.replace("title: A procedure", "title: A procedure  done today")
    source = source.replace("heading: What happens", "heading: What happens (step 1")
    result = check({PROC: source})
    assert where(result) == [
        ("P004", 4, 19, 4, 21),  # title
        ("P008", 10, 27, 10, 28),  # sections[0].heading
        ("P004", 16, 41, 16, 43),  # indications[0].text
        ("P004", 19, 14, 19, 15),  # removes[0]
        ("P006", 21, 14, 21, 18),  # risks[0]
    ]


def test_topic_pathway_question_and_option_text(check) -> None:
    pathway = (
        "pathways:\n  - id: by-size\n    site: rectum\n    question: Which operation ( by size)?\n"
        "    options:\n      - size: {gt: 0, unit: cm}\n        procedure: proc-a\n"
        "        text: Removing it is Neurendocrine surgery.\n    cites: [src-a]\n"
    )
    topic = TOPIC.format(id="topic-a", procedures="proc-a").replace("review:", pathway + "review:")
    result = check({TOPIC_PATH: topic})
    assert p_only(result) == [("P004", 16, 32, 16, 33), ("P005", 20, 30, 20, 43)]


def test_registry_fields_titles_definitions_and_names(check) -> None:
    sources = (
        "schema_version: 1\nkind: sources\nsources:\n  - id: src-a\n    type: summary\n"
        "    title: Gastrointestinal Carcinoid Tumors Treatment (PDQ?)–Health Professional Version\n"
        "    publisher: National  Cancer Institute\n    year: 2024\n"
        "    url: https://example.org/a?TREATMENT=TBD\n    accessed: 2025-03-20\n"
    )
    glossary = GLOSSARY.replace("Heavy bleeding.", "Heavy bleeding (from a vessel.")
    contributors = (
        "schema_version: 1\nkind: contributors\ncontributors:\n  - id: team\n    name: The content team 快猫\n"
        "    roles: [author, editor]\n  - id: doc\n    name: A clinical reviewer\n    roles: [clinical-reviewer]\n"
    )
    result = check({SOURCES_PATH: sources, GLOSSARY_PATH: glossary, CONTRIBUTORS_PATH: contributors})
    assert [(d.path, *item) for d, item in zip(result.diagnostics, where(result), strict=True)] == [
        (CONTRIBUTORS_PATH, "P001", 5, 28, 5, 30),
        (GLOSSARY_PATH, "P008", 15, 32, 15, 33),
        (SOURCES_PATH, "P002", 6, 60, 6, 61),  # the title; the URL is not prose
        (SOURCES_PATH, "P004", 7, 24, 7, 26),
    ]


def test_a_source_or_contributor_named_in_another_script_or_language(check) -> None:
    """A Russian guideline, a French title ("résecton" is near the term "resection") and a Russian name
    are cited as they are written."""
    sources = (
        "schema_version: 1\nkind: sources\nsources:\n  - id: src-a\n    type: guideline\n"
        "    title: Клинические рекомендации (ESMO)\n"
        "    publisher: Министерство здравоохранения\n    year: 2024\n"
        "  - id: src-b\n    type: article\n    title: Cancer du côlon, résecton\n    year: 2024\n"
    )
    contributors = (
        "schema_version: 1\nkind: contributors\ncontributors:\n  - id: team\n    name: Ирина Смирнова\n"
        "    roles: [author, editor]\n  - id: doc\n    name: A clinical reviewer\n    roles: [clinical-reviewer]\n"
    )
    result = check({SOURCES_PATH: sources, CONTRIBUTORS_PATH: contributors})
    assert p_only(result) == []
    # Letters of another script among mostly Latin ones are still reported.
    result = check({SOURCES_PATH: sources.replace("Клинические рекомендации (ESMO)", "Surgery guide 快猫")})
    assert p_only(result) == [("P001", 6, 26, 6, 28)]


def test_names_and_glossary_terms_are_not_spell_checked(check) -> None:
    contributors = (
        "schema_version: 1\nkind: contributors\ncontributors:\n  - id: team\n    name: Neurendocrine Mesentary\n"
        "    roles: [author, editor]\n  - id: doc\n    name: A clinical reviewer\n    roles: [clinical-reviewer]\n"
    )
    assert where(check({CONTRIBUTORS_PATH: contributors})) == []


# --- exact locations in every scalar style ----------------------------------------------------------


def test_plain_scalar_folded_over_three_lines(check) -> None:
    summary = (
        "summary: The surgeon removes the tumor\n"
        "  and some normal tissue around it. It is\n"
        "  removed  through the anus.\n"
    )
    assert where(check({PROC: procedure(summary)})) == [("P004", 7, 10, 7, 12)]


def test_boilerplate_across_a_folded_line_break(check) -> None:
    summary = "summary: The surgeon removes the tumor. Skip to main\n  content. It is removed through the anus.\n"
    assert where(check({PROC: procedure(summary)})) == [("P003", 5, 41, 6, 10)]


def test_single_quoted_scalar_with_an_escaped_quote(check) -> None:
    summary = "summary: 'The surgeon''s team removes\n  the tumor. The surgeon''s Neurendocrine team.'\n"
    assert where(check({PROC: procedure(summary)})) == [("P005", 6, 29, 6, 42)]


def test_double_quoted_scalar_with_escapes_before_the_defect(check) -> None:
    summary = (
        'summary: "The surgeon removes the tumor.\n'
        '  Caf\\u00e9-au-lait spots\\tshow. Neurendocrine tumors (rare are removed."\n'
    )
    result = check({PROC: procedure(summary)})
    # The escaped tab between two words is itself a P004, spanning its escape "\t".
    assert where(result) == [("P004", 6, 26, 6, 28), ("P005", 6, 34, 6, 47), ("P008", 6, 55, 6, 56)]


def test_double_quoted_scalar_with_an_escaped_line_break(check) -> None:
    summary = 'summary: "The surgeon removes \\\n  the tumor  whole."\n'
    assert where(check({PROC: procedure(summary)})) == [("P004", 6, 12, 6, 14)]


def test_literal_block_scalar(check) -> None:
    summary = "summary: |\n  The surgeon removes the tumor.\n\n  It is removed  through the anus.\n"
    assert where(check({PROC: procedure(summary)})) == [("P004", 8, 16, 8, 18)]


def test_literal_block_scalar_trailing_spaces(check) -> None:
    summary = "summary: |\n  The surgeon removes the tumor.   \n  It is removed through the anus.\n"
    result = check({PROC: procedure(summary)})
    assert where(result) == [("P004", 6, 33, 6, 36)]
    assert result.diagnostics[0].message == "trailing whitespace at the end of a line; remove it"


def test_folded_block_scalar_trailing_space_is_trailing_whitespace_on_its_line(check) -> None:
    """Folding makes "removes " + a line break into "removes  the": one trailing space in the file."""
    summary = "summary: >\n  The surgeon removes \n  the tumor whole.\n"
    result = check({PROC: procedure(summary)})
    assert where(result) == [("P004", 6, 22, 6, 23)]
    assert result.diagnostics[0].message == "trailing whitespace at the end of a line; remove it"


def test_folded_block_scalar(check) -> None:
    summary = "summary: >\n  The surgeon removes\n  the tumor and\n  sends it to a lab (to check it.\n"
    assert where(check({PROC: procedure(summary)})) == [("P008", 8, 21, 8, 22)]


def test_block_scalar_in_a_list_item_with_indentation(check) -> None:
    risks = "risks:\n  - >-\n      Bleeding, which is rare.\n      Leaks  from the join.\n"
    result = check({PROC: procedure("summary: The surgeon removes the tumor.\n", before_review=risks)})
    assert where(result) == [("P004", 16, 12, 16, 14)]


# --- the seed page ------------------------------------------------------------------------------------

# The defective lines of seeds/000_271232ca1940660b.txt, copied as they are (the doubled space in
# "removed  through" is a space and a no-break space).
SEED_LINES = (
    "快猫短视频",
    "Skip to main content",
    "showDesktop,showTablet,showMobile",
    "Neurendocrine tumors are sometimes removed during an operation being done for some other reason. "
    "This often happens with neuroendocrine tumors of the appendix. When the appendix is removed (for some "
    "other reason), and examined after surgery, sometimes a neuroendocrine tumor is found. Most doctors "
    "believe that if the tumor is small — 2 cm or less — removing the appendix (appendectomy) is curative "
    "and no other surgery is needed. If the tumor is larger than 2 cm, more surgery may be needed.",
    "National Cancer Institute Physician Data Query (PDQ). Gastrointestinal Carcinoid Tumors Treatment "
    "(PDQ?)–Health Professional Version. 2024. Accessed at "
    "https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq#section/_21 on March 20, 2025.",
    "Rectal neuroendocrine tumors may be removed \u00a0through the anus, without cutting the skin. Other GI "
    "neuroendocrine tumors can sometimes be removed through an endoscope but usually it is done through an "
    "incision (cut) in the skin.",
    "Hemicolectomy: This operation removes between one-third and one-half of the colon, as well as the "
    "nearby layers of tissue that hold and connect the intestines ( the mesentery), including blood vessels "
    "and lymph nodes.",
    "Sign up to stay up-to-date with news, valuable information, and ways to get involved with the American "
    "Cancer Society.",
)


def test_each_defective_line_of_the_seed_page(check) -> None:
    sections = "".join(
        f"  - heading: Part {n}\n    text: |\n      {line}\n    cites: [src-a]\n" for n, line in enumerate(SEED_LINES)
    )
    topic = TOPIC.format(id="topic-a", procedures="proc-a")
    topic = re.sub(r"sections:\n(?:  .*\n|    .*\n)+", lambda _: "sections:\n" + sections, topic)
    result = check({TOPIC_PATH: topic}, config='[prose]\nwords = ["PDQ"]\n')
    # Section n's text is on line 11 + 4n, from column 7.
    assert p_only(result) == [
        ("P001", 11, 7, 11, 12),  # 快猫短视频
        ("P003", 15, 7, 15, 27),  # Skip to main content
        ("P003", 19, 7, 19, 18),  # showDesktop
        ("P003", 19, 19, 19, 29),  # showTablet
        ("P003", 19, 30, 19, 40),  # showMobile
        ("P007", 22, 11, 23, 499),  # the paragraph is above grade 9: from "|" to its last character
        ("P005", 23, 7, 23, 20),  # Neurendocrine
        ("P002", 27, 109, 27, 110),  # (PDQ?)
        ("P004", 31, 50, 31, 52),  # removed  through (a space and a no-break space)
        ("P004", 35, 167, 35, 168),  # ( the mesentery)
        ("P003", 39, 7, 39, 33),  # Sign up to stay up-to-date
    ]
    assert all(d.code.startswith("P") for d in result.diagnostics)


# --- no false alarms ------------------------------------------------------------------------------------

GOOD_PROCEDURE = """\
schema_version: 1
kind: procedure
id: proc-a
title: Pancreaticoduodenectomy (the Whipple procedure)
summary: >
  The surgeon removes the head of the pancreas, the duodenum and the
  gallbladder. This page follows the PDQ® summary – Health Professional
  Version — and other guidance.
language: en
audience: patient
intent: [curative]
approach: surgical
sites: [rectum]
indications:
  - site: rectum
    size: {lte: 2, unit: cm}
    text: For tumours no bigger than 2 cm (about 0.8 inch).
    cites: [src-a]
removes: [the head of the pancreas, part of the small intestine, the gallbladder]
sections:
  - heading: Is this operation right for me?
    text: |
      Your surgeon will talk with you about whether it is right for you.
      People with Crohn’s disease or café-au-lait spots can have it too.
      “You can go home in about 7 to 10 days,” the surgeon said. Isn’t that good?
    cites: [src-a]
  - heading: Before the operation
    text: >
      This section explains what happens before a resection. Do not eat for
      6 hours before surgery. Take 500 mg of your medicine ≤ 2 hours before
      it, with 1.5 litres of water a day. A temperature of 38 °C or more
      means you should call us.
    cites: [src-a]
  - heading: Words you may read
    text: >
      The esophagus (oesophagus) carries food. A haemorrhage, or hemorrhage,
      is heavy bleeding. The colour (color) of the stool may change. Some
      tumors (tumours) make hormones.
    cites: [src-a]
risks:
  - Bleeding (haemorrhage) – rare
  - A leak where the bowel is joined; it may need another operation
related: []
review:
  last_reviewed: 2025-08-08
  next_review_due: 2028-08-08
  reviewed_by: [team, doc]
"""


def test_good_text_gives_no_diagnostic_at_all(check) -> None:
    result = check({PROC: GOOD_PROCEDURE})
    assert where(result) == []


# --- configuration -------------------------------------------------------------------------------------


def test_boilerplate_setting_extends_the_built_in_list(check) -> None:
    summary = "summary: Download the PDF. Skip to main content.\n"
    config = '[prose]\nboilerplate = ["Download the PDF"]\n'
    result = check({PROC: procedure(summary)}, config=config)
    assert where(result) == [("P003", 5, 10, 5, 26), ("P003", 5, 28, 5, 48)]
    assert where(check({PROC: procedure(summary)}), "P003") == [("P003", 5, 28, 5, 48)]


def test_words_setting_silences_p005(check) -> None:
    summary = "summary: The Mesentary clinic does it.\n"
    assert where(check({PROC: procedure(summary)}, config="")) == [("P005", 5, 14, 5, 23)]
    assert where(check({PROC: procedure(summary)}, config='[prose]\nwords = ["mesentary"]\n')) == []


def test_max_grade_setting_changes_p007(check) -> None:
    files = {PROC: procedure(folded("summary", HARD))}
    assert where(check(files), "P007")
    assert where(check(files, config="[prose]\nmax_grade = 20\n")) == []


def test_severity_override_for_p007(check) -> None:
    result = check({PROC: procedure(folded("summary", HARD))}, config='[severity]\nP007 = "info"\n')
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("P007", "info")]


def test_suppression_above_a_block_scalar_key_covers_p007_inside_it(check) -> None:
    source = procedure("# netlint: disable=P007 -- the operation needs its name\n" + folded("summary", HARD))
    assert where(check({PROC: source})) == []


def test_suppression_above_a_block_scalar_key_covers_a_defect_lines_inside_it(check) -> None:
    text = (
        "    # netlint: disable=P004\n    text: |\n      The surgeon removes the tumor.\n\n"
        "      It is removed  through.\n"
    )
    source = procedure("summary: The surgeon removes the tumor.\n").replace(
        "    text: The surgeon removes the tumor.\n", text
    )
    assert where(check({PROC: source})) == []
    unsuppressed = source.replace("    # netlint: disable=P004\n", "")
    assert where(check({PROC: unsuppressed})) == [("P004", 14, 20, 14, 22)]


def test_suppression_on_a_line_inside_a_block_scalar_is_text_not_a_comment(check) -> None:
    summary = "summary: |\n  Keep the  text. # netlint: disable=P004\n"
    assert where(check({PROC: procedure(summary)})) == [("P004", 6, 11, 6, 13)]


def test_suppression_of_p004_on_the_line_above(check) -> None:
    summary = "# netlint: disable=P004\nsummary: It is removed  through the anus.\n"
    assert where(check({PROC: procedure(summary)})) == []


def test_select_runs_only_the_selected_prose_codes(check) -> None:
    summary = "summary: Neurendocrine tumors are removed  whole (TBD.\n"
    result = check({PROC: procedure(summary)}, select=("P004", "P006"))
    assert where(result) == [("P004", 5, 42, 5, 44), ("P006", 5, 51, 5, 54)]


# --- one engine pass per document ------------------------------------------------------------------------


def test_the_engine_runs_once_per_document_with_each_field_once_and_only_the_enabled_codes(check, monkeypatch) -> None:
    calls: list[tuple[list[str], frozenset[str] | None]] = []

    def counting(
        texts: list[str],
        settings: ProseSettings,
        *,
        codes: frozenset[str] | None = None,
        screened: set[str] | None = None,
    ) -> list:
        calls.append((list(texts), codes))
        return check_texts(texts, settings, codes=codes, screened=screened)

    monkeypatch.setattr(_prose_document, "check_texts", counting)
    check({PROC: procedure("summary: The surgeon removes the tumor.\n")}, ignore=("P007", "P001"))
    # Six P rules run on the procedure, but it is analysed in one engine pass, each field once: the
    # summary and the section's text are the same sentence, so that is there twice.
    (page,) = [texts for texts, _ in calls if "A procedure" in texts]
    assert Counter(page) == {"A procedure": 1, "What happens": 1, "The surgeon removes the tumor.": 2}
    assert {codes for texts, codes in calls if "A procedure" in texts} == {CODES - {"P001", "P007"}}
    names = CODES - {"P001", "P005", "P007", "P009"}  # names and titles: no spelling, grade nor repeated words
    assert {codes for texts, codes in calls if "The content team" in texts} == {names}


def test_worker_processes_and_the_cache_give_the_same_diagnostics(make_project) -> None:
    files = {GLOSSARY_PATH: GLOSSARY, PROC: procedure("summary: Neurendocrine tumors are removed  whole (TBD.\n")}
    root = make_project(files, config=CONFIG, base=True)
    config = load_config(root, known_codes())
    serial = validate(config, TODAY, jobs=1).diagnostics
    assert [d.code for d in serial] == ["P005", "P004", "P008", "P006"]
    assert validate(config, TODAY, jobs=2).diagnostics == serial
    assert validate(config, TODAY, use_cache=True).diagnostics == serial
    assert validate(config, TODAY, use_cache=True).diagnostics == serial  # from the cache


def test_glossary_feeds_p005_with_its_variants(check) -> None:
    glossary = GLOSSARY + "  - term: stool\n    variants: [feces]\n    definition: Solid waste.\n"
    result = check({GLOSSARY_PATH: glossary, PROC: procedure("summary: The fecas leave the body.\n")})
    assert where(result) == [("P005", 5, 14, 5, 19)]


# --- the manual's examples do what it says -------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CODES))
def test_manual_examples_are_reported_and_their_fixes_are_not(code: str) -> None:
    sections = load_all()[code].sections
    glossary = tuple(
        GlossaryTerm(term["term"], tuple(term.get("variants", []))) for term in yaml.safe_load(GLOSSARY)["terms"]
    )
    settings = ProseSettings(glossary=glossary)

    def codes(section: str) -> set[str]:
        block = re.search(r"```yaml\n(.*?)```", sections[section], re.S)
        assert block is not None
        data = yaml.safe_load(block.group(1))
        return {f.code for text in data.values() for f in check_text(text, settings)}

    assert code in codes("Example")
    assert codes("Use instead") == set()


ODD_PAGES = [
    {"kind": "procedure", "title": "T", "summary": 3, "indications": [{"text": "a"}, "b", None, {"text": ""}],
     "removes": ["x", 2, ["y"], "z"], "sections": [{"heading": "H", "text": "t"}, {"text": "u"}], "risks": "r"},
    {"kind": "topic", "title": "", "pathways": [
        {"question": "q1", "options": [{"text": "o1"}, {"text": None}, {"text": "o2"}]},
        {"options": "no"}, {"question": "q3", "options": [{"text": "o3"}]}, [], None]},
    {"kind": "glossary", "terms": [{"term": "a", "variants": ["b", 1, "c"], "definition": "d"}, {"variants": []}]},
    {"kind": "sources", "sources": [{"title": "t", "publisher": "p", "authors": ["x", "y"]}, {"authors": "z"}]},
    {"kind": "contributors", "contributors": [{"name": "n"}, {"name": 5}, "m"]},
    {"kind": "topic", "title": "only this", "pathways": {"question": "not a list"}},
]  # fmt: skip


@pytest.mark.parametrize("data", ODD_PAGES)
def test_the_document_pass_walks_the_fields_in_the_order_text_fields_gives(data: dict[str, object]) -> None:
    # _check_document numbers each group's texts as _texts walks them and maps findings back to
    # fields by walking text_fields: the two walks must agree, whatever shape the data has.
    from netlint.loader import Document

    doc = Document("x.yaml", "", data)
    for pattern, _ in _prose_document.FIELDS[data["kind"]]:
        texts: list[str] = []
        _prose_document._texts(data, pattern, texts)
        with_paths: list[tuple[object, str]] = []
        _prose_document._collect(data, pattern, 0, (), with_paths)
        assert texts == [text for _, text in with_paths]
        assert all(doc.get(path) == text for path, text in with_paths)
    assert [text for _, text, _ in _prose_document.text_fields(doc)]  # every odd page has some text


def test_p005_only_on_pages_in_english(check) -> None:
    # The glossary is English: on a German page its cognates are words, not misspellings of it.
    german = procedure("summary: Das Rektum und neuroendokrine Tumoren.\nlanguage: de\n")
    assert where(check({PROC: german}), "P005") == []
    english = procedure("summary: Neurendocrine tumors of the rectum.\n")
    assert where(check({PROC: english}), "P005") == [("P005", 5, 10, 5, 23)]


def test_p004_an_invisible_character_at_its_place(check) -> None:
    result = check({PROC: procedure("summary: The surgeon removes the neur\u200bendocrine tumor.\n")})
    assert where(result, "P004") == [("P004", 5, 38, 5, 39)]


def test_p004_a_bidirectional_override_and_an_invisible_separator(check) -> None:
    """A "Trojan Source": the page shows "20 cm" where every check read "mc 02"; "T\u2063ODO" hides a
    placeholder from P006. Both were published without a word."""
    summary = "summary: Used for tumors up to \u202emc 02\u202c. T\u2063ODO the time.\n"
    result = check({PROC: procedure(summary)})
    assert where(result, "P004") == [("P004", 5, 32, 5, 33), ("P004", 5, 38, 5, 39), ("P004", 5, 42, 5, 43)]
    messages = [d.message for d in result.diagnostics if d.code == "P004"]
    assert messages[0] == (
        "invisible right-to-left override (U+202E), which reorders the text as it shows, before 'mc'; remove it"
    )
    assert messages[2] == "invisible separator (U+2063) between 'T' and 'ODO'; remove it"
    # Hebrew points and Mongolian spelling need the combining grapheme joiner and the vowel separator.
    hebrew = procedure("summary: ירושלים: יְרוּשָׁלַ\u034fִם\nlanguage: he\n")
    assert where(check({PROC: hebrew}), "P004") == []
    # Beside right-to-left letters (a page in such a language, a source's title), an isolate is the
    # writer's own; an override still is not.
    arabic = procedure("summary: \u0627\u0644\u0648\u0631\u0645 \u2066CT\u2069 \u202eab\u202c.\nlanguage: ar\n")
    assert [place[1:3] for place in where(check({PROC: arabic}), "P004")] == [(5, 21)]  # the override


def test_p003_a_line_of_boilerplate_in_a_folded_block(check) -> None:
    """Folding joins "Print this page" to the lines around it ("...soon. Print this page Back to top"):
    in the file it is a line of its own, and boilerplate (it was missed, and exported mid-sentence)."""
    summary = (
        "summary: >\n  Most people go home soon.\n  Print this page\n  Print this page and bring it.\n\n"
        "  Print this page\n\n  Back to top\n"
    )
    result = check({PROC: procedure(summary)})
    assert where(result, "P003") == [("P003", 7, 3, 7, 18), ("P003", 10, 3, 10, 18), ("P003", 12, 3, 12, 14)]
    # In a section's text (a list item's key), and with a chomping indicator.
    section = procedure("").replace(
        "    text: The surgeon removes the tumor.\n",
        "    text: >-\n      The surgeon removes the tumor.\n      Share\n      Then you rest.\n",
    )
    assert [place[:3] for place in where(check({PROC: section}), "P003")] == [("P003", 12, 7)]
    # A sentence wrapped there is a sentence: "... send it by / email." and "Read more / about diet".
    wrapped = "summary: >\n  If you lose it, we can send it by\n  email.\n  Questions?\n  Read more\n  about diet.\n"
    assert where(check({PROC: procedure(wrapped)}), "P003") == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_p004_spaces_on_a_blank_looking_line_of_a_block_are_past_its_indentation(check, newline: str) -> None:
    # Line 7 has 5 spaces in a block indented 2: the last 3 are the text's, at columns 3-5.
    text = procedure("summary: |\n  First line.\n     \n  Second line.\n").replace("\n", newline)
    assert where(check({PROC: text.encode("utf-8")}), "P004") == [("P004", 7, 3, 7, 6)]  # bytes: as written


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # P001: a Cyrillic "е" inside "surgеon"; P002: what is left of a garbled no-break space.
        ("summary: The surgеon removes the tumor.\n", [("P001", 5, 18, 5, 19)]),
        ("summary: Tumors of 2Â cm are removed.\n", [("P002", 5, 21, 5, 22)]),
        # P003: "Print this page" as a line of its own, not inside a sentence.
        ("summary: |\n  Print this page and bring it.\n  Print this page\n", [("P003", 7, 3, 7, 18)]),
        # P006: a template's variable.
        ("summary: Recovery takes {{recovery_time}}.\n", [("P006", 5, 25, 5, 42)]),
    ],
)
def test_new_prose_findings_at_their_place(check, summary: str, expected: list[Where]) -> None:
    assert p_only(check({PROC: procedure(summary)})) == expected


def test_p004_isolates_around_a_right_to_left_title_in_the_sources(check) -> None:
    """A bibliography's mixed-direction title or author: isolates are what it needs (sources.yaml has no
    language); one around English words alone is still reported."""
    from conftest import SOURCES

    sources = SOURCES.replace(
        "    title: A summary\n",
        '    title: "\u2067دليل المريض\u2069 (Patient guide, Arabic edition)"\n'
        '    authors: ["\u2067محمد علي\u2069", "Smith J"]\n',
    )
    assert where(check({"content/sources.yaml": sources}), "P004") == []
    english = SOURCES.replace("    title: A summary\n", '    title: "A \u2066summary\u2069"\n')
    assert [place[1:3] for place in where(check({"content/sources.yaml": english}), "P004")] == [(6, 15), (6, 23)]


def test_p007_s_manual_states_the_grades_of_its_own_examples() -> None:
    # It said "about grade 12" of an example netlint scores 13.8: the manual is where editors calibrate.
    import re

    from netlint.prose.readability import measure
    from netlint.rules import load_all

    manual = load_all()["P007"].doc
    example, instead = (
        " ".join(line.strip() for line in block.splitlines()[1:])
        for block in re.findall(r"```yaml\n(.*?)```", manual, re.DOTALL)
    )
    stated = re.search(r"scores grade (\d+\.\d); the rewrite under it, (\d+\.\d)\.", " ".join(manual.split()))
    assert stated is not None
    assert (f"{measure(example).grade:.1f}", f"{measure(instead).grade:.1f}") == stated.groups()
