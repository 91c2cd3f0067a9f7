"""TONE-DEFAME: whoever lives or works at a named place, someone who does a named round, a numbered
stall, plot or driver, the people at an address, and one of the staff by an office only one of them holds
("our parking services manager") are someone identifiable. Found in development sets 1-87, where they
were among the misses that had the wrong's words; the development sets then caught 28 more."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Whoever owns the white pony in the paddock at Hollins Farm leaves it with no water for days.",
        "Whoever's in the blue bungalow on Orchard Way is running a puppy farm out of the garage.",
        "The gardener who does the Ferndale Avenue round took deposits off five of us and vanished.",
        "The dinner lady who covers Westgate Primary bins the fresh fruit and takes it home.",
        "Stall 9 on the Friday market is selling counterfeit perfume in real bottles.",
        "Plot 17 at the Brook Lane allotments has been poisoning the badgers with slug pellets.",
        "The family at 41 Hazel Grove are growing cannabis in the attic, the whole street can smell it.",
        "Flat 2, 18 Mill Court: tenant is subletting and still claiming single person discount.",
        "Our parking services manager lets her friends park free on permits she writes out by hand.",
    ],
)
def test_someone_placed_numbered_or_holding_one_office_is_identifiable(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # whoever did the wrong is not known: the writer asks them to stop
        "To whoever keeps dumping bags of garden waste by the gate at Millfield Park: please stop.",
        # a joke one of the staff makes of himself
        "Our depot manager says the only thing he has ever fiddled with is the office thermostat.",
        # a numbered stall or plot that had something done to it
        "Plot 17 at the Brook Lane allotments had its shed broken into and all the tools stolen.",
    ],
)
def test_an_unknown_doer_a_joke_or_a_victim_is_no_allegation(text: str) -> None:
    assert not blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # picked out by what they wear or walk with
        "The bloke with the Staffy and the grey tracksuit who hangs round Mill Park is dealing to the kids.",
        # the chair of a named committee is one person
        "The new licensing chair waved her nephew's taxi licence through without the knowledge test.",
        # who they are by what they do at a named place, in more words
        "The lad who sells burgers off the van at Penrose market reheats last week's stock as fresh.",
        # whoever owns an address
        "Whoever owns 14 Station Terrace is packing twelve people into a three-bed with no fire doors.",
        # a warning note
        "Please note that Hilltop Lettings Ltd is holding tenants' deposits in the director's own account.",
    ],
)
def test_someone_picked_out_by_a_detail_an_office_or_a_house_is_identifiable(text: str) -> None:
    assert blocked(text), text
