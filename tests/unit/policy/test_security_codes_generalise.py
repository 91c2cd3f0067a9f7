"""SEC-CODE finds a code by what it unlocks, in any order within its sentence, and not by a list of phrasings.

Each positive is a sentence a council worker might write; a hard negative sits beside each group.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("")


def codes(text: str) -> list[str]:
    findings = run_checks(text, CTX, RULES).findings
    assert all(f.severity is Severity.BLOCK for f in findings if f.check == "SEC-CODE")
    return [text[f.start : f.end] for f in findings if f.check == "SEC-CODE"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The door code to the depot has changed to 1984#.", "1984#"),
        ("The door code for the back office has changed to 1984# so tell the cleaners.", "1984#"),
        ("You'll need C992932X for the alarm code.", "C992932X"),
        ("We've all been using Horan123 as the shared login.", "Horan123"),
        ("The key safe by the side door is now 0917.", "0917"),
        ("New Wi-Fi password for the staff room is Bookworm2024!", "Bookworm2024!"),
        ("The keypad on the staff entrance takes *703475 now.", "*703475"),
        ("The padlock on the bike shed is 4-7-2-1.", "4-7-2-1"),
        ("Gate code for the allotments: 4-7-2-1 (don't share it).", "4-7-2-1"),
    ],
)
def test_the_issue_s_codes_are_found_whatever_the_order(text: str, code: str) -> None:
    assert codes(text) == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("4417 is the code to get into the depot.", "4417"),
        ("Use 2580 on the side door keypad.", "2580"),
        ("Punch in 4417 at the side door.", "4417"),
        ("Don't forget: 0917 opens the key safe.", "0917"),
        ("It's 4417 for the alarm, so set it when you leave.", "4417"),
        ("For the lock box at the allotments, it's 3319.", "3319"),
        ("Type C992932X into the alarm panel.", "C992932X"),
        ("Staff login: jsmith / Winter2025", "Winter2025"),
        ("Shared login is admin, password admin123.", "admin123"),
        ("We're all using the same login (Parks2024) until IT fix it.", "Parks2024"),
        ("The shared laptop's password is sunshine2.", "sunshine2"),
        ("PIN for the office laptop: 7731", "7731"),
        ("Padlock combo 0-4-1-7 for the container.", "0-4-1-7"),
        ("Front door keypad: 2 4 6 8 then the green button.", "2 4 6 8"),
        ("WiFi: network CouncilGuest, key 8H3kL92pQ", "8H3kL92pQ"),
        ("The new Wi-Fi password for the hub is #(i9Z3OyGW so please don't share it.", "#(i9Z3OyGW"),
        ("Shared login for the bookings laptop: u*YNrgsy%0", "u*YNrgsy%0"),
        ("The access code for the portal is 4417 - keep it safe.", "4417"),
        ("The combination to the safe is 4417.", "4417"),
        ("Alarm code for the museum has been reset to 6619 after the break-in.", "6619"),
        ("The new key safe at the back of the hall opens with 5523.", "5523"),
    ],
)
def test_a_code_is_found_near_whatever_it_unlocks_in_the_same_sentence(text: str, code: str) -> None:
    assert codes(text) == [code]


@pytest.mark.parametrize(
    "text",
    [
        "The Wi-Fi in the library is free for everyone, no password needed.",
        "Ask at reception for the guest Wi-Fi details when you arrive.",
        "Our new code of practice for street works comes in next month.",
        "All our volunteers sign the code of conduct before their first shift.",
        "The dress code for the awards night is smart casual.",
        "Our highway code refresher for drivers of council vans runs every spring.",
        "Colour-coded bins make recycling easier: blue for paper, brown for garden waste.",
        "We now have chip and PIN machines at every library, so 2024 is the year of no cash.",
        "We now have chip and PIN machines in 150 shops.",
    ],
)
def test_the_issue_s_hard_negatives_pass(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Forgot your password? Call 0113 496 0123 and we will reset it.",
        "Password resets fell by 300 after the new portal went live.",
        "The login for the VR headsets is in room 214.",
        "The project code for the depot is 4417.",
        "Our door-to-door collection raised £350.",
        "The gates open at 1930 for the fireworks.",
        "We replaced 120 door locks this year.",
        "The alarm went off at 0300 and the police came.",
        "The gate code is on the back of your permit, or call 0113 496 0123.",
        "The doors open at 1900 and the show starts at 1930.",
        "The new laptops arrived on 12 May with Windows 11 and 16GB of memory.",
        "Our password policy is on the intranet at www.example.gov.uk/Passwords2024 for all staff.",
        "Email IT.Help@example.gov.uk if you forget your password.",
        "Over 1200 people use the library Wi-Fi every week.",
        "The laptop is a Dell XPS13.",
        "Sort code 12-34-56 is for the council's bank account, not the door.",
        "Library opening hours: 09-17 weekdays.",
        "The Wi-Fi now covers 4G and 5G phones in 2 buildings.",
        "Our password manager, LastPass, is free for staff with Office365 accounts.",
    ],
)
def test_numbers_and_words_near_a_lock_that_are_not_its_code_pass(text: str) -> None:
    assert codes(text) == []
