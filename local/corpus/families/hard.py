"""Hard negatives: stories that look risky to a naive check (place names, road numbers, care words,
listed staff and sites) and must pass, or only warn where a label says so."""

from __future__ import annotations

import random

from chalicelib.domain.findings import ImageContext

from .. import fillers as f
from ..model import Family, ImageSpec
from .build import L, hard

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
