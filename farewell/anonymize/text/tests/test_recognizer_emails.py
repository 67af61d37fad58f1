"""The EMAIL pattern recognizer."""

import re

import pytest

from farewell.anonymize.text.recognizers.emails import EmailRecognizer

RECOGNIZER = EmailRecognizer()
M = "EMAIL"


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
