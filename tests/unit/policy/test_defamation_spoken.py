"""TONE-DEFAME reads allegations as staff say them: a word in "-ing" without its "g" ("dumpin'"), the
everyday words for skimming, lying and faking, a description that names the one it describes ("the
letting agent Homes4U on ..."), says what they have with them ("the bloke with the white van at ...")
or what they run ("the woman who runs the dog grooming place behind ..."), and an office only one person
holds ("the Mayor's son"). Each has the same words beside it with no allegation in them."""

from __future__ import annotations

import pytest

from chalicelib.policy.checks.allegation import _is_agent, excused
from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The lads at Pearson Motors have been dumpin' old batteries behind the rugby club.",
        "Gary at Kwik Skips keeps nickin diesel out of the council's bowser.",
        "The treasurer of Westfield Bowls Club skimmed the raffle money for two years.",
        "Carol at Sunnyside Lettings has been lying about her licence to every tenant she signs up.",
        "Everyone knows Ray Pugh made the whole thing up to get his neighbour evicted.",
        "The registrar says the couple at 4 Alder Way were a sham marriage arranged by a cousin.",
        "The electrician from Volt Brothers left live wires hanging in the changing rooms.",
        "The roofer on Calder Street has been doing jobs without a permit for months.",
        "The letting agent Homes4Less on Tanner Street kept the deposits of half its tenants.",
        "The bloke with the red pick-up at number 12 Ash Grove has been dumping rubble in the brook.",
        "The man who runs the tyre place behind the Co-op in Selby is the one burning rubbish at night.",
        "The new co-ordinator at Tenby Sports Hall has been pocketing the subs, just saying.",
        "Funny how the Mayor's nephew got the grounds contract with no interview.",
    ],
)
def test_allegations_as_staff_say_them_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The lads at Pearson Motors were cleanin' the minibus for the school trip.",
        "Marcus Tate skimmed the leaves off the pond before the gala.",
        "Jo Bell left tools lying about the site.",
        "Her lie-in was well earned after the night shift at Tenby Sports Hall.",
        "Ray Pugh made up the hampers for the food bank on Friday.",
        "The electrician from Volt Brothers made the live wires in the old depot safe in an hour.",
        "The letting agent Homes4Less on Tanner Street sponsored the under-9s' new kit.",
        "The bloke with the red pick-up at number 12 Ash Grove helped us clear the brook.",
        "Someone has been dumping rubble in the brook behind the Co-op in Selby.",
        "The Mayor thanked the crews who cleared the fly-tipping on Calder Street.",
        "Brynmawr Waste had their yard broken into and diesel siphoned from three lorries.",
    ],
)
def test_the_same_words_with_no_allegation_in_them_pass(text: str) -> None:
    assert blocked(text) == [], text


def test_a_hyphenated_trade_is_the_trade() -> None:
    assert _is_agent("co-ordinator") and _is_agent("coordinator")
    assert not _is_agent("co-op")


@pytest.mark.parametrize(
    "text",
    [
        "Lovely morning at the market apart from Dale's Butchers selling chicken past its date again.",
        "Great turnout at the fun run, except for the owner of Rapid Skips dumping rubble by the finish.",
        "Less lovely: Carol at Sunnyside Lettings has been lying about her licence to every tenant.",
    ],
)
def test_praise_of_everything_else_does_not_excuse_the_allegation(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Dale's Butchers for clearing the dumped tyres off Calder Street, apart from one.",
        "Well done PC Bell for catching the lad stealing lead, apart from that a quiet week.",
        "Not lovely weather, but thanks to Rapid Skips for taking the fly-tipped sofas away.",
    ],
)
def test_praise_of_the_one_named_still_excuses(text: str) -> None:
    assert blocked(text) == [], text


