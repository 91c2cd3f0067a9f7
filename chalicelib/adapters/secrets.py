"""Secret values (X keys, the link-signing key) from Secrets Manager, cached per container.

Powertools' SecretsProvider does the caching; this adapter pins the client and the cache age, turns
binary secrets into text and translates failures into the domain's errors. Values are never logged
and never appear in an error message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from ..domain.errors import ConfigError, Retryable
from .aws_common import error_code

if TYPE_CHECKING:
    from mypy_boto3_secretsmanager import SecretsManagerClient

DEFAULT_MAX_AGE_S = 300
_MISSING = frozenset({"ResourceNotFoundException"})
_NOT_USABLE = frozenset({"DecryptionFailure", "InvalidRequestException", "AccessDeniedException"})
_TRANSIENT = frozenset({"ThrottlingException", "InternalServiceError", "TooManyRequestsException"})


class SecretsManagerSecrets:
    """Secrets over Powertools Parameters; a rotated secret is seen within ``max_age_s``."""

    def __init__(self, client: SecretsManagerClient, *, max_age_s: int = DEFAULT_MAX_AGE_S) -> None:
        from aws_lambda_powertools.utilities.parameters import SecretsProvider

        self._provider = SecretsProvider(boto3_client=client)
        self._max_age_s = max_age_s

    def get(self, name: str) -> str:
        from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

        try:
            value = self._provider.get(name, max_age=self._max_age_s)
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
