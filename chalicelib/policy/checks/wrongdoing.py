"""What someone can be said to have done wrong, as verb phrases, for TONE-DEFAME.

Defamation is an allegation of wrongdoing (a crime, dishonesty, incompetence) about someone
identifiable. ``tone`` finds the someone; this module says what counts as the allegation, by kind of
wrongdoing rather than by the words of one story:

- taking money or goods that are not yours (theft by a trusted person: the till, the float, the subs);
- dealing in stolen, counterfeit or illegal goods, selling age-restricted goods to children, and
  running an illegal operation;
- fraud and lies: forged or falsified documents, charging twice or for work never done, claiming what
  one is not entitled to;
- violence, threats and harassment of people;
- incompetence: botched or abandoned work;
- fly-tipping described rather than named: someone who keeps leaving rubbish somewhere.

The kinds follow the wrongdoing a council hears about (Trading Standards, fraud against the council's
housing and benefits, anti-social behaviour, fly-tipping); the words are ordinary English for each.
What someone is said to take (money, and what money is kept in) and dump (the waste types of Defra's
fly-tipping returns: household, black bags, white goods, tyres, construction and demolition waste,
green waste, furniture) are small closed classes, listed here.

Each phrase is written to be read after a name and a few words: "Jo Bloggs has been ...". A phrase
done *to* someone ("was mugged") is the caller's to rule out, as is one with nobody identifiable.
"""

from __future__ import annotations

# A few words of anything between a verb and what it acts on: "pocketing the bowls club's raffle money".
_SOME = r"(?:[\w'’-]+\s+){0,4}?"
_SELF = r"(?:him|her|them|my|your|our)sel(?:f|ves)"

