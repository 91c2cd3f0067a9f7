"""Blind-written sets: whole stories written by someone who had read neither the checks nor the corpus.

The held-out split keeps the checks' *data* apart from the test's, but its phrasings were written here,
and once a check's rules are written after its misses have been read, its held-out figure no longer
measures anything (TONE-DEFAME went 0.596 -> 1.000 that way, 2026-12-05). So a check can also be
scored on sentences nobody here wrote for it:

- Each file was written in one go by an engineer given only the catalogue's one-paragraph definition
  of the check, told not to open any file of this project, and asked for as many positives (``ALLEGE``)
  as look-alikes a careful comms officer would let through (``CLEAN``), in council staff's own voices.
- Each was committed before any check was run on it (see ``git log`` of this folder).
- A set is ``tuned`` once its misses have been read: from then on it is a dev set, a place to find out
  what the check does not understand, and its figure is reported as such. An untuned set's misses are
  never printed by ``stories eval``, and each time a change is judged by its figure is said where the
  figure is reported (README): a set read after many rounds of changes says less than a fresh one.

Lines are ``KIND<TAB>text`` (lines starting with ``#`` say what the set is); a positive is caught when
the check BLOCKs anywhere in it (the whole line is the allegation, or the story with the swearing), a
look-alike is falsely blocked when the check BLOCKs anywhere in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.rules import OrgRules

from ..rules import corpus_rules

# Outside any pre-election period in the corpus's rules, so politics has nothing to add.
_NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
# A positive is ``ALLEGE`` in the defamation sets and ``POSITIVE`` in later ones; ``CLEAN`` a look-alike.
POSITIVE_KINDS = frozenset({"ALLEGE", "POSITIVE"})
_KINDS = (*sorted(POSITIVE_KINDS), "CLEAN")


@dataclass(frozen=True)
class BlindSet:
    name: str
    check: str
    file: str
    tuned: bool  # its misses have been read (a dev set from then on)


SETS: tuple[BlindSet, ...] = (
    BlindSet("defamation-1", "TONE-DEFAME", "defamation_1.tsv", tuned=True),
    BlindSet("defamation-2", "TONE-DEFAME", "defamation_2.tsv", tuned=False),
    BlindSet("defamation-3", "TONE-DEFAME", "defamation_3.tsv", tuned=False),
    BlindSet("defamation-4", "TONE-DEFAME", "defamation_4.tsv", tuned=False),
    BlindSet("defamation-5", "TONE-DEFAME", "defamation_5.tsv", tuned=False),
    BlindSet("defamation-6", "TONE-DEFAME", "defamation_6.tsv", tuned=True),
    BlindSet("defamation-7", "TONE-DEFAME", "defamation_7.tsv", tuned=True),
    BlindSet("defamation-8", "TONE-DEFAME", "defamation_8.tsv", tuned=True),
    BlindSet("defamation-9", "TONE-DEFAME", "defamation_9.tsv", tuned=False),
    BlindSet("defamation-10", "TONE-DEFAME", "defamation_10.tsv", tuned=True),
    BlindSet("defamation-11", "TONE-DEFAME", "defamation_11.tsv", tuned=True),
    BlindSet("defamation-12", "TONE-DEFAME", "defamation_12.tsv", tuned=False),
    BlindSet("defamation-13", "TONE-DEFAME", "defamation_13.tsv", tuned=False),
    BlindSet("defamation-14", "TONE-DEFAME", "defamation_14.tsv", tuned=True),
    BlindSet("defamation-15", "TONE-DEFAME", "defamation_15.tsv", tuned=True),
    BlindSet("defamation-16", "TONE-DEFAME", "defamation_16.tsv", tuned=False),
    BlindSet("defamation-17", "TONE-DEFAME", "defamation_17.tsv", tuned=True),
    BlindSet("defamation-18", "TONE-DEFAME", "defamation_18.tsv", tuned=True),
    BlindSet("defamation-19", "TONE-DEFAME", "defamation_19.tsv", tuned=True),
    BlindSet("defamation-20", "TONE-DEFAME", "defamation_20.tsv", tuned=True),
    BlindSet("defamation-21", "TONE-DEFAME", "defamation_21.tsv", tuned=True),
    BlindSet("defamation-22", "TONE-DEFAME", "defamation_22.tsv", tuned=True),
    BlindSet("defamation-23", "TONE-DEFAME", "defamation_23.tsv", tuned=False),
    BlindSet("defamation-24", "TONE-DEFAME", "defamation_24.tsv", tuned=True),
    BlindSet("defamation-25", "TONE-DEFAME", "defamation_25.tsv", tuned=True),
    BlindSet("defamation-26", "TONE-DEFAME", "defamation_26.tsv", tuned=True),
    BlindSet("defamation-27", "TONE-DEFAME", "defamation_27.tsv", tuned=True),
    BlindSet("defamation-28", "TONE-DEFAME", "defamation_28.tsv", tuned=True),
    BlindSet("defamation-29", "TONE-DEFAME", "defamation_29.tsv", tuned=True),
    BlindSet("defamation-30", "TONE-DEFAME", "defamation_30.tsv", tuned=True),
    BlindSet("defamation-31", "TONE-DEFAME", "defamation_31.tsv", tuned=True),
    BlindSet("defamation-32", "TONE-DEFAME", "defamation_32.tsv", tuned=False),
    BlindSet("defamation-33", "TONE-DEFAME", "defamation_33.tsv", tuned=True),
    BlindSet("defamation-34", "TONE-DEFAME", "defamation_34.tsv", tuned=True),
    BlindSet("defamation-35", "TONE-DEFAME", "defamation_35.tsv", tuned=True),
    BlindSet("defamation-36", "TONE-DEFAME", "defamation_36.tsv", tuned=True),
    BlindSet("defamation-37", "TONE-DEFAME", "defamation_37.tsv", tuned=True),
    BlindSet("defamation-38", "TONE-DEFAME", "defamation_38.tsv", tuned=True),
    BlindSet("defamation-39", "TONE-DEFAME", "defamation_39.tsv", tuned=True),
    BlindSet("defamation-40", "TONE-DEFAME", "defamation_40.tsv", tuned=True),
    BlindSet("defamation-41", "TONE-DEFAME", "defamation_41.tsv", tuned=True),
    BlindSet("defamation-42", "TONE-DEFAME", "defamation_42.tsv", tuned=True),
    BlindSet("defamation-43", "TONE-DEFAME", "defamation_43.tsv", tuned=True),
    BlindSet("defamation-44", "TONE-DEFAME", "defamation_44.tsv", tuned=True),
    BlindSet("defamation-45", "TONE-DEFAME", "defamation_45.tsv", tuned=True),
    BlindSet("defamation-46", "TONE-DEFAME", "defamation_46.tsv", tuned=True),
    BlindSet("defamation-47", "TONE-DEFAME", "defamation_47.tsv", tuned=True),
    BlindSet("defamation-48", "TONE-DEFAME", "defamation_48.tsv", tuned=True),
    BlindSet("defamation-49", "TONE-DEFAME", "defamation_49.tsv", tuned=True),
    BlindSet("defamation-50", "TONE-DEFAME", "defamation_50.tsv", tuned=True),
    BlindSet("defamation-51", "TONE-DEFAME", "defamation_51.tsv", tuned=True),
    BlindSet("defamation-52", "TONE-DEFAME", "defamation_52.tsv", tuned=True),
    BlindSet("defamation-53", "TONE-DEFAME", "defamation_53.tsv", tuned=True),
    BlindSet("defamation-54", "TONE-DEFAME", "defamation_54.tsv", tuned=True),
    BlindSet("defamation-55", "TONE-DEFAME", "defamation_55.tsv", tuned=True),
    BlindSet("defamation-56", "TONE-DEFAME", "defamation_56.tsv", tuned=True),
    BlindSet("defamation-57", "TONE-DEFAME", "defamation_57.tsv", tuned=True),
    BlindSet("defamation-58", "TONE-DEFAME", "defamation_58.tsv", tuned=False),
    BlindSet("defamation-59", "TONE-DEFAME", "defamation_59.tsv", tuned=False),
    BlindSet("defamation-60", "TONE-DEFAME", "defamation_60.tsv", tuned=True),
    BlindSet("defamation-61", "TONE-DEFAME", "defamation_61.tsv", tuned=True),
    BlindSet("defamation-62", "TONE-DEFAME", "defamation_62.tsv", tuned=True),
    BlindSet("defamation-63", "TONE-DEFAME", "defamation_63.tsv", tuned=True),
    BlindSet("defamation-64", "TONE-DEFAME", "defamation_64.tsv", tuned=True),
    BlindSet("defamation-65", "TONE-DEFAME", "defamation_65.tsv", tuned=True),
    BlindSet("defamation-66", "TONE-DEFAME", "defamation_66.tsv", tuned=True),
    BlindSet("defamation-67", "TONE-DEFAME", "defamation_67.tsv", tuned=True),
    BlindSet("defamation-68", "TONE-DEFAME", "defamation_68.tsv", tuned=True),
    BlindSet("defamation-69", "TONE-DEFAME", "defamation_69.tsv", tuned=True),
    BlindSet("defamation-70", "TONE-DEFAME", "defamation_70.tsv", tuned=False),
    BlindSet("defamation-71", "TONE-DEFAME", "defamation_71.tsv", tuned=False),
    BlindSet("defamation-72", "TONE-DEFAME", "defamation_72.tsv", tuned=True),
    BlindSet("defamation-73", "TONE-DEFAME", "defamation_73.tsv", tuned=True),
    BlindSet("defamation-74", "TONE-DEFAME", "defamation_74.tsv", tuned=True),
    BlindSet("defamation-75", "TONE-DEFAME", "defamation_75.tsv", tuned=True),
    BlindSet("defamation-76", "TONE-DEFAME", "defamation_76.tsv", tuned=True),
    BlindSet("defamation-77", "TONE-DEFAME", "defamation_77.tsv", tuned=True),
    BlindSet("defamation-78", "TONE-DEFAME", "defamation_78.tsv", tuned=True),
    BlindSet("defamation-79", "TONE-DEFAME", "defamation_79.tsv", tuned=True),
    BlindSet("defamation-80", "TONE-DEFAME", "defamation_80.tsv", tuned=True),
    BlindSet("defamation-81", "TONE-DEFAME", "defamation_81.tsv", tuned=True),
    BlindSet("defamation-82", "TONE-DEFAME", "defamation_82.tsv", tuned=True),
    BlindSet("defamation-83", "TONE-DEFAME", "defamation_83.tsv", tuned=True),
    BlindSet("defamation-84", "TONE-DEFAME", "defamation_84.tsv", tuned=True),
    BlindSet("defamation-85", "TONE-DEFAME", "defamation_85.tsv", tuned=True),
    BlindSet("defamation-86", "TONE-DEFAME", "defamation_86.tsv", tuned=True),
    BlindSet("defamation-87", "TONE-DEFAME", "defamation_87.tsv", tuned=True),
    BlindSet("defamation-88", "TONE-DEFAME", "defamation_88.tsv", tuned=True),
    BlindSet("defamation-89", "TONE-DEFAME", "defamation_89.tsv", tuned=True),
    BlindSet("defamation-90", "TONE-DEFAME", "defamation_90.tsv", tuned=True),
    BlindSet("defamation-91", "TONE-DEFAME", "defamation_91.tsv", tuned=True),
    BlindSet("defamation-92", "TONE-DEFAME", "defamation_92.tsv", tuned=True),
    BlindSet("defamation-93", "TONE-DEFAME", "defamation_93.tsv", tuned=True),
    BlindSet("defamation-94", "TONE-DEFAME", "defamation_94.tsv", tuned=True),
    BlindSet("defamation-95", "TONE-DEFAME", "defamation_95.tsv", tuned=True),
    BlindSet("defamation-96", "TONE-DEFAME", "defamation_96.tsv", tuned=True),
    BlindSet("defamation-97", "TONE-DEFAME", "defamation_97.tsv", tuned=True),
    BlindSet("defamation-98", "TONE-DEFAME", "defamation_98.tsv", tuned=True),
    BlindSet("defamation-99", "TONE-DEFAME", "defamation_99.tsv", tuned=True),
    BlindSet("defamation-100", "TONE-DEFAME", "defamation_100.tsv", tuned=True),
    BlindSet("defamation-101", "TONE-DEFAME", "defamation_101.tsv", tuned=True),
    BlindSet("defamation-102", "TONE-DEFAME", "defamation_102.tsv", tuned=True),
    BlindSet("defamation-103", "TONE-DEFAME", "defamation_103.tsv", tuned=True),
    BlindSet("defamation-104", "TONE-DEFAME", "defamation_104.tsv", tuned=True),
    BlindSet("defamation-105", "TONE-DEFAME", "defamation_105.tsv", tuned=True),
    BlindSet("defamation-106", "TONE-DEFAME", "defamation_106.tsv", tuned=True),
    BlindSet("defamation-107", "TONE-DEFAME", "defamation_107.tsv", tuned=True),
    BlindSet("defamation-108", "TONE-DEFAME", "defamation_108.tsv", tuned=True),
    BlindSet("defamation-109", "TONE-DEFAME", "defamation_109.tsv", tuned=True),
    BlindSet("defamation-110", "TONE-DEFAME", "defamation_110.tsv", tuned=True),
    BlindSet("defamation-111", "TONE-DEFAME", "defamation_111.tsv", tuned=True),
    BlindSet("defamation-112", "TONE-DEFAME", "defamation_112.tsv", tuned=True),
    BlindSet("defamation-113", "TONE-DEFAME", "defamation_113.tsv", tuned=False),
    BlindSet("defamation-114", "TONE-DEFAME", "defamation_114.tsv", tuned=True),
    BlindSet("defamation-115", "TONE-DEFAME", "defamation_115.tsv", tuned=False),
    BlindSet("defamation-116", "TONE-DEFAME", "defamation_116.tsv", tuned=True),
    BlindSet("defamation-117", "TONE-DEFAME", "defamation_117.tsv", tuned=False),
    BlindSet("defamation-118", "TONE-DEFAME", "defamation_118.tsv", tuned=True),
    BlindSet("defamation-119", "TONE-DEFAME", "defamation_119.tsv", tuned=False),
    BlindSet("defamation-120", "TONE-DEFAME", "defamation_120.tsv", tuned=True),
    BlindSet("defamation-121", "TONE-DEFAME", "defamation_121.tsv", tuned=False),
    BlindSet("defamation-122", "TONE-DEFAME", "defamation_122.tsv", tuned=True),
    BlindSet("defamation-123", "TONE-DEFAME", "defamation_123.tsv", tuned=False),
    BlindSet("defamation-124", "TONE-DEFAME", "defamation_124.tsv", tuned=True),
    BlindSet("defamation-125", "TONE-DEFAME", "defamation_125.tsv", tuned=False),
    BlindSet("defamation-126", "TONE-DEFAME", "defamation_126.tsv", tuned=True),
    BlindSet("defamation-127", "TONE-DEFAME", "defamation_127.tsv", tuned=False),
    BlindSet("profanity-1", "TONE-PROF", "profanity_1.tsv", tuned=True),
    BlindSet("profanity-2", "TONE-PROF", "profanity_2.tsv", tuned=False),
    BlindSet("profanity-3", "TONE-PROF", "profanity_3.tsv", tuned=False),
    BlindSet("profanity-4", "TONE-PROF", "profanity_4.tsv", tuned=True),
    BlindSet("profanity-5", "TONE-PROF", "profanity_5.tsv", tuned=False),
    BlindSet("profanity-6", "TONE-PROF", "profanity_6.tsv", tuned=True),
    BlindSet("profanity-7", "TONE-PROF", "profanity_7.tsv", tuned=False),
    BlindSet("profanity-8", "TONE-PROF", "profanity_8.tsv", tuned=False),
    BlindSet("profanity-9", "TONE-PROF", "profanity_9.tsv", tuned=True),
    BlindSet("profanity-10", "TONE-PROF", "profanity_10.tsv", tuned=False),
    BlindSet("profanity-11", "TONE-PROF", "profanity_11.tsv", tuned=True),
    BlindSet("profanity-12", "TONE-PROF", "profanity_12.tsv", tuned=True),
    BlindSet("profanity-13", "TONE-PROF", "profanity_13.tsv", tuned=True),
    BlindSet("profanity-14", "TONE-PROF", "profanity_14.tsv", tuned=False),
    BlindSet("profanity-15", "TONE-PROF", "profanity_15.tsv", tuned=True),
    BlindSet("profanity-16", "TONE-PROF", "profanity_16.tsv", tuned=True),
    BlindSet("profanity-17", "TONE-PROF", "profanity_17.tsv", tuned=True),
    BlindSet("profanity-18", "TONE-PROF", "profanity_18.tsv", tuned=True),
    BlindSet("profanity-19", "TONE-PROF", "profanity_19.tsv", tuned=True),
    BlindSet("profanity-20", "TONE-PROF", "profanity_20.tsv", tuned=True),
    BlindSet("profanity-21", "TONE-PROF", "profanity_21.tsv", tuned=False),
    BlindSet("profanity-22", "TONE-PROF", "profanity_22.tsv", tuned=True),
    BlindSet("profanity-23", "TONE-PROF", "profanity_23.tsv", tuned=True),
    BlindSet("profanity-24", "TONE-PROF", "profanity_24.tsv", tuned=True),
    BlindSet("profanity-25", "TONE-PROF", "profanity_25.tsv", tuned=True),
    BlindSet("profanity-26", "TONE-PROF", "profanity_26.tsv", tuned=True),
    BlindSet("profanity-27", "TONE-PROF", "profanity_27.tsv", tuned=False),
    BlindSet("profanity-28", "TONE-PROF", "profanity_28.tsv", tuned=True),
    BlindSet("profanity-29", "TONE-PROF", "profanity_29.tsv", tuned=True),
    BlindSet("profanity-30", "TONE-PROF", "profanity_30.tsv", tuned=False),
    BlindSet("profanity-31", "TONE-PROF", "profanity_31.tsv", tuned=True),
    BlindSet("profanity-32", "TONE-PROF", "profanity_32.tsv", tuned=False),
    BlindSet("profanity-33", "TONE-PROF", "profanity_33.tsv", tuned=True),
    BlindSet("profanity-34", "TONE-PROF", "profanity_34.tsv", tuned=False),
    BlindSet("profanity-35", "TONE-PROF", "profanity_35.tsv", tuned=True),
    BlindSet("profanity-36", "TONE-PROF", "profanity_36.tsv", tuned=False),
    BlindSet("profanity-37", "TONE-PROF", "profanity_37.tsv", tuned=True),
    BlindSet("profanity-38", "TONE-PROF", "profanity_38.tsv", tuned=False),
    BlindSet("profanity-39", "TONE-PROF", "profanity_39.tsv", tuned=True),
    BlindSet("profanity-40", "TONE-PROF", "profanity_40.tsv", tuned=False),
    BlindSet("profanity-41", "TONE-PROF", "profanity_41.tsv", tuned=True),
    BlindSet("profanity-42", "TONE-PROF", "profanity_42.tsv", tuned=False),
    BlindSet("profanity-43", "TONE-PROF", "profanity_43.tsv", tuned=True),
    BlindSet("profanity-44", "TONE-PROF", "profanity_44.tsv", tuned=False),
    BlindSet("profanity-45", "TONE-PROF", "profanity_45.tsv", tuned=True),
    BlindSet("profanity-46", "TONE-PROF", "profanity_46.tsv", tuned=False),
    BlindSet("profanity-47", "TONE-PROF", "profanity_47.tsv", tuned=True),
    BlindSet("profanity-48", "TONE-PROF", "profanity_48.tsv", tuned=False),
    BlindSet("profanity-49", "TONE-PROF", "profanity_49.tsv", tuned=True),
    BlindSet("profanity-50", "TONE-PROF", "profanity_50.tsv", tuned=False),
    BlindSet("profanity-51", "TONE-PROF", "profanity_51.tsv", tuned=True),
    BlindSet("profanity-52", "TONE-PROF", "profanity_52.tsv", tuned=False),
    BlindSet("profanity-53", "TONE-PROF", "profanity_53.tsv", tuned=True),
    BlindSet("profanity-54", "TONE-PROF", "profanity_54.tsv", tuned=False),
    BlindSet("profanity-55", "TONE-PROF", "profanity_55.tsv", tuned=True),
    BlindSet("profanity-56", "TONE-PROF", "profanity_56.tsv", tuned=False),
    BlindSet("profanity-57", "TONE-PROF", "profanity_57.tsv", tuned=True),
    BlindSet("profanity-58", "TONE-PROF", "profanity_58.tsv", tuned=False),
    BlindSet("profanity-59", "TONE-PROF", "profanity_59.tsv", tuned=True),
    BlindSet("profanity-60", "TONE-PROF", "profanity_60.tsv", tuned=False),
    BlindSet("profanity-61", "TONE-PROF", "profanity_61.tsv", tuned=True),
    BlindSet("profanity-62", "TONE-PROF", "profanity_62.tsv", tuned=False),
    BlindSet("profanity-63", "TONE-PROF", "profanity_63.tsv", tuned=True),
    BlindSet("profanity-64", "TONE-PROF", "profanity_64.tsv", tuned=False),
    BlindSet("profanity-65", "TONE-PROF", "profanity_65.tsv", tuned=True),
    BlindSet("profanity-66", "TONE-PROF", "profanity_66.tsv", tuned=False),
    BlindSet("profanity-67", "TONE-PROF", "profanity_67.tsv", tuned=True),
    BlindSet("profanity-68", "TONE-PROF", "profanity_68.tsv", tuned=False),
    BlindSet("profanity-69", "TONE-PROF", "profanity_69.tsv", tuned=True),
    BlindSet("profanity-70", "TONE-PROF", "profanity_70.tsv", tuned=False),
    BlindSet("profanity-71", "TONE-PROF", "profanity_71.tsv", tuned=True),
    BlindSet("profanity-72", "TONE-PROF", "profanity_72.tsv", tuned=False),
    BlindSet("profanity-73", "TONE-PROF", "profanity_73.tsv", tuned=True),
    BlindSet("profanity-74", "TONE-PROF", "profanity_74.tsv", tuned=False),
    BlindSet("profanity-75", "TONE-PROF", "profanity_75.tsv", tuned=True),
    BlindSet("profanity-76", "TONE-PROF", "profanity_76.tsv", tuned=False),
    BlindSet("profanity-77", "TONE-PROF", "profanity_77.tsv", tuned=True),
    BlindSet("profanity-78", "TONE-PROF", "profanity_78.tsv", tuned=False),
)


@dataclass(frozen=True)
class BlindScore:
    set: BlindSet
    caught: int
    positives: int
    false_blocks: int  # look-alikes the check blocked
    lookalikes: int
    missed: tuple[str, ...]
    wrongly_blocked: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.caught / self.positives if self.positives else 0.0

    @property
    def false_block_rate(self) -> float:
        return self.false_blocks / self.lookalikes if self.lookalikes else 0.0


def read(blind: BlindSet) -> tuple[tuple[str, str], ...]:
    """The set's ``(kind, text)`` lines; a line of another shape is an error, not skipped."""
    text = files(__package__).joinpath(blind.file).read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, tab, story = line.partition("\t")
        if not tab or kind not in _KINDS or not story.strip():
            raise ValueError(f"{blind.file} line {number}: expected {', '.join(_KINDS)}, a tab, then a story")
        out.append((kind, story.strip()))
    return tuple(out)


