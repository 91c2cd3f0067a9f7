"""Checks of tone about people: insults and defamation.

A council account speaks for the council: no insulting the people it serves, and no accusing a named
person or firm of wrongdoing (libel). Insults count only about people ("a stupid mistake" passes),
and an allegation only next to a name or a business.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText, first_runs, letter_runs
from ..people import find_names, sentence_bounds
from ..registry import Registration
from ..rules import OrgRules, builtin_list
from ..words import first_characters, initials
from .allegation import allegations, identifiable, trigger_words
from .allegation_model import model_allegations
from .denials import denied_claims
from .excuses import FICTION_STORY, PAST_OR_FICTION, lower_in_place
from .innocent import innocent
from .insinuation import quoted_euphemisms
from .profanity import spaced_out, undisguised_words
from .wrongdoing import DONE_KINDS, KINDS, WRONGDOING_WORDS

INSULT = "TONE-INSULT"
DEFAME = "TONE-DEFAME"

SLUR_REASON = (
    "This is a slur against a group of people. Remove it: it must never appear in anything the council "
    "publishes."
)
INSULT_REASON = (
    "This insults someone. Remove it: describe what happened, not the people involved, however "
    "frustrating it was."
)
MILD_INSULT_REASON = (
    "This puts down a group of people. Check the tone: describe the problem (bins left out, cars on "
    "the pavement) rather than the people, who are also the council's residents."
)
DEFAME_REASON = (
    "This accuses a named person or business of wrongdoing. Remove the name or the accusation: "
    "publishing it could be libel unless a court has found it proven, and the legal team must check "
    "any such case first."
)


# Who an insult is about: people, not things ("a stupid mistake" is not an insult).
_PEOPLE = (
    r"(?:residents?|people|persons?|neighbours?|tenants?|colleagues?|staff|workers?|drivers?|parents?"
    r"|kids|children|youths?|teenagers?|customers?|public|locals?|immigrants?|migrants?|refugees?"
    r"|asylum\s+seekers?|foreigners?|travellers?|gypsies|students?|pensioners?|claimants?|tenants?"
    r"|dog\s+owners?|cyclists?|motorists?|shoppers?|visitors?|councillors?|managers?|officers?"
    r"|crews?|contractors?|householders?|landlords?|occupants?|families|mums?|dads?|men|women|lot"
    r"|bunch|folk|some|they|them|he|she|you|everyone|anyone|nobody)"
)
_INTENSIFIER = (
    r"(?:(?:so|too|very|really|just|totally|completely|utterly|bloody|such|a|an|bunch\s+of|lot\s+of)\s+)*"
)


# The first letters of _PEOPLE's words, for a lookahead of the put-downs' first characters.
_PEOPLE_INITIALS = "abcdfghiklmnoprstvwy"


@cache
def _insult_patterns(extra: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted({w.lower() for w in words}, key=len, reverse=True))

    def starting(words: tuple[str, ...], pattern: str, *, also: str = "") -> str:
        # Behind a lookahead of the words' first characters (see ``first_characters``), compared as
        # ``(?i:…)`` compares them, a class that holds what the case-sensitive nouns start with too.
        firsts = initials(w.lower() for w in words)
        return pattern if firsts is None else first_characters(firsts + also, pattern, ignore_case=True)

    slur_list = builtin_list("tone_slurs.txt")
    slurs = re.compile(starting(slur_list, rf"(?<![\w-])(?i:{alternation(slur_list)})(?![\w-])"))
    # Insult nouns count in lower case only, so titles ("The Muppets", "Where's Wally?") are safe,
    # and not as a modifier ("idiot-proof").
    noun_list = builtin_list("tone_insults.txt") + extra
    nouns = re.compile(starting(noun_list, rf"(?<![\w-])(?:{alternation(noun_list)})(?![\w-])(?!\s+proof\b)"))
    adjective_list = builtin_list("tone_insult_words.txt")
    adjectives = alternation(adjective_list)
    mild = re.compile(
        starting(
            adjective_list,
            rf"(?i:\b(?:{adjectives})\s+(?:\w+\s+)?{_PEOPLE}\b"
            rf"|\b{_PEOPLE}\s+(?:who(?:\s+[\w'’]+){{1,4}}\s+)?(?:are|is|were|was|being)\s+{_INTENSIFIER}(?:{adjectives})\b)",
            also=_PEOPLE_INITIALS,
        )
    )
    return slurs, nouns, mild


@cache
def _insult_words(extra: tuple[str, ...]) -> frozenset[str] | None:
    """Every match of the insult patterns has one of these as a whole word: a slur, an insult or a
    put-down adjective (their first word, for phrases). None if an entry does not start with a letter."""
    entries = (
        builtin_list("tone_slurs.txt")
        + builtin_list("tone_insults.txt")
        + extra
        + builtin_list("tone_insult_words.txt")
    )
    return first_runs(entries)


@cache
def _blocking_words(extra: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Slurs and insults, lower case with separators dropped, for words spelt out letter by letter."""

    def plain(words: tuple[str, ...]) -> frozenset[str]:
        return frozenset(re.sub(r"[\s'’-]", "", w.lower()) for w in words)

    return plain(builtin_list("tone_slurs.txt")), plain(builtin_list("tone_insults.txt") + extra)


