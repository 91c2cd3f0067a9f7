"""The labelled corpus is deterministic, big enough, labelled from its slots and split by family."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from chalicelib.policy.xtext import MAX_WEIGHTED_LENGTH, weighted_length
from local.corpus import DEFAULT_SIZE, Item, assign_splits, corpus_rules, generate, select
from local.corpus import fillers as f
from local.corpus.families import CLEAN, FAMILIES
from local.corpus.generate import build_item
from local.corpus.holdout import HOLDOUT
from local.corpus.model import Family, Label

# The BLOCK checks of the catalogue spec (policy-checks.md), whether implemented yet or not.
SPEC_BLOCK_CHECKS = (
    "PII-NHS",
    "PII-NINO",
    "PII-PHONE",
    "PII-EMAIL",
    "PII-ADDR",
    "PII-POSTCODE",
    "PII-NAME",
    "PII-SPECIAL",
    "PII-CHILD",
    "SEC-CODE",
    "SEC-VULN",
    "POL-PARTY",
    "POL-MEMBER",
    "TONE-PROF",
    "TONE-INSULT",
    "TONE-DEFAME",
    "A11Y-FONT",
    "A11Y-ALT",
    "X-LEN",
)


@pytest.fixture(scope="module")
def corpus() -> tuple[Item, ...]:
    return generate()


def _blocks(items: tuple[Item, ...]) -> Counter[str]:
    return Counter(g.check for i in items for g in i.gold if g.severity == "BLOCK")


def test_the_same_seed_gives_the_same_corpus_and_another_seed_a_different_one() -> None:
    assert generate(seed=11, size=200) == generate(seed=11, size=200)
    assert [i.text for i in generate(seed=11, size=200)] != [i.text for i in generate(seed=12, size=200)]


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one() -> None:
    assert generate(size=300) == generate(size=600)[:300]


def test_the_default_corpus_has_at_least_600_items_with_unique_ids(corpus: tuple[Item, ...]) -> None:
    assert len(corpus) == DEFAULT_SIZE >= 600
    assert len({i.id for i in corpus}) == len(corpus)


@pytest.mark.parametrize("check", SPEC_BLOCK_CHECKS)
def test_every_block_check_has_15_positives_in_the_dev_split(corpus: tuple[Item, ...], check: str) -> None:
    assert _blocks(select(corpus, "dev"))[check] >= 15


# The checks the issue gates on the held-out split: each needs enough positives to measure 0.95.
HELD_OUT_CHECKS = (
    *(c for c in SPEC_BLOCK_CHECKS if c.startswith(("PII-", "SEC-"))),
    "POL-PARTY",
    "TONE-PROF",
    "TONE-DEFAME",
)


@pytest.mark.parametrize("check", HELD_OUT_CHECKS)
def test_every_gated_check_has_20_positives_in_the_test_split(corpus: tuple[Item, ...], check: str) -> None:
    assert _blocks(select(corpus, "test"))[check] >= 20


def test_clean_stories_cover_every_service_area_and_carry_no_block() -> None:
    areas = {fam.name.removeprefix("clean.") for fam in CLEAN}
    assert areas >= {
        "bins",
        "street_cleaning",
        "libraries",
        "adult_social_care",
        "childrens_admin",
        "parks",
        "roads",
        "housing_repairs",
        "planning",
        "leisure",
        "registrars",
        "environmental_health",
        "events",
    }


def test_clean_items_and_hard_negatives_have_no_gold_block(corpus: tuple[Item, ...]) -> None:
    for item in corpus:
        if item.kind in ("clean", "hard"):
            assert not item.has_gold_block, item.id
        else:
            assert item.gold, item.id


def test_there_are_multi_issue_items(corpus: tuple[Item, ...]) -> None:
    multi = [i for i in corpus if i.kind == "multi"]
    assert len(multi) >= 20
    assert all(len({g.check for g in i.gold}) >= 2 for i in multi)


def _nhs_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


_NINO = re.compile(r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d\d ?\d\d ?\d\d ?[A-D]$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")


def test_gold_spans_point_at_the_slot_text(corpus: tuple[Item, ...]) -> None:
    for item in corpus:
        for g in item.gold:
            if g.image is not None:
                assert 0 <= g.image < len(item.context.images) and g.start == g.end == 0
                continue
            span = item.text[g.start : g.end]
            assert span and span == span.strip(), (item.id, g)
            if g.check == "PII-NHS":
                assert _nhs_ok(re.sub(r"\D", "", span)), span
            elif g.check == "PII-NINO":
                assert _NINO.match(span) and span[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
            elif g.check == "PII-PHONE" and g.severity == "BLOCK":
                assert re.sub(r"[ +()]", "", span).removeprefix("44").lstrip("0").startswith("7"), span
            elif g.check == "PII-EMAIL" and g.severity == "BLOCK":
                assert "@" in span and not span.endswith("example.gov.uk"), span
            elif g.check == "PII-POSTCODE":
                assert _POSTCODE.match(span) and span not in f.SITE_POSTCODES, span
            elif g.check == "POL-MEMBER":
                assert any(name in span for name in f.COUNCILLORS), span
            elif g.check == "A11Y-FONT":
                assert all(0x1D400 <= ord(c) <= 0x1D7FF for c in span if c.isalpha()), span
            elif g.check == "X-LEN":
                assert (
                    weighted_length(item.text[: g.start]) <= MAX_WEIGHTED_LENGTH < weighted_length(item.text)
                )


def test_a_label_covers_its_slot_or_the_run_of_slots_it_names() -> None:
    family = Family(
        "test.slots",
        "positive",
        "TEST",
        ("Hello {a} and {b}.",),
        labels=(Label("PII-NHS", "BLOCK", "a"), Label("SEC-CODE", "BLOCK", "a", to_slot="b")),
        slots={"a": f.pick("AAA"), "b": f.pick("BBBB")},
    )
    item = build_item(family, 0, seed=1, split="test")
    assert item.text == "Hello AAA and BBBB."
    spans = {g.check: item.text[g.start : g.end] for g in item.gold}
    assert spans == {"PII-NHS": "AAA", "SEC-CODE": "AAA and BBBB"}


def test_bad_checksum_references_never_pass_the_nhs_check() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        ref = f.bad_checksum_reference(rng)
        assert not _nhs_ok(re.sub(r"\D", "", ref))


def test_generated_nhs_numbers_pass_mod_11_and_are_not_all_one_digit() -> None:
    rng = random.Random(6)
    for _ in range(2000):
        digits = re.sub(r"\D", "", f.nhs_number(rng))
        assert _nhs_ok(digits) and len(set(digits)) > 1


def test_no_family_is_on_both_sides_of_the_split(corpus: tuple[Item, ...]) -> None:
    sides: dict[str, set[str]] = {}
    for item in corpus:
        sides.setdefault(item.family, set()).add(item.split)
    assert all(len(s) == 1 for s in sides.values())


def test_the_split_is_stable_whatever_order_the_families_come_in() -> None:
    shuffled = list(FAMILIES)
    random.Random(3).shuffle(shuffled)
    assert assign_splits(shuffled) == assign_splits(FAMILIES)


def test_the_test_split_is_the_held_out_families_and_nothing_else(corpus: tuple[Item, ...]) -> None:
    splits = assign_splits(FAMILIES + HOLDOUT)
    assert {n for n, side in splits.items() if side == "test"} == {f.name for f in HOLDOUT}
    test_items = len(select(corpus, "test")) / len(corpus)
    assert 0.2 <= test_items <= 0.5


def test_the_corpus_rules_allow_what_the_hard_negatives_rely_on() -> None:
    rules = corpus_rules()
    assert f.SWITCHBOARD in rules.allow.phones
    assert set(f.TEAM_INBOXES) <= set(rules.allow.emails)
    assert set(f.STAFF_ALLOWED) <= set(rules.allow.names)
    assert set(f.SITE_POSTCODES) <= set(rules.allow.postcodes)
    assert any(f"Cllr {name}" in rules.politics.members for name in f.COUNCILLORS)
    (window,) = rules.politics.windows
    assert (window.start, window.end) == (f.WINDOW_START, f.WINDOW_END)
    assert rules.channels.x.threads is False


def test_member_positives_fall_inside_the_window_and_hard_negatives_outside(corpus: tuple[Item, ...]) -> None:
    for item in corpus:
        for g in item.gold:
            if g.check == "POL-MEMBER":
                inside = f.WINDOW_START <= item.context.now.date() <= f.WINDOW_END
                assert inside == (g.severity == "BLOCK"), item.id
