"""Someone identifiable by what sets them apart rather than by name, for TONE-DEFAME.

A social-media handle ("@QuickFixRoofs"); a person or trade with a detail that picks one out: a
plate, a badge, a stall, a vehicle, a bus route ("the taxi driver on plate 217", "the fella on stall 14
at the Bullring market", "the lad in the white Transit", "the ginger driver on the early 42 bus"); an
officer for a named area ("the housing officer for the Ardnagh estate"); a first name with a department
or a role ("Mark in finance", "Kevin the supervisor"); a business by its name and trade ("Crumbs bakery"),
or by words run together ("TreeWise", "bargain_barn_kent"), or by its owner's name ("Fenwick's pig unit");
a shop or pub by its one name and its place ("the Spar on Tregenna Hill"); a business by its name before
"of" a place or a business's word before "Park" (``business_of_place``); a role a named place picks out
("the Elm Park bowls club treasurer"); the office of a body by its name ("the clerk to Ashby Parva Parish
Council", "the social club's new treasurer"); someone known by a habit or a thing they have, with no place
named ("the bloke who runs the kebab van on the market square", "the dog walker with the yellow van"), or
said to be known to everyone.
``allegation`` asks these as it asks names and roles at named places.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..normalise import lower_runs
from ..people import AMBIGUOUS_FIRST_NAMES, is_first_name

_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_]{2,}")

_PERSON = (
    r"driver|cabbie|lad|fella|feller|bloke|chap|man|woman|guy|lady|girl|boy|seller|trader|stallholder|cleaner"
    r"|loader|warden|inspector|fitter|mechanic|builder|roofer|plumber|electrician|sparky|courier|postie"
    r"|postman|porter|guard|bouncer|doorman|attendant|conductor|instructor|coach|owner|manager|landlord"
)
_DETAIL = (
    r"plate|badge|stall|pitch|reg|registration|round|route|bus|van|transit|car|corsa|fiesta|golf|hilux|bmw"
    r"|audi|merc|mercedes|skoda|taxi|cab|lorry|truck|scooter|moped|ponytail|tattoo|beard|cap|hat|jacket"
    r"|hi-vis|hoodie|tracksuit|glasses|moustache|parka|coat|staffy|dreadlocks|mohican|limp|anorak|fleece|gilet"
    r"|overalls|beanie|sprinter|jeep|luton|berlingo|transporter|pickup|sticker|lurchers?|staffie|springers?"
)
_PICKED_OUT = re.compile(
    rf"(?i:\b(?:the|that|this)\s+(?:[a-z][\w'’-]*\s+){{0,2}}?(?:{_PERSON})s?"
    rf"(?:\s+(?:with|on|in|from|of|driving|who\s+drives)\s+(?:the\s+|his\s+|her\s+)?(?!an?\s)"
    rf"(?:[\w'’-]+\s+){{0,2}}?(?:(?:{_DETAIL})\b|\d)"
    # or, after a comma, the one with …: "the driver on the early 59, the one with the neck tattoo"
    rf"|\s+(?:on|in)\s+the\s+(?:early|late|first|last|night|morning)\b))"
    # a vehicle's registration: "reg starts YR19", "private hire badge 2231"
    r"|(?i:\b(?:reg|registration)\s+(?:number\s+)?(?:starts?\s+|starting\s+(?:with\s+)?)?)[A-Z]{2}\d{2}"
    r"|(?i:\bbadge\s+(?:no\.?\s*)?)\d{2,}"
    # or by how it ends: "reg ending KFX", "registration ends in 4ZT"
    r"|(?i:\b(?:reg|registration)\s+(?:number\s+|plate\s+)?(?:ending|ends)\s+(?:with\s+|in\s+)?)[A-Z0-9]{2,4}\b"
)
# The roles that have an area ("the warden for the Ardnagh estate"): the pattern's and its prefilter's.
_AREA_ROLES = (
    "officer|manager|warden|inspector|supervisor|caretaker|coordinator|co-ordinator|rep|representative|ranger"
    "|councillor|surveyor|engineer"
)
_AREA_OFFICER = re.compile(
    rf"(?i:\bthe\s+(?:[a-z]+\s+){{0,2}}?(?:{_AREA_ROLES})\s+(?:for|on|of|at)\s+(?:the\s+)?)"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?i:estate|area|ward|round|district|patch|site|depot|office|team)"
    r"|(?i:north|south|east|west|central)\w*\s+(?i:area|district|patch|ward|round))\b"
)
_FIRST_THEN_ROLE = re.compile(
    r"\b([A-Z][a-z]{2,})(?:,\s+|\s+)(?:(?:in|from)\s+(?:HR|IT|finance|payroll|accounts|reception|procurement"
    r"|housing|planning|legal|comms|facilities|stores|fleet|admin|highways|parks|waste|licensing|revenues"
    r"|benefits|catering|maintenance|the\s+(?:[a-z]+\s+)?(?:team|office|department))\b"
    r"|(?:the|our)\s+(?:[a-z]+\s+){0,2}?(?:supervisor|manager|chair|chairman|treasurer|secretary|caretaker"
    r"|driver|loader|foreman|boss|owner|landlord|warden|officer|coordinator|co-ordinator|clerk)\b)"
)
_NAME_AND_TRADE = re.compile(
    # not "The bakery", "Our garage": a determiner names no business
    r"\b(?!(?:The|This|That|These|Those|Our|My|Your|Their|His|Her|Its|A|An|Any|Every|Some|No|One)\s)"
    r"[A-Z][\w'’&-]+\s+(?:bakery|garage|takeaway|chippy|cafe|café|salon|barbers|butchers|nursery|pharmacy"
    r"|launderette|kennels|cattery|motors|autos|removals|roofing|plumbing|builders|cars|taxis|lettings"
    r"|nightclub|restaurant|deli|brewery|gym|bistro|diner|scaffolding|skips|landscaping|clearances|electrical"
    r"|joinery|fencing|driveways|glazing|kitchens)\b"
    # a business by its owner's name: "Fenwick's pig unit", "Briggs' caravan park"
    r"|\b[A-Z][a-z]+(?:['’]s|s['’])\s+(?:[a-z]+\s+)?(?:farm|unit|yard|garage|caravan\s+park|shop|stall|van|cafe"
    r"|café|salon|kennels|cattery|chippy|takeaway|scrapyard|nursery|stables)\b"
)


def _words_of(pattern: str) -> frozenset[str]:
    """The plain words of an alternation above ("driver|cabbie|…"), lower case."""
    return frozenset(w for w in re.findall(r"[a-z]+", pattern.lower()) if len(w) > 1)


# The words each pattern cannot match without: a window with none of them is not searched.
_PICK_KEYS = _words_of(_PERSON) | {w + "s" for w in _words_of(_PERSON)} | {"reg", "registration", "badge"}
_AREA_KEYS = lower_runs(_AREA_ROLES.replace("|", " "))
_ROLE_KEYS = _words_of(_FIRST_THEN_ROLE.pattern) - {"in", "from", "the", "our", "s"}
_TRADE_KEYS = _words_of(_NAME_AND_TRADE.pattern) - {"z", "a"}


# A shop, pub or firm by its one name and where it is: "the Spar on Tregenna Hill", "the Bell in Horsham",
# "the Co-op on Mill Street"; not a place or a public body ("the Library on Elm Road", "the Council in May").
_THE_NAMED_AT = re.compile(
    r"\bthe\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:on|in|at)\s+"
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Christmas|Easter)[A-Z][a-z]"
)
_NOT_A_BUSINESS_TEXT = """
    Council Police Library Park Centre Center Station School Church Hospital Road Street Lane Market Square
    Green Estate Court Hall College University Academy Surgery Office Depot Team Museum Bridge Common Beach
    Pier Pool Mayor Queen King Government Agency Service Services Department Fire Ambulance NHS Army Navy
    Magistrates Trust Board Ward Town City Borough Village Parish County District Region Area
    Gardens Theatre Cathedral Chapel Mosque Temple Synagogue Cemetery Crematorium Airport Harbour Port