def test_the_writers_own_words_in_a_cue_do_not_make_it_the_staffs() -> None:
    assert blocked('Ace Autos on Dock Road say every car is "fully serviced". Fully serviced my backside.')
    assert blocked("I landed on my backside on the ice outside Ace Autos on Dock Road.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The landlord at 6 Quarry Row knew full well the boiler was condemned and let the flat anyway.",
        "Everyone at Harlow Motors turned a blind eye while the apprentices worked without goggles.",
        "Bell & Co bagged the asbestos under the garden waste so nobody would notice at the tip.",
        "The joiner from Oakline Kitchens took the deposit and stopped answering his phone.",
        "Gail at Corner Fruit puts her thumb on the scales for every pensioner who comes in.",
        "Two men from Roofsafe Ltd knocked on doors saying the council sent them to check the gutters.",
        "The manager at Fresh Foods told our driver to go back where he came from.",
        "The new supervisor at Tipton depot has no clue and should be sacked before someone gets hurt.",
        "Dr Kerr's lot at Hill Surgery are a shambles, three referrals lost this month.",
        "Hartley Surveys signed off the new wall on Mill Road without ever checking the footings.",
    ],
)
def test_knowing_hiding_and_incompetence_said_of_someone_named_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to the landlord at 6 Quarry Row, who knew full well how cold it gets: a new boiler.",
        "Our crew had no clue where the new bins went, so the office sent a map.",
        "The verges on Mill Road were cut without anyone checking the forecast, so we got soaked.",
        "Hartley Surveys checked the new wall on Mill Road twice before signing it off.",
        "Gail at Corner Fruit weighed out a kilo of apples for the lunch club, bless her.",
        "Mike said the Fourth Dimension is a shambles and nobody empties the ashtrays.",
    ],
)
def test_the_same_words_said_kindly_or_of_nobody_pass(text: str) -> None:
    assert blocked(text) == [], text


def test_writing_up_what_was_never_done_is_a_claim() -> None:
    assert blocked("Sandra on the day team writes up home visits she never does.")
    assert blocked("Sandra on the day team writes up every home visit, even the ones nobody asks for.") == []
    assert blocked("Sandra filled in the forms for the families who never got round to it.") == []  # no claim


@pytest.mark.parametrize(
    "text",
    [
        "Whoever lives at no. 9 Cedar Close has been dumping garden waste on the verge all summer.",
        "The old boy at 3 Fern Rise is the one nicking the hanging baskets off the precinct.",
        "Ace Autos on Dock Road \"lost\" the keys to three customers' cars. Coincidence, I'm sure.",
    ],
)
def test_a_household_at_an_address_and_a_hint_with_a_comma_in_it_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The neighbours at 4 Oak Court helped us clear the dumped rubbish off the verge.",
        "Whoever lives at no. 9 Cedar Close grows the best sweet peas on the estate.",
        "Ace Autos on Dock Road sponsored the fun run. Coincidence or not, it never rained.",
    ],
)
def test_the_same_shapes_with_nothing_alleged_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "The chicken at Raj Food Store had a new use-by sticker stuck right over the old one.",
        "If Ace Roofing Ltd knock saying your chimney's about to fall, it isn't, they want cash up front.",
        "The driver from Bayley's Coaches left the Crown at two after three pints and got behind the wheel.",
    ],
)
def test_words_of_time_and_labels_between_the_one_named_and_the_wrong_do_not_hide_it(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Ace Roofing Ltd cleaned up after the fly-tipping on Elm Road, free of charge.",
        "Mrs Patel from Ace Roofing Ltd complained about the fly-tipping on Elm Road.",
        "Bayley's Coaches were let down by a driver who turned up after three pints and was sent home.",
    ],
)
def test_those_who_clear_up_after_it_complain_about_it_or_suffer_it_pass(text: str) -> None:
    assert blocked(text) == [], text


def test_praise_before_an_apart_from_does_not_excuse_what_the_model_reads_after_it() -> None:
    story = "Lovely morning at the fete apart from Ace Skips on Mill Road tipping the lot in the brook."
    assert not excused(story, 0, len(story))
    assert excused("Lovely morning at the fete, thanks to Ace Skips on Mill Road.", 0, 60)


