"""The photo inspector: time per 2048 px photo, peak memory and cold start in a fresh interpreter, and its
precision and recall on the labelled test images (``local/images``).

Goals (issue 15): median ≤2 s per 2048 px photo on 2 cores, peak RSS ≤300 MB in the inspect function.
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import time

from bench.stack import ROOT

GOAL_MEDIAN_S = 2.0
GOAL_RSS_MB = 300.0
PHOTOS = 12
LONG_SIDE = 2048

# Run in a fresh interpreter: import, first inspection of a 12 MP phone JPEG, peak RSS (as bench/memory.py).
_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from chalicelib.inspect.embedded import EmbeddedInspector
from chalicelib.inspect.findings import judge
from chalicelib.policy.rules import load_rules_file
from local.stack import DEFAULT_RULES
imported = time.perf_counter()
data = sys.stdin.buffer.read()
verdict = judge(EmbeddedInspector().inspect(data), load_rules_file(DEFAULT_RULES))
done = time.perf_counter()
print(json.dumps({"import_s": imported - start, "first_s": done - imported, "decision": verdict.decision,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _photos() -> list[bytes]:
    """Labelled photos with text and faces, each enlarged to a 2048 px long side, as phone JPEGs."""
    from PIL import Image

    from local.images.make import build

    samples = [s for s in build(lfw_count=0) if s.group in ("text", "face")][::6][:PHOTOS]
    out = []
    for s in samples:
        im = s.image.resize(
            (LONG_SIDE, LONG_SIDE * s.image.height // s.image.width), Image.Resampling.BICUBIC
        )
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=90)
        out.append(buf.getvalue())
    return out


def fresh_process() -> dict[str, float]:
    from bench.memory import LAUNCHER, photo

    # Through the small launcher: Linux carries this process's peak RSS (Presidio, the corpus and the
    # benchmarks before this one) across exec into a child started straight from here.
    run = subprocess.run(
        [sys.executable, "-c", LAUNCHER, sys.executable, "-c", _CHILD],
        input=photo(),
        capture_output=True,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    return dict(json.loads(run.stdout.decode().strip().splitlines()[-1]))


def main() -> int:
    from chalicelib.inspect.embedded import EmbeddedInspector
    from chalicelib.inspect.findings import judge
    from chalicelib.policy.rules import load_rules_file
    from local.images.evaluate import TEXT_KINDS, score
    from local.images.make import build
    from local.stack import DEFAULT_RULES

    print("inspect: the photo inspector (faces, text, plates)")
    child = fresh_process()
    print(
        f"  cold start (fresh interpreter): import {child['import_s']:.2f} s + first 12 MP photo "
        f"{child['first_s']:.2f} s = {child['import_s'] + child['first_s']:.2f} s"
    )
    rss_ok = child["rss_mb"] <= GOAL_RSS_MB
    print(f"  peak RSS: {child['rss_mb']:.0f} MB (goal ≤{GOAL_RSS_MB:.0f}) {'ok' if rss_ok else 'MISSED'}")

    inspector, rules = EmbeddedInspector(), load_rules_file(DEFAULT_RULES)
    photos = _photos()
    judge(inspector.inspect(photos[0]), rules)  # models loaded before timing
    seconds = []
    for data in photos:
        start = time.perf_counter()
        judge(inspector.inspect(data), rules)
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    p95 = sorted(seconds)[max(0, round(0.95 * len(seconds)) - 1)]
    time_ok = median <= GOAL_MEDIAN_S
    print(
        f"  time per {LONG_SIDE} px photo ({len(seconds)} photos): median {median:.2f} s, p95 {p95:.2f} s "
        f"(goal median ≤{GOAL_MEDIAN_S:.0f} s) {'ok' if time_ok else 'MISSED'}"
    )

    report = score(build(lfw_count=20), inspector, rules)
    for kind in ("face", "lfw face", *TEXT_KINDS):
        print(f"  {kind:9} precision {report.precision(kind):.3f} recall {report.recall(kind):.3f}")
    text_p = sum(report.correct[k] for k in TEXT_KINDS) / max(1, sum(report.reported[k] for k in TEXT_KINDS))
    print(f"  text findings: precision {text_p:.3f} recall {report.text_recall():.3f}")
    return 0 if rss_ok and time_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
