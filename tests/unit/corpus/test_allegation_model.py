"""TONE-DEFAME's model: its weights are what the development sets train, and it reads what they taught.

The weights file is generated (``python -m local.allegation_model``), so a hand edit or a changed
development set shows here. The behaviour tests use allegations worded without any of the rules'
phrases, beside look-alikes in the same words; the names are invented.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.checks.allegation_model import WEIGHTS_FILE, model_allegations, parse_weights, weights
from chalicelib.policy.normalise import normalise
from local import allegation_model
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def _table(text: str) -> dict[str, float]:
    table, bias = parse_weights(text)
    return {**table, "(bias)": bias}


def test_the_weights_are_what_the_development_sets_train() -> None:
    stored = _table(allegation_model.OUT.read_text(encoding="utf-8"))
    trained = _table(allegation_model.render())
    # Rounded to three places on both sides; a last-digit wobble of the arithmetic is not a change.
    assert stored.keys() == trained.keys(), "run: python -m local.allegation_model"
    assert all(abs(stored[f] - trained[f]) <= 0.002 for f in stored), "run: python -m local.allegation_model"
    assert allegation_model.OUT.name == WEIGHTS_FILE


def test_the_model_holds_only_everyday_words() -> None:
    table, _ = weights()
    assert table and all(
        len(f.split(" ")) <= 2 and all(w.isalpha() and w.islower() for w in f.split(" ")) for f in table
    )


@pytest.mark.parametrize(
    "text",
    [
        "The lad who runs Fresh Cuts on Dale Street tells every new customer the price is double, "
        "then knocks a bit off so they think it's a deal.",
        "Greenfield Lettings told the family upstairs the boiler was fine for months and then blamed "
        "them for the damp when they complained.",
    ],
)
def test_an_allegation_in_words_no_rule_holds_blocks(text: str) -> None:
    assert blocked_spans(text, "TONE-DEFAME", CTX) != []
    assert model_allegations(normalise(text)) != []


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to the lad who runs Fresh Cuts on Dale Street, who gave free haircuts at the food bank.",
        "Greenfield Lettings fixed the family's boiler the same day they rang. Brilliant service.",
        "He told us the price was double what he'd paid last year, so we found him a cheaper skip.",
    ],
)
def test_the_same_words_without_an_allegation_pass(text: str) -> None:
    assert blocked_spans(text, "TONE-DEFAME", CTX) == []
