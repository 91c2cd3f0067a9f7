"""TONE-DEFAME reads allegations made without saying them: an ordinary word in sarcastic quotes ('took
the wardrobe and "lost" it'), a retort to what someone claimed ("Tell that to the tenants ..."), "they"
doing wrong to "my mum", someone "seen" or "caught" doing it, and cowboys at a named firm. Beside each,
what a comms officer would publish: the staff's own joke in quotes, a retort to nobody's claim, a
resident who saw it happen, a named person thanked."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Swift Removals took my neighbour's piano and \"lost\" it, and now they won't pick up the phone.",
        'Gav the Van does "house clearances" round Hucknall and they all end up in the woods.',
        'The pothole on Ashby Road was "fixed" by Kwikpatch Ltd three times this winter.',
        "Northgate Housing says it answers repairs in 28 days. Tell that to the tenants at 9 Elm Row.",
        "Don't use Budget Skips. They charged my dad £250 and then fly-tipped his rubbish in a lay-by.",
        "Staff at Parkview Dental have been seen reusing instruments without the steriliser.",
        "Those cowboys at Elite Paving tarmacked a pensioner's drive and it's breaking up already.",
        "The fella at 12 Holly Terrace is selling pinched bikes on Facebook.",
        'Sweet Treats on Mill Row sells "homemade" brownies that come out of a supermarket box.',
        "Ray who runs the car boot gives the best pitches to anyone who slips him a tenner.",
        "Apex Paving took a £1,500 deposit from a widow on Elm Row and hasn't been seen since.",
        "The ice cream man at Victoria Park smelled of whisky by two o'clock on Sunday.",
        "Kwik Cabs run an unlicensed minibus from the station rank every Friday night.",
        "The fishmonger at the Thursday market is passing off frozen cod as fresh, my dad can tell.",
        'The chemist on Dale Road keeps "running out" of inhalers and then selling them private.',
    ],
)
def test_allegations_by_insinuation_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        'We "fixed" the office printer again this morning. It lasted ten minutes.',
        'Our "award-winning" crew got soaked on the Ashby Road round today.',
        "The forecast says sunshine all week. Tell that to the gritting crews on the tops.",
        "Mrs Okafor at 12 Holly Terrace saw a man dumping bags and rang us straight away. Thank you!",
        'The library\'s "lost property" box is full: gloves, a ukulele and one wellington.',
        "Thanks to Swift Removals for moving the library's shelving for free.",
        'Lovely "homemade" scones from Crumbs Bakery at the fete, all sold by noon.',
        "A stray dog on Elm Row hasn't been seen since Tuesday; ring the dog warden if you spot her.",
        "Trading standards seized 400 unlicensed vapes from a shop on Elm Row this week.",
        "Arguing with the Elm Row printer is flogging a dead horse, so we've ordered a new one.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert blocked(text) == [], text
