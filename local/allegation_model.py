"""Trains TONE-DEFAME's second signal: a small linear model of how people word an allegation.

Phrase lists reach what their writers thought of; people who have never seen them allege wrongdoing in
words nobody listed ("put his thumb on the scales", "invoiced us for 200 repairs, we counted 41").
A logistic regression over a story's words and pairs of words, trained on the blind-written development
sets (``local/corpus/blind``: allegations and look-alikes by engineers who had seen neither the checks
nor the corpus), learns which words lean which way, and carries over to writers it has not seen far
better than phrases do (README, "Measuring the checks").

Each word also counts by its stem (the Snowball English stemmer, PyPI ``snowballstemmer``): "pocketed",
"pocketing" and "pockets" share what any of them taught, which the sets are too small to teach each form
on its own. The stems are folded into the file's words (a word's weight is its own and its stem's), so
the checks function reads one weight a word and carries no stemmer. Chosen by leaving each development
set out in turn and scoring it with a model trained on the others (README, eleventh session).

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
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from chalicelib.policy.checks.allegation_model import NAME, THRESHOLD, features
from chalicelib.policy.people import COMMON_WORDS
from chalicelib.policy.unknown_insults import modern_words
from local.corpus import generate, select
from local.corpus.blind import POSITIVE_KINDS, SETS, read
from local.corpus.holdout import sources

OUT = Path(__file__).resolve().parents[1] / "chalicelib" / "policy" / "data" / "tone_allegation_weights.txt"
PENALTY = 0.3  # L2, in units of one training line
STEPS = 9600  # chosen with the threshold (policy/checks/allegation_model.py): see there
RATE = 0.5
CORPUS_WEIGHT = 0.1  # a corpus story counts this much beside a blind-written line: its templates repeat
SMALLEST = 0.005  # weights nearer zero than this are left out of the file
HEADER = (
    "# TONE-DEFAME's second signal (policy/checks/allegation_model.py): a logistic regression over a\n"
    "# story's everyday words and pairs of words, trained by `python -m local.allegation_model` on the\n"
    "# blind-written development sets (local/corpus/blind) and the corpus's development split, each\n"
    "# word's stem's weight folded into it. Do not edit by hand. A line is a word or a pair and its\n"
    '# weight; NAME in a pair stands for any name ("NAME took"); the line `(bias)` is the intercept.\n'
)


# The development sets the model learns from: every one. Until 2026-12-07 (tenth session) sets 19 and 20
# were left out, a choice made on the development sets' own figures, which a set the model learnt from
# cannot give honestly. The eleventh session asked instead how well a model trained on the other sets
# reads a set it never saw (each set left out in turn): trained on 1, 6-8, 10, 11, 14, 15, 17 and 18, it
# ranked the allegations of sets 19-22 above their look-alikes 0.893 of the time; trained on every other
# set, 0.902 (README).
# Sets 37-39 came at the end of the eleventh session and 40-45 at the start of the twelfth; the model's
# steps, threshold and name pairs were chosen again with all of them (each set checked by a model trained
# without it: policy/checks/allegation_model.py), so it learns from every development set.
# Sets 64-69 came late in the twelfth session and 72-75 in the thirteenth, which asked whether the model
# should learn from them, checking each of the 59 development sets by the rules and a model trained
# without it (over 0.92): learning from sets 1-63 only, 3,478 of their 4,720 allegations caught and 58 of
# their look-alikes blocked; learning from every development set, 3,480 and 51 (over 0.9: 3,580 and 73
# against 3,556 and 61). No more allegations caught, and the held-back sets, read once with each (README),
# caught 700 of 1,100 with the larger model against 709: so it still learnt from sets 1-63. Sets 76-87
# (fourteenth session) and 88-91 (fifteenth) were read by the rules only, as those were.
# The sixteenth session, with 36 sets the model had not learnt from (64-69, 72-99: 2,880 allegations and
# as many look-alikes), asked again, group by group: each group of four to six sets scored by the rules
# and a model trained on every other development set, against the model trained on sets 1-63. The model
# of sets 1-63 over 0.92 caught 1,937 of them and blocked 69 look-alikes; the larger model over 0.92, 1,922
# and 57; over 0.9, 1,978 and 62; over 0.88, 2,025 and 70. With twice the sets a larger model now reads
# unseen writers better: it learns from every development set. Learning from sets 100-105 as well (written
# later that session), the same 36 sets read 1,974 and 54 over 0.9 and 2,023 and 60 over 0.88: so over 0.88
# (allegation_model.THRESHOLD).
# Sets 106-111 (seventeenth session), asked the same way: the 40 sets 64-105, group by group, scored by the
# rules and a model trained on every other development set, with 106-111 and without them. With them,
# 2,290 of 3,200 allegations caught and 84 look-alikes blocked over 0.88; without them, 2,303 and 86; the
# held-back sets, read once with the larger model, caught 789 of 1,100 against 794 (README). So the model
# does not learn from them, and they serve the rules; nor from 112 and 114, written later (113 and 115 are
# held back); nor from 116, 118, 120, 122, 124 and 126 (eighteenth session; the odd ones are held back).
NOT_YET: frozenset[str] = frozenset(f"defamation-{n}" for n in (*range(106, 113), *range(114, 127, 2)))


def training_sets() -> list[str]:
    return [b.name for b in SETS if b.check == "TONE-DEFAME" and b.tuned and b.name not in NOT_YET]


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


STEM = "~"  # a stem's feature is the stem after this mark, apart from the word of the same letters


@cache
def _stemmer() -> Callable[[str], str]:
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer("english").stemWord
    return cache(stem)


def _keep() -> Callable[[str], bool]:
    held_out = _held_out_words()
    function_words = _function_words()

    def keep(feature: str) -> bool:
        # A word on its own must say something; a pair ("his own", "no harness") needs one word that does.
        words = feature.split()
        if NAME in words:  # a name and the word beside it ("NAME took", "councillor NAME"): any everyday word
            return all(_everyday(w) and w not in held_out for w in words if w != NAME)
        return all(_everyday(w) and w not in held_out for w in words) and not all(
            w in function_words for w in words
        )

    return keep


def _line_features(text: str, keep: Callable[[str], bool]) -> frozenset[str]:
    """A line's kept words and pairs of words, and the stem of each word on its own."""
    named = _capitalised_only(text)
    fs = frozenset(f for f in features(text) if keep(f) and named.isdisjoint(f.split()))
    stem = _stemmer()
    return fs | {STEM + stem(f) for f in fs if " " not in f}


