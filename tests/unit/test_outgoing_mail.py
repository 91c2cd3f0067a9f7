"""Every email the system sends, decoded as a mail client decodes it: subjects and text read as written."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default

import pytest

from chalicelib.adapters.ports import OutgoingEmail
from chalicelib.adapters.ses import build_mime
from chalicelib.render import email as render_email


def as_received(mail: OutgoingEmail) -> EmailMessage:
    """The bytes SES would send, parsed back the way a mail client reads them."""
    msg = email.message_from_bytes(build_mime(mail).as_bytes(), policy=default)
    assert isinstance(msg, EmailMessage)
    return msg


@pytest.mark.parametrize(
    "subject",
    [
        "Approval needed: Какты поживаешь? Мы убрали весь мусор с канала сегодня утром",
        "Approval needed: Aberdâr– dwy ffordd newydd i'r llyfrgell yn Aberdâr a'r cylch",
        "Published: 日本語のタイトル、とても長いタイトルですがどうなりますか、テストしてみましょう。",
        "Changes needed before approval: Glanhau'r gamlas — “the canal path”, all 3 km of it, done",
        "Approved: a plain ASCII subject that is long enough to be folded across more than one line",
    ],
)
def test_a_long_subject_in_any_script_reads_back_exactly_as_written(subject: str) -> None:
    mail = OutgoingEmail(to=("a@example.gov.uk",), subject=subject, text="Hello", sender="s@example.gov.uk")
    assert as_received(mail)["Subject"] == subject
    raw_lines = build_mime(mail).as_bytes().split(b"\r\n")
    assert all(len(line) <= 78 for line in raw_lines[: raw_lines.index(b"")])  # folded, as RFC 5322 asks


def test_the_plain_text_part_of_an_email_has_no_html_entities() -> None:
    rendered = render_email(
        "changes_needed",
        "Changes needed before approval: O'Brien's bins",
        org="Example Borough Council",
        submission_address="stories@example.gov.uk",
        record=None,
        version=None,
        findings=(),
        text='Mrs O\'Brien said "thanks" & waved <3',
        highlighted="",
        link="https://stories.example.gov.uk/r/token",
        expires="1 December 2026 at 09:00 UTC",
        reminder=False,
        step_name="",
        steps=1,
        step_number=1,
    )
    assert "&#39;" not in rendered.text and "&amp;" not in rendered.text and "&quot;" not in rendered.text
    assert "&#39;" in rendered.html or "'" not in rendered.html  # the HTML part is still escaped
