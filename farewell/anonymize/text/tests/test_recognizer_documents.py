"""The ID_DOCUMENT pattern recognizer: passports, military IDs, SNILS and INN (with their checksums)."""

import pytest

from farewell.anonymize.text.recognizers.documents import (
    IdDocumentRecognizer,
    kazakh_iin_is_valid,
    russian_inn_is_valid,
    snils_is_valid,
    ukrainian_tax_number_is_valid,
)
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = IdDocumentRecognizer()
D = "ID_DOCUMENT"


found = finder(RECOGNIZER)


CASES = [
    ("Паспорт 45 12 345678 у меня забрали в военкомате.", [(D, "45 12 345678")]),
    ("Серия 4512 номер 345678, выдан в 2015 году.", [(D, "4512 номер 345678")]),
    ("Паспорт РФ: серия 45 12 № 345678.", [(D, "45 12 № 345678")]),
    ("Загранпаспорт 75 1234567 остался дома у матери.", [(D, "75 1234567")]),
    ("My passport number was 751234567, they kept it.", [(D, "751234567")]),
    ("Военный билет АБ 1234567 выдали ещё в 2010-м.", [(D, "АБ 1234567")]),
    ("В билете стоял номер АБ № 1234567.", [(D, "АБ № 1234567")]),
    ("СНИЛС 112-233-445 95 был в личном деле.", [(D, "112-233-445 95")]),
    ("ИНН 500100732259 указан в контракте.", [(D, "500100732259")]),
    ("ИНН части 7707083893 я видел в ведомости.", [(D, "7707083893")]),
    ("Личный номер Ж-123456 выбит на жетоне.", [(D, "Ж-123456")]),
    ("Паспорт серія АА № 123456 я залишив удома.", [(D, "АА № 123456")]),
    ("Водительское удостоверение 77 12 123456 тоже отобрали.", [(D, "77 12 123456")]),
    ("Удостоверение офицера ГА 123456 было у него в кармане.", [(D, "ГА 123456")]),
    ("My military ID is AK 2095817, they took it.", [(D, "AK 2095817")]),
    ("My SNILS is 112-233-445 95, you can check it.", [(D, "112-233-445 95")]),
    # right after its name, a number with a wrong checksum is kept (at a low score): a typo hides nobody
    ("СНИЛС 112-233-445 96 — цифры я мог перепутать.", [(D, "112-233-445 96")]),
    ("ИНН 500100732250, так написали в бумагах.", [(D, "500100732250")]),
    ("Зарплату переводили на карту 4276 1234 5678 9014.", [(D, "4276 1234 5678 9014")]),
    # negatives
    ("На бумажке было 112-233-445 96, без подписи.", []),  # a SNILS shape, a wrong checksum, no name
    ("В ведомости стояло 500100732250 напротив фамилии.", []),
    ("Я получил паспорт в 2015 году, в 14 лет.", []),
    ("В/ч 12345, 40 км от Белгорода.", []),
    ("Телефон 89123456789, звоните.", []),
    ("Зарплата 204000 рублей, выплатили 1234567 за всё время.", []),
    ("Карта 4276 1234 5678 9012 — номер я выдумал.", []),
    ("Номер 4512 345678 ничего не значит без слова.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_identity_documents(text, expected):
    assert found(text) == expected


def test_it_scores_a_number_with_a_wrong_checksum_low():
    (valid,) = RECOGNIZER.find("СНИЛС 112-233-445 95", "ru")
    (typo,) = RECOGNIZER.find("СНИЛС 112-233-445 96", "ru")
    assert typo.score < 0.6 < 0.9 < valid.score


@pytest.mark.parametrize(
    "check, number, valid",
    [
        (snils_is_valid, "11223344595", True),
        (snils_is_valid, "11223344596", False),
        (snils_is_valid, "00100100100", False),  # below 001-001-998: no checksum, not issued
        (russian_inn_is_valid, "7707083893", True),
        (russian_inn_is_valid, "7707083894", False),
        (russian_inn_is_valid, "500100732259", True),
        (russian_inn_is_valid, "500100732250", False),
        (ukrainian_tax_number_is_valid, "3652504575", True),
        (ukrainian_tax_number_is_valid, "3652504576", False),
        (kazakh_iin_is_valid, "950101300016", True),
        (kazakh_iin_is_valid, "950101300017", False),
    ],
)
def test_it_validates_checksums(check, number, valid):
    assert check(number) is valid
