"""The sweep counts what waits in the DLQs, so a parked message pages through the needs-attention alarm."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.definition import ATTENTION_METRIC
from chalicelib.observability import metrics

from .conftest import Pipeline


def _flushed(out: str) -> dict[str, float]:
    values: dict[str, float] = {}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        doc: dict[str, Any] = json.loads(line)
        for m in doc.get("_aws", {}).get("CloudWatchMetrics", [{}])[0].get("Metrics", []):
            value = doc[m["Name"]]
            values[m["Name"]] = values.get(m["Name"], 0.0) + (
                sum(value) if isinstance(value, list) else value
            )
    return values


@pytest.fixture
def printed_metrics(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test suite turns metrics off (tests/conftest.py); these tests read what the sweep flushes.
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    metrics.clear_metrics()


def test_a_parked_message_is_counted_by_the_next_sweep_and_raises_attention(
    pipeline: Pipeline, printed_metrics: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline.deliver("publish", pipeline._sqs_event("publish", ["not json at all"]))
    capsys.readouterr()
    pipeline.tick()
    flushed = _flushed(capsys.readouterr().out)
    assert flushed["DeadLetters"] == 1.0
    assert flushed[ATTENTION_METRIC] >= 1.0


def test_a_quiet_sweep_still_reports_zero_attention_as_its_heartbeat(
    pipeline: Pipeline, printed_metrics: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline.tick()
    flushed = _flushed(capsys.readouterr().out)
    assert flushed["DeadLetters"] == 0.0
    assert flushed[ATTENTION_METRIC] == 0.0
