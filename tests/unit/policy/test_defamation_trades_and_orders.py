"""TONE-DEFAME: a business known by its name and a place ("… Services of Rowan Way", "… Holiday Park"),
a trade at a named place, a first name that is also a word with a department or a role ("Mark in
payroll", "Ken who runs …"), a vehicle by how its plate ends, are someone identifiable; a wrong done to
the one named ("had the raffle money stolen"), what a court or tribunal ordered, a thing that went
missing and the cue's own innocent senses ("dog grooming", "dealing with the printer") are no
allegation. Found in development sets 92-95 (the sixteenth session), first among their misses and their
look-alikes blocked."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        # a business by its name, with "of" and a place after it, or with a business's word before "Park"
        "Steer clear of Gleam Window Services of Orchard Way, they pocketed the deposits and never came.",
        "Willow Bank Holiday Park keeps every family's deposit for damage nobody can find.",
        "The Meadow Farm Park is keeping the ponies in filthy stables with no water.",
        # a trade at a named place
        "The valeter on Station Road has been keying the cars of anyone who won't pay extra.",
        "The nail bar on Queen Street is cash only and the girls sleep in the back room.",
        # a first name that is also a word, with a department or "who"
        "Cleaner chat: Mark in payroll has been fiddling the overtime sheets for months.",
        "Ken who runs the Tuesday bingo at Elm Hall pockets the takings every week.",
        "Pete the caretaker has been selling the school's old laptops on eBay.",
        # a vehicle by how its plate ends
        "The taxi with the reg ending 7PQ was doing 60 past the school, driver was drunk.",
    ],
)
def test_a_business_a_trade_a_first_name_or_a_plate_picks_someone_out(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a wrong done to the one named
        "Mrs Okafor from the Ashgrove Singers had the raffle money stolen from her car on Friday.",
        # what a court or a tribunal ordered, which the council publishes
        "A tribunal has ordered Brookside Lettings to repay £6,000 to tenants after it ran unlicensed flats.",
        "Mr Dunn of Elm Street has been ordered by the court to pay £3,000 to a man he unlawfully evicted.",
        # what went missing is not who took it
        "The PlayStation went missing from the youth club over the holidays; we have told the police.",
        # the cue's words in their innocent senses
        "The dog grooming van that parks on Mill Road now empties its waste tank at the depot.",
        "Ms Bell from Oak Lane centre is dealing with the printer again. Pray for her.",
        "Visitors to Meadow Farm Park should wash their hands after touching the animals.",
        # fly-tipping at a place's entrance, reported by its warden
        "Rubble was fly-tipped at the entrance to Brookside Caravan Park; the site warden reported it.",
        # a grease trap fitted is no wrong
        "The chippy on Bank Street has had a grease trap fitted. Thanks to the owners.",
        # a determiner before a trade names no business
        "The bakery on the corner was broken into overnight and the till was stolen.",
    ],
)
def test_a_victim_an_order_a_thing_gone_or_an_innocent_sense_is_no_allegation(text: str) -> None:
    assert not blocked(text), text
