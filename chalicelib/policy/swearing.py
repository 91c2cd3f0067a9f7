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

from .people import is_common_word
from .rules import builtin_list
from .swearing_masks import mask_pattern

# Endings a swear word takes ("fuckers", "shitting"), and endings joined to a root to make an insult.
_ENDINGS = ("", "s", "es", "ed", "er", "ers", "ing", "in", "n", "ng", "y", "ey", "head", "heads")
# Roots spelt to dodge a filter: "fvck", "phuck", "fook", "fuk", "fcuk", "fkn", "kunt", "cvnt", "cnut",
# "shyt", "sht", "sheeit", "biatch", "basterd", "basturt", "bollox", "azzhole", "a-hole".
_VARIANTS = re.compile(
    r"(?:(?:f|ph)(?:u+|v+|o+)?(?:c+k+|k+|q+|kc)|fcuk|fkn|fck|fe(?:c+k+|k+))(?:in|ing|ed|er|ers|s|n|ng|a|wits?|faces?|heads?|tards?)?"
    r"|(?:k|c)(?:u+|v+)n+t+(?:s|y|ing|ish)?|cnut(?:s|ing)?"
    r"|sh+(?:y+|ii+|e+i+)t+e?(?:s|y|ty|ting|ter|head)?"
    r"|bi(?:a|o)tch(?:es|y)?"
    r"|b(?:a|ar)?st(?:e|a|u)r[dt](?:s|ise)?"
    r"|bol+o(?:x|cks|ks)|bol+ix"
    r"|(?:a|azz?)-?hole?s?"
    r"|mo(?:th|f)(?:er|a)f(?:u|v)(?:c?k|q)(?:er|a|ers|as|in|ing)"
)
_COMPOUND_ENDS = ("ass", "arse", "shit", "shite")
# Roots with no innocent compounds, which make an insult of any ordinary word before or after them
# ("thunder" and "cunt", "piss" and "kidney"). The milder roots make surnames and places that way
# ("Hitchcock", "Dickson", "Bumstead", "Fartown"), so they join only the listed tails and heads.
STRONG_ROOTS = ("fuck", "cunt", "shit", "piss", "wank", "twat", "bitch", "bollock", "jizz", "minge", "spunk")
# Every form a compound may end with, for one ``str.endswith`` that most words fail.
_END_FORMS = tuple(form for end in _COMPOUND_ENDS for form in (end, end + "s", end + "es"))


@cache
def _lists() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    roots = tuple(sorted(builtin_list("tone_compound_roots.txt"), key=len, reverse=True))
    return roots, frozenset(builtin_list("tone_compound_tails.txt")), builtin_list("tone_compound_heads.txt")


@cache
def _roots_by_start() -> tuple[int, dict[str, tuple[str, ...]]]:
    """The roots filed under their first ``k`` letters (``k`` the shortest root's length): a word need
    only be tried against the few roots filed under its own first ``k`` letters, longest first."""
    roots = _lists()[0]
    k = min((len(r) for r in roots), default=0)
    by_start: dict[str, list[str]] = {}
    for root in roots:
        by_start.setdefault(root[:k], []).append(root)
    return k, {start: tuple(found) for start, found in by_start.items()}


@cache
def compound_roots() -> tuple[str, ...]:
    """The roots a compound starts with, for a story-level shortcut: no word starts so, no compound."""
    return _lists()[0]


_Trie = dict[str, "_Trie"]


