"""Checks for political neutrality: party promotion, members named in the pre-election period, controversy.

Council publicity must not promote a party or a candidate, and in the pre-election period it must not
give councillors a platform or wade into live controversy (Code of Recommended Practice on Local
Authority Publicity; LGA guidance on the pre-election period). Staff stories rarely mention politics at
all, so these checks look for the shapes that matter, and keep the ordinary English words that are
also party names ("labour market", "green spaces", "reform of the rota") out of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText, PhraseIndex, first_runs, may_have_phrase, phrase_index
from ..party_shapes import (
    CUE_WORDS,
    SHAPE_WORDS,
    aimed_name_spans,
    named_vote_spans,
    sentence_at,
    shaped_party_spans,
    story_sentences,
)
from ..registry import Registration
from ..rules import ElectionWindow, OrgRules, builtin_list
from ..spans import merge_spans
from ..tokens import _PER_STORY
from ..words import first_characters, initials

PARTY = "POL-PARTY"
MEMBER = "POL-MEMBER"
CONTROV = "POL-CONTROV"
NEUTRAL = "POL-NEUTRAL"

PARTY_REASON = (
    "This promotes a political party or candidate. Remove it: council publicity must never ask people "
    "to vote for, support or credit a party or candidate."
)
PARTY_MENTION_REASON = (
    "This names a political party. Check that the party needs naming at all: council publicity must be "
    "even-handed, so say what the council decided rather than which group led it."
)
OPINION_REASON = (
    "This reads as an opinion on government or party policy. Council publicity must stay neutral: "
    "state the facts (what changes, for whom, from when) and leave out the judgement."
)
MEMBER_IN_WINDOW_REASON = (
    "This names or quotes a councillor, MP or mayor during the pre-election period ({window}). Remove "
    "it: publicity in this period must not feature elected members or candidates."
)
MEMBER_REASON = (
    "This names or quotes a councillor, MP or mayor. That is allowed outside a pre-election period, but "
    "check it is about their council role and is fair to other members."
)
CONTROV_REASON = (
    "This touches a controversial or live political issue during the pre-election period ({window}). "
    "Check with the comms team before it is published, or hold it until after polling day."
)

_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*|[A-Z]\.?)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"

# Ordinary words that are also party names count only in a party's company: a group, its members,
# "-led", or a name that no ordinary sentence uses.
_PARTY_ROLE = (
    r"(?:-led|-run|-controlled|\s+(?:group|councillors?|cllrs?|candidates?|MPs?|members?|leader(?:ship)?"
    r"|government|administration|council|party|activists?|campaigners?|voters?|supporters?|manifesto"
    r"|(?:vote|majority|minority|gain|hold|win|seat)s?))\b"
)
_AMBIGUOUS_PARTY = re.compile(
    r"\b(?:"
    # "Labour" capitalised, but not labour as work: "Labour Day", "labour market", "in labour".
    r"(?<!\bin\s)(?<!\binto\s)(?<![Hh]ard\s)(?<![Mm]anual\s)(?<![Cc]hild\s)(?<![Ff]orced\s)"
    r"Labour(?:'s|’s)?(?!\s+(?:[Dd]ay|[Mm]arkets?|[Cc]osts?|[Ff]orce|[Ss]hortages?|[Ss]upply|[Ii]ntensive"
    r"|[Rr]elations|[Ll]aws?|[Ee]xchange|[Pp]ains|[Ww]ard|[Ss]uites?|[Ss]aving|[Rr]ates?|[Hh]ours"
    r"|[Oo]f\s+[Ll]ove)\b)(?![-‐](?:saving|intensive)\b)"
    r"|Conservatives(?:'|’)?"
    r"|Conservative(?:'s|’s)?(?!\s+(?:[Ee]stimates?|[Aa]pproach|[Ff]igures?|[Gg]uess|[Vv]iews?|[Cc]lub\s+of))"
    rf"(?={_PARTY_ROLE}|\s+(?:and|or)\s+(?:Labour|Lib))"
    rf"|Green(?:s)?(?={_PARTY_ROLE})"
    r"|(?<=\bthe\s)Greens\b"
    rf"|Reform(?={_PARTY_ROLE})"
    rf"|Independents?(?={_PARTY_ROLE})"
    r")"
)
# Conservative on its own is a party only if capitalised mid-sentence; the lookahead above needs
# company, so cover the plain noun and adjective uses that are still the party.
_CONSERVATIVE_PLAIN = re.compile(
    r"(?<=[a-z,;:]\s)Conservatives?\b(?!\s+(?:[Ee]stimates?|[Aa]pproach|[Ff]igures?|[Gg]uess|[Vv]iews?))"
)


@cache
def _builtin_party_pattern() -> re.Pattern[str]:
    return _names_pattern(builtin_list("politics_parties.txt"))


# --- trigger words ---------------------------------------------------------------------------------
# Most stories never mention politics, and the patterns below are long alternations tried at every
# position. Every match of them contains one of these words as a whole run of letters (lower case),
# so a story whose words include none of them is done after one set comparison.

# The party words _AMBIGUOUS_PARTY and _CONSERVATIVE_PLAIN start with, capitalised as they need.
_AMBIGUOUS_PARTY_WORDS = frozenset(
    ["Labour", "Conservative", "Conservatives", "Green", "Greens", "Reform", "Independent", "Independents"]
)
# The words every match of _ENDORSE_CANDIDATE contains (a hashtag such as #VoteLabour is one run, so
# a "#" in the story is checked separately), and those _ENDORSE_BEFORE_MEMBER adds before a member.
_ENDORSE_WORDS = frozenset(["vote", "votes", "voting", "elect", "electing", "reelect", "reelecting"])
_BACKING_WORDS = frozenset(["back", "backs", "backing", "support", "supports", "supporting"])
# The words every match of _MEMBER_SHAPES contains.
_MEMBER_WORDS = frozenset(
    ["cllr", "councillor", "coun", "mp", "mayor", "mayoress", "leader", "cabinet", "portfolio"]
)
# The words every match of _GOVERNMENT is; of its phrases, "Number 10" and "No 10" also need "10", and
# "party policy" its second word ("Prime Minister" and "Home Secretary" have theirs here).
_GOVERNMENT_WORDS_TEXT = """
    government govt minister ministers westminster whitehall downing chancellor secretary treasury
    cabinet opposition
