"""TONE-DEFAME: words between the one named and the wrong that were read as someone else's doing, and are
not. "won't" is no "won"; "called me a liar" is an insult they gave, not a call to the council; a charity
collection is no bin collection; "overcharged by Lynwood Memorials" names who did it. Found in
development sets 1-91; the development sets then caught 6 more."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Brightview Glazing fitted fire doors at Elm Court that won't shut, and billed us anyway.",
        "The manager at the Co-op in Hexley refused my refund and called me a liar in front of everyone.",
        "Gail at 12 Moss Lane goes door to door collecting for a hospice that has never heard of her.",
        "Grieving families have been overcharged by Rowan Memorials, who add a hidden fee to every bill.",
    ],
)
def test_the_one_named_did_it(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a wrong done to them by someone nobody names
        "Mrs Okafor was ripped off by a cowboy roofer last week; please check any trader's ID.",
        # "won't" of something that is no wrong, and "out till" of a song
        "Dev at Star Taxis does the school run. The lad in seat 2 won't get out till his song ends.",
    ],
)
def test_the_one_named_did_no_wrong(text: str) -> None:
    assert not blocked(text), text
