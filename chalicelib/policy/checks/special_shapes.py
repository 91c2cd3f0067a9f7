"""PII-SPECIAL by category shape: medical word endings, belief and origin words, offences to clause end."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import methodcaller

from ..people import AMBIGUOUS_FIRST_NAMES, TITLES, is_common_word, is_first_name, sentence_bounds
from ..words import first_characters

# --- health: a condition by the shape of its name, after a cue that says someone has it ---------------

_CONDITION_CUE = (
    r"(?:diagnosed\s+with|(?:is|was|has\s+been|been)\s+living\s+with|lives\s+with|living\s+with"
    r"|suffer(?:s|ed|ing)?\s+(?:from|with)|recovering\s+from|(?:being|been)\s+treated\s+for|battling|fighting"
    r"|beat|beaten|in\s+remission\s+from|off\s+(?:sick|work)\s+with|(?:has|had|have)\s+had|has|had|have"
    r"|having|undergoing|underwent|receiving|struck\s+down\s+with|died\s+of|died\s+from|ill\s+with"
    r"|in\s+hospital\s+with|admitted\s+with|developed|caught|contracted|got)"
)
_CONDITION_ADJ = (
    r"(?:(?:a|an|the|her|his|their|my|some|bad|severe|mild|acute|chronic|rare|advanced|terminal|early|late"
    r"|early-onset|late-onset|aggressive|incurable|inoperable|suspected|secondary|primary|stage\s+\w+"
    r"|type\s+\w+|bout\s+of|case\s+of|form\s+of|touch\s+of|attack\s+of|flare-up\s+of)\s+){0,3}"
)
# Medical endings: inflammation, conditions, growths, blood, disease, paralysis, pain, infestation,
# removal and repair.
_MEDICAL_WORD = (
    r"[A-Za-z'’-]{2,}(?:itis|osis|oses|omas?|aemia|emia|pathy|plegia|algia|iasis|ectomy|otomy|ostomy"
    r"|plasty|trophy|penia|rrhoea|rrhea|therapy|lepsy|phobia|mania)"
)
_CONDITION_HEAD = (
    r"(?:disease|syndrome|disorder|deficiency|fever|palsy|fibrosis|cancer|lymphoma|leukaemia|leukemia"
    r"|sclerosis|dystrophy|atrophy|infection|failure|tumour|tumor|virus|anaemia|condition|illness"
    r"|injury|injuries|transplant|bypass|amputation|surgery|operation)"
)
_CONDITION = re.compile(
    rf"\b{_CONDITION_CUE}\s+(?P<adj>{_CONDITION_ADJ})(?P<cond>(?:[A-Za-z'’-]+\s+){{0,2}}?{_MEDICAL_WORD}"
    rf"|(?:[A-Za-z'’-]+\s+){{0,3}}?{_CONDITION_HEAD}(?!\s+(?:of|to|for|on|in)\s+(?:the|a|an|our|this|that)\b)"
    rf"|(?:acute|chronic)\s+[a-z'’-]+(?:\s+[a-z'’-]+)?)\b",
    re.IGNORECASE,
)
# After a cue that only ever introduces a condition, whatever its name ("diagnosed with …", "living
# with …", "recovering from …"): the condition runs to the
# end of its clause; a person, a pronoun or an event after the cue ("living with her sister",
# "recovering from the storm") is not one.
_SURE_CONDITION = re.compile(
    r"\b(?:diagnosed\s+with|(?:is|was|has\s+been|been)\s+living\s+with|lives\s+with|suffer(?:s|ed|ing)?\s+from"
    r"|recovering\s+from|(?:being|been)\s+treated\s+for|in\s+remission\s+from)\s+"
    r"(?P<cond>(?:[a-z][a-z'’-]*\s+){0,3}[a-z][a-z'’-]*)"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but|so|since|last|this|after|for|who|which|while|when|until|in|at)\b)"
)
_NOT_A_CONDITION_START_TEXT = """
    the a an this that these those it them him her his their my our your its us me you one two some no
    nothing something anything everything someone somebody anyone friends family relatives parents
    partner husband wife son daughter children kids mum dad mother father brother sister gran nan
    grandparents flatmates housemates neighbours colleagues lodgers carers pets dogs cats
