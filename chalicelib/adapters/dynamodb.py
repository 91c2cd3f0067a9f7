"""The single DynamoDB table behind StoryTable: story records and their audit trail, with the markers.

Items (keys ``pk``/``sk``):

- ``STORY#<id>`` / ``META``: the StoryRecord, plus ``rev``, a counter bumped by every write so that a
  transition can return exactly the record it wrote without a second read racing other writers.
- ``STORY#<id>`` / ``AUDIT#<utc time>#<8 hex>``: one audit event; the sort key orders them by time.
- Once-only markers and rate-limit counters share the table: ``dynamodb_markers``, ``dynamodb_counters``.

No transactions (a transactional write costs twice a plain one, and the local stack's DynamoDB copies
the whole table for each): a transition is one conditional UpdateItem of META that also stores the
move's audit event in META as ``last_event``, then a plain put of that event as its audit item. So a
story never changes state without its audit event (it is in META from the same atomic write), a lost
race leaves no trace (the update failed, nothing is put), and a crash between the two writes loses
nothing: ``audit`` reads ``last_event`` too, and the next transition puts it out before replacing it.

A transition needs META's ``rev`` and ``last_event``, and a handler has nearly always just read META
(``get``) or moved the story itself. So the table remembers, for a few seconds, what it last read or
wrote of each story, and a transition tries its conditional write with that ``rev`` without reading
first; the condition is the same one that catches a race after a read, so if anything wrote META since,
the write fails, and the transition reads META and goes on as it would have. After its own move, the
table knows the event in META is an audit item too (it put it), so nothing needs writing out. In a
story's check that is three reads of its nine calls.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..domain.errors import ConflictError, NotFound, Retryable
from ..domain.plain import from_plain, plain_value, to_plain
from ..domain.states import State, checked_sources
from ..domain.story import AuditEvent, Post, StoryRecord
from .dynamodb_common import ConditionFailed, deser, dynamodb_call, iso, ser
from .dynamodb_markers import DynamoMarkers

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import UpdateItemInputTypeDef

META = "META"
AUDIT_PREFIX = "AUDIT#"
LAST_EVENT = "last_event"

# Fields a transition may change besides state and updated_at; anything else is a programming error.
UPDATABLE = frozenset(
    {"version", "content_hash", "title", "reason", "authenticated", "publish_at", "posts", "extra"}
)
_ADD_POSTS_ATTEMPTS = 5
# How long what a table read or wrote of META is worth a write without a read first: a handler's
# read and its move are milliseconds apart. Older, another function has likely moved the story, and a
# write that fails its condition costs a write unit, five times a read.
KNOWN_FOR_S = 10.0
_KNOWN_MAX = 256  # stories remembered at once; past that the table forgets them all and starts again


@dataclass(frozen=True)
class _Known:
    """What this table last read or wrote of a story's META, and when (monotonic seconds)."""

    record: StoryRecord
    rev: int
    last: Mapping[str, Any] | None
    written_out: bool  # ``last`` is known to be an audit item too (this table put it)
    at: float


def story_pk(story_id: str) -> str:
    return f"STORY#{story_id}"


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


def check_expected(
    story_id: str, current: StoryRecord | None, states: Sequence[State], version: int | None
) -> StoryRecord:
    """The story a transition read, if it is in one of ``states`` (at ``version``, when given)."""
    if current is None:
        raise NotFound(f"no story {story_id}")
    if not _as_expected(current, states, version):
        raise ConflictError(f"story {story_id} is {current.state} v{current.version}, not as expected")
    return current


def merge_posts(current: Sequence[Post], new: Sequence[Post]) -> tuple[Post, ...]:
    """Posts keyed by channel and part: a redelivered post replaces itself instead of duplicating."""
    merged = {(p.channel, p.part): p for p in current}
    for p in new:
        merged[(p.channel, p.part)] = p
    return tuple(merged.values())


def _record_to_item(record: StoryRecord, rev: int) -> dict[str, Any]:
    return {"pk": story_pk(record.story_id), "sk": META, "rev": rev} | to_plain(record, drop_none=True)


def _record_from_item(d: Mapping[str, Any]) -> StoryRecord:
    # Items written before these fields existed lack them.
    return from_plain(StoryRecord, d, missing={"submitter_name": "", "title": "", "raw_key": ""})


def _audit_to_item(event: AuditEvent) -> dict[str, Any]:
    item = to_plain(event, drop_none=True)
    item.update(pk=story_pk(event.story_id), sk=audit_sk(event.at))
    return item


def _audit_from_item(d: Mapping[str, Any]) -> AuditEvent:
    return from_plain(AuditEvent, d, missing={"content_hash": ""})


