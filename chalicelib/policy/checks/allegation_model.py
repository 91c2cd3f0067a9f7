"""TONE-DEFAME's second signal: a small linear model of the words allegations are told in.

The phrase lists of ``allegation`` hold what their writers thought of; people who have never seen them
allege wrongdoing in words nobody listed. A logistic regression over everyday words other than stop
words, and pairs of words side by side of which one is no stop word ("his own", "told me", "no harness";
``policy/data/tone_allegation_weights.txt``, trained by ``local/allegation_model.py`` on blind-written
development sets and the corpus's development split, each word's weight holding its stem's, so that
"pocketing" carries what "pocketed" taught) scores a story of up to three sentences as a whole
(the development sets' lines are such stories), and a longer one a sentence at a time, each with the one
before it. A story or pair of sentences whose score is over ``THRESHOLD`` blocks when it also names
someone identifiable (as ``allegation`` finds them) and holds no excuse (thanks, an official outcome,
advice).

Hand-written inference (a sum of the story's words' weights): no kept package runs a linear model
without numpy or scikit-learn, which the checks function cannot carry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from itertools import pairwise, repeat

from ..normalise import NormalisedText, letter_runs, lower_runs
from ..tokens import sentence_spans
from .allegation import excused, identifiable
from .innocent import without_idioms

WEIGHTS_FILE = "tone_allegation_weights.txt"
# 0.6, 0.7 and 0.8 were tried: below 0.8 the model took 0.5-1.6% of the quotations in Debian's fortune
# files (stories of every kind, none from here) for allegations and gave corpus stories a wrong finding.
# With stems (2026-12-07), each of the 26 development sets checked with a model trained on the other
# 25 (rules and model together), trained for 600 steps: over 0.8 the check caught 1,302 of their 2,080
# allegations and blocked 18 of their 2,080 look-alikes; over 0.84, 1,236 and 11. Trained longer (a
# weaker pull to zero), for 4,800 steps: over 0.88, 1,411 and 23; over 0.9, 1,379 and 19; over 0.92,
# 1,342 and 18 (9,600 steps gave no more: 1,339 and 18 over 0.94). So 4,800 steps and 0.9: 77 more
# allegations caught than 600 steps and 0.8, for one more look-alike, under 1% of them.
# With a name's pairs and 41 development sets (2026-12-07), the same test: a name's pairs caught 1,920
# of 3,280 allegations over 0.9 for 38 look-alikes, against 1,855 and 39 without them. With 47 sets
# and the rules of the moment, trained for 9,600 steps: over 0.9, 2,694 of 3,760 and 49 look-alikes;
# over 0.92, 2,624 and 45; over 0.94, 2,537 and 38. 19,200 steps gave what 9,600 gave 0.02 lower (over
# 42 of the sets, 2,422 and 42 over 0.92 against 2,417 and 44 over 0.9), and 4,800 steps less than 9,600
# on 41 sets. So 9,600 steps and 0.92, which keeps the look-alikes blocked near 1%. With 59 sets (the
# thirteenth session), the model learning from sets 1-63: over 0.9, 3,580 of 4,720 allegations and 73
# look-alikes; over 0.92, 3,478 and 58; over 0.94, 3,378 and 47 (local/allegation_model.py, NOT_YET).
# With 91 development sets (the sixteenth session), the model learning from all of them, 0.88: on 36 sets
# each read by a model trained without it, 86 more allegations caught and 9 fewer look-alikes blocked
# than the model of sets 1-63 over 0.92 (local/allegation_model.py, NOT_YET).
THRESHOLD = 0.88
_LOG_ODDS = math.log(THRESHOLD / (1 - THRESHOLD))
_WHOLE = 3  # a story of this many sentences or fewer is scored as a whole
# A longer story is read a pair of sentences at a time only when the whole of it scores within this
# much (in log-odds) of the threshold: an allegation in one pair seldom leaves the whole story far below.
_MARGIN = 2.0
# A story that hints rather than says ("Why does the bursar always…?", "Funny how…", "People are saying…")
# is read against a lower threshold: the question is the allegation's form, and the words that carry a
# plain one are fewer. Of the 135 development-set lines (2026-12-07) that open a sentence so, the model
# gave 85 of the 108 allegations a probability over 0.6 and 2 of the 27 look-alikes.
# No development line has fewer than ten words: what the model says of a shorter text ("Hollis Glazing
# billed the council for the new windows.") was never measured, and rests on a word or two, so such a
# text must score higher.
_SHORT = 10  # different words
_SHORT_LOG_ODDS = math.log(0.97 / 0.03)
HINT_THRESHOLD = 0.6
# A text or pair of sentences that holds a wrong the rules found but could not pin on anyone named is read
# over 0.8 (fifteenth session): two readings agree on it. Chosen on the development sets the model has not
# learnt from (64-69, 72-91; 2,080 allegations): over 0.85, 4 more caught and 2 look-alikes more blocked;
# over 0.8, 8 and 2; over 0.7, 12 and 3.
CUED_THRESHOLD = 0.8
_CUED_LOG_ODDS = math.log(CUED_THRESHOLD / (1 - CUED_THRESHOLD))
_HINT_LOG_ODDS = math.log(HINT_THRESHOLD / (1 - HINT_THRESHOLD))
_HINT = re.compile(
    r"(?:^|[.!?…]\s+)[\"“‘'(]*(?i:why\s+(?:does|do|did|is|are|was|were|won't|will|has|have|can't|isn't"
    r"|doesn't)|how\s+come|(?:funny|strange|odd|curious|interesting)\s+(?:how|that)"
    r"|is\s+it\s+(?:true|just\s+me|a\s+coincidence)"
    r"|people\s+are\s+saying|word\s+is|rumour\s+(?:is|has\s+it)|have\s+you\s+noticed|ever\s+notice"
    r"|anyone\s+else|who\s+else|ask\s+yourself|would\s+anyone|i\s+wonder|wonder\s+why)\b"
)
_HINT_WORDS = frozenset(
    {
        "why",
        "how",
        "funny",
        "strange",
        "odd",
        "curious",
        "interesting",
        "true",
        "coincidence",
        "saying",
        "word",
        "rumour",
        "noticed",
        "notice",
        "else",
        "ask",
        "anyone",
        "wonder",
    }
)


def hints(source: str, words: frozenset[str]) -> bool:
    """Whether a sentence of ``source`` (whose words are ``words``) opens with a hint of a wrong."""
    return not words.isdisjoint(_HINT_WORDS) and _HINT.search(source) is not None


# Pairs of words (and a name's pairs) are read only when a text's words alone come within this of the
# threshold (in log-odds). Over every text measured (20,000 corpus stories, the blind sets and 15,218
# fortune quotations: 51,078 texts, 2026-12-07, thirteenth session) the findings were the same as with
# every text's pairs read for 4.0 and 4.5, and differed for 1 text at 3.5, 4 at 3.0; pairs added up to
# 5.95 to one text, but those that add most are in texts whose words already carry them over.
_PAIRS_REACH = 4.0


def features(text: str) -> frozenset[str]:
    """A text's words, lower-cased runs of letters, as ``NormalisedText.words`` has them, and each pair
    of words side by side ("his own", "no harness"), a space between, with the pairs a name makes with
    the word beside it (``_name_pairs``)."""
    return lower_runs(text) | _pairs(text)


def _pairs(text: str) -> frozenset[str]:
    runs = letter_runs(text)
    return frozenset(map(" ".join, pairwise(runs))) | _name_pairs(text)


# A capitalised word inside a sentence, or a run of them, in a pair: "Councillor Geoff Tanner took" gives
# "councillor NAME" and "NAME took" (never a word: the words are in lower case).
NAME = "NAME"
_SHAPE_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[.!?:;]")


def _name_pairs(text: str) -> frozenset[str]:
    """Each name (a run of capitalised words past a sentence's first word) paired with the word before
    and after it: "councillor NAME", "NAME has", "NAME took", "at NAME". The names themselves say nothing
    about the next story, but what is said of a name does: trained on names the sets made up, "NAME took"
    carries to every name a story brings. Only a name's neighbours are lower-cased: most words are none."""
    pairs: set[str] = set()
    prev: str | None = None  # the token before: a word as written, NAME, or None after a sentence mark
    start = True
    for run in _SHAPE_TOKEN.findall(text):
        if run in _MARKS:
            prev, start = None, True
            continue
        if not start and run[0].isupper() and not run.isupper():
            if prev is not NAME:
                if prev is not None:
                    pairs.add(f"{_word(prev)} {NAME}")
                prev = NAME
        else:
            if prev is NAME:
                pairs.add(f"{NAME} {_word(run)}")
            prev = run
        start = False
    return frozenset(pairs)


_MARKS = frozenset(".!?:;")


def _word(run: str) -> str:
    return run.lower().replace("’", "'").split("'")[0]


def parse_weights(lines: Iterable[str]) -> tuple[dict[str, float], float]:
    """A weights file's words and weights, and its intercept (the line ``(bias)``), from its lines."""
    table: dict[str, float] = {}
    # The weights have three decimals, so a few thousand values serve 75,000 words: one float object each.
    values: dict[str, float] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            feature, _, weight = line.rstrip("\n").partition("\t")
            table[feature] = values.setdefault(weight, float(weight))
    return table, table.pop("(bias)")


@cache
def weights() -> tuple[dict[str, float], float]:
    """The words' weights and the intercept, read a line at a time: the whole file and a list of its lines
    at once were the check handler's peak."""
    with files("chalicelib.policy").joinpath("data", WEIGHTS_FILE).open(encoding="utf-8") as lines:
        return parse_weights(lines)


def _score(words: frozenset[str]) -> float:
    table, bias = weights()
    # The sum runs in C: a story's words are looked up without a Python loop.
    return bias + sum(map(table.get, words, repeat(0.0)))


def _text_score(text: str, words: frozenset[str], below: float = _LOG_ODDS) -> float:
    """The score of ``text`` (whose words are ``words``), its pairs of words included when the words
    alone come within ``_PAIRS_REACH`` of ``below``: a score under ``below`` is all the caller asks of
    most stories, and reading pairs costs more than reading words."""
    score = _score(words)
    if score <= below - _PAIRS_REACH:
        return score
    return score + _score(_pairs(text)) - weights()[1]


def model_allegations(text: NormalisedText, cued: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The stories or pairs of sentences the model takes for allegations about someone identifiable, as
    spans of ``text.text``. ``cued`` are the words of wrongs the rules found but could not pin on anyone
    named: a text or pair of sentences that holds one needs less of the model (``CUED_THRESHOLD``), as
    two readings agree on it."""
    source = text.text
    limit = _HINT_LOG_ODDS if hints(source, text.words) else _LOG_ODDS
    low = min(limit, _CUED_LOG_ODDS) if cued else limit
    if len(text.words) < _SHORT:
        limit, low = max(limit, _SHORT_LOG_ODDS), max(low, _SHORT_LOG_ODDS)
    # Fewer sentence marks than that is fewer sentences, known without finding where they end.
    marks = source.count(".") + source.count("!") + source.count("?") + source.count("\n")
    # A short story is read whole, and only its crossing the threshold matters; a longer one is read a
    # pair of sentences at a time when the whole comes within ``_MARGIN`` of it.
    whole = _text_score(source, text.words, low if marks <= _WHOLE else low - _MARGIN)
    if whole <= low - _MARGIN:
        return []  # most stories: nothing in them leans towards an allegation
    # An idiom's words say nothing of a wrong ("flogging a dead horse", "stole the show"): read without them.
    read = without_idioms(source)
    if read is not source:
        whole = _text_score(read, lower_runs(read), low if marks <= _WHOLE else low - _MARGIN)
    sentences = sentence_spans(source) if marks > _WHOLE else []
    if len(sentences) <= _WHOLE:
        windows = [(0, len(source))] if whole > low else []
    else:
        windows = []
        for i, (_, end) in enumerate(sentences):
            start = sentences[max(0, i - 1)][0]
            here = low if any(start <= a < end for a, _ in cued) else limit
            if _text_score(read[start:end], lower_runs(read[start:end]), here) > here:
                windows.append((start, end))
    spans: list[tuple[int, int]] = []
    for start, end in windows:
        if excused(source, start, end) or not identifiable(source, start, end):
            continue
        if spans and spans[-1][1] > start:
            spans[-1] = (spans[-1][0], end)  # overlapping pairs of sentences: one span
        else:
            spans.append((start, end))
    return spans
