"""The WordPress adapter over requests against the fake WordPress REST API on loopback."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
import requests
from PIL import Image

from chalicelib.adapters.ports import MediaItem
from chalicelib.adapters.wordpress import WordPressChannel, WordPressCredentials, WordPressCredentialsError
from chalicelib.domain.errors import ConfigError, PublishError, UnknownOutcome
from local.fakes.wordpress import FakeWordPress

pytestmark = pytest.mark.integration

USER = "comms-bot"
APP_PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 90, 200)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeWordPress]:
    with FakeWordPress(USER, APP_PASSWORD) as server:
        yield server


def channel(fake: FakeWordPress, *, password: str = APP_PASSWORD, timeout_s: float = 2) -> WordPressChannel:
    creds = WordPressCredentials(base_url=fake.base_url, username=USER, application_password=password)
    return WordPressChannel.from_credentials(creds, timeout_s=timeout_s)


@pytest.fixture
def wordpress(fake: FakeWordPress) -> WordPressChannel:
    return channel(fake)


def test_a_story_with_two_images_is_published_with_alt_text(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    result = wordpress.publish_story(
        "A morning at the food bank",
        "<p>We packed <strong>400</strong> parcels.</p>",
        media=[
            MediaItem(png(), "image/png", "Volunteers packing boxes", "packing.png"),
            MediaItem(png(), "image/png", 'Shelves of tins, "neatly" stacked'),
        ],
    )

    [post] = fake.posts()
    assert str(post["id"]) == result.post_id
    assert result.url == f"{fake.base_url}/?p={post['id']}"
    assert post["status"] == "publish"
    assert post["title"] == "A morning at the food bank"
    media = fake.media()
    assert [m["alt_text"] for m in media] == ["Volunteers packing boxes", 'Shelves of tins, "neatly" stacked']
    assert [m["filename"] for m in media] == ["packing.png", "image.png"]
    assert post["featured_media"] == media[0]["id"]
    assert post["content"].startswith("<p>We packed <strong>400</strong> parcels.</p><figure><img src=")
    assert 'alt="Shelves of tins, &quot;neatly&quot; stacked"' in post["content"]
    assert all(m["post"] == post["id"] for m in media)


def test_content_is_sanitised_before_it_is_sent(wordpress: WordPressChannel, fake: FakeWordPress) -> None:
    wordpress.publish_story(
        "Title", '<p onclick="steal()">Hello</p><script>alert(1)</script><iframe src="x"></iframe>'
    )

    assert fake.posts()[0]["content"] == "<p>Hello</p>"


def test_the_channel_poster_shape_turns_text_into_paragraphs(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    wordpress.post("Bins on Tuesday\n\nCollections move <for> the holiday.")

    [post] = fake.posts()
    assert post["title"] == "Bins on Tuesday"
    assert post["content"] == "<p>Bins on Tuesday</p><p>Collections move &lt;for&gt; the holiday.</p>"


def test_a_reply_is_refused_because_wordpress_has_no_threads(wordpress: WordPressChannel) -> None:
    with pytest.raises(PublishError) as caught:
        wordpress.post("part 2", reply_to="101")

    assert not caught.value.retryable


def test_delete_removes_the_post_and_its_images_and_can_repeat(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    result = wordpress.publish_story("Gone", "<p>x</p>", media=[MediaItem(png(), "image/png", "a photo")])

    wordpress.delete(result.post_id)
    wordpress.delete(result.post_id)

    assert fake.posts()[0]["deleted"] is True
    assert fake.media()[0]["deleted"] is True


# -- WordPress refusing ------------------------------------------------------------------------


def test_a_wrong_application_password_is_not_retryable(fake: FakeWordPress) -> None:
    with pytest.raises(PublishError) as caught:
        channel(fake, password="wrong pass").publish_story("t", "<p>x</p>")

    assert not caught.value.retryable
    assert caught.value.reason == "WordPress rejected the application password"
    assert "wrong pass" not in str(caught.value)
    assert fake.posts() == []


def test_a_file_type_wordpress_refuses_with_500_is_still_permanent(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>", media=[MediaItem(b"<svg/>", "image/svg+xml", "drawing")])

    assert not caught.value.retryable
    assert caught.value.reason.startswith("rest_upload_sideload_error")
    assert fake.posts() == []


def test_the_fake_checks_required_fields_and_statuses(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    session = wordpress._session
    api = fake.base_url + "/wp-json/wp/v2"

    bad_status = session.post(api + "/posts", json={"title": "t", "status": "live"}, timeout=2)
    empty = session.post(api + "/posts", json={"status": "publish"}, timeout=2)
    no_filename = session.post(api + "/media", data=png(), headers={"Content-Type": "image/png"}, timeout=2)
    missing = session.delete(api + "/posts/999?force=true", timeout=2)
    anonymous = requests.post(api + "/posts", json={"title": "t"}, timeout=2)

    assert (bad_status.status_code, bad_status.json()["code"]) == (400, "rest_invalid_param")
    assert (empty.status_code, empty.json()["code"]) == (400, "empty_content")
    assert (no_filename.status_code, no_filename.json()["code"]) == (
        400,
        "rest_upload_no_content_disposition",
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "rest_post_invalid_id")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "rest_not_logged_in")
    assert fake.posts() == []


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_retryable(wordpress: WordPressChannel, fake: FakeWordPress, status: int) -> None:
    fake.fail_next(status, path="/wp-json/wp/v2/posts")

    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>")

    assert caught.value.retryable
    assert fake.posts() == []


def test_a_rate_limit_is_retryable_after_retry_after(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    fake.fail_next(
        429, headers={"Retry-After": "120"}, body={"code": "too_many_requests", "message": "Slow down"}
    )

    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>")

    assert caught.value.retryable
    assert caught.value.retry_after == 120


def test_wordpress_being_down_is_retryable_until_it_comes_back(
    wordpress: WordPressChannel, fake: FakeWordPress
) -> None:
    fake.down()
    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>", media=[MediaItem(png(), "image/png", "alt")])
    assert caught.value.retryable

    fake.up()
    wordpress.publish_story("t", "<p>x</p>")
    assert len(fake.posts()) == 1


def test_a_timeout_after_wordpress_accepted_is_an_unknown_outcome(fake: FakeWordPress) -> None:
    wordpress = channel(fake, timeout_s=0.5)
    fake.delay_next(3, path="/wp-json/wp/v2/posts")

    with pytest.raises(UnknownOutcome):
        wordpress.publish_story(
            "Published, never confirmed", "<p>x</p>", media=[MediaItem(png(), "image/png", "a")]
        )

    [post] = fake.posts()
    assert post["title"] == "Published, never confirmed"
    assert post["featured_media"] == fake.media()[0]["id"]


def test_a_timeout_during_an_upload_is_retryable(fake: FakeWordPress) -> None:
    wordpress = channel(fake, timeout_s=0.5)
    fake.delay_next(3, path="/wp-json/wp/v2/media")

    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>", media=[MediaItem(png(), "image/png", "a")])

    assert caught.value.retryable
    assert fake.posts() == []


def test_a_refused_connection_is_retryable() -> None:
    with FakeWordPress(USER, APP_PASSWORD) as gone:
        wordpress = channel(gone)
    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>")

    assert caught.value.retryable


# -- credentials -------------------------------------------------------------------------------


def test_credentials_parse_from_the_secret_without_showing_the_password() -> None:
    creds = WordPressCredentials.from_json(
        json.dumps(
            {"base_url": "https://blog.example.gov/", "username": "bot", "application_password": "pw secret"}
        )
    )

    assert creds.base_url == "https://blog.example.gov"
    assert "pw secret" not in repr(creds)
    assert "pw secret" not in repr(WordPressChannel.from_credentials(creds))


def test_a_secret_without_a_password_is_a_config_error() -> None:
    with pytest.raises(WordPressCredentialsError) as caught:
        WordPressCredentials.from_json(json.dumps({"base_url": "https://b.example", "username": "bot"}))

    assert "application_password" in str(caught.value)
    assert isinstance(caught.value, ConfigError)
