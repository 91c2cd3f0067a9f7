"""``stories eval-images``: run the inspector over the labelled image set and print its figures and goals."""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .make import Box, Sample, build

GOAL_FACE_RECALL = 0.95
GOAL_TEXT_RECALL = 0.90
GOAL_PLAIN_FALSE = 0.05
TEXT_KINDS = ("phone", "plate", "name", "address", "code")


@dataclass
class Report:
    """Counts per kind: planted and found (recall), and findings that point at nothing planted."""

    planted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    reported: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # boxes the inspector gave
    correct: dict[str, int] = field(
        default_factory=lambda: defaultdict(int)
    )  # of those, on something planted
    plain: int = 0
    plain_flagged: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.planted[kind] if self.planted[kind] else 1.0

    def precision(self, kind: str) -> float:
        return self.correct[kind] / self.reported[kind] if self.reported[kind] else 1.0

    def text_recall(self) -> float:
        planted = sum(self.planted[k] for k in TEXT_KINDS)
        return sum(self.found[k] for k in TEXT_KINDS) / planted if planted else 1.0

    def plain_false(self) -> float:
        return self.plain_flagged / self.plain if self.plain else 0.0


def overlaps(a: Box, b: Box, share: float = 0.3) -> bool:
    """``a`` covers at least ``share`` of ``b``'s area (a finding's box over a planted thing)."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter >= share * max(1, b[2] * b[3])


def face_matches(found: Box, truth: Box) -> bool:
    """A face box whose centre is in the true face and whose size is within a factor of two of it."""
    cx, cy = found[0] + found[2] / 2, found[1] + found[3] / 2
    inside = truth[0] <= cx <= truth[0] + truth[2] and truth[1] <= cy <= truth[1] + truth[3]
    return inside and 0.5 <= found[2] / max(1, truth[2]) <= 2.0


KIND_OF_CHECK = {
    "PII-PHONE": "phone",
    "IMG-PLATE": "plate",
    "PII-VRM": "plate",
    "PII-NAME": "name",
    "PII-ADDR": "address",
    "SEC-CODE": "code",
}


def score(samples: list[Sample], inspector: Any, rules: Any) -> Report:
    from chalicelib.inspect.findings import judge

    report = Report()
    for s in samples:
        data = s.jpeg()
        start = time.perf_counter()
        verdict = judge(inspector.inspect(data), rules)
        report.seconds.append(time.perf_counter() - start)
        face_kind = "lfw face" if s.group == "lfw" else "face"
        faces = [f.box for f in verdict.findings if f.check == "IMG-FACE" and f.box]
        report.planted[face_kind] += len(s.faces)
        for truth in s.faces:
            if any(face_matches(b, truth) for b in faces):
                report.found[face_kind] += 1
            else:
                report.misses.append(f"{s.name}: face {truth}")
        report.reported[face_kind] += len(faces)
        report.correct[face_kind] += sum(any(face_matches(b, t) for t in s.faces) for b in faces)
        for p in s.planted:
            report.planted[p.kind] += 1
            hit = any(
                f.box and (f.underlying or f.check) == p.check and overlaps(f.box, p.box)
                for f in verdict.findings
            )
            report.found[p.kind] += hit
            if not hit:
                report.misses.append(f"{s.name}: {p.kind} {p.text!r}")
        for f in verdict.findings:
            kind = KIND_OF_CHECK.get(f.underlying or f.check)
            if kind and f.box:
                report.reported[kind] += 1
                report.correct[kind] += any(p.kind == kind and overlaps(f.box, p.box) for p in s.planted)
        if s.group == "plain":
            report.plain += 1
            report.plain_flagged += bool(verdict.findings)
            if verdict.findings:
                report.misses.append(f"{s.name}: false {[f.check for f in verdict.findings]}")
    return report


def run(lfw_count: int = 100, verbose: bool = False) -> Report:
    from chalicelib.inspect.embedded import EmbeddedInspector
    from chalicelib.policy.rules import load_rules_file
    from local.stack import DEFAULT_RULES

    report = score(build(lfw_count=lfw_count), EmbeddedInspector(), load_rules_file(DEFAULT_RULES))
    print_report(report, verbose)
    return report


def print_report(r: Report, verbose: bool = False) -> None:
    def mark(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    fr, tr, pf = r.recall("face"), r.text_recall(), r.plain_false()
    goals = (fr >= GOAL_FACE_RECALL, tr >= GOAL_TEXT_RECALL, pf <= GOAL_PLAIN_FALSE)

    print(
        f"Image set: {len(r.seconds)} photos; 1 distinct real clear frontal face (scikit-image's astronaut)"
        f" in {r.planted['face']} placements, {r.planted['lfw face']} low-resolution LFW face crops"
    )
    print(f"  face recall, clear frontal faces: {fr:.3f} (goal ≥{GOAL_FACE_RECALL}) {mark(goals[0])}")
    print(f"  planted text found and flagged:   {tr:.3f} (goal ≥{GOAL_TEXT_RECALL}) {mark(goals[1])}")
    flagged = f"{r.plain_flagged}/{r.plain}"
    print(
        f"  false findings on plain scenes:   {pf:.3f} ({flagged}, goal ≤{GOAL_PLAIN_FALSE}) {mark(goals[2])}"
    )
    print("  per kind:            planted  recall  precision")
    for kind in ("face", "lfw face", *TEXT_KINDS):
        print(f"    {kind:16} {r.planted[kind]:8d}  {r.recall(kind):6.3f}  {r.precision(kind):9.3f}")
    print(
        f"  inspection time per photo (1600 px): median {statistics.median(r.seconds):.2f} s, "
        f"max {max(r.seconds):.2f} s"
    )
    if verbose:
        for m in r.misses:
            print("   -", m)


def register(sub: Any) -> None:
    p = sub.add_parser("eval-images", help="score the photo inspector on the labelled test images")
    p.add_argument("--lfw", type=int, default=100, help="how many LFW face crops to include (0-100)")
    p.add_argument("--verbose", action="store_true", help="list every miss and false finding")
    p.set_defaults(func=_cmd)


def _cmd(args: argparse.Namespace) -> int:
    r = run(args.lfw, args.verbose)
    ok = (
        r.recall("face") >= GOAL_FACE_RECALL
        and r.text_recall() >= GOAL_TEXT_RECALL
        and r.plain_false() <= GOAL_PLAIN_FALSE
    )
    return 0 if ok else 1
