"""Allegations as people make them, for TONE-DEFAME: a sentence that says someone identifiable did wrong.

``tone``'s patterns read a name followed, within a few words, by a verb of a closed list ("Dave Jones
stole"). People allege wrongdoing in many more ways: "K&R Motors are handing out MOTs to cars that
would never pass", "word is that Gary who runs the chip shop has been selling knock-off vodka", "ask
Dave". This module reads a sentence as a whole:

- it says something of a **kind of wrongdoing** a council hears about, in ordinary words for it
  (``policy/data/tone_wrongdoing_cues.txt``): taking what is not yours; fraud, lies and cheating;
  bribery; illegal trading and selling to children; violence, threats, harassment and abuse; cruelty
  and neglect; dangerous, shoddy or abandoned work; dirty kitchens and vermin; drink and drugs;
  fly-tipping and arson;
- and it has **someone identifiable**: a name the name finder finds, a business or person by the
  shape of its name, someone put at an address or a named place, or, through "he/she/they", someone
  named in the sentence before;
- and it is **not** one of the look-alikes: thanks and praise, an official outcome (a conviction, a
  fine, a notice), advice and warnings to residents, the staff's own jokes about themselves ("our
  crew", scare quotes), or a name that is the victim ("Mrs Patel was scammed").

The cue words are a story's trigger: a story with none of them costs one set intersection.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..normalise import NormalisedText
from ..people import COMMON_WORDS, find_names, is_first_name, sentence_bounds
from ..rules import builtin_list
from ..words import first_characters, initials
from .described import ONLY_ONE, business_of_place, described_people, joined_names, place_roles, placed_people
from .doers import SOMEONE_FIRST, WITNESSED, done_to_them, the_doer
from .excuses import EXCUSED, alternation, excused_sentence, lower_in_place
from .first_names import namelike, qualified_first_names
from .innocent import innocent_around

# Ordinary words for each kind of wrongdoing, grouped by kind (policy/data/tone_wrongdoing_cues.txt).
# A phrase's words are matched in order, whole words, in lower case; "*" stands for up to four words of
# anything (not across a sentence's end).
CUES_FILE = "tone_wrongdoing_cues.txt"


# The staff themselves and their jokes: "our crew", "our apprentice", a word in scare quotes.
_OURS = re.compile(r"\b(?:our|my|we|we've|we're|us)\b")
# An apostrophe inside a word is no quotation mark: "Dr Hale's lot are a shambles, we've" quotes nothing,
# "I don't care," quotes all of itself.
_SCARE_QUOTED = re.compile(r"(?<![\w'’])[\"“‘'](?:[^\"”’'\n]|(?<=\w)['’](?=\w)){1,30}[\"”’'](?![\w'’])")
# A name that was done to, not doing: "Mrs Patel was scammed", "a pensioner who got conned".
_DONE_TO_WORDS = (
    "robbed scammed conned burgled attacked assaulted threatened mugged defrauded ripped cheated targeted"
)
_VICTIM_AFTER = re.compile(
    rf"\s+(?:was|were|got|had\s+been|has\s+been|have\s+been|being)\s+(?:\w+\s+)?(?:{alternation(_DONE_TO_WORDS)})"
)
# Someone named by a role at a named place or an address: "the landlord at 14 Elm Road", "the owner of
# Bella Nails", "the manager at Stonebridge Leisure Centre", "the bloke at 22 Beech Ave"; a first name
# with what they run: "Terry who runs the car wash"; or a first name put at an address or a named place:
# "Julie at 7 Acacia Close", "Sandra from the finance team".
_ROLES = """
    owners? landlord landlady manager boss foreman director caretaker head headteacher trustees? staff
    bloke man woman lad guy geezer couple family tenant lady builder driver chef receptionist firm
    company gaff shop garage place nursery home fella chap carer foster_carer childminder chippy barber
    baker hairdresser mechanic plumber electrician roofer agent optician dentist vet breeder
    founder treasurer chairman chair secretary ref referee coach instructor teacher gaffer groundsman
    matron nurse chauffeur bouncer doorman cleaner contractors? security takeaway cafe café
    boy girl gent gentleman neighbours? occupants? household folk whoever_lives who_lives lot
    groomer minimarket kennels cattery salon parlour butchers pharmacy practice offy off-licence
    cowboys crooks sharks people two pair friend scaffolders
    scrapyard scrappy pub gym hotel hostel farm stables clinic factory warehouse dealership workshop
    launderette bookies chemist carwash car_wash newsagents? grocer greengrocer florist jeweller locksmith
    tattooist barmaid bar brewery minimart mini-mart van stall stallholder postie principal scoutmaster dj
    valeter scaffolder landscaper tiler physio house bungalow cottage mum"""
_PLACES = """
    team shop surgery depot office reception allotments estate garage pub school nursery centre library
    club yard site
