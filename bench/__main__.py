"""``python -m bench`` (``make bench``): run every benchmark in turn."""

from __future__ import annotations

from bench import bench_checks

BENCHMARKS = (bench_checks.main,)


def main() -> int:
    status = 0
    for run in BENCHMARKS:
        status = max(status, run())
    return status


if __name__ == "__main__":
    raise SystemExit(main())
