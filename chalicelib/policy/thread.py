"""Splitting a long story into an X thread: where each part starts and ends, and its " (n/N)" label.

A thread reads best when every post is whole sentences, so parts break between sentences and only a
sentence too long for a post on its own is broken, between words (between characters in Chinese and
Japanese, which put no spaces between words). A break never falls inside a character as the reader
sees it (an emoji sequence, a flag, a letter with its accents) or inside a link. Each part carries
" (n/N)" and must fit X's 280 weighted characters with it, so every part is measured the way X counts,
label included.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import regex

# Only the X text measures: the publisher splits threads without loading a single check, and the
# catalogue (which runs the checks over each part) imports this module, never the other way round.
from .xtext import MAX_WEIGHTED_LENGTH, link_spans, measure, sentence_spans, weighted_length

# A full stop after these is not the end of a sentence ("Mr. Patel", "St. Mary's", "Cllr. Khan").
_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Cllr|Coun|Rev|Revd|Sgt|Insp|Supt|Capt|Lt|Col|Gen|Gov|Sen|Rep|Jr|Sr"
    r"|No|Nos|Vol|Fig|approx|est|dept|inc|ltd|vs|etc|e\.g|i\.e|[A-Z])\.$"
)
# What a reader sees as one character: a ZWJ emoji sequence, a flag, a keycap, a skin-toned emoji,
# a letter with combining accents. A part may start or end only between two of these.
_GRAPHEME = regex.compile(r"\X")
# Scripts written without spaces between words, and their punctuation: a break next to one of these
# characters is as good as a break at a space.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff01-\uff65]")


def label(n: int, total: int) -> str:
    return f" ({n}/{total})"


def thread_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``, joined up where a break would fall after an abbreviation ("Mr."),
    inside a link or inside a grapheme.

    The shared sentence splitter errs towards short pieces; a thread must not put "Mr." at the end of
    one post and the name at the start of the next, nor half a link or of an emoji sequence in each.
    """
    links = link_spans(text)
    return _sentences(text, links, set(_cuts(text, links)))


def _cuts(text: str, links: list[tuple[int, int]]) -> list[int]:
    """Where a part may end or the next begin: between graphemes, and never inside a link."""
    inside_links = {i for s, e in links for i in range(s + 1, e)}
    return [m.end() for m in _GRAPHEME.finditer(text) if m.end() not in inside_links]


