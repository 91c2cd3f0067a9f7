"""Trains TONE-DEFAME's second signal: a small linear model of how people word an allegation.

Phrase lists reach what their writers thought of; people who have never seen them allege wrongdoing in
words nobody listed ("put his thumb on the scales", "invoiced us for 200 repairs, we counted 41").
A logistic regression over a story's words and pairs of words, trained on the blind-written development
sets (``local/corpus/blind``: allegations and look-alikes by engineers who had seen neither the checks
nor the corpus), learns which words lean which way, and carries over to writers it has not seen far
better than phrases do (README, "Measuring the checks").

Only everyday words are features (the common and modern word lists the checks already hold): a name,
a place or a business in a training line says nothing about the next story. Entries of the held-out
corpus's vocabularies are left out too, so that the model can never score the held-out split by
holding its words (``tests/unit/corpus/test_corpus_independence.py``).

Full-batch gradient descent from zero, a fixed number of steps: the same sets give the same weights.
Run ``python -m local.allegation_model`` after a development set changes; a test checks the weights
file is what this trains (to its printed precision).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from chalicelib.policy.checks.allegation_model import THRESHOLD, features
from chalicelib.policy.people import COMMON_WORDS
from chalicelib.policy.unknown_insults import modern_words
from local.corpus import generate, select
from local.corpus.blind import POSITIVE_KINDS, SETS, read
from local.corpus.holdout import sources

OUT = Path(__file__).resolve().parents[1] / "chalicelib" / "policy" / "data" / "tone_allegation_weights.txt"
PENALTY = 0.3  # L2, in units of one training line
STEPS = 600
RATE = 0.5
CORPUS_WEIGHT = 0.1  # a corpus story counts this much beside a blind-written line: its templates repeat
SMALLEST = 0.005  # weights nearer zero than this are left out of the file
HEADER = (
    "# TONE-DEFAME's second signal (policy/checks/allegation_model.py): a logistic regression over a\n"
    "# story's everyday words, trained by `python -m local.allegation_model` on the blind-written\n"
    "# development sets local/allegation_model.py's TRAINING_SETS names (local/corpus/blind) and the\n"
    "# corpus's development split. Do not edit by hand. A line is a word and its weight; the line\n"
    "# `(bias)` is the intercept.\n"
)


# The development sets the model learns from: every one written before 19 and 20. On 2026-12-06 sets 10 and
# 11 were left out, a choice made by held-back figures. On 2026-12-07 the choice was made on two sets
# written that day and not yet read (17 and 18, figures only): trained on 1, 6-8, 10, 11, 14 and 15, with
# pairs of words, the model and the rules caught 23 and 25 of their 80 allegations (20 and 23 with the model
# of words alone on 1 and 6-8), no more of their look-alikes blocked; then 17 and 18 joined the training
# (README). Trained on 19 and 20 as well (written later that day, their misses read), it gained 6 catches
# and lost 9 across the development sets, so they are development sets for the rules only.
TRAINING_SETS = frozenset(
    {"defamation-1", "defamation-6", "defamation-7", "defamation-8", "defamation-10", "defamation-11"}
    | {"defamation-14", "defamation-15", "defamation-17", "defamation-18"}
)


def training_sets() -> list[str]:
    return [b.name for b in SETS if b.name in TRAINING_SETS and b.check == "TONE-DEFAME" and b.tuned]


def _held_out_words() -> frozenset[str]:
    out: set[str] = set()
    for pool in sources.POOLS.values():
        for entry in pool():
            out.update(re.findall(r"[a-z]+(?:'[a-z]+)?", entry.lower()))
    return frozenset(out)


def _function_words() -> frozenset[str]:
    """English stop words (PyPI ``stop-words``): "they", "that", "his", "then". They tell a story told
    about someone else from one told about ourselves, in any story, and would make the model a reader
    of style rather than of what is alleged."""
    from stop_words import get_stop_words

    return frozenset(w.replace("'", "") for w in get_stop_words("en")) | frozenset(get_stop_words("en"))


def _everyday(word: str) -> bool:
    return word in COMMON_WORDS or word in modern_words()


def _capitalised_only(text: str) -> frozenset[str]:
    """Words the line writes only with a capital, past a sentence's first word: names of people, places
    and businesses ("Abbey Road Allotment Society"), which say nothing about the next story."""
    lower = set(re.findall(r"[a-z]+(?:'[a-z]+)?", text.replace("’", "'")))
    capital = {
        m.group().lower()
        for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:'[a-z]+)?", text.replace("’", "'"))
    }
    return frozenset(capital - lower)


def rows() -> list[tuple[frozenset[str], int, float]]:
    """Each development line's features and label (1: an allegation)."""
    held_out = _held_out_words()
    function_words = _function_words()

    def keep(feature: str) -> bool:
        # A word on its own must say something; a pair ("his own", "no harness") needs one word that does.
        words = feature.split()
        return all(_everyday(w) and w not in held_out for w in words) and not all(
            w in function_words for w in words
        )

    out = []
    for name in training_sets():
        blind = next(b for b in SETS if b.name == name)
        for kind, text in read(blind):
            named = _capitalised_only(text)
            fs = frozenset(f for f in features(text) if keep(f) and named.isdisjoint(f.split()))
            out.append((fs, int(kind in POSITIVE_KINDS), 1.0))
    # The development split of the corpus too: stories of every other kind (a councillor thanked, a
    # party credited, the parks team's week), which the blind sets have few of.
    for item in select(generate(), "dev"):
        named = _capitalised_only(item.text)
        fs = frozenset(f for f in features(item.text) if keep(f) and named.isdisjoint(f.split()))
        out.append((fs, int(any(g.check == "TONE-DEFAME" for g in item.gold)), CORPUS_WEIGHT))
    return out


def train(data: Iterable[tuple[frozenset[str], int, float]]) -> tuple[dict[str, float], float]:
    """Weights and intercept of an L2-penalised logistic regression, by full-batch gradient descent,
    each row counted by its weight."""
    import numpy as np

    data = list(data)
    vocabulary = {f: i for i, f in enumerate(sorted({f for x, _, _ in data for f in x}))}
    x = np.zeros((len(data), len(vocabulary) + 1))
    x[:, -1] = 1.0
    for r, (fs, _, _) in enumerate(data):
        for f in fs:
            x[r, vocabulary[f]] = 1.0
    y = np.array([label for _, label, _ in data], dtype=float)
    counts = np.array([weight for _, _, weight in data], dtype=float)
    total = counts.sum()
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        g = x.T @ (counts * (p - y)) / total
        g[:-1] += PENALTY * w[:-1] / total
        w -= RATE * g
    return {f: float(w[i]) for f, i in vocabulary.items()}, float(w[-1])


def render() -> str:
    weights, bias = train(rows())
    lines = [f"(bias)\t{bias:.3f}"]
    lines += [f"{f}\t{v:.3f}" for f, v in sorted(weights.items()) if abs(v) >= SMALLEST]
    return HEADER + "\n".join(lines) + "\n"


def main() -> int:
    text = render()
    OUT.write_text(text, encoding="utf-8")
    n = text.count("\n") - HEADER.count("\n") - 1
    print(f"wrote {OUT.name}: {n} features from {', '.join(training_sets())}; threshold {THRESHOLD}")
    log_odds = math.log(THRESHOLD / (1 - THRESHOLD))
    print(f"  (a story or pair of sentences blocks above probability {THRESHOLD}, log-odds {log_odds:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
