"""A channel's credentials, read from its secret: a JSON object of named, non-empty strings.

Errors name the keys that are wrong, never a value, and a repr shows only the fields a channel marks
as not secret: tracebacks and structured logs print reprs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import ClassVar, Self

from ..domain.errors import ConfigError

# A field's metadata when it is no secret, so a repr shows it; a base URL is kept without a trailing slash.
SHOWN = MappingProxyType({"shown": True})
URL = MappingProxyType({"shown": True, "url": True})


class CredentialsError(ConfigError, ValueError):
    """When a channel's secret is not a JSON object with the non-empty strings its credentials need."""


@dataclass(frozen=True, repr=False)
class Credentials:
    """Each channel's credentials subclass this with their fields, marking with ``SHOWN`` or ``URL`` the
    ones a repr may show (with none, not even the field names appear), and saying what errors call their
    secret ("the Bluesky secret")."""

    called: ClassVar[str]

    def __init_subclass__(cls, *, called: str, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.called = called

    def __repr__(self) -> str:
        name = type(self).__name__
        if not any(f.metadata.get("shown") for f in fields(self)):
            return f"{name}(<redacted>)"
        parts = (
            f"{f.name}={getattr(self, f.name)!r}" if f.metadata.get("shown") else f"{f.name}=<redacted>"
            for f in fields(self)
        )
        return f"{name}({', '.join(parts)})"

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Parse the secret: every field a non-empty string, stripped, then tidied by the channel."""
        try:
            data = json.loads(text)
        except ValueError:
            # ``from None``: JSONDecodeError keeps the whole document on ``.doc``.
            raise CredentialsError(f"{cls.called} is not valid JSON") from None
        if not isinstance(data, dict):
            raise CredentialsError(f"{cls.called} must be a JSON object")
        keys = [f.name for f in fields(cls)]
        missing = [k for k in keys if not isinstance(data.get(k), str) or not data[k].strip()]
        if missing:
            raise CredentialsError(f"{cls.called} lacks non-empty string values for: " + ", ".join(missing))
        values = {k: data[k].strip() for k in keys}
        urls = {f.name: values[f.name].rstrip("/") for f in fields(cls) if f.metadata.get("url")}
        return cls(**cls.tidy(values | urls))

    @classmethod
    def tidy(cls, values: dict[str, str]) -> dict[str, str]:
        """A channel's own normalising of the values, after stripping."""
        return values
