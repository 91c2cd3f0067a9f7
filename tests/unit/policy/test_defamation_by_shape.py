"""Allegations about names of every shape: Gaelic surnames and firms, and longer phrases after a verb.

Invented names, outside every list the checks and the corpus hold; beside them, the same shapes with
no allegation in them.
"""

from __future__ import annotations

import pytest

from tests.unit.policy.test_issue_examples import assert_blocks, severities


@pytest.mark.parametrize(
    "text",
    [
        "Warning to residents: McQuellby, O'Zorvan and MacBrankwick are fleecing people with fake repairs.",
        "Everyone knows Ysolde McQuellby is a fly-tipper.",
        "Zorvan Quellby has been fiddling the bowls club committee's accounts for years.",
    ],
)
def test_an_allegation_about_a_gaelic_name_or_a_longer_phrase_blocks(text: str) -> None:
    assert_blocks(text, "TONE-DEFAME")


@pytest.mark.parametrize(
    "text",
    [
        "McQuellby, O'Zorvan and MacBrankwick have mended the church roof for free.",
        "Ysolde McQuellby reported a fly-tipper to the council.",
        "Zorvan Quellby has been checking the bowls club committee's accounts for years.",
    ],
)
def test_the_same_names_with_no_allegation_pass(text: str) -> None:
    assert severities(text, "TONE-DEFAME") == []
