"""Patterns built from word lists: the list reads as words, and every pattern joins them the same way."""

from __future__ import annotations

import re


def one_of(words: str) -> str:
    """``"son daughter twins?"`` → ``(?:son|daughter|twins?)``: the space-separated words (each may use
    regex syntax, but holds no space) as one group of alternatives."""
    return "(?:" + "|".join(words.split()) + ")"


def word_pattern(
    words: str, *, after: str, before: str = r"\b", flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """One of ``words`` (see ``one_of``) between ``before`` and ``after``."""
    return re.compile(before + one_of(words) + after, flags)
