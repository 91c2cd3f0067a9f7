"""Stories and their immutable versions, the intake submission they come from, and audit events."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from .findings import ImageContext
from .plain import from_plain, to_plain
from .states import State

Source = Literal["email", "form", "edit", "reply"]


@dataclass(frozen=True)
class MediaItem:
    """A photo with the description every channel must carry: as intake kept it (checked, its metadata
    stripped) and as a channel posts it."""

    data: bytes
    content_type: str
    alt: str = ""
    filename: str = ""

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
    images: tuple[MediaItem, ...] = ()
    notes: tuple[str, ...] = ()  # things intake dropped or changed, told to the submitter
    received_at: datetime | None = None
    written_by: str = ""  # a forwarded story's author, from the forwarded header block
    cover_note: str = ""  # what the forwarder wrote above it


@dataclass(frozen=True)
class Image(ImageContext):
    """An image stored beside a version; ``key`` is relative to the version's folder.

    It carries what the checks know about it (its alt text, whether it shows a child and with consent).
    """

    key: str
    content_type: str
    sha256: str


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
            {"title": self.title, "text": self.text, "images": [to_plain(i) for i in self.images]},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return to_plain(self) | {"content_hash": self.content_hash}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Version:
        return from_plain(cls, d)


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
        return to_plain(self)