"""
# After the role: where ("at", "on", "who runs the nail bar on"), then an address or a capitalised name.
_AT = (
    r"(?:\s+\w+ing\s+(?:the\s+)?\w+)?"
    r"\s+(?:at|of|on|in|from|beside|next\s+to|opposite|by|near|behind|outside"
    r"|(?:who\s+runs|running)(?:\s+(?:the|a)\s+(?:[a-z]+\s+){0,3}?(?:at|on|in))?)"
    r"\s+(?:the\s+)?(?:(?:number\s+|no\.?\s+)?\d{1,4}[a-z]?\s+|flat\s+\d+,?\s+)?"
)
_ROLE_AT = re.compile(
    rf"\b(?:{alternation(_ROLES)}){_AT}(?-i:[A-Z0-9])\w*"
    rf"|(?-i:\b[A-Z][a-z]+)\s+who\s+(?:used\s+to\s+)?(?:runs?|ran|owns?|owned|manages?|managed|works?\s+at|worked\s+at"
    rf"|drives?|does)\s+(?:the|that|a)\s+\w"
    rf"|(?-i:\b[A-Z][a-z]+)\s+(?:at|from|on|in)\s+(?:(?:the|number|no\.?|flat)\s+)?"
    rf"(?:\d{{1,4}}[a-z]?\s+(?-i:[A-Z])|(?:\w+\s+){{0,3}}?(?:{alternation(_PLACES)}))",
    re.IGNORECASE,
)
# Where every match of _ROLE_AT ends: a place word, a capital or a number after "at", "on", "runs"…, or
# a word after "who runs the". Found first (a short alternation), so that the long one of roles is tried
# only in the few words before each.
_ROLE_ANCHOR = re.compile(
    first_characters(
        "aoifrwbnAOIFRWBN",
        r"\b(?:at|of|on|in|from|runs|running|owns|manages|drives|beside|next\s+to|opposite|by|near|behind"
        r"|outside)\s+"
        r"(?:the\s+|that\s+|a\s+|number\s+|no\.?\s+|flat\s+)?",
    ),
    re.IGNORECASE,
)
_ROLE_REACH = 90  # characters before an anchor where the role or name it belongs to may start


def _roles_at(window: str) -> list[tuple[int, int]]:
    """The spans of _ROLE_AT's matches in ``window``, looked for only just before its anchors."""
    out: list[tuple[int, int]] = []
    done = 0
    for anchor in _ROLE_ANCHOR.finditer(window):
        if anchor.start() < done:
            continue
        m = _ROLE_AT.search(window, max(done, anchor.start() - _ROLE_REACH))
        if m is not None and m.start() <= anchor.start():
            out.append(m.span())
            done = m.end()
    return out


