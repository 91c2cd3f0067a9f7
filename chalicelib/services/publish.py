"""Publish: an approved version goes to each enabled channel exactly once, part by part, then people are told.

Every post (one part of a thread on one channel) is guarded by a once-only marker written before the
call and completed after it. A redelivered message skips what is done and resumes a thread from the
last part posted, as a reply to it. A post whose outcome is unknown (a timeout after sending) is
reconciled by looking for it on the channel before anything is posted again; a channel that cannot be
asked parks the story for a person instead of risking a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import TypeVar, cast

from ..adapters.ports import (
    BlogSite,
    ChannelPoster,
    Counters,
    IdempotentPoster,
    PostResult,
    TitledPoster,
)
from ..domain import markers
from ..domain.errors import Parked, PublishError, Retryable, RetryLater, UnknownOutcome
from ..domain.states import State
from ..domain.story import MediaItem, Post, StoryRecord, Version
from ..domain.text import clean_line, clean_text
from ..observability import MetricUnit, logger, metrics
from ..policy.rules import OrgRules, XChannel
from ..policy.thread import split_thread
from ..policy.x_cost import XCost, x_cost
from .base import StageService
from .messages import Notice, StoryRef
from .moves import Mover

T = TypeVar("T")
ACTOR = "system:publish"
SOCIAL = ("x", "mastodon", "bluesky")
# Channels whose posts carry the story's title as their own (the others have no titles).
TITLED = frozenset({"wordpress"})
# Channels that keep an Idempotency-Key, and for how long we trust it (Mastodon keeps one for an hour):
# within it, a post whose answer was lost is recovered by sending it again with the same key.
IDEMPOTENT_FOR_S = {"mastodon": 50 * 60}
LIMITS = {"x": 280, "mastodon": 500, "bluesky": 300}
MAX_IMAGES = 4
UNKNOWN_RECHECK_S = 30
# Longer than any channel call can take (timeouts are 10 s; the publish Lambda's timeout is 120 s).
CLAIM_STALE_S = 180


def thread_parts(channel: str, text: str, *, threads: bool) -> list[str]:
    """The posts ``text`` becomes on ``channel``: one, or a numbered thread when the channel allows it."""
    if not threads:
        return [text.strip()]
    parts = split_thread(text, limit=LIMITS[channel])
    if channel == "bluesky":
        # Bluesky counts graphemes and whole links, where X's weighting counts a link as 23: tighten the
        # limit until every part fits as Bluesky counts.
        import regex  # grapheme clusters (\X), which the stdlib's re cannot match

        limit = LIMITS["bluesky"]
        while any(len(regex.findall(r"\X", p)) > 300 for p in parts) and limit > 100:
            limit -= 20
            parts = split_thread(text, limit=limit)
    return parts


def story_x_cost(version: Version, x: XChannel) -> XCost:
    """What posting ``version`` costs on X: its parts as X will get them and its described photos."""
    parts = thread_parts("x", version.text, threads=x.threads)
    return x_cost(parts, sum(1 for img in version.images[:MAX_IMAGES] if img.alt.strip()))


def describe_x_cost(version: Version, rules: OrgRules) -> str:
    """The approver's line on X's price ("about $0.02 on X (1 post)"), or "" when X is off."""
    return story_x_cost(version, rules.channels.x).describe() if rules.channels.x.enabled else ""


@dataclass(kw_only=True)
class PublishService(StageService):
    channel: Callable[[str], ChannelPoster]
    blog: Callable[[], BlogSite]
    counters: Counters
    claim_stale_s: float = CLAIM_STALE_S

    @cached_property
    def _moves(self) -> Mover:
        return Mover(table=self.table, clock=self.clock, actor=ACTOR, doing="publishing")

    @property
    def _recheck_s(self) -> int:
        # Look again no later than the claim can be taken over.
        return int(max(1, min(UNKNOWN_RECHECK_S, self.claim_stale_s)))

    def handle(self, ref: StoryRef) -> State | None:
        """What the publish queue's handler calls: publish, or come back later when a channel says so.

        A rate limit or an outcome still to be reconciled sends the message again with the channel's
        delay, instead of SQS redelivering it in a busy loop.
        """
        try:
            return self.publish(ref)
        except RetryLater as e:
            logger.info("publish deferred", extra={"reason": str(e), "delay_s": e.delay_s})
            self.queues.send("publish", ref.to_body(), delay_s=e.delay_s)
            return None

    def publish(self, ref: StoryRef) -> State | None:
        record = self.table.get(ref.story_id)
        if record is None:
            raise Retryable(f"story {ref.story_id} not found")
        if record.version != ref.version:
            return None
        now = self.clock()
        if record.state is State.PUBLISHED:
            self._tell(record)
            return record.state
        due = record.publish_at is None or record.publish_at <= now
        if record.state is State.APPROVED and not due:
            return self._move(record, State.SCHEDULED, "scheduled", record.publish_at.isoformat()).state  # type: ignore[union-attr]
        if record.state is State.SCHEDULED and not due:
            return record.state  # the sweep sends it again when it is due
        if record.state not in (State.APPROVED, State.SCHEDULED, State.PUBLISHING):
            return None  # withdrawn, failed (a person decides) or not approved: nothing to post
        if record.state is not State.PUBLISHING:
            record = self._move(record, State.PUBLISHING, "publishing", "")
        version = self.stories.get_version(ref.story_id, ref.version)
        # Cleaned at every door already; cleaned again here because a post cannot be taken back, and a
        # version stored before a door learned to clean must not put a control character into one.
        version = replace(version, title=clean_line(version.title), text=clean_text(version.text))
        undescribed = [str(n) for n, img in enumerate(version.images, start=1) if not img.alt.strip()]
        if undescribed and not record.posts:
            # A11Y-ALT blocks here, at publication: approval asks for descriptions, this is the last line.
            return self._fail(record, f"photo {', '.join(undescribed)} has no description (A11Y-ALT)")
        rules = self.rules()
        media = self._media(version)
        over_budget = self._over_x_budget(version, rules.channels.x)
        if over_budget:
            metrics.add_metric(name="PublishFailed_x", unit=MetricUnit.Count, value=1)
            return self._fail(record, over_budget)
        posts: list[Post] = []
        try:
            if rules.channels.blog.enabled:
                posts.extend(self._blog_post(version, rules, media))
            for name in SOCIAL:
                config = getattr(rules.channels, name)
                if config.enabled:
                    parts = thread_parts(name, version.text, threads=config.threads)
                    posts.extend(self._thread(name, version, parts, media))
        except Parked as e:
            return self._fail(record, str(e))
        record = self._move(
            record, State.PUBLISHED, "published", ", ".join(p.url for p in posts), posts=posts
        )
        self._tell(record)
        return record.state

    # --- channels ---------------------------------------------------------------------------------
    def _media(self, version: Version) -> list[MediaItem]:
        out = []
        for img in version.images[:MAX_IMAGES]:
            name = img.key.rsplit("/", 1)[-1]
            data = self.stories.get_media(version.story_id, version.number, name)
            out.append(MediaItem(data=data, content_type=img.content_type, alt=img.alt, filename=name))
        return out

    def _blog_post(self, version: Version, rules: OrgRules, media: Sequence[MediaItem]) -> list[Post]:
        if rules.channels.blog.target == "wordpress":
            return self._thread("wordpress", version, [version.text], media)

        def publish_static() -> PostResult:
            files = {img.key: m.data for img, m in zip(version.images, media, strict=False)}
            return self.blog().publish(version, published_at=self.clock(), media=files)

        # Writing the same pages again is harmless, so the static blog needs no reconciliation: when an
        # earlier attempt died holding the claim, there is nothing to look for and the pages are written
        # again (instead of parking the story as if a post might be duplicated).
        return [self._once("blog", version, 1, publish_static, find=lambda: None)]

    def _thread(
        self, name: str, version: Version, parts: Sequence[str], media: Sequence[MediaItem]
    ) -> list[Post]:
        channel = self.channel(name)
        out: list[Post] = []
        parent: str | None = None
        for n, text in enumerate(parts, start=1):
            attach = list(media) if n == 1 else []

            key = markers.post(version.story_id, version.number, name, n)

            def send(
                text: str = text,
                parent: str | None = parent,
                attach: list[MediaItem] = attach,
                key: str = key,
            ) -> PostResult:
                if name in TITLED:
                    titled = cast(TitledPoster, channel)
                    return titled.post(text, reply_to=parent, media=attach, title=version.title)
                if name in IDEMPOTENT_FOR_S:
                    keyed = cast(IdempotentPoster, channel)
                    return keyed.post(text, reply_to=parent, media=attach, idempotency_key=key)
                return channel.post(text, reply_to=parent, media=attach)

            finder: Callable[[str], PostResult | None] | None = getattr(channel, "find_recent", None)

            def find(
                text: str = text, finder: Callable[[str], PostResult | None] | None = finder
            ) -> PostResult | None:
                return finder(text) if finder else None

            if name in IDEMPOTENT_FOR_S:
                post = self._once(name, version, n, send, find=self._ask_again(name, n, key, send))
            else:
                post = self._once(name, version, n, send, find=find if finder else None)
            out.append(post)
            parent = post.post_id  # the next part replies to this one, also after a redelivery
        return out

    def _ask_again(
        self, name: str, part: int, key: str, send: Callable[[], PostResult]
    ) -> Callable[[], PostResult | None]:
        """Reconcile by sending again with the same Idempotency-Key, while the channel still keeps it."""

        def again() -> PostResult | None:
            claim = self.table.marker(key) or {}
            claimed_at = claim.get("claimed_at")
            age = (self.clock() - datetime.fromisoformat(claimed_at)).total_seconds() if claimed_at else None
            if age is None or age > IDEMPOTENT_FOR_S[name]:
                raise Parked(
                    f"{name} part {part}: the outcome of an attempt over an hour ago is unknown; check {name}"
                )
            return send()  # the channel answers with the post it already made, or makes it now

        return again

    def _once(
        self,
        name: str,
        version: Version,
        part: int,
        send: Callable[[], PostResult],
        *,
        find: Callable[[], PostResult | None] | None,
    ) -> Post:
        key = markers.post(version.story_id, version.number, name, part)
        done = self.table.marker(key)
        if done is not None and done.get("status") == "done":
            return Post(name, part, done.get("post_id", ""), done.get("url", ""))
        if not self.table.claim(key, owner=ACTOR, now=self.clock()):
            # An earlier attempt sent this part and never heard back: look before posting again.
            if find is None:
                raise Parked(
                    f"{name} part {part}: the outcome of an earlier attempt is unknown; check {name}"
                )
            found = self._call(name, find)
            if found is None:
                # Not there. Either the earlier attempt never arrived, or another delivery is posting it
                # right now: take the claim over only once it is old enough that no call can still be
                # in flight, so two deliveries never both post.
                if not self.table.claim(key, owner=ACTOR, now=self.clock(), stale_after_s=self.claim_stale_s):
                    raise RetryLater(
                        f"{name} part {part}: not on {name} yet; looking again shortly", self._recheck_s
                    )
                found = self._send(key, name, part, send)
            result = found
        else:
            result = self._send(key, name, part, send)
        self.table.complete(key, {"status": "done", "post_id": result.post_id, "url": result.url})
        metrics.add_metric(name=f"Published_{name}", unit=MetricUnit.Count, value=1)
        return Post(name, part, result.post_id, result.url)

    def _send(self, key: str, name: str, part: int, send: Callable[[], PostResult]) -> PostResult:
        try:
            return self._call(name, send)
        except UnknownOutcome as e:
            # Keep the claim: the next delivery reconciles before it posts anything.
            raise RetryLater(f"{name} part {part}: {e}", self._recheck_s) from e
        except (Retryable, Parked):
            self.table.release(key)  # the channel answered with an error, so nothing was posted
            raise

    @staticmethod
    def _call(name: str, fn: Callable[[], T]) -> T:
        """Run one channel call, turning its refusal into retry-later, retry, or park."""
        try:
            return fn()
        except PublishError as e:
            metrics.add_metric(name=f"PublishFailed_{name}", unit=MetricUnit.Count, value=1)
            if e.retryable and e.retry_after:
                raise RetryLater(str(e), int(e.retry_after)) from e
            if e.retryable:
                raise Retryable(str(e)) from e
            raise Parked(f"{name}: {e.reason}") from e

    # --- state ------------------------------------------------------------------------------------
    def _move(
        self, record: StoryRecord, to: State, action: str, reason: str, posts: list[Post] | None = None
    ) -> StoryRecord:
        updates: dict[str, object] = {"posts": tuple(posts)} if posts is not None else {}
        if to is State.PUBLISH_FAILED:
            updates["reason"] = reason
        return self._moves.move(record, to, action, reason, updates)

    def _over_x_budget(self, version: Version, x: XChannel) -> str:
        """Why posting this version would pass X's monthly budget, or "" when it fits (and is counted).

        The story's whole cost on X is counted once, before anything is posted anywhere, so a story is
        never half published for want of budget; a redelivered or retried story is not counted again.
        """
        if not x.enabled or x.monthly_budget_usd is None:
            return ""
        cost = story_x_cost(version, x)
        now = self.clock()
        month_end = (now.replace(day=28) + timedelta(days=4)).replace(day=1, hour=0, minute=0, second=0)
        fits, spent = self.counters.spend(
            f"x-spend#{now:%Y-%m}",
            f"{version.story_id}#{version.number}",
            round(cost.usd * 1000),  # tenths of a cent
            cap=round(x.monthly_budget_usd * 1000),
            expires_at=month_end + timedelta(days=31),
        )
        if fits:
            return ""
        return (
            f"X's budget for {now:%B %Y} (${x.monthly_budget_usd:.2f}) would be passed: "
            f"${spent / 1000:.2f} is spent and this story would cost {cost.describe()}. Raise "
            "channels.x.monthly_budget_usd in the rules file or wait for next month, then retry the story"
        )

    def _fail(self, record: StoryRecord, reason: str) -> State:
        logger.warning("publish failed", extra={"story_id": record.story_id, "reason": reason})
        return self._move(record, State.PUBLISH_FAILED, "publish-failed", reason).state

    def _tell(self, record: StoryRecord) -> None:
        # The team's "now live" email goes with the author's (notify.SENT_WITH).
        self.queues.send("notify", Notice("published", record.story_id, record.version).to_body())


def channel_names(rules: OrgRules) -> Mapping[str, bool]:
    return {name: getattr(rules.channels, name).enabled for name in SOCIAL}
