"""Swearing a reader sees at once though no list spells it that way: a hyphen over the middle of a word
with its ending kept ("f-ing"), the Irish "feck" without its "c", an unknown word in quotes where
someone is called it, an unknown word after "utter" at a clause's end, a listed word split by a hyphen
or inside another word or a hashtag, rhyming slang; and the look-alikes beside them (a pub's name, a
parish record's legal term, the knacker's yard, a place called Hampton Wick, a mishit, a surname)."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The printer on level two is an f-ing disgrace again.", "f-ing"),
        ("Tell him to get his f-in van off the verge.", "f-in"),
        ("The new rota is fek all help to anyone on lates.", "fek"),
        ("Fekkin hailstones the size of marbles on the Downs round.", "Fekkin"),
        ('The resident called our warden a "snorkbag" and slammed the door.', "snorkbag"),
        ("A driver got called a plonkwit, twice, outside the school gates.", "plonkwit"),
        ("Residents told us the new bus timetable was utter skronk.", "skronk"),
        ("A lorry clipped him and he said it was a boot in the knackers.", "knackers"),
        ("Some bell-end has nicked the cones off the roundabout again.", "bell-end"),
        (
            "The queue at the tip was abso-fucking-lutely endless, then absofuckinglutely worse.",
            "absofuckinglutely",
        ),
        ("New rota dropped today #RotaWTF", "#RotaWTF"),
        ("Don't be a right Berkeley Hunt about the parking, the warden told him.", "right berkeley hunt"),
        ("He said he didn't give a Friar Tuck about the new bins.", "give a friar tuck"),
        ("Gritting at 4am, cold as a witch’s tit on the tops.", "witch’s tit"),
        ("Ya wee bastart, the groundsman shouted at the gull.", "bastart"),
        ("That was proper bellendish driving on the ring road.", "bellendish"),
    ],
)
def test_swearing_spelt_beyond_the_lists_blocks(text: str, span: str) -> None:
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize(
    "text",
    [
        "Quiz night at The Cock and Magpie raised £300 for the food bank.",
        "Lunch at the Cock Inn after the footpath walk, all welcome.",
        "The record office holds the parish's bastardy bonds from the 1790s.",
        "The knackers yard on Tanner Row took the town's working horses until 1950.",
        "The co-ed swimming session moves to Thursdays.",
        "She called the new cycle path a triumph, and it is.",
        "The results were utter perfection from start to finish.",
        "It was a pure wool blanket, knitted by the Tuesday group.",
        "The library at Hampton Wick reopens on Monday after the roof repairs.",
        "Friar Tuck stole the show at the Robin Hood panto in the Berkeley Hunt rooms.",
        "A mishit from the junior team landed in the council car park, no harm done.",
        "Mr Shittu opened a Nigerian food stall at the Saturday market.",
        "The rare bastard balm is flowering in the churchyard hedge.",
        "Our #BinDay team collected 40 tonnes this week.",
        "The well-known co-op on Mill Road reopens after the flood.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []
