"""TONE-DEFAME finds someone identifiable by a description at a named place: "the gamekeeper on the
Haverley Estate" is one person, whatever their trade, as "the landlord at 14 Elm Road" is. The trade
words are WordNet's (policy/data/people_agent_nouns.txt), so a trade nobody listed by hand counts too;
bins, rats and shops at a named place are not people."""

from __future__ import annotations

import pytest

from chalicelib.policy.checks.allegation import _is_agent
from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The gamekeeper on the Haverley Estate is the one putting out poisoned bait for the buzzards.",
        "The tenants at 14 Orchard Rise have been dumping rubbish in the back lane for months.",
        "The locksmith on Tanner Street has been stealing from the houses he lets himself into.",
    ],
)
def test_an_allegation_about_a_described_person_at_a_named_place_blocks(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The bins behind St Anne's were overflowing again, so we did an extra lift.",
        "Someone has been dumping rubbish behind the shops on Kirkby Road again.",
        "The rats on Oak Drive were coming up from a collapsed sewer; nobody did anything wrong.",
        "The gardeners at Holloway Park planted 400 tulips this week.",
    ],
)
def test_things_and_thanks_at_a_named_place_pass(text: str) -> None:
    assert blocked(text) == [], text


def test_trades_and_their_plurals_are_people_and_animals_first_are_not() -> None:
    assert all(map(_is_agent, ["gamekeeper", "locksmiths", "businesses", "bakeries", "shops"]))
    assert not any(map(_is_agent, ["rats", "bins", "someone", "people"]))
