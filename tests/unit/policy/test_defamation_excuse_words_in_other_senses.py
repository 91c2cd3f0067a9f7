"""TONE-DEFAME: words that excuse a sentence in one sense do not in another. "Reminder that Lucy Fenwick
has been making up complaints" reminds nobody of a rule; an enforcement officer is a person, not
enforcement done; "a lovely morning until ..." turns at "until"; a sponsored walk's money, the club's
donated boots, a wallet that was handed in, a thank-you as a noun and a grandmother who passed away are
not praise, outcomes or obituaries. Nor do "because of", "nobody saw", "the one seen", "people" or an
aside about someone else ("who we found on Nextdoor") make the one named anyone but the doer. Found in
development sets 1-87 (misses whose wrong and doer the rules had found); the development sets then caught
32 more."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Reminder that Gordon Tate from the allotment committee has been selling the donated compost.",
        "Licensing enforcement officer Kevin Marsh tears up complaints about his brother's pub.",
        "Lovely afternoon at the park until the man at 9 Briar Close set his dog on the goats again.",
        "Nadia Holt kept the money from her sponsored swim for the hospice and never passed on a penny.",
        "The caretaker Neil Barr is flogging the school's donated laptops on Facebook Marketplace.",
        "PC Rob Stone pocketed the cash from a purse that was handed in at the front desk.",
        "Frank Dyer is still claiming carer's allowance for a wife who passed away three years ago.",
        "The cab driver from Star Taxis refused a blind man because of his guide dog and drove off laughing.",
        "The lads from Kwik Skips think nobody saw them tipping plasterboard in the lane behind the pub.",
        "Tony Reece's lorry was the one seen dumping the tyres at the quarry, and he's done it before.",
        "Carol from Shine Cleaning, who we found on a leaflet, has been going through our drawers.",
    ],
)
def test_an_excuse_word_in_another_sense_excuses_nothing(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Please remember that fly-tipping is a crime: report it and our enforcement team will act.",
        "Our enforcement officers seized the van that Dale Cotton used to dump rubble at the quarry.",
        "Huge thanks to Gemma Lees, who handed in a wallet full of cash at the Mill Road office.",
    ],
)
def test_an_excuse_in_its_own_sense_still_excuses(text: str) -> None:
    assert not blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        'Well done to Ace Roofing for the "new" roof on the scout hut: three slates, a bill for nine grand.',
        'Big thanks to Gary at Quick Clear for the 30 bags of rubble he "disposed of" in the lane nearby.',
    ],
)
def test_praise_with_a_sneer_in_scare_quotes_is_no_praise(text: str) -> None:
    assert blocked(text), text


def test_praise_with_words_someone_said_in_quotes_is_still_praise() -> None:
    text = 'Well done to Gary at Quick Clear, who cleared 30 bags of dumped rubble: "all in a day\'s work".'
    assert not blocked(text)
