"""The pipeline's real handlers wired to in-memory adapters, with a driver that plays S3 and SQS.

The driver turns writes into S3 notifications and queue sends into Lambda SQS events (shaped from
``tests/events``), invokes the very handlers that Lambda runs, and remembers every event so a test can
deliver any of them again.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
from chalice.test import Client

import app as chalice_app
from chalicelib.adapters.ports import OutgoingEmail, PostResult
from chalicelib.bootstrap import Container, set_container
from chalicelib.config import Settings
from chalicelib.definition import QUEUES
from chalicelib.domain.errors import UnknownOutcome
from chalicelib.domain.story import MediaItem, Version
from chalicelib.inspect.decode import Unreadable, decode
from chalicelib.inspect.model import Observations
from chalicelib.policy.rules import OrgRules, load_rules_file
from local.memory import (
    MemoryCounters,
    MemoryMailer,
    MemoryQueues,
    MemoryRawStore,
    MemorySecrets,
    MemoryStoryStore,
    MemoryStoryTable,
)

EVENTS = Path(__file__).resolve().parents[1] / "events"
RULES = Path(__file__).resolve().parents[2] / "local" / "rules.yaml"
BASE_URL = "https://stories.example.gov.uk"
SES_AUTH = (
    "Authentication-Results: amazonses.com;\r\n spf=pass (spfCheck: domain of example.gov.uk designates"
    " 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from=alex.doe@example.gov.uk;"
    " helo=mail.example.gov.uk;\r\n dkim=pass header.i=@example.gov.uk;\r\n"
    " dmarc=pass header.from=example.gov.uk;\r\n"
)
HANDLERS = {q.key: q.handler for q in QUEUES}


def event_fixture(name: str) -> Any:
    return json.loads((EVENTS / name).read_text())


class RecordingChannel:
    """A ChannelPoster that records posts. ``fail_with`` makes the next post raise; ``crash_on_part``
    raises before posting that many-th post (a process killed mid-thread); ``lose_answer`` posts and
    then raises UnknownOutcome (a timeout after the channel accepted the post)."""

    def __init__(self, name: str = "x") -> None:
        self.name = name
        self.posts: list[dict[str, Any]] = []
        self.fail_with: Exception | None = None
        self.crash_on_post: int | None = None
        self.lose_answer = False
        self.calls = 0
        self.keys: dict[str, str] = {}

    def post(
        self,
        text: str,
        *,
        reply_to: str | None = None,
        media: Sequence[MediaItem] = (),
        idempotency_key: str | None = None,
    ) -> PostResult:
        """As the channel would; a repeated ``idempotency_key`` gets the post it already made (Mastodon)."""
        if idempotency_key is not None and idempotency_key in self.keys:
            made = self.keys[idempotency_key]
            return PostResult(made, f"https://{self.name}.example/{made}")
        self.calls += 1
        if self.fail_with is not None:
            e, self.fail_with = self.fail_with, None
            raise e
        if self.crash_on_post is not None and len(self.posts) + 1 == self.crash_on_post:
            self.crash_on_post = None
            raise RuntimeError("the process was killed")
        post_id = f"{self.name}-{1000 + len(self.posts)}"
        self.posts.append({"id": post_id, "text": text, "reply_to": reply_to, "alts": [m.alt for m in media]})
        if idempotency_key is not None:
            self.keys[idempotency_key] = post_id
        if self.lose_answer:
            self.lose_answer = False
            raise UnknownOutcome("no answer after sending")
        return PostResult(post_id, f"https://{self.name}.example/{post_id}")

    def find_recent(self, text: str) -> PostResult | None:
        for p in reversed(self.posts):
            if p["text"] == text and not p.get("deleted"):
                return PostResult(p["id"], f"https://{self.name}.example/{p['id']}")
        return None

    def delete(self, post_id: str) -> None:
        for p in self.posts:
            if p["id"] == post_id:
                p["deleted"] = True

    def live(self) -> list[dict[str, Any]]:
        return [p for p in self.posts if not p.get("deleted")]


RecordingX = RecordingChannel


class RecordingBlog:
    def __init__(self) -> None:
        self.pages: list[Version] = []

    def publish(self, version: Version, *, published_at: datetime, media: Mapping[str, bytes]) -> PostResult:
        self.pages.append(version)
        self.media = dict(media)
        return PostResult(version.story_id, f"{BASE_URL}/blog/stories/{version.story_id}/")

    def unpublish(self, story_id: str) -> None:
        self.pages = [v for v in self.pages if v.story_id != story_id]


class SeeingInspector:
    """An Inspector that sees what a test says every readable photo shows (``sees``: faces and text in
    the original's pixels), at the photo's real size; unreadable photos are refused by the real decoder.
    The detectors' own models are measured in tests/unit/photo_inspect and tests/integration."""

    def __init__(self) -> None:
        self.sees = Observations()
        self.calls = 0

    def inspect(self, data: bytes) -> Observations:
        self.calls += 1
        try:
            decoded = decode(data)
        except Unreadable as e:
            return Observations(unreadable=str(e))
        return replace(self.sees, width=decoded.width, height=decoded.height)


@dataclass
class Delivery:
    queue: str
    event: dict[str, Any]
    response: dict[str, Any]


@dataclass
class Pipeline:
    raw: MemoryRawStore = field(default_factory=MemoryRawStore)
    stories: MemoryStoryStore = field(default_factory=MemoryStoryStore)
    table: MemoryStoryTable = field(default_factory=MemoryStoryTable)
    mailer: MemoryMailer = field(default_factory=MemoryMailer)
    counters: MemoryCounters = field(default_factory=MemoryCounters)
    queues: MemoryQueues = field(
        default_factory=lambda: MemoryQueues(known=[q.key for q in QUEUES] + [f"{q.key}-dlq" for q in QUEUES])
    )
    x: RecordingChannel = field(default_factory=lambda: RecordingChannel("x"))
    mastodon: RecordingChannel = field(default_factory=lambda: RecordingChannel("mastodon"))
    bluesky: RecordingChannel = field(default_factory=lambda: RecordingChannel("bluesky"))
    blog: RecordingBlog = field(default_factory=RecordingBlog)
    inspector: SeeingInspector = field(default_factory=SeeingInspector)
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    rules: OrgRules = field(default_factory=lambda: load_rules_file(RULES))
    deliveries: list[Delivery] = field(default_factory=list)
    _seen_story_keys: set[str] = field(default_factory=set)
    _pending_s3: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        settings = Settings.from_env(
            {
                "RESOURCE_PREFIX": "rs-test",
                "PUBLIC_BASE_URL": BASE_URL,
                "TRUSTED_AUTHSERV_IDS": "amazonses.com",
            }
        )
        keys = json.dumps({"current": "k1", "keys": {"k1": "k" * 40}})
        self.container = Container(
            settings,
            clock=lambda: self.now,
            raw=self.raw,
            stories=self.stories,
            table=self.table,
            mailer=self.mailer,
            counters=self.counters,
            secrets=MemorySecrets({settings.link_key_secret: keys}),
            queues=self.queues,
            x=self.x,
            mastodon=self.mastodon,
            bluesky=self.bluesky,
            blog=self.blog,
            inspector=self.inspector,
            rules=lambda: self.rules,
        )

    # --- input ---------------------------------------------------------------------------------
    def email(
        self,
        subject: str,
        body: str,
        *,
        sender: str = "alex.doe@example.gov.uk",
        authenticated: bool = True,
        msg: EmailMessage | None = None,
    ) -> str:
        if msg is None:
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = sender, "stories@example.gov.uk", subject
            msg.set_content(body)
        return self.raw_email(msg.as_bytes(), authenticated=authenticated)

    def raw_email(self, raw: bytes, *, authenticated: bool = True) -> str:
        key = f"raw/email/{uuid.uuid4().hex}"
        self.raw.put_raw(key, (SES_AUTH.encode() if authenticated else b"") + raw, "message/rfc822")
        self._pending_s3.append(("intake", "rs-test-intake", key))
        return key

    # --- the driver ----------------------------------------------------------------------------
    def _s3_body(self, bucket: str, key: str) -> str:
        event = event_fixture("s3_object_created.json")
        event["Records"][0]["s3"]["bucket"]["name"] = bucket
        event["Records"][0]["s3"]["object"]["key"] = quote_plus(key)
        return json.dumps(event)

    def _sqs_event(self, queue: str, bodies: list[str]) -> dict[str, Any]:
        template = event_fixture("sqs_record.json")
        records = []
        for body in bodies:
            r = copy.deepcopy(template)
            r["messageId"] = str(uuid.uuid4())
            r["body"] = body
            r["eventSourceARN"] = f"arn:aws:sqs:eu-west-2:123456789012:rs-test-{queue}"
            records.append(r)
        return {"Records": records}

    def deliver(self, queue: str, event: dict[str, Any]) -> dict[str, Any]:
        handler = getattr(chalice_app, HANDLERS[queue])
        response = dict(handler(event, None))
        self.deliveries.append(Delivery(queue, event, response))
        return response

    def run(self, max_rounds: int = 50) -> None:
        """Deliver until nothing is left to deliver (failed records are not retried here)."""
        for _ in range(max_rounds):
            for key in sorted(self.stories.objects):
                if key.endswith("/story.json") and key not in self._seen_story_keys:
                    self._seen_story_keys.add(key)
                    self._pending_s3.append(("checks", "rs-test-stories", key))
            batches: dict[str, list[str]] = {}
            for queue, bucket, key in self._pending_s3:
                batches.setdefault(queue, []).append(self._s3_body(bucket, key))
            self._pending_s3.clear()
            for q in QUEUES:
                batches.setdefault(q.key, []).extend(json.dumps(b) for b in self.queues.drain(q.key))
            if not any(batches.values()):
                return
            for queue, bodies in batches.items():
                if bodies:
                    self.deliver(queue, self._sqs_event(queue, bodies))
        raise AssertionError("the pipeline did not settle")

    def tick(self) -> dict[str, Any]:
        """The scheduled handler, as EventBridge invokes it, then whatever it queued."""
        result = dict(chalice_app.on_schedule(event_fixture("scheduled_event.json"), None))
        self.run()
        return result

    def redeliver_everything(self) -> None:
        for d in list(self.deliveries):
            self.deliver(d.queue, d.event)
        self.run()

    # --- looking -------------------------------------------------------------------------------
    def notices_delivered(self) -> list[str]:
        """The kind of every notice the notify handler was given, in order (redeliveries included)."""
        return [
            json.loads(r["body"])["kind"]
            for d in self.deliveries
            if d.queue == "notify"
            for r in d.event["Records"]
        ]

    def mail_to(self, to: str) -> list[OutgoingEmail]:
        return [m for m in self.mailer.sent if to in m.to]

    def only_story(self) -> Any:
        records = self.table.list()
        assert len(records) == 1, records
        return records[0]

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def pipeline() -> Iterator[Pipeline]:
    p = Pipeline()
    set_container(p.container)
    yield p
    set_container(None)


@pytest.fixture
def client() -> Iterator[Client]:
    with Client(chalice_app.app) as c:
        yield c


def path_of(url: str) -> str:
    assert url.startswith(BASE_URL), url
    return url[len(BASE_URL) :]


def links_in(mail: OutgoingEmail) -> list[str]:
    import re

    return re.findall(r"https?://[^\s<>\"')]+", mail.text)
