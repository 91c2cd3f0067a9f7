"""In-memory fakes of the ports, for fast tests and for wiring services without AWS (never deployed).

They keep the adapters' contract, not just their signatures: the same errors (NotFound,
ConflictError, ConfigError), the same key layout and serialisation round-trips, the same marker
semantics. The contract suite in tests/integration runs against both to keep them honest.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.dynamodb import check_expected, check_updates, merge_posts
from chalicelib.adapters.dynamodb_markers import marker_view
from chalicelib.adapters.ports import OutgoingEmail
from chalicelib.adapters.s3 import (
    findings_body,
    findings_key,
    inspection_body,
    inspection_key,
    media_key,
    media_name,
    version_body,
    version_key,
)
from chalicelib.adapters.ses import build_mime
from chalicelib.adapters.sqs import check_delay, encode_body
from chalicelib.definition import QUEUES
from chalicelib.domain.errors import ConfigError, NotFound
from chalicelib.domain.findings import Inspection, Verdict
from chalicelib.domain.states import State, checked_sources
from chalicelib.domain.story import AuditEvent, Post, StoryRecord, Version


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


class _Objects:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key] = (bytes(data), content_type)

    def get(self, key: str) -> bytes:
        try:
            return self.objects[key][0]
        except KeyError:
            raise NotFound(f"no object {key}") from None


class MemoryRawStore(_Objects):
    """RawStore in a dict: ``objects`` maps key → (bytes, content type); ``rejected`` the tagged keys."""

    def __init__(self) -> None:
        super().__init__()
        self.rejected: set[str] = set()

    def get_raw(self, key: str) -> bytes:
        return self.get(key)

    def put_raw(self, key: str, data: bytes, content_type: str) -> None:
        self.put(key, data, content_type)

    def mark_rejected(self, key: str) -> None:
        self.get(key)  # NotFound, as S3 would say
        self.rejected.add(key)


class MemoryStoryStore(_Objects):
    """StoryStore in a dict, with the S3 adapter's keys and JSON bodies."""

    def put_media(self, story_id: str, number: int, name: str, data: bytes, content_type: str) -> str:
        self.put(media_key(story_id, number, name), data, content_type)
        return media_name(name)

    def get_media(self, story_id: str, number: int, name: str) -> bytes:
        return self.get(media_key(story_id, number, name))

    def put_version(self, version: Version) -> None:
        self.put(version_key(version.story_id, version.number), version_body(version), "application/json")

    def get_version(self, story_id: str, number: int) -> Version:
        return Version.from_dict(json.loads(self.get(version_key(story_id, number))))

    def put_findings(self, story_id: str, number: int, verdict: Verdict) -> None:
        self.put(findings_key(story_id, number), findings_body(verdict), "application/json")

    def get_findings(self, story_id: str, number: int) -> Verdict | None:
        try:
            return Verdict.from_dict(json.loads(self.get(findings_key(story_id, number))))
        except NotFound:
            return None

    def put_inspection(self, story_id: str, number: int, inspection: Inspection) -> None:
        self.put(inspection_key(story_id, number), inspection_body(inspection), "application/json")

    def get_inspection(self, story_id: str, number: int) -> Inspection | None:
        try:
            return Inspection.from_dict(json.loads(self.get(inspection_key(story_id, number))))
        except NotFound:
            return None


@dataclass
class _Marker:
    status: str
    owner: str | None  # None when completed without a claim, as an upsert leaves it in DynamoDB
    claimed_at: datetime | None
    result: dict[str, str]


class MemoryStoryTable:
    """StoryTable in dicts under one lock, so racing threads see the same atomicity as DynamoDB."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._records: dict[str, StoryRecord] = {}
        self._audit: dict[str, list[AuditEvent]] = {}
        self._markers: dict[str, _Marker] = {}

    def create(self, record: StoryRecord, event: AuditEvent) -> bool:
        with self._lock:
            if record.story_id in self._records:
                return False
            self._records[record.story_id] = record
            self._audit.setdefault(record.story_id, []).append(event)
            return True

    def get(self, story_id: str) -> StoryRecord | None:
        with self._lock:
            return self._records.get(story_id)

    def transition(
        self,
        story_id: str,
        *,
        expected: Iterable[State],
        to: State,
        event: AuditEvent,
        expected_version: int | None = None,
        updates: Mapping[str, Any] | None = None,
    ) -> StoryRecord:
        expected_states = checked_sources(expected, to)
        changes = check_updates(updates)
        with self._lock:
            current = check_expected(story_id, self._records.get(story_id), expected_states, expected_version)
            new = current.with_(state=to, updated_at=event.at, **changes)
            self._records[story_id] = new
            self._audit.setdefault(story_id, []).append(event)
            return new

    def add_posts(self, story_id: str, posts: Sequence[Post]) -> None:
        with self._lock:
            current = self._records.get(story_id)
            if current is None:
                raise NotFound(f"no story {story_id}")
            self._records[story_id] = current.with_(posts=merge_posts(current.posts, posts))

    def add_event(self, event: AuditEvent) -> None:
        with self._lock:
            self._audit.setdefault(event.story_id, []).append(event)

    def audit(self, story_id: str) -> list[AuditEvent]:
        with self._lock:
            return sorted(self._audit.get(story_id, []), key=lambda e: _utc(e.at))

    def claim(self, key: str, *, owner: str, now: datetime, stale_after_s: float | None = None) -> bool:
        with self._lock:
            held = self._markers.get(key)
            if held is not None:
                stale = (
                    stale_after_s is not None
                    and held.status == "claimed"
                    and held.claimed_at is not None
                    and _utc(held.claimed_at) < _utc(now) - timedelta(seconds=stale_after_s)
                )
                if not stale:
                    return False
            self._markers[key] = _Marker("claimed", owner, now, {})
            return True

    def complete(self, key: str, result: Mapping[str, str]) -> None:
        with self._lock:
            held = self._markers.get(key)
            clean = {str(k): str(v) for k, v in result.items()}
            if held is None:
                self._markers[key] = _Marker("done", None, None, clean)
            else:
                held.status, held.result = "done", clean

    def release(self, key: str) -> None:
        with self._lock:
            held = self._markers.get(key)
            if held is not None and held.status == "claimed":
                del self._markers[key]

    def marker(self, key: str) -> Mapping[str, str] | None:
        with self._lock:
            held = self._markers.get(key)
            if held is None:
                return None
            item: dict[str, Any] = {"status": held.status, "result": held.result}
            if held.owner is not None:
                item["owner"] = held.owner
            if held.claimed_at is not None:
                item["claimed_at"] = held.claimed_at.isoformat()
            return marker_view(item)

    # Last, so that the name does not shadow the builtin in the annotations above.
    def list(self) -> list[StoryRecord]:
        with self._lock:
            return sorted(self._records.values(), key=lambda r: (_utc(r.created_at), r.story_id))


class MemoryCounters:
    """Counters: the same windows as DynamoCounters, in a dict."""

    def __init__(self) -> None:
        self.hits: dict[tuple[str, int], int] = {}
        self.spent: dict[str, tuple[int, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def count(self, key: str, *, window_s: int, now: datetime) -> int:
        window = int(now.timestamp()) // window_s
        with self._lock:
            self.hits[(key, window)] = self.hits.get((key, window), 0) + 1
            return self.hits[(key, window)]

    def spend(self, key: str, item: str, amount: int, *, cap: int, expires_at: datetime) -> tuple[bool, int]:
        with self._lock:
            total, items = self.spent.get(key, (0, frozenset()))
            if item in items:
                return True, total
            if total + amount > cap:
                return False, total
            self.spent[key] = (total + amount, items | {item})
            return True, total + amount


class MemoryMailer:
    """Records every email; refuses the same malformed emails the SES adapter refuses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.sent: list[OutgoingEmail] = []
        self.ids: list[str] = []

    def send(self, email: OutgoingEmail) -> str:
        build_mime(email)
        with self._lock:
            message_id = f"memory-{next(self._ids):06d}"
            self.sent.append(email)
            self.ids.append(message_id)
        return message_id

    def by_id(self, message_id: str) -> OutgoingEmail:
        with self._lock:
            return self.sent[self.ids.index(message_id)]


