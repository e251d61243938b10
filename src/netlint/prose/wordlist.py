"""Known words for P005: pyspellchecker's MIT-licensed frequency lists, plus British spellings.

pyspellchecker's English list is US English ("color", "tumor", "esophagus"),
so British spellings ("colour", "tumour", "oesophagus") are recognised by
rewriting them to the US form with a few regular rules, rather than by
shipping a second list.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Collection, Iterator
from functools import cache

from netlint.prose.resources import package_file, package_path

# The languages pyspellchecker ships a list for.
LANGUAGES = frozenset({"ar", "de", "en", "es", "eu", "fa", "fr", "it", "lv", "nl", "pt", "ru"})

# British → US rewrites, each applied to all its occurrences; two may combine
# ("manoeuvre" → "maneuvre" → "maneuver").
_BRITISH_TO_US_RULES: tuple[tuple[str, str], ...] = (
    (r"our(?=[a-z])|our$", "or"),  # colour, tumours, favourite
    (r"ae", "e"),  # haemorrhage, anaemia, paediatric
    (r"oe", "e"),  # oesophagus, oestrogen, oedema, dyspnoea
    (r"re(s?)$", r"er\1"),  # centre, litres, fibre
    (r"red$", "ered"),  # centred
    (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),  # organise, organisation
    (r"ys(e|es|ed|ing)$", r"yz\1"),  # analyse, dialysed
    (r"ogue(s?)$", r"og\1"),  # dialogue
    (r"ll(ed|ing|er|ers)$", r"l\1"),  # travelled, labelling
    (r"ence(s?)$", r"ense\1"),  # licence, defence
    (r"mme(s?)$", r"m\1"),  # programme
    (r"ium$", "um"),  # aluminium
    (r"ould", "old"),  # mould, smouldering
    (r"ph", "f"),  # sulphur
)


@cache
def _british_to_us() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The rewrites, compiled when a word is first not found (not by every run that imports this)."""
    return tuple((re.compile(pattern), replacement) for pattern, replacement in _BRITISH_TO_US_RULES)


# Inflections of a known word: (suffix, replacement) → "tumors" from "tumor".
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


@cache
def word_list(language: str) -> frozenset[str] | None:
    """The lower-case words pyspellchecker knows for ``language``; None when it has no list.

    Reading pyspellchecker's gzipped JSON takes about 90 ms and 40 MB; the same words as plain
    lines, kept in the user's cache folder (see :func:`_stored`), take half that. The stored copy
    is named after the list's size and time, so an upgrade of pyspellchecker writes a new one.
    """
    if language not in LANGUAGES:
        return None
    source = _source(language)
    stored = _stored(language, source)
    if stored is not None:
        words = _read_stored(stored)
        if words is not None:
            return words
    words = _parse(_read_source(language, source))
    if stored is not None:
        _write_stored(stored, words)
    return words


class WordSet:
    """The words of a language's list, for membership tests, without building a set for a few of them.

    A pre-commit run checks a file or two: a few hundred distinct words, each found by binary
    search in the sorted plain copy of the list (a few microseconds) rather than after building a
    160,000-word set (about 45 ms). Answers are kept, and once :data:`LOOKUPS` distinct words have
    been asked about (a larger run), the set is built and used from then on.
    """

    LOOKUPS = 4000

    def __init__(self, language: str, body: bytes | None) -> None:
        self._language = language
        self._body = body  # the sorted plain copy, one word per line; None: build the set at once
        self._yes: set[str] = set()  # words asked about and found
        self._no: set[str] = set()  # words asked about and not found
        self._set: frozenset[str] | None = None
        if body is None:
            self._set = word_list(language) or frozenset()

    def __contains__(self, word: str) -> bool:
        words = self._set
        if words is not None:
            return word in words
        if word in self._yes:
            return True
        if word in self._no:
            return False
        return self._look_up(word)

    def _look_up(self, word: str) -> bool:
        found = _in_sorted_lines(self._body or b"", word)
        (self._yes if found else self._no).add(word)
        if len(self._yes) + len(self._no) >= self.LOOKUPS:
            self._set = word_list(self._language) or frozenset()
            self._body = None
        return found

    def missing(self, words: list[str]) -> Collection[str]:
        """The distinct ``words`` not in the list (set operations at C speed for words seen before).

        The words found are kept apart even once the whole list is a set: a project uses a few
        thousand of its 160,000 words, and a set of those stays in the processor's caches, where
        most look-ups in the large one would wait for memory.
        """
        if self._yes.issuperset(words):  # the usual case: every word known, and asked about before
            return ()
        unseen = set(words)
        unseen -= self._yes
        listed = self._set
        if listed is not None:
            found = unseen.intersection(listed)
            self._yes |= found
            return unseen - found if len(found) < len(unseen) else ()
        return [word for word in unseen if word in self._no or not self._look_up(word)]


