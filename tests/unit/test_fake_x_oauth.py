"""The fake X's OAuth 1.0a check, without a socket: it refuses what X refuses, accepts what X accepts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from requests_oauthlib import OAuth1

from local.fakes.oauth1 import OAuthVerifier

NOW = 1_750_000_000.0


@pytest.fixture
def verifier() -> OAuthVerifier:
    return OAuthVerifier(
        consumer_key="ck",
        consumer_secret="cs",
        access_token="42-at",
        access_token_secret="ats",
        clock=lambda: NOW,
    )


def _signed(
    method: str = "POST",
    url: str = "https://api.twitter.com/2/tweets",
    *,
    consumer_secret: str = "cs",
    timestamp: float = NOW,
    nonce: str | None = None,
    **request_kwargs: object,
) -> requests.PreparedRequest:
    extra = {"timestamp": str(int(timestamp))} | ({"nonce": nonce} if nonce else {})
    auth = OAuth1("ck", consumer_secret, "42-at", "ats", **extra)
    return requests.Request(method, url, auth=auth, **request_kwargs).prepare()


def _text(value: str | bytes | None) -> str | None:
    # requests_oauthlib leaves some headers as bytes until they are written to the wire.
    return value.decode() if isinstance(value, bytes) else value


def _verify(verifier: OAuthVerifier, prepared: requests.PreparedRequest) -> str | None:
    parts = urlsplit(str(prepared.url))
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    body = prepared.body if isinstance(prepared.body, bytes) else (prepared.body or "").encode()
    return verifier.verify(
        prepared.method or "GET",
        target,
        authorization=_text(prepared.headers.get("Authorization")),
        content_type=_text(prepared.headers.get("Content-Type")),
        body=body,
    )


def test_a_properly_signed_json_post_is_accepted(verifier: OAuthVerifier) -> None:
    assert _verify(verifier, _signed(json={"text": "hi"})) is None


def test_a_json_body_is_not_part_of_the_signature(verifier: OAuthVerifier) -> None:
    prepared = _signed(json={"text": "hi"})
    prepared.body = b'{"text": "changed"}'

    assert _verify(verifier, prepared) is None


def test_a_changed_form_body_breaks_the_signature(verifier: OAuthVerifier) -> None:
    prepared = _signed(data={"status": "hi"})
    prepared.body = "status=bye"

    assert _verify(verifier, prepared) == "signature mismatch"


def test_a_changed_query_breaks_the_signature(verifier: OAuthVerifier) -> None:
    prepared = _signed("GET", "https://api.twitter.com/2/users/me?user.fields=username")
    prepared.url = "https://api.twitter.com/2/users/me?user.fields=id"

    assert _verify(verifier, prepared) == "signature mismatch"


def test_a_signature_over_another_host_is_rejected(verifier: OAuthVerifier) -> None:
    assert _verify(verifier, _signed(url="http://127.0.0.1:9/2/tweets", json={})) == "signature mismatch"


def test_a_wrong_consumer_secret_is_rejected(verifier: OAuthVerifier) -> None:
    assert _verify(verifier, _signed(consumer_secret="nope", json={})) == "signature mismatch"


def test_an_unknown_consumer_key_is_rejected(verifier: OAuthVerifier) -> None:
    auth = OAuth1("other", "cs", "42-at", "ats", timestamp=str(int(NOW)))
    prepared = requests.Request("POST", "https://api.twitter.com/2/tweets", auth=auth, json={}).prepare()

    assert _verify(verifier, prepared) == "unknown consumer key"


@pytest.mark.parametrize("offset", [-301, 301])
def test_a_timestamp_beyond_five_minutes_is_rejected(verifier: OAuthVerifier, offset: int) -> None:
    reason = _verify(verifier, _signed(timestamp=NOW + offset, json={}))

    assert reason is not None
    assert reason.startswith("timestamp")


def test_a_timestamp_within_five_minutes_is_accepted(verifier: OAuthVerifier) -> None:
    assert _verify(verifier, _signed(timestamp=NOW - 299, json={})) is None


def test_a_nonce_is_accepted_once(verifier: OAuthVerifier) -> None:
    assert _verify(verifier, _signed(nonce="n1", json={})) is None
    assert _verify(verifier, _signed(nonce="n1", json={})) == "nonce already used"


def test_a_request_without_oauth_is_rejected(verifier: OAuthVerifier) -> None:
    reason = verifier.verify("POST", "/2/tweets", authorization="Bearer abc", content_type=None, body=b"")

    assert reason == "no OAuth Authorization header"
