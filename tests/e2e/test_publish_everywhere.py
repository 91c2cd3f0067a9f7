"""A story with two photos goes out as an X thread with media, a blog page, a Mastodon status and a Bluesky
post; a takedown from the emailed link removes all four."""

from __future__ import annotations

import io
import uuid
from email.message import EmailMessage

import pytest
import requests
from PIL import Image
from playwright.sync_api import Browser, expect

from .conftest import Stack, assert_accessible, link_in

pytestmark = pytest.mark.e2e

SENTENCES = [
    "This morning the street cleansing crew started at five to clear the market square after the fair.",
    "By seven every stall pitch was swept, the bins were emptied and the fountain was running clean again.",
    "We collected forty bags of litter and two trolleys of cardboard for recycling.",
    "The team then moved on to the bus station, where the night shift had left a note about broken glass.",
    "By nine the square was ready for shoppers, and the traders thanked the crew with bacon rolls.",
]


def photo(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buf, "JPEG")
    return buf.getvalue()


def channel(stack: Stack, name: str) -> list[dict[str, object]]:
    return list(requests.get(f"{stack.base}/dev/{name}.json", timeout=10).json())


def test_a_story_with_photos_is_published_everywhere_and_taken_down_everywhere(
    stack: Stack, browser: Browser
) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Market square {tag}"
    text = " ".join(SENTENCES) + f" Thank you, everyone ({tag})."
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", title
    msg.set_content(text)
    for n, colour in enumerate([(200, 40, 40), (40, 40, 200)], start=1):
        msg.add_attachment(photo(colour), maintype="image", subtype="jpeg", filename=f"square{n}.jpg")
        list(msg.iter_attachments())[-1]["Content-Description"] = f"The swept market square, photo {n}"
    stack.send(title, "", msg=msg)

    page = browser.new_page()
    page.goto(link_in(stack.mail_to("comms@example.gov.uk", f"Approval needed: {title}"), "a"))
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Story approved")).to_be_visible()

    def mine(name: str) -> list[dict[str, object]]:
        return [p for p in channel(stack, name) if tag in str(p.get("text", "")) and not p.get("deleted")]

    def thread(name: str) -> list[dict[str, object]]:
        """The live thread whose last part carries the tag, first part first (following reply_to)."""
        posts = {str(p["id"]): p for p in channel(stack, name) if not p.get("deleted")}
        last = [p for p in posts.values() if tag in str(p.get("text", ""))]
        chain = last[:1]
        while chain and chain[0].get("reply_to") and str(chain[0]["reply_to"]) in posts:
            chain.insert(0, posts[str(chain[0]["reply_to"])])
        return chain

    x = stack.wait_for("the X thread", lambda: thread("x"))
    assert len(x) >= 2
    assert str(x[0]["text"]).startswith(SENTENCES[0])
    assert all(str(p["text"]).endswith(f"({n}/{len(x)})") for n, p in enumerate(x, start=1))
    assert len(x[0]["media"]) == 2  # type: ignore[arg-type]
    assert stack.wait_for("the Mastodon status", lambda: mine("mastodon"))
    assert stack.wait_for("the Bluesky post", lambda: mine("bluesky"))
    published = stack.mail_to("alex.doe@example.gov.uk", f"Published: {title}")
    blog_url = next(link for link in published["links"] if "/blog/" in link)
    page.goto(blog_url)
    expect(page.get_by_alt_text("The swept market square, photo 1")).to_be_visible()
    expect(page.get_by_alt_text("The swept market square, photo 2")).to_be_visible()

    live = stack.mail_to("comms@example.gov.uk", f"Now live: {title}")
    page.goto(link_in(live, "t"))
    expect(page.get_by_role("heading", name="Take this story down?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why must it come down?").fill("Posted by mistake")
    page.get_by_role("button", name="Take it down everywhere").click()
    expect(page.get_by_role("heading", name="Story taken down")).to_be_visible()
    assert thread("x") == [] and mine("mastodon") == [] and mine("bluesky") == []
    assert not [
        p for p in channel(stack, "x") if str(p["id"]) in {str(q["id"]) for q in x} and not p["deleted"]
    ]
    assert requests.get(blog_url, timeout=10).status_code == 404
    assert title not in requests.get(f"{stack.base}/blog/", timeout=10).text
    assert stack.story(title)["status"] == "WITHDRAWN"  # type: ignore[index]
    page.close()
