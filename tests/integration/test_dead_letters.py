"""The DLQ count the sweep reports, from SQS itself (moto) and from the in-memory queues the same way."""

from __future__ import annotations

from chalicelib.adapters.sqs import SqsQueues
from chalicelib.definition import QUEUES, Resources
from local.aws_resources import AwsClients
from local.memory import MemoryQueues


def _queues(aws_clients: AwsClients, resources: Resources) -> SqsQueues:
    keys = [q.key for q in QUEUES]
    return SqsQueues(
        aws_clients.sqs,
        {k: resources.queue(k) for k in keys} | {f"{k}-dlq": resources.dlq(k) for k in keys},
    )


def test_messages_in_any_dlq_are_counted_and_working_queues_are_not(
    aws_clients: AwsClients, resources: Resources
) -> None:
    queues = _queues(aws_clients, resources)
    memory = MemoryQueues(known=[q.key for q in QUEUES] + [f"{q.key}-dlq" for q in QUEUES])
    for each in (queues, memory):
        assert each.dead_letters() == 0
        each.send("publish", {"story_id": "s-1", "version": 1})
        assert each.dead_letters() == 0
        each.send("publish-dlq", {"parked_reason": "bad", "original_body": "x"})
        each.send("notify-dlq", {"parked_reason": "bad", "original_body": "y"})
        each.send("notify-dlq", {"parked_reason": "bad", "original_body": "z"})
        assert each.dead_letters() == 3


def test_a_message_being_read_from_a_dlq_still_counts(aws_clients: AwsClients, resources: Resources) -> None:
    queues = _queues(aws_clients, resources)
    queues.send("checks-dlq", {"parked_reason": "bad", "original_body": "x"})
    url = queues.url("checks-dlq")
    assert aws_clients.sqs.receive_message(QueueUrl=url, VisibilityTimeout=60)["Messages"]
    assert queues.dead_letters() == 1
