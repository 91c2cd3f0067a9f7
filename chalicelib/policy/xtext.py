"""How X counts a post, in one place: the X length check and the thread splitter both measure with it.

X does not count characters: it weighs them (twitter-text config v3: a URL is 23 whatever its length,
CJK and emoji count 2, an emoji sequence counts once) after NFC normalisation and with ``\\r\\n`` as one
character. ``len()`` is wrong for any of those, so nothing outside this module measures X text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .normalise import NormalisedText, normalise
from .twitter_text_lib import config as _twitter_config
from .twitter_text_lib import emoji as _twitter_emoji
from .twitter_text_lib import emoji_list as _twitter_emoji_list
from .twitter_text_lib import extract_urls_with_indices, get_character_weight

MAX_WEIGHTED_LENGTH = 280

_OPTIONS: dict[str, Any] = _twitter_config["defaults"]


# twitter-text reads © and ® as emoji (weight 2) although their code points weigh 1.
_EMOJI_OF_WEIGHT_ONE = (0xA9, 0xAE)


def _plain_class() -> str:
    """A regex class of the code points X weighs 1 that are not emoji, from twitter-text's configuration."""
    scale = int(_OPTIONS["scale"])
    pieces: list[tuple[int, int]] = []
    for r in _OPTIONS["ranges"]:
        if int(r["weight"]) != scale:
            continue
        low, high = int(r["start"]), int(r["end"])
        for cut in sorted(c for c in _EMOJI_OF_WEIGHT_ONE if low <= c <= high):
            if low < cut:
                pieces.append((low, cut - 1))
            low = cut + 1
        if low <= high:
            pieces.append((low, high))
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in pieces)


# Text made only of these cannot hold an emoji and weighs one per character, except for its links.
_PLAIN = re.compile(f"[{_plain_class()}]*")
# Every link twitter-text finds has a dot followed by a letter (its top-level domain); a text
# without one has no links, and can skip the link extractor's large regex.
_URL_HINT = re.compile(r"\.[^\W\d_]")
# The domain of an email address ("jane@example.gov.uk") has such a dot, but twitter-text takes no link
# from it: a link without "https://" may not follow "@", a letter, a digit or any of - _ . /, and every
# character of the domain is "@" or follows one of those. ASCII domains only, ending at a character that
# is no letter or digit: twitter-text does take a link from the ASCII part of one that is not
# ("@éexample.org" gives "example.org"). Nearly every story with a dot before a letter and no link has
# an email address, and the extractor costs tens of microseconds a story.
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9_.-]+(?!\w)")
_LINE_ENDING = re.compile(r"\r\n?")
# Every character of every emoji twitter-text knows: a text with none of them has no emoji, and
# skips its emoji regex (thousands of alternatives tried at every position). Digits, # and * are parts
# of keycap emoji only together with U+20E3, so a text whose only emoji parts are ASCII has none either.
_EMOJI_PARTS = frozenset(ch for e in _twitter_emoji_list for ch in e.emoji if not ch.isascii())
# The first character of every emoji twitter-text knows (its regex is their literal sequences): its
# regex is tried only where one of these stands, rather than at every character.
_EMOJI_START = re.compile(
    "["
    + "".join(sorted({re.escape(chr(int(e.codepoint.split()[0], 16))) for e in _twitter_emoji_list}))
    + "]"
)


@lru_cache(maxsize=4096)
def _character_weight(ch: str) -> int:
    # twitter-text's own function builds a list of the ranges for every character it weighs.
    return int(get_character_weight(ch, _OPTIONS))


# A sentence ends at . ! ? or … (with any closing quotes or brackets) before whitespace, or at a line break.
# Chinese and Japanese end sentences with 。！？ (and the half-width ｡) and put no space after them, so
# a run of those ends one wherever it stands; the closing 」』） of a quotation stay with it.
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*"
    r"|(?<=[。！？｡])(?![。！？｡!?])[」』”’）)\]]*\s*"
)


def surely_fits(text: str, limit: int = MAX_WEIGHTED_LENGTH) -> bool:
    """True when ``text`` cannot weigh more than ``limit``, from its length alone (False: measure it).

    No character weighs more than 2, an emoji sequence 2 in all, and a link 23 in place of its own
    characters; a link needs a dot and a letter, so there are no more links than those.
    """
    url_length = int(_OPTIONS["transformed_url_length"])
    if text.isascii():
        # ASCII is its own NFC, and weighs 1 a character. Each hint of a link takes a dot of its own, so
        # counting the dots (in C, no regex) settles most stories without looking for the hints.
        if len(text) + url_length * text.count(".") <= limit:
            return True
        return len(text) + url_length * len(_URL_HINT.findall(text)) <= limit
    nfc = unicodedata.normalize("NFC", text)
    per_character = 1 if _PLAIN.fullmatch(nfc) is not None else 2
    return per_character * len(nfc) + url_length * len(_URL_HINT.findall(nfc)) <= limit


def may_have_links(text: str) -> bool:
    """False when twitter-text would find no link in ``text``: it has no dot followed by a letter but
    in the domain of an email address."""
    if _URL_HINT.search(text) is None:
        return False
    return "@" not in text or _URL_HINT.search(_EMAIL_DOMAIN.sub(" ", text)) is not None


def has_link(text: str) -> bool:
    """True when twitter-text finds a link in ``text`` (which X prices at thirteen times a plain post)."""
    if not may_have_links(text):
        return False
    return bool(extract_urls_with_indices(unicodedata.normalize("NFC", text)))


