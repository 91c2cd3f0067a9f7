"""The local stand-in for Lambda's SQS event source mapping: receive, invoke, delete what succeeded."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from chalice.local import LambdaContext

from chalicelib.observability import logger

Handler = Callable[[dict[str, Any], Any], Any]


def lambda_sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    """The event Lambda builds from a batch of SQS messages."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for m in messages
        ]
    }


class QueuePump:
    """``pollers`` threads per queue, each receiving a batch and invoking the handler with it, as Lambda
    runs up to its event source's maximum concurrency of invocations at once (one thread would run a
    queue's batches one after another, each waiting on its AWS calls, however long the queue grew).
    Failed records are made visible again after ``retry_delay_s`` (a local speed-up of the queue's
    visibility timeout); SQS's redrive policy moves them to the DLQ after the configured receives,
    exactly as in AWS."""

    def __init__(
        self,
        sqs: Any,
        *,
        name: str,
        queue_url: str,
        queue_arn: str,
        handler: Handler,
        batch_size: int = 10,
        region: str = "eu-west-2",
        retry_delay_s: int = 1,
        pollers: int = 1,
    ) -> None:
        self._sqs = sqs
        self.name = name
        self._url = queue_url
        self._arn = queue_arn
        self._handler = handler
        self._batch = batch_size
        self._region = region
        self._retry_delay = retry_delay_s
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, name=f"pump-{name}" + (f"-{i}" if i else ""), daemon=True)
            for i in range(max(1, pollers))
        ]
        self._count_lock = threading.Lock()
        self.invocations = 0

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once(wait_s=1)
            except Exception:  # the pump must outlive any one bad poll, as Lambda's poller does
                logger.exception("queue pump poll failed", extra={"queue": self.name})
                time.sleep(0.5)

    def poll_once(self, wait_s: int = 0) -> int:
        resp = self._sqs.receive_message(
            QueueUrl=self._url,
            MaxNumberOfMessages=self._batch,
            WaitTimeSeconds=wait_s,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        msgs: list[dict[str, Any]] = resp.get("Messages", [])
        if not msgs:
            return 0
        event = lambda_sqs_event(msgs, self._arn, self._region)
        with self._count_lock:
            self.invocations += 1
        try:
            result = self._handler(event, LambdaContext(self.name, 256, 180_000))
            failed = {f["itemIdentifier"] for f in (result or {}).get("batchItemFailures", [])}
        except Exception:  # a crashed invocation fails the whole batch, as in Lambda
            logger.exception("handler raised", extra={"queue": self.name})
            failed = {m["MessageId"] for m in msgs}
        done = [m for m in msgs if m["MessageId"] not in failed]
        for i in range(0, len(done), 10):
            self._sqs.delete_message_batch(
                QueueUrl=self._url,
                Entries=[
                    {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
                    for n, m in enumerate(done[i : i + 10])
                ],
            )
        for m in msgs:
            if m["MessageId"] in failed:
                self._sqs.change_message_visibility(
                    QueueUrl=self._url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=self._retry_delay
                )
        return len(msgs)


class Ticker:
    """The local stand-in for an EventBridge schedule: invokes a scheduled handler every ``every_s``."""

    def __init__(self, handler: Handler, *, name: str, every_s: float, region: str = "eu-west-2") -> None:
        self._handler = handler
        self._every = every_s
        self._region = region
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"ticker-{name}", daemon=True)
        self.name = name

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            event = {
                "version": "0",
                "id": str(uuid.uuid4()),
                "detail-type": "Scheduled Event",
                "source": "aws.events",
                "account": "123456789012",
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "region": self._region,
                "resources": [],
                "detail": {},
            }
            try:
                self._handler(event, LambdaContext(self.name, 256, 60_000))
            except Exception:  # a failed run is logged and the next one comes, as with EventBridge
                logger.exception("scheduled handler raised", extra={"handler": self.name})
