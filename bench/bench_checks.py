"""Policy check throughput beside Presidio's pattern recognisers, on the same corpus in the same run.

Rounds alternate between the two systems so that a noisy neighbour or a CPU frequency change hits
both alike, and medians are compared so that one slow round does not decide the result. Then each
check is timed on its own over the same stories, so that the next speed-up starts from the costliest.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from time import perf_counter

from chalicelib.policy.catalogue import CHECKS, registrations, run_checks
from chalicelib.policy.normalise import normalise
from local.corpus import DEFAULT_SEED, DEFAULT_SIZE, Item, corpus_rules, generate
from local.corpus import presidio as presidio_mod

GOAL = 3.0  # our checks should get through stories at least this many times faster than Presidio
ROUNDS = 7
SHOWN = 12  # the costliest checks listed; the rest are summed on one line


def _pass(items: Sequence[Item], one: Callable[[Item], object]) -> float:
    start = perf_counter()
    for item in items:
        one(item)
    return perf_counter() - start


def per_check_us(items: Sequence[Item], rounds: int) -> dict[str, float]:
    """Median microseconds a story for normalising and for each check, run in the catalogue's order.

    Facts a story computes once for every check (its words, its digits) are charged to the first check
    that asks for them, as they are in the pipeline.
    """
    rules = corpus_rules()
    regs = registrations()
    samples: dict[str, list[float]] = {"normalise": [], **{reg.check_id: [] for reg in regs}}
    for _ in range(rounds):
        spent = dict.fromkeys(samples, 0.0)
        for item in items:
            t0 = perf_counter()
            normalised = normalise(item.text)
            spent["normalise"] += perf_counter() - t0
            for reg in regs:
                t0 = perf_counter()
                reg.run(normalised, item.context, rules)
                spent[reg.check_id] += perf_counter() - t0
        for name, seconds in spent.items():
            samples[name].append(seconds * 1e6 / len(items))
    return {name: statistics.median(values) for name, values in samples.items()}


def print_per_check(costs: dict[str, float]) -> None:
    ranked = sorted(costs.items(), key=lambda kv: -kv[1])
    print(f"  per story, each check alone (median us; {sum(costs.values()):.0f} us in all):")
    for name, us in ranked[:SHOWN]:
        print(f"    {name:<14} {us:6.1f}")
    rest = ranked[SHOWN:]
    if rest:
        print(f"    {len(rest)} others   {sum(us for _, us in rest):6.1f}")


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
        print_per_check(per_check_us(items, rounds))
        return 0
    theirs_rate = n / statistics.median(theirs_times)
    ratio = ours_rate / theirs_rate
    print(f"  {note}: {theirs_rate:8.0f} stories/s")
    verdict = "met" if ratio >= GOAL else "NOT met"
    print(f"  ratio ours/presidio: {ratio:.2f}x (goal >= {GOAL:.0f}x: {verdict})")
    print_per_check(per_check_us(items, rounds))
    return 0
