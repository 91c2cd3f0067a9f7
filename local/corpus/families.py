"""The template families of the labelled corpus: clean stories, hard negatives, positives and mixtures.

Each family is a handful of sibling templates written the way staff write, with slots whose fillers
vary per item. Gold labels hang off slots, so a label always points at exactly the text that made the
item risky. The split is by family: a family never contributes to both dev and test.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime

from chalicelib.domain.findings import ImageContext

from . import fillers as f
from .model import Family, Filler, ImageSpec, Label, SeverityName

COMMON: Mapping[str, Filler] = {
    "street": f.pick(*f.STREETS),
    "street2": f.pick(*f.STREETS),
    "park": f.pick(*f.PARKS),
    "estate": f.pick(*f.ESTATES),
    "site": f.pick(*f.SITES),
    "weekday": f.pick("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "n": f.count(12, 240),
    "small": f.count(3, 12),
    "tonnes": f.count(3, 60),
    "miles": f.count(20, 140),
    "pct": f.count(81, 99),
    "dept": f.pick("planning", "highways", "HR", "the contact centre", "finance", "building control"),
    "school": f.pick(*f.SCHOOLS),
    "nhs": f.nhs_number,
    "nino": f.nino,
    "mobile": f.mobile,
    "drama": f.drama_mobile,
    "email": f.personal_email,
    "postcode": f.postcode,
    "addr": f.house_address,
    "person": f.person,
    "titled": f.titled_person,
    "full": f.full_name,
    "cllr": f.councillor,
    "party": f.pick(*f.PARTIES),
    "business": f.pick(*f.BUSINESSES),
    "child": f.pick(*f.CHILD_NAMES),
    "age": f.count(4, 12),
    "staff": f.pick(*f.STAFF_ALLOWED),
    "switchboard": f.pick(*f.SWITCHBOARD_FORMS),
    "inbox": f.pick(*f.TEAM_INBOXES),
    "site_pc": f.pick(*f.SITE_POSTCODES),
    "broad": f.b_road,
    "broad2": f.b_road,
    "ref": f.bad_checksum_reference,
}

_GOOD_ALTS = (
    "Two bin crew members in hi-vis jackets loading recycling into a lorry on a frosty morning.",
    "A freshly resurfaced road with new white lines, cones stacked at the side.",
    "Shelves of new picture books in the children's corner of a bright library.",
    "A wildflower meadow in full bloom with a park bench in the foreground.",
    "A parks ranger pointing out a heron on the canal bank to a small group.",
)


def _clean_images(rng: random.Random) -> tuple[ImageSpec, ...]:
    if rng.random() < 0.4:
        return (ImageSpec(ImageContext(alt=rng.choice(_GOOD_ALTS), shows_child=False, consent=False)),)
    return ()


def L(check: str, slot: str, severity: SeverityName = "BLOCK", to: str | None = None) -> Label:
    """A gold label on ``slot`` (through ``to`` when the phrase spans several slots)."""
    return Label(check, severity, slot, to)


ImagesFn = Callable[[random.Random], tuple[ImageSpec, ...]]
NowFn = Callable[[random.Random], datetime]


def clean(area: str, *templates: str) -> Family:
    return Family(f"clean.{area}", "clean", "clean", templates, images=_clean_images, weight=2)


def hard(
    name: str,
    *templates: str,
    labels: tuple[Label, ...] = (),
    slots: Mapping[str, Filler] | None = None,
    now: NowFn | None = None,
    images: ImagesFn | None = None,
    channel: str = "x",
) -> Family:
    return Family(f"hard.{name}", "hard", "hard", templates, labels, slots or {}, now, images, channel)


def pos(
    check: str,
    name: str,
    *templates: str,
    labels: tuple[Label, ...] = (),
    slots: Mapping[str, Filler] | None = None,
    now: NowFn | None = None,
    images: ImagesFn | None = None,
) -> Family:
    return Family(f"pos.{name}", "positive", check, templates, labels, slots or {}, now, images)


def multi(
    name: str,
    *templates: str,
    labels: tuple[Label, ...],
    slots: Mapping[str, Filler] | None = None,
    now: NowFn | None = None,
) -> Family:
    return Family(f"multi.{name}", "multi", "multi", templates, labels, slots or {}, now)


CLEAN: tuple[Family, ...] = (
    clean(
        "bins",
        "Our {weekday} crew emptied {n} bins before 10am despite the frost, then went back for the ones "
        "that were put out late. Thanks for having your bins out on time!",
        "Brown bin collections restart on {weekday}. The crews collected {tonnes} tonnes of garden waste "
        "last season, all turned into compost for local parks.",
        "A big thank you to everyone who left flasks of tea out for our bin crews this week. It made a "
        "cold round a lot warmer.",
    ),
    clean(
        "street_cleaning",
        "The street cleaning team cleared {n} bags of litter from {street} and {park} this morning, "
        "ready for the weekend.",
        "Our new electric sweeper did its first full shift today, covering {miles} miles of pavement "
        "around the town centre without a drop of diesel.",
        "Leaf season is here. Our crews are out early every day clearing paths so they stay safe underfoot.",
    ),
    clean(
        "libraries",
        "Rhyme time at Central Library was packed again this week, with {n} families singing along. "
        "Sessions run every {weekday} at 10.30am and are free.",
        "Our home library service delivered {n} books this month to people who can't get to a branch. "
        "Ask at any library if you know someone who would like it.",
        "The library's new maker space has a 3D printer, a sewing machine and laptops you can book for "
        "free. Drop in and have a go.",
    ),
    clean(
        "adult_social_care",
        "Our reablement team helped {n} people settle back home this month. Small changes like a grab "
        "rail can make a real difference.",
        "Shared Lives carers open their homes to people who need support. If you have a spare room and "
        "time to give, come to our information session on {weekday}.",
        "Today our occupational therapists ran a drop-in on equipment that helps people stay independent "
        "at home. Thank you to everyone who came along.",
    ),
    clean(
        "childrens_admin",
        "Behind every foster placement is a lot of paperwork. Our admin team turned round {n} panel "
        "packs this month, all on time.",
        "Free holiday activity places for the summer are now open for booking. Our team has checked "
        "every provider, so families can book with confidence.",
        "Our admin team answered {n} calls about school admissions on offer day. Thank you for your "
        "patience while the lines were busy.",
    ),
    clean(
        "parks",
        "The wildflower meadow in {park} is in full bloom, thanks to our parks team and {small} "
        "volunteers who sowed it in spring.",
        "New benches are in at {park}, made from recycled plastic bottles. Around {n} bottles went into "
        "each one.",
        "Our rangers counted {small} species of bird at {park} during this morning's survey. The next "
        "walk is on {weekday}, all welcome.",
    ),
    clean(
        "roads",
        "Our highways crew filled {n} potholes this week, including a big one on {street} that many of "
        "you reported. Keep the reports coming.",
        "Resurfacing on {street} is finished a day early. Thank you for your patience while the road "
        "was closed.",
        "Gritters are out tonight. Our drivers will treat {miles} miles of priority routes before the "
        "frost sets in.",
    ),
    clean(
        "housing_repairs",
        "Our repairs team fixed {n} boilers this week as the cold snap hit. If your heating is off, "
        "report it online and we will come out.",
        "New kitchens are going into {n} council homes this year. The first ones were finished today and "
        "they look great.",
        "Damp and mould reports are up this winter. Our surveyors visited {n} homes this month and every "
        "one has a plan to fix it.",
    ),
    clean(
        "planning",
        "Our planning team decided {n} applications this month, {pct}% of them within the target time.",
        "Want to know how planning works? Our officers are running a free drop-in at {site} on {weekday} "
        "for anyone thinking of building an extension.",
        "The draft design guide for new homes is ready. Our planners have turned the ideas from the "
        "workshops into clear, simple advice.",
    ),
    clean(
        "leisure",
        "Swimming lessons at the leisure centre are back after the refurbishment, with new changing rooms "
        "and a warmer pool.",
        "Our lifeguards passed their yearly requalification this week. All {small} of them are ready for "
        "the summer rush.",
        "Free gym sessions for carers start on {weekday}. Our instructors will help you build a routine "
        "that fits around caring.",
    ),
    clean(
        "registrars",
        "Our registrars conducted {small} ceremonies this weekend, including a vow renewal for a golden "
        "wedding anniversary.",
        "Citizenship ceremonies are one of the best parts of the job. This month we welcomed {n} new "
        "citizens at the Town Hall.",
        "Registering a birth? You can now book an appointment online at a time that suits you, including "
        "Saturday mornings.",
    ),
    clean(
        "environmental_health",
        "Our food safety officers carried out {n} inspections this month. Check a takeaway's hygiene "
        "rating before you order.",
        "The pest control team treated {small} sites for rats this week. Keep bins closed and food waste "
        "in the caddy to keep them away.",
        "Noise complaints rise in summer. Our environmental health team works evenings too, so report a "
        "problem while it is happening.",
    ),
    clean(
        "events",
        "Over {n} people came to the summer fair in {park} on Saturday. Thanks to our events team, who "
        "were on site from 6am.",
        "The Christmas lights switch-on is on {weekday} at 5pm in the market square, with stalls, a brass "
        "band and free hot chocolate.",
        "Our events crew built the stage for the food festival in record time. Setting up starts at dawn "
        "and finishes after the last band.",
    ),
)

_LONG_BLOG = (
    "Our bin crews start at 6am, and by the time most of us are having breakfast they have already "
    "emptied hundreds of bins. This week they also collected {tonnes} tonnes of garden waste, cleared "
    "the bring sites and helped the street cleaning team after the market. We asked them what the best "
    "part of the job is: the people who wave from their windows, every single day.",
    "Central Library has been busy all summer. The reading challenge signed up {n} children, the maker "
    "space ran {small} workshops and the home library service delivered books to people who cannot get "
    "out. Thank you to every volunteer who gave up their time, and to the staff who kept the doors open "
    "through the heatwave.",
)

_ALT_TOO_LONG = (
    "A wide view of the recycling centre on a busy Saturday morning, with cars queueing at the entrance, "
    "staff in hi-vis jackets directing traffic, skips labelled for cardboard, garden waste, metal, wood "
    "and electricals, and a row of blue containers for glass. "
) * 6


def _images(*specs: ImageSpec) -> ImagesFn:
    def make(rng: random.Random) -> tuple[ImageSpec, ...]:
        return specs

    return make


def _alt_missing(rng: random.Random) -> tuple[ImageSpec, ...]:
    blocked = ImageSpec(ImageContext(alt="", shows_child=False, consent=False), (("A11Y-ALT", "BLOCK"),))
    if rng.random() < 0.5:
        ok = ImageSpec(ImageContext(alt=rng.choice(_GOOD_ALTS)))
        return (ok, blocked)
    return (blocked,)


def _child_without_consent(rng: random.Random) -> tuple[ImageSpec, ...]:
    alt = rng.choice(
        (
            "Two children in school uniform crossing the road with a lollipop warden.",
            "A boy holding up a recycling poster he drew, standing by a bin lorry.",
            "Children planting a tree with a parks ranger.",
        )
    )
    return (ImageSpec(ImageContext(alt=alt, shows_child=True, consent=False), (("PII-CHILD", "BLOCK"),)),)


def _child_with_consent(rng: random.Random) -> tuple[ImageSpec, ...]:
    alt = rng.choice(("Pupils planting saplings with a parks ranger.", "Children reading in the library."))
    return (ImageSpec(ImageContext(alt=alt, shows_child=True, consent=True)),)


def _alt_image_of(rng: random.Random) -> tuple[ImageSpec, ...]:
    alt = rng.choice(("Image of a bin lorry.", "Image of the new play area.", "Picture of our gritter."))
    return (ImageSpec(ImageContext(alt=alt), (("A11Y-ALT", "WARN"),)),)


HARD: tuple[Family, ...] = (
    hard(
        "place_names",
        "The mobile library visits {place} on {weekday}, then heads on to {place2}.",
        "Our bin crews swapped tips with colleagues from {place} this week. Always good to learn from "
        "our neighbours.",
        "We borrowed a gritter from {place} during the snow. Thank you, {place2} too!",
        slots={
            "place": f.pick("Scunthorpe", "Penistone", "Cockermouth", "Clitheroe", "Essex", "Middlesex"),
            "place2": f.pick("Scunthorpe", "Penistone", "Cockermouth", "Clitheroe", "Sussex"),
        },
    ),
    hard(
        "dickens_assessed",
        "Our Dickens reading group at Central Library starts on {weekday}. This term it's A Christmas Carol.",
        "Every bridge on our network was assessed for storm damage this week, and all of them are safe.",
        "The classic car rally in {park} raised money for the hospice. A passionate crowd despite the rain.",
        "Our surveyors assessed {n} homes for the insulation grant. A class act, all of them.",
    ),
    hard(
        "road_numbers",
        "Resurfacing on the {broad} between the two roundabouts is finished, a week early.",
        "Temporary lights on the {broad} near {park} come off on {weekday}.",
        "Gritters treat the {broad} and the {broad2} first because they are bus routes.",
    ),
    hard(
        "job_references",
        "Repair job {ref} is closed: the roof on the community centre is watertight again.",
        "Planning application {ref} was approved today for the new sports pavilion.",
        "Our depot logged {ref} for the broken lamp post on {street}, fixed within a day.",
    ),
    hard(
        "switchboard",
        "Questions about the new bins? Call {switchboard} and ask for the waste team.",
        "Our contact centre on {switchboard} is open 8am to 6pm on weekdays.",
        "Can't get online? Ring {switchboard} and we will book the collection for you.",
    ),
    hard(
        "team_inboxes",
        "Send your photos of the best-kept gardens to {inbox} by {weekday}.",
        "Got a question about the event? Email {inbox} and the team will reply within two working days.",
    ),
    hard(
        "councillor_outside_window",
        "{cllr} joined our crew to open the new recycling centre today.",
        '"Our crews do a brilliant job in all weathers," said {cllr}, who visited the depot on {weekday}.',
        labels=(L("POL-MEMBER", "cllr", "WARN"),),
        now=f.outside_now,
    ),
    hard(
        "code_words",
        "All our volunteers sign the code of conduct before their first shift.",
        "The dress code for the staff awards night is smart casual.",
        "Our highway code refresher for drivers of council vans runs every spring.",
        "Colour-coded bins make recycling easier: blue for paper, brown for garden waste.",
    ),
    hard(
        "care_words",
        "Our dementia café at Central Library meets every {weekday} afternoon. Carers and friends welcome.",
        "The Blue Badge team processed {n} applications this month, most within two weeks.",
        "Our mental health first aiders ran a stall at the staff conference today.",
        "The leisure centre now has a changing places toilet and a hoist, so more people can swim with us.",
    ),
    hard(
        "allowed_staff",
        "{staff} from our bins team has been named apprentice of the year. Well done!",
        "Thanks to {staff} and the whole parks crew for clearing up after the storm.",
        "Meet {staff}, who has run the home library service for ten years.",
    ),
    hard(
        "site_postcodes",
        "The Civic Centre, {site_pc}, is open for council tax enquiries on {weekday}.",
        "Drop off your old electricals at the depot, {site_pc}, any weekday.",
    ),
    hard(
        "party_words",
        "Our green waste service restarts on {weekday}.",
        "A conservative estimate is {n} tonnes of grit used this winter.",
        "Staff voted to name the new gritter Gritty Gritty Bang Bang.",
        "The new bin lifts save our crews a lot of heavy labour.",
        "Reform of the bus routes around the hospital starts in June.",
    ),
    hard(
        "schools_no_child",
        "Pupils from {school} planted {n} trees in {park} with our rangers.",
        "Our road safety team visited {school} to teach crossing skills.",
        images=_child_with_consent,
    ),
    hard(
        "long_blog_post",
        *_LONG_BLOG,
        channel="blog",
    ),
    hard(
        "landline_not_listed",
        "The community centre's booking line is {landline}, open weekday mornings.",
        "For room bookings at the library, call {landline}.",
        labels=(L("PII-PHONE", "landline", "WARN"),),
        slots={"landline": f.pick("0113 496 0123", "0113 496 0456", "01632 960123", "0114 496 0789")},
    ),
    hard(
        "staff_work_email",
        "Questions about the allotments? Email {staffmail} before {weekday}.",
        "Our new volunteer coordinator is on {staffmail} for anyone who wants to help.",
        labels=(L("PII-EMAIL", "staffmail", "WARN"),),
        slots={
            "staffmail": f.pick(
                "jane.smith@example.gov.uk", "d.patel@example.gov.uk", "mark_hill@example.gov.uk"
            )
        },
    ),
    hard(
        "postcode_no_person",
        "The new recycling centre at {street}, {postcode}, opens on {weekday}.",
        "Our pop-up library will be at the community hall, {postcode}, all week.",
        labels=(L("PII-POSTCODE", "postcode", "WARN"),),
    ),
    hard(
        "alt_text_image_of",
        "Our new gritter is ready for winter, and the crews are ready too.",
        "The new play area in {park} is open. Come and try the zip wire!",
        images=_alt_image_of,
    ),
)


_COND = f.pick(
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
_PROF_WORD = f.pick("shit", "shite", "bollocks", "bullshit")
_PROF_ADJ = f.pick("fucking", "fuckin'", "pissing", "bastard")
_PROF_EXCLAIM = f.pick("Oh for fuck's sake", "Bollocks", "Shit", "What the fuck")
_LEET_WORD = f.pick("sh1t", "$hit", "sh!t", "b0ll0cks", "5hite", "bullsh1t")
_LEET_ADJ = f.pick("fvcking", "f00king", "fuk1ng", "p1ssing", "b@stard")
_MASK_WORD = f.pick("sh*t", "s**t", "b*llocks", "bulls**t")
_MASK_ADJ = f.pick("f*cking", "f***ing", "f**king", "p*ssing")
_REPEAT_WORD = f.pick("shiiiit", "shhhiiite", "bolloooocks", "bullshiiiit")
_REPEAT_ADJ = f.pick("fuuuucking", "fuckkkking", "piiiissing")
_FONT_WORD = f.fake_font_of("shit", "bollocks", "shite")
_FONT_ADJ = f.fake_font_of("fucking", "pissing")
_QUOTE = f.pick(
    "This play area is a great addition for local families",
    "Our crews do a brilliant job in all weathers",
    "I am proud of what our library staff have achieved",
)
_TAIL = f.pick(
    "We also cleared the bring sites, swept the market square after the Saturday stalls, emptied the "
    "litter bins along the canal towpath and took {n} bags of leaves to the composting site, where they "
    "will become mulch for the flower beds in spring.",
    "After that the crew went back out to help the street cleaning team, cleared a blocked gully near "
    "the bus station, picked up a dumped fridge that had been reported overnight and still finished in "
    "time to wash the lorry before the evening shift took over.",
)

POSITIVE: tuple[Family, ...] = (
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
        slots={"cond": _COND},
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
    pos(
        "SEC-CODE",
        "code.keysafe",
        "Note for the care team: the {codekind} is {code}, front door round the side.",
        "Reminder: {codekind} {code} for the community centre, don't lose it!",
        labels=(L("SEC-CODE", "codekind", to="code"),),
        slots={
            "codekind": f.pick("key safe code", "keysafe code", "door code", "gate code", "keypad code"),
            "code": f.pick("4721", "1984#", "C2468X", "0852", "7319", "2580"),
        },
    ),
    pos(
        "SEC-CODE",
        "code.wifi",
        "The library {codekind} is {code} if anyone asks.",
        "Depot {codekind}: {code}. Change it when you can!",
        labels=(L("SEC-CODE", "codekind", to="code"),),
        slots={
            "codekind": f.pick("Wi-Fi password", "wifi password", "guest wifi password", "login password"),
            "code": f.pick("Library2026!", "bins4life", "Summer#24", "parks1234"),
        },
    ),
    pos(
        "SEC-CODE",
        "code.alarm",
        "The {codekind} for the pool plant room is {code}.",
        "Last one out sets the {codekind}: {code}.",
        labels=(L("SEC-CODE", "codekind", to="code"),),
        slots={
            "codekind": f.pick("alarm code", "PIN", "alarm PIN", "padlock combination"),
            "code": f.pick("4417", "9023", "1357", "6604"),
        },
    ),
    pos(
        "SEC-VULN",
        "vuln.refuge",
        "Our gardeners tidied the grounds of the {refuge} on {street} today.",
        "New locks fitted at the {refuge} on {street}. Safe and sound.",
        labels=(L("SEC-VULN", "refuge", to="street"),),
        slots={"refuge": f.pick("women's refuge", "domestic abuse refuge", "refuge", "safe house")},
    ),
    pos(
        "SEC-VULN",
        "vuln.sheltered",
        "Fire alarm tests done at the {scheme} on {street}.",
        "Our repairs team painted the lounge at the {scheme} on {street} this week.",
        labels=(L("SEC-VULN", "scheme", to="street"),),
        slots={
            "scheme": f.pick(
                "sheltered housing scheme",
                "supported housing flats",
                "extra care scheme",
                "hostel for care leavers",
            )
        },
    ),
    pos(
        "SEC-VULN",
        "vuln.home",
        "Our warden checks on {alone} at {addr} every morning.",
        "We dropped a food parcel round to {alone} at {addr}.",
        labels=(L("SEC-VULN", "alone", to="addr"), L("PII-ADDR", "addr")),
        slots={
            "alone": f.pick(
                "an elderly man who lives alone",
                "a frail lady who lives on her own",
                "a vulnerable tenant",
                "a housebound pensioner",
            )
        },
    ),
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
    pos(
        "TONE-PROF",
        "prof.plain",
        "It was {adj} freezing on the round today, but we got every bin.",
        "The weather was absolute {word} today, but the crew still cleared {street}.",
        "{exclaim}! Someone dumped a sofa in the canal again.",
        labels=(L("TONE-PROF", "adj"), L("TONE-PROF", "word"), L("TONE-PROF", "exclaim")),
        slots={"adj": _PROF_ADJ, "word": _PROF_WORD, "exclaim": _PROF_EXCLAIM},
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
    pos(
        "A11Y-FONT",
        "font.thanks",
        "{font} to our crew for clearing {street} today!",
        "{font} The new play area in {park} is open.",
        labels=(L("A11Y-FONT", "font"),),
        slots={"font": f.fake_font_of("Huge thanks", "Well done", "Big news", "Thank you")},
    ),
    pos(
        "A11Y-FONT",
        "font.headline",
        "{font} New opening hours at Central Library from {weekday}.",
        "{font} Brown bin collections restart on {weekday}.",
        labels=(L("A11Y-FONT", "font"),),
        slots={"font": f.fake_font_of("Library update:", "Good news:", "Save the date:", "Bin news:")},
    ),
    pos(
        "A11Y-ALT",
        "alt.missing",
        "Our new gritter is ready for winter, and so are the crews.",
        "The new play area in {park} is open. Come and try the zip wire!",
        images=_alt_missing,
    ),
    pos(
        "A11Y-ALT",
        "alt.too_long",
        "Busy morning at the recycling centre. Thanks for sorting your waste so well!",
        "Saturday at the tip: queues moved fast thanks to the team.",
        images=_images(ImageSpec(ImageContext(alt=_ALT_TOO_LONG), (("A11Y-ALT", "BLOCK"),))),
    ),
    pos(
        "A11Y-ALT",
        "alt.second_image",
        "Before and after: the underpass on {street} is clean again.",
        "Two views of the new wildflower verge on {street}.",
        images=_images(
            ImageSpec(ImageContext(alt="The underpass covered in graffiti before the clean.")),
            ImageSpec(ImageContext(alt=""), (("A11Y-ALT", "BLOCK"),)),
        ),
    ),
    pos(
        "X-LEN",
        "xlen.parks",
        "Our parks team spent the whole week in {park}, getting it ready for the summer fair. {tail}",
        labels=(L("X-LEN", "tail"),),
        slots={
            "tail": f.pick(
                "They mowed every field, edged the paths, planted {n} bedding plants around the bandstand, "
                "repaired two benches and a broken gate, cleared the pond of weed and litter, and put up "
                "the new signs that tell people where the toilets, the cafe and the play area are.",
                "The rangers led a bat walk on Tuesday evening, the volunteers cut back the brambles along "
                "the riverside path, and our tree surgeons made safe the old oak that came down in the "
                "storm, so that the whole park can open again for everyone to enjoy this weekend.",
            )
        },
    ),
    pos(
        "X-LEN",
        "xlen.round",
        "Our bin crews started at 6am today and emptied {n} bins before lunch, despite the frost on "
        "{street} and a burst water main near {park}. {tail}",
        labels=(L("X-LEN", "tail"),),
        slots={"tail": _TAIL},
    ),
    pos(
        "X-LEN",
        "xlen.library",
        "Central Library had its busiest week of the year, with {n} visitors, {small} school groups and "
        "a queue for the maker space every afternoon. {tail}",
        labels=(L("X-LEN", "tail"),),
        slots={
            "tail": f.pick(
                "Our staff also ran the home library round, delivered books to care homes, helped people "
                "print their bus passes, set up the exhibition on local history in the foyer and still "
                "found time to repaint the reading corner so it is bright for the summer challenge.",
                "The volunteers deserve a special mention: they covered every rhyme time, ran the "
                "knitting circle, sorted a mountain of donated books for the sale and spent Saturday "
                "helping families sign up for the reading challenge, which has never been so popular.",
            )
        },
    ),
)

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
            "exclaim": _PROF_EXCLAIM,
            "adj": _PROF_ADJ,
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
            "cond": _COND,
            "codekind": f.pick("key safe code", "door code"),
            "Codekind": f.pick("Key safe code", "Door code"),
            "code": f.pick("4721", "1984", "0852", "7319"),
        },
    ),
)

FAMILIES: tuple[Family, ...] = CLEAN + HARD + POSITIVE + MULTI