# Someone named by a description at a named place: "the gamekeeper on the Haverley Estate", "that
# takeaway on Mill Lane", "the woman who runs the kennels at Brook Farm". The description's head is any
# everyday word for a person or a business (WordNet's, policy/data/people_agent_nouns.txt: 3,061 words,
# where _ROLES holds the 90 most common); after it, perhaps "who/that <verb> …", a preposition of place
# and a capital or a number. "The bins behind St Anne's" has no such head.
AGENTS_FILE = "people_agent_nouns.txt"
_DESCRIBED = re.compile(
    r"\b(?i:the|that|this|a\s+certain)\s+(?:[a-z][\w'’-]*\s+){0,3}?([a-z][a-z-]*)"
    r"(?:\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,2})?"  # the one's name: "the letting agent Homes4U on"
    r"(?:\s+with\s+(?:the|a|an|his|her)(?:\s+\w[\w'’-]*){1,3}?)?"  # "the bloke with the white van at"
    r"(?:\s+(?:who|that)\s+[\"'“‘]?[a-z]+[\"'”’]?(?:\s+(?:the|a|an))?(?:\s+[a-z][\w'’-]*){0,4}?)?"
    # "the bloke in the big house on the corner of", "the kebab shop by the level crossing in"
    r"(?:\s+(?:in|on|at|of|by|near|beside|next\s+to|opposite|behind|with)\s+(?:the|his|her|their)(?:\s+[a-z]+){1,3}?){0,2}"
    r"\s+(?:at|on|in|from|of|above|behind|opposite|by|near|outside|off|beside|next\s+to|(?:out\s+)?past)\s+(?:the\s+)?"
    r"(?:(?:number|no\.?)\s*)?"
    r"[A-Z0-9]"
)


@cache
def _agents() -> frozenset[str]:
    return frozenset(builtin_list(AGENTS_FILE))


def _is_agent(word: str) -> bool:
    """``word`` or the singular of a regular plural ("builders", "businesses", "nurseries") is one."""
    agents = _agents()
    if "-" in word and word not in agents:
        word = word.replace("-", "")  # "co-ordinator"
    return (
        word in agents
        or (word.endswith("s") and word[:-1] in agents)
        or (word.endswith("es") and word[:-2] in agents)
        or (word.endswith("ies") and word[:-3] + "y" in agents)
    )


# _ROLES as words ("owners?" is "owner" and "owners"), heads of a description as much as WordNet's are.
_ROLE_WORDS = frozenset(
    form
    for w in _ROLES.split()
    for form in ((w[:-2], w[:-1]) if w.endswith("s?") else (w,))
    if "_" not in form
)


def _described_at(window: str) -> list[tuple[int, int]]:
    """The spans of the descriptions of someone at a named place in ``window``."""
    return [
        m.span() for m in _DESCRIBED.finditer(window) if m.group(1) in _ROLE_WORDS or _is_agent(m.group(1))
    ]


# A business or place by the shape of its name: two or more capitalised words, or one with a digit.
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w'’&-]*|&)(?:\s+(?:[A-Z][\w'’&-]*|&|of|and|the)){0,4}\s+[A-Z][\w'’-]*"
)
_TRADE_AFTER = re.compile(
    r"\s+(?:chippy|garage|takeaway|shop|cafe|café|pub|surgery|salon|barbers?|bakery|butchers?|nursery|pharmacy"
    r"|chemist|launderette|off-licence|offie|store|vets?|dentists?|care\s+home|hotel|gym|kennels|cattery|car\s+wash"
    r"|scrapyard|mini-?mart)\b"
)
_PLACED = re.compile(r"\s+(?:at|from|who)\b|['’]s\b")
# A business whose name has a number in it: "Fit4Life", "A1 Cars".
_ALNUM_NAME = re.compile(r"\b(?:[A-Z][A-Za-z]*\d+[A-Za-z]+|[A-Z]\d{1,2}\s+[A-Z][a-z]+)\b")
_LONE_CAPITAL = re.compile(
    r"(?:(?<![\w'’.!?]\s)(?<=\s)"
    # Or after the kind of business it is: "the repairs firm Brightfix", "our supplier Officeline".
    r"|(?<=firm\s)|(?<=company\s)|(?<=supplier\s)|(?<=agency\s)"
    r"|(?<=developer\s)|(?<=developers\s)|(?<=builders\s)|(?<=provider\s)|(?<=operator\s))"
    r"[A-Z][a-z]+(?:['’]s)?\b"
)
# "our ranger", "park ranger", "my colleague": the staff, whose own stories these are, not a third party.
_STAFF = "ranger officer librarian apprentice supervisor warden colleague"
_OUR_STAFF = f"{_STAFF} crew team manager driver carer worker mechanic caretaker cleaner staff lads lot"
_OUR_ROLE = re.compile(rf"(?i:\b(?:our|my)\s+(?:\w+\s+)?(?:{alternation(_OUR_STAFF)}))\s+$")
# A sentence that opens with a name and says which one: "Gavin who was on the bin round", "Kev's".
_FIRST_NAME_THEN = re.compile(r"([A-Z][a-z]+)(?:\s+(?:who|from|at|on|in|the|,)\b|['’]s\b)")
# What points back at someone named: a pronoun, or "the owner", "the founder" of a business named.
_REFERS = re.compile(
    r"\b(?:he|she|they|his|her|their|them|him"
    r"|the\s+(?:owner|owners|founder|manager|boss|director|landlord|gaffer|treasurer|chairman|staff)"
    r"|with\s+my\s+own\s+eyes|seen\s+it|saw\s+it)\b"  # first-hand evidence of what was just said
)
# Capitalised words that start or fill a sentence without naming anyone.
_NOT_A_NAME_TEXT = """
    I A The This That These Those Our We You Your It Its He She They His Her Their My Me Us If When Why
    How What Who Where Ask Everyone Anyone Someone Nobody Word Rumour Heard Apparently Classic Yet Funny
    Love Seriously Hmm Ha Lol Reckon Cheers Dont Don't Won't Avoid Never Not Just Yes No Oh So Well
    Honestly Surprise Nice Total Absolute Disgusting Check Just Mate Mum Dad Council Police RSPCA
    MOT MOTs Facebook Marketplace Airbnb Saturday Sunday Monday Tuesday Wednesday Thursday Friday
    Christmas Easter Trading Standards Environmental Health Magistrates Court Crown
"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_TEXT.split())
# Places and things that make a capitalised run a place, not someone who can be defamed.
_PLACE_WORDS_TEXT = """
    Road Street Lane Avenue Ave Close Way Drive Estate Park Crescent Grove Row Gardens Place Terrace
    Walk Hill Square Green Fields Field Mews Rise Court Wharf Market Town City Borough Council Library
    Station Bridge Common Wood Valley Dene Vale Moor
