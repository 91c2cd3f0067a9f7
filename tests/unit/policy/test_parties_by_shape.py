"""A party nobody listed is still promoted when a sentence aims a vote at it.

Invented party names, outside every list the checks and the corpus hold; beside them, sentences that
aim the same words at a firm or a place with no election in sight.
"""

from __future__ import annotations

import pytest

from tests.unit.policy.test_issue_examples import assert_blocks, severities


@pytest.mark.parametrize(
    "text",
    [
        "Only Kernow Zorvan will fix the potholes. Back them on polling day.",
        "This library was built by Plaid Quellby. Remember that when you vote!",
        "Vote for the Quellby Together party to save the pool.",
        "Proud to be standing as the Brankwick First candidate for Eastfield ward in May.",
    ],
)
def test_a_party_of_any_name_aimed_at_in_an_election_blocks(text: str) -> None:
    assert_blocks(text, "POL-PARTY")


@pytest.mark.parametrize(
    "text",
    [
        "Only Severn Trent can fix the main, so please bear with us.",
        "The new library was built by Quellby Construction and opened in March.",
        "Thanks to Network Rail for the new footbridge.",
        "The polling station at the community centre opens at 7am; thanks to the caretaker for setting up.",
        "Standing as the tallest tree in the park, the oak is a local landmark.",
    ],
)
def test_the_same_cues_aimed_at_a_firm_or_with_no_election_pass(text: str) -> None:
    assert severities(text, "POL-PARTY") == []
