"""Policy check throughput beside Presidio's pattern recognisers, on the same corpus in the same run.

Rounds alternate between the two systems so that a noisy neighbour or a CPU frequency change hits
both alike, and medians are compared so that one slow round does not decide the result. The goal is
judged on the CPU time this process spends on each system (both are single-threaded Python and
regular expressions), so that other processes on a shared machine, which take the CPU from one round
and not the next, do not decide the ratio; the wall-clock ratio is printed beside it. Then each check
is timed on its own over the same stories, so that the next speed-up starts from the costliest.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from time import perf_counter, process_time

from chalicelib.policy.catalogue import CHECKS, registrations, run_checks
from chalicelib.policy.checks.profanity import forget_ruled_out
from chalicelib.policy.normalise import normalise
from local.corpus import DEFAULT_SEED, DEFAULT_SIZE, Item, corpus_rules, generate
from local.corpus import presidio as presidio_mod

GOAL = 3.0  # our checks should get through stories at least this many times faster than Presidio
ROUNDS = 7
SHOWN = 12  # the costliest checks listed; the rest are summed on one line


def _pass(items: Sequence[Item], one: Callable[[Item], object]) -> tuple[float, float]:
    """Seconds of CPU time and of wall clock one pass over ``items`` takes."""
    cpu, wall = process_time(), perf_counter()
    for item in items:
        one(item)
    return process_time() - cpu, perf_counter() - wall


def per_check_us(items: Sequence[Item], rounds: int) -> dict[str, float]:
    """Median microseconds a story for normalising and for each check, run in the catalogue's order.

    Facts a story computes once for every check (its words, its digits) are charged to the first check
    that asks for them, as they are in the pipeline.
    """
    rules = corpus_rules()
    regs = registrations()
    samples: dict[str, list[float]] = {"normalise": [], **{reg.check_id: [] for reg in regs}}
    for _ in range(rounds):
        forget_ruled_out(rules)  # each round a container that has not seen these stories (see main)
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

    ours_times: list[tuple[float, float]] = []
    theirs_times: list[tuple[float, float]] = []
    for _ in range(rounds):
        # TONE-PROF remembers the words it has ruled out, which real stories share (place names, "bins")
        # but which a second pass over the same stories would all find there: each round starts empty.
        forget_ruled_out(rules)
        ours_times.append(_pass(items, ours))
        if theirs is not None:
            theirs_times.append(_pass(items, theirs))

    n = len(items)

    def rates(times: list[tuple[float, float]]) -> tuple[float, float]:
        """Stories a second of CPU time and of wall clock, from the median round of each."""
        return n / statistics.median(t[0] for t in times), n / statistics.median(t[1] for t in times)

    ours_cpu, ours_wall = rates(ours_times)
    print(f"bench_checks: {n} corpus stories (seed {seed}), {rounds} interleaved rounds, medians")
    ours_line = f"our checks ({len(CHECKS)} in the catalogue)"
    print(f"  {ours_line}: {ours_cpu:8.0f} stories/s ({ours_wall:.0f} by the clock)")
    if theirs is None:
        print(f"  presidio: skipped: {note}")
        print_per_check(per_check_us(items, rounds))
        return 0
    theirs_cpu, theirs_wall = rates(theirs_times)
    ratio = ours_cpu / theirs_cpu
    print(f"  {note}: {theirs_cpu:8.0f} stories/s ({theirs_wall:.0f} by the clock)")
    verdict = "met" if ratio >= GOAL else "NOT met"
    print(
        f"  ratio ours/presidio: {ratio:.2f}x in CPU time (goal >= {GOAL:.0f}x: {verdict});"
        f" {ours_wall / theirs_wall:.2f}x by the clock"
    )
    print_per_check(per_check_us(items, rounds))
    return 0
