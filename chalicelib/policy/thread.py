"""Splitting a long story into an X thread: where each part starts and ends, and its " (n/N)" label.

A thread reads best when every post is whole sentences, so parts break between sentences and only a
sentence too long for a post on its own is broken, between words. Each part carries " (n/N)" and
must fit X's 280 weighted characters with it, so the split is measured the way X counts.
"""

from __future__ import annotations

import re

# Only the X text measures: the publisher splits threads without loading a single check, and the
# catalogue (which runs the checks over each part) imports this module, never the other way round.
from .xtext import MAX_WEIGHTED_LENGTH, measure, sentence_spans, weighted_length

# A full stop after these is not the end of a sentence ("Mr. Patel", "St. Mary's", "Cllr. Khan").
_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Cllr|Coun|Rev|Revd|Sgt|Insp|Supt|Capt|Lt|Col|Gen|Gov|Sen|Rep|Jr|Sr"
    r"|No|Nos|Vol|Fig|approx|est|dept|inc|ltd|vs|etc|e\.g|i\.e|[A-Z])\.$"
)


def label(n: int, total: int) -> str:
    return f" ({n}/{total})"


def thread_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``, with a break after an abbreviation ("Mr.") joined back up.

    The shared sentence splitter errs towards short pieces; a thread must not put "Mr." at the end of
    one post and the name at the start of the next.
    """
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if (
            out
            and _ABBREVIATION_END.search(text[out[-1][0] : out[-1][1]])
            and "\n" not in text[out[-1][1] : start]
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def plan_thread(text: str, *, limit: int = MAX_WEIGHTED_LENGTH) -> list[tuple[int, int]]:
    """The ``[start, end)`` in ``text`` of each part of the thread, before numbering.

    One part if the whole text fits. Otherwise sentences are packed greedily into parts that leave
    room for the label; the label's width depends on the number of parts, so packing repeats until
    the count is stable (it only ever grows, so this ends).
    """
    stripped = text.strip()
    if not stripped:
        return []
    if weighted_length(text) <= limit:
        lead = len(text) - len(text.lstrip())
        return [(lead, lead + len(stripped))]
    total = 2
    while True:
        parts = _pack(text, limit - len(label(total, total)))
        if len(str(len(parts))) <= len(str(total)):
            return parts
        total = len(parts)


def split_thread(text: str, *, limit: int = MAX_WEIGHTED_LENGTH) -> list[str]:
    """``text`` as the posts of a thread, each at most ``limit`` weighted characters with its " (n/N)".

    A text that fits in one post comes back whole and unnumbered.
    """
    spans = plan_thread(text, limit=limit)
    if len(spans) <= 1:
        return [text[s:e] for s, e in spans]
    return [text[s:e] + label(i, len(spans)) for i, (s, e) in enumerate(spans, start=1)]


def _pack(text: str, budget: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for start, end in thread_sentences(text):
        if weighted_length(text[start:end]) <= budget:
            pieces.append((start, end))
        else:
            pieces.extend(_split_long(text, start, end, budget))
    parts: list[tuple[int, int]] = []
    for start, end in pieces:
        if parts and weighted_length(text[parts[-1][0] : end]) <= budget:
            parts[-1] = (parts[-1][0], end)
        else:
            parts.append((start, end))
    return parts


def _split_long(text: str, start: int, end: int, budget: int) -> list[tuple[int, int]]:
    """A sentence too long for one part, cut at the last space that fits (mid-word only if there is none)."""
    out: list[tuple[int, int]] = []
    while start < end:
        _, cut = measure(text[start:end], budget)
        if cut is None:
            out.append((start, end))
            break
        piece = text[start : start + cut]
        space = max(piece.rfind(" "), piece.rfind("\n"))
        stop = start + (space if space > 0 else max(cut, 1))
        out.append((start, len(text[:stop].rstrip())))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    return out
