"""What every DynamoDB adapter shares: attribute-value conversion and the one reading of its errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from ..domain.errors import Retryable
from .aws_common import error_code as _code

_THROTTLED = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TransactionConflictException",
    }
)
# Cancellation reason codes inside TransactionCanceledException that mean "try again later".
_TRANSIENT_REASONS = frozenset(
    {"ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded", "TransactionConflict"}
)

_SER = TypeSerializer()
_DESER = TypeDeserializer()


class ConditionFailed(Exception):
    """A write's condition did not hold: a plain conditional write's, or one inside a transaction."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(at: datetime) -> str:
    return at.isoformat()


def ser(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _SER.serialize(v) for k, v in item.items()}


def deser(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _DESER.deserialize(v) for k, v in item.items()}


def _cancel_codes(e: ClientError) -> list[str]:
    reasons: Any = e.response.get("CancellationReasons", [])
    return [str(r.get("Code", "None")) for r in reasons]


def _transient(e: ClientError) -> Retryable | None:
    code = _code(e)
    if code in _THROTTLED:
        return Retryable(f"dynamodb: {code}")
    if code == "TransactionCanceledException":
        codes = _cancel_codes(e)
        if "ConditionalCheckFailed" not in codes and _TRANSIENT_REASONS.intersection(codes):
            return Retryable(f"dynamodb transaction cancelled: {codes}")
    return None


def _condition_failed(e: ClientError) -> bool:
    code = _code(e)
    if code == "ConditionalCheckFailedException":
        return True
    if code != "TransactionCanceledException":
        return False
    codes = _cancel_codes(e)
    # Our transactions set one condition (on the story item): without reasons, it is the one that failed.
    return not codes or "ConditionalCheckFailed" in codes


@contextmanager
def dynamodb_call() -> Iterator[None]:
    """Around every DynamoDB call: throttling and transient cancellations raise Retryable, a failed
    condition raises ConditionFailed (for the caller to say what it means), anything else as it came."""
    try:
        yield
    except ClientError as e:
        if (retry := _transient(e)) is not None:
            raise retry from e
        if _condition_failed(e):
            raise ConditionFailed(_code(e)) from e
        raise
