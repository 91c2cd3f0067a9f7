"""Posting: links, mentions, and a proposed thread that breaks a sentence or loses a name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import OrgRules, parse_rules

X = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="x")
RULES = parse_rules(
    """
organisation: {domain: example.gov.uk}
allow: {handles: ["@HartleyFoodBank", "ageuk"], link_domains: [ageuk.org.uk]}
channels: {x: {threads: true}}
"""
)


def found(text: str, check: str, rules: OrgRules = RULES) -> list[tuple[str, Severity]]:
    return [
        (text[f.start : f.end], f.severity) for f in run_checks(text, X, rules).findings if f.check == check
    ]


# --- links -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Book at https://www.example.gov.uk/bins today.",
        "Book at example.gov.uk/bins today.",
        "More at https://libraries.example.gov.uk/events",
        "Help from https://www.ageuk.org.uk/hartley",
    ],
)
def test_one_link_to_the_council_or_an_allowed_partner_passes(text: str) -> None:
    assert found(text, "X-LINK") == []


@pytest.mark.parametrize(
    ("text", "span", "says"),
    [
        ("Book at https://bit.ly/3xYz today.", "https://bit.ly/3xYz", "shortener"),
        ("Book at https://tinyurl.com/bins today.", "https://tinyurl.com/bins", "shortener"),
        ("See https://www.dodgy-deals.com/offer", "https://www.dodgy-deals.com/offer", "not on the list"),
        ("See http://www.example.gov.uk/bins", "http://www.example.gov.uk/bins", "http://"),
    ],
)
def test_shorteners_unknown_sites_and_plain_http_warn(text: str, span: str, says: str) -> None:
    assert found(text, "X-LINK") == [(span, Severity.WARN)]
    (finding,) = [f for f in run_checks(text, X, RULES).findings if f.check == "X-LINK"]
    assert says in finding.reason


def test_a_second_link_warns() -> None:
    text = "Book at https://www.example.gov.uk/bins or https://www.example.gov.uk/tips"
    assert found(text, "X-LINK") == [("https://www.example.gov.uk/tips", Severity.WARN)]


# --- mentions --------------------------------------------------------------------------------------


def test_a_mention_not_on_the_allow_list_warns() -> None:
    assert found("Thanks to @DaveTheBuilder for the help!", "X-MENTION") == [
        ("@DaveTheBuilder", Severity.WARN)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to @hartleyfoodbank and @AgeUK for the help!",
        "Email bins@example.gov.uk for help.",
        "Meet us @ the library at 2pm.",
    ],
)
def test_allowed_mentions_and_email_addresses_pass(text: str) -> None:
    assert found(text, "X-MENTION") == []


# --- thread plan -----------------------------------------------------------------------------------


def sentence(words: int) -> str:
    return " ".join(["bins"] * (words - 1)) + " collected."


def test_a_thread_that_must_split_a_long_sentence_warns_on_that_sentence() -> None:
    long_sentence = "Our crews " + " ".join(["collected bins"] * 70) + " today."
    text = f"{sentence(5)} {long_sentence}"
    assert (long_sentence, Severity.WARN) in found(text, "X-THREAD")


def test_a_part_that_starts_with_a_pronoun_warns_that_the_name_is_lost() -> None:
    first = "Maria Lopez has driven our mobile library for twenty years, visiting villages every week. " * 3
    text = first + "She retires on Friday and the whole team will miss her."
    findings = found(text, "X-THREAD")
    assert ("She", Severity.WARN) in findings


def test_a_story_that_fits_one_post_has_no_thread_findings() -> None:
    assert found("She retires on Friday. Thank you, Maria!", "X-THREAD") == []


def test_without_threads_the_thread_check_is_silent() -> None:
    rules = parse_rules("channels: {x: {threads: false}}")
    text = "Maria drove the library van. " * 12 + "She retires on Friday."
    assert found(text, "X-THREAD", rules) == []
