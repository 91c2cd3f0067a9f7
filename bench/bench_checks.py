"""Policy check throughput beside Presidio's pattern recognisers, on the same corpus in the same run.

Rounds alternate between the two systems so that a noisy neighbour or a CPU frequency change hits
both alike, and medians are compared so that one slow round does not decide the result.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from time import perf_counter

from chalicelib.policy.catalogue import CHECKS, run_checks
from local.corpus import DEFAULT_SEED, DEFAULT_SIZE, Item, corpus_rules, generate
from local.corpus import presidio as presidio_mod

GOAL = 3.0  # our checks should get through stories at least this many times faster than Presidio
ROUNDS = 7


def _pass(items: Sequence[Item], one: Callable[[Item], object]) -> float:
    start = perf_counter()
    for item in items:
        one(item)
    return perf_counter() - start


def main(rounds: int = ROUNDS, size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED) -> int:
    items = generate(seed=seed, size=size)
    rules = corpus_rules()

    def ours(item: Item) -> object:
        return run_checks(item.text, item.context, rules)

    theirs: Callable[[Item], object] | None = None
    note = ""
    if presidio_mod.available():
        analyzer = presidio_mod.PresidioAnalyzer()

        def theirs(item: Item) -> object:
            return analyzer.analyze(item.text)

        note = f"presidio-analyzer {analyzer.version}, pattern recognisers (UK on), no NLP model"
    else:
        note = "presidio-analyzer is not installed (pip install -r requirements-bench.txt)"

    # One untimed pass each: compiled regexes, lazily built tables and imports are not the steady state.
    _pass(items, ours)
    if theirs is not None:
        _pass(items, theirs)

    ours_times: list[float] = []
    theirs_times: list[float] = []
    for _ in range(rounds):
        ours_times.append(_pass(items, ours))
        if theirs is not None:
            theirs_times.append(_pass(items, theirs))

    n = len(items)
    ours_rate = n / statistics.median(ours_times)
    print(f"bench_checks: {n} corpus stories (seed {seed}), {rounds} interleaved rounds, medians")
    print(f"  our checks ({len(CHECKS)} in the catalogue): {ours_rate:8.0f} stories/s")
    if theirs is None:
        print(f"  presidio: skipped: {note}")
        return 0
    theirs_rate = n / statistics.median(theirs_times)
    ratio = ours_rate / theirs_rate
    print(f"  {note}: {theirs_rate:8.0f} stories/s")
    verdict = "met" if ratio >= GOAL else "NOT met"
    print(f"  ratio ours/presidio: {ratio:.2f}x (goal >= {GOAL:.0f}x: {verdict})")
    return 0
