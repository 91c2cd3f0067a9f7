"""Clean stories: everyday council news with nothing in it that a check should flag."""

from __future__ import annotations

from ..model import Family
from .build import clean

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
