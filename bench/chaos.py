"""The fault test at full size: the chaos suite of `make test` (pumps killed mid-batch, handlers raising,
AWS throttling, X down) run again with many more stories, so "none lost, none posted twice" holds at scale."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = 60
SEEDS = (7, 11)


def main(stories: int = STORIES) -> int:
    print(f"chaos: {stories} stories per seed, seeds {', '.join(map(str, SEEDS))}; faults in every stage")
    failed = 0
    for seed in SEEDS:
        env = {**os.environ, "CHAOS_STORIES": str(stories), "CHAOS_SEED": str(seed), "CHAOS_SECONDS": "300"}
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/integration/test_chaos.py",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.monotonic() - started
        last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        verdict = "none lost, none posted twice" if done.returncode == 0 else "FAILED"
        print(f"  seed {seed}: {verdict} ({last}; {took:.0f} s)   goal: none lost, none posted twice")
        failed += done.returncode != 0
    return 1 if failed else 0
