"""Checks of tone: profanity (Scunthorpe-safe), insults, defamation and commercial endorsement.

A council account speaks for the council: no swearing, no insulting the people it serves, no accusing
a named person or firm of wrongdoing (libel), and no advertising for a private business. People hide
swearing from filters ("f**k", "sh1t", "shiiit", fake-bold letters), and place names and surnames
contain it innocently ("Scunthorpe", "Cockburn"), so words are matched whole, after undoing the
disguises, with an allow-list that wins.

Hand-written rather than a profanity package: the packages match substrings or carry US word lists
that block "Penistone" or "faggots and peas", they cannot say where in the text the word was, and the
organisation needs to add its own place names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..registry import Registration
from ..rules import OrgRules, builtin_list

PROF = "TONE-PROF"
INSULT = "TONE-INSULT"
DEFAME = "TONE-DEFAME"
ENDORSE = "COMM-ENDORSE"

PROF_REASON = "This is swearing. Remove it: the council's accounts must never swear, even disguised."
MILD_PROF_REASON = (
    "This is mild swearing. Most readers will not mind, but the council's accounts should not swear: "
    "consider another word."
)
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
ENDORSE_REASON = (
    "This promotes a private business. The council cannot advertise or recommend one firm over "
    "others: take out the recommendation, offer or discount code, or ask the comms team about a "
    "partnership credit."
)

# Leetspeak and look-alike letters, one character for one so that spans stay exact.
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "9": "g",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "€": "e",
        "£": "l",
        # Cyrillic and Greek letters that look Latin.
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ѕ": "s",
        "к": "k",
        "т": "t",
        "ο": "o",
        "α": "a",
        "ι": "i",
        "κ": "k",
        "υ": "u",
    }
)
# A word, with the symbols that stand in for letters or hide them; digits alone are never a word.
_TOKEN = re.compile(r"[^\W_][\w@$*!|€£'’-]*[\w@$*€£]|[^\W_\d]")
_SPACED = re.compile(r"(?<![\w.*-])(?:[^\W\d_][ .*_-]){2,}[^\W\d_](?![\w*])")
_REPEATS = re.compile(r"(.)\1+")
_SUFFIXES = ("s", "es", "ed", "ing", "in", "er", "ers", "y", "head", "heads")


@dataclass(frozen=True)
class _WordList:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class _Matcher:
    """A word list prepared once, so that judging a word is a few set lookups rather than loops.

    ``inflected`` holds every listed word with every suffix of ``_SUFFIXES`` (and the word itself),
    which is what "a listed word plus a common ending" means; ``collapsed`` and ``collapsed_prefixes``
    are the list with repeated letters undone, for "shiiit".
    """

    words: _WordList
    inflected: frozenset[str]
    collapsed: frozenset[str]
    collapsed_prefixes: tuple[str, ...]


def _matcher(words: _WordList) -> _Matcher:
    return _Matcher(
        words,
        words.exact | {w + s for w in words.exact for s in _SUFFIXES},
        frozenset(_collapse(w) for w in words.exact),
        tuple(_collapse(p) for p in words.prefixes),
    )


def _word_list(entries: tuple[str, ...]) -> _WordList:
    exact = {e.lower() for e in entries if "*" not in e}
    prefixes = tuple(e.lower().rstrip("*") for e in entries if e.endswith("*"))
    suffixes = tuple(e.lower().lstrip("*") for e in entries if e.startswith("*"))
    return _WordList(frozenset(exact | set(prefixes) | set(suffixes)), prefixes, suffixes)


@cache
def _builtin(name: str) -> _WordList:
    return _word_list(builtin_list(name))


@cache
def _builtin_allowed() -> frozenset[str]:
    return frozenset(w.lower() for w in builtin_list("tone_allowed.txt"))


@cache
def _strong(extra: tuple[str, ...]) -> _Matcher:
    strong = _builtin("tone_profanity.txt")
    if extra:
        more = _word_list(extra)
        strong = _WordList(strong.exact | more.exact, strong.prefixes + more.prefixes, strong.suffixes)
    return _matcher(strong)


@cache
def _mild() -> _Matcher:
    return _matcher(_builtin("tone_profanity_mild.txt"))


def _fold(word: str) -> str:
    """Lower case, leetspeak undone, accents dropped ("fück"); one character out for each one in."""
    if word.isascii():
        # An ASCII character has no accent to drop, so the loop below would keep every one as it is.
        return word.lower().translate(_LEET)
    out = []
    for ch in word.lower().translate(_LEET):
        base = unicodedata.normalize("NFKD", ch)[:1]
        out.append(base if base.isascii() and base.isalpha() else ch)
    return "".join(out)


def _collapse(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


def _listed(word: str, m: _Matcher) -> bool:
    # ``str.startswith`` and ``endswith`` take a tuple, and an empty tuple matches nothing.
    return word in m.inflected or word.startswith(m.words.prefixes) or word.endswith(m.words.suffixes)


def _matches(folded: str, m: _Matcher) -> bool:
    """Whether a folded word is on the list, as written, masked or with letters repeated."""
    if "*" in folded:
        return _masked_match(folded, m.words)
    word = folded.strip("'’-")
    if _listed(word, m):
        return True
    if _REPEATS.search(word) is None:
        return False
    # "shiiit" is "shit", but "ass" must not be found in "as": only undo repeats the writer added.
    collapsed = _collapse(word)
    return collapsed in m.collapsed or collapsed.startswith(m.collapsed_prefixes)


def _masked_match(folded: str, words: _WordList) -> bool:
    # Each "*" hides at least one letter; the letters shown must start the word and be in order.
    letters = folded.replace("*", "")
    if not letters or not folded[0].isalpha():
        return False
    pattern = re.compile(
        "".join(r"\w+" if ch == "*" else re.escape(ch) for ch in re.sub(r"\*+", "*", folded))
    )
    return any(pattern.fullmatch(w) for w in words.exact if len(w) >= len(letters) + 1)


@cache
def _allowed(extra: tuple[str, ...]) -> frozenset[str]:
    return _builtin_allowed() | {w.lower() for w in extra}


@cache
def _allowed_phrases(allowed: frozenset[str]) -> re.Pattern[str] | None:
    phrases = [p for p in allowed if " " in p]
    if not phrases:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)",
        re.IGNORECASE,
    )


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        raw = m.group(0)
        # "!" and "|" stand for letters only inside a word, never as its last character.
        while raw and raw[-1] in "!|'’-":
            raw = raw[:-1]
            end -= 1
        if raw and any(c.isalpha() for c in raw):
            yield start, end, raw
    for m in _SPACED.finditer(text):
        # "f u c k", "s.h.i.t": letters spaced out to dodge a filter, read as one word.
        yield m.start(), m.end(), re.sub(r"[ ._-]", "", m.group(0))


def check_profanity(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    strong = _strong(tuple(rules.words.profanity))
    mild = _mild()
    allowed = _allowed(tuple(rules.words.allowed))
    phrases = _allowed_phrases(allowed)
    protected = [m.span() for m in phrases.finditer(source)] if phrases is not None else []
    findings: list[Finding] = []
    for start, end, raw in _tokens(source):
        if raw.lower().strip("'’") in allowed or any(s <= start and end <= e for s, e in protected):
            continue
        folded = _fold(raw)
        if folded in allowed:
            continue
        if _matches(folded, strong):
            # "Dick" with a capital is a name (Dick Whittington, Philip K. Dick), not the insult.
            if folded in {"dick", "dicks"} and raw[0].isupper() and not raw.isupper():
                continue
            findings.append(Finding(PROF, Severity.BLOCK, start, end, PROF_REASON))
        elif _matches(folded, mild) and not (raw[0].isupper() and folded in {"git", "prat", "sod"}):
            findings.append(Finding(PROF, Severity.WARN, start, end, MILD_PROF_REASON))
    return findings


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


@cache
def _insult_patterns(extra: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted({w.lower() for w in words}, key=len, reverse=True))

    slurs = re.compile(rf"(?<![\w-])(?i:{alternation(builtin_list('tone_slurs.txt'))})(?![\w-])")
    # Insult nouns count in lower case only, so titles ("The Muppets", "Where's Wally?") are safe,
    # and not as a modifier ("idiot-proof").
    nouns = re.compile(
        rf"(?<![\w-])(?:{alternation(builtin_list('tone_insults.txt') + extra)})(?![\w-])(?!\s+proof\b)"
    )
    adjectives = alternation(builtin_list("tone_insult_words.txt"))
    mild = re.compile(
        rf"(?i:\b(?:{adjectives})\s+(?:\w+\s+)?{_PEOPLE}\b"
        rf"|\b{_PEOPLE}\s+(?:who(?:\s+[\w'’]+){{1,4}}\s+)?(?:are|is|were|was|being)\s+{_INTENSIFIER}(?:{adjectives})\b)"
    )
    return slurs, nouns, mild


def check_insult(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    slurs, nouns, mild = _insult_patterns(tuple(rules.words.insults))
    findings = [Finding(INSULT, Severity.BLOCK, *m.span(), SLUR_REASON) for m in slurs.finditer(source)]
    findings += [Finding(INSULT, Severity.BLOCK, *m.span(), INSULT_REASON) for m in nouns.finditer(source)]
    findings += [Finding(INSULT, Severity.WARN, *m.span(), MILD_INSULT_REASON) for m in mild.finditer(source)]
    return findings


_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?"
_CAP = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
_BUSINESS_SUFFIX = (
    r"(?:Ltd\.?|Limited|PLC|plc|LLP|&\s+(?:Sons?|Co\.?|Daughters?)|and\s+Sons?|Builders?|Building|Roofing"
    r"|Plumbing|Plumbers?|Heating|Electrical|Electricians?|Motors|Cars|Garage|Autos?|Construction"
    r"|Removals|Waste|Skips?|Clearances?|Landscaping|Gardening|Services|Lettings|Estates|Properties"
    r"|Scaffolding|Driveways|Paving|Windows|Carpets|Cleaning|Traders?|Trading|Takeaway|Cafe|Café"
    r"|Kebabs?|Pizza|Bar|Pub|Inn|Stores?|Shop|Supplies|Group|Solutions|Contractors|Haulage|Recycling)"
)
# A person (a title and a name, or two or three capitalised words) or a business (capitalised
# words and a trade word such as "Roofing" or "Ltd").
_NAMED = (
    rf"(?:{_HONORIFIC}\s+{_CAP}(?:\s+{_CAP})?"
    rf"|(?:{_CAP}['’]s\s+|{_CAP}\s+){{1,3}}{_BUSINESS_SUFFIX}\b"
    rf"|{_CAP}(?:\s+{_CAP}){{1,2}})"
)
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


@cache
def _defame_patterns() -> tuple[re.Pattern[str], ...]:
    terms = sorted({t.lower() for t in builtin_list("tone_allegations.txt")}, key=len, reverse=True)
    allegation = (
        "(?i:" + "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", t))) for t in terms) + ")"
    )
    qualifier = (
        r"(?:(?i:a|an|the|such|known|notorious|convicted|suspected|total|real|complete|proper|local)\s+)*"
    )
    return (
        # "Dave Jones is a cowboy builder", "Smith Roofing, a rogue trader"
        re.compile(
            rf"(?P<name>{_NAMED})\s*(?:,\s*|\s+(?i:is|was|are|were|=|the)\s+|['’]s\s+(?i:a|an|the)\s+)"
            rf"{qualifier}(?P<term>{allegation})s?(?![\w-])"
            # "Mrs Smith, a thief had taken her purse": the name is the victim, the thief the subject.
            r"(?!\s+(?i:had|has|have|took|stole|was|were|broke|got|came|entered|then|who)\b)"
        ),
        # "fly-tipper Dave Jones", "rogue traders like Smith Roofing"
        re.compile(
            rf"(?<![\w-])(?P<term>{allegation})s?[,:]?\s+(?:(?i:called|named|like|such\s+as|at|from|-)\s+)?"
            rf"(?P<name>{_NAMED})"
        ),
        # "Dave Jones stole", "Smith Roofing ripped off"
        re.compile(
            rf"(?P<name>{_NAMED})\s+(?:\w+\s+){{0,2}}?(?P<term>(?i:stole|steals|stealing|scammed|scams|conned"
            r"|cons|ripped\s+off|rips\s+off|defrauded|fleeced|swindled|fly-?tipped|dumped\s+(?:rubbish|waste"
            r"|it|this|the\s+\w+)|robbed|cheated|lied))\b"
        ),
    )


def _is_named(name: str) -> bool:
    words = name.replace("’", "'").split()
    if re.match(_HONORIFIC + r"$", words[0]):
        return True
    if re.search(_BUSINESS_SUFFIX + r"$", name):
        return words[0] not in {"The", "A", "Our", "This"} or len(words) > 2
    return not any(w.rstrip("'s") in _NOT_PERSON or w in _NOT_PERSON for w in words)


def check_defamation(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    findings: list[Finding] = []
    for pattern in _defame_patterns():
        for m in pattern.finditer(source):
            if _is_named(m.group("name")):
                findings.append(Finding(DEFAME, Severity.BLOCK, *m.span("term"), DEFAME_REASON))
    return findings


_ENDORSEMENT = re.compile(
    r"(?i:\b(?:use|enter|quote|with|apply)\s+(?:the\s+)?(?:promo(?:tional)?\s+|discount\s+|voucher\s+|"
    r"coupon\s+)?code\s*:?\s*)[A-Z0-9]{3,}\b"
    r"|(?i:\b(?:promo(?:tional)?|discount|voucher|coupon|referral)\s+code\b)"
    r"|(?i:\b(?:best|top|cheapest|greatest|finest|no\.?\s?1|number\s+one)\s+(?:\w+\s+){0,2}"
    r"(?:in|around)\s+(?:town|the\s+(?:area|borough|county|city|region|village)|[A-Z]\w+)\b)"
    r"|(?i:\b(?:highly\s+recommend(?:ed)?|(?:can['’]?t|cannot)\s+recommend\s+\w+\s+(?:enough|highly\s+enough)"
    r"|give\s+them\s+a\s+(?:call|ring|try)|call\s+(?:them|him|her)\s+(?:on|today|now)"
    r"|mention\s+(?:this|our)\s+(?:post|story|tweet)|go\s+and\s+support\s+(?:them|him|her)"
    r"|check\s+out\s+their|book\s+(?:now|today)\s+with|shop\s+(?:now|local)\s+at|use\s+(?:them|him|her)\s+for)\b)"
    r"|(?i:\b\d{1,2}\s?%\s+off\s+(?:at|with|when|if|all|your|everything)\b)"
)


def check_endorsement(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    return [
        Finding(ENDORSE, Severity.WARN, *m.span(), ENDORSE_REASON) for m in _ENDORSEMENT.finditer(text.text)
    ]


REGISTRY: tuple[Registration, ...] = (
    Registration(
        PROF,
        "Swearing, after undoing disguises (leetspeak, masks, repeated letters); place names are safe",
        check_profanity,
    ),
    Registration(
        INSULT,
        "Insults about colleagues, residents or groups: slurs and name-calling block, put-downs warn",
        check_insult,
    ),
    Registration(
        DEFAME,
        "An allegation such as 'fly-tipper' or 'thief' next to a named person or business",
        check_defamation,
    ),
    Registration(
        ENDORSE, "Promoting a private business: recommendations, offers, discount codes", check_endorsement
    ),
)
