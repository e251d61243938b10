"""String-level prose checks P001-P008: findings with character offsets into one text field.

Importing this package is cheap: the word list, the compiled patterns and the
third-party libraries (regex, ftfy, rapidfuzz, syllapy) load on the first call
of :func:`check_text`, once per process and per settings.
"""

from __future__ import annotations

from collections.abc import Callable

from netlint.prose.settings import CODES, GlossaryTerm, ProseFinding, ProseSettings

__all__ = ["CODES", "GlossaryTerm", "ProseFinding", "ProseSettings", "check_text"]


def check_text(text: str, settings: ProseSettings, *, codes: frozenset[str] | None = None) -> list[ProseFinding]:
    """Check one text field's value; return findings sorted by offset.

    ``codes`` limits the checks run (``None`` runs all of P001-P008). Offsets
    index ``text`` itself; the caller maps them to file lines and columns.
    """
    global _engine_check_text
    if _engine_check_text is None:  # the first call: load the engine (and so the checks' patterns)
        from netlint.prose.engine import check_text as loaded

        _engine_check_text = loaded
    return _engine_check_text(text, settings, codes=codes)


_engine_check_text: Callable[..., list[ProseFinding]] | None = None
