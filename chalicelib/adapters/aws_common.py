"""What the S3, SQS, SES and SSM adapters share: the one reading of an AWS error's code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import ClientError

from ..domain.errors import Retryable


def error_code(e: ClientError) -> str:
    return str(e.response.get("Error", {}).get("Code", ""))


@contextmanager
def aws_call(
    what: str,
    *,
    transient: frozenset[str],
    missing: frozenset[str] = frozenset(),
    when_missing: Exception | None = None,
) -> Iterator[None]:
    """Around one AWS call: a ``missing`` code raises ``when_missing``, a ``transient`` one raises
    Retryable naming ``what`` and the code, anything else as it came."""
    try:
        yield
    except ClientError as e:
        code = error_code(e)
        if when_missing is not None and code in missing:
            raise when_missing from e
        if code in transient:
            raise Retryable(f"{what}: {code}") from e
        raise
