"""Swearing that word-by-word matching cannot see, for TONE-PROF.

- a listed word split by a hyphen ("bell-end"), and a crude root joined to an everyday word by one
  ("jizz-stained", "half-arsed");
- "fuck" inside another word ("absofuckinglutely"), which no English word holds;
- a listed word among a hashtag's capitalised parts ("#BinDayWTF"), or "fck" starting one in one case
  ("#FCKTHEFLYTIPPERS");
- phrases of rhyming slang and euphemism whose words are innocent one by one ("a right Berkeley
  Hunt", "bashing the bishop", "póg mo thóin"; ``policy/data/tone_profanity_phrases.txt``).

Each is looked for only when a cheap test says it may be there (a hyphen, "uck", a "#", or one of the
phrases' rarer words among the story's), so most stories cost a few substring tests.
"""

from __future__ import annotations

import re
from functools import cache

from .people import is_common_word
from .rules import builtin_list

PHRASES_FILE = "tone_profanity_phrases.txt"
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_WITH_FUCK = re.compile(r"(?<!\w)[^\W\d_]*(?i:fuck)[^\W\d_]*")
_HASHTAG = re.compile(r"#(\w+)")
# A hashtag's parts: a run of capitals not followed by a lower-case letter ("WTF"), or a word.
_TAG_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_TAG_STARTS = ("fck", "cunt")
# The words a phrase's words are joined by: spaces, or the full stop of an initial ("J. Arthur Rank").
_BETWEEN = r"[\s.]+"


# Roots that make a crude compound of any everyday word joined to them by a hyphen ("jizz-stained",
# "arse-numbing"), and the forms of "arse" that do so after one ("half-arsed", "rat-arsed").
_JOIN_ROOTS = frozenset({"jizz", "arse", "piss", "shit", "fuck", "cunt", "wank", "twat", "spunk"})
_ARSE_FORMS = frozenset({"arse", "arsed", "arses"})


def _rooted(parts: list[str]) -> bool:
    if len(parts) != 2 or not all(parts):
        return False
    first, second = parts
    return (first in _JOIN_ROOTS and len(second) >= 3 and _everyday(second)) or (
        second in _ARSE_FORMS and len(first) >= 3 and _everyday(first)
    )


def _everyday(word: str) -> bool:
    """An everyday word, or one with "-ed" or "-ing" on one ("stained", "licking")."""
    return is_common_word(word) or any(
        word.endswith(end) and is_common_word(word[: -len(end)]) for end in ("ed", "d", "ing")
    )


@cache
def _phrases() -> tuple[re.Pattern[str], frozenset[str]]:
    """The phrases as one pattern (lower case), and the words a story must have for it to be tried:
    each phrase's longest word."""
    phrases = [p.lower() for p in builtin_list(PHRASES_FILE)]
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(_BETWEEN.join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)"
    )
    keys = frozenset(max(re.findall(r"[^\W\d_]+", p), key=len) for p in phrases)
    return pattern, keys


def joined_spans(
    source: str, words: frozenset[str], listed: frozenset[str], allowed: frozenset[str]
) -> list[tuple[int, int]]:
    """The spans of swearing in ``source`` (whose lower-cased words are ``words``) that only a joined
    word, a word inside a word, a hashtag's part or a phrase shows; ``listed`` is every form of the
    listed words, ``allowed`` the allow-list."""
    out: list[tuple[int, int]] = []
    if "-" in source:
        for m in _HYPHENATED.finditer(source):
            joined = m.group().replace("-", "").lower()
            if m.group().lower() in allowed or joined in allowed:
                continue
            if joined in listed or _rooted(m.group().lower().split("-")):
                out.append(m.span())
    if "uck" in source or "UCK" in source:
        out += [m.span() for m in _WITH_FUCK.finditer(source) if m.group().lower() not in allowed]
    if "#" in source:
        for m in _HASHTAG.finditer(source):
            tag = m.group(1)
            if any(len(p) >= 3 and p.lower() in listed for p in _TAG_PART.findall(tag)) or (
                # A hashtag in one case throughout has no parts to read; "fck" and "cunt" start no word.
                (tag.isupper() or tag.islower()) and tag.lower().startswith(_TAG_STARTS)
            ):
                out.append(m.span())
    pattern, keys = _phrases()
    # A phone's curly apostrophe as a straight one ("witch’s tit"), one character for one.
    lower = source.lower().replace("’", "'")
    if not words.isdisjoint(keys) and len(lower) == len(source):  # spans in ``lower`` are spans in ``source``
        out += [m.span() for m in pattern.finditer(lower)]
    return out
