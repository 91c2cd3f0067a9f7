"""What makes a sentence that mentions a wrong no allegation: thanks and praise, an official outcome, advice.

TONE-DEFAME's rules (``allegation``) and its model (``allegation_model``) both ask it, and so does the
reading of a flat denial (``denials``); it is its own module so that each reads the same excuses.
"""

from __future__ import annotations

import re


def alternation(words: str) -> str:
    """A pattern's alternation of ``words``: a regular expression each, "_" between a phrase's words."""
    return "|".join(w.replace("_", r"\s+") for w in words.split())


# Wrongdoing said by someone else about a named person in an official way, praise, or advice: the
# sentence is not an allegation whatever else it has; nor is a hint whose subject is the weather ("Funny
# how the sun always comes out when Kelly runs the litter pick"). Checked in the sentence, lower case.
_EXCUSES = r"""
    thanks?(?!-you|_for_nothing) thank_you cheers_to_all cheers_to_everyone kindly donating winner
    sponsored(?!_(?:walk|ride|swim|run|bike|silence|event|challenge|climb|skydive|cycle)\b)
    (?<!the\s)(?<!'s\s)(?<!’s\s)(?<!our\s)(?<!their\s)(?<!his\s)(?<!her\s)(?<!of\s)(?<!s'\s)(?<!s’\s)(?<!every\s)(?<!all\s)donated(?!_(?:books|items|goods|clothes|clothing|toys|food|furniture|stock|bikes|tins))
    well_done cracking_job a_cracking great_job good_job top_job legends? (?<!oh\s)brilliant award
    (?<!left\s)(?<!left\sit\s)spotless
    (?<!oh\s)lovely(?!_to_see|_use_of|_of)
    congratulations congrats proud well_deserved pledge declared_an_interest
    great_stuff best_in_(?:town|the_area|the_county|the_borough) nicest top_bloke absolute_gent
    (?<!never\s)(?<!n't\s)(?:made|makes|making)_(?:the_|it_|them_|everything_)(?:\w+_){0,6}?safe(?!_enough)
    gentle_soul softie superstar fully_legit
    has_died (?<!who\s)passed_away sadly_died with_sadness tribute rest_in_peace
    (?<!was\s)(?<!were\s)handed_(?:it_)?in
    never_charges?_(?:pensioners|for|a_penny|anything|extra) highly_recommend\w* myth-?busting
    (?:left|leaves|leaving)_(?:\w+_){1,3}lying_(?:about|around)
    convicted conviction fined prosecut\w* magistrates['’]?_court magistrates crown_court sentenced
    (?<!be\s)jailed
    pleaded charged_in (?:has|have|had)_(?:since_|now_|already_)?been_(?:charged|arrested)
    (?:was|were)_(?:charged|arrested)
    penalty_notice improvement_notice warrant investigation test_purchases?
    (?:a|the)_tribunal_(?:has_|have_)?(?:ordered|ruled|found|awarded)
    (?:has_been_|was_|were_|been_)?ordered_(?:by_(?:the_|a_)?(?:court|tribunal|judge)_)?to_(?:re)?pay
    handed_(?:\w+_)?(?:police|the_police|officers)(?:_the)?
    handed_(?:over_|in_)?(?:the_|their_|its_|his_|her_)?(?:cctv|footage|doorbell_footage|dashcam_footage|evidence)
    (?<!the\s)(?<!keeping\s)(?<!selling\s)seized
    enforcement(?!_(?:officers?|bloke|team_leader|manager|lead|agents?|agency|company|firm|contractors?)\b)
    please(?!_(?:be_aware_that|note_that|avoid|steer_clear_of|don't_use|do_not_use|stop)\b)
    (?:will|would)_not_be_tolerated won't_be_tolerated
    remind(?:s|ing|ed)?_(?:all_)?(?:everyone|residents|tenants|people|you|venues|businesses|drivers|owners|parents|traders)
    tip: alert awareness (?<!idea\s)how_to are_invited
    (?<!bad\s)advice(?!_(?:workers?|staff|desk|team|centre|service|line|agency)\b)
    invited_to praised
    (?<!who\s)never_pay(?!_out) report_it call_us call_999 contact_our
    flagged tipped_us_off tipped_off
    funny_how_the_(?:sun|rain|weather|snow|wind|storm) beautifully
    (?<!not\s)without_charging
    class_act spot_on hardest[-\s]work\w* (?:will|'ll)_be_(?:sorely_|greatly_|much_|really_)?missed
    give_(?:that_|the_)?(?:\w+_){0,2}a_medal (?<!not\s)that's_how_it_should_(?:be|work)
    wrongly_(?:linked|named|accused|identified|blamed|reported) under_(?:a_|an_)?(?:court|possession)_order
    (?:someone|somebody|a_man|a_woman|scammers|fraudsters)_(?:pretending|claiming|posing)
    (?:flagging|reporting|reported|reports)_(?:\w+_){0,4}to_(?:trading_standards|the_police|police)
    (?:has|have)_been_reporting (?<!never\s)(?<!n't\s)paid_(?:\w+_){0,3}back
    (?<!never\s)(?<!n't\s)found_(?:[\w'’]+_){0,2}missing agreed_to_(?:drop|waive|scrap|cut) rotten_luck
    (?:gave|handed|passed)_(?:it|them|this|the_\w+)_to_(?:the_)?police got_the_(?:reg|plate|registration)
    (?:was|were|been|being)_targeted_by left_the_room all_above_board eagle[-_]eyed? eagle_eyes
    showed_(?:us|me)_(?:his_|her_|their_|the_)(?:\w+_){0,2}(?:receipts|paperwork|records|logs|certificates?)
    not_(?:his|her|their|its)_(?:doing|fault)
    had_(?:his|her|their|its)_(?:\w+_){1,2}(?:kicked_in|smashed|stolen|nicked|broken_into|vandalised)
    returned_(?:every|all)_ (?:has|have)_been_helping_us helping_us_(?:spot|find|track|catch) nothing_dodgy
    the_best_\w+_in_(?:town|the_area|the_county|the_borough|the_city)
    sorry_for_the_(?:messing|mix-up|mess|delay|confusion|wait) sorry_(?:mr|mrs|ms|miss)_
"""
# Fiction and history: what a story, a play or the past tells is nobody's allegation today, even in the
# words of a label ("Blackpool's most famous smuggler, Jack Rudd, died in 1802"). Not "the Victorian
# terrace" or "the Victorian Market", which stand today.
_STANDING = """
    terrace terraces terraced house houses home homes market markets school schools building buildings
    villa villas semi semis flat flats conversion property properties arcade park baths pier station church
    chapel hall halls library street streets mill warehouse pub hotel cemetery
"""
# Things made then and kept today: "the Victorian sampler collection", "a Victorian clock".
_KEPT = """
    sampler samplers collection collections furniture clock clocks fireplace fireplaces dresser wardrobe
    chest desk table chairs jewellery brooch ring rings painting paintings prints photographs bottles
    lamp lamps tiles doll dolls toys
"""
_PAST_OR_FICTION = rf"""
    book_club reading_group crime_novel crime_fiction thriller whodunnit murder_mystery pantomime panto
    legend_says legend_has_it folklore folk_tale fairy_tale
    (?:in|of|from|during)_(?:the_)?(?:1[0-8]\d\d|19[0-6]\d)(?:s|'s)?
    \d{{1,2}}(?:st|nd|rd|th)[-\s]century
    (?<!as\s)victorian(?!_(?:{alternation(_STANDING)}|{alternation(_KEPT)})\b)
"""
# "won" of a prize ("won the contract" is no excuse); "if you" as advice ("if you see it, report it"), not
# an idiom ("wouldn't eat there if you paid me").
_PRIZES = (
    r"award prize cup trophy title medal gold silver bronze competition contest final league best"
    r" \w+_of_the_year"
)
_ADVICE = "see saw spot find notice have need are think suspect want get witness hear smell"
PAST_OR_FICTION = re.compile(rf"\b(?:{alternation(_PAST_OR_FICTION)})\b")
EXCUSED = re.compile(
    rf"\b(?<!less\s)(?<!not\s)(?:{alternation(_EXCUSES)}|{alternation(_PAST_OR_FICTION)}|won\s+(?:\w+\s+){{0,3}}?(?:{alternation(_PRIZES)})s?"
    rf"|if\s+you(?:\s+(?:{alternation(_ADVICE)})|'re\s+(?:worried|concerned|unsure|affected|struggling)))\b(?!['’])"
)


