"""String-level prose checks P001-P009: findings with character offsets into one text field.

Importing this package is cheap: the word list, the compiled patterns and the
third-party libraries (regex, ftfy, rapidfuzz, syllapy) load on the first call
of :func:`check_text` or :func:`check_texts`, once per process and per settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from netlint.prose.settings import CODES, GlossaryTerm, ProseFinding, ProseSettings

__all__ = ["CODES", "GlossaryTerm", "ProseFinding", "ProseSettings", "check_text", "check_texts"]


def check_text(text: str, settings: ProseSettings, *, codes: frozenset[str] | None = None) -> list[ProseFinding]:
    """Check one text field's value; return findings sorted by offset.

    ``codes`` limits the checks run (``None`` runs all of P001-P009). Offsets
    index ``text`` itself; the caller maps them to file lines and columns.
    """
    found: list[ProseFinding] = _engine().check_text(text, settings, codes=codes)
    return found


def check_texts(
    texts: Sequence[str],
    settings: ProseSettings,
    *,
    codes: frozenset[str] | None = None,
    screened: set[str] | None = None,
) -> dict[int, list[ProseFinding]]:
    """Check a document's text fields at once: ``{i: check_text(texts[i], ...)}`` for each i with findings.

    The same answers, found faster: each check first screens all the texts together (``screened``, when
    given, receives the codes whose screens passed).
    """
    found: dict[int, list[ProseFinding]] = _engine().check_texts(texts, settings, codes=codes, screened=screened)
    return found


def _engine() -> ModuleType:
    global _loaded
    if _loaded is None:  # the first call: load the engine (and so the checks' patterns)
        from netlint.prose import engine

        _loaded = engine
    return _loaded


_loaded: ModuleType | None = None
