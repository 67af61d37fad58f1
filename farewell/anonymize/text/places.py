"""Places and organizations that the statistical models miss, found from the dictionary and
from the shape of the text: toponyms known to pymorphy3 (Geox), regions and districts named
with their type word, institutions with a number or a district, and names in quotes after a
word saying what they are (газета «…», the "… Courier")."""

from __future__ import annotations

import re

from farewell.anonymize.text.morph import CYRILLIC, parses
from farewell.anonymize.text.types import Entity, Recognizer

TOKEN = re.compile(r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Z]?[а-яёa-z]+)*")


class DictionaryPlaces(Recognizer):
    """Capitalized Cyrillic words that pymorphy3's dictionary knows as place names, in any case."""

    label = "LOCATION"
    name = "dictionary-places"

    def find(self, text: str, language: str) -> list[Entity]:
        found = []
        for match in TOKEN.finditer(text):
            word = match.group()
            if not CYRILLIC.search(word) or len(word) < 3:
                continue
            if any("Geox" in analysis.tag for analysis in parses(word)):
                found.append(self.entity(text, match.start(), match.end(), 0.7))
        return found


REGION_WORDS_RU = r"(?:област[ьиюей]|кра[йяюем]|район[аеу]?|округ[аеу]?|республик[аиуе])"
REGIONS = [
    # «Челябинской области», «Ленинского района», «Краснодарского края»
    re.compile(rf"\b[А-ЯЁ][а-яё]+(?:ой|ий|ый|ая|ого|ому|ом|ую|ей|ского|ской)\s+{REGION_WORDS_RU}\b"),
    # "Chelyabinsk region", "Seversky district", "Krasnodar Territory", "Donetsk oblast"
    re.compile(
        r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?\s+(?:[Rr]egion|[Oo]blast|[Dd]istrict|[Tt]erritory|[Kk]rai|[Rr]epublic)\b"
    ),
    # « région de Tcheliabinsk », « oblast de Donetsk », « district de Severski »
    re.compile(r"\b(?:région|oblast|district|territoire|kraï|république)\s+(?:de\s+|d['’])[A-ZÉ][\w-]+"),
]


class Regions(Recognizer):
    label = "LOCATION"
    name = "regions"

    def find(self, text: str, language: str) -> list[Entity]:
        return [self.entity(text, m.start(), m.end(), 0.8) for pattern in REGIONS for m in pattern.finditer(text)]


INSTITUTION_RU = (
    r"(?:школ\w*|гимнази\w*|лице[йяюе]\w*|больниц\w*|госпитал\w*|поликлиник\w*|военкомат\w*|колони\w*|ИК|СИЗО|"
    r"детск\w+ сад\w*|интернат\w*|управлени\w+ \w+|отделени\w+ \w+|завод\w*|комбинат\w*|училищ\w*|техникум\w*)"
)
INSTITUTIONS = [
    # «школе № 49», «ИК-6», «больница № 4», «военкомате Ленинского района», «управлении соцзащиты Миасса»
    re.compile(rf"\b{INSTITUTION_RU}\s*(?:№\s*\d+|-\s*\d+)", re.IGNORECASE),
    re.compile(rf"\b{INSTITUTION_RU}\s+[А-ЯЁ][а-яё]+(?:ого|ой|ского|ской)?\s+(?:района|округа|области)", re.IGNORECASE),
    re.compile(rf"\b{INSTITUTION_RU}\s+(?:г\.\s*)?[А-ЯЁ][а-яё]+\b"),
    # "School No. 12", "Hospital No. 4", « école n° 12 »
    re.compile(
        r"\b(?:[Ss]chool|[Hh]ospital|[Pp]enal [Cc]olony|[Cc]olony|[Éé]cole|[Hh]ôpital|[Cc]olonie)"
        r"\s+(?:No\.?|n°|№)\s*\d+"
    ),
]
NAMED = re.compile(
    r"(?:газет\w*|издани\w*|журнал\w*|канал\w*|фонд\w*|движени\w*|проект\w*|организаци\w*|компани\w*|групп\w*|"
    r"сайт\w*|портал\w*|объединени\w*|общин\w*|центр\w*|newspaper|outlet|channel|foundation|group|project|"
    r"journal|fondation|association|collectif|groupe|chaîne|site)\s+[«\"“]([^»\"”\n]{2,60})[»\"”]",
    re.IGNORECASE,
)


# «Выход есть», «Борода», «Современник»: a short capitalized name in quotes is nearly always a
# name (a group, a call sign, a club, a ship); the reviewer drops the few that are not.
QUOTED_NAME = re.compile(r"«([А-ЯЁA-Z][^«»\n.!?]{1,28})»")


class QuotedNames(Recognizer):
    label = "ORGANIZATION"
    name = "quoted-names"

    def find(self, text: str, language: str) -> list[Entity]:
        found = []
        for match in QUOTED_NAME.finditer(text):
            if len(match.group(1).split()) <= 3:
                found.append(self.entity(text, match.start(1), match.end(1), 0.5))
        return found


class Institutions(Recognizer):
    label = "ORGANIZATION"
    name = "institutions"

    def find(self, text: str, language: str) -> list[Entity]:
        found = [self.entity(text, m.start(), m.end(), 0.7) for p in INSTITUTIONS for m in p.finditer(text)]
        found += [self.entity(text, m.start(1), m.end(1), 0.75) for m in NAMED.finditer(text)]
        return found


# Addresses written the way most of the world writes them: a street name then the house number
# («Koskikatu 25», "Via Franscini 71", "Rua do Arenque 1634"), and flat/suite/box numbers.
STREET_THEN_NUMBER = re.compile(
    r"\b[A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’.-]{2,}(?:\s+(?:[a-zà-ÿ]{1,3}|[A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’.-]+)){0,3}\s+\d{1,5}[A-Za-z]?\b"
    r"(?:\s*,?\s*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat)\s*#?\d+)?"
)
UNIT_NUMBER = re.compile(
    r"\b(?:Apt\.?|Apartment|Suite|Ste\.|Flat|P\.?O\.? Box|Box|PSC|APO|FPO|DPO)\s*(?:[A-Z]{2}\s+)?#?\d+\b"
)
NOT_STREETS = re.compile(
    r"^(?:Brigade|Battalion|Regiment|Division|Company|Platoon|Squad|Unit|Army|Corps|Chapter|Page|Room|Section|"
    r"Article|Part|Group|Team|Road to|Year|Day|Week|Hour|Number|No|Vol|Level|Stage|Phase|Bus|Route|Flight|"
    r"Colony|School|Hospital|Hôpital|École|Bataillon|Régiment|Unité|Chapitre|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|"
    r"Septembre|Octobre|Novembre|Décembre)\b"
)


class StreetAddresses(Recognizer):
    label = "ADDRESS"
    languages = frozenset({"en", "fr", "und", "kk", "uk", "be"})
    name = "street-addresses"

    def find(self, text: str, language: str) -> list[Entity]:
        found = [self.entity(text, m.start(), m.end(), 0.55) for m in UNIT_NUMBER.finditer(text)]
        for match in STREET_THEN_NUMBER.finditer(text):
            if not NOT_STREETS.match(match.group()):
                found.append(self.entity(text, match.start(), match.end(), 0.5))
        return found
