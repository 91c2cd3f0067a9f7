"""A monthly X budget stops X posting with a clear reason before anything is posted anywhere."""

from __future__ import annotations

from chalice.test import Client

from chalicelib.domain.states import State
from chalicelib.policy.rules import parse_rules

from .conftest import Pipeline
from .test_publishing import approve

RULES = """
organisation: {name: Example Borough Council, staff_domains: [example.gov.uk]}
channels:
  x: {enabled: true, monthly_budget_usd: %s}
  blog: {enabled: true}
"""


def _story(pipeline: Pipeline, client: Client, subject: str, body: str) -> State:
    pipeline.email(subject, body)
    pipeline.run()
    approve(pipeline, client)
    pipeline.run()
    return next(r for r in pipeline.table.list() if r.title == subject).state


def test_stories_within_the_budget_publish_and_the_one_that_would_pass_it_does_not(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.rules = parse_rules(RULES % "0.04")  # two plain posts at $0.015, not three
    assert _story(pipeline, client, "Allotments", "New allotments open at Hill Farm.") is State.PUBLISHED
    assert _story(pipeline, client, "Library", "The library opens late on Thursdays now.") is State.PUBLISHED
    pages_before = len(pipeline.blog.pages)
    assert _story(pipeline, client, "Gritting", "The gritters are out tonight on every main road.") is (
        State.PUBLISH_FAILED
    )
    failed = next(r for r in pipeline.table.list() if r.title == "Gritting")
    events = [e for e in pipeline.table.audit(failed.story_id) if e.to_state is State.PUBLISH_FAILED]
    assert "X's budget for" in events[-1].reason and "($0.04) would be passed" in events[-1].reason
    assert "$0.03 is spent" in events[-1].reason
    assert len(pipeline.x.posts) == 2
    assert len(pipeline.blog.pages) == pages_before  # nothing half published


def test_a_redelivered_story_is_not_counted_twice(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(RULES % "0.015")  # room for exactly one plain post
    assert _story(pipeline, client, "Allotments", "New allotments open at Hill Farm.") is State.PUBLISHED
    pipeline.redeliver_everything()
    assert pipeline.only_story().state is State.PUBLISHED
    assert len(pipeline.x.posts) == 1


def test_a_post_with_a_link_is_priced_as_x_prices_it(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(RULES % "0.10")
    state = _story(pipeline, client, "Allotments", "Apply for an allotment at example.gov.uk/allotments now.")
    assert state is State.PUBLISH_FAILED  # $0.200 with a link, over a $0.10 budget
    assert pipeline.x.posts == []
