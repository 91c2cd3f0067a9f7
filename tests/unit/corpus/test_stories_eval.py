"""`stories eval` prints the measures the catalogue promises, as a table or as JSON."""

from __future__ import annotations

import json

import pytest

from local.cli import main


def test_eval_prints_a_table_that_says_how_findings_are_matched(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--no-presidio", "--size", "120", "--split", "all"]) == 0
    out = capsys.readouterr().out
    assert "spans overlap" in out
    assert "BLOCK recall, PII-* / SEC-* / POL-PARTY" in out
    assert "false-block rate, clean stories" in out and "false-block rate, hard negatives" in out
    assert "stories per second" in out
    assert "skipped (--no-presidio)" in out


def test_eval_markdown_tables_have_pipes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--no-presidio", "--size", "120", "--markdown"]) == 0
    assert "| check | gold |" in capsys.readouterr().out


def test_eval_json_has_ours_and_no_presidio_when_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--no-presidio", "--size", "150", "--split", "dev", "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["split"] == "dev" and data["seed"] == 3 and data["size"] == 150
    assert data["presidio"] is None
    assert set(data["ours"]) >= {
        "per_check",
        "block_recall",
        "block_recall_critical",
        "false_block_clean",
        "false_block_hard",
        "stories_per_second",
    }
    assert data["items"] == sum(data["kinds"].values())


def test_eval_rejects_an_unknown_split() -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--split", "train"])


def test_eval_scores_every_blind_set_and_never_prints_an_untuned_sets_stories(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from local.corpus.blind import SETS, read

    assert main(["eval", "--no-presidio", "--size", "120", "--split", "test"]) == 0
    out = capsys.readouterr().out
    for blind in SETS:
        assert f"{blind.name} ({blind.check}" in out
        if not blind.tuned:
            assert not [text for _, text in read(blind) if text in out], (
                f"{blind.name}'s stories were printed"
            )
    assert main(["eval", "--no-presidio", "--size", "120", "--split", "test", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["set"] for b in data["blind"]] == [b.name for b in SETS]
    assert all(b["block_recall"]["of"] > 0 and b["false_blocks"]["of"] > 0 for b in data["blind"])
