"""The typed messages that travel on the queues, parsed once at the boundary."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote_plus

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


@dataclass(frozen=True)
class StoryRef:
    """A story version that a stage should work on."""

    story_id: str
    version: int


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    story_id: str
    version: int

    def to_body(self) -> dict[str, Any]:
        return {"kind": self.kind, "story_id": self.story_id, "version": self.version}


class BadMessage(ValueError):
    """When a queue message has a shape no stage understands (parked, never retried)."""


def s3_objects(body: str) -> list[ObjectCreated]:
    """The objects named in an S3 event notification; empty for ``s3:TestEvent``."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError as e:
        raise BadMessage("message body is not JSON") from e
    if not isinstance(data, dict):
        raise BadMessage("message body is not an object")
    if data.get("Event") == "s3:TestEvent":
        return []
    out = []
    for rec in data.get("Records", []):
        try:
            if not str(rec["eventName"]).startswith("ObjectCreated"):
                continue
            out.append(
                ObjectCreated(
                    bucket=str(rec["s3"]["bucket"]["name"]),
                    # S3 notifications URL-encode keys with '+' for spaces
                    key=unquote_plus(str(rec["s3"]["object"]["key"])),
                )
            )
        except (KeyError, TypeError) as e:
            raise BadMessage("S3 notification record is missing fields") from e
    if not out and "Records" not in data:
        raise BadMessage("not an S3 notification")
    return out


def story_ref_from_key(key: str) -> StoryRef | None:
    """``stories/<id>/v<n>/story.json`` → StoryRef; anything else → None."""
    parts = key.split("/")
    if len(parts) == 4 and parts[0] == "stories" and parts[3] == "story.json" and parts[2][:1] == "v":
        try:
            return StoryRef(parts[1], int(parts[2][1:]))
        except ValueError:
            return None
    return None


def check_refs(body: str) -> list[StoryRef]:
    """The checks queue carries S3 notifications for story.json and direct {story_id, version} messages."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError as e:
        raise BadMessage("message body is not JSON") from e
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
    try:
        return story_ref(json.loads(body))
    except json.JSONDecodeError as e:
        raise BadMessage("message body is not JSON") from e


def story_ref(data: Any) -> StoryRef:
    try:
        return StoryRef(str(data["story_id"]), int(data["version"]))
    except (KeyError, TypeError, ValueError) as e:
        raise BadMessage("message needs story_id and version") from e


def notice(body: str) -> Notice:
    try:
        data = json.loads(body)
        kind = data["kind"]
        if kind not in NoticeKind.__args__:  # type: ignore[attr-defined]
            raise BadMessage(f"unknown notice kind {kind!r}")
        return Notice(kind=kind, story_id=str(data["story_id"]), version=int(data["version"]))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise BadMessage("notice needs kind, story_id and version") from e
