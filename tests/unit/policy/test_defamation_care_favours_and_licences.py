"""TONE-DEFAME, read from development sets 80-83 (health and care, building and landlords, inside the
council, the night-time economy): a fund dipped into, cards skimmed, residents locked in or tied to chairs,
visits made up, drink before a shift or an operation, expenses and discounts claimed, an interest not
declared, complaints deleted, unsafe building, drink after hours, fake tickets. Beside each, what a comms
officer would publish: a fundraiser, a card reader, a care home's open day, a Dry January, a councillor's
declared interest, a late licence granted, a ticket warning."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Everyone at the Legion knows Ken Pryce has been dipping into the funds for years.",
        "Ashgrove Lodge in Kettering locks residents in their rooms after ten, their own staff told me.",
        "The agency carer, Donna Pike, made up home visits she never did and billed us for every one.",
        "Dr Hollis at the Crescent surgery came back from a liquid lunch and stank of drink all afternoon.",
        "Cllr Neil Amos declared no interest in the depot sale, and his brother bought it.",
        "The receptionist at Oakview Dental, Trish, has been deleting complaints before the audit.",
        "Mark Olsen of Olsen Homes poured the extension slab with no footings and hid it under the patio.",
        "The Anchor on Quay Street lets regulars drink till 5am behind the shutters.",
        "Jay Kerr on the Northgate Tickets page sold the same festival tickets to forty people.",
        # A time after the wrong is no one who did it to them: "by 2am" is not "by two lads".
        "Sean Duffy, the night porter at the Infirmary, is always half cut by 2am.",
    ],
)
def test_allegations_of_care_favours_and_licences_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The Legion's funds had a boost: Ken Pryce's sponsored walk raised £640 for the new roof.",
        "Ashgrove Lodge in Kettering opens its doors to families on Saturday, cake included.",
        "Dr Hollis at the Crescent surgery is doing Dry January for the hospice. No liquid lunch for her.",
        "Cllr Neil Amos declared an interest in the depot sale and left the room for that item.",
        "The Anchor on Quay Street was granted a late licence till 1am for New Year's Eve.",
        "Buying festival tickets? Only use the official site: fake tickets are doing the rounds again.",
        "Sean Duffy, the night porter at the Infirmary, was mugged by two lads on his way home at 2am.",
    ],
)
def test_look_alikes_of_care_favours_and_licences_pass(text: str) -> None:
    assert not blocked(text), text
