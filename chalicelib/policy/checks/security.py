"""Checks that protect places and people: door and alarm codes, passwords, and vulnerable locations."""

from __future__ import annotations

from ..registry import Registration

# Filled as the family's checks are written; the catalogue runs whatever is registered here.
REGISTRY: tuple[Registration, ...] = ()
