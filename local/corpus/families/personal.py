"""Positive families for personal data: identifiers, contact details, addresses, names, special
category data and children."""

from __future__ import annotations

import random

from chalicelib.domain.findings import ImageContext

from .. import fillers as f
from ..model import Family, ImageSpec
from .build import L, pos


def _child_without_consent(rng: random.Random) -> tuple[ImageSpec, ...]:
    alt = rng.choice(
        (
            "Two children in school uniform crossing the road with a lollipop warden.",
            "A boy holding up a recycling poster he drew, standing by a bin lorry.",
            "Children planting a tree with a parks ranger.",
        )
    )
    return (ImageSpec(ImageContext(alt=alt, shows_child=True, consent=False), (("PII-CHILD", "BLOCK"),)),)


COND = f.pick(
    "her hip op",
    "his stroke",
    "her chemo started",
    "his heart attack",
    "her dementia diagnosis",
    "his leg amputation",
    "her breakdown",
)
_AIDS = f.pick("her Blue Badge", "his wheelchair", "her guide dog", "his hearing aids", "her insulin")
_OTHER_SPECIAL = f.pick(
    "has just come out of prison",
    "is a practising Muslim",
    "recently came out as gay",
    "is a Jehovah's Witness",
    "is on the sex offenders register",
    "is a Romany Gypsy",
)

