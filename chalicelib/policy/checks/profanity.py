"""The check for swearing, Scunthorpe-safe and undisguised: "f**k", "sh1t", "shiiit", fake-bold letters.

A council account never swears. People hide swearing from filters, and place names and surnames
contain it innocently ("Scunthorpe", "Cockburn"), so words are matched whole, after undoing the
disguises, with an allow-list that wins.

Hand-written rather than a profanity package: the packages match substrings or carry US word lists
that block "Penistone" or "faggots and peas", they cannot say where in the text the word was, and the
organisation needs to add its own place names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import filterfalse
from operator import methodcaller

from ...domain.findings import CheckContext, Finding, Severity
from ..disguise_shapes import SPACED, has_disguised_word, may_be_spaced_out
from ..normalise import NormalisedText
from ..people import COMMON_WORDS, is_common_word
from ..registry import Registration
from ..rules import OrgRules, builtin_list
from ..senses import ordinary_sense
from ..swearing import (
    candidate_patterns,
    is_beyond_the_list,
    is_compound,
    is_variant,
    masked_compound,
    prefix_trie,
)
from ..swearing_flipped import flipped_spans
from ..swearing_joins import joined_spans, one_letter_joined
from ..swearing_masks import as_asterisks, at_inside, masked_match
from ..swearing_names import is_place_or_pub, is_surname, name_with_listed_ending
from ..swearing_shapes import LEET, inward_code, letter_for_word, short_hyphenated_words
from ..unknown_insults import unknown_insult_spans
from ..vowelless import vowelless_spans

PROF = "TONE-PROF"

PROF_REASON = "This is swearing. Remove it: the council's accounts must never swear, even disguised."
MILD_PROF_REASON = (
    "This is mild swearing. Most readers will not mind, but the council's accounts should not swear: "
    "consider another word."
)
UNKNOWN_PROF_REASON = (
    'This word is not one we know, and it is used of a person the way swearing is ("a right …", '
    '"some … has"), so it reads as a rude word or an insult. Remove it or describe what happened '
    "instead; if it is an ordinary word (a job, a nickname) or a typo, a comms officer can let it through."
)

# A word, with the symbols that stand in for letters or hide them; digits alone are never a word.
_TOKEN = re.compile(r"(?:(?<![\w@$])[@$](?=[^\W\d_]))?[^\W_][\w@$*!|€£'’-]*[\w@$*€£]|[^\W_\d]")
# The same tokens in ASCII text, where a letter or digit can only be A-Z, a-z or 0-9: classes the regex
# engine tests with a bitmap rather than by each character's Unicode category.
_ASCII_TOKEN = re.compile(
    r"(?:(?<![\w@$])[@$](?=[A-Za-z]))?[A-Za-z0-9][\w@$*!|'-]*[\w@$*]|[A-Za-z]", re.ASCII
)
_REPEATS = re.compile(r"(.)\1+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# What a word is made of when nothing in it is disguised: ASCII letters, apostrophes and hyphens.
_PLAIN_WORD = re.compile(r"[A-Za-z_'’-]+")
_SUFFIXES = ("s", "es", "ed", "ing", "in", "er", "ers", "y", "ish", "head", "heads")


@dataclass(frozen=True)
class _WordList:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class _Matcher:
    """A word list prepared once, so that judging a word is a few set lookups rather than loops.

    ``inflected`` holds every listed word with every suffix of ``_SUFFIXES`` (and the word itself),
    which is what "a listed word plus a common ending" means; ``collapsed`` and ``collapsed_prefixes``
    are the list with repeated letters undone, for "shiiit".
    """

    words: _WordList
    inflected: frozenset[str]
    collapsed: frozenset[str]
    collapsed_prefixes: tuple[str, ...]
    collapsed_suffixes: tuple[str, ...]
    # For the story-level shortcut: how a word that matches must start (its first run of letters,
    # also with repeats undone) or end.
    first_runs: tuple[str, ...]
    collapsed_first_runs: tuple[str, ...]
    last_runs: tuple[str, ...]


def _runs(entry: str) -> list[str]:
    return _LETTER_RUN.findall(entry) or [entry]


def _first_run(entry: str) -> str:
    """How a word that is ``entry`` starts: its first run of letters, and for a run of one letter the
    apostrophe or hyphen after it ("f'kin", "f-wit"), or every word starting with an "f" would be asked."""
    first = _runs(entry)[0]
    rest = entry[len(first) : len(first) + 1]
    return first + rest if len(first) == 1 and rest in ("'", "’", "-") else first


def _matcher(words: _WordList) -> _Matcher:
    starts = {_first_run(w) for w in words.exact}
    return _Matcher(
        words,
        words.exact | {w + s for w in words.exact for s in _SUFFIXES},
        frozenset(_collapse(w) for w in words.exact),
        tuple(_collapse(p) for p in words.prefixes),
        tuple(_collapse(p) for p in words.suffixes),
        tuple(sorted(starts)),
        tuple(sorted({_collapse(r) for r in starts})),
        tuple(sorted({_runs(w)[-1] for w in words.suffixes})),
    )


def _word_list(entries: tuple[str, ...]) -> _WordList:
    exact = {e.lower() for e in entries if "*" not in e}
    prefixes = tuple(e.lower().rstrip("*") for e in entries if e.endswith("*"))
    suffixes = tuple(e.lower().lstrip("*") for e in entries if e.startswith("*"))
    return _WordList(frozenset(exact | set(prefixes) | set(suffixes)), prefixes, suffixes)


@cache
def _builtin(name: str) -> _WordList:
    return _word_list(builtin_list(name))


@cache
def _builtin_allowed() -> frozenset[str]:
    return frozenset(w.lower() for w in builtin_list("tone_allowed.txt"))


@cache
def _strong(extra: tuple[str, ...]) -> _Matcher:
    strong = _builtin("tone_profanity.txt")
    if extra:
        more = _word_list(extra)
        strong = _WordList(strong.exact | more.exact, strong.prefixes + more.prefixes, strong.suffixes)
    return _matcher(strong)


@cache
def _mild() -> _Matcher:
    return _matcher(_builtin("tone_profanity_mild.txt"))


def _fold(word: str) -> str:
    """Lower case, leetspeak undone, accents dropped ("fück"); one character out for each one in."""
    if word.isascii():
        # An ASCII character has no accent to drop, so the loop below would keep every one as it is.
        return word.lower().translate(LEET)
    out = []
    for ch in word.lower().translate(LEET):
        base = unicodedata.normalize("NFKD", ch)[:1]
        out.append(base if base.isascii() and base.isalpha() else ch)
    return "".join(out)


# The repeated letter itself, for ``_REPEATS.sub``: a C method called per match, where the template
# r"\1" is expanded by Python code each time.
_FIRST_OF_REPEATS = methodcaller("group", 1)


def _collapse(word: str) -> str:
    return _REPEATS.sub(_FIRST_OF_REPEATS, word)


def _listed(word: str, m: _Matcher) -> bool:
    # ``str.startswith`` and ``endswith`` take a tuple, and an empty tuple matches nothing.
    return word in m.inflected or word.startswith(m.words.prefixes) or word.endswith(m.words.suffixes)


def _matches(folded: str, m: _Matcher) -> bool:
    """Whether a folded word is on the list, as written, masked or with letters repeated."""
    word = folded.strip("'’-")
    if word.endswith(("'s", "’s")):
        word = word[:-2]  # "some twat's parked", "for f*ck's sake": the word with "'s" (is, has, or whose)
    if word.startswith(("t'", "t’")):
        word = word[2:]  # Yorkshire's "the" run on to the word: "a pain in t'arse"
    if "*" in word:
        return _masked_match(word, m)
    if _listed(word, m):
        return True
    if _REPEATS.search(word) is None:
        return False
    # "shiiit" is "shit", but "ass" must not be found in "as": only undo repeats the writer added.
    collapsed = _collapse(word)
    return (
        collapsed in m.collapsed
        or collapsed.startswith(m.collapsed_prefixes)
        or collapsed.endswith(m.collapsed_suffixes)
    )


def _masked_match(folded: str, m: _Matcher, *, inflected: bool = True) -> bool:
    """A masked word ("f*ck", "c*nts", "f*ckwit") that hides a listed one (``swearing_masks``)."""
    return masked_match(folded, m.inflected if inflected else m.words.exact, m.words.prefixes)


@cache
def _allowed(extra: tuple[str, ...]) -> frozenset[str]:
    return _builtin_allowed() | {w.lower() for w in extra}


@cache
def _allowed_phrases(allowed: frozenset[str]) -> re.Pattern[str] | None:
    phrases = [p for p in allowed if " " in p]
    if not phrases:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)",
        re.IGNORECASE,
    )


def _tokens(text: str, *, disguised_only: bool = False) -> Iterator[tuple[int, int, str]]:
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        if disguised_only and _plain(raw):
            continue
        start, end = m.span()
        # "!" and "|" stand for letters only inside a word, never as its last character.
        while raw and raw[-1] in "!|'’-":
            raw = raw[:-1]
            end -= 1
        if raw and any(map(str.isalpha, raw)):
            yield start, end, raw
    yield from spaced_out(text)


# One kind of separator between single letters: "a c-u-n-t" is "a" and then "c-u-n-t".
_SAME_SEPARATOR = re.compile(r"[^\W\d_](?:(?P<sep>[ .*_-])[^\W\d_])(?:(?P=sep)[^\W\d_]){1,}")


def spaced_out(text: str) -> Iterator[tuple[int, int, str]]:
    """Letters spaced out to dodge a filter ("f u c k", "s.h.i.t", "c-u-n-t"), each read as one word
    with its span: the whole run, and each part of it spaced with one kind of separator."""
    if not may_be_spaced_out(text):
        return
    for m in SPACED.finditer(text):
        run = m.group(0)
        yield m.start(), m.end(), re.sub(r"[ ._*-]", "", run)
        for part in _SAME_SEPARATOR.finditer(run):
            if part.span() != (0, len(run)):
                yield m.start() + part.start(), m.start() + part.end(), re.sub(r"[ ._*-]", "", part.group(0))
        at = m.start()  # after words of one letter: "is a t w a t", "R C U N T S", "Landlord's a k n o b"
        while len(run) >= 7 and run[1] == " " and (run[0] in "aAiIrRuU" or text[at - 1 : at] in ("'", "’")):
            run, at = run[2:], at + 2
            yield at, m.end(), run.replace(" ", "")


# A run of word characters and the symbols that stand for letters, with something in it other than
# ASCII letters and "_": the only runs whose word (from its first letter or digit to its last) may be
# disguised. Found in one scan, so that the plain words around them cost nothing.
_RUN_WITH_DISGUISE = re.compile(r"(?<![\w@$!|€£])[A-Za-z_]*(?:[@$!|€£]|[^\WA-Za-z_])[\w@$!|€£]*")
_RUN_EDGES = "_@$!|€£"  # what a run may start or end with that is not a letter or a digit


def undisguised(text: str) -> str:
    """The text with leetspeak undone in every word that mixes letters with digits or symbols
    ("r3tard", "p@ki"), character for character, so that spans in it are spans in ``text``."""
    return undisguised_words(text)[0]


def undisguised_words(text: str) -> tuple[str, list[str]]:
    """``undisguised(text)``, and the words it changed, as they are in it."""
    if not has_disguised_word(text):
        return text, []
    pieces: list[str] = []
    changed: list[str] = []
    done = 0
    for m in _RUN_WITH_DISGUISE.finditer(text):
        run = m.group()
        word = run.strip(_RUN_EDGES)
        if len(word) < 2 or _plain(word) or not any(c.isalpha() for c in word):
            continue
        folded = _fold(word)
        if len(folded) != len(word) or folded == word:
            continue
        start = m.start() + len(run) - len(run.lstrip(_RUN_EDGES))
        pieces += (text[done:start], folded)
        changed.append(folded)
        done = start + len(word)
    if not changed:
        return text, []
    pieces.append(text[done:])
    return "".join(pieces), changed


def _plain(raw: str) -> bool:
    """A word with nothing disguised in it: ASCII letters (with apostrophes and hyphens), or digits."""
    return (raw.isascii() and raw.isalpha()) or raw.isdigit() or _PLAIN_WORD.fullmatch(raw) is not None


@dataclass(frozen=True)
class _Swearing:
    """Both lists, and the shapes a plain word must have to be on either (see ``_may_match``)."""

    strong: _Matcher
    mild: _Matcher
    # The shapes hold only for entries that start (and, for tails, end) with a letter; an organisation's
    # own list could have others, and then every story gets the full look.
    shapes_hold: bool
    # Over the words of a story, one a line, at the newline before a word: ``hit`` where the word starts
    # with a root, or (with a double letter in it) with a root with its letters repeated; otherwise where
    # it may be a variant or a compound (``swearing.candidate_patterns``).
    forward: re.Pattern[str]
    # Over the same lines reversed: ``hit`` where a word ends with a tail, or it may end like a compound.
    backward: re.Pattern[str]
    # The dictionary's words that ``_may_match`` rules out, worked out once with the two scans above:
    # most of a story's words are among them, and only the rest need scanning (see ``_may_match``).
    safe: frozenset[str]
    # Words that ``_may_match`` has since ruled out, in the dictionary or not ("centre", "saturday"): the
    # same few recur from story to story, and are then neither looked up in ``safe`` nor scanned again.
    # Bounded by ``_RULED_OUT_MAX`` (a few hundred kilobytes at most), emptied when full.
    ruled_out: set[str] = field(default_factory=set, compare=False)


@cache
def _swearing(extra: tuple[str, ...]) -> _Swearing:
    strong, mild = _strong(extra), _mild()
    first = strong.first_runs + mild.first_runs
    collapsed = strong.collapsed_first_runs + mild.collapsed_first_runs
    entries = strong.words.exact | mild.words.exact
    tails = strong.words.suffixes + mild.words.suffixes
    shapes_hold = all(e[:1].isalpha() for e in entries) and all(t[-1:].isalpha() for t in tails)
    # The cheap test first: most words start like no root, repeated or not.
    doubled = r"(?=[^\n]*?(?P<twice>[^\W\d_])(?P=twice))"
    starts = rf"{prefix_trie(first)}|(?={prefix_trie(collapsed, repeated=True)}){doubled}"
    # Repeats allowed, so that "bullshiiiit" ends like "shit".
    ends = prefix_trie((r[::-1] for r in strong.last_runs + mild.last_runs), repeated=True)
    maybe_forward, maybe_backward = candidate_patterns()
    forward = re.compile(rf"\n(?:(?P<hit>{starts})|{maybe_forward})")
    backward = re.compile(rf"\n(?:(?P<hit>{ends})|{maybe_backward})")
    may = frozenset(_words_that_may_match(_lines(COMMON_WORDS), forward, backward))
    return _Swearing(strong, mild, shapes_hold, forward, backward, COMMON_WORDS - may)


def _lines(words: Iterable[str]) -> str:
    """The words one a line, with a newline before and after each, for the scans of ``_Swearing``."""
    return "\n" + "\n".join(words) + "\n"


def _may_match(words: Iterable[str], lists: _Swearing) -> bool:
    """False only when no plain word of the story can be on a list, nor be a variant or a compound:
    none starts or ends (also with repeats undone) the way a listed word does, and none is shaped like
    a variant or a compound. Decided on the story's set of words, in one scan each way.

    A plain word matches only if it is a listed word (with an ending), starts with a listed root or
    ends with a listed tail, or is one of those with letters repeated; each needs one of its runs of
    letters to start or end like the listed word's. "Starts with a root with repeats undone" is the
    word matching the root with each letter repeated ("sshhiit" and s+h+i+t+).

    Each word is judged alone, so the dictionary words known beforehand to be ruled out (``safe``) are
    left out of the scans: a set difference in C rather than a regex over every word.
    """
    # The words ruled out lately first: a small set that stays in the CPU's caches, where each lookup in
    # the dictionary's (some 30,000 words) is likely to wait for memory. ``frozenset`` of a frozenset is
    # that frozenset, not a copy.
    unseen = frozenset(words) - lists.ruled_out
    if not unseen:
        return False
    rest = unseen - lists.safe
    if rest:
        # A listed word's "-ing" without its "g" ("effin") and its plural spelt with "z" ("bellendz").
        rest |= {w + "g" if w[-1] == "n" else w[:-1] + "s" for w in rest if w.endswith(_DROPPED)}
    if rest and next(_words_that_may_match(_lines(rest), lists.forward, lists.backward), None) is not None:
        return True
    # None of them can match, alone or in any story: remembered, so that the next story with them skips
    # the lookups and the scans. (A word that may match is not remembered: such stories are few, and go
    # on to the look.)
    ruled_out = lists.ruled_out
    if len(ruled_out) + len(unseen) > _RULED_OUT_MAX:
        ruled_out.clear()
    ruled_out.update(unseen)
    return False


_RULED_OUT_MAX = 4096
_DROPPED = ("in", "z")  # "effin" for "effing", "bellendz" for "bellends"


def forget_ruled_out(rules: OrgRules) -> None:
    """Empty the words ruled out so far: a benchmark that passes over the same stories again measures
    a container that has seen each story once, not one that has seen every word before."""
    _swearing(tuple(rules.words.profanity)).ruled_out.clear()


def _words_that_may_match(lines: str, forward: re.Pattern[str], backward: re.Pattern[str]) -> Iterator[str]:
    """The words of ``lines`` (one a line, a newline before and after each) that ``_may_match``, by
    ``_Swearing.forward`` and ``backward``."""
    for m in forward.finditer(lines):
        word = lines[m.start() + 1 : lines.index("\n", m.start() + 1)]
        if m.group("hit") is not None or is_beyond_the_list(word):
            yield word
    reversed_lines = lines[::-1]
    for m in backward.finditer(reversed_lines):
        word = reversed_lines[m.start() + 1 : reversed_lines.index("\n", m.start() + 1)][::-1]
        if m.group("hit") is not None or is_beyond_the_list(word):
            yield word


_DOUBLED_LINE = re.compile(r"^[^\n]*?(.)\1[^\n]*", re.M)


def _cannot_match(words: frozenset[str], lists: _Swearing) -> frozenset[str]:
    """The story's words that cannot be judged swearing wherever they stand as a plain word: those
    that ``_may_match`` rules out and that have no letter doubled (with a doubled letter, the look
    also undoes repeats, which ``_may_match`` does not follow for variants and compounds)."""
    lines = _lines(words)
    # Only the words not already known to be ruled out (lately, or as the dictionary's) need the scans.
    unknown = words - lists.ruled_out
    if unknown:
        unknown -= lists.safe
    may = set(_words_that_may_match(_lines(unknown), lists.forward, lists.backward)) if unknown else set()
    may.update(m.group() for m in _DOUBLED_LINE.finditer(lines))
    return words.difference(may)


def _disguised_word_may_match(source: str, lists: _Swearing) -> bool:
    """Whether a word with something disguised in it may be on a list once undone: "10am" reads as
    "ioam" and "LS1" as "lsi", which start and end like nothing listed. A mask ("f**k") always may."""
    runs: list[str] = []
    # Most words are ASCII letters: ``_plain``'s first test, made before the call for the rest (in C:
    # in ASCII text every word is ASCII, and the tokens are found by ``_ASCII_TOKEN``).
    if source.isascii():
        maybe_disguised = list(filterfalse(str.isalpha, _ASCII_TOKEN.findall(source)))
    else:
        maybe_disguised = [w for w in _TOKEN.findall(source) if not (w.isalpha() and w.isascii())]
    if at_inside(source):
        return True  # "b@ll@cks": an "@" may hide any vowel, as a mask's "*" does
    for raw in maybe_disguised:
        if _plain(raw):
            continue
        if "*" in raw:
            return True
        runs += _LETTER_RUN.findall(_fold(raw))
    # ``_may_match`` asks of each word alone: the runs of every disguised word are asked at once.
    return bool(runs) and _may_match(runs, lists)


def _beyond_the_list(folded: str, raw: str, source: str, start: int, strong: _Matcher) -> bool:
    """A spelling variant ("fvck"), a compound ("arse" and "badger") or a masked one ("bulls**t");
    a capitalised word inside a sentence is a name ("Cockfield"), not one of these."""
    if "*" in folded:
        folded = folded.replace("-", "")  # "cluster-f*ck", "f**k-ton": the hyphen joins, it hides nothing
        return _masked_match(folded, strong) or masked_compound(
            folded, lambda part: _masked_match(part, strong, inflected=False)
        )
    if _inside_hyphens(folded, strong) or _hyphen_masked(folded, strong):
        return True
    if raw[0].isupper() and not raw.isupper() and re.search(r"[\w,;]\s+$", source[max(0, start - 3) : start]):
        return False
    word = _collapse(folded.strip("'’-")) if _REPEATS.search(folded) else folded.strip("'’-")
    return is_variant(folded.strip("'’-")) or is_variant(word) or is_compound(folded) or is_compound(word)


def _inside_hyphens(folded: str, m: _Matcher) -> bool:
    """A listed word put inside another between hyphens: "fan-fookin-tastic", "abso-bloody-lutely"."""
    parts = folded.strip("'’-").split("-")
    return len(parts) >= 3 and any(part in m.inflected for part in parts[1:-1])


def _short_hyphen_masked(source: str, m: _Matcher) -> bool:
    """A story has a word such as "sh-t" (``_hyphen_masked``)."""
    return any(_hyphen_masked(word, m) for word in short_hyphenated_words(source))


# Endings a masked word keeps after its hyphen ("f-ing", "f-ed"): words of their own, but not here.
_MASKED_ENDINGS = frozenset({"ing", "in", "ed", "er", "ers"})


def _hyphen_masked(folded: str, m: _Matcher) -> bool:
    """A hyphen where a letter was left out, as a mask: "sh-t", "f-ck", "f-ing". Only a short word of two
    short parts neither of which is a word ("co-op", "t-shirt" and "x-ray" have one), but an ending."""
    parts = folded.strip("'’-").split("-")
    return (
        len(parts) == 2
        and all(1 <= len(part) <= 3 and part.isalpha() for part in parts)
        and not is_common_word(parts[0])
        and (parts[1] in _MASKED_ENDINGS or not is_common_word(parts[1]))
        and _masked_match("*".join(parts), m, inflected=False)
    )


# Mild words that are also names with a capital (a surname spelt "sod" with its "o" doubled), repeated
# letters undone.
_MILD_NAMES = frozenset({"git", "prat", "sod"})


def _possessed(word: str) -> str:
    """A word without its quotes or its possessive ending ("Shitterton's" is the place's)."""
    word = word.strip("'’")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def check_profanity(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = as_asterisks(text.text)
    extra = tuple(rules.words.profanity)
    lists = _swearing(extra)
    strong, mild = lists.strong, lists.mild
    # Undoing disguises word by word is the expensive part, and most stories are plain words none of
    # which comes near a listed one: then only a disguised word (digits, symbols, other scripts inside
    # it) needs the full look, and a story without one is done.
    only_disguised = (
        lists.shapes_hold
        and not may_be_spaced_out(source)
        and not _may_match(text.words, lists)
        # "sh-t", and "a-hole", which no other word of a story brings near a listed one
        and not ("-" in source and (_short_hyphen_masked(source, lists.strong) or "-hole" in source))
        and not one_letter_joined(source, lists.strong.inflected)
    )
    # Words typed without their vowels ("bstrd") are plain letters that come near no listed word.
    unvowelled = [Finding(PROF, Severity.BLOCK, *span, PROF_REASON) for span in vowelless_spans(text, extra)]
    # Words no list holds, said of a person where an insult goes ("a right …", "some … has dumped").
    known = extra + tuple(rules.words.allowed)
    unknown = unknown_insult_spans(text, known)
    unvowelled += [Finding(PROF, Severity.BLOCK, *span, UNKNOWN_PROF_REASON) for span in unknown]
    unvowelled += [Finding(PROF, Severity.BLOCK, *span, PROF_REASON) for span in letter_for_word(source)]
    flipped = flipped_spans(source, lambda w: _matches(w, strong))  # typed upside down ("ɹǝʞuɐʍ")
    unvowelled += [Finding(PROF, Severity.BLOCK, *span, PROF_REASON) for span in flipped]
    # Joined by a hyphen, inside a word, in a hashtag, or a phrase of innocent words ("bashing the bishop").
    allowed_words = _allowed(tuple(rules.words.allowed))
    joined = joined_spans(source, text.words, strong.inflected, allowed_words, lambda w: _listed(w, strong))
    unvowelled += [Finding(PROF, Severity.BLOCK, *span, PROF_REASON) for span in joined]
    if only_disguised and not (has_disguised_word(source) and _disguised_word_may_match(source, lists)):
        return unvowelled
    allowed = _allowed(tuple(rules.words.allowed))
    phrases = _allowed_phrases(allowed)
    protected = [m.span() for m in phrases.finditer(source)] if phrases is not None else []
    # A story that may swear is mostly words that cannot: an ASCII word of letters only among them is
    # judged exactly as it would be alone, and skipped (a disguised word is always looked at).
    cannot = frozenset[str]() if only_disguised else _cannot_match(text.words, lists)
    findings: list[Finding] = []
    for start, end, raw in _tokens(source, disguised_only=only_disguised):
        if cannot and raw.isascii() and raw.lower() in cannot:
            continue
        if (
            only_disguised
            and "*" not in raw
            and "@" not in raw
            and not _may_match(_LETTER_RUN.findall(_fold(raw)), lists)
        ):
            continue  # "10am" reads as "ioam", which starts and ends like nothing on the lists
        if _possessed(raw.lower()) in allowed or any(s <= start and end <= e for s, e in protected):
            continue
        folded = _fold(raw)
        if folded in allowed:
            continue
        if is_place_or_pub(raw, source, start, end) or is_surname(raw, source, start):
            continue
        if inward_code(raw, source, start) or name_with_listed_ending(
            raw, folded, strong.inflected, strong.words.prefixes, strong.words.suffixes
        ):
            continue
        # A listed word's plural spelt with "z" ("BELLENDZ"; not "jizz"), its "-ing" with no "g" ("shaggin").
        if (
            _matches(folded, strong)
            or (
                folded.endswith("z")
                and not raw.istitle()
                and folded[-2:] != "zz"
                and _matches(folded[:-1] + "s", strong)
            )
            or (folded.endswith("in") and not raw.istitle() and _matches(folded + "g", strong))
            or ("@" in raw[1:-1] and _matches(_fold(raw.replace("@", "*")), strong))  # "b@ll@cks"
        ):
            # "Dick" with a capital is a name (Dick Whittington, the Dickin Medal), not the insult.
            if folded in {"dick", "dicks", "dickin", "dickins"} and raw[0].isupper() and not raw.isupper():
                continue
            if ordinary_sense(source, start, end):  # "a cock pheasant", "door knobs"
                continue
            findings.append(Finding(PROF, Severity.BLOCK, start, end, PROF_REASON))
        elif _beyond_the_list(folded, raw, source, start, strong):
            findings.append(Finding(PROF, Severity.BLOCK, start, end, PROF_REASON))
        elif (_matches(folded, mild) or _inside_hyphens(folded, mild)) and not (
            raw[0].isupper() and _collapse(folded) in _MILD_NAMES
        ):
            findings.append(Finding(PROF, Severity.WARN, start, end, MILD_PROF_REASON))
    taken = {(f.start, f.end) for f in findings}
    return findings + [f for f in unvowelled if (f.start, f.end) not in taken]


REGISTRY: tuple[Registration, ...] = (
    Registration(
        PROF,
        "Swearing, after undoing disguises (leetspeak, masks, repeated letters); place names are safe",
        check_profanity,
    ),
)