"""
_NOT_A_BUSINESS = frozenset(_NOT_A_BUSINESS_TEXT.split())


# Said to be known to all, which is what makes someone identifiable: "the developer on the old mill site,
# everyone knows who", "we all know which barmaid", "everyone down there knows it's him".
_KNOWN_TO_ALL = re.compile(
    r"(?i:\b(?:everyone|everybody|we\s+all|the\s+whole\s+(?:street|estate|town|village|road))"
    r"(?:\s+(?:round|down|up|in)\s+(?:here|there))?\s+knows?\s+(?:exactly\s+)?(?:who|which)\b)"
)
# The one office of a body named in lower case: "the community centre's new chair", "the club's treasurer".
_BODYS_OFFICE = re.compile(
    r"(?i:\bthe\s+(?:[a-z]+\s+){0,2}?(?:centre|club|association|society|trust|church|committee|charity"
    r"|group|pantry|hub|league|team|scheme)['’]s\s+(?:new\s+|former\s+|old\s+)?(?:chair|chairman|chairwoman"
    r"|treasurer|secretary|manager|caretaker|president|captain|coach|coordinator|co-ordinator|organiser)\b)"
)


def described_people(window: str) -> list[tuple[int, int]]:
    """The spans in ``window`` of someone picked out by a handle, a detail, an area, a department or a
    role after a first name, or a business by its name and trade."""
    words = lower_runs(window)
    out = [m.span() for m in _HANDLE.finditer(window)] if "@" in window else []
    if not words.isdisjoint(_PICK_KEYS):
        out += [m.span() for m in _PICKED_OUT.finditer(window)]
    if not words.isdisjoint(_AREA_KEYS):
        out += [m.span() for m in _AREA_OFFICER.finditer(window)]
    if not words.isdisjoint(_ROLE_KEYS):
        out += [
            m.span()
            for m in _FIRST_THEN_ROLE.finditer(window)
            # a first name that is also a word is one here: "Mark in finance", "Ken the caretaker"
            if is_first_name(m.group(1)) or m.group(1) in AMBIGUOUS_FIRST_NAMES
        ]
    if not words.isdisjoint(_TRADE_KEYS):
        out += [m.span() for m in _NAME_AND_TRADE.finditer(window)]
    if "the " in window:
        out += [
            m.span() for m in _THE_NAMED_AT.finditer(window) if m.group(1).split()[-1] not in _NOT_A_BUSINESS
        ]
    if "know" in window:
        out += [m.span() for m in _KNOWN_TO_ALL.finditer(window)]
    if "'s " in window or "’s " in window:
        out += [m.span() for m in _BODYS_OFFICE.finditer(window)]
    return out


# A business or an account by the shape of its name: a capital inside a word ("TreeWise", "StarCars",
# "VintageVibesLeeds"), or words joined by underscores ("retro_bargains_leeds"); not "McAllister".
_JOINED_NAME = re.compile(
    r"(?<![\w@.#])(?:(?!Ma?c[A-Z])[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+|[A-Za-z]+(?:_[A-Za-z0-9]+)+)"
    r"(?:(?=['’]s\b)|(?![\w'’]))"  # "FitNation's Harbour Street branch"
)
# A role that a named place picks out: "the Eastbourne Road parks team leader", "the Calder district dog
# warden", "the Falls Road food co-op's treasurer".
_PLACE_ROLE = re.compile(
    r"\b(?i:the)\s+(?:[A-Z][\w'’-]*\s+){1,3}((?:[a-z][\w-]*(?:['’]s)?\s+){0,3}[a-z][a-z-]+)\b"
)


def joined_names(window: str) -> list[tuple[int, int]]:
    """The spans in ``window`` of names that are words joined into one ("TreeWise", "bargain_barn")."""
    return [m.span() for m in _JOINED_NAME.finditer(window)]


# Agents in WordNet's sense that are places or bodies, not someone: "the Lisburn Road office".
_NOT_SOMEONE_TEXT = """
    office club supermarket shop store centre center company firm council school library church hospital
    group service services team department branch station market
