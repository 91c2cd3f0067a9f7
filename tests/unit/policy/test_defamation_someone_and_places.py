"""TONE-DEFAME, read from development sets 24 to 31 (look-alikes written to share the allegations' words):
"someone" who did it is its doer, not the place named after ("Someone dumped tyres in the lay-by at Cross
Ash"); what was stolen "from outside the Plough" was done to the Plough; investigators who "traced" it and
advice, praise, folklore and events excuse a sentence; "Trading Standards" is nobody to defame; mould
surveys, coffee drunk and a cheque gone missing in the post are no wrongs. Beside them, allegations in
the same words: favouritism "because his lad plays", "funny how their bin is always empty", a sister's
café, drivers who never had a DBS check."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Five stars to Dave Morton the gardener, who had all his tools stolen from his van and still came.",
        "Express Couriers in Granby have had three vans stolen this month; if offered a cheap van, tell us.",
        'The care-home owner in our new drama, "Evening Rooms", is a liar and a bully; see it on Friday.',
        "Ross Hedley, night manager at the Cedars hostel, stayed on until 4am to find a bed for a sleeper.",
        "Ellis Plumbing fixed our boiler in an hour, highly recommended.",
    ],
)
def test_more_look_alikes_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Someone dumped a load of tyres in the lay-by at Cross Ash overnight; if you saw a vehicle, "
        "call 101.",
        'Head of Parks Simon Okafor said: "Someone dumped a sofa in the pond at Bramley Gardens overnight."',
        "Someone's selling fake tickets for the Belfast Christmas market. Buy only from us.",
        "Someone stole three hanging baskets from outside the Plough in Orton overnight on Saturday.",
        "If someone at your door wants cash today for roof work, call Trading Standards. Rogue traders lie.",
        "Thornbury Construction's site manager alerted the Environment Agency, who traced a fly-tipped drum.",
        "PC Rhian Lloyd will give advice at Llanfair village hall on keeping tools safe from thieves.",
        "Legend says the giant of Cwm Du stole the church bell and hid it in the lake.",
        "Patel's off-licence was praised by Trading Standards after staff refused to sell cider to "
        "underage lads.",
        "Meadowlark Homes start the mould survey on Jasmine Court next week.",
        "Cllr Frank Mellor said he'd drunk so much coffee before the budget vote he couldn't sit still.",
        "The Nantgaredig village hall committee's grant cheque went missing in the post; the bank "
        "reissued it.",
        "Licensing manager Paul Greaves reminds venues that selling alcohol to the drunk is an offence.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Kids' football was lovely apart from the ref from Town Juniors, giving them everything "
        "because his lad "
        "plays for them.",
        "Cleared more nappies from the lane behind Tasty Spice. Funny how their trade waste bin is "
        "always empty.",
        "Kids at St Mary's go hungry because the kitchen manager sends half the food order to her "
        "sister's café.",
        "Abbey Lane Taxis are doing the school run with drivers who've never had a DBS check.",
        "The woman behind the counter at Belmont Post Office says the pension hasn't come, then it goes "
        "missing.",
        "Found rat droppings all over the kitchen at the Golden Wok, wouldn't eat there if you paid me.",
    ],
)
def test_allegations_in_the_same_words_block(text: str) -> None:
    assert blocked(text), text
