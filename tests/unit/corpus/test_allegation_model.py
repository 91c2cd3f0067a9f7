"""TONE-DEFAME's model: its weights are what the development sets train, and it reads what they taught.

The weights file is generated (``python -m local.allegation_model``), so a hand edit or a changed
development set shows here. The behaviour tests use allegations worded without any of the rules'
phrases, beside look-alikes in the same words; the names are invented.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.checks.allegation_model import (
    NAME,
    WEIGHTS_FILE,
    features,
    model_allegations,
    parse_weights,
    weights,
)
from chalicelib.policy.normalise import normalise
from local import allegation_model
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def _table(text: str) -> dict[str, float]:
    table, bias = parse_weights(text.splitlines())
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
        len(f.split(" ")) <= 2 and all(w == NAME or (w.isalpha() and w.islower()) for w in f.split(" "))
        for f in table
    )


def test_a_name_is_read_by_its_place_beside_a_word_not_by_its_letters() -> None:
    # A run of capitalised words inside a sentence is one name; a sentence's first word, a word in capitals
    # and "I" are words; the names' own letters are no part of the pairs they make.
    got = features("Councillor Geoff Tanner took the cash. I saw Mr O'Neill's van at 2 Lowther Street: BIG.")
    assert {f"councillor {NAME}", f"{NAME} took", f"saw {NAME}", f"{NAME} van", f"at {NAME}"} <= got
    assert not any(w in f.split() for f in got if NAME in f for w in ("geoff", "tanner", "lowther"))
    assert f"{NAME} big" not in got and f"{NAME} i" not in got
    # What is said of a name the sets made up carries to a name they never used.
    table, _ = weights()
    assert table[f"{NAME} keeps"] > 0 and table[f"{NAME} took"] > 0


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
