"""Checks that place a private person: house addresses, postcodes and vehicle registrations.

A house number and street, a full postcode or a car's registration can each lead to someone's front
door. The checks tell a resident's home from the organisation's own sites and public venues, and a
street where the work was done from a street a named person is put on ("Mrs Jones of Oak Close").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText, lower_runs
from ..people import NameMatch, cleared_names, find_names, is_cleared, is_place, sentence_bounds
from ..registry import Registration
from ..rules import OrgRules
from ..words import first_characters

ADDR = "PII-ADDR"
POSTCODE = "PII-POSTCODE"
VRM = "PII-VRM"

ADDR_REASON = (
    "This looks like someone's home address. Remove the house number and street: a resident's address "
    "must never be published. If it is one of the organisation's buildings, ask the comms team to add it "
    "to the list of sites."
)
ADDR_VENUE_REASON = (
    "This looks like the address of a public venue. Check that it is not someone's home; if it is one "
    "of the organisation's sites, ask the comms team to add it to the list."
)
ADDR_PERSON_REASON = (
    "This puts a person on a particular street or estate, which can be enough to identify them. Remove "
    'the street or estate name, or describe the area more broadly ("in the north of the borough").'
)
POSTCODE_REASON = (
    "This is a full postcode that is not one of the organisation's sites. A full postcode covers only a "
    "handful of homes: use the area or town instead, or ask the comms team to add the site to the list."
)
POSTCODE_PERSON_REASON = (
    "This postcode sits next to a person or a house number, so together they point to someone's home. "
    "Remove the postcode: use the area or town instead."
)
VRM_REASON = (
    "This looks like a vehicle registration number, which can be traced to its keeper. Remove it, or "
    "blur it in any photo, unless it is one of the organisation's own vehicles."
)

_STREET_SUFFIX = (
    r"(?:Street|Road|Lane|Avenue|Close|Drive|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Square"
    r"|Hill|Row|Walk|Mews|View|Rise|Park|Green|Parade|Vale|Wharf|Yard|Chase|Croft|Meadows?|Boulevard"
    r"|Approach|Fold|Wynd|Villas|Cottages|Gate|Mead|Quay|Embankment|Circus|Broadway|Side|Bank|Garth|Brow"
    r"|Fields|Heights|Dale|Nook|Glade|Grange|Hollow|Ridge|Paddock|Leas"
    r"|(?:St|Rd|Ln|Ave|Cl|Dr|Cres|Ct|Pl|Gdns|Tce|Sq)\b\.?)"
)
# One to three capitalised words before the suffix: "Oak Close", "St Mary's Road", "Old Kent Road".
# Never starting at an article or a preposition that happens to be capitalised ("A Mill Lane resident").
# The capital first, so that the regex engine gives up at once where there is none.
_NOT_STREET_START = (
    r"(?=[A-Z])(?!(?:A|An|The|Our|This|That|On|In|At|Of|From|Near|Off|Along|To|By|My|Her|His|Their)\s)"
)
_STREET_WORDS = rf"{_NOT_STREET_START}(?:(?:[A-Z][A-Za-z'’]*(?:-[A-Za-z'’]+)*)\s+){{1,3}}"
STREET = rf"{_STREET_WORDS}{_STREET_SUFFIX}(?![\w'’-])"
# "14 The Crescent", "3 Kingsway", "5 Westgate": streets without a separate suffix word.
BARE_STREET = (
    r"(?:The\s+(?:Crescent|Green|Avenue|Drive|Close|Grove|Paddocks?|Meadows|Parade|Square|Mall|Chase"
    r"|Croft|Mews|Oval|Spinney|Maltings|Orchard|Willows|Limes|Laurels|Hollies|Beeches|Coppice|Circle)"
    r"|[A-Z][a-z]+(?:way|gate))(?![\w'’-])"
)
_HOUSE_NUMBER = r"\d{1,3}[A-Za-z]?(?:\s?[-–/]\s?\d{1,3}[A-Za-z]?)?"
# A flat or a house number, not inside a word, an amount or a code: "(?<![\w£$€.,:/-])(?:(?:Flat|Apartment|
# Apt)\.?\s+\d{1,4}[A-Za-z]?,?\s+)?" then the house number. Written to start with the class of its first
# character, which the regex engine skips to, with the lookbehind asked after it and the readings told
# apart by that character; the house number's first digit is then the one already read, or the next.
_FLAT_OR_HOUSE_NUMBER = (
    r"[FA\d](?<![\w£$€.,:/-].)(?:(?<=F)lat\.?\s+\d{1,4}[A-Za-z]?,?\s+\d|(?<=A)(?:partment|pt)\.?\s+\d{1,4}"
    r"[A-Za-z]?,?\s+\d|(?<=\d))\d{0,2}[A-Za-z]?(?:\s?[-–/]\s?\d{1,3}[A-Za-z]?)?"
)
HOUSE_ADDRESS = re.compile(rf"{_FLAT_OR_HOUSE_NUMBER},?\s+(?:{STREET}|{BARE_STREET})")
# Numbers that count, rank or label rather than mark a house ("Junction 12 Ring Road", "over 40 Park
# Lane homes").
_NOT_HOUSE_BEFORE = re.compile(
    r"\b(?:junction|j|bus|buses|route|platform|bay|room|stand|pitch|plot|phase|year|years|page|chapter"
    r"|zone|level|floor|over|under|about|around|nearly|almost|some|than|all|aged|age|the|top|group"
    r"|number of|exit|gate|section|stop|team|ward|week|day|days)\s*$",
    re.IGNORECASE,
)
# Capitalised words after a number that are not a street: months, days, times and units.
_NOT_A_STREET_WORD = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Days?|Weeks?|Months?|Years?|Hours?|Minutes?|Miles?|Per|Percent|Million|Thousand|Am|Pm|Degrees"
)
_VENUE_BEFORE = re.compile(
    first_characters(
        "abcdfghlmoprstv",
        r"\b(?:library|centre|center|hall|church|chapel|mosque|temple|gurdwara|synagogue|school|academy"
        r"|college|office|offices|hub|caf[eé]|shop|store|market|museum|gallery|theatre|surgery|clinic|depot"
        r"|pavilion|station|venue|pub|restaurant|hotel|club|headquarters|hq|reception|leisure|pool|gym"
        r"|bank|pharmacy|foodbank|food bank|opens?|opening|held|takes place|hosted|based)\b",
    ),
    re.IGNORECASE,
)
ESTATE = re.compile(rf"{_NOT_STREET_START}(?:[A-Z][A-Za-z'’-]*\s+){{1,3}}[Ee]state\b")
_STREET_OR_ESTATE = re.compile(rf"{STREET}|{ESTATE.pattern}")
# Where a single, private person is placed: before "on/in/of/from/at" + a street or estate.
_PERSON_NOUN = (
    r"(?:resident|tenant|homeowner|householder|occupant|occupier|neighbour|pensioner|widow|widower|man"
    r"|woman|lady|gentleman|gent|client|service user|patient|couple|family|mum|mother|dad|father"
    r"|grandmother|grandfather|gran|granny|grandma|grandad|grandpa|boy|girl|teenager|child|son|daughter)"
)
_SINGLE_PERSON = re.compile(
    rf"\b(?:a|an|one|the|this|that|our|my|her|his)\s+(?:[a-z]+(?:-[a-z]+)?\s+){{0,2}}{_PERSON_NOUN}\b",
    re.IGNORECASE,
)
_HOME_OF = re.compile(
    first_characters(
        "hlstw",
        r"\b(?:(?:her|his|their)\s+(?:own\s+)?(?:home|house|flat|bungalow|maisonette|address|postcode"
        r"|front door|back door|garden|doorstep|driveway|drive|street|road|cul-de-sac)"
        r"|(?:she|he|who)\s+(?:still\s+|now\s+)?(?:lives?|lived|is living|has lived|had lived|moved|resides)"
        r"|(?:lives|living)\s+alone)\b",
    ),
    re.IGNORECASE,
)
# An event held at someone's home is still at their home: "at Pat's house, 3 Baldwin Crescent",
# "757 Helen Meadows, where Jean lives".
_HOME_CUE = re.compile(
    r"(?:['’]s|\b(?:my|her|his|their))\s+(?:own\s+)?(?:house|home|bungalow|flat|maisonette|cottage|place"
    r"|garden|front\s+room|kitchen|doorstep|driveway)\b|\bwhere\s+(?:\w+\s+){1,2}?(?:lives?|lived)\b",
    re.IGNORECASE,
)
_TITLE_PERSON = re.compile(first_characters("M", r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z]"))
_PLACE_PREPOSITION = re.compile(r"\b(?:on|in|of|from|at|along|off|near|round|around|into|to)\s+(?:the\s+)?$")
_RESIDENT_AFTER = re.compile(
    r"\s+(?:resident|tenant|homeowner|householder|pensioner|family|couple|man|woman|lady)\b"
)
_SINGULAR_BEFORE = re.compile(r"\b(?:a|an|one|the|this|that)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)


class Span(NamedTuple):
    start: int
    end: int


# The words every match of _SINGLE_PERSON ends with ("service user" ends with "user"), and those a
# match of _HOME_OF needs: the slow scans run only on a story that has them.
_PERSON_NOUN_WORDS = frozenset(_PERSON_NOUN[3:-1].replace("service user", "user").split("|"))
_HOME_OF_WORDS_TEXT = """
    home house flat bungalow maisonette address postcode door garden doorstep driveway drive street road
    cul live lives lived living moved resides alone
