"""Sender authentication: only the receiving server's topmost verdict counts, and only for staff."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import SenderNotAuthenticated
from chalicelib.intake.sender_auth import (
    SenderIdentity,
    authenticate_sender,
    domains_aligned,
    parse_authentication_results,
)

from ._build import email, ses_stamp

TRUSTED = ("amazonses.com",)
STAFF = ("example.gov.uk",)


def auth(raw: bytes, staff: tuple[str, ...] = STAFF) -> SenderIdentity:
    return authenticate_sender(raw, trusted_authserv_ids=TRUSTED, staff_domains=staff)


def refusal(raw: bytes, staff: tuple[str, ...] = STAFF) -> str:
    with pytest.raises(SenderNotAuthenticated) as info:
        auth(raw, staff)
    return info.value.reason


def test_authenticated_staff_sender_is_identified_with_a_lower_case_address() -> None:
    ident = auth(ses_stamp(email()))
    assert ident == SenderIdentity("jane.smith@example.gov.uk", "Jane Smith", "example.gov.uk")


def test_sender_in_a_subdomain_of_a_staff_domain_is_accepted() -> None:
    raw = ses_stamp(
        email(sender="Al <al@social.example.gov.uk>"),
        mailfrom="al@social.example.gov.uk",
        dkim_domain="social.example.gov.uk",
        from_domain="social.example.gov.uk",
    )
    assert auth(raw).domain == "social.example.gov.uk"


@pytest.mark.parametrize("domain", ["notexample.gov.uk", "example.gov.uk.evil.example", "gov.uk"])
def test_lookalike_domains_are_not_staff_domains(domain: str) -> None:
    raw = ses_stamp(
        email(sender=f"X <x@{domain}>"), mailfrom=f"x@{domain}", dkim_domain=domain, from_domain=domain
    )
    assert refusal(raw) == f"sender domain {domain} is not a staff domain"


def test_fully_authenticated_outsider_is_refused_as_not_staff() -> None:
    raw = ses_stamp(
        email(sender="Eve <eve@evil.example>"),
        mailfrom="eve@evil.example",
        dkim_domain="evil.example",
        from_domain="evil.example",
    )
    assert refusal(raw) == "sender domain evil.example is not a staff domain"


def test_spoofed_sender_failing_spf_and_dkim_is_refused() -> None:
    raw = ses_stamp(email(), spf="fail", dkim="none", dmarc="fail", mailfrom="eve@evil.example")
    assert refusal(raw).startswith("SPF and DKIM both failed")


def test_dmarc_failure_is_refused_even_when_spf_passed_for_another_domain() -> None:
    raw = ses_stamp(email(), spf="pass", dkim="none", dmarc="fail", mailfrom="eve@evil.example")
    assert refusal(raw) == "DMARC failed for example.gov.uk"


def test_dmarc_none_is_accepted_when_spf_passed_for_an_aligned_domain() -> None:
    raw = ses_stamp(email(), dkim="none", dmarc="none", mailfrom="bounces@mail.example.gov.uk")
    assert auth(raw).address == "jane.smith@example.gov.uk"


def test_dmarc_none_is_refused_when_the_only_pass_is_for_an_unaligned_domain() -> None:
    raw = ses_stamp(email(), dkim="none", dmarc="none", mailfrom="eve@evil.example")
    assert "no SPF or DKIM pass aligned" in refusal(raw)


def test_dkim_pass_alone_with_dmarc_pass_is_enough() -> None:
    raw = ses_stamp(email(), spf="softfail", dkim="pass", dmarc="pass")
    assert auth(raw).domain == "example.gov.uk"


def test_dmarc_temperror_is_refused() -> None:
    assert refusal(ses_stamp(email(), dmarc="temperror")) == "DMARC temperror for example.gov.uk"


def test_dmarc_result_for_a_different_domain_than_from_is_refused() -> None:
    raw = ses_stamp(email(), from_domain="other.example")
    assert "DMARC result is for other.example" in refusal(raw)


def test_message_without_authentication_results_is_refused() -> None:
    assert refusal(email()) == "no Authentication-Results from the receiving server"


def test_topmost_authentication_results_from_an_untrusted_server_is_refused() -> None:
    raw = ses_stamp(email(), authserv_id="mx.evil.example")
    assert "the topmost is from mx.evil.example" in refusal(raw)


def test_sender_supplied_passing_results_below_the_servers_failing_ones_are_ignored() -> None:
    forged = (
        b"Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=jane.smith@example.gov.uk;"
        b" dkim=pass header.i=@example.gov.uk; dmarc=pass header.from=example.gov.uk\r\n"
    )
    raw = ses_stamp(forged + email(), spf="fail", dkim="none", dmarc="fail", mailfrom="eve@evil.example")
    assert refusal(raw).startswith("SPF and DKIM both failed")


def test_trusted_looking_results_below_an_untrusted_topmost_header_are_not_used() -> None:
    raw = b"Received: from mx.evil.example\r\n" + ses_stamp(email(), authserv_id="amazonses.com")
    raw = ses_stamp(raw, authserv_id="mx.other.example")
    assert "topmost is from mx.other.example" in refusal(raw)


@pytest.mark.parametrize("header", ["X-SES-Spam-Verdict", "X-SES-Virus-Verdict"])
def test_ses_spam_or_virus_verdict_of_fail_is_refused(header: str) -> None:
    raw = ses_stamp(email(), extra=f"{header}: FAIL\r\n")
    assert "FAIL" in refusal(raw)


def test_two_from_headers_are_refused() -> None:
    raw = ses_stamp(b"From: Boss <boss@example.gov.uk>\r\n" + email())
    assert refusal(raw) == "the message has more than one From header"


def test_two_addresses_in_from_are_refused() -> None:
    raw = ses_stamp(email(sender="a@example.gov.uk, b@example.gov.uk"))
    assert "exactly one address" in refusal(raw)


def test_missing_from_is_refused() -> None:
    assert refusal(ses_stamp(email(sender=None))) == "the message has no From header"


def test_display_name_pretending_to_be_staff_does_not_change_the_address() -> None:
    raw = ses_stamp(
        email(sender='"jane.smith@example.gov.uk" <eve@evil.example>'),
        mailfrom="eve@evil.example",
        dkim_domain="evil.example",
        from_domain="evil.example",
    )
    assert refusal(raw) == "sender domain evil.example is not a staff domain"


def test_comments_containing_semicolons_do_not_split_results() -> None:
    ar = parse_authentication_results(
        "amazonses.com; spf=pass (a; b (nested; c)) smtp.mailfrom=x@example.gov.uk;"
        ' dkim = pass header.d="example.gov.uk" header.s=sel; dmarc=fail header.from=example.gov.uk'
    )
    assert ar.authserv_id == "amazonses.com"
    assert [(r.method, r.result, r.domain()) for r in ar.results] == [
        ("spf", "pass", "example.gov.uk"),
        ("dkim", "pass", "example.gov.uk"),
        ("dmarc", "fail", "example.gov.uk"),
    ]


def test_results_header_saying_none_has_no_results() -> None:
    ar = parse_authentication_results("mx.example.net 1; none")
    assert (ar.authserv_id, ar.results) == ("mx.example.net", ())


def test_a_leading_semicolon_cannot_make_a_method_pose_as_the_authserv_id() -> None:
    assert parse_authentication_results("; spf=pass").authserv_id == ""


@pytest.mark.parametrize(
    ("a", "b", "aligned"),
    [
        ("example.gov.uk", "example.gov.uk", True),
        ("mail.example.gov.uk", "example.gov.uk", True),
        ("a.example.gov.uk", "b.example.gov.uk", True),  # both under the staff (organisational) domain
        ("council-a.gov.uk", "council-b.gov.uk", False),  # gov.uk is a public suffix, not an organisation
        ("evil.example", "example.gov.uk", False),
    ],
)
def test_alignment_never_treats_a_public_suffix_as_an_organisation(a: str, b: str, aligned: bool) -> None:
    assert domains_aligned(a, b, org_domains=STAFF) is aligned
