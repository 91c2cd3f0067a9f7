"""The inspection stage between ingest and approval: every photo of every version is looked at, what it
shows becomes findings with boxes on the approval page and in the email, and a photo nobody can read is
a clear finding that never loops on the queue."""

from __future__ import annotations

import io
import json
import re
from email.message import EmailMessage
from typing import Any

import pytest
from chalice.test import Client
from PIL import Image

from chalicelib.domain.states import State
from chalicelib.inspect.embedded import EmbeddedInspector
from chalicelib.inspect.model import Observations, TextRegion
from chalicelib.policy.rules import OrgRules

from .conftest import Pipeline, links_in, path_of

FROM = "alex.doe@example.gov.uk"
ALT = "The crew at the depot"
FACE = (40, 30, 100, 120)  # x, y, w, h in an 800 × 600 photo: the top left third


def jpeg(size: tuple[int, int] = (800, 600)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (90, 120, 160)).save(buf, "JPEG")
    return buf.getvalue()


def email_with_photo(pipeline: Pipeline, text: str = "Two hundred tonnes of salt arrived today.") -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", "Salt delivered"
    msg.set_content(text)
    msg.add_attachment(jpeg(), maintype="image", subtype="jpeg", filename="depot.jpg")
    list(msg.iter_attachments())[-1]["Content-Description"] = ALT
    pipeline.email("", "", msg=msg)
    pipeline.run()


def approval_mail(pipeline: Pipeline) -> Any:
    return [m for m in pipeline.mail_to("comms@example.gov.uk") if m.subject.startswith("Approval needed")][
        -1
    ]


def deliveries(pipeline: Pipeline, queue: str) -> list[Any]:
    return [d for d in pipeline.deliveries if d.queue == queue]


