"""Whether a story fits on X: one post of 280 weighted characters, or, with threads, parts that can each fit.

Measured on the original text, because that is what will be posted and X weighs characters that
normalisation would change (fake-font letters count 2, a zero-width space counts 1).
"""

from __future__ import annotations

import math

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..rules import OrgRules
from ..xtext import MAX_WEIGHTED_LENGTH, measure, sentence_spans, surely_fits, weighted_length

XLEN = "X-LEN"


def thread_label_reserve(parts: int) -> int:
    """Weighted room a thread part keeps for its " (n/N)" label; digits are always weight 1."""
    return len(f" ({parts}/{parts})")


def check_x_length(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if ctx.channel != "x" or not rules.channels.x.enabled:
        return []
    original = text.original
    if surely_fits(original):
        return []
    total, cut = measure(original)
    if cut is None:
        return []

    if not rules.channels.x.threads:
        start, end = text.from_original(cut, len(original))
        reason = (
            f"This story is {total} characters long as X counts them, and one post can hold "
            f"{MAX_WEIGHTED_LENGTH}. Shorten it by {total - MAX_WEIGHTED_LENGTH}: the highlighted "
            "part will not fit."
        )
        return [Finding(XLEN, Severity.BLOCK, start, end, reason)]

    # The splitter breaks between sentences, so a thread fails only if one sentence cannot fit a part.
    parts = max(2, math.ceil(total / (MAX_WEIGHTED_LENGTH - thread_label_reserve(9))))
    budget = MAX_WEIGHTED_LENGTH - thread_label_reserve(parts)
    findings: list[Finding] = []
    for s_start, s_end in sentence_spans(original):
        length = weighted_length(original[s_start:s_end])
        if length > budget:
            start, end = text.from_original(s_start, s_end)
            reason = (
                f"This sentence is {length} characters long as X counts them, too long for one post "
                f"of a thread (each part holds {budget} with its numbering). Split it into shorter "
                "sentences."
            )
            findings.append(Finding(XLEN, Severity.BLOCK, start, end, reason))
    return findings
