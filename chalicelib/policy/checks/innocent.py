"""Words around a TONE-DEFAME cue that make it innocent: a service ("the domestic abuse refuge"), a saying
("stole the show"), a harmless threat, a joke at one's own expense ("useless at maths"), an animal's
theft ("a seagull stole my chips"), a notice about a problem, not a wrong ("mould on hard cheese").

Tried on the words within ``REACH`` characters either side of the cue, in lower case.
"""

from __future__ import annotations

import re

from .excuses import alternation, lower_in_place

REACH = 32  # characters either side of a cue that an innocent phrase may take

# A cue word in a phrase that names a service, a saying or a thing, not a wrong: "the domestic abuse
# refuge", "stole the show"; a threat to do something harmless. Tried on the words around the cue.
_INNOCENT_PHRASES = r"""
    kill(?:ed|ing)?_(?:us|me) (?:nearly|almost)_killed flogging_a_dead_horse
    domestic_abuse substance_abuse drug_abuse alcohol_abuse abuse_refuge abuse_helpline abuse_service
    abuse_support stole_the_show steal_the_show steals_the_show drug_and_alcohol drug_&_alcohol
    clocked_(?:up_)?(?:(?:her|his|their|its|a|an)_)?(?:\d|first|100th|1,000th|hundredth|thousandth)
    (?:mould|damp)_(?:survey|surveys|treatment|checks?|inspections?)
    treat(?:ing|ed|s)?_(?:the_)?(?:black_)?mould
    drunk_(?:\w+_){0,3}?(?:coffee|tea|water|squash|pop) (?:went|gone|go|goes)_missing_in_the_post
    no_longer_takes?_cash cashless should_(?:honestly_|really_|seriously_|just_)?be_illegal
    (?:takes?|taking|accepts?)_cards? as_well_as_cash (?:got_)?rid_of_(?:the_)?(?:black_)?mould
    walked_off_with_(?:the_|a_|first_)?(?:trophy|prize|title|cup|award|shield|medal|honours)
    sailed_through_(?:\w+_){0,3}(?:mot|test|inspection|exams?|assessment|audit|interview)
    (?:resident|patient|pupil|child|boy|girl|man|woman|dog|cat|pensioner)_(?:who_)?went_missing
    set_fire_to_(?:the_)?(?:sausages|toast|burgers?|barbecue|bbq|dinner|cakes?|pancakes?|kitchen_roll)
    (?:hopeless|useless|rubbish|terrible|awful)_(?:at|with)_(?:maths|technology|tech|computers|cooking)
    (?:hopeless|useless|rubbish|terrible|awful)_(?:at|with)_(?:spelling|singing|dancing|diy|directions|names)
    (?:hopeless|useless|rubbish|terrible|awful)_(?:at|with)_(?:sport|football|gardening|art|drawing|knitting)
    (?:hopeless|useless|rubbish|terrible|awful)_(?:at|with)_(?:baking|school)
    lies_about_(?:my|her|his|their|our)_age thieves_off deter(?:s|ring)?_thieves
    feels?_unsafe feeling_unsafe spot(?:ting)?_unsafe (?:the_)?lies_(?:we|i|they)_(?:were|was)_told
    (?:killed|hit|injured|knocked_down)_by_an?_drunk
    admits_(?:that_)?(?:she|he|i)(?:'s|_is|_was|_am|'m)?_(?:\w+_)?(?:hopeless|useless|rubbish|terrible|awful)
    fake_(?:\w+_)?(?:tins?|collectors?|calls?|texts?|emails?|letters?|callers?)_(?:for|from|claiming)
    (?:tell|told|telling)_(?:more_)?lies_about_(?:the_one|fish|their_catch)
    (?:working|work|works)_on_the_protected
    (?:it|that|this|work|effort|gamble|campaign)_(?:has_|had_|really_)?paid_off lies,?_damned_lies
    (?:like_i_was|i_was|looking|looked|look)_drunk stolen_and_used_(?:for|in|to)
    (?:heatwave|heat|storm|floods|flooding|drought|frost|disease|virus|weather)_(?:\w+_)?killed
    racing_(?:pigeons?|ferrets?|greyhounds?|horses?|snails|ducks|club) (?:pigeon|horse|duck)_racing
    (?:horse|car|antiques?|art|card|coin|cattle|second-hand)_dealers? smashed_it leaf_mould
    drunk_and_disorderly_(?:incidents|arrests|offences|figures)
    (?:bring|hand|drop|return)\w*_(?:them|it|her|him)_back,?_no_questions
    (?:seagull|gull|magpie|squirrel|fox|dog|cat|crow|pigeon|jackdaw|goat)s?_(?:\w+_)?(?:stole|steals|nicked|pinched)
    stealing_the_show never_(?:\w+_)?cut_corners won't_cut_corners tips?_(?:jar|tin|box|pot)
    (?:pinch|nick|steal|stole)\w*_(?:all_)?(?:the_|my_|our_|his_|her_)?(?:last_)?(?:\w+_)?(?:chocolates?|biscuits?|sweets)
    (?:pinch|nick|steal|stole)\w*_(?:all_)?(?:the_|my_|our_|his_|her_)?(?:last_)?(?:\w+_)?(?:cake|doughnuts?|crisps|chips)
    (?:pinch|nick|steal|stole)\w*_(?:all_)?(?:the_|my_|our_|his_|her_)?(?:last_)?(?:\w+_)?(?:scones?|mince_pies?|brownies)
    (?:pinch|nick|steal|stole)\w*_(?:the_)?(?:limelight|headlines|sausage_rolls?)
    (?:damp_and_)?mould_(?:jobs|cases|repairs|treatment|checks|specialists?|team|advice)
    (?:damp_and_)?mould_(?:is|on|can|and_condensation)
    (?:damp|mould)_(?:team|specialists?|officers?|surveyors?)
    until_(?:it|they|that|this)_(?:was|were|had_been)_fixed
    never_(?:once_)?(?:served|sold_to)_(?:anyone|anybody)_underage
    owe[sd]?_(?:\w+_){0,3}(?:a_|one_|big_)?favou?rs? spott(?:ed|ing)_(?:a_|the_)?scam
    smash(?:ed|es|ing)_(?:a_|an_|the_|their_|his_|her_|my_|our_)?(?:[\w-]+_){0,3}(?:ride|run|challenge|target|record|marathon|swim|walk|pb)
    mould_on_(?:\w+_)?(?:cheese|bread|food|fruit|jam)
    rats_(?:love|like|are_attracted) (?:attract|attracts|deter|keep)_(?:the_)?rats
    nothing_(?:\w+_)?(?:crooked|dodgy|shady|fishy|illegal|wrong|criminal)_about beats?_\w+ing\b
    the_only_thing_(?:\w+_){0,3}(?:ever_)?(?:fiddled|stole|stolen|nicked|pinched|fiddles|steals|nicks)
    (?:catch|caught|catching|trap|trapped|trapping|chase|chased|chasing)_(?:a_|the_)?(?:\w+_)?(?:rats?|mice|mouse)
    pest_control_(?:visited|came|have_been|has_been|are|is)
    (?:under|with)_(?:a_)?(?:council_)?(?:permit|permission|licence)
    report_(?:any_)?fake scam_(?:warning|alert)
    fake_["“]?(?:[\w"”]+_){0,3}(?:sites?|websites?|texts?|links?)_(?:are|is|going)
"""
# Innocent only as the cue's own words, not beside another cue ("the woman with the dog grooming van …
# slapping it about" is no innocent slap): "dog grooming", "touching the animals", "dealing with the printer".
_HOLDING = re.compile(
    r"(?:dog|pet|cat|horse|poodle)\s+grooming|grooming\s+(?:van|salon|parlour|business|table|brush)"
    r"|touching\s+(?:the\s+)?(?:animals|exhibits|lambs|goats|ponies|displays|screens?)"
    r"|(?:dealing|dealt|deals)\s+with\s+(?!stolen|drugs|knock|dodgy|fake|counterfeit)"
    r"|maggot\s+farm|dodgy\s+(?:knees?|back|hips?|ankles?|shoulders?|stomach|tummy|wi-?fi|signal|weather|connection|hearing)"
)
_HARMS = "hit kill smash burn sort batter beat hurt stab punch knock shoot torch"
# At a word's start only: most places in a window are inside a word, where "\b" fails before the
# alternation is tried (the phrases all start a word).
_INNOCENT = re.compile(
    rf"\b(?:{alternation(_INNOCENT_PHRASES)}|threaten\w*\s+to\s+(?!(?:{alternation(_HARMS)})\b))"
)