"""
_NOT_A_CONDITION_START = frozenset(_NOT_A_CONDITION_START_TEXT.split())


def _sure_conditions(source: str) -> Iterator[tuple[int, int]]:
    for m in _SURE_CONDITION.finditer(source):
        words = m.group("cond").lower().split()
        if words[0] in _NOT_A_CONDITION_START:
            continue
        if _about_a_person(source, m.start()):
            yield m.start("cond"), m.end("cond")


# "Mr Quellby has …, so the crew …": a bare noun phrase that a named person (or she/he) has, alone in its
# clause, is nearly always a condition; the possessions and participles that take the same place are
# left out ("has keys", "has twins", "has retired", "has gone").
# Written to start with the class of the subject's first letter, the word boundary asked after it ("no
# word character before it") and each reading told apart by that letter, in the order of "she|he|[Ss]he|
# [Hh]e" then a capitalised word: the regex engine skips to those letters, where it tried the
# alternation at every position, and a scan costs less than half as much.
_HAS_BARE = re.compile(
    r"[shSHA-Z](?<!\w.)(?:(?<=[sS])he|(?<=[hH])e|(?<=[A-Z])[\w'’-]+)\s+has\s+(?P<cond>(?:[a-z][a-z'’-]*\s+){0,2}[a-z][a-z'’-]*)"
    r"(?=\s*[,.;!?]|\s+(?:and|so|but|which)\b)"
)
_NOT_HAD_TEXT = """
    been gone done left won seen made taken given got had come run begun become kept said told heard
    found brought bought thought caught taught written driven ridden eaten fallen forgotten grown known
    shown thrown worn sworn chosen spoken stolen woken broken lost met sent spent paid put set let read
    led held stood understood built felt meant moved started finished stopped agreed experience
    permission access time money work plans nothing everything something anything news children kids
    grandchildren twins family friends keys pets questions ideas priority enough more less plenty lots
    none all both each one two three four five six seven eight nine ten no responsibility charge control
    confidence courage patience energy talent style
"""
_NOT_HAD = frozenset(_NOT_HAD_TEXT.split())
_PLURAL_CONDITION_ENDINGS = ("sis", "tis", "us", "ss", "es")


def _bare_conditions(source: str) -> Iterator[tuple[int, int]]:
    for m in _HAS_BARE.finditer(source):
        words = m.group("cond").lower().split()
        if words[0] in _NOT_HAD or words[0] in _NOT_A_CONDITION_START or words[-1] in _NOT_HAD:
            continue
        if len(words) == 1 and words[0].endswith("ed"):
            continue  # "has retired"
        last = words[-1]
        if last.endswith("s") and not last.endswith(_PLURAL_CONDITION_ENDINGS):
            continue  # "has tickets"
        if _about_a_person(source, m.start("cond")):
            yield m.start("cond"), m.end("cond")


# Words with a medical ending that are not conditions.
_NOT_CONDITION_TEXT = """
    diploma diplomas aroma aromas academia sympathy empathy apathy telepathy nostalgia idiom soma
    chroma stigma dogma enigma panorama comma trauma karma coma osmosis
