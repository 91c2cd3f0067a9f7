"""Everyone who decides about a story sees its photos: the approver on the approval page, the comms officer
on the override page of a blocked story and on the takedown page of a live one, each photo loaded from its
link's own route, in a real browser."""

from __future__ import annotations

import io
import uuid
from email.message import EmailMessage

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from .conftest import Stack, assert_accessible, link_in

pytestmark = pytest.mark.e2e

ALT = "The gritter crew loading salt at the depot"


def photo_email(title: str, text: str) -> EmailMessage:
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 120, 160)).save(buf, "JPEG")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", title
    msg.set_content(text)
    msg.add_attachment(buf.getvalue(), maintype="image", subtype="jpeg", filename="depot.jpg")
    list(msg.iter_attachments())[-1]["Content-Description"] = ALT
    return msg


def assert_photo_loaded(page: Page) -> None:
    """The photo is on the page and its bytes arrived: a broken image has no natural width."""
    img = page.get_by_alt_text(ALT)
    expect(img).to_be_visible()
    assert img.evaluate("el => el.complete && el.naturalWidth") == 640


def test_the_override_page_of_a_blocked_story_shows_its_photo(stack: Stack, browser: Browser) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Gritting tonight {tag}"
    stack.send(
        title, "", msg=photo_email(title, f"Questions? Ring our gritting lead on 07700 900222. ({tag})")
    )
    blocked = stack.mail_to("comms@example.gov.uk", f"Blocked by the checks: {title}")
    page = browser.new_page()
    page.goto(link_in(blocked, "o"))
    expect(page.get_by_role("heading", name="Override the checks?")).to_be_visible()
    assert_photo_loaded(page)
    assert_accessible(page)
    page.close()


def test_the_approval_and_takedown_pages_show_the_storys_photo(stack: Stack, browser: Browser) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Salt delivered {tag}"
    stack.send(title, "", msg=photo_email(title, f"Two hundred tonnes of salt arrived at the depot. ({tag})"))
    approval = stack.mail_to("comms@example.gov.uk", f"Approval needed: {title}")
    page = browser.new_page()
    page.goto(link_in(approval, "a"))
    expect(page.get_by_role("heading", name="Approve this story?")).to_be_visible()
    assert_photo_loaded(page)
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()
    live = stack.mail_to("comms@example.gov.uk", f"Now live: {title}")
    page.goto(link_in(live, "t"))
    expect(page.get_by_role("heading", name="Take this story down?")).to_be_visible()
    assert_photo_loaded(page)
    assert_accessible(page)
    page.close()
