"""Accessibility: fake fonts and missing alt text block; hashtags, emoji, reading age and jargon warn."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, ImageContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.checks.accessibility import reading_age, segment_hashtag, syllables
from chalicelib.policy.rules import OrgRules, parse_rules

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("words: {acronyms: [HBC]}")


def found(
    text: str, check: str, ctx: CheckContext = CTX, rules: OrgRules = RULES
) -> list[tuple[str, Severity]]:
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, ctx, rules).findings if f.check == check
    ]


def bold(s: str) -> str:
    return "".join(chr(0x1D41A + ord(c) - ord("a")) if c.islower() else c for c in s)


# --- fake fonts ------------------------------------------------------------------------------------


def test_fake_bold_letters_are_blocked_and_the_span_is_the_run_as_typed() -> None:
    text = f"Big news: {bold('bin day')} is moving!"
    assert found(text, "A11Y-FONT") == [(bold("bin day"), Severity.BLOCK)]


def test_fake_font_span_is_right_after_invisible_characters() -> None:
    text = f"\u200bHi \u200b{bold('there')}."
    assert found(text, "A11Y-FONT") == [(bold("there"), Severity.BLOCK)]


def test_ordinary_text_and_accents_are_not_a_fake_font() -> None:
    assert found("Café opening at Hartley Library, ﬁne weather.", "A11Y-FONT") == []


# --- alt text --------------------------------------------------------------------------------------


def images(*alts: str) -> CheckContext:
    return CheckContext(now=CTX.now, images=tuple(ImageContext(alt=a) for a in alts), channel="x")


def alt_findings(text: str, ctx: CheckContext) -> list[tuple[int | None, Severity, int, int]]:
    return [
        (f.image, f.severity, f.start, f.end)
        for f in run_checks(text, ctx, RULES).findings
        if f.check == "A11Y-ALT"
    ]


def test_an_image_without_alt_text_is_blocked() -> None:
    ctx = images("Two crew members lift a sofa into the van.", "  ")
    assert alt_findings("Sofa collected.", ctx) == [(1, Severity.BLOCK, 0, 0)]


def test_alt_text_over_the_limit_is_blocked() -> None:
    assert alt_findings("Sofa collected.", images("A long description. " * 60)) == [(0, Severity.BLOCK, 0, 0)]


@pytest.mark.parametrize(
    "alt",
    [
        "Image of two crew members lifting a sofa",
        "picture of the new library",
        "IMG_2041.jpg",
        "Our bin crews collected 4,000 bins this week",
    ],
)
def test_weak_alt_text_warns(alt: str) -> None:
    text = "Our bin crews collected 4,000 bins this week."
    assert alt_findings(text, images(alt)) == [(0, Severity.WARN, 0, 0)]


def test_good_alt_text_passes() -> None:
    ctx = images("Two crew members in hi-vis lift a grey sofa into a council van.")
    assert alt_findings("Sofa collected from Hartley Road.", ctx) == []


# --- hashtags and emoji ----------------------------------------------------------------------------


def test_a_lower_case_multi_word_hashtag_warns_with_the_camel_case_form() -> None:
    verdict = run_checks("Great work by the crew #flytipping", CTX, RULES)
    (finding,) = [f for f in verdict.findings if f.check == "A11Y-HASHCASE"]
    assert "#FlyTipping" in finding.reason
    assert found("Great work by the crew #flytipping", "A11Y-HASHCASE") == [("#flytipping", Severity.WARN)]


@pytest.mark.parametrize("tag", ["#FlyTipping", "#recycling", "#NHS", "#Hartley2026", "#libraries"])
def test_single_words_and_camel_case_hashtags_pass(tag: str) -> None:
    assert found(f"Great work today {tag}", "A11Y-HASHCASE") == []


def test_segmenting_a_hashtag_finds_its_words() -> None:
    assert segment_hashtag("cleanstreets") == ["clean", "streets"]


def test_more_than_two_hashtags_warns_on_the_extra_ones() -> None:
    text = "Great work today #FlyTipping #Recycling #CleanStreets"
    assert found(text, "A11Y-HASHNUM") == [("#CleanStreets", Severity.WARN)]


def test_a_hashtag_mid_sentence_warns() -> None:
    assert found("Our #Recycling crews did great today.", "A11Y-HASHNUM") == [("#Recycling", Severity.WARN)]


def test_hashtags_at_the_end_pass() -> None:
    assert found("Our crews did great today. #Recycling #Hartley", "A11Y-HASHNUM") == []


def test_too_many_emoji_warn_on_the_extra_ones() -> None:
    assert found("Well done team 👍 😀 🙌 🎉", "A11Y-EMOJI") == [("🎉", Severity.WARN)]


def test_a_repeated_emoji_run_warns() -> None:
    assert found("Well done team 🎉🎉🎉", "A11Y-EMOJI") == [("🎉🎉🎉", Severity.WARN)]


def test_emoji_as_bullets_warn() -> None:
    text = "This week:\n✅ 400 bins\n✅ 3 parks"
    assert found(text, "A11Y-EMOJI") == [("✅", Severity.WARN), ("✅", Severity.WARN)]
    assert all("bullet" in f.reason for f in run_checks(text, CTX, RULES).findings if f.check == "A11Y-EMOJI")


def test_one_emoji_after_the_words_passes() -> None:
    assert found("Well done to our bin crews this week 👏", "A11Y-EMOJI") == []


# --- reading age, long sentences and capitals ------------------------------------------------------


def test_syllables_come_from_the_dictionary_offline() -> None:
    assert [syllables(w) for w in ("every", "area", "organisation", "bins", "Hartleyfield")] == [
        3,
        3,
        5,
        1,
        3,
    ]


def test_plain_writing_has_a_low_reading_age() -> None:
    age = reading_age(
        "Our bin crews work hard. They start at six. They pick up your bins and take them to the tip. "
        "Then they go back out for more. It is a long day, but they like it."
    )
    assert age is not None
    assert age < 9


def test_a_hard_story_warns_on_reading_age() -> None:
    text = (
        "The implementation of comprehensive organisational restructuring necessitates considerable "
        "interdepartmental communication. Representatives will subsequently evaluate alternative "
        "methodologies, prioritising operational sustainability and organisational resilience across "
        "every directorate. Consequently, departmental representatives must demonstrate measurable "
        "accountability."
    )
    assert (text, Severity.WARN) in found(text, "A11Y-READ")


def test_a_sentence_over_twenty_five_words_warns_on_that_sentence() -> None:
    long_sentence = " ".join(["bins"] * 26) + "."
    text = f"Short one. {long_sentence}"
    assert (long_sentence, Severity.WARN) in found(text, "A11Y-READ")


def test_a_short_post_is_not_given_a_reading_age() -> None:
    assert reading_age("Children from Hartley Primary planted bulbs in the community garden.") is None


def test_three_words_in_capitals_warn() -> None:
    assert found("PLEASE DO NOT put glass in the green bin.", "A11Y-READ") == [
        ("PLEASE DO NOT", Severity.WARN)
    ]


def test_two_acronyms_are_not_shouting() -> None:
    assert found("The NHS and HBC team up.", "A11Y-READ") == []


# --- jargon and acronyms ---------------------------------------------------------------------------


def test_gds_words_to_avoid_warn_with_a_plainer_word() -> None:
    text = "Going forward we will leverage partnerships to facilitate better outcomes."
    assert found(text, "A11Y-JARGON") == [
        ("Going forward", Severity.WARN),
        ("leverage", Severity.WARN),
        ("facilitate", Severity.WARN),
    ]
    reasons = [f.reason for f in run_checks(text, CTX, RULES).findings if f.check == "A11Y-JARGON"]
    assert "Try: use." in reasons[1]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("We will deliver improvements to the service.", "deliver"),
        ("Recycling is a key priority.", "key priority"),
    ],
)
def test_deliver_and_key_warn_when_abstract(text: str, span: str) -> None:
    assert found(text, "A11Y-JARGON") == [(span, Severity.WARN)]


@pytest.mark.parametrize(
    "text",
    [
        "Our crews delivered 500 new bins and food parcels.",
        "Keep your key safe. Key Stage 2 pupils visited.",
        "The NHS, your GP and HBC can help.",
        "Antisocial behaviour (ASB) is down. The ASB team thanks you.",
        "FREE entry to the museum this Sunday.",
        "Roadworks on the A38 near HD1 2AB.",
    ],
)
def test_literal_uses_known_and_explained_acronyms_pass(text: str) -> None:
    assert found(text, "A11Y-JARGON") == []


def test_an_unexplained_acronym_warns_once() -> None:
    assert found("The HMO team inspected two HMOs and one HMO extension.", "A11Y-JARGON") == [
        ("HMO", Severity.WARN)
    ]
