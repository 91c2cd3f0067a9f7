"""Coined swearing: a strong root joined to any ordinary word, before or after it.

The compounds are coined here, outside every list the checks and the corpus hold; beside them, the
surnames, places and dictionary words that contain a root and must pass.
"""

from __future__ import annotations

import pytest

from chalicelib.policy.swearing import is_compound
from tests.unit.policy.test_issue_examples import assert_blocks, severities


@pytest.mark.parametrize(
    "text",
    [
        "Which lampcunt parked across the depot gates again?",
        "The new rota is a total shitbucket, honestly.",
        "Some pissweasel has dumped a sofa by the recycling bank.",
        "He called the supervisor a fuckparcel in front of everyone.",
    ],
)
def test_a_coined_compound_of_a_strong_root_blocks(text: str) -> None:
    assert_blocks(text, "TONE-PROF")


@pytest.mark.parametrize(
    "text",
    [
        "Mr Hitchcock and Mrs Laycock from the allotments won the prize.",
        "Dickson Road and Fartown library reopen on Monday.",
        "Cocktail evening at the community centre, with a compass-reading walk after.",
        "The Pissarro print in the reading room has been restored.",
    ],
)
def test_surnames_places_and_dictionary_words_with_a_root_inside_pass(text: str) -> None:
    assert severities(text, "TONE-PROF") == []


def test_mild_roots_join_only_the_listed_words() -> None:
    assert not is_compound("bumstead")
    assert not is_compound("glasscock")
    assert is_compound("thunderfuck")
