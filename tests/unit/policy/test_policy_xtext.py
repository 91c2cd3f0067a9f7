"""X measures posts by weight, not by characters; these pin down the shared measuring code."""

from __future__ import annotations

import pytest

from chalicelib.policy.xtext import measure, overflow_start, sentence_spans, weighted_length


def test_a_link_counts_as_23_whatever_its_length() -> None:
    assert weighted_length("https://www.example.gov.uk/bins/collections/changes-over-christmas") == 23


def test_emoji_and_cjk_count_two_each() -> None:
    assert weighted_length("\U0001f44d") == 2
    assert weighted_length("日本") == 4


def test_an_emoji_sequence_counts_once() -> None:
    assert weighted_length("\U0001f468\u200d\U0001f469\u200d\U0001f467") == 2


def test_text_that_fits_has_no_overflow() -> None:
    assert overflow_start("a" * 280) is None


def test_overflow_starts_at_the_281st_plain_character() -> None:
    assert overflow_start("a" * 300) == 280


def test_overflow_with_emoji_starts_at_the_emoji_that_does_not_fit() -> None:
    text = "\U0001f44d" * 141  # 282 weighted
    cut = overflow_start(text)
    assert cut == 140
    assert weighted_length(text[:cut]) == 280


def test_overflow_is_mapped_back_past_crlf_and_combining_marks() -> None:
    text = "e\u0301" * 100 + "\r\n" * 100 + "z" * 100
    cut = overflow_start(text)
    assert cut is not None
    assert weighted_length(text[:cut]) <= 280 < weighted_length(text[: cut + 1])


def test_overflow_counts_a_link_as_23() -> None:
    url = "https://example.gov.uk/a-long-path-that-x-shortens"
    text = "a" * 250 + " " + url + " " + "b" * 20  # 251 + 23 + 1, so five b fit
    assert overflow_start(text) == 251 + len(url) + 1 + 5


def test_sentences_are_split_at_full_stops_and_line_breaks() -> None:
    text = "First one. Second one!\nThird, with a comma\n\n  Fourth?  "
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "First one.",
        "Second one!",
        "Third, with a comma",
        "Fourth?",
    ]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = 'She said "thank you." We smiled.'
    assert [text[s:e] for s, e in sentence_spans(text)] == ['She said "thank you."', "We smiled."]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain words",
        "e\u0301\r\n\U0001f44d\U0001f3fd 日本 https://example.gov.uk/x and www.example.org",
        "\U0001d400\U0001d401\u200b" * 120,
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 " * 60,
    ],
)
def test_the_walk_agrees_with_twitter_text_on_the_total(text: str) -> None:
    total, cut = measure(text)
    assert total == weighted_length(text)
    assert (cut is None) == (total <= 280)
