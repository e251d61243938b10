"""schema.org JSON-LD for each page (SPEC §7), serialised so that no content can end the script element.

A topic or procedure page is a ``MedicalWebPage`` with ``lastReviewed``, ``reviewedBy``,
``citation`` and ``inLanguage``. A procedure page is ``about`` a ``SurgicalProcedure``
that is also a ``TherapeuticProcedure`` (curative intent) and/or a ``PalliativeProcedure``
(palliative intent), with ``bodyLocation`` and ``howPerformed`` as text. schema.org has no
"Surgical" ``procedureType`` value, so none is written; a percutaneous procedure is a
``MedicalProcedure`` whose ``procedureType`` is ``PercutaneousProcedure``, a noninvasive one (nothing
enters the body: external radiotherapy, shock waves) one whose ``procedureType`` is ``NoninvasiveProcedure``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from netlint.exporters.html_text import doi_url, link_url, plain  # text as <title> shows it: spaced, no bidi controls

_INTENT_TYPES = (("curative", "TherapeuticProcedure"), ("palliative", "PalliativeProcedure"))
# How each approach is named on a page (and in JSON-LD's howPerformed, on an English one).
_APPROACHES = {
    "endoscopic": "Endoscopic",
    "transanal": "Transanal (through the anus)",
    "surgical": "Surgical",
    "percutaneous": "Percutaneous (through the skin, with a needle or probe)",
    "noninvasive": "Noninvasive (no cut, tube or needle)",
}
# The approaches that are not surgery, as schema.org's MedicalProcedureType names them.
_PROCEDURE_TYPES = {"percutaneous": "PercutaneousProcedure", "noninvasive": "NoninvasiveProcedure"}
# The contributors file does not say whether a contributor is a person or a group; these words say group.
_ORGANIZATION_WORDS = re.compile(
    r"\b(team|society|association|institute|institution|college|group|committee|board|department|council|"
    r"foundation|network|cent(er|re)|hospital|university|clinic|service|trust|agency|organi[sz]ation|"
    r"academy|federation|alliance|program(me)?|nhs|inc|ltd|llc|panel"
    # the same in the languages of Europe's pages ("Équipe de traduction", "Equipo de traducción",
    # "Comité de lecture"), and German compounds that end in one ("Übersetzungsteam", "Arbeitsgruppe")
    r"|[ée]quipe|equipo|equipa|comit[ée]|comisi[óo]n|redacci[óo]n|redaktion|soci[ée]t[ée]|sociedad|fondation"
    r"|fundaci[óo]n|ligue|liga|associazione|gruppo|groupe|grupo|universit[äàé]t?|universidad|ospedale"
    r"|h[ôo]pital|hospital|instituto?|istituto)\b"
    r"|\w(?:team|gruppe|gesellschaft|stiftung|hilfe|zentrum|klinik|verband)\b",
    re.IGNORECASE,
)
_ET_AL = re.compile(r"et\.?\s+al\.?", re.IGNORECASE)  # "et al.": the rest of a list, not a person
# What json.dumps leaves that could end the script element or be read as HTML or as a JS line break.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> Markup:
    """``value`` as JSON safe to place between ``<script type="application/ld+json">`` tags.

    The characters replaced can only occur inside JSON strings, where ``\\u003c`` and
    the rest mean the same characters, so ``json.loads`` gives back the same value.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False)
    for char, replacement in _SCRIPT_UNSAFE.items():
        text = text.replace(char, replacement)
    return Markup(text)  # safe: every character that could end the element is escaped above


def site_label(site: str) -> str:
    """A body site id in words: ``small-intestine`` -> ``small intestine``."""
    return site.replace("-", " ")


def person_or_organization(contributor: Mapping[str, Any]) -> dict[str, str]:
    kind = "Organization" if _ORGANIZATION_WORDS.search(str(contributor["name"])) else "Person"
    return {"@type": kind, "name": plain(contributor["name"])}


def creative_work(source: Mapping[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": plain(source["title"]),
        "publisher": {"@type": "Organization", "name": plain(source["publisher"])},
        "datePublished": str(source["year"]),
    }
    url = link_url(source.get("url"))
    if url:
        work["url"] = url
    if source.get("version"):
        work["version"] = plain(source["version"])
    if source.get("authors"):
        authors = [name for name in source["authors"] if not _ET_AL.fullmatch(str(name).strip())]
        if authors:
            work["author"] = [{"@type": "Person", "name": plain(name)} for name in authors]
    doi = doi_url(source.get("doi"))
    if doi:
        work["sameAs"] = doi
    return work


def _how_performed(procedure: Mapping[str, Any]) -> str:
    """The summary, after "Approach: surgical." on an English page: the label and the approach's value
    are English, and a page in another language says it all in that language (its summary)."""
    language = str(procedure.get("language") or "en").lower()
    if language == "en" or language.startswith("en-"):
        return f"Approach: {approach_label(procedure['approach']).lower()}. {procedure['summary']}"
    return str(procedure["summary"])


def approach_label(approach: object) -> str:
    """The words for an approach on a page: "Transanal (through the anus)"; an unknown one as written."""
    return _APPROACHES.get(str(approach), str(approach))


def procedure_entity(procedure: Mapping[str, Any], url: str | None = None) -> dict[str, Any]:
    """The ``SurgicalProcedure`` a procedure page is about; a percutaneous one (an ablation through the
    skin) is a ``MedicalProcedure`` of ``procedureType`` ``PercutaneousProcedure`` instead, and a
    noninvasive one (shock waves from outside the body) one of ``procedureType`` ``NoninvasiveProcedure``."""
    intents = set(procedure["intent"])
    procedure_type = _PROCEDURE_TYPES.get(str(procedure.get("approach")))
    entity: dict[str, Any] = {
        "@type": [
            "SurgicalProcedure" if procedure_type is None else "MedicalProcedure",
            *(kind for intent, kind in _INTENT_TYPES if intent in intents),
        ],
        "name": plain(procedure["title"]),
        "bodyLocation": plain(", ".join(site_label(site) for site in procedure["sites"])),
        "howPerformed": plain(_how_performed(procedure)),
    }
    if procedure_type is not None:
        entity["procedureType"] = f"https://schema.org/{procedure_type}"
    if url is not None:
        entity["url"] = url
    return entity


def page_data(page: Mapping[str, Any], procedures: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object of one topic or procedure page."""
    review = page["review"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": plain(page["title"]),
        "description": plain(page["summary"]),
        "inLanguage": plain(page["language"]),
        "lastReviewed": plain(review["last_reviewed"]),
        "reviewedBy": [person_or_organization(person) for person in review["reviewers"]],
        "citation": [creative_work(source) for source in page["references"]],
        "medicalAudience": {"@type": "Patient"} if page["audience"] == "patient" else "https://schema.org/Clinician",
    }
    if page["kind"] == "procedure":
        data["about"] = procedure_entity(page)
    else:
        data["about"] = [
            procedure_entity(procedures[pid], f"../procedures/{pid}.html")
            for pid in page["procedures"]
            if pid in procedures
        ]
    return data
