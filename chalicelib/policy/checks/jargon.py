"""A11Y-JARGON: the GDS words to avoid, vague uses of everyday words, and acronyms nobody explained.

Plain English is an accessibility matter (GDS content design: people with learning disabilities, people
reading in a second language, anyone in a hurry), so the words to avoid come from the GDS list and the
organisation's own additions, each with plainer words to try.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText, PhraseIndex, may_have_phrase, phrase_index
from ..registry import Registration
from ..rules import OrgRules, builtin_list
from ..words import first_characters, word_pattern
from .accessibility import capital_runs, dictionary_word

JARGON = "A11Y-JARGON"


@cache
def _jargon_pattern(extra: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str], PhraseIndex | None]:
    """The pattern, the plain-English advice per word, and the listed phrases' words: a story that
    lacks a word of each phrase cannot match."""
    advice: dict[str, str] = {}
    for line in builtin_list("a11y_jargon.txt") + extra:
        word, _, plain = line.partition("|")
        advice[word.strip().lower()] = plain.strip()
    alternatives = "|".join(
        r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", w))) for w in sorted(advice, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return pattern, advice, phrase_index(advice)


_DELIVER = re.compile(r"\bdeliver(?:s|ed|ing)?\b", re.IGNORECASE)
# What can really be delivered: "crews delivered 500 new bins" is plain English.
_DELIVERABLE = word_pattern(
    "parcels? post mail leaflets? food meals? papers? packages? newspapers? letters? boxes box bins?"
    " furniture groceries medicines? prescriptions? pizzas? sandbags? hampers? presents? gifts?"
    " books? equipment supplies bags? sacks? caddies caddy compost logs trees? plants? water milk"
    " items? goods bab(?:y|ies) twins lambs? calves foals? keys? beds? blankets? laptops? tablets?"
    " devices? vans? door doors(?:tep)?s? homes? address(?:es)? flyers? cards? kits? packs? toys?"
    " coats? clothes uniforms? salt grit signs? cones? barriers? benches? planters? tonnes?",
    after=r"\b",
)


class _VagueUse(NamedTuple):
    """A word GDS lists as vague in some of its uses: those uses, the words every one of them contains
    (as a whole run of letters), and plainer words to try."""

    uses: re.Pattern[str]
    words: frozenset[str]
    plain: str


_VAGUE_USES = (
    _VagueUse(
        re.compile(
            r"\bkey\s+(?:priority|priorities|role|roles|part|parts|issue|issues|message|messages|area|areas"
            r"|partner|partners|stakeholders?|theme|themes|objectives?|focus|factors?|aims?|drivers?|element"
            r"|elements|players?|components?|outcomes?|challenges?|points?|findings|milestones?|principles?"
            r"|deliverables?|enablers?|learnings?|takeaways?|insights?|success|performance|strategic)\b"
            r"|\b(?:is|are|was|were|be)\s+(?:absolutely\s+|really\s+|so\s+)?key\b"
            r"(?!\s+(?:to\s+the\s+door|holders?|safes?))"
            r"|\bkey\s+to\s+(?:success|delivering|achieving|improving|the\s+success)\b",
            re.IGNORECASE,
        ),
        frozenset({"key"}),
        "important, main",
    ),
    _VagueUse(
        re.compile(
            r"\b(?:will|could|may|might|can|would|to|negatively|positively|directly|adversely|significantly)"
            r"\s+impact\b|\bimpacted\b|\bimpacting\b",
            re.IGNORECASE,
        ),
        frozenset(["impact", "impacted", "impacting"]),
        "affect, change",
    ),
    _VagueUse(
        word_pattern(
            "up down forward out improvements? change growth efficienc(?:y|ies) innovation standards"
            " performance progress",
            before=r"\bdriv(?:e|es|ing|en)\s+",
            after=r"\b",
        ),
        frozenset(["drive", "drives", "driving", "driven"]),
        "improve, increase, reduce",
    ),
    _VagueUse(
        re.compile(r"\btackl(?:e|es|ed|ing)\b(?!\s+(?:him|her|them|the\s+(?:player|ball)))", re.IGNORECASE),
        frozenset(["tackle", "tackles", "tackled", "tackling"]),
        "deal with, stop, reduce",
    ),
)

_ACRONYM = re.compile(first_characters("A-Z", r"(?<![\w&#@/.])[A-Z][A-Z&]{1,5}s?(?![\w&'’/])"))
_ROMAN = re.compile(r"^[IVXLC]+$")


@cache
def _known_acronyms(extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(builtin_list("a11y_acronyms.txt") + extra)


# Every word any of them needs, for one set test in place of one for each.
_VAGUE_WORDS = frozenset().union(*(vague.words for vague in _VAGUE_USES))
# The words every match of _DELIVER contains, as a whole run of letters.
_DELIVER_WORDS = frozenset(["deliver", "delivers", "delivered", "delivering"])
# An acronym starts with two capitals (or a capital and "&").
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z&]")


def check_jargon(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    words = text.words
    pattern, advice, phrases = _jargon_pattern(tuple(rules.words.jargon))
    findings: list[Finding] = []
    # Each pattern runs only if the story has a word it needs: most stories have none of them.
    for m in pattern.finditer(source) if may_have_phrase(words, phrases) else ():
        key = re.sub(r"[\s-]+", " ", m.group(0).lower())
        plain = (
            advice.get(key)
            or advice.get(m.group(0).lower())
            or next((v for k, v in advice.items() if re.sub(r"[\s-]+", " ", k) == key), "")
        )
        findings.append(Finding(JARGON, Severity.WARN, *m.span(), _jargon_reason(m.group(0), plain)))
    for m in _DELIVER.finditer(source) if not _DELIVER_WORDS.isdisjoint(words) else ():
        window = source[m.end() : m.end() + 50]
        if not _DELIVERABLE.search(window) and not _DELIVERABLE.search(
            source[max(0, m.start() - 25) : m.start()]
        ):
            findings.append(
                Finding(
                    JARGON, Severity.WARN, *m.span(), _jargon_reason(m.group(0), "do, make, give, provide")
                )
            )
    for vague in () if _VAGUE_WORDS.isdisjoint(words) else _VAGUE_USES:
        if vague.words.isdisjoint(words):
            continue
        findings += [
            Finding(JARGON, Severity.WARN, *m.span(), _jargon_reason(m.group(0), vague.plain))
            for m in vague.uses.finditer(source)
        ]
    if _TWO_CAPITALS.search(source):
        findings += _unexplained_acronyms(source, rules)
    return findings


def _jargon_reason(word: str, plain: str) -> str:
    instead = f" Try: {plain}." if plain else ""
    return f"\u201c{word}\u201d is on the GDS list of words to avoid: it is vague or jargon.{instead}"


def _unexplained_acronyms(source: str, rules: OrgRules) -> list[Finding]:
    known = _known_acronyms(tuple(rules.words.acronyms))
    shouted = [range(s, e) for s, e in capital_runs(source, 2)]
    seen: set[str] = set()
    findings: list[Finding] = []
    # An explanation has a bracket (either reading below does): most stories have none to look for.
    bracket = "(" in source
    for m in _ACRONYM.finditer(source):
        word = m.group(0)
        base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if base in seen or word in known or base in known or _ROMAN.match(base):
            continue
        seen.add(base)
        if any(m.start() in r for r in shouted):
            continue  # words in capitals for emphasis: the capitals check covers them
        if len(base) >= 3 and dictionary_word(base.lower()) and len(base) > 3:
            continue  # a word written in capitals ("FREE"), not an acronym
        if bracket and re.search(rf"\(\s*{re.escape(base)}s?\s*\)|(?<![\w]){re.escape(base)}s?\s*\(", source):
            continue  # explained where it is introduced: "antisocial behaviour (ASB)"
        reason = (
            f"Explain \u201c{word}\u201d the first time it is used, for example \u201cantisocial behaviour "
            f"(ASB)\u201d, or use plain words instead: not everyone knows it."
        )
        findings.append(Finding(JARGON, Severity.WARN, *m.span(), reason))
    return findings


REGISTRY: tuple[Registration, ...] = (
    Registration(JARGON, "GDS words to avoid, and acronyms used without explanation", check_jargon),
)
