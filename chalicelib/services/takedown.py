"""Takedown: a published story comes down from every channel and the blog, and is recorded as WITHDRAWN.

Every step can be repeated: channels treat deleting a post that is already gone as done, so a takedown
interrupted half way is finished by running it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..adapters.ports import BlogSite, ChannelPoster, StoryTable
from ..domain.errors import ConflictError, NotFound, PublishError, Retryable
from ..domain.states import State, require
from ..domain.story import AuditEvent, StoryRecord


@dataclass(frozen=True)
class TakedownResult:
    record: StoryRecord
    removed: tuple[str, ...]


@dataclass(kw_only=True)
class TakedownService:
    table: StoryTable
    channel: Callable[[str], ChannelPoster]
    blog: Callable[[], BlogSite]
    clock: Callable[[], datetime]

    def takedown(self, story_id: str, *, actor: str, reason: str) -> TakedownResult:
        record = self.table.get(story_id)
        if record is None:
            raise NotFound(f"no story {story_id}")
        if record.state is State.WITHDRAWN:
            return TakedownResult(record, ())
        require(record.state, State.WITHDRAWN)
        removed: list[str] = []
        # Later parts first, so a thread never shows replies to a post that is gone.
        for post in sorted(record.posts, key=lambda p: (p.channel, -p.part)):
            if post.channel == "blog":
                self.blog().unpublish(record.story_id)
            else:
                try:
                    self.channel(post.channel).delete(post.post_id)
                except PublishError as e:
                    raise Retryable(f"{post.channel} did not delete post {post.post_id}: {e.reason}") from e
            removed.append(f"{post.channel}:{post.post_id}")
        event = AuditEvent(
            record.story_id,
            self.clock(),
            actor,
            "withdrawn",
            record.state,
            State.WITHDRAWN,
            record.version,
            record.content_hash,
            reason,
        )
        try:
            moved = self.table.transition(
                record.story_id,
                expected=[record.state],
                to=State.WITHDRAWN,
                event=event,
                updates={"reason": reason},
            )
        except ConflictError as e:
            raise Retryable(f"story {record.story_id} changed during the takedown; run it again") from e
        return TakedownResult(moved, tuple(removed))
