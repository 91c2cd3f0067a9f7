"""Queues behind the Queues port: services name a queue by its short key, never by URL or ARN.

Queue URLs are looked up by name once per container and cached, so configuration carries only
names (the same ones chalicelib/definition.py gives the CDK app).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..domain.errors import ConfigError
from .aws_common import aws_call

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

MAX_DELAY_S = 900  # SQS's limit for DelaySeconds
DLQ_SUFFIX = "-dlq"  # a DLQ's key: its queue's key and this (bootstrap names them so)
_MISSING = frozenset({"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"})
_TRANSIENT = frozenset({"ThrottlingException", "RequestThrottled", "ServiceUnavailable", "InternalError"})


def encode_body(body: Mapping[str, Any]) -> str:
    """The message body as JSON; anything not JSON-serialisable is a bug in the caller."""
    return json.dumps(dict(body), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def check_delay(delay_s: int) -> int:
    if not 0 <= delay_s <= MAX_DELAY_S:
        raise ValueError(f"delay_s must be between 0 and {MAX_DELAY_S} seconds, got {delay_s}")
    return delay_s


class SqsQueues:
    """Queues over SQS; ``names`` maps each queue key (intake, checks, notify, publish) to its queue name."""

    def __init__(self, client: SQSClient, names: Mapping[str, str]) -> None:
        self._sqs = client
        self._names = dict(names)
        self._urls: dict[str, str] = {}
        self._lock = threading.Lock()

    def url(self, queue: str) -> str:
        with self._lock:
            cached = self._urls.get(queue)
        if cached is not None:
            return cached
        try:
            name = self._names[queue]
        except KeyError:
            raise ConfigError(f"no queue is configured for {queue!r}") from None
        with aws_call(
            f"sqs get_queue_url {name}",
            transient=_TRANSIENT,
            missing=_MISSING,
            when_missing=ConfigError(f"queue {name} does not exist"),
        ):
            url = self._sqs.get_queue_url(QueueName=name)["QueueUrl"]
        with self._lock:
            self._urls[queue] = url
        return url

    def send(self, queue: str, body: Mapping[str, Any], *, delay_s: int = 0) -> None:
        message = encode_body(body)
        delay = check_delay(delay_s)
        url = self.url(queue)
        with aws_call(f"sqs send to {queue}", transient=_TRANSIENT):
            self._sqs.send_message(QueueUrl=url, MessageBody=message, DelaySeconds=delay)

    def dead_letters(self) -> int:
        """Messages in every configured DLQ, visible or being read (SQS's approximate counts)."""
        total = 0
        for key in sorted(k for k in self._names if k.endswith(DLQ_SUFFIX)):
            url = self.url(key)
            with aws_call(f"sqs depth of {key}", transient=_TRANSIENT):
                attrs = self._sqs.get_queue_attributes(
                    QueueUrl=url,
                    AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
                ).get("Attributes", {})
            total += int(attrs.get("ApproximateNumberOfMessages", "0"))
            total += int(attrs.get("ApproximateNumberOfMessagesNotVisible", "0"))
        return total
