"""One contract for each port, run against the in-memory fake and the boto3 adapter on moto's server.

If the fake and the adapter ever disagree, a unit test built on the fake would pass while the
deployed code fails; this suite is what stops that. Each test receives a ``Backend`` holding every
port plus the two things only a test needs: reading sent mail back and reading a queue.
"""

from __future__ import annotations

import email
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from secrets import token_hex
from typing import Any

import pytest
from botocore.stub import Stubber

from chalicelib.adapters.dynamodb import DynamoStoryTable
from chalicelib.adapters.ports import Mailer, OutgoingEmail, Queues, RawStore, Secrets, StoryStore, StoryTable
from chalicelib.adapters.s3 import S3RawStore, S3StoryStore
from chalicelib.adapters.secrets import ParameterStoreSecrets
from chalicelib.adapters.ses import SesMailer, build_mime
from chalicelib.adapters.sqs import SqsQueues
from chalicelib.definition import QUEUES, Resources
from chalicelib.domain.errors import ConfigError, ConflictError, InvalidTransition, NotFound, Retryable
from chalicelib.domain.findings import Finding, Inspection, PhotoCheck, Severity, Verdict
from chalicelib.domain.states import State
from chalicelib.domain.story import AuditEvent, Image, Post, StoryRecord, Version
from local.aws_resources import AwsClients, CreatedResources
from local.memory import (
    MemoryMailer,
    MemoryQueues,
    MemoryRawStore,
    MemorySecrets,
    MemoryStoryStore,
    MemoryStoryTable,
)

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SENDER = "stories@example.gov.uk"
SENDER_NAME = "Real Stories"


@dataclass(frozen=True)
class ReadMail:
    """A sent email as a recipient would read it."""

    to: tuple[str, ...]
    sender: str
    subject: str
    text: str
    html: str | None
    reply_to: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Backend:
    name: str
    res: Resources
    raw: RawStore
    stories: StoryStore
    table: StoryTable
    mailer: Mailer
    secrets: Secrets
    queues: Queues
    read_mail: Callable[[str], ReadMail]
    received: Callable[[str], list[dict[str, Any]]]  # bodies waiting on a queue, by queue key


def _split(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split(",") if a.strip())


