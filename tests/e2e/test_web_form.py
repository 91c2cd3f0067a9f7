"""A member of staff uses the web form in a real browser; the story goes all the way to X and the blog."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
import requests
from PIL import Image
from playwright.sync_api import Browser, expect

from .conftest import Stack, assert_accessible, link_in

pytestmark = pytest.mark.e2e


def photo(path: Path) -> Path:
    img = Image.new("RGB", (640, 480), (30, 120, 60))
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path


def test_a_story_sent_from_the_web_form_is_confirmed_approved_and_published(
    stack: Stack, browser: Browser, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"New library opening hours {tag}"
    address = f"sam.patel+{tag}@example.gov.uk"  # the confirmation's subject is the same for every story
    body = (
        f"From Monday the central library opens at 8am so commuters can borrow books on the way in. ({tag})"
    )
    page = browser.new_page()
    page.goto(f"{stack.base}/submit")
    expect(page.get_by_role("heading", name="Tell your story")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Sam Patel")
    page.get_by_label("Your work email address").fill(address)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your story").fill(body)
    page.set_input_files("#image-1", str(photo(tmp_path / "library.jpg")))
    page.fill("#image-1-alt", "The library's front doors open in morning sunshine")
    page.get_by_label("Everyone named or shown in my story and photos has agreed to be included").check()
    page.get_by_role("button", name="Send my story").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    confirm = stack.mail_to(address, "Confirm the story you sent")
    assert title not in confirm["subject"] and title not in confirm["text"]
    page.goto(link_in(confirm, "c"))
    assert_accessible(page)
    page.get_by_role("button", name="Yes, I sent this story").click()
    expect(page.get_by_role("heading", name="Thank you: your story is on its way")).to_be_visible()

    approval = stack.mail_to("comms@example.gov.uk", f"Approval needed: {title}")
    page.goto(link_in(approval, "a"))
    expect(page.get_by_role("heading", name="Approve this story?")).to_be_visible()
    expect(page.get_by_alt_text("The library's front doors open in morning sunshine")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()

    post = stack.wait_for("the post on X", lambda: [p for p in stack.posts() if tag in p["text"]])[0]
    assert post["text"] == body
    blog = stack.wait_for(
        "the blog page", lambda: title in requests.get(f"{stack.base}/blog/", timeout=10).text
    )
    assert blog
    page.goto(f"{stack.base}/blog/")
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_alt_text("The library's front doors open in morning sunshine")).to_be_visible()
    page.close()


def test_the_form_explains_what_is_missing(stack: Stack, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{stack.base}/submit")
    page.get_by_label("Your work email address").fill("sam@gmail.com")
    page.get_by_role("button", name="Send my story").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    summary = page.locator(".error-summary").inner_text()
    assert "name" in summary.lower()
    assert "example.gov.uk" in summary
    # What was typed is kept.
    expect(page.get_by_label("Your work email address")).to_have_value("sam@gmail.com")
    page.close()


def test_a_post_without_the_forms_token_is_refused(stack: Stack) -> None:
    resp = requests.post(
        f"{stack.base}/stories",
        data={"name": "A", "email": "a@example.gov.uk", "title": "t", "story": "s", "consent": "yes"},
        timeout=10,
    )
    assert resp.status_code == 403
    assert "did not come from this site" in resp.text
