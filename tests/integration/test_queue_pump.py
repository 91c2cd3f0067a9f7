"""The queue pump and the real handlers on moto's server: retries end in the DLQ, never in a loop."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import app as chalice_app
from chalicelib.bootstrap import Container, set_container
from chalicelib.config import Settings
from chalicelib.definition import QUEUES
from local.aws_resources import AwsClients, CreatedResources
from local.pump import QueuePump

RULES = Path(__file__).resolve().parents[2] / "local" / "rules.yaml"


@pytest.fixture
def wired(created: CreatedResources) -> Iterator[CreatedResources]:
    settings = Settings.from_env(
        {
            "RESOURCE_PREFIX": created.resources.prefix,
            "RULES_SOURCE": f"file:{RULES}",
            "AWS_REGION": "eu-west-2",
        }
    )
    set_container(Container(settings))
    yield created
    set_container(None)


def pump_for(aws_clients: AwsClients, created: CreatedResources, key: str) -> QueuePump:
    q = created.queues[key]
    handler = getattr(chalice_app, next(d.handler for d in QUEUES if d.key == key))
    return QueuePump(
        aws_clients.sqs, name=key, queue_url=q.url, queue_arn=q.arn, handler=handler, retry_delay_s=0
    )


def dlq_bodies(aws_clients: AwsClients, created: CreatedResources, key: str) -> list[str]:
    got = aws_clients.sqs.receive_message(
        QueueUrl=created.queues[key].dlq_url, MaxNumberOfMessages=10, WaitTimeSeconds=1
    )
    return [m["Body"] for m in got.get("Messages", [])]


def test_a_message_that_keeps_failing_reaches_the_dlq_after_the_configured_receives(
    aws_clients: AwsClients, wired: CreatedResources
) -> None:
    # A check for a story whose row never appears is retried (it may be a race), then given up on.
    aws_clients.sqs.purge_queue(QueueUrl=wired.queues["checks"].url)  # the s3:TestEvent from set-up
    body = json.dumps({"story_id": "never-written", "version": 1})
    aws_clients.sqs.send_message(QueueUrl=wired.queues["checks"].url, MessageBody=body)
    pump = pump_for(aws_clients, wired, "checks")
    max_receives = next(q.max_receive_count for q in QUEUES if q.key == "checks")
    handled = sum(pump.poll_once(wait_s=1) for _ in range(max_receives + 2))
    assert handled == max_receives
    assert dlq_bodies(aws_clients, wired, "checks") == [body]


def test_a_message_that_can_never_succeed_is_parked_at_once_with_its_reason(
    aws_clients: AwsClients, wired: CreatedResources
) -> None:
    aws_clients.sqs.purge_queue(QueueUrl=wired.queues["publish"].url)
    aws_clients.sqs.send_message(QueueUrl=wired.queues["publish"].url, MessageBody="{not json")
    pump = pump_for(aws_clients, wired, "publish")
    assert pump.poll_once(wait_s=1) == 1
    assert pump.poll_once(wait_s=0) == 0  # deleted, not redelivered
    [parked] = dlq_bodies(aws_clients, wired, "publish")
    assert json.loads(parked)["original_body"] == "{not json"
    assert "JSON" in json.loads(parked)["parked_reason"]


def test_s3_test_events_are_acknowledged_and_dropped(
    aws_clients: AwsClients, wired: CreatedResources
) -> None:
    pump = pump_for(aws_clients, wired, "intake")
    while pump.poll_once(wait_s=0):  # the s3:TestEvent sent when notifications were configured
        pass
    assert dlq_bodies(aws_clients, wired, "intake") == []
