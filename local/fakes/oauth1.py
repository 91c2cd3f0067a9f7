"""An OAuth 1.0a HMAC-SHA1 verifier that refuses what X refuses, for the fake X and its unit tests."""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

from .http_fake import FORM

X_API_ORIGIN = "https://api.twitter.com"
# X answers on both hosts; tweepy signs for api.twitter.com, our own media calls for api.x.com.
X_ORIGINS = frozenset({X_API_ORIGIN, "https://api.x.com"})
# Set by the adapter's transport when it sends a request to a fake instead of X: the origin it signed.
SIGNED_ORIGIN_HEADER = "X-Signed-Origin"


class OAuthKeys(Protocol):
    """Anything carrying the four OAuth 1.0a values, such as ``XCredentials``."""

    @property
    def consumer_key(self) -> str: ...
    @property
    def consumer_secret(self) -> str: ...
    @property
    def access_token(self) -> str: ...
    @property
    def access_token_secret(self) -> str: ...


@dataclass(frozen=True)
class _SignedRequest:
    """The four attributes oauthlib's ``verify_hmac_sha1`` reads from a request."""

    uri: str
    http_method: str
    params: list[tuple[str, str]]
    signature: str


class OAuthVerifier:
    """Checks an OAuth 1.0a HMAC-SHA1 request the way X does; thread-safe.

    oauthlib's ``ResourceEndpoint`` could drive this, but its ``RequestValidator`` imposes
    key lengths and character sets that test keys do not meet and reports only valid/invalid;
    the fake wants each of X's checks explicit and the reason in its log. The cryptography
    (parameter collection, normalisation, base string, HMAC) is oauthlib's own.
    """

    def __init__(
        self,
        *,
        consumer_key: str,
        consumer_secret: str,
        access_token: str,
        access_token_secret: str,
        max_skew_s: float = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self._access_token = access_token
        self._access_token_secret = access_token_secret
        self._max_skew_s = max_skew_s
        self._clock = clock
        self._lock = threading.Lock()
        self._nonces: dict[tuple[str, str], float] = {}

    def verify(
        self,
        method: str,
        target: str,
        *,
        authorization: str | None,
        content_type: str | None,
        body: bytes,
        signed_origin: str | None = None,
    ) -> str | None:
        """Return None when the request is properly signed, else why it is not.

        ``target`` is the request line's path and query; the signature is checked against
        ``https://api.twitter.com`` + target because that is the URL the client signed.
        """
        if not authorization or authorization[:6].lower() != "oauth ":
            return "no OAuth Authorization header"
        try:
            oauth = dict(oauth_utils.parse_authorization_header(authorization))
        except ValueError:
            return "malformed Authorization header"
        oauth = {k: oauth_utils.unescape(v) for k, v in oauth.items()}
        required = ("oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp")
        missing = [k for k in (*required, "oauth_nonce", "oauth_signature") if not oauth.get(k)]
        if missing:
            return "missing " + ", ".join(missing)
        if oauth["oauth_signature_method"] != "HMAC-SHA1":
            return "unsupported signature method"
        if oauth.get("oauth_version", "1.0") != "1.0":
            return "unsupported OAuth version"
        if not hmac.compare_digest(oauth["oauth_consumer_key"], self._consumer_key):
            return "unknown consumer key"
        if not hmac.compare_digest(oauth["oauth_token"], self._access_token):
            return "unknown access token"
        try:
            timestamp = int(oauth["oauth_timestamp"])
        except ValueError:
            return "timestamp is not an integer"
        now = self._clock()
        if abs(now - timestamp) > self._max_skew_s:
            return f"timestamp is {now - timestamp:+.0f} s away from the server clock"

        query = urlsplit(target).query
        path = urlsplit(target).path
        is_form = (content_type or "").split(";")[0].strip().lower() == FORM
        # RFC 5849 3.4.1.3.1: only a form-encoded body is signed; X ignores JSON bodies.
        form_body = body.decode("utf-8", "replace") if is_form and body else None
        try:
            params = oauth_signature.collect_parameters(
                uri_query=query,
                body=form_body,
                headers={"Authorization": authorization},
                exclude_oauth_signature=True,
            )
            request = _SignedRequest(
                uri=(signed_origin if signed_origin in X_ORIGINS else X_API_ORIGIN) + path,
                http_method=method.upper(),
                params=params,
                signature=oauth["oauth_signature"],
            )
            valid = oauth_signature.verify_hmac_sha1(
                request, self._consumer_secret, self._access_token_secret
            )
        except ValueError:
            return "request cannot be normalised for signing"
        if not valid:
            return "signature mismatch"

        key = (oauth["oauth_nonce"], oauth["oauth_timestamp"])
        with self._lock:
            for old, seen_at in list(self._nonces.items()):
                if seen_at < now - 2 * self._max_skew_s:
                    del self._nonces[old]
            if key in self._nonces:
                return "nonce already used"
            self._nonces[key] = now
        return None
