"""The Mastodon adapter with real Mastodon.py against the fake instance on loopback."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator

import pytest
from PIL import Image

from chalicelib.adapters.credentials import CredentialsError
from chalicelib.adapters.mastodon import MastodonChannel, MastodonCredentials
from chalicelib.domain.errors import ConfigError, PublishError, UnknownOutcome
from chalicelib.domain.story import MediaItem
from local.fakes.mastodon import FakeMastodon, countable_length

pytestmark = pytest.mark.integration

TOKEN = "test-mastodon-token"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 160, 90)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    with FakeMastodon(TOKEN) as server:
        yield server


def channel(fake: FakeMastodon, *, token: str = TOKEN, timeout_s: float = 2) -> MastodonChannel:
    return MastodonChannel.from_credentials(
        MastodonCredentials(api_base_url=fake.base_url, access_token=token), timeout_s=timeout_s
    )


@pytest.fixture
def mastodon(fake: FakeMastodon) -> MastodonChannel:
    return channel(fake)


def test_a_status_with_two_images_carries_their_descriptions(
    mastodon: MastodonChannel, fake: FakeMastodon
) -> None:
    result = mastodon.post(
        "The new bus shelters are in.",
        media=[
            MediaItem(png(), "image/png", "A glass bus shelter with a green roof", "shelter.png"),
            MediaItem(png(), "image/png", "Two people waiting under the shelter"),
        ],
    )

    [status] = fake.statuses()
    assert status["id"] == result.post_id
    assert status["text"] == "The new bus shelters are in."
    assert [m["description"] for m in status["media"]] == [
        "A glass bus shelter with a green roof",
        "Two people waiting under the shelter",
    ]
    assert result.url == f"{fake.base_url}/@realstories/{result.post_id}"
    assert mastodon.name == "mastodon"


def test_a_reply_chain_records_each_parent(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    first = mastodon.post("1/3 A day with the parks team.")
    second = mastodon.post("2/3 Mowing starts at seven.", reply_to=first.post_id)
    third = mastodon.post("3/3 Done by two.", reply_to=second.post_id)

    assert [(s["id"], s["in_reply_to_id"]) for s in fake.statuses()] == [
        (first.post_id, None),
        (second.post_id, first.post_id),
        (third.post_id, second.post_id),
    ]


def test_a_status_is_deleted_and_deleting_again_is_harmless(
    mastodon: MastodonChannel, fake: FakeMastodon
) -> None:
    result = mastodon.post("Withdrawn story")

    mastodon.delete(result.post_id)
    mastodon.delete(result.post_id)

    assert fake.statuses()[0]["deleted"] is True


def test_the_same_idempotency_key_never_posts_twice(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    first = mastodon.post("Once only", idempotency_key="story-1:v2:mastodon:0")
    again = mastodon.post("Once only", idempotency_key="story-1:v2:mastodon:0")

    assert again.post_id == first.post_id
    assert len(fake.statuses()) == 1


# -- the instance's limits ---------------------------------------------------------------------


def test_501_characters_are_refused_with_mastodons_error(
    mastodon: MastodonChannel, fake: FakeMastodon
) -> None:
    with pytest.raises(PublishError) as caught:
        mastodon.post("a" * 501)

    assert not caught.value.retryable
    assert caught.value.reason == "Validation failed: Text character limit of 500 exceeded"
    assert fake.statuses() == []


def test_500_characters_are_accepted(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    mastodon.post("a" * 500)

    assert len(fake.statuses()) == 1


def test_a_link_counts_as_23_characters(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    text = "b" * 470 + " https://example.org/" + "p" * 100

    mastodon.post(text)

    assert len(text) > 500
    assert countable_length(text) == 470 + 1 + 23
    assert fake.statuses()[0]["text"] == text


def test_characters_are_counted_as_graphemes() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"

    assert countable_length(family * 3) == 3
    assert countable_length("@parks@example.social hello") == len("@parks hello")


def test_a_description_over_1500_characters_is_refused(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    with pytest.raises(PublishError) as caught:
        mastodon.post("Pictures", media=[MediaItem(png(), "image/png", "d" * 1501)])

    assert not caught.value.retryable
    assert "Description is too long" in caught.value.reason
    assert fake.statuses() == []


def test_a_file_that_is_not_an_image_is_refused(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    with pytest.raises(PublishError) as caught:
        mastodon.post("Doc", media=[MediaItem(b"%PDF-1.7", "application/pdf", "a letter")])

    assert not caught.value.retryable
    assert fake.media() == []


def test_five_images_are_refused_before_any_upload(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    with pytest.raises(PublishError) as caught:
        mastodon.post("Five", media=[MediaItem(png(), "image/png", f"p{i}") for i in range(5)])

    assert not caught.value.retryable
    assert fake.media() == []


def test_the_instance_refuses_five_media_ids_and_foreign_media(
    mastodon: MastodonChannel, fake: FakeMastodon
) -> None:
    api = mastodon._api  # the raw client, to send what the adapter never would
    ids = [api.media_post(png(), mime_type="image/png", description="x")["id"] for _ in range(5)]

    with pytest.raises(Exception, match="Cannot attach more than 4 files"):
        api.status_post("five", media_ids=ids)
    with pytest.raises(Exception, match="not found or already attached"):
        api.status_post("borrowed", media_ids=[fake.add_foreign_media()])
    assert fake.statuses() == []


def test_a_reply_to_a_missing_status_is_permanent(mastodon: MastodonChannel, fake: FakeMastodon) -> None:
    with pytest.raises(PublishError) as caught:
        mastodon.post("Reply to nothing", reply_to="12345")

    assert not caught.value.retryable
    assert caught.value.reason == "The post you are trying to reply to does not appear to exist."


# -- failures ----------------------------------------------------------------------------------


def test_a_wrong_token_is_not_retryable(fake: FakeMastodon) -> None:
    with pytest.raises(PublishError) as caught:
        channel(fake, token="not-the-token").post("hello")

    assert not caught.value.retryable
    assert caught.value.reason == "Mastodon rejected the access token"
    assert "not-the-token" not in str(caught.value)
    assert fake.statuses() == []


def test_a_rate_limited_post_is_retryable_after_the_reset(
    mastodon: MastodonChannel, fake: FakeMastodon
) -> None:
    fake.fail_next(429)

    with pytest.raises(PublishError) as caught:
        mastodon.post("hello")

    assert caught.value.retryable
    assert caught.value.retry_after == pytest.approx(300, abs=3)
    assert fake.statuses() == []


def test_the_fakes_own_rate_window_runs_out() -> None:
    with FakeMastodon(TOKEN, rate_limit=1) as limited:
        mastodon = channel(limited)
        mastodon.post("first")
        with pytest.raises(PublishError) as caught:
            mastodon.post("second")

    assert caught.value.retryable
    assert caught.value.retry_after is not None
    assert 250 < caught.value.retry_after <= 301


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_retryable(mastodon: MastodonChannel, fake: FakeMastodon, status: int) -> None:
    fake.fail_next(status)

    with pytest.raises(PublishError) as caught:
        mastodon.post("hello")

    assert caught.value.retryable
    assert mastodon.post("hello").post_id == fake.statuses()[0]["id"]


def test_the_instance_being_down_is_retryable_until_it_comes_back(
    mastodon: MastodonChannel, fake: FakeMastodon
) -> None:
    fake.down()
    with pytest.raises(PublishError) as caught:
        mastodon.post("hello", media=[MediaItem(png(), "image/png", "alt")])
    assert caught.value.retryable

    fake.up()
    mastodon.post("hello")
    assert len(fake.statuses()) == 1


def test_a_timeout_after_the_instance_accepted_is_an_unknown_outcome(fake: FakeMastodon) -> None:
    mastodon = channel(fake, timeout_s=0.5)
    fake.delay_next(3, path="/api/v1/statuses")

    with pytest.raises(UnknownOutcome):
        mastodon.post("Posted, never confirmed", media=[MediaItem(png(), "image/png", "alt")])

    [status] = fake.statuses()
    assert status["text"] == "Posted, never confirmed"
    assert len(status["media"]) == 1


def test_a_timeout_during_an_upload_is_retryable(fake: FakeMastodon) -> None:
    mastodon = channel(fake, timeout_s=0.5)
    fake.delay_next(3, path="/api/v2/media")

    with pytest.raises(PublishError) as caught:
        mastodon.post("hello", media=[MediaItem(png(), "image/png", "alt")])

    assert caught.value.retryable
    assert fake.statuses() == []


def test_a_refused_connection_is_retryable_because_nothing_was_sent() -> None:
    with FakeMastodon(TOKEN) as gone:
        mastodon = channel(gone)
    with pytest.raises(PublishError) as caught:
        mastodon.post("hello")

    assert caught.value.retryable


# -- credentials -------------------------------------------------------------------------------


def test_credentials_parse_from_the_secret_without_showing_the_token() -> None:
    creds = MastodonCredentials.from_json(
        json.dumps({"api_base_url": "https://social.example.gov/", "access_token": "tok-secret"})
    )

    assert creds.api_base_url == "https://social.example.gov"
    assert "tok-secret" not in repr(creds)


def test_a_secret_missing_the_token_is_a_config_error_without_values() -> None:
    with pytest.raises(CredentialsError) as caught:
        MastodonCredentials.from_json(
            json.dumps({"api_base_url": "https://visible.example", "access_token": " "})
        )

    assert "access_token" in str(caught.value)
    assert "visible.example" not in str(caught.value)
    assert isinstance(caught.value, ConfigError)


def test_rate_limit_reset_header_is_an_iso_time(mastodon: MastodonChannel) -> None:
    mastodon.post("hello")

    reset = mastodon._api.ratelimit_reset
    assert reset is not None
    assert time.time() < reset <= time.time() + 301
