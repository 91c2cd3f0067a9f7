"""The approval email says what approving will spend on X, link prices included."""

from __future__ import annotations

from chalice.test import Client

from chalicelib.policy.rules import parse_rules
from chalicelib.policy.x_cost import x_cost

from .conftest import Pipeline
from .test_approvals import link_for

APPROVER = "comms@example.gov.uk"
RULES = """
organisation: {name: Example Borough Council, staff_domains: [example.gov.uk]}
approval:
  steps:
    - {name: comms, approvers: [comms@example.gov.uk]}
channels:
  x: {enabled: true, threads: %s}
"""


def _approval(pipeline: Pipeline) -> str:
    mails = [m for m in pipeline.mail_to(APPROVER) if m.subject.startswith("Approval needed")]
    assert mails, [m.subject for m in pipeline.mail_to(APPROVER)]
    return mails[-1].text


def test_a_one_post_story_costs_one_post(pipeline: Pipeline) -> None:
    pipeline.rules = parse_rules(RULES % "false")
    pipeline.email("Allotments", "New allotments open at Hill Farm this spring.")
    pipeline.run()
    # $0.015, rounded up to the cent.
    assert "Publishing it on X will cost about $0.02 on X (1 post)." in _approval(pipeline)


def test_a_link_is_priced_as_x_prices_it(pipeline: Pipeline) -> None:
    pipeline.rules = parse_rules(RULES % "false")
    pipeline.email(
        "Allotments", "New allotments open at Hill Farm. Apply at example.gov.uk/allotments today."
    )
    pipeline.run()
    assert "about $0.20 on X (1 post; it has a link, which X charges $0.20 a post for)" in _approval(pipeline)


def test_a_thread_costs_a_post_a_part() -> None:
    assert x_cost(["one", "two", "three"], 0).usd == 0.045
    assert x_cost(["one"], 6).described_photos == 4  # X takes four photos on a post
    assert x_cost(["one"], 2).usd == 0.025


def test_no_cost_is_shown_when_x_is_off(pipeline: Pipeline) -> None:
    pipeline.rules = parse_rules((RULES % "false").replace("enabled: true", "enabled: false"))
    pipeline.email("Allotments", "New allotments open at Hill Farm this spring.")
    pipeline.run()
    assert "on X" not in _approval(pipeline)


def test_the_approval_page_shows_the_cost_on_x_too(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(RULES % "false")
    pipeline.email("Allotments", "New allotments open at Hill Farm this spring.")
    pipeline.run()
    page = client.http.get(link_for(pipeline, APPROVER)).body.decode()
    assert "<dt>Cost on X</dt><dd>about $0.02 on X (1 post)</dd>" in page