def _as_expected(record: StoryRecord, states: Sequence[State], version: int | None) -> bool:
    return record.state in states and (version is None or record.version == version)


def _rev_condition(rev: int) -> str:
    # Items written before ``rev`` existed have none: for them, absent counts as zero.
    return "#rev = :rev" if rev else "(attribute_not_exists(#rev) OR #rev = :rev)"


class DynamoStoryTable:
    """StoryTable over one DynamoDB table, through the low-level client (typed, and no resource layer).

    The story half is here; the once-only markers are a DynamoMarkers on the same table (pass one to set
    its TTL or clock).
    """

    def __init__(
        self, client: DynamoDBClient, table_name: str, *, markers: DynamoMarkers | None = None
    ) -> None:
        self._db = client
        self._table = table_name
        self._markers = markers if markers is not None else DynamoMarkers(client, table_name)
        self._known: dict[str, _Known] = {}

    def _remember(self, story_id: str, known: _Known) -> None:
        if len(self._known) >= _KNOWN_MAX:
            self._known.clear()
        self._known[story_id] = known

    def _recall(self, story_id: str) -> _Known | None:
        """What was read or written of the story's META moments ago, taken out: a move replaces it."""
        known = self._known.pop(story_id, None)
        return known if known is not None and time.monotonic() - known.at < KNOWN_FOR_S else None

    def _meta_key(self, story_id: str) -> dict[str, Any]:
        return ser({"pk": story_pk(story_id), "sk": META})

    def _put_event_item(self, item: Mapping[str, Any]) -> None:
        """Put an audit item; the same item twice is one item (its key is fixed when it is made)."""
        with dynamodb_call():
            self._db.put_item(TableName=self._table, Item=ser(dict(item)))

    def _flush(self, last: Mapping[str, Any] | None) -> None:
        """Make sure the event META holds is an audit item too, before META lets it go."""
        if not last:
            return
        with dynamodb_call():
            found = self._db.get_item(
                TableName=self._table,
                Key=ser({"pk": last["pk"], "sk": last["sk"]}),
                ConsistentRead=True,
                ProjectionExpression="sk",
            )
        if "Item" not in found:
            self._put_event_item(last)

    # --- stories -------------------------------------------------------------------------------
    def create(self, record: StoryRecord, event: AuditEvent) -> bool:
        audit = _audit_to_item(event)
        try:
            with dynamodb_call():
                self._db.put_item(
                    TableName=self._table,
                    Item=ser(_record_to_item(record, rev=1) | {LAST_EVENT: audit}),
                    ConditionExpression="attribute_not_exists(pk)",
                )
        except ConditionFailed:
            return False
        self._put_event_item(audit)
        return True

    def _read(self, story_id: str) -> tuple[StoryRecord, int, Mapping[str, Any] | None] | None:
        with dynamodb_call():
            response = self._db.get_item(
                TableName=self._table, Key=self._meta_key(story_id), ConsistentRead=True
            )
        if "Item" not in response:
            return None
        d = deser(response["Item"])
        record, rev, last = _record_from_item(d), int(d.get("rev", 0)), d.get(LAST_EVENT)
        self._remember(story_id, _Known(record, rev, last, written_out=False, at=time.monotonic()))
        return record, rev, last

    def _get(self, story_id: str) -> tuple[StoryRecord, int] | None:
        found = self._read(story_id)
        return (found[0], found[1]) if found else None

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
        known = self._recall(story_id)
        if known is not None and _as_expected(known.record, expected_states, expected_version):
            if not known.written_out:
                self._flush(known.last)
            try:
                return self._move(
                    known.record, known.rev, event, to, expected_states, expected_version, changes
                )
            except ConflictError:
                pass  # META changed since: read it, and decide as if nothing had been known
        read, rev, last = self._read(story_id) or (None, 0, None)
        self._known.pop(story_id, None)  # the move below remembers what it writes
        current = check_expected(story_id, read, expected_states, expected_version)
        self._flush(last)
        return self._move(current, rev, event, to, expected_states, expected_version, changes)

    def _move(
        self,
        current: StoryRecord,
        rev: int,
        event: AuditEvent,
        to: State,
        expected_states: Sequence[State],
        expected_version: int | None,
        changes: Mapping[str, Any],
    ) -> StoryRecord:
        """The conditional write of one move from ``current`` at ``rev``, then its audit item."""
        story_id = current.story_id
        audit = _audit_to_item(event)

        names = {"#state": "state", "#updated_at": "updated_at", "#rev": "rev", "#last": LAST_EVENT}
        values: dict[str, Any] = {
            ":to": to.value,
            ":at": iso(event.at),
            ":rev": rev,
            ":next": rev + 1,
            ":event": audit,
        }
        sets = ["#state = :to", "#updated_at = :at", "#rev = :next", "#last = :event"]
        removes: list[str] = []
        for i, (name, value) in enumerate(sorted(changes.items())):
            names[f"#u{i}"] = name
            if name == "publish_at" and value is None:
                removes.append(f"#u{i}")
            else:
                sets.append(f"#u{i} = :u{i}")
                values[f":u{i}"] = plain_value(value)
        for i, state in enumerate(expected_states):
            values[f":s{i}"] = state.value
        condition = _rev_condition(rev)
        condition += f" AND #state IN ({', '.join(f':s{i}' for i in range(len(expected_states)))})"
        if expected_version is not None:
            names["#version"] = "version"
            values[":ev"] = expected_version
            condition += " AND #version = :ev"
        update = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
        update_record: UpdateItemInputTypeDef = {
            "TableName": self._table,
            "Key": self._meta_key(story_id),
            "UpdateExpression": update,
            "ConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": ser(values),
        }
        try:
            with dynamodb_call():
                self._db.update_item(**update_record)
        except ConditionFailed as e:
            raise ConflictError(f"story {story_id} changed before the move to {to}") from e
        self._put_event_item(audit)
        moved = current.with_(state=to, updated_at=event.at, **changes)
        self._remember(story_id, _Known(moved, rev + 1, audit, written_out=True, at=time.monotonic()))
        return moved

    def add_posts(self, story_id: str, posts: Sequence[Post]) -> None:
        # Read-merge-write under the rev condition: list_append would duplicate a redelivered post.
        for _ in range(_ADD_POSTS_ATTEMPTS):
            found = self._get(story_id)
            if found is None:
                raise NotFound(f"no story {story_id}")
            current, rev = found
            merged = merge_posts(current.posts, posts)
            try:
                with dynamodb_call():
                    self._db.update_item(
                        TableName=self._table,
                        Key=self._meta_key(story_id),
                        UpdateExpression="SET #posts = :posts, #rev = :next",
                        ConditionExpression=_rev_condition(rev),
                        ExpressionAttributeNames={"#posts": "posts", "#rev": "rev"},
                        ExpressionAttributeValues=ser(
                            {":posts": [to_plain(p) for p in merged], ":rev": rev, ":next": rev + 1}
                        ),
                    )
            except ConditionFailed:
                continue
            self._known.pop(story_id, None)  # the read it made is a rev behind now
            return
        raise Retryable(f"story {story_id} kept changing while adding posts")

    def add_event(self, event: AuditEvent) -> None:
        with dynamodb_call():
            self._db.put_item(TableName=self._table, Item=ser(_audit_to_item(event)))

    def audit(self, story_id: str) -> list[AuditEvent]:
        items: list[dict[str, Any]] = []
        with dynamodb_call():
            for page in self._db.get_paginator("query").paginate(
                TableName=self._table,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :audit)",
                ExpressionAttributeValues=ser({":pk": story_pk(story_id), ":audit": AUDIT_PREFIX}),
                ConsistentRead=True,
            ):
                items.extend(deser(item) for item in page.get("Items", []))
        # The last move's event is in META from the move's own write; a crash before its audit item
        # was put leaves it only there.
        found = self._read(story_id)
        last = found[2] if found else None
        if last and all(i["sk"] != last["sk"] for i in items):
            items.append(dict(last))
            items.sort(key=lambda i: str(i["sk"]))
        return [_audit_from_item(i) for i in items]

    # --- once-only markers ---------------------------------------------------------------------
    def claim(self, key: str, *, owner: str, now: datetime, stale_after_s: float | None = None) -> bool:
        return self._markers.claim(key, owner=owner, now=now, stale_after_s=stale_after_s)

    def complete(self, key: str, result: Mapping[str, str]) -> None:
        self._markers.complete(key, result)

    def release(self, key: str) -> None:
        self._markers.release(key)

    def marker(self, key: str) -> Mapping[str, str] | None:
        return self._markers.marker(key)

    # Last, so that the name does not shadow the builtin in the annotations above.
    def list(self) -> list[StoryRecord]:
        records: list[StoryRecord] = []
        with dynamodb_call():
            for page in self._db.get_paginator("scan").paginate(
                TableName=self._table,
                FilterExpression="sk = :meta",
                ExpressionAttributeValues=ser({":meta": META}),
            ):
                records.extend(_record_from_item(deser(item)) for item in page.get("Items", []))
        return sorted(records, key=lambda r: (r.created_at, r.story_id))
