"""The small tree of errors that services raise and handlers translate into retry or park."""

from __future__ import annotations


class RealStoriesError(Exception):
    """When anything in Real Stories fails in a way the code anticipated."""


class Retryable(RealStoriesError):
    """When the failure is transient and the same message should be tried again later."""


class RetryLater(Retryable):
    """When a channel asked us to wait (a rate limit) or an outcome needs time to show: retry later."""

    def __init__(self, reason: str, delay_s: int) -> None:
        super().__init__(reason)
        self.delay_s = max(1, min(int(delay_s), 900))  # SQS delays go up to 15 minutes


class Permanent(RealStoriesError):
    """When retrying cannot help: the input or the state is wrong; park it with a reason."""


class InvalidSubmission(Permanent):
    """When an email or form cannot become a story (malformed, empty, too large)."""

    def __init__(self, reason: str, *, code: str = "invalid") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class SenderNotAuthenticated(Permanent):
    """When a submission's sender fails SPF/DKIM/DMARC or is outside the staff domains."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidAddress(Permanent):
    """When a string is not exactly one plain email address (a list, an encoded word, a display name…)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RateLimited(Permanent):
    """When one address or client has sent more than the organisation allows in an hour."""

    def __init__(self, reason: str, *, retry_after_s: int, first: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_s = retry_after_s
        self.first = first  # the first attempt over the limit in this window (worth one answer)


class BadMessage(Permanent):
    """When a queue message has a shape no stage understands (parked, never retried)."""


class BadForm(Permanent):
    """When a request body cannot be read as a form; the message is fit to show the person."""


class InvalidTransition(Permanent):
    """When a state change is not allowed by the state machine."""


class ConflictError(RealStoriesError):
    """When a conditional write lost a race: somebody else changed the story first."""


class NotFound(Permanent):
    """When a story, version or object does not exist."""


class LinkError(Permanent):
    """When a signed link cannot be honoured; ``kind`` says why, for its own page."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # tampered | expired | superseded | used | wrong-kind


class PublishError(RealStoriesError):
    """When a channel refused or failed a post."""

    def __init__(
        self, channel: str, reason: str, *, retryable: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{channel}: {reason}")
        self.channel = channel
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after


class Parked(Permanent):
    """When a channel refused a story for good, or a post's outcome cannot be known: a person decides."""


class UnknownOutcome(RealStoriesError):
    """When a post may or may not have happened (a crash or timeout after sending); never blindly retried."""


class ConfigError(Permanent):
    """When the organisation's rules file or settings are invalid."""
