"""The typed messages that travel on the queues: built here, and parsed once at the boundary.

Our own messages (a story version for a stage, a notice for the mailer) and the parts of S3's event
notifications that we read are small pydantic-validated dataclasses. Powertools' ``S3Model`` was tried
and is not used: it requires every field real S3 sends, and moto's notifications (the local stack's)
omit userIdentity, requestParameters, responseElements and the bucket's ownerIdentity, so the same
handler would refuse every local event. A body that fits no shape raises BadMessage, which the handler
parks in the dead-letter queue.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast
from urllib.parse import unquote_plus

from pydantic import Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass

from ..domain.errors import BadMessage

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from ..domain.story import StoryRecord

NoticeKind = Literal[
    "receipt",
    "confirm",
    "invalid",
    "changes_needed",
    "blocked",
    "changes_requested",
    "approval_request",
    "reminder",
    "approved",
    "rejected",
    "expired",
    "published",
    "published_team",
]


@dataclass(frozen=True)
class ObjectCreated:
    bucket: str
    key: str


StoryId = Annotated[str, Field(min_length=1, max_length=64)]
VersionNumber = Annotated[int, Field(ge=0)]


class _Message:
    """Our own messages travel as the JSON object of their fields."""

    def to_body(self) -> dict[str, Any]:
        return asdict(cast("DataclassInstance", self))


@dataclass(frozen=True)
class StoryRef(_Message):
    """A story version that a stage should work on: the body of the checks and publish queues."""

    story_id: StoryId
    version: VersionNumber

    @classmethod
    def of(cls, record: StoryRecord) -> StoryRef:
        return cls(record.story_id, record.version)


@dataclass(frozen=True)
class Notice(_Message):
    """An email (or several) the notify stage should send about a story version."""

    kind: NoticeKind
    story_id: StoryId
    version: VersionNumber


@dataclass(frozen=True)
class _S3Bucket:
    name: str = Field(min_length=1)


@dataclass(frozen=True)
class _S3Object:
    key: str = Field(min_length=1)


@dataclass(frozen=True)
class _S3Entity:
    bucket: _S3Bucket
    object: _S3Object


@dataclass(frozen=True)
class _S3Record:
    eventName: str  # S3's own field names
    s3: _S3Entity


@dataclass(frozen=True)
class _S3Notification:
    Records: tuple[_S3Record, ...]


_STORY_REF = TypeAdapter(StoryRef)
_NOTICE = TypeAdapter(Notice)
_S3_NOTIFICATION = TypeAdapter(_S3Notification)


def _json(body: str) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, RecursionError) as e:
        raise BadMessage("message body is not JSON") from e


def s3_objects(body: str) -> list[ObjectCreated]:
    """The objects named in an S3 event notification; empty for ``s3:TestEvent``."""
    data = _json(body)
    if not isinstance(data, dict):
        raise BadMessage("message body is not an object")
    if data.get("Event") == "s3:TestEvent":
        return []
    try:
        event = _S3_NOTIFICATION.validate_python(data)
    except ValidationError as e:
        raise BadMessage(f"not an S3 notification ({e.error_count()} problems)") from e
    return [
        # S3 notifications URL-encode keys, with '+' for spaces.
        ObjectCreated(bucket=r.s3.bucket.name, key=unquote_plus(r.s3.object.key))
        for r in event.Records
        if r.eventName.startswith("ObjectCreated")
    ]


def story_ref_from_key(key: str) -> StoryRef | None:
    """``stories/<id>/v<n>/story.json`` → StoryRef; anything else → None."""
    parts = key.split("/")
    if len(parts) == 4 and parts[0] == "stories" and parts[3] == "story.json" and parts[2][:1] == "v":
        try:
            return StoryRef(parts[1], int(parts[2][1:]))
        except (ValueError, ValidationError):
            return None
    return None


def check_refs(body: str) -> list[StoryRef]:
    """The checks queue carries S3 notifications for story.json and direct {story_id, version} messages."""
    data = _json(body)
    if isinstance(data, dict) and "story_id" in data:
        return [story_ref(data)]
    refs = []
    for obj in s3_objects(body):
        ref = story_ref_from_key(obj.key)
        if ref is not None:
            refs.append(ref)
    return refs


def story_ref_body(body: str) -> StoryRef:
    """A direct ``{"story_id", "version"}`` message, as the publish queue carries."""
    return story_ref(_json(body))


def story_ref(data: Any) -> StoryRef:
    try:
        return _STORY_REF.validate_python(data)
    except ValidationError as e:
        raise BadMessage("message needs story_id and version") from e


def notice(body: str) -> Notice:
    try:
        return _NOTICE.validate_python(_json(body))
    except ValidationError as e:
        raise BadMessage("notice needs a known kind, story_id and version") from e