# Money, and what money is kept in or collected as.
_MONEY = (
    r"(?:money|cash|funds?|takings|till|tills|float|kitty|subs|subscriptions?|dues|deposits?|donations?"
    r"|collections?|fees?|rents?|wages|savings|pensions?|benefits?|payments?|proceeds|profits|grants?"
    r"|tips|sponsorship|rent\s+arrears|service\s+charges?)"
)
# Goods someone at work or on a site can take: not "a biscuit" or "tea".
_GOODS = (
    r"(?:stock|goods|tools|materials|supplies|equipment|fuel|diesel|petrol|lead|copper|cable|scrap"
    r"|stationery|medication|medicines|prescriptions?)"
)
# Defra's fly-tipping waste types, as people say them.
_WASTE = (
    r"(?:rubbish|waste|litter|rubble|junk|debris|bin\s*bags|black\s+bags|bags\s+of\s+\w+|bags"
    r"|mattress(?:es)?|fridges?|freezers?|sofas?|settees?|tyres|asbestos|furniture|white\s+goods"
    r"|carpets?|hardcore|plasterboard|garden\s+waste|green\s+waste|cuttings|household\s+waste)"
)
# Someone who keeps doing it, or the one doing it: "keeps leaving", "the man leaving".
_HABIT_OR_CULPRIT = (
    r"(?:(?<=\bkeep )|(?<=\bkeeps )|(?<=\bkept )|(?<=\balways )|(?<=\bconstantly )|(?<=\bregularly )"
    r"|(?<=\brepeatedly )|(?<=\bstill )|(?<=\bforever )|(?<=\bone )|(?<=\bones )|(?<=\bman )"
    r"|(?<=\bwoman )|(?<=\bperson )|(?<=\bpeople )|(?<=\bbloke )|(?<=\bguy )|(?<=\blad )|(?<=\bculprit )"
    r"|(?<=\bculprits )|(?<=\bfamily ))"
)
# What an illegal business is: "a cannabis farm", "an unlicensed HMO", "a protection racket".
_ILLICIT_OPERATION = (
    r"(?:(?:cannabis|weed|skunk|drugs?|crack|meth)\s+(?:farms?|factory|factories|dens?|labs?|houses?)"
    r"|brothels?|puppy\s+farms?|(?:protection\s+)?rackets?|scams?|ponzi\s+schemes?|pyramid\s+schemes?"
    r"|sweatshops?)(?![\w-])"
    # "runs the scam awareness sessions", "the drug house closures": work against it, not the thing.
    r"(?![\s-]+(?:awareness|prevention|alerts?|warnings?|advice|busters?|talks?|sessions?|workshops?"
    r"|campaigns?|officers?|team|checks?|crackdown|closures?|orders?|raids?|investigations?|enforcement"
    r"|unit|squad|taskforce|task\s+force)\b)"
)
# "an unlicensed HMO", "an illegal scrapyard": with "a", not "the", which names the council's own work
# ("runs the illegal money lending team").
_ILLEGAL_THING = r"(?:illegal|unlicensed|unregistered|illicit|dodgy|bogus|fake)\s+[\w-]+(?![\w-])"
# Goods, counted or not: "some stolen bikes", "loads of stolen phones" (not "reports of stolen bikes").
_HOW_MANY = (
    r"(?:(?:the|a|an|some|any|more|all|their|his|her|these|those|\d+"
    r"|(?:lots|loads|piles|bags|boxes)\s+of)\s+)?"
)
# Words before "unsafe" that are not a clause of their own: "left the scaffold unsafe", not "left
# because the hall was unsafe".
_OBJECT_WORDS = (
    r"(?:(?!(?:because|as|when|after|before|since|and|but|so|it|was|is|were|had)\b)[\w'’-]+\s+){1,4}?"
)
# What is forged or falsified: "forged a friendship" is not.
_PAPERS = (
    r"(?:signatures?|documents?|papers|records?|certificates?|accounts|invoices?|receipts?|references?"
    r"|figures|results|timesheets?|claims?|returns|mots?|log\s*books?|paperwork|evidence|sick\s+notes?"
    r"|qualifications?|id|passports?|licen[cs]es?|permits?|tickets|badges?|blue\s+badges?)\b"
)
# Who violence or threats are done to.
_PERSON = (
    r"(?:him|her|them|people|residents?|neighbours?|tenants?|staff|workers?|customers?|kids|children"
    r"|pupils|pensioners?|women|girls|boys|men|wife|husband|partner|girlfriend|boyfriend|family|colleagues?"
    r"|(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:old|elderly|vulnerable|young|disabled)\s+[\w-]+"
    r"|(?:his|her|their)\s+(?:wife|husband|partner|kids|children|neighbours?|tenants?|staff|family))"
)

# Each kind of allegation: the words one of which any match of it has (its rarest, not its first: "had
# his hand in the till" is keyed on "till", "sold vapes to kids" on "vapes", so that "had", "sold" or
# "running", in most stories, wake nothing), and its pattern.
# A kind keyed "a b + c d" needs one of "a b" and one of "c d" too: "himself" wakes "helps himself to
# the money" only in a story with money in it.
Kind = tuple[str, str]

_MONEY_WORDS = (
    " money cash funds fund takings till tills float kitty subs subscription subscriptions dues deposit"
    " deposits donation donations collection collections fees rent rents wages savings pension pensions"
    " benefit benefits payment payments proceeds profits grant grants tips sponsorship arrears charge charges"
)
_GOODS_WORDS = (
    " stock goods tools materials supplies equipment fuel diesel petrol lead copper cable scrap stationery"
    " medication medicines prescription prescriptions"
)
_WASTE_WORDS = (
    " rubbish waste litter rubble junk debris bags binbags mattress mattresses fridge fridges freezer"
    " freezers sofa sofas settee settees tyres asbestos furniture goods carpet carpets hardcore plasterboard"
    " cuttings"
)