def innocent_around(lower: str, start: int, end: int, s_start: int, s_end: int) -> bool:
    """Whether an innocent phrase holds the cue ``lower[start:end]`` in its sentence ``[s_start, s_end)``."""
    return _INNOCENT.search(lower, max(s_start, start - REACH), min(s_end, end + REACH)) is not None or any(
        m.start() <= start < m.end()
        for m in _HOLDING.finditer(lower, max(s_start, start - 12), min(s_end, end + 40))
    )


def innocent(source: str, start: int, end: int) -> bool:
    """Whether the words around ``source[start:end]`` are an innocent phrase ("stole the show")."""
    lower = lower_in_place(source)
    return innocent_around(lower, start, end, 0, len(source))


# Sayings whose words would each lean towards a wrong; blanked for the model (not every innocent phrase
# above: "threatened to" and "tips jar" say something of a story the model should still hear).
# ("nearly killed" is not one: it is most often a real harm.)
_SAYINGS = re.compile(
    r"\bflogging\s+a\s+dead\s+horse|\bst(?:ole|eal|eals|ealing)\s+the\s+(?:show|limelight)|\bsmashed\s+it\b"
)


def without_idioms(source: str) -> str:
    """``source`` with each saying ("flogging a dead horse") blanked out, the same length, so spans still
    point into it, for the model to read; ``source`` itself when it has none."""
    lower = lower_in_place(source)
    found = [m.span() for m in _SAYINGS.finditer(lower)]
    if not found:
        return source
    chars = list(source)
    for a, b in found:
        chars[a:b] = " " * (b - a)
    return "".join(chars)
