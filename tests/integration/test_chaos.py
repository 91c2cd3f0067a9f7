"""Everything failing at once, on the real wiring: moto's server, the queue pumps, the real handlers, the
real adapters and the fake X. Only the failures are made up.

Each part of the pipeline is tested against its own faults elsewhere; this test is for what only shows
when they overlap: a pump killed half way through a batch (its messages come back after the visibility
timeout, some already handled), services raising before or after doing their work, AWS throttling any
call, and X down for a while. Afterwards every story must have come to rest in a terminal or waiting
state, every raw submission must have a story, and nothing may have been posted to X twice.

The faults come from one seeded random generator, and the numbers are small, so the test is quick.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

import app as chalice_app
from chalicelib.adapters.dynamodb import DynamoStoryTable
from chalicelib.adapters.ports import StoryStore
from chalicelib.adapters.s3 import S3StoryStore
from chalicelib.adapters.x import XCredentials
from chalicelib.bootstrap import Container, set_container
from chalicelib.config import Settings
from chalicelib.definition import QUEUES
from chalicelib.domain.errors import PublishError
from chalicelib.domain.links import form_token
from chalicelib.domain.states import TERMINAL, WAITING, State
from chalicelib.services.ingest import story_id_for
from local.aws_resources import AwsClients, CreatedResources
from local.fakes.x import FakeX
from local.pump import QueuePump
from tests.app.conftest import Pipeline

SENDER_DOMAIN = "example.gov.uk"

pytestmark = pytest.mark.integration
# Small in `make test`; `make bench` runs it again at full size (CHAOS_STORIES, CHAOS_SECONDS).
SEED = int(os.environ.get("CHAOS_SEED", "7"))
SCHEDULED_EVENT = json.loads((Path(__file__).parents[1] / "events" / "scheduled_event.json").read_text())
STORIES = int(os.environ.get("CHAOS_STORIES", "12"))
# The most it may take: the loop ends as soon as every story has settled (about 15 s on an idle machine),
# so a generous ceiling costs nothing and keeps a busy, shared machine from failing it on time alone.
SETTLE_S = float(os.environ.get("CHAOS_SECONDS", "150"))
SES_AUTH = (
    "Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=example.gov.uk;"
    " dkim=pass header.i=@example.gov.uk; dmarc=pass header.from=example.gov.uk\r\n"
)
RULES = """
organisation: {name: Example Borough Council, staff_domains: [example.gov.uk],
               submission_address: stories@example.gov.uk, sender_address: stories@example.gov.uk}
approval: {steps: [{name: comms, approvers: [comms@example.gov.uk], mode: any}]}
channels:
  x: {enabled: true, threads: true}
  mastodon: {enabled: false}
  bluesky: {enabled: false}
  blog: {enabled: true, target: static}
# Every chaos story comes from one sender: the hourly limit would refuse most of them.
limits: {email_per_sender_per_hour: 100000}
"""
SENTENCES = [
    "The street cleansing crew cleared the market square after the fair.",
    "Every stall pitch was swept and the fountain ran clean again by seven.",
    "We collected forty bags of litter and two trolleys of cardboard for recycling.",
    "The team moved on to the bus station, where the night shift had left a note about broken glass.",
    "By nine the square was ready for shoppers, and the traders thanked the crew.",
    "Thank you to everyone who helps keep our town centre clean.",
]
X_CREDS = XCredentials(
    secrets.token_hex(12),
    secrets.token_hex(24),
    f"{secrets.randbelow(10**12)}-{secrets.token_hex(12)}",
    secrets.token_hex(24),
)


class Killed(BaseException):
    """The process running a handler died: nothing after this point runs, not even the pump's cleanup."""


