"""Swearing typed upside down: "ɹǝʞuɐʍ" turned the right way up is a word the lists hold.

Upside-down text generators replace each letter with the character that looks like it turned over and
reverse the word; people use them to get a word past a filter. Undone here a word at a time, with the
table of the characters such generators use (no package undoes it: NFKC leaves these letters alone).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# Each upside-down character and the letter it shows the right way up; "o", "s", "x", "z" and "l" look
# the same both ways, and "b"/"q", "d"/"p", "n"/"u" swap.
_FLIP = str.maketrans(
    {
        **dict(zip("ɐɔǝɟƃɥᴉıɾʞɯɹʇʌʍʎ", "acefghiijkmrtvwy", strict=True)),
        **dict(zip("qpdbun", "bdpqnu", strict=True)),
    }
)
# Characters that only turned-over text uses: a word needs one of them to be read this way.
_TELLTALE = frozenset("ɐɔǝɟƃɥᴉɾʞɯɹʇʌʍʎ")
_RUN = re.compile(r"[a-zɐɔǝɟƃɥᴉıɾʞɯɹʇʌʍʎ]+")


def flipped_words(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of ``text`` with an upside-down character in it, with its span and how it reads the
    right way up ("ʇıɥs" -> "shit")."""
    if text.isascii() or _TELLTALE.isdisjoint(text):
        return
    for m in _RUN.finditer(text):
        word = m.group()
        if not _TELLTALE.isdisjoint(word):
            yield m.start(), m.end(), word[::-1].translate(_FLIP)


def flipped_spans(text: str, swearing: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The spans of the words of ``text`` typed upside down that read as swearing the right way up."""
    if text.isascii():  # most stories: the call below costs more than this test
        return []
    return [(start, end) for start, end, word in flipped_words(text) if swearing(word)]
