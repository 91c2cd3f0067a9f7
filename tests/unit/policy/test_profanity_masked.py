"""A masked word keeps its endings and its compounds: "c*nts" and "f*ckers" are the listed words with
an ending, "sh*tshow" a masked word with an everyday word after it. A mask over a mild word still only
warns, and a mask that shows too little to say which word it hides finds nothing."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The best man opened with 'right you c*nts' in front of his nan.", "c*nts"),
        ("The old boy said kill the f*ckers and who am I to argue.", "f*ckers"),
        ("Absolute sh*tshow of a morning on the Harrowby round.", "sh*tshow"),
        ("A sh*tload of rain on the gritters tonight.", "sh*tload"),
        ("Sh*tting myself before my first solo visit.", "Sh*tting"),
    ],
)
def test_masked_swearing_with_an_ending_or_a_word_after_it_blocks(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


def test_a_masked_mild_word_warns() -> None:
    assert found("That was a long shift, d*mn it.", "TONE-PROF") == [("d*mn", Severity.WARN)]


def test_a_masked_word_that_blocks_unmasked_blocks() -> None:
    # "bugger" blocks since the seventeenth session (tone_profanity.txt says why), masked or not.
    assert found("Some little b*ggers snapped the swing chain again.", "TONE-PROF") == [
        ("b*ggers", Severity.BLOCK)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Fill in the b*g form and hand it to reception.",  # too little shown to be anything
        "Gardeners planted the sh-t-ake beds at the allotments.",  # hyphens are not a mask
        "Mo and Fo from the depot raised £400 for the hospice.",
    ],
)
def test_too_little_shown_passes(text: str) -> None:
    assert found(text, "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"), [("WTAF is going on with the weather?", "WTAF"), ("itching like a mofo", "mofo")]
)
def test_abbreviated_and_slang_swearing_blocks(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    ("text", "span", "severity"),
    [
        (
            "Some lad's parked across three drop kerbs again, fan-fookin-tastic start.",
            "fan-fookin-tastic",
            Severity.BLOCK,
        ),
        ("Did we collect every tree in one day? Abso-bloody-lutely.", "Abso-bloody-lutely", Severity.WARN),
        ("Roadworks on the A38 were a total clusterf*ck this morning.", "clusterf*ck", Severity.BLOCK),
        ("Ten hours on the gritters and I'm knackered af, hot bath then bed.", "af", Severity.BLOCK),
        ('The groom whispers "oh sh-t" halfway through the vows.', "sh-t", Severity.BLOCK),
        (
            "The van won't start and Gary goes 'for f's sake' in front of the Mayor.",
            "for f's sake",
            Severity.BLOCK,
        ),
    ],
)
def test_a_word_inside_another_a_masked_compound_and_a_letter_for_the_word(
    text: str, span: str, severity: Severity
) -> None:
    assert found(text, "TONE-PROF") == [(span, severity)]


@pytest.mark.parametrize(
    "text",
    [
        "The Co-op on the high street gave us a t-shirt and an x-ray of the old pier.",
        "Cock-a-hoop about the result at Stratford-upon-Avon and Ashby-de-la-Zouch.",
        "Park in Block F off the car park; she has AF and a pacemaker.",
        "Pan af i'r dre, mi af i nôl bara.",  # Welsh: "when I go to town, I will go for bread"
    ],
)
def test_hyphenated_places_words_and_welsh_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


def test_the_swapped_letters_of_the_strongest_word_block_and_the_king_passes() -> None:
    assert found("Cnut spotted on camera tipping tyres off the bridge.", "TONE-PROF") == [
        ("Cnut", Severity.BLOCK)
    ]
    assert found("King Cnut's court met at Winchester, the guide told the Year 5s.", "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Jesus f Christ, the heat in that kitchen today.", "f"),
        ("The bloke who left his dog in the car is a right see-you-next-Tuesday.", "see-you-next-Tuesday"),
    ],
)
def test_a_letter_or_a_saying_for_the_word_blocks(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "See you next Tuesday at Rhyme Time, bring the little ones!",
        "Jesus Christ Superstar is on at the Empire; the f in the poster's font is missing.",
    ],
)
def test_the_same_words_as_people_say_them_plainly_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


def test_crude_words_for_sex_block() -> None:
    assert found("Hen party left a blow-up doll and a dildo in the Quayside bins.", "TONE-PROF") == [
        ("dildo", Severity.BLOCK)
    ]
