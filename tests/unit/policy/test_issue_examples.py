"""Sentences written the way staff write, each a case the checks once let through or wrongly blocked.

Every example names the check and the severity the catalogue gives it; beside each check stand hard
negatives, ordinary sentences with the same words in them, which that check must leave alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("")


def severities(text: str, check: str) -> list[Severity]:
    return [f.severity for f in run_checks(text, CTX, RULES).findings if f.check == check]


def blocked_spans(text: str, check: str, ctx: CheckContext = CTX) -> list[str]:
    """The text of every BLOCK ``check`` finds in ``text``, in order."""
    return [
        text[f.start : f.end]
        for f in run_checks(text, ctx, RULES).findings
        if f.check == check and f.severity is Severity.BLOCK
    ]


def assert_blocks(text: str, check: str) -> None:
    assert Severity.BLOCK in severities(text, check), f"{check} does not block {text!r}"


def assert_silent(text: str, check: str) -> None:
    found = [
        (f.check, f.severity, text[f.start : f.end])
        for f in run_checks(text, CTX, RULES).findings
        if f.check == check or f.severity is Severity.BLOCK
    ]
    assert found == [], f"{text!r} should pass {check} and block nothing, found {found}"


# --- SEC-CODE ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The door code to the depot has changed to 1984#.",
        "New Wi-Fi password for the library staff room is Bookworm2024!",
        "Reminder: the key safe by the side door is now 0917.",
        "The alarm code at the youth club has been changed to 5512.",
        "To set the alarm, key in 2580 and leave by the side door.",
        "The guest Wi-Fi at the Civic Centre is now Welcome2026 for the open day.",
        "Shared login for the bookings laptop: frontdesk / Spring2026!",
        "The lock box at the back gate opens with 4417.",
    ],
)
def test_a_code_after_what_it_unlocks_is_blocked(text: str) -> None:
    assert_blocks(text, "SEC-CODE")


@pytest.mark.parametrize(
    "text",
    [
        "The Wi-Fi in the library is free.",
        "Our guest Wi-Fi is now faster.",
        "Password reset day reminder: change yours before Friday.",
        "The alarm went off at 0300 and woke the street.",
        "The new gate is 150 years old.",
        "The gate at the allotments is now 2 metres high.",
        "The door was fitted in 2019 and the alarm in 2021.",
        "The alarm is set to 7am on weekdays.",
        "The password is on the back of the router.",
        "The key safe scheme now has 250 users.",
        "Gate 3 is now open from 0730.",
        "Your login is your email address.",
    ],
)
def test_a_lock_or_a_password_without_a_code_passes(text: str) -> None:
    assert_silent(text, "SEC-CODE")


# --- PII-SPECIAL ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "John from Flat 3 has HIV, so please be careful what you say on the visit.",
        "Sue from the day centre is having chemo this month.",
        "Dave at number 12 was in prison for years.",
        "He served five years for burglary.",
        "Mr Hussain, a devout Muslim, asked for the meeting to move to after Friday prayers.",
        "As a Jehovah's Witness, Mrs Okafor asked us not to take her photo.",
        "Our tenant Mr Lee, a Romany Gypsy, has lived on the site for twenty years.",
        "Our caretaker Terry has been battling cancer all year.",
        "Our volunteer Brian is slowly recovering from a stroke, so he won't be at the fun day.",
    ],
)
def test_special_category_facts_about_someone_identifiable_are_blocked(text: str) -> None:
    assert_blocks(text, "PII-SPECIAL")


@pytest.mark.parametrize(
    "text",
    [
        "The health centre reopened after the refit.",
        "Winning the raffle was a stroke of luck.",
        "The cancer ward reopened this week.",
        "The pool's changing rooms have been refurbished.",
        "Ahmed from the mosque is having a party for the volunteers.",
        "He served five years on the committee.",
        "He served five years for the council as a warden.",
        "If the resident is housebound, we can collect the bins.",
        "Our volunteer Brian is recovering from a busy weekend.",
        "As a Christian charity, we run the food bank.",
        "Sue from the day centre is starting a knitting group.",
        "The Gypsy and Traveller site on the bypass has a new warden.",
    ],
)
def test_the_same_words_about_no_one_in_particular_pass(text: str) -> None:
    assert_silent(text, "PII-SPECIAL")


# --- PII-NAME ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our neighbour Kimberley Hughes came round to help clear the path.",
        "Charlene Baxter from the residents' group rang to say thanks.",
        "My colleague Jayne Pickering sorted the whole thing out.",
        "Rachael Ogunleye, 34, said the new play area has changed her street.",
        "Thanks to our neighbour Glenn Whitaker, who cleared the snow from the whole row.",
        "Terence Doyle of 14 Mill Lane reported the pothole.",
        "My colleague Sarah-Jane Eyre-Smith ran the stall.",
    ],
)
def test_a_name_outside_the_lists_is_found_by_where_it_stands(text: str) -> None:
    assert_blocks(text, "PII-NAME")


@pytest.mark.parametrize(
    "text",
    [
        # A first name on its own is what the catalogue asks for instead of a full name.
        "Our neighbour Kimberley came to help.",
        "Glenn Close Road is closed for resurfacing.",
        "Network Rail said the line would reopen on Monday.",
        "Thanks to Severn Trent, who fixed the main overnight.",
        "Dickens Road is closed for resurfacing.",
    ],
)
def test_places_firms_and_first_names_alone_are_not_private_names(text: str) -> None:
    assert_silent(text, "PII-NAME")


# --- PII-CHILD -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lily-Rose, aged 6, from St Anne's Primary won the poster competition.",
        "Well done to Kayden from St Joseph's RC Primary, who raised £200 for the food bank.",
        "Well done to Alfie Turner from St Joseph's RC Primary, who raised £200 for the food bank.",
    ],
)
def test_a_child_named_with_an_age_or_a_school_is_blocked(text: str) -> None:
    assert_blocks(text, "PII-CHILD")


@pytest.mark.parametrize(
    "text",
    [
        "St Anne's Primary held a fete on Saturday.",
        "Well done to Year 6 from St Anne's Primary for the litter pick.",
        "Pupils from St Anne's Primary planted the bulbs.",
        "The Saturday Club (12) meets at the library.",
    ],
)
def test_a_school_with_no_child_named_passes(text: str) -> None:
    assert_silent(text, "PII-CHILD")


# --- PII-ADDR ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The knitting group is held at Pat's house, 3 Baldwin Crescent, every Tuesday.",
        "Drop-off for the food bank is at 757 Helen Meadows, where Jean lives, until Friday.",
        "The coffee morning is hosted at 3 Baldwin Crescent, Jean's home, on Thursdays.",
        "A resident at 19 Walsh Fields has reported the leak.",
        "Bags can be collected from 19 Walsh Fields, my neighbour's house.",
    ],
)
def test_a_residents_house_address_is_blocked_even_where_an_event_is_held(text: str) -> None:
    assert_blocks(text, "PII-ADDR")


@pytest.mark.parametrize(
    "text",
    [
        "The library at 3 Baldwin Crescent opens at 9am.",
        "The new community hub at 19 Walsh Fields opens on Monday.",
    ],
)
def test_a_public_venue_address_only_warns(text: str) -> None:
    assert severities(text, "PII-ADDR") == [Severity.WARN]


def test_a_count_of_homes_on_a_street_is_not_an_address() -> None:
    assert_silent("Over 40 Walsh Fields homes have new windows.", "PII-ADDR")


# --- TONE-PROF and TONE-INSULT -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Some of the lads on the late shift are a right bunch of pricks.",
        "Tell that nobhead in finance to answer his emails.",
        "The driver who blocked the bin lorry was a total douchebag.",
        "Some jackass parked across the dropped kerb again.",
        "What a dumbass, leaving the gate open all weekend.",
        "She called the receptionist a slut in front of everyone.",
        'He shouted "nice tits" at the crossing patrol.',
        "He told the warden to piss off.",
        "The bloke at the tip was a c-u-n-t to our crew.",
        "Some c0ck left a sofa in the bus shelter.",
        "What a pr1ck, parking on the zebra crossing.",
    ],
)
def test_crude_words_and_their_disguises_are_swearing(text: str) -> None:
    assert_blocks(text, "TONE-PROF")


@pytest.mark.parametrize(
    "text",
    [
        'Someone sprayed "p4kis out" on the underpass wall again.',
        "The lad at the counter called him a r-e-t-a-r-d.",
        "Some 1diot left the gate open.",
        'Kids were shouting "pikies" at the Traveller families on the site.',
        'Someone wrote "coons" on the bus shelter.',
    ],
)
def test_slurs_and_insults_are_blocked_however_they_are_spelt(text: str) -> None:
    assert_blocks(text, "TONE-INSULT")


@pytest.mark.parametrize(
    "text",
    [
        "Slag Lane will be closed for resurfacing on Monday.",
        "Cock Lane is closed for resurfacing.",
        "Dickens Road is closed for resurfacing.",
        "Scunthorpe, Cockermouth and Penistone all took part.",
        "Blue tits are nesting in the box by the library garden.",
        "The hedgehog pricked up its ears.",
        "Our cocker spaniel Bramble visited the care home.",
        "It's a pin prick test for blood sugar at the health fair.",
        "It was a c-o-l-d morning on the rounds.",
    ],
)
def test_places_birds_and_ordinary_words_are_not_swearing(text: str) -> None:
    assert_silent(text, "TONE-PROF")


@pytest.mark.parametrize(
    "text",
    [
        "The gates will open at 10am and close at 4pm.",
        "The A1 and M25 are both closed.",
        "Anyone spotting a r a c c o o n should call the wildlife team.",
    ],
)
def test_codes_and_spelt_out_words_that_are_not_insults_pass(text: str) -> None:
    assert_silent(text, "TONE-INSULT")


# --- TONE-DEFAME ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gary at number 9 is a known fly-tipper, and we've got the photos.",
        "Mark Jennings is a known fly-tipper, and we've got the photos.",
        "The bloke at 14 Mill Lane is a known fly-tipper.",
        "Avoid Smith & Sons Roofing – cowboy builders who ripped off a pensioner.",
        "Brightside Lettings are crooks.",
        "Everyone on the estate knows Brightside Lettings are absolute crooks.",
        "Cleared up after Premier Paving Co again. They are thieves.",
        "Cleared up after Quickfix Drives Ltd again. They dumped the rubble illegally.",
    ],
)
def test_an_allegation_about_someone_identifiable_is_blocked(text: str) -> None:
    assert_blocks(text, "TONE-DEFAME")


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Patel was robbed by a thief outside the post office.",
        "Mr Jones caught the thief in the act.",
        "A fly-tipper was fined £400 by the magistrates.",
        "Our crews cleared up after the fly-tippers on Mill Lane.",
        "Mrs Smith was the victim of a con man.",
        "Trading Standards warned residents about cowboy builders.",
        "The Cowboy Junkies played at the Town Hall.",
    ],
)
def test_an_allegation_about_no_one_identifiable_passes(text: str) -> None:
    assert "TONE-DEFAME" not in {f.check for f in run_checks(text, CTX, RULES).findings}


def test_a_listed_ending_with_its_letters_repeated_is_swearing() -> None:
    assert_blocks("Three hours stuck behind a burst water main. Total bullshiiiit.", "TONE-PROF")


# --- words that are also party names -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "That is a conservative estimate of the cost of the repairs.",
        "The gardens were restored in a green and liberal spirit.",
    ],
)
def test_ordinary_words_that_are_also_party_names_pass(text: str) -> None:
    assert_silent(text, "POL-PARTY")
