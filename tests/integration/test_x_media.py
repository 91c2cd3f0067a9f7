"""Images on X: the v2 media upload written beside tweepy, against the fake X's checks and faults."""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterator

import pytest
import requests
import tweepy
from PIL import Image
from requests_oauthlib import OAuth1

from chalicelib.adapters.x import X_API_ORIGIN, Chunking, TweepyX, XCredentials, mount_x_transport
from chalicelib.domain.errors import PublishError, UnknownOutcome
from chalicelib.domain.story import MediaItem
from local.fakes.x import FakeX

pytestmark = pytest.mark.integration

CREDS = XCredentials(
    consumer_key="test-consumer-key",
    consumer_secret="test-consumer-secret",
    access_token="1500000000000000001-test-access-token",
    access_token_secret="test-access-token-secret",
)


def png(width: int = 8, height: int = 8, *, noise: bool = False) -> bytes:
    image = Image.new("RGB", (width, height), (30, 120, 200))
    if noise:
        rng = random.Random(7)
        image.putdata(
            [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(width * height)]
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def fake_x() -> Iterator[FakeX]:
    with FakeX.for_credentials(CREDS) as fake:
        yield fake


@pytest.fixture
def x(fake_x: FakeX) -> TweepyX:
    return TweepyX.from_credentials(CREDS, api_base_url=fake_x.base_url, timeout_s=2)


def test_a_post_with_two_images_carries_both_with_their_alt_text(x: TweepyX, fake_x: FakeX) -> None:
    result = x.post(
        "Our gritters, ready for tonight.",
        media=[
            MediaItem(png(), "image/png", "Three orange gritting lorries in a depot yard", "depot.png"),
            MediaItem(jpeg(), "image/jpeg", "A driver checking the salt spreader"),
        ],
    )

    [post] = fake_x.posts()
    assert post["id"] == result.post_id
    uploads = {m["id"]: m for m in fake_x.media()}
    assert post["media"] == list(uploads)
    assert [uploads[i]["alt_text"] for i in post["media"]] == [
        "Three orange gritting lorries in a depot yard",
        "A driver checking the salt spreader",
    ]
    assert [uploads[i]["media_type"] for i in post["media"]] == ["image/png", "image/jpeg"]
    assert all(m["finalized"] and not m["chunked"] for m in uploads.values())


def test_a_large_image_goes_up_in_chunks(fake_x: FakeX) -> None:
    data = png(48, 48, noise=True)
    x = TweepyX.from_credentials(
        CREDS,
        api_base_url=fake_x.base_url,
        timeout_s=2,
        chunking=Chunking(over_bytes=1000, segment_bytes=1024),
    )

    x.post("A big picture", media=[MediaItem(data, "image/png", "A wide view of the recycling centre")])

    [upload] = fake_x.media()
    assert upload["chunked"] is True
    assert upload["segments"] == -(-len(data) // 1024)
    assert upload["size"] == len(data)
    assert upload["alt_text"] == "A wide view of the recycling centre"
    assert fake_x.posts()[0]["media"] == [upload["id"]]


def test_a_reply_can_carry_an_image(x: TweepyX, fake_x: FakeX) -> None:
    first = x.post("1/2 The library van on its rounds.")
    second = x.post(
        "2/2 Inside the van.", reply_to=first.post_id, media=[MediaItem(png(), "image/png", "Shelves")]
    )

    posts = fake_x.posts()
    assert posts[1]["id"] == second.post_id
    assert posts[1]["reply_to"] == first.post_id
    assert len(posts[1]["media"]) == 1


def test_the_old_call_shape_still_posts_text_only(x: TweepyX, fake_x: FakeX) -> None:
    x.post("Just words")

    assert fake_x.posts()[0]["media"] == []
    assert fake_x.media() == []


# -- the request bodies X's OpenAPI description defines ---------------------------------------


def _upload_form(fake: FakeX, form: dict[str, str]) -> requests.Response:
    """A signed one-shot upload of a PNG with these form fields, straight to the fake X."""
    session = requests.Session()
    mount_x_transport(session, timeout_s=2, api_base_url=fake.base_url)
    auth = OAuth1(CREDS.consumer_key, CREDS.consumer_secret, CREDS.access_token, CREDS.access_token_secret)
    return session.post(
        X_API_ORIGIN + "/2/media/upload",
        files={"media": ("a.png", png(), "image/png")},
        data=form,
        auth=auth,
    )


def test_a_one_shot_upload_with_its_category_is_taken(fake_x: FakeX) -> None:
    assert _upload_form(fake_x, {"media_category": "tweet_image"}).status_code == 200


def test_a_one_shot_upload_without_a_category_is_refused_as_x_requires_one(fake_x: FakeX) -> None:
    response = _upload_form(fake_x, {})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameters"] == {"media_category": [None]}
    assert fake_x.media() == []


def test_a_one_shot_upload_with_a_field_x_does_not_define_is_refused(fake_x: FakeX) -> None:
    response = _upload_form(fake_x, {"media_category": "tweet_image", "media_type": "image/png"})

    assert response.status_code == 400
    assert "media_type" in response.json()["errors"][0]["message"]
    assert fake_x.media() == []


def test_an_upload_x_is_still_processing_is_polled_until_it_has_succeeded(fake_x: FakeX) -> None:
    naps: list[float] = []
    x = TweepyX.from_credentials(
        CREDS, api_base_url=fake_x.base_url, timeout_s=2, chunking=Chunking(over_bytes=100), sleep=naps.append
    )
    fake_x.process_next_upload(polls=2)

    x.post("Processed", media=[MediaItem(png(48, 48, noise=True), "image/png", "alt")])

    assert naps == [1.0, 1.0]  # pending at FINALIZE, in progress at the first look, done at the second
    [upload] = fake_x.media()
    assert fake_x.posts()[0]["media"] == [upload["id"]]


def test_an_upload_x_fails_to_process_is_refused_permanently(fake_x: FakeX) -> None:
    x = TweepyX.from_credentials(
        CREDS,
        api_base_url=fake_x.base_url,
        timeout_s=2,
        chunking=Chunking(over_bytes=100),
        sleep=lambda _: None,
    )
    fake_x.process_next_upload(polls=1, fail=True)

    with pytest.raises(PublishError) as caught:
        x.post("Never processed", media=[MediaItem(png(48, 48, noise=True), "image/png", "alt")])

    assert not caught.value.retryable
    assert fake_x.posts() == []


def test_media_still_processing_cannot_be_attached(fake_x: FakeX) -> None:
    x = TweepyX.from_credentials(
        CREDS, api_base_url=fake_x.base_url, timeout_s=2, chunking=Chunking(over_bytes=100)
    )
    x_client = x.client
    fake_x.process_next_upload(polls=3)
    init = x_client.session.post(
        X_API_ORIGIN + "/2/media/upload/initialize",
        json={"media_type": "image/png", "total_bytes": len(png()), "media_category": "tweet_image"},
        auth=OAuth1(CREDS.consumer_key, CREDS.consumer_secret, CREDS.access_token, CREDS.access_token_secret),
    )
    media_id = init.json()["data"]["id"]
    auth = OAuth1(CREDS.consumer_key, CREDS.consumer_secret, CREDS.access_token, CREDS.access_token_secret)
    x_client.session.post(
        X_API_ORIGIN + f"/2/media/upload/{media_id}/append",
        files={"media": ("chunk", png(), "application/octet-stream")},
        data={"segment_index": "0"},
        auth=auth,
    )
    final = x_client.session.post(X_API_ORIGIN + f"/2/media/upload/{media_id}/finalize", auth=auth)
    assert final.json()["data"]["processing_info"]["state"] == "pending"

    with pytest.raises(tweepy.BadRequest):
        x_client.create_tweet(text="Too soon", media_ids=[media_id], user_auth=True)


# -- X's limits --------------------------------------------------------------------------------


def test_an_image_over_five_megabytes_is_refused_and_nothing_is_posted(x: TweepyX, fake_x: FakeX) -> None:
    too_big = png()[:8] + b"\0" * (5 * 1024 * 1024)

    with pytest.raises(PublishError) as caught:
        x.post("Too big", media=[MediaItem(too_big, "image/png", "big")])

    assert not caught.value.retryable
    assert fake_x.posts() == []


def test_a_large_image_over_the_limit_is_refused_at_initialize(fake_x: FakeX) -> None:
    x = TweepyX.from_credentials(
        CREDS, api_base_url=fake_x.base_url, timeout_s=5, chunking=Chunking(over_bytes=1000)
    )
    too_big = png()[:8] + b"\0" * (5 * 1024 * 1024)

    with pytest.raises(PublishError) as caught:
        x.post("Too big", media=[MediaItem(too_big, "image/png", "big")])

    assert not caught.value.retryable
    assert fake_x.media() == []


def test_a_file_that_is_not_an_image_x_takes_is_refused(x: TweepyX, fake_x: FakeX) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'

    with pytest.raises(PublishError) as caught:
        x.post("Vector", media=[MediaItem(svg, "image/svg+xml", "a drawing")])

    assert not caught.value.retryable
    assert caught.value.reason == "The media type is not supported."
    assert fake_x.posts() == []


def test_alt_text_over_a_thousand_characters_is_refused(x: TweepyX, fake_x: FakeX) -> None:
    with pytest.raises(PublishError) as caught:
        x.post("Wordy", media=[MediaItem(png(), "image/png", "a" * 1001)])

    assert not caught.value.retryable
    assert "1000 characters" in caught.value.reason
    assert fake_x.posts() == []


def test_more_than_four_images_are_refused_before_anything_is_uploaded(x: TweepyX, fake_x: FakeX) -> None:
    images = [MediaItem(png(), "image/png", f"picture {i}") for i in range(5)]

    with pytest.raises(PublishError) as caught:
        x.post("Five", media=images)

    assert not caught.value.retryable
    assert fake_x.media() == []


def test_media_of_another_account_cannot_be_attached(x: TweepyX, fake_x: FakeX) -> None:
    foreign = fake_x.add_foreign_media()

    with pytest.raises(tweepy.BadRequest):
        x.client.create_tweet(text="borrowed", media_ids=[foreign], user_auth=True)

    assert fake_x.posts() == []


def test_an_unknown_media_id_cannot_be_attached(x: TweepyX, fake_x: FakeX) -> None:
    with pytest.raises(tweepy.BadRequest):
        x.client.create_tweet(text="made up", media_ids=["1234"], user_auth=True)


# -- failures ----------------------------------------------------------------------------------


def test_wrong_credentials_fail_the_upload_permanently(fake_x: FakeX) -> None:
    wrong = XCredentials(CREDS.consumer_key, "not-the-secret", CREDS.access_token, CREDS.access_token_secret)
    x = TweepyX.from_credentials(wrong, api_base_url=fake_x.base_url, timeout_s=2)

    with pytest.raises(PublishError) as caught:
        x.post("hello", media=[MediaItem(png(), "image/png", "alt")])

    assert not caught.value.retryable
    assert fake_x.media() == []
    assert fake_x.rejections()[0] | {"at": None} == {
        "method": "POST",
        "path": "/2/media/upload",
        "reason": "signature mismatch",
        "at": None,
    }


def test_a_rate_limited_upload_is_retryable_after_the_reset(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.fail_next(429, headers={"x-rate-limit-reset": str(int(time.time()) + 60)}, path="/2/media/upload")

    with pytest.raises(PublishError) as caught:
        x.post("hello", media=[MediaItem(png(), "image/png", "alt")])

    assert caught.value.retryable
    assert caught.value.retry_after == pytest.approx(60, abs=2)
    assert fake_x.posts() == []


def test_a_server_error_on_alt_text_is_retryable_and_the_retry_posts_once(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.fail_next(503, path="/2/media/metadata")
    item = MediaItem(png(), "image/png", "alt")

    with pytest.raises(PublishError) as caught:
        x.post("hello", media=[item])
    assert caught.value.retryable
    assert fake_x.posts() == []

    x.post("hello", media=[item])
    assert len(fake_x.posts()) == 1


def test_a_timeout_during_upload_is_retryable_because_nothing_is_public(fake_x: FakeX) -> None:
    x = TweepyX.from_credentials(CREDS, api_base_url=fake_x.base_url, timeout_s=0.5)
    fake_x.delay_next(3, path="/2/media/upload")

    with pytest.raises(PublishError) as caught:
        x.post("hello", media=[MediaItem(png(), "image/png", "alt")])

    assert caught.value.retryable
    assert fake_x.posts() == []


def test_a_timeout_after_x_accepted_a_post_with_images_is_an_unknown_outcome(fake_x: FakeX) -> None:
    x = TweepyX.from_credentials(CREDS, api_base_url=fake_x.base_url, timeout_s=0.5)
    fake_x.delay_next(3, path="/2/tweets")

    with pytest.raises(UnknownOutcome):
        x.post("Posted, never confirmed", media=[MediaItem(png(), "image/png", "alt")])

    [post] = fake_x.posts()
    assert post["text"] == "Posted, never confirmed"
    assert len(post["media"]) == 1
