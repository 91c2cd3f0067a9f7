"""The quality gate: the checks block what must never be published and leave clean stories alone.

On the dev split (the families the checks were written beside) the gate is 0.98 for every critical
check. On the held-out test split (``local.corpus.holdout``: text and vocabularies the checks never
saw) each check is held to the figure it has reached, never lower; ``HELD_OUT_GOAL`` is where
it must get to. Every gated check must be in the catalogue (a renamed or dropped one fails rather
than going unmeasured); a failure lists every miss with its text and span.
"""

from __future__ import annotations

import pytest

from chalicelib.policy.catalogue import CHECKS
from local.corpus import corpus_rules, generate, select
from local.corpus.runner import run_catalogue
from local.corpus.scoring import Report, is_critical, score

DEV_BLOCK_RECALL = 0.98
FALSE_BLOCK_LIMIT = 0.02
GATED = (
    "PII-NHS",
    "PII-NINO",
    "PII-PHONE",
    "PII-EMAIL",
    "PII-ADDR",
    "PII-POSTCODE",
    "PII-NAME",
    "PII-SPECIAL",
    "PII-CHILD",
    "SEC-CODE",
    "SEC-VULN",
    "POL-PARTY",
)
# The held-out split: the goal the issue sets, and the floor each check has reached (a ratchet:
# raise a floor when a check improves, never lower it). Measured with
# `stories eval --split test`.
HELD_OUT_GOAL = {**dict.fromkeys(GATED, 0.95), "TONE-PROF": 0.90, "TONE-DEFAME": 0.70}
HELD_OUT_FLOOR = {
    "PII-NHS": 1.0,
    "PII-NINO": 1.0,
    "PII-PHONE": 1.0,
    "PII-EMAIL": 1.0,
    "PII-ADDR": 1.0,
    "PII-POSTCODE": 1.0,
    "PII-NAME": 0.98,
    "PII-SPECIAL": 0.97,
    "PII-CHILD": 1.0,
    "SEC-CODE": 1.0,
    "SEC-VULN": 1.0,
    "POL-PARTY": 1.0,
    "TONE-PROF": 0.92,  # not independent since 2026-12-06 (README): the blind sets are its honest figure
    "TONE-DEFAME": 1.0,
}


def _report(split: str) -> Report:
    items = select(generate(), split)
    return score(items, run_catalogue(items, corpus_rules()), CHECKS)


@pytest.fixture(scope="module")
def dev() -> Report:
    return _report("dev")


@pytest.fixture(scope="module")
def held_out() -> Report:
    return _report("test")


def test_the_gated_checks_are_the_critical_ones() -> None:
    assert all(is_critical(c) for c in GATED)


def test_every_gated_check_is_in_the_catalogue() -> None:
    missing = [c for c in (*GATED, *HELD_OUT_GOAL) if c not in CHECKS]
    assert missing == [], f"gated checks missing from the catalogue: {', '.join(missing)}"


def test_every_held_out_check_has_a_goal_and_a_floor() -> None:
    assert set(HELD_OUT_FLOOR) == set(HELD_OUT_GOAL)


def _recall(report: Report, check: str) -> tuple[float, str]:
    assert check in CHECKS, f"{check} is gated but not in the catalogue"
    s = report.per_check[check]
    assert s.gold_block > 0, f"the split has no {check} positives"
    misses = [m for m in report.misses if m.check == check]
    detail = "\n".join(
        f"  {m.item_id} [{m.start}:{m.end}] {m.text[m.start : m.end]!r} in {m.text!r}"
        + (f" (found {[(p.severity, p.start, p.end) for p in m.found]})" if m.found else "")
        for m in misses
    )
    return (
        s.block_found / s.gold_block,
        f"{check} BLOCK recall {s.block_found}/{s.gold_block}; missed:\n{detail}",
    )


@pytest.mark.parametrize("check", GATED)
def test_block_recall_on_the_dev_split(dev: Report, check: str) -> None:
    recall, detail = _recall(dev, check)
    assert recall >= DEV_BLOCK_RECALL, detail


@pytest.mark.parametrize("check", sorted(HELD_OUT_FLOOR))
def test_block_recall_on_the_held_out_split_never_falls(held_out: Report, check: str) -> None:
    recall, detail = _recall(held_out, check)
    assert recall >= HELD_OUT_FLOOR[check], detail


@pytest.mark.parametrize("split", ["dev", "test"])
def test_clean_stories_and_hard_negatives_are_rarely_blocked(
    dev: Report, held_out: Report, split: str
) -> None:
    report = dev if split == "dev" else held_out
    for rate, what in (
        (report.false_block_clean, "clean stories"),
        (report.false_block_hard, "hard negatives"),
    ):
        assert rate.total > 0
        detail = "\n".join(
            f"  {item_id}: {[(p.check, p.start, p.end) for p in preds]}"
            for item_id, preds in report.wrongly_blocked.items()
        )
        assert rate.hits / rate.total <= FALSE_BLOCK_LIMIT, (
            f"{rate.hits}/{rate.total} {what} blocked:\n{detail}"
        )