"""
_PLACE_WORDS = frozenset(_PLACE_WORDS_TEXT.split())
# A name the name finder found that is a place by its last word and the word before it: "at Jesmond
# Dene", "on Ilkley Moor" ("Jim Hill stole" is still a name).
_A_PLACE_NAMED = re.compile(
    rf"\b(?:at|in|on|near|from|by)\s+[A-Z][\w'’-]*\s+(?:{'|'.join(sorted(_PLACE_WORDS))})$"
)


# "Rip-off merchants." "Stolen from the railway, obviously.": a verbless few words after a sentence that
# names someone are said of them.
_FRAGMENT_WORDS = 6


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    out = ""
    for i, w in enumerate(words):
        if w == "*":
            out += r"(?:[\w'’-]+\s+){0,4}?"
        else:
            # "dumpin'", "sellin": a word in "-ing" as people say it, where the cue words allow it.
            said = re.escape(w[:-1]) + "(?:g|')?" if w[:-1] in _g_dropped() else re.escape(w)
            out += said + (r",?\s+" if i < len(words) - 1 else "")  # "coincidence, I'm sure"
    return out


@cache
def _g_dropped() -> dict[str, str]:
    """Each cue word in "-ing" as written without its "g" ("dumpin", "nickin"), and the word it is:
    staff write as they speak. Not where the short form is an everyday word of its own."""
    out: dict[str, str] = {}
    for phrase in builtin_list(CUES_FILE):
        for w in re.findall(r"[a-z]+", phrase):
            if len(w) >= 6 and w.endswith("ing") and w[:-1] not in COMMON_WORDS:
                out[w[:-1]] = w
    return out


@cache
def _g_dropped_words() -> frozenset[str]:
    return frozenset(_g_dropped())


# Words too common to say whether a story may hold a cue: a phrase is filed under its longest other word.
_NOT_KEYS_TEXT = """
    the a an to of in on off out for at and all no not with his her their them him is are was been keeps
    kept up over it its into from by as any half s t that they there this these those everyone someone
    round through residents food top front full hours am pm open after behind just some every own never
    ever what why how who know knows our my we you your me about made difference whole under turned lot
    keep he she council where went because got would waste missing running leaving checked notice minutes
    planning complaints back came
