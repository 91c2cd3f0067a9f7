"""Checks about private individuals: names, addresses, postcodes, vehicles, special data and children."""

from __future__ import annotations

from ..registry import Registration

# Filled as the family's checks are written; the catalogue runs whatever is registered here.
REGISTRY: tuple[Registration, ...] = ()
