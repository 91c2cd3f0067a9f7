"""A story's words and sentences, worked out once for every check that asks who or what is in it.

Names, children, addresses, codes and allegations are all found word by word or sentence by
sentence; the tokens (with the two facts the name rules ask of each word) and the sentence breaks
(which ignore "Mr." and initials) live here, apart from any check's verdict.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
# The same words in ASCII text, where a letter can only be A-Z or a-z: a class the regex engine
# tests with a bitmap rather than by each character's Unicode category.
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*(?:-[A-Za-z]+(?:'[A-Za-z]+)*)*")


def _token_pattern(text: str) -> re.Pattern[str]:
    return _ASCII_TOKEN if text.isascii() else _TOKEN


TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof"})
# A sentence break: stops (then closing quotes or brackets) and space, newlines, or a colon or semicolon
# and space. Written to start with the one class of every break's first character, and to tell the four
# apart by that character, looking back at it: the regex engine then skips to such a character, where
# an alternation it must enter at every position (``[.!?…]+…|\n+|:\s+|;\s+``) costs twice as much.
_SENTENCE_END = re.compile(r"[.!?…:;\n](?:(?<=[.!?…])[.!?…]*[\"'”’)\]]*\s+|(?<=\n)\n*|(?<=[:;])\s+)")


class Token(NamedTuple):
    """A word and its span, with the two facts the name rules ask of every word worked out once.

    A named tuple rather than a dataclass: a story has dozens of tokens and several checks, and a
    frozen dataclass is several times slower to build.
    """

    start: int
    end: int
    word: str
    capitalised: bool  # "Jones", "McDonald": a capital, and lower case somewhere
    initial: bool  # "R" of "Mr R. Patel"


_new_token = tuple.__new__  # builds a Token without the Python-level ``Token.__new__`` call


def _token(start: int, end: int, word: str) -> Token:
    if len(word) == 1:
        return _new_token(Token, (start, end, word, False, word.isupper()))
    # The only cased characters in ASCII are letters, and a word has one: it has a lower-case letter
    # exactly when it is not all upper case.
    lower_somewhere = not word.isupper() if word.isascii() else any(c.islower() for c in word)
    return _new_token(Token, (start, end, word, word[0].isupper() and lower_somewhere, False))


def _ascii_tokens(text: str) -> tuple[Token, ...]:
    """``tokens`` for ASCII text: ``_token`` written out in the loop, as this runs once per word."""
    out: list[Token] = []
    append = out.append
    find = text.find
    end = 0
    possessive = "'s" in text  # most stories have none: then no word need be asked about its end
    for found in _ASCII_TOKEN.findall(text):
        start = find(found, end)
        end = start + len(found)
        if possessive and len(found) > 2 and found[-2:] == "'s":
            word, word_end = found[:-2], end - 2
        else:
            word, word_end = found, end
        if len(word) == 1:
            append(_new_token(Token, (start, word_end, word, False, word.isupper())))
        else:
            append(
                _new_token(Token, (start, word_end, word, word[0].isupper() and not word.isupper(), False))
            )
    return tuple(out)


# Several checks ask about the same story in turn (its words, its sentences, its names); a small
# cache keyed on the text means each is worked out once per story rather than once per check or per
# match. Small, because only the story being checked is asked about.
_PER_STORY = 8


@lru_cache(maxsize=_PER_STORY)
def tokens(text: str) -> tuple[Token, ...]:
    """Words with their spans; a trailing possessive "'s" is left outside the word."""
    if text.isascii():
        return _ascii_tokens(text)
    out: list[Token] = []
    find = text.find
    end = 0
    for word in _TOKEN.findall(text):
        # No letter stands between two words, so a word is found at the first letter after the last.
        start = find(word, end)
        end = start + len(word)
        if len(word) > 2 and word[-2:] in ("'s", "’s"):
            out.append(_token(start, end - 2, word[:-2]))
        else:
            out.append(_token(start, end, word))
    return tuple(out)


@lru_cache(maxsize=_PER_STORY)
def _sentence_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the sentence breaks in ``text`` (not those after "Mr." or an initial)."""
    marks = [m.span() for m in _SENTENCE_END.finditer(text) if not _is_abbreviation(text, m.start())]
    return tuple(a for a, _ in marks), tuple(b for _, b in marks)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The ``[start, end)`` of the sentence or line around ``pos``, ignoring "Mr." and initials.

    The sentence starts after the last break that ends at or before ``pos`` and ends at the first
    break that starts at or after it (a break around ``pos`` itself bounds neither side).
    """
    starts, ends = _sentence_marks(text)
    i = bisect_right(ends, pos)
    j = bisect_left(starts, pos)
    return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(text))


# Not after an apostrophe: the "t" of "isn't." ends a sentence, as no initial does.
_ABBREVIATION = re.compile(r"(?:^|[^\w'’])([A-Za-z]{1,4})$")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot : dot + 1] != ".":
        return False
    # The abbreviation's letters end at the dot (or at a newline just before it, where "$" matches too).
    before = text[dot - 1 : dot] if dot else ""
    if not ("a" <= before <= "z" or "A" <= before <= "Z" or before == "\n"):
        return False
    m = _ABBREVIATION.search(text[max(0, dot - 6) : dot])
    if m is None:
        return False
    word = m.group(1)
    # "no. 9 Cedar Close": a house number's "no.", in lower case too, when a number follows it.
    if word == "no":
        return text[dot + 1 : dot + 3].strip()[:1].isdigit()
    # "the Polperro Pasty Co. been passing off …": a firm's "Co." when the sentence goes on in lower case.
    if word in _FIRM_ENDINGS:
        return text[dot + 1 : dot + 3].strip()[:1].islower()
    return len(word) == 1 or word in TITLES or word in {"St", "No"}


_FIRM_ENDINGS = frozenset({"Co", "Ltd", "Bros", "Inc", "Plc"})


def previous_word(text: str, toks: Sequence[Token], i: int) -> str:
    """The word before token ``i`` if only spaces or a full stop stand between them, else ""."""
    if i == 0:
        return ""
    prev = toks[i - 1]
    if text[prev.end : toks[i].start].strip(" .") != "":
        return ""
    return prev.word


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Every sentence or line of ``text`` as ``[start, end)``, breaks as ``sentence_bounds`` finds them."""
    starts, ends = _sentence_marks(text)
    out = []
    begin = 0
    for start, end in zip(starts, ends, strict=True):
        if start > begin:
            out.append((begin, start))
        begin = end
    if begin < len(text):
        out.append((begin, len(text)))
    return out
