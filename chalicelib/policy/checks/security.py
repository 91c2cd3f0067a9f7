"""Checks that protect places and people: door and alarm codes, passwords, and vulnerable locations.

A story about a home visit can carry the one detail that lets a stranger in (the key-safe code, the
Wi-Fi password pinned in the library office) or leads someone to a person hiding or living alone (the
refuge on Elm Road, the sheltered flats at 12 Oak Close). NCSC's advice on what not to publish and the
council's safeguarding duty both say these never go out, so both checks block, and their spans cover
the code or the location itself: that is what the submitter has to take out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..people import sentence_bounds
from ..registry import Registration
from ..rules import OrgRules
from ..words import first_characters, word_pattern
from .addresses import BARE_STREET, ESTATE, POSTCODE_RE, STREET, STREET_ENDS, house_addresses
from .code_shapes import codes_in_sentences

CODE = "SEC-CODE"
VULN = "SEC-VULN"

CODE_REASON = (
    "This looks like a door, key-safe, alarm or gate code, a PIN or a password. Remove it, and tell "
    "whoever manages it to change it if the story has been shared already: anyone who reads it could "
    "use it."
)
VULN_REASON = (
    "This gives the location of a refuge, sheltered or supported housing, or the home of a vulnerable "
    'person. Remove the street, number or landmark: say only the town or "in the borough".'
)

# --- codes and passwords --------------------------------------------------------------------------

_CODE_VALUE = r"(?P<value>[#*]?\d{3,8}[#*]?|[A-Z]\d{3,7}[A-Z#*]?|\d(?:[- ]\d){3,7}(?![\d-]))"
# What a code opens. "Number" only where nothing else can be meant ("key safe number", not "door number").
_LOCKED = (
    r"(?:(?:front|back|side|main|staff|entrance|garage|bin\s+store|store|building|office|fire\s+exit"
    r"|car\s+park|compound|depot|yard|cupboard|cabinet|room|house)\s+)?"
    r"(?:door|doors|keypad|key[\s-]?safe|key\s+box|lock\s*box|lock|alarm|gate|padlock|entry|access"
    r"|cupboard|locker|safe|intercom|shutter|barrier|bike\s+shed|bin\s+store|fob)"
)
# "The alarm PIN for the pool plant room is 6604": what the code opens may sit between.
_FOR_WHAT = r"(?:\s+(?:for|to|on|of)\s+(?:the\s+|our\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?(?=\s+(?:is|was)\b))?"
_KEYWORD_CODE = re.compile(
    first_characters(
        "abcdefghiklmoprsy",
        rf"\b{_LOCKED}\s+(?:entry\s+|access\s+|security\s+)?(?:code|codes|combination|combo|pin|pin\s+number|passcode)"
        rf"{_FOR_WHAT}(?:\s+(?:is|was|will\s+be|are|now|number|no\.?|of)|\s*[:=–-])*\s*[\"'“‘(]?{_CODE_VALUE}(?![\w%])",
    ),
    re.IGNORECASE,
)
_LOCK_ITSELF = re.compile(
    rf"\b(?:key[\s-]?safe|keysafe|key\s+box|lock\s*box|keypad|padlock|combination\s+lock)"
    rf"(?:\s+(?:number|no\.?))?(?:\s+(?:is|was|set\s+to|reads|opens\s+with)|\s*[:=–-])?\s*[\"'“‘(]?{_CODE_VALUE}(?![\w%])",
    re.IGNORECASE,
)
# A bare "code is 1234" counts only when the sentence (or the one before) is about something locked.
_BARE_CODE = re.compile(
    rf"(?<![\w-])(?:the\s+|new\s+)?(?:code|combination|combo|pin|passcode){_FOR_WHAT}(?:\s+(?:is|was|will\s+be|now)|\s*[:=–-])+"
    rf"\s*[\"'“‘(]?{_CODE_VALUE}(?![\w%])",
    re.IGNORECASE,
)
_LOCKED_NEARBY = re.compile(
    rf"\b{_LOCKED}\b|\b(?:let\s+(?:yourself|themselves|ourselves)\s+in|get\s+in|entrance)\b", re.IGNORECASE
)
_NOT_A_LOCK_CODE = word_pattern(
    "post dress discount promo promotional voucher booking reference ref tax sort area dialling"
    r" source colour qr bar highway zip country course product offer access\s+to\s+the\s+course",
    after=r"\s*$",
)
_PIN = re.compile(
    rf"\bPIN(?:\s+(?:number|code))?{_FOR_WHAT}(?:\s+(?:is|was)|\s*[:=–-])?\s*{_CODE_VALUE}(?![\w%])"
)
_PASSWORD = re.compile(
    r"\b(?:(?:wi-?fi|wireless|network|router|guest|login|log-in|account|computer|laptop|system|tablet"
    r"|admin|door|alarm|staff)\s+)?"
    r"(?:password|passwords|passcode|pass\s+code|passphrase|pw|pwd|network\s+key|wpa2?\s+key"
    r"|wi-?fi\s+(?:code|key|login))"
    r"(?P<sep>\s+(?:is|was|will\s+be|are|now|for\s+\w+\s+is)\s*:?|\s*[:=–-])\s*"
    r"(?:[\"'“‘](?P<quoted>[^\"'”’\n]{3,64})[\"'”’]|(?P<token>[^\s\"'“”‘’]{3,64}))",
    re.IGNORECASE,
)
# Words that follow "the password is" in a sentence about passwords rather than a password itself.
_ORDINARY_WORDS_TEXT = """
    a an the on at in from by for to of and or but not no is are was be been being being has have had
    will can could should must may available displayed shown printed changed reset changing updated
    free open public secure safe strong weak required needed given ask asking please case sensitive
    below above here there this that these those same different your our their his her my its
    protected managed kept stored written what which who how why when where now new old never always
    keep make use dont don't do remember choose pick create
