"""Stories and their immutable versions, the intake submission they come from, and audit events."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from .states import State

Source = Literal["email", "form", "edit", "reply"]


@dataclass(frozen=True)
class IncomingImage:
    """An image as it arrived, already checked and stripped of metadata by intake."""

    filename: str
    content_type: str
    data: bytes
    alt: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Submission:
    """A parsed, authenticated-or-not intake item: what the sender sent, in typed form."""

    source: Source
    raw_key: str
    sender: str
    sender_name: str
    title: str
    text: str
    images: tuple[IncomingImage, ...] = ()
    notes: tuple[str, ...] = ()  # things intake dropped or changed, told to the submitter
    received_at: datetime | None = None
    written_by: str = ""  # a forwarded story's author, from the forwarded header block
    cover_note: str = ""  # what the forwarder wrote above it


@dataclass(frozen=True)
class Image:
    """An image stored beside a version; ``key`` is relative to the version's folder."""

    key: str
    content_type: str
    sha256: str
    alt: str = ""
    shows_child: bool = False
    consent: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "content_type": self.content_type,
            "sha256": self.sha256,
            "alt": self.alt,
            "shows_child": self.shows_child,
            "consent": self.consent,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Image:
        return cls(
            key=str(d["key"]),
            content_type=str(d["content_type"]),
            sha256=str(d["sha256"]),
            alt=str(d.get("alt", "")),
            shows_child=bool(d.get("shows_child", False)),
            consent=bool(d.get("consent", False)),
        )


@dataclass(frozen=True)
class Version:
    """One immutable version of a story; any change makes a new version with a new content hash."""

    story_id: str
    number: int
    title: str
    text: str
    author: str
    source: Source
    created_at: datetime
    images: tuple[Image, ...] = ()
    note: str = ""
    # A story forwarded by a colleague: who wrote it ("Priya Shah <priya.shah@…>") and the forwarder's
    # covering note. Shown to approvers, never published.
    written_by: str = ""
    cover_note: str = ""

    @property
    def content_hash(self) -> str:
        canonical = json.dumps(
            {"title": self.title, "text": self.text, "images": [i.to_dict() for i in self.images]},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "author": self.author,
            "source": self.source,
            "created_at": self.created_at.isoformat(),
            "images": [i.to_dict() for i in self.images],
            "note": self.note,
            "written_by": self.written_by,
            "cover_note": self.cover_note,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Version:
        return cls(
            story_id=str(d["story_id"]),
            number=int(d["number"]),
            title=str(d["title"]),
            text=str(d["text"]),
            author=str(d["author"]),
            source=d["source"],
            created_at=datetime.fromisoformat(str(d["created_at"])),
            images=tuple(Image.from_dict(i) for i in d.get("images", [])),
            note=str(d.get("note", "")),
            written_by=str(d.get("written_by", "")),
            cover_note=str(d.get("cover_note", "")),
        )


@dataclass(frozen=True)
class Post:
    """Where a story was published on one channel (one part of a thread)."""

    channel: str
    part: int
    post_id: str
    url: str


@dataclass(frozen=True)
class StoryRecord:
    """The current state of a story as held in the table; every change is a conditional write."""

    story_id: str
    state: State
    version: int
    content_hash: str
    submitter: str
    submitter_name: str
    title: str
    source: Source
    raw_key: str
    created_at: datetime
    updated_at: datetime
    reason: str = ""
    authenticated: bool = False
    posts: tuple[Post, ...] = ()
    publish_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def with_(self, **changes: Any) -> StoryRecord:
        return replace(self, **changes)


@dataclass(frozen=True)
class AuditEvent:
    """Who did what to which version of a story, when and why."""

    story_id: str
    at: datetime
    actor: str
    action: str
    from_state: State | None
    to_state: State | None
    version: int
    content_hash: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "from_state": self.from_state.value if self.from_state else None,
            "to_state": self.to_state.value if self.to_state else None,
            "version": self.version,
            "content_hash": self.content_hash,
            "reason": self.reason,
        }
