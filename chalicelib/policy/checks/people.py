"""Checks about private individuals: names, addresses, postcodes, vehicles, special data and children.

Staff stories are about residents, and the quickest way to harm one is to make them findable: a name,
a house on a street, a car registration, a diagnosis, a child's name with their school. These checks
recognise the shapes such details take in ordinary council writing (titles, first names, house
numbers, "her dementia", "Amira (7)") rather than every capitalised word, so that stories about
Victoria Park, Age UK or the dementia café still pass. Names the organisation has cleared (staff who
consented, councillors) and its own buildings come from the rules file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText, cased_runs
from ..registry import Registration
from ..rules import OrgRules

ADDR = "PII-ADDR"
POSTCODE = "PII-POSTCODE"
VRM = "PII-VRM"
NAME = "PII-NAME"
SPECIAL = "PII-SPECIAL"
CHILD = "PII-CHILD"

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
NAME_REASON = (
    "This looks like a private individual's name. Remove it or use a first name only, unless the person "
    "has given written consent: then ask the comms team to add them to the consent list."
)
SPECIAL_REASON = (
    "This gives health, disability, religion, ethnicity, sexuality or criminal-record information about "
    "a person. That is special category data: remove it, even if the person is not named, unless they "
    "have given explicit written consent."
)
CHILD_REASON = (
    "This identifies a child (a name with an age, a school or a school year). Remove the name, or the "
    "age and school, unless a parent or carer has given written consent for this story."
)
CHILD_IMAGE_REASON = (
    "This image shows a child and no consent is recorded for it. Get written consent from a parent or "
    "carer, or use a photo in which no child can be recognised."
)

_DATA = Path(__file__).resolve().parent.parent / "data"


def _words(text: str) -> frozenset[str]:
    return frozenset(_words_in_order(text))


def _words_in_order(text: str) -> list[str]:
    return text.split()


def _word_list(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))


FIRST_NAMES = _word_list("people_first_names.txt")
AMBIGUOUS_FIRST_NAMES = _word_list("people_first_names_ambiguous.txt")
SURNAMES = _word_list("people_surnames.txt")
_NOT_SURNAMES = _word_list("people_not_surnames.txt")
# Words that end a place as readily as a person ("Jane Hill", "Victoria Hill"): a surname after a
# first name that is only ever a name, a place after one that is also a word or a town.
_SHARED_SURNAMES = _NOT_SURNAMES & SURNAMES
_PLACE_WORDS = _NOT_SURNAMES - SURNAMES
_NOT_NAMES = frozenset(" ".join(n.casefold().split()) for n in _word_list("people_not_names.txt"))

# --- tokens and sentences ------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_POSSESSIVE_END = re.compile(r"['’]s$")
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof"})
# A name right after one of these belongs to a public figure, a place or a member: "St Albans",
# "Sir Winston Churchill", "Cllr Jane Smith" (politics' business), "the John Lewis store".
_NOT_PERSON_BEFORE = frozenset(
    {
        "St",
        "Saint",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Duke",
        "Duchess",
        "Earl",
        "Cllr",
        "Councillor",
        "Mayor",
        "MP",
        "MSP",
        "MS",
        "AM",
        "Fort",
        "Port",
        "Mount",
        "Lake",
        "Cape",
        "Loch",
        "Storm",
        "the",
        "The",
    }
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n+|:\s+|;\s+")
_GAP_IN_NAME = re.compile(r"\.?[ \t]{1,3}")


class Token(NamedTuple):
    """A word and its span, with the two facts the name rules ask of every word worked out once.

    A named tuple rather than a dataclass: a story has dozens of tokens and several checks, and a
    frozen dataclass is several times slower to build.
    """

    start: int
    end: int
    word: str
    capitalised: bool  # "Jones", "McDonald": a capital, and lower case somewhere
    initial: bool  # "R" of "Mr R. Patel"


def _token(start: int, end: int, word: str) -> Token:
    # The only cased characters in ASCII are letters: one is lower case if upper-casing changes it.
    lower_somewhere = word.upper() != word if word.isascii() else any(c.islower() for c in word)
    return Token(start, end, word, word[:1].isupper() and lower_somewhere, len(word) == 1 and word.isupper())


# Several checks ask about the same story in turn (its words, its sentences, its names); a small
# cache keyed on the text means each is worked out once per story rather than once per check or per
# match. Small, because only the story being checked is asked about.
_PER_STORY = 8


@lru_cache(maxsize=_PER_STORY)
def tokens(text: str) -> tuple[Token, ...]:
    """Words with their spans; a trailing possessive "'s" is left outside the word."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, end = m.group(), m.end()
        if len(word) > 2 and word[-2:] in ("'s", "’s"):
            word, end = word[:-2], end - 2
        out.append(_token(m.start(), end, word))
    return tuple(out)


@lru_cache(maxsize=_PER_STORY)
def _sentence_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the sentence breaks in ``text`` (not those after "Mr." or an initial)."""
    marks = [m.span() for m in _SENTENCE_END.finditer(text) if not _is_abbreviation(text, m.start())]
    return tuple(a for a, _ in marks), tuple(b for _, b in marks)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The ``[start, end)`` of the sentence or line around ``pos``, ignoring "Mr." and initials.

    The sentence starts after the last break that ends at or before ``pos`` and ends at the first
    break that starts at or after it (a break around ``pos`` itself bounds neither side).
    """
    starts, ends = _sentence_marks(text)
    i = bisect_right(ends, pos)
    j = bisect_left(starts, pos)
    return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot : dot + 1] != ".":
        return False
    m = re.search(r"(?:^|\W)([A-Za-z]{1,4})$", text[max(0, dot - 6) : dot])
    if m is None:
        return False
    word = m.group(1)
    return len(word) == 1 or word in _TITLES or word in {"St", "No"}


