"""Cold start: what importing the app costs a fresh interpreter, against importing boto3 alone.

Every Lambda function imports app.py before its first event, so this is the floor of every cold start:
the whole of it for the API function (the one answering people who click a link), while a queue
function also imports Powertools' batch utility with its first batch (app._batch), so that is timed too
and judged by the same goal. boto3 is the yardstick because no handler can do without it. Runs
alternate so that machine noise hits all three alike; medians are compared.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from time import perf_counter

from bench.stack import ROOT

GOAL = 1.5  # import app at most this many times as long as import boto3
RUNS = 11
TOP = 8  # heaviest imports to name when the goal is missed
API = "import app"
QUEUE = "import app; import aws_lambda_powertools.utilities.batch"  # what a queue function's first batch has
BATCH_ROOT = "aws_lambda_powertools.utilities.batch"


def _time(code: str) -> float:
    start = perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return perf_counter() - start


@dataclass
class _Node:
    name: str
    seconds: float  # cumulative: the module and everything it imported first
    children: list[_Node] = field(default_factory=list)


def _ours(name: str) -> bool:
    return name == "app" or name.split(".", maxsplit=1)[0] in ("chalicelib", "infra")


def heaviest_imports(top: int = TOP, code: str = QUEUE) -> list[tuple[float, str, str]]:
    """Third-party packages as our own modules first import them (``python -X importtime``):
    (cumulative seconds, package, the module of ours that imports it), heaviest first."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    return heaviest_in(out, top)


def heaviest_in(out: str, top: int = TOP) -> list[tuple[float, str, str]]:
    """``heaviest_imports`` over the text ``-X importtime`` wrote."""
    # importtime prints a module after everything it imported, indented two spaces per level.
    pending: dict[int, list[_Node]] = {}
    for line in out.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        depth = (len(parts[2]) - len(parts[2].lstrip()) - 1) // 2
        node = _Node(parts[2].strip(), int(parts[1]) / 1e6, pending.pop(depth + 1, []))
        pending.setdefault(depth, []).append(node)
    found: dict[tuple[str, str], float] = {}

    def walk(node: _Node) -> None:
        for child in node.children:
            if _ours(child.name):
                walk(child)
            else:  # one line per package and importer: pydantic's submodules add up under "pydantic"
                key = (child.name.split(".")[0], node.name)
                found[key] = found.get(key, 0.0) + child.seconds

    for root in pending.get(0, []):
        if root.name == "app":
            walk(root)
        elif root.name == BATCH_ROOT:  # what is left to import with a queue function's first batch
            found[(root.name.split(".")[0], "app._batch (the first batch)")] = root.seconds
    return sorted(((s, pkg, via) for (pkg, via), s in found.items()), reverse=True)[:top]


def main(runs: int = RUNS) -> int:
    times: dict[str, list[float]] = {API: [], QUEUE: [], "import boto3": []}
    # One untimed run each: the first touch of the files is disk, not import work.
    for code in times:
        _time(code)
    for _ in range(runs):
        for code, taken in times.items():
            taken.append(_time(code))
    api_s, queue_s, boto_s = (statistics.median(t) for t in times.values())
    print(f"\ncold start: fresh interpreters, {runs} interleaved runs each, medians")
    print(f'  python -c "import boto3": {boto_s * 1000:6.0f} ms')
    missed = False
    for what, seconds in (
        ('python -c "import app" (the API function)', api_s),
        ("then Powertools' batch utility (a queue function's first batch)", queue_s),
    ):
        ratio = seconds / boto_s
        missed = missed or ratio > GOAL
        verdict = "met" if ratio <= GOAL else "NOT met"
        print(f"  {what}: {seconds * 1000:6.0f} ms, {ratio:.2f}x boto3 (goal <= {GOAL}x: {verdict})")
    if missed:
        print("  heaviest packages imported at module level (cumulative, one -X importtime run):")
        for seconds, name, via in heaviest_imports():
            print(f"    {seconds * 1000:6.0f} ms  {name:22} imported by {via}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
