"""Approvers and authors working from their emails in a real browser, on a two-step approval."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from .conftest import Stack, assert_accessible, link_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    p = browser.new_page()
    yield p
    p.close()


def tagged(title: str) -> tuple[str, str]:
    tag = uuid.uuid4().hex[:6]
    return f"{title} {tag}", tag


def decide(page: Page, stack: Stack, to: str, subject: str, button: str, reason: str = "") -> None:
    mail = stack.mail_to(to, subject)
    page.goto(link_in(mail, "a"))
    expect(page.get_by_role("heading", name="Approve this story?")).to_be_visible()
    assert_accessible(page)
    if reason:
        page.get_by_label("Reason or comments").fill(reason)
    page.get_by_role("button", name=button).click()


def test_a_two_step_approval_from_the_emailed_links_ends_in_publication(
    two_step_stack: Stack, page: Page
) -> None:
    stack = two_step_stack
    title, tag = tagged("Grit bins refilled")
    stack.send(title, f"All 300 grit bins are full before the cold snap. ({tag})")
    decide(page, stack, "manager@example.gov.uk", f"Approval needed: {title}", "Approve")
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()
    assert_accessible(page)
    assert not [p for p in stack.posts() if tag in p["text"]]
    decide(page, stack, "comms@example.gov.uk", f"Approval needed: {title}", "Approve and publish")
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()
    stack.wait_for("the post on X", lambda: [p for p in stack.posts() if tag in p["text"]])
    # `stories audit` says who approved which version, and when.
    story = stack.wait_for("PUBLISHED", lambda: (stack.story(title) or {}).get("status") == "PUBLISHED")
    assert story
    sid = stack.story(title)["id"]  # type: ignore[index]
    out = stack.audit(sid)
    assert "manager@example.gov.uk" in out and "comms@example.gov.uk" in out
    assert out.index("manager@example.gov.uk") < out.index("comms@example.gov.uk")


def test_changes_requested_then_revised_by_the_author_then_approved(
    two_step_stack: Stack, page: Page
) -> None:
    stack = two_step_stack
    title, tag = tagged("Recycling centre")
    stack.send(title, f"The recycling centre has new hours. ({tag})")
    decide(
        page,
        stack,
        "manager@example.gov.uk",
        f"Approval needed: {title}",
        "Ask for changes",
        "Say which days",
    )
    expect(page.get_by_role("heading", name="Changes requested")).to_be_visible()

    changes = stack.mail_to("alex.doe@example.gov.uk", f"Changes requested: {title}")
    assert "Say which days" in changes["text"]
    page.goto(link_in(changes, "r"))
    expect(page.get_by_role("heading", name="Change your story")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The story").fill(
        f"The recycling centre now opens Monday to Saturday, 8am to 6pm. ({tag})"
    )
    page.get_by_role("button", name="Save the new version").click()
    expect(page.get_by_role("heading", name="Thank you: the new version is on its way")).to_be_visible()

    # Checked again, then approval starts afresh at the first step with version 2.
    def second_request() -> list[dict[str, object]]:
        return [
            m for m in stack.mail()
            if "manager@example.gov.uk" in m["to"] and m["subject"] == f"Approval needed: {title}"
        ]  # fmt: skip

    stack.wait_for("a new approval request", lambda: len(second_request()) == 2)
    page.goto(link_in(second_request()[-1], "a"))  # type: ignore[arg-type]
    expect(page.get_by_text("Monday to Saturday")).to_be_visible()
    page.get_by_role("button", name="Approve").first.click()
    decide(page, stack, "comms@example.gov.uk", f"Approval needed: {title}", "Approve and publish")
    post = stack.wait_for("the post", lambda: [p for p in stack.posts() if tag in p["text"]])[0]
    assert "Monday to Saturday" in post["text"]


def test_an_approvers_edit_is_checked_again_before_anyone_can_approve_it(
    two_step_stack: Stack, page: Page
) -> None:
    stack = two_step_stack
    title, tag = tagged("Street lights")
    stack.send(title, f"We replaced 50 street lights with LEDs this week. ({tag})")
    first = stack.mail_to("manager@example.gov.uk", f"Approval needed: {title}")
    page.goto(link_in(first, "a"))
    page.get_by_role("link", name="Edit the story yourself").click()
    expect(page.get_by_role("heading", name="Edit the story")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The story").fill(
        f"We replaced 50 street lights. Questions? Ring Jo on 07700 900321. ({tag})"
    )
    page.get_by_role("button", name="Save the new version").click()
    expect(page.get_by_role("heading", name="Thank you: the new version is on its way")).to_be_visible()
    # The edit added a mobile number: the checks stop it and tell the author; the old link is dead.
    blocked = stack.mail_to("alex.doe@example.gov.uk", f"Changes needed before approval: {title}")
    assert "PII-PHONE" in blocked["text"]
    old = requests.get(link_in(first, "a"), timeout=10)
    assert old.status_code == 409 and "newer version" in old.text
    page.goto(link_in(first, "a"))
    assert_accessible(page)


def test_the_override_page_is_accessible_and_needs_a_reason(stack: Stack, page: Page) -> None:
    title, _ = tagged("Out of hours")
    stack.send(title, "Our out-of-hours officer is on 07700 900111.")
    blocked = stack.mail_to("comms@example.gov.uk", f"Blocked by the checks: {title}")
    page.goto(link_in(blocked, "o"))
    expect(page.get_by_role("heading", name="Override the checks?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Override and send to approval").click()
    expect(page.get_by_role("heading", name="Nothing was changed")).to_be_visible()
    assert_accessible(page)
