"""Codes, passwords and vulnerable locations: the details that let a stranger in or lead them to someone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import CHECKS, run_checks
from chalicelib.policy.rules import parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("")


def found(text: str, check: str) -> list[tuple[str, Severity]]:
    """Each finding of ``check`` as the original text it covers and its severity."""
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, CTX, RULES).findings if f.check == check
    ]


def test_the_catalogue_lists_the_security_checks() -> None:
    assert {"SEC-CODE", "SEC-VULN"} <= set(CHECKS)


def test_run_checks_reports_both_security_checks_on_one_story() -> None:
    text = "The key safe code is 4821. The women's refuge on Elm Road needs volunteers."
    assert [
        (f.check, text[f.start : f.end])
        for f in run_checks(text, CTX, RULES).findings
        if f.check.startswith("SEC")
    ] == [
        ("SEC-CODE", "4821"),
        ("SEC-VULN", "Elm Road"),
    ]


# --- SEC-CODE ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The key safe code is 4821 so carers can get in.", "4821"),
        ("wifi password: Library2024", "Library2024"),
        ("Punch in the door code 1234# and go up.", "1234#"),
        ("The alarm code is 2580 if you're first in.", "2580"),
        ("Keysafe 0719 at the side door.", "0719"),
        ('The guest Wi-Fi password is "sunflower" for the event.', "sunflower"),
        ("Staff PIN: 8642.", "8642"),
        ("The gate combination is 3-3-7-1.", "3-3-7-1"),
        ("The gate code: 2580.", "2580"),
        ("The key safe is by the back door. The code is 4821.", "4821"),
        ("Her PIN 1234 was written on the card.", "1234"),
        ("The alarm PIN for the pool plant room is 6604.", "6604"),
        ("The padlock combination for the bike shed is 9023.", "9023"),
    ],
)
def test_a_code_or_password_is_blocked_and_only_the_secret_is_highlighted(text: str, code: str) -> None:
    assert found(text, "SEC-CODE") == [(code, Severity.BLOCK)]
    finding = next(f for f in run_checks(text, CTX, RULES).findings if f.check == "SEC-CODE")
    assert "change it" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "We changed the code of conduct for councillors.",
        "Check your bin day using your postcode.",
        "The dress code is smart casual and the Highway Code applies.",
        "The discount code is SAVE10 and the booking code is 123456.",
        "The door code has been changed.",
        "The wifi password is available at reception.",
        "A reminder that the Wi-Fi is free: ask staff for the password.",
        "The Wi-Fi: LibraryGuest is free for everyone.",
        "Passwords - never share them, says our IT team.",
        "Gate 3 opens at 9 and closes at 2030.",
        "Park Lane car park: the code for the barrier is on your ticket.",
        "Join Code Club (8-12) at the library.",
    ],
)
def test_codes_that_open_nothing_pass(text: str) -> None:
    assert found(text, "SEC-CODE") == []


# --- SEC-VULN ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("The women's refuge on Elm Road held an open garden.", "Elm Road"),
        ("The sheltered housing at 12 Oak Close had a party.", "12 Oak Close"),
        ("We fixed her house on Mill Lane where she lives alone.", "Mill Lane"),
        ("The refuge next to the Co-op needs volunteers.", "next to the Co-op"),
        ("Residents of our Elm Road refuge baked cakes.", "Elm Road"),
        ("He is 92 and lives alone at 4 Birch Way.", "4 Birch Way"),
        ("Our supported housing scheme in Station Road won an award.", "Station Road"),
        ("The safe house, NT4 2AB, got new locks.", "NT4 2AB"),
        ("We painted the lounge at the supported housing flats on Kirkgate.", "Kirkgate"),
        ("Fire alarm tests done at the hostel for care leavers on Mill Lane.", "Mill Lane"),
        ("We dropped a food parcel round to a vulnerable tenant at 97 Primrose Close.", "97 Primrose Close"),
        (
            "Our warden checks on a housebound pensioner at Flat 7, 73 Station Road.",
            "Flat 7, 73 Station Road",
        ),
    ],
)
def test_the_location_of_a_refuge_or_a_vulnerable_home_is_blocked(text: str, location: str) -> None:
    assert found(text, "SEC-VULN") == [(location, Severity.BLOCK)]
    finding = next(f for f in run_checks(text, CTX, RULES).findings if f.check == "SEC-VULN")
    assert "refuge" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "We support people in sheltered housing across the borough.",
        "Sheltered housing tenants across the borough enjoyed a summer party.",
        "We installed a pedestrian refuge on Station Road to make crossing safer.",
        "The nature reserve on Mill Lane is a refuge for birds and bats.",
        "Our supported living team based at the Civic Centre on Church Road won an award.",
        "Planning committee approved 40 extra care flats on Mill Lane.",
        "The Women's Aid helpline is open 24 hours.",
        "Our crews cleared Mill Lane and Station Road today.",
        "She lives on Mill Lane and loves the new bins.",
        "An elderly gentleman on Elm Road waved our crew off with a cup of tea.",
        "Supported housing in Reigate and Highgate is run by our partners.",
    ],
)
def test_services_for_vulnerable_people_without_a_street_level_location_pass(text: str) -> None:
    assert found(text, "SEC-VULN") == []
