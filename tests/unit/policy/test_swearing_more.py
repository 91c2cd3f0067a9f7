"""Swearing a development set showed the check missing, and look-alikes it blocked, with invented stories.

British South Asian and Caribbean community swearing, swearing abbreviated, a listed word with "'s",
small capital letters as a fake font; and a village, a surname, a stadium, a pudding and a dicky heart;
first names that end like a listed word ("Harshit"), a surname like a mild one ("Sood") and a postcode.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "TONE-PROF", CTX)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Some bastard's nicked the cones from outside the depot again.", "bastard's"),
        ("Printer's jammed again, bhenchod, I give up.", "bhenchod"),
        ("Bloke in the Audi called me a chutiya for asking him to move.", "chutiya"),
        ("Bumboclart seagull had my chips on the prom.", "Bumboclart"),
        ("WTF is this parking machine doing.", "WTF"),
        ("Bins not out again, ffs.", "ffs"),
        ("Lad called the warden a ᴘʀɪᴄᴋ for asking him to move his car.", "ᴘʀɪᴄᴋ"),
        # Words before the listed ending: still swearing with a capital.
        ("Bullshit, the printer is down again.", "Bullshit"),
        ("Apeshit, the lot of them, when the gates stayed shut.", "Apeshit"),
    ],
)
def test_the_swearing_blocks(text: str, word: str) -> None:
    assert blocked(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Fixed the village hall boiler in Upper Dicker just in time for the tea dance.",
        "Dr Dikshit from the surgery helped us run the flu jab clinic.",
        "The cricket club framed a photo from the Wankhede Stadium for the pavilion.",
        "Spotted dick and custard on the school menu, not a crumb left.",
        "Old boy on the estate has a dicky heart, so I knock every morning.",
        "Counted the shags on the Farne Islands today, numbers are up.",
        # Names that end like a listed word after something no dictionary holds, and a postcode.
        "Harshit from the allotment society says drop him a line if you want a plot.",
        "Lakshit helped us run the stall at the summer fair.",
        "Huge thanks to Silviu Sood, who stayed late to get the books back on the shelves.",
        "Brenda Pickering of 26 Carr Street, S25 4SS, emailed us about the bins.",
    ],
)
def test_the_look_alike_passes(text: str) -> None:
    assert blocked(text) == []
