"""Finding people in story text: its words and sentences, personal names, and the names the rules clear.

Several checks ask who is in a story (a name, a child, a person with a diagnosis, a resident on a
street), so the words, sentences and names are worked out here once, without any check's verdict.
Names are recognised by the shapes they take in ordinary council writing (titles, listed first
names and surnames) rather than by every capitalised word, so that Victoria Park or Age UK pass.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from .cleared import cleared_names, is_cleared, is_place
from .normalise import NormalisedText, cased_runs, lower_runs
from .rules import OrgRules, builtin_list
from .tokens import _PER_STORY, TITLES, Token, _token_pattern, previous_word, sentence_bounds, tokens
from .words import initials, word_pattern

# The words and sentences live in policy.tokens; the checks that ask about people find them here too.
__all__ = [
    "AMBIGUOUS_FIRST_NAMES",
    "COMMON_WORDS",
    "FIRST_NAMES",
    "NOT_PERSON_BEFORE",
    "NOT_SURNAMES",
    "SURNAMES",
    "TITLES",
    "NameMatch",
    "Token",
    "capitalised_tokens",
    "cleared_names",
    "find_names",
    "is_cleared",
    "is_common_word",
    "is_first_name",
    "is_place",
    "may_name_someone",
    "previous_word",
    "private_names",
    "sentence_bounds",
    "tokens",
]


def _word_list(name: str) -> frozenset[str]:
    return frozenset(builtin_list(name))


FIRST_NAMES = _word_list("people_first_names.txt")
AMBIGUOUS_FIRST_NAMES = _word_list("people_first_names_ambiguous.txt")
SURNAMES = _word_list("people_surnames.txt")
NOT_SURNAMES = _word_list("people_not_surnames.txt")
# Words that end a place as readily as a person ("Jane Hill", "Victoria Hill"): a surname after a
# first name that is only ever a name, a place after one that is also a word or a town.
_SHARED_SURNAMES = NOT_SURNAMES & SURNAMES
_PLACE_WORDS = NOT_SURNAMES - SURNAMES
_NOT_NAMES = frozenset(" ".join(n.casefold().split()) for n in _word_list("people_not_names.txt"))
# Ordinary English words from a public dictionary (built by local/lexicon.py): a capitalised word that
# is one of these may be a place, a team or the start of a sentence; one that is none is likely a name.
COMMON_WORDS = _word_list("common_words.txt")


def _by_first_word(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for phrase in phrases:
        out.setdefault(phrase.split()[0], []).append(phrase)
    return {first: tuple(found) for first, found in out.items()}


# The names that are not people's ("Victoria Park"), under their first word, as a name is looked up.
_NOT_NAMES_BY_FIRST = _by_first_word(_NOT_NAMES)
# UK places of two or more words ("Milton Keynes"), under their first word.
_PLACES_BY_FIRST = _by_first_word(" ".join(p.casefold().split()) for p in _word_list("places_gb.txt"))

# --- tokens and sentences (policy.tokens) -------------------------------------------------------

# A name right after one of these belongs to a public figure, a place or a member: "St Albans",
# "Sir Winston Churchill", "Cllr Jane Smith" (politics' business), "the John Lewis store".
NOT_PERSON_BEFORE = frozenset(
    {
        "St",
        "Saint",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Duke",
        "Duchess",
        "Earl",
        "Cllr",
        "Councillor",
        "Mayor",
        "MP",
        "MSP",
        "MS",
        "AM",
        "Fort",
        "Port",
        "Mount",
        "Lake",
        "Cape",
        "Loch",
        "Storm",
        "the",
        "The",
    }
)
_GAP_IN_NAME = re.compile(r"\.?[ \t]{1,3}")


def _title_case_line(text: str, pos: int) -> bool:
    """True where a line is written in Title Case, so a capital letter says nothing about a name."""
    return _title_case_sentence(text, *sentence_bounds(text, pos))


# Each way of reading a name asks of its sentence in turn ("Mrs Quellby at 12 Zorvan Close": the title
# and the pair by shape), and the answer is the sentence's: kept for the story in hand, whose few
# sentences fit, rather than its words listed again.
@lru_cache(maxsize=4 * _PER_STORY)
def _title_case_sentence(text: str, start: int, end: int) -> bool:
    # Only ordinary words count: names, streets, postcodes and the first word are capitalised anyway.
    words = [
        w
        for w in _token_pattern(text).findall(text, start, end)[1:]
        if len(w) >= 4 and not w.isupper() and w not in _EXPECTED_CAPITALS and w.lower() not in _MINOR_WORDS
    ]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.75


_MINOR_WORDS_TEXT = "a an and at by for from in of on or the to with"
_MINOR_WORDS = frozenset(_MINOR_WORDS_TEXT.split())
_EXPECTED_CAPITALS = FIRST_NAMES | AMBIGUOUS_FIRST_NAMES | SURNAMES | NOT_SURNAMES


# --- names ----------------------------------------------------------------------------------------


class NameMatch(NamedTuple):
    """A person's name in the text: ``title`` and ``given`` may be empty, ``surname`` never is.

    A named tuple, not a frozen dataclass: every story makes many of these, and a tuple is built
    nearly three times faster (a frozen dataclass sets each field through ``object.__setattr__``)."""

    start: int
    end: int
    title: str
    given: tuple[str, ...]
    surname: str


def _joined(text: str, a: Token, b: Token, *, after_title_or_initial: bool) -> bool:
    gap = text[a.end : b.start]
    if not after_title_or_initial:
        return gap in (" ", "  ")
    return bool(_GAP_IN_NAME.fullmatch(gap))


_LETTER_RUN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=_PER_STORY)
def may_name_someone(text: str) -> bool:
    """False when no word of ``text`` starts like a listed first name or a title, as written: then
    there is no name to find (every name starts with one), and no need to look word by word.

    Cached for the story in hand: the name, special category and child checks each ask."""
    return not _NAME_STARTS.isdisjoint(cased_runs(text))


# A capital, then letters, apostrophes and hyphens with a lower-case letter among them. Written so
# that the first lower-case letter ends the first class: the regex engine then never backtracks
# through a word to find one (``[A-Za-z'-]*[a-z]`` tries each shorter run in turn).
_CAPITALISED_WORD = r"[A-Z][A-Z'-]*[a-z][A-Za-z'-]*"
# Every name this module finds starts with a capitalised word (a title too) followed, across at most a
# full stop and three spaces or tabs, by a capital: a story without one has no name to find.
_NAME_PAIR = re.compile(rf"{_CAPITALISED_WORD}\.?[ \t]{{1,3}}[A-Z]")


@lru_cache(maxsize=_PER_STORY)
def find_names(text: str) -> tuple[NameMatch, ...]:
    """Title + name ("Mrs Jones", "Mr D. Patel") and first name + surname ("Margaret Thompson")."""
    if text.isascii() and _NAME_PAIR.search(text) is None:
        return ()  # every route below needs a capitalised word with another capital after it
    listed = may_name_someone(text)
    by_context = _may_name_by_context(text)
    # The shape test costs most of the three. Where a name may be found another way the words are read
    # anyway, and it is asked only once a pair of them has the shape (till then ``by_shape`` is True
    # on trust); the answer is the same, since the test is the story's and not the pair's.
    shape_asked = not listed and not by_context
    by_shape = _may_name_by_shape(text) if shape_asked else True
    if not by_shape:
        return ()
    toks = tokens(text)
    out: list[NameMatch] = []
    resume = 0
    # Every name starts with a capitalised word (a title too): ``compress`` skips the rest, in C.
    for i in compress(range(len(toks)), map(_CAPITALISED, toks)):
        if i < resume:
            continue
        match = (
            (listed and (_title_name(text, toks, i) or _full_name(text, toks, i)))
            or (by_context and _context_name(text, toks, i))
            or None
        )
        if match is None and by_shape:
            match = _shape_name(text, toks, i)
            if match is not None and not shape_asked:
                shape_asked, by_shape = True, _may_name_by_shape(text)
                if not by_shape:
                    match = None
        if match is not None:
            out.append(match[0])
            resume = match[1]
    return tuple(out)


_CAPITALISED = itemgetter(3)  # Token.capitalised, as a function ``map`` calls in C


def capitalised_tokens(text: str) -> Iterator[Token]:
    """The capitalised words of ``text`` ("Jones", "McDonald"), in order."""
    toks = tokens(text)
    return compress(toks, map(_CAPITALISED, toks))


def _title_name(text: str, toks: Sequence[Token], i: int) -> tuple[NameMatch, int] | None:
    title = toks[i]
    if title.word not in TITLES or i + 1 >= len(toks):
        return None
    # "Oak Dr" is a street, and a title ends a word, never starts one after a number.
    # "Oak Dr" is a street: "Dr" after a capitalised word ("visits Dr Quellby" is a title).
    if title.word == "Dr" and i and toks[i - 1].capitalised and text[toks[i - 1].end : title.start] == " ":
        return None
    j = i + 1
    given: list[str] = []
    prev = title
    while j < len(toks) and len(given) < 3:
        tok = toks[j]
        if not _joined(text, prev, tok, after_title_or_initial=True):
            break
        if not (tok.initial or tok.capitalised) or tok.word in _PLACE_WORDS:
            break
        given.append(tok.word)
        prev = tok
        j += 1
        if not tok.initial and (j >= len(toks) or not _next_is_name_part(text, tok, toks[j])):
            break
    while given and (len(given[-1]) == 1):
        given.pop()
        j -= 1
    if not given:
        return None
    surname = given[-1]
    if surname not in SURNAMES and _title_case_line(text, title.start):
        return None
    full = f"{title.word} {' '.join(given)}"
    if " ".join(full.casefold().split()) in _NOT_NAMES:
        return None
    end = toks[j - 1].end
    return NameMatch(title.start, end, title.word, tuple(given[:-1]), surname), j


# The first run of letters of every first name and title, case as written: a name's first token
# starts with one ("Sarah" of "Sarah-Jane", "O" of "O'Neill").
_NAME_STARTS = frozenset(
    m.group() for n in (*FIRST_NAMES, *AMBIGUOUS_FIRST_NAMES, *TITLES) if (m := _LETTER_RUN.match(n))
)


def is_first_name(word: str) -> bool:
    """A listed first name, or a double-barrelled one that starts with one ("Sarah-Jane")."""
    return word in FIRST_NAMES or ("-" in word and word.split("-", 1)[0] in FIRST_NAMES)


def _next_is_name_part(text: str, tok: Token, nxt: Token) -> bool:
    return (
        (nxt.capitalised or nxt.initial) and nxt.word not in NOT_SURNAMES and text[tok.end : nxt.start] == " "
    )


# What follows a person's name and never a place's: an age, a home address, a verb of speaking.
_PERSON_AFTER = re.compile(
    r"\s*,\s*\d{1,3}\s*,|\s+(?:of|at|from)\s+(?:Flat\s+)?\d|\s+(?:who|said|says|told|rang|called|phoned"
    r"|emailed|wrote|complained|reported|thanked|lives|lived|asked|explained|added)\b"
)


def _full_name(text: str, toks: Sequence[Token], i: int) -> tuple[NameMatch, int] | None:
    first = toks[i]
    if not first.capitalised:
        return None
    ambiguous = first.word in AMBIGUOUS_FIRST_NAMES
    if not is_first_name(first.word) and not ambiguous:
        return None
    if previous_word(text, toks, i) in NOT_PERSON_BEFORE:
        return None
    if text[first.end : first.end + 2] in ("'s", "’s"):
        return None  # "Margaret's" is a first name on its own
    run: list[Token] = [first]
    j = i + 1
    while j < len(toks) and len(run) < 4:
        tok, prev = toks[j], run[-1]
        if not _joined(text, prev, tok, after_title_or_initial=prev.initial):
            break
        if not (tok.capitalised or tok.initial):
            break
        run.append(tok)
        j += 1
        if text[tok.end : tok.end + 1] in ("'", "’"):
            break
    while len(run) > 1 and run[-1].initial:
        run.pop()
    if len(run) < 2:
        return None
    words = [t.word for t in run]
    if any(w in _PLACE_WORDS for w in words[1:]):
        return None  # "Victoria Street", "Marie Curie Hospice", "Carol Service"
    surname = words[-1]
    # A venue or a street right after the run ("John Smith Court") makes it a place too.
    after = toks[j] if j < len(toks) else None
    if after is not None and after.word in _PLACE_WORDS and text[run[-1].end : after.start] == " ":
        return None
    # An unknown surname after "Hazel" stands only where what follows is a person's ("Hazel
    # Thornton of 12 Oak Close", "Jordan Lindqvist said"); in a Title Case line, never.
    if surname not in SURNAMES and (
        _title_case_line(text, first.start) or (ambiguous and not _PERSON_AFTER.match(text, run[-1].end))
    ):
        return None
    if surname in _SHARED_SURNAMES and (ambiguous or len(run) > 2):
        return None
    if surname in NOT_SURNAMES and surname not in _SHARED_SURNAMES:
        return None
    key = " ".join(w.casefold() for w in words)
    if any(key.startswith(n) or n.startswith(key) for n in _NOT_NAMES_BY_FIRST.get(words[0].casefold(), ())):
        return None
    middle = tuple(words[1:-1])
    return NameMatch(first.start, run[-1].end, "", (words[0], *middle), surname), j


# A name outside the lists, known by where it stands: after "my colleague" or "our neighbour", or
# before what only follows a person ("Rachael Ogunleye, 34,", "Glenn Whitaker, who cleared …").
_ROLE_WORDS = (
    "colleague neighbour tenant resident client volunteer caretaker friend husband wife partner son"
    " daughter mum dad mother father brother sister grandmother grandfather gran grandad nan pensioner"
    " carer customer constituent householder homeowner"
)
# Behind a lookahead of the role words' first letters (see ``words.first_characters``): the regex engine
# then enters the alternation only where one stands, rather than at every position it scans.
_ROLE_FIRSTS = f"(?=[{initials(_ROLE_WORDS.split())}])"
_ROLE_BEFORE = word_pattern(_ROLE_WORDS, after=r",?[ \t]+$", before=_ROLE_FIRSTS + r"\b")
# An age or a house number after the name says "person" whatever the surname; a verb only after a
# listed surname, since firms say and ring too ("Network Rail said").
_AGE_OR_HOME_AFTER = re.compile(
    r"\s*,\s*\d{1,3}\s*,|\s*\(\d{1,2}\)|,?\s+aged\s+\d|\s+(?:of|at|from)\s+(?:Flat\s+)?\d"
)
_CONTEXT_AFTER = re.compile(
    rf"{_AGE_OR_HOME_AFTER.pattern}"
    r"|,?\s+(?:who|said|says|told|rang|called|phoned|emailed|wrote|complained|reported|thanked|lives|lived"
    r"|asked|explained|added)\b"
    r"|\s+from\s+the\s+[\w'’ -]{1,40}?\s+(?:rang|called|phoned|emailed|wrote|said|came|asked)\b"
)
# Every story with a name found by context has one of these words, or a name before an age or a
# house number; most stories have neither, and are done without looking word by word.
_CUE_WORDS = frozenset(
    (
        _ROLE_WORDS + " aged who said says told rang called phoned emailed wrote complained reported"
        " thanked lives lived asked explained added came"
    ).split()
)
_AGE_OR_HOME_CUE = re.compile(rf"[A-Z][a-z]+(?:{_AGE_OR_HOME_AFTER.pattern})")


_DIGIT = re.compile(r"\d")


# Such a name is two capitalised words with one space between; in ASCII text, written like this.
_CAPITALISED_PAIR = re.compile(rf"{_CAPITALISED_WORD} [A-Z]")


# Where ``_context_name`` finds a name in ASCII text, one of these is in it: a role word right before
# the first word (``_ROLE_BEFORE``'s "$" also matches before a last newline), or a capitalised word with
# what only follows a person right after it (``_CONTEXT_AFTER`` holds ``_AGE_OR_HOME_AFTER``). The cue
# words above are in many stories ("who", "said"); these two scans spare most of those the word-by-word
# look.
_ROLE_THEN_CAPITAL = word_pattern(_ROLE_WORDS, after=r",?[ \t]+\n?(?-i:[A-Z])", before=_ROLE_FIRSTS + r"\b")
_ROLE_WORD_SET = frozenset(_ROLE_WORDS.split())  # each a whole run of letters where it matches
_CAPITALISED_THEN_CONTEXT = re.compile(rf"[A-Z][A-Za-z'-]*[A-Za-z](?:{_CONTEXT_AFTER.pattern})")


def _may_name_by_context(text: str) -> bool:
    cue = not _CUE_WORDS.isdisjoint(lower_runs(text)) or (
        _DIGIT.search(text) is not None and _AGE_OR_HOME_CUE.search(text) is not None
    )
    if not cue or not text.isascii():
        return cue
    return _CAPITALISED_PAIR.search(text) is not None and (
        _CAPITALISED_THEN_CONTEXT.search(text) is not None
        or (not _ROLE_WORD_SET.isdisjoint(lower_runs(text)) and _ROLE_THEN_CAPITAL.search(text) is not None)
    )


def _context_name(text: str, toks: Sequence[Token], i: int) -> tuple[NameMatch, int] | None:
    """An unlisted first name and a surname, where the words around say it is a person."""
    if i + 1 >= len(toks):
        return None
    first, second = toks[i], toks[i + 1]
    if not (first.capitalised and second.capitalised) or len(first.word) < 3:
        return None
    if text[first.end : second.start] != " " or first.word in TITLES or first.word in NOT_PERSON_BEFORE:
        return None
    if any(w in NOT_SURNAMES or w in TITLES for w in (first.word, second.word)):
        return None
    # A third capitalised word makes it a place or an organisation ("Glenn Close Road").
    if i + 2 < len(toks) and toks[i + 2].capitalised and text[second.end : toks[i + 2].start] == " ":
        return None
    if previous_word(text, toks, i) in NOT_PERSON_BEFORE:
        return None
    if not (
        _ROLE_BEFORE.search(text, max(0, first.start - 30), first.start)
        or _AGE_OR_HOME_AFTER.match(text, second.end)
        or (second.word in SURNAMES and _CONTEXT_AFTER.match(text, second.end))
    ):
        return None
    if _title_case_line(text, first.start):
        return None
    if _known_not_person(first.word, second.word):
        return None
    return NameMatch(first.start, second.end, "", (first.word,), second.word), i + 2


def _known_not_person(first: str, second: str) -> bool:
    """A listed non-name ("Severn Trent") or the start of a UK place's name ("Milton Keynes")."""
    pair = f"{first} {second}".casefold()
    return pair in _NOT_NAMES or any(p.startswith(pair) for p in _PLACES_BY_FIRST.get(first.casefold(), ()))


