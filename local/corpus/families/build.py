"""The shared parts of the template families: the common slots, the family builders and gold labels.

Each family is a handful of sibling templates written the way staff write, with slots whose fillers
vary per item. Gold labels hang off slots, so a label always points at exactly the text that made the
item risky.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime

from chalicelib.domain.findings import ImageContext

from .. import fillers as f
from ..model import Family, Filler, ImageSpec, Label, SeverityName

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

GOOD_ALTS = (
    "Two bin crew members in hi-vis jackets loading recycling into a lorry on a frosty morning.",
    "A freshly resurfaced road with new white lines, cones stacked at the side.",
    "Shelves of new picture books in the children's corner of a bright library.",
    "A wildflower meadow in full bloom with a park bench in the foreground.",
    "A parks ranger pointing out a heron on the canal bank to a small group.",
)


def _clean_images(rng: random.Random) -> tuple[ImageSpec, ...]:
    if rng.random() < 0.4:
        return (ImageSpec(ImageContext(alt=rng.choice(GOOD_ALTS), shows_child=False, consent=False)),)
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


def fixed_images(*specs: ImageSpec) -> ImagesFn:
    """The same images for every item of a family."""

    def make(rng: random.Random) -> tuple[ImageSpec, ...]:
        return specs

    return make
