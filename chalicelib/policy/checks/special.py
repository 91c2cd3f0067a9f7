"""The check for special category data about a person: health, disability, religion, ethnicity,
sexuality or a criminal record.

"Her dementia", "Mr Jones, who is blind", "a man with a hip op": such facts about a person are
special category data, and they harm even when the person is not named. The same words naming a
service or a group ("her dementia café", "anyone who is blind") are not about a person and pass.
"""

from __future__ import annotations

import re

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..people import (
    AMBIGUOUS_FIRST_NAMES,
    capitalised_tokens,
    find_names,
    is_first_name,
    may_name_someone,
    sentence_bounds,
)
from ..registry import Registration
from ..rules import OrgRules
from ..spans import merge_spans
from ..words import word_pattern
from .special_shapes import shaped_special_spans

SPECIAL = "PII-SPECIAL"

SPECIAL_REASON = (
    "This gives health, disability, religion, ethnicity, sexuality or criminal-record information about "
    "a person. That is special category data: remove it, even if the person is not named, unless they "
    "have given explicit written consent."
)


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
# The two patterns that start from a pronoun start with a class of the pronoun's first letter, as
# ``re.IGNORECASE`` would compare it ("ſ" is an "s" there), and ask for the word boundary after it ("no
# word character before it"): the regex engine then skips to those letters, where a boundary and an
# alternation it would test at every position cost about twice as much.
_POSSESSIVE_SPECIAL = re.compile(
    rf"(?-i:[hH])(?<!\w.)(?:er|is)\s+(?:{_HEALTH_ADJ}[ \t]+){{0,2}}{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}",
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
# Who someone is, as a noun: "a devout Muslim", "a Jehovah's Witness", "a Romany Gypsy", "an asylum seeker".
_IDENTITY_NOUN = (
    r"(?:an?\s+(?:(?:devout|practising|committed|lifelong|proud|born-again|strict|observant|orthodox"
    r"|evangelical|convert(?:ed)?\s+to)\s+)?(?:muslim|christian|jew|hindu|sikh|buddhist|catholic|jehovah['’]?s"
    r"\s+witness|mormon|quaker|atheist|pagan|rastafarian|methodist|baptist|anglican|refugee|asylum\s+seeker"
    r"|illegal\s+immigrant|overstayer)"
    r"|(?:an?\s+)?(?:romany|romani|roma|irish|english|welsh|scottish)\s+(?:gypsy|gipsy|traveller|romany)"
    r"|undocumented|(?:an?\s+)?(?:gypsy|gipsy|traveller)(?=\s*[,.;]))"
    r"(?![ \t]+(?:community|communities|people|families|charity|school|church|group|groups|site|sites"
    r"|centre|council|forum|network|month|history|heritage|festival|fair|aid|volunteers?|leaders?|union"
    r"|association|society|organisation|chaplain|youth|students?|primary|academy|college|cemetery)\b"
    # A capital next is a name of something: "a Christian Aid volunteer".
    r"|(?-i:[ \t]+[A-Z])|[-‐])"
)
_STATE_VERB = r"(?:is|was|are|were|'s|’s|has\s+been|had\s+been|is\s+now|was\s+once|became)"
_HAS_VERB = (
    r"(?:has|had|has\s+had|is\s+living\s+with|was\s+living\s+with|lives\s+with|lived\s+with|suffers\s+from"
    r"|suffered\s+from|suffered|was\s+diagnosed\s+with|has\s+been\s+diagnosed\s+with|is\s+recovering\s+from"
    r"|was\s+recovering\s+from|is\s+being\s+treated\s+for|uses|used|relies\s+on|needs|needed|developed"
    # "is slowly recovering from", "has been battling", "is having chemo", "underwent surgery".
    r"|(?:is|was|has\s+been|had\s+been)\s+(?:(?:still|slowly|currently|now|just|recently|also|bravely)\s+)?"
    r"(?:recovering\s+from|battling|fighting|having|undergoing|being\s+treated\s+for|living\s+with"
    r"|receiving|starting|waiting\s+for|in\s+hospital\s+(?:with|for|after))"
    r"|battled|fought|beat|underwent|started|has\s+(?:beaten|started|finished))"
)
# Offences, as in "served five years for burglary".
_OFFENCE = (
    r"(?:burglary|robbery|theft|stealing|shoplifting|assault|fraud|murder|manslaughter|drugs?|dealing"
    r"|drug\s+dealing|arson|gbh|abh|rape|sexual\s+assault|sex\s+offences?|domestic\s+(?:abuse|violence)"
    r"|drink[\s-]driving|dangerous\s+driving|handling\s+stolen\s+goods|possession|affray|stalking"
    r"|harassment|wounding|kidnap|blackmail|embezzlement|criminal\s+damage)"
)
_CRIME_VERB = (
    r"(?:was|has\s+been|had\s+been|is)\s+(?:just\s+|recently\s+)?(?:arrested|convicted|jailed|imprisoned"
    r"|sentenced|cautioned\s+by\s+(?:the\s+)?police|released\s+from\s+(?:prison|jail|custody)|remanded"
    r"|on\s+bail)"
    r"|served\s+time|did\s+time|has\s+a\s+criminal\s+record"
    # "has just come out of prison", "got out of jail last month".
    r"|(?:(?:has|had|have)\s+)?(?:just\s+|recently\s+)?(?:come|came|got|gets|getting|coming)\s+out\s+of"
    r"\s+(?:prison|jail|custody)"
    # "served five years for burglary", "did six months inside", "got two years for dealing".
    rf"|(?:served|did|got|was\s+given|was\s+sentenced\s+to)\s+(?:[\w-]+\s+){{0,2}}?(?:years?|months?|weeks?"
    rf"|sentence|stretch)\s+(?:for\s+{_OFFENCE}|in\s+(?:prison|jail)|inside)"
    rf"|(?:was|has\s+been|is)\s+(?:convicted|jailed|imprisoned|sentenced)\s+for\s+{_OFFENCE}"
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
    rf"|{_STATE_VERB}\s+{_IDENTITY_NOUN}|{_CRIME_VERB}|{_COMING_OUT})"
)
# "Anyone who is blind can ask for large print": advice to a group, not a fact about a person.
_GROUP_BEFORE_WHO = word_pattern(
    "anyone anybody someone somebody everyone everybody people those residents customers tenants"
    " users children adults families carers you staff colleagues visitors individuals patients pupils"
    " members men women others many all readers applicants drivers",
    after=r"\s+$",
)
_SUBJECT_PREDICATE = re.compile(
    rf"(?-i:[sShHwWſ])(?<!\w.)(?:(?<=[sSſ])he|(?<=[hH])e|(?<=[wW])ho)\s+(?:(?:also|now|still|recently)\s+)?"
    rf"{_PREDICATE}",
    re.IGNORECASE,
)
# Where a person is from, between their name and the fact: "John from Flat 3", "Sue from the day
# centre", "Dave at number 12".
_WHERE_FROM = (
    r"(?:\s+(?:from|at|in|on|of)\s+(?:the\s+)?(?:(?:flat|number|no\.?)\s*\d{1,4}[a-z]?"
    r"|[\w'’-]+(?:\s+[\w'’-]+){0,2}?))"
)
_AFTER_NAME_PREDICATE = re.compile(
    rf"(?:['’]s\s+(?:{_HEALTH_ADJ}[ \t]+){{0,2}}{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}"
    rf"|{_WHERE_FROM}?(?:,\s*(?:\d{{1,3}},\s*)?|\s+)(?P<fact>(?:who\s+)?{_PREDICATE}"
    rf"|(?<=,\s){_IDENTITY_NOUN}(?=\s*[,.;])))",
    re.IGNORECASE,
)
# A person by what they are to the writer or the council: "our volunteer", "my neighbour".
# Started, like the pronoun patterns above, by a class of the determiner's first letter and the word
# boundary asked after it: "the" is in every story, and the alternation at every word cost twice as much.
_PERSON_ROLE = re.compile(
    r"(?-i:[mMoOtT])(?<!\w.)(?i:(?<=[mM])y|(?<=[oO])ur|(?<=[tT])(?:he|his|hat))\s+(?:[a-z]+\s+)?(?i:neighbour|colleague|tenant|resident|client|volunteer"
    r"|caretaker|customer|friend|husband|wife|partner|son|daughter|mum|dad|mother|father|brother|sister"
    r"|grandmother|grandfather|gran|grandad|pensioner|gentleman|lady|service\s+user|carer|cleaner"
    r"|warden|driver|manager|member\s+of\s+staff)(?:\s+[A-Z][\w'’-]+)?"
)
# The words _PERSON_ROLE needs one of.
_ROLE_WORDS_TEXT = """
    neighbour colleague tenant resident client volunteer caretaker customer friend husband wife partner
    son daughter mum dad mother father brother sister grandmother grandfather gran grandad pensioner
    gentleman lady user carer cleaner warden driver manager staff
"""
_ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())
# "If the resident is housebound": a condition someone might have, not a fact about one person.
_HYPOTHETICAL_BEFORE = word_pattern("if when where unless whether once any every each", after=r"\s+$")
# "As a Jehovah's Witness, Mrs Okafor …": who someone is, put before them.
_AS_IDENTITY = re.compile(rf"\bAs\s+(?P<fact>(?i:{_IDENTITY_NOUN})),\s*(?P<who>[A-Z][\w'’-]*|she|he)\b")
_PRONOUNS_AND_TITLES = frozenset({"she", "he", "She", "He", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"})
_WITH_SPECIAL = re.compile(
    rf"\b(?:a|an|the|one|this|that)\s+(?:[a-z]+\s+){{0,2}}(?:man|woman|lady|gentleman|gent|pensioner|widow"
    rf"|widower|boy|girl|tenant)\s+(?:with|who\s+has)\s+(?:a\s+|an\s+)?(?:{_HEALTH_ADJ}[ \t]+){{0,2}}"
    rf"{_HEALTH_NOUN}\b{_NOT_ABOUT_A_PERSON}",
    re.IGNORECASE,
)


_SWIMMING = re.compile(r"\bswim", re.IGNORECASE)


# Every match of the patterns above states a fact: a condition (_HEALTH_NOUN), a state (_STATE_ADJ), an
# identity (_IDENTITY_NOUN), a crime (_CRIME_VERB) or coming out (_COMING_OUT). Most stories state none,
# and are known to by a set test and a few substring tests, in place of those scans and of listing the
# story's people for them. For each alternative, a word every match of it has: a whole run of letters
# where the pattern puts a space, a hyphen or a word boundary on both sides of it ("seizures?" is
# "seizure" or "seizures"; "alzheimer['’]?s" is "alzheimers" or "alzheimer")...
_FACT_WORDS_TEXT = """
    op ops operation operations surgery surgerys replacement replacements transplant transplants
    dementia alzheimer alzheimers cancer tumour chemo chemotherapy radiotherapy dialysis stroke diabetes
    epilepsy seizure seizures autism adhd dyslexia dyspraxia depression anxiety bipolar schizophrenia
    psychosis ptsd ocd disorder anorexia bulimia mental breakdown illness condition diagnosis disability
    disabilities impairment wheelchair scooter walking zimmer crutches hearing guide badge blindness
    deafness loss failing eyesight pregnancy miscarriage addiction alcoholism drinking drug overdose harm
    suicide attack copd asthma arthritis sclerosis parkinson parkinsons neurone mnd hiv hepatitis covid
    fall broken injury injuries frailty incontinence palliative prognosis amputation amputations stoma
    oxygen faith religion religious hijab headscarf turban kippah yarmulke mosque synagogue gurdwara
    mandir sexuality orientation identity ethnicity ethnic criminal conviction convictions prison jail
    arrest offending probation asbo offence offences parole order sentence electronic release insulin
    inhaler inhalers epi epipen epipens medication medications medicine medicines meds prescription
    prescriptions methadone anti antidepressant antidepressants painkiller painkillers morphine steroids
    warfarin statins pills tablets mastectomy hysterectomy colostomy ileostomy biopsy pacemaker stent
    angioplasty cataract cataracts cochlear ivf abortion caesarean section physio physiotherapy rehab
    rehabilitation detox counselling therapy psychiatrist treatment results blood hospital
    muslim christian jewish hindu sikh buddhist catholic atheist witness gay lesbian bisexual
    transgender trans binary queer blind deaf disabled autistic dyslexic diabetic epileptic paralysed
    pregnant terminally housebound bedbound bound alcoholic sighted impaired black asian race heritage
    british descent origin gypsy gipsy traveller romany romani roma showman pansexual asexual intersex
    offender prisoner convict inmate exoffender exprisoner exconvict exinmate register licence remand
    bail tag custody bars sectioned recovery
    jew mormon quaker pagan rastafarian methodist baptist anglican refugee overstayer undocumented
    jehovah jehovahs asylum illegal romany romani roma irish english welsh scottish cautioned released
"""
_FACT_WORDS = frozenset(_FACT_WORDS_TEXT.split())
# ...and, where a pattern ends a word without a boundary (_IDENTITY_NOUN and _CRIME_VERB in _PREDICATE:
# "a Jew" is matched in "a Jewish"), what the word starts with. Each such word follows a space, so it
# starts a run of letters: the runs, one a line, are scanned once for a line that starts with one.
_FACT_PREFIXES_TEXT = """
    muslim christian jew hindu sikh buddhist catholic mormon quaker atheist pagan rastafarian methodist
    baptist anglican refugee overstayer undocumented arrested convicted jailed imprisoned sentenced
    remanded bail
"""


def _starting_with(prefixes: list[str]) -> re.Pattern[str]:
    """A line that starts with one of ``prefixes``, which are grouped by their first letter: the regex
    engine then tries one group at each line rather than every prefix."""
    groups: dict[str, list[str]] = {}
    for prefix in prefixes:
        groups.setdefault(prefix[0], []).append(re.escape(prefix[1:]))
    return re.compile(
        "\n(?:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in sorted(groups.items())) + ")"
    )


_FACT_STARTS = _starting_with(_FACT_PREFIXES_TEXT.split())
# The facts whose every word is an everyday one, by all the words they need: "served time", "did
# time", "got two years for …", "came out of prison", "came out as gay".
_CRIME_TIME = frozenset(["served", "did"])
_CRIME_GIVEN = frozenset(["served", "did", "got", "given", "sentenced"])
_CRIME_TERMS = frozenset(["year", "years", "month", "months", "week", "weeks", "sentence", "stretch"])
_OUT_OF = frozenset(["come", "came", "got", "gets", "getting", "coming"])
_COMING = frozenset(["come", "came", "coming"])
_PRONOUNS = frozenset(["she", "he", "who"])


def _may_state_a_fact(source: str, words: frozenset[str]) -> bool:
    """False when no match of the patterns above can be in ``source``, an ASCII story (whose ``words``
    are its runs of letters in lower case, as the case-blind patterns compare them); True otherwise."""
    if not source.isascii() or not _FACT_WORDS.isdisjoint(words):
        return True
    if "out" in words and not _OUT_OF.isdisjoint(words) and ("of" in words or "as" in words):
        return True
    if not _CRIME_TIME.isdisjoint(words) and any(w.startswith("time") for w in words):
        return True
    if not _CRIME_GIVEN.isdisjoint(words) and not _CRIME_TERMS.isdisjoint(words):
        return True
    # What is left is a word that only starts like an identity or a crime, which _PREDICATE alone takes:
    # after "she", "he" or "who", or after a person (a name, a first name, a role such as "tenant").
    if (
        _PRONOUNS.isdisjoint(words)
        and not find_names(source)
        and not may_name_someone(source)
        and _ROLE_WORDS.isdisjoint(words)
    ):
        return False
    return _FACT_STARTS.search("\n" + "\n".join(words)) is not None


# The word each pattern starts from: most stories have none of "her", "his", "she", "he", "who"
# together with the rest, and these are the longest patterns in the catalogue.
_PERSON_NOUNS = frozenset(
    ["man", "woman", "lady", "gentleman", "gent", "pensioner", "widow", "widower", "boy", "girl", "tenant"]
)


def check_special(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    words = text.words
    spans: list[tuple[int, int]] = []
    if _may_state_a_fact(source, words):
        _stated_facts(source, words, spans)
    # The categories by the shape of their words ("diagnosed with cystic fibrosis", "a devout Methodist"),
    # each only when its cue words are in the story.
    spans += shaped_special_spans(source, words)
    return [Finding(SPECIAL, Severity.BLOCK, a, b, SPECIAL_REASON) for a, b in merge_spans(spans)]


def _stated_facts(source: str, words: frozenset[str], spans: list[tuple[int, int]]) -> None:
    """Add to ``spans`` the facts the patterns above find said of a person."""
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
        subjects += [
            (t.end, t.start)
            for t in capitalised_tokens(source)
            if is_first_name(t.word) or t.word in AMBIGUOUS_FIRST_NAMES
        ]
    subjects += [
        (m.end(), m.start())
        for m in (_PERSON_ROLE.finditer(source) if not _ROLE_WORDS.isdisjoint(words) else ())
        if not _HYPOTHETICAL_BEFORE.search(source, max(0, m.start() - 12), m.start())
    ]
    for end, start in subjects:
        after = _AFTER_NAME_PREDICATE.match(source, end)
        if after:
            # "Margaret's dementia" keeps the name; "Mr Jones, who has dementia" is the clause only.
            if after.group("fact") is None:
                spans.append((start, after.end()))
            else:
                spans.append((after.start("fact"), after.end()))
    if "As " in source:
        for m in _AS_IDENTITY.finditer(source):
            who = m.group("who")
            if who in _PRONOUNS_AND_TITLES or is_first_name(who) or who in AMBIGUOUS_FIRST_NAMES:
                spans.append((m.start("fact"), m.end("fact")))


REGISTRY: tuple[Registration, ...] = (
    Registration(
        SPECIAL,
        "Health, disability, religion, ethnicity, sexuality or criminal-record information about a person",
        check_special,
    ),
)
