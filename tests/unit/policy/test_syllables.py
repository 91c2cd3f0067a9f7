"""The reading-age check counts syllables as the whole CMU Pronouncing Dictionary would, though it holds
only the words the spelling estimate gets wrong."""

from __future__ import annotations

import random

from chalicelib.policy.checks.accessibility import _syllable_count, syllables
from local.lexicon import dictionary_syllables


def test_every_word_of_the_dictionary_gets_the_dictionarys_count() -> None:
    wrong = {w: (n, syllables(w)) for w, n in dictionary_syllables().items() if n and syllables(w) != n}
    assert not wrong, list(wrong.items())[:10]


def test_counting_many_words_at_once_agrees_with_counting_them_one_by_one() -> None:
    words = list(dictionary_syllables())
    words += ["Hartleyfield", "Ngozi", "fly-tipping", "re-use", "s's", "rhythm", "canoe", "bike", "table"]
    words += ["it's", "Council’s", "tree", "eye", "queue", "cafés", "x", "brrr", "yes", "lovelies"]
    random.Random(7).shuffle(words)
    for start in range(0, len(words), 500):
        chunk = words[start : start + 500]
        assert _syllable_count(chunk) == sum(syllables(w) for w in chunk), chunk
