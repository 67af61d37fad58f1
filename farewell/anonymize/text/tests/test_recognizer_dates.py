"""The DATE pattern recognizer: exact dates only, in words and in numbers."""

import pytest

from farewell.anonymize.text.recognizers.dates import DateRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = DateRecognizer()
T = "DATE"


found = finder(RECOGNIZER)


CASES = [
    ("Нас мобилизовали 23 сентября 2022 года.", [(T, "23 сентября 2022 года")]),
    ("Повестку принесли 23.09.2022, утром.", [(T, "23.09.2022")]),
    ("Мы перешли границу в ночь на 24 февраля.", [(T, "24 февраля")]),
    ("С 23 на 24 февраля никто не спал.", [(T, "23 на 24 февраля")]),
    ("Первого сентября нас отправили в Ростов.", [(T, "Первого сентября")]),
    ("Ранило меня 05.03, под Бахмутом.", [(T, "05.03")]),
    ("Приказ датирован 2022-09-23.", [(T, "2022-09-23")]),
    ("Выписали 3/10/22, на следующий день снова в строй.", [(T, "3/10/22")]),
    ("24 лютого 2022 р. усе змінилося.", [(T, "24 лютого 2022 р.")]),
    ("We crossed the border on September 23, 2022.", [(T, "September 23, 2022")]),
    ("I was called up on 23 September and sent east.", [(T, "23 September")]),
    ("On the 24th of February everything changed.", [(T, "24th of February")]),
    ("The order was signed 9/23/2022.", [(T, "9/23/2022")]),
    ("J'ai été mobilisé le 23 septembre 2022.", [(T, "23 septembre 2022")]),
    ("Le 1er mars, nous étions à Kherson.", [(T, "1er mars")]),
    ("Жаргал погиб в ночь на 7.XI, так записали в журнале.", [(T, "7.XI")]),
    # negatives
    ("В 2022 году я ещё был дома.", []),
    ("В сентябре нас перебросили под Купянск.", []),
    ("В сентябре 2022 года пришла повестка.", []),
    ("Подъём был в 05.30, отбой в 23:00.", []),
    ("Прошли 3.5 км за час, потом ещё 12.5 км.", []),
    ("In May 2022 we were sent to Kherson.", []),
    ("En mars 2023, j'ai déserté.", []),
    ("Температура была 12.03 градуса.", []),
    ("Дали 32.13 — такого числа нет.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_exact_dates(text, expected):
    assert found(text) == expected