def check_insult(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    extra = tuple(rules.words.insults)
    # "p4ki", "1diot": leetspeak undone letter for letter, so that spans stay those of the story.
    folded, changed = undisguised_words(source)
    spelt_out = list(spaced_out(source))
    words = _insult_words(extra)
    # The words of ``folded`` are the story's and those changed: only the latter are new.
    if (
        words is not None
        and words.isdisjoint(text.words)
        and (not changed or words.isdisjoint(letter_runs(" ".join(changed))))
        and not spelt_out
    ):
        return []
    slurs, nouns, mild = _insult_patterns(extra)
    spans: dict[tuple[int, int], tuple[Severity, str]] = {}
    for version in dict.fromkeys((source, folded)):
        for m in slurs.finditer(version):
            spans.setdefault(m.span(), (Severity.BLOCK, SLUR_REASON))
        for m in nouns.finditer(version):
            spans.setdefault(m.span(), (Severity.BLOCK, INSULT_REASON))
    slur_words, insult_words = _blocking_words(extra)
    for start, end, word in spelt_out:
        if word.lower() in slur_words:
            spans.setdefault((start, end), (Severity.BLOCK, SLUR_REASON))
        elif word.lower() in insult_words:
            spans.setdefault((start, end), (Severity.BLOCK, INSULT_REASON))
    findings = [Finding(INSULT, sev, a, b, reason) for (a, b), (sev, reason) in spans.items()]
    findings += [Finding(INSULT, Severity.WARN, *m.span(), MILD_INSULT_REASON) for m in mild.finditer(source)]
    return findings


_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?"
# A capitalised word of a name, Gaelic prefixes included ("McQuellby", "MacQuellby", "O'Quellby").
_CAP = r"(?:Ma?c|O['’])?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
_BUSINESS_SUFFIX = (
    r"(?:Ltd\.?|Limited|PLC|plc|LLP|&\s+(?:Sons?|Co\.?|Daughters?)|and\s+Sons?|Builders?|Building|Roofing"
    r"|Plumbing|Plumbers?|Heating|Electrical|Electricians?|Motors|Cars|Garage|Autos?|Construction"
    r"|Removals|Waste|Skips?|Clearances?|Landscaping|Gardening|Services|Lettings|Estates|Properties"
    r"|Scaffolding|Driveways|Paving|Windows|Carpets|Cleaning|Traders?|Trading|Takeaway|Cafe|Café"
    r"|Kebabs?|Pizza|Bar|Pub|Inn|Stores?|Shop|Supplies|Group|Solutions|Contractors|Haulage|Recycling"
    r"|Inc\.?|LLC|Lettings)"
)
# A person (a title and a name, or two or three capitalised words) or a business (capitalised
# words and a trade word such as "Roofing" or "Ltd").
_NAMED = (
    rf"(?:{_HONORIFIC}\s+{_CAP}(?:\s+{_CAP})?"
    rf"|(?:{_CAP}['’]s\s+|{_CAP}\s+){{1,3}}{_BUSINESS_SUFFIX}\b"
    rf"|{_CAP}(?:\s+{_CAP}){{1,2}}"
    # A firm by the shape of its name: "Harris-Lowe", "Okafor, Brent and Lyle", and anyone a warning
    # names ("avoid Harris", "don't use Lyle's").
    rf"|(?:Ma?c|O['’])?[A-Z][a-z]+-(?:Ma?c|O['’])?[A-Z][a-z]+(?![\w-])"
    rf"|{_CAP},\s+{_CAP},?\s+(?:and|&)\s+{_CAP}"
    rf"|(?i:avoid|don['’]?t\s+use|do\s+not\s+use|never\s+use|steer\s+clear\s+of|stay\s+away\s+from)"
    rf"\s+(?:{_CAP}['’]s|{_CAP})(?:\s+{_CAP}){{0,3}}"
    # Someone put at an address is as identifiable as a name: "the bloke at 14 Mill Lane", "Gary at
    # number 9".
    rf"|(?:(?i:the)\s+)?(?:(?i:man|woman|bloke|lad|guy|tenant|resident|neighbour|family|couple|owner|landlord"
    rf"|lady)|{_CAP})\s+(?:at|in|from|of)\s+(?:(?i:number|no\.?|flat)\s*\d{{1,4}}[A-Za-z]?"
    rf"|\d{{1,4}}[A-Za-z]?\s+{_CAP}(?:\s+{_CAP}){{0,2}}))"
)
_NAMED_RE = re.compile(_NAMED)
# A name starts a word ("McQuellby-Brank", not "Quellby-Brank"): tried at every letter, the name shapes
# cost most of the patterns, and a look-behind rules out the letters inside words at once.
_WORD_START = r"(?<!\w)"
# Capitalised words that make a sequence a place, organisation or sentence start, not a person.
_NOT_PERSON_TEXT = """
    Road Street Lane Avenue Park Close Way Drive Estate Centre Center Library Council Borough Hall Court
    Green Hill Square Crescent Gardens Place Terrace Row Walk Bridge School Church House Station Market
    Town City Ward Team Street Parade Grove Rise Mews Common Wood Field Fields Farm Industrial Retail
    Police Trading Standards Magistrates Crown Court NHS The A An Our We This That Last Yesterday Today
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Officers Officer Enforcement Environmental Services
    Please Thanks Thank Well Another One Two Three Fly Cowboy Rogue Local Council's If When After"""
_NOT_PERSON = frozenset(_NOT_PERSON_TEXT.split())


# "Mrs Patel was robbed": the name is who it was done to.
# Done: after "was" the name is who it was done to ("Mrs Patel was robbed"), and after "the" it
# describes a thing ("Dave Jones cleared the dumped rubbish").
_DONE_GUARD = r"(?<!was )(?<!were )(?<!been )(?<!got )(?<!being )(?<!\bthe )(?<!\ban )(?<!\ba )(?<!\bits )"
_DONE = (
    r"(?i:stole|steals|scammed|scams|conned|cons|ripped\s+off|rips\s+off|defrauded|fleeced"
    r"|swindled|fly-?tipped|dumped\s+(?:rubbish|waste|it|this|the\s+\w+)|robbed|cheated|lied)"
)
# What someone is doing: "is dealing drugs", "has been fiddling the accounts", "are fleecing people".
_DOING = (
    r"(?i:stealing|scamming|conning|fleecing|swindling|defrauding|robbing|burgling|cheating|embezzl(?:ed|ing)"
    r"|fly[\s-]?tipping|ripping\s+(?:\w+\s+)?off|dumping\s+(?:rubbish|rubble|waste|mattresses|fridges|tyres"
    r"|asbestos|it|their|the\s+\w+)|fiddl(?:ed|ing)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?(?:\w+['’]s?\s+)?"
    r"(?:accounts|books|figures|meters?|expenses|benefits|claims)|(?:dealing|selling|pushing)\s+(?:drugs|crack"
    r"|heroin|cocaine|weed|cannabis)|laundering|taking\s+backhanders|took\s+(?:[\w'’]+\s+){0,3}?(?:money"
    r"|deposits?|cash|savings)\b[^.!?]{0,60}?\b(?:never\s+c[oa]me\s+back|vanished|disappeared|did\s+a\s+runner))"
)
# Every pattern with a verb has it after a space (the ``\s+`` before ``_BETWEEN``'s words, or its last):
# a story with none such has no match of them. Scanned for alone, the verb costs a fraction of the
# patterns, whose name shapes are tried at every capital and then every few words after it.
# Matched in the story in lower case, as written (all in lower case) rather than with (?i:), which costs
# about three times as much.
_SPACE_THEN_VERB = re.compile(rf"\s(?:{_DONE_GUARD}{_DONE}|{_DOING})\b".replace("(?i:", "(?:"))


_Kind = tuple[int, re.Pattern[str], str, frozenset[str] | None]


@cache
def _wrongdoing_by_word() -> dict[str, tuple[_Kind, ...]]:
    """Each kind of wrongdoing in ordinary words (see ``wrongdoing``) on its own after a space, filed
    under its words: a story is scanned only for the kinds one of whose words it has (and one of the
    words after its "+", if any), each a small pattern rather than the whole alternation. With each,
    its place, its text as a verb and the words after its "+"."""
    # Scanned for in the story in lower case, as written (see ``_SPACE_THEN_VERB``).
    kinds = [(rf"{_DONE_GUARD}(?:{p})", rf"{_DONE_GUARD}(?i:{p})") for _, p in DONE_KINDS]
    kinds += [(rf"(?:{p})", rf"(?i:{p})") for _, p in KINDS]
    by_word: dict[str, list[_Kind]] = {}
    for i, ((words, _), (lower, verb)) in enumerate(zip(DONE_KINDS + KINDS, kinds, strict=True)):
        keys, plus, also = words.partition("+")
        entry = (i, re.compile(rf"\s{lower}\b"), verb, frozenset(also.split()) if plus else None)
        for word in keys.split():
            by_word.setdefault(word, []).append(entry)
    return {word: tuple(entries) for word, entries in by_word.items()}


def _verbs_said(source: str, words: frozenset[str], triggers: frozenset[str]) -> str | None:
    """The alternation of the kinds of verb the story has a match of, in a fixed order; None if none.
    ``triggers`` is ``words``, or those of them among a set that holds ``_ALL_VERB_WORDS``."""
    hits = triggers & _ALL_VERB_WORDS
    if not hits:
        return None
    by_word = _wrongdoing_by_word()
    kinds: dict[int, _Kind] = {}
    for word in hits:
        for kind in by_word.get(word, ()):
            if kind[3] is None or not kind[3].isdisjoint(words):
                kinds[kind[0]] = kind
    ours = not hits.isdisjoint(_DEFAME_VERBS)
    if not ours and not kinds:
        return None
    lower = source.lower()
    verbs = [rf"{_DONE_GUARD}{_DONE}|{_DOING}"] if ours and _SPACE_THEN_VERB.search(lower) else []
    for i in sorted(kinds):
        if kinds[i][1].search(lower) is not None:
            verbs.append(kinds[i][2])
    return "(?:" + "|".join(verbs) + ")" if verbs else None


# Between a name and what it is accused of doing, no word that makes someone else the doer or the
# name a witness: "Mrs Patel reported that someone was dumping rubbish".
_BETWEEN = (
    r"(?:(?!(?i:reported|caught|saw|seen|spotted|stopped|found|told|said|says|that|who|whether|if|when"
    r"|someone|somebody|people|victims?|and|but|after|against|about|by"
    # Someone else did it, and the name dealt with them: "Jo Bloggs arrested a man selling ...".
    r"|arrested|arresting|fined|fining|prosecuted|prosecuting|convicted|interviewed|investigated"
    r"|investigating|questioned|warned|warning|chased|chasing|tackled|tackling|confronted|challenged"
    r"|evicted|banned|helped|helping|rescued|supported|supporting|thanked|thanks|cleared|clearing|clears"
    r"|collected|collecting|removed|removing|picked|picking)\b)[\w'’-]+\s+){0,4}?"
)
# "a known", "a bunch of", "absolute", "fly-tipping": words that grade the allegation, but not a
# preposition or a clause ("was robbed by a thief", "is the one who caught the thief").
_QUALIFIER = (
    r"(?:(?i:a|an|the|such|known|notorious|convicted|suspected|total|real|complete|proper|local"
    r"|(?:bunch|lot|load|pack|band|gang)\s+of)\s+)*"
    r"(?:(?!(?i:by|of|from|to|with|for|at|on|in|who|that|which|and|or|but|not|no|never|after|before"
    r"|than|victim|victims|target|targets|caught|reported|catch|stopped|chased|fined)\b)[a-z][a-z-]*\s+){0,2}"
)
# "Mrs Smith, a thief had taken her purse": the name is the victim, the thief the subject.
_NOT_THE_SUBJECT = r"(?!\s+(?i:had|has|have|took|stole|was|were|broke|got|came|entered|then)\b)"


@cache
def _allegation() -> str:
    terms = sorted({t.lower() for t in builtin_list("tone_allegations.txt")}, key=len, reverse=True)
    return "(?i:" + "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", t))) for t in terms) + ")"


