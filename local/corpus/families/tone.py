"""Positive families for tone: swearing (plain and disguised), insults and defamation."""

from __future__ import annotations

from .. import fillers as f
from ..model import Family
from .build import L, pos

_PROF_WORD = f.pick("shit", "shite", "bollocks", "bullshit")
PROF_ADJ = f.pick("fucking", "fuckin'", "pissing", "bastard")
PROF_EXCLAIM = f.pick("Oh for fuck's sake", "Bollocks", "Shit", "What the fuck")
_LEET_WORD = f.pick("sh1t", "$hit", "sh!t", "b0ll0cks", "5hite", "bullsh1t")
_LEET_ADJ = f.pick("fvcking", "f00king", "fuk1ng", "p1ssing", "b@stard")
_MASK_WORD = f.pick("sh*t", "s**t", "b*llocks", "bulls**t")
_MASK_ADJ = f.pick("f*cking", "f***ing", "f**king", "p*ssing")
_REPEAT_WORD = f.pick("shiiiit", "shhhiiite", "bolloooocks", "bullshiiiit")
_REPEAT_ADJ = f.pick("fuuuucking", "fuckkkking", "piiiissing")
_FONT_WORD = f.fake_font_of("shit", "bollocks", "shite")
_FONT_ADJ = f.fake_font_of("fucking", "pissing")

TONE: tuple[Family, ...] = (
    pos(
        "TONE-PROF",
        "prof.plain",
        "It was {adj} freezing on the round today, but we got every bin.",
        "The weather was absolute {word} today, but the crew still cleared {street}.",
        "{exclaim}! Someone dumped a sofa in the canal again.",
        labels=(L("TONE-PROF", "adj"), L("TONE-PROF", "word"), L("TONE-PROF", "exclaim")),
        slots={"adj": PROF_ADJ, "word": _PROF_WORD, "exclaim": PROF_EXCLAIM},
    ),
    pos(
        "TONE-PROF",
        "prof.leet",
        "It was {adj} freezing on the round today, but we got every bin.",
        "The weather was absolute {word} today, but the crew still cleared {street}.",
        labels=(L("TONE-PROF", "adj"), L("TONE-PROF", "word")),
        slots={"adj": _LEET_ADJ, "word": _LEET_WORD},
    ),
    pos(
        "TONE-PROF",
        "prof.mask",
        "Another {adj} mattress dumped behind the shops.",
        "The new rota is {word}, just saying.",
        labels=(L("TONE-PROF", "adj"), L("TONE-PROF", "word")),
        slots={"adj": _MASK_ADJ, "word": _MASK_WORD},
    ),
    pos(
        "TONE-PROF",
        "prof.repeat",
        "Another {adj} mattress dumped behind the shops.",
        "Three hours stuck behind a burst water main. Total {word}.",
        labels=(L("TONE-PROF", "adj"), L("TONE-PROF", "word")),
        slots={"adj": _REPEAT_ADJ, "word": _REPEAT_WORD},
    ),
    pos(
        "TONE-PROF",
        "prof.font",
        "Another {adj} mattress dumped behind the shops.",
        "Three hours stuck behind a burst water main. Total {word}.",
        labels=(
            L("TONE-PROF", "adj"),
            L("TONE-PROF", "word"),
            L("A11Y-FONT", "adj"),
            L("A11Y-FONT", "word"),
        ),
        slots={"adj": _FONT_ADJ, "word": _FONT_WORD},
    ),
    pos(
        "TONE-INSULT",
        "insult.colleagues",
        "Honestly, the {insult} in {dept} have lost our paperwork again.",
        "Waiting on the {insult} in {dept} to sign it off. Again.",
        labels=(L("TONE-INSULT", "insult"),),
        slots={
            "insult": f.pick("idiots", "morons", "clowns", "muppets", "numpties", "dimwits", "useless lot")
        },
    ),
    pos(
        "TONE-INSULT",
        "insult.residents",
        "Some residents are {thick} tell a blue bin from a black one.",
        "Whoever keeps dumping mattresses by the shops {scum}.",
        labels=(L("TONE-INSULT", "thick"), L("TONE-INSULT", "scum")),
        slots={
            "thick": f.pick("too thick to", "too stupid to", "too dim to", "too brainless to"),
            "scum": f.pick("is a moron", "is scum", "is a waste of space", "is a brainless idiot"),
        },
    ),
    pos(
        "TONE-INSULT",
        "insult.groups",
        "Typical {group}, leaving {park} in a state again.",
        "Cleared up after the {group} on the rec again this morning.",
        labels=(L("TONE-INSULT", "group"),),
        slots={"group": f.pick("chavs", "scroungers", "yobs", "lowlifes", "feral kids")},
    ),
    pos(
        "TONE-DEFAME",
        "defame.business",
        "Word to the wise: {business} {allegation}. We've seen the mess.",
        "Cleared up after {business} again. They {allegation2}.",
        labels=(
            L("TONE-DEFAME", "business", to="allegation"),
            L("TONE-DEFAME", "business", to="allegation2"),
        ),
        slots={
            "allegation": f.pick(
                "are cowboy builders", "are a bunch of crooks", "are fly-tippers", "rip off pensioners"
            ),
            "allegation2": f.pick(
                "dumped the rubble illegally", "are thieves", "are fly-tipping cowboys", "are con men"
            ),
        },
    ),
    pos(
        "TONE-DEFAME",
        "defame.person",
        "{full} {allegation} who dumped the sofas by the canal.",
        "Everyone round here knows {full} {allegation2}.",
        labels=(
            L("PII-NAME", "full"),
            L("TONE-DEFAME", "full", to="allegation"),
            L("TONE-DEFAME", "full", to="allegation2"),
        ),
        slots={
            "allegation": f.pick("is the fly-tipper", "is the thief", "is the cowboy builder"),
            "allegation2": f.pick("is a thief", "is a con man", "is a fly-tipper", "is a cowboy builder"),
        },
    ),
    pos(
        "TONE-DEFAME",
        "defame.review",
        "Before you hire a builder, avoid {business}: {allegation}.",
        "Residents keep asking who left that mess. It was {business}, {allegation}.",
        labels=(L("TONE-DEFAME", "business", to="allegation"),),
        slots={
            "allegation": f.pick(
                "total cowboys", "crooks who take the deposit and vanish", "fly-tippers", "scammers"
            )
        },
    ),
)