"""
_HOME_OF_WORDS = frozenset(_HOME_OF_WORDS_TEXT.split())
# A match of _HOME_OF also has one of these ("her home", "he lives", "living alone"), and one of
# _TITLE_PERSON one of the titles, as written.
_HOME_OF_OWNERS = frozenset(["her", "his", "their", "she", "he", "who", "alone"])
_TITLE_WORDS = frozenset(["Mr", "Mrs", "Ms", "Miss", "Mx"])


def _may_place_someone(text: NormalisedText) -> bool:
    """False when ``person_cues`` surely finds no one in the text and no resident follows a street
    (``_RESIDENT_AFTER``'s words are person nouns): then no street in it is put at a person."""
    words = text.words
    return (
        not _PERSON_NOUN_WORDS.isdisjoint(words)
        or not _TITLE_WORDS.isdisjoint(text.cased_words)
        or (not _HOME_OF_WORDS.isdisjoint(words) and not _HOME_OF_OWNERS.isdisjoint(words))
        or bool(find_names(text.text))
    )


def person_cues(text: str, rules: OrgRules, names: list[NameMatch] | None = None) -> list[Span]:
    """Places where the text points at one private person: a name, "Mrs …", "a resident", "her home"."""
    spans = [Span(n.start, n.end) for n in (names if names is not None else _names_for(text, rules))]
    words = lower_runs(text)
    patterns = (
        *((_SINGLE_PERSON,) if not _PERSON_NOUN_WORDS.isdisjoint(words) else ()),
        *((_HOME_OF,) if not _HOME_OF_WORDS.isdisjoint(words) else ()),
        _TITLE_PERSON,
    )
    for pattern in patterns:
        spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(text))
    return sorted(spans, key=lambda s: s.start)


