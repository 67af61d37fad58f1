"""The ADDRESS pattern recognizer: Russian, Ukrainian, English and French street addresses."""

import pytest

from farewell.anonymize.text.recognizers.addresses import AddressRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = AddressRecognizer()
A = "ADDRESS"


found = finder(RECOGNIZER)


CASES = [
    ("Я жил на ул. Ленина, д. 5, кв. 12 в Чите.", [(A, "ул. Ленина, д. 5, кв. 12")]),
    ("Военкомат на улице Ленина 5, там всех и забирали.", [(A, "улице Ленина 5")]),
    ("Сборный пункт был на проспекте Мира, 10.", [(A, "проспекте Мира, 10")]),
    ("Мать живёт в пер. Садовый 3, рядом со школой.", [(A, "пер. Садовый 3")]),
    ("Наш дом на улице Карла Маркса, дом 3, корпус 2.", [(A, "улице Карла Маркса, дом 3, корпус 2")]),
    ("Отец живёт на ул. 8 Марта, 14а.", [(A, "ул. 8 Марта, 14а")]),
    ("Садовый переулок, 3 — там я вырос.", [(A, "Садовый переулок, 3")]),
    ("Він жив на вул. Шевченка, 5.", [(A, "вул. Шевченка, 5")]),
    ("Военкомат стоит на улице Советской, напротив рынка.", [(A, "улице Советской")]),
    ("I lived at 221B Baker St, Apt 4 before I left.", [(A, "221B Baker St, Apt 4")]),
    ("The office at 12 Baker Street was closed.", [(A, "12 Baker Street")]),
    ("My mother still lives on Lenin Street 5 in Chita.", [(A, "Lenin Street 5")]),
    ("J'habitais au 12 rue de la Paix à Paris.", [(A, "12 rue de la Paix")]),
    ("Le bureau est au 5, avenue Foch.", [(A, "5, avenue Foch")]),
    ("Nous nous sommes vus au 3 bis boulevard Saint-Michel.", [(A, "3 bis boulevard Saint-Michel")]),
    ("Il habitait 14, boulevard Haussmann, 75009 Paris.", [(A, "14, boulevard Haussmann, 75009 Paris")]),
    ("Приезжайте: г. Копейск, ул. Гагарина, д. 12, кв. 48.", [(A, "г. Копейск, ул. Гагарина, д. 12, кв. 48")]),
    (
        "Адрес: 305004, г. Курск, ул. Дзержинского, д. 60, кв. 17.",
        [(A, "305004, г. Курск, ул. Дзержинского, д. 60, кв. 17")],
    ),
    # negatives
    ("На улице было холодно, мы мёрзли.", []),
    ("Мы прошли 5 улиц и свернули к школе.", []),
    ("The street was empty at 5 am.", []),
    ("Dans la rue, il y avait des soldats.", []),
    ("Я живу в доме 5 на окраине.", []),
    ("На улице Я ждал его два часа", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_addresses(text, expected):
    assert found(text) == expected


def test_it_scores_a_street_without_a_house_lower():
    (street,) = RECOGNIZER.find("на улице Ленина", "ru")
    (house,) = RECOGNIZER.find("на улице Ленина, 5", "ru")
    assert street.score < house.score
