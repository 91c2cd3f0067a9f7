"""The penetration test's spoofed staff emails, sent through the real local intake and the real ingest.

Each spoof claims to be Alex (``From: alex.doe@example.gov.uk``) from a host that fails SPF for
example.gov.uk. Before the fix, the intake copied the envelope sender into its trusted header and
ingest believed the verdicts the attacker wrote there: the spoof became Alex's story, Alex got a
receipt and comms an approval request, and a spoofed reply replaced Alex's story as version 2. Each
must now be recorded as REJECTED (or refused by the intake) with no email sent to anyone.
"""

from __future__ import annotations

import dataclasses
import re
from email.message import EmailMessage

import pytest
from chalice.test import Client

from chalicelib.domain.states import State
from local.smtp_intake import LOCAL_AUTHSERV_ID, SmtpIntake

from .conftest import Pipeline, links_in, path_of

ALEX = "alex.doe@example.gov.uk"
INBOX = "stories@example.gov.uk"
STAFF_HOST = "127.0.0.1"
ATTACKER = "198.51.100.7"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ATTACKER_TEXT = "Our council is closing every library next week."


@dataclasses.dataclass(frozen=True)
class Spoof:
    envelope: str
    leading_line: bytes = b""


SPOOFS = {
    "verdicts-in-the-envelope": Spoof("x@[;spf=pass;dmarc=pass;x]"),
    "unclosed-comment-and-folded-line": Spoof("x@[;spf=pass;dmarc=pass(]", b" )\r\n"),
    "unclosed-comment-alone": Spoof("x@[;spf=pass;dmarc=pass(]"),
}


class Intake:
    """The local SMTP intake (without its socket) storing into the pipeline's intake bucket."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.keys: list[str] = []
        self.smtp = SmtpIntake(
            store=lambda _key, data: self.keys.append(pipeline.raw_email(data, authenticated=False)),
            recipients=(INBOX,),
            staff_domains=("example.gov.uk",),
            spf_records={"example.gov.uk": (STAFF_HOST,)},
        )

    def send(self, msg: EmailMessage, *, mail_from: str, peer_ip: str, leading_line: bytes = b"") -> str:
        return self.smtp.receive(leading_line + msg.as_bytes(), mail_from=mail_from, peer_ip=peer_ip)


@pytest.fixture
def intake(pipeline: Pipeline) -> Intake:
    # Ingest trusts the local intake's verdicts (as in the local stack) and SES's (for Alex's real story).
    settings = pipeline.container.settings
    pipeline.container.settings = dataclasses.replace(
        settings, trusted_authserv_ids=(LOCAL_AUTHSERV_ID, *settings.trusted_authserv_ids)
    )
    return Intake(pipeline)


def from_alex(text: str, *, subject: str = "Library news", in_reply_to: str = "") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"Alex Doe <{ALEX}>", INBOX, subject
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    msg.set_content(text)
    return msg


def assert_refused_or_rejected_silently(pipeline: Pipeline, intake: Intake, reply: str) -> None:
    pipeline.run()
    if reply.startswith("554 "):
        assert intake.keys == []  # refused at the door: nothing stored, nothing to ingest
        assert pipeline.table.list() == []
    else:
        assert reply.startswith("250 ")
        record = pipeline.only_story()
        assert record.state is State.REJECTED
        assert not record.authenticated
        assert record.version == 0
    assert pipeline.mailer.sent == []
    assert pipeline.stories.objects == {}


def test_alex_sending_from_a_staff_host_through_the_intake_is_accepted(
    pipeline: Pipeline, intake: Intake
) -> None:
    reply = intake.send(from_alex("The library opens late on Thursdays."), mail_from=ALEX, peer_ip=STAFF_HOST)
    assert reply.startswith("250 ")
    pipeline.run()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    assert [m.subject for m in pipeline.mail_to(ALEX)] == ["We have your story: Library news"]


@pytest.mark.parametrize("spoof", SPOOFS.values(), ids=SPOOFS.keys())
def test_a_spoofed_staff_email_is_rejected_without_any_email(
    pipeline: Pipeline, intake: Intake, spoof: Spoof
) -> None:
    reply = intake.send(
        from_alex(ATTACKER_TEXT), mail_from=spoof.envelope, peer_ip=ATTACKER, leading_line=spoof.leading_line
    )
    assert_refused_or_rejected_silently(pipeline, intake, reply)


def changes_requested_for_alex(pipeline: Pipeline, client: Client) -> tuple[str, str]:
    """Alex's real story (through SES), sent back by comms with "changes requested": its message id."""
    pipeline.email("Library news", "The library opens late on Thursdays.", sender=f"Alex Doe <{ALEX}>")
    pipeline.run()
    story_id = pipeline.only_story().story_id
    [approval] = pipeline.mail_to("comms@example.gov.uk")
    path = path_of(next(link for link in links_in(approval) if "/a/" in link))
    page = client.http.get(path).body.decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    body = f"decision=changes&csrf={csrf.group(1)}&reason=Please+say+which+library"
    assert client.http.post(path, headers=FORM, body=body).status_code == 200
    pipeline.run()
    changes = pipeline.mail_to(ALEX)[-1]
    assert changes.subject.startswith("Changes requested")
    record = pipeline.table.get(story_id)
    assert record is not None and (record.state, record.version) == (State.CHANGES_NEEDED, 1)
    return story_id, pipeline.mailer.ids[pipeline.mailer.sent.index(changes)]


