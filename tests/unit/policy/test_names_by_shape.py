"""Names on no list are still names: two capitalised words that no dictionary writes in lower case.

The examples are invented here (no list the checks or the corpus hold has these names), so they show
the rule generalising rather than recognising; beside them, the places, firms, dates and streets
that look the same and must pass.
"""

from __future__ import annotations

import pytest

from chalicelib.policy.people import COMMON_WORDS, find_names, is_common_word
from tests.unit.policy.test_issue_examples import assert_blocks, severities


@pytest.mark.parametrize(
    "text",
    [
        "Today we said goodbye to Zorvan Quellby, our longest-serving caretaker.",
        "Huge thanks to Ysolde Brankwick, who stayed late to shelve every book.",
        "Zorvan Quellby of the allotments won the prize for the biggest marrow.",
        "Ysolde Teapot said the new bus shelter has changed her mornings.",
        "Our home library volunteer visits Dr Quellby every Wednesday.",
        "We helped Ștefania Brâncuși get her boiler fixed before the cold snap.",
    ],
)
def test_an_unlisted_first_name_and_surname_block(text: str) -> None:
    assert_blocks(text, "PII-NAME")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Severn Trent, who fixed the main overnight.",
        "The crew drove to Milton Keynes for the new gritters.",
        "Merthyr Tydfil library reopens on Monday.",
        "The new bus shelter on Quellby Shoals has a bench and a real-time display.",
        "We cleared the overgrown garden at 22 Quellby Brook for a resident.",
        "The bin rounds change over Easter Monday and Christmas Eve.",
        "Network Rail said the bridge will reopen in March.",
        "Annual Report Highlights From The Quellby Brankwick Depot",
    ],
)
def test_places_firms_dates_and_streets_of_the_same_shape_pass(text: str) -> None:
    # The street still blocks as an address (PII-ADDR); here only the name check is asked.
    assert severities(text, "PII-NAME") == []


def test_a_pair_with_one_ordinary_word_needs_a_persons_verb_after_it() -> None:
    assert [n.surname for n in find_names("Zorvan Teapot said hello.")] == ["Teapot"]
    assert find_names("The Zorvan Teapot range is in the shop window.") == ()


def test_the_dictionary_knows_ordinary_words_and_their_plurals_but_not_names() -> None:
    assert len(COMMON_WORDS) > 20_000
    assert all(is_common_word(w) for w in ("Landing", "Shoals", "Services", "Libraries", "Rail"))
    assert not any(is_common_word(w) for w in ("Quellby", "Brankwick", "Zorvan"))


@pytest.mark.parametrize(
    "text",
    [
        "Zorvana, aged 6, from Quellby Primary won our poster competition.",
        "Rose, 7, helped the crew fill the grit bin outside the infant school.",
    ],
)
def test_a_child_named_at_the_start_of_a_sentence_with_an_age_blocks(text: str) -> None:
    assert_blocks(text, "PII-CHILD")


@pytest.mark.parametrize(
    "text",
    [
        "Overall, the pupils at Quellby Primary collected 7 bags of litter.",
        "Reading, writing and arithmetic are still what the Year 6 class enjoys.",
    ],
)
def test_ordinary_words_opening_a_sentence_about_a_school_are_not_children(text: str) -> None:
    assert severities(text, "PII-CHILD") == []


@pytest.mark.parametrize(
    "text",
    [
        "We delivered the new bins to 98 McQuellby Shore, BR1N 1UG, this morning.",
        "We cleared the garden at 14 O'Zorvan Reach for a resident who couldn't manage it.",
        "The crew took the sofa away from 7 MacBrankwick Lea yesterday.",
    ],
)
def test_a_house_number_and_a_street_with_a_gaelic_prefix_is_an_address(text: str) -> None:
    assert_blocks(text, "PII-ADDR")
