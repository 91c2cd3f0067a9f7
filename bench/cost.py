"""What 1,000 stories cost to run in AWS (eu-west-2), from what one story actually does.

The local stack runs in this process with every botocore call counted (operation, and the DynamoDB
request units it would be billed), and each handler timed. A few stories go from SMTP to publication
one at a time; the counts per story times the list prices give the cost per 1,000 stories. SES is
shown apart: receiving and sending mail is the product, and it dwarfs the rest by design.
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import statistics
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

from bench.stack import STORY_TEXTS, csrf_in, free_port, link_in, tag, wait_for

STORIES = 5
GOAL_OTHER_USD = 0.10  # per 1,000 stories, everything but SES
MEMORY_GB = 256 / 1024  # .chalice/config.json: every function, publish included (its timeout is 120 s)
PRICES_AS_OF = "2025-06, AWS public price pages, eu-west-2 (London), on-demand list prices, no free tier"
PRICES = {
    "lambda_gb_s": 0.0000166667,
    "lambda_request": 0.20 / 1e6,
    "sqs_request": 0.40 / 1e6,
    "s3_put": 0.0053 / 1000,  # PUT, COPY, POST, LIST
    "s3_get": 0.00042 / 1000,  # GET and all other requests
    "dynamodb_wru": 0.7423 / 1e6,
    "dynamodb_rru": 0.1485 / 1e6,
    "ses_received": 0.10 / 1000,
    "ses_received_chunk": 0.09 / 1000,  # per 256 KB of each received message
    "ses_sent": 0.10 / 1000,
    # Secrets are SSM Parameter Store standard parameters: no charge for reads at standard
    # throughput (Secrets Manager charged $0.05 per 10,000 calls).
    "secrets_call": 0.0,
    "api_gateway_request": 3.50 / 1e6,  # REST API, first 333 million a month
}
DDB_WRITES = {"PutItem", "UpdateItem", "DeleteItem"}
DDB_READS = {"GetItem", "Query", "Scan"}

GOAL_X_PER_STORY_USD = 0.02  # the default configuration
X_PRICES_AS_OF = (
    "X API pay-per-use rates, docs.x.com/x-api/getting-started/pricing as stored 2026 (and quoted in "
    "issue 16); media upload is not on that page, so it is priced at $0"
)
X_PRICES = {
    "create": 0.015,  # Content: Create, per request
    "create with URL": 0.200,  # Content: Create (with URL), per request
    "delete": 0.010,  # Interaction: Delete, per request
    "read": 0.005,  # Posts: Read, per post returned
    "owned read": 0.001,  # Owned Reads (GET /2/users/:id/tweets and the like), per post returned
    "user read": 0.010,  # User: Read (GET /2/users/me), per user returned
    "media metadata": 0.005,  # Media Metadata (alt text), per request
    "media upload": 0.0,  # not on the pricing page
    "media status": 0.0,  # not on the pricing page
    "other": 0.0,
}


def _data_count(reply_body: Any) -> int:
    """How many resources an X read returned (X bills reads per resource, not per request)."""
    if isinstance(reply_body, bytes | str):
        try:
            reply_body = json.loads(reply_body)
        except ValueError:
            return 0
    data = reply_body.get("data") if isinstance(reply_body, dict) else None
    if isinstance(data, list):
        return len(data)
    return 1 if data else 0


def x_request_kind(method: str, path: str, body: bytes, status: int, reply_body: Any) -> tuple[str, int]:
    """One request to X as X bills it: (kind from X_PRICES, billed units). Refused requests bill nothing."""
    from twitter_text import extract_urls

    parts = path.rstrip("/").split("/")
    if method == "POST" and parts == ["", "2", "tweets"]:
        try:
            text = json.loads(body or b"{}").get("text") or ""
        except (ValueError, AttributeError):
            text = ""
        kind = "create with URL" if extract_urls(str(text)) else "create"
    elif method == "DELETE" and parts[:3] == ["", "2", "tweets"] and len(parts) == 4:
        kind = "delete"
    elif parts[:3] == ["", "2", "media"] and len(parts) >= 4 and parts[3] == "metadata":
        kind = "media metadata"
    elif parts[:4] == ["", "2", "media", "upload"]:
        kind = "media status" if method == "GET" else "media upload"
    elif method == "GET" and parts[:3] == ["", "2", "users"] and len(parts) == 5 and parts[4] == "tweets":
        kind = "owned read"
    elif method == "GET" and parts == ["", "2", "users", "me"]:
        kind = "user read"
    elif method == "GET" and parts[:3] == ["", "2", "tweets"]:
        kind = "read"
    else:
        kind = "other"
    if not 200 <= status < 300:
        return kind, 0
    if kind in ("read", "owned read", "user read"):
        return kind, _data_count(reply_body)
    return kind, 1


def x_cost(requests_seen: list[tuple[str, int]]) -> dict[str, tuple[int, int, float]]:
    """Per kind: (requests, billed units, dollars)."""
    out: dict[str, tuple[int, int, float]] = {}
    for kind, units in requests_seen:
        n, u, _ = out.get(kind, (0, 0, 0.0))
        out[kind] = (n + 1, u + units, (u + units) * X_PRICES[kind])
    return out


class Meter:
    """Counts every botocore call in the process, with DynamoDB request units as AWS would bill them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: Counter[tuple[str, str]] = Counter()
        self.received: Counter[str] = Counter()  # SQS messages received, by queue name
        self.wru = 0.0
        self.rru = 0.0

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.received.clear()
            self.wru = self.rru = 0.0

    def record(self, service: str, op: str, params: dict[str, Any], response: dict[str, Any]) -> None:
        with self.lock:
            if op == "ReceiveMessage":
                got = len(response.get("Messages", []))
                if got == 0:
                    return  # an empty long poll: Lambda's pollers make these whatever the traffic
                self.received[params["QueueUrl"].rsplit("/", 1)[-1]] += got
            self.calls[(service, op)] += 1
            if service != "dynamodb":
                return
            # Item sizes from their JSON form: close to DynamoDB's own measure for these small items.
            if op in DDB_WRITES:
                self.wru += max(1, math.ceil(len(json.dumps(params.get("Item") or params)) / 1024))
            elif op == "TransactWriteItems":
                for item in params["TransactItems"]:
                    self.wru += 2 * max(1, math.ceil(len(json.dumps(item)) / 1024))
            elif op in DDB_READS:
                size = len(json.dumps(response.get("Items") or response.get("Item") or {}))
                units = max(1, math.ceil(size / 4096))
                self.rru += units if params.get("ConsistentRead") else units / 2