"""
_NOT_CONDITION = frozenset(_NOT_CONDITION_TEXT.split())
# Heads that describe a thing, not a body: "has a heating failure", "had a bypass built".
_NOT_A_BODY = re.compile(
    r"(?i:\b(?:power|heating|boiler|system|computer|it|server|network|engine|brake|pump|road|bridge|gas|water"
    r"|electrical|equipment|mechanical|software|hardware|vehicle|van|lorry|crop|plant|tree|pest|building"
    r"|fungal\s+lawn|communication|funding|policy|planning|market|business|lift|roof|pipe|drainage"
    r"|traffic|road\s+safety|sewer|leadership|ash|dutch\s+elm|bus|train|rail|car|phone|internet)\b)"
)

# --- belief and origin: a capitalised adherent or nationality noun after a cue -----------------------

_BELIEF_PREFIX = (
    r"(?-i:(?:Shia|Shi['’]a|Sunni|Greek|Russian|Coptic|Ethiopian|Eastern|Roman|Seventh-[Dd]ay|Free"
    r"|Latter-[Dd]ay|Orthodox|Reform|Liberal|Conservative|Hasidic|Haredi|Tibetan|Zen|Theravada)\s+"
    r"[A-Z][\w'’-]+)"
)
_BELIEF_WORD = (
    rf"(?:{_BELIEF_PREFIX}"
    r"|(?-i:[A-Z][a-z'’]+(?:ist|ian|ite|i|ic|ish|ese|ean|an|in[oa]|ox|h|w|u|in|id|on)s?)(?![\w'’-]))"
)
_ETHNIC_EXTRA = r"(?i:mixed[\s-]+race|mixed\s+heritage|dual\s+heritage|(?-i:Traveller|Roma|Romani|Gypsy))"
# "a devout Methodist", "As a Sikh," "who is Buddhist", "from the X community".
_BELIEF = re.compile(
    first_characters(
        "abcdfhilopstwABCDHILOPSTWİıſ'’",
        rf"\b(?i:(?:an?\s+)?(?:devout|devoutly|practising|practicing|committed|observant|lifelong|born-again|strict"
        rf"|proud|orthodox)\s+)(?P<a>{_BELIEF_WORD}|(?-i:[A-Z][\w'’-]+))"
        rf"|\b(?-i:As)\s+(?:an?\s+)(?P<b>{_BELIEF_WORD}|{_ETHNIC_EXTRA})\s*,"
        rf"|\b(?i:converted|conversion|convert(?:ing|s)?)\s+to\s+(?P<c>(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))"
        rf"|\bfrom\s+the\s+(?P<d>(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)|{_ETHNIC_EXTRA})\s+community"
        rf"|\b(?i:is|are|was|were|['’]s)\s+(?:(?i:also|now|proudly)\s+)?(?i:an?)\s+(?:(?i:proud|practising)\s+)?"
        rf"(?P<e>{_BELIEF_WORD}|{_ETHNIC_EXTRA})"
        rf"|\b(?i:who|she|he|they)\s+(?i:is|was|are|were)\s+(?:(?i:also|now|very|proudly|both)\s+)?"
        rf"(?P<f>{_BELIEF_PREFIX}|(?-i:[A-Z][a-z'’]+(?:ish|ese|ist|ite|ic|ian|ean|i))(?![\w'’-])|{_ETHNIC_EXTRA})",
    ),
)
# What follows a belief or origin word when it names a thing, a group or a place, not a person.
_NOT_A_PERSON_AFTER = re.compile(
    r"(?:\s+(?:[a-z]+\s+)?(?:community|communities|charity|charities|church|churches|school|schools|group"
    r"|groups|centre|center|society|association|council|festival|fair|food|restaurant|takeaway|cuisine|caf[eé]"
    r"|shop|shops|market|event|events|building|buildings|house|era|style|architecture|terrace|street|quarter"
    r"|area|history|heritage|month|day|week|new\s+year|aid|network|forum|union|league|club|team|lessons?"
    r"|classes|language|speakers?|embassy|consulate|restaurant|chapel|mosque|temple|gurdwara|synagogue"
    r"|cemetery|holiday|tradition|traditions|dish|dishes|owned|led|run|film|films|music|dance|art)\b"
    r"|\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Capitalised words of those shapes that are neither a belief nor an origin.
_NOT_BELIEF_TEXT = """
    This That There Then Monday Friday Sunday Olympian Victorian Edwardian Elizabethan Jacobean
    Civic Public Music Magic Republic Pacific Atlantic Arctic Traffic Classic Clinic Logic Panic Picnic
    Mechanic Academic Mini Taxi Deli Safari Fish Dish Human Urban Rotarian Librarian Guardian Vegetarian
    Vegan Comedian Musician Magician Technician Politician Physician Electrician Historian Custodian
    Median Pedestrian Civilian North South Fourth Growth Youth Truth Health Wealth Month Earth Man Woman
