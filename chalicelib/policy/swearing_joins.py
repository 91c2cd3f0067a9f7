"""Swearing that word-by-word matching cannot see, for TONE-PROF.

- a listed word split by a hyphen ("bell-end"), and a crude root joined to an everyday word by one
  ("jizz-stained", "half-arsed");
- "fuck" inside another word ("absofuckinglutely"), which no English word holds;
- a listed word among a hashtag's capitalised parts ("#BinDayWTF", "#NoBellEnds", "#NoBS"), or "fck"
  starting one in one case ("#FCKTHEFLYTIPPERS"); a word with a capital inside read the same way
  ("McShitface", "KnackeredAF"); a stutter before a listed word ("sh-sh-shitting");
- phrases of rhyming slang and euphemism whose words are innocent one by one ("a right Berkeley
  Hunt", "bashing the bishop", "póg mo thóin"; ``policy/data/tone_profanity_phrases.txt``).

Each is looked for only when a cheap test says it may be there (a hyphen, "uck", a "#", or one of the
phrases' rarer words among the story's), so most stories cost a few substring tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import pairwise

from .people import is_common_word
from .rules import builtin_list
from .swearing import STRONG_ROOTS
from .swearing_shapes import LEET

PHRASES_FILE = "tone_profanity_phrases.txt"
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_WITH_FUCK = re.compile(r"(?<!\w)[^\W\d_]*(?i:fuck)[^\W\d_]*")
_HASHTAG = re.compile(r"#(\w+)")
# A hashtag's parts: a run of capitals not followed by a lower-case letter ("WTF"), or a word.
_TAG_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_TAG_STARTS = ("fck", "cunt")
_LEET_INSIDE = re.compile(r"(?<=[A-Za-z])[013457](?=[a-z])")
# A word with a capital inside it ("McShitface", "KnackeredAF"): read by its parts as a hashtag is.
_CAMEL = re.compile(r"(?<![\w#])[A-Za-z]*[a-z][A-Z][A-Za-z]*")
_LOWER_UPPER = re.compile(r"[a-z][A-Z]")
_AS_F = re.compile(r"[a-z]AF$")  # "KnackeredAF": "as f***" run on to a word
_TAG_SHORT = frozenset({"af", "bs"})  # two letters that are swearing as a hashtag's part ("#NoBS")
# The words a phrase's words are joined by: spaces, or the full stop of an initial ("J. Arthur Rank").
_BETWEEN = r"[\s.]+"


# Roots that make a crude compound of any everyday word joined to them by a hyphen ("jizz-stained",
# "arse-numbing"), and the forms of "arse" that do so after one ("half-arsed", "rat-arsed").
_JOIN_ROOTS = frozenset({"jizz", "arse", "piss", "shit", "fuck", "cunt", "wank", "twat", "spunk"})
_ARSE_FORMS = frozenset({"arse", "arsed", "arses"})
# Listed words with an everyday sense before a hyphen: "cock-fighting", "cock-eyed", "tits-up" aside.
_ORDINARY_TOO = frozenset({"cock", "cocks", "dick", "dicks", "knob", "knobs", "tits", "balls"})


def _rooted(parts: list[str]) -> bool:
    if len(parts) != 2 or not all(parts):
        return False
    first, second = parts
    return (first in _JOIN_ROOTS and len(second) >= 3 and _everyday(second)) or (
        second in _ARSE_FORMS and len(first) >= 3 and _everyday(first)
    )


def _parts_swear(parts: list[str], listed: Callable[[str], bool], allowed: frozenset[str]) -> bool:
    """A listed word among a capitalised compound's parts, or two side by side ("No", "Bell", "Ends");
    not a name the allow-list holds in two words ("#DickWhittington")."""
    lower = [p.lower() for p in parts]
    if not _swearing_parts(lower, listed, allowed):
        return False
    if all(f"{a} {b}" not in allowed for a, b in pairwise(lower)):
        return True
    return _swearing_parts(
        [p for i, p in enumerate(lower) if not _in_allowed_pair(lower, i, allowed)], listed, allowed
    )


def _swearing_parts(lower: list[str], listed: Callable[[str], bool], allowed: frozenset[str]) -> bool:
    return any(len(p) >= 3 and listed(p) and p not in allowed for p in lower) or any(
        listed(a + b) and a + b not in allowed for a, b in pairwise(lower)
    )


def _run_on(tag: str, listed: frozenset[str], allowed: frozenset[str]) -> bool:
    """A hashtag in one case run together from everyday words and a listed word with a strong root:
    "#councilarewankers", "#bincrewsaretwats"; not "#scunthorpeunited", whose "cunt" leaves an "s" that
    is no word, nor a hashtag that is everyday words throughout. (A milder root makes places and
    surnames.)"""
    if not any(root in tag for root in STRONG_ROOTS) or tag in allowed or not tag.isalpha():
        return False
    if _segments(tag, listed):
        return False
    for start in range(len(tag) - 3):
        if not tag.startswith(STRONG_ROOTS, start):
            continue
        for end in range(start + 4, min(len(tag), start + _LONGEST) + 1):
            piece = tag[start:end]
            if (
                piece in listed
                and piece not in allowed
                and _segments(tag[:start], listed)
                and _segments(tag[end:], listed)
            ):
                return True
    return False


_LONGEST = 14  # letters in the longest listed word looked for inside a hashtag


def _segments(run: str, listed: frozenset[str]) -> bool:
    """Whether ``run`` is nothing, or everyday words run together, none of them listed ("councilare":
    council, are). Which prefixes of ``run`` are such words, worked out from the shortest."""
    ends = [True] + [False] * len(run)
    for end in range(1, len(run) + 1):
        ends[end] = any(
            ends[cut]
            and (end - cut > 1 or run[cut] in "ai")
            and run[cut:end] not in listed
            and _everyday(run[cut:end])
            for cut in range(end)
        )
    return ends[-1]


def _in_allowed_pair(lower: list[str], i: int, allowed: frozenset[str]) -> bool:
    before = i > 0 and f"{lower[i - 1]} {lower[i]}" in allowed
    return before or (i + 1 < len(lower) and f"{lower[i]} {lower[i + 1]}" in allowed)


def _stuttered(word: str, listed: Callable[[str], bool]) -> bool:
    """A listed word after a stutter of its first letters: "sh-sh-shitting", "f-f-fuck"."""
    *heads, last = word.split("-")
    return bool(heads) and listed(last) and all(h and last.startswith(h) for h in heads)


def _everyday(word: str) -> bool:
    """An everyday word, or one with "-ed" or "-ing" on one ("stained", "licking")."""
    return is_common_word(word) or any(
        word.endswith(end) and is_common_word(word[: -len(end)]) for end in ("ed", "d", "ing")
    )


# Words too common to decide whether a phrase is tried: a phrase's key is its longest word but these.
_NEVER_KEYS_TEXT = """
    a s is was been bit the of on in my me your yer ma his her do did does done doing give given gives
    having have had get getting got total complete absolute proper right such old load pile up off sweet
    hand blow pain take taking took like hung big fat nice lovely no ya away you stupid massive dumb go
    next tuesday yourself yourselves c out
