"""Publishing everywhere exactly once: threads with images, faults, crashes, scheduling and takedown."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage

from chalice.test import Client
from PIL import Image

from chalicelib.adapters.ports import PostResult
from chalicelib.domain.errors import PublishError
from chalicelib.domain.states import State
from chalicelib.domain.story import MediaItem
from chalicelib.policy.rules import parse_rules
from chalicelib.services.publish import thread_parts

from .conftest import Pipeline, RecordingChannel
from .test_approvals import link_for, post

EVERYWHERE = """
organisation: {name: Example Borough Council, staff_domains: [example.gov.uk]}
channels:
  x: {enabled: true, threads: true}
  mastodon: {enabled: true}
  bluesky: {enabled: true}
  blog: {enabled: true}
"""
LONG = " ".join(
    [
        "This morning the street cleansing crew started at five to clear the market square after the fair.",
        "By seven every stall pitch was swept, the bins were emptied"
        " and the fountain was running clean again.",
        "We collected forty bags of litter and two trolleys of cardboard for recycling.",
        "The team then moved on to the bus station, where the night"
        " shift had left a note about broken glass.",
        "By nine the square was ready for shoppers, and the traders thanked the crew with bacon rolls.",
        "Thank you to everyone who helps keep our town centre clean.",
    ]
)

MORE = " ".join(
    [
        "In the afternoon the crew swept the riverside walk and"
        " cleared leaves from the drains by the bridge.",
        "They found a lost dog on the towpath and walked it to the"
        " warden's van, where its owner was waiting.",
        "The last job of the day was the car park behind the library, swept and litter-picked before dusk.",
    ]
)


def photo(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buf, "JPEG")
    return buf.getvalue()


def story_with_photos(pipeline: Pipeline, text: str = LONG) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = (
        "alex.doe@example.gov.uk",
        "stories@example.gov.uk",
        "Market square",
    )
    msg.set_content(text)
    for n, colour in enumerate([(200, 40, 40), (40, 40, 200)], start=1):
        part_alt = f"The market square swept clean, photo {n}"
        msg.add_attachment(photo(colour), maintype="image", subtype="jpeg", filename=f"square{n}.jpg")
        list(msg.iter_attachments())[-1]["Content-Description"] = part_alt
    pipeline.email("", "", msg=msg)
    pipeline.run()


def approve(pipeline: Pipeline, client: Client, **fields: str) -> None:
    status, body = post(client, link_for(pipeline, "comms@example.gov.uk"), decision="approve", **fields)
    assert status == 200, body


def test_a_long_story_with_photos_becomes_a_thread_on_every_channel(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.rules = parse_rules(EVERYWHERE)
    story_with_photos(pipeline)
    approve(pipeline, client)
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PUBLISHED
    x = pipeline.x.posts
    assert len(x) >= 3
    assert all(p["text"].endswith(f"({n}/{len(x)})") for n, p in enumerate(x, start=1))
    assert x[0]["alts"] == [
        "The market square swept clean, photo 1",
        "The market square swept clean, photo 2",
    ]
    assert [p["reply_to"] for p in x] == [None] + [p["id"] for p in x[:-1]]
    assert all(p["alts"] == [] for p in x[1:])
    assert [p["text"] for p in pipeline.mastodon.posts] == thread_parts("mastodon", LONG, threads=True)
    assert [p["text"] for p in pipeline.bluesky.posts] == thread_parts("bluesky", LONG, threads=True)
    assert len(pipeline.bluesky.posts) >= 2
    assert len(pipeline.blog.pages) == 1 and len(pipeline.blog.media) == 2
    assert {p.channel for p in record.posts} == {"x", "mastodon", "bluesky", "blog"}
    sent_before = len(pipeline.mailer.sent)
    pipeline.redeliver_everything()
    assert len(pipeline.x.posts) == len(x)
    assert len(pipeline.mastodon.posts) == len(thread_parts("mastodon", LONG, threads=True))
    assert len(pipeline.mailer.sent) == sent_before


def test_a_crash_after_part_two_resumes_with_part_three_replying_to_part_two(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.rules = parse_rules("channels: {x: {enabled: true, threads: true}, blog: {enabled: false}}")
    story_with_photos(pipeline, LONG + " " + MORE)
    approve(pipeline, client)
    pipeline.x.crash_on_post = 3
    message = [json.dumps(b) for b in pipeline.queues.drain("publish")]
    response = pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    assert len(response["batchItemFailures"]) == 1  # the invocation failed: SQS will deliver it again
    assert len(pipeline.x.posts) == 2
    pipeline.advance(seconds=181)  # SQS delivers it again after the queue's visibility timeout
    pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    pipeline.run()
    x = pipeline.x.posts
    assert len(x) == 4
    assert x[2]["reply_to"] == x[1]["id"] and x[3]["reply_to"] == x[2]["id"]
    assert len({p["text"] for p in x}) == 4
    assert pipeline.only_story().state is State.PUBLISHED


def test_a_rate_limit_sends_the_message_back_with_the_channels_delay(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.email("Gritting", "Gritters are out tonight on every main road.")
    pipeline.run()
    approve(pipeline, client)
    pipeline.x.fail_with = PublishError("x", "Too Many Requests", retryable=True, retry_after=42)
    message = [json.dumps(b) for b in pipeline.queues.drain("publish")]
    response = pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    assert response == {"batchItemFailures": []}
    [again] = [m for m in pipeline.queues.messages if m.queue == "publish"]
    assert again.delay_s == 42
    assert pipeline.x.posts == []
    pipeline.run()
    assert len(pipeline.x.posts) == 1
    assert pipeline.only_story().state is State.PUBLISHED


def test_a_post_whose_answer_was_lost_is_reconciled_not_posted_again(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.email("Bins", "Bin collections are back to normal after the holiday.")
    pipeline.run()
    approve(pipeline, client)
    pipeline.x.lose_answer = True
    message = [json.dumps(b) for b in pipeline.queues.drain("publish")]
    pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    [again] = [m for m in pipeline.queues.messages if m.queue == "publish"]
    assert again.delay_s == 30
    assert pipeline.only_story().state is State.PUBLISHING  # a clear, honest status meanwhile
    pipeline.run()
    assert len(pipeline.x.posts) == 1
    record = pipeline.only_story()
    assert record.state is State.PUBLISHED
    assert [p.post_id for p in record.posts if p.channel == "x"] == [pipeline.x.posts[0]["id"]]


def test_a_story_can_be_scheduled_and_goes_out_when_due(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Fireworks", "The fireworks display starts at 7pm in the park.")
    pipeline.run()
    approve(pipeline, client, publish_at="2026-11-25T18:00")  # 6pm in London is 18:00 UTC in November
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.SCHEDULED
    assert record.publish_at == datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    pipeline.advance(hours=8)
    pipeline.tick()
    assert pipeline.x.posts == []
    pipeline.advance(hours=1, minutes=5)
    pipeline.tick()
    assert pipeline.only_story().state is State.PUBLISHED
    assert len(pipeline.x.posts) == 1


def test_takedown_from_the_emailed_link_removes_every_post(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(EVERYWHERE)
    story_with_photos(pipeline)
    approve(pipeline, client)
    pipeline.run()
    link = link_for(pipeline, "comms@example.gov.uk", "/t/", "Now live")
    status, body = post(client, link, decision="takedown")
    assert status == 400 and "reason" in body
    status, body = post(client, link, decision="takedown", reason="The resident asked us to remove it")
    assert status == 200 and "Story taken down" in body
    record = pipeline.only_story()
    assert record.state is State.WITHDRAWN
    assert pipeline.x.live() == [] and pipeline.mastodon.live() == [] and pipeline.bluesky.live() == []
    assert pipeline.blog.pages == []
    withdrawn = [e for e in pipeline.table.audit(record.story_id) if e.to_state is State.WITHDRAWN]
    assert [(e.actor, e.reason) for e in withdrawn] == [
        ("comms@example.gov.uk", "The resident asked us to remove it")
    ]
    assert client.http.get(link).status_code == 409  # already down


def test_a_delivery_never_posts_a_part_another_delivery_is_posting_right_now(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.email("Leaves", "Leaf clearing starts on Monday in the north of the borough.")
    pipeline.run()
    approve(pipeline, client)
    record = pipeline.only_story()
    # Another delivery of the same message holds the claim for X and is waiting for X's answer.
    key = f"post#{record.story_id}#v1#x#1"
    assert pipeline.table.claim(key, owner="another delivery", now=pipeline.now)
    message = [json.dumps(b) for b in pipeline.queues.drain("publish")]
    pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    assert pipeline.x.posts == []  # it looked, found nothing yet, and did not post
    [again] = [m for m in pipeline.queues.messages if m.queue == "publish"]
    assert again.delay_s == 30


class RecordingWordPress(RecordingChannel):
    """A WordPress channel that remembers the titles it was sent."""

    def __init__(self) -> None:
        super().__init__("wordpress")
        self.titles: list[str | None] = []

    def post(
        self,
        text: str,
        *,
        reply_to: str | None = None,
        media: Sequence[MediaItem] = (),
        title: str | None = None,
    ) -> PostResult:
        self.titles.append(title)
        return super().post(text, reply_to=reply_to, media=media)


def test_a_story_published_to_wordpress_carries_its_own_title(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(
        "channels: {x: {enabled: false}, mastodon: {enabled: false}, bluesky: {enabled: false},"
        " blog: {enabled: true, target: wordpress}}\n"
    )
    wordpress = RecordingWordPress()
    pipeline.container.wordpress = wordpress  # type: ignore[assignment]
    pipeline.email("Grit bins refilled", "Every grit bin in the borough was refilled before the frost.")
    pipeline.run()
    approve(pipeline, client)
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED
    assert wordpress.titles == ["Grit bins refilled"]
    assert [p["text"] for p in wordpress.posts] == [
        "Every grit bin in the borough was refilled before the frost."
    ]


MASTODON_ONLY = "channels: {x: {enabled: false}, mastodon: {enabled: true}, blog: {enabled: false}}\n"


def lose_the_first_mastodon_answer(pipeline: Pipeline, client: Client) -> None:
    """An approved story for Mastodon only, whose first status Mastodon makes without answering."""
    pipeline.rules = parse_rules(MASTODON_ONLY)
    pipeline.email("Bins", "Bin collections are back to normal after the holiday.")
    pipeline.run()
    approve(pipeline, client)
    pipeline.mastodon.lose_answer = True


def test_a_mastodon_status_whose_answer_was_lost_is_recovered_by_its_idempotency_key(
    pipeline: Pipeline, client: Client
) -> None:
    lose_the_first_mastodon_answer(pipeline, client)  # Mastodon made the status; we never heard back
    message = [json.dumps(b) for b in pipeline.queues.drain("publish")]
    pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    assert pipeline.only_story().state is State.PUBLISHING
    pipeline.run()  # the next delivery sends again with the same key: Mastodon answers with the status
    assert len(pipeline.mastodon.posts) == 1
    record = pipeline.only_story()
    assert record.state is State.PUBLISHED
    assert [p.post_id for p in record.posts] == [pipeline.mastodon.posts[0]["id"]]


def test_a_lost_mastodon_answer_older_than_its_key_is_left_to_a_person(
    pipeline: Pipeline, client: Client
) -> None:
    lose_the_first_mastodon_answer(pipeline, client)
    message = [json.dumps(b) for b in pipeline.queues.drain("publish")]
    pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    pipeline.queues.drain("publish")
    pipeline.advance(hours=2)  # the queue was stuck: Mastodon has forgotten the key by now
    pipeline.deliver("publish", pipeline._sqs_event("publish", message))
    record = pipeline.only_story()
    assert record.state is State.PUBLISH_FAILED and "over an hour ago" in record.reason
    assert len(pipeline.mastodon.posts) == 1  # never posted twice


def test_one_notice_tells_the_author_and_the_comms_team_it_is_live_once_each_even_when_redelivered(
    pipeline: Pipeline, client: Client
) -> None:
    story_with_photos(pipeline)
    approve(pipeline, client)
    pipeline.run()
    kinds = pipeline.notices_delivered()
    assert "published_team" not in kinds and kinds.count("published") == 1
    pipeline.redeliver_everything()
    team = [m.subject for m in pipeline.mail_to("comms@example.gov.uk") if m.subject.startswith("Now live")]
    author = [m.subject for m in pipeline.mail_to("alex.doe@example.gov.uk") if "Published" in m.subject]
    assert team == ["Now live: Market square"] and author == ["Published: Market square"]