def _title_case_line(text: str, pos: int) -> bool:
    """True where a line is written in Title Case, so a capital letter says nothing about a name."""
    start, end = sentence_bounds(text, pos)
    # Only ordinary words count: names, streets, postcodes and the first word are capitalised anyway.
    words = [
        w
        for w in _TOKEN.findall(text[start:end])[1:]
        if len(w) >= 4 and not w.isupper() and w not in _EXPECTED_CAPITALS and w.lower() not in _MINOR_WORDS
    ]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.75


_MINOR_WORDS = _words("a an and at by for from in of on or the to with")
_EXPECTED_CAPITALS = FIRST_NAMES | AMBIGUOUS_FIRST_NAMES | SURNAMES | _NOT_SURNAMES


# --- names ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameMatch:
    """A person's name in the text: ``title`` and ``given`` may be empty, ``surname`` never is."""

    start: int
    end: int
    title: str
    given: tuple[str, ...]
    surname: str


def _joined(text: str, a: Token, b: Token, *, after_title_or_initial: bool) -> bool:
    gap = text[a.end : b.start]
    if not after_title_or_initial:
        return gap in (" ", "  ")
    return bool(_GAP_IN_NAME.fullmatch(gap))


def _previous_word(text: str, toks: Sequence[Token], i: int) -> str:
    if i == 0:
        return ""
    prev = toks[i - 1]
    if text[prev.end : toks[i].start].strip(" .") != "":
        return ""
    return prev.word


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def may_name_someone(text: str) -> bool:
    """False when no word of ``text`` starts like a listed first name or a title, as written: then
    there is no name to find (every name starts with one), and no need to look word by word."""
    return not _NAME_STARTS.isdisjoint(cased_runs(text))


@lru_cache(maxsize=_PER_STORY)
def find_names(text: str) -> tuple[NameMatch, ...]:
    """Title + name ("Mrs Jones", "Mr D. Patel") and first name + surname ("Margaret Thompson")."""
    if not may_name_someone(text):
        return ()
    toks = tokens(text)
    out: list[NameMatch] = []
    i = 0
    while i < len(toks):
        match = _title_name(text, toks, i) or _full_name(text, toks, i)
        if match is None:
            i += 1
            continue
        out.append(match[0])
        i = match[1]
    return tuple(out)


def _title_name(text: str, toks: Sequence[Token], i: int) -> tuple[NameMatch, int] | None:
    title = toks[i]
    if title.word not in _TITLES or i + 1 >= len(toks):
        return None
    # "Oak Dr" is a street, and a title ends a word, never starts one after a number.
    before = text[max(0, title.start - 4) : title.start]
    if title.word == "Dr" and re.search(r"[A-Za-z]\s$", before):
        return None
    j = i + 1
    given: list[str] = []
    prev = title
    while j < len(toks) and len(given) < 3:
        tok = toks[j]
        if not _joined(text, prev, tok, after_title_or_initial=True):
            break
        if not (tok.initial or tok.capitalised) or tok.word in _PLACE_WORDS:
            break
        given.append(tok.word)
        prev = tok
        j += 1
        if not tok.initial and (j >= len(toks) or not _next_is_name_part(text, tok, toks[j])):
            break
    while given and (len(given[-1]) == 1):
        given.pop()
        j -= 1
    if not given:
        return None
    surname = given[-1]
    if _title_case_line(text, title.start) and surname not in SURNAMES:
        return None
    full = f"{title.word} {' '.join(given)}"
    if " ".join(full.casefold().split()) in _NOT_NAMES:
        return None
    end = toks[j - 1].end
    return NameMatch(title.start, end, title.word, tuple(given[:-1]), surname), j


# The first run of letters of every first name and title, case as written: a name's first token
# starts with one ("Sarah" of "Sarah-Jane", "O" of "O'Neill").
_NAME_STARTS = frozenset(
    m.group() for n in (*FIRST_NAMES, *AMBIGUOUS_FIRST_NAMES, *_TITLES) if (m := _LETTER_RUN.match(n))
)


def is_first_name(word: str) -> bool:
    """A listed first name, or a double-barrelled one that starts with one ("Sarah-Jane")."""
    return word in FIRST_NAMES or ("-" in word and word.split("-", 1)[0] in FIRST_NAMES)


def _next_is_name_part(text: str, tok: Token, nxt: Token) -> bool:
    return (
        (nxt.capitalised or nxt.initial)
        and nxt.word not in _NOT_SURNAMES
        and text[tok.end : nxt.start] == " "
    )


# What follows a person's name and never a place's: an age, a home address, a verb of speaking.
_PERSON_AFTER = re.compile(
    r"\s*,\s*\d{1,3}\s*,|\s+(?:of|at|from)\s+(?:Flat\s+)?\d|\s+(?:who|said|says|told|rang|called|phoned"
    r"|emailed|wrote|complained|reported|thanked|lives|lived|asked|explained|added)\b"
)


