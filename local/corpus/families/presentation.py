"""Positive families for how a post reads: fake-bold fonts, missing or poor alt text, and length for X."""

from __future__ import annotations

import random

from chalicelib.domain.findings import ImageContext

from .. import fillers as f
from ..model import Family, ImageSpec
from .build import GOOD_ALTS, L, fixed_images, pos

_ALT_TOO_LONG = (
    "A wide view of the recycling centre on a busy Saturday morning, with cars queueing at the entrance, "
    "staff in hi-vis jackets directing traffic, skips labelled for cardboard, garden waste, metal, wood "
    "and electricals, and a row of blue containers for glass. "
) * 6


def _alt_missing(rng: random.Random) -> tuple[ImageSpec, ...]:
    blocked = ImageSpec(ImageContext(alt="", shows_child=False, consent=False), (("A11Y-ALT", "BLOCK"),))
    if rng.random() < 0.5:
        ok = ImageSpec(ImageContext(alt=rng.choice(GOOD_ALTS)))
        return (ok, blocked)
    return (blocked,)


_TAIL = f.pick(
    "We also cleared the bring sites, swept the market square after the Saturday stalls, emptied the "
    "litter bins along the canal towpath and took {n} bags of leaves to the composting site, where they "
    "will become mulch for the flower beds in spring.",
    "After that the crew went back out to help the street cleaning team, cleared a blocked gully near "
    "the bus station, picked up a dumped fridge that had been reported overnight and still finished in "
    "time to wash the lorry before the evening shift took over.",
)

PRESENTATION: tuple[Family, ...] = (
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
        images=fixed_images(ImageSpec(ImageContext(alt=_ALT_TOO_LONG), (("A11Y-ALT", "BLOCK"),))),
    ),
    pos(
        "A11Y-ALT",
        "alt.second_image",
        "Before and after: the underpass on {street} is clean again.",
        "Two views of the new wildflower verge on {street}.",
        images=fixed_images(
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
