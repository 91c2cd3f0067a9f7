"""The check for children: a child identified by name with an age, a school or a school year.

A child's name with their age or school is enough to find them at the school gate, so it blocks
unless a parent or carer has consented; so does an image that shows a child without recorded consent.
Adults named with their school (the teacher, the lollipop patrol) are not children.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import compress
from operator import attrgetter

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..people import (
    AMBIGUOUS_FIRST_NAMES,
    NOT_PERSON_BEFORE,
    NOT_SURNAMES,
    TITLES,
    Token,
    cleared_names,
    is_common_word,
    is_first_name,
    may_name_someone,
    previous_word,
    sentence_bounds,
    tokens,
)
from ..registry import Registration
from ..rules import OrgRules
from ..spans import merge_spans
from ..words import word_pattern

CHILD = "PII-CHILD"

CHILD_REASON = (
    "This identifies a child (a name with an age, a school or a school year). Remove the name, or the "
    "age and school, unless a parent or carer has given written consent for this story."
)
CHILD_IMAGE_REASON = (
    "This image shows a child and no consent is recorded for it. Get written consent from a parent or "
    "carer, or use a photo in which no child can be recognised."
)

_AGE_WORDS_TEXT = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen
"""
_AGE_WORDS = {w: i for i, w in enumerate(_AGE_WORDS_TEXT.split())}
_AGE = r"(\d{1,2}|" + "|".join(_AGE_WORDS) + ")"
_SCHOOL = r"(?:[A-Z][\w'’.-]*\s+){1,5}(?:Primary|Infants?|Juniors?|Academy|School|Nursery)\b"
# What follows a child's name: "(7)", ", 7,", "aged 7", ", a seven-year-old", "(Year 5)", "from
# Oakfield Primary", ", a pupil at".
_CHILD_AFTER = re.compile(
    rf"\s*\(\s*(?:aged?\s*)?{_AGE}\s*\)"
    rf"|,?\s+(?:aged?|age)\s+{_AGE}\b"
    rf"|,\s*{_AGE}\s*(?:,|\b(?=\s+(?:from|of|who|and|has|is|was|said|told|in|at)\b|\s*[.!?;)]|\s*$))"
    rf"|,?\s+(?:a|an|the|who\s+is|who['’]s)\s+{_AGE}"
    rf"(?:[- ]years?[- ]old\b|\b(?![- ](?:years?\s+(?:of|in|at|with|since))|%|\s*per))"
    rf"|\s*\((?:Year|Yr|Y)\s*\d{{1,2}}\)"
    rf"|,?\s+(?:a\s+|an\s+)?(?:(?:Year\s+\d{{1,2}}|Reception|sixth[- ]form)\s+(?:pupil|student)"
    rf"|pupil|schoolboy|schoolgirl)\b"
    rf"|,?\s+(?:in|from)\s+Year\s+\d{{1,2}}\b"
    rf"|,?\s+(?:from|at|of|who\s+attends|who\s+goes\s+to)\s+{_SCHOOL}",
    re.IGNORECASE,
)
_CHILD_BEFORE = re.compile(
    rf"\b{_AGE}[- ]years?[- ]old\s+(?:(?:boy|girl|son|daughter|pupil|schoolboy|schoolgirl|grandson"
    rf"|granddaughter|brother|sister|twins?)\s+)?$"
    rf"|\b(?:pupil|student|schoolboy|schoolgirl|Year\s+\d{{1,2}}(?:\s+(?:pupil|student))?|Reception\s+pupil)\s+$",
    re.IGNORECASE,
)
_KIN_BEFORE = word_pattern(
    "son daughter grandson granddaughter nephew niece child boy girl stepson stepdaughter baby"
    " toddler brother sister twins?",
    after=r"\s+$",
)
# Adults named with their school: the teacher, not a pupil.
_ADULT_BEFORE = word_pattern(
    "teacher headteacher head principal staff governor governors caretaker assistant senco lollipop"
    " patrol cook chef manager officer councillor cllr librarian nurse coach volunteer parent mum dad"
    " mother father",
    after=r"\b[^.!?\n]{0,20}$",
)


# An age or a school somewhere: then an unlisted name may be a child's. Two patterns, each looked
# for only where the text has what it needs: the second starts with "(" or ",", which the regex
# engine skips to, and the first needs a digit or one of the school words.
_CHILD_CUE_WORDS = re.compile(r"\b(?:aged?\s+\d|Primary|Infants?|Juniors?|Academy|School|Nursery|Year\s+\d)")
_CHILD_CUE_NUMBERS = re.compile(r"\(\s*\d{1,2}\s*\)|,\s*\d{1,2}\s*,")


def _has_child_cue(text: NormalisedText) -> bool:
    source = text.text
    digits = text.digit_count > 0
    if (
        (digits and ("age" in source or "Year" in source))
        or "School" in source
        or "Primary" in source
        or "Academy" in source
        or "Nursery" in source
        or "Infant" in source
        or "Junior" in source
    ) and _CHILD_CUE_WORDS.search(source) is not None:
        return True
    return digits and _CHILD_CUE_NUMBERS.search(source) is not None


_AT_SCHOOL = re.compile(r"School|Primary|Academy|Nursery|Infant|Junior|pupil", re.IGNORECASE)


def _age_ok(raw: str | None) -> bool:
    if raw is None:
        return True
    age = int(raw) if raw.isdigit() else _AGE_WORDS.get(raw.lower(), 99)
    return age < 18


# Capitalised words that stand where a child's name would and are not one ("Well done to Year 6").
_NOT_A_CHILD_TEXT = """
    Year Class Reception Team Staff Pupils Children Students Parents Teachers Governors Nursery Juniors
    Infants Everyone Families School Primary Academy Brownies Cubs Scouts Guides Beavers Rainbows
"""
_NOT_A_CHILD = frozenset(_NOT_A_CHILD_TEXT.split())


def _name_shaped(source: str, toks: Sequence[Token], i: int) -> bool:
    """An unlisted word that is still shaped like a first name: double-barrelled with both halves
    capitalised ("Lily-Rose"), capitalised where a sentence does not start ("well done to Kayden"),
    or at a sentence's start and no ordinary English word."""
    tok = toks[i]
    if (
        tok.word in _NOT_A_CHILD
        or tok.word in NOT_SURNAMES
        or tok.word in TITLES
        or tok.word in NOT_PERSON_BEFORE
    ):
        return False
    if "-" in tok.word:
        return all(part[:1].isupper() and part[1:].islower() for part in tok.word.split("-"))
    if not tok.word[1:].islower():
        return False
    # At the start of a sentence any word is capitalised: there only a word no dictionary writes in
    # lower case ("Zorvana, aged 6, ...") is shaped like a name, or any word with an age in commas
    # after it ("Rose, 7, helped ..."), which only a person has.
    return (
        (i > 0 and sentence_bounds(source, tok.start)[0] != tok.start)
        or not is_common_word(tok.word)
        or _AGE_IN_COMMAS.match(source, tok.end) is not None
    )


_AGE_IN_COMMAS = re.compile(rf",\s*(?:aged\s+)?{_AGE},", re.IGNORECASE)
_NOT_CHILD_BEFORE = NOT_PERSON_BEFORE | TITLES
_CAPITALISED = attrgetter("capitalised")


def _child_candidates(source: str, toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Spans of what could be a child's name: a first name with an optional surname."""
    # Only capitalised words can be a name: ``compress`` passes over the others in C.
    for i in compress(range(len(toks)), map(_CAPITALISED, toks)):
        tok = toks[i]
        known = is_first_name(tok.word) or tok.word in AMBIGUOUS_FIRST_NAMES
        if (
            not known
            and not _KIN_BEFORE.search(source, max(0, tok.start - 15), tok.start)
            and not _name_shaped(source, toks, i)
        ):
            continue
        if previous_word(source, toks, i) in _NOT_CHILD_BEFORE:
            continue
        end = tok.end
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            nxt is not None
            and nxt.capitalised
            and source[tok.end : nxt.start] == " "
            and nxt.word not in NOT_SURNAMES
        ):
            end = nxt.end
        yield tok.start, end


_KIN_WORDS_TEXT = """
    son daughter grandson granddaughter nephew niece child boy girl stepson stepdaughter baby
    toddler brother sister twin twins
"""
_KIN_WORDS = frozenset(_KIN_WORDS_TEXT.split())


# What _CHILD_AFTER or _CHILD_BEFORE needs when the story has no digit: an age in words, or a school,
# a pupil or a student (whole words, as the story's ``words`` have them). Without any, a name found
# is never said to be a child's, and the words are not looked through one by one.
_AGE_OR_SCHOOL_TEXT = (
    "pupil student schoolboy schoolgirl primary infant infants junior juniors academy school nursery"
)
_AGE_OR_SCHOOL_WORDS = frozenset(_AGE_WORDS) | frozenset(_AGE_OR_SCHOOL_TEXT.split())


def check_child(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    cleared = cleared_names(rules)
    spans: list[tuple[int, int]] = []
    # A child is a first name, or any capitalised word after "son", "daughter" …
    may_name_a_child = (text.digit_count > 0 or not _AGE_OR_SCHOOL_WORDS.isdisjoint(text.words)) and (
        may_name_someone(source) or not _KIN_WORDS.isdisjoint(text.words) or _has_child_cue(text)
    )
    for start, end in _child_candidates(source, tokens(source)) if may_name_a_child else ():
        words = tuple(w.casefold() for w in source[start:end].split())
        if len(words) > 1 and any(k[-len(words) :] == words for k in cleared):
            continue
        if text.text[end : end + 2] in ("'s", "’s"):
            continue
        after = _CHILD_AFTER.match(source, end)
        if after and _age_ok(next((g for g in after.groups() if g), None)):
            at_school = _AT_SCHOOL.search(after.group())
            if at_school and _ADULT_BEFORE.search(source, max(0, start - 40), start):
                continue
            spans.append((start, after.end()))
            continue
        before = _CHILD_BEFORE.search(source, max(0, start - 40), start)
        if before and _age_ok(next((g for g in before.groups() if g), None)):
            spans.append((before.start(), end))
    findings = [Finding(CHILD, Severity.BLOCK, a, b, CHILD_REASON) for a, b in merge_spans(spans)]
    for i, image in enumerate(ctx.images):
        if image.shows_child and not image.consent:
            findings.append(Finding(CHILD, Severity.BLOCK, 0, 0, CHILD_IMAGE_REASON, image=i))
    return findings


REGISTRY: tuple[Registration, ...] = (
    Registration(
        CHILD,
        "A child identified by name with an age, school or school year; an image of a child "
        "without recorded consent",
        check_child,
    ),
)