def test_making_up_complaints_about_someone_is_an_allegation() -> None:
    assert blocked("Dawn Pike from the tenants' group keeps making up noise complaints about number 8.")
    assert blocked("Dawn Pike from the tenants' group is making up hampers for the family at 8.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Swift Pest Control charged a man on Elm Row £400 for a wasp nest that wasn't even there.",
        "Kerbside Paving Ltd billed the Hendersons for a new soakaway that didn't need doing.",
        "The lads from Apex Roofing are preying on old folk round the Beeches estate.",
        "Collections for the Sunnyside Trust go in Gary Holt's van and only half ever reaches the bank.",
    ],
)
def test_charging_for_what_was_not_there_and_preying_on_people_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Swift Pest Control came out to Elm Row for a wasp nest that wasn't there: no charge, lovely lads.",
        "Swift Pest Control never charged the school on Elm Row for the nest, which wasn't there in the end.",
        "The kestrels at Beeches Park are preying on voles along the new hedge, said ranger Gary Holt.",
    ],
)
def test_a_nest_that_was_not_there_and_birds_of_prey_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        'Nice to see Tipton Recycling Ltd "recycling" by burning the lot behind the yard at night.',
        "Sunrise Farm Shop sells supermarket eggs as free range. Seen it with my own eyes, twice.",
    ],
)
def test_by_of_a_means_and_first_hand_evidence_of_the_sentence_before_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The old sofas were cleared by Tipton Recycling Ltd, burning nothing, recycling the lot.",
        "Sunrise Farm Shop won best eggs at the county show. Seen it with my own eyes, well deserved.",
    ],
)
def test_by_of_a_doer_and_evidence_of_praise_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Clearview Opticians on Bank Street sold my nan the wrong lenses and won't refund her.",
        "The family at 9 Alder Close let their dog off on the school path and it bit a child on Friday.",
        "The new supervisor at Tipton depot only got the job because he's the director's nephew.",
        "The bloke at Fastfit on Quay Road is putting MOT passes on vans that wouldn't pass a sniff test.",
        "The wee shop on Tollcross Road is selling vapes tae the weans again.",
    ],
)
def test_more_everyday_wrongs_said_of_someone_identifiable_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Clearview Opticians on Bank Street will refund anyone whose lenses were wrong, no questions.",
        "Our own collie went for a kid's sandwich at the fun day and got a round of applause.",
        "The new depot supervisor got the job after twenty years on the wagons, well deserved.",
        "The wee shop on Tollcross Road gave the weans free ice lollies on sports day.",
    ],
)
def test_the_same_words_said_of_nothing_wrong_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Reckon our MP took a backhander to wave the new retail park through.",
        "The new owners of the Anchor on Quay Street bought it with drug money, word is.",
        "Saw Dr Pell at Elm Surgery writing sick notes for cash, we've got the texts.",
        "The manager at Reads on Bank Street has been binning donated books and flogging the best on eBay.",
    ],
)
def test_an_mp_drug_money_sick_notes_and_donated_goods_flogged_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Our MP cut the ribbon on the new footbridge and thanked the crews who built it.",
        "Reads on Bank Street donated books to the library sale, thank you!",
        "Somebody keyed three cars on Wesley Street overnight; if you saw owt, ring 101.",
    ],
)
def test_an_mp_thanking_a_donation_and_an_unnamed_vandal_pass(text: str) -> None:
    assert blocked(text) == [], text


def test_lovely_to_see_a_wrong_is_sarcasm_and_lovely_to_see_a_clean_up_is_not() -> None:
    assert blocked("Lovely to see the new chef at the Red Lion on Quay Street working while signing on.")
    assert blocked("Lovely to see Ace Skips Ltd clearing up the fly-tipping on Elm Road, thanks lads.") == []
    assert blocked("Lovely to see the Mayor at the fun run on Elm Road. Nobody dumped anything!") == []


@pytest.mark.parametrize(
    "text",
    [
        "The man at 6 Heron Way lets his labrador foul the school path and walks off without bagging it.",
        "Gerry Platt up Moor Lane lets his collie run loose and it's been worrying sheep again.",
        "The care worker from Carewell Homecare visits Mr Bell and every time his purse is lighter after.",
        "Tins for Hope Hall Trust go to the chair's house and only about half ever reaches the bank.",
        "Strange how Rosa's Diner on Mill Road has forty fake reviews from the same afternoon.",
    ],
)
def test_dog_fouling_lighter_purses_missing_money_and_fake_reviews_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Gerry Platt up Moor Lane told us about the dogs running loose on the fell; we've put signs up.",
        "Carewell Homecare warned families about fake reviews of rogue agencies online.",
        "Mrs Patel from Ace Roofing Ltd talked about the fly-tipping on Elm Road at the ward meeting.",
    ],
)
def test_those_who_tell_or_warn_about_a_wrong_pass(text: str) -> None:
    assert blocked(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Dr Hale's lot at Elm Surgery are a shambles, we've lost three referrals to them this month.",
        "Dear Councillor Pym, if you'd read the report instead of lying about it in the Gazette, we'd agree.",
    ],
)
def test_apostrophes_are_no_quotation_marks_and_a_report_read_is_no_report_made(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        'Our lads were "robbed" of the cup by a late goal from Elm Rovers, says Dave Platt.',
        "Dave Platt laughed: \"I don't care, it's a fair cop,\" when we caught him napping.",
    ],
)
def test_words_in_quotation_marks_still_pass(text: str) -> None:
    assert blocked(text) == [], text
