"""The URL pattern recognizer: links and bare domains, not e-mail addresses nor social-network profiles."""

import pytest

from farewell.anonymize.text.recognizers.handles import HandleRecognizer
from farewell.anonymize.text.recognizers.urls import UrlRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = UrlRecognizer()
L = "URL"


found = finder(RECOGNIZER)


CASES = [
    ("Видео выложили на https://example.com/video?id=123.", [(L, "https://example.com/video?id=123")]),
    ("Смотри сайт www.svoboda.org/a/123.html, там всё есть.", [(L, "www.svoboda.org/a/123.html")]),
    ("Я читал новости на meduza.io каждый день.", [(L, "meduza.io")]),
    ("Список есть на example.ru/path/to/list.", [(L, "example.ru/path/to/list")]),
    ("Заявление подал через госуслуги.рф, так проще.", [(L, "госуслуги.рф")]),
    ("Read it at http://idite-lesom.org (in Russian).", [(L, "http://idite-lesom.org")]),
    ("Le site (https://exemple.fr/page) est fermé.", [(L, "https://exemple.fr/page")]),
    ("Проект «Идите лесом» — idite-lesom.org/help, пишите им.", [(L, "idite-lesom.org/help")]),
    ("Адрес в торе http://abcdefghijklmnop.onion/contact.", [(L, "http://abcdefghijklmnop.onion/contact")]),
    (
        "Ссылка на статью (https://ru.wikipedia.org/wiki/Бахмут_(город)).",
        [(L, "https://ru.wikipedia.org/wiki/Бахмут_(город)")],
    ),
    # negatives
    ("Пишите на ivan@mail.ru.", []),
    ("Мой канал t.me/ivan_petrov, там видео.", []),
    ("Страница https://vk.com/id12345 удалена.", []),
    ("Я был там.Потом ушёл.", []),
    ("Он сказал: так и т.д. и т.п.", []),
    ("I was there.It was cold.", []),
    ("Файл назывался отчет.pdf, я его удалил.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_urls(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "t.me/ivan_petrov",
        "https://t.me/ivan_petrov",
        "http://www.vk.com/id123",
        "vk.com/ivan.petrov",
        "https://instagram.com/masha_k/",
        "ok.ru/profile/571234567890",
        "telegram.me/joinchat/AbCdEf123",
    ],
)
def test_it_leaves_social_network_links_to_the_handle_recognizer(text):
    sentence = f"Вот ссылка: {text} — пишите."
    assert found(sentence) == []
    assert [e.text for e in HandleRecognizer().find(sentence, "ru")] == [text]