def _sentences(text: str, links: list[tuple[int, int]], cuts: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if out and (
            (_ABBREVIATION_END.search(text[out[-1][0] : out[-1][1]]) and "\n" not in text[out[-1][1] : start])
            or out[-1][1] not in cuts
            or start not in cuts
            or any(s < start and out[-1][1] < e for s, e in links)
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def plan_thread(text: str, *, limit: int = MAX_WEIGHTED_LENGTH) -> list[tuple[int, int]]:
    """The ``[start, end)`` in ``text`` of each part of the thread, before numbering.

    One part if the whole text fits. Otherwise sentences are packed greedily into parts that leave
    room for the label; the label's width depends on the number of parts, so packing repeats until
    the count is stable (it only ever grows, so this ends). Each part is then weighed with its own
    label, because X weighs the post as a whole; should one not fit, the parts are packed again with
    less room.
    """
    stripped = text.strip()
    if not stripped:
        return []
    if weighted_length(text) <= limit:
        lead = len(text) - len(text.lstrip())
        return [(lead, lead + len(stripped))]
    layout = _Layout(text)
    total = 2
    squeeze = 0
    while True:
        budget = limit - len(label(total, total)) - squeeze
        parts = _pack(layout, budget)
        if len(str(len(parts))) > len(str(total)):
            total = len(parts)
            continue
        if budget <= 1 or all(
            weighted_length(text[s:e] + label(i, len(parts))) <= limit
            for i, (s, e) in enumerate(parts, start=1)
        ):
            return parts
        squeeze += 1


def split_thread(text: str, *, limit: int = MAX_WEIGHTED_LENGTH) -> list[str]:
    """``text`` as the posts of a thread, each at most ``limit`` weighted characters with its " (n/N)".

    A text that fits in one post comes back whole and unnumbered.
    """
    spans = plan_thread(text, limit=limit)
    if len(spans) <= 1:
        return [text[s:e] for s, e in spans]
    return [text[s:e] + label(i, len(spans)) for i, (s, e) in enumerate(spans, start=1)]


class _Layout:
    """What a split needs to know about the text once, however many times it is packed."""

    def __init__(self, text: str) -> None:
        links = link_spans(text)
        self.text = text
        self.cuts = _cuts(text, links)
        self.sentences = [
            (start, end, weighted_length(text[start:end]))
            for start, end in _sentences(text, links, set(self.cuts))
        ]


def _pack(layout: _Layout, budget: int) -> list[tuple[int, int]]:
    """Whole sentences (or pieces of one too long) packed greedily into parts of at most ``budget``.

    A part's weight is first estimated as the sum of its pieces and the whitespace between them, which
    spares weighing every candidate part again; then each part is weighed as a whole, because X finds
    links and emoji in the whole, and gives up its last pieces until it fits.
    """
    text = layout.text
    pieces: list[tuple[int, int, int]] = []
    for start, end, weight in layout.sentences:
        if weight <= budget:
            pieces.append((start, end, weight))
        else:
            pieces.extend(_split_long(layout, start, end, budget))
    parts: list[tuple[int, int]] = []
    first = 0
    while first < len(pieces):
        last, estimate = first, pieces[first][2]
        while last + 1 < len(pieces):
            gap = text[pieces[last][1] : pieces[last + 1][0]]
            estimate += weighted_length(gap) + pieces[last + 1][2]
            if estimate > budget:
                break
            last += 1
        while last > first and weighted_length(text[pieces[first][0] : pieces[last][1]]) > budget:
            last -= 1
        parts.append((pieces[first][0], pieces[last][1]))
        first = last + 1
    return parts


def _split_long(layout: _Layout, start: int, end: int, budget: int) -> list[tuple[int, int, int]]:
    """A sentence too long for one part, cut at the last word break that fits (anywhere between
    graphemes only if there is none): ``(start, end, weight)`` of each piece, weighed once cut."""
    text = layout.text
    cuts = layout.cuts
    out: list[tuple[int, int, int]] = []
    while start < end:
        over = _overflow(layout, start, end, budget)
        if over is None:
            out.append((start, end, weighted_length(text[start:end])))
            break
        # Every cut that could end this piece; text[start:over] is what fits.
        fitting = cuts[bisect_right(cuts, start) : bisect_right(cuts, over)]
        chosen = _choose(text, start, fitting, budget)
        if chosen is None:
            # Not even one grapheme fits (a letter under hundreds of accents): cut where the weight runs out.
            stop = max(over, start + 1)
            piece_end = _trimmed_end(text, start, stop)
            chosen = (stop, piece_end, weighted_length(text[start:piece_end]))
        stop, piece_end, weight = chosen
        out.append((start, piece_end, weight))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    return out


def _overflow(layout: _Layout, start: int, end: int, budget: int) -> int | None:
    """The index of the first character of ``text[start:end]`` past ``budget``, or None if it fits.

    Measured over a window that grows from twice the budget, so that a long sentence is not weighed
    whole for every piece cut from it; the window ends between graphemes, outside any link.
    """
    text, cuts = layout.text, layout.cuts
    width = 2 * budget
    while True:
        i = bisect_left(cuts, start + width)
        window_end = min(end, cuts[i] if i < len(cuts) else end)
        _, over = measure(text[start:window_end], budget)
        if over is not None:
            return start + over
        if window_end >= end:
            return None
        width *= 2


def _choose(text: str, start: int, fitting: list[int], budget: int) -> tuple[int, int, int] | None:
    """The best of ``fitting`` to end a piece at: the last word break whose piece still fits, else the
    last grapheme break that does, with the piece's end (less trailing whitespace) and weight.

    A piece's weight is not its share of the sentence's (a link cut short, an emoji sequence split),
    so each candidate is weighed on its own.
    """
    words = [c for c in fitting if _word_break(text, c)]
    for candidates in (words, fitting):
        for cut in reversed(candidates):
            piece_end = _trimmed_end(text, start, cut)
            if piece_end > start:
                weight = weighted_length(text[start:piece_end])
                if weight <= budget:
                    return cut, piece_end, weight
    return None


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _word_break(text: str, at: int) -> bool:
    before, after = text[at - 1 : at], text[at : at + 1]
    return (
        before.isspace()
        or after.isspace()
        or _UNSPACED.match(before) is not None
        or _UNSPACED.match(after) is not None
    )
