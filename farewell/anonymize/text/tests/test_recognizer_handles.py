"""The HANDLE pattern recognizer: Telegram @usernames and social-network profile links."""

import pytest

from farewell.anonymize.text.recognizers.handles import HandleRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = HandleRecognizer()
H = "HANDLE"


found = finder(RECOGNIZER)


CASES = [
    ("Пишите в телеграм @ivan_petrov, я отвечу.", [(H, "@ivan_petrov")]),
    ("Мой канал t.me/ivan_petrov_2022.", [(H, "t.me/ivan_petrov_2022")]),
    ("Вот его страница: https://vk.com/id123456.", [(H, "https://vk.com/id123456")]),
    ("Нашёл его на vk.com/ivan.petrov, там фото в форме.", [(H, "vk.com/ivan.petrov")]),
    ("Её инстаграм instagram.com/masha_k.", [(H, "instagram.com/masha_k")]),
    ("В одноклассниках ok.ru/profile/571234567890 висит его фото.", [(H, "ok.ru/profile/571234567890")]),
    ("Write to me on Telegram: @Grom_Z_2022.", [(H, "@Grom_Z_2022")]),
    ("Чат роты: telegram.me/joinchat/AbCdEf123", [(H, "telegram.me/joinchat/AbCdEf123")]),
    ("Écrivez-moi sur @jean_dupont_fr ou sur x.com/jdupont.", [(H, "@jean_dupont_fr"), (H, "x.com/jdupont")]),
    ("Инста @masha.kovaleva, там всё видно.", [(H, "@masha.kovaleva")]),
    # negatives
    ("Пишите на ivan.petrov@mail.ru.", []),
    ("@ivan — слишком короткое имя.", []),
    ("Сайт vk.com не работал в части.", []),
    ("Встреча @ 5 утра у КПП.", []),
    ("I wrote to @mail.ru support twice.", []),
    ("Сайт max.com/news я не читал.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_handles(text, expected):
    assert found(text) == expected
