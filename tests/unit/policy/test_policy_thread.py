"""The thread splitter: whole sentences per post, numbered, each post within X's limit as X counts."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.catalogue import check_thread
from chalicelib.policy.checks.xlength import check_x_length
from chalicelib.policy.normalise import normalise
from chalicelib.policy.rules import parse_rules
from chalicelib.policy.thread import split_thread
from chalicelib.policy.xtext import weighted_length

X = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="x")
RULES = parse_rules("channels: {x: {threads: true}}")
LABEL = re.compile(r" \((\d+)/(\d+)\)$")

STORY = " ".join(
    f"Crew {i} collected {i * 100} bins on Hartley Road and thanked Mr. Patel for the tea."
    for i in range(1, 12)
)


def test_a_story_that_fits_is_one_unnumbered_post() -> None:
    assert split_thread("Our bin crews collected 4,000 bins.") == ["Our bin crews collected 4,000 bins."]


def test_every_part_fits_with_its_number_and_parts_are_numbered_in_order() -> None:
    parts = split_thread(STORY)
    assert len(parts) > 1
    assert all(weighted_length(p) <= 280 for p in parts)
    numbers = [LABEL.search(p) for p in parts]
    assert [(int(m.group(1)), int(m.group(2))) for m in numbers if m] == [
        (i, len(parts)) for i in range(1, len(parts) + 1)
    ]


def test_parts_break_between_sentences_and_keep_every_word() -> None:
    parts = split_thread(STORY)
    bodies = [LABEL.sub("", p) for p in parts]
    assert all(b.endswith("tea.") for b in bodies)
    assert " ".join(bodies) == STORY


def test_an_abbreviation_does_not_end_a_part() -> None:
    assert not any(LABEL.sub("", p).endswith("Mr.") for p in split_thread(STORY))


def test_a_sentence_too_long_for_a_post_is_split_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(120)) + "."
    parts = split_thread(text)
    assert all(weighted_length(p) <= 280 for p in parts)
    assert " ".join(LABEL.sub("", p) for p in parts) == text


def test_emoji_and_links_are_weighed_as_x_weighs_them() -> None:
    text = " ".join(
        f"Great day 🎉🎉 at the depot, see https://www.example.gov.uk/depot/{i} now." for i in range(12)
    )
    parts = split_thread(text)
    assert all(weighted_length(p) <= 280 for p in parts)
    assert len(parts) > 1


def test_a_smaller_limit_makes_more_numbered_parts() -> None:
    parts = split_thread(STORY, limit=100)
    assert all(weighted_length(p) <= 100 for p in parts)
    assert LABEL.search(parts[-1]) is not None


def test_check_thread_runs_the_catalogue_on_each_part() -> None:
    text = STORY + " Call 07700 900123 for a collection."
    results = check_thread(text, X, RULES)
    assert [part for part, _ in results] == split_thread(text)
    decisions = [verdict.decision for _, verdict in results]
    assert decisions[-1] == "block"
    last_part, last_verdict = results[-1]
    assert any(last_part[f.start : f.end] == "07700 900123" for f in last_verdict.findings)
    assert all(f.check != "X-LEN" for _, v in results for f in v.findings)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("abc déf 🎉 中文 x.y "), min_size=1, max_size=60)
        .map(str.strip)
        .filter(bool),
        min_size=1,
        max_size=20,
    )
)
def test_any_text_splits_into_parts_that_fit(sentences: list[str]) -> None:
    text = ". ".join(sentences) + "."
    parts = split_thread(text)
    assert all(weighted_length(p) <= 280 for p in parts)


CJK_STORY = "".join(f"今日は{i}番目の道路で除雪をしました。" for i in range(40))


def test_chinese_and_japanese_sentences_end_at_their_own_full_stops() -> None:
    parts = split_thread(CJK_STORY)
    assert len(parts) > 1
    assert all(parse_tweet(p).weightedLength <= 280 for p in parts)
    assert all(LABEL.sub("", p).endswith("。") for p in parts)
    assert "".join(LABEL.sub("", p) for p in parts) == CJK_STORY


def test_a_story_of_short_cjk_sentences_that_fits_a_thread_is_not_blocked() -> None:
    assert check_x_length(normalise(CJK_STORY), X, RULES) == []


def test_one_cjk_sentence_too_long_for_any_part_is_still_blocked() -> None:
    text = "今日は道路で除雪をしました" * 30 + "。"
    [finding] = check_x_length(normalise(text), X, RULES)
    assert finding.check == "X-LEN"


def test_a_joined_emoji_is_never_cut_between_parts() -> None:
    text = "\u2764\ufe0f\u200d\U0001f525" * 200
    parts = split_thread(text)
    assert all(parse_tweet(p).weightedLength <= 280 for p in parts)
    assert all(LABEL.sub("", p).endswith("\U0001f525") for p in parts)
    assert "".join(LABEL.sub("", p) for p in parts) == text


def test_a_link_is_never_cut_between_parts() -> None:
    text = "中" * 130 + "example.com" + "中" * 200
    parts = split_thread(text)
    assert all(parse_tweet(p).weightedLength <= 280 for p in parts)
    assert sum("example.com" in p for p in parts) == 1
