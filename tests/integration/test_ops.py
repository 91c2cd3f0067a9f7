"""stories status, redrive and replay against moto's server with the real handlers behind queue pumps."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

import app as chalice_app
from chalicelib.bootstrap import Container, set_container
from chalicelib.config import Settings
from chalicelib.definition import QUEUES
from chalicelib.services.ingest import story_id_for
from local import cli
from local.aws_resources import AwsClients, CreatedResources
from local.ops import original_body
from local.pump import QueuePump

RULES = Path(__file__).resolve().parents[2] / "local" / "rules.yaml"
SES_AUTH = (
    "Authentication-Results: amazonses.com;\r\n spf=pass (spfCheck: domain of example.gov.uk designates"
    " 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from=alex.doe@example.gov.uk;"
    " helo=mail.example.gov.uk;\r\n dkim=pass header.i=@example.gov.uk;\r\n"
    " dmarc=pass header.from=example.gov.uk;\r\n"
)


@pytest.fixture
def wired(created: CreatedResources) -> Iterator[CreatedResources]:
    settings = Settings.from_env(
        {
            "RESOURCE_PREFIX": created.resources.prefix,
            "RULES_SOURCE": f"file:{RULES}",
            "AWS_REGION": "eu-west-2",
        }
    )
    set_container(Container(settings))
    yield created
    set_container(None)


def pump_for(aws_clients: AwsClients, created: CreatedResources, key: str) -> QueuePump:
    q = created.queues[key]
    handler = getattr(chalice_app, next(d.handler for d in QUEUES if d.key == key))
    return QueuePump(
        aws_clients.sqs, name=key, queue_url=q.url, queue_arn=q.arn, handler=handler, retry_delay_s=0
    )


def drain(pump: QueuePump, rounds: int = 20) -> int:
    handled = 0
    for _ in range(rounds):
        n = pump.poll_once(wait_s=0)
        if n == 0:
            break
        handled += n
    return handled


def stories(
    capsys: pytest.CaptureFixture[str], moto_endpoint: str, prefix: str, *args: str
) -> tuple[int, str]:
    capsys.readouterr()
    rc = cli.main([*args, "--endpoint", moto_endpoint, "--prefix", prefix])
    return rc, capsys.readouterr().out


def status_json(capsys: pytest.CaptureFixture[str], moto_endpoint: str, prefix: str) -> dict[str, object]:
    _, out = stories(capsys, moto_endpoint, prefix, "status", "--json")
    data: dict[str, object] = json.loads(out)
    return data


def dlq_depth(status: dict[str, object], key: str) -> int:
    queues = status["queues"]
    assert isinstance(queues, list)
    return int(next(q["dlq"] for q in queues if q["queue"] == key))


def email_bytes(subject: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", subject
    msg.set_content(body)
    return SES_AUTH.encode() + msg.as_bytes()


def test_a_poisoned_check_is_dead_lettered_shown_by_status_and_succeeds_after_redrive(
    aws_clients: AwsClients,
    wired: CreatedResources,
    moto_endpoint: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prefix = wired.resources.prefix
    sqs = aws_clients.sqs
    checks = pump_for(aws_clients, wired, "checks")
    drain(checks)  # the s3:TestEvent sent when notifications were configured
    raw_key = f"raw/email/{uuid.uuid4().hex}"
    story_id = story_id_for(raw_key)

    # The fault: a check for a story whose row does not exist yet fails on every receive.
    sqs.send_message(
        QueueUrl=wired.queues["checks"].url, MessageBody=json.dumps({"story_id": story_id, "version": 1})
    )
    max_receives = next(q.max_receive_count for q in QUEUES if q.key == "checks")
    for _ in range(max_receives + 1):
        checks.poll_once(wait_s=0)

    rc, text = stories(capsys, moto_endpoint, prefix, "status")
    assert rc == 1  # something is dead-lettered
    assert "needs attention" in text
    before = status_json(capsys, moto_endpoint, prefix)
    assert dlq_depth(before, "checks") == 1
    assert before["counts"] == {}

    # The fault goes away: the story arrives and is ingested. The check its own story.json would
    # trigger is dropped, so only the redriven message can move the story on.
    aws_clients.s3.put_object(
        Bucket=wired.resources.intake_bucket,
        Key=raw_key,
        Body=email_bytes("Clearing the canal path", "Our crew cleared two tonnes of litter today."),
    )
    assert drain(pump_for(aws_clients, wired, "intake")) >= 1
    sqs.purge_queue(QueueUrl=wired.queues["checks"].url)
    assert status_json(capsys, moto_endpoint, prefix)["counts"] == {"SUBMITTED": 1}

    rc, text = stories(capsys, moto_endpoint, prefix, "redrive", "checks")
    assert rc == 0
    assert "moved 1 message(s)" in text
    after_redrive = status_json(capsys, moto_endpoint, prefix)
    assert dlq_depth(after_redrive, "checks") == 0

    assert drain(checks) == 1
    final = status_json(capsys, moto_endpoint, prefix)
    assert final["counts"] in ({"PENDING_APPROVAL": 1}, {"CHANGES_NEEDED": 1})
    assert dlq_depth(final, "checks") == 0
    if final["counts"] == {"PENDING_APPROVAL": 1}:
        oldest = final["oldest_pending_approval"]
        assert isinstance(oldest, dict)
        assert oldest["id"] == story_id


def test_a_parked_message_goes_back_without_its_reason(
    aws_clients: AwsClients, wired: CreatedResources, moto_endpoint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sqs = aws_clients.sqs
    original = json.dumps({"story_id": "abc", "version": 2})
    sqs.send_message(
        QueueUrl=wired.queues["publish"].dlq_url,
        MessageBody=json.dumps({"parked_reason": "a test", "original_body": original}),
    )
    rc, text = stories(capsys, moto_endpoint, wired.resources.prefix, "redrive", "publish", "--quiet")
    assert rc == 0
    assert "1 parked" in text
    got = sqs.receive_message(QueueUrl=wired.queues["publish"].url, WaitTimeSeconds=1)["Messages"]
    assert [m["Body"] for m in got] == [original]


def test_replay_sends_the_message_that_starts_a_stage(
    aws_clients: AwsClients, wired: CreatedResources, moto_endpoint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = wired.resources.prefix
    raw_key = f"raw/email/{uuid.uuid4().hex}"
    aws_clients.s3.put_object(
        Bucket=wired.resources.intake_bucket,
        Key=raw_key,
        Body=email_bytes("Library open day", "Two hundred visitors came to the open day at the library."),
    )
    intake = pump_for(aws_clients, wired, "intake")
    drain(intake)
    story_id = story_id_for(raw_key)
    aws_clients.sqs.purge_queue(QueueUrl=wired.queues["checks"].url)

    rc, text = stories(capsys, moto_endpoint, prefix, "replay", story_id, "--stage", "check")
    assert rc == 0, text
    got = aws_clients.sqs.receive_message(QueueUrl=wired.queues["checks"].url, WaitTimeSeconds=1)
    [msg] = got["Messages"]
    assert json.loads(msg["Body"]) == {"story_id": story_id, "version": 1}

    # Ingest again from the raw submission: the intake handler accepts the message and changes nothing.
    rc, _ = stories(capsys, moto_endpoint, prefix, "replay", story_id, "--stage", "ingest")
    assert rc == 0
    assert drain(intake) == 1
    assert aws_clients.sqs.receive_message(QueueUrl=wired.queues["intake"].dlq_url).get("Messages") is None

    rc, _ = stories(capsys, moto_endpoint, prefix, "replay", "no-such-story", "--stage", "publish")
    assert rc == 2


def test_original_body_leaves_ordinary_messages_alone() -> None:
    assert original_body("{not json") == ("{not json", False)
    assert original_body('{"story_id": "a", "version": 1}') == ('{"story_id": "a", "version": 1}', False)
    wrapped = json.dumps({"parked_reason": "r", "original_body": "x"})
    assert original_body(wrapped) == ("x", True)
