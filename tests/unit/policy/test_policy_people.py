"""Private individuals: names, addresses, postcodes, vehicles, special category data and children."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, ImageContext, Severity
from chalicelib.policy.catalogue import CHECKS, run_checks
from chalicelib.policy.people import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, SURNAMES
from chalicelib.policy.rules import OrgRules, parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules(
    """
allow:
  names: [Jane Smith, Dev Patel]
  postcodes: [NT1 1AA]
  places: [Amy Johnson]
  sites: [1 Market Square]
politics:
  members: [Cllr Ahmed Khan]
"""
)


def found(text: str, check: str, rules: OrgRules = RULES) -> list[tuple[str, Severity]]:
    """Each finding of ``check`` as the original text it covers and its severity."""
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, CTX, rules).findings if f.check == check
    ]


def test_the_catalogue_lists_every_people_check() -> None:
    assert {"PII-ADDR", "PII-POSTCODE", "PII-VRM", "PII-NAME", "PII-SPECIAL", "PII-CHILD"} <= set(CHECKS)


def test_run_checks_reports_the_people_checks_on_one_story() -> None:
    text = (
        "Mrs Jones, who has dementia, lives at 14 Elm Grove, NT4 2AB. Her grandson Leo (7) "
        "watched us tow the car, AB12 CDE."
    )
    checks = {f.check for f in run_checks(text, CTX, RULES).findings}
    assert {"PII-NAME", "PII-SPECIAL", "PII-ADDR", "PII-POSTCODE", "PII-CHILD", "PII-VRM"} <= checks


def test_the_bundled_name_lists_are_loaded_and_cover_several_communities() -> None:
    assert len(FIRST_NAMES) >= 500
    assert {"Margaret", "Mohammed", "Priya", "Oluwaseun", "Siobhan", "Agnieszka", "Rhys"} <= FIRST_NAMES
    assert {"Grace", "Will", "May"} <= AMBIGUOUS_FIRST_NAMES
    assert not FIRST_NAMES & AMBIGUOUS_FIRST_NAMES
    assert {"Smith", "Patel", "Begum", "O'Brien"} <= SURNAMES


# --- PII-NAME ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Today I helped Mrs Jones carry her recycling box.", "Mrs Jones"),
        ("Mr R. Patel thanked the crew for clearing his drive.", "Mr R. Patel"),
        ("Resident Margaret Thompson rang to say thank you.", "Margaret Thompson"),
        ("We met Oluwaseun Adeyemi at the food bank.", "Oluwaseun Adeyemi"),
        ("Our visit to Ms O'Brien went well.", "Ms O'Brien"),
        ("Thanks to Sarah-Jane McDonald for the cake.", "Sarah-Jane McDonald"),
        ("Grace Taylor, 84, loves the new bench.", "Grace Taylor"),
        ("Dr Sarah Collins came along.", "Dr Sarah Collins"),
        ("Miss Kowalski's garden was flooded.", "Miss Kowalski"),
        ("A thank you to Jo Ann Smith.", "Jo Ann Smith"),
        ("The Begum family on our round said thanks.", "Begum family"),
        ("Sorted the missed collection for Brenda Sutcliffe at 106 Ashgrove Avenue.", "Brenda Sutcliffe"),
        ("We helped Hazel Thornton of 12 Oak Close.", "Hazel Thornton"),
        ("Jordan Lindqvist said the crew were brilliant.", "Jordan Lindqvist"),
    ],
)
def test_a_private_individuals_name_is_blocked(text: str, name: str) -> None:
    assert found(text, "PII-NAME") == [(name, Severity.BLOCK)]
    finding = next(f for f in run_checks(text, CTX, RULES).findings if f.check == "PII-NAME")
    assert "consent" in finding.reason


def test_every_name_in_a_list_is_found() -> None:
    text = "Thanks to Kevin Brown, Linda Walker and Mr Okafor."
    assert [s for s, _ in found(text, "PII-NAME")] == ["Kevin Brown", "Linda Walker", "Mr Okafor"]


@pytest.mark.parametrize(
    "text",
    [
        "Our bin crews collected 4,000 bins in 2025. Thank you, Hartley Road!",
        "Charles Dickens Primary School won the recycling award.",
        "Our reading group loved Dickens this winter.",
        "St Albans and Penistone sent their best wishes.",
        "King Street and Victoria Street were resurfaced.",
        "Age UK and Marie Curie joined our stalls.",
        "Will Park rangers be at the event? Yes, from 10am.",
        "Grace Road was resurfaced in 2024.",
        "Mark Thursday in your diary: the Christmas Market returns.",
        "The Carol Concert raised money for St Luke's Hospice.",
        "May Day celebrations return to the Village Green.",
        "Jordan Road and Grace Avenue are next for resurfacing.",
        "Chester Zoo keepers visited the library.",
        "Harry Potter Book Night at the library was a sell-out.",
        "The Queen Elizabeth Hospital car park is being resurfaced.",
        "Sue Ryder and Macmillan nurses joined our wellbeing day.",
        "Jo from our waste team says: rinse your pots.",
        "Thanks to Mia and Ollie from our libraries team.",
        "Councillor Jane Doe opened the new play area.",
        "Don't Miss Summer Reading At Your Local Library This Year",
        "Dr Who fans packed the library for the sci-fi weekend.",
    ],
)
def test_places_organisations_and_public_figures_are_not_names(text: str) -> None:
    assert found(text, "PII-NAME") == []


@pytest.mark.parametrize(
    "text",
    [
        "Jane Smith from our waste team cleared the path.",
        "Ms Smith from our waste team cleared the path.",
        "Mr D. Patel from highways fixed the light.",
        "Dev Patel from highways fixed the light.",
        "Ahmed Khan opened the library.",
        "Cllr Ahmed Khan opened the library.",
        "Amy Johnson flew from Hull.",
    ],
)
def test_consenting_staff_members_and_allow_listed_places_pass(text: str) -> None:
    assert found(text, "PII-NAME") == []


def test_a_different_person_with_an_allow_listed_surname_is_still_blocked() -> None:
    assert found("Mr K. Smith rang us.", "PII-NAME") == [("Mr K. Smith", Severity.BLOCK)]
    assert found("Tom Patel rang us.", "PII-NAME") == [("Tom Patel", Severity.BLOCK)]


def test_a_name_in_fake_bold_letters_is_found_and_spans_the_original() -> None:
    bold = "".join(
        chr(0x1D400 + ord(c) - ord("A")) if c.isupper() else chr(0x1D41A + ord(c) - ord("a")) for c in "Jones"
    )
    text = f"We helped Mrs {bold} today."
    assert found(text, "PII-NAME") == [(f"Mrs {bold}", Severity.BLOCK)]


# --- PII-ADDR ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("We removed the fridge from outside 14 Elm Grove this morning.", "14 Elm Grove"),
        ("The tenant at Flat 3, 27 Acacia Avenue reported damp.", "Flat 3, 27 Acacia Avenue"),
        ("We visited 5 The Crescent first.", "5 The Crescent"),
        ("Next stop was 12 Kingsway.", "12 Kingsway"),
        ("Bins were missed at 7a St Mary's Road.", "7a St Mary's Road"),
        ("Blocked drain cleared at 37 Beck Side within the hour.", "37 Beck Side"),
    ],
)
def test_a_house_number_and_street_is_blocked(text: str, address: str) -> None:
    assert found(text, "PII-ADDR") == [(address, Severity.BLOCK)]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Mrs Jones of Oak Close says thank you.", "Oak Close"),
        ("An elderly resident on Mill Lane asked for an assisted collection.", "Mill Lane"),
        ("A Brookside Estate resident reported a leak.", "Brookside Estate"),
        ("We fixed her house on Mill Lane.", "Mill Lane"),
        ("A tenant on the Parkside estate called us.", "Parkside estate"),
    ],
)
def test_a_private_person_placed_on_a_street_or_estate_is_blocked(text: str, street: str) -> None:
    assert found(text, "PII-ADDR") == [(street, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Our crews cleared Mill Lane and Station Road today.",
        "Residents of Oak Close asked for a new bench and we fitted it.",
        "Roadworks near Junction 12 Ring Road finish on Friday.",
        "Over 40 Park Road households signed up to food waste collections.",
        "In 2024 Station Road was resurfaced.",
        "The crew emptied 1,200 bins on the Brookside estate this week.",
        "Parking on Mill Lane is suspended for the Carnival Parade on Sunday.",
        "Meet us at 1 Market Square for the launch.",
    ],
)
def test_streets_without_a_person_and_counts_before_a_street_pass(text: str) -> None:
    assert found(text, "PII-ADDR") == []


def test_a_public_venue_address_only_warns() -> None:
    text = "Come to the library at 23 High Street for free digital skills sessions."
    assert found(text, "PII-ADDR") == [("23 High Street", Severity.WARN)]
    finding = next(f for f in run_checks(text, CTX, RULES).findings if f.check == "PII-ADDR")
    assert "list of sites" in finding.reason or "the list" in finding.reason


def test_a_venue_address_next_to_a_person_still_blocks() -> None:
    text = "A resident who lives above the shop at 23 High Street called."
    assert found(text, "PII-ADDR") == [("23 High Street", Severity.BLOCK)]


# --- PII-POSTCODE --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "postcode", ["M1 1AE", "SW1A 1AA", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "LS61AB"]
)
def test_a_full_postcode_on_its_own_warns(postcode: str) -> None:
    assert found(f"Bulky waste was left near {postcode} yesterday.", "PII-POSTCODE") == [
        (postcode, Severity.WARN)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "She lives at 14 Elm Grove, Northtown NT4 2AB.",
        "Her postcode is NT4 2AB, so the crew will come on Monday.",
        "Mrs Jones (NT4 2AB) rang about her bin.",
    ],
)
def test_a_postcode_next_to_a_person_or_a_house_number_blocks(text: str) -> None:
    assert found(text, "PII-POSTCODE") == [("NT4 2AB", Severity.BLOCK)]


@pytest.mark.parametrize("written", ["NT1 1AA", "nt1 1aa", "NT11AA"])
def test_an_allow_listed_site_postcode_passes_however_it_is_written(written: str) -> None:
    assert found(f"Visit the depot at {written}.", "PII-POSTCODE") == []


@pytest.mark.parametrize(
    "text",
    [
        "Check your bin day online using your postcode.",
        "QA1 1AA is not a postcode: no area starts with Q.",
        "AB1 1CI is not a postcode: C and I never end one.",
        "We ran 1AA batteries and the B1234 is shut.",
        "The Nt4 2aB mix of cases is a typo, not a postcode.",
    ],
)
def test_things_that_break_the_postcode_rules_pass(text: str) -> None:
    assert found(text, "PII-POSTCODE") == []


# --- PII-VRM -------------------------------------------------------------------------------------


@pytest.mark.parametrize("plate", ["AB12 CDE", "BD51SMR", "K123 ABC", "A1 BCD", "ABC 123D", "HNT 5K"])
def test_a_vehicle_registration_in_any_format_warns(plate: str) -> None:
    assert found(f"The abandoned car ({plate}) was removed.", "PII-VRM") == [(plate, Severity.WARN)]
    finding = next(f for f in run_checks(f"Car {plate} towed.", CTX, RULES).findings if f.check == "PII-VRM")
    assert "registration" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Roadworks on the A123 near Junction 12 finish on Friday.",
        "Gritters treated the A6, the A629 and the B1234 overnight.",
        "The A14 AND M6 are both closed tonight.",
        "Product code RTX 3080 and part AB12 were in stock.",
        "Our NHS staff and the BBC came along.",
        "Invoice ref QI12 ABC was paid.",
    ],
)
def test_road_numbers_and_product_codes_are_not_registrations(text: str) -> None:
    assert found(text, "PII-VRM") == []


# --- PII-SPECIAL ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("After her hip op she could not lift the bins.", "her hip op"),
        ("He showed us his Blue Badge.", "his Blue Badge"),
        ("We talked about his dementia.", "his dementia"),
        ("Mr Jones, who has dementia, was delighted.", "who has dementia"),
        ("The resident, who is Muslim, asked about halal meals.", "who is Muslim"),
        ("She uses a wheelchair so we moved her bin.", "She uses a wheelchair"),
        ("Margaret's dementia means she forgets bin day.", "Margaret's dementia"),
        ("He was released from prison last month.", "He was released from prison"),
        ("A lady with dementia was found wandering.", "with dementia"),
        ("He has a learning disability.", "He has a learning disability"),
        ("She is gay and wanted to share her story.", "She is gay"),
        ("He has a criminal record, so he could not volunteer.", "He has a criminal record"),
        ("We fitted a ramp for a pensioner after his leg amputation.", "his leg amputation"),
    ],
)
def test_special_category_information_about_a_person_is_blocked(text: str, span: str) -> None:
    assert found(text, "PII-SPECIAL") == [(span, Severity.BLOCK)]
    finding = next(f for f in run_checks(text, CTX, RULES).findings if f.check == "PII-SPECIAL")
    assert "special category" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Our dementia café opens on Tuesday at the Civic Centre.",
        "Dementia Awareness Week starts on Monday.",
        "Blue Badge applications can now be made online.",
        "People with dementia and their carers are welcome at the café.",
        "Anyone who is blind or partially sighted can ask for large print.",
        "Residents who are disabled can request an assisted collection.",
        "He is a Dementia Friend and runs our memory café.",
        "She uses a wheelchair-accessible minibus for the lunch club.",
        "Our Muslim, Christian and Sikh communities came together for the fair.",
        "Our coach helped him perfect his stroke at the swimming pool.",
        "Dave passed his probation period and is now a full driver.",
        "His fall prevention work won an award.",
        "She is a Christian Aid volunteer as well as a librarian.",
        "He was charged with leading the new project.",
        "Please use her breakdown of the figures in the report.",
        "Our mental health first aiders are trained to support colleagues.",
    ],
)
def test_the_same_words_not_about_a_person_pass(text: str) -> None:
    assert found(text, "PII-SPECIAL") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # Sexuality and gender: coming out says what it is.
        ("We supported a tenant who recently came out as gay.", "who recently came out as gay"),
        ("He came out to his mum as trans last year.", "He came out to his mum as trans"),
        ("She has just come out as bisexual and wanted a fresh start.", "She has just come out as bisexual"),
        # Criminal record and offending, as a support worker would put it.
        (
            "We found a flat for a man who is on the sex offenders register.",
            "who is on the sex offenders register",
        ),
        (
            "He is a registered sex offender, so the tenancy needs a risk assessment.",
            "He is a registered sex offender",
        ),
        ("The tenant, who has just come out of prison, needed furniture.", "who has just come out of prison"),
        ("She got out of jail last week and came to the hub.", "She got out of jail"),
        ("Mr Jones, who is on probation, helped with the litter pick.", "who is on probation"),
        ("We helped him after his release from prison.", "his release from prison"),
        # Ethnicity, Gypsy, Roma and Traveller people included.
        ("We rehoused a young man who is a Romany Gypsy.", "who is a Romany Gypsy"),
        ("She is an Irish Traveller and asked about the site.", "She is an Irish Traveller"),
        ("The family, who are Roma, moved in on Friday.", "who are Roma"),
        ("He is of Pakistani heritage and speaks four languages.", "He is of Pakistani heritage"),
        # Medicines and medical procedures give the condition away.
        ("Our warden helped a woman who had lost her insulin at the market.", "her insulin"),
        ("He left his inhaler on the bus.", "his inhaler"),
        ("We collected her prescription from the pharmacy.", "her prescription"),
        ("She is recovering from her mastectomy.", "her mastectomy"),
        ("His physio is on Tuesdays, so we moved his bin day.", "His physio"),
        ("Margaret's medication was delivered to the wrong address.", "Margaret's medication"),
    ],
)
def test_sexuality_offending_ethnicity_and_medicines_about_a_person_are_blocked(text: str, span: str) -> None:
    assert found(text, "PII-SPECIAL") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Join us at our gay pride event in the park on Saturday.",
        "Our prison visits service has moved to the Civic Centre.",
        "The Gypsy and Traveller site consultation opens today.",
        "Insulin pens collected at the pharmacy can be dropped off here.",
        "Roma and Traveller History Month starts in June.",
        "The surgery hours change from Monday.",
        "His treatment of the new starters was kind and fair.",
        "The prescription charge rises in April.",
        "Our probation partners ran a stall at the jobs fair.",
        "Visitors to the prison can book online.",
    ],
)
def test_the_same_words_about_services_and_places_pass(text: str) -> None:
    assert found(text, "PII-SPECIAL") == []


# --- PII-CHILD -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Amira (7) drew the winning poster.", "Amira (7)"),
        ("Jack, aged 9, spotted the fly-tipping.", "Jack, aged 9"),
        ("Seven-year-old Freya Jones planted the first tree.", "Seven-year-old Freya Jones"),
        ("Year 5 pupil Leo Martin read his poem.", "Year 5 pupil Leo Martin"),
        ("Ethan from Oakfield Primary won the poster competition.", "Ethan from Oakfield Primary"),
        ("My son Zephyr (8) loves the library.", "Zephyr (8)"),
        ("Noah, a pupil at the school, wrote to us.", "Noah, a pupil"),
        ("Well done to Isla (Year 6)!", "Isla (Year 6)"),
    ],
)
def test_a_child_identified_by_name_with_age_or_school_is_blocked(text: str, span: str) -> None:
    assert found(text, "PII-CHILD") == [(span, Severity.BLOCK)]


def test_two_children_in_one_sentence_are_two_findings() -> None:
    assert [s for s, _ in found("Poppy, 6, and her brother Alfie, 4, helped.", "PII-CHILD")] == [
        "Poppy, 6,",
        "Alfie, 4,",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Year 5 pupils from Oakfield Primary planted 200 trees.",
        "Storytime for children aged 5 to 11 is back.",
        "Join the Summer Reading Challenge at your library.",
        "Join our Rhymetime (0-4) sessions and Code Club (8-12).",
        "Ella, 24, joined as an apprentice in highways.",
        "Sam, a student at the university, volunteered.",
        "Headteacher Jane Doe from Oakfield Primary thanked the crews.",
        "School admissions for September 2026 open on 1 November.",
        "Meet Amira, our new library assistant.",
    ],
)
def test_children_as_a_group_and_adults_pass(text: str) -> None:
    assert found(text, "PII-CHILD") == []


def test_a_photo_of_a_child_without_consent_blocks_and_names_the_image() -> None:
    ctx = CheckContext(
        now=CTX.now,
        images=(
            ImageContext(alt="Bin lorry", shows_child=False),
            ImageContext(alt="Pupils planting trees", shows_child=True, consent=False),
            ImageContext(alt="Storytime", shows_child=True, consent=True),
        ),
    )
    findings = [f for f in run_checks("Tree planting day!", ctx, RULES).findings if f.check == "PII-CHILD"]
    assert [(f.image, f.start, f.end, f.severity) for f in findings] == [(1, 0, 0, Severity.BLOCK)]
    assert "consent" in findings[0].reason


def test_a_child_whose_full_name_is_on_the_consent_list_passes() -> None:
    rules = parse_rules("allow: {names: [Freya Jones]}")
    assert found("Seven-year-old Freya Jones planted the first tree.", "PII-CHILD", rules) == []