"""
_NOT_KEYS = frozenset(_NOT_KEYS_TEXT.split())


@cache
def _cues_by_key() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Each cue phrase with every word it needs (letter runs, as ``words`` has them), filed under its
    longest word that is not a common one."""
    by_key: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for phrase in set(builtin_list(CUES_FILE)):
        runs = re.findall(r"[a-z]+", phrase)
        key = max([w for w in runs if w not in _NOT_KEYS] or runs, key=len)
        by_key.setdefault(key, []).append((phrase, frozenset(runs)))
    return {key: tuple(entries) for key, entries in by_key.items()}


@cache
def _cue_keys() -> frozenset[str]:
    return frozenset(_cues_by_key())


@lru_cache(maxsize=512)
def _cue_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    """One pattern of ``phrases`` (longest first): a story has every word of a few of the 500 cues, and a
    small alternation is many times faster to scan for than all of them."""
    # Longest first, then in order: equal lengths in a set's order would make spans differ between runs.
    body = "|".join(_phrase_pattern(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    pattern = rf"(?<![\w'’-])(?:{body})(?![\w'’-])"
    # Behind a lookahead of the phrases' first characters, unless one starts with the wildcard.
    starts = [p.lstrip() for p in phrases]
    firsts = None if any(p.startswith("*") for p in starts) else initials(starts)
    return re.compile(pattern if firsts is None else first_characters(firsts, pattern))


# Charging, claiming or signing for what was never done, whatever it was: "billing families for visits
# their staff never turn up to", "claims mileage for meetings he doesn't go to", "charged a tenant £900
# for a part and never fitted it". The claim is the cue; "never charges" is no claim.
_CLAIMS = (
    r"charg(?:e|es|ed|ing)|bill(?:s|ed|ing)?|claim(?:s|ed|ing)?|invoic(?:e|es|ed|ing)|logs|logged|logging"
    r"|sign(?:s|ed|ing)?\s+off|(?:takes?|taking|took)\s+(?:cash|money)\s+for"
    r"|(?:writes|wrote|writing|written)\s+up"
)
_NOT_DONE = (
    r"never\s+(?:\w+\s+)?(?:turn(?:s|ed)?|fit(?:s|ted)?|gave|give[ns]?|went|go(?:es)?|came|come|did|do(?:ne|es)?"
    r"|happen(?:s|ed)?|show(?:s|ed)?|deliver(?:s|ed)?|finish(?:es|ed)?|visit(?:s|ed)?|seen|been|arriv(?:es|ed))"
    r"|(?:didn't|doesn't|don't|haven't|hasn't|wasn't|weren't|never)\s+(?:even\s+)?(?:turn|fit|give|go|come"
    r"|do|happen|show|deliver|finish|visit|see|been|bother|attend|arrive|get\s+done)"
    r"|(?:wasn't|wasnt|weren't|werent)\s+(?:even\s+)?there|(?:didn't|didnt)\s+(?:even\s+)?exist|never\s+existed"
    r"|(?:didn't|didnt)\s+need\s+(?:doing|it|replacing|fixing|changing)"
)
_CLAIMED_NOT_DONE = re.compile(
    rf"(?<!never\s)(?<!not\s)(?<!n't\s)\b(?:{_CLAIMS})\b(?=[^.!?\n]{{1,90}}?\b(?:{_NOT_DONE})\b)"
)
_CLAIM_WORDS_TEXT = """
    charge charges charged charging bill bills billed billing claim claims claimed claiming invoice invoices
    invoiced invoicing logs logged logging sign signs signed signing takes take taking took writes wrote
    writing written
"""
_CLAIM_WORDS = frozenset(_CLAIM_WORDS_TEXT.split())
_NOT_DONE_WORDS = frozenset(
    {"never", "didn", "doesn", "don", "haven", "hasn", "wasn", "weren", "wasnt", "werent", "didnt"}
)


def _mentions(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where someone who can be defamed is named between ``start`` and ``end``: by the name finder, a
    role at a named place, a business or person's run of capitals, or a lone name that is no common
    word; never one of the staff ("our ranger Phil")."""
    window = source[start:end]
    out = [
        (n.start, n.end)
        for n in find_names(source)
        if start <= n.start < end
        and not _A_PLACE_NAMED.search(source, max(0, n.start - 8), n.end)
        and not set(source[n.start : n.end].split()) <= _NOT_A_NAME  # "Trading Standards"
    ]
    out += [(start + a, start + b) for a, b in _roles_at(window)]
    out += [(start + a, start + b) for a, b in _described_at(window)]
    out += [(start + a, start + b) for a, b in described_people(window)]
    out += [(start + a, start + b) for a, b in joined_names(window)]
    out += [(start + a, start + b) for a, b in place_roles(window, _is_role)]
    out += [(start + a, start + b) for a, b in placed_people(window, _is_role)]
    for m in _CAPITALISED_RUN.finditer(window):
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in m.group().split()]
        business = business_of_place(words, _PLACE_WORDS, _NOT_A_NAME)
        if business:
            # "Sparkle Cleaning Services of Rowan Way", "Ocean Breeze Holiday Park": a business by its name
            out.append((start + m.start(), start + m.start() + len(" ".join(m.group().split()[:business]))))
        elif not (set(words) <= _NOT_A_NAME | {"&", "of", "and", "the"} or words[-1] in _PLACE_WORDS):
            out.append((start + m.start(), start + m.end()))
        elif words[-1] in _PLACE_WORDS:
            # A business known by its street: "the Hartley Road chippy", "the Mill Lane garage".
            trade = _TRADE_AFTER.match(window, m.end())
            if trade:
                out.append((start + m.start(), start + trade.end()))
    out += [(start + m.start(), start + m.end()) for m in _ALNUM_NAME.finditer(window)]
    out += [
        (start + a, start + b) for a, b in qualified_first_names(window, _is_role, _NOT_A_NAME, _PLACE_WORDS)
    ]
    lead = len(window) - len(window.lstrip())
    first = _FIRST_NAME_THEN.match(window, lead)
    if (
        first
        and first.group(1) not in _NOT_A_NAME
        and (
            first.group(1).lower() not in COMMON_WORDS
            # A first name that is also a word, then where they are from: "Jenna at the cattery".
            or (is_first_name(first.group(1)) and _PLACED.match(window, first.end(1)) is not None)
        )
        and not first.group(1).endswith("ing")  # "Overcrowding in rented homes is dangerous"
    ):
        out.append((start + first.start(1), start + first.end(1)))
    for m in _LONE_CAPITAL.finditer(window):
        word = m.group().rstrip("s").rstrip("'’") if m.group().endswith(("'s", "’s")) else m.group()
        if word not in _NOT_A_NAME and word.lower() not in COMMON_WORDS:
            out.append((start + m.start(), start + m.end()))
    # An office only one holds is theirs, not the staff's, with "our" before it too ("our MP").
    only_one = [(start + m.start(), start + m.end()) for m in ONLY_ONE.finditer(window)]
    return [
        (a, b)
        for a, b in out
        if not _ours_before(source, a)
        or _OUTSIDER.match(source, a)
        or _full_name(source, a, b)
        or _named_colleague(source, a, b)
    ] + only_one


def _named_colleague(source: str, a: int, b: int) -> bool:
    """A colleague by role and first name ("my colleague Liam", "our supervisor Phil"): one of the staff,
    but picked out by name, as a story about what they did wrong picks them out."""
    word, before = source[a:b].split(), source[max(0, a - 40) : a]
    return bool(word) and namelike(word[0], _NOT_A_NAME) and _OUR_ROLE.search(before) is not None


def _is_role(word: str) -> bool:
    return word in _ROLE_WORDS or _is_agent(word)


def _full_name(source: str, a: int, b: int) -> bool:
    """A first name and a surname ("our supervisor Sharon Boyd"): one of the staff, but named in full,
    as a story about what they did wrong names them; "our ranger Phil" is the staff's own."""
    words = source[a:b].split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and is_first_name(words[0])


def _named_before(source: str, lower: str, start: int, *, fragment: bool) -> bool:
    """Someone identifiable in the sentence before ``start`` (or, for a verbless few words such as
    "Cowboys.", in either of the two before), with no excuse in it; through sentences that only point
    back at them ("Bronwen at Llys Garage will tell you ... She told my husband the same. Funny that.")."""
    reach = 2 if fragment else 1
    while reach > 0:
        reach -= 1
        if start <= 0:
            return False
        prev_start, _end = sentence_bounds(source, max(0, start - 2))
        if EXCUSED.search(lower[prev_start:start]):
            return False
        if _identifiable(source, prev_start, start):
            return True
        if _POINTS_BACK.match(lower, prev_start) and reach == 0:
            reach = 1  # "She told ...", "He's ...": whoever it points at is further back
        start = prev_start
    return False


# A sentence that opens by pointing back at someone: "She told my husband", "He's been", "They know".
_POINTS_BACK = re.compile(r"\W*(?:he|she|they)\b(?:['’](?:s|d|ve|re|ll))?")


def _identifiable(source: str, start: int, end: int) -> bool:
    return bool(_mentions(source, start, end))


_OUR_BEFORE = re.compile(r"(?i:\b(?:our|my)\s+)$")  # "our manager at the depot"
# But "our neighbour at 3 Lydgate Close", "my landlord at …": people of our lives, not of the staff.
_OUTSIDER = re.compile(
    r"(?i:neighbours?|landlord|landlady|builder|plumber|electrician|roofer|mechanic|dentist|childminder"
    r"|letting\s+agent|next[-\s]door)\b"
)


def _ours_before(source: str, pos: int) -> bool:
    """The name is one of the staff's own: "our ranger Phil", "our housing officer"."""
    before = source[max(0, pos - 40) : pos]
    return _OUR_ROLE.search(before) is not None or _OUR_BEFORE.search(before) is not None


@cache
def trigger_words() -> frozenset[str]:
    """Every word whose presence ``allegations`` asks about first: a cue's key, a claim, a "never"."""
    return _cue_keys() | _CLAIM_WORDS | _NOT_DONE_WORDS | _g_dropped_words()


def allegations(
    text: NormalisedText,
    triggers: frozenset[str] | None = None,
    cleared: list[tuple[int, int]] | None = None,
    unlinked: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """The spans of the cues of allegations about someone identifiable, in ``text.text``.

    ``triggers``, if given, is the story's words among a set that holds ``trigger_words()``: a caller
    that asks other questions of the same words intersects once, and the tests below are of a few.
    ``cleared``, if given, gets the sentences whose wrong the one named saw, caught or suffered ("Jane
    Ellis saw the man dumping rubble", "Mrs Patel was scammed"): the model must not read them again.
    ``unlinked``, if given, gets the spans of cues whose doer the rules could not name, where nobody else
    did it either: the model reads the sentences holding them at a lower threshold (``allegation_model``)."""
    words = text.words
    # Set with set: Python walks the smaller of the two (a story's words), not the 400 keys. Most
    # stories have none of them, and are done without building the generator below.
    hits = words if triggers is None else triggers
    dropped = hits & _g_dropped_words()
    if dropped:  # "dumpin" asks what "dumping" asks
        restored = {_g_dropped()[w] for w in dropped}
        words, hits = words | restored, hits | restored
    keys = hits & _cue_keys()
    by_key = _cues_by_key()
    said = frozenset(phrase for key in keys for phrase, needs in by_key[key] if needs <= words)
    claimed = not hits.isdisjoint(_CLAIM_WORDS) and not hits.isdisjoint(_NOT_DONE_WORDS)
    if not said and not claimed:
        return []
    source = text.text
    lower = lower_in_place(source)
    found = list(_cue_pattern(said).finditer(lower)) if said else []
    if claimed:
        found += _CLAIMED_NOT_DONE.finditer(lower)
    spans: list[tuple[int, int]] = []
    for m in found:
        s_start, s_end = sentence_bounds(source, m.start())
        sentence = lower[s_start:s_end]
        if excused_sentence(source, sentence, s_start, m.start()) or _in_scare_quotes(
            source, m.start(), s_start, s_end
        ):
            continue
        if innocent_around(lower, m.start(), m.end(), s_start, s_end) or SOMEONE_FIRST.match(sentence):
            if cleared is not None and _SOMEONE_DID_IT.match(sentence):
                cleared.append((s_start, s_end))  # "Someone has been dumping … behind the Co-op": not them
            continue
        if source[m.start()].isupper() and source[s_start : m.start()].strip():
            continue  # a title's word ("our Cowboys and Crooks escape room"), not a sentence's
        # "The weather was grim, but Sarah's team planted 300 bulbs": a "but" parts what each side says.
        c_start, c_end = _clause(lower, s_start, s_end, m.start())
        mentions = _mentions(source, c_start, c_end)
        if not mentions and (c_start, c_end) != (s_start, s_end) and _REFERS.search(lower, c_start, c_end):
            # "Hope Springs collect for the homeless, but the founder pays herself"
            mentions = _mentions(source, s_start, s_end)
        # "our", "we" of the staff; not of the cue itself ("my backside", "with my own eyes").
        ours = _OURS.search(lower, c_start, m.start()) or _OURS.search(lower, m.end(), c_end)
        if ours and not mentions and not _SUBJECT.search(lower, c_start, m.start()):
            continue  # but "They charged my mum £300 and fly-tipped it" is about whoever "they" are
        nobody = _NOBODY_DID.search(lower, max(c_start, m.start() - 24), m.start())
        if nobody or _victim_named(source, c_start, c_end):
            if cleared is not None:
                cleared.append((s_start, s_end))
            continue  # "nobody dumped anything"; "Mrs Patel was robbed"
        if done_to_them(source, lower, m, c_start, mentions):
            continue  # "were ripped off by a supplier", "was lied to": done to someone, not by them
        named = any(the_doer(lower, mention, m.span()) for mention in mentions)
        if mentions and not named and cleared is not None and WITNESSED.search(lower, c_start, m.start()):
            cleared.append((s_start, s_end))
        if (
            not named
            and (not mentions or _REFERS.search(lower, c_start, m.start()))
            and s_start > 0
            and (_REFERS.search(sentence) or len(sentence.split()) <= _FRAGMENT_WORDS)
        ):
            named = _named_before(source, lower, s_start, fragment=len(sentence.split()) <= _FRAGMENT_WORDS)
        if named:
            spans.append(m.span())
        elif (
            unlinked is not None
            and len(sentence.split()) > _FRAGMENT_WORDS  # not a comment on what came before
            and (not mentions or not _SOMEONE_ELSE.search(lower, c_start, c_end))
        ):
            unlinked.append(m.span())
    return spans


# Someone else who did it: "were let down by a driver who turned up after three pints".
_SOMEONE_ELSE = re.compile(r"\b(?:by|someone|somebody|a\s+(?:man|woman|lad|bloke|driver|customer|gang))\b")


_SUBJECT = re.compile(r"\b(?:he|she|they)\b")
# Someone did it, so the model must not read the sentence either; not "Someone should check why …".
_SOMEONE_DID_IT = re.compile(
    SOMEONE_FIRST.pattern
    + r"(?!(?:should|tell|needs?|ought|must|could|can|will|would|asks?|asked|knows?|wants?)\b)"
)
_BUT = re.compile(r"(?:,\s*|\s)but\s|;\s")


def _clause(lower: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The part of the sentence ``[start, end)`` around ``pos`` between one "but" (or ";") and the next."""
    for b in _BUT.finditer(lower, start, end):
        if b.end() <= pos:
            start = b.end()
        elif b.start() >= pos:
            return start, b.start()
    return start, end


_NOBODY_DID = re.compile(r"\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?$")  # the doer, just before the wrong


def _in_scare_quotes(source: str, pos: int, start: int, end: int) -> bool:
    return any(q.start() < pos < q.end() for q in _SCARE_QUOTED.finditer(source, start, end))


def _victim_named(source: str, start: int, end: int) -> bool:
    return any(_VICTIM_AFTER.match(source, n.end) for n in find_names(source) if start <= n.start < end)


def identifiable(source: str, start: int, end: int) -> bool:
    """Whether someone who can be defamed is named in ``source[start:end]`` (see ``_mentions``)."""
    return _identifiable(source, start, end)


def excused(source: str, start: int, end: int) -> bool:
    """Whether ``source[start:end]`` thanks or praises, states an official outcome or gives advice."""
    return excused_sentence(source, lower_in_place(source[start:end]), start, end)