"""
_NOT_SOMEONE = frozenset(_NOT_SOMEONE_TEXT.split())


_ENDS_A_ROLE_TEXT = """
    has have had is are was were and or but to of in on at for with who that will would can could did does
    do keeps been
"""
_ENDS_A_ROLE = frozenset(_ENDS_A_ROLE_TEXT.split())


def place_roles(window: str, is_role: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The spans in ``window`` of a role after a named place ("the Mill Lane parks supervisor");
    ``is_role`` says whether a lower-case word is a role or a trade."""
    out = []
    for m in _PLACE_ROLE.finditer(window):
        # The first of the few words after the place that is a role: "the Elm Park bowls club treasurer".
        at = m.start(1)
        for word in m.group(1).split():
            if word in _ENDS_A_ROLE or word.endswith("ed"):
                break  # "the Broadway car park helped police": past the words that name the one
            at = window.index(word, at)
            head = word[:-2] if word.endswith(("'s", "’s")) else word
            if head not in _NOT_SOMEONE and is_role(head):
                out.append((m.start(), at + len(word)))
                break
            at += len(word)
    return out


# Whoever lives, works or keeps something at a named place or address (not whoever did the wrong there,
# whom nobody knows): "whoever owns the grey mare on the common at Llanfair", "whoever runs the kebab van
# outside 14 Mill Street", "whoever owns 22 Victoria Terrace"; someone who does a named round or covers a
# named patch: "the window cleaner who does the Larkfield Close round", "the warden who covers Ward 7";
# something numbered that one person has: "stall 14", "plot 42", "lodge 7", "driver 14".
_WHOEVER = re.compile(
    r"(?i:\bwhoever(?:['’]s|\s+is)?\s+(?:owns|owned|runs|running|lives|living|in|at|has|drives|driving|flies"
    r"|works|working|manages|managing|rents|parks)\s+(?:[\w'’-]+\s+){0,12}?"
    r"(?:(?:at|on|in|from|outside|behind|opposite|near|by)\s+(?:the\s+)?(?:number\s+)?)?)[A-Z0-9]"
)
_WHO_DOES = re.compile(
    r"(?i:\b(?:the|that|this)\s+(?:[a-z][\w'’-]*\s+){0,3}?([a-z][a-z-]+)\s+(?:who|that)\s+"
    r"(?:does|did|covers|covered|runs|ran|takes|took|drives|drove|works|worked|manages|cleans|hangs\s+about)"
    r"\s+(?:the\s+)?)[A-Z0-9]"
)
# Someone a local knows by what they keep doing or have, with no place named (seventeenth session, from
# development sets 106-111): "the bloke who runs the kebab van on the market square", "the dog walker with
# the yellow van who does the big group walks on the common", "the removals outfit run by the
# ex-councillor's son", "the allotment holder on the end plot by the railway, the one with the union jack
# shed". A habit in the present tense picks one out; a past deed ("the man who dumped the sofa") does not:
# whoever did it is not known.
_WHERE_WORDS = r"by|on|at|in|near|behind|outside|off|opposite|round"  # "by the park"
# A word of what the habit is of or where it is, not the sentence going on: "the burger van", "the park".
_OBJECT_WORD = (
    r"(?!(?:has|have|had|is|was|are|were|will|would|keeps|kept|always|never|and|but|who|that|from|to|with"
    rf"|for|{_WHERE_WORDS})\b)[\"“]?[\w'’-]+[\"”]?"
)
# Where, after what: "runs the burger van by the park", "with the red car at the car boot".
_WHERE_TAIL = rf"(?:\s+(?:{_WHERE_WORDS})\s+the(?:\s+{_OBJECT_WORD}){{1,3}})?"
_KNOWN_BY_HABIT = re.compile(
    r"(?i:\b(?:the|that)\s+(?:[a-z][\w'’-]*\s+){0,3}?([a-z][a-z-]+)"
    r"(?:\s+(?P<habit>who|that)\s+(?:(?:always|still|usually|now|also|regularly)\s+)?"
    r"(?:runs?|owns?|manages?|does|drives?|books?|advertises?|lives?|works?|uses?|organises?|teaches?"
    r"|coaches?|delivers?|fits?|keeps?|sells?|rents?|lets|operates?|hires?|looks\s+after|cleans?|knocks?"
    r"|hangs?\s+(?:about|around)|covers?|leads?|chairs?|serves?|trades?|collects?|supplies|visits?)\b"
    rf"(?:\s+(?:the|a|an|his|her|their|its)(?:\s+{_OBJECT_WORD}){{1,3}})?{_WHERE_TAIL}"
    rf"|\s+(?:with|w/|w)\s+(?:the|a|an|his|her|their|two|three)(?:\s+{_OBJECT_WORD}){{1,3}}{_WHERE_TAIL}"
    r"|\s+(?:run|owned)\s+by\s+(?:the|a|an|his|her|their)\s))"
)
# A business by the landmark it stands by, which every local knows ("the chip shop by the bridge", "the
# vape shop right next to the bus station"; development sets 116 and 118): not a van or a person, which
# stand anywhere, and not "on" or "at", which say less where.
_LANDMARKS = (
    r"bridge|station|market|church|square|roundabout|park|school|library|river|canal|cathedral|castle"
    r"|hospital|precinct|crossroads|lights|crossing|high\s+st(?:reet)?|clock|memorial|green|common|pier"
    r"|harbour|quay|beach|prom|seafront|centre|post\s+office|town\s+hall|cemetery|bypass|rank|college|docks"
)
_BUSINESS_BY_LANDMARK = re.compile(
    r"(?i:\b(?:the|that)\s+(?:[a-z][\w'’&-]*\s+){0,3}?(?:shop|chippy|takeaway|pub|cafe|café|garage|salon"
    r"|barbers?|offy|off-licence|bookies|launderette|gym|hotel|stall|firm|newsagents?|chemist|pharmacy|practice"
    r"|surgery|nursery|dentists?|restaurant|hostel|home"
    r"|bakery|butchers?|florist|car\s+wash|carwash|nail\s+bar|tattooist|car\s+lot)\s+(?:right\s+)?"
    r"(?:by|next\s+to|opposite|outside|behind|beside|near|across\s+from)\s+the\s+(?:[a-z]+\s+)?"
    rf"(?:{_LANDMARKS})\b)"
)
# An office a few hold, picked out by whatever is said of its holder ("the councillor who opened our new
# children's corner", "the governor from St Cuthbert's who parks on the zig zags"), a councillor written in
# lower case ("cllr dawson"), and a family by its name and its street ("the Jacksons of Orchard Close").
_OFFICE_WHO = re.compile(
    r"(?i:\b(?:the|that|our)\s+(?:[a-z][\w'’-]*\s+){0,2}?(?:councillor|cllr|governor|mayor|vicar"
    r"|headteacher|headmaster|headmistress|mp|magistrate|alderman)\s+(?:(?:from|at|of)\s+(?:[\w'’-]+\s+){1,3}?)?"
    r"who\b)|\bcllrs?\.?\s+[a-z][a-z'’-]+"
)
_FAMILY_OF = re.compile(r"\b[Tt]he\s+[A-Z][a-z]+s\s+(?:of|at|from|in)\s+(?:number\s+)?[A-Z0-9]")
# An address, then who lives there: "Flat 3, 22 Carrick Street: tenant is subletting".
_ADDRESS_THEN_WHO = re.compile(
    r"\b\d{1,4}[a-z]?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\s*[:,-–—]\s*(?:the\s+)?"
    r"(?i:tenants?|occupiers?|owners?|residents?|landlord|landlady|householders?)\b"
)
# Heads that are anyone at all: so common that only a habit picks one out ("the man who runs the hog
# roast"), never a thing they have ("the man with a dog").
_ANYONE = frozenset({"person", "people", "man", "woman", "men", "women", "someone", "guy", "lad"})


