"""TONE-PROF, the nineteenth session, read from development sets 47, 49, 51 and 53: rhyming slang by where
it stands (after an insult's opening, after whose it is, after "a load of"), a masked word with "'s"
("for f*ck's sake"), letters spaced out after text-speak's "R", an aubergine run into a word, a poo "for
brains" or as what a place is, a listed word's "-ing" without its "g" when no other word of the story
is near a listed one ("effin"), and the same slang where it is a county, a bank, a king or a tart.

Beside them the names that look like swearing: a surname after a first name ("Marta Kuntz"), a marsh
after its capitalised word, the Bible's shittim wood, a gym machine's knob and an urn's drain cock.
"""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found

BLOCKED = [
    # Read in the first round (sets 47, 49, 51, 53).
    ("Kiosk's card reader died at 7am. Oh for f*ck's sake, said the whole queue.", "f*ck's"),
    ('Graffiti on the underpass says "PARKING WARDENS R W A N K E R S". Cleaned.', "W A N K E R S"),
    ("Lad in a Corsa called our warden a proper Berkshire for a £35 ticket.", "proper berkshire"),
    ("Stop blocking the bin lorry in, you merchant banker.", "you merchant banker"),
    ("Whoever left the trolley on the green can kiss my Hampton.", "my hampton"),
    ("Slipped on the ice by the bottle bank and went flat on me Khyber.", "on me khyber"),
    ("The new timetable? A load of old Richard the Third, says Keith.", "load of old richard the third"),
    ("That bench they put in is a pile of cack, it wobbles.", "pile of cack"),
    ("Some driver shouted 'come on, you pussy' at the lollipop man.", "you pussy"),
    ("He told our receptionist she was a 'stupid tart'. He's banned.", "stupid tart"),
    ("Someone keeps writing 🍆head on the depot van.", "🍆head"),
    ("The 💩-for-brains who set the bin alight: we have CCTV.", "💩-for-brains"),
    ('Review left on our page: "this leisure centre is 💩." Noted.', "is 💩"),
    ("Nothing but these effin potholes all the way to Ballymena.", "effin"),
    ("Sweet eff-all in the recycling this week, folks.", "sweet eff-all"),
    ("Rota's a total clusterfeck again.", "clusterfeck"),
    ("Feedback card at the café: 'what a load of b@ll@cks'.", "b@ll@cks"),
    ("Top reply under our parking post: #wardensaretwats", "#wardensaretwats"),
    ("Someone started #councilarewankers. Pay and display is still £1.20.", "#councilarewankers"),
    # Read in the second round (sets 55, 57, 59, 61).
    ("Parent's email ended 'you bunch of f***wits'. We replied politely.", "f***wits"),
    ("fvckwits, the lot of you, says a reply under the road closure.", "fvckwits"),
    ("Told to pull my finger out of my a-hole. The lid is on order.", "a-hole"),
    ("The leader's a lying SOB, says one reply. Hidden.", "SOB"),
    ("My kids can't sleep for your ***ing generators.", "***ing"),
    ("Someone wrote F U COUNCIL on the skip.", "F U"),
    ("Comment on our recruitment post: get off ur 🍑 and apply.", "ur 🍑"),
    ("Bunch of 🐱 hiding behind a Facebook page.", "bunch of 🐱"),
    ('Pinned under our planning update: "ɹǝʞuɐʍ". Flip your phone.', "ɹǝʞuɐʍ"),
    ("Kids keep calling me a 'merchant banker' as they cross.", "calling me a 'merchant banker"),
    ("What the Donald Duck are you lot digging up now?", "what the donald duck"),
    ("Tourist told our warden to go eff yourself. Ticket stands.", "go eff yourself"),
    ("Carved into the bench: C U NEXT TUESDAY.", "C U NEXT TUESDAY"),
    ("Swear jar raised £14 today, mostly for 'buggeration'.", "buggeration"),
    ("Caller said stop being such a c*ckwomble and fix the lift.", "c*ckwomble"),
    ("Yon bypass is a reet pain in t'arse, says our gritter driver.", "t'arse"),
    ("Sticky note on the pay machine: HOLY SHEEEIT, £4 an hour?", "SHEEEIT"),
    ("Dad at the gate said the lad was a saft twot for leaving his bag.", "twot"),
    ("Proper cattle truck of a day, the van broke down twice.", "cattle truck of a"),
    ("Kid on a scooter yelled go suck ya mum at the crew.", "suck ya mum"),
    ("Raffle winner gets a hamper, everyone else can duck right off.", "duck right off"),
    # Read in the third round (sets 63, 65, 67, 69).
    ("Got told tae bile yer heid, ya absolute tit.", "ya absolute tit"),
    ("Frig sake, the lifter's jammed again.", "frig sake"),
    ("Sprayed on the bridge: SUCK MA BAWS. We'll get it aff.", "suck ma baws"),
    ("Festival done: ten tonnes of rubbish and a pile of used johnnies.", "used johnnies"),
    ("Our joiner got a kick up the Khyber for leaving the hatch open.", "kick up the khyber"),
    ("The van lads spent the morning cocking about with the tablets.", "cocking about"),
    ("Some merchant banker parked across the skip bay.", "some merchant banker"),
    ("Tenant says the new kitchen doors are fugly.", "fugly"),
    ("Roofer shouted about a passer-by's Bristols. Not on our sites.", "passer-by's bristols"),
    ("Who's the 🔔end that bodged this with tape?", "🔔end"),
    ("Caller told me to f-off and do one.", "f-off"),
    ("Review: What a 💩 service, three weeks for a bin.", "what a 💩"),
    ("He says she's a lazy Barclays who never cuts the hedge.", "lazy barclays"),
    ("Beach clean at dawn, freezing my nadgers off.", "nadgers"),
    ("Oh for f🦆's sake, the wasp nest fell on my hat.", "f🦆"),
    ("Inspector was told to chill the f out. The flour is in a skip.", "the f out"),
    ("Some thievin wee basturt nicked oor cones.", "basturt"),
    # Read in the fourth round (sets 71, 73, 75, 77).
    ("Complaint note: you're all a bunch of C U Next Tuesdays.", "c u next tuesdays"),
    ("Note on the bags: 'SORRY BINMEN WE'RE SKINT AS F'. At least they said sorry.", "F"),
    ("Padlocked the bin so we can't empty it. For fox sake.", "for fox sake"),
    ("Written in the muck on the wagon: BIN MEN SUCK D", "suck d"),
    ("Two inflatable cocks from a hen do wedged under the shelter.", "inflatable cocks"),
    ("Fridge out on glass day? Proper knobheed move.", "knobheed"),
    ('Email signed off "Go f yourselves, regards, Angela."', "go f yourselves"),
    ("Voicemail: your wardens can kiss my hairy Khyber.", "my hairy khyber"),
    ("She tells every visitor he's a useless get, same as always.", "useless get"),
    ("Absolute J Arthur Rank of a human being, says the crew.", "absolute j arthur"),
]

