"""Checks for political neutrality: party promotion, members named in the pre-election period, controversy."""

from __future__ import annotations

from ..registry import Registration

# Filled as the family's checks are written; the catalogue runs whatever is registered here.
REGISTRY: tuple[Registration, ...] = ()