def lower_in_place(source: str) -> str:
    """``source`` in lower case with straight apostrophes, letter for letter: a match's span in it is its
    span in ``source`` ("İ" lower-cases to two characters and is left as it is)."""
    lower = source.lower()
    if len(lower) != len(source):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in source)
    return lower.replace("’", "'")


# Words in double or curly quotes: an excuse in them is the writer's sarcasm ('the "award winning" bakery').
_QUOTED = re.compile(r"[\"“][^\"“”\n]{1,30}[\"”]|‘[^‘’\n]{1,30}’")


# "Lovely morning at the market apart from Paul's Butchers selling ...": the praise is of the rest; so
# is praise before a turn ("Big thanks to A1 Cars, although the driver was over the limit", "Mo is
# lovely but she's been keeping the cash").
_APART = re.compile(
    r"\b(?:apart\s+from|except\s+for|other\s+than|although|even\s+(?:if|though)|though|but|shame|pity"
    r"|until|till|(?:ruined|spoiled|spoilt)\s+by)\s"
)


# A story that is a play, a novel or a murder-mystery night is fiction from its first sentence to its last.
# Not "the play area", "the play scheme" or "our play worker", nor "the serial fly-tipper" or "the serial
# number": there "play" and "serial" describe the next word, which a council's stories often are about.
_PLAY_THINGS = (
    "area areas park parks ground grounds scheme schemes worker workers leader leaders equipment centre"
    " centres group groups team teams session sessions space spaces street streets date dates zone zones"
    " room rooms club clubs service services ranger rangers officer officers provision facility"
    " facilities site sites staff surface surfacing fund bus van day days"
)
_PLAY = rf"play(?![\s-]+(?:{alternation(_PLAY_THINGS)})\b)"
# "serial" of a wrongdoer or a thing: "the serial fly-tipper", "serial offender", "the serial number".
_SERIAL = r"serial(?![\s-]+(?:[a-z]+-)?(?:[a-z]+(?:er|ers|or|ors|ist|ists)|thief|thieves|cheats?|pests?)\b)"
FICTION_STORY = re.compile(
    r"(?i:\b(?:whodunn?it|murder\s+mystery|crime\s+(?:novel|fiction|writers?)|pantomime|panto|the\s+villain"
    r"|(?:new|latest|debut)\s+(?:novel|mystery|thriller|drama|musical)|library\s+play|final\s+performance"
    rf"|fictional|(?:our|the|this\s+year's)\s+(?:\w+\s+)?(?:{_PLAY}|{_SERIAL}|radio\s+drama|sketch))\b)"
)


