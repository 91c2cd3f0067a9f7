"""Scots, Ulster and London swearing read from development sets 31 and 33 (eighteenth session), with the
innocent words beside them: "frigid" is cold, a library's "See you next Tuesday!" is a goodbye, and a
dog's 💩 is a dog's."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The supervisor's been a total erse-hole aboot overtime.", "erse-hole"),
        ("Them gulls are wee bassas this week, robbin sandwiches.", "bassas"),
        ("The new food caddies are a pain in the bawsack.", "bawsack"),
        ("Some dickheid in a hatchback undertook the bin lorry.", "dickheid"),
        ('Some genius carved "JAZ IS A SKET" into a bench.', "SKET"),
        ('Note on the fly-tip: "ur welcome u tight fisted bastids".', "bastids"),
        ("Shout out to the street cleaners, frigging legends every one.", "frigging"),
        ('Bin crew got told to "frig off" by a driver.', "frig off"),
        ("Man in Newry told me tae stick ma leaflet up ma hole.", "up ma hole"),
        ('Ah asked him tae move and he tellt me "pòg mo thòn".', "pòg mo thòn"),
        ('A sign reading "COUNCIL R BELLENDZ" came out of the river.', "BELLENDZ"),
        ("Landlord's a k n o b h e a d, no other word for it.", "k n o b h e a d"),
    ],
)
def test_regional_and_street_swearing_blocks(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('The note just said "see you next tuesday" wi an arrow at the driver.', "see you next tuesday"),
        ('She wished the receptionist a lovely "see you next Tuesday." every visit.', "see you next Tuesday"),
        ("Man waving our letter: what the actual 🦆 is this.", "what the actual 🦆"),
        ("Whoever left the nappies at the bottle bank, ye absolute 💩bag.", "💩bag"),
    ],
)
def test_a_quoted_goodbye_and_emoji_for_words_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Frigid night ahead: the emergency shelter is open from 7pm.",
        "Reading group was lovely. See you next Tuesday, everyone!",
        "Please bag your dog's 💩 on the prom, there are bins every 50 metres.",
        "Quiz night at the Ritz: Fritz from the library won the buzzer round.",
    ],
)
def test_their_look_alikes_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Loons, quines, take yer shaggin hame.", "shaggin"),
        ("Dinna tie yer boat tae the lifeboat's moorin, ye donkey-shaggin fool.", "donkey-shaggin"),
        ("Don't overfill your bin or it stinks like a fart in a lift.", "fart"),
        ("The portaloos are emptied twice a day, so no more crapping in the hedges.", "crapping"),
        ("Sorry, we totally FUBAR'd the lamp replacement schedule.", "FUBAR'd"),
        ("The new lifeguard rota was a total pony, so it's back to the old one.", "total pony"),
        ('Bloke at the gate says the booking system is "a load of old Tom tit".', "old Tom tit"),
    ],
)
def test_dropped_gs_crude_words_and_rhyming_slang_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Join the Tuesday fartlek session at Riverside Park, all abilities welcome.",
        "The pony club's gymkhana is on Saturday; the built-in seating has been cleaned.",
    ],
)
def test_a_running_drill_and_a_pony_club_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


def test_the_dickin_medal_is_a_name() -> None:
    assert found("A police dog from the county was awarded the PDSA Dickin Medal.", "TONE-PROF") == []
