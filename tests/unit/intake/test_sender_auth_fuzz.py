"""Fuzzing the intake's header writer and ``authenticate_sender`` with the spoofers' own building blocks.

A spoofed sender here is one whose connection fails SPF for the From domain: Alex's address in From,
sent from a host that only ``evil.example``'s SPF record lists. Whatever that sender chooses for MAIL
FROM, the display name or lines that fold into the header above them, the message must never be
accepted; and whatever an Authentication-Results header says, reading it may only ever end in a
SenderIdentity or SenderNotAuthenticated.
"""

from __future__ import annotations

from email.header import Header

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chalicelib.domain.errors import SenderNotAuthenticated
from chalicelib.intake.sender_auth import authenticate_sender
from local.smtp_intake import LOCAL_AUTHSERV_ID, SmtpIntake, authentication_results

STAFF = ("example.gov.uk",)
ATTACKER = "198.51.100.7"
RECORDS = {"example.gov.uk": ("127.0.0.1",), "evil.example": (ATTACKER,)}
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "spf=pass",
    "spf=none",
    "dkim=pass",
    "dmarc=pass",
    "dmarc=fail",
    "dmarc=none",
    "header.from=",
    "header.from=example.gov.uk",
    "header.d=example.gov.uk",
    "header.i=@example.gov.uk",
    "smtp.mailfrom=",
    "smtp.mailfrom=alex.doe@example.gov.uk",
    "envelope-from=alex.doe@example.gov.uk",
    "client-ip=192.0.2.1",
    "helo=mail.example.gov.uk",
    "example.gov.uk",
    "alex.doe@example.gov.uk",
    LOCAL_AUTHSERV_ID,
    "amazonses.com",
    "(",
    ")",
    ";",
    '"',
    "\\",
    "=",
    "@",
    "[",
    "]",
    "<",
    ">",
    ",",
    ":",
    " ",
    "\t",
    "\r\n ",
    "\r\n\t",
    "\r\n",
    "\n",
    "=?utf-8?q?",
    "?=",
    "=0D=0A",
    "x",
]
fragments = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=14).map("".join)


def alex_message(display: str, *, encode_name: bool, prefix: str) -> bytes:
    name = Header(display, "utf-8").encode() if encode_name else display
    head = f"{prefix}From: {name} <alex.doe@example.gov.uk>\r\nTo: stories@example.gov.uk\r\nSubject: s\r\n"
    return head.encode("utf-8", "surrogateescape") + b"\r\nI wrote this.\r\n"


def accepted(raw: bytes, trusted: tuple[str, ...] = (LOCAL_AUTHSERV_ID,)) -> bool:
    try:
        authenticate_sender(raw, trusted_authserv_ids=trusted, staff_domains=STAFF)
    except SenderNotAuthenticated:
        return False
    return True


@FUZZ
@given(
    mail_from=st.one_of(fragments, st.sampled_from(["x@evil.example", "", "x@[;spf=pass;dmarc=pass;x]"])),
    display=fragments,
    encode_name=st.booleans(),
    prefix=fragments,
)
# The penetration test's two spoofs: verdicts in a bracketed envelope, and an unclosed comment closed by a
# leading folded line.
@example(mail_from="x@[;spf=pass;dmarc=pass;x]", display="Alex", encode_name=False, prefix="")
@example(mail_from="x@[;spf=pass;dmarc=pass(]", display="Alex", encode_name=False, prefix=" )\r\n")
def test_no_spoofed_sender_is_ever_accepted_through_the_intake(
    mail_from: str, display: str, encode_name: bool, prefix: str
) -> None:
    raw = alex_message(display, encode_name=encode_name, prefix=prefix)
    stored: list[bytes] = []
    intake = SmtpIntake(
        store=lambda _, data: stored.append(data),
        recipients=("stories@example.gov.uk",),
        staff_domains=STAFF,
        spf_records=RECORDS,
    )
    reply = intake.receive(raw, mail_from=mail_from, peer_ip=ATTACKER)
    if reply.startswith("250 "):
        [data] = stored
        assert not accepted(data), (mail_from, display, prefix)
    else:
        assert reply[:1] in ("4", "5")
        assert stored == []
    # Even if a message starting with whitespace got past the intake, the joined header is not believed.
    try:
        header = authentication_results(
            raw,
            mail_from=mail_from,
            peer_ip=ATTACKER,
            spf_records=RECORDS,
            dmarc_domains=STAFF,
            org_domains=STAFF,
        )
    except ValueError:
        return
    assert not accepted(header.encode("ascii") + raw), (mail_from, display, prefix)


@FUZZ
@given(continuation=fragments, envelope=st.sampled_from(["", "x@evil.example", "bounce@example.gov.uk"]))
def test_nothing_folded_onto_the_intakes_failing_header_makes_it_pass(
    continuation: str, envelope: str
) -> None:
    header = authentication_results(
        b"From: alex.doe@example.gov.uk\r\n\r\n",
        mail_from=envelope,
        peer_ip=ATTACKER,
        spf_records=RECORDS,
        dmarc_domains=STAFF,
        org_domains=STAFF,
    )
    assert "dmarc=fail" in header
    folded = header[:-2] + "\r\n " + continuation.replace("\r\n", "\r\n ") + "\r\n"
    raw = folded.encode("utf-8", "surrogateescape") + alex_message("Alex", encode_name=False, prefix="")
    assert not accepted(raw), continuation


@FUZZ
@given(value=fragments, trusted=st.booleans())
def test_any_authentication_results_value_ends_in_an_identity_or_sender_not_authenticated(
    value: str, trusted: bool
) -> None:
    raw = b"Authentication-Results: " + value.encode("utf-8", "surrogateescape") + b"\r\n"
    raw += alex_message("Alex", encode_name=False, prefix="")
    ids = (LOCAL_AUTHSERV_ID, "amazonses.com") if trusted else ("mx.other.example",)
    if accepted(raw, ids):
        # Only a header from a trusted server that says DMARC passed or found no policy gets this far.
        assert trusted
        assert "dmarc=fail" not in value.replace(" ", "")
