"""Settings from the environment: resource names, URLs and flags. Never secret values."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .definition import Resources


@dataclass(frozen=True)
class Settings:
    """What every function reads from its environment (set per stage in .chalice/config.json)."""

    prefix: str  # RESOURCE_PREFIX: every resource's name starts with it (see definition.py)
    region: str  # AWS_REGION
    public_base_url: str  # PUBLIC_BASE_URL: where approval links and the form point
    rules_source: str  # RULES_SOURCE: s3://bucket/key, or file:path in the local stack
    x_api_base_url: str | None  # X_API_BASE_URL: only the local stack's fake X sets it
    trusted_authserv_ids: tuple[str, ...]  # TRUSTED_AUTHSERV_IDS: whose Authentication-Results count
    # How old a publish claim must be before another delivery may take it over: longer than the
    # publish function can run, so no call can still be in flight (the local stack may shorten it).
    publish_claim_stale_s: float = 180.0

    @property
    def resources(self) -> Resources:
        return Resources(self.prefix)

    @property
    def link_key_secret(self) -> str:
        return self.resources.secret("link-signing-key")

    def channel_secret(self, channel: str) -> str:
        """The secret holding a publishing channel's credentials (x, mastodon, bluesky, wordpress)."""
        return self.resources.secret(f"{channel}-credentials")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        prefix = e.get("RESOURCE_PREFIX", "real-stories-dev")
        return cls(
            prefix=prefix,
            public_base_url=e.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            # default: rules.yaml in the intake bucket
            rules_source=e.get("RULES_SOURCE", f"s3://{prefix}-intake/config/rules.yaml"),
            trusted_authserv_ids=tuple(
                s.strip() for s in e.get("TRUSTED_AUTHSERV_IDS", "amazonses.com").split(",") if s.strip()
            ),
            x_api_base_url=e.get("X_API_BASE_URL") or None,
            region=e.get("AWS_REGION", e.get("AWS_DEFAULT_REGION", "eu-west-2")),
            publish_claim_stale_s=float(e.get("PUBLISH_CLAIM_STALE_S", "180")),
        )
