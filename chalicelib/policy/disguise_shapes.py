"""Cheap tests of a story's shape that let the swearing check skip its full look at most stories.

Whether any word is disguised (a symbol, a digit or another script inside it) and whether letters are
spaced out ("f u c k"): asked of every story, so asked of its bytes where it is ASCII, through a
``bytes.translate`` to a shape and a few substring tests, which cost a fraction of a regex's scan.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Letters spaced out by one kind of separator: "f u c k", "s.h.i.t", "c*u*n*t".
SPACED = re.compile(r"(?<![\w.*-])(?:[^\W\d_][ .*_-]){2,}[^\W\d_](?![\w*])")
# Where a word with a letter in it is not plain: a symbol that stands for a letter or masks one, "!"
# inside a word, a character outside ASCII (but ’), or a digit joined to a letter ("5hite"). Every
# alternative starts with one of a few characters, which lets the regex engine skip to them; a letter
# before a digit ("sh1t") is found the same way in the reversed text.
_DISGUISED = re.compile(r"[@$*|€£]|![\w@$*!|€£'’-]|[^\x00-\x7f’]|\d['’_-]*[^\W\d_]")
_DIGIT_THEN_LETTER = re.compile(r"\d['’_-]*[^\W\d_]")


def _ascii_shape(symbols: dict[str, str], *, other: str) -> bytes:
    """A ``bytes.translate`` table for ASCII text: each letter to "a", each digit to "0", each of
    ``symbols`` to its shape and anything else to ``other``."""
    return bytes.maketrans(
        bytes(range(128)),
        bytes(
            ord("a" if ch.isalpha() else "0" if ch.isdigit() else symbols.get(ch, other))
            for ch in map(chr, range(128))
        ),
    )


# The same questions for ASCII text, asked of its shape: each letter "a", each digit "0", each symbol
# that stands for a letter "@", ' _ - (which may sit inside a word) left out and anything else a space.
# Substring tests on a byte translation cost a fraction of a regex's character-by-character scan.
_ASCII_SHAPE = _ascii_shape(dict.fromkeys("@$*|", "@"), other=" ")
_BANG_IN_WORD = re.compile(r"![\w@$*!|'’-]")
_AT, _ZERO = ord("@"), ord("0")  # the shape's symbol and digit, as ``in`` finds a byte fastest


# Both this and may_be_spaced_out are asked of every story by the swearing check and again by the
# insult check (through ``undisguised`` and ``spaced_out``): remembered for the last few stories.
@lru_cache(maxsize=4)
def has_disguised_word(text: str) -> bool:
    """Whether a word with a letter in it has something other than letters, ' and - in it."""
    if text.isascii():
        if "!" in text and _BANG_IN_WORD.search(text):
            return True
        shape = text.encode("ascii").translate(_ASCII_SHAPE, b"_'-")
        # A two-byte search costs a scan of the shape each; without a digit neither can succeed, and a
        # byte's search (``memchr``) finds that out in a fraction of it. Bytes are searched for by
        # their value or with ``find``: ``b"…" in`` first tries its operand as an int, and the error
        # that raises and clears costs more than a short story's scan.
        if _AT in shape:
            return True
        return _ZERO in shape and (shape.find(b"a0") != -1 or shape.find(b"0a") != -1)
    return _DISGUISED.search(text) is not None or _DIGIT_THEN_LETTER.search(text[::-1]) is not None


# For ASCII text, spaced-out letters need a letter, a separator, a letter, a separator, a letter, the
# first after nothing or a character that is neither a word character nor . * - (_SPACED's lookbehind).
# Shape: letter "a", space "s", . * - "t", _ "u", digit "0", anything else "x".
_SPACING_SHAPE = _ascii_shape({" ": "s", ".": "t", "*": "t", "-": "t", "_": "u"}, other="x")
_SPACED_STARTS = tuple(f"a{one}a{two}a".encode() for one in "stu" for two in "stu")
_SPACED_INSIDE = re.compile(rb"[sx]a[stu]a[stu]a")
# The same shape with the separators made one ("s"): a match above is then "asasa" at the start or after
# "s" or "x", which three substring tests find (in most stories, not at all) faster than the regex
# engine tries the pattern at every space.
_SEPARATORS_AS_ONE = _ascii_shape(dict.fromkeys(" .*-_", "s"), other="x")


@lru_cache(maxsize=4)
def may_be_spaced_out(text: str) -> bool:
    if not text.isascii():
        return SPACED.search(text) is not None
    raw = text.encode("ascii")
    merged = raw.translate(_SEPARATORS_AS_ONE)
    # Each of the three holds "asasa": one scan for it rules most stories out, where two would (with
    # ``find``, see ``has_disguised_word``).
    if merged.find(b"asasa") == -1 or not (
        merged.startswith(b"asasa") or merged.find(b"sasasa") != -1 or merged.find(b"xasasa") != -1
    ):
        return False
    shape = raw.translate(_SPACING_SHAPE)
    return shape.startswith(_SPACED_STARTS) or _SPACED_INSIDE.search(shape) is not None
