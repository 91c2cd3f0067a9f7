"""A seeded, labelled corpus of staff stories for measuring the policy checks (``stories eval``).

Items come from template families with slot fillers; gold labels are computed from where the fillers
land, and the dev/test split is by family so that a family used to tune a check never scores it.
"""

from __future__ import annotations

from .generate import DEFAULT_SEED, DEFAULT_SIZE, assign_splits, generate, select
from .model import Family, Gold, Item
from .rules import corpus_rules

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_SIZE",
    "Family",
    "Gold",
    "Item",
    "assign_splits",
    "corpus_rules",
    "generate",
    "select",
]
