"""Signed links for email: HMAC tokens bound to a story version, an actor and a purpose, with expiry.

Hand-written over stdlib ``hmac`` because the format is tiny and must stay stable across key
rotation; a JWT library would add algorithm negotiation that we do not want.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Literal

from .errors import LinkError

Purpose = Literal["approve", "confirm", "revise", "override", "takedown", "describe"]


@dataclass(frozen=True)
class LinkClaims:
    purpose: Purpose
    story_id: str
    version: int
    content_hash: str  # first 16 hex chars of the version's content hash
    actor: str  # who the link was sent to
    step: int
    expires_at: int  # unix seconds


@dataclass(frozen=True)
class SigningKeys:
    """The current key id and every key still accepted (old ones verify until their links expire)."""

    current: str
    keys: Mapping[str, bytes]

    @classmethod
    def from_json(cls, text: str) -> SigningKeys:
        data = json.loads(text)
        if isinstance(data, dict) and "keys" in data:
            keys = {str(k): str(v).encode() for k, v in data["keys"].items()}
            current = str(data["current"])
        else:  # a bare secret string: one key
            keys = {"k1": text.strip().encode()}
            current = "k1"
        if current not in keys or any(len(v) < 32 for v in keys.values()):
            raise ValueError("link-signing key secret must name its current key and keys of ≥32 characters")
        return cls(current=current, keys=keys)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def sign(claims: LinkClaims, keys: SigningKeys) -> str:
    body = _b64(json.dumps({"kid": keys.current, **asdict(claims)}, separators=(",", ":")).encode())
    return f"{body}.{_b64(_mac(keys.keys[keys.current], body.encode()))}"


def verify(token: str, keys: SigningKeys, *, now: float, purpose: Purpose) -> LinkClaims:
    """Return the claims of a genuine, unexpired token for ``purpose``; raise LinkError otherwise."""
    try:
        body, sig = token.split(".", 1)
        payload = json.loads(_unb64(body))
        key = keys.keys[str(payload["kid"])]
        # Compare the encoded strings, not decoded bytes: base64 tolerates changed padding bits, and a
        # link must verify only as it was sent, character for character.
        good = hmac.compare_digest(_b64(_mac(key, body.encode())), sig)
    except (ValueError, KeyError, TypeError, RecursionError) as e:  # deeply nested JSON: RecursionError
        raise LinkError("tampered", "This link is not one we sent.") from e
    if not good:
        raise LinkError("tampered", "This link is not one we sent.")
    payload.pop("kid")
    try:
        claims = LinkClaims(**payload)
    except TypeError as e:
        raise LinkError("tampered", "This link is not one we sent.") from e
    if claims.purpose != purpose:
        raise LinkError("wrong-kind", "This link is for something else.")
    if now > claims.expires_at:
        raise LinkError("expired", "This link has expired.")
    return claims


def form_token(token: str, keys: SigningKeys) -> str:
    """The anti-forgery value a page's form must send back with its POST for this link."""
    return _b64(_mac(keys.keys[keys.current], b"csrf:" + token.encode()))[:32]


def check_form_token(token: str, value: str, keys: SigningKeys) -> bool:
    # Compared as bytes: compare_digest raises TypeError for str with non-ASCII characters, and a
    # forged value is anything a client sends.
    sent = value.encode("utf-8", "surrogatepass")
    return any(
        hmac.compare_digest(
            _b64(_mac(k, b"csrf:" + token.encode("utf-8", "surrogatepass")))[:32].encode(), sent
        )
        for k in keys.keys.values()
    )