def _names_for(text: str, rules: OrgRules) -> list[NameMatch]:
    cleared = cleared_names(rules)
    return [n for n in find_names(text) if not is_cleared(n, cleared)]


def person_in_sentence(text: str, start: int, end: int, cues: list[Span]) -> bool:
    s_start, s_end = sentence_bounds(text, start)
    return any(s_start <= c.start < s_end and not (c.start >= start and c.end <= end) for c in cues)


def _is_site(text: str, start: int, end: int, rules: OrgRules) -> bool:
    found = " ".join(text[start:end].casefold().replace(",", " ").split())
    for site in rules.allow.sites:
        key = " ".join(site.casefold().replace(",", " ").split())
        if key and (key in found or found in key):
            return True
    return False


# A street need not end in a word we know ("12 Larch Spinney", "4 Beck Garth", "8 Foundry Loaf"):
# after "at", "to" or "outside", a house number then one to three capitalised words that end the
# phrase is an address whatever the last word is. The words must end at punctuation or a lower-case
# word, so Title Case headlines and runs of names do not count.
# A capitalised word of a street's name, Gaelic prefixes included ("McQuellby", "O'Zorvan").
_STREET_WORD = r"(?:Ma?c|O['’])?[A-Z][a-z'’]+(?:-[A-Za-z'’]+)*"
_ADDRESSED = re.compile(
    rf"{_FLAT_OR_HOUSE_NUMBER},?\s+(?!(?:{_NOT_A_STREET_WORD})\b){_STREET_WORD}"
    rf"(?:\s+{_STREET_WORD}){{0,2}}(?=\s*(?:[,.;:!?)\]–—-]|$)|\s+[a-z])"
)
_ADDRESS_BEFORE = re.compile(r"\b(?<![Uu]p\s)(?:at|to|outside|opposite|from|of)\s+$")


def house_addresses(text: str) -> Iterator[re.Match[str]]:
    """House number + street matches, without counts, junctions and route numbers."""
    taken: list[tuple[int, int]] = []
    for m in HOUSE_ADDRESS.finditer(text):
        if _NOT_HOUSE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        taken.append(m.span())
        yield m
    for m in _ADDRESSED.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken) and _ADDRESS_BEFORE.search(
            text, max(0, m.start() - 12), m.start()
        ):
            yield m