class Chaos:
    """Seeded faults: services raising before or after their work, and AWS throttling any call."""

    def __init__(self, seed: int, *, service_fault: float, throttle: float, kill: float) -> None:
        self.rng = random.Random(seed)
        self.service_fault = service_fault
        self.throttle_rate = throttle
        self.kill_rate = kill
        self.counts: Counter[str] = Counter()
        self.enabled = True

    def faulty(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if self.enabled and self.rng.random() < self.service_fault:
                self.counts[f"{name} raised before"] += 1
                raise RuntimeError(f"chaos: {name} failed before doing anything")
            result = fn(*args, **kwargs)
            if self.enabled and self.rng.random() < self.service_fault:
                self.counts[f"{name} raised after"] += 1
                raise RuntimeError(f"chaos: {name} failed after doing its work")
            return result

        return wrapper

    def throttle(self, model: Any, **_: Any) -> None:
        if self.enabled and self.rng.random() < self.throttle_rate:
            self.counts[f"throttled {model.name}"] += 1
            raise ClientError(
                {"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}, model.name
            )

    def killable(self, handler: Callable[[dict[str, Any], Any], Any]) -> Callable[[dict[str, Any], Any], Any]:
        def run(event: dict[str, Any], context: Any) -> Any:
            if self.enabled and self.rng.random() < self.kill_rate:
                handled = self.rng.randrange(len(event["Records"]) + 1)
                self.counts["pump killed mid-batch"] += 1
                if handled:
                    handler({"Records": event["Records"][:handled]}, context)
                raise Killed
            return handler(event, context)

        return run


@pytest.fixture
def secret_values() -> dict[str, str]:
    return {
        "link-signing-key": json.dumps({"current": "k1", "keys": {"k1": secrets.token_urlsafe(48)}}),
        "x-credentials": json.dumps(
            {
                "consumer_key": X_CREDS.consumer_key,
                "consumer_secret": X_CREDS.consumer_secret,
                "access_token": X_CREDS.access_token,
                "access_token_secret": X_CREDS.access_token_secret,
            }
        ),
    }


@pytest.fixture
def fake_x() -> Iterator[FakeX]:
    with FakeX.for_credentials(X_CREDS) as fake:
        yield fake


class Clock:
    """Real time plus an offset the test moves, so the schedule's "stuck for ten minutes" can pass."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.fixture
def chaos(
    aws_clients: AwsClients,
    created: CreatedResources,
    fake_x: FakeX,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Chaos, Container, Clock]]:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    settings = Settings.from_env(
        {
            "RESOURCE_PREFIX": created.resources.prefix,
            "RULES_SOURCE": f"file:{rules}",
            "AWS_REGION": "eu-west-2",
            "TRUSTED_AUTHSERV_IDS": "amazonses.com",
            "X_API_BASE_URL": fake_x.base_url,
            "PUBLIC_BASE_URL": "https://stories.example.gov.uk",
            # The queues here time out in seconds, so a crashed publish may be taken over sooner.
            "PUBLISH_CLAIM_STALE_S": "3",
        }
    )
    c = Chaos(SEED, service_fault=0.08, throttle=0.02, kill=0.08)
    make_client = Container._client

    def throttled(self: Container, service: str) -> Any:
        client = make_client(self, service)
        client.meta.events.register("before-call", c.throttle)
        return client

    monkeypatch.setattr(Container, "_client", throttled)
    clock = Clock()
    container = Container(settings, clock=clock)
    for attr, method in (
        ("ingest", "ingest"),
        ("checks", "check"),
        ("notify", "handle"),
        ("publish", "publish"),
    ):
        service = getattr(container, attr)
        setattr(service, method, c.faulty(attr, getattr(service, method)))
    set_container(container)
    for q in created.queues.values():  # a killed pump's messages come back after this
        aws_clients.sqs.set_queue_attributes(QueueUrl=q.url, Attributes={"VisibilityTimeout": "2"})
    yield c, container, clock
    set_container(None)


def email(n: int) -> bytes:
    words = (
        " ".join(f"({n}.{i})" + s for i, s in enumerate(SENTENCES))
        if n % 4 == 0
        else f"({n}) {SENTENCES[n % 6]}"
    )
    if n % 7 == 3:
        words = f"({n}) We met a resident, NHS number 943 476 5919, at the depot."
    auth = "" if n % 9 == 5 else SES_AUTH
    return (
        f"{auth}From: alex.doe@{SENDER_DOMAIN}\r\nTo: stories@{SENDER_DOMAIN}\r\nSubject: Story {n}\r\n"
        f"Message-ID: <chaos-{n}@{SENDER_DOMAIN}>\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"\r\n{words}\r\n"
    ).encode()


def queue_depth(aws_clients: AwsClients, url: str) -> int:
    attrs = aws_clients.sqs.get_queue_attributes(
        QueueUrl=url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                        "ApproximateNumberOfMessagesDelayed"],
    )["Attributes"]  # fmt: skip
    return sum(int(v) for v in attrs.values())


def test_killed_pumps_failing_services_throttling_and_an_x_outage_lose_nothing_and_post_nothing_twice(
    aws_clients: AwsClients, created: CreatedResources, fake_x: FakeX, chaos: tuple[Chaos, Container, Clock]
) -> None:
    c, container, clock = chaos
    res = created.resources
    # The test looks through clients of its own, which the chaos does not touch.
    table = DynamoStoryTable(aws_clients.dynamodb, res.table)
    stories = S3StoryStore(aws_clients.s3, res.stories_bucket)
    pumps = [
        QueuePump(
            aws_clients.sqs,
            name=q.key,
            queue_url=created.queues[q.key].url,
            queue_arn=created.queues[q.key].arn,
            handler=c.killable(getattr(chalice_app, q.handler)),
            batch_size=1 if q.key == "publish" else 10,
            retry_delay_s=1,
        )
        for q in QUEUES
    ]
    raw_keys = [f"raw/email/chaos-{n}" for n in range(STORIES)]
    for n, key in enumerate(raw_keys):
        aws_clients.s3.put_object(Bucket=res.intake_bucket, Key=key, Body=email(n))

    approved: set[str] = set()
    started = time.monotonic()
    x_outage = (started + 1.0, started + 3.0)
    ticks = rounds = 0
    while time.monotonic() - started < SETTLE_S:
        rounds += 1
        now = time.monotonic()
        if x_outage[0] <= now < x_outage[1]:
            fake_x.down()
        else:
            fake_x.up()
        handled = 0
        for pump in pumps:
            try:
                handled += pump.poll_once(wait_s=0)
            except Killed:
                handled += 1
        if handled and rounds % 4:
            continue  # approvers look at their email now and then, not after every delivery
        listed = table.list()
        waiting = [r for r in listed if r.state is State.PENDING_APPROVAL and r.story_id not in approved]
        for record in waiting:
            try:
                approve(container, stories, record.story_id, record.version)
                approved.add(record.story_id)
            except Exception:  # throttled mid-decision: the approver clicks again later
                continue
        if handled or waiting or now < x_outage[1]:
            continue
        busy = sum(queue_depth(aws_clients, q.url) for q in created.queues.values())
        if busy:
            time.sleep(0.2)  # retries and killed batches come back after their timeouts
            continue
        if len(listed) == STORIES and all(r.state in TERMINAL | WAITING for r in listed):
            break
        # Nothing left to deliver, yet a story is between stages (its message failed until it was
        # parked): the schedule's nudge, an hour on.
        clock.offset += timedelta(minutes=61)
        ticks += 1
        with suppress(Exception):  # a failed sweep is simply run again by the next tick
            chalice_app.on_schedule(SCHEDULED_EVENT, None)
    c.enabled = False
    fake_x.up()

    records = {r.story_id: r for r in table.list()}
    assert sum(c.counts.values()) > 10, c.counts  # the chaos really happened
    for key in raw_keys:
        assert story_id_for(key) in records, f"{key} became no story (faults: {dict(c.counts)})"
    unsettled = {sid: r.state for sid, r in records.items() if r.state not in TERMINAL | WAITING}
    assert unsettled == {}, (trails(table, unsettled), dlqs(aws_clients, created), dict(c.counts), ticks)
    texts = Counter(p["text"] for p in fake_x.posts())
    assert [t for t, n in texts.items() if n > 1] == [], dict(c.counts)
    for sid in approved:
        on_x = [p for p in records[sid].posts if p.channel == "x"]
        assert len({p.part for p in on_x}) == len(on_x)
    # Every fault was transient, so every approved story is out, with each part of its thread once.
    not_out = {
        sid: (records[sid].state, records[sid].reason)
        for sid in approved
        if records[sid].state is not State.PUBLISHED
    }
    assert not_out == {}, (not_out, trails(table, not_out), dict(c.counts))
    assert approved


def trails(table: DynamoStoryTable, story_ids: Iterable[str]) -> dict[str, list[str]]:
    return {
        sid: [f"{e.action}: {e.from_state} -> {e.to_state}" for e in table.audit(sid)] for sid in story_ids
    }


def dlqs(aws_clients: AwsClients, created: CreatedResources) -> dict[str, int]:
    return {k: queue_depth(aws_clients, q.dlq_url) for k, q in created.queues.items()}


def approve(container: Container, stories: StoryStore, story_id: str, version: int) -> None:
    """What the approver's click does: a link for this version, the page's form token, the POST."""
    v = stories.get_version(story_id, version)
    link, _ = container.links.issue(
        "approve", v, actor="comms@example.gov.uk", step=0, ttl=timedelta(hours=1)
    )
    token = link.rsplit("/", 1)[-1]
    container.decide.decide(
        token,
        "approve",
        decision="approve",
        reason="",
        csrf=form_token(token, container.links.keys),
    )


# --- what the chaos found, pinned down one fault at a time (memory adapters, no server) ------------------


class FailingOnce:
    """Wraps a method so that its ``n``-th call raises, as a throttled AWS call would."""

    def __init__(self, fn: Callable[..., Any], n: int = 1) -> None:
        self.fn, self.n, self.calls = fn, n, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls == self.n:
            raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}, "op")
        return self.fn(*args, **kwargs)


def approved_story(pipeline: Pipeline) -> str:
    pipeline.email("Bins", "Bin collections move to Tuesday in the north of the borough.")
    pipeline.run()
    return str(pipeline.only_story().story_id)


def test_a_throttled_write_in_the_middle_of_an_approval_leaves_the_story_decidable() -> None:
    with pipeline_driver() as p:
        sid = approved_story(p)
        record = p.table.get(sid)
        assert record is not None and record.state is State.PENDING_APPROVAL
        decide = p.container.decide
        transition = FailingOnce(p.table.transition)
        p.table.transition = transition  # type: ignore[method-assign]
        with pytest.raises(ClientError):
            approve(p.container, p.stories, sid, record.version)
        assert decide is p.container.decide
        approve(p.container, p.stories, sid, record.version)
        p.run()
        after = p.table.get(sid)
        assert after is not None and after.state is State.PUBLISHED
        assert len(p.x.posts) == 1


def test_a_click_that_died_and_could_not_clean_up_does_not_leave_the_story_undecidable() -> None:
    with pipeline_driver() as p:
        sid = approved_story(p)
        record = p.table.get(sid)
        assert record is not None and record.state is State.PENDING_APPROVAL
        p.table.transition = FailingOnce(p.table.transition)  # type: ignore[method-assign]
        p.table.release = FailingOnce(p.table.release)  # type: ignore[method-assign]
        with pytest.raises(ClientError):
            approve(p.container, p.stories, sid, record.version)
        p.advance(minutes=3)  # the approver tries again a little later
        approve(p.container, p.stories, sid, record.version)
        p.run()
        after = p.table.get(sid)
        assert after is not None and after.state is State.PUBLISHED
        assert len(p.x.posts) == 1


def test_a_blog_write_that_died_holding_its_claim_is_written_again_not_parked() -> None:
    with pipeline_driver() as p:
        sid = approved_story(p)
        record = p.table.get(sid)
        assert record is not None
        p.container.blog = CrashingBlog(p.blog)  # type: ignore[assignment]
        approve(p.container, p.stories, sid, record.version)
        p.run()  # the first write crashes with the blog's claim held
        assert p.table.get(sid).state is State.PUBLISHING  # type: ignore[union-attr]
        p.advance(seconds=181)  # SQS delivers it again after the visibility timeout
        p.redeliver_everything()
        after = p.table.get(sid)
        assert after is not None and after.state is State.PUBLISHED, after.reason
        assert len(p.blog.pages) == 1 and len(p.x.posts) == 1


def test_a_story_whose_publish_message_was_parked_is_sent_again_by_the_schedule() -> None:
    with pipeline_driver() as p:
        sid = approved_story(p)
        record = p.table.get(sid)
        assert record is not None
        p.x.fail_with = PublishError("x", "Service Unavailable", retryable=True)
        approve(p.container, p.stories, sid, record.version)
        p.run()  # X was down for every receive: the message went to the DLQ
        assert p.table.get(sid).state is State.PUBLISHING  # type: ignore[union-attr]
        p.advance(minutes=30)
        p.tick()
        assert p.table.get(sid).state is State.PUBLISHING  # type: ignore[union-attr]
        p.advance(minutes=31)
        p.tick()
        after = p.table.get(sid)
        assert after is not None and after.state is State.PUBLISHED
        assert len(p.x.posts) == 1


class CrashingBlog:
    def __init__(self, inner: Any) -> None:
        self.inner, self.crashed = inner, False

    def publish(self, version: Any, **kwargs: Any) -> Any:
        if not self.crashed:
            self.crashed = True
            raise RuntimeError("the function timed out while writing the pages")
        return self.inner.publish(version, **kwargs)

    def unpublish(self, story_id: str) -> None:
        self.inner.unpublish(story_id)


@contextmanager
def pipeline_driver() -> Iterator[Pipeline]:
    p = Pipeline()
    set_container(p.container)
    try:
        yield p
    finally:
        set_container(None)
