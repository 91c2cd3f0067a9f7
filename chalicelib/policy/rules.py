"""The organisation's rules file: who may submit and approve, allow-lists, channels and check settings.

Everything organisation-specific is configuration, validated here with clear errors, so that a comms
officer can change the rules without a deploy.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..domain.addresses import address_text
from ..domain.errors import ConfigError, InvalidAddress


def _one_address(value: str) -> str:
    """An address the system will send mail to: exactly one plain address, or the rules are invalid."""
    try:
        return address_text(value)
    except InvalidAddress as e:
        raise ValueError(f"{value!r}: {e.reason}") from e


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Model):
    name: str = "Example Borough Council"
    domain: str = "example.gov.uk"
    staff_domains: tuple[str, ...] = ("example.gov.uk",)
    submission_address: str = "stories@example.gov.uk"
    sender_address: str = "stories@example.gov.uk"
    blog_title: str = "Real stories from Example Borough Council"
    blog_url: str = ""  # empty: the blog is served beside the app, at <public base URL>/blog/

    @field_validator("staff_domains")
    @classmethod
    def _lower(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("list at least one staff domain")
        return tuple(d.strip().lower() for d in v)

    @field_validator("submission_address", "sender_address")
    @classmethod
    def _address(cls, v: str) -> str:
        return _one_address(v)


class ApprovalStep(_Model):
    name: str
    approvers: tuple[str, ...]
    mode: Literal["any", "all"] = "any"
    # Who is asked instead when the step's approvers let it expire; empty: the story expires.
    escalate_to: tuple[str, ...] = ()

    @field_validator("approvers")
    @classmethod
    def _nonempty(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("a step needs at least one approver")
        return tuple(_one_address(a) for a in v)

    @field_validator("escalate_to")
    @classmethod
    def _escalate(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_address(a) for a in v)


class Route(_Model):
    """An extra approval step for some stories: by a finding (a WARN on POL-MEMBER adds the monitoring
    officer) or by who sent it (a team's addresses, or ``@domain``)."""

    when_findings: tuple[str, ...] = ()
    when_submitters: tuple[str, ...] = ()
    step: ApprovalStep


class Approval(_Model):
    steps: tuple[ApprovalStep, ...] = (ApprovalStep(name="comms", approvers=("comms@example.gov.uk",)),)
    routes: tuple[Route, ...] = ()
    # Who may send a story blocked by the checks to approval anyway; empty: the last step's approvers.
    override_by: tuple[str, ...] = ()
    link_ttl_hours: float = Field(default=72, gt=0)
    remind_after_hours: float = Field(default=24, gt=0)
    expire_after_hours: float = Field(default=72, gt=0)

    @field_validator("override_by")
    @classmethod
    def _override(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_address(a) for a in v)

    @model_validator(mode="after")
    def _sane(self) -> Approval:
        if not self.steps:
            raise ValueError("approval needs at least one step")
        if self.expire_after_hours <= self.remind_after_hours:
            raise ValueError("expire_after_hours must be longer than remind_after_hours")
        return self


class AllowLists(_Model):
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    link_domains: tuple[str, ...] = ()
    # Words that mark an address at the organisation's domain as a team inbox, not a person
    # ("bincollections@"), on top of the built-in list of service words.
    inbox_words: tuple[str, ...] = ()
    # Places, venues and organisations whose names look like a person's ("Florence Nightingale
    # House", "Grace Road"), so that the name checks let them pass.
    places: tuple[str, ...] = ()
    # The organisation's own addresses, which may be published ("1 Town Hall Square").
    sites: tuple[str, ...] = ()


class ElectionWindow(_Model):
    """A pre-election period ("purdah"): from the notice of election to polling day, inclusive."""

    name: str
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> ElectionWindow:
        if self.end < self.start:
            raise ValueError(f"window {self.name!r} ends before it starts")
        return self


class Politics(_Model):
    windows: tuple[ElectionWindow, ...] = ()
    # Councillors, MPs, mayors and candidates, as written in stories ("Cllr Jane Smith", "Jane Smith").
    members: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()  # added to the built-in list of UK parties
    controversial_topics: tuple[str, ...] = ()
    consultations: tuple[str, ...] = ()
    # Time zone the windows' dates are read in: a window ends at midnight where the election is held.
    time_zone: str = "Europe/London"


class Channel(_Model):
    enabled: bool = True
    threads: bool = False


class XChannel(Channel):
    """X charges for every post (a post with a link in it thirteen times as much): a monthly budget in
    US dollars, when set, stops X posting with a clear reason once publishing a story would pass it."""

    monthly_budget_usd: float | None = Field(default=None, ge=0)


class ThreadedChannel(Channel):
    """Mastodon and Bluesky: off until configured; long stories become threads there by default."""

    enabled: bool = False
    threads: bool = True


class BlogChannel(_Model):
    enabled: bool = True
    # static: pages in the blog bucket (CloudFront in AWS); wordpress: posts through its REST API
    target: Literal["static", "wordpress"] = "static"


class Channels(_Model):
    x: XChannel = XChannel()
    mastodon: ThreadedChannel = ThreadedChannel()
    bluesky: ThreadedChannel = ThreadedChannel()
    blog: BlogChannel = BlogChannel()


class Checks(_Model):
    severities: dict[str, Literal["BLOCK", "WARN", "OFF"]] = Field(default_factory=dict)


class Words(_Model):
    """The organisation's additions to the built-in word lists the tone and plain-English checks use.

    Matched as whole words, ignoring case.
    """

    profanity: tuple[str, ...] = ()  # blocked on top of the built-in list
    # Words and names that contain or look like a rude word but are fine here: local place names,
    # surnames ("Twatt", "Cockburn"); added to the built-in list.
    allowed: tuple[str, ...] = ()
    insults: tuple[str, ...] = ()  # words that insult a person or group, on top of the built-in list
    jargon: tuple[str, ...] = ()  # words to avoid, on top of the GDS list
    # Acronyms readers know without explanation, on top of the built-in ones (NHS, GP, MOT …).
    acronyms: tuple[str, ...] = ()


_DATA = Path(__file__).resolve().parent / "data"


@cache
def builtin_list(name: str) -> tuple[str, ...]:
    """A built-in word list from ``policy/data``: one entry a line, ``#`` starts a comment; read once."""
    lines = (
        line.split("#", 1)[0].strip() for line in (_DATA / name).read_text(encoding="utf-8").splitlines()
    )
    return tuple(line for line in lines if line)


class Thresholds(_Model):
    """Limits for the accessibility checks, from GCS "Accessible by default" and GDS content design."""

    reading_age: float = Field(default=12, gt=0)
    sentence_words: int = Field(default=25, gt=0)
    capital_words: int = Field(default=3, gt=1)  # this many words in capitals in a row is shouting
    max_hashtags: int = Field(default=2, ge=0)
    max_emoji: int = Field(default=3, ge=0)
    alt_text_chars: int = Field(default=1000, gt=0)


class Limits(_Model):
    """How much one person or one client may send in an hour, so the form cannot be made into a relay
    that mails an inbox hundreds of times from the organisation's own address."""

    form_per_address_per_hour: int = Field(default=10, ge=1)
    form_per_client_per_hour: int = Field(default=60, ge=1)
    confirmations_per_address_per_hour: int = Field(default=10, ge=1)
    email_per_sender_per_hour: int = Field(default=20, ge=1)


class EmailIntake(_Model):
    """What the organisation's own mail system adds to every message, to be taken off a story."""

    # The organisation's disclaimer or footer, as its mail system appends it: the text from its first
    # words to the end of the message is not the story.
    disclaimers: tuple[str, ...] = ()


class OrgRules(_Model):
    """The whole rules file."""

    organisation: Organisation = Organisation()
    approval: Approval = Approval()
    allow: AllowLists = AllowLists()
    politics: Politics = Politics()
    channels: Channels = Channels()
    checks: Checks = Checks()
    words: Words = Words()
    thresholds: Thresholds = Thresholds()
    limits: Limits = Limits()
    email: EmailIntake = EmailIntake()


def parse_rules(text: str, *, source: str = "rules") -> OrgRules:
    """Parse and validate a rules file; every problem is named with where it is."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{source}: not valid YAML: {e}") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the top level must be a mapping of sections")
    try:
        return OrgRules.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors())
        raise ConfigError(f"{source}: {problems}") from e


def load_rules_file(path: Path) -> OrgRules:
    return parse_rules(path.read_text(encoding="utf-8"), source=str(path.name))