"""
_NOT_BELIEF = frozenset(_NOT_BELIEF_TEXT.split())

# --- sexuality and gender identity ------------------------------------------------------------------

_IDENTITY_TERM = (
    r"(?:trans(?:gender)?|non-?binary|nonbinary|bi(?:sexual)?|pan(?:sexual)?|a?sexual|a?romantic|queer|gay"
    r"|lesbian|genderqueer|gender-?fluid|agender|intersex|two-spirit|[a-z]+sexual|a\s+trans\s+(?:man|woman))"
)
_IDENTITY = re.compile(
    rf"\b(?:came|come|coming|comes)\s+out(?:\s+to(?:\s+[\w'’]+){{1,3}}?)?\s+as\s+(?!(?:the|top|best|winners?|ahead|joint|first|second|third|one|part|number|clear|overall"
    rf"|favourites?|strongest|most|very|planned|expected|normal|usual)\b)(?P<a>[\w'’-]+(?:\s+[\w'’-]+){{0,2}}?)"
    rf"(?=\s*(?:$|[,.;:!?)]|\s+(?:and|but|last|this|in|at|to|after|before|when|so|while|which|recently)\b))"
    rf"|\b(?:who\s+(?:is|are|was|were|identifies\s+as)|(?:she|he|they)\s+(?:is|are|was|were|identif(?:y|ies)"
    rf"\s+as)|is|are|identifies\s+as)\s+(?:(?:also|openly|now|proudly|a\s+proud)\s+)?(?P<b>{_IDENTITY_TERM})\b"
    rf"(?![ \t]+(?:pride|rights|community|communities|groups?|bars?|club|clubs|charity|youth|network|history"
    rf"|month|event|events|friendly|support|people|men|women|marriage|films?|books?|couples?)\b|[-‐])",
    re.IGNORECASE,
)

# --- criminal records: the offence to the end of the clause -------------------------------------------

_OFFENCE_TO_CLAUSE_END = (
    r"(?P<off>[^.;,:!?\n()]{3,80}?)(?=\s*(?:[.;,:!?\n()]|$|\s+(?:and\s+(?:is|was|has|now)|but|so)\b))"
)
_CRIME = re.compile(
    first_characters(
        "abdghisw",
        r"\b(?:(?:served|did|got|was\s+given|was\s+sentenced\s+to|doing)\s+(?:[\w-]+\s+){0,3}?(?:years?|months?"
        r"|weeks?|sentence|stretch|time)(?:\s+(?:inside|in\s+(?:prison|jail)))?\s+for"
        r"|(?:was|were|been|is|are|got|get|gets|getting|being)\s+(?:(?:just|recently|later|eventually|previously"
        r"|once|wrongly)\s+)?(?:convicted|jailed|imprisoned|sentenced|locked\s+up|sent\s+down|done|nicked"
        r"|cautioned|prosecuted)\s+(?:of|for)"
        r"|(?:was|were|been|is|are)\s+in\s+(?:prison|jail|custody|a\s+young\s+offenders['’]?\s+institution)\s+for"
        r"|(?:has|had|have|with)\s+(?:a\s+|two\s+|several\s+|previous\s+|an?\s+old\s+|an?\s+spent\s+|spent\s+)*"
        r"convictions?\s+for"
        r"|(?:is|was|are|were)\s+on\s+(?:probation|licence|license|parole|bail|remand|a\s+tag)\s+for)\s+"
        + _OFFENCE_TO_CLAUSE_END,
    ),
    re.IGNORECASE,
)
# "He served five years for the council": what follows "served … for" names an employer, not an offence.
_NOT_OFFENCE = re.compile(
    r"(?i:(?:the|his|her|their|our|this|that|a|an)\s+(?:council|authority|company|firm|club|team|army|navy"
    r"|raf|police|charity|church|school|nhs|trust|board|committee|party|borough|county|city|town|parish"
    r"|community|country|government|organisation|business|day|week|night|season|year|rest|moment)\b"
    r"|us\b|them\b|(?-i:[A-Z]))"
)

# --- immigration status -------------------------------------------------------------------------------

_IMMIGRATION = re.compile(
    r"\b(?P<a>(?:is|was|are|were|['’]s)\s+(?:(?:now|still|currently|an?)\s+){0,2}(?:seeking|claiming|awaiting)"
    r"\s+(?:asylum|refugee\s+status|a\s+(?:home\s+office|visa|asylum)\s+decision)"
    r"|(?:claimed|sought|was\s+granted|was\s+refused|granted|refused)\s+asylum"
    r"|(?:has|had|have|got|was\s+granted|was\s+refused|granted|refused)\s+(?:indefinite\s+leave\s+to\s+remain"
    r"|leave\s+to\s+remain|refugee\s+status|settled\s+status|pre-settled\s+status|humanitarian\s+protection)"
    r"|(?:has|had|have|with)\s+no\s+recourse\s+to\s+public\s+funds|overstayed\s+(?:his|her|their|a)\s+visa"
    r"|(?:his|her|their)\s+visa\s+(?:has\s+)?(?:expired|ran\s+out|was\s+refused)|(?:is|was|are|were)\s+here"
    r"\s+illegally|(?:is|was|are|were)\s+(?:undocumented|stateless|an?\s+(?:illegal|undocumented)"
    r"\s+(?:immigrant|migrant)|facing\s+deportation|being\s+deported)|(?:is|was)\s+an?\s+asylum\s+seeker)",
    re.IGNORECASE,
)

# --- who it is about --------------------------------------------------------------------------------

# A person named or pointed to before the fact, in the same sentence.
_PERSON_BEFORE = re.compile(
    r"(?:\b(?i:she|he|they|her|his|him|who|whose|mum|dad|mother|father|son|daughter|wife|husband|partner"
    r"|man|woman|lady|gentleman|gent|boy|girl|tenant|resident|neighbour|colleague|volunteer|client|customer"
    r"|friend|pensioner|grandmother|grandfather|gran|nan|grandad|brother|sister|carer|caretaker|cleaner"
    r"|warden|driver|member\s+of\s+staff|manager|widow|widower|couple|family|teenager|lad|bloke|chap|sir"
    r"|madam|uncle|aunt|auntie|cousin|nephew|niece|granddaughter|grandson|worker|officer|apprentice)\b"
    r"|\b(?-i:Mr|Mrs|Ms|Miss|Mx|Dr)\b|(?<![.!?]\s)(?<!^)\b(?-i:[A-Z][a-z'’]+)\s*(?:,[^,]{0,40},\s*)?$"
    r"|(?<!^)(?<![.!?]\s)\b(?-i:[A-Z][a-z]+)\b)"
)
# Groups, not a person: "anyone who is blind", "people with cancer".
_GROUP_BEFORE = re.compile(
    r"(?i:\b(?:anyone|anybody|everyone|everybody|people|those|residents|customers|tenants|users|children"
    r"|adults|families|carers|you|staff|colleagues|visitors|individuals|patients|pupils|members|men|women"
    r"|others|many|all|readers|applicants|drivers|someone|somebody|whoever|if|when|whether|unless|any)"
    r"\s+(?:\w+\s+)?(?:who\s+)?$)"
)
# The words each reading needs, so that a story without them costs a set lookup, not a regex scan.
_MEDICAL_ENDINGS_TEXT = """
    itis osis oses oma omas aemia emia pathy plegia algia iasis ectomy otomy ostomy plasty trophy penia
    rrhoea rrhea therapy lepsy phobia mania
