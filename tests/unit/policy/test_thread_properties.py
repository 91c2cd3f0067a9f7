"""The thread splitter against twitter-text's own counter, on generated English, CJK, emoji and link text.

Each part is weighed by ``twitter_text.parse_tweet`` (not by the project's counter), so a mistake shared by
the splitter and ``xtext`` still shows. A part must fit with its " (n/N)", start and end between graphemes
and outside links, and the parts in order must be the text, less only the whitespace at the breaks.
"""

from __future__ import annotations

import re
import unicodedata

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet
from twitter_text.extract_urls import extract_urls_with_indices

from chalicelib.policy.thread import split_thread

LIMIT = 280
NUMBERED = re.compile(r"^(.*) \((\d+)/(\d+)\)$", re.DOTALL)
GRAPHEME = regex.compile(r"\X")

# 300 texts a strategy, four strategies: 1,200 in all, in a time a busy two-core machine allows.
PROPERTY = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = [
    *("the", "council", "bins", "crews", "road", "depot", "library", "park", "school", "gritters"),
    *("tonight", "residents", "thanks", "Hartley", "Mr.", "Patel", "volunteers", "collected"),
    *("cleared", "opened", "weekend", "repairs", "St.", "Mary's", "community"),
]
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]
KANA = [chr(c) for c in range(0x3041, 0x3094)] + [chr(c) for c in range(0x30A1, 0x30F5)]
CJK_ENDS = ["。", "！", "？", "。」", "？！"]
EMOJI = [
    "\u2764\ufe0f\u200d\U0001f525",  # heart on fire
    "\U0001f9d1\u200d\U0001f680",  # astronaut
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # technologist, medium skin tone
    "\U0001f44d\U0001f3fb",
    "\U0001f44b\U0001f3ff",
    "\U0001f1ec\U0001f1e7",  # flag: United Kingdom
    "\U0001f1ef\U0001f1f5",  # flag: Japan
    "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # flag: Wales
    "1\ufe0f\u20e3",
    "#\ufe0f\u20e3",
    "\U0001f389",
    "\u2705",
    "\u00a9",
]
LINKS = [
    "https://www.example.gov.uk/depot/{n}",
    "http://example.com/a?b={n}",
    "example.com",
    "www.example.org/path/{n}",
    "https://t.co/AbCdEf{n}",
    "https://例え.jp/{n}",
    "council.gov.uk/bins#{n}",
]

english_word = st.sampled_from(WORDS)
english_sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(english_word, min_size=1, max_size=70),
    st.sampled_from([".", "!", "?", "…", ""]),
)
cjk_sentence = st.builds(
    lambda chars, end: "".join(chars) + end,
    st.lists(st.sampled_from(HAN + KANA), min_size=1, max_size=160),
    st.sampled_from([*CJK_ENDS, ""]),
)
emoji_token = st.sampled_from(EMOJI)
link_token = st.builds(lambda pattern, n: pattern.format(n=n), st.sampled_from(LINKS), st.integers(0, 999))


def _joined(pieces: list[str], separators: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(separators, min_size=len(pieces), max_size=len(pieces)).map(
        lambda seps: "".join(p + s for p, s in zip(pieces, seps, strict=True))
    )


def _text(pieces: st.SearchStrategy[list[str]], separators: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return pieces.flatmap(lambda ps: _joined(ps, separators)).map(lambda t: unicodedata.normalize("NFC", t))


SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n"])

english_texts = _text(st.lists(english_sentence, min_size=6, max_size=30), SPACES)
cjk_texts = _text(
    st.lists(st.one_of(cjk_sentence, cjk_sentence, english_sentence, link_token), min_size=10, max_size=30),
    st.sampled_from(["", "", "", " ", "\n"]),
)
emoji_texts = _text(
    st.lists(st.one_of(emoji_token, emoji_token, english_word, cjk_sentence), min_size=50, max_size=130),
    st.sampled_from(["", " ", " ", "", "\u200d", "\n"]),
)
link_texts = _text(
    st.lists(
        st.one_of(link_token, link_token, english_word, emoji_token, cjk_sentence), min_size=25, max_size=80
    ),
    st.sampled_from([" ", " ", "  ", "\n", "", "。", ". "]),
)


def assert_a_good_thread(text: str) -> None:
    parts = split_thread(text, limit=LIMIT)
    if not text.strip():
        assert parts == []
        return
    if len(parts) == 1:
        assert parts == [text.strip()]
        assert parse_tweet(parts[0]).weightedLength <= LIMIT
        return

    bodies: list[str] = []
    for n, part in enumerate(parts, start=1):
        assert parse_tweet(part).weightedLength <= LIMIT, part
        numbered = NUMBERED.match(part)
        assert numbered is not None, part
        assert (int(numbered.group(2)), int(numbered.group(3))) == (n, len(parts))
        body = numbered.group(1)
        assert body and body == body.strip()
        bodies.append(body)

    # The parts, in order, are the text: only whitespace between them, none of it lost or repeated.
    spans: list[tuple[int, int]] = []
    pos = 0
    for body in bodies:
        start = len(text) - len(text[pos:].lstrip())
        assert text.startswith(body, start), (body, text[start : start + len(body)])
        spans.append((start, start + len(body)))
        pos = start + len(body)
    assert not text[pos:].strip()
    assert re.sub(r"\s+", "", "".join(bodies)) == re.sub(r"\s+", "", text)

    boundaries = {0} | {m.end() for m in GRAPHEME.finditer(text)}
    for start, end in spans:
        assert start in boundaries and end in boundaries, (
            text[start - 2 : start + 2],
            text[end - 2 : end + 2],
        )
    for url in extract_urls_with_indices(text):
        u_start, u_end = int(url["indices"][0]), int(url["indices"][1])
        assert any(s <= u_start and u_end <= e for s, e in spans), url["url"]


@PROPERTY
@given(english_texts)
def test_english_text_splits_into_numbered_parts_that_fit(text: str) -> None:
    assert_a_good_thread(text)


@PROPERTY
@given(cjk_texts)
def test_chinese_and_japanese_text_splits_into_numbered_parts_that_fit(text: str) -> None:
    assert_a_good_thread(text)


@PROPERTY
@given(emoji_texts)
def test_emoji_sequences_flags_skin_tones_and_keycaps_are_never_cut(text: str) -> None:
    assert_a_good_thread(text)


@PROPERTY
@given(link_texts)
def test_links_are_never_cut_and_count_as_x_counts_them(text: str) -> None:
    assert_a_good_thread(text)
