"""The monthly bill a council's finance officer would see: fixed costs from the synthesised template,
the variable cost at 200 and at 5,000 stories a month from what `bench.cost` measures a story doing,
and X's charges beside it. Each figure at list price and after AWS's always-free allowances.

The fixed part is counted from the CloudFormation template (`make synth`), not from a list kept by
hand: secrets, alarms (per alarm metric, as CloudWatch bills them), dashboards, customer-managed KMS
keys, custom metrics the alarms watch, scheduled functions (invocations and GB-s at the function's
memory in the template), the idle long polls of each SQS event source, X-Ray traces and the logs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import cost

ROOT = Path(__file__).resolve().parents[1]
STORIES = 3  # measured through the local stack (bench.cost), after one warm-up story
VOLUMES = (200, 5000)  # stories a month
GOAL_FIXED_AFTER_FREE_USD = 1.00
GOAL_200_WITH_SES_USD = 2.00
DAYS = 30  # a month, as issue 16 counts the sweep (8,640 runs at every 5 minutes)
MINUTES = DAYS * 24 * 60

PRICES_AS_OF = (
    "2026-12 from stored copies of the AWS price pages: Secrets Manager $0.40/secret-month and "
    "$0.05/10k calls (all regions); SSM Parameter Store standard parameters and standard-throughput "
    "reads no charge (Systems Manager user guide); CloudWatch (aws.amazon.com/cloudwatch/pricing) "
    "alarms $0.10 per "
    "standard-resolution alarm metric, $0.30 high-resolution, $0.50 composite, dashboards $3, custom "
    "metrics $0.30 (first 10k), Logs $0.50/GB ingested and $0.03/GB-month stored (us-east-1: London's "
    "were not in the stored pages and are a few per cent higher); KMS $1/customer-managed key-month "
    "(each automatic yearly rotation adds $1, for the first two); X-Ray $5/million traces; CloudFront "
    "pay-as-you-go; Lambda, SQS, S3, DynamoDB, API Gateway and SES as bench.cost (" + cost.PRICES_AS_OF + ")"
)
PRICES = {
    "secret_month": 0.40,
    "alarm_metric_month": 0.10,
    "alarm_high_res_metric_month": 0.30,
    "composite_alarm_month": 0.50,
    "dashboard_month": 3.00,
    "kms_key_month": 1.00,
    "custom_metric_month": 0.30,
    "logs_ingest_gb": 0.50,
    "logs_store_gb_month": 0.03,
    "xray_trace": 5.00 / 1e6,
}
# AWS's always-free allowances a month (not the 12-month offers: API Gateway, S3 and SES have none
# that last; DynamoDB's 25 WCU/RCU are provisioned capacity only, and this table is on-demand).
FREE_AS_OF = (
    "CloudWatch pricing page (stored copy): 10 alarm metrics (standard resolution), 3 dashboards, "
    "10 custom metrics, 5 GB of logs (ingestion, storage and Insights scans together); Lambda 1M "
    "requests and 400,000 GB-s; SQS 1M requests; X-Ray 100,000 traces; CloudFront 1 TB out, 10M "
    "requests, 2M function invocations; DynamoDB 25 GB storage (on-demand: no free request units)"
)
FREE = {
    "alarm_metrics": 10.0,
    "dashboards": 3.0,
    "custom_metrics": 10.0,
    "logs_gb": 5.0,
    "lambda_requests": 1e6,
    "lambda_gb_s": 400_000.0,
    "sqs_requests": 1e6,
    "xray_traces": 100_000.0,
}

# Stated assumptions, where nothing here measures the figure:
SQS_IDLE_POLLS_PER_MIN = 5 * 3  # Lambda keeps ~5 pollers per SQS event source, each a 20 s long poll
SWEEP_S = 0.3  # one scheduled sweep on a quiet table, warm (not measured: bench.cost turns it off)
SWEEP_LOG_BYTES = 300  # its own INFO lines and EMF metrics
LAMBDA_PLATFORM_LOG_BYTES = 400  # START, END and REPORT (with the X-Ray line) for each invocation
API_ACCESS_LOG_BYTES = 250  # one API Gateway access-log line in the template's format


@dataclass
class Inventory:
    """The fixed-cost resources in a template."""

    secrets: int = 0
    alarm_metrics: int = 0  # standard resolution, one per metric an alarm lists
    high_res_alarm_metrics: int = 0
    composite_alarms: int = 0
    dashboards: int = 0
    kms_keys: int = 0
    custom_metrics: set[tuple[str, str]] = field(default_factory=set)
    schedules: list[tuple[str, float, int]] = field(default_factory=list)  # (function, runs/month, MB)
    sqs_event_sources: int = 0
    dlqs: int = 0  # the sweep reads each one's depth on every run (chalicelib/services/schedule.py)
    traced_functions: int = 0
    log_groups: list[tuple[str, int | None]] = field(default_factory=list)  # (name, retention days)
    cloudfront: int = 0
    apis: int = 0


def runs_a_month(expression: str) -> float:
    """How often a schedule expression fires in a month; cron() is taken as once an hour."""
    m = re.fullmatch(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)", expression.strip())
    if m is None:
        return MINUTES / 60
    every = int(m.group(1)) * {"m": 1, "h": 60, "d": 1440}[m.group(2)[0]]
    return MINUTES / every


def _metric_of(alarm: dict[str, Any], into: set[tuple[str, str]]) -> None:
    ns, name = alarm.get("Namespace"), alarm.get("MetricName")
    if isinstance(ns, str) and isinstance(name, str) and not ns.startswith("AWS/"):
        into.add((ns, name))


def inventory(template: dict[str, Any]) -> Inventory:
    inv = Inventory()
    resources: dict[str, Any] = template.get("Resources", {})
    for res in resources.values():
        kind, props = res.get("Type"), res.get("Properties", {}) or {}
        if kind == "AWS::SecretsManager::Secret":
            inv.secrets += 1
        elif kind == "AWS::CloudWatch::CompositeAlarm":
            inv.composite_alarms += 1
        elif kind == "AWS::CloudWatch::Alarm":
            stats = [m["MetricStat"] for m in props.get("Metrics", []) if "MetricStat" in m]
            if stats:
                for stat in stats:
                    high = int(stat.get("Period", 60)) < 60
                    inv.high_res_alarm_metrics += high
                    inv.alarm_metrics += not high
                    _metric_of(stat.get("Metric", {}), inv.custom_metrics)
            else:
                high = int(props.get("Period", 60)) < 60
                inv.high_res_alarm_metrics += high
                inv.alarm_metrics += not high
                _metric_of(props, inv.custom_metrics)
        elif kind == "AWS::CloudWatch::Dashboard":
            inv.dashboards += 1
        elif kind == "AWS::KMS::Key":
            inv.kms_keys += 1
        elif kind == "AWS::Events::Rule" and props.get("ScheduleExpression"):
            inv.schedules.append(("(rule)", runs_a_month(props["ScheduleExpression"]), 128))
        elif kind in ("AWS::Serverless::Function", "AWS::Lambda::Function"):
            memory = int(props.get("MemorySize", 128))
            if props.get("Tracing") == "Active" or props.get("TracingConfig", {}).get("Mode") == "Active":
                inv.traced_functions += 1
            for event in (props.get("Events") or {}).values():
                if event.get("Type") in ("Schedule", "ScheduleV2"):
                    every = event.get("Properties", {}).get("Schedule") or event.get("Properties", {}).get(
                        "ScheduleExpression", ""
                    )
                    inv.schedules.append((str(props.get("Handler", "?")), runs_a_month(every), memory))
                elif event.get("Type") == "SQS":
                    inv.sqs_event_sources += 1
        elif kind == "AWS::Lambda::EventSourceMapping" and "sqs" in json.dumps(props.get("EventSourceArn")):
            inv.sqs_event_sources += 1
        elif kind == "AWS::SQS::Queue" and str(props.get("QueueName", "")).endswith("-dlq"):
            inv.dlqs += 1
        elif kind == "AWS::Logs::LogGroup":
            inv.log_groups.append((str(props.get("LogGroupName", "?")), props.get("RetentionInDays")))
        elif kind == "AWS::CloudFront::Distribution":
            inv.cloudfront += 1
        elif kind in ("AWS::Serverless::Api", "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"):
            inv.apis += 1
    return inv


@dataclass
class Line:
    """One line of the bill: a quantity a month at a unit price, drawing on an always-free allowance."""

    name: str
    quantity: float
    unit_usd: float
    pool: str | None = None

    @property
    def list_usd(self) -> float:
        return self.quantity * self.unit_usd


def after_free(lines: list[Line], free: dict[str, float] | None = None) -> list[float]:
    """Each line's cost once the allowances are used up, in the order the lines come."""
    left = dict(FREE if free is None else free)
    out = []
    for line in lines:
        billed = line.quantity
        if line.pool is not None:
            used = min(billed, left.get(line.pool, 0.0))
            left[line.pool] = left.get(line.pool, 0.0) - used
            billed -= used
        out.append(billed * line.unit_usd)
    return out


