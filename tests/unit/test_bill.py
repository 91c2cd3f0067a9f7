"""The monthly bill's arithmetic and X's request prices, on hand-made templates and requests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.bill import FREE, PRICES, Line, after_free, fixed_lines, inventory, runs_a_month
from bench.cost import X_PRICES, x_cost, x_request_kind


def _alarm(period: int = 300) -> dict[str, Any]:
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateAgeOfOldestMessage",
            "Period": period,
        },
    }


def _template(**counts: int) -> dict[str, Any]:
    resources: dict[str, Any] = {}
    for n in range(counts.get("alarms", 0)):
        resources[f"Alarm{n}"] = _alarm()
    for n in range(counts.get("dashboards", 0)):
        resources[f"Dashboard{n}"] = {"Type": "AWS::CloudWatch::Dashboard", "Properties": {}}
    for n in range(counts.get("secrets", 0)):
        resources[f"Secret{n}"] = {"Type": "AWS::SecretsManager::Secret", "Properties": {}}
    return {"Resources": resources}


def _billed(template: dict[str, Any], starts: str) -> tuple[float, float]:
    lines = fixed_lines(inventory(template))
    free = after_free(lines)
    return next((ln.list_usd, usd) for ln, usd in zip(lines, free, strict=True) if ln.name.startswith(starts))


def test_twelve_alarms_cost_two_after_the_ten_free_ones() -> None:
    listed, billed = _billed(_template(alarms=12), "CloudWatch alarms: 12")

    assert listed == pytest.approx(12 * PRICES["alarm_metric_month"])
    assert billed == pytest.approx(2 * PRICES["alarm_metric_month"])


def test_four_dashboards_cost_one_after_the_three_free_ones() -> None:
    listed, billed = _billed(_template(dashboards=4), "CloudWatch dashboards")

    assert listed == pytest.approx(12.0)
    assert billed == pytest.approx(3.0)


def test_secrets_have_no_free_allowance() -> None:
    assert _billed(_template(secrets=5), "Secrets Manager") == pytest.approx((2.0, 2.0))


def test_an_alarm_on_metric_math_is_billed_for_each_metric_it_reads() -> None:
    stat = {
        "MetricStat": {"Metric": {"Namespace": "RealStories", "MetricName": "PublishFailed"}, "Period": 300}
    }
    math = {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {"Metrics": [{"Id": "e", "Expression": "SUM(METRICS())"}, stat, stat, stat]},
    }
    inv = inventory({"Resources": {"Math": math, "Fast": _alarm(period=10)}})

    assert inv.alarm_metrics == 3
    assert inv.high_res_alarm_metrics == 1
    assert inv.custom_metrics == {("RealStories", "PublishFailed")}


def test_a_sweep_every_five_minutes_runs_8640_times_a_month_at_the_function_memory() -> None:
    function = {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Handler": "app.on_schedule",
            "MemorySize": 256,
            "Tracing": "Active",
            "Events": {"Every": {"Type": "Schedule", "Properties": {"Schedule": "rate(5 minutes)"}}},
        },
    }
    inv = inventory({"Resources": {"OnSchedule": function}})

    assert runs_a_month("rate(1 hour)") == 720
    assert inv.schedules == [("app.on_schedule", 8640, 256)]
    assert inv.traced_functions == 1


def test_allowances_are_shared_by_every_line_that_draws_on_them_in_order() -> None:
    lines = [
        Line("fixed", 800_000, 1e-6, "sqs_requests"),
        Line("stories", 500_000, 1e-6, "sqs_requests"),
        Line("no allowance", 10, 1.0),
    ]

    assert after_free(lines) == pytest.approx([0.0, 0.3, 10.0])
    assert FREE["sqs_requests"] == 1e6


def _post(text: str) -> tuple[str, int]:
    return x_request_kind(
        "POST", "/2/tweets", json.dumps({"text": text}).encode(), 201, {"data": {"id": "1"}}
    )


def test_a_post_with_a_url_in_its_text_costs_twenty_cents() -> None:
    kind, units = _post("Read the whole story at https://blog.example.gov.uk/stories/abc (1/2)")

    assert (kind, units) == ("create with URL", 1)
    assert X_PRICES[kind] == 0.200


def test_a_post_without_a_url_costs_one_and_a_half_cents() -> None:
    kind, units = _post("Our gritters are out on every A-road tonight from 8pm. (1/2)")

    assert (kind, units) == ("create", 1)
    assert X_PRICES[kind] == 0.015


def test_a_bare_domain_in_the_text_counts_as_a_url_as_x_links_it() -> None:
    assert _post("More at example.gov.uk")[0] == "create with URL"


def test_reads_are_billed_per_post_returned_and_refused_requests_bill_nothing() -> None:
    timeline = {"data": [{"id": "1", "text": "a"}, {"id": "2", "text": "b"}], "meta": {"result_count": 2}}
    owned = x_request_kind("GET", "/2/users/42/tweets", b"", 200, timeline)
    refused = x_request_kind("POST", "/2/tweets", b'{"text": "again"}', 403, {"title": "Forbidden"})
    seen = [owned, refused, x_request_kind("DELETE", "/2/tweets/9", b"", 200, {"data": {"deleted": True}})]

    assert owned == ("owned read", 2)
    assert refused == ("create", 0)
    assert x_cost(seen) == {
        "owned read": (1, 2, pytest.approx(0.002)),
        "create": (1, 0, 0.0),
        "delete": (1, 1, 0.010),
    }


def test_media_uploads_are_free_and_alt_text_is_media_metadata() -> None:
    assert x_request_kind("POST", "/2/media/upload", b"", 200, {}) == ("media upload", 1)
    assert x_request_kind("GET", "/2/media/upload", b"", 200, {}) == ("media status", 1)
    assert x_request_kind("POST", "/2/media/metadata", b"{}", 200, {}) == ("media metadata", 1)
    assert X_PRICES["media upload"] == 0.0
    assert X_PRICES["media metadata"] == 0.005


def test_the_sweep_reading_each_dlq_every_run_is_counted_as_sqs_requests() -> None:
    function = {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Handler": "app.on_schedule",
            "Events": {"Every": {"Type": "Schedule", "Properties": {"Schedule": "rate(5 minutes)"}}},
        },
    }
    queues = {
        f"Q{n}": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": name}}
        for n, name in enumerate(("p-intake", "p-intake-dlq", "p-publish", "p-publish-dlq"))
    }
    inv = inventory({"Resources": {"OnSchedule": function, **queues}})
    assert inv.dlqs == 2
    [reads] = [ln for ln in fixed_lines(inv) if ln.name.startswith("SQS DLQ depth reads")]
    assert reads.quantity == 2 * 8640
    assert reads.pool == "sqs_requests"