# Capitalised words that are not ordinary lower-case words and still not people: the days and months
# (from the calendar module, which Webster's lists only capitalised) and the festivals and seasons of
# the UK's calendar, which no library lists.
_CALENDAR = frozenset(
    [
        *calendar.day_name,
        *(m for m in calendar.month_name if m),
        *[
            "Christmas",
            "Easter",
            "Whitsun",
            "Hanukkah",
            "Diwali",
            "Eid",
            "Ramadan",
            "Vaisakhi",
            "Hogmanay",
            "Halloween",
            "Advent",
        ],
        *["Lent", "Pentecost", "Passover", "Yom", "Kippur"],
    ]
)


# Two capitalised words a space apart in ASCII text (the second looked at without being consumed, so
# that in "Ann Zorvan Quellby" both pairs are seen). The word boundary before the first is asked after
# its capital ("not a word character before it"), so that the pattern starts with a class of letters,
# which the regex engine skips to, rather than with a boundary it must test at every position.
_ASCII_PAIR = re.compile(rf"([A-Z](?<!\w.)[A-Z'-]*[a-z][A-Za-z'-]*) (?=({_CAPITALISED_WORD})\b)")


def _may_name_by_shape(text: str) -> bool:
    """False when every capitalised pair is of ordinary words ("Victoria Park", "Bin Crew"): then no
    name by shape is there, and the story need not be looked at word by word for one."""
    if not text.isascii():
        return True
    for m in _ASCII_PAIR.finditer(text):
        first, second = m.group(1, 2)
        odd_first = not is_common_word(first.removesuffix("'s"))
        odd_second = not is_common_word(second.removesuffix("'s"))
        # The same test _shape_name makes first: both words odd, or one and a person's verb after.
        if (odd_first and odd_second) or (
            (odd_first or odd_second) and _PERSON_CUE_AFTER.match(text, m.end(2)) is not None
        ):
            return True
    return False


