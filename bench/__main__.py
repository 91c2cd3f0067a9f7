"""``python -m bench`` (``make bench``): run every benchmark in turn, each printing its figures and goals.

``--quick`` (or ``BENCH_QUICK=1``) runs smaller sizes for a fast look; ``BENCH_LATENCY_STORIES``,
``BENCH_LOAD_STORIES``, ``BENCH_LOAD_WORKERS`` and ``BENCH_COST_STORIES`` set one size each;
``BENCH_ONLY=cold_start,memory`` runs some of the benchmarks.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable

from bench import bench_checks, bill, chaos, cold_start, cost, inspect, latency, load, memory


def _size(name: str, full: int, quick: int, is_quick: bool) -> int:
    return int(os.environ.get(name, quick if is_quick else full))


def benchmarks(quick: bool) -> dict[str, Callable[[], int]]:
    return {
        "cold_start": lambda: cold_start.main(runs=5 if quick else cold_start.RUNS),
        "memory": memory.main,
        "checks": lambda: bench_checks.main(rounds=3) if quick else bench_checks.main(),
        "latency": lambda: latency.main(_size("BENCH_LATENCY_STORIES", latency.STORIES, 10, quick)),
        "load": lambda: load.main(
            _size("BENCH_LOAD_STORIES", load.STORIES, 100, quick),
            _size("BENCH_LOAD_WORKERS", load.WORKERS, load.WORKERS, quick),
        ),
        "cost": lambda: cost.main(_size("BENCH_COST_STORIES", cost.STORIES, 2, quick)),
        "bill": lambda: bill.main(_size("BENCH_BILL_STORIES", bill.STORIES, 2, quick)),
        "chaos": lambda: chaos.main(_size("BENCH_CHAOS_STORIES", chaos.STORIES, 12, quick)),
        "inspect": inspect.main,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    quick = "--quick" in args or os.environ.get("BENCH_QUICK") == "1"
    only = {s for s in os.environ.get("BENCH_ONLY", "").split(",") if s}
    status = 0
    for name, run in benchmarks(quick).items():
        if only and name not in only:
            continue
        start = time.monotonic()
        try:
            status = max(status, run())
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            print(f"{name}: FAILED (traceback above)")
            status = 1
        print(f"  ({name} took {time.monotonic() - start:.0f} s)", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