def _full_name(text: str, toks: Sequence[Token], i: int) -> tuple[NameMatch, int] | None:
    first = toks[i]
    if not first.capitalised:
        return None
    ambiguous = first.word in AMBIGUOUS_FIRST_NAMES
    if not is_first_name(first.word) and not ambiguous:
        return None
    if _previous_word(text, toks, i) in _NOT_PERSON_BEFORE:
        return None
    if text[first.end : first.end + 2] in ("'s", "’s"):
        return None  # "Margaret's" is a first name on its own
    run: list[Token] = [first]
    j = i + 1
    while j < len(toks) and len(run) < 4:
        tok, prev = toks[j], run[-1]
        if not _joined(text, prev, tok, after_title_or_initial=prev.initial):
            break
        if not (tok.capitalised or tok.initial):
            break
        run.append(tok)
        j += 1
        if text[tok.end : tok.end + 1] in ("'", "’"):
            break
    while len(run) > 1 and run[-1].initial:
        run.pop()
    if len(run) < 2:
        return None
    words = [t.word for t in run]
    if any(w in _PLACE_WORDS for w in words[1:]):
        return None  # "Victoria Street", "Marie Curie Hospice", "Carol Service"
    surname = words[-1]
    # A venue or a street right after the run ("John Smith Court") makes it a place too.
    after = toks[j] if j < len(toks) else None
    if after is not None and after.word in _PLACE_WORDS and text[run[-1].end : after.start] == " ":
        return None
    title_case = _title_case_line(text, first.start)
    # An unknown surname after "Hazel" stands only where what follows is a person's ("Hazel
    # Thornton of 12 Oak Close", "Jordan Lindqvist said"); in a Title Case line, never.
    unknown_surname = surname not in SURNAMES
    if unknown_surname and (title_case or (ambiguous and not _PERSON_AFTER.match(text, run[-1].end))):
        return None
    if surname in _SHARED_SURNAMES and (ambiguous or len(run) > 2):
        return None
    if surname in _NOT_SURNAMES and surname not in _SHARED_SURNAMES:
        return None
    key = " ".join(w.casefold() for w in words)
    if any(key.startswith(n) or n.startswith(key) for n in _NOT_NAMES if n.split()[0] == words[0].casefold()):
        return None
    middle = tuple(words[1:-1])
    return NameMatch(first.start, run[-1].end, "", (words[0], *middle), surname), j


_NAME_PREFIXES = re.compile(
    r"^(?:(?:cllr|councillor|mayor|deputy|lord|lady|sir|dame|dr|prof|mr|mrs|ms|miss|mx|mp|rt|hon)\.?\s+)+",
    re.IGNORECASE,
)


def _name_key(name: str) -> tuple[str, ...]:
    plain = _NAME_PREFIXES.sub("", " ".join(name.split()))
    return tuple(w.casefold().rstrip(".") for w in re.findall(r"[^\W\d_][^\s,]*", plain))


def cleared_names(rules: OrgRules) -> tuple[tuple[str, ...], ...]:
    """Names that may be printed: consenting staff and the organisation's members (politics' business)."""
    return _cleared_names((*rules.allow.names, *rules.politics.members))


