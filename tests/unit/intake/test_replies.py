"""Quote headers in the languages staff and their clients use, forwards unwrapped, and non-stories refused."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import InvalidSubmission
from chalicelib.intake.limits import IntakeLimits
from chalicelib.intake.mime import parse_email
from chalicelib.intake.replies import find_story

from ._build import email

QUOTE = "\n> The old message.\n> Second line of it."


@pytest.mark.parametrize(
    "attribution",
    [
        "On Mon, 13 Jan 2025 at 10:02, Tom Jones <tom@example.gov.uk> wrote:",  # English
        "Ar Llun, 13 Ion 2025 am 10:02, Tom Jones <tom@example.gov.uk> ysgrifennodd:",  # Welsh
        "Air DiLuain, 13 Faoi 2025 aig 10:02, sgrìobh Tom Jones <tom@example.gov.uk>:",  # Scottish Gaelic
        "Le lun. 13 janv. 2025 à 10:02, Tom Jones <tom@example.gov.uk> a écrit :",  # French
        "Am Mo., 13. Jan. 2025 um 10:02 Uhr schrieb Tom Jones <tom@example.gov.uk>:",  # German
        "El lun, 13 ene 2025 a las 10:02, Tom Jones (<tom@example.gov.uk>) escribió:",  # Spanish
        "Il giorno lun 13 gen 2025 alle ore 10:02 Tom Jones <tom@example.gov.uk> ha scritto:",  # Italian
        "Dnia 13.01.2025 o 10:02 Tom Jones <tom@example.gov.uk> napisał(a):",  # Polish
        "Em seg., 13 de jan. de 2025 às 10:02, Tom Jones <tom@example.gov.uk> escreveu:",  # Portuguese
        "пн, 13 янв. 2025 г. в 10:02, Tom Jones <tom@example.gov.uk>:\n",  # Russian Gmail (no verb)
        "13.01.2025 10:02 пользователь Tom Jones <tom@example.gov.uk> написал:",  # Russian Android
    ],
)
def test_a_reply_loses_its_attribution_line_and_quote_in_each_language(attribution: str) -> None:
    assert find_story(f"The new story.\n\n{attribution}{QUOTE}").text == "The new story."


@pytest.mark.parametrize(
    "block",
    [
        "From: Tom\nSent: Monday\nTo: Jo\nSubject: Old",
        "De : Tom\nEnvoyé : lundi\nÀ : Jo\nObjet : Vieux",
        "Von: Tom\nGesendet: Montag\nAn: Jo\nBetreff: Alt",
        "Oddi wrth: Tom\nAnfonwyd: Dydd Llun\nAt: Jo\nPwnc: Hen",
        "От: Tom\nОтправлено: понедельник\nКому: Jo\nТема: Старое",
    ],
)
def test_an_outlook_header_block_ends_the_story_in_each_language(block: str) -> None:
    assert find_story(f"The new story.\n\n{block}\n\nThe old message.").text == "The new story."


def test_a_bottom_posted_reply_keeps_the_new_text_below_the_quote() -> None:
    text = "On Monday, Tom wrote:\n> Can you send the story?\n\nHere it is: the lunch club is ten."
    assert find_story(text).text == "Here it is: the lunch club is ten."


def test_an_outlook_forward_with_a_covering_note_makes_the_forwarded_text_the_story() -> None:
    text = (
        "Priya asked me to send this in for her.\n\n"
        "From: Priya Shah <priya@example.gov.uk>\nSent: 13 January 2025 10:00\nTo: Jo <jo@example.gov.uk>\n"
        "Subject: Lunch club\n\nOur lunch club turned ten this week.\n\nKind regards\nPriya"
    )
    found = find_story(text, subject="FW: Lunch club")
    assert found.text == "Our lunch club turned ten this week."
    assert found.cover_note == "Priya asked me to send this in for her."


def test_a_reply_to_a_forward_keeps_the_reply_not_the_forwarded_text() -> None:
    text = "My own words.\n\nFrom: Tom\nSent: Monday\nTo: Jo\nSubject: Fw: Old\n\nOld words."
    assert find_story(text, subject="RE: Fw: Old").text == "My own words."


def _refused(raw: bytes) -> InvalidSubmission:
    with pytest.raises(InvalidSubmission) as info:
        parse_email(raw, raw_key="raw/email/x", limits=IntakeLimits())
    return info.value


@pytest.mark.parametrize(
    "header", ["Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: auto_reply"]
)
def test_an_out_of_office_reply_is_refused_as_mail_a_machine_wrote(header: str) -> None:
    name, value = header.split(": ")
    raw = email("I am out of the office until Monday.")
    raw = raw.replace(b"\r\nSubject:", f"\r\n{name}: {value}\r\nSubject:".encode(), 1)
    err = _refused(raw)
    assert err.code == "auto-generated"
    assert "automatic reply" in err.reason


def test_a_read_receipt_is_refused_as_mail_a_machine_wrote() -> None:
    raw = (
        b"From: Jane Smith <jane.smith@example.gov.uk>\r\nTo: stories@example.gov.uk\r\n"
        b"Subject: Read: Story\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=disposition-notification; "
        b'boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nYour message was read.\r\n'
        b"--b\r\nContent-Type: message/disposition-notification\r\n\r\n"
        b"Disposition: manual-action/MDN-sent-manually; displayed\r\n--b--\r\n"
    )
    err = _refused(raw)
    assert err.code == "auto-generated"
    assert "read receipt" in err.reason


@pytest.mark.parametrize(
    ("subject", "marker", "block", "writer"),
    [
        (  # Welsh (Gmail in Cymraeg)
            "Ymlaen: Llyfrgell",
            "---------- Neges wedi ei hanfon ymlaen ---------",
            "Oddi wrth: Siân Jones <sian.jones@example.gov.uk>\nDyddiad: Iau, 3 Rhag 2026\nPwnc: Llyfrgell\n"
            "At: Alex Doe <alex.doe@example.gov.uk>",
            "Siân Jones <sian.jones@example.gov.uk>",
        ),
        (  # Scottish Gaelic
            "Fwd: Leabharlann",
            "---------- Teachdaireachd air a shìneadh air adhart ---------",
            "Bho: Màiri NicLeòid <mairi.nicleoid@example.gov.uk>\nCeann-latha: 3 Dùb 2026\n"
            "Cuspair: Leabharlann\nGu: Alex Doe <alex.doe@example.gov.uk>",
            "Màiri NicLeòid <mairi.nicleoid@example.gov.uk>",
        ),
        (  # Polish Outlook (no marker; the subject says it is forwarded)
            "PD: Biblioteka",
            "",
            "Od: Anna Nowak <anna.nowak@example.gov.uk>\nWysłano: czwartek, 3 grudnia 2026\n"
            "Do: Alex Doe <alex.doe@example.gov.uk>\nTemat: Biblioteka",
            "Anna Nowak <anna.nowak@example.gov.uk>",
        ),
    ],
)
def test_a_forward_in_welsh_gaelic_or_polish_makes_the_forwarded_text_the_story(
    subject: str, marker: str, block: str, writer: str
) -> None:
    story = "The new library opened today and forty children joined on the first morning."
    text = f"Here is a story from a colleague.\n\n{marker}\n{block}\n\n{story}\n"
    found = find_story(text, subject=subject)
    assert found.text == story
    assert found.cover_note == "Here is a story from a colleague."
    assert found.written_by == writer
