"""X measures posts by weight, not by characters; these pin down the shared measuring code."""

from __future__ import annotations

import random

import pytest
from twitter_text import parse_tweet
from twitter_text.config import config
from twitter_text.extract_emojis import extract_emojis_with_indices
from twitter_text.extract_urls import extract_urls_with_indices
from twitter_text.get_character_weight import get_character_weight

from chalicelib.policy.normalise import normalise
from chalicelib.policy.xtext import measure, overflow_start, sentence_spans, surely_fits, weighted_length


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


# Pieces random texts are built from: plain words and punctuation (the fast path), and everything
# that must send the measure back to twitter-text (links, emails, © and ®, emoji, CJK, combining
# marks, line endings, zero-width and fake-font characters, curly quotes and dashes in the weight-1
# ranges, and dots that are not links).
_PIECES = (
    "bins",
    "Tuesday",
    " ",
    " ",
    ".",
    ", ",
    "£1.50",
    "5.30pm",
    "e.g. ",
    "Mr. Smith",
    "café",
    "naïve",
    "e\u0301",
    "\r\n",
    "\r",
    "\n",
    "\u200b",
    "\u200d",
    "\u2019",
    "\u201c",
    "\u2014",
    "\u2026",
    "\u2033",
    "©",
    "®",
    "™",
    "\U0001f44d",
    "\U0001f44d\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "1\ufe0f\u20e3",
    "#\u20e3",
    "\u2764\ufe0f",
    "日本",
    "한국",
    "\U0001d400\U0001d401",
    "Привет",
    "https://example.gov.uk/bins/collections",
    "http://bit.ly/3xYz",
    "www.example.org",
    "example.gov.uk/a",
    "t.co/x",
    "jane.smith@gmail.com",
    "bücher.de",
    "http://192.168.0.1/a",
)


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        # Mostly short plain texts like real stories, some long ones that cross 280.
        length = rng.choice((3, 10, 30, 90))
        plain_only = rng.random() < 0.5
        pool = _PIECES[:14] if plain_only else _PIECES
        texts.append("".join(rng.choice(pool) for _ in range(length)))
    return texts


def test_the_fast_path_agrees_with_twitter_text_on_many_random_texts() -> None:
    for text in _random_texts(1000, seed=280):
        expected = int(parse_tweet(text).weightedLength)
        assert weighted_length(text) == expected, text
        total, cut = measure(text)
        assert total == expected, text
        assert (cut is None) == (total <= 280), text


def test_the_fast_path_agrees_with_twitter_text_character_by_character() -> None:
    # Every code point of the weight-1 ranges and their neighbours: alone, between letters, before a TLD.
    points = [*range(0x0, 0x1100), *range(0x1FF0, 0x2050)]
    for cp in points:
        text = f"{chr(cp)} a{chr(cp)}b {chr(cp)}.uk"
        assert weighted_length(text) == int(parse_tweet(text).weightedLength), hex(cp)


def _walked_cut(text: str, limit: int) -> int | None:
    """The cut as twitter-text's own walk finds it: unit by unit, links 23, emoji 2, others by range."""
    nfc = normalise(text, form="NFC", strip_invisible=False, unify_newlines=True)
    measured = nfc.text
    urls = {int(u["indices"][0]): len(str(u["url"])) for u in extract_urls_with_indices(measured)}
    emojis = {int(e["indices"][0]): len(str(e["emoji"])) for e in extract_emojis_with_indices(measured)}
    options = config["defaults"]
    total, i = 0, 0
    while i < len(measured):
        if i in urls:
            total, step = total + 23 * 100, urls[i]
        elif i in emojis:
            total, step = total + 200, emojis[i]
        else:
            total, step = total + int(get_character_weight(measured[i], options)), 1
        if total > limit * 100:
            return nfc.starts[i]
        i += step
    return None


def test_the_fast_cut_is_where_twitter_texts_walk_cuts() -> None:
    rng = random.Random(23)
    for text in _random_texts(600, seed=281):
        limit = rng.randint(1, 300)
        assert measure(text, limit)[1] == _walked_cut(text, limit), (text, limit)


def test_surely_fits_never_passes_a_text_that_is_too_long() -> None:
    for text in _random_texts(800, seed=282):
        for limit in (40, 140, 280):
            if surely_fits(text, limit):
                assert weighted_length(text) <= limit, (text, limit)


def test_surely_fits_passes_an_ordinary_short_story() -> None:
    assert surely_fits("Bins collected on Tuesday. Details at https://example.gov.uk/bins \U0001f44d")
    assert not surely_fits("a" * 281)
