"""Normalise story text once, so every check sees the same text and every span maps back to the original.

People (and pasted text) hide words from simple matching: "fake bold" letters from the Unicode
mathematical block, full-width digits, zero-width spaces inside a phone number. Checks run on the
normalised text; findings must still point at the characters the submitter typed, so the normaliser
keeps, for every normalised character, the ``[start, end)`` of the original characters it came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, Literal, TypeVar, overload

Form = Literal["NFC", "NFKC"]

ZWJ = "\u200d"

# Invisible characters that only ever hide text from a matcher once a story is plain text.
# Bidi controls are included: they are zero-width and a known way to disguise a number.
_INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160"  # Hangul fillers
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c"  # zero-width space, zero-width non-joiner
    "\u200e\u200f"  # left-to-right / right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u3164"  # Hangul filler
    "\ufeff"  # zero-width no-break space (BOM)
)

_MATH_ALNUM_FIRST = 0x1D400
_MATH_ALNUM_LAST = 0x1D7FF
# NFKC folds the mathematical letters to their plain forms, but the dotless i and j stay non-ASCII.
_MATH_EXTRA_FOLD = {"\u0131": "i", "\u0237": "j"}


_T = TypeVar("_T")


class _per_text(Generic[_T]):
    """``functools.cached_property`` without its lock, which costs more than most of what it guards:
    computed on first use and kept in the instance's ``__dict__``, where later reads find it first."""

    def __init__(self, func: Callable[[NormalisedText], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _per_text[_T]: ...
    @overload
    def __get__(self, instance: NormalisedText, owner: type | None = None) -> _T: ...
    def __get__(self, instance: NormalisedText | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text plus, for each of its characters, the original characters it came from.

    ``starts[i]`` and ``ends[i]`` give the ``[start, end)`` in ``original`` of the source of
    normalised character ``i``. A character produced by expanding one original character (a
    ligature, "½") shares that character's span; removed characters belong to no normalised
    character but are covered by any span that crosses them.
    """

    original: str
    text: str
    starts: Sequence[int]  # a tuple, or for text that maps to itself a range (built in no time)
    ends: Sequence[int]

    def __len__(self) -> int:
        return len(self.text)

    # Computed at most once per story and shared by every check: thirty-odd checks each lower-casing
    # and tokenising the same text was most of the catalogue's cost. Cached on the instance (a frozen
    # dataclass allows it: ``_per_text`` writes to ``__dict__`` directly).

    @_per_text
    def words(self) -> frozenset[str]:
        """Every run of letters in the text, lower-cased, for checks that return early when none of
        their trigger words is present; the check must still match properly after that.

        Lower-cased the way a case-insensitive regex compares letters, so that the shortcut never
        skips text the check's own pattern would match ("İ", "ı" and "ſ" match i and s there).
        """
        return lower_runs(self.text)

    @_per_text
    def cased_words(self) -> frozenset[str]:
        """Every run of letters as written, for a trigger that a case-sensitive pattern needs."""
        return cased_runs(self.text)

    @_per_text
    def digit_count(self) -> int:
        """How many digits (``\\d``) the text has: a pattern that needs ten cannot match with fewer."""
        if self.text.isascii():
            raw = self.text.encode("ascii")
            return len(raw) - len(raw.translate(None, b"0123456789"))
        return len(_DIGIT.findall(self.text))

    @_per_text
    def alnum_shape(self) -> bytes | None:
        """For ASCII text, each ASCII digit as "0", each letter as "a" and anything else a space; None
        for other text. For the two questions below."""
        return self.text.encode("ascii").translate(_ALNUM_SHAPE) if self.text.isascii() else None

    @_per_text
    def digit_then_letter(self) -> bool:
        """Whether an ASCII digit may stand straight before a letter ("9AA" in a postcode); always True
        for text that is not ASCII, where case-insensitive patterns also take other letters."""
        shape = self.alnum_shape
        # ``find``, not ``in``: ``in`` first tries its operand as an int, an error raised and cleared
        # that costs more than the search.
        return shape is None or shape.find(b"0a") != -1

    @_per_text
    def letter_then_digit(self) -> bool:
        """Whether a letter may stand straight before an ASCII digit ("AB12"); True for non-ASCII text."""
        shape = self.alnum_shape
        return shape is None or shape.find(b"a0") != -1  # ``find``: see ``digit_then_letter``

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` in the normalised text to the span of the original it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the normalised text of {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` in the original to the smallest normalised span covering what it shows.

        For checks that must measure the original (what a channel will count), so that their
        findings can travel through the same mapping as every other finding.
        """
        if not 0 <= start <= end <= len(self.original):
            raise ValueError(f"span [{start}, {end}) is outside the original text of {len(self.original)}")
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return (first, last) if first < last else (first, first)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_ASCII_RUN_NO_CR = re.compile(
    r"[\x00-\x0c\x0e-\x7f]+"
)  # "\r" is a piece of its own when newlines are unified
# For ASCII text, the runs of letters are the words left when every other byte is a space: a byte
# translation and a split are several times faster than the regex, whose letter class is Unicode's.
_ASCII_LETTERS = bytes.maketrans(
    bytes(range(128)), bytes(c if chr(c).isalpha() else ord(" ") for c in range(128))
)
_ASCII_LOWER_LETTERS = bytes.maketrans(
    bytes(range(128)), bytes(ord(chr(c).lower()) if chr(c).isalpha() else ord(" ") for c in range(128))
)
_ALNUM_SHAPE = bytes.maketrans(
    bytes(range(128)),
    bytes(ord("0") if chr(c).isdigit() else ord("a") if chr(c).isalpha() else ord(" ") for c in range(128)),
)
# Characters ``re.IGNORECASE`` matches to an ASCII letter although ``str.lower`` does not make them one.
_REGEX_CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


@lru_cache(maxsize=8)
def cased_runs(text: str) -> frozenset[str]:
    """The runs of letters in ``text`` as written; cached, as several checks ask about one story."""
    if text.isascii():
        return frozenset(text.encode("ascii").translate(_ASCII_LETTERS).decode("ascii").split())
    return frozenset(_LETTER_RUN.findall(text))


@lru_cache(maxsize=8)
def lower_runs(text: str) -> frozenset[str]:
    """``NormalisedText.words`` for a plain string; cached, as the name finder asks about it too."""
    if text.isascii():
        return frozenset(text.encode("ascii").translate(_ASCII_LOWER_LETTERS).decode("ascii").split())
    return frozenset(letter_runs(text))


def letter_runs(text: str) -> list[str]:
    """The runs of letters in ``text``, lower-cased as ``NormalisedText.words`` has them.

    For a check's trigger words: a name or phrase its pattern matches starts with its first run.
    """
    if text.isascii():  # as ``lower_runs``: a byte table and a split, far faster than the regex
        return text.encode("ascii").translate(_ASCII_LOWER_LETTERS).decode("ascii").split()
    return _LETTER_RUN.findall(text.translate(_REGEX_CASE_FOLD).lower())


def first_runs(phrases: Iterable[str]) -> frozenset[str] | None:
    """The first run of letters of each phrase, lower-cased: a pattern that matches a phrase whole
    (not inside a longer word) has that run as one of the text's ``words``. None when a phrase does not
    start with a letter, so that a check never skips a story on its account."""
    out: set[str] = set()
    for raw in phrases:
        phrase = raw.strip()
        if not phrase:
            continue
        runs = letter_runs(phrase)
        if not runs or not phrase[:1].isalpha():
            return None
        out.add(runs[0])
    return frozenset(out)


class PhraseIndex(dict[str, tuple[frozenset[str], ...]]):
    """Phrases' runs of letters filed under the longest run, and those keys as a set: a story's words
    meet a set of keys by looking up the fewer of the two, where a dict's keys would each be looked up."""

    __slots__ = ("keys_set",)

    def __init__(self, found: dict[str, tuple[frozenset[str], ...]]) -> None:
        super().__init__(found)
        self.keys_set = frozenset(found)


def phrase_index(phrases: Iterable[str]) -> PhraseIndex | None:
    """For ``may_have_phrase``: each phrase's runs of letters (lower-cased), filed under the longest.

    A pattern that matches a phrase whole (each of its words whole, not inside longer words) has every
    run of it among the text's ``words``. None when a phrase has no letters, so that a check never
    skips a story on its account.
    """
    out: dict[str, list[frozenset[str]]] = {}
    for phrase in phrases:
        if not phrase.strip():
            continue
        runs = letter_runs(phrase)
        if not runs:
            return None
        out.setdefault(max(runs, key=len), []).append(frozenset(runs))
    return PhraseIndex({key: tuple(found) for key, found in out.items()})


def may_have_phrase(words: frozenset[str], index: PhraseIndex | None) -> bool:
    """False when the text's ``words`` lack some run of every phrase of the index."""
    if index is None:
        return True
    keys = words.intersection(index.keys_set)
    # Plain loops rather than ``any`` over a generator, which costs more to build than the few subset
    # tests a story with a key needs (keys are often everyday words: "them", "with").
    for key in keys:
        for runs in index[key]:
            if runs <= words:
                return True
    return False


def _fold(ch: str, normalised: str) -> str:
    if _MATH_ALNUM_FIRST <= ord(ch) <= _MATH_ALNUM_LAST:
        return "".join(_MATH_EXTRA_FOLD.get(c, c) for c in normalised)
    return normalised


# Pieces are a character or two, and the same ones recur (each letter of a "fake bold" word, and each
# pair the merge below tries): remembered, rather than normalised and folded again every time.
@lru_cache(maxsize=1024)
def _norm(form: Form, source: str) -> str:
    out = unicodedata.normalize(form, source)
    if form == "NFKC" and any(_MATH_ALNUM_FIRST <= ord(c) <= _MATH_ALNUM_LAST for c in source):
        # Per character, so that the fold only touches what came from the mathematical block.
        out = unicodedata.normalize(form, "".join(_fold(c, unicodedata.normalize(form, c)) for c in source))
    return out


def _unchanged(text: str) -> NormalisedText:
    """``NormalisedText(text, text, range(n), range(1, n + 1))``, built without the frozen dataclass's
    ``__init__`` (an ``object.__setattr__`` call a field), which costs more than the rest of
    normalising a plain ASCII story: the same fields, straight into the instance's ``__dict__``."""
    out = object.__new__(NormalisedText)
    out.__dict__.update(original=text, text=text, starts=range(len(text)), ends=range(1, len(text) + 1))
    return out


def _is_emoji_context(prev: str) -> bool:
    # A zero-width joiner between emoji builds one emoji (a family, a profession); keep it there.
    if not prev:
        return False
    code = ord(prev)
    return unicodedata.category(prev) == "So" or code == 0xFE0F or 0x1F3FB <= code <= 0x1F3FF


def normalise(
    text: str,
    *,
    form: Form = "NFKC",
    strip_invisible: bool = True,
    unify_newlines: bool = False,
) -> NormalisedText:
    """Normalise ``text`` and keep the offset map back to it.

    The defaults are what the policy checks use: NFKC (which also folds the "fake bold/italic"
    mathematical letters and full-width forms), with invisible characters removed. The X length
    code asks for NFC with unified newlines instead, to mirror how X counts.
    """
    if text.isascii() and not (unify_newlines and "\r" in text):
        # ASCII is already NFC and NFKC and holds no invisible characters, so every character maps to
        # itself; most stories are plain ASCII, and the general path below costs a call per character.
        return _unchanged(text)
    # Pieces are a starter and the combining marks after it: normalisation never looks across
    # them except in rare compositions, which the merge below catches.
    pieces: list[tuple[int, int, str]] = []
    i = 0
    n = len(text)
    ascii_run = _ASCII_RUN_NO_CR if unify_newlines else _ASCII_RUN
    while i < n:
        ch = text[i]
        run = ascii_run.match(text, i) if ch < "\x80" else None
        if run is not None and run.end() - i > 2:
            # Inside a run of ASCII every character is a piece of its own that maps to itself: one
            # piece stands for them all. The run's first and last characters stay pieces of their own,
            # as what comes before or after may merge with them.
            j = run.end() - 1
            pieces.append((i, i + 1, ch))
            pieces.append((i + 1, j, text[i + 1 : j]))
            i = j
            continue
        if strip_invisible and (ch in _INVISIBLE or (ch == ZWJ and not _is_emoji_context(text[i - 1 : i]))):
            i += 1
            continue
        if unify_newlines and ch == "\r":
            step = 2 if text[i + 1 : i + 2] == "\n" else 1
            pieces.append((i, i + step, "\n"))
            i += step
            continue
        if pieces and unicodedata.combining(ch):
            start, _, source = pieces[-1]
            pieces[-1] = (start, i + 1, source + ch)
        else:
            pieces.append((i, i + 1, ch))
        i += 1

    chunks: list[tuple[int, int, str, str]] = []
    for start, end, source in pieces:
        normalised = source if source.isascii() else _norm(form, source)
        if chunks and not (source.isascii() and chunks[-1][2][-1:].isascii()):
            p_start, _, p_source, p_norm = chunks[-1]
            joined = _norm(form, p_source + source)
            if joined != p_norm + normalised:
                chunks[-1] = (p_start, end, p_source + source, joined)
                continue
        chunks.append((start, end, source, normalised))

    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end, source, normalised in chunks:
        out.append(normalised)
        if len(source) > 1 and source.isascii():  # a run of ASCII from above
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
            continue
        starts.extend([start] * len(normalised))
        ends.extend([end] * len(normalised))
    return NormalisedText(original=text, text="".join(out), starts=tuple(starts), ends=tuple(ends))
