"""TONE-DEFAME reads a claim someone identifiable made and the writer's flat denial of it ("... signed
the boiler off as safe. It isn't.") as the allegation it is, though no word of wrongdoing is in either
sentence; a denial of nobody's claim, or of what nobody identifiable said, passes. And a sentence ends
at "isn't." as at any full stop: the "t" after an apostrophe is no initial."""

from __future__ import annotations

import pytest

from chalicelib.policy.tokens import sentence_spans
from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Warmhome Gas Ltd signed the boiler at 4 Elm Row off as safe last month. It isn't.",
        "Kevin on the late shift told the office the van was already scratched. It wasn't. I saw him do it.",
        "Greenway Grounds were paid to cut the verges on the ring road in May. They didn't.",
        "The swimming coach at Eastbrook Baths, Tony, tells parents he's fully qualified. He isn't.",
    ],
)
def test_a_claim_by_someone_identifiable_and_its_flat_denial_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The Mayor opened the new library on Elm Row today. It isn't finished inside yet, but come and see.",
        "The forecast said it would rain all week on the ring road. It didn't.",
        "Warmhome Gas Ltd said they'd be here by nine. They were, and the boiler's fixed. Thanks!",
        "Greenway Grounds were paid to cut the verges in May, and did, beautifully. Not true? Come look.",
        "Someone told the office the van was already scratched. It wasn't, it was the light.",
    ],
)
def test_a_denial_of_nothing_claimed_or_of_nobody_identifiable_passes(text: str) -> None:
    assert blocked(text) == [], text


def test_a_sentence_ends_after_a_word_with_an_apostrophe_and_not_after_an_initial() -> None:
    text = "It isn't. He didn't. J. K. Rowling wrote it."
    spans = [text[a:b].strip().rstrip(".") for a, b in sentence_spans(text)]
    assert spans == ["It isn't", "He didn't", "J. K. Rowling wrote it"]


def test_a_house_numbers_no_does_not_end_a_sentence_and_a_plain_no_does() -> None:
    text = "Whoever lives at no. 9 Cedar Close keeps the bins out. I said no. Then I left."
    spans = [text[a:b].strip().rstrip(".") for a, b in sentence_spans(text)]
    assert spans == ["Whoever lives at no. 9 Cedar Close keeps the bins out", "I said no", "Then I left"]
