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
    assert ident == SenderIdentity("jane.smith@example.gov.uk", "Jane Smith")


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
        ' dkim = pass header.s=sel header.d="example.gov.uk"; dmarc=fail header.from=example.gov.uk'
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
    with pytest.raises(SenderNotAuthenticated, match="could not be read"):
        parse_authentication_results("; spf=pass smtp.mailfrom=x@example.gov.uk")


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


# --- the penetration test's findings, and the header shapes they relied on -----------------------------

LOCAL = "local-intake.real-stories.invalid"
ALEX = (
    b"From: Alex Doe <alex.doe@example.gov.uk>\r\nTo: stories@example.gov.uk\r\nSubject: Depot\r\n\r\nHi\r\n"
)
# SES receiving's header, as SES writes it (non-standard bare properties and a trailing ";" included).
SES_HEADER = (
    "Authentication-Results: amazonses.com;\r\n"
    " spf=pass (spf: domain of example.gov.uk designates 192.0.2.1 as permitted sender)"
    " client-ip=192.0.2.1; envelope-from=alex.doe@example.gov.uk; helo=mail.example.gov.uk;\r\n"
    " dkim=pass header.i=@example.gov.uk;\r\n"
    " dmarc=pass header.from=example.gov.uk;\r\n"
)


def stamped(header_value: str, message: bytes = ALEX) -> bytes:
    return f"Authentication-Results: {header_value}\r\n".encode() + message


def local_refusal(raw: bytes) -> str:
    with pytest.raises(SenderNotAuthenticated) as info:
        authenticate_sender(raw, trusted_authserv_ids=(LOCAL,), staff_domains=STAFF)
    return info.value.reason


def test_ses_header_exactly_as_ses_writes_it_authenticates_the_sender() -> None:
    ident = auth(SES_HEADER.encode() + ALEX)
    assert ident == SenderIdentity("alex.doe@example.gov.uk", "Alex Doe")


def test_ses_envelope_from_and_helo_are_read_as_the_spf_results_properties() -> None:
    ar = parse_authentication_results(SES_HEADER.split(":", 1)[1])
    assert ar.authserv_id == "amazonses.com"
    spf, dkim, dmarc = ar.results
    assert (spf.method, spf.result, spf.domain()) == ("spf", "pass", "example.gov.uk")
    assert spf.properties["smtp.mailfrom"] == "alex.doe@example.gov.uk"
    assert spf.properties["smtp.helo"] == "mail.example.gov.uk"
    assert (dkim.method, dkim.result, dkim.domain()) == ("dkim", "pass", "example.gov.uk")
    assert (dmarc.method, dmarc.result, dmarc.domain()) == ("dmarc", "pass", "example.gov.uk")


def test_ses_spf_pass_for_a_foreign_envelope_without_dmarc_cover_is_refused() -> None:
    header = SES_HEADER.replace("envelope-from=alex.doe@example.gov.uk", "envelope-from=eve@evil.example")
    header = header.replace(" dkim=pass", " dkim=none").replace("dmarc=pass", "dmarc=none")
    assert "no SPF or DKIM pass aligned" in refusal(header.encode() + ALEX)


def test_ses_envelope_from_anywhere_but_after_spf_is_unreadable() -> None:
    raw = stamped(
        "amazonses.com; dkim=pass header.i=@example.gov.uk; envelope-from=alex.doe@example.gov.uk;"
        " dmarc=pass header.from=example.gov.uk"
    )
    assert "could not be read" in refusal(raw)


def test_spoofed_envelope_that_wrote_spf_pass_into_the_intakes_header_is_refused() -> None:
    # What the local intake wrote for MAIL FROM:<x@[;spf=pass;dmarc=pass;x]> from a host failing SPF.
    raw = stamped(
        f"{LOCAL};\r\n spf=none smtp.mailfrom=x@[;spf=pass;dmarc=pass;x];\r\n"
        " dkim=none (not verified by the local intake);\r\n dmarc=fail header.from=example.gov.uk"
    )
    assert "could not be read" in local_refusal(raw)


@pytest.mark.parametrize(
    "leading_line",
    [b" )\r\n", b"\t)\r\n", b""],
    ids=["folded-line-closes-the-comment", "tab-folded-line", "comment-never-closed"],
)
def test_unclosed_comment_hiding_the_intakes_dmarc_fail_is_refused(leading_line: bytes) -> None:
    header = (
        f"Authentication-Results: {LOCAL};\r\n spf=none smtp.mailfrom=x@[;spf=pass;dmarc=pass(];\r\n"
        " dkim=none (not verified by the local intake);\r\n dmarc=fail header.from=example.gov.uk\r\n"
    )
    assert "could not be read" in local_refusal(header.encode() + leading_line + ALEX)


