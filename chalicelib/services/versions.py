"""Making a new version of a story (an approver's edit, the author's revision or reply) and sending it back
through the checks; earlier approvals never carry over to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from ..adapters.ports import Queues, StoryStore, StoryTable
from ..domain.states import State
from ..domain.story import AuditEvent, Image, Source, StoryRecord, Version
from .messages import StoryRef


def new_version(
    *,
    stories: StoryStore,
    table: StoryTable,
    queues: Queues,
    record: StoryRecord,
    title: str,
    text: str,
    author: str,
    source: Source,
    now: datetime,
    expected: Iterable[State],
    action: str,
    reason: str = "",
    images: tuple[Image, ...] | None = None,
    media: Mapping[str, bytes] | None = None,
) -> StoryRecord:
    """Write version n+1 (images carried over, or ``images``: the same photos with new descriptions),
    move the story to SUBMITTED and ask for checks. ``media`` maps a photo's file name to the bytes the
    new version holds instead of the previous version's (a blurred photo); the previous ones stay.

    The version is written before the state changes, so a crash leaves either nothing changed or a
    complete new version; the direct checks message covers the S3 event that may have arrived first.
    """
    previous = stories.get_version(record.story_id, record.version)
    number = record.version + 1
    kept = previous.images if images is None else images
    for img in kept:
        name = img.key.rsplit("/", 1)[-1]
        data = (media or {}).get(name)
        if data is None:
            data = stories.get_media(record.story_id, record.version, name)
        stories.put_media(record.story_id, number, name, data, img.content_type)
    version = Version(
        story_id=record.story_id,
        number=number,
        title=title.strip() or previous.title,
        text=text,
        author=author,
        source=source,
        created_at=now,
        images=kept,
    )
    stories.put_version(version)
    event = AuditEvent(
        record.story_id,
        now,
        author,
        action,
        record.state,
        State.SUBMITTED,
        number,
        version.content_hash,
        reason,
    )
    moved = table.transition(
        record.story_id,
        expected=expected,
        to=State.SUBMITTED,
        event=event,
        expected_version=record.version,
        updates={
            "version": number,
            "content_hash": version.content_hash,
            "title": version.title,
            "extra": {},
        },
    )
    queues.send("checks", StoryRef(record.story_id, number).to_body())
    return moved
