"""Phone numbers and email addresses: a person's blocks or warns; the organisation's published ones pass."""

from __future__ import annotations

from datetime import UTC, datetime

import phonenumbers
import pytest
from phonenumbers import PhoneMetadata

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.checks.contact import FEWEST_DIGITS, is_uk_mobile
from chalicelib.policy.rules import parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules(
    """
organisation:
  domain: example.gov.uk
  staff_domains: [example.gov.uk, schools.example.gov.uk]
allow:
  phones: ["+44 300 123 4567", "07700 900999"]
  emails: [Recycling@Example.gov.uk, jane.smith@example.gov.uk]
  inbox_words: [bincollections]
"""
)


def found(text: str, check: str) -> list[tuple[str, Severity]]:
    """Each finding of ``check`` as the original text it covers and its severity."""
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, CTX, RULES).findings if f.check == check
    ]


# --- email ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["dave1987@hotmail.co.uk", "Jane.Doe@Gmail.com", "info@gmail.com", "j.bloggs@acme.co.uk"]
)
def test_personal_email_address_is_blocked(address: str) -> None:
    text = f"Email {address}."
    assert found(text, "PII-EMAIL") == [(address, Severity.BLOCK)]
    (finding,) = run_checks(text, CTX, RULES).findings
    assert finding.reason.startswith("This looks like a personal email address. Remove it")


@pytest.mark.parametrize(
    "address", ["john.smith@example.gov.uk", "A.Patel@EXAMPLE.GOV.UK", "tom_jones@schools.example.gov.uk"]
)
def test_named_staff_address_at_the_organisation_warns_to_use_the_team_inbox(address: str) -> None:
    text = f"Questions to {address} please"
    assert found(text, "PII-EMAIL") == [(address, Severity.WARN)]
    (finding,) = run_checks(text, CTX, RULES).findings
    assert "team inbox" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Contact recycling@example.gov.uk",
        "Contact RECYCLING@example.GOV.uk",  # allow-list is case-insensitive
        "Contact jane.smith@example.gov.uk",  # a consenting, allow-listed named address
        "Send your story to stories@example.gov.uk",  # the submission address itself
        "Write to waste.services@example.gov.uk",
        "Write to bincollections@example.gov.uk",
        "Write to customer-services@example.gov.uk",
        "Age UK: hello@ageuk.org.uk",
        "The food bank on enquiries@foodbank.org.uk",
    ],
)
def test_team_inboxes_and_allow_listed_addresses_pass(text: str) -> None:
    assert found(text, "PII-EMAIL") == []


def test_email_span_excludes_the_full_stop_that_ends_the_sentence() -> None:
    assert found("Reply to sam.lee@outlook.com.", "PII-EMAIL") == [("sam.lee@outlook.com", Severity.BLOCK)]


def test_an_at_sign_without_an_address_is_not_an_email() -> None:
    assert found("Meet @ 10, see @ExampleCouncil and me@home", "PII-EMAIL") == []


def test_email_with_a_zero_width_space_is_found_and_spans_the_original() -> None:
    text = "mail dave\u200b1987@hotmail.co.uk now"
    assert found(text, "PII-EMAIL") == [("dave\u200b1987@hotmail.co.uk", Severity.BLOCK)]


# --- phone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900123",
        "0044 7700 900123",
    ],
)
def test_mobile_number_including_the_drama_range_is_blocked(number: str) -> None:
    text = f"Text me on {number} any time"
    assert found(text, "PII-PHONE") == [(number, Severity.BLOCK)]
    (finding,) = run_checks(text, CTX, RULES).findings
    assert finding.reason.startswith("This looks like a mobile phone number. Remove it")


@pytest.mark.parametrize(
    "number", ["01632 960123", "(01632) 960123", "020 7946 0123", "0121 496 0123", "0800 123 4567"]
)
def test_other_uk_number_not_on_the_allow_list_warns(number: str) -> None:
    text = f"Ring {number} for details"
    assert found(text, "PII-PHONE") == [(number, Severity.WARN)]


@pytest.mark.parametrize("number", ["0300 123 4567", "03001234567", "+44 300 123 4567", "0300-123-4567"])
def test_allow_listed_switchboard_passes_however_it_is_written(number: str) -> None:
    assert found(f"Call the council on {number}.", "PII-PHONE") == []


def test_allow_listed_mobile_passes() -> None:
    assert found("The out-of-hours duty phone is +44 7700 900 999", "PII-PHONE") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ref 4010232138",
        "Job ref: 01234567890 closed",
        "Case no. 01234 567890",
        "ID-07700900123",
        "The B1234 is closed",
        "In 2019 and 2020 we grew",
        "Open 07:30 to 18:00",
        "Open 0900-1700 weekdays",
        "It cost £1,250,000.00 01-05-2026",
        "Back on 01/05/2026 and 01-05-2026",
        "Sort code 20-00-00",
        "12,000 residents helped",
        "Grid ref 0123456789",
        "Won 3-1 in 90 minutes",
        "4401234567890 items",
    ],
)
def test_things_that_only_look_like_phone_numbers_are_not_flagged(text: str) -> None:
    assert found(text, "PII-PHONE") == []


def test_two_numbers_separated_by_a_slash_are_both_found() -> None:
    assert found("Tel: 01632 960123/07700 900123", "PII-PHONE") == [
        ("01632 960123", Severity.WARN),
        ("07700 900123", Severity.BLOCK),
    ]


def test_a_number_in_brackets_after_a_word_is_found() -> None:
    assert found("Ring Sam (07700 900123) after six", "PII-PHONE") == [("07700 900123", Severity.BLOCK)]


def test_international_number_warns() -> None:
    assert found("Our twin town: +33 6 12 34 56 78", "PII-PHONE") == [("+33 6 12 34 56 78", Severity.WARN)]


def test_mobile_with_zero_width_space_and_full_width_digits_spans_the_original() -> None:
    text = "Text ０７７００\u200b900123 now"
    assert found(text, "PII-PHONE") == [("０７７００\u200b900123", Severity.BLOCK)]


@pytest.mark.parametrize(
    ("nsn", "mobile"),
    [
        ("7700900123", True),
        ("7624123456", True),
        ("7012345678", False),
        ("7612345678", False),
        ("1632960123", False),
    ],
)
def test_mobile_prefixes_follow_ofcom_not_the_number_type(nsn: str, mobile: bool) -> None:
    assert is_uk_mobile(nsn) is mobile


def test_no_country_allows_a_number_shorter_than_the_shortcut_assumes() -> None:
    # check_phone skips stories with fewer than FEWEST_DIGITS digits: a country code (one digit at
    # least) and the shortest national number anywhere must not fit in fewer.
    metadata = [
        *(PhoneMetadata.metadata_for_region(r) for r in phonenumbers.SUPPORTED_REGIONS),
        *(
            PhoneMetadata.metadata_for_nongeo_region(c)
            for c in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS
        ),
    ]
    lengths = [
        min(md.general_desc.possible_length)
        for md in metadata
        if md is not None and md.general_desc is not None and md.general_desc.possible_length
    ]
    shortest = min(lengths)
    assert 1 + shortest >= FEWEST_DIGITS


@pytest.mark.parametrize(
    ("text", "number"),
    [("Call +43 1234 today.", "+43 1234"), ("Ring 00290 1234 for the island office.", "00290 1234")],
)
def test_the_shortest_foreign_numbers_are_still_seen(text: str, number: str) -> None:
    assert found(text, "PII-PHONE") == [(number, Severity.WARN)]
