"""Positive families for politics: party promotion and members named in the pre-election period."""

from __future__ import annotations

from .. import fillers as f
from ..model import Family
from .build import L, pos

_QUOTE = f.pick(
    "This play area is a great addition for local families",
    "Our crews do a brilliant job in all weathers",
    "I am proud of what our library staff have achieved",
)

POLITICS: tuple[Family, ...] = (
    pos(
        "POL-PARTY",
        "party.vote",
        "Don't forget to {vote} {party} on 7 May!",
        "Love the new bins? {Vote} {party} to keep them coming.",
        labels=(L("POL-PARTY", "vote", to="party"), L("POL-PARTY", "Vote", to="party")),
        slots={"vote": f.pick("vote", "vote for", "back"), "Vote": f.pick("Vote", "Vote for", "Re-elect")},
    ),
    pos(
        "POL-PARTY",
        "party.manifesto",
        "This new library was a {party} {manifesto}, and it's delivered.",
        "Free parking at the leisure centre: another {party} {manifesto} kept.",
        labels=(L("POL-PARTY", "party", to="manifesto"),),
        slots={"manifesto": f.pick("manifesto promise", "manifesto pledge", "election pledge")},
    ),
    pos(
        "POL-PARTY",
        "party.credit",
        "We can only do this thanks to {party}{keep}",
        "Another pothole gone. That's what you get with {party}{keep}",
        labels=(L("POL-PARTY", "party", to="keep"),),
        slots={
            "keep": f.pick(", so keep them in!", " in charge. Vote for them again!", ", so back them in May!")
        },
    ),
    pos(
        "POL-MEMBER",
        "member.opened",
        "{cllr} opened the new play area in {park} today.",
        "Great to have {cllr} out with our bin crew this morning.",
        labels=(L("POL-MEMBER", "cllr"),),
        now=f.window_now,
    ),
    pos(
        "POL-MEMBER",
        "member.quote",
        '"{quote}," said {cllr} at the launch.',
        '{cllr} told us: "{quote}."',
        labels=(L("POL-MEMBER", "cllr"),),
        slots={"quote": _QUOTE},
        now=f.window_now,
    ),
)
