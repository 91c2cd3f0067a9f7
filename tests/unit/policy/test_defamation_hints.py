"""Allegations the guards once let through, and hints at wrongdoing, block; the look-alikes beside them pass.

Each case is a shape a blind-written development set showed (local/corpus/blind/defamation_1.tsv),
written afresh with invented names: an active "has been selling", an idiom that only looks like advice
("if you paid me"), a contract won rather than a prize, a deadline ("by Friday") rather than a doer,
sarcasm in quotes ('the "award winning" bakery'), and hints ("funny how …", "wonder why").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "TONE-DEFAME", CTX)


@pytest.mark.parametrize(
    "text",
    [
        "Word is that Terry who runs the car wash on Mill Road has been selling knock-off perfume.",
        "The owners of Harbour Lets have been helping themselves to tenants' deposits for years.",
        "Saw mouse droppings behind the fryer at the Lucky Star takeaway, wouldn't eat there if you paid me.",
        "Councillor Dean Hollis got the car park contract through because his cousin's firm won it.",
        "Castle Lettings told a tenant to be out by Monday or they'd 'sort her out', that's harassment.",
        'The "award winning" Rosebud Tearooms buys its scones in and passes them off as its own.',
        "Funny how Kelly Marsh's brother always gets the grass-cutting contracts. Wonder why.",
        "Dane Cutler at the scrapyard knows exactly what he's doing with those catalytic converters.",
        "Brightwater Care are billing families for visits their staff never turn up to. Disgusting.",
        "The foster carer in Larch Close keeps locking the kids out in the yard for hours.",
        "Manager at the Spar on Dean Road has been selling out of date ham with new stickers on it.",
        "Councillor Pat Rowe claims mileage for meetings she doesn't go to.",
        "Northside Plumbing charged a tenant £700 for a valve and never fitted it.",
        "Tidy job by Apex Extensions at 12 Hill Rise. Shame about the missing joists. Cowboys.",
    ],
)
def test_the_allegation_blocks(text: str) -> None:
    assert blocked(text) != []


@pytest.mark.parametrize(
    "text",
    [
        "If you see anyone selling knock-off cigarettes, call Trading Standards on 0300 123 4567.",
        "Well done to Harbour Lets, who won the landlord of the year award for fixing every repair on time.",
        "Terry from the car wash on Mill Road has been helping us wash the gritters all winter.",
        "Castle Lettings have to have the repairs done by Monday, and Kim Ross is checking they are.",
        "Funny how the sun always comes out when Kelly Marsh runs the litter pick.",
        "Someone dumped a disgusting pile of nappies by the bottle bank; Dane Cutler reported it.",
        "Teenagers set fire to the bins behind St Bede's Primary again. Nobody hurt.",
        'Watched "The Thief Who Came to Dinner" on my night off. Brilliant film.',
        "Mr Osei on Vine Street had his shop window smashed again on Saturday night.",
        "Mrs Dunne at the corner shop was given a fake £20 note on Friday. Check your notes.",
        "Ray Fenn who runs the Sunday car boot flagged some lads selling fake trainers.",
        "Sue Platt never charges pensioners for the call-out, and she didn't have to come out at all.",
    ],
)
def test_the_look_alike_passes(text: str) -> None:
    assert blocked(text) == []
