"""The shared real-mail set through the whole front door: SMTP → the local intake → S3 → the intake queue →
the real ingest handler on moto's server, then what the table and the stories bucket hold.

The expectations are the ones tests/unit/intake/test_real_mail.py holds for the parser; here they are
checked on what ingest stored, with the state a person would see (SUBMITTED for a story, REJECTED with
a reason for a message that holds none), so nothing is lost between the parser and the store.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import app as chalice_app
from chalicelib.adapters.s3 import S3RawStore
from chalicelib.bootstrap import Container, container, set_container
from chalicelib.config import Settings
from chalicelib.definition import QUEUES
from chalicelib.domain.states import State
from chalicelib.services.ingest import story_id_for
from local.aws_resources import AwsClients, CreatedResources
from local.pump import QueuePump
from local.smtp_intake import LOCAL_AUTHSERV_ID, SmtpIntake
from tests.unit.intake.test_real_mail import EXPECTED, MESSAGES, assert_story

pytestmark = [pytest.mark.integration, pytest.mark.enable_socket]

RULES = Path(__file__).resolve().parents[2] / "local" / "rules.yaml"
INBOX = "stories@example.gov.uk"
SENDER = "alex.doe@example.gov.uk"


@pytest.fixture
def wired(created: CreatedResources, tmp_path: Path) -> Iterator[CreatedResources]:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    rules["limits"] = {"email_per_sender_per_hour": 1000}  # the whole set comes from one member of staff
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(yaml.safe_dump(rules), encoding="utf-8")
    settings = Settings.from_env(
        {
            "RESOURCE_PREFIX": created.resources.prefix,
            "RULES_SOURCE": f"file:{rules_file}",
            "AWS_REGION": "eu-west-2",
            "TRUSTED_AUTHSERV_IDS": LOCAL_AUTHSERV_ID,
        }
    )
    set_container(Container(settings))
    yield created
    set_container(None)


def test_every_real_message_sent_over_smtp_is_stored_as_the_story_a_person_expects(
    aws_clients: AwsClients, wired: CreatedResources
) -> None:
    if not MESSAGES.is_dir():
        pytest.skip("the shared real-mail set is not beside the checkout (../shared/real-mail/messages)")
    raw_store = S3RawStore(aws_clients.s3, wired.resources.intake_bucket)
    keys: list[str] = []

    def store(key: str, data: bytes) -> None:
        raw_store.put_raw(key, data, "message/rfc822")
        keys.append(key)

    names = sorted(EXPECTED)
    with SmtpIntake(store=store, recipients=(INBOX,), staff_domains=("example.gov.uk",), port=0) as intake:
        for name in names:
            with smtplib.SMTP(intake.host, intake.port, timeout=10) as client:
                client.sendmail(SENDER, [INBOX], (MESSAGES / name).read_bytes())
    assert len(keys) == len(names)  # the intake took every one (long lines, bare LF, 8-bit)

    q = wired.queues["intake"]
    handler = getattr(chalice_app, next(d.handler for d in QUEUES if d.key == "intake"))
    pump = QueuePump(aws_clients.sqs, name="intake", queue_url=q.url, queue_arn=q.arn, handler=handler)
    idle = 0
    while idle < 2:
        idle = idle + 1 if pump.poll_once(wait_s=1) == 0 else 0

    c = container()
    for name, key in zip(names, keys, strict=True):
        expect = EXPECTED[name]
        record = c.table.get(story_id_for(key))
        assert record is not None, f"{name} became no record"
        if expect.outcome == "refused" or (expect.outcome == "either" and record.state is State.REJECTED):
            assert record.state is State.REJECTED, (name, record.state)
            assert record.reason, name
            continue
        assert record.state is State.SUBMITTED, (name, record.state, record.reason)
        version = c.stories.get_version(record.story_id, 1)
        notes = tuple(version.note.split("\n")) if version.note else ()
        try:
            assert_story(
                expect, text=version.text, title=version.title, photos=len(version.images), notes=notes
            )
        except AssertionError as e:
            raise AssertionError(f"{name}: {e}") from e
