"""The names and places an organisation's rules file clears for publication, and whether a found name is one.

Consenting staff and the organisation's members (whose politics is its business) may be named; a park
listed among the places is not a person's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from .rules import OrgRules

if TYPE_CHECKING:
    from .people import NameMatch

_NAME_PREFIXES = re.compile(
    r"^(?:(?:cllr|councillor|mayor|deputy|lord|lady|sir|dame|dr|prof|mr|mrs|ms|miss|mx|mp|rt|hon)\.?\s+)+",
    re.IGNORECASE,
)


def _name_key(name: str) -> tuple[str, ...]:
    plain = _NAME_PREFIXES.sub("", " ".join(name.split()))
    return tuple(w.casefold().rstrip(".") for w in re.findall(r"[^\W\d_][^\s,]*", plain))


def cleared_names(rules: OrgRules) -> tuple[tuple[str, ...], ...]:
    """Names that may be printed: consenting staff and the organisation's members (politics' business)."""
    # Several checks ask of every story, and the rules (frozen, their lists tuples) are the same object
    # each time: the last answer is kept with them rather than the lists joined and hashed again.
    last = _last_cleared.get("rules")
    if last is not None and last[0] is rules:
        return last[1]
    found = _cleared_names((*rules.allow.names, *rules.politics.members))
    _last_cleared["rules"] = (rules, found)
    return found


_last_cleared: dict[str, tuple[OrgRules, tuple[tuple[str, ...], ...]]] = {}


@cache
def _cleared_names(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    # Worked out once per rules file rather than by every check on every story.
    return tuple(k for k in map(_name_key, names) if k)


def is_cleared(name: NameMatch, cleared: Iterable[tuple[str, ...]]) -> bool:
    """True when an allow-listed name is this person: same surname, compatible first names or initials."""
    surname = name.surname.casefold()
    given = [g.casefold().rstrip(".") for g in name.given]
    for key in cleared:
        if key[-1] != surname:
            continue
        if not given:
            return True
        allowed_given = key[:-1]
        if not allowed_given:
            continue
        if all(any(a == g or (len(g) == 1 and a.startswith(g)) for a in allowed_given) for g in given):
            return True
    return False


def is_place(text: str, start: int, end: int, rules: OrgRules) -> bool:
    """True when the span is (part of) one of the places the rules file lists, such as a park's name."""
    if not rules.allow.places:
        return False
    span = " ".join(text[start:end].casefold().split())
    return any(span in " ".join(p.casefold().split()) for p in rules.allow.places)
