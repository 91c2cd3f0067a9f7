"""TONE-DEFAME, read from development sets 40-45 (trades, neighbours, officials, frontline staff, clubs,
landlords and health services): money taken for work never done or for people who do not exist, a
document made up or signed off unseen, a wrong done "knowing full well", a collection a charity "never
heard of", a hit-and-run "without leaving a note". Beside each, what a comms officer would publish: a shop
that now takes cards, a volunteer who took in neglected ponies or found puppies dumped, a quiz team that
walked off with the trophy, staff who joke about their own failings, a minibus that sailed through its
MOT."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Brightwell Care billed the council for home visits to my aunt that never took place.",
        "The site manager at Ferndale, Gary Hobbs, signs timesheets for labourers who don't exist.",
        "Dean Rowe knocked down the old wall at 9 Ash Grove knowing full well it was listed.",
        "Trevor at 14 Mill Street is raising money for the air ambulance, who have never heard of him.",
        "The driver of the white van outside 3 Cole Lane hit my mirror and drove off without leaving a note.",
        "Councillor Pat Reed overcharges the parish for mileage every single month.",
        "Priory Gas made up the certificate for the boiler at 7 Kings Road.",
        "Our club treasurer Alan Pike kept the money from the quiz night and never paid the hall.",
        # Something it has is no wrong done to it.
        "The café on Dunmore Street has had mouse droppings behind the fridge for weeks and the owner "
        "just wipes them away before opening.",
    ],
)
def test_allegations_about_officials_and_traders_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Fresh Fades Barbers on King Street now takes cards as well as cash.",
        "Jim at 30 Wharf Lane has taken in two neglected ponies, and they're grazing happily now.",
        "Volunteer Ian Booth found puppies dumped on the towpath, and they are recovering at Greenside Vets.",
        "At the Harriers' quiz night a team from Marsh & Co walked off with the trophy.",
        "Parish clerk Janet Moyle says she's hopeless with technology, but she built the parish website.",
        '"I was useless at maths at school," admits our finance director Jane Holt.',
        "Scout leader Phil Garside admits he set fire to the sausages again at camp.",
        "The St Cuthbert's minibus sailed through its MOT, and bursar Helen Graves had a bun.",
        "Staff at Heron House raised the alarm when a resident went missing, and police found her safe.",
        "Phil Barton of Barton Decorating explains how he got rid of black mould in his own bathroom.",
        # A wrong done to a business, however many words lie between "had" and it.
        "Fenwick Plant Hire had thousands of pounds of tools stolen in a break-in on Sunday night.",
        "Hadley Roofing had copper pipe stolen from its yard.",
    ],
)
def test_look_alikes_of_officials_and_traders_pass(text: str) -> None:
    assert not blocked(text), text
