"""The held-out test split shares nothing with the checks or with the dev split.

A corpus built from the checks' own word lists scores 1.000 and means nothing, so these tests read
the checks' data files and source themselves (not through ``sources.unseen``, which they guard) and
assert that no held-out vocabulary entry is one the checks hold, that no dev filler appears in a
held-out item, and that no phrasing is shared between the splits.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import chalicelib.policy
from local.corpus import fillers as dev_fillers
from local.corpus import generate, select
from local.corpus.families import FAMILIES
from local.corpus.holdout import HOLDOUT
from local.corpus.holdout import sources as s
from local.corpus.holdout.slots import SLOTS

POLICY = Path(chalicelib.policy.__file__).parent
SLOT = re.compile(r"\{(\w+)\}")


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[\w'’-]+", text.casefold()))


# Lists that only ever say what a word is NOT (an ordinary or everyday English word, a UK place), so
# that PII-NAME rejects a capitalised one and TONE-PROF does not take a lower-case one for unknown
# slang: a held-out entry that is also in one of them is harder to catch, not easier. They come from
# public lists (local/lexicon.py), not from the corpus.
NEGATIVE_LISTS = frozenset({"common_words.txt", "modern_words.txt", "places_gb.txt"})


def _data_entries() -> set[str]:
    entries: set[str] = set()
    for path in POLICY.joinpath("data").glob("*.txt"):
        if path.name in NEGATIVE_LISTS:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            # A weights file's line is a feature, a tab and its weight: the feature is the entry.
            for part in line.split("#", 1)[0].split("\t", 1)[0].split("|"):
                if folded := _fold(part.replace("*", "")):
                    entries.add(folded)
    return entries


def _source_words() -> str:
    text = " ".join(p.read_text(encoding="utf-8") for p in POLICY.rglob("*.py")).casefold()
    return " " + re.sub(r"(\\[sbw][+*?]?|[^\w'’-])+", " ", text) + " "


DATA = _data_entries()
SOURCE = _source_words()


@pytest.mark.parametrize("pool", sorted(s.POOLS))
def test_no_held_out_entry_is_in_the_checks_lists_or_source(pool: str) -> None:
    shared = []
    for entry in s.POOLS[pool]():
        folded = _fold(entry)
        forms = {folded, re.sub(r"^(the|a|an) ", "", folded)}
        if any(f in DATA or f" {f} " in SOURCE for f in forms):
            shared.append(entry)
    assert shared == [], f"{pool}: the checks already hold {shared[:20]}"


@pytest.mark.parametrize(
    ("pool", "at_least"),
    [
        ("first names", 300),
        ("surnames", 300),
        ("towns", 100),
        ("businesses", 100),
        ("conditions", 100),
        ("swear words", 50),
        ("religions", 5),
        ("ethnic groups", 5),
        ("offences", 5),
        ("parties", 5),
    ],
)
def test_each_open_vocabulary_is_big_enough_to_mean_something(pool: str, at_least: int) -> None:
    assert len(s.POOLS[pool]()) >= at_least


def test_the_checks_never_read_the_corpus() -> None:
    for path in POLICY.parent.rglob("*.py"):
        assert "local" not in re.findall(
            r"^\s*(?:from|import)\s+(\w+)", path.read_text(encoding="utf-8"), re.M
        )


def test_held_out_families_use_only_held_out_slots() -> None:
    for family in HOLDOUT:
        assert family.holdout
        for template in family.templates:
            for slot in SLOT.findall(template):
                assert slot in family.slots, f"{family.name}: {{{slot}}} has no held-out filler"
                assert family.slots[slot] is SLOTS.get(slot, family.slots[slot])


def test_no_phrasing_is_shared_between_the_splits() -> None:
    def skeleton(template: str) -> str:
        return _fold(SLOT.sub(" ", template))

    dev = {skeleton(t) for f in FAMILIES for t in f.templates}
    shared = [t for f in HOLDOUT for t in f.templates if skeleton(t) in dev]
    assert shared == []
    assert not {f.name for f in FAMILIES} & {f.name for f in HOLDOUT}


def test_no_dev_filler_appears_in_a_held_out_item() -> None:
    dev_words = {
        *dev_fillers.FIRST_NAMES,
        *dev_fillers.SURNAMES,
        *dev_fillers.CHILD_NAMES,
        *dev_fillers.STREETS,
        *dev_fillers.SCHOOLS,
        *dev_fillers.BUSINESSES,
        *dev_fillers.STAFF_ALLOWED,
        *dev_fillers.COUNCILLORS,
        # "Labour" alone is also a word of other parties' names ("the Socialist Labour Party").
        *(p for p in dev_fillers.PARTIES if p != "Labour"),
    }
    pattern = re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(dev_words, key=len, reverse=True))) + r")\b"
    )
    found = {(i.id, m.group()) for i in select(generate(), "test") for m in pattern.finditer(i.text)}
    # Hard negatives are about the words themselves ("Labour costs"): only positives and clean items count.
    found = {(item_id, w) for item_id, w in found if not item_id.startswith("holdout.everyday_words")}
    assert found == set()


def test_the_negative_lists_are_read_only_where_words_are_judged_ordinary() -> None:
    # people.py: a capitalised word that is an ordinary word is not a name; unknown_insults.py: a
    # lower-case word in everyday use is not unknown slang.
    readers = {
        p.relative_to(POLICY).as_posix()
        for p in POLICY.rglob("*.py")
        for name in NEGATIVE_LISTS
        if name in p.read_text(encoding="utf-8")
    }
    assert readers == {"people.py", "unknown_insults.py"}
