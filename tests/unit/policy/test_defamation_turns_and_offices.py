"""TONE-DEFAME reads praise that turns ("lovely, but ...", "thanks, although ...") as praise of the rest,
not an excuse for what follows the turn; what the one named lets others do as theirs ("lets his lads
work with no harness"); an office only one person holds ("the head of parking") and descriptions that
name someone by their van, their house or the shop they keep; and the ordinary words of fiddles,
neglect and danger. Beside each, what a comms officer would publish: a joke that "nearly killed us",
history and book club talks, advice to worried residents, the staff's own head of service."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Cheers to Northway Taxis for the lift, although their driver on Friday was clearly over the limit.",
        "Mo at the corner shop is a sweetheart but he's been keeping the cash from the lottery machine.",
        "The foreman on the Larkspur site lets his lads go up the scaffold with no harness.",
        "The new head of parking has no clue what he's doing, three machines broken since June.",
        "The dog groomer on Kettering Road nicked a spaniel's ear and blamed the owner.",
        "Sandra who used to run the Friends of Elm Park walked off with the raffle money.",
        "That bloke with the red Navara on Quarry Rise keeps pups in his shed and they look half starved.",
        "The man in the end house on the corner of Ashby Road chopped down a protected oak last week.",
        "Landlord of the Plough has been chucking his food waste in the residents' bins for weeks.",
        "Apex Roofing cooked the books on the school job and billed us for slate they never laid.",
    ],
)
def test_allegations_past_a_turn_by_an_office_or_a_description_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The new instructor at Riverside Leisure ran a spin class that nearly killed us all. Come along!",
        "Book club this month: a crime novel about a forger, all welcome at Ripon Library on Tuesday.",
        "Local history talk: the smugglers of the 1780s at Robin Hood's Bay, with the Heritage Society.",
        "Overcrowding in shared houses is dangerous. If you're worried, our housing team can help.",
        "Our head of parking fixed the broken ticket machine on Bridge Street himself.",
        "Thanks to Dave at the depot, who fixed the barrier, though someone dumped a sofa by Monday.",
        "The chair of governors at Hillside opened the new library and thanked the volunteers.",
        "Big thanks to Castle Cars for the lift home after the awards, although the traffic was awful.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert blocked(text) == [], text
