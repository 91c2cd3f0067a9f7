"""X's own conformance data (twitter-text's validate.yml and extract.yml) against the project's X measures.

The data is not part of this repository: it is read from ``shared/x-conformance`` beside the checkout,
and the tests skip when it is not there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from twitter_text import parse_tweet

from chalicelib.policy.xtext import MAX_WEIGHTED_LENGTH, link_spans, measure, weighted_length

CONFORMANCE = Path(__file__).resolve().parents[3].parent / "shared" / "x-conformance"
# How X counts a post today: twitter-text's config v3 (emoji discounted, links weigh 23).
CURRENT_WEIGHTED = ("WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest")
URL_SECTIONS = ("urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params")


def _cases(name: str, sections: tuple[str, ...]) -> list[Any]:
    path = CONFORMANCE / name
    if not path.is_file():
        return [pytest.param(None, id=f"{name}-absent")]
    tests = yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(case, id=f"{section}-{i}")
        for section in sections
        for i, case in enumerate(tests[section])
    ]


def _need(case: dict[str, Any] | None) -> dict[str, Any]:
    if case is None:
        pytest.skip("the shared X conformance data (shared/x-conformance) is not beside the checkout")
    return case


def _utf16_index(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.mark.parametrize("case", _cases("validate.yml", CURRENT_WEIGHTED))
def test_the_weighted_length_is_xs_on_every_current_conformance_case(case: dict[str, Any] | None) -> None:
    case = _need(case)
    text, expected = case["text"], case["expected"]
    assert weighted_length(text) == expected["weightedLength"], case["description"]
    total, cut = measure(text)
    assert total == expected["weightedLength"], case["description"]
    if expected["weightedLength"] <= MAX_WEIGHTED_LENGTH:
        assert cut is None, case["description"]
    else:
        # X's last valid character (a UTF-16 index, inclusive) is the one just before the cut.
        assert cut is not None
        assert _utf16_index(text, cut) == expected["validRangeEnd"] + 1, case["description"]


@pytest.mark.parametrize(
    "case",
    _cases(
        "validate.yml",
        ("tweets", "usernames", "lists", "hashtags", "urls", "urls_without_protocol", *CURRENT_WEIGHTED),
    ),
)
def test_the_weighted_length_agrees_with_twitter_text_on_every_validate_text(
    case: dict[str, Any] | None,
) -> None:
    case = _need(case)
    assert weighted_length(case["text"]) == parse_tweet(case["text"]).weightedLength


@pytest.mark.parametrize("case", _cases("extract.yml", URL_SECTIONS))
def test_the_links_the_splitter_keeps_whole_are_the_ones_x_finds(case: dict[str, Any] | None) -> None:
    case = _need(case)
    text, expected = case["text"], case["expected"]
    spans = link_spans(text)
    if expected and isinstance(expected[0], dict):
        assert [{"url": text[s:e], "indices": [s, e]} for s, e in spans] == expected, case["description"]
    else:
        assert [text[s:e] for s, e in spans] == expected, case["description"]
