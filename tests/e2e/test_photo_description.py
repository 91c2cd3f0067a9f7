"""The commonest story of all: a few lines and a photo from an iPhone (HEIC, no description). The author
describes the photo from the link in their receipt, in a real browser; the approver approves; the blog and
X carry the photo with the author's words as its alt text."""

from __future__ import annotations

import io
import uuid
from email.message import EmailMessage
from typing import Any

import pytest
import requests
from PIL import Image
from playwright.sync_api import Browser, expect

from .conftest import Stack, assert_accessible, link_in

pytestmark = pytest.mark.e2e

ALT = "The litter crew beside the canal with twelve full sacks"


def iphone_photo() -> bytes:
    """A HEIC, as an iPhone sends by default (made with pillow-heif, which the intake reads it with)."""
    from pillow_heif import from_pillow

    buf = io.BytesIO()
    from_pillow(Image.new("RGB", (1200, 900), (40, 110, 70))).save(buf, quality=80)
    return buf.getvalue()


def latest(stack: Stack, to: str, subject: str, count: int) -> dict[str, Any]:
    """The newest of at least ``count`` emails to ``to`` about ``subject``."""

    def probe() -> list[dict[str, Any]]:
        mails = [m for m in stack.mail() if to in m["to"] and subject in m["subject"]]
        return mails if len(mails) >= count else []

    return dict(stack.wait_for(f"{count} mails to {to} about {subject!r}", probe)[-1])


def test_an_iphone_photo_sent_without_a_description_is_described_by_its_author_and_published_with_it(
    stack: Stack, browser: Browser
) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Canal path cleared {tag}"
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", title
    text = f"This morning our crew cleared two tonnes of litter from the canal path. ({tag})"
    msg.set_content(f"{text}\n\nSent from my iPhone")
    msg.add_attachment(iphone_photo(), maintype="image", subtype="heic", filename="IMG_4021.HEIC")
    stack.send(title, "", msg=msg)

    receipt = stack.mail_to("alex.doe@example.gov.uk", f"We have your story: {title}")
    assert "Your photo needs a short description" in receipt["text"]
    page = browser.new_page()
    page.goto(link_in(receipt, "d"))
    # Opened at once, the page may first say the photo is still being inspected, and reload itself.
    expect(page.get_by_role("heading", name="Describe your photos")).to_be_visible(timeout=30_000)
    assert_accessible(page)
    page.get_by_label("Describe the photo for people who cannot see it").fill(ALT)
    page.get_by_role("button", name="Save the descriptions").click()
    expect(page.get_by_role("heading", name="Thank you: the new version is on its way")).to_be_visible()

    # Version 1 went to approval too; the described version 2 is the one to approve.
    approval = latest(stack, "comms@example.gov.uk", f"Approval needed: {title}", count=2)
    page.goto(link_in(approval, "a"))
    expect(page.get_by_alt_text(ALT)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()

    def on_x() -> list[dict[str, Any]]:
        posts = requests.get(f"{stack.base}/dev/x.json", timeout=10).json()
        return [p for p in posts if tag in str(p["text"])]

    post = stack.wait_for("the post on X", on_x)[0]
    assert post["media_alts"] == [ALT]
    assert "iPhone" not in post["text"]
    published = stack.mail_to("alex.doe@example.gov.uk", f"Published: {title}")
    page.goto(next(link for link in published["links"] if "/blog/" in link))
    expect(page.get_by_alt_text(ALT)).to_be_visible()
    assert_accessible(page)
    page.close()
