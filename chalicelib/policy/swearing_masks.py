"""Masked swearing for TONE-PROF: which listed word a word with asterisks in it hides.

A run of n "*" hides n to n + 2 letters ("f*ck", "f**k", "f***"; "b*g" is not "ballbag"); the letters
shown must start the word and be in order; a listed word's endings count as they do unmasked ("c*nts",
"f*ckers"), and a root that counts inside a longer word does so masked too ("f*ckwit", "sh*tload").
Other symbols typed in place of letters ("f%#k", "sh#t", "f&%k") are read as asterisks.
"""

from __future__ import annotations

import re
from functools import cache

from .people import is_common_word

# Symbols between letters that hide them: a run with "%" or "#" in it, or two or more with "&" ("M&S",
# "A&E" and "B&Q" are shops and wards, not masks).
_SYMBOL_MASK = re.compile(r"(?<=[^\W\d_])(?:[*&@$!]*[%#][*%#&@$!]*|[*%#@$!]*&[*%#&@$!]+)(?=[^\W\d_])")


def as_asterisks(text: str) -> str:
    """``text`` with symbols that mask letters inside a word made asterisks, character for character."""
    if "%" not in text and "#" not in text and "&" not in text:
        return text
    return _SYMBOL_MASK.sub(lambda m: "*" * len(m.group()), text)


# An "@" inside a word, not an email address's ("bins@leeds.gov.uk"): "b@ll@cks", where it hides an "o".
_AT_INSIDE = re.compile(r"[A-Za-z]@[A-Za-z]+(?![\w.@])")


def at_inside(text: str) -> bool:
    """Whether a word of ``text`` has an "@" inside it, which may hide any vowel as a "*" does."""
    return "@" in text and _AT_INSIDE.search(text) is not None


def mask_pattern(masked: str) -> re.Pattern[str]:
    return re.compile(
        "".join(
            rf"\w{{{len(run)},{len(run) + 2}}}" if run.startswith("*") else re.escape(run)
            for run in re.findall(r"\*+|[^*]+", masked)
        )
    )


def masked_match(folded: str, words: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """Whether ``folded`` (lower case, its disguises undone but its "*") hides one of ``words``, or one of
    ``prefixes`` (roots that count inside a longer word) and the rest of that word."""
    letters = folded.replace("*", "")
    if not letters or not folded[0].isalpha():
        return False
    if folded.endswith("*") and folded.count("*") == 1 and is_common_word(letters):
        return False  # "spa*", "*two*": an everyday word with a footnote's mark or emphasis, not a mask
    pattern = mask_pattern(folded)
    if any(
        pattern.fullmatch(w) for w in _by_first_letter(words).get(folded[0], ()) if len(w) >= len(letters) + 1
    ):
        return True
    return _masked_root(folded, prefixes)


def _masked_root(folded: str, prefixes: tuple[str, ...]) -> bool:
    """A masked root that counts inside a longer word, and the rest of that word: "f*ckwit", "sh*tload"
    ("fuck*" and "shit*" on the list), the letters after the last "*" shared between the two."""
    star = folded.rfind("*")
    roots = [r for r in prefixes if r[:1] == folded[0]]
    if not roots or not folded[star + 1 :].isalpha():
        return False
    # The head ends after a letter its mask shows ("f*ckwit"), or at a mask of two or more ("f***wits";
    # not "f*re"); the rest shows two letters or more.
    first = star + 1 if folded[star - 1 : star + 1] == "**" else star + 2
    for cut in range(first, len(folded) - 1):
        head = mask_pattern(folded[:cut])
        if any(head.fullmatch(r) for r in roots):
            return True
    return False


@cache
def _by_first_letter(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """A list's words by their first letter, which a masked word always shows."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[:1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}