def excused_sentence(source: str, sentence: str, start: int, cue: int = -1) -> bool:
    """Whether the sentence (lower case, starting at ``start`` in ``source``) has an excuse outside quotes,
    or the story is fiction; for a cue at ``cue``, not one only before an "apart from" that comes before
    the cue (in the same sentence: a text of several is read as a whole by the model)."""
    if FICTION_STORY.search(source) is not None:
        return True
    for apart in _APART.finditer(sentence, 0, max(0, cue - start)):
        begin = max(sentence.rfind(mark, 0, apart.start()) for mark in ".!?\n") + 1
        sentence = sentence[:begin] + " " * (apart.end() - begin) + sentence[apart.end() :]
    found = _excuse(source, sentence, start)
    if found is None or not _QUOTED.search(source, start, start + len(sentence)):
        return found is not None
    for q in _QUOTED.finditer(source, start, start + len(sentence)):
        if len(q.group().split()) > 3:
            continue  # words someone said ('"please check your change"'), not a sneer's one or two
        a, b = q.start() - start, q.end() - start
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    return _excuse(source, sentence, start) is not None


_COURT = re.compile(r"magistrates|crown\s+court")
_PRAISE = re.compile(r"well\s+done|thanks?\b|thank\s+you|lovely|brilliant|congrat|cheers|legend|award|kindly")
# A word or two in scare quotes: 'the "new" roof', 'for "missed visits"'.
_SNEER = re.compile(r"(?<![\w'’])[\"“‘'][A-Za-z][\w'’-]*(?:\s+[\w'’-]+)?[\"”’'](?![\w'’])")
# Praise's irony without quotes (development set 124, 2026-12-08): "Well done to the head for such creative
# attendance figures", "Congratulations to Steve on inventing the self-emptying skip", "somehow claimed".
_IRONY = re.compile(
    r"\b(?:creative|creatively|somehow|mysteriously|miraculously|inventing|invented|new\s+hobby|magic"
    r"|flexible|remarkably)\b"
)
_NAME_GOES_ON = re.compile(r"\s+[A-Z]")
_THANKS = re.compile(
    r"thank|cheers|well\s+done|congrat|great\s+stuff|nicest|top\s+bloke|absolute\s+gent|gentle|softie|superstar"
    r"|fully\s+legit|best\s+in|(?:great|good|top|cracking)\s+job|class\s+act|spot\s+on|give\s+th"
)
_SENTENCE_END = re.compile(r"[.!?\n][\"”’')]?\s+$")


def _a_court(source: str, at: int, found: re.Match[str]) -> bool:
    """A court by its name is an outcome ("at Borchester Magistrates' Court"); "Crown Court Flats" is a
    business."""
    return _COURT.match(found.group()) is not None and not _NAME_GOES_ON.match(
        source, at + len(found.group())
    )


def _excuse(source: str, sentence: str, start: int) -> re.Match[str] | None:
    """The first excuse in ``sentence`` that is no part of a name: "Sterling Enforcement", "Crown Court
    Flats" and "Spotless Services" are a business's words, not enforcement, a court or praise."""
    lead = start + len(sentence) - len(sentence.lstrip(" \t\n\"'“‘(-–—•*"))
    for found in EXCUSED.finditer(sentence):
        # 'Well done to Brightwell Roofing for the "new" roof': praise with a sneer later on is none ('Lovely
        # "homemade" scones' praises what they are called).
        if _PRAISE.match(found.group()) and (
            _SNEER.search(source, start + found.end() + 12, start + len(sentence))
            or _IRONY.search(sentence, found.end())
        ):
            continue
        at = start + found.start()
        if (
            at > lead
            and at < len(source)
            and source[at].isupper()
            # thanks at a sentence's start is thanks ("… the second I asked. Thank you", "Great stuff.")
            and not (_THANKS.match(found.group()) and _SENTENCE_END.search(source, max(0, at - 4), at))
            and not _a_court(source, at, found)
            and not found.group().startswith("victorian")  # always written with a capital
        ):
            continue
        return found
    return None
