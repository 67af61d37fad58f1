"""Who a person mention refers to: keys that survive Russian inflection and transliteration.

pymorphy3 lemmatizes many surnames as adjectives («Сомов», «Сомовым», «Сомова» → «сомовый»),
which would merge a wife with her husband. Surnames get their own normalization here, guided by
the gender of a first name or patronymic in the same mention when there is one:
«Игорем Сомовым» and «Игоря Сомова» → (игорь, сомов); «Анна Сомова» → (анна, сомова).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from farewell.anonymize.text.morph import CYRILLIC, WORD, fold, parses

# Masculine surname stems and the case endings that follow them.
MASCULINE_STEMS = ("ов", "ев", "ин", "ын")
MASCULINE_ENDINGS = ("ым", "ом", "у", "а", "е")
FEMININE_ENDINGS = ("ой", "у")  # Сомовой, Сомову → Сомова
ADJECTIVAL = (
    ("ского", "ский"),
    ("скому", "ский"),
    ("ским", "ский"),
    ("ском", "ский"),
    ("цкого", "цкий"),
    ("цкому", "цкий"),
    ("цким", "цкий"),
    ("цком", "цкий"),
)
FEMININE_ADJECTIVAL = (("ской", "ская"), ("скую", "ская"), ("цкой", "цкая"), ("цкую", "цкая"))


@dataclass(frozen=True)
class PersonKey:
    first: str | None
    surname: str | None
    gender: str | None

    @property
    def full(self) -> str:
        return " ".join(part for part in (self.first, self.surname) if part)


def _first_name(word: str):
    for parse in parses(word):
        if "Name" in parse.tag:
            return fold(parse.normal_form), parse.tag.gender
    return None


def _patronymic_gender(word: str):
    for parse in parses(word):
        if "Patr" in parse.tag:
            return parse.tag.gender
    return None


def surname_lemma(word: str, gender: str | None) -> str:
    w = fold(word)
    if gender == "femn":
        for ending, base in FEMININE_ADJECTIVAL:
            if w.endswith(ending):
                return w[: -len(ending)] + base
        for ending in FEMININE_ENDINGS:
            stem = w[: -len(ending)]
            if w.endswith(ending) and stem.endswith(MASCULINE_STEMS):
                return stem + "а"
        return w
    for ending, base in ADJECTIVAL:
        if w.endswith(ending):
            return w[: -len(ending)] + base
    for ending in MASCULINE_ENDINGS:
        stem = w[: -len(ending)]
        if w.endswith(ending) and stem.endswith(MASCULINE_STEMS):
            # Without a gender, «-ова» could be a woman's name: keep it unless clearly masculine.
            if gender is None and ending == "а":
                return w
            return stem
    return w


# ё after a consonant: Артём, Artyom, Artiom; Гринёв, Grinyov (not Iouri's "io").
YO_AFTER_CONSONANT = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])(?:yo|io)")
LATIN_FOLDS = (
    ("shch", "shch"),
    ("gue", "ge"),  # French: Sergueï, Guennadi
    ("gui", "gi"),
    ("iy", "i"),
    ("ii", "i"),
    ("yi", "i"),
    ("ij", "i"),
    ("y", "i"),
    ("ou", "u"),
    ("kh", "h"),
    ("zh", "j"),
    ("tch", "ch"),
    ("ks", "x"),
    ("ph", "f"),
    ("ie", "e"),
    ("ye", "e"),
    ("ia", "ya"),
    ("ya", "a"),
    ("iu", "u"),
    ("yu", "u"),
    ("ff", "v"),
    ("w", "v"),
    ("ck", "k"),
    ("sh", "ch"),  # French writes ш as ch: Dachiev, Dashiev, Дашиев
)
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "j",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "i",
        "ь": "",
        "э": "e",
        "ю": "u",
        "я": "a",
        "і": "i",
        "ї": "i",
        "є": "e",
        "ґ": "g",
    }
)


def _without_accents(word: str) -> str:
    """Alexeï, Gordeïev: Latin diacritics dropped (Cyrillic й and ё fold the same way)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def script_free(word: str) -> str:
    """A crude key under which Dmitrii, Dmitry, Dmitri and Дмитрий meet."""
    w = _without_accents(fold(word)).translate(CYRILLIC_TO_LATIN)
    w = YO_AFTER_CONSONANT.sub("e", w)
    for source, target in LATIN_FOLDS:
        w = w.replace(source, target)
    return re.sub(r"(.)\1+", r"\1", w)


def person_key(text: str) -> PersonKey:
    words = WORD.findall(text)
    if not words:
        return PersonKey(None, None, None)
    if not CYRILLIC.search(text):
        keys = [script_free(word) for word in words]
        if len(keys) == 1:
            return PersonKey(None, keys[0], None)
        return PersonKey(keys[0], keys[-1], None)
    first, gender, rest = None, None, []
    for word in words:
        found = _first_name(word) if first is None else None
        if found:
            first, gender = found
            continue
        patronymic_gender = _patronymic_gender(word)
        if patronymic_gender:
            gender = gender or patronymic_gender
            continue
        rest.append(word)
    surname = surname_lemma(rest[-1], gender) if rest else None
    return PersonKey(
        script_free(first) if first else None,
        script_free(surname) if surname else None,
        gender,
    )
