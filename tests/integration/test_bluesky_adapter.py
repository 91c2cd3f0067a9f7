"""The Bluesky adapter (XRPC over atproto's own Request) against the fake PDS on loopback.

What the real PDS does too is in test_bluesky_contract.py, which runs against both; this file
keeps what only a fake can stage (faults, timeouts, expiry on the server's clock).
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator

import pytest
from PIL import Image

from chalicelib.adapters.bluesky import BlueskyChannel, BlueskyCredentials
from chalicelib.adapters.credentials import CredentialsError
from chalicelib.domain.errors import ConfigError, PublishError, UnknownOutcome
from chalicelib.domain.story import MediaItem
from local.fakes.bluesky import FakeBluesky

pytestmark = pytest.mark.integration

HANDLE = "realstories.example.gov"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (240, 200, 0)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeBluesky]:
    with FakeBluesky(HANDLE, APP_PASSWORD) as server:
        yield server


def channel(fake: FakeBluesky, *, password: str = APP_PASSWORD, timeout_s: float = 2) -> BlueskyChannel:
    creds = BlueskyCredentials(service_url=fake.base_url, handle=HANDLE, app_password=password)
    return BlueskyChannel.from_credentials(creds, timeout_s=timeout_s)


@pytest.fixture
def bluesky(fake: FakeBluesky) -> BlueskyChannel:
    return channel(fake)


def test_a_post_with_two_images_carries_their_alt_text(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    result = bluesky.post(
        "Fresh paint on the community centre. https://example.gov/stories/42",
        media=[
            MediaItem(png(), "image/png", "A yellow front door"),
            MediaItem(png(), "image/png", "Volunteers holding paint rollers"),
        ],
    )

    [post] = fake.posts()
    assert post["uri"] == result.post_id
    assert result.post_id.startswith(f"at://{fake.did}/app.bsky.feed.post/")
    assert result.url == f"https://bsky.app/profile/{HANDLE}/post/{post['rkey']}"
    assert [i["alt"] for i in post["images"]] == ["A yellow front door", "Volunteers holding paint rollers"]
    assert [i["mime_type"] for i in post["images"]] == ["image/png", "image/png"]
    assert post["facets"][0]["features"][0]["uri"] == "https://example.gov/stories/42"
    assert post["langs"] == ["en"]


def test_a_thread_carries_root_and_parent_refs(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    first = bluesky.post("1/3 Night shift at the call centre.")
    second = bluesky.post("2/3 Calls peak at ten.", reply_to=first.post_id)
    third = bluesky.post("3/3 Quiet by three.", reply_to=second.post_id)

    assert [p["reply"] for p in fake.posts()] == [
        None,
        {"root": first.post_id, "parent": first.post_id},
        {"root": first.post_id, "parent": second.post_id},
    ]
    assert third.post_id == fake.posts()[2]["uri"]


def test_a_reply_to_a_post_made_elsewhere_reads_the_parent_back(fake: FakeBluesky) -> None:
    first = channel(fake).post("1/2 Written by one container.")
    second = channel(fake).post("2/2 Continued by another.", reply_to=first.post_id)
    third = channel(fake).post("3/2 And a third.", reply_to=second.post_id)

    assert fake.posts()[2]["reply"] == {"root": first.post_id, "parent": second.post_id}
    assert third.post_id


def test_a_post_is_deleted_and_deleting_again_is_harmless(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    result = bluesky.post("Withdrawn story")

    bluesky.delete(result.post_id)
    bluesky.delete(result.post_id)

    assert fake.posts()[0]["deleted"] is True


def test_a_reply_to_a_deleted_post_is_permanent(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    first = bluesky.post("gone soon")
    bluesky.delete(first.post_id)

    with pytest.raises(PublishError) as caught:
        channel(fake).post("reply", reply_to=first.post_id)

    assert not caught.value.retryable


# -- sessions ----------------------------------------------------------------------------------


def test_logging_in_happens_once_on_first_use(fake: FakeBluesky) -> None:
    bluesky = channel(fake)
    assert fake.counts()["sessions"] == 0

    bluesky.post("one")
    bluesky.post("two")

    assert fake.counts()["sessions"] == 1


def test_a_short_lived_access_token_is_refreshed_by_the_client() -> None:
    # The adapter refreshes 15 minutes before expiry, as atproto's Client does, so a 10-minute token is
    # refreshed before each call.
    with FakeBluesky(HANDLE, APP_PASSWORD, access_ttl_s=600) as fake:
        bluesky = channel(fake)
        bluesky.post("one")
        bluesky.post("two")

        assert fake.counts()["sessions"] == 1
        assert fake.counts()["refreshes"] >= 2
        assert len(fake.posts()) == 2


def test_a_token_the_server_has_expired_is_replaced_transparently(
    bluesky: BlueskyChannel, fake: FakeBluesky
) -> None:
    bluesky.post("before")
    fake.expire_access_tokens()

    result = bluesky.post("after", media=[MediaItem(png(), "image/png", "alt")])

    assert [p["text"] for p in fake.posts()] == ["before", "after"]
    assert fake.posts()[1]["uri"] == result.post_id
    assert fake.counts()["sessions"] == 2
    assert fake.counts()["expired_rejections"] == 1


def test_a_wrong_app_password_is_not_retryable(fake: FakeBluesky) -> None:
    with pytest.raises(PublishError) as caught:
        channel(fake, password="wrong-password").post("hello")

    assert not caught.value.retryable
    assert "wrong-password" not in str(caught.value)
    assert fake.posts() == []


# -- the PDS's limits --------------------------------------------------------------------------


def test_301_graphemes_are_refused(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    with pytest.raises(PublishError) as caught:
        bluesky.post("a" * 301)

    assert not caught.value.retryable
    assert "maximum 300" in caught.value.reason
    assert fake.posts() == []


def test_300_graphemes_of_emoji_are_accepted(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    bluesky.post("\U0001f44d\U0001f3fd" * 300)

    assert len(fake.posts()) == 1


def test_an_image_over_two_million_bytes_is_refused(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    big = png()[:8] + b"\0" * 2_000_001

    with pytest.raises(PublishError) as caught:
        bluesky.post("big", media=[MediaItem(big, "image/png", "alt")])

    assert not caught.value.retryable
    assert "blob too big" in caught.value.reason
    assert fake.posts() == []


def test_an_image_without_alt_text_is_refused_before_logging_in(
    bluesky: BlueskyChannel, fake: FakeBluesky
) -> None:
    with pytest.raises(PublishError) as caught:
        bluesky.post("no alt", media=[MediaItem(png(), "image/png", "a"), MediaItem(png(), "image/png", "")])

    assert not caught.value.retryable
    assert "alt text" in caught.value.reason
    assert fake.counts()["sessions"] == 0
    assert fake.posts() == []


def test_an_image_pillow_cannot_read_is_posted_without_an_aspect_ratio(
    bluesky: BlueskyChannel, fake: FakeBluesky
) -> None:
    bluesky.post("odd", media=[MediaItem(png()[:8] + b"\0" * 64, "image/png", "An unreadable picture")])

    [post] = fake.posts()
    assert len(post["images"]) == 1


def test_a_handle_is_resolved_once_per_container(fake: FakeBluesky) -> None:
    with FakeBluesky(HANDLE, APP_PASSWORD, others={"team.example.gov": "did:plc:team"}) as server:
        bluesky = channel(server)
        bluesky.post("Thanks @team.example.gov")
        server.fail_next(500, path="/xrpc/com.atproto.identity.resolveHandle")

        bluesky.post("And again @team.example.gov")

    mentions = [p["facets"][0]["features"][0]["did"] for p in server.posts()]
    assert mentions == ["did:plc:team", "did:plc:team"]


def test_a_handle_the_pds_cannot_reach_fails_the_post_retryably(
    bluesky: BlueskyChannel, fake: FakeBluesky
) -> None:
    fake.fail_next(503, path="/xrpc/com.atproto.identity.resolveHandle")

    with pytest.raises(PublishError) as caught:
        bluesky.post("Thanks @team.example.gov")

    assert caught.value.retryable
    assert fake.posts() == []


def test_five_images_are_refused_before_any_upload(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    with pytest.raises(PublishError) as caught:
        bluesky.post("five", media=[MediaItem(png(), "image/png", "a")] * 5)

    assert not caught.value.retryable
    assert fake.counts()["sessions"] == 0


# -- failures ----------------------------------------------------------------------------------


def test_a_rate_limited_post_is_retryable_after_the_reset(bluesky: BlueskyChannel, fake: FakeBluesky) -> None:
    bluesky.post("warm up")
    fake.fail_next(429)

    with pytest.raises(PublishError) as caught:
        bluesky.post("hello")

    assert caught.value.retryable
    assert caught.value.retry_after == pytest.approx(300, abs=3)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_retryable(bluesky: BlueskyChannel, fake: FakeBluesky, status: int) -> None:
    bluesky.post("warm up")
    fake.fail_next(status, path="/xrpc/com.atproto.repo.createRecord")

    with pytest.raises(PublishError) as caught:
        bluesky.post("hello")

    assert caught.value.retryable
    assert len(fake.posts()) == 1


def test_a_timeout_after_the_pds_accepted_is_an_unknown_outcome(fake: FakeBluesky) -> None:
    bluesky = channel(fake, timeout_s=0.5)
    fake.delay_next(3, path="/xrpc/com.atproto.repo.createRecord")

    with pytest.raises(UnknownOutcome):
        bluesky.post("Posted, never confirmed", media=[MediaItem(png(), "image/png", "alt")])

    [post] = fake.posts()
    assert post["text"] == "Posted, never confirmed"
    assert len(post["images"]) == 1


def test_a_connection_dropped_before_the_answer_is_an_unknown_outcome(
    bluesky: BlueskyChannel, fake: FakeBluesky
) -> None:
    bluesky.post("warm up")
    fake.delay_next(0, after_accept=False, path="/xrpc/com.atproto.repo.createRecord")

    with pytest.raises(UnknownOutcome):
        bluesky.post("lost")


def test_a_timeout_during_upload_is_retryable(fake: FakeBluesky) -> None:
    bluesky = channel(fake, timeout_s=0.5)
    fake.delay_next(3, path="/xrpc/com.atproto.repo.uploadBlob")

    with pytest.raises(PublishError) as caught:
        bluesky.post("hello", media=[MediaItem(png(), "image/png", "alt")])

    assert caught.value.retryable
    assert fake.posts() == []


def test_a_refused_connection_is_retryable() -> None:
    with FakeBluesky(HANDLE, APP_PASSWORD) as gone:
        bluesky = channel(gone)
    with pytest.raises(PublishError) as caught:
        bluesky.post("hello")

    assert caught.value.retryable


# -- credentials -------------------------------------------------------------------------------


def test_credentials_parse_from_the_secret_without_showing_the_password() -> None:
    creds = BlueskyCredentials.from_json(
        json.dumps(
            {"service_url": "https://bsky.social/", "handle": "@org.example", "app_password": "pw-secret"}
        )
    )

    assert (creds.service_url, creds.handle) == ("https://bsky.social", "org.example")
    assert "pw-secret" not in repr(creds)


def test_a_secret_without_an_app_password_is_a_config_error() -> None:
    with pytest.raises(CredentialsError) as caught:
        BlueskyCredentials.from_json(json.dumps({"service_url": "https://bsky.social", "handle": "h"}))

    assert "app_password" in str(caught.value)
    assert isinstance(caught.value, ConfigError)


def test_the_fake_counts_time_against_token_expiry() -> None:
    now = [time.time()]
    with FakeBluesky(HANDLE, APP_PASSWORD, clock=lambda: now[0]) as fake:
        bluesky = channel(fake)
        bluesky.post("first")
        now[0] += 3 * 3600  # the server's clock passes the token's expiry; the client's does not

        bluesky.post("second")

    assert fake.counts()["sessions"] == 2
