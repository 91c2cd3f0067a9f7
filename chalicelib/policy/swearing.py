"""Swearing beyond the word list: spelling variants of the commonest roots, and compound insults.

A compound insult is a profane root joined to an everyday word ("arse" and "badger"); "fvck",
"f00king" and "fuk1ng" are the one root spelt to dodge a filter. Both are recognised by shape, so a
compound nobody listed is still caught, while a word that merely starts like a root ("cocktail",
"title", "cumulative", "bumblebee") is not: the rest of it must be a word from the tails list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from .rules import builtin_list

# Endings a swear word takes ("fuckers", "shitting"), and endings joined to a root to make an insult.
_ENDINGS = ("", "s", "es", "ed", "er", "ers", "ing", "in", "n", "ng", "y", "ey", "head", "heads")
# Roots spelt to dodge a filter: "fvck", "phuck", "fook", "fuk", "fcuk", "fkn", "kunt", "cvnt",
# "shyt", "sht", "biatch", "basterd", "bollox", "azzhole", "a-hole".
_VARIANTS = re.compile(
    r"(?:(?:f|ph)(?:u+|v+|o+)?(?:c+k+|k+|q+|kc)|fcuk|fkn|fck)(?:in|ing|ed|er|ers|s|n|ng|a|wit|face|head|tard)?"
    r"|(?:k|c)(?:u+|v+)n+t+(?:s|y|ing|ish)?"
    r"|sh+(?:y+|ii+)t+e?(?:s|y|ty|ting|ter|head)?"
    r"|bi(?:a|o)tch(?:es|y)?"
    r"|b(?:a|ar)?st(?:e|a)rd(?:s|ise)?"
    r"|bol+o(?:x|cks|ks)|bol+ix"
    r"|(?:a|azz?)-?hole?s?"
    r"|mo(?:th|f)(?:er|a)f(?:u|v)(?:c?k|q)(?:er|a|ers|as|in|ing)"
)
_COMPOUND_ENDS = ("ass", "arse", "shit", "shite")


@cache
def _lists() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    roots = tuple(sorted(builtin_list("tone_compound_roots.txt"), key=len, reverse=True))
    return roots, frozenset(builtin_list("tone_compound_tails.txt")), builtin_list("tone_compound_heads.txt")


@cache
def compound_roots() -> tuple[str, ...]:
    """The roots a compound starts with, for a story-level shortcut: no word starts so, no compound."""
    return _lists()[0]


@cache
def _candidates() -> re.Pattern[str]:
    """Over a story's words one a line: a word that may be a variant or a compound, in one scan."""
    roots = "|".join(map(re.escape, compound_roots()))
    ends = "|".join(_COMPOUND_ENDS)
    return re.compile(rf"^(?:(?:{_VARIANTS.pattern})$|(?:{roots})\w{{2,}}|\w+(?:{ends})(?:e?s)?$)", re.M)


def may_be_beyond_the_list(words: Iterable[str]) -> bool:
    """Whether any of a story's words (lower case) may be a variant or a compound: a cheap first look."""
    for m in _candidates().finditer("\n".join(words)):
        line = m.string[m.start() : m.string.find("\n", m.start()) % (len(m.string) + 1)]
        if is_variant(line) or is_compound(line):
            return True
    return False


def _is_tail(rest: str, tails: frozenset[str]) -> bool:
    if rest in tails:
        return True
    for ending in ("s", "es", "y", "ies", "er", "ers", "ing"):
        if rest.endswith(ending) and rest[: -len(ending)] in tails:
            return True
    return False


def is_variant(word: str) -> bool:
    """A folded word (lower case, leetspeak undone) that is a known root spelt another way."""
    return _VARIANTS.fullmatch(word) is not None


def is_compound(word: str) -> bool:
    """A folded word that is a profane root joined to an everyday word ("twat" and "waffle")."""
    roots, tails, heads = _lists()
    word = word.replace("-", "")
    for root in roots:
        if word.startswith(root) and len(word) > len(root) + 2:
            rest = word[len(root) :]
            if _is_tail(rest, tails) or (rest[0] == "s" and _is_tail(rest[1:], tails)):
                return True
    for end in _COMPOUND_ENDS:
        for form in (end, end + "s", end + "es"):
            if word.endswith(form) and word[: -len(form)] in heads:
                return True
    return False


def masked_compound(folded: str, matches_masked: Callable[[str], bool]) -> bool:
    """A masked compound ("horses**t"): an everyday head and a masked ending ("horse" and "s**t")."""
    heads = _lists()[2]
    for head in heads:
        rest = folded[len(head) :]
        if folded.startswith(head) and "*" in rest and matches_masked(rest):
            return True
    return False
