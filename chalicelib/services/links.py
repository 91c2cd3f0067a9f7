"""Issuing and reading the signed links that go out in emails (keys come from SSM Parameter Store)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ..domain.links import LinkClaims, Purpose, SigningKeys, sign, verify
from ..domain.story import Version

PATHS: dict[Purpose, str] = {
    "approve": "a",
    "confirm": "c",
    "revise": "r",
    "override": "o",
    "takedown": "t",
    "describe": "d",
}


class LinkIssuer:
    def __init__(
        self, *, keys: Callable[[], SigningKeys], base_url: str, clock: Callable[[], datetime]
    ) -> None:
        self._keys = keys
        self._base = base_url.rstrip("/")
        self._clock = clock

    @property
    def keys(self) -> SigningKeys:
        return self._keys()

    def issue(
        self, purpose: Purpose, version: Version, *, actor: str, step: int, ttl: timedelta
    ) -> tuple[str, datetime]:
        expires = self._clock() + ttl
        claims = LinkClaims(
            purpose=purpose,
            story_id=version.story_id,
            version=version.number,
            content_hash=version.content_hash[:16],
            actor=actor,
            step=step,
            expires_at=int(expires.timestamp()),
        )
        return f"{self._base}/{PATHS[purpose]}/{sign(claims, self._keys())}", expires

    def read(self, token: str, purpose: Purpose) -> LinkClaims:
        return verify(token, self._keys(), now=self._clock().timestamp(), purpose=purpose)