def retention_months(inv: Inventory) -> float:
    """How many months of logs are kept (the longest retention; never-expiring counted as a year)."""
    days = [d if d else 365 for _, d in inv.log_groups] or [0]
    return max(days) / DAYS


def fixed_lines(inv: Inventory) -> list[Line]:
    """What the stack costs a month with no stories at all."""
    p = cost.PRICES
    sweeps = sum(runs for _, runs, _ in inv.schedules)
    sweep_gb_s = sum(runs * SWEEP_S * mb / 1024 for _, runs, mb in inv.schedules)
    sweep_log_gb = sweeps * (SWEEP_LOG_BYTES + LAMBDA_PLATFORM_LOG_BYTES) / 1e9
    idle_polls = inv.sqs_event_sources * SQS_IDLE_POLLS_PER_MIN * MINUTES
    dlq_reads = sweeps * inv.dlqs
    return [
        Line(f"Secrets Manager: {inv.secrets} secrets", inv.secrets, PRICES["secret_month"]),
        Line(
            f"CloudWatch alarms: {inv.alarm_metrics} alarm metrics",
            inv.alarm_metrics,
            PRICES["alarm_metric_month"],
            "alarm_metrics",
        ),
        Line(
            f"CloudWatch alarms: {inv.high_res_alarm_metrics} high-resolution metrics",
            inv.high_res_alarm_metrics,
            PRICES["alarm_high_res_metric_month"],
        ),
        Line(
            f"CloudWatch composite alarms: {inv.composite_alarms}",
            inv.composite_alarms,
            PRICES["composite_alarm_month"],
        ),
        Line(
            f"CloudWatch dashboards: {inv.dashboards}",
            inv.dashboards,
            PRICES["dashboard_month"],
            "dashboards",
        ),
        Line(
            f"CloudWatch custom metrics the alarms watch: {len(inv.custom_metrics)}",
            len(inv.custom_metrics),
            PRICES["custom_metric_month"],
            "custom_metrics",
        ),
        Line(f"KMS customer-managed keys: {inv.kms_keys}", inv.kms_keys, PRICES["kms_key_month"]),
        Line(
            f"SQS idle long polls: {inv.sqs_event_sources} event sources",
            idle_polls,
            p["sqs_request"],
            "sqs_requests",
        ),
        Line(
            f"SQS DLQ depth reads by the sweep: {inv.dlqs} DLQs",
            dlq_reads,
            p["sqs_request"],
            "sqs_requests",
        ),
        Line(
            f"Lambda requests: scheduled ({sweeps:,.0f} runs)", sweeps, p["lambda_request"], "lambda_requests"
        ),
        Line("Lambda compute: scheduled", sweep_gb_s, p["lambda_gb_s"], "lambda_gb_s"),
        Line(
            "X-Ray traces: scheduled",
            sweeps if inv.traced_functions else 0,
            PRICES["xray_trace"],
            "xray_traces",
        ),
        Line("CloudWatch Logs ingested: scheduled", sweep_log_gb, PRICES["logs_ingest_gb"], "logs_gb"),
        Line(
            "CloudWatch Logs stored: scheduled",
            sweep_log_gb * retention_months(inv),
            PRICES["logs_store_gb_month"],
            "logs_gb",
        ),
    ]