@contextmanager
def metered(meter: Meter) -> Iterator[None]:
    from botocore.client import BaseClient

    original = getattr(BaseClient, "_make_api_call")  # noqa: B009 - private, so not in the stubs

    def counting(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        response = original(self, operation_name, api_params)
        meter.record(self.meta.service_model.endpoint_prefix, operation_name, api_params, response)
        return response

    setattr(BaseClient, "_make_api_call", counting)  # noqa: B010
    try:
        yield
    finally:
        setattr(BaseClient, "_make_api_call", original)  # noqa: B010


def timed(handler: Callable[..., Any], into: list[float]) -> Callable[..., Any]:
    def run(event: Any, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return handler(event, context)
        finally:
            into.append(time.perf_counter() - start)

    return run


@contextmanager
def saved_environ() -> Iterator[None]:
    """The stack points this process's AWS settings at moto; put them back for whatever runs next."""
    saved = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@dataclass
class Run:
    """What a few stories did, counted after the warm-up story."""

    stories: int
    meter: Meter
    durations: dict[str, list[float]]
    api_calls: int
    x_requests: list[tuple[str, int]]  # (kind, billed units) for every request the fake X answered
    log_bytes: int  # what the handlers wrote to their logs (JSON lines and EMF metrics) at INFO


class _CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def write(self, s: str) -> int:
        self.count += len(s.encode())
        return len(s)


@contextmanager
def counted_logs(stream: _CountingStream) -> Iterator[None]:
    """The handlers' logs at the level they run at in AWS (INFO), counted and kept off the screen."""
    import contextlib

    from chalicelib.observability import logger

    handler = logger.registered_handler
    if not isinstance(handler, logging.StreamHandler):
        raise RuntimeError("the handlers' logger no longer writes to a stream")
    old = handler.setStream(stream)
    level = logger.log_level
    logger.setLevel("INFO")
    try:
        with contextlib.redirect_stdout(stream):  # EMF metrics are printed, and ingested as logs too
            yield
    finally:
        logger.setLevel(level)
        if old is not None:
            handler.setStream(old)


@contextmanager
def x_counted(into: list[tuple[str, int]]) -> Iterator[None]:
    """Every request the local stack's fake X answers, classified as X bills it."""
    from local.fakes.x import FakeX

    original = FakeX.route

    def counting(self: FakeX, request: Any) -> Any:
        reply = original(self, request)
        into.append(x_request_kind(request.method, request.path, request.body, reply.status, reply.body))
        return reply

    setattr(FakeX, "route", counting)  # noqa: B010
    try:
        yield
    finally:
        setattr(FakeX, "route", original)  # noqa: B010


def measure(stories: int) -> Run:
    import app as chalice_app
    from chalicelib.bootstrap import set_container
    from local.stack import LocalStack, Ports

    meter = Meter()
    durations: dict[str, list[float]] = defaultdict(list)
    x_requests: list[tuple[str, int]] = []
    logs = _CountingStream()
    handlers = ("on_intake", "on_check", "on_notify", "on_publish")
    originals = {name: getattr(chalice_app, name) for name in handlers}
    for name in handlers:
        setattr(chalice_app, name, timed(originals[name], durations[name]))
    ports = Ports(console=free_port(), smtp=free_port(), moto=free_port(), x=free_port())
    stack = LocalStack(ports=ports, schedule_every_s=24 * 3600)  # the schedule is a fixed cost, not per story
    base = f"http://127.0.0.1:{ports.console}"
    api_calls = 0
    with saved_environ(), metered(meter), x_counted(x_requests), counted_logs(logs):
        try:
            stack.start()
            with requests.Session() as http:
                for n in range(stories + 1):
                    if n == 1:
                        meter.reset()  # the first story warms every container: count steady state
                        for d in durations.values():
                            d.clear()
                        api_calls = 0
                        x_requests.clear()
                        logs.count = 0
                    ref = tag()
                    title = f"Cost {ref}"
                    _send(ports.smtp, title, f"{STORY_TEXTS[n % len(STORY_TEXTS)]} (ref {ref})")

                    mail = wait_for("approval", _mail_about(http, base, f"Approval needed: {title}"), 60)
                    link = link_in(mail, "a")
                    start = time.perf_counter()
                    page = http.get(link, timeout=60)
                    http.post(link, data={"decision": "approve", "csrf": csrf_in(page.text)}, timeout=60)
                    durations["api (approve: GET + POST)"].append(time.perf_counter() - start)
                    api_calls += 2
                    wait_for("published", _mail_about(http, base, f"Published: {title}"), 60)
                    time.sleep(1.5)  # the last notices (to the comms team) finish before the next story
        finally:
            stack.stop()
            set_container(None)
            for name in handlers:
                setattr(chalice_app, name, originals[name])
    return Run(stories, meter, durations, api_calls, list(x_requests), logs.count)


@dataclass
class PerStory:
    """One story's use of each priced thing, from a Run."""

    lambda_invocations: float
    lambda_gb_s: float
    api_requests: float
    sqs_requests: float
    s3_to_sqs: float
    s3_put: float
    s3_get: float
    dynamodb_wru: float
    dynamodb_rru: float
    ses_sent: float
    secrets_calls: float
    log_bytes: float
    x_usd: float

    def aws_usd(self) -> dict[str, float]:
        """Everything but SES, per story, at list price (no free tier)."""
        return {
            "Lambda compute": self.lambda_gb_s * PRICES["lambda_gb_s"],
            "Lambda requests": self.lambda_invocations * PRICES["lambda_request"],
            "API Gateway": self.api_requests * PRICES["api_gateway_request"],
            "SQS": self.sqs_requests * PRICES["sqs_request"],
            "S3 PUT/LIST": self.s3_put * PRICES["s3_put"],
            "S3 GET": self.s3_get * PRICES["s3_get"],
            "DynamoDB writes": self.dynamodb_wru * PRICES["dynamodb_wru"],
            "DynamoDB reads": self.dynamodb_rru * PRICES["dynamodb_rru"],
            "Parameter Store": self.secrets_calls * PRICES["secrets_call"],
        }

    def ses_usd(self) -> float:
        return PRICES["ses_received"] + PRICES["ses_received_chunk"] + self.ses_sent * PRICES["ses_sent"]


def per_story(run: Run) -> PerStory:
    n = run.stories
    calls, durations = run.meter.calls, run.durations
    s3_put = sum(
        v for (svc, op), v in calls.items() if svc == "s3" and op.startswith(("Put", "Copy", "List"))
    )
    s3_get = sum(v for (svc, op), v in calls.items() if svc == "s3") - s3_put
    # S3 delivers its notifications to the intake and checks queues itself: SQS bills those sends too.
    s3_to_sqs = sum(c for q, c in run.meter.received.items() if q.endswith(("-intake", "-checks")))
    sqs = sum(v for (svc, _), v in calls.items() if svc == "sqs") + s3_to_sqs
    ses_sent = sum(v for (svc, op), v in calls.items() if svc == "email" and op.startswith("Send"))
    secrets = sum(v for (svc, _), v in calls.items() if svc in ("ssm", "secretsmanager"))
    invocations = sum(len(d) for k, d in durations.items() if k.startswith("on_")) + run.api_calls
    api = durations.get("api (approve: GET + POST)") or [0.0]
    gb_s = MEMORY_GB * (
        sum(sum(d) for k, d in durations.items() if k.startswith("on_"))
        + statistics.median(api) * n  # two requests' time
    )
    x_usd = sum(usd for _, _, usd in x_cost(run.x_requests).values())
    return PerStory(
        lambda_invocations=invocations / n,
        lambda_gb_s=gb_s / n,
        api_requests=run.api_calls / n,
        sqs_requests=sqs / n,
        s3_to_sqs=s3_to_sqs / n,
        s3_put=s3_put / n,
        s3_get=s3_get / n,
        dynamodb_wru=run.meter.wru / n,
        dynamodb_rru=run.meter.rru / n,
        ses_sent=ses_sent / n,
        secrets_calls=secrets / n,
        log_bytes=run.log_bytes / n,
        x_usd=x_usd / n,
    )


def _mail_about(http: requests.Session, base: str, subject: str) -> Callable[[], dict[str, Any] | None]:
    def probe() -> dict[str, Any] | None:
        mails = http.get(f"{base}/dev/mail.json", timeout=60).json()
        return next((m for m in mails if m["subject"] == subject), None)

    return probe


def _send(port: int, subject: str, body: str) -> None:
    import smtplib
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", subject
    msg.set_content(body)
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.send_message(msg)


def main(stories: int = STORIES) -> int:
    run = measure(stories)
    one = per_story(run)
    durations, calls = run.durations, run.meter.calls
    other = {k: v * 1000 for k, v in one.aws_usd().items()}
    ses = {
        "SES received (1 a story)": 1000 * PRICES["ses_received"],
        "SES receiving chunks (1 a story)": 1000 * PRICES["ses_received_chunk"],
        f"SES sent ({one.ses_sent:.1f} a story)": one.ses_sent * PRICES["ses_sent"] * 1000,
    }
    total_other = sum(other.values())

    print(f"\ncost: {stories} stories from SMTP to publication (after one warm-up), every AWS call counted")
    print(f"  prices: {PRICES_AS_OF}")
    print("    " + ", ".join(f"{k} ${v:.10g}" for k, v in PRICES.items()))
    print("  per story, measured:")
    for name, d in sorted(durations.items()):
        if d:
            count = f"{len(d) / stories:4.1f} invocations" if name.startswith("on_") else "2 requests     "
            print(f"    {name:28} {count}, median {statistics.median(d) * 1000:6.0f} ms")
    print(
        f"    Lambda: {one.lambda_invocations:.1f} invocations, "
        f"{one.lambda_gb_s:.3f} GB-s at {MEMORY_GB * 1024:.0f} MB"
    )
    print(f"    SQS: {one.sqs_requests:.1f} requests ({one.s3_to_sqs:.1f} of them S3 notifications)")
    print(f"    S3: {one.s3_put:.1f} PUT/LIST, {one.s3_get:.1f} GET/other")
    print(f"    DynamoDB: {one.dynamodb_wru:.1f} WRU, {one.dynamodb_rru:.1f} RRU")
    print(f"    SES: 1 received, {one.ses_sent:.1f} sent; Parameter Store: {one.secrets_calls:.1f} reads")
    print(f"    logs written by the handlers at INFO (JSON lines and EMF): {one.log_bytes:,.0f} bytes")
    detail = ", ".join(f"{svc}:{op} {v / stories:.1f}" for (svc, op), v in sorted(calls.items()))
    print(f"    every call per story: {detail}")
    print("  per 1,000 stories:")
    for name, usd in sorted(ses.items(), key=lambda kv: -kv[1]):
        print(f"    {name:34} ${usd:8.4f}")
    print(f"    SES total                          ${sum(ses.values()):8.4f}")
    for name, usd in sorted(other.items(), key=lambda kv: -kv[1]):
        print(f"    {name:34} ${usd:8.4f}")
    verdict = "met" if total_other <= GOAL_OTHER_USD else "NOT met"
    top = max(other, key=lambda k: other[k])
    print(
        f"    everything but SES                 ${total_other:8.4f} "
        f"(goal <= ${GOAL_OTHER_USD:.2f}: {verdict})"
    )
    print(f"  dominated by {top} ({other[top] / total_other:.0%} of everything but SES)")
    print_x(run, one)
    print(
        "  not counted here: fixed monthly costs (`BENCH_ONLY=bill` prints them), CloudWatch Logs and\n"
        "  X-Ray. The blog's list of stories is updated in place (2 GETs, 3 PUTs a publish whatever the\n"
        "  blog's size), so these figures hold for a blog of any size"
    )
    return 0


def print_x(run: Run, one: PerStory) -> None:
    """X's bill beside AWS's: every request the fake X answered, at X's prices."""
    by_kind = x_cost(run.x_requests)
    n = run.stories
    print(f"  X API, every request the fake X answered ({X_PRICES_AS_OF}):")
    for kind, (reqs, units, usd) in sorted(by_kind.items(), key=lambda kv: -kv[1][2]):
        print(
            f"    {kind:18} {reqs / n:5.1f} requests, {units / n:5.1f} billed a story "
            f"x ${X_PRICES[kind]:.3f} = ${usd / n:.4f} a story"
        )
    aws_per_1000 = sum(one.aws_usd().values()) * 1000
    verdict = "met" if one.x_usd <= GOAL_X_PER_STORY_USD else "NOT met"
    print(
        f"    X per story ${one.x_usd:.4f} (goal <= ${GOAL_X_PER_STORY_USD:.2f} in the default "
        f"configuration: {verdict}); at 200 stories a month ${one.x_usd * 200:.2f}; "
        f"per 1,000 stories ${one.x_usd * 1000:.2f} beside AWS's ${aws_per_1000:.4f} (SES apart)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