"""
_NOT_A_PASSWORD = frozenset(_ORDINARY_WORDS_TEXT.split())


def _password_value(m: re.Match[str]) -> tuple[int, int] | None:
    if m.group("quoted"):
        return m.start("quoted"), m.end("quoted")
    token = m.group("token").rstrip(".,;:!?)")
    if not token or token.lower() in _NOT_A_PASSWORD or len(token) < 4:
        return None
    explicit = any(c in m.group("sep") for c in ":=")
    # A real password has a digit, a symbol or a capital inside it; a bare word needs a colon first.
    looks_secret = (
        any(c.isdigit() for c in token)
        or any(not c.isalnum() for c in token)
        or any(c.isupper() for c in token[1:])
    )
    if not (looks_secret or explicit):
        return None
    if token.startswith(("http", "www.")):
        return None
    return m.start("token"), m.start("token") + len(token)


# What a code unlocks, named anywhere before it in the same clause: "the door code to the depot has
# changed to 1984#", "the key safe by the side door is now 0917", "New Wi-Fi password for the staff
# room is Bookworm2024!". The thing named, a verb that gives a value, then something code-like.
_UNLOCKS = (
    r"(?:door|doors|gate|gates|key[\s-]?safe|keysafe|key\s+box|lock\s*box|lockbox|keypad|padlock|alarm"
    r"|wi-?fi|wireless|password|passcode|pin|login|log-in|logon)"
)
_GIVES_WORD = (
    r"(?:is|are|was|were|will\s+be|has\s+been|have\s+been|now|still|currently|(?:has\s+|have\s+)?"
    r"(?:changed|changes|change|set|reset|updated|gone|moved|switched)\s+(?:back\s+)?to|opens\s+with"
    r"|(?:key|punch|type|tap)\s+in|enter)\b"
)
_GIVES = rf"(?:[^\S\n]+{_GIVES_WORD}|[^\S\n]*[:=])(?:[^\S\n]+{_GIVES_WORD})*[^\S\n]*[:=]?[^\S\n]*"
# A code: digits (with # or *), or a password-like word with a digit in it ("Bookworm2024!"),
# perhaps after a user name ("frontdesk / Spring2026!").
_CODE_LIKE = (
    r"(?:[\w.@-]+\s*/\s*)?[\"'“‘]?(?P<value>[#*]?\d{3,8}[#*]?(?![\d,.]\d)"
    r"|(?=[^\s\"'”’]*\d)(?=[^\s\"'”’]*[A-Za-z]{3})[A-Za-z0-9][A-Za-z0-9!#$%&*?@_-]{4,40}[A-Za-z0-9!#*?])"
)
# What may follow a code: the end of the clause or a joining word, never a unit ("150 years old").
_AFTER_CODE = (
    r"(?=\s*(?:$|[^\w\s£$%-])|\s+(?:so|and|if|from|for|until|till|to|when|but|or|on|at|please|then"
    r"|this|today|tomorrow|now|again|by|as|after|before|while|not|instead|each|every|with)\b)"
)
_UNLOCKS_THEN_CODE = re.compile(
    first_characters(
        "adgklpw", rf"\b{_UNLOCKS}\b,?(?:[^\S\n]+[^\s\d.!?;:]+){{0,7}}?{_GIVES}{_CODE_LIKE}{_AFTER_CODE}"
    ),
    re.IGNORECASE,
)
# Values that are a time, an ordinal, a measure or a year, not a code: "10am", "21st", "2024-25".
_NOT_CODE_VALUE = re.compile(
    r"\d+(?:am|pm|st|nd|rd|th|mm|cm|km|kg|mph|ft|hrs?|mins?|s)|\d{4}-\d{2,4}|(?:19|20)\d\d", re.IGNORECASE
)


def _code_spans(text: NormalisedText) -> Iterator[tuple[int, int]]:
    source, words, digits = text.text, text.words, text.digit_count
    # Each pattern runs only on a story with its own words (see _PATTERN_WORDS) and the digits its
    # value needs: a story with "door" in it and no digits is done after the password pattern's test.
    if digits and not _UNLOCKS_WORDS.isdisjoint(words):
        for m in _UNLOCKS_THEN_CODE.finditer(source):
            value = m.group("value")
            if _NOT_CODE_VALUE.fullmatch(value):
                continue
            yield m.start("value"), m.end("value")
    if digits >= 3:
        yield from _code_value_spans(source, words)
    if not _PASSWORD_WORDS.isdisjoint(words):
        for m in _PASSWORD.finditer(source):
            span = _password_value(m)
            if span is not None:
                yield span


def _code_value_spans(source: str, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """The patterns whose value is a _CODE_VALUE, which has at least three digits."""
    for pattern, needs in (
        (_KEYWORD_CODE, _KEYWORD_CODE_WORDS),
        (_LOCK_ITSELF, _LOCK_ITSELF_WORDS),
        (_PIN, _PIN_WORDS),
    ):
        if needs.isdisjoint(words):
            continue
        for m in pattern.finditer(source):
            yield m.start("value"), m.end("value")
    if _BARE_CODE_WORDS.isdisjoint(words):
        return
    for m in _BARE_CODE.finditer(source):
        if _NOT_A_LOCK_CODE.search(source, max(0, m.start() - 25), m.start()):
            continue
        s_start, s_end = sentence_bounds(source, m.start())
        prev_start, _ = sentence_bounds(source, max(0, s_start - 2))
        if _LOCKED_NEARBY.search(source, prev_start, s_end):
            yield m.start("value"), m.end("value")


# Every match of the patterns above has one of these as a whole word, or (where the value may follow
# with no space, "codeA123") one of them with a letter added, so a story without any is done at once.
_CODE_KEYWORDS_TEXT = """
    code codes combination combo pin passcode key keysafe lock lockbox keypad padlock password
    passwords pass passphrase pw pwd wpa wi fi wifi login logon log door doors gate gates alarm
    wireless box laptop laptops lockbox keysafes padlocks pins logins passcodes alarms locks computer
    computers tablet tablets router locker lockers intercom shutter shutters barrier barriers entrance
    entry shed store fob credentials logons passphrase combinations combos keypads safe safes cabinet
    keycode keycodes doorcode gatecode entrycode accesscode
