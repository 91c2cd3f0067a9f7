"""The quality gate: on the test split, the implemented checks block what must never be published and
leave clean stories alone.

Every gated check must be in the catalogue (a renamed or dropped one fails rather than going
unmeasured); a failure lists every miss with its text and span.
"""

from __future__ import annotations

import pytest

from chalicelib.policy.catalogue import CHECKS
from local.corpus import corpus_rules, generate, select
from local.corpus.runner import run_catalogue
from local.corpus.scoring import Report, is_critical, score

BLOCK_RECALL_GOAL = 0.98
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


@pytest.fixture(scope="module")
def report() -> Report:
    items = select(generate(), "test")
    return score(items, run_catalogue(items, corpus_rules()), CHECKS)


def test_the_gated_checks_are_the_critical_ones() -> None:
    assert all(is_critical(c) for c in GATED)


def test_every_gated_check_is_in_the_catalogue() -> None:
    missing = [c for c in GATED if c not in CHECKS]
    assert missing == [], f"gated checks missing from the catalogue: {', '.join(missing)}"


@pytest.mark.parametrize("check", GATED)
def test_block_recall_on_the_test_split(report: Report, check: str) -> None:
    assert check in CHECKS, f"{check} is gated but not in the catalogue"
    s = report.per_check[check]
    misses = [m for m in report.misses if m.check == check]
    detail = "\n".join(
        f"  {m.item_id} [{m.start}:{m.end}] {m.text[m.start : m.end]!r} in {m.text!r}"
        + (f" (found {[(p.severity, p.start, p.end) for p in m.found]})" if m.found else "")
        for m in misses
    )
    assert s.gold_block > 0, f"the test split has no {check} positives"
    assert s.block_found / s.gold_block >= BLOCK_RECALL_GOAL, (
        f"{check} BLOCK recall {s.block_found}/{s.gold_block}; missed:\n{detail}"
    )


def test_clean_stories_are_rarely_blocked(report: Report) -> None:
    rate = report.false_block_clean
    assert rate.total > 0
    detail = "\n".join(
        f"  {item_id}: {[(p.check, p.start, p.end) for p in preds]}"
        for item_id, preds in report.wrongly_blocked.items()
    )
    assert rate.hits / rate.total <= FALSE_BLOCK_LIMIT, (
        f"{rate.hits}/{rate.total} clean stories blocked:\n{detail}"
    )
