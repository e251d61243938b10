"""Sizes stated in prose ("2 cm", "20 mm", "¾ inch", "1 to 2 cm") and whether they match a bound (T006)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from netlint.prose.text import Spans, merged
from netlint.sizes import INCH_MM, Interval

# Inches in patient text are conversions ("2 cm (about 0.8 inch)"), rounded by the writer.
INCH_TOLERANCE = Fraction(5, 100)

_VULGAR: dict[str, Fraction] = {
    "½": Fraction(1, 2), "⅓": Fraction(1, 3), "⅔": Fraction(2, 3), "¼": Fraction(1, 4),
    "¾": Fraction(3, 4), "⅕": Fraction(1, 5), "⅖": Fraction(2, 5), "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5), "⅙": Fraction(1, 6), "⅚": Fraction(5, 6), "⅛": Fraction(1, 8),
    "⅜": Fraction(3, 8), "⅝": Fraction(5, 8), "⅞": Fraction(7, 8),
}  # fmt: skip
_V = "[" + "".join(_VULGAR) + "]"
_SPACE = r"[ \u00a0\u2009\u202f]"

# One number; longest forms first so "1 1/2" is not read as "1". The lookbehind keeps us out of
# identifiers and versions: no "2" in "T2", "V.5.2024" or "3/4" read from its "4"; but a number after a
# unit and a slash starts a size ("4 cm/1.6 inches", "0.8 in/2 cm").
_NUMBER = rf"""(?:(?<=[cm]m/)|(?<=inch/)|(?<=inches/)|(?<=[\d ]in/)|(?<=\d″/)|(?<=\d"/)|(?<![\w.,/⁄]))(?:
      \d+(?:{_SPACE}|-)?{_V}              # 1 ½, 1½, 1-½
    | \d+(?:{_SPACE}|-)\d+[/⁄]\d+         # 1 1/2, 1-1/2
    | \d+[/⁄]\d+                          # 3/4
    | {_V}                                # ½
    | \d+,\d{{1,2}}(?!\d)                  # 1,5 (a decimal comma: 1,500 is a thousand and a half)
    | \d+(?:[.·]\d+)?                     # 2, 1.5, 2·5 (a decimal point as The Lancet sets it)
    | \.\d+                               # .5
)"""
# The units in words in English and in the languages of Europe's pages: millimeter, millimetre,
# milímetro(s), millimetro/millimetri, millimètre(s), Millimeter(n); centimeter, centímetro(s), centimetri,
# centimètre(s), Zentimeter(n) ("von 3 Zentimetern"); inches, pulgadas, polegadas, pollici, pouces, Zoll.
_UNIT = r"""(?:
      (?P<mm>mms?(?!\s*hg)|mill?[ií]m[eèé]t(?:er|re|ro|ri)[sn]?)
    | (?P<cm>cms?|(?:c[eé]nt|zent)[ií]m[eèé]t(?:er|re|ro|ri)[sn]?)
    | (?P<inch>inch(?:es)?|ins|pulgadas?|polegadas?|pollic[ei]|pouces?|zoll)   # "3 ins", as British pages shorten it
)(?!\w)"""
# "in" is a unit after a number and a space only before ) . , the end, or a slash and a size ("0.8 in/2 cm"):
# never "2 in the colon", "1 in/20 patients"; glued to its number, before anything but a letter, a digit or a
# space and a number: "2.5in or smaller", "2in-wide" (not "1in 3 cases", a slip for "1 in 3").
_IN = (
    r"(?:(?P<in>in)(?=[).,]|/[ \t]*\d[\d.,]*[ \t]*(?:cm|mm)\b|$)"
    r"|(?<=[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])(?P<glued>in)(?![^\W_])(?![ \t]+\d))"
)
# Inch marks straight after a number: 1", 0.8″ (a '"' only where it does not close a quoted number).
_INCH_MARK = r"""(?P<mark>″|"(?!\w))"""
_NUMERIC = rf"""
    (?P<first>{_NUMBER})
    (?:(?:-?\s+(?:to|and|or)\s+|\s*[-–—]\s*)(?P<second>{_NUMBER}))?   # ranges: 1 to 2 cm, 1–2 cm, 1- to 2-cm
    (?:(?:\s{{0,2}}|-|\s+of\s+an?\s+){_UNIT}|{_SPACE}?{_IN}|{_INCH_MARK})   # "¾ of an inch" too
"""
# Spelled-out sizes: "two centimeters", "an inch", "one to two centimeters", "one and a half
# inches", "an inch and a half", "half an inch", "three-quarters of an inch", "a quarter-inch".
_ONES_TO_TWENTY = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
WHOLE_WORDS = {word: value for value, word in enumerate(_ONES_TO_TWENTY, start=1)} | {
    "thirty": 30, "forty": 40, "fifty": 50, "a": 1, "an": 1,
}  # fmt: skip
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                  "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
                  "twelfth": 12, "twelfths": 12, "sixteenth": 16,
                  "sixteenths": 16}  # fmt: skip
_WHOLE = "|".join(sorted((word for word in WHOLE_WORDS if len(word) > 2), key=len, reverse=True))
_FRACTION = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
# Units written out in full, or abbreviated after a number word ("two cm"; not "a cm": see _spelled_out).
_UNIT_WORD = r"""(?:
      (?P<wmm>millimet(?:er|re)s?|mm(?!\s*hg))
    | (?P<wcm>centimet(?:er|re)s?|cm)
    | (?P<win>inch(?:es)?)
)(?!\w)"""
# "and a half", "and a quarter", "and three-quarters", "and two thirds" after a whole number of units.
_AND_A_PART = r"\s+and\s+(?:an?|one|two|three|five|seven)[-\s](?:half|quarters?|thirds?|eighths?)"
_PART = re.compile(r"(an?|one|two|three|five|seven)[-\s](half|quarters?|thirds?|eighths?)$", re.IGNORECASE)
_WORDS = rf"""(?<!-)(?<!‐)\b(?:                                 # not "twenty-one cm": read as "one cm"
      (?P<wfraction>(?:(?P<wtimes>an?|one|two|three|five|seven)[-\s])?(?P<wpart>{_FRACTION}))
        (?:\s+(?:of\s+)?an?\s+|[-\s])                    # half an inch, three-quarters of an inch, half-inch
    | (?:(?P<wfirst>{_WHOLE})\s+(?:to|or)\s+)?          # one to two centimeters
      (?P<wwhole>(?:(?:twenty|thirty|forty)-)?(?:{_WHOLE})  # twenty-five millimeters
        |an?)                                           # an inch (see _PART_OF)
      (?P<whalf>{_AND_A_PART})?(?:\s+|-)            # one and a half inches, one and a quarter inches
)
{_UNIT_WORD}
(?P<whalf_after>{_AND_A_PART}(?!\w))?               # an inch and a half, an inch and three-quarters
"""
_NUMERIC_MENTION = re.compile(_NUMERIC, re.IGNORECASE | re.VERBOSE)
_WORD_MENTION = re.compile(_WORDS, re.IGNORECASE | re.VERBOSE)
# A size in words needs one of these (lower-cased): the words' pattern, tried at every word, runs
# only on text that has one, or has "cm" or "mm" and a number word.
_UNIT_WORDS_IN = ("inch", "centimet", "millimet")
# Both are searched for in the lower-cased text: without re.IGNORECASE, three times faster.
_ABBREVIATIONS = re.compile(r"\b(?:cm|mm)\b")
_NUMBER_WORD = re.compile(rf"\b(?:{_WHOLE})\b")
_MIXED = re.compile(rf"(\d+)(?:(?:{_SPACE}|-)(\d+/\d+)|(?:{_SPACE}|-)?({_V}))")
_UNIT_MM = {"mm": Fraction(1), "cm": Fraction(10), "in": INCH_MM}


@dataclass(frozen=True)
class SizeMention:
    """A size written in prose: `text[start:end] == raw` (number and unit), value exact in mm.

    In a range ("1 to 2 cm") the first number's mention spans only that number. Inches are
    `approximate`: they are compared within 5%.
    """

    start: int
    end: int
    value_mm: Fraction
    unit: str
    approximate: bool
    raw: str
    range_end: bool = False  # the second number of a range written in figures ("30 to 44 mm")


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _mixed_number(match: re.Match[str]) -> bool:
    """Whether a numeric range is a whole number "and" a fraction under one: "1 and 1/4 inches"."""
    first, second = match.group("first"), match.group("second")
    if not first.isdigit() or not ("/" in second or "⁄" in second or second in _VULGAR):
        return False
    if not _AND.fullmatch(match.string, match.end("first"), match.start("second")):
        return False
    value = _parse_number(second)
    return value is not None and value < 1


@lru_cache(maxsize=4096)
def _millimetres(number: str, unit: str) -> Fraction | None:
    """A number as written ("2", "1.5", "¾") in a unit, in millimetres; None for a fraction over zero.

    Worked out once per distinct number and unit: Fraction arithmetic is slow, and prose repeats a
    few sizes.
    """
    try:
        value = _parse_number(number)
    except ValueError:  # more digits than Python reads (sys.int_info): no size anyone means
        return None
    return None if value is None else value * _UNIT_MM[unit]


def _parse_number(text: str) -> Fraction | None:
    """The exact value of a number matched by _NUMBER, or None for a fraction over zero."""
    text = text.replace("⁄", "/")
    whole = Fraction(0)
    mixed = _MIXED.fullmatch(text)
    if mixed:
        whole, text = Fraction(int(mixed.group(1))), mixed.group(2) or mixed.group(3)
    if text in _VULGAR:
        return whole + _VULGAR[text]
    if "/" in text:
        numerator, denominator = text.split("/")
        return None if int(denominator) == 0 else whole + Fraction(int(numerator), int(denominator))
    return whole + Fraction(text.replace(",", ".").replace("·", "."))  # a decimal string is read exactly


def find_size_mentions(text: str) -> list[SizeMention]:
    """Every size stated in `text`, in order; numbers without a length unit are not sizes."""
    mentions: list[SizeMention] = []
    numeric: list[tuple[int, int]] = []
    for match in _NUMERIC_MENTION.finditer(text):
        if match.group("mark") == '"' and text[match.start() - 1 : match.start()] in ('"', "“"):
            continue  # a quoted number ('stage "2"'), not inches
        numeric.append(match.span())
        unit = next(name for name in ("mm", "cm", "inch", "in", "glued", "mark") if match.group(name))
        unit = "in" if unit in ("inch", "mark", "glued") else unit
        values = [(match.start(name), match.end(name), _millimetres(match.group(name), unit))
                  for name in ("first", "second") if match.group(name)]  # fmt: skip
        if len(values) == 2 and _mixed_number(match):  # "1 and 1/4 inches": one size, 1¼ inches
            values = [(match.start("first"), match.end(), _millimetres(f"{match['first']} {match['second']}", unit))]
        for index, (start, end, value_mm) in enumerate(values):
            if value_mm is None:
                continue
            # The last number carries the unit, so its mention runs to the end of the unit.
            stop = match.end() if index == len(values) - 1 else end
            ranged = index == 1
            mentions.append(SizeMention(start, stop, value_mm, unit, unit == "in", text[start:stop], ranged))
    lowered = text.lower()
    if any(unit in lowered for unit in _UNIT_WORDS_IN) or (
        ("cm" in lowered or "mm" in lowered) and _ABBREVIATIONS.search(lowered) and _NUMBER_WORD.search(lowered)
    ):
        found = len(mentions)
        taken = Spans(merged(numeric))  # (a look-up each: linear in a text of many sizes)
        for match in _WORD_MENTION.finditer(text):
            # "¾ of an inch" is a number's: its "an inch" is not a size of its own.
            if not taken.overlaps(match.start(), match.end()):
                mentions.extend(_spelled_out(match))
        if len(mentions) > found and found:
            mentions.sort(key=lambda mention: mention.start)
    # A range with its unit on both ends ("10 mm to 29 mm", "between 1 cm and 2.9 cm"): its second size ends it.
    for index in range(1, len(mentions)):
        previous, mention = mentions[index - 1], mentions[index]
        if not mention.range_end and _RANGE_ENDS.fullmatch(text, previous.end, mention.start):
            mentions[index] = dataclasses.replace(mention, range_end=True)
    return mentions


# Between the two sizes of a range, each with its unit: "to", "and", "up to", a dash.
_RANGE_ENDS = re.compile(r"[ \t]*(?:(?:-[ \t]*)?(?:(?:up[ \t]+)?to|and)|-|–|—)[ \t]*", re.IGNORECASE)


# A part of a unit before "a" or "an": "a tenth of a millimeter" is not a millimeter (but "tumors of an
# inch or smaller" is an inch).
_PART_OF = re.compile(
    r"\b(?:fractions?|parts?|bits?|tenths?|hundredths?|thousandths?|fifths?|sixths?|sevenths?|ninths?)\s+of\s+$",
    re.IGNORECASE,
)


_WHOLE_AND = re.compile(r"(?<![\w.,/])(\d{1,3})\s+and\s+$", re.IGNORECASE)


def _spelled_out(match: re.Match[str]) -> list[SizeMention]:
    """The sizes of a match of _WORDS: the first number of a range alone, then the whole phrase."""
    unit = next(name for name in ("mm", "cm", "in") if match.group("w" + name))
    article = (match.group("wwhole") or "").lower() in ("a", "an")
    if article and _PART_OF.search(match.string, max(0, match.start("wwhole") - 20), match.start("wwhole")):
        return []
    if len(match.group("w" + unit)) == 2 and (match.group("wpart") or article):
        return []  # "half a cm", "a mm": an abbreviation follows a number word or nothing ("a cm" is not written)
    scale = _UNIT_MM[unit]
    found: list[SizeMention] = []
    first = match.group("wfirst")
    if first is not None:
        value = WHOLE_WORDS[first.lower()] * scale
        found.append(SizeMention(match.start("wfirst"), match.end("wfirst"), value, unit, unit == "in", first))
    if match.group("wpart") is not None:
        times = match.group("wtimes")
        count = WHOLE_WORDS[times.lower()] if times else 1
        amount = Fraction(count, FRACTION_WORDS[match.group("wpart").lower()])
        # "a half-inch margin": the article is not part of the size.
        start = match.start("wpart") if times and times.lower() in ("a", "an") else match.start("wfraction")
        whole = _WHOLE_AND.search(match.string, max(0, match.start("wfraction") - 16), match.start("wfraction"))
        if whole is not None:  # "1 and a half inches": one size, 1½ inches
            amount += int(whole.group(1))
            start = whole.start(1)
    else:
        amount = Fraction(sum(WHOLE_WORDS[word] for word in match.group("wwhole").lower().split("-")))
        part = _PART.search(match.group("whalf") or match.group("whalf_after") or "")
        if part:  # "and a half", "and three-quarters"
            amount += Fraction(WHOLE_WORDS[part[1].lower()], FRACTION_WORDS[part[2].lower()])
        elif amount == 1 and match.group("w" + unit).lower().endswith("s"):
            return found  # "one inches": not a size anyone writes
        start = match.start("wwhole")
    found.append(SizeMention(start, match.end(), amount * scale, unit, unit == "in", match.string[start : match.end()]))
    return found


# Comparatives that put the tumors above or below a size, before it ("larger than") or after it ("or larger").
_LARGER = "larger|bigger|greater|more|wider|longer|thicker|deeper"
_SMALLER = "smaller|less|shorter|narrower|thinner|shallower"

# Words that say which side of a size the tumors are on: before it ("larger than 2 cm", "up to 2 cm",
# "no more than 2 cm") or after it ("2 cm or larger"). "Lower": the size is where the tumors start.
# (Thickness and depth too: a melanoma's Breslow depth, "thicker than 0.8 mm"; and the signs "> 1 cm", "≤ 2 cm".)
_BEFORE = re.compile(
    r"(?P<negated>(?:\b(?:no|not|never|none)|n['’]t)\s+)?"  # "not over 2 cm", "none larger than 2 cm"
    r"(?P<equal_or>\b(?:equal\s+to|at)\s+or\s+)?"  # "equal to or less than 2 cm", "at or above 2 cm"
    rf"(?:\b(?:(?P<above>{_LARGER})|(?P<below>{_SMALLER}))"
    r"(?:\s+than(?P<or_equal>\s+or\s+equal\s+to)?|(?P<or_equal_to>\s+or\s+equal\s+to))"  # "greater or equal to"
    r"|\b(?:(?P<above_word>over|above|exceed(?:s|ing)?|in\s+excess\s+of|beyond)|(?P<at_least>at\s+least|a\s+minimum\s+of))"
    r"|\b(?:(?P<below_word>under|below|up\s+to\s+but\s+not\s+including)"
    r"|(?P<up_to>up\s+to(?:\s+and\s+including)?|at\s+most|a\s+maximum\s+of))"
    r"|(?P<above_sign>>|(?P<at_least_sign>>=|≥|⩾))"
    r"|(?P<below_sign><|(?P<up_to_sign><=|≤|⩽)))"
    r"(?:\s+(?:about|around|roughly|approximately))?\s*$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    # "2 cm or larger"; "0.8 mm thick or thinner", "2 cm across or more", "2 cm in diameter or larger"
    r"^\s*(?:(?:thick|deep|wide|long|across|in\s+(?:size|diameter|width|length))\s+)?"
    rf"(?:\(?(?:or|and)\s+(?:(?P<above>{_LARGER}|up(?:wards?)?|over|above)"  # "(or larger)", "and upwards"
    rf"|(?P<below>{_SMALLER}|under|below))\b"
    # "5 mm at most", "2 cm at the least" (not "2 cm at most hospitals": only before a stop or a verb)
    r"|\(?at\s+(?:the\s+)?(?:(?P<least>least)|most)(?=\s*(?:[^\w\s]|$)|\s+(?:usually|often|generally|typically"
    r"|normally|mostly|may|might|can|could|will|would|should|must|are|is|need|needs|tend|pass|do|does|and|or)\b))"
    # "polyps 20mm+": and larger (a "+" right after the unit, not "2 cm + 1 cm")
    r"|(?P<plus>\+)(?![ \t]*\.?\d)",
    re.IGNORECASE,
)


# The same words in Spanish, French, German, Italian and Portuguese: "más de 2 cm", "moins de 2 cm",
# "kleiner als 2 cm", "fino a 2 cm", "pelo menos 2 cm"; "2 cm o más", "2 cm ou moins", "2 cm oder größer".
_BEFORE_OTHER = re.compile(
    r"(?P<negated>\b(?:no|pas|nicht|non|não)\s+)?(?:"
    r"(?P<above>\b(?:m[aá]s(?:\s+grandes?)?\s+(?:de|que)|mayor(?:es)?\s+(?:de|que)|superior(?:es)?\s+a|plus\s+de"
    r"|sup[ée]rieure?s?\s+[àa]|mehr\s+als|gr[öo](?:ß|ss)er\s+als|[üu]ber|pi[uù](?:\s+grand[ei])?\s+di"
    r"|maggior[ei]\s+di|superior[ei]\s+a|oltre|mais\s+de|acima\s+de|maior(?:es)?\s+(?:do\s+)?que))"
    r"|(?P<at_least>\b(?:al\s+menos|como\s+m[ií]nimo|mayor(?:es)?\s+o\s+igual(?:es)?\s+(?:a|que)|igual(?:es)?\s+o\s+mayor(?:es)?\s+(?:a|que)"
    r"|igual(?:es)?\s+o\s+superior(?:es)?\s+a|[ée]ga(?:le?s?|ux)\s+ou\s+sup[ée]rieure?s?\s+[àa]"
    r"|(?:pari|ugual[ei])\s+o\s+superior[ei]\s+a|igua(?:l|is)\s+ou\s+superior(?:es)?\s+a"
    r"|sup[ée]rieure?s?\s+ou\s+[ée]ga(?:le?s?|ux)\s+[àa]|gr[öo](?:ß|ss)er\s+(?:als\s+)?oder\s+gleich|maggior[ei]\s+o\s+ugual[ei]\s+a"
    r"|maior(?:es)?\s+ou\s+igua(?:l|is)\s+a|au\s+moins|au\s+minimum|[àa]\s+partir\s+de|mindestens|ab"
    r"|almeno|a\s+partire\s+da|pelo\s+menos|no\s+m[ií]nimo|a\s+partir\s+de))"
    r"|(?P<below>\b(?:menos\s+de|menor(?:es)?\s+(?:de|que)|inferior(?:es)?\s+a|moins\s+de|inf[ée]rieure?s?\s+[àa]"
    r"|weniger\s+als|kleiner\s+als|unter|meno\s+di|minor[ei]\s+di|inferior[ei]\s+a|pi[uù]\s+piccol[oi]\s+di"
    r"|abaixo\s+de|menor(?:es)?\s+(?:do\s+)?que))"
    r"|(?P<up_to>\b(?:menor(?:es)?\s+o\s+igual(?:es)?\s+(?:a|que)|igual(?:es)?\s+o\s+menor(?:es)?\s+(?:a|que)"
    r"|igual(?:es)?\s+o\s+inferior(?:es)?\s+a|[ée]ga(?:le?s?|ux)\s+ou\s+inf[ée]rieure?s?\s+[àa]"
    r"|(?:pari|ugual[ei])\s+o\s+inferior[ei]\s+a|igua(?:l|is)\s+ou\s+inferior(?:es)?\s+a"
    r"|inf[ée]rieure?s?\s+ou\s+[ée]ga(?:le?s?|ux)\s+[àa]|kleiner\s+(?:als\s+)?oder\s+gleich|minor[ei]\s+o\s+ugual[ei]\s+a"
    r"|menor(?:es)?\s+ou\s+igua(?:l|is)\s+a|hasta|como\s+m[aá]ximo|jusqu['’][àa]|au\s+maximum|au\s+plus|bis(?:\s+zu)?|h[öo]chstens|maximal"
    r"|fino\s+a|al\s+massimo|at[ée]|no\s+m[aá]ximo)))"
    r"(?:\s+(?:unos|unas|environ|etwa|circa|cerca\s+de|aproximadamente|ungef[äa]hr))?\s*$",
    re.IGNORECASE,
)
_AFTER_OTHER = re.compile(
    r"^\s*\(?(?:(?:o|ou|oder|und|y|et|e)\s+(?:"
    r"(?P<above>m[aá]s|mayor(?:es)?|plus(?:\s+grande?s?)?|mehr|gr[öo](?:ß|ss)er|pi[uù]|maggiore|mais|maior(?:es)?)"
    r"|(?P<below>menos|menor(?:es)?|moins|plus\s+petite?s?|weniger|kleiner|meno|minore))"
    # "7 cm en adelante", "7 cm y en adelante", "7 cm em diante", "7 cm in su": that size and up
    r"|(?P<onwards>(?:y\s+)?en\s+adelante|(?:e\s+)?em\s+diante|(?:e\s+)?in\s+su))(?!\w)",
    re.IGNORECASE,
)


# A size's aside in brackets, skipped to read the words after the size: "2 cm (about 0.8 inch) or
# smaller"; or the bracket closing the aside the size is in: "(about 0.8 inch) or smaller".
_ASIDE_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)|\))")
# What joins the two numbers of a range: "1 to 2 cm", "1-2 cm", "1- to 2-cm".
# "1- to 2-cm" too (the spaces before "to" are read once: never two ways to split a run of them)
_RANGE_CONNECTOR = r"[ \t]*(?:(?:-[ \t]*)?(?:to|and|or)|-|–|—)[ \t]*"
# The first number of a range, as _NUMERIC reads one ("0.4 to 0.8 inch"): a connector, then a number.
_RANGE_NEXT = re.compile(_RANGE_CONNECTOR + "[0-9.½⅓⅔¼¾⅛]", re.IGNORECASE)
# What opens an aside just before a size: "2 cm (about 0.8 inch)"; in the languages of Europe's pages too:
# "(unas 0,8 pulgadas)", "(environ 0,8 pouce)", "(etwa 0,8 Zoll)", "(circa 0,8 pollici)", "(cerca de 0,8 polegada)".
_ASIDE_BEFORE = re.compile(
    r"\s*[(\[]\s*(?:(?:about|around|roughly|approximately|nearly|almost|or|that\s+is|i\.e\.,?"
    r"|unos|unas|aproximadamente|alrededor\s+de|cerca\s+de|environ|à\s+peu\s+près|soit"
    r"|etwa|ungefähr|rund|circa|uns|umas)\s+|(?:ca\.|aprox\.|approx\.|~|≈)\s*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatedBound:
    """What the words around a size say of it: the side the tumors are on, whether tumors of exactly
    that size are in ("2 cm or smaller", "at least 2 cm") or out ("smaller than 2 cm", "over 2 cm"),
    and whether the size restates the one before it in brackets ("2 cm (0.8 inch)")."""

    side: str  # "lower" or "upper"
    inclusive: bool
    restated: bool
    start: int  # where the words and the size start in the text ("larger than 2 cm", "2 cm or more")
    end: int  # and end


def stated_bound(text: str, mention: SizeMention, previous: SizeMention | None = None) -> StatedBound | None:
    """The side and inclusion the words around ``mention`` state, or None when they say neither.

    The side is "lower" when the size is where the tumors start ("larger than 2 cm", "2 cm or more"),
    "upper" where they end ("up to 2 cm", "no more than 2 cm"). A size in brackets right after
    ``previous`` (the size mentioned before it) restates that one, and takes the words before it:
    "larger than 2 cm (0.8 inch)".
    """
    start = mention.start
    restated = False
    if previous is not None and _restates(text, previous, mention) and not _RANGE_NEXT.match(text, mention.end):
        # (A range in the brackets restates the range before them, not the size just before its
        # first number: "from 1 cm up to 2 cm (about 0.4 to 0.8 inch)"; its own words tell.)
        start = previous.start
        restated = True
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        other = _BEFORE_OTHER.search(text, max(0, start - 40), start)
        if other is not None:
            above = bool(other.group("above") or other.group("at_least"))
            inclusive = bool(other.group("at_least") or other.group("up_to"))
            if other.group("negated"):  # "no más de 2 cm" is "2 cm or smaller"
                above, inclusive = not above, not inclusive
            return StatedBound("lower" if above else "upper", inclusive, restated, other.start(), mention.end)
    if before is not None:
        above = any(before.group(name) for name in ("above", "above_word", "at_least", "above_sign"))
        # "larger than or equal to", "at least", "up to", "at most", "≥", "<=": the size itself is in
        inclusive = any(
            before.group(name)
            for name in ("or_equal", "or_equal_to", "equal_or", "at_least", "up_to", "at_least_sign", "up_to_sign")
        )
        if before.group("negated"):  # "not larger than 2 cm" is "2 cm or smaller"; "not at least" is "under"
            above, inclusive = not above, not inclusive
        phrase_start = before.start()
        while phrase_start > 0 and text[phrase_start - 1].isalpha():  # "aren't larger than 2 cm": all of "aren't"
            phrase_start -= 1
        return StatedBound("lower" if above else "upper", inclusive, restated, phrase_start, mention.end)
    end = mention.end
    after = _after(text[end : end + 30])  # "2 cm (or larger)" says it in brackets
    if after is None:
        aside = _ASIDE_AFTER.match(text, end)  # "2 cm (0.8 inch) or larger" past them
        if aside is not None:
            end = aside.end()
            after = _after(text[end : end + 30])
    if after is not None:  # "2 cm or larger", "2 cm and up": the size itself is in
        named = after.groupdict()
        lower = bool(named["above"] or named.get("least") or named.get("plus") or named.get("onwards"))
        return StatedBound("lower" if lower else "upper", True, restated, start, end + after.end())
    return None


def _after(following: str) -> re.Match[str] | None:
    """The words after a size that give its side ("or larger"; "o más", "ou moins", "oder größer")."""
    return _AFTER.match(following) or _AFTER_OTHER.match(following)


# Words that make a size's side a contrast, an exception or a negation, not what the text is about:
# "unless the tumor is larger than 2 cm", "not for tumors over 2 cm", "no tumor larger than 2 cm",
# "tumors over 2 cm need a bigger operation".
_CONTRAST = re.compile(
    r"\b(?:unless|except|not|no|none|never|nor|without|instead|rather\s+than|other\s+than)\b|n['’]t\b"
    # and in the languages of Europe's pages: "salvo que", "sauf si", "außer wenn", "tranne", "sin", "ohne"
    r"|\b(?:salvo|excepto|sauf|sans|au[ßs]er|ohne|tranne|senza|exceto|sem|sin|[àa]\s+moins\s+que|a\s+menos\s+que"
    r"|es\s+sei\s+denn|kein(?:e|en|er)?|nicht|pas|jam[aá]is|nunca|nie)\b"
    r"|\b(?:needs?|needed|requires?|required)\s+(?:an?\s+|the\s+)?"
    r"(?:bigger|larger|more|other|different|another|further|wider|extra)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;:!?\n]")


def contrasted(text: str, stated: StatedBound) -> bool:
    """Whether the sentence (or clause, up to ; or :) holding a size's words has contrasting words
    besides them (their own "no" in "no larger than" is what they say): a size stated there on the
    other side of a bound is the exception, not the text contradicting the size."""
    # (Within 300 characters either way: a sentence is shorter, and a text with a size at every
    # step must not be scanned from its start for each.)
    window = max(0, stated.start - 300)
    start = max((match.end() for match in _SENTENCE_END.finditer(text, window, stated.start)), default=window)
    following = _SENTENCE_END.search(text, stated.end, stated.end + 300)
    end = following.start() if following is not None else min(len(text), stated.end + 300)
    return (
        _CONTRAST.search(text, start, stated.start) is not None or _CONTRAST.search(text, stated.end, end) is not None
    )


# Tissue around a tumor: "1 cm of normal tissue", "of healthy lung".
_HEALTHY = (
    r"(?:normal|healthy|surrounding|clear|cancer-free|non-?cancerous|unaffected|extra|more|additional)"
    r"(?:-(?:looking|appearing))?[ \t]+[^\W\d_]+"  # "1 cm of normal-looking skin"
)
# Sizes an indication states that are not the tumor's: a margin ("a 5-mm margin", "1 cm of normal
# tissue"; "a margin of 1 cm" below), a cut ("a 3-cm cut"), a distance ("within 8 cm of the anal
# opening", "5 cm from the anus"), a side of a tumor's dimensions ("2 x 1.5 cm").
# What is not a tumor but has a size in an indication: a margin, a cut or a way in ("a 5 mm nick", "a
# keyhole about 1 cm wide"), an instrument ("a 15 cm needle", "the probe is about 2 mm wide"), what an
# ablation makes ("an ablation zone of 5 cm", "a burn about 4 cm across").
_NOT_TUMOR = (
    r"(?:margins?|cuts?|incisions?|scars?|borders?|rims?|nicks?|keyholes?|holes?|openings?|ports?|punctures?"
    r"|needles?|probes?|tubes?|catheters?|[a-z]{0,12}scopes?|cameras?|instruments?|wires?|electrodes?|applicators?"
    r"|antennas?|stents?|burns?|zones?|loops?|snares?|nodes?|sheaths?|fib(?:re|er)s?|lasers?|drains?"
    # what a treatment leaves of a stone, and how finely a scan looks: "no pieces larger than 4 mm",
    # "fragments under 2 mm pass", "5 mm slices"
    r"|fragments?|pieces?|slices?|sections?"
    # what the operation leaves or uses: "a clearance of 4 mm", "a 2 to 4 mm ring of skin", "if the wound
    # is bigger than 3 cm", "the skin graft is about 5 cm across"
    r"|clearances?|rings?|wounds?|grafts?|flaps?"
    # a biopsy's punch: "a 4 mm punch biopsy"
    r"|punch(?:es)?|biops(?:y|ies))"
)
# Up to two words that describe the thing after the size: "a 1 cm clear margin", "a 1-cm tumor-free
# margin", "a 5 to 10 mm ablative margin", "a 5 mm skin nick"; not a tumor ("a 2 cm tumor ... cut"),
# a joining or linking word ("2 cm or larger, through a cut"), nor a verb's form ("2 cm treated by needle").
_DESCRIBING = (
    r"(?:(?!(?:tumou?rs?|lesions?|nodules?|polyps?|masses|mass|cancers?|growths?|or|and|but|nor|to|than|with"
    r"|without|by|via|using|through|in|into|on|at|of|from|for|is|are|was|were|be|can|may|will|needs?|the|a|an"
    r"|its|their|your)(?![\w'’-]))(?![\w'’-]{0,60}?(?:ed|ing)(?![\w'’-]))"
    # a word, its parts joined by hyphens ("tumor-free"), then a space: one way to read any text, and
    # bounded, so that a hostile run of letters and hyphens cannot make the search take for ever
    r"[^\W\d_][\w'’]{0,30}(?:-[\w'’]{1,30}){0,3}[ \t]+){0,2}"
)
_INCIDENTAL_AFTER = re.compile(
    # (past an aside in brackets, or the end of the one the size is in: "a 1 cm (10 mm) cut")
    rf"(?:[ \t]*\([^()]{{0,40}}\)|[ \t]*\))?[ \t-]*{_DESCRIBING}{_NOT_TUMOR}\b"
    # "1 cm of normal tissue", "of healthy lung"; a stretch of an organ: "about 2 cm of the main airway"
    rf"|[ \t]+(?:of[ \t]+(?:{_HEALTHY}|the|your|skin|tissue|fat)"
    # how far on each side: "1 cm either side of the scar", "1 cm on each side", "1 cm all around it"
    r"|(?:on[ \t]+)?(?:either|each|every|both)[ \t]+sides?[ \t]+of|all[ \t]+(?:the[ \t]+way[ \t]+)?(?:a)?round"
    r"|(?:or[ \t]+(?:less|more|closer|farther|further)[ \t]+)?"
    r"(?:(?:away[ \t]+)?from|above|below|up[ \t]+from|beyond|past|outside|around|into))\b"
    r"|[ \t]*[x×][ \t]*\d"
    # how much a size changed, and how fast: "a 3 mm increase", "3 mm of growth", "2 mm a year" (not
    # "a 2 cm growth": that is one)
    r"|[ \t-]+(?:increases?|changes?|shrinkage|reductions?|enlargements?)\b|[ \t]+of[ \t]+(?:growth|shrinkage)\b"
    r"|[ \t]+(?:a|per|each|every)[ \t]+(?:year|month|week)\b",
    re.IGNORECASE,
)
# Before a distance or a stretch of an organ, with "of" after the size: "within 8 cm of the anal
# opening", "in the lower 8 cm of the rectum", "the last 10 cm of the colon".
_WITHIN = re.compile(
    r"\b(?:within|lower|lowest|upper|uppermost|bottom|top|first|last|final)[ \t]+(?:about[ \t]+)?$", re.IGNORECASE
)
_OF = re.compile(r"[ \t]+of\b", re.IGNORECASE)
# A margin or a cut named before its size: "a margin of 1 cm", "margins of at least 2 mm", "a margin
# under 2 mm", "a cut of about 6 to 8 cm", "(margin: 1 cm)" (only words that say how much between them).
_INCIDENTAL_BEFORE = re.compile(
    # a margin, a cut, a lymph node ("nodes larger than 1 cm": not the tumor's size either), cells found in
    # one ("clusters of cancer cells (larger than 0.2 mm"), how deep a tumor has grown ("invasion of 1 mm")
    rf"\b(?:{_NOT_TUMOR}|clusters?|cells?|invasion)[:,]?"
    r"(?:[ \t]*\([^()]{0,20}\))?"  # "a wire loop (snare) about 2.5 cm wide"
    rf"(?:[ \t]+of[ \t]+{_HEALTHY}|[ \t]+of(?:[ \t]+[^\W\d_]+){{1,2}})?"  # "of healthy lung", "of dead tissue"
    r"[ \t]*\(?"  # "cuts (each about 1 cm)", "lymph nodes (over 1 cm)"
    r"(?:[ \t]*(?:of|is|are|be|should|must|will|would|can|that|measuring|measures?|used|each|at|least|most|about"
    r"|around|roughly|approximately|nearly|almost|under|over|below|above|less|more|than|up|to|no|not|only|just"
    r"|some|a|an|the|usually|often|typically|generally|ideally|larger|smaller|bigger|greater|wider|longer"
    r"|shorter))*(?:[ \t]+|(?<=\())$"  # "a sheath (8 mm)"
    # a distance: "closer than 2 cm to the carina"
    r"|\b(?:closer|nearer|farther|further)[ \t]+than(?:[ \t]+(?:about|around|roughly|approximately))?[ \t]+$"
    # how much a tumor grew or shrank (active surveillance): "grows by 3 mm or more", "has grown 3 mm",
    # "an increase in size of 3 mm", "shrinks them by 1 cm" (not "grown to 3 cm", "grown larger than 4 cm":
    # the size it reached is the tumor's)
    # (by or of before "up to": "growing up to 3 cm" is the size it reached)
    r"|\b(?P<growth>grows?|grew|grown|growing|increas(?:e|es|ed|ing)|shr(?:inks?|ank|unk|inking)"
    r"|enlarg(?:e|es|ed|ing)|reduc(?:es|ed|ing)|swell(?:s|ed|ing)?|swollen)"
    r"(?:[ \t]+(?:in[ \t]+(?:size|diameter)|it|them|the[ \t]+tumou?rs?))?"
    r"(?:[ \t]+(?:by|of)(?:[ \t]+(?:at[ \t]+least|more[ \t]+than|less[ \t]+than|over|under|about|around|roughly"
    r"|only|just|up[ \t]+to))?|[ \t]+(?:by[ \t]+)?(?:more|less)[ \t]+than)?[ \t]+$"  # "grew more than 2 mm": an amount
    # what is normal, to compare with: "(a normal aorta is about 2 cm)", "twice the normal width of 2.5 cm",
    # "normally measures up to 2 cm"
    # (what is normal is not the tumor: "a normal tumor is 3 cm" is no comparison)
    r"|\b(?:normal(?:[ \t]+(?!(?:tumou?rs?|lesions?|nodules?|polyps?|masses|mass|cancers?|growths?|stones?)\b)"
    r"[^\W\d_]{1,30}){0,3}?[ \t]+(?:is|are|of|measures?|measuring)|normally[ \t]+measures?)"
    r"(?:[ \t]+(?:about|around|roughly|approximately|up[ \t]+to|less[ \t]+than|under|no[ \t]+more[ \t]+than))*[ \t]+$"
    # a growth rate: "a growth rate under 2 mm", "a growth rate of about 1 mm"
    r"|\bgrowth[ \t]+rates?(?:[ \t]+(?:of|under|below|over|above|less|more|than|about|around|at|least|most))*[ \t]+$",
    re.IGNORECASE,
)
# A margin named before its size in the languages of Europe's pages: "un margen de 2 cm o más", "une marge
# d'au moins 1 cm", "ein Sicherheitsabstand von 1 cm", "un margine di 5 mm".
_MARGIN_BEFORE_OTHER = re.compile(
    r"\b(?:m[aá]rgen(?:es)?|marges?|margin[ei]|marge[mn]s?|(?:Sicherheits|Resektions)?(?:abstand|rand))"
    r"(?:[ \t]+(?:de|d['’]|di|von|do|da|mínimo|minimo|libre|sano|sain|sicuro))*"
    r"(?:[ \t]*(?:al[ \t]+menos|au[ \t]+moins|mindestens|almeno|pelo[ \t]+menos|de|d['’]|di|von))*[ \t]*$",
    re.IGNORECASE,
)
# How far away, in the languages of Europe's pages: "a menos de 8 cm del margen anal", "a più di 5 cm dal
# cardias", "à moins de 5 cm de l'anus", "a menos de 5 cm da margem anal" ("at" a distance: not a size).
_DISTANCE_BEFORE_OTHER = re.compile(
    r"(?<!\w)[aà][ \t]+(?:m[aá]s|menos|pi[uù]|meno|plus|moins|mais)[ \t]+(?:de|di|d['’])[ \t]*$", re.IGNORECASE
)
_TIMES_BEFORE = re.compile(r"(?:\d|\b(?:cm|mm))[ \t]*(?:[x×]|by)[ \t]*$")  # "2 x 1.5 cm", "2 cm by 1.5 cm"
_RANGE_BETWEEN = re.compile(_RANGE_CONNECTOR, re.IGNORECASE)


def incidental(text: str, mentions: list[SizeMention], deep: set[int] | None = None) -> set[int]:
    """The positions in ``mentions`` (of ``text``) of sizes that are not the tumor's: a margin, a cut, a
    distance or one side of a tumor's dimensions. The two numbers of a range go together. ``deep``: the
    :func:`grown_into` positions, when the caller has them (never incidental: a thickness)."""
    found: set[int] = set()
    if deep is None:
        deep = grown_into(text, mentions)
    for index, mention in enumerate(mentions):
        start, end = mention.start, mention.end
        previous = mentions[index - 1] if index else None
        if previous is not None and index - 1 in found and _restates(text, previous, mention):
            found.add(index)  # "within 5 cm (about 2 inches) of the anus": the inches are the distance too
            continue
        # What follows the size, or follows its aside: "5 cm (about 2 inches) of the anus".
        aside = _ASIDE_AFTER.match(text, end)
        ends = (end, aside.end()) if aside is not None else (end,)
        if index in deep:
            continue  # "has grown more than 1 mm into the skin": how deep it is, the tumor's own measure
        if (
            any(_INCIDENTAL_AFTER.match(text, after) for after in ends)
            or (_WITHIN.search(text, max(0, start - 20), start) and any(_OF.match(text, after) for after in ends))
            or _TIMES_BEFORE.search(text, max(0, start - 12), start)
        ):
            found.add(index)
            previous = mentions[index - 1] if index else None
            if previous is not None and _RANGE_BETWEEN.fullmatch(text, previous.end, start):
                found.add(index - 1)
        elif (
            (
                _INCIDENTAL_BEFORE.search(text, max(0, start - 80), start)
                or _MARGIN_BEFORE_OTHER.search(text, max(0, start - 60), start)
                or _DISTANCE_BEFORE_OTHER.search(text, max(0, start - 40), start)
            )
            and index not in found
        ) or (previous is not None and index - 1 in found and _in_same_brackets(text, previous, mention)):
            found.add(index)
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if following is not None and _RANGE_BETWEEN.fullmatch(text, end, following.start):
                found.add(index + 1)
    return found


# Into a tissue after a size that grew: how deep a tumor has grown, which is its thickness ("has grown more
# than 1 mm into the skin", "grown 2 mm deep into the wall"), not an amount of growth.
_INTO = re.compile(r"[ \t]+(?:deep[ \t]+)?into\b", re.IGNORECASE)


def grown_into(text: str, mentions: list[SizeMention]) -> set[int]:
    """The positions in ``mentions`` of how deep a tumor grew into a tissue ("grown more than 1 mm into the
    skin"): a thickness (see :func:`thicknesses`, which holds them too)."""
    found: set[int] = set()
    if "nto" not in text and "NTO" not in text:  # no "into": the usual case, decided at once
        return found
    for index, mention in enumerate(mentions):
        aside = _ASIDE_AFTER.match(text, mention.end)
        ends = (mention.end, aside.end()) if aside is not None else (mention.end,)
        if _grown_into(text, mention.start, ends):
            found.add(index)
    return found


def _grown_into(text: str, start: int, ends: tuple[int, ...]) -> bool:
    """Whether the size at ``start`` is how deep a tumor grew into a tissue: a growth before it, "into" after."""
    if not any(_INTO.match(text, after) for after in ends):
        return False
    before = _INCIDENTAL_BEFORE.search(text, max(0, start - 80), start)
    return before is not None and before.group("growth") is not None


# How thick or deep, not how wide: a melanoma "1.01 to 2.0 mm thick", "less than 6 mm deep", "a Breslow
# thickness of 1.5 mm", "thicker than 2 mm".
_THICKNESS_AFTER = re.compile(r"[ \t-]+(?:thick|deep)\b", re.IGNORECASE)
_THICKNESS_BEFORE = re.compile(
    r"\b(?:thickness|thicker|thinner|deeper|shallower|depth)(?:[ \t]+(?:of|invasion|is|are|under|below|over"
    r"|above|less|more|than|about|around|at|least|most|up|to|no|not))*[ \t]+$",
    re.IGNORECASE,
)


def thicknesses(text: str, mentions: list[SizeMention], deep: set[int] | None = None) -> set[int]:
    """The positions in ``mentions`` of sizes that say how thick or deep something is (the two numbers of
    a range together). A melanoma's pathway may be by thickness (its structured size is that), so they are
    set aside only when another of the text's sizes is the structured one's bound (see T006)."""
    found: set[int] = set()
    if deep is None:
        deep = grown_into(text, mentions)
    for index, mention in enumerate(mentions):
        after = _THICKNESS_AFTER.match(text, mention.end) is not None or index in deep
        if after or _THICKNESS_BEFORE.search(text, max(0, mention.start - 60), mention.start):
            found.add(index)
            if after and index and _RANGE_BETWEEN.fullmatch(text, mentions[index - 1].end, mention.start):
                found.add(index - 1)
            if not after and index + 1 < len(mentions):
                if _RANGE_BETWEEN.fullmatch(text, mention.end, mentions[index + 1].start):
                    found.add(index + 1)
    return found


def _restates(text: str, previous: SizeMention, mention: SizeMention) -> bool:
    """Whether ``mention`` is in brackets right after ``previous``, restating it ("1 cm (about ½ inch)")."""
    return _ASIDE_BEFORE.fullmatch(text, previous.end, mention.start) is not None


def converts(text: str, previous: SizeMention | None, mention: SizeMention) -> bool:
    """Whether ``mention`` is inches in brackets right after ``previous`` in centimetres or millimetres, or
    after the words for its side: its conversion for readers, in any language ("4 cm (3 pulgadas)", "2 cm o
    menos (unas 0,8 pulgadas)")."""
    if previous is None or not mention.approximate or previous.approximate:
        return False
    if _restates(text, previous, mention):
        return True
    side = _after(text[previous.end : previous.end + 30])
    return side is not None and _ASIDE_BEFORE.fullmatch(text, previous.end + side.end(), mention.start) is not None


# Between the two ends of a range whose words give each its side: "más de 2 cm y hasta 7 cm", "plus de 2 cm
# et jusqu'à 5 cm", "über 2 cm und bis 5 cm", "oltre 2 cm e fino a 5 cm" (a conjunction, a comma).
_SECOND_END = re.compile(r"[ \t]*,?[ \t]*(?:y|e|et|und|and)?[ \t]*(?:de[ \t]+|d['’])?", re.IGNORECASE)


def range_end_wrong(text: str, mentions: list[SizeMention], index: int, interval: Interval) -> bool:
    """Whether ``mentions[index]``, a size that is not a bound of ``interval``, is one end of a range whose
    other end is the interval's bound on the other side, its words giving it a side the interval has a bound
    on: the text states both ends, and this one wrong ("más de 2 cm y hasta 7 cm", "más de 3 cm y hasta 5 cm"
    beside `gt: 2, lte: 5`). Read in any language: no margin, cut or distance sits right beside a bound,
    joined by "and"."""
    if index and _wrong_end(text, mentions[index - 1], None, mentions[index], interval, wrong_first=False):
        return True
    if index + 1 < len(mentions):
        before = mentions[index - 1] if index else None
        return _wrong_end(text, mentions[index], before, mentions[index + 1], interval, wrong_first=True)
    return False


def _wrong_end(
    text: str,
    first: SizeMention,
    before_first: SizeMention | None,
    second: SizeMention,
    interval: Interval,
    *,
    wrong_first: bool,
) -> bool:
    """Whether ``first`` and ``second`` are the two ends of a range, on two sides, joined by a conjunction,
    the right one (the other than ``wrong_first`` says) the interval's bound on its side, the wrong one on
    a side the interval has a bound on."""
    first_said = stated_bound(text, first, before_first)
    second_said = stated_bound(text, second, first)
    if first_said is None or second_said is None or first_said.side == second_said.side:
        return False
    wrong_said, right, right_said = (
        (first_said, second, second_said) if wrong_first else (second_said, first, first_said)
    )
    if (interval.lower if wrong_said.side == "lower" else interval.upper) is None:
        return False
    if not matches_side(right, interval, right_said.side):
        return False
    return _SECOND_END.fullmatch(text, first_said.end, second_said.start) is not None


def _in_same_brackets(text: str, previous: SizeMention, mention: SizeMention) -> bool:
    """Whether both sizes are inside one pair of brackets: "(larger than 0.2 mm but not larger than 2 mm)".

    (An aside is short: the bracket is looked for within 200 characters, not back to the text's start
    for every size.)
    """
    opened = text.rfind("(", max(0, previous.start - 200), previous.start)
    return (
        opened >= 0
        and mention.start - opened <= 400
        and text.find(")", opened, mention.start) < 0
        and text.find(")", mention.end, mention.end + 200) >= 0
    )


# An aside that gives a size as a bound of its own, roughly: "2 cm (slightly less than an inch)",
# "3 cm (just over 1 inch)". It is right when the size before it is on the side it says.
_QUALIFIED_ASIDE = re.compile(
    r"\s*[(\[]\s*(?:(?:slightly|just|a\s+(?:little|bit))\s+)?"
    r"(?:(?P<less>less|under|below|smaller|almost|nearly|not\s+quite"
    r"|casi|presque|près\s+de|fast|knapp|quasi|quase)|(?P<more>more|over|above|larger|bigger))"  # "almost" elsewhere
    r"(?:\s+than)?\s*(?:an?\s+)?",  # "less than a quarter of an inch": the size is "quarter of an inch"
    re.IGNORECASE,
)


def qualified_aside(text: str, previous: SizeMention, mention: SizeMention) -> bool | None:
    """For a size in such an aside after ``previous``: whether the aside is right (True) or wrong (False);
    None when ``mention`` is no such aside."""
    aside = _QUALIFIED_ASIDE.fullmatch(text, previous.end, mention.start)
    if aside is None:
        return None
    if aside.group("less"):
        return previous.value_mm < mention.value_mm
    return previous.value_mm > mention.value_mm


def matches_side(mention: SizeMention, interval: Interval, side: str) -> bool:
    """True when the stated size is the interval's bound on ``side`` ("lower" or "upper")."""
    bound = interval.lower if side == "lower" else interval.upper
    if _just_past(mention, interval) if side == "lower" else _just_below(mention, interval):
        return True
    return bound is not None and _matches(mention.value_mm, mention.approximate, bound, None)


def matches_bound(mention: SizeMention, interval: Interval) -> bool:
    """True when the stated size is the interval's lower or upper bound.

    mm and cm must be equal exactly; inches within 5% of the bound ("0.8 inch" for 2 cm); a lower
    bound that leaves its size out may be written as the next hundredth of a millimetre, as staging
    tables write a melanoma's thickness: "1.01 to 2.0 mm" is `{gt: 1, lte: 2, unit: mm}`; and an upper
    bound that leaves its size out may end a range as the size a step of its last digit below it, as
    screening programmes write their bands: "30 to 44 mm" is `{gte: 30, lt: 45, unit: mm}`, "4.5 to
    5.4 cm" is `{gte: 4.5, lt: 5.5, unit: cm}`.
    """
    return (
        _matches(mention.value_mm, mention.approximate, interval.lower, interval.upper)
        or _just_past(mention, interval)
        or _just_below(mention, interval)
    )


_HUNDREDTHS = re.compile(r"\d+\.\d[1-9]")  # "1.01": two decimals, the next hundredth after a bound


def _just_past(mention: SizeMention, interval: Interval) -> bool:
    """Whether ``mention`` is "1.01 mm" beside a lower bound of 1 mm that leaves 1 mm out (AJCC's ">1.0")."""
    return (
        interval.lower is not None
        and not interval.lower_inclusive
        and mention.unit == "mm"
        and mention.value_mm == interval.lower + Fraction(1, 100)
        and _HUNDREDTHS.match(mention.raw) is not None
    )


_DIGITS = re.compile(r"\d+(?:[.,·](\d+))?")
_AFTER_DIGITS = frozenset(" \u00a0\u2009\u202fcm-")  # what may follow a plain number in a mention: its unit


def _just_below(mention: SizeMention, interval: Interval) -> bool:
    """Whether ``mention`` ends a range ("30 to 44 mm") a step of its last digit below an upper bound that
    leaves its size out (`lt: 45`): the band's last size as written, in millimetres or centimetres."""
    if not mention.range_end or interval.upper is None or interval.upper_inclusive or mention.unit == "in":
        return False
    written = _DIGITS.match(mention.raw)
    if written is None or (mention.raw[written.end() : written.end() + 1] or " ") not in _AFTER_DIGITS:
        return False  # a fraction ("1 1/2 cm", "1½ cm") has no last digit to step
    decimals = written.group(1) or ""
    if mention.unit == "cm" and not decimals:
        return False  # a step of a whole centimetre is no band's end: "1 to 2 cm" is not "under 3 cm"
    step = Fraction(1, 10 ** len(decimals)) * _UNIT_MM[mention.unit]
    return mention.value_mm + step == interval.upper


@lru_cache(maxsize=4096)
def _matches(value_mm: Fraction, approximate: bool, lower: Fraction | None, upper: Fraction | None) -> bool:
    bounds = [bound for bound in (lower, upper) if bound is not None]
    if approximate:
        return any(abs(value_mm - bound) <= abs(bound) * INCH_TOLERANCE for bound in bounds)
    return value_mm in bounds