"""
_MEDICAL_ENDINGS = tuple(_MEDICAL_ENDINGS_TEXT.split())
_MEDICAL_ENDING_REVERSED = re.compile("\n(?:" + "|".join(e[::-1] for e in _MEDICAL_ENDINGS) + ")")
_ENDS_SEXUAL_OR_ROMANTIC = methodcaller("endswith", ("sexual", "romantic"))
_CONDITION_CUES_TEXT = """
    diagnosed living lives suffers suffered suffering suffer recovering treated battling fighting beat beaten
    remission sick work has had have having undergoing underwent receiving struck died ill hospital admitted
    developed caught contracted got
"""
_CONDITION_CUES = frozenset(_CONDITION_CUES_TEXT.split())
_SURE_CUES = frozenset(
    {
        "diagnosed",
        "living",
        "lives",
        "suffers",
        "suffered",
        "suffering",
        "suffer",
        "recovering",
        "treated",
        "remission",
    }
)
_CONDITION_HEADS_TEXT = """
    disease syndrome disorder deficiency fever palsy fibrosis cancer lymphoma leukaemia leukemia sclerosis
    dystrophy atrophy infection failure tumour tumor virus anaemia condition illness injury injuries
    transplant bypass amputation surgery operation acute chronic
"""
_CONDITION_HEADS = frozenset(_CONDITION_HEADS_TEXT.split())
_BELIEF_CUES_TEXT = """
    devout devoutly practising practicing committed observant lifelong born strict proud orthodox
    converted conversion convert converting converts community mixed dual
