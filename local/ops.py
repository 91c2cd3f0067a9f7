"""Operations from the command line: queue depths, DLQ redrive and story replay, locally or in AWS.

What a person on call needs at 3 a.m. (docs/operations.md): ``stories status`` says where stories are
and what is stuck; ``stories redrive QUEUE`` puts dead-lettered messages back once the fault is fixed;
``stories replay ID --stage …`` runs one story through a stage again. The same commands work against
the local stack (the default) and a deployment in AWS (``--endpoint ''``).

Redrive is written here rather than with SQS's StartMessageMoveTask because moto lacks it, and because
parked messages (sent to the DLQ by the handlers with their reason) must be unwrapped on the way back.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote_plus

from chalicelib.definition import QUEUES, Resources
from local.stack import LOCAL_PREFIX, REGION

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef, SendMessageBatchRequestEntryTypeDef

    from chalicelib.adapters.ports import StoryTable
    from chalicelib.domain.story import StoryRecord

LOCAL_ENDPOINT = "http://127.0.0.1:4566"
QUEUE_KEYS: tuple[str, ...] = tuple(q.key for q in QUEUES)
STAGES: tuple[str, ...] = ("ingest", "check", "notify", "publish")
# The notice a story in each state would be sent, when replaying the notify stage without --kind.
NOTICE_FOR_STATE: Mapping[str, str] = {
    "RECEIVED": "confirm",
    "CHANGES_NEEDED": "changes_needed",
    "PENDING_APPROVAL": "approval_request",
    "REJECTED": "rejected",
    "PUBLISHED": "published",
}
NOTICE_KINDS: tuple[str, ...] = (
    "receipt",
    "confirm",
    "invalid",
    "changes_needed",
    "approval_request",
    "rejected",
    "published",
)


class OpsError(Exception):
    """When an operation cannot be done as asked (unknown queue or story, no stage to replay)."""


@dataclass(frozen=True)
class QueueDepth:
    queue: str
    visible: int
    in_flight: int
    delayed: int
    dlq: int


@dataclass(frozen=True)
class Status:
    counts: Mapping[str, int]
    oldest_pending: Mapping[str, str] | None
    queues: tuple[QueueDepth, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "oldest_pending_approval": dict(self.oldest_pending) if self.oldest_pending else None,
            "queues": [q.__dict__ for q in self.queues],
            "dlq_total": sum(q.dlq for q in self.queues),
        }


@dataclass
class RedriveResult:
    queue: str
    moved: int = 0
    unwrapped: int = 0  # parked messages whose original body was sent back
    failed: list[str] = field(default_factory=list)


Progress = Callable[[int, int], None]


def _attr(attrs: Mapping[Any, str], name: str) -> int:
    return int(attrs.get(name, "0") or 0)


class Ops:
    """The operations over one deployment's queues and table (clients passed in, for tests and AWS)."""

    def __init__(self, sqs: SQSClient, table: StoryTable, resources: Resources) -> None:
        self._sqs = sqs
        self._table = table
        self.res = resources

    # --- status ------------------------------------------------------------------------------------

    def _url(self, name: str) -> str:
        return self._sqs.get_queue_url(QueueName=name)["QueueUrl"]

    def _depths(self, name: str) -> dict[str, int]:
        attrs = self._sqs.get_queue_attributes(
            QueueUrl=self._url(name),
            AttributeNames=[
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ],
        )["Attributes"]
        return {
            "visible": _attr(attrs, "ApproximateNumberOfMessages"),
            "in_flight": _attr(attrs, "ApproximateNumberOfMessagesNotVisible"),
            "delayed": _attr(attrs, "ApproximateNumberOfMessagesDelayed"),
        }

    def status(self) -> Status:
        records = self._table.list()
        counts = Counter(r.state.value for r in records)
        pending = [r for r in records if r.state.value == "PENDING_APPROVAL"]
        oldest: dict[str, str] | None = None
        if pending:
            r = min(pending, key=lambda rec: rec.updated_at)
            oldest = {
                "id": r.story_id,
                "title": r.title,
                "since": r.updated_at.isoformat(timespec="seconds"),
                "waiting": _age(r.updated_at),
            }
        depths = []
        for key in QUEUE_KEYS:
            main = self._depths(self.res.queue(key))
            dlq = self._depths(self.res.dlq(key))
            depths.append(QueueDepth(queue=key, dlq=dlq["visible"] + dlq["in_flight"], **main))
        return Status(counts=dict(sorted(counts.items())), oldest_pending=oldest, queues=tuple(depths))

    # --- redrive -----------------------------------------------------------------------------------

    def redrive(
        self, key: str, *, limit: int | None = None, progress: Progress | None = None
    ) -> RedriveResult:
        """Move messages from ``key``'s DLQ back to its queue, until the DLQ is empty or ``limit`` moved.

        Each message is sent before it is deleted, so a crash part-way duplicates rather than loses a
        message: every stage is idempotent. Received messages stay hidden for the run (visibility), so
        one that fails to send is not picked up twice in one pass and is left in the DLQ.
        """
        if key not in QUEUE_KEYS:
            raise OpsError(f"unknown queue {key!r}; one of: {', '.join(QUEUE_KEYS)}")
        dlq_url = self._url(self.res.dlq(key))
        target_url = self._url(self.res.queue(key))
        depth = self._depths(self.res.dlq(key))["visible"]
        total = depth if limit is None else min(depth, limit)
        result = RedriveResult(queue=key)
        if progress:
            progress(0, total)
        while limit is None or result.moved < limit:
            want = 10 if limit is None else max(1, min(10, limit - result.moved))
            got = self._sqs.receive_message(
                QueueUrl=dlq_url,
                MaxNumberOfMessages=want,
                WaitTimeSeconds=1,
                VisibilityTimeout=60,
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            if not got:
                break
            entries: list[SendMessageBatchRequestEntryTypeDef] = []
            by_id: dict[str, MessageTypeDef] = {}
            for n, m in enumerate(got):
                body, unwrapped = original_body(m["Body"])
                entry: SendMessageBatchRequestEntryTypeDef = {"Id": str(n), "MessageBody": body}
                if m.get("MessageAttributes"):
                    entry["MessageAttributes"] = m["MessageAttributes"]
                entries.append(entry)
                by_id[str(n)] = m
                result.unwrapped += unwrapped
            sent = self._sqs.send_message_batch(QueueUrl=target_url, Entries=entries)
            for f in sent.get("Failed", []):
                result.failed.append(f"{by_id[f['Id']]['MessageId']}: {f.get('Message', f['Code'])}")
            ok = [by_id[s["Id"]] for s in sent.get("Successful", [])]
            if ok:
                self._sqs.delete_message_batch(
                    QueueUrl=dlq_url,
                    Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(ok)],
                )
            result.moved += len(ok)
            if progress:
                progress(result.moved, max(total, result.moved))
        return result

    # --- replay ------------------------------------------------------------------------------------

    def replay(
        self, story_id: str, stage: str, *, version: int | None = None, kind: str | None = None
    ) -> str:
        """Send the message that starts ``stage`` for a story; returns the queue it went to."""
        record = self._table.get(story_id)
        if record is None:
            raise OpsError(f"no story with id {story_id}")
        key, body = replay_message(record, stage, self.res, version=version, kind=kind)
        self._sqs.send_message(QueueUrl=self._url(self.res.queue(key)), MessageBody=json.dumps(body))
        return key