PERSONAL: tuple[Family, ...] = (
    pos(
        "PII-NHS",
        "nhs.caller",
        "A resident read out their NHS number, {nhs}, on the phone so we could update their record.",
        "The form came back with NHS no {nhs} in the wrong box, so we fixed it before it went off.",
        "Quick win today: matched NHS number {nhs} to the right case file in minutes.",
        labels=(L("PII-NHS", "nhs"),),
    ),
    pos(
        "PII-NHS",
        "nhs.handover",
        "Handover note for the weekend team: NHS number {nhs}, visit booked for Saturday morning.",
        "Photo of the whiteboard from today's huddle: {nhs} is top of the list for Monday.",
        "Referral done and dusted for {nhs} before lunch. Great teamwork!",
        labels=(L("PII-NHS", "nhs"),),
    ),
    pos(
        "PII-NHS",
        "nhs.bare",
        "Finally got {nhs} onto the new system after three weeks of chasing.",
        "Scanned {nhs} into the portal and the care package went through first time.",
        labels=(L("PII-NHS", "nhs"),),
    ),
    pos(
        "PII-NINO",
        "nino.benefits",
        "Helped a gentleman with his housing benefit form today; his NI number {nino} was on the wrong line.",
        "New starter paperwork done: NI number {nino} entered and payroll sorted.",
        "Found a wallet in {park} with a card showing {nino}. Handed it in at reception.",
        labels=(L("PII-NINO", "nino"),),
    ),
    pos(
        "PII-NINO",
        "nino.forms",
        "Typed {nino} into the portal and the claim went straight through.",
        "Top tip from the benefits team: check the NINO ({nino}) matches the payslip before you submit.",
        labels=(L("PII-NINO", "nino"),),
    ),
    pos(
        "PII-PHONE",
        "phone.drama",
        "If you see fly-tipping on {street}, text me on {drama} and I'll send the crew.",
        "Any problems with the new bins, ring my mobile {drama}.",
        "Volunteers for Saturday's litter pick can WhatsApp me on {drama}.",
        labels=(L("PII-PHONE", "drama"),),
    ),
    pos(
        "PII-PHONE",
        "phone.mobile",
        "Any issues with the collection, give me a bell on {mobile}.",
        "Out of hours? Our team leader's own mobile is {mobile}.",
        "Text {mobile} to book a place on the guided walk in {park}.",
        labels=(L("PII-PHONE", "mobile"),),
    ),
    pos(
        "PII-PHONE",
        "phone.signoff",
        "Thanks all! Questions about the bulky waste trial to me on {mobile}.",
        "Lost property from the gala is with me, call {drama} to collect it.",
        labels=(L("PII-PHONE", "mobile"), L("PII-PHONE", "drama")),
    ),
    pos(
        "PII-EMAIL",
        "email.webmail",
        "Send your photos of the park to my personal email, {email}, and I'll share the best ones.",
        "Lost property from the gala? Drop me a line at {email}.",
        "Residents can email me directly at {email} with any questions about the scheme.",
        labels=(L("PII-EMAIL", "email"),),
    ),
    pos(
        "PII-EMAIL",
        "email.reply",
        "Reply to {email} if you want a place on the composting course.",
        "Thanks for all the messages! Any questions: {email}",
        labels=(L("PII-EMAIL", "email"),),
    ),
    pos(
        "PII-EMAIL",
        "email.inline",
        "The quiz night raised £{n} for the food bank. Photos are with {email} if you want copies.",
        "Found a set of keys at the tip today. The owner can contact {email} to claim them.",
        labels=(L("PII-EMAIL", "email"),),
    ),
    pos(
        "PII-ADDR",
        "addr.house",
        "We cleared a blocked drain outside {addr} this morning.",
        "Emergency boiler repair done at {addr} in under two hours.",
        "Big thanks to the family at {addr} who made our crew bacon sandwiches.",
        labels=(L("PII-ADDR", "addr"),),
    ),
    pos(
        "PII-ADDR",
        "addr.person_street",
        "Lovely chat with {who} on {street} who has lived there since 1962.",
        "{Who} on {street} waved our crew off with a cup of tea.",
        "Our repairs team helped {who} living on {estate} get her heating back on.",
        labels=(L("PII-ADDR", "street"), L("PII-ADDR", "estate")),
        slots={
            "who": f.pick("the old lady", "an elderly gentleman", "a young mum", "the man"),
            "Who": f.pick("The old lady", "An elderly gentleman", "A young mum", "The man"),
        },
    ),
    pos(
        "PII-POSTCODE",
        "postcode.house",
        "Blocked drain cleared at {addr}, {postcode}, within the hour.",
        "New boiler fitted at {addr} {postcode} today. Warm again!",
        labels=(L("PII-ADDR", "addr"), L("PII-POSTCODE", "postcode")),
    ),
    pos(
        "PII-POSTCODE",
        "postcode.person",
        "{titled} in {postcode} has waited weeks for a new bin, so we dropped one round today.",
        "Thanks to {titled}, {postcode}, for reporting the broken street light.",
        labels=(L("PII-NAME", "titled"), L("PII-POSTCODE", "postcode")),
    ),
    pos(
        "PII-NAME",
        "name.titled",
        "{titled} sent the crew a thank-you card for fixing her gate.",
        "Our team visited {titled} today to set up her new smoke alarm.",
        "{titled} has reported the same pothole every week for a year, and today we filled it.",
        labels=(L("PII-NAME", "titled"),),
    ),
    pos(
        "PII-NAME",
        "name.full",
        "{full} popped into the library to donate {small} boxes of books.",
        "Shout out to {full}, a local resident who litter-picks in the park every morning.",
        "We helped {full} move into a new council flat today. Welcome home!",
        labels=(L("PII-NAME", "full"),),
    ),
    pos(
        "PII-SPECIAL",
        "special.health",
        "A tenant we visited has been housebound since {cond}, so we moved the repair up the list.",
        "We fitted a ramp for a pensioner after {cond}.",
        "Our carer sat with a lady who was upset about {cond}.",
        labels=(L("PII-SPECIAL", "cond"),),
        slots={"cond": COND},
    ),
    pos(
        "PII-SPECIAL",
        "special.aids",
        "Our warden helped a woman who had lost {aid} at the market.",
        "We moved the parking bay nearer the door for a neighbour because of {aid}.",
        labels=(L("PII-SPECIAL", "aid"),),
        slots={"aid": _AIDS},
    ),
    pos(
        "PII-SPECIAL",
        "special.other",
        "Our caretaker helped a tenant who {other} settle into the new flat.",
        "We rehoused a young man this week who {other}.",
        labels=(L("PII-SPECIAL", "other"),),
        slots={"other": _OTHER_SPECIAL},
    ),
    pos(
        "PII-CHILD",
        "child.age",
        "{child} {agep} from our reading challenge finished {small} books this summer!",
        "Well done to {child}, aged {age}, who won the poster competition.",
        "Our youngest litter picker, {child} {agep}, filled {small} bags on Saturday.",
        labels=(L("PII-CHILD", "child", to="age"), L("PII-CHILD", "child", to="agep")),
        slots={"agep": f.pick("(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)")},
    ),
    pos(
        "PII-CHILD",
        "child.school",
        "{child}, a pupil at {school}, designed the new recycling poster.",
        "Big thanks to {child} from {school} for the thank-you letter to our crew.",
        labels=(L("PII-CHILD", "child", to="school"),),
    ),
    pos(
        "PII-CHILD",
        "child.image",
        "Our road safety team had a great morning at the crossing today.",
        "Tree planting with the rangers in {park} this afternoon.",
        images=_child_without_consent,
    ),
)
