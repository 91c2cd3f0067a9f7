"""A photo emailed without a description does not send the story back: its author is asked to describe it,
an approver cannot publish it undescribed, and the description written is the one every channel carries."""

from __future__ import annotations

import io
import re
from email.message import EmailMessage
from urllib.parse import urlencode

from chalice.test import Client
from PIL import Image

from chalicelib.domain.states import State

from .conftest import Pipeline, links_in, path_of

FROM = "alex.doe@example.gov.uk"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 120, 60)).save(buf, "JPEG")
    return buf.getvalue()


def email_with_photo(pipeline: Pipeline, text: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", "Canal path"
    msg.set_content(text)
    msg.add_attachment(photo(), maintype="image", subtype="jpeg", filename="IMG_0042.jpg")
    pipeline.email("", "", msg=msg)
    pipeline.run()


def post_page(client: Client, path: str, **fields: str) -> tuple[int, str]:
    page = client.http.get(path)
    assert page.status_code == 200, page.body
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert csrf is not None
    resp = client.http.post(path, headers=FORM, body=urlencode({**fields, "csrf": csrf.group(1)}))
    return resp.status_code, resp.body.decode()


def approval_link(pipeline: Pipeline) -> str:
    mail = [m for m in pipeline.mail_to("comms@example.gov.uk") if m.subject.startswith("Approval needed")][
        -1
    ]
    return path_of(next(link for link in links_in(mail) if "/a/" in link))


def test_a_photo_without_a_description_goes_to_approval_and_the_author_is_asked_to_describe_it(
    pipeline: Pipeline, client: Client
) -> None:
    email_with_photo(pipeline, "This morning our crew cleared two tonnes of litter from the canal path.")
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL  # not sent back for want of a description
    [receipt] = [m for m in pipeline.mail_to(FROM) if m.subject.startswith("We have your story")]
    assert "Your photo needs a short description" in receipt.text
    describe = path_of(next(link for link in links_in(receipt) if "/d/" in link))

    # The approver cannot publish it undescribed.
    status, page = post_page(client, approval_link(pipeline), decision="approve")
    assert status == 400 and "Photo 1 has no description yet" in page
    assert pipeline.only_story().state is State.PENDING_APPROVAL

    # The author describes it from the link; an empty description is refused.
    status, page = post_page(client, describe, **{"alt-1": " "})
    assert status == 400 and "Describe photo 1" in page
    status, _ = post_page(client, describe, **{"alt-1": "The crew beside the canal with twelve full sacks"})
    assert status == 200
    pipeline.run()
    record = pipeline.only_story()
    assert (record.state, record.version) == (State.PENDING_APPROVAL, 2)
    assert (
        pipeline.stories.get_version(record.story_id, 2).text
        == pipeline.stories.get_version(record.story_id, 1).text
    )
    audit = [e.action for e in pipeline.table.audit(record.story_id)]
    assert "photos-described-by-author" in audit

    status, _ = post_page(client, approval_link(pipeline), decision="approve")
    assert status == 200
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED
    assert pipeline.x.posts[0]["alts"] == ["The crew beside the canal with twelve full sacks"]
    assert pipeline.blog.pages[-1].images[0].alt == "The crew beside the canal with twelve full sacks"


def test_a_description_written_in_the_email_is_given_to_the_photo(pipeline: Pipeline) -> None:
    email_with_photo(
        pipeline,
        "This morning our crew cleared two tonnes of litter from the canal path.\n\n"
        "Photo: the crew beside the canal with twelve full sacks",
    )
    record = pipeline.only_story()
    version = pipeline.stories.get_version(record.story_id, 1)
    assert version.images[0].alt == "the crew beside the canal with twelve full sacks"
    assert "Photo:" not in version.text
    [receipt] = [m for m in pipeline.mail_to(FROM) if m.subject.startswith("We have your story")]
    assert "description" not in receipt.text


def test_an_approver_can_write_the_description_when_editing(pipeline: Pipeline, client: Client) -> None:
    text = "This morning our crew cleared two tonnes of litter from the canal path."
    email_with_photo(pipeline, text)
    fields = {"title": "Canal path", "story": text, "alt-1": "Twelve full sacks on the towpath"}
    status, _ = post_page(client, approval_link(pipeline) + "/edit", **fields)
    assert status == 200
    pipeline.run()
    record = pipeline.only_story()
    assert (record.state, record.version) == (State.PENDING_APPROVAL, 2)
    assert (
        pipeline.stories.get_version(record.story_id, 2).images[0].alt == "Twelve full sacks on the towpath"
    )