# The words a street or an estate ends with, as written (the patterns are case-sensitive but for
# "estate"): a story with none of them and no digit (for a house number) has no address.
_STREET_ENDS_TEXT = """
    Street Road Lane Avenue Close Drive Way Crescent Court Place Gardens Terrace Grove Square Hill
    Row Walk Mews View Rise Park Green Parade Vale Wharf Yard Chase Croft Meadow Meadows Boulevard
    Approach Fold Wynd Villas Cottages Gate Mead Quay Embankment Circus Broadway Side Bank Garth
    Brow St Rd Ln Ave Cl Dr Cres Ct Pl Gdns Tce Sq Estate estate Fields Heights Dale Nook Glade
    Grange Hollow Ridge Paddock Leas
"""
STREET_ENDS = frozenset(_STREET_ENDS_TEXT.split())


_NUMBER_BEFORE_NAME = re.compile(r"\d[A-Za-z]?,?\s+[A-Z]")


def check_address(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    # A house number is a digit, perhaps a letter and a comma, then a space and a capital.
    has_number = text.digit_count > 0 and _NUMBER_BEFORE_NAME.search(source) is not None
    # Every match of _STREET_OR_ESTATE ends with one of STREET_ENDS as a whole word, as written.
    street_words = not STREET_ENDS.isdisjoint(text.cased_words)
    if not has_number and not street_words:
        return []
    found_cues: list[list[Span]] = []

    def cues() -> list[Span]:
        # Who is in the story is worked out only once there is an address to place them at.
        if not found_cues:
            found_cues.append(person_cues(source, rules, _names_for(source, rules)))
        return found_cues[0]

    findings: list[Finding] = []
    for m in house_addresses(source) if has_number else ():
        if _is_site(source, m.start(), m.end(), rules):
            continue
        s_start, _ = sentence_bounds(source, m.start())
        venue_before = _VENUE_BEFORE.search(source, max(s_start, m.start() - 60), m.start())
        if (
            venue_before
            and not person_in_sentence(source, m.start(), m.end(), cues())
            and not _HOME_CUE.search(source, *sentence_bounds(source, m.start()))
        ):
            findings.append(Finding(ADDR, Severity.WARN, m.start(), m.end(), ADDR_VENUE_REASON))
        else:
            findings.append(Finding(ADDR, Severity.BLOCK, m.start(), m.end(), ADDR_REASON))
    taken = [(f.start, f.end) for f in findings]
    # A street is reported only where a person is put on it: where there can be no such person, the
    # streets (a scan of every capital for the words before a street's) are not looked for.
    for m in _STREET_OR_ESTATE.finditer(source) if street_words and _may_place_someone(text) else ():
        start, end = m.start(), m.end()
        if any(a <= start < b or start <= a < end for a, b in taken):
            continue
        if _is_site(source, start, end, rules) or is_place(source, start, end, rules):
            continue
        if not _person_placed(source, start, end, cues):
            continue
        findings.append(Finding(ADDR, Severity.BLOCK, start, end, ADDR_PERSON_REASON))
    return findings


def _person_placed(text: str, start: int, end: int, cues: Callable[[], list[Span]]) -> bool:
    """A single private person is put on this street: "Mrs Jones of Oak Close", "an Elm Road resident"."""
    if _RESIDENT_AFTER.match(text, end) and _SINGULAR_BEFORE.search(text, max(0, start - 30), start):
        return True
    if not _PLACE_PREPOSITION.search(text, max(0, start - 12), start):
        return False
    # The person comes first and close by, in the same sentence: "a resident on Mill Lane", "Mrs
    # Jones, 84, of Oak Close". Further away, the street is more often where the work was done. The
    # sentence is looked for only once someone is that close: most streets have no one before them.
    near = [c for c in cues() if c.end <= start and start - c.end <= 30]
    if not near:
        return False
    s_start, _ = sentence_bounds(text, start)
    return any(s_start <= c.start for c in near)


# --- postcodes ------------------------------------------------------------------------------------

# The outward code's letter rules (Royal Mail): first position never Q, V or X; second never I, J or
# Z; the letter in A9A is one of ABCDEFGHJKPSTUW and in AA9A one of ABEHMNPRVWXY. The inward code's
# letters are never C, I, K, M, O or V.
_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
POSTCODE_RE = re.compile(rf"(?<![A-Za-z0-9])(?:{_OUTWARD} ?{_INWARD}|GIR ?0AA)(?![A-Za-z0-9])", re.IGNORECASE)


def _postcode_key(code: str) -> str:
    return re.sub(r"\s+", "", code).upper()


@cache
def _allowed_postcodes(postcodes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_postcode_key(p) for p in postcodes)


# Someone "of" or "from" a postcode lives there: "Ann Smith of PL7 4DW", "Mrs Hill, 81, from M4 1AB".
_OF_SOMEONE = re.compile(r"[A-Z][\w'’-]+,?(?:\s+\d{1,3},)?\s+(?:of|from)\s+$")


def check_postcode(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    if not text.digit_count or not text.digit_then_letter:
        return []  # every postcode has a digit, straight before a letter ("1AA")
    allowed = _allowed_postcodes(tuple(rules.allow.postcodes))
    cues: list[Span] | None = None
    houses: list[re.Match[str]] = []
    findings: list[Finding] = []
    for m in POSTCODE_RE.finditer(source):
        code = m.group()
        if not (code.isupper() or code.islower()) or _postcode_key(code) in allowed:
            continue
        if cues is None:
            cues = person_cues(source, rules)
            houses = [a for a in house_addresses(source) if not _is_site(source, a.start(), a.end(), rules)]
        near_house = any(
            0 <= m.start() - a.end() <= 40 and a.end() > sentence_bounds(source, m.start())[0] for a in houses
        )
        of_someone = _OF_SOMEONE.search(source, max(0, m.start() - 40), m.start())
        if near_house or of_someone or person_in_sentence(source, m.start(), m.end(), cues):
            findings.append(Finding(POSTCODE, Severity.BLOCK, m.start(), m.end(), POSTCODE_PERSON_REASON))
        else:
            findings.append(Finding(POSTCODE, Severity.WARN, m.start(), m.end(), POSTCODE_REASON))
    return findings


# --- vehicle registrations ------------------------------------------------------------------------

# Current (2001-): two area letters, the age identifier (02-29 for March, 51-79 for September) and
# three random letters; I, Q and Z are not used in the random letters, I and Q nowhere.
_VRM_CURRENT = r"[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9]) ?[A-HJ-PR-Z]{3}"
# Prefix (1983-2001): the year letter, 1-3 digits, three letters. Suffix (1963-1983): three letters,
# 1-3 digits, the year letter. I, O, Q, U and Z were never year letters.
_VRM_PREFIX = r"[A-HJ-NPR-TV-Y][1-9][0-9]{0,2} ?[A-HJ-PR-Y]{3}"
_VRM_SUFFIX = r"[A-HJ-PR-Y]{3} ?[1-9][0-9]{0,2}[A-HJ-NPR-TV-Y]"
_VRM = re.compile(
    first_characters("A-HJ-PR-Y", rf"(?<![\w-])(?:{_VRM_CURRENT}|{_VRM_PREFIX}|{_VRM_SUFFIX})(?![\w-])")
)
# Three-letter words and acronyms that follow a road number or a code in capitals ("the A14 AND M6").
_NOT_VRM_LETTERS_TEXT = """
    THE AND FOR ARE YOU NOT ALL NEW OUT OUR WAY BUT HAS HAD WAS ONE TWO SIX TEN CAR BUS VAN NHS BBC ITV
    GOV COM LTD PLC USB LED CEO MPH KPH AGE DAY ETC
"""
_NOT_VRM_LETTERS = frozenset(_NOT_VRM_LETTERS_TEXT.split())


def check_vrm(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    if not text.digit_count or not (text.digit_then_letter or text.letter_then_digit):
        return []  # every registration has a digit, next to a letter ("AB12", "123A")
    findings: list[Finding] = []
    for m in _VRM.finditer(source):
        plate = m.group()
        letters = re.findall(r"[A-Z]{3}", plate)
        if any(chunk in _NOT_VRM_LETTERS for chunk in letters):
            continue
        findings.append(Finding(VRM, Severity.WARN, m.start(), m.end(), VRM_REASON))
    return findings


REGISTRY: tuple[Registration, ...] = (
    Registration(
        ADDR, "House number + street, or a private person placed on a street or estate", check_address
    ),
    Registration(
        POSTCODE,
        "Full UK postcode not on the organisation's list; blocks next to a person or a house number",
        check_postcode,
    ),
    Registration(VRM, "Vehicle registration number (current, prefix and suffix formats)", check_vrm),
)
