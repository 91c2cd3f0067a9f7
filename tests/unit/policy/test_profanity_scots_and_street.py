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
        ('Bloke at the gate says the booking system is "a load of old Tom tit".', "load of old Tom tit"),
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


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Old boy at the tip said I was talking out of my Khyber about plasterboard.", "out of my Khyber"),
        (
            "Comment: the bloke who designed this one-way system is a total Jodrell Bank.",
            "total Jodrell Bank",
        ),
        ("Fell flat on me bottle and glass in the cemetery mud today.", "on me bottle and glass"),
        ("The new parking app is a load of pony and trap.", "load of pony and trap"),
        ("The old Bedford did a raspberry tart every time you changed gear.", "did a raspberry tart"),
        ("Caught a fella having a Barclays in the bandstand at dusk.", "having a Barclays"),
        ("Contractor hasn't given a Donald Duck since.", "given a Donald Duck"),
        ("A swimmer showed the whole school trip his wedding tackle.", "wedding tackle"),
        ("Forty years at the depot and we got sweet F.A. at Christmas.", "sweet F.A."),
        ("Bag it AND bin it, you absolute 🍆s.", "absolute 🍆"),
        ("Message on the noise line: turn that muthafukkin generator off.", "muthafukkin"),
        ("Someone stencilled ACAB on the side of the council van.", "ACAB"),
        ("The bandstand has SHAGGIN SPOT painted on the back wall.", "SHAGGIN"),
    ],
)
def test_more_rhyming_slang_euphemism_and_emoji_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Year 6 went to Jodrell Bank, and the Barclays branch on the high street reopens Monday.",
        "Pony and trap rides at the fete, and raspberry tart and custard in the café.",
        "Bottle and glass banks are by the gate.",
        "Fresh 🍆 and courgettes on the Saturday market from the allotment society.",
    ],
)
def test_the_observatory_the_bank_the_pudding_and_the_vegetable_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []
