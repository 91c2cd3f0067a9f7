"""The single DynamoDB table behind StoryTable: story state, audit trail and once-only markers.

Items (keys ``pk``/``sk``):

- ``STORY#<id>`` / ``META``: the StoryRecord, plus ``rev``, a counter bumped by every write so that a
  transition can return exactly the record it wrote without a second read racing other writers.
- ``STORY#<id>`` / ``AUDIT#<utc time>#<8 hex>``: one audit event; the sort key orders them by time.
- ``MARK#<key>`` / ``MARK``: a once-only marker (``claimed`` → ``done``) that expires by TTL.

A transition is one TransactWriteItems (conditional update of META + put of the audit item), so a
story never changes state without its audit event, and a lost race leaves no trace.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from ..domain.errors import ConflictError, NotFound, Retryable
from ..domain.states import State, checked_sources
from ..domain.story import AuditEvent, Post, Source, StoryRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

META = "META"
AUDIT_PREFIX = "AUDIT#"
MARK_SK = "MARK"
MARKER_TTL = timedelta(days=30)

# Fields a transition may change besides state and updated_at; anything else is a programming error.
UPDATABLE = frozenset(
    {"version", "content_hash", "title", "reason", "authenticated", "publish_at", "posts", "extra"}
)

_THROTTLED = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TransactionConflictException",
    }
)
# Cancellation reason codes inside TransactionCanceledException that mean "try again later".
_TRANSIENT_REASONS = frozenset(
    {"ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded", "TransactionConflict"}
)
_ADD_POSTS_ATTEMPTS = 5

_SER = TypeSerializer()
_DESER = TypeDeserializer()


def _utc_now() -> datetime:
    return datetime.now(UTC)


def story_pk(story_id: str) -> str:
    return f"STORY#{story_id}"


def marker_pk(key: str) -> str:
    return f"MARK#{key}"


def audit_sk(at: datetime) -> str:
    # Fixed-width UTC text sorts like the time it names; the random tail keeps same-instant events apart.
    utc = at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)
    return f"{AUDIT_PREFIX}{utc.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{secrets.token_hex(4)}"


def check_updates(updates: Mapping[str, Any] | None) -> dict[str, Any]:
    """Validate and normalise a transition's ``updates`` into StoryRecord field values."""
    changes = dict(updates or {})
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise ValueError(f"a transition cannot update {sorted(unknown)}")
    if "posts" in changes:
        changes["posts"] = tuple(changes["posts"])
    if "extra" in changes:
        changes["extra"] = {str(k): str(v) for k, v in changes["extra"].items()}
    if "version" in changes:
        changes["version"] = int(changes["version"])
    if "authenticated" in changes:
        changes["authenticated"] = bool(changes["authenticated"])
    return changes


def merge_posts(current: Sequence[Post], new: Sequence[Post]) -> tuple[Post, ...]:
    """Posts keyed by channel and part: a redelivered post replaces itself instead of duplicating."""
    merged = {(p.channel, p.part): p for p in current}
    for p in new:
        merged[(p.channel, p.part)] = p
    return tuple(merged.values())


def _iso(at: datetime) -> str:
    return at.isoformat()


def _post_to_item(post: Post) -> dict[str, Any]:
    return {"channel": post.channel, "part": post.part, "post_id": post.post_id, "url": post.url}


def _post_from_item(d: Mapping[str, Any]) -> Post:
    return Post(channel=str(d["channel"]), part=int(d["part"]), post_id=str(d["post_id"]), url=str(d["url"]))


def _field_value(name: str, value: Any) -> Any:
    """A StoryRecord field as a value TypeSerializer accepts."""
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, State):
        return value.value
    if name == "posts":
        return [_post_to_item(p) for p in value]
    if name == "extra":
        return dict(value)
    return value


def _record_to_item(record: StoryRecord, rev: int) -> dict[str, Any]:
    item: dict[str, Any] = {
        "pk": story_pk(record.story_id),
        "sk": META,
        "rev": rev,
        "story_id": record.story_id,
        "state": record.state.value,
        "version": record.version,
        "content_hash": record.content_hash,
        "submitter": record.submitter,
        "submitter_name": record.submitter_name,
        "title": record.title,
        "source": record.source,
        "raw_key": record.raw_key,
        "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at),
        "reason": record.reason,
        "authenticated": record.authenticated,
        "posts": [_post_to_item(p) for p in record.posts],
        "extra": dict(record.extra),
    }
    if record.publish_at is not None:
        item["publish_at"] = _iso(record.publish_at)
    return item


def _record_from_item(d: Mapping[str, Any]) -> StoryRecord:
    publish_at = d.get("publish_at")
    return StoryRecord(
        story_id=str(d["story_id"]),
        state=State(d["state"]),
        version=int(d["version"]),
        content_hash=str(d["content_hash"]),
        submitter=str(d["submitter"]),
        submitter_name=str(d.get("submitter_name", "")),
        title=str(d.get("title", "")),
        source=cast(Source, str(d["source"])),
        raw_key=str(d.get("raw_key", "")),
        created_at=datetime.fromisoformat(str(d["created_at"])),
        updated_at=datetime.fromisoformat(str(d["updated_at"])),
        reason=str(d.get("reason", "")),
        authenticated=bool(d.get("authenticated", False)),
        posts=tuple(_post_from_item(p) for p in d.get("posts", [])),
        publish_at=datetime.fromisoformat(str(publish_at)) if publish_at else None,
        extra={str(k): str(v) for k, v in d.get("extra", {}).items()},
    )


def _audit_to_item(event: AuditEvent) -> dict[str, Any]:
    item = {k: v for k, v in event.to_dict().items() if v is not None}
    item.update(pk=story_pk(event.story_id), sk=audit_sk(event.at))
    return item


def _audit_from_item(d: Mapping[str, Any]) -> AuditEvent:
    from_state, to_state = d.get("from_state"), d.get("to_state")
    return AuditEvent(
        story_id=str(d["story_id"]),
        at=datetime.fromisoformat(str(d["at"])),
        actor=str(d["actor"]),
        action=str(d["action"]),
        from_state=State(from_state) if from_state else None,
        to_state=State(to_state) if to_state else None,
        version=int(d["version"]),
        content_hash=str(d.get("content_hash", "")),
        reason=str(d.get("reason", "")),
    )


def _ser(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _SER.serialize(v) for k, v in item.items()}


def _deser(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _DESER.deserialize(v) for k, v in item.items()}


def _code(e: ClientError) -> str:
    return str(e.response.get("Error", {}).get("Code", ""))


def _cancel_codes(e: ClientError) -> list[str]:
    reasons: Any = e.response.get("CancellationReasons", [])
    return [str(r.get("Code", "None")) for r in reasons]


def _condition_failed(e: ClientError) -> bool:
    if _code(e) != "TransactionCanceledException":
        return False
    codes = _cancel_codes(e)
    # Without reasons the only condition we set (on META) is the one that can have failed.
    return not codes or "ConditionalCheckFailed" in codes


def _transient(e: ClientError) -> Retryable | None:
    code = _code(e)
    if code in _THROTTLED:
        return Retryable(f"dynamodb: {code}")
    if code == "TransactionCanceledException":
        codes = _cancel_codes(e)
        if "ConditionalCheckFailed" not in codes and _TRANSIENT_REASONS.intersection(codes):
            return Retryable(f"dynamodb transaction cancelled: {codes}")
    return None


class DynamoStoryTable:
    """StoryTable over one DynamoDB table, through the low-level client (typed, and no resource layer)."""

    def __init__(
        self,
        client: DynamoDBClient,
        table_name: str,
        *,
        marker_ttl: timedelta = MARKER_TTL,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._db = client
        self._table = table_name
        self._marker_ttl = marker_ttl
        self._clock = clock

    # --- stories -------------------------------------------------------------------------------
    def create(self, record: StoryRecord, event: AuditEvent) -> bool:
        try:
            self._db.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": _ser(_record_to_item(record, rev=1)),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                    {"Put": {"TableName": self._table, "Item": _ser(_audit_to_item(event))}},
                ]
            )
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            if _condition_failed(e):
                return False
            raise
        return True

    def _get(self, story_id: str) -> tuple[StoryRecord, int] | None:
        try:
            response = self._db.get_item(
                TableName=self._table, Key=_ser({"pk": story_pk(story_id), "sk": META}), ConsistentRead=True
            )
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            raise
        if "Item" not in response:
            return None
        d = _deser(response["Item"])
        return _record_from_item(d), int(d.get("rev", 0))

    def get(self, story_id: str) -> StoryRecord | None:
        found = self._get(story_id)
        return found[0] if found else None

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
        found = self._get(story_id)
        if found is None:
            raise NotFound(f"no story {story_id}")
        current, rev = found
        if current.state not in expected_states or (
            expected_version is not None and current.version != expected_version
        ):
            raise ConflictError(f"story {story_id} is {current.state} v{current.version}, not as expected")

        names = {"#state": "state", "#updated_at": "updated_at", "#rev": "rev"}
        values: dict[str, Any] = {":to": to.value, ":at": _iso(event.at), ":rev": rev, ":next": rev + 1}
        sets = ["#state = :to", "#updated_at = :at", "#rev = :next"]
        removes: list[str] = []
        for i, (name, value) in enumerate(sorted(changes.items())):
            names[f"#u{i}"] = name
            if name == "publish_at" and value is None:
                removes.append(f"#u{i}")
            else:
                sets.append(f"#u{i} = :u{i}")
                values[f":u{i}"] = _field_value(name, value)
        for i, state in enumerate(expected_states):
            values[f":s{i}"] = state.value
        condition = "#rev = :rev" if rev else "(attribute_not_exists(#rev) OR #rev = :rev)"
        condition += f" AND #state IN ({', '.join(f':s{i}' for i in range(len(expected_states)))})"
        if expected_version is not None:
            names["#version"] = "version"
            values[":ev"] = expected_version
            condition += " AND #version = :ev"
        update = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")

        try:
            self._db.transact_write_items(
                TransactItems=[
                    {
                        "Update": {
                            "TableName": self._table,
                            "Key": _ser({"pk": story_pk(story_id), "sk": META}),
                            "UpdateExpression": update,
                            "ConditionExpression": condition,
                            "ExpressionAttributeNames": names,
                            "ExpressionAttributeValues": _ser(values),
                        }
                    },
                    {"Put": {"TableName": self._table, "Item": _ser(_audit_to_item(event))}},
                ]
            )
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            if _condition_failed(e):
                raise ConflictError(f"story {story_id} changed before the move to {to}") from e
            raise
        return current.with_(state=to, updated_at=event.at, **changes)

    def add_posts(self, story_id: str, posts: Sequence[Post]) -> None:
        # Read-merge-write under the rev condition: list_append would duplicate a redelivered post.
        for _ in range(_ADD_POSTS_ATTEMPTS):
            found = self._get(story_id)
            if found is None:
                raise NotFound(f"no story {story_id}")
            current, rev = found
            merged = merge_posts(current.posts, posts)
            try:
                self._db.update_item(
                    TableName=self._table,
                    Key=_ser({"pk": story_pk(story_id), "sk": META}),
                    UpdateExpression="SET #posts = :posts, #rev = :next",
                    ConditionExpression="#rev = :rev"
                    if rev
                    else "(attribute_not_exists(#rev) OR #rev = :rev)",
                    ExpressionAttributeNames={"#posts": "posts", "#rev": "rev"},
                    ExpressionAttributeValues=_ser(
                        {":posts": [_post_to_item(p) for p in merged], ":rev": rev, ":next": rev + 1}
                    ),
                )
            except ClientError as e:
                if (retry := _transient(e)) is not None:
                    raise retry from e
                if _code(e) == "ConditionalCheckFailedException":
                    continue
                raise
            return
        raise Retryable(f"story {story_id} kept changing while adding posts")

    def add_event(self, event: AuditEvent) -> None:
        try:
            self._db.put_item(TableName=self._table, Item=_ser(_audit_to_item(event)))
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            raise

    def audit(self, story_id: str) -> list[AuditEvent]:
        events: list[AuditEvent] = []
        paginator = self._db.get_paginator("query")
        try:
            for page in paginator.paginate(
                TableName=self._table,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :audit)",
                ExpressionAttributeValues=_ser({":pk": story_pk(story_id), ":audit": AUDIT_PREFIX}),
                ConsistentRead=True,
            ):
                events.extend(_audit_from_item(_deser(item)) for item in page.get("Items", []))
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            raise
        return events

    # --- once-only markers ---------------------------------------------------------------------
    def claim(self, key: str, *, owner: str, now: datetime, stale_after_s: float | None = None) -> bool:
        condition = "attribute_not_exists(pk)"
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        if stale_after_s is not None:
            # A holder that crashed mid-effect never completes: let a later caller take over its claim.
            condition += " OR (#status = :claimed AND #claimed_epoch < :cutoff)"
            names = {"#status": "status", "#claimed_epoch": "claimed_epoch"}
            values = {":claimed": "claimed", ":cutoff": _epoch(now) - Decimal(str(stale_after_s))}
        item = {
            "pk": marker_pk(key),
            "sk": MARK_SK,
            "status": "claimed",
            "owner": owner,
            "claimed_at": _iso(now),
            "claimed_epoch": _epoch(now),
            "expires_at": int((now + self._marker_ttl).timestamp()),
        }
        kwargs: dict[str, Any] = {}
        if names:
            kwargs = {"ExpressionAttributeNames": names, "ExpressionAttributeValues": _ser(values)}
        try:
            self._db.put_item(TableName=self._table, Item=_ser(item), ConditionExpression=condition, **kwargs)
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            if _code(e) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def complete(self, key: str, result: Mapping[str, str]) -> None:
        expires = int((self._clock() + self._marker_ttl).timestamp())
        try:
            self._db.update_item(
                TableName=self._table,
                Key=_ser({"pk": marker_pk(key), "sk": MARK_SK}),
                UpdateExpression="SET #status = :done, #result = :result, #exp = if_not_exists(#exp, :exp)",
                ExpressionAttributeNames={"#status": "status", "#result": "result", "#exp": "expires_at"},
                ExpressionAttributeValues=_ser(
                    {":done": "done", ":result": {str(k): str(v) for k, v in result.items()}, ":exp": expires}
                ),
            )
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            raise

    def release(self, key: str) -> None:
        try:
            self._db.delete_item(
                TableName=self._table,
                Key=_ser({"pk": marker_pk(key), "sk": MARK_SK}),
                ConditionExpression="#status = :claimed",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues=_ser({":claimed": "claimed"}),
            )
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            if _code(e) == "ConditionalCheckFailedException":
                return  # already gone, or done: a done marker must never be released
            raise

    def marker(self, key: str) -> Mapping[str, str] | None:
        try:
            response = self._db.get_item(
                TableName=self._table, Key=_ser({"pk": marker_pk(key), "sk": MARK_SK}), ConsistentRead=True
            )
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            raise
        if "Item" not in response:
            return None
        return marker_view(_deser(response["Item"]))

    # Last, so that the name does not shadow the builtin in the annotations above.
    def list(self) -> list[StoryRecord]:
        records: list[StoryRecord] = []
        paginator = self._db.get_paginator("scan")
        try:
            for page in paginator.paginate(
                TableName=self._table,
                FilterExpression="sk = :meta",
                ExpressionAttributeValues=_ser({":meta": META}),
            ):
                records.extend(_record_from_item(_deser(item)) for item in page.get("Items", []))
        except ClientError as e:
            if (retry := _transient(e)) is not None:
                raise retry from e
            raise
        return sorted(records, key=lambda r: (r.created_at, r.story_id))


def _epoch(at: datetime) -> Decimal:
    return Decimal(str(round(at.timestamp(), 6)))


def marker_view(d: Mapping[str, Any]) -> dict[str, str]:
    """What ``marker()`` returns: the result's fields, then status, owner and claimed_at on top."""
    view = {str(k): str(v) for k, v in d.get("result", {}).items()}
    for name in ("status", "owner", "claimed_at"):
        if name in d:
            view[name] = str(d[name])
    return view
