"""Mail that is not a story is refused with a reason on record; a person is answered, a machine never is."""

from __future__ import annotations

from email.message import EmailMessage

from chalicelib.domain.states import State

from .conftest import Pipeline

FROM = "alex.doe@example.gov.uk"


def _mail(subject: str, body: str, **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", subject
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg


def test_an_out_of_office_reply_is_recorded_and_never_answered(pipeline: Pipeline) -> None:
    pipeline.email(
        "", "", msg=_mail("Out of office", "I am away until Monday.", Auto_Submitted="auto-replied")
    )
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.REJECTED and "automatic reply" in record.reason
    assert pipeline.mailer.sent == []  # two auto-responders must not answer each other


def test_a_meeting_invitation_from_a_person_is_refused_and_they_are_told_why(pipeline: Pipeline) -> None:
    msg = _mail("1", "1")
    msg.add_attachment(
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        subtype="calendar",
        params={"method": "REQUEST"},
    )
    pipeline.email("", "", msg=msg)
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.REJECTED and "calendar invitation" in record.reason
    [told] = pipeline.mail_to(FROM)
    assert told.subject == "We could not read your story"
    assert "calendar invitation" in told.text