def prefix_trie(words: Iterable[str], *, repeated: bool = False) -> str:
    """A regex for "starts with one of ``words``", its alternatives nested by shared beginnings.

    Hand-built because Python's ``re`` tries every alternative of a flat alternation in turn; nested,
    each letter is tried once. With ``repeated``, each letter may be repeated ("ff*uu*cc*kk*", which is
    "f+u+c+k+" written so that each alternative starts with a plain letter: ``re`` then skips an
    alternative whose letter is not the next one without entering it, which it cannot do for "f+").
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here, and starting with it is enough

    def emit(node: _Trie) -> str:
        if "" in node:
            return ""
        alternatives = [
            re.escape(ch) + (re.escape(ch) + "*" if repeated else "") + emit(child)
            for ch, child in sorted(node.items())
        ]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(root) if root else "(?!)"


@cache
def candidate_patterns() -> tuple[str, str]:
    """Regexes over a story's words one a line, each matching at the newline before a word: the first
    where the word may be a variant or start like a compound, the second, over the lines reversed, where
    it may end like one ("…ass", "…shites", a strong root). ``is_beyond_the_list`` tells the word itself."""
    forward = rf"(?:{_VARIANTS.pattern})(?=\n)|{prefix_trie(compound_roots())}\w{{2,}}"
    backward = rf"{prefix_trie(form[::-1] for form in (*_END_FORMS, *STRONG_ROOTS))}\w"
    return forward, backward


def is_beyond_the_list(word: str) -> bool:
    """A folded word that is a variant or a compound."""
    return is_variant(word) or is_compound(word)


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
    _, tails, heads = _lists()
    word = word.replace("-", "")
    k, by_start = _roots_by_start()
    # Beyond the lists, any ordinary word joined to a root makes a coined insult ("thunder" and
    # "cunt"), unless the whole is itself a dictionary word ("cocktail", "compass", "harass").
    coined = not is_common_word(word)
    for root in by_start.get(word[:k], ()):
        if word.startswith(root) and len(word) > len(root) + 2:
            rest = word[len(root) :]
            if _is_tail(rest, tails) or (rest[0] == "s" and _is_tail(rest[1:], tails)):
                return True
            if coined and root in STRONG_ROOTS and is_common_word(rest):
                return True
    if word.endswith(_END_FORMS):
        for form in _END_FORMS:
            head = word[: -len(form)]
            if word.endswith(form) and (
                head in heads or (coined and len(head) >= 3 and is_common_word(head))
            ):
                return True
    # An ordinary word with a root after it ("bitch" and "tits" are both; "thunder" and "cunt").
    if coined:
        for root in STRONG_ROOTS:
            if word.endswith(root) and len(word) >= len(root) + 3 and is_common_word(word[: -len(root)]):
                return True
    return False


def masked_compound(folded: str, matches_masked: Callable[[str], bool]) -> bool:
    """A masked compound: an everyday head and a masked ending ("horses**t": "horse" and "s**t";
    "clusterf*ck": "cluster" and "f*ck"), or a masked word and an everyday ending ("sh*tshow")."""
    heads = _lists()[2]
    for head in heads:
        rest = folded[len(head) :]
        if folded.startswith(head) and "*" in rest and matches_masked(rest):
            return True
    # Any everyday word of four or more letters as the head, the masked word showing three or more.
    # A head of five letters or more may take a masked word that shows two ("clusterf**k").
    for cut in range(4, folded.find("*")):
        rest = folded[cut:]
        shown = 3 if cut < 5 else 2
        if sum(map(str.isalpha, rest)) >= shown and is_common_word(folded[:cut]) and matches_masked(rest):
            return True
    # The masked word shows three letters or more and ends in one; the ending is a word of four or more.
    for cut in range(folded.rfind("*") + 2, len(folded) - 3):
        head = folded[:cut]
        if sum(map(str.isalpha, head)) >= 3 and is_common_word(folded[cut:]) and matches_masked(head):
            return True
    # A masked root of a compound and a listed tail: "c*ckwomble" ("cock" and "womble").
    roots, tails, _ = _lists()
    for cut in range(folded.rfind("*") + 2, len(folded) - 2):
        if _is_tail(folded[cut:], tails):
            masked = mask_pattern(folded[:cut])
            if any(masked.fullmatch(root) for root in roots if root[:1] == folded[:1]):
                return True
    return False