def _in_sorted_lines(body: bytes, word: str) -> bool:
    """Whether ``word`` is a line of ``body``, whose lines are sorted (UTF-8 sorts as code points do)."""
    key = word.encode("utf-8", "surrogatepass")
    if b"\n" in key:
        return False
    low, high = 0, len(body)  # the lines starting in [low, high) are still candidates
    while low < high:
        middle = (low + high) // 2
        start = body.rfind(b"\n", 0, middle) + 1
        end = body.find(b"\n", middle)
        if end < 0:
            end = len(body)
        line = body[start:end]
        if line == key:
            return True
        if line < key:
            low = end + 1
        else:
            high = start
    return False


@cache
def word_set(language: str) -> WordSet | None:
    """The words pyspellchecker knows for ``language``, as a :class:`WordSet`; None when it has no list."""
    if language not in LANGUAGES:
        return None
    source = _source(language)
    stored = _stored(language, source)
    body = _stored_body(stored) if stored is not None else None
    if body is None:
        words = word_list(language)  # parses the list and writes the plain copy
        if words is None:
            return None
        body = _stored_body(stored) if stored is not None else None
    return WordSet(language, body)


def _stored_body(path: str) -> bytes | None:
    """The sorted words of a plain copy: a header line with their number (so that a copy cut short
    is not trusted), then one word per line."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    lines = body.count(b"\n") + 1
    if header != f"{_FORMAT} {lines}".encode():
        return None
    return body


_FORMAT = "netlint-words/1"
_KEEP_COPIES = 3  # copies of one language's list kept in the cache folder (a few environments may share it)


def _source(language: str) -> str | None:
    """The path of pyspellchecker's list for ``language`` when it is a plain file."""
    return package_path("spellchecker", f"resources/{language}.json.gz")


def _read_source(language: str, source: str | None) -> bytes:
    if source is not None:
        with open(source, "rb") as file:
            return file.read()
    return package_file("spellchecker", f"resources/{language}.json.gz")


def _stored(language: str, source: str | None) -> str | None:
    """Where the plain copy of ``source`` lives: $NETLINT_WORDS_CACHE, else the user's cache folder.

    That is ``$XDG_CACHE_HOME/netlint`` or ``~/.cache/netlint`` (``%LOCALAPPDATA%\\netlint`` on
    Windows); setting NETLINT_WORDS_CACHE to an empty value turns the copy off.
    """
    if source is None:
        return None
    folder = os.environ.get("NETLINT_WORDS_CACHE")
    if folder is None:
        base = os.environ.get("LOCALAPPDATA") if os.name == "nt" else os.environ.get("XDG_CACHE_HOME")
        if not base or not os.path.isabs(base):  # the XDG rule: a relative path is ignored
            home = os.path.expanduser("~")
            if home == "~":
                return None
            base = os.path.join(home, "AppData", "Local") if os.name == "nt" else os.path.join(home, ".cache")
        folder = os.path.join(base, "netlint")
    if not folder:
        return None
    try:
        info = os.stat(source)
    except OSError:
        return None
    return os.path.join(folder, f"words-{language}-{info.st_size}-{info.st_mtime_ns}.txt")


def _read_stored(path: str) -> frozenset[str] | None:
    """The words of a plain copy (see :func:`_stored_body`), as a set."""
    body = _stored_body(path)
    if body is None:
        return None
    try:
        return frozenset(body.decode("utf-8").split("\n"))
    except UnicodeDecodeError:
        return None


def _write_stored(path: str, words: frozenset[str]) -> None:
    """Write the plain copy atomically (a temporary file renamed over it); on any error, do without."""
    if not words or any("\n" in word for word in words):
        return
    import tempfile  # here: only the first run on a machine writes the copy

    body = "\n".join(sorted(words))
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".words-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(f"{_FORMAT} {len(words)}\n{body}".encode())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        return
    _prune_stored(path)


