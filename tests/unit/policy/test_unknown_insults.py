"""Swearing no list holds is caught by where it stands; the same places with everyday words pass.

The positives use made-up words ("glorbwhistle"), which no list anywhere holds, so these tests can
only pass by the words' places in the sentence, never by a list.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.normalise import normalise
from chalicelib.policy.unknown_insults import modern_words, unknown_insult_spans
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "TONE-PROF", CTX)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Tenant on floor four is a right glorbwhistle, kicked the lift door in again.", "glorbwhistle"),
        ("Some skronker has dumped a sofa by the bottle bank again.", "skronker"),
        ("Had some flobbergit chuck his chips at the crew on the Friday round.", "flobbergit"),
        ("Which blartcake parked across the depot gates this morning?", "blartcake"),
        ("What kind of snorkwangle leaves nappies in the recycling?", "snorkwangle"),
        ("The new booking system is a total plonkwizzle, honestly.", "plonkwizzle"),
        ("Told the driver who clipped the mirror he was a grubfrangle. Not my finest hour.", "grubfrangle"),
        ("She called me a wazzlecrump, in front of the whole queue.", "wazzlecrump"),
        ("You're such a trumblenog!", "trumblenog"),
        ("That jumped-up quibblenorp on the parking desk had a go at me again.", "quibblenorp"),
    ],
)
def test_an_unknown_word_where_an_insult_goes_is_blocked(text: str, word: str) -> None:
    assert word not in modern_words()
    assert blocked(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        # Everyday words in the same places.
        "Told the man who collapsed at the pool he was a hero. He is.",
        "My neighbour said he was a paramedic, and he took over until the ambulance came.",
        "Which rota has changed this week? Ask the duty manager.",
        "Which barista has the keys to the café this morning?",
        "The tenant is a right laugh, always has the kettle on for the crew.",
        "The launch was a total washout, but the volunteers stayed smiling.",
        # Words on the checks' own lists are judged by their own checks, at their own severity.
        "Some numpty left a sofa in the bus shelter, it's gone to the reuse shop now.",
        # An unknown word with a capital is a name; in capitals, an acronym.
        "Some Glorbwhistle has been leaving flowers on the bench for years.",
        "Which SKRONKER form do I fill in for a missed bin?",
        # Long enough to tell a typo: one letter away from an everyday word.
        "Some contracter has left the gate open at the depot.",
        # An ordinary word with an ending, or two run together.
        "Which gritter has the new plough fitted?",
        "Some wildflower has seeded itself along the verge.",
        # An unknown word anywhere else in the sentence.
        "The skronker festival on the green raised money for the food bank.",
        "She is a sonographer at the hospital and volunteers at weekends.",
    ],
)
def test_everyday_words_and_other_places_pass(text: str) -> None:
    assert blocked(text) == []


def test_the_span_is_the_word_itself() -> None:
    text = "Some skronker has dumped a sofa, and which skronker parked there?"
    spans = unknown_insult_spans(normalise(text))
    assert [text[a:b] for a, b in spans] == ["skronker", "skronker"]


def test_an_organisation_can_allow_a_word() -> None:
    assert unknown_insult_spans(normalise("Some skronker has dumped a sofa."), ("skronker",)) == []


# Scots and northern frames, read from development sets' misses (seventeenth session): "ya …", "ye daft
# …", "a slimy wee …", "a thieving wee …", "don't be a …", "you're a pure …".
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Shut it, ya blargnet, the driver shouted at the lad on the bonnet.", "blargnet"),
        ("Ye daft frimblesnatch, the ranger said to the man feeding the swans chips.", "frimblesnatch"),
        ("Took the recycling back out of the brown bin, ya wee snorgle.", "snorgle"),
        ("Her landlord is a slimy wee grobbleknot.", "grobbleknot"),
        ("The lad who kicked the cones over is a thieving wee flinderwhack!", "flinderwhack"),
        ("Slow down on the ice and don't be a plumbicrust.", "plumbicrust"),
        ("If you leave your bags by the bank you're a pure wibblesnatch.", "wibblesnatch"),
        ("Had a wee zorbwit throw a bottle at the gritter on Ash Road.", "zorbwit"),
    ],
)
def test_an_unknown_word_in_a_scots_insults_place_is_blocked(text: str, word: str) -> None:
    assert blocked(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        # "wee" and "pure" also say only small or of a kind: before a word no dictionary here
        # holds, the word must end its clause or do something.
        "The wee wumman on Dalmarnock Road gied us a tin o' Quality Street.",
        "A little blorpfish swims in the library aquarium now.",
        "We would like to see a pure perl platform for the booking system.",
        "Ye olde bunting is up on the market hall for the fair.",
    ],
)
def test_small_and_plain_words_before_a_dialect_word_pass(text: str) -> None:
    assert blocked(text) == []