@cache
def _defame_patterns() -> tuple[re.Pattern[str], ...]:
    allegation = _allegation()
    return (
        # "Dave Jones is a cowboy builder", "Smith Roofing, a rogue trader", "avoid Smith Roofing – cowboys"
        re.compile(
            rf"{_WORD_START}(?P<name>{_NAMED})\s*(?:,\s*|\s*[:–—]\s*|\s+-\s+|\s+(?i:is|was|are|were|=|the)\s+"
            rf"|['’]s\s+(?i:a|an|the)\s+)"
            rf"{_QUALIFIER}(?P<term>{allegation})s?(?![\w-]){_NOT_THE_SUBJECT}"
        ),
        # "fly-tipper Dave Jones", "rogue traders like Smith Roofing"
        re.compile(
            rf"(?<![\w-])(?P<term>{allegation})s?[,:]?\s+(?:(?i:called|named|like|such\s+as|at|from|-)\s+)?"
            rf"(?P<name>{_NAMED})"
        ),
    )


@lru_cache(maxsize=16)
def _verb_patterns(verb: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a verb, for the kinds of verb a story has (``_verbs_said``): after a name of
    the capitalised-words shape, after a name the name finder found, and after a pronoun."""
    return (
        # "Dave Jones stole", "Smith Roofing ripped off"
        re.compile(rf"{_WORD_START}(?P<name>{_NAMED})\s+{_BETWEEN}(?P<term>{verb})\b"),
        # "Darren McAllister", "Mrs O'Neill", which the capitalised-words shape does not take
        re.compile(rf"\s+{_BETWEEN}(?P<term>{verb})\b"),
        # "Don't use Ashworth Paving: they took ..."
        re.compile(rf"{_PRONOUN}\s+{_BETWEEN}(?P<term>{verb})\b"),
    )


@cache
def _after_name_pattern() -> re.Pattern[str]:
    """The first pattern without its name, for a name the name finder found ("Darren McAllister",
    "Mrs O'Neill") that the capitalised-words shape does not."""
    return re.compile(
        rf"\s*(?:,\s*|\s+(?i:is|was|are|were|=|the)\s+|['’]s\s+(?i:a|an|the)\s+)"
        rf"{_QUALIFIER}(?P<term>{_allegation()})s?(?![\w-]){_NOT_THE_SUBJECT}"
    )


# "Cleared up after Premier Paving Co again. They are thieves.": an allegation about the name in
# the sentence before, made through a pronoun.
_PRONOUN = r"\b(?:They|they|He|he|She|she)"


@cache
def _pronoun_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"{_PRONOUN}\s+(?i:is|was|are|were)\s+{_QUALIFIER}(?P<term>{_allegation()})s?(?![\w-])"
        rf"{_NOT_THE_SUBJECT}"
    )


def _named_before(source: str, pos: int) -> bool:
    """A named person or business in the sentence of ``pos`` or the one before."""
    s_start, _ = sentence_bounds(source, pos)
    prev_start, _ = sentence_bounds(source, max(0, s_start - 2))
    return any(_is_named(m.group()) for m in _NAMED_RE.finditer(source, prev_start, pos))


def _is_named(name: str) -> bool:
    if any(c.isdigit() for c in name):
        return True  # put at an address
    words = name.replace("’", "'").split()
    if re.match(_HONORIFIC + r"$", words[0]) or _WARNING.match(name) or "," in name:
        return True
    if len(words) == 1 and "-" in name:
        return name.split("-", 1)[0] not in _NOT_PERSON
    if re.search(_BUSINESS_SUFFIX + r"$", name):
        return words[0] not in {"The", "A", "Our", "This"} or len(words) > 2
    return not any(w.rstrip("'s") in _NOT_PERSON or w in _NOT_PERSON for w in words)


_WARNING = re.compile(r"(?i:avoid|don['’]?t|do|never|steer|stay)\b")


# Verbs of the third pattern; the allegations' own words come from the list.
_DEFAME_VERBS_TEXT = """
    stole steals stealing scammed scams conned cons ripped rips defrauded fleeced swindled fly
    flytipped dumped robbed cheated lied scamming conning fleecing swindling defrauding robbing burgling
    cheating embezzled embezzling flytipping ripping dumping fiddled fiddling dealing selling pushing
    laundering taking took
"""
_DEFAME_VERBS = frozenset(_DEFAME_VERBS_TEXT.split())
_ALL_VERB_WORDS = _DEFAME_VERBS | WRONGDOING_WORDS


@cache
def _allegation_words() -> frozenset[str] | None:
    """Every match of a pattern with an allegation in it has one of these as a whole word: an
    allegation's first word, or its plural as the patterns allow ("burglars"). None if an allegation
    does not start with a letter. Every match of a pattern with a verb has one of ``_DEFAME_VERBS``."""
    terms = builtin_list("tone_allegations.txt")
    starts = first_runs(terms)
    if starts is None:
        return None
    return starts | {t.lower() + "s" for t in terms if t.isalpha()}


@cache
def _trigger_words() -> frozenset[str] | None:
    """Every word the rules of TONE-DEFAME test a story's words for before reading it (see
    ``_defamation`` and ``allegation.allegations``); None when an allegation is not a word's run."""
    allegations = _allegation_words()
    if allegations is None:
        return None
    return allegations | _ALL_VERB_WORDS | trigger_words()


