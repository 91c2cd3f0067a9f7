"""Allegations read a sentence at a time: a kind of wrongdoing said of someone identifiable blocks,
whatever the words' order; the same words about nobody, about the staff, as praise, as an official
outcome or as advice pass."""

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
        # taking what is not theirs
        "Rumour has it Colin Ashdown has been pocketing the raffle takings at the bowls club.",
        "The caretaker at Fernside Primary walked off with two of the new laptops.",
        # fraud, lies and cheating
        "Northway Glazing charged my nan £900 for a window they never fitted.",
        "Tracy Bell at number 8 has been subletting her council flat for years.",
        # bribes and favours
        "Funny how Hallam Civils gets all the contracts since the chairman's son joined them.",
        # illegal trading, drink and drugs
        "The corner shop on Kent Street (Yusuf's) sells vapes to 12 year olds.",
        "Saw the driver from Apex Coaches swigging from a bottle before the school run.",
        # violence, threats, harassment
        "Lorraine on Cedar Walk swore at our warden and kicked his bike over.",
        # cruelty and neglect
        "The family at 12 Rowan Drive keep their dog chained up in the yard day and night.",
        # dangerous or shoddy work, dirty kitchens
        "Summit Roofing left the scaffold with no harness points and walked off the job.",
        "Don't eat at the Lucky Star, the kitchen is filthy and there are mice.",
        # fly-tipping, through "they" in the sentence after the name
        "Spoke to Marsh Clearances about the lane. They are the ones dumping it, we all know.",
    ],
)
def test_an_allegation_about_someone_identifiable_blocks(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # nobody identifiable
        "Someone dumped a fridge by the bottle bank again; if you saw anything, let us know.",
        "Thieves took the lead from the chapel roof overnight.",
        # the staff themselves, and their jokes
        "Our crew left the depot kitchen filthy after the Christmas do. Sorry, cleaners!",
        'Our apprentice Josh "stole" the last mince pie and is now on tea duty.',
        # praise and thanks
        "Thanks to Northway Glazing, who fitted the library's new windows for nothing.",
        # an official outcome, and advice
        "Magistrates fined Hallam Civils £8,000 for dumping waste, after our investigation.",
        "Never pay a doorstep trader up front, however friendly they seem.",
        # the name is the victim
        "Mrs Kaur was scammed by a caller pretending to be from her bank.",
        # the words name a service, a saying, a game
        "Our gardeners tidied the grounds of the domestic abuse refuge on Mill Road.",
        "Bella the library cat stole the show at story time.",
        "Our Cowboys and Crooks escape room at Hartley Library sold out again.",
        "The weather was grim, but Sarah Quinn's team still planted 300 bulbs.",
    ],
)
def test_the_same_words_about_nobody_or_as_praise_advice_or_an_outcome_pass(text: str) -> None:
    assert blocked(text) == [], text


def test_a_letter_that_lower_cases_to_two_does_not_shift_what_is_pointed_at() -> None:
    # "İ" lower-cases to "i" and a combining dot: the span must still be the words of the allegation.
    assert blocked("İpek Durmaz at 4 Mill Road has been nicking parcels off doorsteps.") == ["nicking"]
