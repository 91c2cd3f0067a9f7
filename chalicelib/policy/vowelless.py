"""Swearing typed without its vowels ("bstrd", "dckhd", "shtty"), a dodge that undoing disguises misses.

A word of four or more letters with no vowel is such a word when it is a listed swear word, or a
listed word and an ending a swear word takes, with the vowels left out. Three letters are too few
("cnt", "mng", "whr" shorten ordinary words as often as not; the commonest, "fck", is a spelling
variant in ``swearing``), a word in capitals is an acronym, and a few shortened ordinary words look
the same ("nbhd" for neighbourhood, "mngr" for manager).
"""

from __future__ import annotations

import re
from functools import cache

from .normalise import NormalisedText
from .rules import builtin_list

# Endings a root marked ``*`` on the list takes ("fuck*": "fuckers"); a word listed whole is taken whole.
_ENDINGS = ("s", "ed", "er", "ers", "ing")
_VOWELS = re.compile(r"[aeiou]")
# Ordinary words shortened the same way: neighbourhood, manager, monitor, month, passed, passing, shutter
# (two ways), centre or counter, continued.
_SHORTENED_WORDS = frozenset(
    {"nbhd", "nbhds", "mngr", "mngrs", "mntr", "mntrs", "mnth", "mnths", "pssd", "pssng", "shttr"}
    | {"cntr", "cntrs", "cntd", "shtr", "shtrs"}
)


def _skeleton(word: str) -> str:
    return _VOWELS.sub("", word)


@cache
def vowelless_forms(extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Every listed swear word, and each root with its endings, without vowels: four letters or more
    (so "cnt", "twt" and "sht" are never taken, nor "cnts", but "wnkr" is)."""
    forms: set[str] = set()
    for entry in (*builtin_list("tone_profanity.txt"), *extra):
        word = entry.strip("*").lower()
        if not word.isalpha():
            continue  # phrases ("piss off") and hyphenated words
        words = [word]
        if entry.endswith("*"):
            # A root of three consonants takes only the endings that add one ("wnkr", "fckd"), never an
            # "s" ("cnts" is as short as "cnt").
            short = len(_skeleton(word)) < 4
            words += [word + ending for ending in _ENDINGS if not (short and ending == "s")]
        for w in words:
            skeleton = _skeleton(w)
            if len(skeleton) < 4 or skeleton == w or skeleton in _SHORTENED_WORDS:
                continue
            if skeleton.endswith("s") and len(skeleton) == 4:
                continue  # a plural of three letters ("ccks", "whrs"): as short as "cnt"
            forms.add(skeleton)
    return frozenset(forms)


@cache
def _pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    """All the forms as whole words, built once: asked only of the few stories that have one."""
    words = "|".join(sorted(vowelless_forms(extra), key=len, reverse=True))
    return re.compile(rf"(?<![\w'’*@$])(?:{words})(?![\w'’*@$])", re.IGNORECASE)


def vowelless_spans(text: NormalisedText, extra: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Where the story has a swear word without its vowels; most stories have none of the forms at all."""
    if text.words.isdisjoint(vowelless_forms(extra)):
        return []
    return [m.span() for m in _pattern(extra).finditer(text.text) if not m.group().isupper()]
