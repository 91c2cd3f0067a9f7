"""Names that look like swearing: a street or pub after a capitalised word, a surname after a first name.

"Slag Lane", "the Cock Inn" and "Marta Kuntz" are a place, a pub and a person; TONE-PROF must not refuse
a story for them. A writer who masks a word ("Gropec*nt Lane") is telling the reader it is rude, so a
masked word is never a name here.
"""

from __future__ import annotations

import re

from .people import is_common_word, is_first_name
from .tokens import TITLES

# A street or a place after a capitalised word makes it a name: "Slag Lane", "Cock Lane", "Cock Marsh";
# so does a pub's ("the Cock Inn"; "The Cock and Bottle", after "the", ``_PUB_AND``).
_PLACE_AFTER = re.compile(
    r"[ \t]+(?:Lane|Road|Street|Close|Way|Avenue|Drive|Hill|Bottom|Green|End|Farm|Wood|Common|Bridge"
    r"|Brook|Field|Fields|Moor|Marsh|Marshes|Row|Walk|Court|Place|Square|Terrace|Crescent|Grove|Park"
    r"|Beck|Hall|Heath|Inn|Tavern|Arms|Hotel)\b"
)
_PUB_AND = re.compile(r"[ \t]+and[ \t]+[A-Z][a-z]+\b")
# A village by the town it is near: "Cocks near Perranporth", "Cock Clarks, near Danbury"; a landmark by
# its place ("the Cock of Kintyre").
_PLACE_BY = re.compile(r"(?:[ \t]+[A-Z][a-z]+)?,?[ \t]+near[ \t]+[A-Z][a-z]+|[ \t]+of[ \t]+[A-Z][a-z]+")
# A name's second capitalised word after "the": a pub's ("the Fighting Cocks"), a team's.
_THE_NAME = re.compile(r"\b[Tt]he[ \t]+[A-Z][a-z]+[ \t]$")
# The one or two words before a word: "Marta Kuntz", "Dr Ilse Langer".
_BEFORE = re.compile(r"(?:\b([A-Z][a-z]+)\.?[ \t])?\b([A-Z][a-z]+)\.?[ \t]$")
_REACH = 30  # characters looked back at for a first name or a title


def is_place_or_pub(raw: str, source: str, start: int, end: int) -> bool:
    """The capitalised word ``raw`` at ``[start, end)`` names a street, a place or a pub."""
    if not raw[:1].isupper() or "*" in raw:
        return False
    if _PLACE_AFTER.match(source, end) or _PLACE_BY.match(source, end):
        return True
    if _THE_NAME.search(source, max(0, start - 24), start):
        return True
    return source[max(0, start - 4) : start].lower() == "the " and _PUB_AND.match(source, end) is not None


def is_surname(raw: str, source: str, start: int) -> bool:
    """The word ``raw`` at ``start``, written with a capital and then lower case, follows a listed first
    name, or a title and a name ("Marta Kuntz", "Tom Wanklyn", "Dr Ilse Langer"): a person's surname. Not
    straight after a title: "Mr Shagger" is a nickname."""
    if not (raw[:1].isupper() and raw[1:].islower()):
        return False
    before = _BEFORE.search(source, max(0, start - _REACH), start)
    if before is None:
        return False
    first, second = before.group(1), before.group(2)
    return is_first_name(second) or (first is not None and first in TITLES)


def name_with_listed_ending(
    raw: str, folded: str, inflected: frozenset[str], prefixes: tuple[str, ...], suffixes: tuple[str, ...]
) -> bool:
    """A capitalised word that matches only by a listed ending (``suffixes``) after something no
    dictionary holds is a name ("Harshit"); "Bullshit" and "Apeshit" start with words and still count."""
    if not (raw[:1].isupper() and raw[1:].islower()) or folded in inflected or folded.startswith(prefixes):
        return False
    return any(
        folded.endswith(tail) and len(folded) - len(tail) >= 2 and not is_common_word(folded[: -len(tail)])
        for tail in suffixes
    )