"""
_CODE_KEYWORDS = frozenset(_CODE_KEYWORDS_TEXT.split())
_GLUED = (
    "code",
    "codes",
    "combination",
    "combo",
    "pin",
    "passcode",
    "keysafe",
    "lockbox",
    "keypad",
    "padlock",
)
_CODE_WORDS = _CODE_KEYWORDS | {w + c for w in _GLUED for c in "abcdefghijklmnopqrstuvwxyz"}


def _words(words: str, *, glued: bool = False) -> frozenset[str]:
    """``words``, and with ``glued`` those of them that a value may follow with no space ("codeA123")
    with a letter added: the runs of letters (lower-cased) a match starting with one of them has."""
    listed = frozenset(words.split())
    if not glued:
        return listed
    return listed | {w + c for w in listed if w in _GLUED for c in "abcdefghijklmnopqrstuvwxyz"}


# The first word of what each pattern needs, as the story's ``words`` have it: _UNLOCKS whole, the
# code words of _KEYWORD_CODE (its _LOCKED words are optional in part), the lock of _LOCK_ITSELF,
# "PIN", the code words of _BARE_CODE, and the password words of _PASSWORD (its prefix is optional).
# Each set is a part of _CODE_WORDS.
_UNLOCKS_WORDS = _words(
    "door doors gate gates key keysafe lock lockbox keypad padlock alarm wi wifi wireless password passcode"
    " pin log login logon"
)
_KEYWORD_CODE_WORDS = _words("code codes combination combo pin passcode", glued=True)
_LOCK_ITSELF_WORDS = _words("key keysafe lock lockbox keypad padlock combination", glued=True)
_PIN_WORDS = _words("pin", glued=True)
_BARE_CODE_WORDS = _words("code combination combo pin passcode")
_PASSWORD_WORDS = _words("password passwords passcode pass passphrase pw pwd network wpa wi wifi")


_SYMBOL = re.compile(r"[A-Za-z][#*$@%&]|[A-Za-z][!?] [a-z(]")


def check_code(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if _CODE_WORDS.isdisjoint(text.words):
        return []
    spans = sorted(
        {
            *_code_spans(text),
            # Every code the sentence reading finds has a digit or a symbol in it.
            *(codes_in_sentences(text.text) if text.digit_count or _SYMBOL.search(text.text) else ()),
        }
    )
    out: list[Finding] = []
    for start, end in spans:
        if out and start < out[-1].end:
            continue
        out.append(Finding(CODE, Severity.BLOCK, start, end, CODE_REASON))
    return out


# --- vulnerable locations -------------------------------------------------------------------------

_FACILITY = re.compile(
    first_characters(
        "abcdehmnrsw",
        r"\b(?:(?:women['’]?s|domestic\s+(?:abuse|violence)|men['’]?s|dv)\s+refuges?"
        r"|(?<!pedestrian\s)(?<!traffic\s)(?<!crossing\s)(?<!central\s)(?<!wildlife\s)(?<!nature\s)"
        r"(?<!bird\s)(?<!storm\s)refuges?(?!\s+(?:island|islands|from)\b|\s+for\s+(?!women|families|survivors"
        r"|victims|men|people|those|anyone|residents)\w)"
        r"|safe\s+houses?|sheltered\s+(?:housing|accommodation|flats?|bungalows?|schemes?|homes?|living)"
        r"|supported\s+(?:housing|living|accommodation|flats?|lodgings|homes?|tenancies)"
        r"|extra[- ]care\s+(?:housing|schemes?|flats?|homes?)|homeless(?:ness)?\s+hostels?"
        r"|move-on\s+accommodation"
        r"|half-?way\s+houses?|bail\s+hostels?|approved\s+premises|children['’]?s\s+homes?"
        r"|hostels?\s+for\s+(?:care\s+leavers|homeless\s+\w+|rough\s+sleepers|young\s+people|ex-offenders"
        r"|women|families|people\s+leaving\s+\w+|vulnerable\s+\w+|adults|men|refugees|asylum\s+seekers"
        r"|people\s+with\s+\w+|people\s+in\s+recovery|those\s+\w+ing)|care\s+leavers?['’]?\s+hostels?"
        r"|(?:women['’]?s|domestic\s+(?:abuse|violence)|homeless|night|emergency)\s+shelters?"
        r"|care\s+leavers?['’]?\s+(?:flats?|accommodation|housing))\b"
        # "The supported living team at the Civic Centre" is a service, not where anyone lives.
        r"(?!\s+(?:team|teams|service|services|officers?|staff|workers?|managers?|strategy|policy|panel"
        r"|providers?|helpline|line|charity|network|forum|review|budget|contract|coordinator)\b)",
    ),
    re.IGNORECASE,
)
# Facilities whose sites are published anyway when the council plans or builds them.
_PUBLIC_WHEN_PLANNED = re.compile(r"^(?:sheltered|supported|extra)", re.IGNORECASE)
_PLANNING = re.compile(
    r"\b(?:planning|approved|application|construction|built|building\s+work|developer|development"
    r"|plans?|proposed|consultation|site\s+of\s+the\s+former)\b",
    re.IGNORECASE,
)
_LANDMARK = (
    r"(?:next\s+to|opposite|behind|beside|above|across\s+from|round\s+the\s+corner\s+from)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’&-]*|[a-z]+)(?:\s+[A-Z][\w'’&-]*){0,3}"
)
_LOCATION = re.compile(
    first_characters(
        "A-Zabinor",
        rf"(?:\b(?:on|in|at|off|along|near|by|of)\s+(?:the\s+)?(?:corner\s+of\s+)?)?"
        rf"(?P<loc>{STREET}|{ESTATE.pattern}|{POSTCODE_RE.pattern})"
        rf"|\b(?:on|off|along)\s+(?P<bare>{BARE_STREET})|\b(?P<landmark>{_LANDMARK})",
    ),
)
_HOME = re.compile(
    r"\b(?:(?:her|his|their)\s+(?:own\s+)?(?:home|house|flat|bungalow|maisonette|place)"
    r"|(?:she|he|who)\s+(?:still\s+|now\s+)?(?:lives?|lived|is\s+living|has\s+lived)"
    r"|lives?\s+alone|living\s+alone)\b",
    re.IGNORECASE,
)
_VULNERABLE = re.compile(
    r"\b(?:lives?\s+alone|living\s+alone|on\s+(?:her|his|their)\s+own|frail|vulnerable|housebound"
    r"|bed-?bound|disabled|dementia|alzheimer['’]?s|blind|partially\s+sighted|deaf|widow(?:ed|er)?|isolated"
    r"|lonely|fleeing|fled|domestic\s+abuse|abusive|abuse|hoarding|self-neglect|in\s+(?:her|his)\s+(?:80s|90s)"
    r"|(?:8\d|9\d|1[01]\d)[- ]year[- ]old|aged\s+(?:8\d|9\d|1[01]\d)|care\s+leaver|safeguarding)\b",
    re.IGNORECASE,
)


# "a vulnerable tenant at 97 Primrose Close", "a housebound pensioner at Flat 7, 73 Station Road".
_PERSON_AT = re.compile(
    r"\b(?:tenant|resident|pensioner|neighbour|man|woman|lady|gentleman|widow|widower|client|couple"
    r"|householder|homeowner)\s+(?:who\s+lives\s+)?(?:at|on|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _locations(source: str) -> Iterator[tuple[int, int]]:
    """Street-level places: a house address, a street, an estate, a postcode or "next to the Co-op"."""
    taken: list[tuple[int, int]] = []
    for m in house_addresses(source):
        taken.append((m.start(), m.end()))
        yield m.start(), m.end()
    for m in _LOCATION.finditer(source):
        group = next(g for g in ("loc", "bare", "landmark") if m.group(g))
        start, end = m.start(group), m.end(group)
        if any(a <= start < b or start <= a < end for a, b in taken):
            continue
        yield start, end


# The words every match of _FACILITY has, and those every match of _VULNERABLE has (but "in her
# 80s", which has "0s"): a finding needs one or the other.
_FACILITY_WORDS_TEXT = """
    refuge refuges safe sheltered supported extra hostel hostels move accommodation half halfway
    premises home homes leaver leavers shelter shelters
