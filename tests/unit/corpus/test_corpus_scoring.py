"""Scoring counts overlaps per check, BLOCK recall, and wrongly blocked clean stories and hard negatives."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.findings import CheckContext
from local.corpus.model import Gold, Item, Kind
from local.corpus.presidio import ENTITY_TO_CHECK, to_predictions
from local.corpus.scoring import Predicted, SystemRun, is_critical, overlaps, score

CTX = CheckContext(now=datetime(2026, 6, 1, tzinfo=UTC))


def _item(item_id: str, kind: Kind, gold: tuple[Gold, ...] = ()) -> Item:
    return Item(item_id, f"fam.{item_id}", kind, "test", "x" * 40, CTX, gold)


def test_a_finding_matches_a_gold_label_of_the_same_check_when_spans_overlap() -> None:
    gold = Gold("PII-NHS", "BLOCK", 10, 20)
    assert overlaps(Predicted("PII-NHS", "BLOCK", 19, 25), gold)
    assert not overlaps(Predicted("PII-NHS", "BLOCK", 20, 25), gold)
    assert not overlaps(Predicted("PII-NINO", "BLOCK", 10, 20), gold)


def test_image_findings_match_by_image_index() -> None:
    gold = Gold("A11Y-ALT", "BLOCK", 0, 0, image=1)
    assert overlaps(Predicted("A11Y-ALT", "BLOCK", 0, 0, image=1), gold)
    assert not overlaps(Predicted("A11Y-ALT", "BLOCK", 0, 0, image=0), gold)
    assert not overlaps(Predicted("A11Y-ALT", "BLOCK", 0, 5), gold)


def test_score_counts_precision_recall_block_recall_and_false_blocks() -> None:
    items = (
        _item("a", "positive", (Gold("PII-NHS", "BLOCK", 0, 10), Gold("PII-NHS", "BLOCK", 20, 30))),
        _item("b", "clean"),
        _item("c", "hard", (Gold("PII-PHONE", "WARN", 0, 5),)),
        _item("d", "positive", (Gold("TONE-PROF", "BLOCK", 0, 4),)),
    )
    run = SystemRun(
        "test",
        {
            "a": (Predicted("PII-NHS", "BLOCK", 2, 8), Predicted("PII-NHS", "WARN", 21, 29)),
            "b": (Predicted("PII-NHS", "BLOCK", 0, 3),),
            "c": (Predicted("PII-PHONE", "WARN", 1, 4),),
        },
        seconds=0.5,
    )
    report = score(items, run, {"PII-NHS", "PII-PHONE"})
    nhs = report.per_check["PII-NHS"]
    assert (nhs.predicted, nhs.predicted_matched, nhs.gold, nhs.gold_found, nhs.block_found) == (
        4 - 1,
        2,
        2,
        2,
        1,
    )
    assert report.block_recall.hits == 1 and report.block_recall.total == 2
    assert report.false_block_clean.hits == 1 and report.false_block_clean.total == 1
    assert report.false_block_hard.hits == 0 and report.false_block_hard.total == 1
    assert report.stories_per_second == 8.0
    # TONE-PROF is not a scored check here: its label is neither a miss nor counted.
    assert [m.check for m in report.misses] == ["PII-NHS"]
    assert "TONE-PROF" not in report.per_check


def test_critical_checks_are_personal_data_security_and_party_politics() -> None:
    assert is_critical("PII-NAME") and is_critical("SEC-CODE") and is_critical("POL-PARTY")
    assert not is_critical("POL-MEMBER") and not is_critical("TONE-PROF")


def test_presidio_hits_map_to_check_ids_and_the_rest_are_counted_apart() -> None:
    from collections import Counter

    unmapped: Counter[str] = Counter()
    preds = to_predictions([("UK_NHS", 0, 12), ("URL", 3, 9), ("PHONE_NUMBER", 20, 31)], unmapped)
    assert [(p.check, p.severity) for p in preds] == [("PII-NHS", "BLOCK"), ("PII-PHONE", "BLOCK")]
    assert unmapped == {"URL": 1}
    assert ENTITY_TO_CHECK["UK_NINO"] == "PII-NINO" and ENTITY_TO_CHECK["EMAIL_ADDRESS"] == "PII-EMAIL"