def original_body(body: str) -> tuple[str, bool]:
    """A parked message's original body (the handlers wrap it with a reason), or the body as it is."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        return body, False
    if isinstance(data, dict) and set(data) == {"parked_reason", "original_body"}:
        return str(data["original_body"]), True
    return body, False


def replay_message(
    record: StoryRecord, stage: str, res: Resources, *, version: int | None = None, kind: str | None = None
) -> tuple[str, dict[str, Any]]:
    """The queue key and body that make ``stage`` run again for this story."""
    number = version or record.version
    if stage == "ingest":
        if not record.raw_key:
            raise OpsError(f"story {record.story_id} has no raw submission to ingest again")
        # Shaped like S3's own notification, key encoded as S3 encodes it.
        return "intake", {
            "Records": [
                {
                    "eventSource": "aws:s3",
                    "eventName": "ObjectCreated:Put",
                    "s3": {
                        "bucket": {"name": res.intake_bucket},
                        "object": {"key": quote_plus(record.raw_key, safe="/")},
                    },
                }
            ]
        }
    if stage == "check":
        return "checks", {"story_id": record.story_id, "version": number}
    if stage == "publish":
        return "publish", {"story_id": record.story_id, "version": number}
    if stage == "notify":
        chosen = kind or NOTICE_FOR_STATE.get(record.state.value)
        if chosen is None:
            raise OpsError(f"a story in {record.state.value} has no default notice; give --kind")
        if chosen not in NOTICE_KINDS:
            raise OpsError(f"unknown notice kind {chosen!r}; one of: {', '.join(NOTICE_KINDS)}")
        return "notify", {"kind": chosen, "story_id": record.story_id, "version": number}
    raise OpsError(f"unknown stage {stage!r}; one of: {', '.join(STAGES)}")


def _age(at: datetime) -> str:
    seconds = int((datetime.now(UTC) - at).total_seconds())
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours}h{rest // 60:02d}m"


# --- command line -------------------------------------------------------------------------------------


def progress_bar(out: TextIO, width: int = 30) -> Progress:
    def show(done: int, total: int) -> None:
        filled = width if total == 0 else width * done // max(total, 1)
        out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        out.flush()

    return show


def ops_from_args(args: argparse.Namespace) -> Ops:
    import boto3
    from botocore.config import Config

    from chalicelib.adapters.dynamodb import DynamoStoryTable

    local = bool(args.endpoint)
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or REGION
    kwargs: dict[str, Any] = {
        "region_name": region,
        "config": Config(retries={"mode": "standard", "max_attempts": 3}),
    }
    if local:
        kwargs["endpoint_url"] = args.endpoint
        # The local stack accepts any credentials; never pick up a real profile for it.
        kwargs["aws_access_key_id"] = os.environ.get("AWS_ACCESS_KEY_ID", "local")
        kwargs["aws_secret_access_key"] = os.environ.get("AWS_SECRET_ACCESS_KEY", "local")
    session = boto3.session.Session()
    res = Resources(args.prefix or LOCAL_PREFIX)
    table = DynamoStoryTable(session.client("dynamodb", **kwargs), res.table)
    return Ops(session.client("sqs", **kwargs), table, res)


def _print_status(status: Status, out: TextIO) -> None:
    out.write("Stories by state:\n")
    for state, n in status.counts.items():
        out.write(f"  {state:17} {n}\n")
    if not status.counts:
        out.write("  (none)\n")
    p = status.oldest_pending
    out.write(
        "Oldest pending approval: "
        + (f"{p['id']} since {p['since']} ({p['waiting']}) {p['title']}\n" if p else "none\n")
    )
    out.write(f"\n{'queue':10} {'waiting':>8} {'in flight':>10} {'delayed':>8} {'DLQ':>6}\n")
    for q in status.queues:
        flag = "  ← needs attention" if q.dlq else ""
        out.write(f"{q.queue:10} {q.visible:>8} {q.in_flight:>10} {q.delayed:>8} {q.dlq:>6}{flag}\n")


def _cmd_status(args: argparse.Namespace) -> int:
    status = ops_from_args(args).status()
    if args.json:
        print(json.dumps(status.to_dict(), indent=2))
    else:
        _print_status(status, sys.stdout)
    # Exit 1 when anything is dead-lettered, so a script or a cron check can notice.
    return 1 if any(q.dlq for q in status.queues) else 0


def _cmd_redrive(args: argparse.Namespace) -> int:
    ops = ops_from_args(args)
    keys = QUEUE_KEYS if args.queue == "all" else (args.queue,)
    failed = 0
    for key in keys:
        show = None if args.quiet else progress_bar(sys.stderr)
        if show:
            sys.stderr.write(f"{key}: ")
        try:
            result = ops.redrive(key, limit=args.max, progress=show)
        except OpsError as e:
            print(f"stories redrive: {e}", file=sys.stderr)
            return 2
        if show:
            sys.stderr.write("\n")
        note = f" ({result.unwrapped} parked, sent back without their reason)" if result.unwrapped else ""
        print(f"{key}: moved {result.moved} message(s) from {ops.res.dlq(key)} to {ops.res.queue(key)}{note}")
        for f in result.failed:
            print(f"  not moved: {f}", file=sys.stderr)
        failed += len(result.failed)
    return 1 if failed else 0


def _cmd_replay(args: argparse.Namespace) -> int:
    try:
        key = ops_from_args(args).replay(args.id, args.stage, version=args.version, kind=args.kind)
    except OpsError as e:
        print(f"stories replay: {e}", file=sys.stderr)
        return 2
    print(f"{args.id}: sent to the {key} queue; the {args.stage} stage will run again")
    return 0


def _target_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--endpoint",
        default=os.environ.get("AWS_ENDPOINT_URL", LOCAL_ENDPOINT),
        help="AWS endpoint (default: the local stack); use '' for real AWS",
    )
    sp.add_argument(
        "--prefix",
        default=os.environ.get("RESOURCE_PREFIX", LOCAL_PREFIX),
        help="resource prefix of the deployment (e.g. real-stories-prod)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``status``, ``redrive`` and ``replay`` subcommands to the ``stories`` command."""
    status = sub.add_parser("status", help="stories per state, oldest pending approval, queue and DLQ depths")
    status.add_argument("--json", action="store_true")
    _target_args(status)
    status.set_defaults(func=_cmd_status)

    redrive = sub.add_parser("redrive", help="move a queue's dead-lettered messages back onto it")
    redrive.add_argument("queue", choices=(*QUEUE_KEYS, "all"))
    redrive.add_argument("--max", type=int, default=None, help="move at most this many")
    redrive.add_argument("--quiet", action="store_true", help="no progress bar")
    _target_args(redrive)
    redrive.set_defaults(func=_cmd_redrive)

    replay = sub.add_parser("replay", help="run one story through a stage again")
    replay.add_argument("id")
    replay.add_argument("--stage", choices=STAGES, required=True)
    replay.add_argument("--version", type=int, default=None, help="default: the story's current version")
    replay.add_argument("--kind", choices=NOTICE_KINDS, help="notice to send (notify stage)")
    _target_args(replay)
    replay.set_defaults(func=_cmd_replay)