"""
_FACILITY_WORDS = frozenset(_FACILITY_WORDS_TEXT.split())
# Those that are a facility's on their own; the rest ("home", "safe", "half", "extra") are in a match
# only beside another word, and "home" is in many stories that name no facility.
_FACILITY_SURE_WORDS = _FACILITY_WORDS - frozenset(["home", "homes", "safe", "half", "move", "extra"])
_HOUSE_WORDS = frozenset(["house", "houses"])
_CHILDREN_WORDS = frozenset(["children", "childrens"])


def _may_have_facility(words: frozenset[str]) -> bool:
    """False when no match of _FACILITY can be in a story with these words: each has one of the sure
    words, or "safe"/"half" and "house(s)" (a safe house, a half-way house), "extra" and "care" (extra
    care housing), or "children" and "home(s)" (a children's home)."""
    if not _FACILITY_SURE_WORDS.isdisjoint(words):
        return True
    if not _HOUSE_WORDS.isdisjoint(words) and ("safe" in words or "half" in words):
        return True
    return ("extra" in words and "care" in words) or (
        not _CHILDREN_WORDS.isdisjoint(words) and ("home" in words or "homes" in words)
    )


_VULNERABLE_WORDS_TEXT = """
    live lives living own frail vulnerable housebound bed bedbound disabled dementia alzheimer
    alzheimers blind partially deaf widow widowed widower isolated lonely fleeing fled domestic
    abusive abuse hoarding self year aged care safeguarding
"""
_VULNERABLE_WORDS = frozenset(_VULNERABLE_WORDS_TEXT.split())
# The words every match of _HOME or _PERSON_AT has.
_HOME_WORDS_TEXT = """
    home house flat bungalow maisonette place live lives lived living tenant resident pensioner neighbour
    man woman lady gentleman widow widower client couple householder homeowner
"""
_HOME_WORDS = frozenset(_HOME_WORDS_TEXT.split())


# What a place in _locations needs: a digit (a house number, a postcode), a word a street or estate
# ends with, or a landmark word; streets such as "Kingsway" are matched on their ending.
_PLACE_ENDS_TEXT = """
    Crescent Green Avenue Drive Close Grove Paddock Paddocks Meadows Parade Square Mall Chase Croft
    Mews Oval Spinney Maltings Orchard Willows Limes Laurels Hollies Beeches Coppice Circle
"""
_PLACE_ENDS = STREET_ENDS | frozenset(_PLACE_ENDS_TEXT.split())
_LANDMARK_WORDS = frozenset(["next", "opposite", "behind", "beside", "above", "across", "round"])
_WAY_OR_GATE = re.compile(r"[a-z](?:way|gate)(?![\w'’-])")


def _may_have_place(text: NormalisedText) -> bool:
    return (
        text.digit_count > 0
        or not _PLACE_ENDS.isdisjoint(text.cased_words)
        or not _LANDMARK_WORDS.isdisjoint(text.words)
        or _WAY_OR_GATE.search(text.text) is not None
    )


def check_vulnerable_location(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    words = text.words
    facility_words = _may_have_facility(words)
    if not facility_words and _VULNERABLE_WORDS.isdisjoint(words) and "0s" not in source:
        return []
    findings: list[Finding] = []
    # A place found below is reported only with a facility or a person's home near it: a story with
    # neither's words has no such place.
    vulnerable_words = not _VULNERABLE_WORDS.isdisjoint(words) or "0s" in source
    near = facility_words or not _HOME_WORDS.isdisjoint(words)
    for start, end in _locations(source) if near and _may_have_place(text) else ():
        s_start, s_end = sentence_bounds(source, start)
        # Every match of _FACILITY has one of its words: a story without them is spared the scan.
        facility = _FACILITY.search(source, s_start, s_end) if facility_words else None
        if facility is not None:
            if _PUBLIC_WHEN_PLANNED.match(facility.group()) and _PLANNING.search(source, s_start, s_end):
                continue
            if _is_site(source, start, end, rules):
                continue
            findings.append(Finding(VULN, Severity.BLOCK, start, end, VULN_REASON))
            continue
        # A person's home on a street, with something that makes them vulnerable said nearby.
        home = _HOME.search(source, max(s_start, start - 60), start) or _PERSON_AT.search(
            source, max(s_start, start - 50), start
        )
        if home is None:
            continue
        prev_start, _ = sentence_bounds(source, max(0, s_start - 2))
        if vulnerable_words and _VULNERABLE.search(source, prev_start, s_end):
            findings.append(Finding(VULN, Severity.BLOCK, start, end, VULN_REASON))
    taken = [(f.start, f.end) for f in findings]
    for start, end in _named_places(source, words):
        if any(a < end and start < b for a, b in taken) or _is_site(source, start, end, rules):
            continue
        findings.append(Finding(VULN, Severity.BLOCK, start, end, VULN_REASON))
    return sorted(findings, key=lambda f: f.start)


# A street whose ending is not one we know ("Larch Fork", "Ash Landing", "Kirkby Rest"): after a refuge
# or a vulnerable person's home, "on" and a capitalised word or two, or "in"/"at" and two, is where they
# are. A single word after "in" or "at" is a town ("supported housing in Reigate"), which may be said.
_NAMED_PLACE = re.compile(
    r"(?:[ \t]+(?:for|of|with|run|used|where|that|which|called|known|[a-z]+ing|[a-z]+ed|by|the|our|new|old"
    r"|young|care|leavers?|women|men|people|families|adults|scheme|schemes|flats?|homes?|house|block|unit"
    r"|building|site)\b){0,5}?[ \t]+(?:(?P<on>on|off|along)|in|at)[ \t]+"
    r"(?P<place>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})"
)
_PERSON_THERE = re.compile(
    first_characters(
        "cghlmnprstw",
        r"\b(?:tenant|resident|pensioner|neighbour|man|woman|lady|gentleman|widow|widower|client|couple"
        r"|householder|homeowner|(?:she|he|who)\s+(?:still\s+|now\s+)?(?:lives?|lived|is\s+living|has\s+lived))"
        r"(?=[ \t]+(?:who\s+lives\s+)?(?:on|off|in|at)[ \t])",
    ),
    re.IGNORECASE,
)
# Capitalised words after "in"/"at" that name a town, an area or a building, not a street.
_NOT_A_STREET_TEXT = """
    North South East West Central Greater Upper Lower City Town Borough County Council Centre Center
    Library Hall Hospital School College University Church Station Airport Museum Theatre Market Shopping
    Leisure Civic Village January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter
"""
_NOT_A_STREET_WORD = frozenset(_NOT_A_STREET_TEXT.split())


def _named_places(source: str, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    starts: list[int] = []
    if _may_have_facility(words):
        for m in _FACILITY.finditer(source):
            s_start, s_end = sentence_bounds(source, m.start())
            if not (_PUBLIC_WHEN_PLANNED.match(m.group()) and _PLANNING.search(source, s_start, s_end)):
                starts.append(m.end())
    if not _VULNERABLE_WORDS.isdisjoint(words) or "0s" in source:
        starts += [m.end() for m in _PERSON_THERE.finditer(source) if _vulnerable_near(source, m.start())]
    for at in starts:
        place = _NAMED_PLACE.match(source, at)
        if place is None:
            continue
        names = place.group("place").split()
        if place.group("on") is None and len(names) < 2:
            continue
        if names[0] in _NOT_A_STREET_WORD or names[-1] in _NOT_A_STREET_WORD:
            continue
        yield place.start("place"), place.end("place")


def _vulnerable_near(source: str, pos: int) -> bool:
    s_start, s_end = sentence_bounds(source, pos)
    prev_start, _ = sentence_bounds(source, max(0, s_start - 2))
    return _VULNERABLE.search(source, prev_start, s_end) is not None


def _is_site(text: str, start: int, end: int, rules: OrgRules) -> bool:
    found = " ".join(text[start:end].casefold().split())
    return any(found in " ".join(s.casefold().split()) for s in rules.allow.sites)


REGISTRY: tuple[Registration, ...] = (
    Registration(CODE, "Door, keypad, key-safe, alarm, gate or Wi-Fi codes, passwords and PINs", check_code),
    Registration(
        VULN,
        "Location of a refuge, sheltered or supported housing, or a vulnerable resident's home",
        check_vulnerable_location,
    ),
)
