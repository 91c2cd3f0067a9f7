"""A channel's credentials, read from its secret: a JSON object of named, non-empty strings.

Errors name the keys that are wrong, never a value, and a repr shows only the fields a channel marks
as not secret: tracebacks and structured logs print reprs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import ClassVar, Self

from ..domain.errors import ConfigError


@dataclass(frozen=True, repr=False)
class Credentials:
    """Each channel's credentials subclass this with its fields, saying what errors call its secret
    ("the Bluesky secret"), which ConfigError they raise, which fields a repr may show (with none, not
    even the field names appear) and which are base URLs (kept without a trailing slash)."""

    called: ClassVar[str]
    error: ClassVar[type[ConfigError]]
    shown: ClassVar[tuple[str, ...]]
    urls: ClassVar[tuple[str, ...]]

    def __init_subclass__(
        cls,
        *,
        called: str,
        error: type[ConfigError],
        shown: tuple[str, ...] = (),
        urls: tuple[str, ...] = (),
        **kwargs: object,
    ) -> None:
        super().__init_subclass__(**kwargs)
        cls.called, cls.error, cls.shown, cls.urls = called, error, shown, urls

    def __repr__(self) -> str:
        name = type(self).__name__
        if not self.shown:
            return f"{name}(<redacted>)"
        parts = (
            f"{f.name}={getattr(self, f.name)!r}" if f.name in self.shown else f"{f.name}=<redacted>"
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
            raise cls.error(f"{cls.called} is not valid JSON") from None
        if not isinstance(data, dict):
            raise cls.error(f"{cls.called} must be a JSON object")
        keys = [f.name for f in fields(cls)]
        missing = [k for k in keys if not isinstance(data.get(k), str) or not data[k].strip()]
        if missing:
            raise cls.error(f"{cls.called} lacks non-empty string values for: " + ", ".join(missing))
        values = {k: data[k].strip() for k in keys}
        return cls(**cls.tidy(values | {k: values[k].rstrip("/") for k in cls.urls}))

    @classmethod
    def tidy(cls, values: dict[str, str]) -> dict[str, str]:
        """A channel's own normalising of the values, after stripping."""
        return values
