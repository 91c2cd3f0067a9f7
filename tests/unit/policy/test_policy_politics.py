"""Political neutrality: party promotion blocks, members block only in a pre-election window."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.checks.politics import active_window
from chalicelib.policy.rules import OrgRules, parse_rules

RULES = parse_rules(
    """
politics:
  windows: [{name: Borough elections, start: 2026-03-26, end: 2026-05-07}]
  members: [Priya Shah]
  parties: [Ashfield Independents]
  controversial_topics: [low traffic neighbourhood]
  consultations: [Local Plan consultation]
"""
)
IN_WINDOW = CheckContext(now=datetime(2026, 4, 20, 9, tzinfo=UTC))
OUTSIDE = CheckContext(now=datetime(2026, 6, 20, 9, tzinfo=UTC))


def found(
    text: str, check: str, ctx: CheckContext = IN_WINDOW, rules: OrgRules = RULES
) -> list[tuple[str, Severity]]:
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, ctx, rules).findings if f.check == check
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Vote Labour on 7 May!", "Vote Labour"),
        ("Vote Green on Thursday.", "Vote Green"),
        ("Re-elect Cllr Jane Smith for a cleaner Hartley.", "Re-elect Cllr Jane Smith"),
        ("The Conservatives have delivered a council tax freeze.", "Conservatives have delivered"),
        ("Read the Lib Dem manifesto to see the plans for parks.", "Lib Dem manifesto"),
        ("Proud to support the Green Party in this election.", "Proud to support the Green Party"),
        ("Reform UK will fix the potholes.", "Reform UK will fix"),
        ("Thanks to the Labour council, the library opens on Sundays.", "Thanks to the Labour"),
        ("Don't let the Tories close our library.", "Don't let the Tories"),
        ("Only Labour can save our library.", "Only Labour"),
        ("Great turnout today #VoteLabour", "#VoteLabour"),
        ("Vote for Ashfield Independents on Thursday.", "Vote for Ashfield Independents"),
        ("Please vote for Priya Shah on polling day.", "vote for Priya Shah"),
        (
            "Green Party councillors have secured funding for the playground.",
            "Green Party councillors have secured",
        ),
        ("Tories promise lower council tax.", "Tories promise"),
    ],
)
def test_party_or_candidate_promotion_is_blocked(text: str, span: str) -> None:
    assert found(text, "POL-PARTY") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Another pothole gone. That's what you get with Labour in charge. Vote for them again!",
            "Labour in charge. Vote for them",
        ),
        ("That's what you get with the Lib Dems, so back them in May!", "Lib Dems, so back them"),
        ("New bins from the Green Party. Keep them in!", "Green Party. Keep them in"),
        ("Plaid Cymru fixed the roof. They delivered!", "Plaid Cymru fixed the roof. They delivered"),
        (
            "Reform UK cut the waiting list. Please re-elect them on Thursday.",
            "Reform UK cut the waiting list. Please re-elect them",
        ),
    ],
)
def test_promotion_that_refers_back_to_a_party_is_blocked(text: str, span: str) -> None:
    assert found(text, "POL-PARTY") == [(span, Severity.BLOCK)]


@pytest.mark.parametrize(
    "text",
    [
        "Vote in the election: polls open 7am to 10pm.",
        "The Labour group tabled a motion on bus lanes. Officers will report back in June.",
        "Labour councillors met residents. The residents asked us to back them.",
        "The Green Party stall was busy. Visit them at the market.",
        "The Conservative group asked about potholes. We wrote back to them.",
        "Our parks team planted bulbs. Vote for them in the Green Flag awards!",
    ],
)
def test_them_that_is_not_a_party_being_promoted_passes(text: str) -> None:
    assert found(text, "POL-PARTY") == []


def test_party_promotion_blocks_outside_a_window_too() -> None:
    assert found("Vote Labour on 7 May!", "POL-PARTY", OUTSIDE) == [("Vote Labour", Severity.BLOCK)]


def test_a_neutral_party_mention_only_warns() -> None:
    text = "The Conservative-led committee approved the new play area."
    assert found(text, "POL-PARTY") == []
    assert found(text, "POL-NEUTRAL") == [("Conservative", Severity.WARN)]


@pytest.mark.parametrize(
    "text",
    [
        "Labour Day closures: bins will be collected a day late.",
        "The labour market is tight, so we are recruiting apprentices.",
        "She went into labour on the bus and our driver helped.",
        "Our green spaces team planted 300 trees.",
        "The Green Flag award went to Hartley Park again.",
        "The reform of the bin rota starts in June.",
        "Conservative estimates put the number of visitors at 4,000.",
        "Vote for your favourite park in the People's Choice award.",
        "The bowls club will re-elect its committee next month.",
        "We support the candidates through their interviews.",
        "Funded by the government's Household Support Fund, the scheme helps 400 families.",
        "Councillors approved the budget on Tuesday.",
        "Residents can vote on the new play area design until Friday.",
    ],
)
def test_ordinary_words_that_are_also_party_names_pass(text: str) -> None:
    verdict = run_checks(text, IN_WINDOW, RULES)
    assert [f for f in verdict.findings if f.check.startswith("POL-")] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Cllr Smith opened the new library.", "Cllr Smith"),
        ('"It is a great day," said Councillor Amir Khan.', "Councillor Amir Khan"),
        ("Yesterday Jane Smith MP visited the depot.", "Jane Smith MP"),
        ("The Mayor visited our bin crews this morning.", "The Mayor"),
        ("Priya Shah thanked the crews.", "Priya Shah"),
        ('"We are proud," said the council leader.', "council leader"),
    ],
)
def test_a_member_named_inside_the_pre_election_window_is_blocked(text: str, span: str) -> None:
    assert found(text, "POL-MEMBER", IN_WINDOW) == [(span, Severity.BLOCK)]
    (finding,) = [f for f in run_checks(text, IN_WINDOW, RULES).findings if f.check == "POL-MEMBER"]
    assert "Borough elections" in finding.reason


def test_a_councillor_outside_the_pre_election_window_only_warns() -> None:
    assert found("Cllr Smith opened the new library.", "POL-MEMBER", OUTSIDE) == [
        ("Cllr Smith", Severity.WARN)
    ]


def test_the_window_includes_polling_day_in_uk_time() -> None:
    # 23:30 UTC on 7 May is already 8 May in London (BST): the window has closed.
    late = CheckContext(now=datetime(2026, 5, 7, 23, 30, tzinfo=UTC))
    polling_day = CheckContext(now=datetime(2026, 5, 7, 21, 0, tzinfo=UTC))
    assert active_window(late, RULES) is None
    assert active_window(polling_day, RULES) is not None


def test_councillors_in_general_are_not_a_member_named() -> None:
    assert found("Our councillor training session is on Monday.", "POL-MEMBER") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("This administration has transformed the town centre.", "This administration"),
        ("Have your say in the Local Plan consultation.", "Local Plan consultation"),
        ("The low traffic neighbourhood trial starts on Monday.", "low traffic neighbourhood"),
    ],
)
def test_controversy_warns_during_the_window(text: str, span: str) -> None:
    assert found(text, "POL-CONTROV", IN_WINDOW) == [(span, Severity.WARN)]


def test_controversy_passes_outside_the_window() -> None:
    assert found("This administration has transformed the town centre.", "POL-CONTROV", OUTSIDE) == []


def test_an_opinion_on_government_policy_warns() -> None:
    text = "The government's savage cuts have left us short of staff."
    assert found(text, "POL-NEUTRAL") == [("government's savage", Severity.WARN)]


def test_an_empty_rules_file_still_checks_party_promotion() -> None:
    rules = parse_rules("")
    assert found("Vote Labour on 7 May!", "POL-PARTY", IN_WINDOW, rules) == [("Vote Labour", Severity.BLOCK)]
    assert found("Cllr Smith opened the library.", "POL-MEMBER", IN_WINDOW, rules) == [
        ("Cllr Smith", Severity.WARN)
    ]
