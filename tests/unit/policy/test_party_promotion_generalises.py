"""Promotion of a party nobody listed is caught by the shape of its name; ordinary words stay clean."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "POL-PARTY", CTX)


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Vote for the Wessex Independents on 7 May.", "Wessex Independents"),
        ("Back the Harbour Town Alliance on polling day!", "Harbour Town Alliance"),
        ("Re-elect the Northfield Democrats.", "Northfield Democrats"),
        ("The Ashby Coalition candidate for Mill Ward is Sam Reid.", "Ashby Coalition"),
        ("Jo Bell is standing as the Moorland Socialists candidate.", "Moorland Socialists"),
        (
            "The new bridge was built by the Dales First Alliance. Remember that when you vote.",
            "Dales First Alliance",
        ),
        ("Only the Party of Working Families will protect the green belt.", "Party of Working Families"),
        ("Only the Riverside Front will keep the library open.", "Riverside Front"),
        ("The Canal Party are great, vote for them on Thursday.", "Canal Party"),
        ("Support the Hillside League on polling day.", "Hillside League"),
        ("Vote for the Tarn Valley Party: remember that when you vote.", "Tarn Valley Party"),
    ],
)
def test_a_party_shaped_name_with_an_electoral_cue_is_promotion(text: str, party: str) -> None:
    spans = blocked(text)
    assert len(spans) == 1
    assert party in spans[0]


@pytest.mark.parametrize(
    "text",
    ["Vote Mebyon Kernow on polling day.", "Vote for Cymru Rydd in the council elections."],
)
def test_a_vote_for_a_name_of_any_shape_in_an_election_is_promotion(text: str) -> None:
    assert blocked(text) != []


@pytest.mark.parametrize(
    "text",
    [
        "We used a conservative estimate of the cost.",
        "Labour costs for the new roof came in under budget.",
        "The Green Flag award was presented to Beckside Park.",
        "Reform of the bus routes starts in March.",
        "Staff voted to name the gritter Sir Gritalot.",
        "Party in the Park returns on Saturday.",
        "The Christmas party is on Friday.",
        "A search party found the missing dog.",
        "The working party meets on Tuesday.",
        "Vote for the best stall on the Sea Front.",
        "Vote for Mr Frosty in our gritter-naming poll.",
        "Our team is in the Sunday League and won on Saturday.",
        "The Canal Alliance cleared the towpath; thanks to all the volunteers.",
        "Vote for your favourite entry in the Premier League fantasy contest.",
        "The Women's Institute and the Ramblers' Alliance led the walk.",
    ],
)
def test_ordinary_words_and_names_of_the_same_shape_pass(text: str) -> None:
    assert blocked(text) == []