LOOK_ALIKES = [
    # Read in the first round.
    "Thank you Berkshire! 400 volunteers at the river clean.",
    "A proper Berkshire pub lunch for the retired staff's reunion.",
    "Our Hampton branch opens late on Thursdays.",
    "Their Khyber Pass trip raised £900 for the hospice.",
    "Bakewell tart and tea at the library's coffee morning.",
    "Nice jugs of squash for every child on sports day.",
    "Bristol City fans cleared their litter after the match.",
    "Appeals officer Marta Kuntz cleared 400 cases this month.",
    "Say hello to Tom Wanklyn, our new CCTV officer.",
    "Dr Ilse Langer from the university gave a talk on peat bogs.",
    "Cock Marsh at Cookham: parking is limited on summer weekends.",
    'Our rare books room has a Bible that mentions "shittim wood". It is acacia.',
    "The knob on the side of the cable machine adjusts the seat height.",
    "Maintenance fixed the drain cock on the tea urn, so brews are back on.",
    "She's a breaststroker, and she's joining the Southport swim team.",
    "Please bag your dog's 💩 and bin it.",
    "He was a merchant banker before he ran the food bank.",
    "Questions to bins@leeds.gov.uk or ring the depot.",
    "Happy hour at the museum bar #cocktailhour",
    "Up for the match? #scunthorpeunited",
    # Read in the second round.
    "Please pick up after your dog on the coast path at Cocks near Perranporth.",
    "The gas engineer replaced the old gas cock on the kitchen supply.",
    "The old jackass at the donkey sanctuary is retiring this month.",
    "Dick Whittington is this year's panto. #DickWhittington",
    "Peaches 🍑 and plums at the farmers' market.",
    "Our office cat 🐱 has a new bed.",
    "The f*re station open day raised £400.",
    "The **new** timetable starts on Monday.",
    "Our orchestras played to 600 people in the park.",
    "A rabbit-hole of paperwork, but the grant came through.",
    "We'll get t'other side of the bridge swept by noon.",
    "A clean sheet for the under-12s on Saturday.",
    "Ducks off the pond and into the reeds when the dogs came by.",
    # Read in the third round.
    "A blue tit on the feeder outside the library.",
    "Someone dumped a shag-pile rug in the lane behind Main Street.",
    "Dorset Knobs and Bath Olivers on the cheese shop's biscuit shelf.",
    "The cock on the allotments crows at 4.45am every day.",
    "He came in for the knob off his radiator valve.",
    "Residents' meeting in the back room of the Fighting Cocks on Tuesday.",
    "Tourists want a photo of the Cock of Kintyre, a sandstone boulder.",
    "The Bristols car club met at the village hall on Sunday.",
    "The town's Khyber Pass restaurant passed its hygiene check.",
    # Read in the fourth round.
    "The knob's come off the bin store door again; repair booked.",
    "A friendly Jack Russell bitch escorts the wagon down the lane.",
    "Absolute codswallop and poppycock, says one email. The data is online.",
    "A right kerfuffle at the tip this morning over the new bins.",
    "Bitchfield, Lincolnshire: our smallest stop.",
    "Can we do something about the knob on the crossing button? It sticks.",
    "You're right, get in touch and we'll book it.",
]


@pytest.mark.parametrize(("text", "span"), BLOCKED)
def test_slang_and_disguises_block(text: str, span: str) -> None:
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_pass(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []


def test_a_masked_word_is_never_a_street() -> None:
    # The writer who masks it says it is rude; "Slag Lane" unmasked is the street it is.
    assert found("Medieval towns had a street called Gropec*nt Lane.", "TONE-PROF")
    assert found("Slag Lane is closed for resurfacing.", "TONE-PROF") == []


def test_a_title_straight_before_a_word_is_no_surname() -> None:
    # "Mr Shagger" is a nickname; a first name or a title and a name make a surname.
    assert ("Shagger", Severity.BLOCK) in found('The lads call the PE teacher "Mr Shagger".', "TONE-PROF")
