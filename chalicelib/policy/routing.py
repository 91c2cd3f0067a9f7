"""Who must approve a story: the organisation's ordered steps, plus any routed in by findings or sender."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.findings import Finding
from .rules import ApprovalStep, OrgRules


def _matches(submitter: str, patterns: Iterable[str]) -> bool:
    address = submitter.lower()
    for pattern in (p.strip().lower() for p in patterns):
        if pattern == address or (pattern.startswith("@") and address.endswith(pattern)):
            return True
    return False


def approval_steps(
    rules: OrgRules, *, submitter: str, findings: Iterable[Finding]
) -> tuple[ApprovalStep, ...]:
    """The steps in order: the configured ones, then each matching route's step (once each)."""
    found = {f.check for f in findings}
    steps = list(rules.approval.steps)
    for route in rules.approval.routes:
        by_finding = bool(found.intersection(route.when_findings))
        by_sender = _matches(submitter, route.when_submitters)
        if (by_finding or by_sender) and route.step not in steps:
            steps.append(route.step)
    return tuple(steps)