"""
_NEVER_KEYS = frozenset(_NEVER_KEYS_TEXT.split())


# Slots a line of the phrase file may open with, each standing for every one of its wordings: rhyming
# slang is slang where an insult, a body part or rubbish goes ("a proper Berkshire", "kiss my Hampton",
# "a load of old Richard the Third"), and the same words are a bank, a county or a king elsewhere.
_SLOTS: dict[str, str] = {
    "<insult>": (
        r"(?:right|proper|total|absolute|complete|utter|massive|lazy|useless|thick|daft|lying|thieving|some"
        r"|such\s+an?|what\s+an?|bunch\s+of|load\s+of"
        r"|call(?:ed|ing|s)?(?:\s+(?:me|him|her|us|them|you))?\s+an?)"
    ),
    "<you>": r"(?:you|ya|ye)(?:\s+(?:absolute|total|utter|massive|stupid|dirty))?",
    "<whose>": (
        r"(?:my|me|mi|ma|his|her|your|yer|yor|their|our|[a-z-]+['’]s)(?:\s+(?:hairy|big|fat|old|saggy|bony))?"
    ),
    "<load>": r"(?:load|pile|lot|heap)\s+of(?:\s+old)?",
}
# Between a slot and the rest, a quote may open: 'calling me a "Berkshire"'.
_AFTER_SLOT = r"[\s.]+[\"'‘“]?"
# A line's last mark: the phrase must end its clause ("a proper Berkshire.", not "a proper Berkshire pub").
_END = "<end>"
_CLAUSE_END = r"(?=\s*(?:[.!?,;:)\"”'’]|$|\s(?:and|but|he|she|they|who|for|at|in|on|behind)\b))"


def _phrase_pattern(words: list[str]) -> str:
    """A phrase's words with spaces (or an initial's full stop) between, its ``<end>`` a look at what
    follows."""
    end = words[-1] == _END
    body = _BETWEEN.join(map(re.escape, words[:-1] if end else words))
    return body + (_CLAUSE_END if end else "")


@cache
def _phrases() -> dict[str, re.Pattern[str]]:
    """The phrases by the word a story must have for them to be tried, each key's phrases one pattern
    (lower case). A phrase's key is its longest word but the everyday words around slang ("pony" in "a
    total pony", not "total") and a slot's wordings, so that most stories have none of them; and a story
    with one runs only its phrases, where one pattern of every phrase cost as much as all of them."""
    by_key: dict[str, list[str]] = {}
    for line in builtin_list(PHRASES_FILE):
        words = line.lower().split()
        key = max(
            re.findall(r"[^\W\d_]+", _without_marks(words)), key=lambda w: (w not in _NEVER_KEYS, len(w))
        )
        if words[0] in _SLOTS:
            by_key.setdefault(key, []).append(_SLOTS[words[0]] + _AFTER_SLOT + _phrase_pattern(words[1:]))
        else:
            by_key.setdefault(key, []).append(_phrase_pattern(words))
    return {key: re.compile(r"(?<!\w)(?:" + "|".join(found) + r")(?!\w)") for key, found in by_key.items()}


def _without_marks(words: list[str]) -> str:
    return " ".join(w for w in words if w not in _SLOTS and w != _END)


def joined_spans(
    source: str,
    words: frozenset[str],
    listed: frozenset[str],
    allowed: frozenset[str],
    rooted: Callable[[str], bool] | None = None,
) -> list[tuple[int, int]]:
    """The spans of swearing in ``source`` (whose lower-cased words are ``words``) that only a joined
    word, a word inside a word, a hashtag's part or a phrase shows; ``listed`` is every form of the
    listed words, ``allowed`` the allow-list; ``rooted`` (if given) also says whether a word is a listed
    root with more after it ("shitface"), for a compound's parts and a stutter's last word."""
    listed_or_rooted = listed.__contains__ if rooted is None else rooted
    out: list[tuple[int, int]] = []
    if "-" in source:
        for m in _HYPHENATED.finditer(source):
            joined = m.group().replace("-", "").lower()
            if m.group().lower() in allowed or joined in allowed:
                continue
            parts = m.group().lower().split("-")
            if (
                joined in listed
                or _rooted(parts)
                # a listed word and an everyday one: "pissed-off", "shitting-bricks"
                or (
                    len(parts) == 2
                    and len(parts[0]) >= 4
                    and parts[0] in listed
                    and parts[0] not in _ORDINARY_TOO
                    and _everyday(parts[1])
                )
                # an everyday word and a listed word's -ing form: "mother-effing", "donkey-shaggin"
                or (
                    len(parts) == 2
                    and parts[1].endswith(("ing", "in"))
                    and (parts[1] in listed or parts[1] + "g" in listed)
                    and parts[1] not in _ORDINARY_TOO
                    and _everyday(parts[0])
                )
                or _stuttered(m.group().lower(), listed_or_rooted)
            ):
                out.append(m.span())
    if "uck" in source or "UCK" in source:
        out += [m.span() for m in _WITH_FUCK.finditer(source) if m.group().lower() not in allowed]
    if "#" in source:
        for m in _HASHTAG.finditer(source):
            tag = m.group(1)
            if not tag.isalpha():  # a digit for a letter inside a part: "#FlyTippersAreTw4ts"
                tag = _LEET_INSIDE.sub(lambda d: d.group().translate(LEET), tag)
            parts = _TAG_PART.findall(tag)
            if (
                _parts_swear(parts, listed_or_rooted, allowed)
                or any(p.lower() in _TAG_SHORT for p in parts[1:])
                or (
                    # A hashtag in one case throughout has no parts to read; "fck" and "cunt" start no word.
                    (tag.isupper() or tag.islower()) and tag.lower().startswith(_TAG_STARTS)
                )
                or ((tag.isupper() or tag.islower()) and _run_on(tag.lower(), listed, allowed))
            ):
                out.append(m.span())
    for m in _CAMEL.finditer(source) if _LOWER_UPPER.search(source) else ():
        word = m.group()
        if _parts_swear(_TAG_PART.findall(word), listed_or_rooted, allowed) or _AS_F.search(word):
            out.append(m.span())
    patterns = _phrases()
    present = words & patterns.keys()
    # A phone's curly apostrophe as a straight one ("witch’s tit"), one character for one.
    lower = source.lower().replace("’", "'") if present else ""
    if len(lower) == len(source):  # spans in ``lower`` are spans in ``source``
        out += [
            m.span()
            for key in present
            for m in patterns[key].finditer(lower)
            if not _NAMES_SOMETHING.match(lower, m.start(), m.end() + 24)
        ]
    if "#" in source:
        # A phrase run together in a hashtag: "#KickInTheKhyber" is "kick in the khyber".
        for m in _HASHTAG.finditer(source):
            parts = [p.lower() for p in _TAG_PART.findall(m.group(1))]
            if len(parts) >= 2 and any(
                patterns[key].search(" ".join(parts)) for key in patterns.keys() & parts
            ):
                out.append(m.span())
    return out


# A phrase that is also the name of something, by what follows it: Brahms and Liszt's music, the FA Cup.
_NAMES_SOMETHING = re.compile(
    r"brahms\s+and\s+liszt(?:['’]s)?\s+(?:piano|pieces|music|concerts?|recitals?|sonatas?|symphon\w*|works"
    r"|songs|programme|played|performed|duets?)\b|sweet\s+fa\s+(?:cup|trophy|vase|youth|women)\b"
)


# A listed word of a letter, an apostrophe or a hyphen and the rest ("f'kin", "f-wit"): the story's words
# split it, and letting every word that starts with an "f" through TONE-PROF's shortcut tripled its cost.
_ONE_LETTER_JOINED = re.compile(r"(?<![\w'’-])[^\W\d_]['-][^\W\d_]+")


def one_letter_joined(source: str, inflected: frozenset[str]) -> bool:
    """Whether ``source`` has a word of ``inflected`` (a list's words and their endings) of that shape."""
    lower = source.lower().replace("’", "'")
    return any(p in lower for p in _joined_starts(inflected)) and any(
        w.group() in inflected for w in _ONE_LETTER_JOINED.finditer(lower)
    )


@cache
def _joined_starts(inflected: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({w[:2] for w in inflected if len(w) > 2 and w[1] in "'-" and w[0].isalpha()}))
