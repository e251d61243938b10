"""The prose engine's inputs and outputs: settings, glossary terms and findings."""

from __future__ import annotations

from dataclasses import dataclass

CODES: frozenset[str] = frozenset(f"P00{n}" for n in range(1, 10))


@dataclass(frozen=True, order=True)
class ProseFinding:
    """One defect in one string: ``text[start:end]`` is the offending part."""

    code: str  # "P001".."P009"
    start: int  # offset into the text, inclusive
    end: int  # exclusive
    message: str  # for a content editor: what was found and what to do


@dataclass(frozen=True)
class GlossaryTerm:
    """A controlled term and its accepted variants (plural, abbreviation, synonym)."""

    term: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProseSettings:
    """Everything the prose checks depend on; hashable, so compiled state is cached per value."""

    language: str = "en"
    audience: str = "patient"
    max_grade: float = 9
    boilerplate: tuple[str, ...] = ()  # extra phrases, added to the built-in list
    words: frozenset[str] = frozenset()  # project allow-list for P005 (case-insensitive)
    glossary: tuple[GlossaryTerm, ...] = ()

    def __post_init__(self) -> None:
        # The engine looks its compiled state up by settings on every call: hash the glossary once.
        fields = (self.language, self.audience, self.max_grade, self.boilerplate, self.words, self.glossary)
        object.__setattr__(self, "_hash", hash(fields))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[no-any-return,attr-defined]

    def __reduce__(self) -> tuple[type[ProseSettings], tuple[object, ...]]:
        # Rebuilt (and so re-hashed) on unpickling: string hashes differ from process to process.
        return (type(self), (self.language, self.audience, self.max_grade, self.boilerplate, self.words, self.glossary))

    @property
    def base_language(self) -> str:
        """The primary language subtag, lower-case: "en-GB" and "en_gb" give "en"."""
        return self.language.replace("_", "-").split("-", 1)[0].strip().lower()
