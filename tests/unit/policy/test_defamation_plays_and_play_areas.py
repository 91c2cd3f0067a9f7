"""TONE-DEFAME: a story that is a play is fiction throughout, but "the play area", "our play scheme" and
"the serial fly-tipper" are no play and no serial. Found while writing the tests of development sets
84-87 ("the play worker" excused a whole story); the older development sets then caught 12 more. Nor is
"the Victorian terrace" or "the Victorian Market" history: they stand today."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "SafePlay Ltd, who did the play area at Laurel Fields, billed us for rubber they never laid.",
        "Kayleigh Dunn, the play worker at Ferndale, shuts the noisy kids in the store room.",
        "Our play scheme's minibus driver, Dean Cole, drives the kids home with a few pints in him.",
        "Dave Jones on Mill Lane is the serial fly-tipper, and he stole the bins from the allotments.",
    ],
)
def test_a_play_area_or_a_serial_offender_is_no_fiction(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Our school play was a triumph: Mrs Hale stole the show as the villain.",
        "Our play about the smugglers opens on Friday: Jack Rudd steals the brandy and lies to the squire.",
        "This year's radio serial from the library: the Mayor of Tinsley is a fraudster in every episode.",
    ],
)
def test_a_story_that_is_a_play_or_a_serial_is_still_fiction(text: str) -> None:
    assert not blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Mr Khan, landlord of the Victorian terrace at 4 Mill Road, keeps pocketing his tenants' deposits.",
        "The trader at stall 12 in the Victorian Market, Ali Reza, sells knock-off jackets as real ones.",
    ],
)
def test_a_victorian_building_standing_today_is_no_history(text: str) -> None:
    assert blocked(text), text


def test_what_someone_did_in_victorian_times_is_history() -> None:
    assert not blocked("In Victorian times the Mill Road landlord, Josiah Crabb, pocketed his tenants' rent.")
