"""Swearing read from blind-written development sets' misses. Set 12: a masked root inside a longer word
("f*ckwit", "f*cktonne"), a listed root before a listed tail ("arse-kicker"), "piss-up", "fck" starting a
hashtag written in one case, "AF" and "BS" in capitals where a clause ends, "Berkshire Hunt" beside the
Berkeley one. Set 13: rhyming slang and sexual phrases ("a Richard the Third", "a pair of Bristols", "such
a merchant banker", "hand job"). And the look-alikes beside them (atrial fibrillation, British Standards,
a place's possessive, seedlings pricked out, the Berkshire Hunt as a hunt, a king, a banker, a car club)."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Whichever f*ckwit left a trolley in the boating lake, we've fished it out.", "f*ckwit"),
        ("We've gritted a f*cktonne of roads this week.", "f*cktonne"),
        ("A f*ckton of leaves on the cycle path again.", "f*ckton"),
        ("New spin class at Riverside Leisure is an absolute arse-kicker.", "arse-kicker"),
        ("Staff Christmas piss-up was a belter, back to normal service Monday!", "piss-up"),
        ("#FCKTHEFLYTIPPERS Three more prosecutions this month.", "#FCKTHEFLYTIPPERS"),
        ("Leisure centre's new hot tub is lush AF 🛁", "AF"),
        ("Claims we've cut the bin service are total BS. Collections are unchanged.", "BS"),
        ("Park across a dropped kerb and you're a proper Berkshire Hunt.", "proper berkshire hunt"),
        ("One of the fellas asked for a quick hand job before his bed bath.", "hand job"),
        ("Someone left a Richard the Third the size of a marrow in the gents.", "a richard the third"),
        ('"Kiss my Khyber," laughed caretaker Vinnie.', "kiss my khyber"),
        ("The new librarian's got a lovely pair of Bristols, one comment said.", "pair of bristols"),
        ("Don't be such a merchant banker, came the shout from the back.", "such a merchant banker"),
    ],
)
def test_swearing_read_from_set_twelve_blocks(text: str, span: str) -> None:
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize(
    "text",
    [
        "Time to prick out your seedlings: free gardening workshop at Elmfield Allotments.",
        "Shitterton's new village sign is up after the old one was stolen (again!).",
        "Our nurses now screen patients with AF at the Tuesday clinic.",
        "Free blood pressure checks for people living with AF.",
        "Every play area passed a complete BS EN 1176 inspection.",
        "The rewiring meets BS 7671, the electricians confirmed.",
        "The Berkshire Hunt's old kennels are now a community garden.",
        "Our new kicker for the rugby sevens is a gritter driver.",
        "The f*re station open day raised £400 for the burns unit.",
        "#CUNNINGHAMROAD is open again after the resurfacing.",
        "Richard the Third's reign ended at Bosworth, as our history talk explains.",
        "Her dad was a merchant banker in the City before he ran the food bank.",
        "The Bristols car club met at the village hall on Sunday.",
        "A job done by hand: the new path at Elm Park was laid stone by stone.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []
