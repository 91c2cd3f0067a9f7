"""Codes and passwords written the ways staff write them, with the sentence of the same shape that passes.

Invented values and places, outside every list the checks and the corpus hold.
"""

from __future__ import annotations

import pytest

from tests.unit.policy.test_issue_examples import assert_blocks, severities


@pytest.mark.parametrize(
    "text",
    [
        "Heads up: the side gate code was changed on Monday. It's 5821# from today.",
        "The key safe at the pavilion was reset. It is now 7-3-9-1 until the locksmith comes.",
        "We've all been using Quellby# as the shared login for the depot laptop.",
        "The laptop password for the mobile library is Zorvan! if anyone asks.",
        "Which of you set Brankwick? as the Wi-Fi password for the hut?",
    ],
)
def test_a_code_given_after_a_break_or_as_a_word_with_symbols_blocks(text: str) -> None:
    assert_blocks(text, "SEC-CODE")


@pytest.mark.parametrize(
    "text",
    [
        "What's the wifi password? no idea, ask at reception.",
        "The side gate was repaired last week. It's 2024 and it still sticks.",
        "The Wi-Fi in the library is free! come and use it.",
        "Great work on the door codes training, Quellby! we're all set.",
        "The alarm went off twice. It is 3 years old and due a service.",
    ],
)
def test_ordinary_sentences_of_the_same_shape_pass(text: str) -> None:
    assert severities(text, "SEC-CODE") == []
