"""The one composition root: builds adapters and services lazily, once per container; tests pass fakes."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings
from .definition import QUEUES
from .domain.errors import ConfigError
from .domain.links import SigningKeys
from .observability import MetricUnit, logger, metrics, tracer

# Services are imported where they are built, so each function loads only the ones it uses: the
# check catalogue and the thread splitter (twitter-text) are most of the import time of the app.
if TYPE_CHECKING:
    from .adapters.ports import (
        BlogSite,
        ChannelPoster,
        Counters,
        Mailer,
        Queues,
        RawStore,
        Secrets,
        StoryStore,
        StoryTable,
    )
    from .inspect.model import Inspector
    from .policy.rules import OrgRules
    from .services.base import ServiceParts, StageParts
    from .services.check import CheckService
    from .services.decide import DecideService
    from .services.ingest import IngestService
    from .services.inspect import InspectService
    from .services.limits import RateLimiter
    from .services.links import LinkIssuer
    from .services.notify import NotifyService
    from .services.publish import PublishService
    from .services.schedule import ScheduleService
    from .services.submit import SubmitService
    from .services.takedown import TakedownService

RULES_TTL_S = 60.0


def utc_now() -> datetime:
    return datetime.now(UTC)


class RulesProvider:
    """The organisation's rules, re-read at most once a minute so edits apply without a deploy.

    A broken edit keeps the last good rules in force (and is logged loudly) rather than stopping the
    pipeline; with no good rules at all, the error propagates.
    """

    def __init__(self, read: Callable[[], OrgRules], ttl_s: float = RULES_TTL_S) -> None:
        self._read = read
        self._ttl = ttl_s
        self._rules: OrgRules | None = None
        self._at = 0.0

    def __call__(self) -> OrgRules:
        now = time.monotonic()
        if self._rules is None or now - self._at > self._ttl:
            try:
                self._rules = self._read()
            except ConfigError:
                if self._rules is None:
                    raise
                logger.exception("rules file is invalid; keeping the last good rules")
                metrics.add_metric(name="RulesInvalid", unit=MetricUnit.Count, value=1)
            self._at = now
        return self._rules


class Container:
    """Everything a handler needs; each piece is built on first use and kept for the container's life."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utc_now, **overrides: Any) -> None:
        self.settings = settings
        self.clock = clock
        for name, value in overrides.items():
            setattr(self, name, value)  # tests inject fakes by the property's name

    # --- AWS clients -------------------------------------------------------------------------
    def _client(self, service: str) -> Any:
        tracer()  # patches botocore for X-Ray before the first client exists
        import boto3
        from botocore.config import Config

        cfg = Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=20)
        return boto3.client(service, region_name=self.settings.region, config=cfg)  # type: ignore[call-overload]

    @cached_property
    def s3_client(self) -> Any:
        return self._client("s3")

    # --- adapters ------------------------------------------------------------------------------
    @cached_property
    def raw(self) -> RawStore:
        from .adapters.s3 import S3RawStore

        return S3RawStore(self.s3_client, self.settings.resources.intake_bucket)

    @cached_property
    def stories(self) -> StoryStore:
        from .adapters.s3 import S3StoryStore

        return S3StoryStore(self.s3_client, self.settings.resources.stories_bucket)

    @cached_property
    def table(self) -> StoryTable:
        from .adapters.dynamodb import DynamoStoryTable

        return DynamoStoryTable(self._client("dynamodb"), self.settings.resources.table)

    @cached_property
    def counters(self) -> Counters:
        from .adapters.dynamodb_counters import DynamoCounters

        return DynamoCounters(self._client("dynamodb"), self.settings.resources.table)

    @cached_property
    def mailer(self) -> Mailer:
        from .adapters.ses import SesMailer

        return SesMailer(self._client("sesv2"))

    @cached_property
    def secrets(self) -> Secrets:
        from .adapters.secrets import ParameterStoreSecrets

        return ParameterStoreSecrets(self._client("ssm"))

    @cached_property
    def queues(self) -> Queues:
        from .adapters.sqs import SqsQueues

        res = self.settings.resources
        keys = [q.key for q in QUEUES]
        return SqsQueues(
            self._client("sqs"), {k: res.queue(k) for k in keys} | {f"{k}-dlq": res.dlq(k) for k in keys}
        )

    @cached_property
    def x(self) -> ChannelPoster:
        from .adapters.x import TweepyX, XCredentials

        creds = XCredentials.from_json(self.secrets.get(self.settings.channel_secret("x")))
        return TweepyX.from_credentials(creds, api_base_url=self.settings.x_api_base_url)

    @cached_property
    def mastodon(self) -> ChannelPoster:
        from .adapters.mastodon import MastodonChannel, MastodonCredentials

        creds = MastodonCredentials.from_json(self.secrets.get(self.settings.channel_secret("mastodon")))
        return MastodonChannel.from_credentials(creds)

    @cached_property
    def bluesky(self) -> ChannelPoster:
        from .adapters.bluesky import BlueskyChannel, BlueskyCredentials

        creds = BlueskyCredentials.from_json(self.secrets.get(self.settings.channel_secret("bluesky")))
        return BlueskyChannel.from_credentials(creds)

    @cached_property
    def wordpress(self) -> ChannelPoster:
        from .adapters.wordpress import WordPressChannel, WordPressCredentials

        creds = WordPressCredentials.from_json(self.secrets.get(self.settings.channel_secret("wordpress")))
        return WordPressChannel.from_credentials(creds)

    def channel(self, name: str) -> ChannelPoster:
        """A publishing channel by name (x, mastodon, bluesky, wordpress), built on first use."""
        if name not in ("x", "mastodon", "bluesky", "wordpress"):
            raise ConfigError(f"no channel called {name!r}")
        channel: ChannelPoster = getattr(self, name)
        return channel

    @cached_property
    def blog(self) -> BlogSite:
        from .adapters.blog import StaticBlog

        org = self.rules().organisation
        base_url = org.blog_url or f"{self.settings.public_base_url}/blog/"
        return StaticBlog(
            self.s3_client,
            self.settings.resources.blog_bucket,
            base_url=base_url,
            title=org.blog_title,
            org=org.name,
        )

    @cached_property
    def rules(self) -> Callable[[], OrgRules]:
        # Imported here: pydantic and YAML are a sixth of the app's import time, and pages that
        # fail early (a bad link) never need the rules.
        from .policy.rules import OrgRules, load_rules_file, parse_rules

        source = self.settings.rules_source
        if source.startswith("file:"):
            path = Path(source.removeprefix("file:"))
            return RulesProvider(lambda: load_rules_file(path))
        if source.startswith("s3://"):
            bucket, _, key = source.removeprefix("s3://").partition("/")

            def read() -> OrgRules:
                try:
                    body = self.s3_client.get_object(Bucket=bucket, Key=key)["Body"].read()
                except self.s3_client.exceptions.NoSuchKey:
                    return OrgRules()  # no rules file yet: the defaults
                return parse_rules(body.decode("utf-8"), source=source)

            return RulesProvider(read)
        raise ConfigError(f"RULES_SOURCE must start with file: or s3:// (got {source!r})")

    @cached_property
    def signing_keys(self) -> Callable[[], SigningKeys]:
        return lambda: SigningKeys.from_json(self.secrets.get(self.settings.link_key_secret))

    # --- services ------------------------------------------------------------------------------
    @cached_property
    def links(self) -> LinkIssuer:
        from .services.links import LinkIssuer

        return LinkIssuer(keys=self.signing_keys, base_url=self.settings.public_base_url, clock=self.clock)

    @cached_property
    def limiter(self) -> RateLimiter:
        from .services.limits import RateLimiter

        return RateLimiter(self.counters, self.clock)

    @property
    def _parts(self) -> ServiceParts:
        """What every stage's service is built with (services/base.py)."""
        return {"table": self.table, "rules": self.rules, "clock": self.clock}

    @property
    def _stage_parts(self) -> StageParts:
        """What every pipeline stage's service is built with (services/base.py)."""
        return {"stories": self.stories, "queues": self.queues, **self._parts}

    @cached_property
    def submit(self) -> SubmitService:
        from .services.submit import SubmitService

        return SubmitService(raw=self.raw, limiter=self.limiter, keys=self.signing_keys, **self._parts)

    @cached_property
    def ingest(self) -> IngestService:
        from .services.ingest import IngestService

        return IngestService(
            raw=self.raw,
            trusted_authserv_ids=self.settings.trusted_authserv_ids,
            limiter=self.limiter,
            **self._stage_parts,
        )

    @cached_property
    def checks(self) -> CheckService:
        from .services.check import CheckService

        return CheckService(**self._stage_parts)

    @cached_property
    def inspector(self) -> Inspector:
        # OpenCV and RapidOCR load on the first photo, in the inspect function only.
        from .inspect.embedded import EmbeddedInspector

        return EmbeddedInspector()

    @cached_property
    def inspect(self) -> InspectService:
        from .services.inspect import InspectService

        return InspectService(
            counters=self.counters,
            inspector=self.inspector,
            **self._stage_parts,
        )

    @cached_property
    def notify(self) -> NotifyService:
        from .services.notify import NotifyService

        return NotifyService(
            limiter=self.limiter, stories=self.stories, mailer=self.mailer, links=self.links, **self._parts
        )

    @cached_property
    def decide(self) -> DecideService:
        from .services.decide import DecideService

        return DecideService(
            links=self.links,
            takedown=lambda sid, actor, reason: self.takedown.takedown(sid, actor=actor, reason=reason),
            **self._stage_parts,
        )

    @cached_property
    def takedown(self) -> TakedownService:
        from .services.takedown import TakedownService

        return TakedownService(
            table=self.table, channel=self.channel, blog=lambda: self.blog, clock=self.clock
        )

    @cached_property
    def schedule(self) -> ScheduleService:
        from .services.schedule import ScheduleService

        return ScheduleService(queues=self.queues, **self._parts)

    @cached_property
    def publish(self) -> PublishService:
        from .services.publish import PublishService

        return PublishService(
            channel=self.channel,
            blog=lambda: self.blog,
            counters=self.counters,
            claim_stale_s=self.settings.publish_claim_stale_s,
            **self._stage_parts,
        )


_container: Container | None = None


def container() -> Container:
    global _container  # noqa: PLW0603 - one container per Lambda execution environment, by design
    if _container is None:
        _container = Container(Settings.from_env())
    return _container


def set_container(c: Container | None) -> None:
    """Tests and the local stack install their own container (fakes or moto-backed)."""
    global _container  # noqa: PLW0603
    _container = c