def score(blind: BlindSet, rules: OrgRules | None = None) -> BlindScore:
    rules = rules or corpus_rules()
    ctx = CheckContext(now=_NOW)
    missed: list[str] = []
    wrong: list[str] = []
    positives = lookalikes = 0
    for kind, story in read(blind):
        verdict = run_checks(story, ctx, rules)
        blocked = any(f.check == blind.check and f.severity.value == "BLOCK" for f in verdict.findings)
        if kind in POSITIVE_KINDS:
            positives += 1
            if not blocked:
                missed.append(story)
        else:
            lookalikes += 1
            if blocked:
                wrong.append(story)
    return BlindScore(
        blind, positives - len(missed), positives, len(wrong), lookalikes, tuple(missed), tuple(wrong)
    )


def render(scores: tuple[BlindScore, ...]) -> list[str]:
    """Lines for ``stories eval``: each set's figures; a tuned set's misses too, an untuned set's never."""
    out = [
        "Blind-written sets (local/corpus/blind: written by someone who had read neither checks nor corpus):"
    ]
    for s in scores:
        status = "tuned on: a dev figure" if s.set.tuned else "never tuned on"
        out.append(
            f"  {s.set.name} ({s.set.check}, {status}): BLOCK recall {s.recall:.3f}"
            f" ({s.caught}/{s.positives}), false blocks on look-alikes {s.false_block_rate:.1%}"
            f" ({s.false_blocks}/{s.lookalikes})"
        )
        if s.set.tuned:
            out += [f"    missed: {t}" for t in s.missed]
            out += [f"    blocked look-alike: {t}" for t in s.wrongly_blocked]
    return out