def test_a_genuine_reply_from_alex_through_the_intake_becomes_version_2(
    pipeline: Pipeline, intake: Intake, client: Client
) -> None:
    story_id, message_id = changes_requested_for_alex(pipeline, client)
    reply = from_alex(
        "The central library opens late on Thursdays.",
        subject="Re: Changes requested",
        in_reply_to=f"<{message_id}@eu-west-2.amazonses.com>",
    )
    assert intake.send(reply, mail_from=ALEX, peer_ip=STAFF_HOST).startswith("250 ")
    pipeline.run()
    record = pipeline.table.get(story_id)
    assert record is not None and record.version == 2


@pytest.mark.parametrize("spoof", SPOOFS.values(), ids=SPOOFS.keys())
def test_a_spoofed_reply_to_changes_requested_does_not_replace_alexs_story(
    pipeline: Pipeline, intake: Intake, client: Client, spoof: Spoof
) -> None:
    story_id, message_id = changes_requested_for_alex(pipeline, client)
    sent_before = len(pipeline.mailer.sent)
    reply = from_alex(
        ATTACKER_TEXT, subject="Re: Changes requested", in_reply_to=f"<{message_id}@eu-west-2.amazonses.com>"
    )
    answer = intake.send(reply, mail_from=spoof.envelope, peer_ip=ATTACKER, leading_line=spoof.leading_line)
    pipeline.run()
    record = pipeline.table.get(story_id)
    assert record is not None
    assert (record.state, record.version) == (State.CHANGES_NEEDED, 1)
    assert ATTACKER_TEXT not in pipeline.stories.get_version(story_id, 1).text
    assert not any(key.startswith(f"stories/{story_id}/v2/") for key in pipeline.stories.objects)
    assert len(pipeline.mailer.sent) == sent_before
    others = [r for r in pipeline.table.list() if r.story_id != story_id]
    if answer.startswith("554 "):
        assert others == []
    else:
        [spoofed] = others
        assert (spoofed.state, spoofed.authenticated) == (State.REJECTED, False)


def test_a_staff_display_name_with_an_encoded_line_break_is_accepted_on_one_line(
    pipeline: Pipeline, intake: Intake
) -> None:
    raw = (
        b"From: =?utf-8?q?Alex=0D=0ABcc:_eve@evil.example?= <alex.doe@example.gov.uk>\r\n"
        b"To: stories@example.gov.uk\r\nSubject: Library news\r\n\r\nThe library opens late on Thursdays.\r\n"
    )
    reply = intake.smtp.receive(raw, mail_from=ALEX, peer_ip=STAFF_HOST)
    assert reply.startswith("250 ")
    pipeline.run()
    record = pipeline.only_story()
    assert (record.state, record.submitter, record.submitter_name) == (
        State.PENDING_APPROVAL,
        ALEX,
        "Alex Bcc: eve@evil.example",
    )
    [receipt] = pipeline.mail_to(ALEX)
    assert receipt.to == (ALEX,)
    assert receipt.subject == "We have your story: Library news"
    for mail in pipeline.mailer.sent:
        assert "evil.example" not in ",".join((*mail.to, *mail.reply_to))
        assert not any(c in mail.subject for c in "\r\n")
