"""Accessibility checks: hashtags, emoji, fake fonts, alt text, reading age and jargon."""

from __future__ import annotations

from ..registry import Registration

# Filled as the family's checks are written; the catalogue runs whatever is registered here.
REGISTRY: tuple[Registration, ...] = ()
