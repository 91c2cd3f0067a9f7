"""One parser for every address: exactly one plain address, nothing a header decoder reads differently."""

from __future__ import annotations

import pytest

from chalicelib.adapters.ports import OutgoingEmail
from chalicelib.adapters.ses import build_mime
from chalicelib.domain.addresses import in_domain, parse_address
from chalicelib.domain.errors import InvalidAddress


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("alex.doe@example.gov.uk", "alex.doe@example.gov.uk"),
        ("  Alex.Doe@Example.GOV.uk ", "alex.doe@example.gov.uk"),
        ("o'brien@example.gov.uk", "o'brien@example.gov.uk"),
        ("alex+stories@bins.example.gov.uk", "alex+stories@bins.example.gov.uk"),
    ],
)
def test_a_plain_address_is_accepted_and_lower_cased(value: str, expected: str) -> None:
    assert parse_address(value).addr_spec == expected


@pytest.mark.parametrize(
    "value",
    [
        "=?utf-8?q?mallory=40evil.example?=,alex.doe@example.gov.uk",
        "=?utf-8?q?mallory=40evil.example=2C?=alex.doe@example.gov.uk",
        "=?utf-8?b?bWFsbG9yeUBldmlsLmV4YW1wbGU=?=@example.gov.uk",
        "mallory,alex.doe@example.gov.uk",
        "mallory;alex.doe@example.gov.uk",
        "Alex <alex.doe@example.gov.uk>",
        "alex.doe@example.gov.uk (comment)",
        "group: alex.doe@example.gov.uk;",
        '"quoted"@example.gov.uk',
        "alex.doe@[192.0.2.1]",
        "alex.doe@example.gov.uk\r\nBcc: x@evil.example",
        "alex\x00doe@example.gov.uk",
        "alex doe@example.gov.uk",
        "alex@@example.gov.uk",
        "alex.doe@example",
        "a" * 65 + "@example.gov.uk",
        "ålex@example.gov.uk",
        "",
    ],
)
def test_anything_but_one_plain_address_is_refused(value: str) -> None:
    with pytest.raises(InvalidAddress):
        parse_address(value)


def test_an_email_to_a_stored_string_that_holds_two_addresses_is_never_built() -> None:
    email = OutgoingEmail(
        to=("=?utf-8?q?mallory=40evil.example?=,alex.doe@example.gov.uk",),
        subject="Confirm the story you sent",
        text="hello",
        sender="stories@example.gov.uk",
    )
    with pytest.raises(InvalidAddress):
        build_mime(email)


def test_an_email_header_is_built_from_the_parsed_address_and_a_subject_on_one_line() -> None:
    msg = build_mime(
        OutgoingEmail(
            to=("Alex.Doe@example.gov.uk",),
            subject="Approval needed: Bins\r\nBcc: x@evil.example",
            text="hello",
            sender="stories@example.gov.uk",
        )
    )
    assert msg["To"] == "alex.doe@example.gov.uk"
    assert msg["Subject"] == "Approval needed: Bins Bcc: x@evil.example"
    assert msg["Bcc"] is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("alex@example.gov.uk", True),
        ("alex@bins.example.gov.uk", True),
        ("example.gov.uk", True),
        ("alex@notexample.gov.uk", False),
        ("alex@example.gov.uk.evil.example", False),
        ("alex@", False),
    ],
)
def test_in_domain_means_the_domain_or_a_subdomain_of_it(value: str, expected: bool) -> None:
    assert in_domain(value, ["example.gov.uk"]) is expected
