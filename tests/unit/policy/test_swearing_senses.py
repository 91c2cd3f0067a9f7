"""A listed word in its ordinary sense (an animal, a food, a thing) passes; as swearing it still blocks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.senses import ordinary_sense
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "TONE-PROF", CTX)


@pytest.mark.parametrize(
    "text",
    [
        "The farm park's old cock crows at five, and the hens follow him round the yard.",
        "Two cocks and a dozen hens were rehomed from the allotment coop this week.",
        "Our greyhound rescue volunteers found homes for a bitch and her three pups.",
        "The sanctuary's ass has a new paddock and all the hay she can eat.",
        "Rangers counted forty shags nesting on the cliffs below the coastal path.",
        "Every flat now has lever handles instead of round door knobs.",
        "Turn the knob on the cooker all the way down before you leave the kitchen.",
        "Prick the potatoes with a fork before they go in the community kitchen oven.",
        "The old slag heaps from the colliery are now a nature reserve.",
        "Blue and coal tits are back at the feeders in the library garden.",
        "A caber tosser from the Highland games visited the primary school.",
    ],
)
def test_a_listed_word_in_its_ordinary_sense_passes(text: str) -> None:
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Some cock in a white van blocked the bin lorry for twenty minutes.", "cock"),
        ("The dog warden was fine but the owner was a right bitch about it. We got the dog back.", "bitch"),
        ("What an ass, parking across the dropped kerb again.", "ass"),
        ("Some knob has nicked the library's bike pump.", "knob"),
        ("Shag the paperwork, we're going home.", "Shag"),
        # A disguised spelling is never an animal.
        ("The farm's c0ck pheasant kept us up all night.", "c0ck"),
    ],
)
def test_a_listed_word_as_swearing_still_blocks(text: str, word: str) -> None:
    assert word in blocked(text)


def test_the_sense_is_read_in_the_words_own_sentence() -> None:
    text = "He called the resident a bitch. Then we took the dog to the kennels."
    start = text.index("bitch")
    assert not ordinary_sense(text, start, start + len("bitch"))
    later = "We took the dog to the kennels. The bitch had pups."
    start = later.index("bitch")
    assert ordinary_sense(later, start, start + len("bitch"))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Whoever jammed the shredder is a total bstrd.", "bstrd"),
        ("Some dckhd parked across the depot gates.", "dckhd"),
        ("The new rota is shtty, frankly.", "shtty"),
        ("Whoever booked a 7am briefing is a wnkr.", "wnkr"),
        ("The printer's fckd again.", "fckd"),
    ],
)
def test_swearing_without_its_vowels_blocks(text: str, word: str) -> None:
    assert word in blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "The nbhd watch meets on Tuesday.",
        "Ask the mngr on duty for a key.",
        "We pssd the inspection with flying colours.",
        "The BSTRD acronym stands for our bus stop review.",
        "The mnth ahead is busy.",
        "Meet at the cntr by the bus stop; the shtr is down till 9.",
        "Talk cntd after the break.",
    ],
)
def test_shortened_ordinary_words_and_acronyms_pass(text: str) -> None:
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Some pussyhole set fire to the recycling bins again.", "pussyhole"),
        ("He shouted bloodclaat at the parking machine.", "bloodclaat"),
        ("The lads said the new software was cachu from day one.", "cachu"),
        ("Honestly can't be arsed with the new forms.", "arsed"),
    ],
)
def test_british_regional_swearing_blocks(text: str, word: str) -> None:
    assert word in blocked(text)