# Done, so a passive ("was assaulted", "had been botched") or an adjective ("the botched repair") makes
# the name the one it was done to: the caller puts these after its own look-behinds for those.
DONE_KINDS: tuple[Kind, ...] = (
    ("forged falsified doctored faked", rf"(?:forged|falsified|doctored|faked)\s+{_SOME}{_PAPERS}"),
    (
        "pilfered filched purloined misappropriated embezzled overcharged charged doublecharged"
        " shortchanged short",
        r"pilfered|filched|purloined|misappropriated|embezzled|(?:over|double)[\s-]?charged"
        r"|short[\s-]?changed",
    ),
    (
        "assaulted mugged stabbed glassed headbutted harassed stalked bullied intimidated threatened"
        " punched beat beaten",
        r"assaulted|mugged|stabbed|glassed|headbutted|harassed|stalked|bullied|intimidated"
        r"|threatened(?!\s+to\b)|punched(?!\s+(?:above|the\s+air)\b)|beat\s+up|beaten\s+up",
    ),
    ("botched bodged", r"botched|bodged"),
    (
        "fraudulently illegally unlawfully dishonestly falsely corruptly",
        r"(?:fraudulently|illegally|unlawfully|dishonestly|falsely|corruptly)\s+[a-z]+ed",
    ),
)

