"""What 1,000 stories cost to run in AWS (eu-west-2), from what one story actually does.

The local stack runs in this process with every botocore call counted (operation, and the DynamoDB
request units it would be billed), and each handler timed. A few stories go from SMTP to publication
one at a time; the counts per story times the list prices give the cost per 1,000 stories. SES is
shown apart: receiving and sending mail is the product, and it dwarfs the rest by design.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import requests

from bench.stack import STORY_TEXTS, csrf_in, free_port, link_in, quiet, tag, wait_for

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
    "secrets_call": 0.05 / 10000,
    "api_gateway_request": 3.50 / 1e6,  # REST API, first 333 million a month
}
DDB_WRITES = {"PutItem", "UpdateItem", "DeleteItem"}
DDB_READS = {"GetItem", "Query", "Scan"}


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


def measure(stories: int) -> tuple[Meter, dict[str, list[float]], int]:
    import app as chalice_app
    from chalicelib.bootstrap import set_container
    from local.stack import LocalStack, Ports

    meter = Meter()
    durations: dict[str, list[float]] = defaultdict(list)
    handlers = ("on_intake", "on_check", "on_notify", "on_publish")
    originals = {name: getattr(chalice_app, name) for name in handlers}
    for name in handlers:
        setattr(chalice_app, name, timed(originals[name], durations[name]))
    ports = Ports(console=free_port(), smtp=free_port(), moto=free_port(), x=free_port())
    stack = LocalStack(ports=ports, schedule_every_s=24 * 3600)  # the schedule is a fixed cost, not per story
    base = f"http://127.0.0.1:{ports.console}"
    api_calls = 0
    with saved_environ(), metered(meter), quiet():
        try:
            stack.start()
            with requests.Session() as http:
                for n in range(stories + 1):
                    if n == 1:
                        meter.reset()  # the first story warms every container: count steady state
                        for d in durations.values():
                            d.clear()
                        api_calls = 0
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
    return meter, durations, api_calls


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
    meter, durations, api_calls = measure(stories)
    per = 1000 / stories  # from the measured stories to 1,000
    calls = meter.calls
    s3_put = sum(
        v for (svc, op), v in calls.items() if svc == "s3" and op.startswith(("Put", "Copy", "List"))
    )
    s3_get = sum(v for (svc, op), v in calls.items() if svc == "s3") - s3_put
    # S3 delivers its notifications to the intake and checks queues itself: SQS bills those sends too.
    s3_to_sqs = sum(n for q, n in meter.received.items() if q.endswith(("-intake", "-checks")))
    sqs = sum(v for (svc, _), v in calls.items() if svc == "sqs") + s3_to_sqs
    ses_sent = sum(v for (svc, op), v in calls.items() if svc == "email" and op.startswith("Send"))
    secrets = sum(v for (svc, _), v in calls.items() if svc == "secretsmanager")
    invocations = sum(len(d) for k, d in durations.items() if k.startswith("on_")) + api_calls
    gb_s = MEMORY_GB * (
        sum(sum(d) for k, d in durations.items() if k.startswith("on_"))
        + (statistics.median(durations["api (approve: GET + POST)"]) * stories)  # two requests' time
    )
    other = {
        "Lambda compute": gb_s * PRICES["lambda_gb_s"] * per,
        "Lambda requests": invocations * PRICES["lambda_request"] * per,
        "API Gateway": api_calls * PRICES["api_gateway_request"] * per,
        "SQS": sqs * PRICES["sqs_request"] * per,
        "S3 PUT/LIST": s3_put * PRICES["s3_put"] * per,
        "S3 GET": s3_get * PRICES["s3_get"] * per,
        "DynamoDB writes": meter.wru * PRICES["dynamodb_wru"] * per,
        "DynamoDB reads": meter.rru * PRICES["dynamodb_rru"] * per,
        "Secrets Manager": secrets * PRICES["secrets_call"] * per,
    }
    ses = {
        "SES received (1 a story)": 1000 * PRICES["ses_received"],
        "SES receiving chunks (1 a story)": 1000 * PRICES["ses_received_chunk"],
        f"SES sent ({ses_sent / stories:.1f} a story)": ses_sent * PRICES["ses_sent"] * per,
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
        f"    Lambda: {invocations / stories:.1f} invocations, "
        f"{gb_s / stories:.3f} GB-s at {MEMORY_GB * 1024:.0f} MB"
    )
    print(f"    SQS: {sqs / stories:.1f} requests ({s3_to_sqs / stories:.1f} of them S3 notifications)")
    print(f"    S3: {s3_put / stories:.1f} PUT/LIST, {s3_get / stories:.1f} GET/other")
    print(f"    DynamoDB: {meter.wru / stories:.1f} WRU, {meter.rru / stories:.1f} RRU")
    print(
        f"    SES: 1 received, {ses_sent / stories:.1f} sent; Secrets Manager: {secrets / stories:.1f} calls"
    )
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
    print(
        "  not counted: fixed monthly costs (idle SQS long polls by Lambda's pollers, the 5-minute\n"
        "  schedule, secrets at $0.40 each a month, alarms), CloudWatch Logs and X-Ray, and the blog\n"
        "  index, which the publisher rebuilds from every published story: its S3 GETs per story grow\n"
        "  with the blog"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