def rows() -> list[tuple[frozenset[str], int, float]]:
    """Each development line's features and label (1: an allegation)."""
    keep = _keep()
    out = []
    for name in training_sets():
        blind = next(b for b in SETS if b.name == name)
        for kind, text in read(blind):
            out.append((_line_features(text, keep), int(kind in POSITIVE_KINDS), 1.0))
    # The development split of the corpus too: stories of every other kind (a councillor thanked, a
    # party credited, the parks team's week), which the blind sets have few of.
    for item in select(generate(), "dev"):
        gold = int(any(g.check == "TONE-DEFAME" for g in item.gold))
        out.append((_line_features(item.text, keep), gold, CORPUS_WEIGHT))
    return out


def fold_stems(weights: dict[str, float]) -> dict[str, float]:
    """Words and pairs of words with their weights, each word's stem's weight added to it: every
    everyday word the model may read, not only those the sets used ("pocketing" learnt from "pocketed")."""
    keep = _keep()
    stem = _stemmer()
    out = {f: w for f, w in weights.items() if not f.startswith(STEM)}
    for word in sorted(COMMON_WORDS | modern_words()):
        by_stem = weights.get(STEM + stem(word), 0.0)
        if by_stem and word.isalpha() and keep(word):
            out[word] = out.get(word, 0.0) + by_stem
    return out


def train(data: Iterable[tuple[frozenset[str], int, float]]) -> tuple[dict[str, float], float]:
    """Weights and intercept of an L2-penalised logistic regression, by full-batch gradient descent,
    each row counted by its weight. The rows are a sparse matrix (scipy): a story has a few dozen of
    some 60,000 features, and a dense one made each step cost a hundred times as much."""
    import numpy as np
    from scipy import sparse

    data = list(data)
    vocabulary = {f: i for i, f in enumerate(sorted({f for x, _, _ in data for f in x}))}
    rows: list[int] = []
    cols: list[int] = []
    for r, (fs, _, _) in enumerate(data):
        rows += [r] * (len(fs) + 1)
        cols += [vocabulary[f] for f in sorted(fs)] + [len(vocabulary)]  # the last column is the intercept
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data), len(vocabulary) + 1))
    xt = x.T.tocsr()
    y = np.array([label for _, label, _ in data], dtype=float)
    counts = np.array([weight for _, _, weight in data], dtype=float)
    total = counts.sum()
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        g = xt @ (counts * (p - y)) / total
        g[:-1] += PENALTY * w[:-1] / total
        w -= RATE * g
    return {f: float(w[i]) for f, i in vocabulary.items()}, float(w[-1])


def render() -> str:
    trained, bias = train(rows())
    weights = fold_stems(trained)
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
