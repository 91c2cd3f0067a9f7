"""SEC-VULN finds a refuge's or a vulnerable resident's street even when its ending is not a familiar one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("")


def places(text: str) -> list[str]:
    findings = [f for f in run_checks(text, CTX, RULES).findings if f.check == "SEC-VULN"]
    assert all(f.severity is Severity.BLOCK for f in findings)
    return [text[f.start : f.end] for f in findings]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Our gardeners tidied the grounds of the women's refuge on Tudor Fork today.", "Tudor Fork"),
        ("New locks fitted at the safe house on Ash Landing.", "Ash Landing"),
        ("The sheltered housing scheme in Kirkby Glen Rest had its fire alarms tested.", "Kirkby Glen Rest"),
        ("Fire alarm tests done at the hostel for care leavers on Orchard Burgs.", "Orchard Burgs"),
        ("Our supported housing for care leavers at Elm Fields got new kitchens.", "Elm Fields"),
        ("We repainted the hostel for vulnerable adults on Bishop Meadows.", "Bishop Meadows"),
        ("The night shelter on Quarry Glen needs sleeping bags.", "Quarry Glen"),
        ("We fitted a grab rail for a frail widow who lives on Heron Meadows.", "Heron Meadows"),
        ("A vulnerable tenant on Priory Orchard had her boiler fixed.", "Priory Orchard"),
    ],
)
def test_a_street_with_an_unfamiliar_ending_after_a_refuge_or_a_vulnerable_home_is_blocked(
    text: str, place: str
) -> None:
    assert places(text) == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Supported housing in Reigate and Highgate is run by our partners.",
        "The refuge in Leeds is always looking for volunteers.",
        "We support people in sheltered housing across the borough.",
        "The sheltered housing scheme at Central Library ran a quiz.",
        "The refuge is supported by Comic Relief.",
        "She lives on Heron Meadows and loves the new bins.",
        "Planning committee approved 40 extra care flats on Bishop Meadows.",
        "The youth hostel on Tudor Fork reopened for walkers.",
    ],
)
def test_a_town_a_building_or_a_street_with_no_one_vulnerable_passes(text: str) -> None:
    assert places(text) == []