def check_defamation(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    return _defamation(text, text.words)


def _defamation(text: NormalisedText, triggers: frozenset[str]) -> list[Finding]:
    """``check_defamation``; ``triggers`` is the story's words, or those of them among a set that holds
    every word asked about below (``_trigger_words``)."""
    source = text.text
    allegations = _allegation_words()
    # Most stories that get this far have only a verb ("dumped", "took"): the allegation patterns,
    # which cost most, cannot match them, and only the verb patterns run, with only the kinds of verb
    # the story has.
    alleged = allegations is None or not allegations.isdisjoint(triggers)
    verb = _verbs_said(source, text.words, triggers)
    if not alleged and verb is None:
        return []
    verb_patterns = _verb_patterns(verb) if verb is not None else None
    # After a name by shape, after a name the name finder found, after a pronoun: an allegation, a verb.
    after_name: list[re.Pattern[str]] = []
    after_pronoun: list[re.Pattern[str]] = []
    by_shape: list[re.Pattern[str]] = []
    if alleged:
        by_shape += _defame_patterns()
        after_name.append(_after_name_pattern())
        after_pronoun.append(_pronoun_pattern())
    if verb_patterns is not None:
        by_shape.append(verb_patterns[0])
        after_name.append(verb_patterns[1])
        after_pronoun.append(verb_patterns[2])
    findings: list[Finding] = []
    for pattern in by_shape:
        for m in pattern.finditer(source):
            if _is_named(m.group("name")):
                findings.append(Finding(DEFAME, Severity.BLOCK, *m.span("term"), DEFAME_REASON))
    taken = {(f.start, f.end) for f in findings}
    for name in find_names(source):
        for pattern in after_name:
            after = pattern.match(source, name.end)
            if after and after.span("term") not in taken:
                findings.append(Finding(DEFAME, Severity.BLOCK, *after.span("term"), DEFAME_REASON))
                taken.add(after.span("term"))
    for pattern in after_pronoun:
        for m in pattern.finditer(source):
            if m.span("term") not in taken and _named_before(source, m.start()):
                findings.append(Finding(DEFAME, Severity.BLOCK, *m.span("term"), DEFAME_REASON))
                taken.add(m.span("term"))
    return findings


def check_allegations(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    """TONE-DEFAME: the name-then-verb patterns above, and allegations read a sentence at a time
    (``allegation``: a kind of wrongdoing said of someone identifiable, in either order)."""
    source = text.text
    vocabulary = _trigger_words()
    # One intersection with every word the rules ask about, in place of one a rule: the story's words
    # are looked up once, and each rule's test is of the few found.
    triggers = text.words if vocabulary is None else text.words & vocabulary
    findings: list[Finding] = []
    cleared: list[tuple[int, int]] = []  # sentences whose one named saw, caught or suffered the wrong
    unlinked: list[tuple[int, int]] = []  # words of a wrong whose doer the rules could not name
    # A story with none of those words (about half) has nothing for either rule to find.
    if triggers:
        findings += (
            f
            for f in _defamation(text, triggers)
            if not _title_word(source, f.start)
            and not _past_or_fiction(source, f.start)
            and not innocent(source, f.start, f.end)
            and not _excused_at(source, f.start)
        )
        taken = {(f.start, f.end) for f in findings}
        for span in allegations(text, triggers, cleared, unlinked):
            if span not in taken:
                findings.append(Finding(DEFAME, Severity.BLOCK, *span, DEFAME_REASON))
    # A claim someone made and the writer's flat denial of it ("... signed it off as safe. It isn't.").
    findings += [Finding(DEFAME, Severity.BLOCK, *span, DEFAME_REASON) for span in denied_claims(text)]
    # An ordinary word in sarcastic quotes said of someone named ('took the wardrobe and "lost" it').
    if not findings:
        findings = [Finding(DEFAME, Severity.BLOCK, *span, DEFAME_REASON) for span in quoted_euphemisms(text)]
    if not findings:
        # Wording the rules do not know, read by the model (``allegation_model``).
        findings = [
            Finding(DEFAME, Severity.BLOCK, *span, DEFAME_REASON)
            for span in model_allegations(text, unlinked)
            if not _all_cleared(source, span, cleared)
        ]
    return findings


# What a court or tribunal ordered, which a council may publish: "has been ordered by the court to pay
# £5,000 to a family he unlawfully evicted". (A name beside a wrong is still blocked when only "fined".)
_ORDERED = re.compile(
    r"\b(?:ordered\s+by\s+(?:the\s+|a\s+)?(?:court|tribunal|judge|magistrates)"
    r"|(?:court|tribunal|judge|magistrates)\s+(?:has\s+|have\s+)?ordered)\b"
)


def _excused_at(source: str, pos: int) -> bool:
    """The sentence around ``pos`` tells what a court or tribunal ordered."""
    start, end = sentence_bounds(source, pos)
    return _ORDERED.search(lower_in_place(source[start:end])) is not None


def _past_or_fiction(source: str, pos: int) -> bool:
    """The sentence around ``pos`` tells of the past or of fiction ("… smuggler, Jack Rudd, died in 1802")."""
    start, end = sentence_bounds(source, pos)
    lower = lower_in_place(source[start:end])
    return PAST_OR_FICTION.search(lower) is not None or FICTION_STORY.search(source) is not None


def _all_cleared(source: str, span: tuple[int, int], cleared: list[tuple[int, int]]) -> bool:
    """Whether the rules found every sentence of ``span`` (all but its spaces) about a victim or a witness,
    or every one that names anyone: then the model's reading of the same words is no allegation ("Jane
    Ellis saw a man dumping rubble"; "Gerry Platt told us about the dogs running loose; we've put signs
    up")."""
    inside = sorted(
        (max(a, span[0]), min(b, span[1])) for a, b in set(cleared) if a < span[1] and b > span[0]
    )
    if not inside:
        return False
    covered = sum(b - a for a, b in inside)
    if covered >= 0.9 * (span[1] - span[0]):
        return True
    rest, at = [], span[0]
    for a, b in inside:
        if a > at:
            rest.append((at, a))
        at = max(at, b)
    rest.append((at, span[1]))
    return not any(identifiable(source, a, b) for a, b in rest if b > a)


def _title_word(source: str, start: int) -> bool:
    """A capitalised word inside a sentence is a title's ("The Thief Who Came to Dinner"), not an
    allegation; at a sentence's start, or in capitals throughout, it is one."""
    if not source[start].isupper() or source[start : start + 2].isupper():
        return False
    before = source[:start].rstrip(" \t\"“‘'(")
    return bool(before) and before[-1] not in ".!?\n:;—-"


REGISTRY: tuple[Registration, ...] = (
    Registration(
        INSULT,
        "Insults about colleagues, residents or groups: slurs and name-calling block, put-downs warn",
        check_insult,
    ),
    Registration(
        DEFAME,
        "An allegation of wrongdoing (crime, dishonesty, cruelty, dangerous work) about someone identifiable",
        check_allegations,
    ),
)