def variable_lines(one: cost.PerStory, stories: int, inv: Inventory) -> list[Line]:
    """What ``stories`` stories a month add, from the measured figures per story."""
    p = cost.PRICES
    log_gb = (
        stories
        * (
            one.log_bytes
            + one.lambda_invocations * LAMBDA_PLATFORM_LOG_BYTES
            + one.api_requests * API_ACCESS_LOG_BYTES
        )
        / 1e9
    )
    n = stories
    return [
        Line("Lambda requests: stories", n * one.lambda_invocations, p["lambda_request"], "lambda_requests"),
        Line("Lambda compute: stories", n * one.lambda_gb_s, p["lambda_gb_s"], "lambda_gb_s"),
        Line(
            "X-Ray traces: stories",
            n * one.lambda_invocations * (inv.traced_functions > 0),
            PRICES["xray_trace"],
            "xray_traces",
        ),
        Line("SQS requests: stories", n * one.sqs_requests, p["sqs_request"], "sqs_requests"),
        Line("API Gateway requests", n * one.api_requests, p["api_gateway_request"]),
        Line("S3 PUT/LIST", n * one.s3_put, p["s3_put"]),
        Line("S3 GET", n * one.s3_get, p["s3_get"]),
        Line("DynamoDB write units", n * one.dynamodb_wru, p["dynamodb_wru"]),
        Line("DynamoDB read units", n * one.dynamodb_rru, p["dynamodb_rru"]),
        Line("Parameter Store reads (standard: free)", n * one.secrets_calls, p["secrets_call"]),
        Line("CloudWatch Logs ingested: stories", log_gb, PRICES["logs_ingest_gb"], "logs_gb"),
        Line(
            "CloudWatch Logs stored: stories",
            log_gb * retention_months(inv),
            PRICES["logs_store_gb_month"],
            "logs_gb",
        ),
        Line("SES (received, chunks, sent)", n, one.ses_usd()),
    ]