def _parse_raw(raw: str, headers_wanted: set[str]) -> ReadMail:
    msg = email.message_from_string(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    assert text_part is not None
    return ReadMail(
        to=_split(str(msg["To"])),
        sender=str(msg["From"]),
        subject=str(msg["Subject"]),
        text=text_part.get_content().replace("\r\n", "\n"),
        html=html_part.get_content().replace("\r\n", "\n") if html_part is not None else None,
        reply_to=_split(str(msg.get("Reply-To", ""))),
        headers={k: str(msg[k]) for k in headers_wanted if k in msg},
    )


def _memory_backend() -> Backend:
    mailer = MemoryMailer()
    queues = MemoryQueues()
    res = Resources("memory")

    def read_mail(message_id: str) -> ReadMail:
        # Read back as SES would send it: the same MIME, so headers are compared as clients see them.
        raw = build_mime(mailer.by_id(message_id)).as_string()
        return _parse_raw(raw, {"X-Real-Stories-Id", "Auto-Submitted"})

    return Backend(
        name="memory",
        res=res,
        raw=MemoryRawStore(),
        stories=MemoryStoryStore(),
        table=MemoryStoryTable(),
        mailer=mailer,
        secrets=MemorySecrets({res.secret("link-signing-key"): token_hex(16)}),
        queues=queues,
        read_mail=read_mail,
        received=queues.drain,
    )


def _moto_backend(
    clients: AwsClients, created: CreatedResources, moto_data: Callable[[], dict[str, Any]]
) -> Backend:
    res = created.resources

    def read_mail(message_id: str) -> ReadMail:
        sent = [m for m in moto_data()["ses"]["RawMessage"] if m["id"] == message_id]
        assert len(sent) == 1, f"{message_id} not among moto's sent raw messages"
        return _parse_raw(sent[0]["raw_data"], {"X-Real-Stories-Id", "Auto-Submitted"})

    def received(queue: str) -> list[dict[str, Any]]:
        url = created.queues[queue].url
        bodies: list[dict[str, Any]] = []
        while True:
            got = clients.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
            messages = got.get("Messages", [])
            if not messages:
                return bodies
            for m in messages:
                body = json.loads(m["Body"])
                # The hello S3 sends when notifications are wired is not a message anyone sent.
                if body.get("Event") != "s3:TestEvent":
                    bodies.append(body)
                clients.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

    return Backend(
        name="moto",
        res=res,
        raw=S3RawStore(clients.s3, res.intake_bucket),
        stories=S3StoryStore(clients.s3, res.stories_bucket),
        table=DynamoStoryTable(clients.dynamodb, res.table),
        mailer=SesMailer(clients.sesv2),
        secrets=ParameterStoreSecrets(clients.ssm),
        queues=SqsQueues(clients.sqs, {q.key: res.queue(q.key) for q in QUEUES}),
        read_mail=read_mail,
        received=received,
    )


@pytest.fixture(params=["memory", "moto"])
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "memory":
        return _memory_backend()
    return _moto_backend(
        request.getfixturevalue("aws_clients"),
        request.getfixturevalue("created"),
        request.getfixturevalue("moto_data"),
    )


# --- builders ------------------------------------------------------------------------------------
def a_record(story_id: str = "s-1", state: State = State.SUBMITTED, **changes: Any) -> StoryRecord:
    record = StoryRecord(
        story_id=story_id,
        state=state,
        version=1,
        content_hash="a" * 64,
        submitter="nurse@example.nhs.uk",
        submitter_name="Ada Nurse",
        title="A day on Ward 7",
        source="email",
        raw_key=f"raw/email/{story_id}",
        created_at=T0,
        updated_at=T0,
    )
    return record.with_(**changes)


def an_event(
    story_id: str = "s-1",
    *,
    at: datetime = T0,
    actor: str = "system",
    action: str = "submitted",
    frm: State | None = None,
    to: State | None = State.SUBMITTED,
    reason: str = "",
) -> AuditEvent:
    return AuditEvent(story_id, at, actor, action, frm, to, 1, "a" * 64, reason)


def move(
    table: StoryTable,
    frm: State,
    to: State,
    *,
    story_id: str = "s-1",
    at: datetime | None = None,
    actor: str = "checker",
    expected_version: int | None = None,
    updates: dict[str, Any] | None = None,
) -> StoryRecord:
    event = an_event(story_id, at=at or T0 + timedelta(minutes=1), actor=actor, action="move", frm=frm, to=to)
    return table.transition(
        story_id, expected=[frm], to=to, event=event, expected_version=expected_version, updates=updates
    )


def a_version(story_id: str = "s-1", number: int = 1) -> Version:
    return Version(
        story_id=story_id,
        number=number,
        title="Café on Ward 7 — a good day",
        text="We fixed the kettle. ☕ Everyone cheered.\nSecond line.",
        author="nurse@example.nhs.uk",
        source="email",
        created_at=T0,
        images=(Image("media/1-kettle.jpg", "image/jpeg", "b" * 64, alt="A kettle", consent=True),),
        note="EXIF removed",
    )


# --- StoryTable: stories -------------------------------------------------------------------------
def test_creating_a_story_twice_returns_false_the_second_time(backend: Backend) -> None:
    assert backend.table.create(a_record(), an_event()) is True
    assert backend.table.create(a_record(title="changed"), an_event(actor="again")) is False
    assert backend.table.get("s-1") == a_record()
    assert [e.actor for e in backend.table.audit("s-1")] == ["system"]


def test_a_record_round_trips_with_every_field(backend: Backend) -> None:
    record = a_record(
        state=State.SCHEDULED,
        reason="why not",
        authenticated=True,
        posts=(Post("x", 1, "123", "https://x.com/i/123"), Post("blog", 1, "s-1", "https://blog/s-1/")),
        publish_at=T0 + timedelta(days=1),
        extra={"step": "2", "note": "ünïcode"},
        submitter_name="",
    )
    backend.table.create(record, an_event(to=State.SCHEDULED))
    assert backend.table.get("s-1") == record
    assert backend.table.get("missing") is None


def test_transition_from_an_unexpected_state_raises_conflict_and_audits_nothing(backend: Backend) -> None:
    backend.table.create(a_record(), an_event())
    with pytest.raises(ConflictError):
        move(backend.table, State.CHECKING, State.PENDING_APPROVAL)
    assert backend.table.get("s-1") == a_record()
    assert len(backend.table.audit("s-1")) == 1


def test_a_transition_the_state_machine_does_not_have_is_refused_before_anything_is_written(
    backend: Backend,
) -> None:
    backend.table.create(a_record(state=State.PENDING_APPROVAL), an_event(to=State.PENDING_APPROVAL))
    with pytest.raises(InvalidTransition):
        move(backend.table, State.PENDING_APPROVAL, State.PUBLISHING)
    assert backend.table.get("s-1") == a_record(state=State.PENDING_APPROVAL)
    assert len(backend.table.audit("s-1")) == 1


def test_transition_with_a_stale_version_raises_conflict(backend: Backend) -> None:
    backend.table.create(a_record(), an_event())
    with pytest.raises(ConflictError):
        move(backend.table, State.SUBMITTED, State.CHECKING, expected_version=2)
    assert backend.table.get("s-1") == a_record()
    assert len(backend.table.audit("s-1")) == 1


def test_transition_applies_updates_and_returns_what_get_returns(backend: Backend) -> None:
    backend.table.create(a_record(state=State.PENDING_APPROVAL), an_event(to=State.PENDING_APPROVAL))
    at = T0 + timedelta(hours=2)
    moved = move(
        backend.table,
        State.PENDING_APPROVAL,
        State.SUBMITTED,
        at=at,
        expected_version=1,
        updates={
            "version": 2,
            "content_hash": "c" * 64,
            "title": "Edited",
            "reason": "edited by comms",
            "authenticated": True,
            "publish_at": T0 + timedelta(days=3),
            "posts": [Post("x", 1, "9", "https://x.com/i/9")],
            "extra": {"editor": "comms@example.gov.uk"},
        },
    )
    assert moved.state is State.SUBMITTED
    assert (moved.version, moved.title, moved.updated_at) == (2, "Edited", at)
    assert moved.posts == (Post("x", 1, "9", "https://x.com/i/9"),)
    assert backend.table.get("s-1") == moved
    event = backend.table.audit("s-1")[-1]
    assert (event.from_state, event.to_state, event.actor) == (
        State.PENDING_APPROVAL,
        State.SUBMITTED,
        "checker",
    )


def test_transition_can_clear_the_publish_time(backend: Backend) -> None:
    backend.table.create(
        a_record(state=State.SCHEDULED, publish_at=T0 + timedelta(days=1)), an_event(to=State.SCHEDULED)
    )
    moved = move(backend.table, State.SCHEDULED, State.PUBLISHING, updates={"publish_at": None})
    assert moved.publish_at is None
    assert backend.table.get("s-1") == moved


def test_transition_of_a_missing_story_raises_not_found(backend: Backend) -> None:
    with pytest.raises(NotFound):
        move(backend.table, State.SUBMITTED, State.CHECKING, story_id="nope")


def test_transition_refuses_to_update_fields_outside_the_contract(backend: Backend) -> None:
    backend.table.create(a_record(), an_event())
    with pytest.raises(ValueError, match="submitter"):
        move(backend.table, State.SUBMITTED, State.CHECKING, updates={"submitter": "evil@example.com"})
    assert backend.table.get("s-1") == a_record()


def test_two_threads_racing_the_same_transition_exactly_one_wins(backend: Backend) -> None:
    backend.table.create(a_record(state=State.PENDING_APPROVAL), an_event(to=State.PENDING_APPROVAL))
    contenders = 6
    barrier = threading.Barrier(contenders)
    outcomes: dict[str, str] = {}

    def approve(actor: str) -> None:
        barrier.wait()
        for _ in range(20):  # a throttled or conflicting transaction is tried again, as SQS would
            try:
                move(backend.table, State.PENDING_APPROVAL, State.APPROVED, actor=actor, expected_version=1)
            except ConflictError:
                outcomes[actor] = "lost"
            except Retryable:
                time.sleep(0.05)
                continue
            else:
                outcomes[actor] = "won"
            return

    threads = [threading.Thread(target=approve, args=(f"approver-{i}",)) for i in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    winners = [a for a, o in outcomes.items() if o == "won"]
    assert len(outcomes) == contenders
    assert len(winners) == 1
    audit = backend.table.audit("s-1")
    assert [e.actor for e in audit] == ["system", winners[0]]
    record = backend.table.get("s-1")
    assert record is not None
    assert record.state is State.APPROVED


def test_audit_returns_events_in_time_order_whatever_the_write_order(backend: Backend) -> None:
    backend.table.create(a_record(state=State.PUBLISHING), an_event(to=State.PUBLISHING))
    # PUBLISHING → PUBLISHING is allowed (a retry), so the same move can be written with any time.
    for minutes in (30, 10, 20):
        move(
            backend.table,
            State.PUBLISHING,
            State.PUBLISHING,
            at=T0 + timedelta(minutes=minutes),
            actor=f"m{minutes}",
        )
    assert [e.actor for e in backend.table.audit("s-1")] == ["system", "m10", "m20", "m30"]
    assert backend.table.audit("s-1")[1] == an_event(
        at=T0 + timedelta(minutes=10), actor="m10", action="move", frm=State.PUBLISHING, to=State.PUBLISHING
    )
    assert backend.table.audit("other") == []


def test_add_posts_appends_and_a_redelivered_post_replaces_itself(backend: Backend) -> None:
    backend.table.create(a_record(state=State.PUBLISHING), an_event(to=State.PUBLISHING))
    backend.table.add_posts("s-1", [Post("x", 1, "1", "u1")])
    backend.table.add_posts("s-1", [Post("x", 2, "2", "u2"), Post("blog", 1, "b", "ub")])
    backend.table.add_posts("s-1", [Post("x", 1, "1", "u1")])
    record = backend.table.get("s-1")
    assert record is not None
    assert record.posts == (Post("x", 1, "1", "u1"), Post("x", 2, "2", "u2"), Post("blog", 1, "b", "ub"))
    with pytest.raises(NotFound):
        backend.table.add_posts("nope", [Post("x", 1, "1", "u1")])


def test_list_returns_every_story_and_nothing_else(backend: Backend) -> None:
    backend.table.create(a_record("s-2", created_at=T0 + timedelta(minutes=5)), an_event("s-2"))
    backend.table.create(a_record("s-1"), an_event("s-1"))
    backend.table.claim("post#s-1#v1#x#1", owner="publish", now=T0)
    assert [r.story_id for r in backend.table.list()] == ["s-1", "s-2"]


# --- StoryTable: once-only markers ---------------------------------------------------------------
def test_claim_is_exclusive(backend: Backend) -> None:
    assert backend.table.claim("mail#a", owner="notify", now=T0) is True
    assert backend.table.claim("mail#a", owner="notify", now=T0 + timedelta(days=1)) is False
    assert backend.table.claim("mail#b", owner="notify", now=T0) is True


def test_a_stale_claim_is_taken_over_only_when_the_caller_allows_it(backend: Backend) -> None:
    backend.table.claim("mail#a", owner="first", now=T0)
    later = T0 + timedelta(seconds=120)
    assert backend.table.claim("mail#a", owner="second", now=later) is False
    assert backend.table.claim("mail#a", owner="second", now=later, stale_after_s=300) is False
    assert backend.table.claim("mail#a", owner="second", now=later, stale_after_s=60) is True
    marker = backend.table.marker("mail#a")
    assert marker is not None
    assert marker["owner"] == "second"


def test_a_done_marker_is_never_taken_over_even_when_old(backend: Backend) -> None:
    backend.table.claim("post#x", owner="publish", now=T0)
    backend.table.complete("post#x", {"post_id": "1"})
    assert (
        backend.table.claim("post#x", owner="publish", now=T0 + timedelta(days=2), stale_after_s=1) is False
    )


def test_marker_shows_status_and_result(backend: Backend) -> None:
    assert backend.table.marker("post#x") is None
    backend.table.claim("post#x", owner="publish", now=T0)
    claimed = backend.table.marker("post#x")
    assert claimed is not None
    assert (claimed["status"], claimed["owner"]) == ("claimed", "publish")
    assert datetime.fromisoformat(claimed["claimed_at"]) == T0
    backend.table.complete("post#x", {"post_id": "123", "url": "https://x.com/i/123"})
    done = backend.table.marker("post#x")
    assert done is not None
    assert {k: done[k] for k in ("status", "post_id", "url")} == {
        "status": "done",
        "post_id": "123",
        "url": "https://x.com/i/123",
    }


def test_release_lets_a_retry_claim_again_but_never_releases_a_done_marker(backend: Backend) -> None:
    backend.table.claim("post#x", owner="publish", now=T0)
    backend.table.release("post#x")
    assert backend.table.marker("post#x") is None
    assert backend.table.claim("post#x", owner="publish", now=T0) is True
    backend.table.complete("post#x", {"post_id": "1"})
    backend.table.release("post#x")
    assert backend.table.claim("post#x", owner="publish", now=T0) is False
    backend.table.release("never-claimed")


def test_racing_claims_have_exactly_one_winner(backend: Backend) -> None:
    contenders = 6
    barrier = threading.Barrier(contenders)
    results: list[bool] = []
    lock = threading.Lock()

    def claim() -> None:
        barrier.wait()
        won = backend.table.claim("mail#race", owner="notify", now=T0)
        with lock:
            results.append(won)

    threads = [threading.Thread(target=claim) for _ in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == [False] * (contenders - 1) + [True]


# --- StoryStore and RawStore ---------------------------------------------------------------------
def test_version_round_trips_through_the_story_store(backend: Backend) -> None:
    version = a_version()
    backend.stories.put_version(version)
    back = backend.stories.get_version("s-1", 1)
    assert back == version
    assert back.content_hash == version.content_hash


def test_findings_round_trip_and_are_none_before_the_check(backend: Backend) -> None:
    assert backend.stories.get_findings("s-1", 1) is None
    verdict = Verdict(
        (
            Finding("phone", Severity.BLOCK, 10, 23, "A phone number."),
            Finding("child", Severity.WARN, 0, 0, "A child may be shown.", image=0),
        )
    )
    backend.stories.put_findings("s-1", 1, verdict)
    assert backend.stories.get_findings("s-1", 1) == verdict
    assert backend.stories.get_findings("s-1", 2) is None


def test_a_photo_inspection_round_trips_with_its_boxes_and_is_none_before_it_runs(backend: Backend) -> None:
    assert backend.stories.get_inspection("s-1", 1) is None
    face = Finding("IMG-FACE", Severity.WARN, 0, 0, "Photo 1, top left: 1 face.", image=0, box=(4, 5, 60, 70))
    unreadable = Finding("IMG-UNREADABLE", Severity.BLOCK, 0, 0, "Photo 2: it is animated.", image=1)
    inspection = Inspection(
        (PhotoCheck(0, 640, 480, faces=1, findings=(face,)), PhotoCheck(1, 0, 0, findings=(unreadable,)))
    )
    backend.stories.put_inspection("s-1", 1, inspection)
    back = backend.stories.get_inspection("s-1", 1)
    assert back == inspection
    assert back is not None and back.findings == (face, unreadable) and back.findings[0].box == (4, 5, 60, 70)
    assert backend.stories.get_inspection("s-1", 2) is None


def test_media_round_trips_and_its_key_is_relative_to_the_version(backend: Backend) -> None:
    data = bytes(range(256)) * 4
    assert backend.stories.put_media("s-1", 1, "1-kettle.jpg", data, "image/jpeg") == "media/1-kettle.jpg"
    assert backend.stories.get_media("s-1", 1, "1-kettle.jpg") == data


def test_a_media_name_that_is_not_a_plain_file_name_is_refused(backend: Backend) -> None:
    for name in ("../v2/story.json", "a/b.jpg", "", ".."):
        with pytest.raises(ValueError, match="plain file name"):
            backend.stories.put_media("s-1", 1, name, b"x", "image/jpeg")


def test_missing_objects_raise_not_found(backend: Backend) -> None:
    with pytest.raises(NotFound):
        backend.stories.get_version("s-1", 9)
    with pytest.raises(NotFound):
        backend.stories.get_media("s-1", 1, "none.jpg")
    with pytest.raises(NotFound):
        backend.raw.get_raw("raw/email/none")


def test_raw_bytes_round_trip_unchanged(backend: Backend) -> None:
    data = b"From: a@example.gov.uk\r\nSubject: =?utf-8?q?Caf=C3=A9?=\r\n\r\n\xff\x00 body"
    backend.raw.put_raw("raw/email/msg-1", data, "message/rfc822")
    assert backend.raw.get_raw("raw/email/msg-1") == data


# --- Mailer --------------------------------------------------------------------------------------
def test_sent_mail_reads_back_with_its_headers_text_and_html(backend: Backend) -> None:
    sent = OutgoingEmail(
        to=("approver@example.gov.uk", "second@example.gov.uk"),
        subject="Please approve: Café on Ward 7 — a good day",
        text="Hello ☕\nApprove: https://stories.example.gov.uk/a?t=abc\n",
        html="<p>Hello ☕</p><p><a href='https://stories.example.gov.uk/a?t=abc'>Approve</a></p>\n",
        sender=SENDER,
        sender_name=SENDER_NAME,
        reply_to=("stories-in@example.gov.uk",),
        headers={"X-Real-Stories-Id": "s-1", "Auto-Submitted": "auto-generated"},
    )
    message_id = backend.mailer.send(sent)
    assert message_id
    got = backend.read_mail(message_id)
    assert got == ReadMail(
        to=sent.to,
        sender=f"{SENDER_NAME} <{SENDER}>",
        subject=sent.subject,
        text=sent.text,
        html=sent.html,
        reply_to=sent.reply_to,
        headers={"X-Real-Stories-Id": "s-1", "Auto-Submitted": "auto-generated"},
    )


def test_text_only_mail_has_no_html_part(backend: Backend) -> None:
    message_id = backend.mailer.send(
        OutgoingEmail(to=("a@example.gov.uk",), subject="Receipt", text="Thanks.\n", sender=SENDER)
    )
    got = backend.read_mail(message_id)
    assert (got.text, got.html) == ("Thanks.\n", None)


@pytest.mark.parametrize(
    ("mail", "why"),
    [
        (OutgoingEmail(to=(), subject="s", text="t", sender=SENDER), "recipient"),
        (OutgoingEmail(to=("a@example.gov.uk",), subject="s", text="t"), "sender"),
        (
            OutgoingEmail(
                to=("a@example.gov.uk",), subject="s", text="t", sender=SENDER, headers={"Bcc": "x@y.z"}
            ),
            "Bcc",
        ),
        (
            OutgoingEmail(
                to=("a@example.gov.uk",),
                subject="s",
                text="t",
                sender=SENDER,
                headers={"X-Id": "a\r\nBcc: x@y.z"},
            ),
            "linefeed",
        ),
    ],
)
def test_malformed_mail_is_refused_before_sending(backend: Backend, mail: OutgoingEmail, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        backend.mailer.send(mail)


# --- Queues --------------------------------------------------------------------------------------
def test_a_message_lands_on_the_named_queue_as_json(backend: Backend) -> None:
    backend.queues.send("notify", {"kind": "receipt", "story_id": "s-1", "version": 1, "note": "ünïcode"})
    backend.queues.send("publish", {"story_id": "s-1", "version": 1})
    assert backend.received("notify") == [
        {"kind": "receipt", "story_id": "s-1", "version": 1, "note": "ünïcode"}
    ]
    assert backend.received("publish") == [{"story_id": "s-1", "version": 1}]
    assert backend.received("checks") == []


def test_an_unknown_queue_key_is_a_config_error(backend: Backend) -> None:
    with pytest.raises(ConfigError):
        backend.queues.send("nowhere", {"a": 1})


def test_a_delay_beyond_the_sqs_limit_is_refused(backend: Backend) -> None:
    with pytest.raises(ValueError, match="delay_s"):
        backend.queues.send("publish", {"a": 1}, delay_s=901)


def test_a_body_that_is_not_json_is_refused(backend: Backend) -> None:
    with pytest.raises(TypeError):
        backend.queues.send("publish", {"at": T0})


# --- Secrets -------------------------------------------------------------------------------------
def test_a_secret_is_read_by_name_and_a_missing_one_is_a_config_error(backend: Backend) -> None:
    assert backend.secrets.get(backend.res.secret("link-signing-key"))
    with pytest.raises(ConfigError, match="does not exist"):
        backend.secrets.get(backend.res.secret("no-such-secret"))


# --- adapter-specific behaviour (no fake counterpart) ---------------------------------------------
def test_secrets_are_cached_until_max_age(
    aws_clients: AwsClients, resources: Resources, secret_values: dict[str, str]
) -> None:
    name = resources.secret("link-signing-key")
    cached = ParameterStoreSecrets(aws_clients.ssm, max_age_s=300)
    assert cached.get(name) == secret_values["link-signing-key"]
    # Rotation as docs/deploy.md does it: the parameter overwritten with the new value.
    aws_clients.ssm.put_parameter(Name=name, Value="rotated", Type="SecureString", Overwrite=True)
    assert cached.get(name) == secret_values["link-signing-key"]
    assert ParameterStoreSecrets(aws_clients.ssm, max_age_s=0).get(name) == "rotated"


def test_a_secret_is_kept_encrypted_and_read_decrypted(
    aws_clients: AwsClients, resources: Resources, secret_values: dict[str, str]
) -> None:
    name = resources.secret("x-credentials")
    stored = aws_clients.ssm.get_parameter(Name=name, WithDecryption=False)["Parameter"]
    assert stored["Type"] == "SecureString"
    assert stored["Value"] != secret_values["x-credentials"]
    assert ParameterStoreSecrets(aws_clients.ssm).get(name) == secret_values["x-credentials"]


def test_the_sqs_adapter_looks_each_queue_url_up_once(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    res = created.resources
    queues = SqsQueues(aws_clients.sqs, {"publish": res.queue("publish")})
    with Stubber(aws_clients.sqs) as stub:
        stub.add_response(
            "get_queue_url", {"QueueUrl": created.queues["publish"].url}, {"QueueName": res.queue("publish")}
        )
        stub.add_response("send_message", {"MessageId": "1", "MD5OfMessageBody": "x"})
        stub.add_response("send_message", {"MessageId": "2", "MD5OfMessageBody": "x"})
        queues.send("publish", {"a": 1})
        queues.send("publish", {"a": 2})
        stub.assert_no_pending_responses()


@pytest.mark.parametrize(
    "code", ["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"]
)
def test_dynamodb_throttling_is_retryable(aws_clients: AwsClients, code: str) -> None:
    table = DynamoStoryTable(aws_clients.dynamodb, "any-table")
    with Stubber(aws_clients.dynamodb) as stub:
        stub.add_client_error("get_item", service_error_code=code, http_status_code=400)
        with pytest.raises(Retryable) as info:
            table.get("s-1")
    assert info.value.__cause__ is not None


def test_a_throttled_write_is_retryable_not_a_conflict(aws_clients: AwsClients) -> None:
    table = DynamoStoryTable(aws_clients.dynamodb, "any-table")
    with Stubber(aws_clients.dynamodb) as stub:
        stub.add_client_error(
            "put_item", service_error_code="ProvisionedThroughputExceededException", http_status_code=400
        )
        with pytest.raises(Retryable):
            table.create(a_record(), an_event())


def test_a_move_whose_audit_item_was_never_written_keeps_its_event(
    aws_clients: AwsClients, resources: Resources
) -> None:
    # A crash between the move's write to the story and the put of its audit item: the event is in the
    # story's own item, so the trail has it, and the next move writes it out before going on.
    table = DynamoStoryTable(aws_clients.dynamodb, resources.table)
    table.create(a_record(story_id="s-crash"), an_event(story_id="s-crash"))
    put = table._put_event_item

    def crash(item: Any) -> None:
        raise RuntimeError("the function died here")

    table._put_event_item = crash  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        move(
            table,
            State.SUBMITTED,
            State.CHECKING,
            actor="crashed",
            story_id="s-crash",
            at=T0 + timedelta(minutes=2),
        )
    table._put_event_item = put  # type: ignore[method-assign]
    assert [e.actor for e in table.audit("s-crash")] == ["system", "crashed"]
    move(
        table,
        State.CHECKING,
        State.PENDING_APPROVAL,
        actor="next",
        story_id="s-crash",
        at=T0 + timedelta(minutes=3),
    )
    assert [e.actor for e in table.audit("s-crash")] == ["system", "crashed", "next"]
    stored = aws_clients.dynamodb.query(
        TableName=resources.table,
        KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
        ExpressionAttributeValues={":pk": {"S": "STORY#s-crash"}, ":a": {"S": "AUDIT#"}},
    )["Items"]
    assert sorted(i["actor"]["S"] for i in stored) == ["crashed", "next", "system"]  # written out


def test_a_race_lost_after_the_read_is_caught_by_the_write_condition(
    aws_clients: AwsClients, resources: Resources
) -> None:
    table = DynamoStoryTable(aws_clients.dynamodb, resources.table)
    table.create(a_record(), an_event())
    move(table, State.SUBMITTED, State.CHECKING, actor="winner")
    # The loser read the story before the winner wrote: only the transaction's condition can stop it.
    stale = (a_record(), 1, None)
    table._read = lambda story_id: stale  # type: ignore[method-assign]
    with pytest.raises(ConflictError) as info:
        move(table, State.SUBMITTED, State.CHECKING, actor="loser")
    assert info.value.__cause__ is not None
    assert [e.actor for e in DynamoStoryTable(aws_clients.dynamodb, resources.table).audit("s-1")] == [
        "system",
        "winner",
    ]


def test_completing_an_unclaimed_marker_records_it_as_done(backend: Backend) -> None:
    backend.table.complete("post#y", {"post_id": "7"})
    assert backend.table.marker("post#y") == {"status": "done", "post_id": "7"}
    assert backend.table.claim("post#y", owner="publish", now=T0) is False


def test_an_event_without_a_state_change_is_kept_in_the_audit_in_order(backend: Backend) -> None:
    backend.table.create(a_record(state=State.PENDING_APPROVAL), an_event(to=State.PENDING_APPROVAL))
    at = T0 + timedelta(minutes=5)
    vote = AuditEvent("s-1", at, "manager@example.gov.uk", "vote-approve", None, None, 1, "h", "step 1")
    backend.table.add_event(vote)
    assert backend.table.audit("s-1")[-1] == vote
    assert backend.table.get("s-1") == a_record(state=State.PENDING_APPROVAL)


def test_a_rejected_submission_is_tagged_for_the_shorter_retention(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    from chalicelib.adapters.s3 import S3RawStore

    store = S3RawStore(aws_clients.s3, created.resources.intake_bucket)
    store.put_raw("raw/email/spoof", b"From: x@evil.example\r\n\r\nhi", "message/rfc822")
    store.mark_rejected("raw/email/spoof")
    tags = aws_clients.s3.get_object_tagging(Bucket=created.resources.intake_bucket, Key="raw/email/spoof")[
        "TagSet"
    ]
    assert tags == [{"Key": "retention", "Value": "rejected"}]
    assert store.get_raw("raw/email/spoof").endswith(b"hi")  # kept as evidence until the rule deletes it
