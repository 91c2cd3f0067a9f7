"""The one count the needs-attention alarm reads: every paged count a handler flushes, added up."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.definition import ATTENTION_METRIC
from chalicelib.observability import MetricUnit, handler_scope, metrics, paged


def _flushed(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The metric values of the EMF documents printed since the last call."""
    out: dict[str, Any] = {}
    for line in capsys.readouterr().out.splitlines():
        doc = json.loads(line)
        if "_aws" in doc:
            for m in doc["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
                value = doc[m["Name"]]
                out[m["Name"]] = sum(value) if isinstance(value, list) else value
    return out


@pytest.fixture(autouse=True)
def _metrics_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test suite turns metrics off (tests/conftest.py); these tests read what is flushed.
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    metrics.clear_metrics()


def test_each_channels_publish_failures_broken_rules_rate_limits_and_overdue_approvals_are_paged() -> None:
    for name in (
        "PublishFailed_x",
        "PublishFailed_wordpress",
        "PublishFailed_a_channel_added_later",
        "RulesInvalid",
        "RateLimited",
        "ApprovalsOverdue",
        "DeadLetters",
    ):
        assert paged(name), name
    for name in ("Published_x", "PublishFailed", "RulesInvalidity", "FormSubmitted", "ApprovalsExpired"):
        assert not paged(name), name


def test_a_handler_flushing_paged_counts_adds_them_up_into_the_attention_metric(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with handler_scope("publish"):
        metrics.add_metric(name="PublishFailed_wordpress", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="PublishFailed_x", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="Published_blog", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="RulesInvalid", unit=MetricUnit.Count, value=1)
    flushed = _flushed(capsys)
    assert flushed[ATTENTION_METRIC] == 3.0
    assert flushed["PublishFailed_wordpress"] == 1.0  # each count is still there for the dashboard


def test_a_handler_that_failed_still_flushes_the_attention_metric(capsys: pytest.CaptureFixture[str]) -> None:
    def over_the_limit_then_failing() -> None:
        with handler_scope("submit"):
            metrics.add_metric(name="RateLimited", unit=MetricUnit.Count, value=1)
            raise RuntimeError("after the limit was counted")

    with pytest.raises(RuntimeError):
        over_the_limit_then_failing()
    assert _flushed(capsys)[ATTENTION_METRIC] == 1.0


def test_a_quiet_sweep_flushes_zero_attention_the_heartbeat_the_alarm_waits_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with handler_scope("schedule"):
        metrics.add_metric(name="ApprovalsOverdue", unit=MetricUnit.Count, value=0)
        metrics.add_metric(name="DeadLetters", unit=MetricUnit.Count, value=0)
    assert _flushed(capsys)[ATTENTION_METRIC] == 0.0


def test_ordinary_counts_add_no_attention_metric(capsys: pytest.CaptureFixture[str]) -> None:
    with handler_scope("notify"):
        metrics.add_metric(name="EmailsSent", unit=MetricUnit.Count, value=2)
    flushed = _flushed(capsys)
    assert ATTENTION_METRIC not in flushed
    assert flushed["EmailsSent"] == 2.0
