"""TONE-DEFAME: a business or an account named by words run together ("TreeWise", "StarCars",
"bargain_barn_kent") and a role that a named place picks out ("the Bramley Street Market inspector",
"the Falls Road food co-op's treasurer") are someone identifiable. Found in development sets 40-87, where
they were 82 of the misses that had the wrong's words; the development sets then caught 22 more."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The gardening firm advertising as GreenThumbz charges for green waste and tips it in the woods.",
        "QuickSkip on Mill Road keep fly-tipping the rubble they are paid to take to the tip.",
        "The Etsy seller crafty_corner_hull passes off shop-bought candles as her own handmade ones.",
        "The Northgate Road leisure centre manager falsified the pool safety checks for months.",
        "Everyone knows the Elm Park bowls club treasurer has been stealing from the subs tin.",
    ],
)
def test_a_joined_name_or_a_role_a_place_picks_out_is_someone(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a hashtag is no business
        "Never pay for a holiday let by bank transfer: fake listings cost residents £12k. #ScamAware",
        # a place or a body, not someone
        "The vending machine in the Harbour Road office stole my pound coin again. Cheeky thing.",
        # the words after a place's role name it no more: the thieves are the doers
        "Guards at the Riverside car park helped police catch two men who stole a van on Friday.",
        # an official outcome told as history
        "We watched a documentary on the Hexley councillor jailed for fraud, as part of our ethics training.",
        # a Scottish surname is no joined name
        "McAllister's van was stolen from outside the depot overnight; police are looking into it.",
    ],
)
def test_a_hashtag_a_body_or_an_outcome_is_no_allegation(text: str) -> None:
    assert not blocked(text), text
