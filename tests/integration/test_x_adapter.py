"""The X adapter with real tweepy against the fake X on loopback: what it sends, and how it reads failures."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import requests
from requests_oauthlib import OAuth1

from chalicelib.adapters.credentials import CredentialsError
from chalicelib.adapters.x import X_API_ORIGIN, TweepyX, XCredentials, mount_x_transport
from chalicelib.domain.errors import ConfigError, PublishError, UnknownOutcome
from local.fakes.x import FakeX

pytestmark = pytest.mark.integration

CREDS = XCredentials(
    consumer_key="test-consumer-key",
    consumer_secret="test-consumer-secret",
    access_token="1500000000000000001-test-access-token",
    access_token_secret="test-access-token-secret",
)


@pytest.fixture
def fake_x() -> Iterator[FakeX]:
    with FakeX.for_credentials(CREDS) as fake:
        yield fake


@pytest.fixture
def x(fake_x: FakeX) -> TweepyX:
    return TweepyX.from_credentials(CREDS, api_base_url=fake_x.base_url, timeout_s=2)


def _session(fake: FakeX) -> requests.Session:
    session = requests.Session()
    mount_x_transport(session, timeout_s=2, api_base_url=fake.base_url)
    return session


def _oauth(**client_kwargs: str) -> OAuth1:
    return OAuth1(
        CREDS.consumer_key,
        CREDS.consumer_secret,
        CREDS.access_token,
        CREDS.access_token_secret,
        **client_kwargs,
    )


# -- posting ---------------------------------------------------------------------------------


def test_a_post_appears_on_x_with_its_text(x: TweepyX, fake_x: FakeX) -> None:
    result = x.post("Today our ward team helped 40 people home before lunch.")

    [post] = fake_x.posts()
    assert post["id"] == result.post_id
    assert post["text"] == "Today our ward team helped 40 people home before lunch."
    assert post["reply_to"] is None
    assert not post["deleted"]
    assert result.url == f"https://x.com/i/web/status/{result.post_id}"


def test_a_reply_chain_records_what_each_part_replies_to(x: TweepyX, fake_x: FakeX) -> None:
    first = x.post("1/3 A day in the gritting depot.")
    second = x.post("2/3 The lorries go out at 4am.", reply_to=first.post_id)
    third = x.post("3/3 Roads clear by rush hour.", reply_to=second.post_id)

    assert [(p["id"], p["reply_to"]) for p in fake_x.posts()] == [
        (first.post_id, None),
        (second.post_id, first.post_id),
        (third.post_id, second.post_id),
    ]


def test_links_count_as_23_characters_not_their_length(x: TweepyX, fake_x: FakeX) -> None:
    text = "a" * 200 + " https://example.org/" + "p" * 120

    x.post(text)

    assert len(text) > 280
    assert fake_x.posts()[0]["text"] == text


def test_signed_query_parameters_are_verified(x: TweepyX) -> None:
    me = x.client.get_me(user_auth=True, user_fields=["username"])

    assert me.data.id == 1500000000000000001


def test_a_post_is_deleted_and_deleting_again_is_harmless(x: TweepyX, fake_x: FakeX) -> None:
    result = x.post("Withdrawn story")

    x.delete(result.post_id)
    x.delete(result.post_id)

    assert fake_x.posts()[0]["deleted"] is True
    assert json.loads(fake_x.as_json())["posts"][0]["deleted"] is True


# -- authentication --------------------------------------------------------------------------


def test_a_wrong_consumer_secret_is_rejected_and_nothing_is_posted(fake_x: FakeX) -> None:
    wrong = XCredentials(CREDS.consumer_key, "not-the-secret", CREDS.access_token, CREDS.access_token_secret)
    x = TweepyX.from_credentials(wrong, api_base_url=fake_x.base_url, timeout_s=2)

    with pytest.raises(PublishError) as caught:
        x.post("hello")

    assert not caught.value.retryable
    assert caught.value.reason == "X rejected the credentials"
    assert fake_x.posts() == []
    assert fake_x.rejections()[0]["reason"] == "signature mismatch"


def test_an_unknown_access_token_is_rejected(fake_x: FakeX) -> None:
    other = XCredentials(CREDS.consumer_key, CREDS.consumer_secret, "999-other", CREDS.access_token_secret)
    x = TweepyX.from_credentials(other, api_base_url=fake_x.base_url, timeout_s=2)

    with pytest.raises(PublishError, match="rejected the credentials"):
        x.post("hello")

    assert fake_x.rejections()[0]["reason"] == "unknown access token"


def test_a_tampered_form_body_fails_the_signature_check(fake_x: FakeX) -> None:
    session = _session(fake_x)
    honest = requests.Request(
        "POST", X_API_ORIGIN + "/2/tweets", data={"text": "hi"}, auth=_oauth()
    ).prepare()
    tampered = requests.Request(
        "POST", X_API_ORIGIN + "/2/tweets", data={"text": "hi"}, auth=_oauth()
    ).prepare()
    tampered.body = "text=bye"
    tampered.prepare_content_length(tampered.body)

    # The honest form passes the signature check and only then fails on its content type.
    assert session.send(honest).status_code == 400
    response = session.send(tampered)

    assert response.status_code == 401
    assert response.json() == {
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized",
    }
    assert fake_x.rejections()[-1]["reason"] == "signature mismatch"


def test_a_replayed_request_is_rejected_for_its_nonce(fake_x: FakeX) -> None:
    session = _session(fake_x)
    signed = requests.Request(
        "POST", X_API_ORIGIN + "/2/tweets", json={"text": "once"}, auth=_oauth()
    ).prepare()

    assert session.send(signed).status_code == 201
    assert session.send(signed).status_code == 401
    assert len(fake_x.posts()) == 1
    assert fake_x.rejections()[0]["reason"] == "nonce already used"


@pytest.mark.parametrize("skew_s", [-301, 301])
def test_a_timestamp_more_than_five_minutes_off_is_rejected(fake_x: FakeX, skew_s: int) -> None:
    auth = _oauth(timestamp=str(int(time.time()) + skew_s))
    request = requests.Request("POST", X_API_ORIGIN + "/2/tweets", json={"text": "late"}, auth=auth).prepare()

    assert _session(fake_x).send(request).status_code == 401
    assert fake_x.posts() == []


# -- X refusing ------------------------------------------------------------------------------


def test_a_rate_limited_post_is_retried_after_the_reset(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.fail_next(429, headers={"x-rate-limit-reset": str(int(time.time()) + 42)})

    with pytest.raises(PublishError) as caught:
        x.post("hello")

    assert caught.value.retryable
    assert caught.value.retry_after == pytest.approx(42, abs=2)
    assert fake_x.posts() == []


def test_the_fakes_own_rate_window_runs_out() -> None:
    with FakeX.for_credentials(CREDS, rate_limit=1) as limited:
        x = TweepyX.from_credentials(CREDS, api_base_url=limited.base_url, timeout_s=2)
        x.post("first")

        with pytest.raises(PublishError) as caught:
            x.post("second")

    assert caught.value.retryable
    assert caught.value.retry_after == pytest.approx(900, abs=5)


def test_a_server_error_is_retryable(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.fail_next(503)

    with pytest.raises(PublishError) as caught:
        x.post("hello")

    assert caught.value.retryable
    assert x.post("hello").post_id == fake_x.posts()[0]["id"]


def test_x_being_down_is_retryable_until_it_comes_back(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.down()
    with pytest.raises(PublishError) as caught:
        x.post("hello")
    assert caught.value.retryable

    fake_x.up()
    x.post("hello")
    assert len(fake_x.posts()) == 1


def test_a_duplicate_is_permanent_with_xs_reason(x: TweepyX, fake_x: FakeX) -> None:
    x.post("Same words twice")

    with pytest.raises(PublishError) as caught:
        x.post("Same words twice")

    assert not caught.value.retryable
    assert caught.value.reason == "You are not allowed to create a Tweet with duplicate content."
    assert len(fake_x.posts()) == 1


def test_text_too_long_by_weighted_count_is_permanent(x: TweepyX, fake_x: FakeX) -> None:
    with pytest.raises(PublishError) as caught:
        x.post("界" * 141)  # 141 characters, weighted 282

    assert not caught.value.retryable
    assert caught.value.reason == "Your Tweet text is too long."
    assert fake_x.posts() == []


def test_a_reply_to_an_unknown_post_is_permanent(x: TweepyX, fake_x: FakeX) -> None:
    with pytest.raises(PublishError) as caught:
        x.post("a reply to nothing", reply_to="1234567890")

    assert not caught.value.retryable
    assert "deleted or not visible" in caught.value.reason
    assert fake_x.posts() == []


# -- outcomes the client cannot know ---------------------------------------------------------


def test_a_read_timeout_after_x_accepted_is_an_unknown_outcome(fake_x: FakeX) -> None:
    x = TweepyX.from_credentials(CREDS, api_base_url=fake_x.base_url, timeout_s=0.5)
    fake_x.delay_next(5)

    with pytest.raises(UnknownOutcome):
        x.post("Posted, but we never heard back")

    assert [p["text"] for p in fake_x.posts()] == ["Posted, but we never heard back"]


def test_a_connection_dropped_without_an_answer_is_an_unknown_outcome(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.delay_next(0, after_accept=False)

    with pytest.raises(UnknownOutcome):
        x.post("Lost in transit")

    assert fake_x.posts() == []


def test_a_success_without_a_readable_body_is_an_unknown_outcome(x: TweepyX, fake_x: FakeX) -> None:
    fake_x.fail_next(201, body="<html>proxy page</html>")

    with pytest.raises(UnknownOutcome):
        x.post("hello")


def test_a_refused_connection_is_retryable_because_nothing_was_sent() -> None:
    with FakeX.for_credentials(CREDS) as fake:
        base_url = fake.base_url
    x = TweepyX.from_credentials(CREDS, api_base_url=base_url, timeout_s=2)

    with pytest.raises(PublishError) as caught:
        x.post("hello")

    assert caught.value.retryable


# -- credentials -----------------------------------------------------------------------------


def test_credentials_parse_from_the_secret_json() -> None:
    text = json.dumps({f: f"value-of-{f}" for f in XCredentials.__dataclass_fields__} | {"note": "ignored"})

    creds = XCredentials.from_json(text)

    assert creds.consumer_secret == "value-of-consumer_secret"
    assert "value-of" not in repr(creds)


def test_missing_credentials_are_named_without_echoing_values() -> None:
    text = json.dumps({"consumer_key": "ck-visible?", "consumer_secret": "cs-visible?", "access_token": ""})

    with pytest.raises(CredentialsError) as caught:
        XCredentials.from_json(text)

    message = str(caught.value)
    assert "access_token" in message
    assert "access_token_secret" in message
    assert "consumer_key" not in message
    assert "visible?" not in message
    assert isinstance(caught.value, ConfigError)
    assert isinstance(caught.value, ValueError)


def test_a_secret_that_is_not_json_is_a_config_error_without_its_text() -> None:
    with pytest.raises(CredentialsError) as caught:
        XCredentials.from_json("consumer_secret=hunter2")

    assert "hunter2" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_a_post_whose_answer_was_lost_is_found_again_by_its_text(fake_x: FakeX, x: TweepyX) -> None:
    fake_x.delay_next(1.0, after_accept=True)
    slow = TweepyX.from_credentials(CREDS, api_base_url=fake_x.base_url, timeout_s=0.3)
    with pytest.raises(UnknownOutcome):
        slow.post("The canal path is clear again.")
    found = x.find_recent("The canal path is clear again.")
    assert found is not None
    assert found.post_id == fake_x.posts()[-1]["id"]
    assert x.find_recent("Never posted.") is None