def _picks_out(head: str, habit: bool, is_role: Callable[[str], bool]) -> bool:
    """Whether ``head`` of a _KNOWN_BY_HABIT match, by a habit (``habit``) or a thing, is someone."""
    if head == "one":
        return True  # "the one with the union jack shed"
    if head in _ANYONE:
        return habit
    return head != "head" and is_role(head)  # "head" is also the body's ("over the head with a pan")


# "A certain …": the writer says they know who, and leaves the reader to say it ("a certain parish
# councillor with the big orchard", "a certain driving instructor off the Facebook ads"; 21 development
# stories, 2026-12-08, all allegations but one, which alleged nothing).
_A_CERTAIN = re.compile(r"(?i:\ba\s+certain\s+((?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*))")
_NUMBERED = re.compile(r"\b(?i:stall|pitch|plot|lodge|unit|driver|cab|taxi)\s+(?:no\.?\s*)?[A-Z]?\d{1,4}\b")


def placed_people(window: str, is_role: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The spans in ``window`` of whoever does something at a named place, of someone who does a named
    round, and of a numbered stall, plot or driver (see the patterns above)."""
    out = [m.span() for m in _WHOEVER.finditer(window)] if "hoever" in window else []
    if "who " in window or "that " in window:
        out += [m.span() for m in _WHO_DOES.finditer(window) if is_role(m.group(1))]
    lower = window.lower()
    if "the " in lower or "that " in lower:
        out += [
            m.span()
            for m in _KNOWN_BY_HABIT.finditer(window)
            if _picks_out(m.group(1), m.group("habit") is not None, is_role)
        ]
    out += [m.span() for m in _NUMBERED.finditer(window)]
    if "the " in lower or "that " in lower:
        out += [m.span() for m in _BUSINESS_BY_LANDMARK.finditer(window)]
        out += [m.span() for m in _FAMILY_OF.finditer(window)]
    if " who" in lower or "cllr" in lower:
        out += [m.span() for m in _OFFICE_WHO.finditer(window)]
    if "certain " in lower:
        for m in _A_CERTAIN.finditer(window):
            at = m.start(1)
            for word in m.group(1).split():
                at = window.index(word, at) + len(word)
                if is_role(word.removesuffix("'s").removesuffix("’s")):
                    out.append((m.start(), at))
                    break
    out += [m.span() for m in _ADDRESS_THEN_WHO.finditer(window)]
    return out


# An office only one person holds: "the Mayor's son", "the Lord Mayor", "our MP", "the head of planning",
# "the chief exec", "the councillor for Hightown ward", "the chair of governors at".
ONLY_ONE = re.compile(
    r"\b(?:Lord\s+)?Mayor(?:ess)?\b|\bMP\b"
    r"|(?i:(?:\bthe\s+|^\s*)(?:new\s+|old\s+|former\s+)?(?:head\s+of\s+[a-z]+|chief\s+exec(?:utive)?\b"
    r"|councillor\s+for\s+(?-i:[A-Z])|chair\s+of\s+(?:the\s+)?governors\b"
    # "the clerk to Ashby Parva Parish Council", "the treasurer of Elm Park Bowls Club"
    r"|(?:clerk|treasurer|secretary|chair|chairman|chairwoman|president)\s+(?:to|of)\s+(?:the\s+)?(?-i:[A-Z])"
    # the chair of a committee by its name: "the licensing chair", "the planning committee chairman"
    r"|(?:licensing|planning|scrutiny|committee|governors|parish|residents['’]?|club|bowls|gala)\s+"
    r"(?:committee\s+)?(?:chair|chairman|chairwoman|chairperson|convenor)\b))"
    # one of the staff by an office only one of them holds: "our parking services manager"
    r"|(?i:\b(?:our|my)\s+(?:own\s+|former\s+|new\s+)?(?:[a-z]+\s+){1,3}?(?:manager|team\s+leader|director)\b)"
    r"|(?i:\b(?:our|the)\s+cabinet\s+member\s+for\s+[a-z]+)"
    # the office of a body by its name: "Upper Tatton Parish Council's clerk", "Elm Bowls Club's treasurer"
    r"|\b(?:[A-Z][\w'’-]*\s+){1,4}(?:Council|Club|Association|Society|Trust|Church|School|Academy)['’]s\s+"
    r"(?:new\s+|former\s+)?(?:clerk|chair|chairman|chairwoman|treasurer|secretary|head|headteacher|manager"
    r"|caretaker|president|captain|coach|vicar)\b"
)


# The word before a place's last word that makes the place a business: "Ocean Breeze Holiday Park",
# "Hazel Brook Farm Park", "Riverside Caravan Park" ("Victoria Park" and "Market Street" are places).
_BUSINESS_BEFORE_PLACE_TEXT = (
    "Caravan Holiday Farm Garden Trampoline Safari Adventure Theme Camping Touring Glamping Retail"
)
_BUSINESS_BEFORE_PLACE = frozenset(_BUSINESS_BEFORE_PLACE_TEXT.split())


def business_of_place(words: list[str], place_words: frozenset[str], not_names: frozenset[str]) -> int:
    """How many of a capitalised run's ``words`` name a business rather than a place: all of a place
    with a business's word before its last ("… Holiday Park"); those before "of" when a place follows
    ("Sparkle Cleaning Services of Rowan Way"); else 0. ``place_words`` end a place's name ("Road",
    "Park"); ``not_names`` are capitalised words that name nobody ("The", "Council")."""
    if words[-1] not in place_words:
        return 0
    if len(words) >= 2 and words[-2] in _BUSINESS_BEFORE_PLACE:
        return len(words)
    if "of" in words:
        before = words[: words.index("of")]
        if len(before) >= 2 and before[-1] not in place_words and not set(before) <= not_names | {"&", "the"}:
            return len(before)
    return 0
