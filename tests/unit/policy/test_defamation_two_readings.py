"""TONE-DEFAME: where the rules found the words of a wrong but could not pin it on anyone named, the model
needs less to read the same sentences as an allegation (``CUED_THRESHOLD``), as two readings agree on them;
a wrong found elsewhere in a long story lowers nothing for the rest of it."""

from __future__ import annotations

from chalicelib.policy.checks.allegation_model import CUED_THRESHOLD, THRESHOLD, model_allegations
from chalicelib.policy.normalise import normalise

# Scored by the model between the two thresholds (0.917 when written; 0.830 with the model of the
# sixteenth session).
BETWEEN = "Jim from the allotment committee gave his mates the best plots again this year."
# Read with the sentence before it, between the two thresholds (0.850 with the sixteenth session's model).
IN_A_PAIR = "Jim from the allotment committee gives his mates the best plots every single year."


def test_the_cued_threshold_is_lower() -> None:
    assert CUED_THRESHOLD < THRESHOLD


def test_a_wrong_the_rules_found_in_the_sentences_lowers_the_model_s_threshold() -> None:
    text = normalise(BETWEEN)
    assert model_allegations(text) == []
    assert model_allegations(text, [(4, 8)]) == [(0, len(BETWEEN))]


def test_a_wrong_found_elsewhere_in_a_long_story_lowers_nothing_here() -> None:
    story = (
        "The spring open day went well. The tea tent sold out by noon. The brass band played all afternoon. "
        + IN_A_PAIR
    )
    text = normalise(story)
    assert model_allegations(text) == []
    assert model_allegations(text, [(4, 10)]) == []  # a cue in the first sentence, far from Jim
    at = story.index("Jim")
    assert model_allegations(text, [(at, at + 3)]) != []