"""
_GOVERNMENT_WORDS = frozenset(_GOVERNMENT_WORDS_TEXT.split())
_NUMBER_WORDS = frozenset(["number", "no"])
_POLICY_WORDS = frozenset(["policy", "policies"])


def _may_name_government(text: NormalisedText) -> bool:
    words = text.words
    return (
        not _GOVERNMENT_WORDS.isdisjoint(words)
        or ("10" in text.text and not _NUMBER_WORDS.isdisjoint(words))
        or ("party" in words and not _POLICY_WORDS.isdisjoint(words))
    )


@cache
def _first_runs(names: tuple[str, ...]) -> frozenset[str] | None:
    return first_runs(names)


@cache
def _party_names(parties: tuple[str, ...]) -> PhraseIndex | None:
    # Every word of a name must be there: "Your Party" needs "your" and "party", so a story's "your"
    # or "green waste" alone does not send it to the patterns.
    return phrase_index(builtin_list("politics_parties.txt") + parties)


def _may_name_party(text: NormalisedText, rules: OrgRules) -> bool:
    return not _AMBIGUOUS_PARTY_WORDS.isdisjoint(text.cased_words) or may_have_phrase(
        text.words, _party_names(rules.politics.parties)
    )


def _may_name_member(text: NormalisedText, rules: OrgRules) -> bool:
    if not _MEMBER_WORDS.isdisjoint(text.words):
        return True
    members = _first_runs(rules.politics.members)
    return members is None or not members.isdisjoint(text.words)


@cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word alternatives; a name in capitals (SNP) must stay in capitals, any other ignores case."""
    alts: list[str] = []
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in name.split())
        alts.append(body if name.isupper() else f"(?i:{body})")
    if not alts:
        return re.compile(r"(?!)")
    pattern = rf"(?<![\w-])(?:{'|'.join(alts)})(?:'s|’s)?(?![\w])"
    # Behind a lookahead of the names' first characters, as a name ignoring case compares them.
    firsts = initials(n.strip() for n in names if n.strip())
    return re.compile(pattern if firsts is None else first_characters(firsts, pattern, ignore_case=True))


def _party_mentions(text: str, rules: OrgRules) -> tuple[tuple[int, int], ...]:
    return _mentions(text, rules.politics.parties)