@pytest.mark.parametrize(
    "continuation",
    [
        " ; dmarc=pass header.from=example.gov.uk",
        " ; spf=pass smtp.mailfrom=alex.doe@example.gov.uk",
        " ; dkim=pass header.d=example.gov.uk",
        " header.from=example.gov.uk",
        " (",
    ],
)
def test_a_leading_folded_line_cannot_add_a_verdict_to_the_intakes_header(continuation: str) -> None:
    header = (
        f"Authentication-Results: {LOCAL}; spf=none smtp.mailfrom=x@evil.example;"
        " dkim=none (not verified by the local intake); dmarc=fail header.from=example.gov.uk\r\n"
    )
    reason = local_refusal(header.encode() + continuation.encode() + b"\r\n" + ALEX)
    assert "could not be read" in reason or "DMARC failed" in reason


def test_dkim_pass_for_a_domain_not_aligned_with_from_does_not_authenticate() -> None:
    raw = stamped(
        "amazonses.com; spf=fail smtp.mailfrom=eve@evil.example; dkim=pass header.d=evil.example;"
        " dmarc=pass header.from=example.gov.uk"
    )
    assert "DKIM pass is for a domain not aligned" in refusal(raw)


def test_dmarc_pass_without_header_from_is_refused() -> None:
    raw = stamped("amazonses.com; spf=pass smtp.mailfrom=eve@evil.example; dmarc=pass")
    assert refusal(raw).endswith("(its dmarc pass names no From domain)")


@pytest.mark.parametrize(
    "dmarc",
    [
        "dmarc=pass header.from=evil.example",
        "dmarc=pass header.i=@example.gov.uk header.from=evil.example",
        "dmarc=pass header.from=example.gov.uk.evil.example",
    ],
)
def test_dmarc_pass_for_another_domain_is_refused(dmarc: str) -> None:
    raw = stamped(f"amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; {dmarc}")
    assert "not the From domain example.gov.uk" in refusal(raw)


@pytest.mark.parametrize(
    "value",
    [
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk garbage; dmarc=pass"
        " header.from=example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; dmarc=pass"
        ' header.from="example.gov.uk',
        "amazonses.com spf=pass smtp.mailfrom=alex.doe@example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; spf=fail"
        " smtp.mailfrom=alex.doe@example.gov.uk; dmarc=pass header.from=example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; dmarc=fail"
        " header.from=example.gov.uk; dmarc=pass header.from=example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk smtp.mailfrom=eve@evil.example;"
        " dmarc=pass header.from=example.gov.uk",
        "amazonses.com; spf=pass; dkim=pass header.d=example.gov.uk; dmarc=pass header.from=example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=x@[192.0.2.1]; dmarc=pass header.from=example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=x@-bad-.gov.uk; dmarc=pass header.from=example.gov.uk",
        "amazonses.com; dkim=pass header.d=example.gov.uk; dkim=fail header.d=example.gov.uk;"
        " dmarc=pass header.from=example.gov.uk",
        "amazonses.com; dkim=none; dkim=pass header.d=example.gov.uk; dmarc=pass header.from=example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; dmarc=pass header.from=example.gov.uk"
        " (unclosed",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; dmarc=pass header.from=example.gov.uk"
        " ; ;",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk; dmarc=pass header.from=example.gov.uk"
        + " x" * 2500,
        "amazonses.com; \x00spf=pass smtp.mailfrom=alex.doe@example.gov.uk",
        "amazonses.com; spf=pass smtp.mailfrom=alex.doe@example.gov.uk\u00a0; dmarc=pass"
        " header.from=example.gov.uk",
    ],
    ids=[
        "junk-after-a-property",
        "unclosed-quote",
        "no-semicolon-after-the-id",
        "two-conflicting-spf-results",
        "two-conflicting-dmarc-results",
        "a-property-given-twice",
        "spf-pass-with-no-domain",
        "spf-pass-for-an-ip-literal",
        "spf-pass-for-a-non-domain",
        "one-dkim-domain-two-results",
        "dkim-none-beside-a-pass",
        "unclosed-comment-at-the-end",
        "empty-results",
        "too-long",
        "control-character",
        "non-ascii",
    ],
)
def test_an_unreadable_authentication_results_header_is_a_fail(value: str) -> None:
    reason = refusal(stamped(value))
    assert "could not be read" in reason or "too long to read" in reason


def test_the_reason_never_quotes_the_text_the_parser_stopped_at() -> None:
    reason = refusal(stamped("amazonses.com; spf=pass smtp.mailfrom=a@example.gov.uk SECRET-SENDER-TEXT"))
    assert "SECRET-SENDER-TEXT" not in reason.upper()
    assert reason.startswith("the receiving server's Authentication-Results could not be read (")


def test_a_display_name_with_an_encoded_line_break_is_accepted_on_one_line() -> None:
    raw = ses_stamp(
        ALEX.replace(b"Alex Doe", b"=?utf-8?q?Alex=0D=0ABcc:_x?="), mailfrom="alex.doe@example.gov.uk"
    )
    ident = auth(raw)
    assert ident == SenderIdentity("alex.doe@example.gov.uk", "Alex Bcc: x")


def test_a_from_address_email_validator_refuses_is_refused() -> None:
    raw = ses_stamp(email(sender='"x y"@example.gov.uk'))
    assert refusal(raw).startswith("the From address cannot be used")
