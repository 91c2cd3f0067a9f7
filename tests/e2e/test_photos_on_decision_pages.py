"""Everyone who decides about a story sees its photos: the approver on the approval page, the comms officer
on the override page of a blocked story and on the takedown page of a live one, each photo loaded from its
link's own route, in a real browser."""

from __future__ import annotations

import io
import re
import uuid
from email.message import EmailMessage
from typing import Any
from urllib.parse import urljoin

import pytest
import requests
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from .conftest import ROOT, Stack, assert_accessible, link_in

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


def inspected_photo(phone: bool) -> bytes:
    """A real face (scikit-image's astronaut) on a real scene, with a whiteboard behind when ``phone``."""
    from PIL import ImageDraw
    from skimage import data

    from local.images.make import _scene, _text

    scene = _scene("coffee", (1600, 1200))
    face = Image.fromarray(data.astronaut()).convert("RGB").crop((120, 20, 320, 260)).resize((300, 360))
    scene.paste(face, (100, 120))
    if phone:
        draw = ImageDraw.Draw(scene)
        draw.rectangle((700, 700, 1560, 900), fill="white")
        _text(draw, (740, 760), "Call Jo on 07700 900417", 64, "#1a237e")
    buf = io.BytesIO()
    scene.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def photo_story(stack: Stack, title: str, text: str, data: bytes) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", title
    msg.set_content(text)
    msg.add_attachment(data, maintype="image", subtype="jpeg", filename="crew.jpg")
    list(msg.iter_attachments())[-1]["Content-Description"] = "The crew at the depot"
    stack.send(title, "", msg=msg)


def boxes_on_the_photo(page: Page) -> list[str]:
    """The numbered boxes drawn over the photo, each inside the photo's own area on the screen."""
    photo = page.get_by_alt_text("The crew at the depot").bounding_box()
    assert photo is not None
    labels = []
    for box in page.locator(".photo-frame .box").all():
        b = box.bounding_box()
        assert b is not None
        assert photo["x"] - 1 <= b["x"] and b["x"] + b["width"] <= photo["x"] + photo["width"] + 1
        assert photo["y"] - 1 <= b["y"] and b["y"] + b["height"] <= photo["y"] + photo["height"] + 1
        labels.append(box.inner_text())
    return labels


def test_a_photo_with_a_face_and_a_mobile_on_a_whiteboard_is_blocked_with_both_marked_on_a_phone(
    stack: Stack, browser: Browser
) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Depot rota {tag}"
    photo_story(stack, title, f"The depot crew planned the week's rounds. ({tag})", inspected_photo(True))
    told = stack.mail_to("alex.doe@example.gov.uk", f"Changes needed before approval: {title}", timeout=90)
    # The number as the OCR read it, with or without the space the photo has.
    assert "IMG-TEXT" in told["text"] and re.search(r"07700 ?900417” \(PII-PHONE\)", told["text"])
    blocked = stack.mail_to("comms@example.gov.uk", f"Blocked by the checks: {title}")
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(link_in(blocked, "o"))
    expect(page.get_by_role("heading", name="Override the checks?")).to_be_visible()
    labels = boxes_on_the_photo(page)
    findings = page.locator("ol.findings li")
    checks = {n: findings.nth(int(n) - 1).inner_text() for n in labels}
    assert any("IMG-FACE" in t for t in checks.values()), checks
    assert any("IMG-TEXT" in t and "PII-PHONE" in t for t in checks.values()), checks
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert_accessible(page)
    page.close()


