"""The local SMTP intake's sender judgements (SPF, DMARC) as pure functions, without a socket."""

from __future__ import annotations

import pytest

from chalicelib.intake.sender_auth import parse_authentication_results
from local.smtp_intake import LOCAL_AUTHSERV_ID, authentication_results, dmarc_result, spf_result

RECORDS = {"example.gov.uk": ("127.0.0.1", "::1", "192.0.2.0/24")}


@pytest.mark.parametrize(
    ("mail_from", "peer", "expected"),
    [
        ("jane@example.gov.uk", "127.0.0.1", "pass"),
        ("jane@EXAMPLE.gov.uk", "::ffff:127.0.0.1", "pass"),
        ("jane@example.gov.uk", "192.0.2.77", "pass"),
        ("jane@example.gov.uk", "198.51.100.1", "fail"),
        ("eve@evil.example", "127.0.0.1", "none"),
        ("jane@social.example.gov.uk", "127.0.0.1", "none"),  # SPF records do not inherit
        ("", "127.0.0.1", "none"),
    ],
)
def test_spf_follows_the_local_dns_table(mail_from: str, peer: str, expected: str) -> None:
    assert spf_result(mail_from, peer, RECORDS) == expected


@pytest.mark.parametrize(
    ("spf", "mail_from", "from_domain", "expected"),
    [
        ("pass", "jane@example.gov.uk", "example.gov.uk", "pass"),
        ("pass", "bounce@mail.example.gov.uk", "example.gov.uk", "pass"),
        ("none", "eve@evil.example", "example.gov.uk", "fail"),
        ("pass", "eve@evil.example", "example.gov.uk", "fail"),
        ("fail", "jane@example.gov.uk", "social.example.gov.uk", "fail"),
        ("none", "eve@evil.example", "evil.example", "none"),
    ],
)
def test_dmarc_needs_an_aligned_spf_pass(spf: str, mail_from: str, from_domain: str, expected: str) -> None:
    result = dmarc_result(
        spf=spf,
        mail_from=mail_from,
        from_domain=from_domain,
        dmarc_domains=("example.gov.uk",),
        org_domains=("example.gov.uk",),
    )
    assert result == expected


def test_the_header_written_parses_back_to_the_same_verdicts() -> None:
    header = authentication_results(
        b"From: Jane <jane@example.gov.uk>\r\nSubject: s\r\n\r\nbody",
        mail_from="jane@example.gov.uk",
        peer_ip="127.0.0.1",
        spf_records=RECORDS,
        dmarc_domains=("example.gov.uk",),
        org_domains=("example.gov.uk",),
    )
    assert header.startswith(f"Authentication-Results: {LOCAL_AUTHSERV_ID};")
    ar = parse_authentication_results(header.split(":", 1)[1])
    assert ar.authserv_id == LOCAL_AUTHSERV_ID
    assert [(r.method, r.result) for r in ar.results] == [
        ("spf", "pass"),
        ("dkim", "none"),
        ("dmarc", "pass"),
    ]


def test_two_from_addresses_make_dmarc_a_permanent_error() -> None:
    header = authentication_results(
        b"From: a@example.gov.uk, b@example.gov.uk\r\n\r\nbody",
        mail_from="a@example.gov.uk",
        peer_ip="127.0.0.1",
        spf_records=RECORDS,
        dmarc_domains=("example.gov.uk",),
        org_domains=("example.gov.uk",),
    )
    assert "dmarc=permerror" in header