"""
_BELIEF_CUES = frozenset(_BELIEF_CUES_TEXT.split())
# "As a Sikh," is the one reading started by "as", and only as "As" (case as written) and a space:
# "as" alone is in a quarter of all stories, and would send them all through the belief scan.
_AS_A = re.compile(r"As\s")
_IDENTITY_CUES_TEXT = """
    out identifies identify trans transgender binary nonbinary bi bisexual pan pansexual asexual sexual
    aromantic romantic queer gay lesbian genderqueer gender genderfluid fluid agender intersex spirit
"""
_IDENTITY_CUES = frozenset(_IDENTITY_CUES_TEXT.split())
# "Out" is a cue only of coming out, whose matches also have "as" and one of these: "out" alone is in
# many stories ("out of hours", "put out").
_COMING = frozenset(["came", "come", "coming", "comes"])
_IDENTITY_CUES_BUT_OUT = _IDENTITY_CUES - {"out"}


def _may_name_identity(source: str, cues: frozenset[str], words: frozenset[str]) -> bool:
    coming_out = "out" in cues and "as" in cues and not _COMING.isdisjoint(cues)
    return (
        coming_out or not _IDENTITY_CUES_BUT_OUT.isdisjoint(cues) or _ends_sexual_or_romantic(source, words)
    )


_CRIME_CUES_TEXT = """
    served sentenced convicted jailed imprisoned locked sent done nicked cautioned prosecuted prison jail
    custody conviction convictions probation licence license parole bail remand tag
"""
_CRIME_CUES = frozenset(_CRIME_CUES_TEXT.split())
_IMMIGRATION_CUES_TEXT = """
    asylum leave status recourse overstayed visa illegally undocumented stateless deportation deported
"""
_IMMIGRATION_CUES = frozenset(_IMMIGRATION_CUES_TEXT.split())
# The lookahead first: it names every character a match can start with (as IGNORECASE compares them),
# which lets the regex engine skip the rest of the story a character at a time, about 40% faster.
# Between the verb and the capital, only what _BELIEF's readings e and f allow there: an adverb of theirs
# and "a" or "an" (a "proud" or "practising" after them is a belief cue, and sends the story on anyway),
# so that "is in London" or "was the Mayor" no longer sends a story through _BELIEF.
_CAPITAL_AFTER_VERB = re.compile(
    r"(?=[iaw'’İı])\b(?:is|are|was|were|['’]s)\s+(?:(?:also|now|very|proudly|both)\s+)?(?:an?\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
# Each match of it has one of these as a whole run of letters (the "s" of "'s" too), as the story's
# ``words`` fold case: most stories have none, and skip the scan for a set lookup.
_VERBS_BEFORE_CAPITAL = frozenset(["is", "are", "was", "were", "s"])


def _about_a_person(source: str, start: int) -> bool:
    s_start, _ = sentence_bounds(source, start)
    before = source[s_start:start]
    if _GROUP_BEFORE.search(before):
        return False
    if _PERSON_BEFORE.search(before) is not None:
        return True
    # A first name opening the sentence ("Dave was in prison for …"), listed or, if not, a capitalised
    # word no dictionary writes in lower case ("Zorvana served two years for …").
    first = before.split()[:1]
    if not first:
        return False
    word = first[0].strip(",")
    return (
        is_first_name(word)
        or word in AMBIGUOUS_FIRST_NAMES
        or (word[:1].isupper() and word[1:].islower() and word not in TITLES and not is_common_word(word))
    )


def _has_medical_word(cues: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a condition cue and a medical word are both in the story (``cues``: its cue words)."""
    if _CONDITION_CUES.isdisjoint(cues):
        return False
    if not _CONDITION_HEADS.isdisjoint(cues):
        return True
    # Whether a word ends with a medical ending: the words one a line, reversed, and one scan for an
    # ending (reversed) straight after a newline, which the regex engine skips to; asking each word
    # in turn costs half as much again.
    return _MEDICAL_ENDING_REVERSED.search(("\n".join(words) + "\n")[::-1]) is not None


