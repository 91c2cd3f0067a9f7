"""Publishing through the real adapters to the loopback fakes while they misbehave: every fault ends with
no duplicate post, no lost story, a clear status, and publication once the fake recovers."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.adapters.bluesky import BlueskyChannel, BlueskyCredentials
from chalicelib.adapters.mastodon import MastodonChannel, MastodonCredentials
from chalicelib.adapters.ports import ChannelPoster, PostResult
from chalicelib.adapters.wordpress import WordPressChannel, WordPressCredentials
from chalicelib.adapters.x import TweepyX, XCredentials
from chalicelib.domain.errors import Retryable, RetryLater
from chalicelib.domain.states import State
from chalicelib.domain.story import AuditEvent, StoryRecord, Version
from chalicelib.policy.rules import OrgRules, parse_rules
from chalicelib.services.messages import StoryRef
from chalicelib.services.publish import PublishService
from local.fakes.bluesky import FakeBluesky
from local.fakes.mastodon import FakeMastodon
from local.fakes.wordpress import FakeWordPress
from local.fakes.x import FakeX
from local.memory import MemoryCounters, MemoryQueues, MemoryStoryStore, MemoryStoryTable

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
X_CREDS = XCredentials("ck-publish", "cs-publish", "1500000000000000009-at-publish", "ats-publish")
TEXT = "The new skate park opens on Saturday at ten. Come and try the bowl!"


class NoBlog:
    def publish(self, version: Version, *, published_at: datetime, media: Mapping[str, bytes]) -> PostResult:
        raise AssertionError("the blog is off in these tests")

    def unpublish(self, story_id: str) -> None:
        raise AssertionError("the blog is off in these tests")


class World:
    def __init__(self, rules: OrgRules, channels: dict[str, ChannelPoster]) -> None:
        self.table = MemoryStoryTable()
        self.stories = MemoryStoryStore()
        self.queues = MemoryQueues()
        self.service = PublishService(
            table=self.table,
            stories=self.stories,
            queues=self.queues,
            channel=channels.__getitem__,
            blog=NoBlog,
            counters=MemoryCounters(),
            rules=lambda: rules,
            clock=lambda: NOW,
        )
        version = Version("s-1", 1, "Skate park", TEXT, "alex.doe@example.gov.uk", "email", NOW)
        self.stories.put_version(version)
        record = StoryRecord(
            "s-1", State.APPROVED, 1, version.content_hash, "alex.doe@example.gov.uk", "Alex", "Skate park",
            "email", "raw/email/1", NOW, NOW, authenticated=True,
        )  # fmt: skip
        self.table.create(record, AuditEvent("s-1", NOW, "comms", "approved", None, State.APPROVED, 1, "h"))

    def publish(self) -> Any:
        try:
            return self.service.publish(StoryRef("s-1", 1))
        except Retryable as e:
            return e

    @property
    def state(self) -> State:
        record = self.table.get("s-1")
        assert record is not None
        return record.state


@pytest.fixture
def fake_x() -> Iterator[FakeX]:
    with FakeX.for_credentials(X_CREDS) as fake:
        yield fake


def x_world(fake_x: FakeX, timeout_s: float = 2) -> World:
    x = TweepyX.from_credentials(X_CREDS, api_base_url=fake_x.base_url, timeout_s=timeout_s)
    return World(parse_rules("channels: {blog: {enabled: false}}"), {"x": x})


def live(fake_x: FakeX) -> list[dict[str, Any]]:
    return [p for p in fake_x.posts() if not p["deleted"]]


def test_x_rate_limit_defers_until_the_reset_then_posts_once(fake_x: FakeX) -> None:
    world = x_world(fake_x)
    reset = int(time.time()) + 120
    fake_x.fail_next(429, headers={"x-rate-limit-reset": str(reset), "x-rate-limit-remaining": "0"})
    outcome = world.publish()
    assert isinstance(outcome, RetryLater) and 100 <= outcome.delay_s <= 121
    assert world.state is State.PUBLISHING and live(fake_x) == []
    assert world.publish() is State.PUBLISHED
    assert [p["text"] for p in live(fake_x)] == [TEXT]


def test_x_unavailable_is_retried_until_it_recovers(fake_x: FakeX) -> None:
    world = x_world(fake_x)
    fake_x.fail_next(503, count=2)
    assert isinstance(world.publish(), Retryable)
    assert isinstance(world.publish(), Retryable)
    assert world.state is State.PUBLISHING
    assert world.publish() is State.PUBLISHED
    assert len(live(fake_x)) == 1


def test_x_accepting_a_post_but_answering_too_late_is_reconciled_not_reposted(fake_x: FakeX) -> None:
    world = x_world(fake_x, timeout_s=0.3)
    fake_x.delay_next(1.0, after_accept=True)
    outcome = world.publish()
    assert isinstance(outcome, RetryLater)
    assert len(live(fake_x)) == 1  # X has it; we did not hear back
    assert world.publish() is State.PUBLISHED
    assert len(live(fake_x)) == 1
    record = world.table.get("s-1")
    assert record is not None and [p.post_id for p in record.posts] == [live(fake_x)[0]["id"]]


def test_x_refusing_duplicate_content_is_a_clear_failure_not_a_retry(fake_x: FakeX) -> None:
    world = x_world(fake_x)
    x = TweepyX.from_credentials(X_CREDS, api_base_url=fake_x.base_url)
    x.post(TEXT)  # someone posted the same words by hand earlier
    assert world.publish() is State.PUBLISH_FAILED
    record = world.table.get("s-1")
    assert record is not None and "duplicate content" in record.reason
    assert len(live(fake_x)) == 1


def test_wordpress_down_is_retried_and_publishes_once_it_is_back() -> None:
    with FakeWordPress("realstories", "abcd efgh ijkl mnop") as fake:
        wp = WordPressChannel.from_credentials(
            WordPressCredentials(fake.base_url, "realstories", "abcd efgh ijkl mnop"), timeout_s=2
        )
        rules = parse_rules("channels: {x: {enabled: false}, blog: {enabled: true, target: wordpress}}")
        world = World(rules, {"wordpress": wp})
        fake.down()
        assert isinstance(world.publish(), Retryable)
        assert world.state is State.PUBLISHING and fake.posts() == []
        fake.up()
        assert world.publish() is State.PUBLISHED
        assert len(fake.posts()) == 1


def test_bluesky_session_expiry_is_recovered_without_a_duplicate() -> None:
    with FakeBluesky("realstories.bsky.social", "app-pass-word-1234") as fake:
        creds = BlueskyCredentials(fake.base_url, "realstories.bsky.social", "app-pass-word-1234")
        bsky = BlueskyChannel.from_credentials(creds, timeout_s=2)
        rules = parse_rules(
            "channels: {x: {enabled: false}, bluesky: {enabled: true}, blog: {enabled: false}}"
        )
        world = World(rules, {"bluesky": bsky})
        bsky.post("warming up the session")  # logged in; then the server forgets every token
        fake.expire_access_tokens()
        assert world.publish() is State.PUBLISHED
        posts = [p for p in fake.posts() if p["text"] == TEXT]
        assert len(posts) == 1


def test_mastodon_accepting_a_status_but_answering_too_late_is_recovered_by_its_idempotency_key() -> None:
    with FakeMastodon("mastodon-token-1234") as fake:
        mastodon = MastodonChannel.from_credentials(
            MastodonCredentials(fake.base_url, "mastodon-token-1234"), timeout_s=0.3
        )
        rules = parse_rules(
            "channels: {x: {enabled: false}, mastodon: {enabled: true}, blog: {enabled: false}}"
        )
        world = World(rules, {"mastodon": mastodon})
        fake.delay_next(1.0, after_accept=True, path="/api/v1/statuses")
        assert isinstance(world.publish(), RetryLater)
        assert len(fake.statuses()) == 1  # Mastodon has it; we did not hear back
        assert world.publish() is State.PUBLISHED
        assert len(fake.statuses()) == 1
        record = world.table.get("s-1")
        assert record is not None and [p.post_id for p in record.posts] == [str(fake.statuses()[0]["id"])]
