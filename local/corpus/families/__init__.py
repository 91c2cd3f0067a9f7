"""The template families of the labelled corpus: clean stories, hard negatives, positives and mixtures.

Each module holds one kind of family (positives by check area); this one puts them in the order the
corpus deals them. The split is by family: a family never contributes to both dev and test.
"""

from __future__ import annotations

from ..model import Family
from .build import COMMON
from .clean import CLEAN
from .hard import HARD
from .mixed import MULTI
from .personal import PERSONAL
from .politics import POLITICS
from .presentation import PRESENTATION
from .security import SECURITY
from .tone import TONE

__all__ = ["CLEAN", "COMMON", "FAMILIES", "HARD", "MULTI", "POSITIVE"]

POSITIVE: tuple[Family, ...] = PERSONAL + SECURITY + POLITICS + TONE + PRESENTATION
FAMILIES: tuple[Family, ...] = CLEAN + HARD + POSITIVE + MULTI
