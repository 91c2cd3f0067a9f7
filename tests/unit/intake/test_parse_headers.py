"""Handlers that need only a message's headers read only its headers, and read them as the stdlib would."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default
from pathlib import Path

import pytest

from chalicelib.intake.headers import parse_headers

REAL_MAIL = Path(__file__).resolve().parents[3].parent / "shared" / "real-mail" / "messages"
HEADERS = (
    b"From: Alex <alex@example.gov.uk>",
    b"Subject: Bins",
    b"References: <a@b> <c@d>",
    b"X-Long: one",
    b"\ttwo",
)
BODY = b"Body line\r\nFrom: not a header\r\n"


def _same(a: object, b: object) -> None:
    assert list(a.raw_items()) == list(b.raw_items())  # type: ignore[attr-defined]


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r"], ids=["crlf", "lf", "cr"])
def test_the_headers_are_those_before_the_first_blank_line_whatever_the_line_ends(eol: bytes) -> None:
    raw = eol.join(HEADERS) + eol + eol + BODY.replace(b"\r\n", eol) + b"A" * 500_000
    msg = parse_headers(raw)
    _same(msg, BytesParser(policy=default).parsebytes(raw, headersonly=True))
    assert msg["Subject"] == "Bins" and msg.get_payload() == ""  # the body was never read


def test_one_crlf_is_one_line_end_not_a_blank_line() -> None:
    raw = b"From: a@example.gov.uk\r\nSubject: Two\r\n\r\nbody"
    assert parse_headers(raw)["Subject"] == "Two"


def test_a_message_with_no_body_is_all_headers() -> None:
    assert parse_headers(b"From: a@example.gov.uk\r\nSubject: Only")["Subject"] == "Only"


@pytest.mark.skipif(
    not REAL_MAIL.is_dir(), reason="the shared real-mail set (../shared/real-mail) is not here"
)
def test_every_real_message_gives_the_headers_the_stdlib_gives() -> None:
    messages = sorted(REAL_MAIL.glob("*.eml"))
    assert len(messages) >= 40
    for path in messages:
        raw = path.read_bytes()
        _same(parse_headers(raw), BytesParser(policy=default).parsebytes(raw, headersonly=True))


def _real_messages() -> list[Path]:
    messages = sorted(REAL_MAIL.glob("*.eml"))
    assert len(messages) >= 40
    return messages


@pytest.mark.skipif(
    not REAL_MAIL.is_dir(), reason="the shared real-mail set (../shared/real-mail) is not here"
)
def test_the_block_by_block_parse_and_the_in_place_base64_give_what_the_stdlib_gives() -> None:
    from chalicelib.intake.mime import _base64_in_place, _parse

    decoded = 0
    for path in _real_messages():
        raw = path.read_bytes()
        ours, stdlib = _parse(raw), BytesParser(policy=default).parsebytes(raw)
        assert ours.as_bytes() == stdlib.as_bytes(), path.name
        for part in ours.walk():
            fast = _base64_in_place(part)
            if fast is not None:
                decoded += 1
                assert fast == part.get_payload(decode=True), path.name
    assert decoded >= 10  # the set has photos and base64 bodies: the fast way was taken


def test_a_base64_body_cut_short_goes_the_stdlib_way() -> None:
    from chalicelib.intake.mime import _base64_in_place, _parse

    raw = b"Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRg"
    assert _base64_in_place(_parse(raw)) is None
