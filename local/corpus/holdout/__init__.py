"""The held-out test split: families, phrasings and fillers kept apart from everything the checks
were tuned on, so ``stories eval --split test`` measures how the checks generalise.

The dev families (``local.corpus.families``) are for tuning; these are for scoring only. Their
vocabularies come from outside sources (see ``sources``), never from the checks' lists.
"""

from __future__ import annotations

from ..model import Family
from .other import OTHER
from .personal import PERSONAL

__all__ = ["HOLDOUT"]

HOLDOUT: tuple[Family, ...] = PERSONAL + OTHER