def test_a_face_in_a_photo_is_a_warning_with_its_box_on_the_approval_page_and_in_the_email(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.inspector.sees = Observations(faces=(FACE,))
    email_with_photo(pipeline)
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL
    findings = pipeline.stories.get_findings(record.story_id, 1)
    assert findings is not None
    [face] = [f for f in findings.findings if f.check == "IMG-FACE"]
    assert (face.image, face.box) == (0, FACE)
    inspection = pipeline.stories.get_inspection(record.story_id, 1)
    assert inspection is not None and (inspection.photos[0].width, inspection.photos[0].height) == (800, 600)

    mail = approval_mail(pipeline)
    assert "IMG-FACE" in mail.text and "Photo 1, top left: 1 face" in mail.text
    page = client.http.get(path_of(next(link for link in links_in(mail) if "/a/" in link)))
    body = page.body.decode()
    # The box sits over the photo in percentages of its size, so it stays on the face on a phone.
    n = [f.check for f in findings.findings].index("IMG-FACE") + 1
    box = re.search(r'<span class="box warn" style="([^"]+)"[^>]*>\s*<span class="box-label">(\d+)<', body)
    assert box is not None, body
    assert box.group(1) == "left:5.0%;top:5.0%;width:12.5%;height:20.0%"
    assert box.group(2) == str(n)
    assert f'<li id="finding-{n}">' in body and "1 face" in body


def test_text_in_a_photo_goes_through_the_catalogue_and_a_mobile_number_blocks(pipeline: Pipeline) -> None:
    board = TextRegion("Call Jo on 07700 900417", (500, 420, 260, 40))
    pipeline.inspector.sees = Observations(texts=(board,))
    email_with_photo(pipeline)
    record = pipeline.only_story()
    assert record.state is State.CHANGES_NEEDED
    findings = pipeline.stories.get_findings(record.story_id, 1)
    assert findings is not None
    [text] = [f for f in findings.findings if f.check == "IMG-TEXT"]
    assert text.severity.value == "BLOCK" and text.box == board.box and text.image == 0
    assert "bottom right" in text.reason and "(PII-PHONE)" in text.reason and "07700 900417" in text.reason
    blocked = [m for m in pipeline.mail_to(FROM) if "Changes needed" in m.subject]
    assert blocked and "PII-PHONE" in blocked[-1].text


def test_organisation_rules_can_raise_a_face_to_block(pipeline: Pipeline) -> None:
    checks = pipeline.rules.checks.model_copy(update={"severities": {"IMG-FACE": "BLOCK"}})
    pipeline.rules = OrgRules.model_validate(pipeline.rules.model_copy(update={"checks": checks}))
    pipeline.inspector.sees = Observations(faces=(FACE,))
    email_with_photo(pipeline)
    assert pipeline.only_story().state is State.CHANGES_NEEDED


def test_a_story_without_photos_never_goes_to_the_inspection(pipeline: Pipeline) -> None:
    pipeline.email("Grit bins", "All 300 grit bins are full before the cold snap.")
    pipeline.run()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    assert deliveries(pipeline, "inspect") == [] and pipeline.inspector.calls == 0


def test_every_version_is_inspected_again(pipeline: Pipeline, client: Client) -> None:
    email_with_photo(pipeline)
    assert pipeline.inspector.calls == 1
    path = path_of(next(link for link in links_in(approval_mail(pipeline)) if "/a/" in link))
    edit = client.http.get(path + "/edit").body.decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', edit)
    assert csrf is not None
    from urllib.parse import urlencode

    form = {"title": "Salt delivered", "story": "Two hundred and ten tonnes of salt arrived today."}
    body = urlencode({**form, "alt-1": ALT, "csrf": csrf.group(1)})
    resp = client.http.post(
        path + "/edit", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=body
    )
    assert resp.status_code == 200, resp.body
    pipeline.run()
    record = pipeline.only_story()
    assert record.version == 2 and record.state is State.PENDING_APPROVAL
    assert pipeline.inspector.calls == 2
    assert pipeline.stories.get_inspection(record.story_id, 2) is not None


def _gif_animated() -> bytes:
    frames = [Image.new("RGB", (64, 64), c) for c in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buf.getvalue()


def _png(size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, 200).save(buf, "PNG")
    return buf.getvalue()


UNREADABLE = {
    "corrupt": (lambda: jpeg()[:400], "damaged or cut short"),
    "one pixel": (lambda: _png((1, 1)), "only 1×1 pixels"),
    "30,000 px wide": (lambda: _png((30_000, 40)), "30000×40 pixels, too large"),
    "animated GIF": (_gif_animated, "animated"),
}


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_a_photo_the_detectors_cannot_read_is_a_clear_finding_and_is_inspected_once(
    pipeline: Pipeline, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored photo is the bad one (intake normally refuses or re-encodes these; the stage must not
    rely on it), read by the real decoder in front of the real detectors."""
    make, said = UNREADABLE[kind]
    pipeline.container.inspector = EmbeddedInspector()
    stored = pipeline.stories.put_media

    def store_bad(story_id: str, number: int, name: str, data: bytes, content_type: str) -> str:
        return stored(story_id, number, name, make(), content_type)

    monkeypatch.setattr(pipeline.stories, "put_media", store_bad)
    email_with_photo(pipeline)
    record = pipeline.only_story()
    assert record.state is State.CHANGES_NEEDED
    findings = pipeline.stories.get_findings(record.story_id, 1)
    assert findings is not None
    [bad] = [f for f in findings.findings if f.check == "IMG-UNREADABLE"]
    assert bad.severity.value == "BLOCK" and bad.image == 0 and bad.box is None
    assert bad.reason.startswith("Photo 1: This photo could not be read") and said in bad.reason
    assert pipeline.container.inspector._ocr is None  # refused before the detectors were loaded
    inspected = deliveries(pipeline, "inspect")
    assert len(inspected) == 1 and inspected[0].response == {"batchItemFailures": []}
    assert pipeline.queues.drain("inspect-dlq") == []


def test_an_inspection_that_keeps_dying_gives_up_with_a_finding_instead_of_looping(
    pipeline: Pipeline,
) -> None:
    class Dies:
        calls = 0

        def inspect(self, data: bytes) -> Observations:
            Dies.calls += 1
            raise MemoryError("the process ran out of memory")

    pipeline.container.inspector = Dies()
    email_with_photo(pipeline)
    [first] = deliveries(pipeline, "inspect")
    assert first.response["batchItemFailures"]  # SQS will deliver it again
    for _ in range(2):
        assert pipeline.deliver("inspect", first.event)["batchItemFailures"]
    assert pipeline.deliver("inspect", first.event) == {"batchItemFailures": []}
    assert Dies.calls == 3
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.CHANGES_NEEDED
    findings = pipeline.stories.get_findings(record.story_id, 1)
    assert findings is not None
    [gave_up] = [f for f in findings.findings if f.check == "IMG-UNREADABLE"]
    assert "stopped before it finished 3 times" in gave_up.reason
    assert json.loads(json.dumps(pipeline.queues.drain("inspect-dlq"))) == []


def test_approving_a_photo_with_faces_needs_the_approvers_word_that_they_agreed_and_the_audit_keeps_it(
    pipeline: Pipeline, client: Client
) -> None:
    from urllib.parse import urlencode

    pipeline.inspector.sees = Observations(faces=(FACE, (500, 60, 90, 100)))
    email_with_photo(pipeline)
    path = path_of(next(link for link in links_in(approval_mail(pipeline)) if "/a/" in link))
    page = client.http.get(path).body.decode()
    assert 'name="faces_agreed"' in page and "the checks found 2 faces" in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    def approve(**extra: str) -> Any:
        body = urlencode({"decision": "approve", "csrf": csrf.group(1), **extra})  # type: ignore[union-attr]
        return client.http.post(path, headers=form, body=body)

    refused = approve()
    assert refused.status_code == 400 and "Tick the box to confirm they agreed" in refused.body.decode()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    assert approve(faces_agreed="yes").status_code == 200
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PUBLISHED
    [agreed] = [e for e in pipeline.table.audit(record.story_id) if e.action == "faces-consent-confirmed"]
    assert agreed.actor == "comms@example.gov.uk" and agreed.reason.startswith("2 faces in the photos")


def test_a_story_whose_photos_show_no_face_is_approved_without_the_box(
    pipeline: Pipeline, client: Client
) -> None:
    email_with_photo(pipeline)
    path = path_of(next(link for link in links_in(approval_mail(pipeline)) if "/a/" in link))
    assert 'name="faces_agreed"' not in client.http.get(path).body.decode()


def test_the_describe_link_opened_while_the_photo_is_inspected_says_so_and_reloads_itself(
    pipeline: Pipeline, client: Client
) -> None:
    class Slow:
        def inspect(self, data: bytes) -> Observations:
            raise TimeoutError("still looking")  # the inspection has not finished yet

    pipeline.container.inspector = Slow()
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", "Canal path"
    msg.set_content("Our crew cleared the canal path.")
    msg.add_attachment(jpeg(), maintype="image", subtype="jpeg", filename="IMG_0042.jpg")
    pipeline.email("", "", msg=msg)
    pipeline.run()
    assert pipeline.only_story().state is State.CHECKING
    [receipt] = [m for m in pipeline.mail_to(FROM) if m.subject.startswith("We have your story")]
    page = client.http.get(path_of(next(link for link in links_in(receipt) if "/d/" in link)))
    assert page.status_code == 200 and page.headers["Refresh"] == "2"
    assert "Your story is still being checked" in page.body.decode()


def _blur(client: Client, path: str, choice: str) -> Any:
    from urllib.parse import urlencode

    page = client.http.get(path).body.decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    body = urlencode({"blur": choice, "csrf": csrf.group(1)})
    return client.http.post(
        path + "/blur", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=body
    )


def test_blurring_the_faces_makes_a_new_version_inspected_again_and_keeps_the_original_unpublished(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.inspector.sees = Observations(faces=(FACE,))
    email_with_photo(pipeline)
    record = pipeline.only_story()
    path = path_of(next(link for link in links_in(approval_mail(pipeline)) if "/a/" in link))
    page = client.http.get(path).body.decode()
    assert (
        '<button class="button secondary" type="submit" name="blur" value="faces">Blur the face</button>'
        in page
    )
    assert 'value="text"' not in page and 'value="plates"' not in page  # nothing of those kinds
    name = pipeline.stories.get_version(record.story_id, 1).images[0].key.removeprefix("media/")
    original = pipeline.stories.get_media(record.story_id, 1, name)

    pipeline.inspector.sees = Observations()  # the blurred photo shows no face
    resp = _blur(client, path, "faces")
    assert resp.status_code == 200 and "the blurred photo is a new version" in resp.body.decode()
    pipeline.run()
    record = pipeline.only_story()
    assert record.version == 2 and record.state is State.PENDING_APPROVAL
    assert pipeline.inspector.calls == 2  # the new version was looked at again
    findings = pipeline.stories.get_findings(record.story_id, 2)
    assert findings is not None and not [f for f in findings.findings if f.check.startswith("IMG-")]
    assert pipeline.stories.get_media(record.story_id, 1, name) == original
    blurred = pipeline.stories.get_media(record.story_id, 2, name)
    assert blurred != original
    v2 = pipeline.stories.get_version(record.story_id, 2)
    assert v2.images[0].alt == ALT and v2.images[0].key == f"media/{name}"
    [event] = [e for e in pipeline.table.audit(record.story_id) if e.action == "photos-blurred"]
    assert event.actor == "comms@example.gov.uk" and event.version == 2
    assert event.reason == "blurred 1 face in photo 1 (finding 1)"

    # The new version needs approval afresh, and what is published is its photo, never the original.
    mail = approval_mail(pipeline)
    resp2 = client.http.post(
        path_of(next(link for link in links_in(mail) if "/a/" in link)),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=f"decision=approve&csrf={_csrf(client, mail)}",
    )
    assert resp2.status_code == 200, resp2.body
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED
    assert list(pipeline.blog.media.values()) == [blurred]


def _csrf(client: Client, mail: Any) -> str:
    from urllib.parse import quote

    page = client.http.get(path_of(next(link for link in links_in(mail) if "/a/" in link))).body.decode()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return quote(found.group(1))


def test_a_blur_of_nothing_of_that_kind_changes_nothing(pipeline: Pipeline, client: Client) -> None:
    pipeline.inspector.sees = Observations(faces=(FACE,))
    email_with_photo(pipeline)
    path = path_of(next(link for link in links_in(approval_mail(pipeline)) if "/a/" in link))
    resp = _blur(client, path, "plates")
    assert resp.status_code == 400 and "nothing of that kind to blur" in resp.body.decode()
    assert pipeline.only_story().version == 1


def test_the_comms_officer_can_blur_the_text_that_blocked_a_story_from_the_override_page(
    pipeline: Pipeline, client: Client
) -> None:
    board = TextRegion("Call Jo on 07700 900417", (500, 420, 260, 40))
    pipeline.inspector.sees = Observations(faces=(FACE,), texts=(board,))
    email_with_photo(pipeline)
    assert pipeline.only_story().state is State.CHANGES_NEEDED
    blocked = [m for m in pipeline.mail_to("comms@example.gov.uk") if "Blocked" in m.subject][-1]
    path = path_of(next(link for link in links_in(blocked) if "/o/" in link))
    pipeline.inspector.sees = Observations(faces=(FACE,))  # the text is gone, the face is still there
    assert _blur(client, path, "text").status_code == 200
    pipeline.run()
    record = pipeline.only_story()
    assert record.version == 2 and record.state is State.PENDING_APPROVAL
    [event] = [e for e in pipeline.table.audit(record.story_id) if e.action == "photos-blurred"]
    assert event.reason == "blurred 1 text in photo 1 (finding 2)"
