"""An ordinary word in sarcastic quotes, said of someone identifiable, for TONE-DEFAME: 'Big Jim's
Removals took the wardrobe and "lost" it', 'Dave the Van does "house clearances"', 'the pothole Kwik
Patch "fixed" three times'.

The quotes say the word is false: what was "lost" was taken, what was "fixed" was not. Only the words
people use that way about a wrong (lost, fixed, borrowed, disposed of, house clearance, trip …) count;
a word in quotes that praises ('our "award-winning" crew') or quotes a resident is not one of them.
The sentence must name someone identifiable other than the staff, and have no excuse (thanks, an
official outcome, advice); ``allegation`` says what both mean.
"""

from __future__ import annotations

import re

from ..normalise import NormalisedText
from ..people import sentence_bounds
from .allegation import excused, identifiable

# The words whose quotes say the opposite happened, with their forms.
_EUPHEMISMS = (
    r"lost|fixed|repaired|mended|borrowed|borrowing|found|misplaced|mislaid|disposed\s+of|recycled"
    r"|house\s+clearances?|clearances?|trips?|business\s+trips?|donations?|gifts?|expenses|consultancy"
    r"|sick|off\s+sick|working\s+from\s+home|inspected|checked|serviced|qualified|fully\s+qualified"
    r"|certified|accident|fell|cleaned|refurbished|brand\s+new|new|tidied(?:\s+up)?|sorted|loans?"
    r"|clean|homemade|home-made|handmade|local|local\s+free\s+range|free\s+range|organic|genuine"
    r"|broken|restoration|donated|running\s+out|finds|storage\s+fees|fees|community\s+planters|confused"
    r"|council\s+approved|family\s+pets?"
)
_QUOTED = re.compile(rf"[\"“‘'](?i:{_EUPHEMISMS})[\"”’'](?!\w)")
# Quote marks, the cheap test: a story without one has nothing for the pattern to find.
_MARKS = ('"', "“", "‘", "'")
# "we", "I": the staff's own joke about themselves ('we "fixed" the printer'), and about their family ('Our
# Tom has been "borrowing" his sister's charger'); not "my" or "our" of what was done to someone ('took my
# neighbour's piano and "lost" it').
_OURS = re.compile(r"(?i:\b(?:we|we've|we're|i|i've|i'm)\b)|\b(?:[Oo]ur|[Mm]y)\s+[A-Z][a-z]+\b")


def quoted_euphemisms(text: NormalisedText) -> list[tuple[int, int]]:
    """The spans of euphemisms in sarcastic quotes in a sentence about someone identifiable."""
    source = text.text
    if not any(mark in source for mark in _MARKS):
        return []
    spans: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(source):
        start, end = sentence_bounds(source, m.start())
        if _OURS.search(source, start, m.start()):
            continue
        if identifiable(source, start, end) and not excused(source, start, end):
            spans.append(m.span())
    return spans
