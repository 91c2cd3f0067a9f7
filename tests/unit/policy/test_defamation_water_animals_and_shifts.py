"""TONE-DEFAME, read from development sets 76-79 (housing and care, waste and licensing, clubs and
libraries, the countryside and the roads): waste poured into drains and rivers, animals hurt or left
without food, a bribe offered to the officer, clocking on and going home, money kept or sold on, papers
shredded, poaching, and a driver who tried to run someone over. Beside each, what a comms officer would
publish: a reminder not to pour fat down the sink, a lost dog, a thank-you card, a shift pattern, a
charity's accounts, a fishing season."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The Lucky Star chippy on Bank Street has been tipping its old oil down the drains for months.",
        "The manager at Greenacre Holiday Park, Alan Birch, lets the septic tank overflow into the beck.",
        "Mrs Doyle at 4 Kiln Row keeps her two collies in the yard with no food or water for days.",
        "The groom at Hollybrook Stables, Dean, was hitting the horses with a crop when nobody was about.",
        "Stuart Fenn from Fenn Roofing offered me forty quid to sign his scaffold off without looking.",
        "Everyone knows Gary Moss on the Thursday sweep clocks on, goes home and comes back at two.",
        "Barry Cole, who runs the clothes bank outside Aldi, sells the lot on. No charity sees a penny.",
        "The manager at Rowan Court, Sandra Bell, shredded the complaints file the week before the audit.",
        "Ian Mackie at the Brae Farm shop sells venison that's been poached off the estate next door.",
        "The driver of the grey Hilux outside Lidl in Bury tried to run me over when I asked him to move.",
    ],
)
def test_allegations_of_water_animals_bribes_and_shifts_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Please don't pour cooking fat down the drains: let it set, bag it and put it in the food bin.",
        "Someone has let the slurry overflow into the beck at Low Moor; the Environment Agency are on it.",
        "Found: a black collie on Kiln Row with no collar. She's had food and water and is safe with us.",
        "Thank you to Dean at Hollybrook Stables, who lent the horses for the road safety day.",
        "Stuart Fenn from Fenn Roofing sent the depot a thank-you card and a box of biscuits.",
        "The Thursday sweep crew clock on at six and are home by two, and the streets look great.",
        "Kingsmead Hall's accounts are online: every penny from the Friday lets goes to the roof fund.",
        "Fishing on the Brae opens in March; permits are at the Brae Farm shop, from Ian Mackie.",
    ],
)
def test_look_alikes_of_water_animals_bribes_and_shifts_pass(text: str) -> None:
    assert not blocked(text), text