def _plain_length(measured: str) -> int | None:
    """The weighted length of NFC text with unified line endings, if every character in it weighs 1.

    Hand-written beside ``parse_tweet`` because finding emoji is most of its cost and almost every
    story has none: then the length is one per character, with each link counted as 23. None when the
    text needs the full measure (CJK, emoji, anything outside the weight-1 ranges).
    """
    if _PLAIN.fullmatch(measured) is None:
        return None
    if not may_have_links(measured):
        return len(measured)
    url_length = int(_OPTIONS["transformed_url_length"])
    return len(measured) + sum(url_length - len(str(u["url"])) for u in extract_urls_with_indices(measured))


def weighted_length(text: str) -> int:
    """The length of ``text`` as X counts it."""
    measured = unicodedata.normalize("NFC", text)
    if "\r" in measured:
        measured = _LINE_ENDING.sub("\n", measured)
    plain = _plain_length(measured)
    if plain is not None:
        return plain
    return sum(weight for _, weight in _weighed(measured)) // int(_OPTIONS["scale"])


def _weighed(measured: str) -> Iterator[tuple[int, int]]:
    """Where each piece X weighs (a link, an emoji, a character) starts in NFC text, and its weight
    times the configuration's scale, as twitter-text walks it."""
    scale = int(_OPTIONS["scale"])
    url_weight = int(_OPTIONS["transformed_url_length"]) * scale
    emoji_weight = int(_OPTIONS["default_weight"])
    urls = _urls_at(measured)
    emojis = _emoji_at(measured)
    i = 0
    while i < len(measured):
        if i in urls:
            yield i, url_weight
            i += len(urls[i])
        elif i in emojis:
            yield i, emoji_weight
            i += len(emojis[i])
        else:
            yield i, _character_weight(measured[i])
            i += 1


def _urls_at(measured: str) -> dict[int, str]:
    """twitter-text's links in NFC text, by where each starts."""
    if not may_have_links(measured):
        return {}
    return {int(u["indices"][0]): str(u["url"]) for u in extract_urls_with_indices(measured)}


def _emoji_at(measured: str) -> dict[int, str]:
    """twitter-text's emoji in NFC text, by where each starts: what ``extract_emojis_with_indices`` finds.

    Its regex is tried only at characters that begin an emoji, and from where the last emoji ended,
    which is where its own scan would find a match: the answer is the same, without trying thousands
    of alternatives at every other character.
    """
    if _EMOJI_PARTS.isdisjoint(measured):
        return {}
    found: dict[int, str] = {}
    start = _EMOJI_START.search(measured)
    while start is not None:
        match = _twitter_emoji.match(measured, start.start())
        resume = match.end() if match is not None else start.start() + 1
        if match is not None:
            found[start.start()] = match.group(0)
        start = _EMOJI_START.search(measured, resume)
    return found


def measure(text: str, limit: int = MAX_WEIGHTED_LENGTH) -> tuple[int, int | None]:
    """The weighted length of ``text`` and the index of the first character that takes it past ``limit``.

    Walks the text the way twitter-text does, over the NFC form X measures, and maps the position
    back so that ``weighted_length(text[:i]) <= limit`` for the returned index ``i`` (None if it fits).
    One walk gives both, because finding emoji is the slow part of measuring.
    """
    nfc = normalise(text, form="NFC", strip_invisible=False, unify_newlines=True)
    measured = nfc.text
    plain = _plain_length(measured)
    if plain is not None:
        return plain, _plain_cut(nfc, plain, limit)
    scale = int(_OPTIONS["scale"])
    total = 0
    cut: int | None = None
    for i, weight in _weighed(measured):
        total += weight
        if cut is None and total > limit * scale:
            cut = nfc.starts[i]
    return total // scale, cut


def _plain_cut(nfc: NormalisedText, total: int, limit: int) -> int | None:
    """Where text in which every character weighs 1 (and each link 23) goes past ``limit``.

    The same answer as walking it character by character, from the links' positions alone.
    """
    if total <= limit:
        return None
    measured = nfc.text
    url_length = int(_OPTIONS["transformed_url_length"])
    urls = extract_urls_with_indices(measured) if may_have_links(measured) else []
    so_far = 0  # weight of everything before ``pos``
    pos = 0
    for u in urls:
        start, end = int(u["indices"][0]), int(u["indices"][1])
        if so_far + (start - pos) > limit:
            break
        so_far += start - pos
        if so_far + url_length > limit:
            return nfc.starts[start]
        so_far += url_length
        pos = end
    # The character that brings the total to limit + 1 is past it.
    return nfc.starts[pos + (limit - so_far)]


def link_spans(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` in ``text`` of every link X finds in it: the text X would weigh as 23 each.

    Found in the NFC form X reads, like the weight, and mapped back to ``text``.
    """
    if not may_have_links(text):
        return []
    nfc = normalise(text, form="NFC", strip_invisible=False, unify_newlines=True)
    spans: list[tuple[int, int]] = []
    for u in extract_urls_with_indices(nfc.text):
        start, end = int(u["indices"][0]), int(u["indices"][1])
        if start < end:
            spans.append((nfc.starts[start], nfc.ends[end - 1]))
    return spans


def overflow_start(text: str, limit: int = MAX_WEIGHTED_LENGTH) -> int | None:
    """The index in ``text`` of the first character that takes it past ``limit``, or None if it fits."""
    return measure(text, limit)[1]


# Cached like ``policy.tokens``: the party, reading-age, hashtag and X length checks each ask for the
# sentences of the story being checked, which is the same text each time.
@lru_cache(maxsize=8)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The ``[start, end)`` of each sentence in ``text``, without the whitespace between them.

    Deliberately simple: an abbreviation such as "Mr." splits a sentence, which only ever makes the
    pieces shorter, so a check that asks "does every sentence fit?" errs towards passing.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        _append_trimmed(text, pos, end, spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
