"""TONE-DEFAME: an excuse word inside a business's name is the business's ("Sterling Enforcement", "Crown
Court Flats", "Spotless Services"), though a court named is an outcome; "please be aware that ...",
"please avoid ..." and "thanks for nothing" warn of someone rather than advise or thank; being paid off
is the wrong of the one paid, and "had had a drink" is done by them. Found in development sets 1-87; the
development sets then caught 23 more."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The bailiff from Granite Enforcement assaulted a pensioner on her own doorstep last week.",
        "The owner of Crown Court Apartments crams twelve tenants into a three-bed and charges each one.",
        "Our cleaning firm, Spotless Solutions, sends one person to a three-person job and bills for three.",
        "Please be aware that Dan from Apex Roofing charged a widow £4,000 for work he never did.",
        "Please avoid Meadow View Kennels on Hill Road: the owner leaves the dogs with no water for days.",
        "Thanks for nothing, Budget Movers, who stole my mum's rings while packing her flat.",
        "Referee Sam Pike was paid off before the cup final; nobody gives four penalties like that for free.",
        "The lollipop man on Park Road, Stan Wood, had clearly had a drink before the morning crossing.",
        "The manager at Lucky Star bingo in Hexley has rigged the machines so they never pay out.",
        "The tester at Ring Road Motors has no idea how to do an emissions test and fiddles the results.",
    ],
)
def test_a_name_a_warning_or_a_bribe_excuses_nothing(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a court by its name is an outcome
        "A pet shop owner from Bridge Street was banned from keeping animals at Hexley Magistrates' Court.",
        # negated and comparative senses
        "The Crooked Spire in Chesterton ran our charity quiz. Name aside, nothing crooked about that lot.",
        "Top tip from Bright Minds Tutoring's Sanjay Patel: little and often beats cramming.",
        # advice as advice
        "Please don't pay cash up front to anyone knocking on your door offering to fix your roof.",
    ],
)
def test_a_court_a_denial_or_advice_still_excuses(text: str) -> None:
    assert not blocked(text), text
