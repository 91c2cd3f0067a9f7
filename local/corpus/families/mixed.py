"""Families with several issues in one story, the way a real referral or rant mixes them."""

from __future__ import annotations

from .. import fillers as f
from ..model import Family
from .build import L, multi
from .personal import COND
from .tone import PROF_ADJ, PROF_EXCLAIM

MULTI: tuple[Family, ...] = (
    multi(
        "referral",
        "Referral for {titled}: NHS number {nhs}, mobile {mobile}. Please call before visiting.",
        "{titled} (NHS no. {nhs}) asked us to text {drama} when the carer is on the way.",
        labels=(
            L("PII-NAME", "titled"),
            L("PII-NHS", "nhs"),
            L("PII-PHONE", "mobile"),
            L("PII-PHONE", "drama"),
        ),
    ),
    multi(
        "complaint",
        "{full} of {addr}, {postcode} emailed {email} to complain about the bins.",
        "Sorted the missed collection for {full} at {addr}, {postcode}. NI number {nino} on file.",
        labels=(
            L("PII-NAME", "full"),
            L("PII-ADDR", "addr"),
            L("PII-POSTCODE", "postcode"),
            L("PII-EMAIL", "email"),
            L("PII-NINO", "nino"),
        ),
    ),
    multi(
        "rant",
        "{exclaim}, the {insult} in {dept} have lost the forms again.",
        "The {insult} in {dept} made a {adj} mess of the rota.",
        labels=(L("TONE-PROF", "exclaim"), L("TONE-PROF", "adj"), L("TONE-INSULT", "insult")),
        slots={
            "exclaim": PROF_EXCLAIM,
            "adj": PROF_ADJ,
            "insult": f.pick("idiots", "morons", "clowns", "muppets"),
        },
    ),
    multi(
        "purdah",
        "{cllr} says: {Vote} {party} on 7 May and keep the libraries open!",
        "Thanks to {cllr} and {party} for the new play area. Keep them in!",
        labels=(L("POL-MEMBER", "cllr"), L("POL-PARTY", "Vote", to="party"), L("POL-PARTY", "party")),
        slots={"Vote": f.pick("Vote", "Vote for", "Re-elect")},
        now=f.window_now,
    ),
    multi(
        "care_visit",
        "Visited {titled} at {addr} after {cond}; the {codekind} is {code}.",
        "{titled} at {addr} is struggling since {cond}. {Codekind} {code}, let yourselves in.",
        labels=(
            L("PII-NAME", "titled"),
            L("PII-ADDR", "addr"),
            L("PII-SPECIAL", "cond"),
            L("SEC-CODE", "codekind", to="code"),
            L("SEC-CODE", "Codekind", to="code"),
        ),
        slots={
            "cond": COND,
            "codekind": f.pick("key safe code", "door code"),
            "Codekind": f.pick("Key safe code", "Door code"),
            "code": f.pick("4721", "1984", "0852", "7319"),
        },
    ),
)
