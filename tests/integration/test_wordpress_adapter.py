"""The WordPress adapter's faults that only the fake can make (server errors, rate limits, delays, outages).

What WordPress itself does is checked against both the fake and the real service in
test_wordpress_contract.py.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
import requests
from PIL import Image

from chalicelib.adapters.credentials import CredentialsError
from chalicelib.adapters.wordpress import (
    UploadTimeouts,
    WordPressChannel,
    WordPressCredentials,
)
from chalicelib.domain.errors import ConfigError, PublishError
from chalicelib.domain.story import MediaItem
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


def channel(
    fake: FakeWordPress,
    *,
    password: str = APP_PASSWORD,
    timeout_s: float = 2,
    uploads: UploadTimeouts | None = None,
) -> WordPressChannel:
    creds = WordPressCredentials(base_url=fake.base_url, username=USER, application_password=password)
    return WordPressChannel.from_credentials(creds, timeout_s=timeout_s, uploads=uploads or UploadTimeouts())


@pytest.fixture
def wordpress(fake: FakeWordPress) -> WordPressChannel:
    return channel(fake)


def test_content_is_sanitised_before_it_is_sent(wordpress: WordPressChannel, fake: FakeWordPress) -> None:
    wordpress.publish_story(
        "Title", '<p onclick="steal()">Hello</p><script>alert(1)</script><iframe src="x"></iframe>'
    )

    content = fake.posts()[0]["content"]
    assert content.endswith("<p>Hello</p>")
    assert "script" not in content and "onclick" not in content and "iframe" not in content


def test_a_reply_is_refused_because_wordpress_has_no_threads(wordpress: WordPressChannel) -> None:
    with pytest.raises(PublishError) as caught:
        wordpress.post("part 2", reply_to="101")

    assert not caught.value.retryable


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
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "rest_cannot_create")
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


def test_a_timeout_during_an_upload_is_retryable(fake: FakeWordPress) -> None:
    wordpress = channel(fake, timeout_s=0.5, uploads=UploadTimeouts(base_s=0.5, per_mib_s=0))
    fake.delay_next(3, path="/wp-json/wp/v2/media")

    with pytest.raises(PublishError) as caught:
        wordpress.publish_story("t", "<p>x</p>", media=[MediaItem(png(), "image/png", "a")])

    assert caught.value.retryable
    # The draft stays for the retry to find what WordPress stored after we stopped waiting.
    assert [p["status"] for p in fake.posts()] == ["draft"]
    assert all(m["deleted"] for m in fake.media())


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
    with pytest.raises(CredentialsError) as caught:
        WordPressCredentials.from_json(json.dumps({"base_url": "https://b.example", "username": "bot"}))

    assert "application_password" in str(caught.value)
    assert isinstance(caught.value, ConfigError)
