"""The one definition of Real Stories' AWS resources, used by the CDK app and by the local stack.

Names, queue wiring and S3 → SQS notification rules live here only, so the cloud and the laptop
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueueDef:
    key: str  # short name used in code: intake, checks, inspect, notify, publish
    max_receive_count: int = 5
    visibility_timeout_s: int = 180
    handler: str = ""  # the Chalice handler function consuming it


@dataclass(frozen=True)
class NotificationDef:
    bucket: str  # key of the bucket
    queue: str  # key of the queue
    prefix: str
    suffix: str = ""


@dataclass(frozen=True)
class Resources:
    """Concrete names for one deployment (a stage)."""

    prefix: str

    @property
    def intake_bucket(self) -> str:
        return self.bucket("intake")

    @property
    def stories_bucket(self) -> str:
        return self.bucket("stories")

    @property
    def blog_bucket(self) -> str:
        return self.bucket("blog")

    @property
    def table(self) -> str:
        return f"{self.prefix}-stories"

    def queue(self, key: str) -> str:
        return f"{self.prefix}-{key}"

    def dlq(self, key: str) -> str:
        return f"{self.prefix}-{key}-dlq"

    def bucket(self, key: str) -> str:
        """The one rule for a bucket's name; a key not in BUCKETS is a KeyError, as for any unknown name."""
        if key not in BUCKETS:
            raise KeyError(key)
        return f"{self.prefix}-{key}"

    def secret(self, key: str) -> str:
        """A secret's SSM parameter name: a path, which Parameter Store wants to start with "/"."""
        return f"/{self.prefix}/{key}"


QUEUES: tuple[QueueDef, ...] = (
    QueueDef("intake", handler="on_intake"),
    QueueDef("checks", handler="on_check"),
    # The photos of a version with photos, between the checks' first look and their verdict.
    QueueDef("inspect", handler="on_inspect"),
    QueueDef("notify", handler="on_notify"),
    QueueDef("publish", handler="on_publish"),
)

BUCKETS: tuple[str, ...] = ("intake", "stories", "blog")

NOTIFICATIONS: tuple[NotificationDef, ...] = (
    NotificationDef(bucket="intake", queue="intake", prefix="raw/"),
    NotificationDef(bucket="stories", queue="checks", prefix="stories/", suffix="/story.json"),
)

# DynamoDB: one table, string keys pk/sk; ttl on "expires_at" for once-only markers.
TABLE_PARTITION_KEY = "pk"
TABLE_SORT_KEY = "sk"
TABLE_TTL_ATTRIBUTE = "expires_at"

# SecureString parameters in SSM Parameter Store (chalicelib/adapters/secrets.py says why not Secrets
# Manager), one a secret so that each function's role names only those it reads. A person sets them.
SECRETS: tuple[str, ...] = (
    "link-signing-key",
    "x-credentials",
    "mastodon-credentials",
    "bluesky-credentials",
    "wordpress-credentials",
)

# --- Deploy-time settings for the CDK app (the local stack uses what moto can emulate) ---------------

# Queue message retention: a DLQ keeps messages as long as SQS allows, so a person has time to look.
QUEUE_RETENTION_S = 4 * 24 * 3600
DLQ_RETENTION_S = 14 * 24 * 3600

# Where submissions land in the intake bucket, and where the organisation's rules file lives.
RAW_PREFIX = "raw/"
EMAIL_PREFIX = "raw/email/"
FORM_PREFIX = "raw/form/"
RULES_KEY = "config/rules.yaml"

# Retention: raw submissions, and every object of a rejected submission (tagged so by the pipeline),
# are deleted after these many days. Both can be changed per deployment with CDK context.
REJECTED_TAG_KEY = "retention"
REJECTED_TAG_VALUE = "rejected"
DEFAULT_RAW_RETENTION_DAYS = 365
DEFAULT_REJECTED_RETENTION_DAYS = 30

# Publishing channels that report Published_<channel> / PublishFailed_<channel> metrics.
CHANNELS: tuple[str, ...] = ("blog", "x", "mastodon", "bluesky", "wordpress")

# Counts that page ops. CloudWatch bills an alarm for every metric it reads, so the handlers also add
# these up into one metric, ATTENTION_METRIC, and one alarm watches that (infra/monitoring.py); the
# dashboard still shows each count. A name ending in "_" stands for every metric it starts (each
# channel's). The sweep reports DeadLetters and ApprovalsOverdue on every run, even when 0, so the
# attention metric is also its heartbeat: the alarm fires when it stops.
PAGED_METRICS: tuple[str, ...] = (
    "PublishFailed_",
    "RulesInvalid",
    "RateLimited",
    "ApprovalsOverdue",
    "DeadLetters",
)
ATTENTION_METRIC = "NeedsAttention"

# The EMF namespace and service dimension the handlers emit (chalicelib/observability.py).
METRICS_NAMESPACE = "RealStories"
METRICS_SERVICE = "real-stories"