# POL-PARTY and POL-NEUTRAL both ask of a story that names a party where it does and where it is
# promoted: kept for the story in hand rather than scanned for again.
@lru_cache(maxsize=_PER_STORY)
def _mentions(text: str, parties: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for pattern in (_builtin_party_pattern(), _AMBIGUOUS_PARTY, _CONSERVATIVE_PLAIN):
        spans.extend(m.span() for m in pattern.finditer(text))
    if parties:
        spans.extend(m.span() for m in _names_pattern(parties).finditer(text))
    # Nested matches ("Labour" inside "Labour Party") are one mention.
    return tuple(merge_spans(spans))


# Anywhere in the party's sentence, these turn a mention into promotion.
_PROMOTION_IN_SENTENCE = re.compile(
    r"\b(?:(?<!the\s)(?<!a\s)vote\b(?!\s+on\b)|re-?elect(?!ed)\w*|elect\b|manifesto\w*|pledg\w+|campaign(?:s|ing|ed)?\s+for"
    r"|polling\s+(?:day|station)s?|ballot\s+(?:paper|box)|put\s+(?:your|an?)\s+x|cross\s+in\s+the\s+box"
    r"|join\s+us|donat\w+|get\s+things\s+done|working\s+hard\s+for\s+you|fighting\s+for"
    r"|standing\s+up\s+for\s+you|only\s+party|best\s+party"
    r"|a\s+(?:better|fairer|greener|brighter|stronger|safer)\s+(?:\w+\s+)?(?:future|town|city|borough"
    r"|Britain|country|place|tomorrow|deal))",
    re.IGNORECASE,
)
# Within a few words before the party: support for it, or credit to it.
_PROMOTION_BEFORE = re.compile(
    r"\b(?:vot(?:e|es|ing)|support(?:s|ing)?|back(?:s|ing)?|endors\w+|thanks?(?:\s+you)?\s+to|thank|credit\s+to|well\s+done"
    r"|delivered\s+by|brought\s+to\s+you\s+by|proud(?:ly)?\s+(?:of|to\s+\w+)|keep|choose|trust|only|join(?:ing)?"
    r"|don['’]?t\s+let)"
    r"(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
# Within a few words after the party: a claim of delivery or a promise.
_PROMOTION_AFTER = re.compile(
    r"^\S*(?:\s+\S+){0,3}?\s+(?:deliver(?:s|ed)?|promis\w+|kept\s+(?:its|their|our)|will\s+(?:fix|deliver"
    r"|build|protect|keep|cut|freeze|save|fight|stand)|has\s+(?:delivered|kept|protected|frozen|saved)"
    r"|gets?\s+things\s+done|is\s+working\s+for|works\s+for|(?:is|are)\s+the\s+only|(?:is|are)\s+the\s+best"
    r"|cares?\s+about|fought|secured|saved|won\s+(?:funding|money|the\s+fight)|brought|built"
    r"|made\s+(?:this|it)\s+happen|listened|stood\s+up|campaigned)\b",
    re.IGNORECASE,
)
# After the party, in its sentence or the next: promotion that refers back to it ("… with Labour in
# charge. Vote for them again!", "… thanks to the Lib Dems, so keep them in!").
_PROMOTION_OF_THEM = re.compile(
    r"\b(?:vot(?:e|ing)\s+(?:for\s+)?them|vote\s+them\s+(?:back\s+)?in|re-?elect(?:ing)?\s+them"
    r"|elect(?:ing)?\s+them|back(?:ing)?\s+them|support(?:ing)?\s+them|stick(?:ing)?\s+with\s+them"
    r"|keep(?:ing)?\s+them\s+(?:in\s+(?:charge|power|office|control)|in|there|on)|choose\s+them|trust\s+them"
    r"|give\s+them\s+your\s+(?:vote|support|backing)|put\s+them\s+back\s+in"
    r"|they(?:['’]ve|\s+have)?\s+(?:delivered|deliver|kept\s+(?:their|every)\s+promises?|get\s+things\s+done"
    r"|are\s+the\s+only|will\s+(?:fix|deliver|protect|keep|fight|stand\s+up)))\b",
    re.IGNORECASE,
)
_CLAUSE_OPENING = re.compile(r"(?:[,;:–—-]\s*|\b(?:so|and|then|please|just|now|do|go)\s+)$", re.IGNORECASE)
# "Under Labour, the library was saved": crediting a party with what the council did.
_UNDER_PARTY = re.compile(r"(?i:under)\s+(?:the\s+)?")
# Endorsing a candidate, with or without a party: "Re-elect Cllr Smith", "vote for Jane Smith MP".
_ENDORSE_BEFORE_MEMBER = re.compile(
    r"(?i:\b(?:vot(?:e|es|ing)\s+(?:for\s+)?|re-?elect(?:ing)?\s+|elect\s+|(?:back|support)(?:s|ing)?\s+))"
    r"(?i:(?:your|our)\s+)?(?i:local\s+)?$"
)
_ENDORSE_CANDIDATE = re.compile(
    r"(?i:\b(?:vot(?:e|ing)\s+for|re-?elect|elect)\s+(?:your|our|the)\s+(?:local\s+)?(?:\w+\s+)?candidates?\b)"
    r"|(?i:\bre-?elect(?:ing)?)\s+[A-Z]\w+(?:\s+[A-Z]\w+)*"
    # A party word straight after "vote" is the party whatever else it can mean: "vote Green".
    r"|(?i:\bvot(?:e|es|ing)\s+(?:for\s+(?:the\s+)?)?)(?:Greens?|Reform|Independents?|Liberals?|Labour"
    r"|Conservatives?|Tor(?:y|ies))\b"
    r"|#(?i:vote|re-?elect|elect|back)[A-Z0-9]\w*"
)

_MEMBER_SHAPES = re.compile(
    rf"\b(?i:cllr\.?|councillor|coun\.)\s+{_NAME}"
    rf"|\b{_NAME},?\s+MP\b"
    rf"|\bMP\s+{_NAME}"
    rf"|\b(?:(?:Lord|Deputy|Lady)\s+)?Mayor(?:ess)?\s+(?:of\s+{_NAME}\b|{_NAME})"
    r"|\b[Tt]he\s+(?:(?:Lord|Deputy|Lady|[Cc]ivic|[Cc]hair\s+and)\s+)?[Mm]ayor(?:ess)?\b"
    rf"|\b(?:[Cc]ouncil\s+[Ll]eader|[Ll]eader\s+of\s+the\s+[Cc]ouncil|[Cc]abinet\s+[Mm]ember\s+for\s+\w+"
    rf"(?:\s+and\s+\w+)?|[Pp]ortfolio\s+[Hh]older(?:\s+for\s+\w+)?),?\s+(?:Cllr\.?\s+)?{_NAME}"
    # The council leader is a councillor, named or not.
    r"|\b(?:[Cc]ouncil\s+[Ll]eader|[Ll]eader\s+of\s+the\s+[Cc]ouncil)\b"
)
# Capitalised words a name pattern picks up at the start of a sentence that are not part of the name.
_NOT_A_NAME_TEXT = (
    "The A An And Or But We Our This That It In On At Today Yesterday Tomorrow Local Last Next Former "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Thanks Thank Congratulations Well Done "
    "Councillor Cllr Leader Deputy Lord Lady Mayor MP"
)
_NOT_A_NAME = frozenset(_NOT_A_NAME_TEXT.split())

_HONORIFICS = frozenset({"cllr", "cllr.", "councillor", "coun."})

_ADMINISTRATION = re.compile(
    r"\b(?:this|the\s+current|the\s+present|our|the\s+new)\s+administration\b|\bthe\s+administration['’]s\b",
    re.IGNORECASE,
)

_GOVERNMENT = re.compile(
    r"\b(?:government|govt|ministers?|Westminster|Whitehall|Downing\s+Street|Number\s+10|No\.?\s?10"
    r"|Prime\s+Minister|Chancellor|Home\s+Secretary|Secretary\s+of\s+State|Treasury|cabinet|opposition"
    r"|party\s+polic(?:y|ies))\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:fail(?:ed|ing|ure|ures|s)?|disastrous|disaster|shameful|shame|disgrac\w+|incompeten\w+"
    r"|broken\s+promises?|cruel|reckless|savage|austerity|swingeing|cuts|betray\w*|let\s+(?:us|people|"
    r"residents|everyone)\s+down|abandon\w*|scandal\w*|chaos|chaotic|shambles|useless|hopeless|pathetic"
    r"|ashamed|ideolog\w+|war\s+on|heartless|callous|unfair|underfund\w*|starv\w+|robb\w+|hypocri\w+"
    r"|visionary|world-leading|must\s+(?:do\s+better|resign|go)|should\s+(?:resign|be\s+ashamed)"
    r"|(?:right|wrong)\s+to|refus\w+\s+to|couldn['’]?t\s+care)\b",
    re.IGNORECASE,
)


def _sentence_after(spans: Sequence[tuple[int, int]], end: int) -> tuple[int, int] | None:
    return next(((s, e) for s, e in spans if s >= end), None)


def _today(ctx: CheckContext, rules: OrgRules) -> date:
    return _local_date(ctx.now, rules.politics.time_zone)


@lru_cache(maxsize=64)
def _local_date(now: datetime, time_zone: str) -> date:
    # Cached: two checks ask for every story, and a time zone conversion costs more than either.
    try:
        return now.astimezone(ZoneInfo(time_zone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        # No time zone data where this runs: a day's error at the edge of a window beats no check.
        return now.date()


def active_window(ctx: CheckContext, rules: OrgRules) -> ElectionWindow | None:
    """The pre-election window ``ctx.now`` falls in (by the date where the election is held), if any."""
    today = _today(ctx, rules)
    for window in rules.politics.windows:
        if window.start <= today <= window.end:
            return window
    return None


def _promotion_spans(text: str, rules: OrgRules) -> tuple[tuple[int, int], ...]:
    return _promotions(text, rules.politics.parties)


@lru_cache(maxsize=_PER_STORY)
def _promotions(text: str, parties: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(_promotions_in(text, parties))


def _promotions_in(text: str, parties: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    sentences: Sequence[tuple[int, int]] = ()  # split only once a party is mentioned
    for start, end in _mentions(text, parties):
        sentences = sentences or story_sentences(text)
        s_start, s_end = sentence_at(sentences, start)
        before = text[max(s_start, start - 60) : start]
        after = text[end : min(s_end, end + 60)]
        cue_before = _PROMOTION_BEFORE.search(before)
        if cue_before:
            yield start - len(before) + cue_before.start(), end
            continue
        cue_after = _PROMOTION_AFTER.search(after)
        if cue_after:
            yield start, end + cue_after.end()
            continue
        if _UNDER_PARTY.fullmatch(text, s_start, start):
            yield s_start, end
            continue
        cue = _PROMOTION_IN_SENTENCE.search(text, s_start, s_end)
        if cue:
            yield min(start, cue.start()), max(end, cue.end())
            continue
        # "Them" after the party, in its sentence or the next, is the party when the call to back them
        # opens a sentence or a clause ("Vote for them again!", ", so back them in May"); inside a
        # clause ("residents asked us to back them") it is more often someone else.
        following = _sentence_after(sentences, s_end)
        starts = {s_start, following[0] if following else s_start}
        for cue in _PROMOTION_OF_THEM.finditer(text, end, following[1] if following else s_end):
            if cue.start() in starts or _CLAUSE_OPENING.search(text, max(0, cue.start() - 12), cue.start()):
                yield start, cue.end()
                break


def check_party(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    may_endorse = (
        not _ENDORSE_WORDS.isdisjoint(text.words)
        or "#" in source
        or (not _BACKING_WORDS.isdisjoint(text.words) and _may_name_member(text, rules))
    )
    shaped = not SHAPE_WORDS.isdisjoint(text.words)
    cued = not CUE_WORDS.isdisjoint(text.words)
    named = _may_name_party(text, rules)
    if not may_endorse and not shaped and not cued and not named:
        return []
    # Each kind of promotion is looked for only where its words are: a listed party where one may be
    # named (every mention has a party's words), a candidate endorsed where "vote" or "elect" is (or a
    # hashtag), a member endorsed where a word of endorsement that can stand before one is.
    spans = list(_promotion_spans(source, rules)) if named else []
    if shaped:
        # A listed party found promoted above ("support the Green Party") keeps its own span.
        listed = list(spans)
        spans.extend(
            (s, e) for s, e in shaped_party_spans(source) if not any(a < e and s < b for a, b in listed)
        )
    if not _ENDORSE_WORDS.isdisjoint(text.words):
        spans.extend(named_vote_spans(source))
    if cued:
        # A party of any shape that a cue aims at, in a sentence about an election.
        spans.extend(aimed_name_spans(source))
    if not _ENDORSE_WORDS.isdisjoint(text.words) or "#" in source:
        spans.extend(m.span() for m in _ENDORSE_CANDIDATE.finditer(source))
    endorsing = not (_ENDORSE_WORDS.isdisjoint(text.words) and _BACKING_WORDS.isdisjoint(text.words))
    # A member is looked for only where one may be named, as POL-MEMBER does: "back" and "support"
    # are in many stories that name none.
    for start, end in _member_spans(source, rules) if endorsing and _may_name_member(text, rules) else ():
        cue = _ENDORSE_BEFORE_MEMBER.search(source, max(0, start - 30), start)
        if cue:
            spans.append((cue.start(), end))
    return [Finding(PARTY, Severity.BLOCK, s, e, PARTY_REASON) for s, e in merge_spans(spans)]


def check_neutral(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    findings: list[Finding] = []
    if _may_name_party(text, rules):
        promoted = list(_promotion_spans(source, rules))
        for start, end in _party_mentions(source, rules):
            # A promoted party is POL-PARTY's; saying so twice only adds noise for the approver.
            if any(p_start <= start and end <= p_end for p_start, p_end in promoted):
                continue
            findings.append(Finding(NEUTRAL, Severity.WARN, start, end, PARTY_MENTION_REASON))
    # An opinion needs government and a judgement in one sentence, so both somewhere in the story.
    if not _may_name_government(text) or not (_GOVERNMENT.search(source) and _OPINION.search(source)):
        return findings
    for s_start, s_end in story_sentences(source):
        subject = _GOVERNMENT.search(source, s_start, s_end)
        opinion = _OPINION.search(source, s_start, s_end)
        if subject and opinion:
            start, end = min(subject.start(), opinion.start()), max(subject.end(), opinion.end())
            findings.append(Finding(NEUTRAL, Severity.WARN, start, end, OPINION_REASON))
    return findings


def _member_spans(text: str, rules: OrgRules) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _MEMBER_SHAPES.finditer(text):
        start, end = m.span()
        words = m.group(0).split()
        if words[0].lower() in _HONORIFICS:
            if len(words) < 2 or words[1].rstrip(".,") in _NOT_A_NAME:
                continue  # "Cllr" then a sentence start: no name given
        else:
            # "Yesterday Jane Smith MP": the name starts after the sentence's opening word.
            while len(words) > 2 and words[0] in _NOT_A_NAME and words[1] != "MP":
                start = text.index(words[1], start + len(words[0]))
                words = words[1:]
        spans.append((start, end))
    if rules.politics.members:
        spans.extend(m.span() for m in _names_pattern(rules.politics.members).finditer(text))
    return merge_spans(spans)


def check_member(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if not _may_name_member(text, rules):
        return []
    window = active_window(ctx, rules)
    findings: list[Finding] = []
    for start, end in _member_spans(text.text, rules):
        if window is not None:
            reason = MEMBER_IN_WINDOW_REASON.format(window=_describe(window))
            findings.append(Finding(MEMBER, Severity.BLOCK, start, end, reason))
        else:
            findings.append(Finding(MEMBER, Severity.WARN, start, end, MEMBER_REASON))
    return findings


def _describe(window: ElectionWindow) -> str:
    return f"{window.name}, {window.start:%-d %B} to {window.end:%-d %B %Y}"


def check_controversy(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    # Whether the story may hold a topic first, and the window only then: most stories hold none, and
    # finding the day in the election's time zone costs more than the word tests.
    # Every match of _ADMINISTRATION has "administration" as a whole word.
    administration = "administration" in text.words
    topics = rules.politics.controversial_topics + rules.politics.consultations
    pattern, index = _topics_pattern(tuple(topics)) if topics else (None, None)
    if pattern is not None and not may_have_phrase(text.words, index):
        pattern = None
    if not administration and pattern is None:
        return []
    window = active_window(ctx, rules)
    if window is None:
        return []
    source = text.text
    spans = [m.span() for m in _ADMINISTRATION.finditer(source)] if administration else []
    if pattern is not None:
        spans.extend(m.span() for m in pattern.finditer(source))
    if not spans:
        return []
    reason = CONTROV_REASON.format(window=_describe(window))
    return [Finding(CONTROV, Severity.WARN, s, e, reason) for s, e in sorted(spans)]


@cache
def _topics_pattern(topics: tuple[str, ...]) -> tuple[re.Pattern[str], PhraseIndex | None]:
    """The organisation's topics as whole words, and their words: a story lacking a word of each topic
    cannot match."""
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(r"\s+".join(map(re.escape, t.split())) for t in topics if t.strip())
        + r")(?!\w)",
        re.IGNORECASE,
    )
    return pattern, phrase_index(topics) if any(t.strip() for t in topics) else None


REGISTRY: tuple[Registration, ...] = (
    Registration(
        PARTY,
        "Promotes a party or candidate: vote, re-elect, manifesto, credit to a party",
        check_party,
    ),
    Registration(
        MEMBER,
        "A councillor, MP or mayor named or quoted: blocks in a pre-election window, warns outside",
        check_member,
    ),
    Registration(
        CONTROV,
        "A controversial topic, live consultation or 'this administration' during a pre-election window",
        check_controversy,
    ),
    Registration(
        NEUTRAL,
        "A party named, or an opinion on government or party policy",
        check_neutral,
    ),
)
