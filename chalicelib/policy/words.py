"""Patterns built from word lists: the list reads as words, and every pattern joins them the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable


def one_of(words: str) -> str:
    """``"son daughter twins?"`` → ``(?:son|daughter|twins?)``: the space-separated words (each may use
    regex syntax, but holds no space) as one group of alternatives."""
    return "(?:" + "|".join(words.split()) + ")"


def word_pattern(
    words: str, *, after: str, before: str = r"\b", flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """One of ``words`` (see ``one_of``) between ``before`` and ``after``."""
    return re.compile(before + one_of(words) + after, flags)


def first_characters(chars: str, pattern: str, *, ignore_case: bool = False) -> str:
    """``pattern`` behind a lookahead for the characters its matches can start with (``chars``, the
    inside of a class).

    A pattern that opens with a word boundary, a look-behind or an alternation is entered at every
    position of the story; behind one class of its first characters it is entered only where one of
    them stands, which costs a half to two thirds as much for the long alternations of the checks.
    ``chars`` must hold every character a match can start with, compared as the pattern's flags
    compare them (under IGNORECASE "s" also stands for "S" and "ſ"), or matches would be lost;
    ``ignore_case`` compares them so whatever the pattern's flags, for a pattern whose alternatives are
    in ``(?i:…)``.
    """
    look = f"(?i:(?=[{chars}]))" if ignore_case else f"(?=[{chars}])"
    return f"{look}(?:{pattern})"


def initials(words: Iterable[str]) -> str | None:
    """The first characters of ``words`` (literal text, not regex syntax), as the inside of a class for
    ``first_characters``; None when a word is empty, as a pattern of them may then match anywhere."""
    firsts = {w[:1] for w in words}
    if "" in firsts:
        return None
    return "".join(re.escape(c) for c in sorted(firsts))