class MemorySecrets:
    """Secrets from a dict the test fills in; a missing name is a ConfigError, as in Parameter Store."""

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self.values: dict[str, str] = dict(values or {})

    def get(self, name: str) -> str:
        try:
            return self.values[name]
        except KeyError:
            raise ConfigError(f"secret {name} does not exist") from None


@dataclass(frozen=True)
class QueuedMessage:
    queue: str
    body: dict[str, Any]
    delay_s: int


class MemoryQueues:
    """Records messages per queue key; bodies go through JSON, so what SQS would refuse fails here too."""

    def __init__(self, known: Iterable[str] | None = None) -> None:
        self._known = frozenset(known) if known is not None else frozenset(q.key for q in QUEUES)
        self._lock = threading.Lock()
        self.messages: list[QueuedMessage] = []

    def send(self, queue: str, body: Mapping[str, Any], *, delay_s: int = 0) -> None:
        if queue not in self._known:
            raise ConfigError(f"no queue is configured for {queue!r}")
        decoded = json.loads(encode_body(body))
        with self._lock:
            self.messages.append(QueuedMessage(queue, decoded, check_delay(delay_s)))

    def dead_letters(self) -> int:
        with self._lock:
            return sum(m.queue.endswith("-dlq") for m in self.messages)

    def bodies(self, queue: str) -> list[dict[str, Any]]:
        with self._lock:
            return [m.body for m in self.messages if m.queue == queue]

    def drain(self, queue: str) -> list[dict[str, Any]]:
        """Take (and forget) the messages sent to ``queue``, as a consumer would."""
        with self._lock:
            taken = [m.body for m in self.messages if m.queue == queue]
            self.messages = [m for m in self.messages if m.queue != queue]
        return taken


class MemoryS3:
    """The few S3 client calls the static blog makes, on a dict, so the real blog adapter can write.

    ``objects`` maps key → bytes (one bucket: ``Bucket`` is not checked).
    """

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.calls: dict[str, int] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _etag(body: bytes) -> str:
        return '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'

    def put_object(
        self, *, Bucket: str, Key: str, Body: bytes, IfMatch: str = "", IfNoneMatch: str = "", **_: Any
    ) -> dict[str, Any]:
        # S3's conditional writes: If-Match an ETag, or If-None-Match "*" for "only if absent".
        with self._lock:
            self.calls["put_object"] = self.calls.get("put_object", 0) + 1
            current = self.objects.get(Key)
            if (IfMatch and (current is None or self._etag(current) != IfMatch)) or (
                IfNoneMatch == "*" and current is not None
            ):
                raise ClientError({"Error": {"Code": "PreconditionFailed", "Message": Key}}, "PutObject")
            self.objects[Key] = bytes(Body)
            return {"ETag": self._etag(self.objects[Key])}

    def get_object(self, *, Bucket: str, Key: str) -> dict[str, Any]:
        with self._lock:
            self.calls["get_object"] = self.calls.get("get_object", 0) + 1
            if Key not in self.objects:
                raise ClientError({"Error": {"Code": "NoSuchKey", "Message": Key}}, "GetObject")
            body = self.objects[Key]
        return {"Body": io.BytesIO(body), "ETag": self._etag(body)}

    def delete_objects(self, *, Bucket: str, Delete: Mapping[str, Any]) -> dict[str, Any]:
        for obj in Delete["Objects"]:
            self.objects.pop(obj["Key"], None)
        return {}

    def get_paginator(self, name: str) -> _ListPages:
        if name != "list_objects_v2":
            raise NotImplementedError(f"no {name} paginator here")
        self.calls["list_objects_v2"] = self.calls.get("list_objects_v2", 0) + 1
        return _ListPages(self.objects)


class _ListPages:
    """``list_objects_v2`` pages: one page, which (as in S3) has no ``Contents`` when nothing matches."""

    def __init__(self, objects: Mapping[str, bytes]) -> None:
        self._objects = objects

    def paginate(self, *, Bucket: str, Prefix: str = "") -> list[dict[str, Any]]:
        keys = sorted(k for k in self._objects if k.startswith(Prefix))
        return [{"Contents": [{"Key": k} for k in keys]} if keys else {}]
