"""Checks of how a post will work on its channel: threads, links and mentions."""

from __future__ import annotations

from ..registry import Registration

# Filled as the family's checks are written; the catalogue runs whatever is registered here.
REGISTRY: tuple[Registration, ...] = ()
