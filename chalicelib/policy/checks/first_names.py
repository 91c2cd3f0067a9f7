"""A first name made identifiable by what is said beside it, for TONE-DEFAME.

A first name alone names nobody ("Derek was brilliant"), and the name finder rightly lets it pass as
personal data. Said with a role or a place, it picks one person out for everyone who knows the place:
"Library volunteer Maureen", "my colleague Liam", "Derek on plot 9", "Tony with the ice cream van",
"Finlay from the council's fleet workshop", "a fella called Barry", "a roofer calling himself Tommo",
"the minibus driver, Alan". ``allegation`` asks these as it asks names and roles at named places, so
that a wrong said of them is an allegation.

A name is any capitalised word that is a listed first name, a first name that is also a word ("Lee",
"Mark"), or no everyday word: the lists leave out many common names ("Phil", "Gav"), which are names all
the same when the words around say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..people import AMBIGUOUS_FIRST_NAMES, COMMON_WORDS, is_first_name

_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# A role or a trade and then a name: "volunteer Maureen", "instructor Hamid", "supervisor Colin".
_ROLE_THEN_NAME = re.compile(
    rf"\b([a-z][a-z-]+)(?:,\s*|\s*\(\s*|\s+)({_NAME})\b"
)  # "driver, Alan", "treasurer (Linda"
# A name and what sets its owner apart: "Derek on plot 9", "Ellis at Dunbridge Skate Park", "Tony with
# the ice cream van", "Hamid (red Fiesta …)"; not a name's day or month ("Carnby on Sunday").
_WHEN = (
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Christmas|Easter"
)
_NAME_THEN_WHICH = re.compile(
    rf"(?<![\w'’])({_NAME})(?:\s+(?:on|at|from|with|in)\s+"
    rf"(?:(?:the|a|an|plot|his|her|number|no)\b|(?!{_WHEN})[A-Z0-9])|,?\s+who\s+[a-z]|\s*\()"
)
# "a fella called Barry", "a woman named Priya".
_CALLED_NAME = re.compile(
    rf"\b(?:called|named|(?:calling|calls|called)\s+(?:himself|herself|themselves)|goes\s+by)\s+[\"'“‘]?({_NAME})\b"
)


# "Gav the quizmaster", "Pete the window cleaner" (the role is the last of one or two words).
_NAME_THE_ROLE = re.compile(rf"(?<![\w'’])({_NAME})\s+the\s+(?:[a-z]+\s+)?([a-z][a-z-]+)\b")


def namelike(word: str, not_names: frozenset[str]) -> bool:
    """A listed first name, one that is also a word ("Barry", "Lee", "Mark": the words around say which),
    or a capitalised word that is no everyday word."""
    return (
        is_first_name(word)
        or word in AMBIGUOUS_FIRST_NAMES
        or (word.lower() not in COMMON_WORDS and word not in not_names)
    )


def qualified_first_names(
    window: str, is_role: Callable[[str], bool], not_names: frozenset[str], place_words: frozenset[str]
) -> list[tuple[int, int]]:
    """The spans in ``window`` of first names that a role, a place or "called" makes identifiable.

    ``is_role`` says whether a lower-case word is a role or a trade; ``not_names`` are capitalised words
    that name nobody ("Trading", "Council"); ``place_words`` end a place's name ("Gardens", "Road")."""
    out = [
        m.span(2)
        for m in _ROLE_THEN_NAME.finditer(window)
        if namelike(m.group(2), not_names) and is_role(m.group(1))
    ]
    out += [
        m.span(1)
        for m in _NAME_THEN_WHICH.finditer(window)
        if namelike(m.group(1), not_names)
        and m.group(1) not in place_words
        and m.group(1).lower() not in place_words
    ]
    out += [m.span(1) for m in _CALLED_NAME.finditer(window) if namelike(m.group(1), not_names)]
    out += [
        m.span(1)
        for m in _NAME_THE_ROLE.finditer(window)
        if namelike(m.group(1), not_names) and is_role(m.group(2))
    ]
    return out
