"""One account's facts, each with its offsets: the people it names, its places, ages, ranks, roles,
units and home towns, its dates, its references to public events and its risk words.

Names, places, ages and units come from the anonymizer's recognizers (anonymize/text), which a
reviewer already trusts to find them; ranks and roles from lexicon.py; home towns from the words
that introduce them. Nothing here links facts across accounts: engine.py does that.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from farewell.anonymize.text import numerals
from farewell.anonymize.text.pipeline import analyze
from farewell.anonymize.text.types import KEEP
from farewell.verify import accounts, dates, gazetteer, lexicon, people, risks, sentences, timeline
from farewell.verify.types import Account

# Words that introduce where a man comes from; the place follows within a few words.
ORIGIN_CUE = re.compile(
    r"(?:(?<!\w)(?:я|он|сам|мы)\s+(?:сам\s+|родом\s+|тоже\s+)?из|родом\s+из|уроженц?\w*|родил(?:ся|ась)\s+в|"
    r"вырос(?:ла)?\s+в|земляк\w*\s+из|"
    r"(?:I'm|I\s+am|he\s+is|he's|is|was|comes|came|hails)\s+(?:originally\s+)?from|native\s+of|born\s+in|"
    r"grew\s+up\s+in|home\s*town(?:\s+of)?|"
    r"(?:^|[,:\n])\s*from|a\s+(?:man|soldier|native)\s+from|"
    r"originaire\s+(?:de\s+la\s+région\s+de\s+|de\s+la\s+|de\s+|d['’]|du\s+)|natif\s+(?:de|d['’])|n[ée]e?\s+(?:à|en|dans)|"
    r"je\s+suis\s+de|il\s+est\s+de|a\s+grandi\s+(?:à|en|dans))"
    r"(?:\s+(?:the\s+)?(?:town|city|village|region|города|город|посёлка|поселка|села|деревни|ville|village)(?:\s+of)?)?\s*$",
    re.IGNORECASE,
)
ROUTE = re.compile(r"\s+(?:to|à|в|до)\s")  # "From Kherson to Tbilisi" is a route, not a home town
APPOSITIVE_AGE = re.compile(r",\s+(\d{2}),")
# The words around a number in an AGE span («сорок один год», "forty-one-year-old", «quarante ans»).
AGE_WORDS = re.compile(r"(?:\b|-)(?:год[аи]?|лет|years?|old|ans?|летн\w*|year-old|aged)\b", re.IGNORECASE)
DIGITS = re.compile(r"\d{1,4}")
BIRTH_YEAR = re.compile(r"(?:19|20)\d\d")
UNIT_NUMBER = re.compile(r"(?<!\d)\d{4,6}(?!\d)")
ORDINAL = re.compile(r"(?<!\d)(\d{1,4})(?:-?(?:[а-яё]{1,3})|st|nd|rd|th|e|er|ème)?(?![\d])", re.IGNORECASE)
# Formation types in ru/en/fr and the qualifiers that say what kind it is, both as canonical English.
FORMATIONS = (
    ("brigade", r"бригад|brigade"),
    ("regiment", r"полк|regiment|régiment"),
    ("battalion", r"батальон|battalion|bataillon"),
    ("division", r"дивизи|division"),
    ("company", r"рот[аеуыой]|company|compagnie"),
    ("army", r"арми|army|armée"),
    ("corps", r"корпус|corps"),
)
QUALIFIERS = (
    ("motor rifle", r"мотострелков|motor[\s-]rifle|motorisée|fusiliers motorisés"),
    ("tank", r"танков|tank|blindée|chars"),
    ("air assault", r"десантно-штурмов|air[\s-]assault|d['’]assaut aérien"),
    ("airborne", r"воздушно-десантн|парашютно-десантн|airborne|aéroporté|parachutiste"),
    ("artillery", r"артиллерийск|artillery|artillerie"),
    ("naval infantry", r"морской\s+пехоты|морпех|marine|naval\s+infantry|infanterie\s+de\s+marine"),
    ("rifle", r"стрелков|(?<!motor )(?<!motor-)rifle|fusiliers"),
)


@dataclass(frozen=True)
class Hit:
    """One stated fact: its span in the account and its value, canonical for comparison."""

    start: int
    end: int
    text: str
    value: int | str


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    text: str
    candidates: tuple[gazetteer.Entry, ...]


@dataclass
class Facts:
    account: Account
    language: str
    text: str  # the account with page furniture masked (same offsets as the original)
    sentences: list[sentences.Sentence]
    mentions: list[people.Mention]
    places: list[PlaceHit]
    attributes: dict[str, list[Hit]] = field(default_factory=dict)  # age, rank, role, unit
    origins: list[PlaceHit] = field(default_factory=list)
    dates: list[dates.DateMention] = field(default_factory=list)
    references: list[timeline.EventReference] = field(default_factory=list)
    risks: list[risks.RiskMention] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.account.name

    # Lookups by bisection: an account may be hundreds of thousands of characters long.
    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _mentions_by_start(self) -> tuple[list[int], list[people.Mention]]:
        ordered = sorted(self.mentions, key=lambda m: m.start)
        return [m.start for m in ordered], ordered

    def sentence_at(self, offset: int) -> sentences.Sentence:
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return sentences.Sentence(offset, offset)

    def sentences_before(self, offset: int, count: int) -> list[sentences.Sentence]:
        """The `count` sentences starting before offset, nearest last."""
        index = bisect.bisect_left(self._sentence_starts, offset)
        return self.sentences[max(0, index - count) : index]

    def sentence_after(self, offset: int) -> sentences.Sentence | None:
        index = bisect.bisect_left(self._sentence_starts, offset)
        return self.sentences[index] if index < len(self.sentences) else None

    def mentions_in(self, start: int, end: int) -> list[people.Mention]:
        """The people's mentions that start in [start, end), in text order."""
        starts, ordered = self._mentions_by_start
        return ordered[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def facts_of(account: Account) -> Facts:
    text = accounts.masked(account)
    analysis = analyze(text)
    language = analysis.language
    found = Facts(account, language, text, sentences.split(text), [], [])
    for entity in analysis.entities:
        if entity.label == "PERSON":
            if entity.action == KEEP or _is_a_post(entity.text) or _is_a_place(entity):
                continue  # a public figure or a country; «Électricien» at the start of a sentence
            weak = entity.score < 0.6
            found.mentions.append(people.mention(account.name, text, entity.start, entity.end, weak))
        elif entity.label == "LOCATION":
            candidates = tuple(gazetteer.lookup(entity.text))
            found.places.append(PlaceHit(entity.start, entity.end, entity.text, candidates))
        elif entity.label == "AGE":
            age = age_of(entity.text, account.date)
            if age is not None:
                found.attributes.setdefault("age", []).append(Hit(entity.start, entity.end, entity.text, age))
        elif entity.label == "MILITARY_UNIT":
            unit = unit_of(entity.text)
            if unit:
                found.attributes.setdefault("unit", []).append(Hit(entity.start, entity.end, entity.text, unit))
    found.attributes.setdefault("age", []).extend(appositive_ages(text, found.mentions))
    for kind in ("rank", "role"):
        hits = [Hit(s, e, text[s:e], value) for s, e, value in lexicon.find(kind, text)]
        found.attributes[kind] = [h for h in hits if not _inside_name(h, found.mentions)]
    found.origins = [p for p in found.places if origin_cue(text, p.start) and not ROUTE.match(text, p.end)]
    found.dates = [d for d in dates.find_dates(text, language, account.date) if not _own_or_birth(found, d)]
    found.references = timeline.references(text, language)
    found.risks = risks.find_risks(text, language)
    return found


def _own_or_birth(found: Facts, mention: dates.DateMention) -> bool:
    """The account's own date in its header line, or a birth year (an age, not an event)."""
    first = found.text.split("\n", 1)[0]
    if mention.end <= len(first) and accounts.HEADER_DATE.match(first.strip()):
        return True
    return any(a.start <= mention.start < a.end for a in found.attributes.get("age", []))


GUESSING_SOURCES = frozenset({"capitalized", "spacy-fr"})


def _is_a_place(entity) -> bool:
    """One word a guessing recognizer (a capital letter, spaCy's French model) took for a name that
    is a town or a region no one is called («Buryatia», «Kiakhta»). Names from the lexicons stay:
    Артём and Roma are towns too."""
    if " " in entity.text.strip() or entity.source not in GUESSING_SOURCES:
        return False
    candidates = gazetteer.lookup(entity.text)
    return bool(candidates) and not candidates[0].common_word


def _is_a_post(text: str) -> bool:
    hits = lexicon.find("role", text) + lexicon.find("rank", text)
    return any(start == 0 and end == len(text) for start, end, _ in hits)


def appositive_ages(text: str, mentions: list[people.Mention]) -> list[Hit]:
    """ "Dmitrii Sokolov, 34, from Chebarkul": the age of press style, right after a name."""
    found = []
    for m in mentions:
        age = APPOSITIVE_AGE.match(text, m.end)
        if age:
            found.append(Hit(age.start(1), age.end(1), age.group(1), int(age.group(1))))
    return found


def _inside_name(hit: Hit, mentions: list[people.Mention]) -> bool:
    return any(m.start <= hit.start and hit.end <= m.end for m in mentions)


def origin_cue(text: str, start: int) -> bool:
    """Whether the words just before a place say the man comes from it («родом из», "native of")."""
    return ORIGIN_CUE.search(text[max(0, start - 60) : start]) is not None


def age_of(text: str, account_date: str | None) -> int | None:
    """An age in years from the anonymizer's AGE span: the number, or the years since a birth year
    (which needs the account's date)."""
    year = BIRTH_YEAR.search(text)
    if year:
        if not account_date:
            return None
        return int(account_date[:4]) - int(year.group())
    number = DIGITS.search(text)
    value = int(number.group()) if number else numerals.value(" ".join(AGE_WORDS.split(text)))
    return value if value is not None and 14 <= value <= 90 else None


def unit_of(text: str) -> str | None:
    """A unit's canonical form: its number for «в/ч 12345»; else "64th motor rifle brigade"."""
    code = UNIT_NUMBER.search(text)
    if code and not re.search(r"\d{4,6}\s*-?(?:[а-яё]{1,3}|st|nd|rd|th|e|ème)\b", text[code.start() :], re.I):
        return code.group()
    # The largest formation in the span («3-м батальоне 1009-го полка» is the regiment's).
    best = None
    for rank, (name, pattern) in enumerate(FORMATIONS):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            number = _number_near(text, match.start(), match.end())
            if number and (best is None or rank < best[0]):
                best = (rank, name, number, match)
    if best is None:
        return None
    _, name, number, _ = best
    qualifier = next((q for q, pattern in QUALIFIERS if re.search(pattern, text, re.IGNORECASE)), None)
    return " ".join(part for part in (ordinal(number), qualifier, name) if part)


def _number_near(text: str, start: int, end: int) -> int | None:
    """The number that belongs to a formation word: the last one before it, else the first after."""
    before = list(ORDINAL.finditer(text, 0, start))
    if before:
        return int(before[-1].group(1))
    after = ORDINAL.search(text, end)
    return int(after.group(1)) if after else None


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
