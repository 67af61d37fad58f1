"""Typed, numbered placeholders, consistent within a case: «[ИМЯ 1]» stays one person."""

from __future__ import annotations

from dataclasses import dataclass, field

from farewell.anonymize.text.morph import lemmas
from farewell.anonymize.text.names import PersonKey, person_key
from farewell.anonymize.text.types import REDACT, Entity

PLACEHOLDERS = {
    "PERSON": {"ru": "ИМЯ", "en": "NAME", "fr": "NOM", "uk": "ІМʼЯ"},
    "LOCATION": {"ru": "МЕСТО", "en": "PLACE", "fr": "LIEU", "uk": "МІСЦЕ"},
    "ORGANIZATION": {"ru": "ОРГАНИЗАЦИЯ", "en": "ORGANIZATION", "fr": "ORGANISATION", "uk": "ОРГАНІЗАЦІЯ"},
    "MILITARY_UNIT": {"ru": "ЧАСТЬ", "en": "UNIT", "fr": "UNITÉ", "uk": "ЧАСТИНА"},
    "CALLSIGN": {"ru": "ПОЗЫВНОЙ", "en": "CALL SIGN", "fr": "INDICATIF", "uk": "ПОЗИВНИЙ"},
    "PHONE": {"ru": "ТЕЛЕФОН", "en": "PHONE", "fr": "TÉLÉPHONE", "uk": "ТЕЛЕФОН"},
    "EMAIL": {"ru": "ПОЧТА", "en": "EMAIL", "fr": "COURRIEL", "uk": "ПОШТА"},
    "URL": {"ru": "ССЫЛКА", "en": "LINK", "fr": "LIEN", "uk": "ПОСИЛАННЯ"},
    "HANDLE": {"ru": "АККАУНТ", "en": "ACCOUNT", "fr": "COMPTE", "uk": "АКАУНТ"},
    "ID_DOCUMENT": {"ru": "ДОКУМЕНТ", "en": "DOCUMENT", "fr": "DOCUMENT", "uk": "ДОКУМЕНТ"},
    "VEHICLE_PLATE": {"ru": "НОМЕР", "en": "PLATE", "fr": "IMMATRICULATION", "uk": "НОМЕР"},
    "ADDRESS": {"ru": "АДРЕС", "en": "ADDRESS", "fr": "ADRESSE", "uk": "АДРЕСА"},
    "DATE": {"ru": "ДАТА", "en": "DATE", "fr": "DATE", "uk": "ДАТА"},
    "AGE": {"ru": "ВОЗРАСТ", "en": "AGE", "fr": "ÂGE", "uk": "ВІК"},
    "OTHER": {"ru": "СКРЫТО", "en": "REDACTED", "fr": "MASQUÉ", "uk": "ПРИХОВАНО"},
}


def placeholder(label: str, number: int, language: str) -> str:
    names = PLACEHOLDERS.get(label, PLACEHOLDERS["OTHER"])
    return f"[{names.get(language, names['en'])} {number}]"


@dataclass
class Numberer:
    """Gives each distinct person, place, unit… its number. One per case (--case) or per file."""

    people: list[PersonKey] = field(default_factory=list)
    others: dict[tuple[str, str], int] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def _next(self, label: str) -> int:
        self.counters[label] = self.counters.get(label, 0) + 1
        return self.counters[label]

    def number(self, label: str, text: str) -> int:
        if label == "PERSON":
            return self._person(person_key(text))
        key = (label, lemmas(text) or text.casefold())
        if key not in self.others:
            self.others[key] = self._next(label)
        return self.others[key]

    def _person(self, key: PersonKey) -> int:
        for index, known in enumerate(self.people):
            if self._same(known, key):
                # «Сомов» or «Игорь» first, «Игорь Сомов» later: the person is learned in full.
                self.people[index] = PersonKey(
                    known.first or key.first, known.surname or key.surname, known.gender or key.gender
                )
                return index + 1
        self.people.append(key)
        self.counters["PERSON"] = len(self.people)
        return len(self.people)

    def _same(self, known: PersonKey, key: PersonKey) -> bool:
        if known.full and known.full == key.full:
            return True
        if key.first and key.surname:
            if known.surname is None:  # «Игорь» earlier: the one Игорь, if only one
                return known.first == key.first and [p.first for p in self.people].count(key.first) == 1
            return known.surname == key.surname and known.first in (None, key.first)
        if key.surname:  # one word: the one person with that surname — or else that first name
            matches = [p for p in self.people if p.surname == key.surname]
            if not matches:
                matches = [p for p in self.people if p.first == key.surname]
            return len(matches) == 1 and matches[0] is known
        if key.first:  # a first name alone, likewise
            matches = [p for p in self.people if p.first == key.first]
            return len(matches) == 1 and matches[0] is known
        return False


def redacted_text(text: str, entities: list[Entity], language: str, numberer: Numberer | None = None) -> str:
    """The text with every entity the policy redacts replaced by its placeholder."""
    numberer = numberer or Numberer()
    parts, position = [], 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.action != REDACT or entity.start < position:
            continue
        number = numberer.number(entity.label, entity.text)
        parts += [text[position : entity.start], placeholder(entity.label, number, language)]
        position = entity.end
    parts.append(text[position:])
    return "".join(parts)
