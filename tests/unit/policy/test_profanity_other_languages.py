"""Swearing in the languages most spoken in British towns after English, quoted by staff, and the last
disguises read from development sets 39 and 41 (eighteenth session): hyphens for the f-word's letters,
a poo emoji as what someone is. Beside them, the innocent words that look alike: "cont." for continued,
Lund and the pula, M*A*S*H."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('The crew lead said "kurwa mać" very loudly when the bin lid snapped.', "kurwa mać"),
        ('The lads say "blyat" every time a seagull nicks a sandwich.', "blyat"),
        ('A driver shouted "caralho!" when he saw the clamp on his van.', "caralho"),
        ('The car wash lads say "pula mea" at the new parking bays.', "pula mea"),
        ('A trader told our food safety officer "vaffanculo" at the fridge check.', "vaffanculo"),
        ('A student called the dumper a "gilipollas", which needs no translation.', "gilipollas"),
        ('A shopkeeper called the fly-tipper "ibn el sharmouta".', "sharmouta"),
        ('The German students declared our wifi "totale Scheiße".', "Scheiße"),
    ],
)
def test_swearing_in_other_languages_blocks(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('Email from a resident: "Go f--- yourselves, the lot of you."', "f---"),
        ("Your letter is a pile of steaming 💩 and so are you.", "steaming 💩"),
        ("To whoever set the recycling bank on fire: you're a 💩 human being.", "💩"),
        ("Some fella reversed into the skip, what a 🍆", "what a 🍆"),
        ("Told by a gentleman to go and toss yourself off, love.", "toss yourself off"),
        ("Reply to our calendar: dafuq is a brown bin.", "dafuq"),
    ],
)
def test_hyphens_emoji_and_phrases_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Minutes of the meeting (cont.) are on page 2.",
        "Our twinning visit to Lund went well; the Pula exchange rate did not.",
        "Library film night: M*A*S*H, the 1970 original, on Thursday.",
        "Fairy rings have popped up on the green after the rain.",
    ],
)
def test_look_alikes_in_other_languages_and_titles_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Teenager on the PCs muttering 'bomboclaat wifi' every three minutes.", "bomboclaat"),
        ("Mrs V says the new hoist is 'yobany' and won't go near it.", "yobany"),
        ("A resident screamed 'jebem ti mater' at the gritter last night.", "jebem"),
        ("Graffiti reading 'DEM FASSYHOLE FEDS' came off the wall this morning.", "FASSYHOLE"),
        ("One wrote in to call us 'thieving see-you-next-Tuesdays'.", "see-you-next-Tuesdays"),
        ("A resident called me a 🐓 for not taking his extra bags.", "called me a 🐓"),
        ("Found a bag of dog poo hung on a tree. You absolute 💩.", "absolute 💩"),
        ("Depot chat: bins r late bc the lorry is fuct.", "fuct"),
    ],
)
def test_patois_slavic_and_emoji_insults_block(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Meet the new mascot on truck 12: a 🐓 called Colin, painted by the kids.",
        "Mr Raas from the housing team retires on Friday after 30 years.",
        "Please wear gloves if you pick up a hedgehog: the spines prick.",
        "Jack the ass at the city farm is 31 today. Carrots welcome.",
    ],
)
def test_a_mascot_a_surname_a_hedgehog_and_a_donkey_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []
