"""Who in a sentence did the wrong it tells of: the one named, or its witness, helper, victim or place.

TONE-DEFAME's sentence reading (``allegation``) finds a wrong and someone identifiable in the same
sentence; these patterns say whether the one named is its doer ("Gary at number 9 dumped it") or
anyone else ("Mr Oduya reported the fly-tipping", "stole three hanging baskets from outside the Plough",
"Mrs Patel was scammed").
"""

from __future__ import annotations

import re

from .excuses import alternation

# Between someone named and the wrong, a word that makes them its witness, reporter, helper, fixer or
# catcher, or someone else its doer: "Mr Oduya reported the fly-tipping", "PC Bell arrested a man
# selling stolen bikes", "Jo Bell left early because the hall was unsafe".
_NOT_THE_DOER_WORDS = r"""
    reported (?<!the\s)(?<!a\s)reports? reporting (?<!was\s)(?<!were\s)(?<!been\s)(?<!got\s)caught catches
    (?<!nobody\s)saw
    (?<!was\s)(?<!were\s)(?<!been\s)(?<!one\s)(?<!ones\s)(?<!nobody\s)seen sees
    (?<!was\s)(?<!were\s)(?<!been\s)spotted stopped stops found
    finds received
    receives helped helping helps help arrested arresting fined prosecuted warned warns investigat\w*
    tackled tackling tackles confronted challenged rescued supported supporting supports runs
    (?<!school\s)run leads
    lead led work works put_right puts_right fixed fixes repaired repairs sorted cleared clears clearing
    removed removing collected collecting(?!_(?:for|in|money|cash|donations)\b) answered responded attended
    traced tracked_down
    (?:up|look\w*|clean\w*|tidy\w*|tidied|went|go\w*|came|run|ran|chas\w+)_after against
    (?:told|tell\w*|spoke|speak\w*|talk\w*|heard|hear\w*|knew|know\w*|post\w*|on)(?:_\w+)?_about
    victims? someone somebody a_man a_woman
    thieves dealt deals_with won(?!['’]t) wins beat beats lost_to met meets visited spoke thanked
    complained complains asked phoned rang
    (?<!'s\s)(?<!’s\s)(?<!be\s)called(?!_(?:off|me_an?|him_an?|her_an?|them_an?|us_an?)\b) emailed wrote
    worried flagged flags tipped_off
    alerted alerts grassed some_lads some_kids some_lad a_lad a_gang a_bloke vandals youths teenagers
    recovering recovers rehomed rehoming cared_for taken_to brought_(?:in_)?to handed_(?:in_)?to
    (?:taken|took|takes|taking)_in adopted adopts rescues
    (?:when|after|as|because|until)_an?_\w+
    raised_the_alarm (?:film|video|play|talk|documentary|exhibition|book|podcast)_(?:\w+_)?(?:about|on)
"""
# "by" of a doer ("caught by PC Bell"), not of a time ("get out by Friday") or a means ("by burning it");
# "because" of another's doing, not of their own ("because he", "because her brother's firm won it").
_TIMES = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next|then|now|the\s+end|\d\w*"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|midnight|lunch\w*"
    r"|dinner\w*|teatime|morning|the\s+time"
)
_NOT_THE_DOER = re.compile(
    rf"\b(?:{alternation(_NOT_THE_DOER_WORDS)}|(?<!-)by(?!\s+(?:(?:{_TIMES})\b|\w+ing\b))"
    rf"|because(?!\s+(?:he|she|they|his|her|their|of)\b))\b"
)
# A wrong done to the one named: "were ripped off", "was lied to", "who were overcharged".
# Not "has been selling knock-off vodka": a word in "-ing" between makes it active. "Was given a fake
# note" is done to them.
# "had his shop window smashed", "had a load of cable nicked", "lost £2,000 to doorstep crooks": done to
# them too.
DONE_TO = re.compile(
    r"\b(?:was|were|been|being)\s+(?!(?:a|an)\s)(?:(?!\w+ing\s|(?:and|but|then|so|or)\s)[\w'-]+\s+){0,2}$"
    r"|\b(?:got|get|gets)\s+(?:(?!\w+ing\s|no\s)\w+\s+)?$"
    r"|\bhad\s+(?:all\s+)?(?:his|her|their|its|a|an|some|two|three|four|five|six|\d+)\s+(?:\w+\s+){0,3}$"
    # "had copper pipe stolen", "had thousands of pounds of tools stolen" (the wrong a participle)
    # "had the kids' kit fund stolen from his car"; not "had the cheek to"
    r"|\bhad\s+(?!the\s+(?:cheek|nerve|gall|audacity)\b)(?:(?!(?:and|but|then|so|or|while)\s)[\w'’]+\s+){1,6}$"
    r"|\blost\s+(?:[£$€]?[\d,.]+k?|\w+(?:\s+\w+)?)\s+to\s+(?:\w+\s+)?$"
    # "had his shed broken into and his tools stolen"
    r"|\bhad\s+(?:his|her|their|its)\s+[\w\s]{0,40}?\band\s+(?:all\s+)?(?:his|her|their|its|the)\s+(?:\w+\s+){0,2}$"
)
# What makes "was …" a wrong done to someone: a participle ("was scammed", "was given a fake note").
PARTICIPLE = re.compile(
    r"\b(?:\w+(?:ed|en|wn|ght|lt|nt|pt)|done|hit|bit|cut|had|made|paid|sold|told|left|kept|got|set|shot|stung|lost)\b"
)
# "was lied to by", and a wrongdoer who is someone else: "Mrs Smith, a thief had taken her purse".
BY_AFTER = re.compile(
    rf"\s+(?:to\s+)?by\b(?!\s+(?:{_TIMES})\b)"
    r"|s?\s+(?:had|has|have|took|stole|was|were|broke|got|came|entered|then|are\s+targeting)\b"
)


def the_doer(lower: str, mention: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Nothing between the one named and the wrong makes them anyone but its doer (either order)."""
    a, b = (mention[1], cue[0]) if mention[1] <= cue[0] else (cue[1], mention[0])
    if a > b:
        # The cue is part of the mention's span: of a name ("Cowboy Roofing Ltd"), the one named; of a
        # description, its doer unless the description says otherwise ("the crews who cleared the
        # fly-tipping on Calder Street").
        return mention[0] >= cue[0] or _NOT_THE_DOER.search(lower, mention[0], cue[0]) is None
    someone = _SOMEONE_DID.search(lower, max(0, cue[0] - 24), cue[0]) or _SOMEONE_DID_AND.search(
        lower, max(0, cue[0] - 70), cue[0]
    )
    if someone is not None and someone.start() < mention[0]:
        # "Someone dumped tyres in the lay-by at Cross Ash", "Someone broke into the Rovers' clubhouse and
        # stole the urn": someone did it, not the place or the club named after them.
        return False
    if a == cue[1] and (
        _WHERE_BEFORE.search(lower, a, b)
        or _WHERE_BETWEEN.search(lower, a, b)
        or _DONE_TO_A_PLACE.search(lower, a, b)
        or (_DUMPED.fullmatch(lower, cue[0], cue[1]) and _DUMPED_AT.fullmatch(lower, a, b))
        or _SAID_BY.search(lower, a, b)
        # "threatened staff at the Castlegate office", "robbed the Co-op": whom it was done to.
        or (_OBJECT_NEXT.fullmatch(lower, a, b) and _DONE_VERB.search(lower, cue[0], cue[1]))
    ):
        # "set fire to the bins behind St Anne's Primary": where it was done, not who did it; "stole three
        # hanging baskets from outside the Plough in Orton": whom it was done to.
        return False
    if a == mention[1] and _GONE.match(lower, cue[0]) and _GONE_SUBJECT.fullmatch(lower, a, b):
        return False  # "The PlayStation went missing from the youth club": what went, not who took it
    if a == cue[1] and _BY.fullmatch(lower, a, b):
        return True  # "overcharged by Lynwood Memorials": the one named after "by" did it
    if a == mention[1]:
        # "lets his lads work on the roof with no harness": what the one named lets others do is theirs.
        made = _MAKES_OTHERS.search(lower, a, b)
        if made is not None:
            a = made.end()
    # Read on into the cue, so "by" sees it is "by burning" (a means), but only a word before it counts.
    # What someone else did in a clause of their own says nothing of the one named ("Maria from Sparkle
    # Clean, who we found on Nextdoor, has been going through our drawers").
    asides = [m.span() for m in _ASIDE.finditer(lower, a, b)] if "," in lower[a:b] else []
    return all(
        w.start() >= b or any(s <= w.start() < e for s, e in asides)
        for w in _NOT_THE_DOER.finditer(lower, a, max(b, cue[1]))
    )


_GONE = re.compile(r"(?:went|gone|goes|go|going)\s+missing|disappeared|vanished")
_GONE_SUBJECT = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:just\s+|also\s+|somehow\s+)?")
_ASIDE = re.compile(r",\s*(?:who|whom|that|which)\s+(?:we|i|you|my|our)\b[^,.;!?]*,")


# "by" and the one named straight after a wrong: "overcharged by (the) Lynwood Memorials".
_BY = re.compile(r"\s+by\s+(?:the\s+)?")
_MAKES_OTHERS = re.compile(
    r"\b(?:lets|let|letting|makes|made|making|has|had|gets|got)\s+(?:his|her|their|the)\s+"
    r"(?:lads|staff|men|workers|crew|crews|drivers|kids|team|mates)(?:\s+\w+)?\b"
)


_WHERE_BEFORE = re.compile(
    r"\b(?:behind|outside|near|opposite|next\s+to|round\s+the\s+back\s+of)\s+(?:the\s+)?$"
)
_SOMEONE_DID = re.compile(
    r"\b(?:someone|somebody|some\s+(?:idiot|lads?|kids?|bloke|joker|clown)|vandals|youths|thieves)"
    r"(?:['’]s)?(?:\s+(?:has|have|had|just|again|is|are|was|were|been))*\s+$"
)
# "Someone broke into the clubhouse overnight and stole the tea urn": the same someone did both.
_SOMEONE_DID_AND = re.compile(
    r"\b(?:someone|somebody|thieves|vandals|burglars)\s+(?:has\s+|have\s+|had\s+)?[a-z]+(?:\s+[\w'-]+){0,7}"
    r"\s+and\s+(?:has\s+|have\s+|had\s+)?$"
)
# "A drunk driver crashed into the gates of Heathfield Care Home", "smashed the front window of
# Stanway Off Licence": the place named after the wrong is where it was done, to whom.
_DONE_TO_A_PLACE = re.compile(
    r"\b(?:(?:crashed|smashed|ploughed|drove|reversed|broke|crashing|smashing)\s+(?:\w+\s+)?(?:into|through)"
    r"|(?:windows?|doors?|fences?|gates?|shutters?|signs?|roof)\s+(?:of|at)\s"
    r"|(?:staff|workers|residents|customers|pupils|patients|volunteers)\s+(?:at|of|in)\s+(?:the\s+)?$)"
)
# A verb of a wrong with the one named straight after it, its object: "threatened staff at …".
_OBJECT_NEXT = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?")
_DONE_VERB = re.compile(r"(?:\w+ed|stole|hit|beat|bit|struck|shot|stabbed|mugged)$")
# The one named after the wrong who tells of it: "… preying on voles along the hedge, said ranger Gary Holt".
_SAID_BY = re.compile(r"\b(?:said|says|explained|explains|according\s+to|added|adds)\b")
# "Rubble dumped in the old quarry at Upper Wick": the place something was dumped.
_DUMPED = re.compile(r"(?:fly-?)?(?:dump|tipp)\w*")
_DUMPED_AT = re.compile(
    r"\s+(?:in|into|on|onto|at)\s+(?:(?:[\w'-]+\s+){0,4}(?:at|in|on|off|near|behind|outside)\s+)?$"
)
# "… dumped behind the Plough", "fly-tipping at the entrance to Dunmore Caravan Park": where, not who.
_WHERE_BETWEEN = re.compile(
    r"\b(?:from|behind|outside|(?:at|by|near)\s+the\s+(?:entrance|gates?|back|side|front|end|edge|corner|bottom"
    r"|top)\s+(?:to|of))\s[^.;:!?()—–-]*$"
)


def done_to_them(
    source: str, lower: str, cue: re.Match[str], start: int, mentions: list[tuple[int, int]]
) -> bool:
    """Whether the wrong ``cue`` (in ``lower``, its clause from ``start``) was done to someone rather than by
    them: "were ripped off by a supplier", "was lied to", "had copper pipe stolen"; but not "was clearly over
    the limit" (a state), "has had mouse droppings for months" (something they have), "had clearly had a
    drink" or "was paid off" (theirs all the same), nor "have been overcharged by Lynwood Memorials", which
    names who did it."""
    first_word = cue.group().split()[0]
    passive = not first_word.endswith(("ing", "in", "in'")) and DONE_TO.search(
        lower, max(start, cue.start() - 48), cue.start()
    )
    if passive and (
        not PARTICIPLE.search(
            lower,
            cue.start() if passive.group().startswith("had") else passive.start(),
            cue.start() + len(first_word),
        )
        or (passive.group().startswith("had") and first_word == "had")
        or _TAKEN.match(cue.group())
    ):
        passive = None
    if not passive and not BY_AFTER.match(lower, cue.end()):
        return False
    agent = _BY.match(lower, cue.end())
    return agent is None or not any(a == agent.end() and source[a : a + 1].isupper() for a, _ in mentions)


# Wrongs that are done to the one named and are theirs all the same: a bribe taken.
_TAKEN = re.compile(r"(?:paid\s+off|bribed|bought\s+off|nobbled)\b")


# What surely makes the one named no doer, for the model too: they saw, caught or reported it.
WITNESSED = re.compile(
    r"\b(?:saw|seen|spotted|caught|reported|witnessed|arrested|fined|prosecuted|stopped|tackled|confronted"
    r"|warned|warns|complained|alerted|flagged|raised\s+the\s+alarm|helped\s+(?:us|me|our|the\s+(?:crew|team))"
    # Told us, not told a constituent (a wrong) or was told (and did it anyway).
    r"|(?<!was\s)(?<!were\s)(?<!been\s)(?<!are\s)(?<!is\s)(?:told|tells|telling)"
    r"(?=\s+(?:us|me|our|we|the\s+council|the\s+police|police|staff|officers|the\s+team)\b))\b"
)
# A sentence whose doer is nobody named: "Someone has been taking veg from the honesty box at Pitt Street
# Allotments without paying" (not "Someone told me Gary at number 9 dumped it").
SOMEONE_FIRST = re.compile(
    r"\W*(?:someone|somebody|thieves|vandals|some\s+(?:idiot|lads?|kids?|joker))(?:'s)?\s+"
    r"(?!(?:told|tells|said|says|reckons|reported|saw|thinks)\b)"
)
