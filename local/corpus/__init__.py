"""A seeded, labelled corpus of staff stories for measuring the policy checks (``stories eval``).

Items come from template families with slot fillers; gold labels are computed from where the fillers
land. The dev split is the families written beside the checks (``families``), used to tune them; the
test split is the held-out families (``holdout``), whose phrasings are their own and whose names,
places, conditions, words and parties come from outside sources the checks never read (listed in
``holdout/sources.py``), so ``stories eval --split test`` measures how the checks generalise.
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
