"""The local SMTP intake end to end: real SMTP on loopback, stored bytes, then authenticate_sender."""

from __future__ import annotations

import smtplib
import threading
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from chalicelib.domain.errors import SenderNotAuthenticated
from chalicelib.intake.limits import IntakeLimits
from chalicelib.intake.mime import parse_email
from chalicelib.intake.sender_auth import SenderIdentity, authenticate_sender
from local.smtp_intake import LOCAL_AUTHSERV_ID, SmtpIntake

pytestmark = [pytest.mark.integration, pytest.mark.enable_socket]

STAFF = ("example.gov.uk",)
INBOX = "stories@example.gov.uk"


class Stored:
    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()

    def __call__(self, key: str, data: bytes) -> None:
        with self._lock:
            self.items.append((key, data))


@pytest.fixture(scope="module")
def stored() -> Stored:
    return Stored()


@pytest.fixture(scope="module")
def intake(stored: Stored) -> Iterator[SmtpIntake]:
    server = SmtpIntake(
        store=stored, recipients=(INBOX,), staff_domains=STAFF, port=0, max_message_bytes=200_000
    )
    server.start()
    yield server
    server.stop()


def message(header_from: str, *, extra_headers: dict[str, str] | None = None, body: str = "") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = header_from
    msg["To"] = INBOX
    msg["Subject"] = "Night shift at the depot"
    for k, v in (extra_headers or {}).items():
        msg[k] = v
    msg.set_content(body or "The gritters went out at 3am and every school opened on time.")
    return msg


def send(intake: SmtpIntake, stored: Stored, msg: EmailMessage, *, envelope_from: str) -> tuple[str, bytes]:
    before = len(stored.items)
    with smtplib.SMTP(intake.host, intake.port, timeout=10) as client:
        client.send_message(msg, from_addr=envelope_from, to_addrs=[INBOX])
    assert len(stored.items) == before + 1
    return stored.items[-1]


def auth(raw: bytes) -> SenderIdentity:
    return authenticate_sender(raw, trusted_authserv_ids=(LOCAL_AUTHSERV_ID,), staff_domains=STAFF)


def test_good_staff_sender_is_stored_stamped_and_authenticated(intake: SmtpIntake, stored: Stored) -> None:
    key, raw = send(
        intake, stored, message("Jane Smith <jane@example.gov.uk>"), envelope_from="jane@example.gov.uk"
    )
    assert key.startswith("raw/email/")
    assert len(key) > len("raw/email/") + 16
    assert raw.startswith(f"Authentication-Results: {LOCAL_AUTHSERV_ID};".encode())
    assert b"spf=pass" in raw.split(b"\r\n\r\n", 1)[0]
    assert auth(raw) == SenderIdentity("jane@example.gov.uk", "Jane Smith")
    sub = parse_email(raw, raw_key=key, limits=IntakeLimits())
    assert sub.title == "Night shift at the depot"


def test_each_message_gets_its_own_key(intake: SmtpIntake, stored: Stored) -> None:
    key_a, _ = send(intake, stored, message("a <jane@example.gov.uk>"), envelope_from="jane@example.gov.uk")
    key_b, _ = send(intake, stored, message("a <jane@example.gov.uk>"), envelope_from="jane@example.gov.uk")
    assert key_a != key_b


def test_key_is_never_taken_from_the_senders_message_id(intake: SmtpIntake, stored: Stored) -> None:
    msg = message("a <jane@example.gov.uk>", extra_headers={"Message-ID": "<../../config/rules.yaml>"})
    key, _ = send(intake, stored, msg, envelope_from="jane@example.gov.uk")
    assert "rules" not in key
    assert ".." not in key


def test_spoof_with_a_staff_from_header_but_a_foreign_envelope_is_refused(
    intake: SmtpIntake, stored: Stored
) -> None:
    _, raw = send(
        intake, stored, message("Chief Executive <ceo@example.gov.uk>"), envelope_from="x@evil.example"
    )
    top = raw.split(b"\r\n\r\n", 1)[0]
    assert b"spf=none" in top
    assert b"dmarc=fail" in top
    with pytest.raises(SenderNotAuthenticated) as info:
        auth(raw)
    assert info.value.reason.startswith("SPF and DKIM both failed")


def test_sender_inserted_authentication_results_cannot_vouch_for_a_spoof(
    intake: SmtpIntake, stored: Stored
) -> None:
    forged = {
        "Authentication-Results": (
            f"{LOCAL_AUTHSERV_ID}; spf=pass smtp.mailfrom=ceo@example.gov.uk;"
            " dmarc=pass header.from=example.gov.uk"
        )
    }
    msg = message("Chief Executive <ceo@example.gov.uk>", extra_headers=forged)
    _, raw = send(intake, stored, msg, envelope_from="x@evil.example")
    headers = [
        line for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n") if line.startswith(b"Authentication-")
    ]
    assert len(headers) == 2  # ours on top, the forged one left below where nobody reads it
    with pytest.raises(SenderNotAuthenticated):
        auth(raw)


def test_envelope_in_a_staff_domain_with_an_outsider_from_header_is_not_staff(
    intake: SmtpIntake, stored: Stored
) -> None:
    _, raw = send(intake, stored, message("Eve <eve@evil.example>"), envelope_from="jane@example.gov.uk")
    with pytest.raises(SenderNotAuthenticated):
        auth(raw)


