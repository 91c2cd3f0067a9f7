"""Score a system's findings against the corpus's gold labels: span precision and recall per check,
BLOCK recall, and how often clean stories and hard negatives would be wrongly blocked.

A predicted finding matches a gold label of the same check when their spans overlap (for an image,
when they concern the same image). Overlap rather than exact spans, because where a finding starts
("her hip op" or "hip op") matters less to a comms officer than whether it was found at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import Gold, Item

# The checks whose misses publish personal data, a security hole or party politics.
CRITICAL_PREFIXES = ("PII-", "SEC-")
CRITICAL_CHECKS = frozenset({"POL-PARTY"})


def is_critical(check: str) -> bool:
    return check.startswith(CRITICAL_PREFIXES) or check in CRITICAL_CHECKS


@dataclass(frozen=True)
class Predicted:
    """One finding from the system under test, reduced to what scoring needs."""

    check: str
    severity: str
    start: int
    end: int
    image: int | None = None


@dataclass(frozen=True)
class SystemRun:
    """A system's findings on every item, and how long it took to produce them."""

    name: str
    predictions: Mapping[str, tuple[Predicted, ...]]
    seconds: float
    # Entity types the system reported that map to no check (Presidio's URL, DATE_TIME, …).
    unmapped: Mapping[str, int] = field(default_factory=dict)


def overlaps(p: Predicted, g: Gold) -> bool:
    if p.check != g.check:
        return False
    if p.image is not None or g.image is not None:
        return p.image == g.image
    if p.start == p.end:
        return g.start <= p.start < g.end
    return p.start < g.end and g.start < p.end


@dataclass(frozen=True)
class Miss:
    """A gold BLOCK label the system did not block, with what it reported for that check instead."""

    item_id: str
    check: str
    text: str
    start: int
    end: int
    image: int | None
    found: tuple[Predicted, ...]


@dataclass(frozen=True)
class CheckScore:
    check: str
    gold: int = 0
    gold_block: int = 0
    predicted: int = 0
    predicted_matched: int = 0
    gold_found: int = 0
    block_found: int = 0

    @property
    def precision(self) -> float | None:
        return self.predicted_matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None

    @property
    def block_recall(self) -> float | None:
        return self.block_found / self.gold_block if self.gold_block else None


@dataclass(frozen=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class Report:
    """Every figure ``stories eval`` prints for one system."""

    system: str
    items: int
    per_check: Mapping[str, CheckScore]
    block_recall: Rate
    block_recall_critical: Rate
    false_block_clean: Rate
    false_block_hard: Rate
    stories_per_second: float | None
    misses: tuple[Miss, ...]
    wrongly_blocked: Mapping[str, tuple[Predicted, ...]]
    unmapped: Mapping[str, int]


def score(items: Sequence[Item], run: SystemRun, scored_checks: Iterable[str]) -> Report:
    """Score ``run`` on ``items`` for ``scored_checks`` (the checks the catalogue implements).

    Gold labels of other checks are left out of every recall, for every system alike, so that a
    check nobody has written yet does not count as a miss; a system that cannot report a scored check
    (Presidio has no SEC-CODE) misses its labels.
    """
    checks = frozenset(scored_checks)
    tallies: dict[str, Counter[str]] = {c: Counter() for c in checks}
    misses: list[Miss] = []
    wrongly_blocked: dict[str, tuple[Predicted, ...]] = {}
    block_total = block_hit = crit_total = crit_hit = 0
    clean = clean_blocked = hard = hard_blocked = 0

    for item in items:
        preds = run.predictions.get(item.id, ())
        golds = [g for g in item.gold if g.check in checks]
        for p in preds:
            if p.check in checks:
                tallies[p.check]["predicted"] += 1
                tallies[p.check]["predicted_matched"] += any(overlaps(p, g) for g in golds)
        for g in golds:
            t = tallies[g.check]
            t["gold"] += 1
            t["gold_found"] += any(overlaps(p, g) for p in preds)
            if g.severity != "BLOCK":
                continue
            t["gold_block"] += 1
            found = any(p.severity == "BLOCK" and overlaps(p, g) for p in preds)
            t["block_found"] += found
            block_total += 1
            block_hit += found
            if is_critical(g.check):
                crit_total += 1
                crit_hit += found
            if not found:
                misses.append(
                    Miss(
                        item.id,
                        g.check,
                        item.text,
                        g.start,
                        g.end,
                        g.image,
                        tuple(p for p in preds if p.check == g.check),
                    )
                )
        if not item.has_gold_block and item.kind in ("clean", "hard"):
            blocks = tuple(p for p in preds if p.severity == "BLOCK")
            if item.kind == "clean":
                clean += 1
                clean_blocked += bool(blocks)
            else:
                hard += 1
                hard_blocked += bool(blocks)
            if blocks:
                wrongly_blocked[item.id] = blocks

    per_check = {
        c: CheckScore(
            check=c,
            gold=t["gold"],
            gold_block=t["gold_block"],
            predicted=t["predicted"],
            predicted_matched=t["predicted_matched"],
            gold_found=t["gold_found"],
            block_found=t["block_found"],
        )
        for c, t in sorted(tallies.items())
    }
    return Report(
        system=run.name,
        items=len(items),
        per_check=per_check,
        block_recall=Rate(block_hit, block_total),
        block_recall_critical=Rate(crit_hit, crit_total),
        false_block_clean=Rate(clean_blocked, clean),
        false_block_hard=Rate(hard_blocked, hard),
        stories_per_second=len(items) / run.seconds if run.seconds > 0 else None,
        misses=tuple(misses),
        wrongly_blocked=wrongly_blocked,
        unmapped=dict(run.unmapped),
    )


def labelled_checks(items: Iterable[Item]) -> frozenset[str]:
    """Every check the corpus has at least one gold label for."""
    return frozenset(g.check for item in items for g in item.gold)
