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
from collections.abc import Iterator

from .xtext import sentence_spans

SHAPE_WORDS = frozenset(
    ["party", "independents", "alliance", "coalition", "democrats", "socialists", "front", "league"]
)

_CAP = r"[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}"
# Words that open a sentence or a cue, not a party's name.
_NOT_FIRST = (
    r"(?!(?:Vote|Voting|Back|Re-elect|Reelect|Elect|Support|Join|Choose|Only|Thanks|Thank|The|A|An|Our|Your"
    r"|This|That|Remember|Don['’]t|Please|On|In|At|For|So|And|But|We|They|It|Built|Candidate|Standing)\b)"
)
_PARTY_SHAPE = re.compile(
    rf"(?:\b[Tt]he\s+)?{_NOT_FIRST}(?:{_CAP})(?:\s+(?:(?:{_CAP})|and|of|for|&))*?\s+"
    r"(?:Party|Independents|Alliance|Coalition|Democrats|Socialists|Front|League)\b"
    rf"|\b(?:[Tt]he\s+)?Party\s+(?:of|for)\s+(?:the\s+)?(?:{_CAP})(?:\s+(?:{_CAP})){{0,2}}"
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


def _sentence(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return 0, 0


def shaped_party_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of promotion of a party known only by its name's shape."""
    sentences = sentence_spans(text) or [(0, len(text))]
    for m in _PARTY_SHAPE.finditer(text):
        start, end = m.span()
        s_start, s_end = _sentence(sentences, start)
        nxt = next((e for s, e in sentences if s >= s_end), s_end)
        before = text[max(s_start, start - 40) : start]
        cue = _CUE_BEFORE.search(before)
        if cue:
            word = cue.group().split()[0].lower()
            aimed = word not in {
                "only",
                "built",
                "delivered",
                "thanks",
                "back",
                "backing",
                "support",
                "supporting",
            }
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
    sentences = sentence_spans(text) or [(0, len(text))]
    for m in _VOTE_FOR_NAME.finditer(text):
        s_start, s_end = _sentence(sentences, m.start())
        if _ELECTORAL.search(text, s_start, s_end):
            yield m.span()
