"""The local intake's Authentication-Results holds only values it checked, and the parser reads it back.

The penetration test's spoofs worked because the intake copied the envelope sender into its own trusted
header and stored a message whose first line folded into that header. These tests drive
``SmtpIntake.receive`` (the intake without the socket) and read what it stored with
``authenticate_sender``, as ingest does.
"""

from __future__ import annotations

import logging

import pytest

from chalicelib.domain.errors import SenderNotAuthenticated
from chalicelib.intake.sender_auth import SenderIdentity, authenticate_sender, parse_authentication_results
from local.smtp_intake import (
    LEADING_WHITESPACE_REPLY,
    LOCAL_AUTHSERV_ID,
    SmtpIntake,
    authentication_results,
    envelope_sender,
)

STAFF = ("example.gov.uk",)
INBOX = "stories@example.gov.uk"
STAFF_HOST = "127.0.0.1"
ATTACKER = "198.51.100.7"  # listed in SPF for evil.example only
RECORDS = {"example.gov.uk": ("127.0.0.1",), "evil.example": (ATTACKER,)}
ALEX = (
    b"From: Alex Doe <alex.doe@example.gov.uk>\r\nTo: stories@example.gov.uk\r\nSubject: Depot\r\n\r\nHi\r\n"
)
SPOOFED_ENVELOPES = [
    "x@[;spf=pass;dmarc=pass;x]",
    "x@[;spf=pass;dmarc=pass(]",
    "alex.doe@example.gov.uk; spf=pass",
    "alex.doe@example.gov.uk (spf=pass)",
    '"x;spf=pass"@example.gov.uk',
    "alex.doe@example.gov.uk\r\n dmarc=pass",
    "x@[192.0.2.1]",
    "a@example.gov.uk,b@evil.example",
    "=?utf-8?q?x?=@example.gov.uk",
]


class Stored:
    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def __call__(self, key: str, data: bytes) -> None:
        self.items.append((key, data))


def intake(stored: Stored) -> SmtpIntake:
    return SmtpIntake(store=stored, recipients=(INBOX,), staff_domains=STAFF, spf_records=RECORDS)


def auth(raw: bytes) -> SenderIdentity:
    return authenticate_sender(raw, trusted_authserv_ids=(LOCAL_AUTHSERV_ID,), staff_domains=STAFF)


def header_of(raw: bytes) -> str:
    first = raw.split(b"\r\n", 1)[0].decode("ascii")
    assert first.startswith(f"Authentication-Results: {LOCAL_AUTHSERV_ID};")
    return first


@pytest.mark.parametrize("mail_from", SPOOFED_ENVELOPES)
def test_an_envelope_sender_that_is_not_one_plain_address_is_never_written_into_the_header(
    mail_from: str,
) -> None:
    assert envelope_sender(mail_from) is None
    header = authentication_results(
        ALEX,
        mail_from=mail_from,
        peer_ip=ATTACKER,
        spf_records=RECORDS,
        dmarc_domains=STAFF,
        org_domains=STAFF,
    )
    assert header.count("\r\n") == 1 and header.endswith("\r\n")
    assert "smtp.mailfrom" not in header
    ar = parse_authentication_results(header.split(":", 1)[1])
    assert [(r.method, r.result) for r in ar.results] == [
        ("spf", "permerror"),
        ("dkim", "none"),
        ("dmarc", "fail"),
    ]


@pytest.mark.parametrize("mail_from", SPOOFED_ENVELOPES)
def test_a_spoofed_envelope_received_by_the_intake_is_not_authenticated(mail_from: str) -> None:
    stored = Stored()
    reply = intake(stored).receive(ALEX, mail_from=mail_from, peer_ip=ATTACKER)
    assert reply.startswith("250 ")
    [(_, raw)] = stored.items
    assert "smtp.mailfrom" not in header_of(raw)
    with pytest.raises(SenderNotAuthenticated, match=r"SPF and DKIM both failed \(spf=permerror"):
        auth(raw)


def test_a_plain_envelope_sender_is_written_lower_case_and_authenticates_staff() -> None:
    stored = Stored()
    intake(stored).receive(ALEX, mail_from="Alex.Doe@EXAMPLE.gov.uk", peer_ip=STAFF_HOST)
    [(_, raw)] = stored.items
    assert header_of(raw) == (
        f"Authentication-Results: {LOCAL_AUTHSERV_ID}; spf=pass smtp.mailfrom=alex.doe@example.gov.uk;"
        " dkim=none (not verified by the local intake); dmarc=pass header.from=example.gov.uk"
    )
    assert auth(raw) == SenderIdentity("alex.doe@example.gov.uk", "Alex Doe")


def test_a_foreign_envelope_that_passes_its_own_spf_is_still_refused_for_a_staff_from() -> None:
    stored = Stored()
    intake(stored).receive(ALEX, mail_from="eve@evil.example", peer_ip=ATTACKER)
    [(_, raw)] = stored.items
    assert "spf=pass smtp.mailfrom=eve@evil.example" in header_of(raw)
    with pytest.raises(SenderNotAuthenticated, match=r"DMARC failed for example\.gov\.uk"):
        auth(raw)


@pytest.mark.parametrize("first", [b" ", b"\t", b"\r\n", b"\n"])
def test_a_message_starting_with_whitespace_is_refused_with_a_5xx_and_logged(
    first: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    stored = Stored()
    caplog.set_level(logging.WARNING, logger="local.smtp_intake")
    reply = intake(stored).receive(first + b")\r\n" + ALEX, mail_from="x@evil.example", peer_ip=ATTACKER)
    assert reply == LEADING_WHITESPACE_REPLY
    assert reply.startswith("554 ")
    assert stored.items == []
    assert any("starts with whitespace" in r.getMessage() for r in caplog.records)


def test_blank_lines_of_spaces_before_the_headers_are_dropped_and_the_message_taken() -> None:
    """Real clients leave them (four messages of the shared real-mail set begin so); they carry nothing."""
    stored = Stored()
    reply = intake(stored).receive(
        b" " * 60 + b"\r\n\t \r\n" + ALEX, mail_from="alex.doe@example.gov.uk", peer_ip=STAFF_HOST
    )
    assert reply.startswith("250 ")
    [(_, raw)] = stored.items
    assert auth(raw).address == "alex.doe@example.gov.uk"


def test_a_display_name_with_an_encoded_line_break_still_gets_a_dmarc_verdict_for_its_domain() -> None:
    stored = Stored()
    raw = ALEX.replace(b"Alex Doe", b"=?utf-8?q?Alex=0D=0ABcc:_x?=")
    intake(stored).receive(raw, mail_from="alex.doe@example.gov.uk", peer_ip=STAFF_HOST)
    [(_, stamped)] = stored.items
    assert header_of(stamped).endswith("dmarc=pass header.from=example.gov.uk")
    assert auth(stamped) == SenderIdentity("alex.doe@example.gov.uk", "Alex Bcc: x")


def test_an_authserv_id_that_is_not_a_domain_name_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match="authserv-id"):
        SmtpIntake(store=Stored(), recipients=(INBOX,), staff_domains=STAFF, authserv_id="x; spf=pass")