@cache
def _cleared_names(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    # Worked out once per rules file rather than by every check on every story.
    return tuple(k for k in map(_name_key, names) if k)


def is_cleared(name: NameMatch, cleared: Iterable[tuple[str, ...]]) -> bool:
    """True when an allow-listed name is this person: same surname, compatible first names or initials."""
    surname = name.surname.casefold()
    given = [g.casefold().rstrip(".") for g in name.given]
    for key in cleared:
        if key[-1] != surname:
            continue
        if not given:
            return True
        allowed_given = key[:-1]
        if not allowed_given:
            continue
        if all(any(a == g or (len(g) == 1 and a.startswith(g)) for a in allowed_given) for g in given):
            return True
    return False


def _is_place(text: str, start: int, end: int, rules: OrgRules) -> bool:
    if not rules.allow.places:
        return False
    span = " ".join(text[start:end].casefold().split())
    return any(span in " ".join(p.casefold().split()) for p in rules.allow.places)


def private_names(text: NormalisedText, rules: OrgRules) -> list[NameMatch]:
    """Names of people the rules file has not cleared for publication."""
    cleared = cleared_names(rules)
    return [
        n
        for n in find_names(text.text)
        if not is_cleared(n, cleared) and not _is_place(text.text, n.start, n.end, rules)
    ]


# "The Patel family" names a household as surely as "Mr Patel" does.
_FAMILY = re.compile(r"\b[Tt]he\s+([A-Z][a-z'’-]+)\s+family\b")


def check_name(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    findings = [
        Finding(NAME, Severity.BLOCK, n.start, n.end, NAME_REASON) for n in private_names(text, rules)
    ]
    if "family" not in text.words:
        return findings
    cleared = cleared_names(rules)
    for m in _FAMILY.finditer(text.text):
        if m.group(1) in SURNAMES and not any(k[-1] == m.group(1).casefold() for k in cleared):
            findings.append(Finding(NAME, Severity.BLOCK, m.start(1), m.end(), NAME_REASON))
    return findings


# --- addresses ------------------------------------------------------------------------------------

_STREET_SUFFIX = (
    r"(?:Street|Road|Lane|Avenue|Close|Drive|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Square"
    r"|Hill|Row|Walk|Mews|View|Rise|Park|Green|Parade|Vale|Wharf|Yard|Chase|Croft|Meadows?|Boulevard"
    r"|Approach|Fold|Wynd|Villas|Cottages|Gate|Mead|Quay|Embankment|Circus|Broadway|Side|Bank|Garth|Brow"
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
HOUSE_ADDRESS = re.compile(
    rf"(?<![\w£$€.,:/-])(?:(?:Flat|Apartment|Apt)\.?\s+\d{{1,4}}[A-Za-z]?,?\s+)?"
    rf"{_HOUSE_NUMBER},?\s+(?:{STREET}|{BARE_STREET})"
)
# Numbers that count, rank or label rather than mark a house ("Junction 12 Ring Road", "over 40 Park
# Lane homes").
_NOT_HOUSE_BEFORE = re.compile(
    r"\b(?:junction|j|bus|buses|route|platform|bay|room|stand|pitch|plot|phase|year|years|page|chapter"
    r"|zone|level|floor|over|under|about|around|nearly|almost|some|than|all|aged|age|the|top|group"
    r"|number of|exit|gate|section|stop|team|ward|week|day|days)\s*$",
    re.IGNORECASE,
)
_VENUE_BEFORE = re.compile(
    r"\b(?:library|centre|center|hall|church|chapel|mosque|temple|gurdwara|synagogue|school|academy"
    r"|college|office|offices|hub|caf[eé]|shop|store|market|museum|gallery|theatre|surgery|clinic|depot"
    r"|pavilion|station|venue|pub|restaurant|hotel|club|headquarters|hq|reception|leisure|pool|gym"
    r"|bank|pharmacy|foodbank|food bank|opens?|opening|held|takes place|hosted|based)\b",
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
    r"\b(?:(?:her|his|their)\s+(?:own\s+)?(?:home|house|flat|bungalow|maisonette|address|postcode"
    r"|front door|back door|garden|doorstep|driveway|drive|street|road|cul-de-sac)"
    r"|(?:she|he|who)\s+(?:still\s+|now\s+)?(?:lives?|lived|is living|has lived|had lived|moved|resides)"
    r"|(?:lives|living)\s+alone)\b",
    re.IGNORECASE,
)
_TITLE_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z]")
_PLACE_PREPOSITION = re.compile(r"\b(?:on|in|of|from|at|along|off|near|round|around|into|to)\s+(?:the\s+)?$")
_RESIDENT_AFTER = re.compile(
    r"\s+(?:resident|tenant|homeowner|householder|pensioner|family|couple|man|woman|lady)\b"
)
_SINGULAR_BEFORE = re.compile(r"\b(?:a|an|one|the|this|that)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)


class Span(NamedTuple):
    start: int
    end: int


def person_cues(text: str, rules: OrgRules, names: list[NameMatch] | None = None) -> list[Span]:
    """Places where the text points at one private person: a name, "Mrs …", "a resident", "her home"."""
    spans = [Span(n.start, n.end) for n in (names if names is not None else _names_for(text, rules))]
    for pattern in (_SINGLE_PERSON, _HOME_OF, _TITLE_PERSON):
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


def house_addresses(text: str) -> Iterator[re.Match[str]]:
    """House number + street matches, without counts, junctions and route numbers."""
    for m in HOUSE_ADDRESS.finditer(text):
        if _NOT_HOUSE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        yield m


# The words a street or an estate ends with, as written (the patterns are case-sensitive but for
# "estate"): a story with none of them and no digit (for a house number) has no address.
_STREET_ENDS_TEXT = """
    Street Road Lane Avenue Close Drive Way Crescent Court Place Gardens Terrace Grove Square Hill
    Row Walk Mews View Rise Park Green Parade Vale Wharf Yard Chase Croft Meadow Meadows Boulevard
    Approach Fold Wynd Villas Cottages Gate Mead Quay Embankment Circus Broadway Side Bank Garth
    Brow St Rd Ln Ave Cl Dr Cres Ct Pl Gdns Tce Sq Estate estate
"""
STREET_ENDS = frozenset(_STREET_ENDS_TEXT.split())


_NUMBER_BEFORE_NAME = re.compile(r"\d[A-Za-z]?,?\s+[A-Z]")


def check_address(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    # A house number is a digit, perhaps a letter and a comma, then a space and a capital.
    has_number = text.digit_count > 0 and _NUMBER_BEFORE_NAME.search(source) is not None
    if not has_number and STREET_ENDS.isdisjoint(text.cased_words):
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
        if venue_before and not person_in_sentence(source, m.start(), m.end(), cues()):
            findings.append(Finding(ADDR, Severity.WARN, m.start(), m.end(), ADDR_VENUE_REASON))
        else:
            findings.append(Finding(ADDR, Severity.BLOCK, m.start(), m.end(), ADDR_REASON))
    taken = [(f.start, f.end) for f in findings]
    for m in _STREET_OR_ESTATE.finditer(source):
        start, end = m.start(), m.end()
        if any(a <= start < b or start <= a < end for a, b in taken):
            continue
        if _is_site(source, start, end, rules) or _is_place(source, start, end, rules):
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
    s_start, _ = sentence_bounds(text, start)
    # The person comes first and close by, in the same sentence: "a resident on Mill Lane", "Mrs
    # Jones, 84, of Oak Close". Further away, the street is more often where the work was done.
    return any(s_start <= c.start and c.end <= start and start - c.end <= 30 for c in cues())


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


def check_postcode(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    if not text.digit_count:
        return []  # every postcode has a digit
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
        if near_house or person_in_sentence(source, m.start(), m.end(), cues):
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
_VRM = re.compile(rf"(?<![\w-])(?:{_VRM_CURRENT}|{_VRM_PREFIX}|{_VRM_SUFFIX})(?![\w-])")
# Three-letter words and acronyms that follow a road number or a code in capitals ("the A14 AND M6").
_NOT_VRM_LETTERS = _words(
    "THE AND FOR ARE YOU NOT ALL NEW OUT OUR WAY BUT HAS HAD WAS ONE TWO SIX TEN CAR BUS VAN NHS BBC ITV "
    "GOV COM LTD PLC USB LED CEO MPH KPH AGE DAY ETC"
)


def check_vrm(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    if not text.digit_count:
        return []  # every registration has a digit
    findings: list[Finding] = []
    for m in _VRM.finditer(source):
        plate = m.group()
        letters = re.findall(r"[A-Z]{3}", plate)
        if any(chunk in _NOT_VRM_LETTERS for chunk in letters):
            continue
        findings.append(Finding(VRM, Severity.WARN, m.start(), m.end(), VRM_REASON))
    return findings


# --- special category data -----------------------------------------------------------------------

# Conditions and the things that reveal them, as they follow "her", "his" or "Margaret's".
_HEALTH_NOUN = (
    r"(?:(?:hip|knee|heart|back|eye|cataract|bypass|shoulder|cancer|bowel|brain)\s+"
    r"(?:op|operation|surgery|replacement|transplant)s?"
    r"|op|operation|dementia|alzheimer['’]?s(?:\s+disease)?|cancer|tumour|chemo(?:therapy)?|radiotherapy"
    r"|dialysis|stroke(?!\s+of)|diabetes|epilepsy|seizures?|autism|adhd|dyslexia|dyspraxia|depression|anxiety"
    r"|bipolar(?:\s+disorder)?|schizophrenia|psychosis|ptsd|ocd|eating disorder|anorexia|bulimia"
    r"|mental\s+(?:health\s+(?:problems?|issues?|condition|crisis|difficulties)|illness)|breakdown(?!\s+of)"
    r"|illness|(?:heart|medical|health|lung|skin|long-term|neurological)\s+condition|diagnosis"
    r"|(?:learning\s+|physical\s+)?disabilit(?:y|ies)|impairment|wheelchair|mobility\s+scooter"
    r"|walking\s+(?:frame|stick)|zimmer(?:\s+frame)?|crutches|hearing\s+aids?|guide\s+dog|blue\s+badge"
    r"|blindness|deafness|sight\s+loss|hearing\s+loss|failing\s+sight|eyesight|pregnancy|miscarriage"
    r"|addiction|alcoholism|drinking(?!\s+water)|drug\s+(?:use|habit|problem)|overdose|self[- ]harm"
    r"|suicide\s+attempt"
    r"|heart\s+attack|copd|asthma|arthritis|multiple\s+sclerosis|parkinson['’]?s(?:\s+disease)?"
    r"|motor\s+neurone\s+disease|mnd|hiv(?:\s+status)?|hepatitis|long\s+covid|fall"
    r"|broken\s+(?:hip|leg|arm|wrist|ankle|pelvis)|injur(?:y|ies)|frailty|incontinence"
    r"|palliative\s+care|terminal\s+illness|prognosis|amputations?|stoma|oxygen\s+tank|transplant"
    r"|faith|religion|religious\s+beliefs?|hijab|headscarf|turban|kippah|yarmulke|mosque|synagogue"
    r"|gurdwara|mandir|sexuality|sexual\s+orientation|gender\s+identity|ethnicity|ethnic\s+origin"
    r"|criminal\s+(?:record|past|conviction)|convictions?|prison\s+(?:sentence|term|record)|jail\s+term"
    r"|arrest|offending|probation(?:\s+officer)?|asbo|time\s+in\s+(?:prison|jail)"
    # Offending, in the words a support worker uses: "his release from prison", "her community order".
    r"|sex\s+offences?|parole|community\s+(?:order|sentence)|electronic\s+tag"
    r"|release\s+from\s+(?:prison|jail|custody)"
    # Medicines and medical procedures say what the condition is: "her insulin", "his bypass".
    r"|insulin(?:\s+pump)?|inhalers?|epi-?pens?|medications?|medicines?|meds|prescriptions?|methadone"
    r"|anti-?depressants?|painkillers?|morphine|steroids|warfarin|statins|pills"
    r"|(?:blood\s+pressure|heart|diabetes|epilepsy)\s+(?:tablets|pills|medication)"
    r"|(?:mastectomy|hysterectomy|colostomy|ileostomy|biopsy|pacemaker|stent|angioplasty|cataracts?"
    r"|cochlear\s+implant|ivf|abortion|caesarean|c-section|physio(?:therapy)?|rehab(?:ilitation)?|detox"
    r"|counselling|therapy|psychiatrist|treatment(?!\s+(?:of|by|from)\b)|(?:scan|test|biopsy)\s+results"
    r"|blood\s+tests?|hospital\s+(?:appointment|stay|admission|treatment)))"
)
# Adjectives that may sit between the possessive and the condition ("her recent hip op").
_HEALTH_ADJ = (
    r"(?:recent|new|own|early|early-onset|late|severe|mild|worsening|ongoing|long-term|chronic|terminal"
    r"|advanced|latest|second|first|routine|planned|emergency|major|minor|serious|vascular|breast|lung"
    r"|leg|arm|hip|knee|foot|hand|heart|kidney|liver|eye|back|shoulder|brain|spinal|double|partial"
    r"|bowel|prostate|skin|type\s+[12]|physical|learning|mental|blue|recent|electric|motorised|muslim"
    r"|christian|jewish|hindu|sikh|buddhist|catholic|local)"
)
# The same words naming a service, an event or a role are not about a person: "her dementia café".
_NOT_ABOUT_A_PERSON = (
    r"(?![ \t]+(?:caf[eé]s?|friends?|friendly|champions?|awareness|support|services?|team|nurses?"
    r"|workers?|advis[eo]rs?|officers?|groups?|hub|week|day|month|strategy|training|network|lead"
    r"|coordinator|co-ordinator|project|scheme|programme|unit|ward|clinic|charity|research|screening"
    r"|appeal|walk|run|fundraiser|society|association|trust|centre|center|applications?|holders?"
    r"|parking|bays?|spaces?|sessions?|club|choir|assessments?|courses?|specialist|practitioner"
    r"|policy|provision|access|accessible|first|leaders?|community|school|open|visits?|tours?|events?"
    r"|festival|fair|information|advice|helpline|experience|skills|ramp|lift|toilet|facilities|user"
    r"|users|prevention|risk|period|water|fountains?|aid|technique)\b|[-‐])"
)
_POSSESSIVE_SPECIAL = re.compile(
    rf"\b(?:her|his)\s+(?:{_HEALTH_ADJ}[ \t]+){{0,2}}{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}",
    re.IGNORECASE,
)
_STATE_ADJ = (
    r"(?:muslim|christian|jewish|hindu|sikh|buddhist|catholic|atheist|a\s+jehovah['’]?s\s+witness|gay|lesbian"
    r"|bisexual|transgender|trans(?=\s+(?:man|woman|person)\b)|non-binary|queer|blind|deaf|disabled"
    r"|autistic|dyslexic|diabetic|epileptic|paralysed|pregnant|terminally\s+ill|housebound|bedbound"
    r"|bed-bound|hiv\s+positive|hiv\+|alcoholic|a\s+wheelchair\s+user|registered\s+(?:blind|disabled)"
    r"|partially\s+sighted|visually\s+impaired|hearing\s+impaired|black|asian|mixed[\s-]+race"
    r"|mixed\s+heritage|black\s+british|british\s+(?:asian|pakistani|indian|bangladeshi|chinese)"
    r"|of\s+(?:[\w-]+\s+){1,2}(?:heritage|descent|origin)"
    # Gypsy, Roma and Traveller people, however the community or the person describes it.
    r"|(?:an?\s+)?(?:(?:romany|romani|roma|english|welsh|scottish|irish|european)\s+)?"
    r"(?:gypsy|gipsy|gypsy[\s-]+traveller|traveller|romany|romani|roma|showman)"
    r"|pansexual|asexual|intersex"
    r"|an?\s+(?:ex-?|former\s+)?(?:offender|prisoner|convict|inmate)|a\s+(?:registered\s+)?sex\s+offender"
    r"|on\s+(?:the\s+)?sex\s+offenders?['’]?\s+register|on\s+(?:probation|licence|parole|remand|bail)"
    r"|on\s+an?\s+(?:electronic\s+)?tag|in\s+(?:prison|jail|custody)|behind\s+bars"
    r"|sectioned|in\s+recovery)"
)
_STATE_VERB = r"(?:is|was|are|were|'s|’s|has\s+been|had\s+been|is\s+now|was\s+once|became)"
_HAS_VERB = (
    r"(?:has|had|has\s+had|is\s+living\s+with|was\s+living\s+with|lives\s+with|lived\s+with|suffers\s+from"
    r"|suffered\s+from|suffered|was\s+diagnosed\s+with|has\s+been\s+diagnosed\s+with|is\s+recovering\s+from"
    r"|was\s+recovering\s+from|is\s+being\s+treated\s+for|uses|used|relies\s+on|needs|needed|developed)"
)
_CRIME_VERB = (
    r"(?:was|has\s+been|had\s+been|is)\s+(?:just\s+|recently\s+)?(?:arrested|convicted|jailed|imprisoned"
    r"|sentenced|cautioned\s+by\s+(?:the\s+)?police|released\s+from\s+(?:prison|jail|custody)|remanded"
    r"|on\s+bail)"
    r"|served\s+time|did\s+time|has\s+a\s+criminal\s+record"
    # "has just come out of prison", "got out of jail last month".
    r"|(?:(?:has|had|have)\s+)?(?:just\s+|recently\s+)?(?:come|came|got|gets|getting|coming)\s+out\s+of"
    r"\s+(?:prison|jail|custody)"
)
# Coming out says what someone's sexuality or gender is: "who recently came out as gay".
_COMING_OUT = (
    r"(?:(?:has|had|have)\s+)?(?:just\s+|recently\s+)?(?:come|came|coming)\s+out"
    r"(?:\s+to(?:\s+\w+){1,2}?)?\s+as\s+(?:gay|lesbian|bisexual|bi|trans(?:gender)?|non-binary|queer"
    r"|pansexual|asexual)"
)
_PREDICATE = (
    rf"(?:{_STATE_VERB}\s+(?:(?:very|devout|devoutly|practising|openly|profoundly|severely|now|also)\s+)?"
    rf"{_STATE_ADJ}\b(?![ \t]+(?:community|communities|people|families|history|month|heritage|groups?"
    rf"|led|owned|aid|care|network|council|forum|society|association)\b|[-‐])"
    rf"|{_HAS_VERB}\s+(?:a\s+|an\s+)?(?:{_HEALTH_ADJ}[ \t]+){{0,2}}{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}"
    rf"|{_CRIME_VERB}|{_COMING_OUT})"
)
# "Anyone who is blind can ask for large print": advice to a group, not a fact about a person.
_GROUP_BEFORE_WHO = re.compile(
    r"\b(?:anyone|anybody|someone|somebody|everyone|everybody|people|those|residents|customers|tenants"
    r"|users|children|adults|families|carers|you|staff|colleagues|visitors|individuals|patients|pupils"
    r"|members|men|women|others|many|all|readers|applicants|drivers)\s+$",
    re.IGNORECASE,
)
_SUBJECT_PREDICATE = re.compile(
    rf"\b(?:she|he|who)\s+(?:(?:also|now|still|recently)\s+)?{_PREDICATE}", re.IGNORECASE
)
_AFTER_NAME_PREDICATE = re.compile(
    rf"(?:['’]s\s+(?:{_HEALTH_ADJ}[ \t]+){{0,2}}{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}"
    rf"|(?:,\s*(?:\d{{1,3}},\s*)?|\s+)(?:who\s+)?{_PREDICATE})",
    re.IGNORECASE,
)
_WITH_SPECIAL = re.compile(
    rf"\b(?:a|an|the|one|this|that)\s+(?:[a-z]+\s+){{0,2}}(?:man|woman|lady|gentleman|gent|pensioner|widow"
    rf"|widower|boy|girl|tenant)\s+(?:with|who\s+has)\s+(?:a\s+|an\s+)?(?:{_HEALTH_ADJ}[ \t]+){{0,2}}"
    rf"{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}",
    re.IGNORECASE,
)


_SWIMMING = re.compile(r"\bswim", re.IGNORECASE)


# The word each pattern starts from: most stories have none of "her", "his", "she", "he", "who"
# together with the rest, and these are the longest patterns in the catalogue.
_PERSON_NOUNS = frozenset(
    ["man", "woman", "lady", "gentleman", "gent", "pensioner", "widow", "widower", "boy", "girl", "tenant"]
)


def check_special(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    words = text.words
    spans: list[tuple[int, int]] = []
    patterns = (
        *((_POSSESSIVE_SPECIAL,) if "her" in words or "his" in words else ()),
        *((_SUBJECT_PREDICATE,) if "she" in words or "he" in words or "who" in words else ()),
    )
    for pattern in patterns:
        for m in pattern.finditer(source):
            if m.group()[:3].lower() == "who" and _GROUP_BEFORE_WHO.search(
                source, max(0, m.start() - 15), m.start()
            ):
                continue
            if "stroke" in m.group().lower() and _SWIMMING.search(
                source, *sentence_bounds(source, m.start())
            ):
                continue  # a swimming stroke
            spans.append((m.start(), m.end()))
    with_someone = ("with" in words or "has" in words) and not _PERSON_NOUNS.isdisjoint(words)
    for w in _WITH_SPECIAL.finditer(source) if with_someone else ():
        # The person noun stays out of the span: the finding is about what follows "with".
        inner = re.search(r"\b(?:with|who\s+has)\b", w.group(), re.IGNORECASE)
        spans.append((w.start() + inner.start() if inner else w.start(), w.end()))
    subjects = [(n.end, n.start) for n in find_names(source)]
    if may_name_someone(source):
        subjects += [(t.end, t.start) for t in tokens(source) if t.capitalised and is_first_name(t.word)]
    for end, start in subjects:
        after = _AFTER_NAME_PREDICATE.match(source, end)
        if after:
            # "Margaret's dementia" keeps the name; "Mr Jones, who has dementia" is the clause only.
            lead = re.match(r"['’]s\s+|,\s*(?:\d{1,3},\s*)?|\s+", after.group())
            if lead and lead.group()[0] in "'’":
                spans.append((start, after.end()))
            else:
                spans.append((end + (lead.end() if lead else 0), after.end()))
    return [Finding(SPECIAL, Severity.BLOCK, a, b, SPECIAL_REASON) for a, b in _dedupe(spans)]


def _dedupe(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans folded into one, so one phrase gives one finding."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# --- children -------------------------------------------------------------------------------------

_AGE_WORDS = {
    w: i
    for i, w in enumerate(
        _words_in_order(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen"
        )
    )
}
_AGE = r"(\d{1,2}|" + "|".join(_AGE_WORDS) + ")"
_SCHOOL = r"(?:[A-Z][\w'’.-]*\s+){1,5}(?:Primary|Infants?|Juniors?|Academy|School|Nursery)\b"
# What follows a child's name: "(7)", ", 7,", "aged 7", ", a seven-year-old", "(Year 5)", "from
# Oakfield Primary", ", a pupil at".
_CHILD_AFTER = re.compile(
    rf"\s*\(\s*(?:aged?\s*)?{_AGE}\s*\)"
    rf"|,?\s+(?:aged?|age)\s+{_AGE}\b"
    rf"|,\s*{_AGE}\s*(?:,|\b(?=\s+(?:from|of|who|and|has|is|was|said|told|in|at)\b|\s*[.!?;)]|\s*$))"
    rf"|,?\s+(?:a|an|the|who\s+is|who['’]s)\s+{_AGE}"
    rf"(?:[- ]years?[- ]old\b|\b(?![- ](?:years?\s+(?:of|in|at|with|since))|%|\s*per))"
    rf"|\s*\((?:Year|Yr|Y)\s*\d{{1,2}}\)"
    rf"|,?\s+(?:a\s+|an\s+)?(?:(?:Year\s+\d{{1,2}}|Reception|sixth[- ]form)\s+(?:pupil|student)"
    rf"|pupil|schoolboy|schoolgirl)\b"
    rf"|,?\s+(?:in|from)\s+Year\s+\d{{1,2}}\b"
    rf"|,?\s+(?:from|at|of|who\s+attends|who\s+goes\s+to)\s+{_SCHOOL}",
    re.IGNORECASE,
)
_CHILD_BEFORE = re.compile(
    rf"\b{_AGE}[- ]years?[- ]old\s+(?:(?:boy|girl|son|daughter|pupil|schoolboy|schoolgirl|grandson"
    rf"|granddaughter|brother|sister|twins?)\s+)?$"
    rf"|\b(?:pupil|student|schoolboy|schoolgirl|Year\s+\d{{1,2}}(?:\s+(?:pupil|student))?|Reception\s+pupil)\s+$",
    re.IGNORECASE,
)
_KIN_BEFORE = re.compile(
    r"\b(?:son|daughter|grandson|granddaughter|nephew|niece|child|boy|girl|stepson|stepdaughter|baby"
    r"|toddler|brother|sister|twins?)\s+$",
    re.IGNORECASE,
)
# Adults named with their school: the teacher, not a pupil.
_ADULT_BEFORE = re.compile(
    r"\b(?:teacher|headteacher|head|principal|staff|governor|governors|caretaker|assistant|senco"
    r"|lollipop|patrol|cook|chef|manager|officer|councillor|cllr|librarian|nurse|coach|volunteer|parent"
    r"|mum|dad|mother|father)\b[^.!?\n]{0,20}$",
    re.IGNORECASE,
)


_AT_SCHOOL = re.compile(r"School|Primary|Academy|Nursery|Infant|Junior|pupil", re.IGNORECASE)


def _age_ok(raw: str | None) -> bool:
    if raw is None:
        return True
    age = int(raw) if raw.isdigit() else _AGE_WORDS.get(raw.lower(), 99)
    return age < 18


def _child_candidates(source: str, toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Spans of what could be a child's name: a first name with an optional surname."""
    for i, tok in enumerate(toks):
        if not tok.capitalised:
            continue
        known = is_first_name(tok.word) or tok.word in AMBIGUOUS_FIRST_NAMES
        if not known and not _KIN_BEFORE.search(source, max(0, tok.start - 15), tok.start):
            continue
        if _previous_word(source, toks, i) in _NOT_PERSON_BEFORE | _TITLES:
            continue
        end = tok.end
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            nxt is not None
            and nxt.capitalised
            and source[tok.end : nxt.start] == " "
            and nxt.word not in _NOT_SURNAMES
        ):
            end = nxt.end
        yield tok.start, end


_KIN_WORDS_TEXT = """
    son daughter grandson granddaughter nephew niece child boy girl stepson stepdaughter baby
    toddler brother sister twin twins
"""
_KIN_WORDS = frozenset(_KIN_WORDS_TEXT.split())


def check_child(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    cleared = cleared_names(rules)
    spans: list[tuple[int, int]] = []
    # A child is a first name, or any capitalised word after "son", "daughter" …
    may_name_a_child = may_name_someone(source) or not _KIN_WORDS.isdisjoint(text.words)
    for start, end in _child_candidates(source, tokens(source)) if may_name_a_child else ():
        words = tuple(w.casefold() for w in source[start:end].split())
        if len(words) > 1 and any(k[-len(words) :] == words for k in cleared):
            continue
        if text.text[end : end + 2] in ("'s", "’s"):
            continue
        after = _CHILD_AFTER.match(source, end)
        if after and _age_ok(next((g for g in after.groups() if g), None)):
            at_school = _AT_SCHOOL.search(after.group())
            if at_school and _ADULT_BEFORE.search(source, max(0, start - 40), start):
                continue
            spans.append((start, after.end()))
            continue
        before = _CHILD_BEFORE.search(source, max(0, start - 40), start)
        if before and _age_ok(next((g for g in before.groups() if g), None)):
            spans.append((before.start(), end))
    findings = [Finding(CHILD, Severity.BLOCK, a, b, CHILD_REASON) for a, b in _dedupe(spans)]
    for i, image in enumerate(ctx.images):
        if image.shows_child and not image.consent:
            findings.append(Finding(CHILD, Severity.BLOCK, 0, 0, CHILD_IMAGE_REASON, image=i))
    return findings


REGISTRY: tuple[Registration, ...] = (
    Registration(
        NAME,
        "A private individual's name (title + name, or first + surname) not on the consent, "
        "staff or councillor lists",
        check_name,
    ),
    Registration(
        ADDR, "House number + street, or a private person placed on a street or estate", check_address
    ),
    Registration(
        POSTCODE,
        "Full UK postcode not on the organisation's list; blocks next to a person or a house number",
        check_postcode,
    ),
    Registration(VRM, "Vehicle registration number (current, prefix and suffix formats)", check_vrm),
    Registration(
        SPECIAL,
        "Health, disability, religion, ethnicity, sexuality or criminal-record information about a person",
        check_special,
    ),
    Registration(
        CHILD,
        "A child identified by name with an age, school or school year; an image of a child "
        "without recorded consent",
        check_child,
    ),
)
