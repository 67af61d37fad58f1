"""The AGE pattern recognizer: ages, not durations."""

import pytest

from farewell.anonymize.text.recognizers.ages import AgeRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = AgeRecognizer()
A = "AGE"


found = finder(RECOGNIZER)


CASES = [
    ("Мне было 19 лет, когда меня призвали.", [(A, "19 лет")]),
    ("Мне 19, и я не хочу умирать.", [(A, "19")]),
    ("Командиру 45 лет, он из Читы.", [(A, "45 лет")]),
    ("В 19 лет я попал в армию.", [(A, "19 лет")]),
    ("В возрасте 45 лет его мобилизовали.", [(A, "45 лет")]),
    ("Девятнадцатилетний парень погиб первым.", [(A, "Девятнадцатилетний")]),
    ("С нами был 19-летний срочник из Курска.", [(A, "19-летний")]),
    ("Сорокапятилетнего мужика забрали прямо с работы.", [(A, "Сорокапятилетнего")]),
    ("Мужик лет 50, с бородой, сидел у костра.", [(A, "50")]),
    ("Мені 19 років, я з Харкова.", [(A, "19 років")]),
    ("A 45-year-old man from Buryatia was with us.", [(A, "45-year-old")]),
    ("I was 19 when I signed the contract.", [(A, "19")]),
    ("He was drafted aged 45, with three kids.", [(A, "45")]),
    ("I'm 23, and I don't want to die there.", [(A, "23")]),
    ("J'avais 28 ans quand la guerre a commencé.", [(A, "28 ans")]),
    ("Un homme âgé de 45 ans commandait la section.", [(A, "45 ans")]),
    ("Мужику было лет 40-45, не больше.", [(A, "40-45")]),
    ("Я родился в 2003 году в Чите.", [(A, "2003 году")]),
    ("Сослуживец Иванов, 1990 г.р., пропал без вести.", [(A, "1990 г.р.")]),
    ("I was born in 1999 in Chita.", [(A, "1999")]),
    ("Je suis né en 1990 à Omsk.", [(A, "1990")]),
    ("At 19, I knew nothing about war.", [(A, "19")]),
    ("Приговорил 28-летнего контрактника к пяти годам.", [(A, "28-летнего")]),
    ("Yarovoy was 24. I deserted in the summer.", [(A, "24")]),
    ('"Every Saturday," said Larisa Kovalenko, 45, whose son serves there.', [(A, "45")]),
    ("Iouri avait une femme et une fille de 3 ans.", [(A, "3 ans")]),
    ("Mon fils Micha a 6 ans, il est resté à Belgorod.", [(A, "6 ans")]),
    ("Мне сорок один год, я из Омска.", [(A, "сорок один год")]),
    ("Ему было двадцать семь лет.", [(A, "двадцать семь лет")]),
    ("J'avais dix-neuf ans quand on m'a mobilisé.", [(A, "dix-neuf ans")]),
    ("Il a quarante et un ans.", [(A, "quarante et un ans")]),
    # negatives
    ("Сорок лет назад здесь был завод.", []),
    ("Через двадцать лет никто не вспомнит.", []),
    ("Я служил 5 лет по контракту.", []),
    ("Прошло 20 лет с тех пор.", []),
    ("20 лет назад отец тоже воевал.", []),
    ("Двухлетний контракт я не подписал.", []),
    ("Мне 2 раза звонили из военкомата.", []),
    ("В 2022 году мне пришла повестка.", []),
    ("Il y a 28 ans, mon père a servi aussi.", []),
    ("The war lasted 10 years in his head.", []),
    ("Через 3 года я вернулся домой.", []),
    ("She lives on Tumanyan Street, 12, in Yerevan.", []),
    ("Il a été condamné à une peine de 5 ans.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_ages(text, expected):
    assert found(text) == expected


def test_it_scores_a_bare_number_of_years_low():
    (bare,) = RECOGNIZER.find("Там был мужик, 45 лет, из Читы.", "ru")
    (said,) = RECOGNIZER.find("Мне было 45 лет.", "ru")
    assert bare.score < 0.6 < said.score
