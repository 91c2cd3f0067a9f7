"""Ordinary senses of words on the swearing lists: "a cock pheasant", "the bitch had puppies", "door knobs".

Some words the profanity lists hold are also the plain name of an animal, a food or a thing. Such a
word, spelt plainly, is read in that sense when its sentence has a word of the sense
(``policy/data/tone_senses.txt``); a disguised spelling ("c0ck", "b*tch") is never innocent, since
nobody disguises a pheasant. Nor is a word said of someone: one right after an insult's opening
("a right bitch", "what an ass", "you cock", "some knob") is swearing whatever the sentence is about.
"""

from __future__ import annotations

import re
from functools import cache

from .rules import builtin_list
from .tokens import sentence_bounds

SENSES_FILE = "tone_senses.txt"
_WORD = re.compile(r"[a-z]+")
# The words that open an insult, just before the word ("some" only before one: "some shags were nesting").
_OPENER = "|".join(
    [
        "you",
        "right",
        "such",
        "what",
        "total",
        "absolute",
        "complete",
        "utter",
        "proper",
        "stupid",
        "silly",
        "lazy",
        "bloody",
        "effing",
        "useless",
    ]
)
_SAID_OF_SOMEONE = re.compile(rf"\b(?:{_OPENER})\s+(?:(?:a|an)\s+)?$", re.IGNORECASE)
_SAID_OF_ONE = re.compile(r"\bsome\s+$", re.IGNORECASE)


@cache
def _senses() -> dict[str, frozenset[str]]:
    """Each listed form -> the words that mark its ordinary sense (a form in two lines gets both)."""
    out: dict[str, set[str]] = {}
    for line in builtin_list(SENSES_FILE):
        forms, colon, marks = line.partition(":")
        if not colon:
            raise ValueError(f"{SENSES_FILE}: expected 'forms: words', got {line!r}")
        for form in forms.split():
            out.setdefault(form.lower(), set()).update(marks.lower().split())
    return {form: frozenset(marks) for form, marks in out.items()}


def ordinary_sense(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, spelt exactly as a listed form, is used in its ordinary sense."""
    word = text[start:end].lower()
    if word.endswith(("'s", "’s")):
        word = word[:-2]  # "the knob's come off the door"
    marks = _senses().get(word)
    if marks is None:
        return False
    before = text[max(0, start - 40) : start]
    if _SAID_OF_SOMEONE.search(before) or (not word.endswith("s") and _SAID_OF_ONE.search(before)):
        return False
    first, last = sentence_bounds(text, start)
    if first > 0:
        # the sentence before tells what it is about too: "Our trip to the donkey sanctuary was lovely.
        # Harold the ass ate Mrs Okafor's sunhat."
        first = sentence_bounds(text, first - 1)[0]
    return not marks.isdisjoint(_WORD.findall(text[first:last].lower()))
