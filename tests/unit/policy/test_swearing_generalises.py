"""Swearing is caught beyond the word list (spelling variants, compounds, masks) and places stay safe."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import parse_rules
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("{}")


def blocked(text: str, check: str = "TONE-PROF") -> list[str]:
    return blocked_spans(text, check, CTX)


@pytest.mark.parametrize(
    "word",
    [
        "arsebadger",
        "pissflaps",
        "cockwomble",
        "knobjockey",
        "dickweasel",
        "jizzstain",
        "twatwaffle",
        "bumhole",
        "cumbubble",
        "shitbag",
        "twatface",
        "tosspot",
        "jackass",
        "dumbass",
    ],
)
def test_a_profane_root_joined_to_an_everyday_word_is_swearing(word: str) -> None:
    assert blocked(f"The bloke in the van was a right {word} to our crew.") == [word]


@pytest.mark.parametrize(
    "word", ["f00king", "fvcking", "fuk1ng", "bulls**t", "c-u-n-t", "c0ck", "pr1ck", "$hit", "fcuk", "phuck"]
)
def test_a_disguised_or_respelt_swear_word_is_caught(word: str) -> None:
    assert blocked(f"Honestly, the rota this week is {word} again.") == [word]


@pytest.mark.parametrize(
    "word", ["prick", "nobhead", "douchebag", "jackass", "dumbass", "slut", "tits", "bellend", "shithead"]
)
def test_common_british_swear_words_and_crude_insults_block(word: str) -> None:
    assert blocked(f"Some {word} parked across the dropped kerb again.") == [word]


def test_piss_off_blocks() -> None:
    assert blocked("We told the van driver to piss off.") != []


@pytest.mark.parametrize("word", ["pillock", "pillocks", "tosser"])
def test_mild_british_insults_are_flagged(word: str) -> None:
    assert [f for f in run_checks(f"What a {word}.", CTX, RULES).findings if f.check == "TONE-PROF"] != []


@pytest.mark.parametrize(
    "text",
    [
        "The crew cleared Slag Lane by ten.",
        "Our team visited Scunthorpe and Penistone.",
        "The bus to Cockermouth runs hourly.",
        "We drove through Cockburnspath and on to Cockfosters.",
        "The show at Wetwang was a great day out.",
        "Signs for Titty Ho have been replaced.",
        "Bins on Dickens Road are collected on Tuesday.",
        "Sandy Balls holiday park hosted the litter pick.",
        "Pratts Bottom gets a new bus shelter.",
        "A cocktail evening in the cockpit of the old plane.",
        "A peacock wandered into the park; Mr Hancock and Ms Dickinson caught it.",
        "The titanic effort earned the team its title.",
        "A bumblebee on the cumulative chart beside a cucumber.",
        "Scuntorpe is a common misspelling.",
        "Shitake and shiitake mushrooms at the market.",
        "We assess each class on the passage by the grass.",
        "The Arsenal fan is a therapist; arsenic analysis came back clear.",
        "Press the button, spread the butter, sign the document.",
        "Don't forget your bumbag and the cumin.",
    ],
)
def test_places_and_ordinary_words_that_start_like_a_root_pass(text: str) -> None:
    assert blocked(text) == []


def test_a_capitalised_compound_inside_a_sentence_is_taken_for_a_name() -> None:
    assert blocked("We met the Cockfield family at the fun day.") == []
    assert blocked("What a shitbag.") == ["shitbag"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Typical yobs, leaving the Rec on Mill Lane in a state again.", "yobs"),
        ("Cleared up after the feral kids on the rec again this morning.", "feral kids"),
    ],
)
def test_yobs_and_feral_kids_said_of_people_are_insults(text: str, span: str) -> None:
    assert blocked(text, "TONE-INSULT") == [span]


def test_feral_said_of_animals_is_not_an_insult() -> None:
    assert blocked("Feral cats on the estate are being neutered.", "TONE-INSULT") == []


# Words Ofcom rates mild for broadcasting that a council's own posts may not carry: in the blind-written
# development sets, every story with one of them was refused and no look-alike had one
# (tone_profanity.txt). "bloody", "sod", "damn" and "git" still only warn, as writers published them too.
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The compactor jammed again, the bugger.", "bugger"),
        ("The new scheduling app is crap and everyone on the round knows it.", "crap"),
        ("Another crappy printer in the housing office.", "crappy"),
        ("Sat in the sodding traffic by the retail park for an hour.", "sodding"),
        ("Some tosser left a mattress in the bus shelter.", "tosser"),
        ("The wind has buggered the new planters on the prom.", "buggered"),
    ],
)
def test_words_a_councils_posts_may_not_carry_block(text: str, word: str) -> None:
    assert blocked(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Crapstone village hall reopens on Monday with a new kitchen.",
        "A caber tosser from the Highland games visited the primary school.",
        "Volunteers laid fresh sods of turf on the green.",
        "Bloody cranesbill is flowering on the limestone grassland.",
        "The old lags in the yard used to shoot craps with a pair of bone dice.",
    ],
)
def test_their_look_alikes_do_not_block(text: str) -> None:
    assert blocked(text) == []


# Read from development set 26's misses and look-alikes (seventeenth session); the sentences are the tests'.
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Some k*nt has pinched the cones from outside the depot.", "k*nt"),
        ("The man at the tip called my colleague a haramzada over a mattress.", "haramzada"),
        ("Asked him to move his van and he told me to foxtrot oscar.", "foxtrot oscar"),
        ("We've had sweet FA from the contractor about the lights.", "sweet FA"),
        ("Whoever left the glass in the sandpit is a total Hampton.", "total Hampton"),
    ],
)
def test_more_swearing_read_from_a_development_set_blocks(text: str, word: str) -> None:
    assert blocked(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Sixth-formers play Brahms and Liszt piano pieces at the library on Friday.",
        "Memories of the sweet FA Cup run of 1973 at the museum this month.",
        "At the show the best bitch was a whippet from Hebden Row, judged by Mrs Ash.",
        "We took the day centre to the donkey sanctuary. Harold the ass ate a sunhat.",
        "The coach to Kent leaves the depot at nine.",
    ],
)
def test_the_same_words_as_names_and_animals_pass(text: str) -> None:
    assert blocked(text) == []


# Read from development sets 28 and 29 (seventeenth session): regional spellings, and an emoji for the word.
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Who keeps leaving cans on the wall at the park? Clarty bastads.", "bastads"),
        ("He said the bin men were fackin' useless and slammed the door.", "fackin"),
        ("'Kinell, there's another sofa on the towpath.", "Kinell"),
        ("Cold af on the early sweep this morning.", "af"),
        ("What the 🦆 happened to the bus shelter?", "What the 🦆"),
        ("🖕 to whoever keeps nicking the hanging baskets.", "🖕"),
        ("The new printer is a piece of 💩, honestly.", "piece of 💩"),
        ("Whoever parked across the gate is an absolute 🔔🔚", "🔔🔚"),
        ("The landlord has done SFA about the damp.", "done SFA"),
    ],
)
def test_regional_spellings_and_emoji_for_the_word_block(text: str, word: str) -> None:
    assert blocked(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Please pick up your dog's 💩 on the school path.",
        "The duck race 🦆 starts at the bridge at two.",
        "Pan af adref, mi af i'r llyfrgell.",
        "The SFA have confirmed the cup final date.",
    ],
)
def test_the_same_signs_in_their_plain_sense_pass(text: str) -> None:
    assert blocked(text) == []
