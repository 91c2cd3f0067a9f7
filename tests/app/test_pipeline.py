"""The handlers end to end on in-memory adapters: outcomes, redelivery and replays."""

from __future__ import annotations

import io
import json
import re
from email.message import EmailMessage

from chalice.test import Client
from PIL import Image

from chalicelib.domain.errors import PublishError
from chalicelib.domain.states import State

from .conftest import Pipeline, links_in, path_of


def approve(
    client: Client, pipeline: Pipeline, decision: str = "approve", reason: str = ""
) -> tuple[int, str]:
    [mail] = pipeline.mail_to("comms@example.gov.uk")
    path = path_of(next(link for link in links_in(mail) if "/a/" in link))
    page = client.http.get(path)
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.body.decode()).group(1)  # type: ignore[union-attr]
    body = f"decision={decision}&csrf={csrf}&reason={reason}"
    resp = client.http.post(path, headers={"Content-Type": "application/x-www-form-urlencoded"}, body=body)
    return resp.status_code, resp.body.decode()


def test_a_clean_email_is_published_to_x_and_the_blog(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Gritting tonight", "Our gritters are out on every A-road tonight from 8pm.")
    pipeline.run()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    assert [m.subject for m in pipeline.mail_to("alex.doe@example.gov.uk")] == [
        "We have your story: Gritting tonight"
    ]
    status, body = approve(client, pipeline)
    assert status == 200 and "Story approved" in body
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PUBLISHED
    assert [p["text"] for p in pipeline.x.posts] == ["Our gritters are out on every A-road tonight from 8pm."]
    assert len(pipeline.blog.pages) == 1
    assert {p.channel for p in record.posts} == {"x", "mastodon", "bluesky", "blog"}  # local/rules.yaml
    assert pipeline.mail_to("alex.doe@example.gov.uk")[-1].subject == "Published: Gritting tonight"


def test_redelivering_every_queue_message_posts_and_emails_nothing_twice(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.email("Library night", "The library stays open until 9pm on Thursdays from next week.")
    pipeline.run()
    approve(client, pipeline)
    pipeline.run()
    sent_before = len(pipeline.mailer.sent)
    pipeline.redeliver_everything()
    pipeline.redeliver_everything()
    assert len(pipeline.x.posts) == 1
    assert len(pipeline.blog.pages) == 1
    assert len(pipeline.mailer.sent) == sent_before
    assert pipeline.only_story().state is State.PUBLISHED


def test_a_replayed_approval_publishes_once_and_says_already_decided(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.email("Bin day", "Bin collections move to Tuesday in the north of the borough.")
    pipeline.run()
    [mail] = pipeline.mail_to("comms@example.gov.uk")
    path = path_of(links_in(mail)[0])
    page = client.http.get(path).body.decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    first = client.http.post(path, headers=form, body=f"decision=approve&csrf={csrf}")
    second = client.http.post(path, headers=form, body=f"decision=approve&csrf={csrf}")
    third = client.http.post(path, headers=form, body=f"decision=reject&csrf={csrf}&reason=oops")
    assert first.status_code == 200
    assert second.status_code == 409 and "already been decided" in second.body.decode()
    assert third.status_code == 409
    pipeline.run()
    assert len(pipeline.x.posts) == 1
    assert pipeline.only_story().state is State.PUBLISHED


def test_a_crawler_following_every_link_in_every_email_changes_nothing(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.email("Park run", "Volunteers repainted the park benches this weekend.")
    pipeline.email("Phone me", "Call me on 07700 900123 to hear more.")
    pipeline.run()
    before = {r.story_id: (r.state, r.version) for r in pipeline.table.list()}
    audit_before = sum(len(pipeline.table.audit(s)) for s in before)
    for mail in pipeline.mailer.sent:
        for link in links_in(mail):
            if link.startswith("https://stories.example.gov.uk"):
                for _ in range(2):
                    assert client.http.get(path_of(link)).status_code < 500
                    client.http.head(path_of(link))
    assert {r.story_id: (r.state, r.version) for r in pipeline.table.list()} == before
    assert sum(len(pipeline.table.audit(s)) for s in before) == audit_before
    assert pipeline.x.posts == []


def test_a_post_without_the_pages_form_token_changes_nothing(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Road repairs", "We filled 120 potholes this week.")
    pipeline.run()
    [mail] = pipeline.mail_to("comms@example.gov.uk")
    path = path_of(links_in(mail)[0])
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for body in ("decision=approve", "decision=approve&csrf=forged"):
        resp = client.http.post(path, headers=form, body=body)
        assert resp.status_code == 403
        assert "Your decision was not recorded" in resp.body.decode()
    assert pipeline.only_story().state is State.PENDING_APPROVAL


def test_a_rejection_needs_a_reason_and_tells_the_author(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Opinion", "I think the new car park is great.")
    pipeline.run()
    status, body = approve(client, pipeline, decision="reject")
    assert status == 400 and "reason" in body
    status, body = approve(client, pipeline, decision="reject", reason="Not+a+story+for+us")
    assert status == 200 and "Story rejected" in body
    pipeline.run()
    told = pipeline.mail_to("alex.doe@example.gov.uk")[-1]
    assert told.subject == "Not published: Opinion" and "Not a story for us" in told.text
    assert pipeline.x.posts == []


def test_a_story_with_an_nhs_number_goes_back_to_its_author_with_the_reason(pipeline: Pipeline) -> None:
    pipeline.email("Visit", "Saw a resident with NHS number 943 476 5919 today.")
    pipeline.run()
    assert pipeline.only_story().state is State.CHANGES_NEEDED
    # The comms team hears that a story was blocked, but neither the story nor the number reaches them.
    [blocked] = pipeline.mail_to("comms@example.gov.uk")
    assert blocked.subject == "Blocked by the checks: Visit"
    assert "943 476 5919" not in blocked.text and "resident" not in blocked.text
    assert "943 476 5919" not in (blocked.html or "")
    [_, changes] = pipeline.mail_to("alex.doe@example.gov.uk")
    assert "PII-NHS" in changes.text and "943 476 5919" in changes.text
    assert changes.html is not None and "<mark" in changes.html


def test_an_unauthenticated_sender_is_rejected_and_told_nothing(pipeline: Pipeline) -> None:
    key = pipeline.email("Hello", "Publish this please.", authenticated=False)
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.REJECTED
    assert "Authentication-Results" in record.reason or "authentic" in record.reason.lower()
    assert pipeline.mailer.sent == []
    assert key in pipeline.raw.objects  # the raw message is kept
    assert key in pipeline.raw.rejected  # and tagged for the shorter retention of rejected submissions


def jpeg(size: tuple[int, int], noise: bool = False) -> bytes:
    img = Image.effect_noise(size, 100).convert("RGB") if noise else Image.new("RGB", size, (10, 90, 160))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95 if noise else 85)
    return buf.getvalue()


def with_attachment(
    data: bytes, maintype: str, subtype: str, filename: str, text: str = "A story."
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = (
        "alex.doe@example.gov.uk",
        "stories@example.gov.uk",
        "With attachment",
    )
    msg.set_content(text)
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg


def test_a_non_image_attachment_is_dropped_and_the_author_told(pipeline: Pipeline) -> None:
    pipeline.email("", "", msg=with_attachment(b"%PDF-1.4 report", "application", "pdf", "report.pdf"))
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL
    [receipt] = pipeline.mail_to("alex.doe@example.gov.uk")
    assert "report.pdf" in receipt.text


def test_a_large_photo_is_made_safe_to_publish(pipeline: Pipeline) -> None:
    big = jpeg((3000, 2600), noise=True)
    assert len(big) > 5_000_000
    pipeline.email("", "", msg=with_attachment(big, "image", "jpeg", "site.jpg", "Our new depot."))
    pipeline.run()
    record = pipeline.only_story()
    version = pipeline.stories.get_version(record.story_id, 1)
    [img] = version.images
    stored = pipeline.stories.get_media(record.story_id, 1, img.key.rsplit("/", 1)[-1])
    assert len(stored) <= 5 * 1024 * 1024
    assert max(Image.open(io.BytesIO(stored)).size) <= 2048


def test_an_image_over_the_size_limit_is_dropped_with_a_note(pipeline: Pipeline) -> None:
    huge = jpeg((4000, 3500), noise=True)
    assert len(huge) > 10 * 1024 * 1024
    pipeline.email("", "", msg=with_attachment(huge, "image", "jpeg", "huge.jpg", "Our new depot."))
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL
    assert pipeline.stories.get_version(record.story_id, 1).images == ()
    assert "huge.jpg" in pipeline.mail_to("alex.doe@example.gov.uk")[0].text


def test_an_html_only_email_becomes_plain_text_without_script(pipeline: Pipeline) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", "Bridge"
    msg.set_content("<p>We reopened the <b>bridge</b>.</p><script>alert(1)</script>", subtype="html")
    pipeline.email("", "", msg=msg)
    pipeline.run()
    version = pipeline.stories.get_version(pipeline.only_story().story_id, 1)
    assert "We reopened the bridge." in version.text
    assert "alert" not in version.text and "<" not in version.text


def test_an_empty_email_from_staff_is_rejected_with_a_reason_they_receive(pipeline: Pipeline) -> None:
    key = pipeline.raw_email(b"From: alex.doe@example.gov.uk\r\nSubject: Empty\r\n\r\n   \r\n")
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.REJECTED
    assert record.reason
    [told] = pipeline.mail_to("alex.doe@example.gov.uk")
    assert told.subject == "We could not read your story"
    assert record.reason in told.text
    assert key in pipeline.raw.objects


def test_broken_mime_structure_is_read_as_far_as_it_can_be(pipeline: Pipeline) -> None:
    raw = (
        b"From: alex.doe@example.gov.uk\r\nSubject: Broken\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed\r\n\r\n--x\r\nThe depot opens at 7am."
    )
    pipeline.raw_email(raw)
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL
    assert "The depot opens at 7am." in pipeline.stories.get_version(record.story_id, 1).text


def test_garbage_bytes_are_recorded_and_nobody_is_emailed(pipeline: Pipeline) -> None:
    key = pipeline.raw_email(bytes(range(256)) * 10)
    pipeline.run()
    assert pipeline.only_story().state is State.REJECTED
    assert pipeline.mailer.sent == []
    assert key in pipeline.raw.objects


def test_a_message_no_stage_understands_is_parked_in_the_dlq_with_its_reason(pipeline: Pipeline) -> None:
    event = pipeline._sqs_event("publish", ["not json at all"])
    response = pipeline.deliver("publish", event)
    assert response == {"batchItemFailures": []}  # deleted from the queue: it can never succeed
    [parked] = pipeline.queues.bodies("publish-dlq")
    assert parked["original_body"] == "not json at all"
    assert parked["parked_reason"]


def test_a_transient_failure_is_retried_not_lost(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Snow", "Snow ploughs are ready.")
    pipeline.run()
    approve(client, pipeline)
    pipeline.x.fail_with = PublishError("x", "Service Unavailable", retryable=True)
    publish = pipeline.queues.drain("publish")
    response = pipeline.deliver("publish", pipeline._sqs_event("publish", [json.dumps(b) for b in publish]))
    assert len(response["batchItemFailures"]) == 1  # SQS will deliver it again
    assert pipeline.only_story().state is State.PUBLISHING
    pipeline.deliver("publish", pipeline._sqs_event("publish", [json.dumps(b) for b in publish]))
    assert pipeline.only_story().state is State.PUBLISHED
    assert len(pipeline.x.posts) == 1
    assert len(pipeline.blog.pages) == 1


def test_x_refusing_a_post_is_recorded_with_xs_reason(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Repeat", "Same words as yesterday.")
    pipeline.run()
    approve(client, pipeline)
    pipeline.x.fail_with = PublishError(
        "x", "You are not allowed to create a Tweet with duplicate content.", retryable=False
    )
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PUBLISH_FAILED
    assert "duplicate content" in record.reason


def test_one_notice_tells_the_author_and_the_comms_team_once_each_however_often_it_is_delivered(
    pipeline: Pipeline,
) -> None:
    pipeline.email("Visit", "Saw a resident with NHS number 943 476 5919 today.")
    pipeline.run()
    notices = pipeline.notices_delivered()
    # The team's "blocked" email travels with the author's "changes needed": one message, two emails.
    assert "blocked" not in notices and notices.count("changes_needed") == 1
    pipeline.redeliver_everything()
    assert [m.subject for m in pipeline.mail_to("comms@example.gov.uk")] == ["Blocked by the checks: Visit"]
    author = [m.subject for m in pipeline.mail_to("alex.doe@example.gov.uk")]
    assert author.count("Changes needed before approval: Visit") == 1