def test_a_face_in_a_photo_is_marked_on_the_approval_page(stack: Stack, browser: Browser) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Depot crew {tag}"
    photo_story(stack, title, f"The depot crew finished the rounds early. ({tag})", inspected_photo(False))
    approval = stack.mail_to("comms@example.gov.uk", f"Approval needed: {title}", timeout=90)
    assert "IMG-FACE" in approval["text"] and "Photo 1, top left: 1 face" in approval["text"]
    page = browser.new_page()
    page.goto(link_in(approval, "a"))
    labels = boxes_on_the_photo(page)
    assert len(labels) == 1
    expect(page.locator(f"#finding-{labels[0]}")).to_contain_text("IMG-FACE")
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Tick the box to confirm they agreed")).to_be_visible()
    page.go_back()
    page.get_by_label("The person in the photos agreed to the photos being published").check()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()
    page.close()
    sid = stack.wait_for("the story", lambda: stack.story(title))["id"]
    audit = stack.audit(sid)
    assert "faces-consent-confirmed" in audit and "1 face in the photos" in audit


def nth_mail(stack: Stack, to: str, subject: str, count: int) -> dict[str, Any]:
    """The ``count``-th email to ``to`` about ``subject``, once it has come."""

    def probe() -> list[dict[str, Any]]:
        mails = [m for m in stack.mail() if to in m["to"] and subject in m["subject"]]
        return mails if len(mails) >= count else []

    return dict(stack.wait_for(f"{count} mails about {subject!r}", probe, timeout=90)[count - 1])


def test_the_face_and_the_mobile_number_are_blurred_in_two_clicks_and_only_the_blurred_photo_is_published(
    stack: Stack, browser: Browser
) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Whiteboard {tag}"
    photo_story(stack, title, f"The depot crew planned the week's rounds. ({tag})", inspected_photo(True))
    blocked = stack.mail_to("comms@example.gov.uk", f"Blocked by the checks: {title}", timeout=90)
    page = browser.new_page()
    page.goto(link_in(blocked, "o"))
    assert len(boxes_on_the_photo(page)) == 2
    page.get_by_role("button", name="Blur the text that raised findings").click()
    expect(page.get_by_role("heading", name="Thank you: the blurred photo is a new version")).to_be_visible()

    # Version 2, looked at again: the number is gone, the face is still there, so it goes to approval.
    page.goto(link_in(nth_mail(stack, "comms@example.gov.uk", f"Approval needed: {title}", 1), "a"))
    labels = boxes_on_the_photo(page)
    assert len(labels) == 1
    expect(page.locator(f"#finding-{labels[0]}")).to_contain_text("IMG-FACE")
    assert_accessible(page)
    page.get_by_role("button", name="Blur the face").click()
    expect(page.get_by_role("heading", name="Thank you: the blurred photo is a new version")).to_be_visible()

    # Version 3: nothing in the photo any more; approved without the faces box, published.
    page.goto(link_in(nth_mail(stack, "comms@example.gov.uk", f"Approval needed: {title}", 2), "a"))
    expect(page.get_by_text("The checks found nothing to worry about.")).to_be_visible()
    assert boxes_on_the_photo(page) == []
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()
    page.close()

    post = stack.wait_for("the post on X", lambda: [p for p in stack.posts() if tag in p["text"]])[0]
    published = stack.mail_to("alex.doe@example.gov.uk", f"Published: {title}")
    blog_page = next(link for link in published["links"] if "/blog/" in link)
    html = requests.get(blog_page, timeout=10).text
    src = re.search(r'<img[^>]+src="([^"]+)"', html)
    assert src is not None
    photo = requests.get(urljoin(blog_page, src.group(1)), timeout=10).content
    assert post["media_sizes"] == [len(photo)]  # X and the blog carry the same file
    from chalicelib.inspect.embedded import EmbeddedInspector
    from chalicelib.inspect.findings import judge
    from chalicelib.policy.rules import load_rules_file

    seen = judge(EmbeddedInspector().inspect(photo), load_rules_file(ROOT / "local" / "rules.yaml"))
    assert seen.findings == ()  # neither the face nor the number is in what was published

    sid = stack.story(title)["id"]  # type: ignore[index]
    audit = stack.audit(sid)
    blurs = [line for line in audit.splitlines() if "photos-blurred" in line]
    assert len(blurs) == 2 and all("comms@example.gov.uk" in line for line in blurs), audit
    assert "blurred 1 text in photo 1" in audit and "blurred 1 face in photo 1" in audit
