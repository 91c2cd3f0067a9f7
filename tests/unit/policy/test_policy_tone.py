"""Tone: disguised swearing blocks, place names and surnames pass; insults, allegations and adverts."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy import disguise_shapes as shapes
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import OrgRules, parse_rules

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("words: {allowed: [Bumsworth], profanity: [frak]}")


def found(text: str, check: str, rules: OrgRules = RULES) -> list[tuple[str, Severity]]:
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, CTX, rules).findings if f.check == check
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("What a f**king mess.", "f**king"),
        ("This is sh1t.", "sh1t"),
        ("Oh f*ck.", "f*ck"),
        ("Shiiiit happens.", "Shiiiit"),
        ("FUUUUCK.", "FUUUUCK"),
        ("\U0001d41f\U0001d42e\U0001d41c\U0001d424 this", "\U0001d41f\U0001d42e\U0001d41c\U0001d424"),
        ("f u c k this", "f u c k"),
        ("Total bullshit.", "bullshit"),
        ("What a clusterfuck.", "clusterfuck"),
        ("What a bellend.", "bellend"),
        ("Absolute bollocks.", "bollocks"),
        ("Don't be a dick.", "dick"),
        ("Frak this.", "Frak"),  # the organisation's own addition
    ],
)
def test_disguised_swearing_is_blocked_and_the_span_is_the_word_as_written(text: str, span: str) -> None:
    assert found(text, "TONE-PROF") == [(span, Severity.BLOCK)]


def test_mild_swearing_only_warns() -> None:
    assert found("It was bloody freezing.", "TONE-PROF") == [("bloody", Severity.WARN)]


@pytest.mark.parametrize(
    "text",
    [
        "Our crews cleared Scunthorpe, Penistone, Cockermouth and Clitheroe.",
        "Twatt in Orkney and Shitterton in Dorset have the best signs.",
        "Dickens readings in Essex, Middlesex and Sussex.",
        "Mr Hancock and Ms Cockburn assessed the class on the grass.",
        "Dick Whittington is the library panto this year.",
        "Shiitake mushrooms grow in the community garden.",
        "A cocktail party at the Arsenal ground.",
        "Bumsworth village hall reopens.",
        "Our 4 crews did 350 collections in 2025, 100% on time.",
    ],
)
def test_place_names_surnames_and_ordinary_words_pass(text: str) -> None:
    assert found(text, "TONE-PROF") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Some idiot dumped a sofa on the verge.", "idiot"),
        ("Whoever did this is scum.", "scum"),
        ("Stop calling people retarded.", "retarded"),
    ],
)
def test_slurs_and_direct_insults_are_blocked(text: str, span: str) -> None:
    assert found(text, "TONE-INSULT") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Those lazy residents never recycle.", "lazy residents"),
        ("Drivers who park on pavements are so selfish.", "Drivers who park on pavements are so selfish"),
    ],
)
def test_milder_put_downs_of_a_group_warn(text: str, span: str) -> None:
    assert found(text, "TONE-INSULT") == [(span, Severity.WARN)]


@pytest.mark.parametrize(
    "text",
    [
        "It is an idiot-proof system.",
        "The Muppets Christmas Carol screening is at 2pm.",
        "A stupid mistake on my part, soon fixed.",
        "Where's Wally? books are back in the library.",
    ],
)
def test_insult_words_not_said_of_anyone_pass(text: str) -> None:
    assert found(text, "TONE-INSULT") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Fly-tipper Dave Jones was caught on camera.", "Fly-tipper"),
        ("Smith Roofing are rogue traders.", "rogue traders"),
        ("John Smith, a fly-tipper from Hartley, was fined.", "fly-tipper"),
        ("Dave Jones stole the lead from the church roof.", "stole"),
        ("Avoid cowboy builders like Hartley Driveways.", "cowboy builders"),
    ],
)
def test_an_allegation_next_to_a_named_person_or_business_is_blocked(text: str, span: str) -> None:
    assert found(text, "TONE-DEFAME") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "A fly-tipper was fined £400 after our officers traced him from an envelope.",
        "Trading Standards officer Jane Smith warned residents about rogue traders.",
        "Our crews met Mrs Smith, a thief had taken her purse.",
        "Fly-tippers dumped a fridge on Hartley Road.",
    ],
)
def test_an_allegation_about_nobody_named_passes(text: str) -> None:
    assert found(text, "TONE-DEFAME") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Use code SAVE20 at the till.", "Use code SAVE20"),
        ("Best plumber in town, call Dave.", "Best plumber in town"),
        ("I highly recommend Hartley Plumbing.", "highly recommend"),
        ("Get 20% off at Hartley Cafe this week.", "20% off at"),
    ],
)
def test_promoting_a_private_business_warns(text: str, span: str) -> None:
    assert found(text, "COMM-ENDORSE") == [(span, Severity.WARN)]


def test_a_council_service_story_is_not_an_advert() -> None:
    text = "Our library now lends laptops. Book a slot at the front desk or call 0300 123 4567."
    assert found(text, "COMM-ENDORSE") == []


def _random_snippets(count: int, seed: int) -> list[str]:
    # Letters, digits, the symbols that disguise letters, separators and punctuation, shuffled.
    rng = random.Random(seed)
    alphabet = list("abcXYZ  ..**__--''!!@$|01239\n\t,;:()?#&%~`\"’é")
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_the_disguise_shortcut_agrees_with_the_patterns() -> None:
    for text in _random_snippets(40_000, seed=7):
        by_pattern = (
            shapes._DISGUISED.search(text) is not None
            or shapes._DIGIT_THEN_LETTER.search(text[::-1]) is not None
        )
        assert shapes.has_disguised_word(text) == by_pattern, text


def test_the_spacing_shortcut_never_misses_spaced_out_letters() -> None:
    for text in _random_snippets(40_000, seed=8):
        if shapes.SPACED.search(text):
            assert shapes.may_be_spaced_out(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Please stop the sh!t at the tip.",
        "That was 5hite work by the contractor.",
        "Total b0ll0cks, the rota.",
        "Utter bull$hit from the supplier.",
        "What a f u c k i n g mess.",
        "The s.h.i.t hit the fan.",
        "Shhhiiiittt, the van broke down.",
    ],
)
def test_disguised_swearing_still_blocks_after_the_shortcuts(text: str) -> None:
    assert [s for s, sev in found(text, "TONE-PROF") if sev == Severity.BLOCK]


def test_swearing_spelt_with_armenian_look_alike_letters_is_still_found() -> None:
    from datetime import UTC, datetime

    from chalicelib.domain.findings import CheckContext
    from chalicelib.policy.catalogue import run_checks
    from chalicelib.policy.rules import OrgRules

    text = "What the f\u057dck happened to the bins."
    verdict = run_checks(text, CheckContext(now=datetime(2026, 11, 25, tzinfo=UTC)), OrgRules())
    [prof] = [f for f in verdict.findings if f.check == "TONE-PROF"]
    assert text[prof.start : prof.end] == "f\u057dck"