def _prune_stored(path: str, keep: int = _KEEP_COPIES) -> None:
    """Remove all but the ``keep`` newest copies of the list ``path`` is a copy of.

    A copy is named after its source's size and time, and every install of pyspellchecker (each
    fresh virtual environment, each CI run on a kept cache) gives the source a new time: without
    this, the cache folder would gain a copy of a megabyte and a half each time.
    """
    folder, name = os.path.split(path)
    language = name.split("-")[1]
    try:
        copies = [entry for entry in os.scandir(folder) if _is_copy(entry.name, language) and entry.is_file()]
        copies.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in copies[keep:]:
            if entry.path != path:
                os.unlink(entry.path)
    except OSError:
        return


def _is_copy(name: str, language: str) -> bool:
    """Whether ``name`` is that of a plain copy of ``language``'s list (see :func:`_stored`)."""
    prefix, suffix = f"words-{language}-", ".txt"
    if not (name.startswith(prefix) and name.endswith(suffix)):
        return False
    size, _, mtime = name[len(prefix) : -len(suffix)].partition("-")
    return size.isdigit() and mtime.isdigit()


def _parse(data: bytes) -> frozenset[str]:
    """The lower-case keys of pyspellchecker's gzipped ``{"word": count, ...}``."""
    import gzip  # here: runs that find the plain copy never need it

    text = gzip.decompress(data).decode("utf-8")
    # Split on the quotes, the keys of a flat {"word": count, ...} object without escapes are every
    # other piece: a fraction of the time of json.loads and a lower() per word. Without a backslash,
    # quotes delimit the strings, so the even pieces are all the text outside them; there a colon
    # follows each key and nothing else, so as many colons as strings means every string is a key,
    # and a single "{" means a single object (no keys of an object inside it).
    parts = text.split('"')
    keys = parts[1::2]
    outside = "".join(parts[0::2])
    if "\\" not in text and len(parts) % 2 == 1 and outside.count(":") == len(keys) and outside.count("{") == 1:
        return frozenset(keys if _is_lower_case(text) else map(str.lower, keys))
    frequencies: dict[str, int] = json.loads(text)
    return frozenset(map(str.lower, frequencies))


# Each Latin-1 character's lower-case form where it is one Latin-1 character; 0 where not, or where
# the character is NUL itself (0 never equals a changed character, and NUL compared to NUL is fine).
_LATIN1_LOWER = bytes(
    ord(char.lower()) if len(char.lower()) == 1 and ord(char.lower()) < 256 else 0 for char in map(chr, range(256))
)


def _is_lower_case(text: str) -> bool:
    """Whether ``text.lower() == text``, without lower-casing 2.7 MB when the text is Latin-1.

    A Latin-1 character's lower() depends on it alone (only "Σ" looks at its neighbours), so the
    text is its own lower-case form when every character is: a table translation and a comparison.
    """
    try:
        latin1 = text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return latin1.translate(_LATIN1_LOWER) == latin1


def us_spellings(word: str) -> Iterator[str]:
    """US spellings that the lower-case British ``word`` may stand for (up to two rewrites)."""
    seen = {word}
    frontier = [word]
    for _ in range(2):
        following: list[str] = []
        for form in frontier:
            for pattern, replacement in _british_to_us():
                rewritten = pattern.sub(replacement, form)
                if rewritten not in seen:
                    seen.add(rewritten)
                    following.append(rewritten)
                    yield rewritten
        frontier = following


def stems(word: str) -> Iterator[str]:
    """Forms ``word`` may be an inflection of: "tumors" → "tumor", "biopsies" → "biopsy"."""
    for suffix, replacement in _INFLECTIONS:
        stem = word[: -len(suffix)] + replacement if word.endswith(suffix) else ""
        # "tumorss" is a typo, not the plural of "tumors"; nor is "lobectomys" the plural of "lobectomy".
        if len(stem) >= 3 and not (suffix == "s" and (stem.endswith("s") or takes_ies(stem))):
            yield stem


def takes_ies(word: str) -> bool:
    """A consonant and "y" at the end: the plural is "-ies" ("biopsy", "biopsies")."""
    return word.endswith("y") and word[-2:-1] not in ("", *"aeiou")