# Doing, or done with what it was done to after it, which a passive cannot have.
KINDS: tuple[Kind, ...] = (
    # Taking money or goods that are not yours.
    ("pocket pockets pocketed pocketing +" + _MONEY_WORDS, rf"pocket(?:s|ed|ing)?\s+{_SOME}{_MONEY}\b"),
    (
        "himself herself themselves themself myself yourself yourselves ourselves +"
        + _MONEY_WORDS
        + _GOODS_WORDS,
        rf"help(?:s|ed|ing)?\s+{_SELF}\s+to\s+{_SOME}(?:{_MONEY}|{_GOODS})\b"
        rf"|(?:kept|keeps?|keeping)\s+{_SOME}{_MONEY}\s+for\s+{_SELF}",
    ),
    (
        "skim skims skimmed skimming siphon siphons siphoned siphoning syphon syphons syphoned syphoning"
        " cream creams creamed creaming misappropriates misappropriating divert diverts diverted diverting"
        " nick nicks nicked nicking pinch pinches pinched pinching pilfer pilfers pilfering filches"
        " filching purloins purloining + from off" + _MONEY_WORDS + _GOODS_WORDS,
        rf"(?:skim(?:s|med|ming)?|siphon(?:s|ed|ing)?|syphon(?:s|ed|ing)?|cream(?:s|ed|ing)?\s+off"
        rf"|misappropriat(?:es|ing)|divert(?:s|ed|ing)?|nick(?:s|ed|ing)?|pinch(?:es|ed|ing)?|pilfer(?:s|ing)?"
        rf"|filch(?:es|ing)|purloin(?:s|ing))\s+{_SOME}(?:{_MONEY}|{_GOODS})\b"
        rf"|(?:nick(?:s|ed|ing)?|pinch(?:es|ed|ing)?)\s+{_SOME}(?:from|off)\s+(?:the|a|an|his|her|their|our)\b",
    ),
    (
        "till kitty jar + hand hands finger fingers",
        r"(?:ha[ds]|have|having|got)\s+(?:his|her|their)\s+(?:hands?|fingers?)\s+in\s+the\s+(?:till|kitty"
        r"|cookie\s+jar)",
    ),
    (
        "never vanished disappeared runner bunk flit ground answering +" + _MONEY_WORDS,
        rf"(?:took|takes?|taken|taking|collected|accepted)\s+{_SOME}{_MONEY}\b[^.!?]{{0,60}}?\b(?:never\s+"
        r"(?:c[oa]me\s+back|returned|turned\s+up|showed(?:\s+up)?|did|started|finished|fitted|delivered"
        r"|completed)|vanished|disappeared|did\s+a\s+(?:runner|bunk|flit)|went\s+to\s+ground"
        r"|stopped\s+answering)",
    ),
    # Dealing in stolen, counterfeit or illegal goods; age-restricted goods sold to children.
    (
        "stolen counterfeit knock smuggled contraband bootleg illicit illegal market untaxed unlicensed",
        r"(?:sell(?:s|ing)?|sold|flogs?|flogged|flogging|deal(?:s|t|ing)?\s+in|trad(?:es|ed|ing)\s+in"
        r"|smuggl(?:es|ed|ing)|supply(?:ing)?|suppl(?:ies|ied)|knock(?:s|ed|ing)?\s+out|shift(?:s|ed|ing)?)"
        rf"\s+{_HOW_MANY}(?:stolen|counterfeit|knock[\s-]?off|smuggled|contraband|bootleg|illicit|illegal"
        r"|black[\s-]market|untaxed|unlicensed)\b"
        r"|(?:handl(?:es|ed|ing)|fenc(?:es|ed|ing)|receiv(?:es|ed|ing)|buy(?:s|ing)?|bought"
        rf"|stash(?:es|ed|ing)?|hid(?:es|ing|den)?)\s+{_HOW_MANY}stolen\b",
    ),
    (
        "alcohol booze beer cider spirits cigarettes fags tobacco vape vapes knives blades fireworks solvents"
        " lighter nitrous laughing energy + kids children minors under underage teenagers teens youngsters"
        " schoolchildren pupils",
        rf"(?:sell(?:s|ing)?|sold|supply(?:ing)?|suppl(?:ies|ied)|serv(?:es|ed|ing))\s+{_SOME}(?:alcohol"
        r"|booze|beer|cider|spirits|cigarettes|fags|tobacco|vapes?|e-cigarettes|knives|blades|fireworks"
        r"|solvents|lighter\s+(?:gas|fuel)|nitrous(?:\s+oxide)?|laughing\s+gas|energy\s+drinks)\s+to\s+"
        r"(?:\w+\s+)?(?:kids|children|minors|under[\s-]?age|under[\s-]?1[68]s|teenagers|teens|youngsters"
        r"|schoolchildren|pupils)\b",
    ),
    (
        "cannabis weed skunk drug drugs crack meth brothel brothels puppy racket rackets scam scams ponzi"
        " pyramid sweatshop sweatshops illegal unlicensed unregistered illicit dodgy bogus fake marijuana"
        " + run runs running ran operate operates operated operating set sets setting grow grows growing"
        " grown grew cultivate cultivates cultivated cultivating",
        r"(?:run(?:s|ning)?|ran|operat(?:es|ed|ing)|set(?:s|ting)?\s+up)\s+(?:an?\s+)?"
        rf"(?:[\w'’-]+\s+){{0,2}}?{_ILLICIT_OPERATION}"
        rf"|(?:run(?:s|ning)?|ran|operat(?:es|ed|ing)|set(?:s|ting)?\s+up)\s+an?\s+(?:[\w'’-]+\s+)?{_ILLEGAL_THING}"
        r"|(?:grow(?:s|ing|n)?|grew|cultivat(?:es|ed|ing))\s+(?:[\w'’-]+\s+){0,2}?(?:cannabis|weed|skunk"
        r"|marijuana)\b",
    ),
    # Fraud and lies.
    ("lying lies", r"(?:lying|lies)\s+to\s+(?!rest\b)"),
    (
        "forges forging falsifies falsifying doctors doctoring fakes faking",
        rf"(?:forg(?:es|ing)|falsif(?:ies|ying)|doctors|doctoring|fak(?:es|ing))\s+{_SOME}{_PAPERS}",
    ),
    ("cook cooks cooked cooking", r"cook(?:s|ed|ing)?\s+the\s+books"),
    (
        "overcharges overcharging charges charging doublecharges doublecharging shortchanges shortchanging"
        " short",
        r"(?:over[\s-]?charg|double[\s-]?charg|short[\s-]?chang)(?:es|ing)",
    ),
    (
        "charged charges charging billed bills billing invoiced invoices invoicing + twice double three odds"
        " never didn did hadn",
        r"(?:charg|bill|invoic)(?:ed|es|ing)\s+[^.!?]{0,50}?\b(?:twice|double|three\s+times|over\s+the\s+odds"
        r"|for\s+[^.!?]{0,50}?\b(?:they|he|she)\s+(?:never|didn['’]?t|did\s+not|hadn['’]?t)\s+(?:do|did|done"
        r"|fit|fitted|finish|finished|start|started|deliver|delivered|complete|completed|supply|supplied"
        r"|carr(?:y|ied)\s+out|install|installed|repair|repaired|replace|replaced))\b",
    ),
    (
        "clocks clocked clocking",
        r"clock(?:s|ed|ing)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:cars?|vans?|vehicles?|mileage|odometers?)\b",
    ),
    (
        "claim claims claimed claiming + while whilst when though despite",
        rf"claim(?:s|ed|ing)?\s+{_SOME}(?:benefits?|credit|allowance|discount|exemption|relief|sick\s+pay"
        r"|disability\s+\w+|expenses)\s+(?:while|whilst|when|though|even\s+though|despite)\b",
    ),
    (
        "sublet sublets subletting",
        r"(?:illegally\s+)?sublet(?:s|ting)?\s+(?:(?:his|her|their|the|a)\s+)?(?:council|social|housing"
        r"\s+association)\s+(?:flat|house|home|property|tenancy)",
    ),
    (
        "fraudulently illegally unlawfully dishonestly falsely corruptly",
        r"(?:fraudulently|illegally|unlawfully|dishonestly|falsely|corruptly)\s+[a-z]+ing\b",
    ),
    # Violence, threats and harassment; abuse of a position.
    (
        "abuses abused abusing misuses misused misusing",
        r"(?:abus(?:es|ed|ing)|misus(?:es|ed|ing))\s+(?:his|her|their)\s+(?:position|power|authority|role"
        r"|office|access|trust)",
    ),
    (
        "assaulting mugging stabbing punching harassing stalking bullying intimidating threatening abusing"
        " attacking battering terrorising beating",
        r"(?:assault|mugg|stabb|punch|harass|stalk|bully|intimidat|threaten|abus|attack|batter|terroris|beat)"
        rf"ing\s+(?:up\s+)?{_PERSON}\b",
    ),
    # Incompetence: botched and abandoned work.
    ("botches botching bodges bodging", r"(?:botch|bodg)(?:es|ing)"),
    (
        "mess hash pig botch dog + made make makes making",
        r"(?:made|makes?|making)\s+an?\s+(?:(?:complete|total|right|absolute|utter)\s+(?:mess|hash)"
        r"|pig['’]s\s+ear|botch|dog['’]s\s+dinner)\s+of",
    ),
    (
        "unfinished half unsafe dangerous state falling elements weather rain + left leave leaves leaving",
        rf"(?:left|leaves?|leaving)\s+{_OBJECT_WORDS}(?:unfinished|half[\s-](?:finished|done|built|dug|fitted)"
        r"|unsafe|dangerous|in\s+a\s+(?:dangerous|terrible|shocking|right|awful)\s+state|falling\s+(?:down"
        r"|apart)|open\s+to\s+the\s+(?:elements|weather|rain))",
    ),
    # Fly-tipping described: someone who keeps leaving it, or the one leaving it.
    (
        "leaving dumping dropping chucking throwing tipping dumps leaves drops +" + _WASTE_WORDS,
        # The verb looked ahead for first: the look-behinds, tried at every space, cost more.
        r"(?=(?:leaving|dumping|dropping|chucking|throwing|tipping|dumps|leaves|drops)\s)"
        rf"{_HABIT_OR_CULPRIT}(?:leaving|dumping|dropping|chucking|throwing|tipping|dumps|leaves|drops)\s+"
        rf"(?:[\w'’-]+\s+){{0,2}}?{_WASTE}\b",
    ),
)

# Every match of a kind has one of these as a whole word (lower case). The patterns are written in
# lower case, for the caller to match case-insensitively.
WRONGDOING_WORDS = frozenset(
    word for words, _ in DONE_KINDS + KINDS for word in words.split("+", 1)[0].split()
)