def template_from_cdk_out() -> tuple[dict[str, Any], str]:
    """The synthesised template: cdk.out's if newer than every source it is built from, else a fresh synth."""
    out = ROOT / "cdk.out"
    found = sorted(out.glob("*.template.json"))
    sources = [*ROOT.glob("infra/**/*.py"), *ROOT.glob("chalicelib/**/*.py"), ROOT / "app.py"]
    newest = max((p.stat().st_mtime for p in sources if p.exists()), default=0.0)
    if found and min(p.stat().st_mtime for p in found) > newest:
        return _merged(found), "cdk.out (newer than infra/, chalicelib/ and app.py)"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "infra.app", tmp], cwd=ROOT, check=True, capture_output=True, timeout=600
        )
        return _merged(sorted(Path(tmp).glob("*.template.json"))), "synthesised now (python -m infra.app)"


def _merged(paths: list[Path]) -> dict[str, Any]:
    resources: dict[str, Any] = {}
    for path in paths:
        resources.update(json.loads(path.read_text()).get("Resources", {}))
    return {"Resources": resources}


def _total(lines: list[Line]) -> tuple[float, float]:
    return sum(line.list_usd for line in lines), sum(after_free(lines))


def main(stories: int = STORIES) -> int:
    template, source = template_from_cdk_out()
    inv = inventory(template)
    fixed = fixed_lines(inv)
    fixed_list, fixed_free = _total(fixed)

    print("\nbill: the stack's monthly bill, fixed from the template, variable from measured stories")
    print(f"  template: {source}")
    print(f"  prices: {PRICES_AS_OF}")
    print(f"  always free: {FREE_AS_OF}")
    print(
        f"  assumed (not measured): {SQS_IDLE_POLLS_PER_MIN} idle long polls a minute per SQS event source; "
        f"a sweep takes {SWEEP_S} s and logs {SWEEP_LOG_BYTES} bytes; {LAMBDA_PLATFORM_LOG_BYTES} bytes of "
        f"START/END/REPORT per invocation; {API_ACCESS_LOG_BYTES} bytes per API access-log line; a month "
        f"of {DAYS} days"
    )
    schedules = ", ".join(f"{h} {r:,.0f}/month at {mb} MB" for h, r, mb in inv.schedules)
    print(f"  fixed, a month with no stories (schedules: {schedules or 'none'}):")
    for line, free_usd in zip(fixed, after_free(fixed), strict=True):
        if line.quantity:
            print(f"    {line.name:58} list ${line.list_usd:7.3f}   after free ${free_usd:7.3f}")
    print(
        f"    {'fixed total':58} list ${fixed_list:7.3f}   after free ${fixed_free:7.3f}"
        f"   (goal after free <= ${GOAL_FIXED_AFTER_FREE_USD:.2f}: "
        f"{'met' if fixed_free <= GOAL_FIXED_AFTER_FREE_USD else 'NOT met'})"
    )
    drivers = sorted(zip(fixed, after_free(fixed), strict=True), key=lambda lf: -lf[1])
    print("    driven by: " + ", ".join(f"{ln.name} ${usd:.2f}" for ln, usd in drivers if usd >= 0.01))
    if inv.cloudfront:
        print(
            f"    CloudFront: {inv.cloudfront} distribution, no fixed charge; a council blog's traffic sits "
            "inside the always-free 1 TB and 10M requests"
        )
    if inv.apis:
        print(
            f"    API Gateway: {inv.apis} REST API, no fixed charge (per request below; no lasting free tier)"
        )

    run = cost.measure(stories)
    one = cost.per_story(run)
    print(
        f"  variable, from {stories} stories through the local stack (bench.cost, after one warm-up): "
        f"{one.lambda_invocations:.1f} invocations, {one.sqs_requests:.1f} SQS requests, "
        f"{one.dynamodb_wru:.1f} WRU, {one.s3_put:.1f} S3 PUT/LIST, {one.log_bytes:,.0f} log bytes "
        f"(+{LAMBDA_PLATFORM_LOG_BYTES * one.lambda_invocations:,.0f} platform) a story"
    )
    for volume in VOLUMES:
        lines = fixed + variable_lines(one, volume, inv)
        total_list, total_free = _total(lines)
        ses = next(ln for ln in lines if ln.name.startswith("SES")).list_usd
        x = one.x_usd * volume
        var_list = total_list - fixed_list
        goal = ""
        if volume == 200:
            goal = (
                f"   (goal under ${GOAL_200_WITH_SES_USD:.2f} with SES: "
                f"{'met' if total_free < GOAL_200_WITH_SES_USD else 'NOT met'})"
            )
        print(
            f"    {volume:5,} stories a month: variable ${var_list:.3f} (SES ${ses:.3f}); AWS with SES "
            f"list ${total_list:.2f}, after free ${total_free:.2f}{goal}; X ${x:.2f}; "
            f"with X ${total_free + x:.2f}"
        )
        top = sorted(zip(lines, after_free(lines), strict=True), key=lambda lf: -lf[1])[:4]
        print("      largest lines after free: " + ", ".join(f"{ln.name} ${usd:.2f}" for ln, usd in top))
    print(
        f"  X per story ${one.x_usd:.4f} (goal <= ${cost.GOAL_X_PER_STORY_USD:.2f}: "
        f"{'met' if one.x_usd <= cost.GOAL_X_PER_STORY_USD else 'NOT met'}), "
        f"${one.x_usd * 200:.2f} a month at 200 stories"
    )
    print(
        "  not counted: S3 and DynamoDB storage (pence at these volumes), KMS and SNS requests, the\n"
        "  sweep's own table reads, custom metrics the handlers emit beyond those the alarms watch,\n"
        "  and traffic to the blog"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(os.environ.get("BENCH_BILL_STORIES", STORIES))))
