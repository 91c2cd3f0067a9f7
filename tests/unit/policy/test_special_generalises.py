"""PII-SPECIAL finds special category facts by the shape of their words, not by a list of them.

Conditions by their medical endings after a cue, belief and origin words after "a devout", "As a" or
"is a", coming out as any identity, any offence after "served … for" or "was convicted of", and
immigration status. Beside each group, the same words about no one in particular pass.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import parse_rules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = parse_rules("")


def special(text: str) -> list[str]:
    findings = [f for f in run_checks(text, CTX, RULES).findings if f.check == "PII-SPECIAL"]
    assert all(f.severity is Severity.BLOCK for f in findings)
    return [text[f.start : f.end] for f in findings]


def assert_covers(text: str, words: str) -> None:
    spans = special(text)
    assert any(words in span for span in spans), f"{words!r} not inside {spans!r}"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Our volunteer Jo was diagnosed with cystic fibrosis as a child.", "cystic fibrosis"),
        ("Our tenant has had rheumatoid arthritis for years.", "rheumatoid arthritis"),
        ("My neighbour Pat is living with chronic fatigue, so we take her bins out.", "chronic fatigue"),
        ("She is off sick with chronic fatigue.", "chronic fatigue"),
        ("He suffers from peripheral neuropathy and can't walk far.", "peripheral neuropathy"),
        ("Our caretaker is recovering from a splenectomy.", "splenectomy"),
        ("She was diagnosed with non-Hodgkin lymphoma in March.", "lymphoma"),
        ("Our colleague Dev is in remission from bowel cancer.", "bowel cancer"),
        ("He has been battling motor neurone disease for two years.", "disease"),
        ("The tenant at number 4 has Addison's disease.", "Addison's disease"),
        ("Her husband is being treated for pernicious anaemia.", "pernicious anaemia"),
        ("He had glandular fever last term.", "glandular fever"),
        ("Our driver Ray has Bell's palsy, so he is on light duties.", "Bell's palsy"),
        ("She is fighting acute myeloid leukaemia.", "leukaemia"),
    ],
)
def test_a_condition_is_found_by_its_medical_shape_after_a_cue(text: str, words: str) -> None:
    assert_covers(text, words)


@pytest.mark.parametrize(
    "text",
    [
        "The health centre reopened after the refit.",
        "Her dementia café meets every Tuesday at the library.",
        "Anyone who is blind is welcome at the talk.",
        "People living with chronic pain can join the walking group.",
        "The depot has a heating failure, so bring a coat.",
        "She has a diploma in horticulture.",
        "He has a lot of sympathy for the residents.",
        "The cancer ward reopened this week.",
        "If anyone has glandular fever, please stay at home.",
        "He had the operation of the new gritters explained by Tom.",
        "The depot has had a major operation to clear the roads, and Dave led it.",
        "Our crews have been battling erosion on the riverbank with Sarah from the Environment Agency.",
    ],
)
def test_the_same_shapes_not_about_a_person_pass(text: str) -> None:
    assert special(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Mr Patel, a devout Methodist, asked for a quiet room.", "Methodist"),
        ("Our tenant is a practising Pentecostalist and sings in the choir.", "Pentecostalist"),
        ("As a Sikh, he wears a turban at work.", "Sikh"),
        ("She converted to Judaism last year.", "Judaism"),
        ("He is a Rastafarian and asked about the hair policy.", "Rastafarian"),
        ("She is Greek Orthodox and fasts before Easter.", "Greek Orthodox"),
        ("Our volunteer Anne is a Seventh-day Adventist.", "Seventh-day Adventist"),
        ("Mr Khan is a Sunni Muslim and prays at lunchtime.", "Sunni Muslim"),
        ("The family from the Eritrean community moved in on Friday.", "Eritrean"),
        ("Our new tenant, who is Vietnamese, asked for a translated leaflet.", "Vietnamese"),
        ("She is mixed race and spoke about it at the assembly.", "mixed race"),
    ],
)
def test_a_belief_or_an_origin_is_found_by_its_shape_after_a_cue(text: str, words: str) -> None:
    assert_covers(text, words)


@pytest.mark.parametrize(
    "text",
    [
        "A conservative estimate is 40 tonnes of grit.",
        "As a Christian charity, we run the food bank.",
        "The Victorian terrace on the high street has new windows.",
        "This is a Georgian building with listed railings.",
        "Our Polish Saturday school meets in the library.",
        "She is a Christian Aid volunteer as well as a librarian.",
        "Mrs Jones is a Councillor for the Riverside ward.",
        "Our chef Marco is an Italian food expert and runs the café.",
        "It is a Christian festival that the whole town enjoys.",
    ],
)
def test_belief_and_origin_words_about_things_and_groups_pass(text: str) -> None:
    assert special(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("My colleague Sam is non-binary and asked us to use they/them.", "non-binary"),
        ("He came out as pansexual at the team meeting.", "pansexual"),
        ("She came out to her family as genderfluid last year.", "genderfluid"),
        ("Our volunteer, who is asexual, runs the book club.", "asexual"),
    ],
)
def test_sexuality_and_gender_identity_are_found_for_any_term(text: str, words: str) -> None:
    assert_covers(text, words)


@pytest.mark.parametrize(
    "text",
    [
        "Join us at the trans rights stall on Saturday.",
        "The council came out as the best in the region for recycling.",
    ],
)
def test_identity_words_about_events_pass(text: str) -> None:
    assert special(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He served three years for possession with intent to supply.", "possession with intent to supply"),
        ("Our new tenant was convicted of handling counterfeit currency.", "handling counterfeit currency"),
        ("He was jailed for dangerous driving in 2019.", "dangerous driving"),
        ("Dave was in prison for aggravated vehicle taking, but he's turned it round.", "aggravated vehicle"),
        ("She has a conviction for benefit fraud.", "benefit fraud"),
        ("He is on probation for criminal damage, so he can't volunteer with children.", "criminal damage"),
        ("Our volunteer Lee got done for fly-tipping last year.", "fly-tipping"),
    ],
)
def test_any_offence_is_found_to_the_end_of_its_clause(text: str, words: str) -> None:
    assert_covers(text, words)


@pytest.mark.parametrize(
    "text",
    [
        "He served five years for the council as a warden.",
        "He served five years on the committee.",
        "We were done for the day by three o'clock.",
    ],
)
def test_service_and_work_phrasing_is_not_an_offence(text: str) -> None:
    assert special(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("She has no recourse to public funds.", "no recourse to public funds"),
        ("The man we rehoused is seeking asylum.", "seeking asylum"),
        ("Our client was refused leave to remain last month.", "leave to remain"),
    ],
)
def test_immigration_status_about_a_person_is_found(text: str, words: str) -> None:
    assert_covers(text, words)


def test_asylum_advice_for_anyone_passes() -> None:
    assert special("Anyone who is seeking asylum can get free advice at the hub.") == []
