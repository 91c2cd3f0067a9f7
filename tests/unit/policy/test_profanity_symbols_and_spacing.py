"""Disguises read from development sets' misses (eighteenth session): symbols other than "*" typed for
letters ("f%#k", "sh#t"), letters spaced out after a word of one letter ("is a t w a t"), a digit for a
letter inside a hashtag's part, a listed word's -ing form hyphened to an everyday word, and a few phrases.
Each has look-alikes beside it that must pass: shops and wards written with "&", a chord, a hashtag with
a number in it, a bird."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The highways lads reckon the roundabout is a right cluster-f%#k at rush hour.", "cluster-f%#k"),
        ("Who leaves this sh#t on a doorstep?", "sh#t"),
        ("He told the warden to f&%k off and drove away.", "f&%k"),
        ("Situation normal, all f#@ked up.", "f#@ked"),
    ],
)
def test_symbols_typed_for_letters_are_read_as_a_mask(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Vouchers for M&S and B&Q, and the A&E waiting times at the Royal.",
        "The AT&T engineers were on site; P&O ferries run as normal.",
        "Ukulele club learnt F#m this week, and the coding club wrote C# all evening.",
    ],
)
def test_shops_wards_and_chords_written_with_symbols_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('Found "Mr Jones is a t w a t" scratched into the science lab desk.', "t w a t"),
        ("He called the driver a c u n t in front of the kids.", "c u n t"),
    ],
)
def test_letters_spaced_out_after_a_word_of_one_letter_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


def test_single_letters_that_spell_no_swearing_pass() -> None:
    assert found("Plan A was to sing the a b c d e f song with the toddlers.", "TONE-PROF") == []


def test_a_digit_for_a_letter_inside_a_hashtags_part_blocks() -> None:
    assert found("#FlyTippersAreTw4ts: 14 tonnes removed from Cinder Lane.", "TONE-PROF") == [
        ("#FlyTippersAreTw4ts", Severity.BLOCK)
    ]


@pytest.mark.parametrize("text", ["Our #Top10Tips for bin day.", "Get your tree in #B4Xmas, folks."])
def test_hashtags_with_numbers_in_them_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Housing office phones down all morning, mother-effing phone lines.", "mother-effing"),
        ("The stupid-fecking van won't start again.", "stupid-fecking"),
    ],
)
def test_an_everyday_word_hyphened_to_a_swearing_participle_blocks(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


def test_an_everyday_hyphened_participle_passes() -> None:
    assert found("The new self-dumping trailer saves the crew an hour.", "TONE-PROF") == []


def test_a_balls_up_blocks() -> None:
    # Both development stories with it were refused (tone_profanity.txt).
    assert found("We know last year was a total balls-up. New contractor.", "TONE-PROF") == [
        ("balls-up", Severity.BLOCK)
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The repairs backlog has been Tom tit lately, two plumbers start Monday.", "been Tom tit"),
        ("\"Kin 'ell, it's Baltic in here,\" said the tiler.", "Kin 'ell"),
    ],
)
def test_rhyming_slang_and_a_clipped_oath_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


def test_the_bird_and_kin_pass() -> None:
    assert found("A tom tit was on the feeder; my kin Elliot counted it.", "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("tbh the library's new opening hours are BS, who shuts at 5 on a Thursday", "BS"),
        ("omg the new van is sick, the old one was a total pos 😂", "pos"),
        ("Used condoms all over the car park AGAIN, dirty SOBs 🤮", "SOBs"),
    ],
)
def test_bs_pos_and_sobs_as_what_something_is_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "The new consumer unit is BS 7671 compliant.",
        "The POS terminal at the leisure centre is down; pay at the desk.",
        "He let out a sob when the old tree came down.",
    ],
)
def test_a_standard_a_till_and_a_sob_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []
