"""Publish: an approved version goes to each enabled channel exactly once, then the author is told.

Each channel post is guarded by a once-only marker written before the call and completed after it,
so a redelivered message skips what is done, and a post whose outcome is unknown (a crash or a
timeout after sending) is parked for a person to reconcile instead of being posted again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..adapters.ports import BlogSite, Queues, StoryStore, StoryTable, XPoster
from ..domain.errors import ConflictError, PublishError, Retryable, UnknownOutcome
from ..domain.states import State
from ..domain.story import AuditEvent, Post, StoryRecord, Version
from ..observability import MetricUnit, logger, metrics
from ..policy.rules import OrgRules
from .messages import Notice, StoryRef

ACTOR = "system:publish"


class PublishService:
    def __init__(
        self,
        *,
        table: StoryTable,
        stories: StoryStore,
        queues: Queues,
        x: Callable[[], XPoster],
        blog: Callable[[], BlogSite],
        rules: Callable[[], OrgRules],
        clock: Callable[[], datetime],
    ) -> None:
        self._table = table
        self._stories = stories
        self._queues = queues
        self._x = x
        self._blog = blog
        self._rules = rules
        self._clock = clock

    def publish(self, ref: StoryRef) -> State | None:
        record = self._table.get(ref.story_id)
        if record is None:
            raise Retryable(f"story {ref.story_id} not found")
        if record.version != ref.version:
            return None
        if record.state is State.PUBLISHED:
            self._tell(record)
            return record.state
        if record.state not in (State.APPROVED, State.PUBLISHING):
            return None  # withdrawn, failed (needs a person) or not approved: nothing to post
        if record.state is State.APPROVED:
            record = self._move(record, State.PUBLISHING, "publishing", "")
        version = self._stories.get_version(ref.story_id, ref.version)
        rules = self._rules()
        posts: list[Post] = []
        channels: list[tuple[str, Callable[[], Post]]] = []
        if rules.channels.blog.enabled:
            channels.append(("blog", lambda: self._post_blog(version)))
        if rules.channels.x.enabled:
            channels.append(("x", lambda: self._post_x(version)))
        for channel, do in channels:
            key = f"post#{version.story_id}#v{version.number}#{channel}#1"
            done = self._table.marker(key)
            if done is not None and done.get("status") == "done":
                posts.append(Post(channel, 1, done.get("post_id", ""), done.get("url", "")))
                continue
            if not self._table.claim(key, owner="publish", now=self._clock()):
                return self._fail(
                    record, f"{channel}: an earlier attempt may have posted; check {channel} before retrying"
                )
            try:
                post = do()
            except PublishError as e:
                self._table.release(key)  # the channel answered with an error, so nothing was posted
                metrics.add_metric(name=f"PublishFailed_{channel}", unit=MetricUnit.Count, value=1)
                if e.retryable:
                    raise Retryable(str(e)) from e
                return self._fail(record, f"{channel}: {e.reason}")
            except UnknownOutcome as e:
                # Keep the claim: a retry must not post again before a person has looked.
                return self._fail(
                    record, f"{channel}: outcome unknown ({e}); check {channel} before retrying"
                )
            self._table.complete(key, {"status": "done", "post_id": post.post_id, "url": post.url})
            metrics.add_metric(name=f"Published_{channel}", unit=MetricUnit.Count, value=1)
            posts.append(post)
        record = self._move(
            record, State.PUBLISHED, "published", ", ".join(p.url for p in posts), posts=posts
        )
        self._tell(record)
        return record.state

    def _post_x(self, version: Version) -> Post:
        result = self._x().post(version.text)
        return Post("x", 1, result.post_id, result.url)

    def _post_blog(self, version: Version) -> Post:
        media = {
            img.key: self._stories.get_media(version.story_id, version.number, img.key.rsplit("/", 1)[-1])
            for img in version.images
        }
        result = self._blog().publish(version, published_at=self._clock(), media=media)
        return Post("blog", 1, result.post_id, result.url)

    def _move(
        self, record: StoryRecord, to: State, action: str, reason: str, posts: list[Post] | None = None
    ) -> StoryRecord:
        event = AuditEvent(
            record.story_id,
            self._clock(),
            ACTOR,
            action,
            record.state,
            to,
            record.version,
            record.content_hash,
            reason,
        )
        updates: dict[str, object] = {"posts": tuple(posts)} if posts is not None else {}
        if to is State.PUBLISH_FAILED:
            updates["reason"] = reason
        try:
            return self._table.transition(
                record.story_id,
                expected=[record.state],
                to=to,
                event=event,
                expected_version=record.version,
                updates=updates,
            )
        except ConflictError as e:
            raise Retryable(f"story {record.story_id} changed while publishing") from e

    def _fail(self, record: StoryRecord, reason: str) -> State:
        logger.warning("publish failed", extra={"story_id": record.story_id, "reason": reason})
        return self._move(record, State.PUBLISH_FAILED, "publish-failed", reason).state

    def _tell(self, record: StoryRecord) -> None:
        self._queues.send("notify", Notice("published", record.story_id, record.version).to_body())
