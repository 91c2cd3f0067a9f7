"""X-LEN: a story for X must fit one post, or, when threads are allowed, every sentence must fit a part."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import OrgRules, parse_rules

NOW = datetime(2026, 5, 1, 9, tzinfo=UTC)
X = CheckContext(now=NOW, channel="x")
NO_THREADS = parse_rules("channels: {x: {threads: false}}")
THREADS = parse_rules("channels: {x: {threads: true}}")


def xlen(text: str, rules: OrgRules = NO_THREADS, ctx: CheckContext = X) -> list[tuple[str, Severity]]:
    verdict = run_checks(text, ctx, rules)
    return [(text[f.start : f.end], f.severity) for f in verdict.findings if f.check == "X-LEN"]


def sentence(words: int) -> str:
    return " ".join(["word"] * words) + "."


def test_a_post_of_exactly_280_characters_fits() -> None:
    assert xlen("a" * 280) == []


def test_one_character_over_blocks_and_highlights_that_character() -> None:
    text = "a" * 280 + "Z"
    assert xlen(text) == [("Z", Severity.BLOCK)]


def test_the_reason_gives_the_length_and_how_much_to_cut() -> None:
    (finding,) = run_checks("b" * 300, X, NO_THREADS).findings
    assert "300 characters" in finding.reason
    assert "Shorten it by 20" in finding.reason


def test_emoji_count_double_so_fewer_fit() -> None:
    text = "\U0001f44d" * 141
    assert xlen(text) == [("\U0001f44d", Severity.BLOCK)]


def test_a_long_link_counts_as_23_and_does_not_push_a_post_over() -> None:
    text = "a" * 250 + " https://www.example.gov.uk/news/2026/05/a-very-long-article-address-indeed"
    assert xlen(text) == []


def test_fake_bold_letters_are_measured_as_posted_not_as_normalised() -> None:
    text = "".join(chr(0x1D41A + i % 26) for i in range(150))  # 150 characters, 300 weighted
    assert xlen(text) == [(text[140:], Severity.BLOCK)]


def test_length_is_not_checked_for_other_channels() -> None:
    assert xlen("a" * 400, ctx=CheckContext(now=NOW, channel="blog")) == []


def test_length_is_not_checked_when_x_is_switched_off() -> None:
    assert xlen("a" * 400, rules=parse_rules("channels: {x: {enabled: false}}")) == []


def test_with_threads_a_long_story_of_short_sentences_passes() -> None:
    text = " ".join(sentence(10) for _ in range(20))
    assert len(text) > 900
    assert xlen(text, rules=THREADS) == []


def test_with_threads_a_sentence_too_long_for_one_part_blocks_and_spans_the_sentence() -> None:
    too_long = sentence(60)  # 299 characters
    text = f"{sentence(5)} {too_long} {sentence(5)}"
    assert xlen(text, rules=THREADS) == [(too_long, Severity.BLOCK)]
    (finding,) = [f for f in run_checks(text, X, THREADS).findings if f.check == "X-LEN"]
    assert "Split it into shorter sentences" in finding.reason


def test_with_threads_a_sentence_must_leave_room_for_the_part_number() -> None:
    sentence_of_278 = "a" * 277 + "."
    assert xlen(f"{sentence_of_278} {sentence(5)}", rules=THREADS) == [(sentence_of_278, Severity.BLOCK)]