def test_unknown_recipient_is_refused_with_550(intake: SmtpIntake, stored: Stored) -> None:
    before = len(stored.items)
    with (
        smtplib.SMTP(intake.host, intake.port, timeout=10) as client,
        pytest.raises(smtplib.SMTPRecipientsRefused) as info,
    ):
        client.sendmail("jane@example.gov.uk", ["someone-else@example.gov.uk"], b"Subject: x\r\n\r\nhi")
    assert info.value.recipients["someone-else@example.gov.uk"][0] == 550
    assert len(stored.items) == before


def test_oversize_message_is_refused_with_552(intake: SmtpIntake, stored: Stored) -> None:
    before = len(stored.items)
    big = message("Jane <jane@example.gov.uk>", body="x" * 300_000)
    with (
        smtplib.SMTP(intake.host, intake.port, timeout=10) as client,
        pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as info,
    ):
        client.send_message(big, from_addr="jane@example.gov.uk", to_addrs=[INBOX])
    assert info.value.smtp_code == 552
    assert len(stored.items) == before


def test_a_failing_store_asks_the_client_to_try_again_later() -> None:
    def broken(key: str, data: bytes) -> None:
        raise OSError("bucket unavailable")

    with (
        SmtpIntake(store=broken, recipients=(INBOX,), staff_domains=STAFF, port=0) as server,
        smtplib.SMTP(server.host, server.port, timeout=10) as client,
        pytest.raises(smtplib.SMTPDataError) as info,
    ):
        client.send_message(message("j <jane@example.gov.uk>"), to_addrs=[INBOX])
    assert info.value.smtp_code == 451


def raw_smtp(intake: SmtpIntake, *, mail_from_arg: str, data: bytes) -> tuple[int, bytes]:
    """One message over SMTP with the MAIL FROM argument and DATA bytes exactly as given (smtplib's
    ``sendmail`` would quote the address and turn bare LF into CRLF)."""
    with smtplib.SMTP(intake.host, intake.port, timeout=10) as client:
        client.ehlo()
        code, reply = client.docmd("MAIL", f"FROM:{mail_from_arg}")
        assert code == 250, reply
        code, reply = client.rcpt(INBOX)
        assert code == 250, reply
        code, reply = client.docmd("DATA")
        assert code == 354, reply
        client.send(data + b"\r\n.\r\n")
        return client.getreply()


ALEX = b"From: Alex Doe <alex.doe@example.gov.uk>\r\nTo: stories@example.gov.uk\r\nSubject: Depot\r\n\r\nHi"


@pytest.mark.parametrize(
    ("envelope", "leading_line"),
    [("x@[;spf=pass;dmarc=pass;x]", b""), ("x@[;spf=pass;dmarc=pass(]", b"")],
    ids=["verdicts-in-the-envelope", "unclosed-comment-in-the-envelope"],
)
def test_a_spoofed_envelope_over_smtp_is_stored_without_it_and_not_authenticated(
    intake: SmtpIntake, stored: Stored, envelope: str, leading_line: bytes
) -> None:
    before = len(stored.items)
    code, _ = raw_smtp(intake, mail_from_arg=f"<{envelope}>", data=leading_line + ALEX)
    assert code == 250
    assert len(stored.items) == before + 1
    raw = stored.items[-1][1]
    top = raw.split(b"\r\n", 1)[0]
    assert envelope.encode() not in top
    assert b"spf=permerror;" in top
    with pytest.raises(SenderNotAuthenticated) as info:
        auth(raw)
    assert info.value.reason.startswith("SPF and DKIM both failed (spf=permerror")


def test_a_message_whose_first_line_would_fold_into_our_header_is_refused_with_554(
    intake: SmtpIntake, stored: Stored
) -> None:
    before = len(stored.items)
    code, reply = raw_smtp(intake, mail_from_arg="<x@[;spf=pass;dmarc=pass(]>", data=b" )\r\n" + ALEX)
    assert code == 554
    assert b"starts with whitespace" in reply
    assert len(stored.items) == before


def test_lines_over_1000_bytes_are_accepted_as_ses_accepts_them(intake: SmtpIntake, stored: Stored) -> None:
    long_line = b"The gritters went out at 3am. " * 200  # about 6,000 bytes on one line
    data = (
        b"From: Jane <jane@example.gov.uk>\r\nTo: stories@example.gov.uk\r\nSubject: Long\r\n\r\n" + long_line
    )
    before = len(stored.items)
    code, reply = raw_smtp(intake, mail_from_arg="<jane@example.gov.uk>", data=data)
    assert code == 250, reply
    raw = stored.items[before][1]
    assert raw.endswith(long_line + b"\r\n")
    assert auth(raw).address == "jane@example.gov.uk"


def test_bare_lf_line_ends_are_accepted_as_ses_accepts_them(intake: SmtpIntake, stored: Stored) -> None:
    body = b"\n".join(
        b"Line %d of a story written by a client that ends lines with LF." % i for i in range(40)
    )
    data = b"From: Jane <jane@example.gov.uk>\nTo: stories@example.gov.uk\nSubject: Bare LF\n\n" + body
    before = len(stored.items)
    code, _ = raw_smtp(intake, mail_from_arg="<jane@example.gov.uk>", data=data)
    assert code == 250
    raw = stored.items[before][1]
    assert raw.endswith(data + b"\r\n")
    assert auth(raw).address == "jane@example.gov.uk"
    sub = parse_email(raw, raw_key="raw/email/x", limits=IntakeLimits())
    assert (sub.title, sub.text.count("\n") >= 39) == ("Bare LF", True)
