"""Health facts on no list are still health facts: a condition known by the words around it.

The conditions and names here are invented or chosen outside every list the checks and the corpus
hold, so they show the rule generalising; beside each, the ordinary sentence of the same shape.
"""

from __future__ import annotations

import pytest

from tests.unit.policy.test_issue_examples import assert_blocks, severities


@pytest.mark.parametrize(
    "text",
    [
        "Our tenant Zorvan Quellby is living with vitiligo and needed a new bathroom.",
        "Ysolde from reablement has been helping a resident who was diagnosed with sarcoidosis last year.",
        "Adele on the parks team is recovering from labyrinthine concussion and will be back in spring.",
        "Mr Quellby has vertigo, so the crew now collects his bin from the back door.",
        "She has shingles and cannot do the round this week.",
        "Zorvana served four years for handling stolen goods and now volunteers with us.",
    ],
)
def test_a_condition_or_record_known_by_its_cue_blocks(text: str) -> None:
    assert_blocks(text, "PII-SPECIAL")


@pytest.mark.parametrize(
    "text",
    [
        "Mr Quellby is living with his daughter in the new flats.",
        "The depot is recovering from the storm and the rounds are back to normal.",
        "Dave has keys, so he opens the hall on Saturdays.",
        "Sarah has retired, and the library threw her a party.",
        "Tom has tickets, so ask him about the quiz night.",
        "She has permission to park by the side door.",
        "Our volunteer has been living with us since the spring lodger scheme started.",
    ],
)
def test_ordinary_sentences_of_the_same_shape_pass(text: str) -> None:
    assert severities(text, "PII-SPECIAL") == []
