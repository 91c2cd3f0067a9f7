"""PII-ADDR and PII-POSTCODE find a home by where the words stand, whatever the street is called."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import parse_rules

RULES = parse_rules("")
CTX = CheckContext(now=datetime(2026, 7, 1, tzinfo=UTC))


def severities(text: str, check: str) -> list[Severity]:
    return [f.severity for f in run_checks(text, CTX, RULES).findings if f.check == check]


@pytest.mark.parametrize(
    "text",
    [
        "We cleared the overgrown garden at 41 Larch Spinney for a resident who could not manage it.",
        "The crew fitted a new front door at 208 Foundry Loaf after the break-in.",
        "Mrs Hill at 17 Beck Garth says thank you for bringing her bin back every week.",
        "New wheelie bins went to 9 Orchard Burgs, LS6 2PQ, this morning.",
        "The family at Flat 2, 33 Copper Beeches, have fed the street's cats all winter.",
    ],
)
def test_a_house_number_and_any_street_name_after_at_or_to_is_a_home(text: str) -> None:
    assert Severity.BLOCK in severities(text, "PII-ADDR")


@pytest.mark.parametrize(
    "text",
    [
        "Up to 40 Volunteers turned out for the litter pick.",
        "The library is open at 9 Monday to Saturday.",
        "Join us at 10 May Fair on the green.",
        "We Went To 12 Oak Trees And Back In One Morning",
        "Our gritters covered 120 miles of road overnight.",
    ],
)
def test_counts_dates_and_title_case_are_not_addresses(text: str) -> None:
    assert severities(text, "PII-ADDR") == []


def test_a_postcode_someone_is_of_blocks_and_a_postcode_alone_warns() -> None:
    assert severities("Ann Smith of PL7 4DW won the best front garden prize.", "PII-POSTCODE") == [
        Severity.BLOCK
    ]
    assert severities("The new recycling centre, PL7 4DW, opens on Monday.", "PII-POSTCODE") == [
        Severity.WARN
    ]
