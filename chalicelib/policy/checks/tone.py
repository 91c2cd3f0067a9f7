"""Checks of tone: profanity (Scunthorpe-safe), insults, defamation and commercial endorsement."""

from __future__ import annotations

from ..registry import Registration

# Filled as the family's checks are written; the catalogue runs whatever is registered here.
REGISTRY: tuple[Registration, ...] = ()
