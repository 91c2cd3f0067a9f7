"""Swearing read from blind-written development sets 15 and 16: a crude root joined to an everyday word by
a hyphen ("jizz-stained", "arse-numbing", "half-arsed"), a masked word with a hyphen in it ("cluster-f*ck",
"f**k-ton"), "as f" at a clause's end, and words and phrases no list held ("shat", "jobbies", "goolies",
"having a slash", "eff off", "Brahms and Liszt", "a kick in the Khyber", "get your hole"). Beside them,
what a comms officer would publish: villages called Dicker and Shittlehope, a dump of snow, a concert of
Liszt and Brahms, cock-a-leekie soup, a grade F."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Jizz-stained mattresses will not be accepted at the tip.", "Jizz-stained"),
        ("Six hours of arse-numbing debate on the Morton Farm plans.", "arse-numbing"),
        ("Half-arsed recycling is worse than none, so rinse your tubs.", "Half-arsed"),
        ("The library wifi is down again and it's a total cluster-f*ck.", "cluster-f*ck"),
        ("Our planners have had a f**k-ton of applications this month.", "f**k-ton"),
        ("Our intern got hammered at the awards and is still hungover as f.", "f"),
        ("The pumps at Bridge End have, quite frankly, shat themselves.", "shat"),
        ("Please stop leaving your dug's jobbies on the path.", "jobbies"),
        ("We know the cuts are a kick in the goolies.", "goolies"),
        ("CCTV caught a bloke having a slash against the war memorial.", "having a slash"),
        ("Happy Pride, and to the trolls in our comments: eff off.", "eff off"),
        ("Brahms and Liszt after the Christmas do? Don't drive.", "brahms and liszt"),
        ("Council tax reminders go out Monday; we know it's a kick in the Khyber.", "kick in the khyber"),
        ("Singles night at the Arts Centre: dance and maybe even get your hole.", "get your hole"),
    ],
)
def test_swearing_read_from_sets_fifteen_and_sixteen_blocks(text: str, span: str) -> None:
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize(
    "text",
    [
        "Upper Dicker and Lower Dicker will both get new bus shelters this spring.",
        "Shittlehope in Weardale will get a new bus stop on the 101 route.",
        "We had a dump of snow overnight, so the gritters are out.",
        "Liszt and Brahms at the concert hall on Saturday, tickets £8.",
        "The lunch club's cock-a-leekie soup won the county show.",
        "Anything marked as F in the inspection is fixed within a week.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The swans on the boating lake looked well pissed-off with the new pedalos.", "pissed-off"),
        ("The crew were absolutely shitting-bricks when the brakes went on the hill.", "shitting-bricks"),
    ],
)
def test_a_listed_word_joined_to_an_everyday_one_blocks(text: str, span: str) -> None:
    """Read from development set 18 (the sixteenth session): a listed word, a hyphen and an everyday word."""
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize(
    "text",
    [
        "The cock-fighting pit at the museum is a replica; no birds were harmed.",
        "A cock-eyed plan for the roundabout has been sent back to the drawing board.",
    ],
)
def test_a_listed_word_with_an_everyday_sense_joined_passes(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []
