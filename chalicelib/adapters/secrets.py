"""Secret values (channel credentials, the link-signing key) from SSM Parameter Store, cached per container.

Each secret is a SecureString parameter encrypted with the AWS-managed ``aws/ssm`` key: standard
parameters cost nothing to keep or read, where a Secrets Manager secret costs $0.40 a month, and each
stays a parameter of its own, so a function's role names only the ones it needs (the publisher reads
the channels' credentials, never the link-signing key; the web and mail functions the reverse).

Powertools' SSMProvider does the caching; this adapter pins the client and the cache age, asks for
decryption and translates failures into the domain's errors. Values are never logged and never appear
in an error message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from ..domain.errors import ConfigError, Retryable
from .aws_common import error_code

if TYPE_CHECKING:
    from mypy_boto3_ssm import SSMClient

DEFAULT_MAX_AGE_S = 300
_MISSING = frozenset({"ParameterNotFound", "ParameterVersionNotFound"})
_NOT_USABLE = frozenset(
    {
        "AccessDeniedException",
        "InvalidKeyId",
        "KMSAccessDeniedException",
        "KMSDisabledException",
        "KMSInvalidStateException",
        "ValidationException",
    }
)
_TRANSIENT = frozenset({"ThrottlingException", "InternalServerError", "TooManyRequestsException"})


class ParameterStoreSecrets:
    """Secrets over Powertools Parameters; a rotated secret is seen within ``max_age_s``."""

    def __init__(self, client: SSMClient, *, max_age_s: int = DEFAULT_MAX_AGE_S) -> None:
        from aws_lambda_powertools.utilities.parameters import SSMProvider

        self._provider = SSMProvider(boto3_client=client)
        self._max_age_s = max_age_s

    def get(self, name: str) -> str:
        from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

        try:
            value = self._provider.get(name, max_age=self._max_age_s, decrypt=True)
        except GetParameterError as e:
            # Powertools wraps every failure; the SDK's error is the one it was handling.
            cause = e.__cause__ or e.__context__
            if isinstance(cause, ClientError):
                code = error_code(cause)
                if code in _TRANSIENT:
                    raise Retryable(f"secret {name}: {code}") from e
                if code in _MISSING:
                    raise ConfigError(f"secret {name} does not exist") from e
                if code in _NOT_USABLE:
                    raise ConfigError(f"secret {name} cannot be read: {code}") from e
            raise
        if isinstance(value, bytes):
            return value.decode("utf-8")
        if isinstance(value, str):
            return value
        raise ConfigError(f"secret {name} is not text")
