"""Parties nobody listed, known by the shape of their name, and the cues that make a mention promotion.

"The Wessex Independents", "Harbour Town Alliance", "the Party of Working Folk": a new or local party
is named like this, and an organisation's list of parties cannot keep up. A name of this shape is
common enough outside politics ("the Premier League", "the Sea Front"), so it counts only with an
electoral cue aimed at it: "vote for", "re-elect", "back them", "polling day", "candidate for",
"standing as". A name of any shape (two capitalised words, in any language) counts when "vote for"
is aimed at it and the sentence is about an election.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .words import first_characters
from .xtext import sentence_spans

SHAPE_WORDS = frozenset(
    ["party", "independents", "alliance", "coalition", "democrats", "socialists", "front", "league"]
)
# Cues that credit a name ("built by", "thanks to") rather than ask for a vote for it.
_CREDIT_WORDS_TEXT = "only built delivered thanks back backing support supporting"
_CREDIT_WORDS = frozenset(_CREDIT_WORDS_TEXT.split())
# Words that aim a sentence at a name or make it about an election: stories with none of these need
# not be read for a party of any shape.
_CUE_WORDS_TEXT = "vote votes voting standing candidate candidates polling elect reelect"
CUE_WORDS = _CREDIT_WORDS | frozenset(_CUE_WORDS_TEXT.split())

_CAP = r"[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}"
# Words that open a sentence or a cue, not a party's name.
_NOT_FIRST = (
    r"(?!(?:Vote|Voting|Back|Re-elect|Reelect|Elect|Support|Join|Choose|Only|Thanks|Thank|The|A|An|Our|Your"
    r"|This|That|Remember|Don['’]t|Please|On|In|At|For|So|And|But|We|They|It|Built|Candidate|Standing)\b)"
)
_PARTY_SHAPE = re.compile(
    first_characters(
        "A-Zt",
        rf"(?:\b[Tt]he\s+)?{_NOT_FIRST}(?:{_CAP})(?:\s+(?:(?:{_CAP})|and|of|for|&))*?\s+"
        r"(?:Party|Independents|Alliance|Coalition|Democrats|Socialists|Front|League)\b"
        # "the Quellby Together party": a capitalised name before a lower-case "party" after "the".
        rf"|\b[Tt]he\s+{_NOT_FIRST}(?:{_CAP})(?:\s+(?:{_CAP})){{0,3}}\s+party\b"
        rf"|\b(?:[Tt]he\s+)?Party\s+(?:of|for)\s+(?:the\s+)?(?:{_CAP})(?:\s+(?:{_CAP})){{0,2}}",
    ),
)
# Aimed at the name, straight before it.
_CUE_BEFORE = re.compile(
    r"(?i:\b(?:vot(?:e|es|ing)|re-?elect(?:ing)?|elect|back(?:ing)?|support(?:ing)?|endorse|only"
    r"|candidate\s+for|standing\s+(?:as|for)|built\s+by|delivered\s+by|thanks\s+to)\s+(?:for\s+)?(?:the\s+)?)$"
)
# Anywhere in the name's sentence or the next.
_ELECTORAL = re.compile(
    r"(?i:\b(?:polling\s+(?:day|station)|re-?elect\w*|candidates?\s+for|standing\s+(?:as|for)|(?:their|our|a|the)"
    r"\s+candidates?|when\s+you\s+vote|vote\s+(?:for\s+)?them|back(?:ing)?\s+them|manifesto\w*|ballot\s+(?:paper|box)"
    r"|elections?|on\s+\d{1,2}\s+May|put\s+your\s+(?:x|cross)|cross\s+in\s+the\s+box)\b)"
)
_VOTE_CUE = re.compile(r"(?i:\bvot(?:e|es|ing)\b)")
_ONLY_WILL = re.compile(r"\s+(?:will|can|could|would)\b")
_VOTE_FOR_NAME = re.compile(
    rf"(?i:\bvot(?:e|ing)\s+(?:for\s+)?)(?:the\s+)?(?:{_CAP})(?:\s+(?:{_CAP})){{1,3}}"
)


def story_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The story's sentences, or the whole story as one when it has no sentence marks. Asked for only
    once a pattern matches: most stories have no match, and splitting costs more than the scan."""
    return sentence_spans(text) or ((0, len(text)),)


