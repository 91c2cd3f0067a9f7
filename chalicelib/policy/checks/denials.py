"""A claim someone identifiable made, then the writer's flat denial of it, for TONE-DEFAME.

"Fixit Electrical signed off the wiring as safe. It isn't." "Joe told the office the van was already
dented. It wasn't." "GreenScape were paid to cut the verges. They didn't." No word of wrongdoing is in
either sentence: the allegation (a lie, or work claimed and not done) is the two side by side. So a
short sentence that only denies ("It isn't.", "He didn't.", "Not true.") is an allegation when the
sentence before it has someone identifiable saying, claiming, signing off or being paid for something,
and no excuse (thanks, an official outcome, advice). "The Mayor opened the library. It isn't finished
yet." has no claim before its denial, and "The forecast said rain. It didn't." nobody identifiable.
"""

from __future__ import annotations

import re

from ..normalise import NormalisedText
from ..people import sentence_bounds
from .allegation import excused, identifiable

# The denial: the whole of a short sentence, perhaps after "and" or "but", perhaps with "even" or "ever".
_DENIAL = re.compile(
    r"(?i:(?:and\s+|but\s+)?(?:it|he|she|they|that|which)\s+(?:isn['’]t|wasn['’]t|didn['’]t|aren['’]t"
    r"|weren['’]t|hasn['’]t|haven['’]t|never\s+did|doesn['’]t|don['’]t)|not\s+true|it['’]s\s+not\s+true"
    r"|(?:he|she|they)['’]s\s+not)"
    r"(?:\s+(?:even|at\s+all|ever))?[.!]"
)
# Where a denial ends ("n't.", "not true!"), found first: a short literal the regex engine scans for fast,
# and the whole denial is matched only where one is.
_DENIAL_END = re.compile(r"(?:n['’]t|not\s+true|never\s+did|['’]s\s+not)(?:\s+(?:even|at\s+all|ever))?[.!]")
# What the sentence before says someone did that the denial answers.
_CLAIM = re.compile(
    r"\b(?:says?|said|claim(?:s|ed)?|told|tells?|insist(?:s|ed)?|swears?|swore|reckons?|promised?"
    r"|sign(?:s|ed)?\s+(?:it\s+|\w+\s+)?off|signed|certified|invoiced|billed|charged|were\s+paid"
    r"|was\s+paid|got\s+paid|tried\s+to\s+tell|makes?\s+out|made\s+out)\b",
    re.IGNORECASE,
)
# A retort that opens a sentence of any length: "Tell that to the tenants at 14 Elm Row, who wait",
# "Pull the other one.", "Aye right."
_RETORT = re.compile(
    r"(?i:(?:try\s+)?tell(?:ing)?\s+that\s+to\b|pull\s+the\s+other\s+one\b|(?:yeah|aye),?\s+right\b)"
)
_DENIED_WORDS = frozenset(
    {"isn", "wasn", "didn", "aren", "weren", "hasn", "haven", "doesn", "don", "never", "true", "not"}
    | {"tell", "telling", "pull", "right"}
)
_MAX_WORDS = 5


def denied_claims(text: NormalisedText) -> list[tuple[int, int]]:
    """The spans of the denials of claims made by someone identifiable in the sentence before."""
    if text.words.isdisjoint(_DENIED_WORDS):
        return []
    source = text.text
    spans: list[tuple[int, int]] = []
    for retort in _RETORT.finditer(source):
        start, _end = sentence_bounds(source, retort.start())
        if start > 0 and not source[start : retort.start()].strip() and _answers_a_claim(source, start):
            spans.append(retort.span())
    for end_mark in _DENIAL_END.finditer(source):
        start, end = sentence_bounds(source, end_mark.start())
        sentence = source[start:end]
        m = _DENIAL.match(source, start + len(sentence) - len(sentence.lstrip()))
        if m is None or m.end() != end_mark.end() or start == 0 or len(sentence.split()) > _MAX_WORDS:
            continue  # not the whole of a sentence of its own, or one that says more than a denial
        if _answers_a_claim(source, start, end):
            spans.append((start, m.end()))
    return spans


def _answers_a_claim(source: str, start: int, end: int | None = None) -> bool:
    """Whether the sentence before ``start`` has someone identifiable claim something, and neither it nor
    the answer (up to ``end``) has an excuse."""
    prev_start, _ = sentence_bounds(source, max(0, start - 2))
    return (
        _CLAIM.search(source, prev_start, start) is not None
        and not excused(source, prev_start, start if end is None else end)
        and identifiable(source, prev_start, start)
    )
