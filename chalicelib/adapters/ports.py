"""The ports: what services need from the outside world, as Protocols that fakes and adapters share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NotRequired, Protocol, TypedDict, Unpack

from ..domain.findings import Inspection, Verdict
from ..domain.states import State
from ..domain.story import AuditEvent, MediaItem, Post, StoryRecord, Version


@dataclass(frozen=True)
class OutgoingEmail:
    to: tuple[str, ...]
    subject: str
    text: str
    html: str | None = None
    sender: str = ""  # one plain address; the name people see goes in sender_name
    reply_to: tuple[str, ...] = ()
    sender_name: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PostResult:
    post_id: str
    url: str


class RawStore(Protocol):
    """The intake bucket: raw emails and forms exactly as they arrived."""

    def get_raw(self, key: str) -> bytes: ...

    def put_raw(self, key: str, data: bytes, content_type: str) -> None: ...

    def mark_rejected(self, key: str) -> None:
        """Tag a rejected submission so the bucket's shorter retention rule deletes it in time."""
        ...


class StoryStore(Protocol):
    """The stories bucket: immutable versions, their media and their findings."""

    def put_media(self, story_id: str, number: int, name: str, data: bytes, content_type: str) -> str: ...

    def get_media(self, story_id: str, number: int, name: str) -> bytes: ...

    def put_version(self, version: Version) -> None: ...

    def get_version(self, story_id: str, number: int) -> Version: ...

    def put_findings(self, story_id: str, number: int, verdict: Verdict) -> None: ...

    def get_findings(self, story_id: str, number: int) -> Verdict | None: ...

    def put_inspection(self, story_id: str, number: int, inspection: Inspection) -> None: ...

    def get_inspection(self, story_id: str, number: int) -> Inspection | None:
        """What the photo inspection saw in this version's photos; None before it has run."""
        ...


class Move(TypedDict):
    """A story's move to the state ``to``, made only if its state is one of ``expected`` (and its version
    is ``expected_version``, when given), recorded with ``event``. ``updates`` may set version,
    content_hash, title, reason, authenticated, publish_at, posts."""

    expected: Iterable[State]
    to: State
    event: AuditEvent
    expected_version: NotRequired[int | None]
    updates: NotRequired[Mapping[str, Any] | None]


class StoryTable(Protocol):
    """The table: the current state of each story, audit events and once-only markers."""

    def create(self, record: StoryRecord, event: AuditEvent) -> bool:
        """Create the story; False if it already exists (a redelivery)."""
        ...

    def get(self, story_id: str) -> StoryRecord | None: ...

    def transition(self, story_id: str, **move: Unpack[Move]) -> StoryRecord:
        """Make the move, or raise ConflictError when its condition fails."""
        ...

    def add_posts(self, story_id: str, posts: Sequence[Post]) -> None: ...

    def add_event(self, event: AuditEvent) -> None:
        """Record an event that changed no state (a vote in a step, a decision that came too late)."""
        ...

    def audit(self, story_id: str) -> list[AuditEvent]: ...

    def list(self) -> list[StoryRecord]: ...

    def claim(self, key: str, *, owner: str, now: datetime, stale_after_s: float | None = None) -> bool:
        """Claim a once-only marker; True if this caller now holds it, False if it is held or done."""
        ...

    def complete(self, key: str, result: Mapping[str, str]) -> None:
        """Mark done with ``result``; a key nobody claimed is written done in one go."""
        ...

    def release(self, key: str) -> None:
        """Give up a claim whose side effect certainly did not happen, so a retry may claim it again."""
        ...

    def marker(self, key: str) -> Mapping[str, str] | None: ...


class Counters(Protocol):
    """Fixed-window counters that expire by themselves, for rate limits, and spending totals with a cap."""

    def count(self, key: str, *, window_s: int, now: datetime) -> int:
        """Count one more for ``key`` in the window that holds ``now``; returns the window's total."""
        ...

    def spend(self, key: str, item: str, amount: int, *, cap: int, expires_at: datetime) -> tuple[bool, int]:
        """Add ``amount`` for ``item`` to ``key``'s total once (an item already added is not added
        again), unless that would take the total over ``cap``. Returns whether ``item`` is counted and
        the total as it stands. Atomic: two spenders at once cannot both pass the cap."""
        ...


class Mailer(Protocol):
    def send(self, email: OutgoingEmail) -> str:
        """Send and return the provider's message id."""
        ...


class Secrets(Protocol):
    def get(self, name: str) -> str: ...


class Queues(Protocol):
    def send(self, queue: str, body: Mapping[str, Any], *, delay_s: int = 0) -> None: ...

    def dead_letters(self) -> int:
        """How many messages wait in the dead-letter queues (keys ending "-dlq"), all together."""
        ...


class XPoster(Protocol):
    """Posts to X; raises PublishError (retryable or not) or UnknownOutcome."""

    def post(self, text: str, *, reply_to: str | None = None) -> PostResult: ...


class PostOptions(TypedDict, total=False):
    """What every channel's ``post`` takes besides the text: the post it replies to, and its images."""

    reply_to: str | None
    media: Sequence[MediaItem]


class ChannelPoster(Protocol):
    """One publishing channel (X, Mastodon, Bluesky, WordPress): post, reply, attach images, delete.

    Raises PublishError (retryable or not) when the channel answered with an error, and UnknownOutcome
    when the post may have happened (a timeout after sending).
    """

    name: str

    def post(self, text: str, **options: Unpack[PostOptions]) -> PostResult: ...

    def delete(self, post_id: str) -> None: ...


class TitledPoster(ChannelPoster, Protocol):
    """A channel whose posts have a title of their own (WordPress): the story's title is sent as it."""

    def post(self, text: str, *, title: str | None = None, **options: Unpack[PostOptions]) -> PostResult: ...


class IdempotentPoster(ChannelPoster, Protocol):
    """A channel that answers a repeat of a post carrying the same key with the post it already made
    (Mastodon's Idempotency-Key, kept for an hour), so a lost answer is recovered by asking again."""

    def post(
        self, text: str, *, idempotency_key: str | None = None, **options: Unpack[PostOptions]
    ) -> PostResult: ...


class BlogSite(Protocol):
    """The static blog: one page per story and an index."""

    def publish(
        self, version: Version, *, published_at: datetime, media: Mapping[str, bytes]
    ) -> PostResult: ...

    def unpublish(self, story_id: str) -> None:
        """Remove the story's page and media and take it off the index (done again, it is a no-op)."""
        ...