def is_common_word(word: str) -> bool:
    """An ordinary English word, or its plural: the dictionary lists head words only ("shoal")."""
    w = word.casefold()
    if w in COMMON_WORDS:
        return True
    if w.endswith("s"):
        if w.endswith("ies") and w[:-3] + "y" in COMMON_WORDS:
            return True
        return w[:-1] in COMMON_WORDS or (w.endswith("es") and w[:-2] in COMMON_WORDS)
    return False


# A pair after these is where something is, not who: "the bus shelter on Quellby Shoals".
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[A-Za-z]?,?[ \t]+$")
_PLACE_BEFORE = frozenset({"on", "in", "along", "near", "off", "into", "towards", "via", "across"})


def _plain_capital(word: str) -> bool:
    return (
        word not in _CALENDAR
        and word not in NOT_SURNAMES
        and word not in TITLES
        and word not in NOT_PERSON_BEFORE
    )


# What follows a person rather than a shop or a team, when one word of the pair is ordinary.
_PERSON_CUE_AFTER = re.compile(
    r",?\s+(?:said|says|told|came|comes|has|had|was|is|who|from|of|aged|won|wanted|thanked|lives|lived"
    r"|rang|called|phoned|emailed|wrote|complained|asked|explained|added)\b|\s*,\s*(?:\d{1,3}\s*,|our|my|aged)\b"
)


def _uncommon(tok: Token) -> bool:
    """A capitalised word that no dictionary writes in lower case, nor lists as a place or a title."""
    word = tok.word
    return tok.capitalised and len(word) >= 2 and not is_common_word(word) and _plain_capital(word)


def _shape_name(text: str, toks: Sequence[Token], i: int) -> tuple[NameMatch, int] | None:
    """Two capitalised words, neither an ordinary English word ("Zorvan Quellby").

    Nothing is known of either word but that no dictionary writes it in lower case: so a pair stands
    alone (no capitalised word joined on either side, which would make it part of a longer proper
    name such as a place or a firm), outside a Title Case line, and not on the list of known non-names.
    """
    if i + 1 >= len(toks):
        return None
    first, second = toks[i], toks[i + 1]
    if not second.capitalised or second.start != first.end + 1 or text[first.end] != " ":
        return None
    odd_first, odd_second = _uncommon(first), _uncommon(second)
    if not (odd_first and odd_second):
        # One ordinary word ("Zorvan Teapot said"): a person only where a person's verb or
        # home follows, and the ordinary word is not a place's, a title or a date.
        other = second if odd_first else first
        if not (odd_first or odd_second) or not other.capitalised or not _plain_capital(other.word):
            return None
        if not _PERSON_CUE_AFTER.match(text, second.end):
            return None
    if i + 2 < len(toks) and toks[i + 2].capitalised and text[second.end : toks[i + 2].start] == " ":
        return None
    if i and toks[i - 1].capitalised and text[toks[i - 1].end : first.start] == " ":
        return None
    if _HOUSE_NUMBER_BEFORE.search(text, max(0, first.start - 8), first.start):
        return None  # "227 Quellby Brook" is a street
    before = previous_word(text, toks, i)
    if before in NOT_PERSON_BEFORE or before in _PLACE_BEFORE or _title_case_line(text, first.start):
        return None
    if _known_not_person(first.word, second.word):
        return None
    return NameMatch(first.start, second.end, "", (first.word,), second.word), i + 2


def private_names(text: NormalisedText, rules: OrgRules) -> list[NameMatch]:
    """Names of people the rules file has not cleared for publication."""
    cleared = cleared_names(rules)
    return [
        n
        for n in find_names(text.text)
        if not is_cleared(n, cleared) and not is_place(text.text, n.start, n.end, rules)
    ]
