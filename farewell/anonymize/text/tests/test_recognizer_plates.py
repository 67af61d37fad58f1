"""The VEHICLE_PLATE pattern recognizer: Russian civil and military plates, Ukrainian plates."""

import pytest

from farewell.anonymize.text.recognizers.plates import VehiclePlateRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = VehiclePlateRecognizer()
V = "VEHICLE_PLATE"


found = finder(RECOGNIZER)


CASES = [
    ("Нас забрал КамАЗ с номером А123ВС 77 прямо у подъезда.", [(V, "А123ВС 77")]),
    ("Записал номер: а123вс777, потом выкинул бумажку.", [(V, "а123вс777")]),
    ("Синяя «Нива» Х 456 ОР 150 RUS стояла у КПП.", [(V, "Х 456 ОР 150 RUS")]),
    ("Номер на «Урале» был 1234 АВ 50, военный.", [(V, "1234 АВ 50")]),
    ("The truck had the plate A123BC77 on it.", [(V, "A123BC77")]),
    ("Госномер в 123 ос 77 я запомнил на всю жизнь.", [(V, "в 123 ос 77")]),
    ("Машина с номерами АА 1234 ВВ приехала из Киева.", [(V, "АА 1234 ВВ")]),
    ("На борту было написано М777ММ, без региона.", [(V, "М777ММ")]),
    ("La voiture immatriculée K 001 MP 97 nous suivait.", [(V, "K 001 MP 97")]),
    ("Номер машины 4321 вх 23, её потом сожгли.", [(V, "4321 вх 23")]),
    ("Автобус АВ 123 77 возил нас на полигон.", [(V, "АВ 123 77")]),
    ("En France, j'ai acheté une Clio immatriculée FG-482-TK.", [(V, "FG-482-TK")]),
    # negatives
    ("В 100 км от Белгорода мы встали лагерем.", []),
    ("He sent me a 100 MB file with the videos.", []),
    ("В 2022 году я купил «Ладу».", []),
    ("Рота 3 стояла у дороги, в/ч 12345 дальше.", []),
    ("В 123 ос было холодно", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_vehicle_plates(text, expected):
    assert found(text) == expected