def sentence_at(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence that holds ``pos``; (0, 0) when none does."""
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return 0, 0


def shaped_party_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of promotion of a party known only by its name's shape."""
    for m in _PARTY_SHAPE.finditer(text):
        start, end = m.span()
        sentences = story_sentences(text)
        s_start, s_end = sentence_at(sentences, start)
        nxt = next((e for s, e in sentences if s >= s_end), s_end)
        before = text[max(s_start, start - 40) : start]
        cue = _CUE_BEFORE.search(before)
        if cue:
            word = cue.group().split()[0].lower()
            aimed = word not in _CREDIT_WORDS
            if word == "only" and _ONLY_WILL.match(text, end):
                aimed = True
            elif not aimed and _VOTE_CUE.search(text, s_start, nxt):
                aimed = True  # "built by the X Alliance: remember that when you vote"
            if aimed:
                yield start - len(before) + cue.start(), end
                continue
        electoral = _ELECTORAL.search(text, s_start, nxt)
        if electoral and electoral.start() < s_end:
            yield min(start, electoral.start()), max(end, electoral.end())
        elif electoral:
            yield start, end


def named_vote_spans(text: str) -> Iterator[tuple[int, int]]:
    """A vote for a name of any shape, in a sentence about an election."""
    for m in _VOTE_FOR_NAME.finditer(text):
        s_start, s_end = sentence_at(story_sentences(text), m.start())
        if _ELECTORAL.search(text, s_start, s_end):
            yield m.span()


# A name of any shape (one to four capitalised words) straight after a cue aimed at it: "Only Plaid
# Quellby will …", "built by Plaid Quellby", "standing as the Quellby First candidate".
_AIMED_NAME = re.compile(
    first_characters(
        "bdostvBDOSTVſ",
        rf"(?i:\b(?:only|built\s+by|delivered\s+by|thanks\s+to|back(?:ing)?|support(?:ing)?|vot(?:e|ing)\s+for"
        rf"|standing\s+(?:as|for))\s+(?:the\s+)?)(?P<name>{_NOT_FIRST}(?:{_CAP})(?:\s+(?:{_CAP})){{0,3}})",
    ),
)
_AS_CANDIDATE = re.compile(
    rf"\b(?:as|for)\s+the\s+(?P<name>{_NOT_FIRST}(?:{_CAP})(?:\s+(?:{_CAP})){{0,3}})\s+candidate\b"
)


def aimed_name_spans(text: str) -> Iterator[tuple[int, int]]:
    """A name of any shape that a cue aims at, in a sentence about an election or just before one
    ("This park was built by X. Remember that when you vote."), or standing as its candidate."""
    # Every match of _AS_CANDIDATE has "candidate" as written: most stories are spared its scan.
    for m in _AS_CANDIDATE.finditer(text) if "candidate" in text else ():
        yield m.start("name"), m.end()
    for m in _AIMED_NAME.finditer(text):
        sentences = story_sentences(text)
        s_start, s_end = sentence_at(sentences, m.start())
        nxt = next((e for s, e in sentences if s >= s_end), s_end)
        # "Vote for" is itself a vote, so it needs an election around it ("vote for Mr Frosty in our
        # gritter-naming poll" has none); the other cues need a vote or an election.
        electoral = _ELECTORAL.search(text, s_start, nxt) is not None
        if electoral or (not _VOTE_CUE.match(text, m.start()) and _VOTE_CUE.search(text, s_start, nxt)):
            yield m.start(), m.end("name")
