"""TONE-DEFAME: someone a local knows by what they keep doing or have, with no place named ("the bloke
who runs the kebab van on the market square", "the dog walker with the yellow van", "the removals firm
run by the ex-councillor's son", "the one with the union jack shed"); and praise, corrections and
outcomes that are no allegation ("Class act.", "Give that woman a medal.", "He'll be missed.", "wrongly
linked", "evicted under a court order", "handed over the CCTV"). Found in development sets 106-111 (the
seventeenth session); the sentences here are written for the tests."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The bloke who runs the burger van by the bus station tops up the oil with stuff from the tip.",
        "The window cleaner who does the flats behind the chippy charges double and skips half the windows.",
        "The dog walker with the red estate car leaves the bags of poo hanging on the fence every morning.",
        "The scaffolding firm run by the landlord's brother never ties anything in.",
        "The plot holder by the railway, the one with the blue shed, sells the council's compost.",
        "The taxi firm with the yellow cars that does the school runs sends drivers with no badge.",
        "The man who runs the burger van by the park has been stealing from the charity tin.",
        'The bloke with the "designer" handbags at the car boot sells fakes, and he knows it.',
        "Whoever's at number 12 Rope Walk, we know the yard sale is all nicked gear.",
        "The builder on the new estate, everyone knows who, pours footings at night to dodge inspections.",
        "The social club's new treasurer has been fiddling the kitty for months.",
    ],
)
def test_someone_known_by_a_habit_or_a_thing_they_have_is_identifiable(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a past deed picks out nobody: whoever did it is not known
        "The man who dumped the sofa on the verge drove off before anyone saw his plate.",
        # "head" is also the body's
        "Nothing for it but to hit him over the head with a frying pan, as the old joke goes.",
    ],
)
def test_a_deed_or_a_body_part_is_nobody_known(text: str) -> None:
    assert not blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Word is the bowls club committee paid for the new benches out of their own pockets. Class act.",
        "Eileen Marsh has run the lunch club at St Luke's for twenty years. Give that woman a medal.",
        "Word is Reverend Tom at Holy Trinity is retiring after thirty years. He'll be missed.",
        "Tbh the Hillside pantry coordinator Jo Reeve is the hardest worker I know.",
        "The butcher on Castle Street had his scales checked by trading standards and they were spot on.",
        "A website wrongly linked the chair of the Elm Court tenants to a fraud case. She had no part in it.",
        "A tenant on the Oakfield estate was evicted under a court order after running a fake collection.",
        "The Red Lion on the green handed over the CCTV of the lads who smashed the bus shelter.",
        "The groundsman at Low Fields owes the cricket club a favour after they fixed his mower.",
        "A volunteer at the Mill Street hub spotted a scam text on a resident's phone and stopped it.",
        "The spin instructor at Kingsmoor Gym, Kerry, smashed a 24-hour charity ride at the weekend.",
        "The landlord of the Crown on Mill Street has never once served anyone underage in thirty years.",
        "The Benson brothers' doughnut stall shut straight away until it was fixed, as it should.",
    ],
)
def test_praise_corrections_and_outcomes_are_no_allegation(text: str) -> None:
    assert not blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # "Nice one" is as often said of a wrong, and five-star reviews are as often faked
        (
            "Dave Hollis of Hollis Roofing took £3,000 off a pensioner for a new roof and just painted"
            " the old tiles. Nice one Dave."
        ),
        "Funny how all the five-star reviews for Bella's Bistro turned up in one afternoon. New accounts.",
        # a favour owed for a wrong done is still the wrong
        "The caretaker at Elm Court sold the boiler parts to his mate, who now owes him a favour.",
        "The landlord of the Crown on Mill Street serves underage kids every Friday night.",
    ],
)
def test_sarcasm_and_faked_praise_still_block(text: str) -> None:
    assert blocked(text), text
