"""The PHONE pattern recognizer: Russian, Kazakh, Armenian, Georgian, Ukrainian, French and other numbers."""

import re

import pytest

from farewell.anonymize.text.recognizers.phones import PhoneRecognizer

RECOGNIZER = PhoneRecognizer()
P = "PHONE"


def language_of(text: str) -> str:
    if re.search(r"[іїєґ]", text, re.IGNORECASE):
        return "uk"
    if re.search(r"[а-яё]", text, re.IGNORECASE):
        return "ru"
    return "fr" if re.search(r"[àâçéèêîôûœ]|\b(?:le|la|les|du|des|je|il|est)\b", text, re.IGNORECASE) else "en"


def found(text: str) -> list[tuple[str, str]]:
    entities = RECOGNIZER.find(text, language_of(text))
    assert all(text[e.start : e.end] == e.text and 0 < e.score <= 1 for e in entities)
    return [(e.label, e.text) for e in entities]


CASES = [
    ("Звоните маме по номеру +7 (912) 345-67-89, она всё знает.", [(P, "+7 (912) 345-67-89")]),
    ("Мой старый номер 8 912 345 67 89, его уже нет.", [(P, "8 912 345 67 89")]),
    ("Телефон командира: 89123456789.", [(P, "89123456789")]),
    ("Жена звонила с городского 8 (4212) 34-56-78.", [(P, "8 (4212) 34-56-78")]),
    ("Брат в Алматы, его номер +7 701 234 56 78.", [(P, "+7 701 234 56 78")]),
    ("В Ереване мне дали номер +374 91 234567.", [(P, "+374 91 234567")]),
    ("Друг из Тбилиси: +995 555 12 34 56.", [(P, "+995 555 12 34 56")]),
    ("Украинский номер +380 50 123 45 67 для связи.", [(P, "+380 50 123 45 67")]),
    ("Звонил на киевский 050 123 45 67, никто не взял.", [(P, "050 123 45 67")]),
    ("Mon numéro en France : 06 12 34 56 78.", [(P, "06 12 34 56 78")]),
    ("Call me on +33 6 12 34 56 78 after six.", [(P, "+33 6 12 34 56 78")]),
    ("Appelez le 0033 6 12 34 56 78 le soir.", [(P, "0033 6 12 34 56 78")]),
    ("My German number is +49 151 23456789.", [(P, "+49 151 23456789")]),
    ("Городской телефон 345-67-89, звонить вечером.", [(P, "345-67-89")]),
    ("Номер 8-912-345-67-89 и ещё +7 (495) 123-45-67.", [(P, "8-912-345-67-89"), (P, "+7 (495) 123-45-67")]),
    ("В 2022 году я купил симку 8 999 123 45 67 на вокзале.", [(P, "8 999 123 45 67")]),
    ("My phone number in Ohio was 555-1234.", [(P, "555-1234")]),
    # negatives
    ("Нас призвали 23.09.2022, а 2022-10-01 уже были под Сватово.", []),
    ("В/ч 12345 стояла в 40 км от границы.", []),
    ("В 2022 году нас было 1500 человек.", []),
    ("У нас было 3 БТРа, 120 человек и 2 миномёта.", []),
    ("Я отслужил с 2014 по 2022, потом уволился.", []),
    ("Зарплата была 204 000 рублей, обещали 300 000.", []),
    ("Построение в 10-30-00 по Москве.", []),
    ("We lost 345 men in 12 days.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_phone_numbers(text, expected):
    assert found(text) == expected


def test_it_needs_a_phone_word_for_a_local_number():
    assert found("Нас было 345-67-89 раз") == []
    assert found("Позвони по 345-67-89") == [(P, "345-67-89")]
