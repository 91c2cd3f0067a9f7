"""A member of staff emails a story; an approver approves it from the email; it appears on X and the blog."""

from __future__ import annotations

import re
import secrets
import string
from xml.etree import ElementTree

import pytest
import requests

from .conftest import Stack, csrf_in, link_in

pytestmark = pytest.mark.e2e


def unique(title: str) -> str:
    # Letters only: a run of digits after "Barrier" reads as a barrier's code, and SEC-CODE says so.
    return f"{title} {''.join(secrets.choice(string.ascii_lowercase) for _ in range(6))}"


def test_a_clean_emailed_story_is_approved_from_the_email_and_published_once(stack: Stack) -> None:
    title = unique("Clearing the canal path")
    body = f"This morning our crew cleared two tonnes of litter from the canal path. ({title[-6:]})"
    stack.send(title, body)

    approval = stack.mail_to("comms@example.gov.uk", title)
    receipt = stack.mail_to("alex.doe@example.gov.uk", f"We have your story: {title}")
    assert "checked" in receipt["text"]
    link = link_in(approval, "a")

    # A mail scanner (or the approver) opening the link changes nothing.
    for _ in range(3):
        page = requests.get(link, timeout=10)
        assert page.status_code == 200
        assert '<form method="post"' in page.text
        assert 'name="decision" value="approve"' in page.text and 'value="reject"' in page.text
    assert stack.story(title)["status"] == "PENDING_APPROVAL"  # type: ignore[index]
    assert not [p for p in stack.posts() if title[-6:] in p["text"]]

    decided = requests.post(link, data={"decision": "approve", "csrf": csrf_in(page.text)}, timeout=10)
    assert decided.status_code == 200 and "Story approved" in decided.text

    post = stack.wait_for("the post on X", lambda: [p for p in stack.posts() if title[-6:] in p["text"]])[0]
    assert post["text"] == body
    published = stack.mail_to("alex.doe@example.gov.uk", f"Published: {title}")
    blog_link = next(link for link in published["links"] if "/blog/" in link)
    assert title in requests.get(blog_link, timeout=10).text
    index = requests.get(f"{stack.base}/blog/", timeout=10)
    assert title in index.text
    assert "Python" not in index.headers.get("Server", "")  # no version banner for a scanner to read
    feed = requests.get(f"{stack.base}/blog/feed.xml", timeout=10)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(feed.content).iter(f"{atom}entry")  # well-formed, or this raises
    assert title in [e.findtext(f"{atom}title") for e in entries]
    assert stack.wait_for("PUBLISHED", lambda: stack.story(title)["status"] == "PUBLISHED")  # type: ignore[index]

    # Replaying the approval POST publishes nothing twice and says why.
    again = requests.post(link, data={"decision": "approve", "csrf": csrf_in(page.text)}, timeout=10)
    assert again.status_code == 409 and "already been decided" in again.text
    assert len([p for p in stack.posts() if title[-6:] in p["text"]]) == 1


def test_a_story_with_an_nhs_number_never_reaches_an_approver(stack: Stack) -> None:
    title = unique("Home visit")
    stack.send(title, "Helped a resident today, NHS number 943 476 5919, with their new bins.")
    mail = stack.mail_to("alex.doe@example.gov.uk", f"Changes needed before approval: {title}")
    assert "PII-NHS" in mail["text"]
    assert "NHS number" in mail["text"]
    assert stack.story(title)["status"] == "CHANGES_NEEDED"  # type: ignore[index]
    to_comms = [m for m in stack.mail() if "comms@example.gov.uk" in m["to"] and title in m["subject"]]
    assert [m["subject"] for m in to_comms] == [f"Blocked by the checks: {title}"]
    assert "943 476 5919" not in to_comms[0]["text"] and "943 476 5919" not in to_comms[0]["html"]


def test_a_bad_checksum_reference_goes_to_approval(stack: Stack) -> None:
    title = unique("Case closed")
    stack.send(title, "We closed job reference 943 476 5918 today after fixing the streetlight.")
    approval = stack.mail_to("comms@example.gov.uk", title)
    assert "PII-NHS" not in approval["text"]


@pytest.mark.parametrize(
    ("header_from", "envelope_from"),
    [
        ("alex.doe@example.gov.uk", "mallory@evil.example"),  # spoofed: DMARC fails
        ("someone@other.example", "someone@other.example"),  # not a staff domain
    ],
)
def test_a_spoofed_or_outside_sender_is_rejected_and_told_nothing(
    stack: Stack, header_from: str, envelope_from: str
) -> None:
    title = unique("Free money")
    before = len(stack.mail())
    stack.send(title, "Please publish this.", header_from=header_from, envelope_from=envelope_from)
    stack.wait_for(
        "the rejection to be recorded", lambda: (stack.story(title) or {}).get("status") == "REJECTED"
    )
    # A barrier instead of a pause: a genuine story sent after the spoof is answered only once every
    # stage has handled what came before it, so a mail the spoof (wrongly) caused would be out by then.
    barrier = unique("Barrier")
    stack.send(barrier, "The leisure centre pool reopens on Monday after its refit.")
    stack.mail_to("alex.doe@example.gov.uk", f"We have your story: {barrier}")
    stack.mail_to("comms@example.gov.uk", f"Approval needed: {barrier}")
    since = [m for m in stack.mail()[before:] if barrier not in m["subject"]]
    assert not [m for m in since if title in m["subject"] or title in m["text"]]
    assert not [m for m in since if header_from in m["to"] or envelope_from in m["to"]]


def test_a_tampered_link_gets_its_own_page(stack: Stack) -> None:
    resp = requests.get(f"{stack.base}/a/not-a-token", timeout=10)
    assert resp.status_code == 403
    assert "This link does not work" in resp.text
    assert re.search(r"Traceback|Exception", resp.text) is None