def _ends_sexual_or_romantic(source: str, words: frozenset[str]) -> bool:
    """Whether a word of the story ends with "sexual" or "romantic"; for an ASCII story, whose words are
    its runs of letters lower-cased, neither anywhere in it lower-cased means no."""
    if source.isascii():
        lowered = source.lower()
        if "sexual" not in lowered and "romantic" not in lowered:
            return False
    return any(map(_ENDS_SEXUAL_OR_ROMANTIC, words))


# Every cue word the readings below ask the story's words about: met with the words once, in C, so
# that each reading asks the few found (most stories have none or one) rather than the whole story.
_ALL_CUES = (
    _SURE_CUES
    | _CONDITION_CUES
    | _CONDITION_HEADS
    | _BELIEF_CUES
    | _VERBS_BEFORE_CAPITAL
    | _IDENTITY_CUES
    | _COMING
    | _CRIME_CUES
    | _IMMIGRATION_CUES
    | {"has", "as"}
)


def shaped_special_spans(source: str, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Spans of special category facts recognised by the shape of their words, each about a person."""
    cues = words & _ALL_CUES
    if not _SURE_CUES.isdisjoint(cues):
        yield from _sure_conditions(source)
    if "has" in cues:
        yield from _bare_conditions(source)
    conditions = _CONDITION.finditer(source) if _has_medical_word(cues, words) else ()
    for m in conditions:
        cond = m.group("cond")
        last = cond.split()[-1].lower().strip("'’")
        if last in _NOT_CONDITION or _NOT_A_BODY.search(cond):
            continue
        if _about_a_person(source, m.start()):
            # The condition itself, with what comes before it ("her mastectomy"), not the cue.
            yield m.start("adj"), m.end()
    beliefs = (
        _BELIEF.finditer(source)
        if not _BELIEF_CUES.isdisjoint(cues)
        or ("As" in source and _AS_A.search(source))
        or (not _VERBS_BEFORE_CAPITAL.isdisjoint(cues) and _CAPITAL_AFTER_VERB.search(source))
        else ()
    )
    for m in beliefs:
        group = next(g for g in "abcdef" if m.group(g))
        word = m.group(group)
        if word.split()[-1] in _NOT_BELIEF or word in _NOT_BELIEF:
            continue
        if group in "aef" and _NOT_A_PERSON_AFTER.match(source, m.end(group)):
            continue
        if group == "e" and not _about_a_person(source, m.start()):
            continue
        if group == "f" and _GROUP_BEFORE.search(source, max(0, m.start() - 30), m.start()):
            continue  # "anyone who is …"; "she", "he" and "who" otherwise name the person
        yield m.start(group), m.end(group)
    identities = _IDENTITY.finditer(source) if _may_name_identity(source, cues, words) else ()
    for m in identities:
        group = "a" if m.group("a") else "b"
        if group == "b" and not _about_a_person(source, m.start()):
            continue
        yield m.start(), m.end()
    for m in _CRIME.finditer(source) if not _CRIME_CUES.isdisjoint(cues) else ():
        if _NOT_OFFENCE.match(m.group("off")) or not _about_a_person(source, m.start()):
            continue
        yield m.start(), m.end("off")
    for m in _IMMIGRATION.finditer(source) if not _IMMIGRATION_CUES.isdisjoint(cues) else ():
        if _about_a_person(source, m.start()):
            yield m.start("a"), m.end("a")
