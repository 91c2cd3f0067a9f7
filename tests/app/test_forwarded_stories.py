"""A colleague's story forwarded by a member of staff: the forwarded story is the story, its writer is shown
to the approver as its author, and the forwarder's covering note is shown to them but never published."""

from __future__ import annotations

import io
import re
from email.message import EmailMessage

from chalice.test import Client
from PIL import Image

from chalicelib.domain.states import State

from .conftest import Pipeline, links_in, path_of

COVER = "Priya asked me to send this in for her."
STORY = "The reading group at Central Library met for the hundredth time today, with cake."


def photo(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buf, "JPEG")
    return buf.getvalue()


def test_an_outlook_forward_with_two_photos_is_priyas_story_sent_by_alex(
    pipeline: Pipeline, client: Client
) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = (
        "alex.doe@example.gov.uk",
        "stories@example.gov.uk",
        "FW: Reading group",
    )
    msg.set_content(
        f"{COVER}\n\nAlex\n\n"
        "From: Priya Shah <priya.shah@example.gov.uk>\nSent: 03 December 2026 09:12\n"
        "To: Alex Doe <alex.doe@example.gov.uk>\nSubject: Reading group\n\n"
        f"{STORY}\n\nPhoto 1: the group around the cake\nPhoto 2: the library's reading room\n"
    )
    for n, colour in enumerate([(200, 60, 60), (60, 60, 200)], start=1):
        msg.add_attachment(photo(colour), maintype="image", subtype="jpeg", filename=f"IMG_00{n}.jpg")
    pipeline.email("", "", msg=msg)
    pipeline.run()

    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL
    assert record.submitter == "alex.doe@example.gov.uk"  # the member of staff who sent it
    version = pipeline.stories.get_version(record.story_id, 1)
    assert version.text == STORY and version.title == "Reading group"
    assert version.written_by == "Priya Shah <priya.shah@example.gov.uk>"
    assert version.cover_note == COVER
    assert [i.alt for i in version.images] == ["the group around the cake", "the library's reading room"]

    approval = [m for m in pipeline.mail_to("comms@example.gov.uk") if m.subject.startswith("Approval")][-1]
    assert "Written by: Priya Shah" in approval.text and COVER in approval.text
    page = client.http.get(path_of(next(link for link in links_in(approval) if "/a/" in link)))
    body = page.body.decode()
    assert "Priya Shah" in body and "not published" in body and COVER in body

    csrf = re.search(r'name="csrf" value="([^"]+)"', body)
    assert csrf is not None
    path = path_of(next(link for link in links_in(approval) if "/a/" in link))
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    client.http.post(path, headers=form, body=f"decision=approve&csrf={csrf.group(1)}")
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED
    assert all(COVER not in p["text"] for p in pipeline.x.posts)
    assert COVER not in pipeline.blog.pages[-1].text
