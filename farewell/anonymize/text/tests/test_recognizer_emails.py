"""The EMAIL pattern recognizer."""

import pytest

from farewell.anonymize.text.recognizers.emails import EmailRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = EmailRecognizer()
M = "EMAIL"


found = finder(RECOGNIZER)


CASES = [
    ("Пишите мне на ivan.petrov@mail.ru, я отвечу.", [(M, "ivan.petrov@mail.ru")]),
    ("Мой адрес soldat_2022@yandex.ru.", [(M, "soldat_2022@yandex.ru")]),
    ("Contact me at john.doe+army@gmail.com if you can.", [(M, "john.doe+army@gmail.com")]),
    ("Écrivez à jean-pierre@laposte.fr, il transmettra.", [(M, "jean-pierre@laposte.fr")]),
    ("Почта для связи: почта@пример.рф", [(M, "почта@пример.рф")]),
    ("Адрес сестры (olga.k@proton.me) я выучил наизусть.", [(M, "olga.k@proton.me")]),
    ("Он просил писать на ivan [at] mail.ru, чтобы не спалили.", [(M, "ivan [at] mail.ru")]),
    ("Мой ящик ivan(собака)mail.ru, пишите.", [(M, "ivan(собака)mail.ru")]),
    ("Two addresses: a.b@army.mil.ru and c_d@e.org.", [(M, "a.b@army.mil.ru"), (M, "c_d@e.org")]),
    # negatives
    ("Пишите в телеграм @ivan_petrov.", []),
    ("Встреча @ 5 утра у КПП.", []),
    ("Email me, my address is at the bottom.", []),
    ("Сайт example.ru и почта не работают.", []),
    ("Мы были @ лесу, связи не было", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_email_addresses(text, expected):
    assert found(text) == expected
