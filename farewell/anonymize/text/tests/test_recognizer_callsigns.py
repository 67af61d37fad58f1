"""The CALLSIGN pattern recognizer: the call sign after «позывной», "call sign", «indicatif»."""

import pytest

from farewell.anonymize.text.recognizers.callsigns import CallsignRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = CallsignRecognizer()
C = "CALLSIGN"


found = finder(RECOGNIZER)


CASES = [
    ("Командир, позывной «Гром», приказал нам идти вперёд.", [(C, "Гром")]),
    ("Был там один мужик, позывной Гром, из Бурятии.", [(C, "Гром")]),
    ('Я ходил с позывным "Кедр" почти полгода.', [(C, "Кедр")]),
    ("Связались по рации по позывному Сокол, он не ответил.", [(C, "Сокол")]),
    ("Мой позывной — Малыш, так прозвали ещё в учебке.", [(C, "Малыш")]),
    ("Позывной у него был «Лис», он из Читы.", [(C, "Лис")]),
    ("Позывные «Гром» и «Кедр» знали все в роте.", [(C, "Гром"), (C, "Кедр")]),
    ("Позывной: „Седой“. Ему было за пятьдесят.", [(C, "Седой")]),
    ("Старшим был мужик с позывным Кедр-2.", [(C, "Кедр-2")]),
    ("позывной седой, лет пятьдесят ему было", [(C, "седой")]),
    ("Командир з позивним «Грім» наказав відступати.", [(C, "Грім")]),
    ("В роте был пацан по кличке «Кабан», его все боялись.", [(C, "Кабан")]),
    ("His call sign was Grom and he never took off his mask.", [(C, "Grom")]),
    ("The sniper, callsign 'Kedr', stayed behind.", [(C, "Kedr")]),
    ('Son indicatif "Grom" était connu de tous.', [(C, "Grom")]),
    ("On l'appelait par son nom de guerre, Loup.", [(C, "Loup")]),
    ('"Kedr" was his call sign, nobody knew his name.', [(C, "Kedr")]),
    ("«Гром» — это его позывной, а звали его Андрей.", [(C, "Гром")]),
    ("Командир с позывным «Седой» и ещё «Док» ушли в разведку.", [(C, "Седой"), (C, "Док")]),
    ("У него позывной такой — Бармалей.", [(C, "Бармалей")]),
    ("Старшину нашего все звали «Дед». А Дед рассказывал всё время, и мой дед тоже.", [(C, "Дед"), (C, "Дед")]),
    ("Позывной «Кот». Кота мы больше не видели.", [(C, "Кот"), (C, "Кота")]),
    ("Позывной «Шатун», а «Шатуном» его прозвали за силу.", [(C, "Шатун"), (C, "Шатуном")]),
    ("Там раздали позывные. Мне дали «Борода», хотя бороды не было.", [(C, "Борода")]),
    ('A soldier who called himself "Snow" wrote to me on Telegram.', [(C, "Snow")]),
    ("On m'appelait « Berger » dans la compagnie d'assaut.", [(C, "Berger")]),
    ("On l'appelait Kolia ou « Major », même s'il était capitaine.", [(C, "Major")]),
    # negatives
    ("Позывные нам раздали в первый же день.", []),
    ("Я уже не помню его позывной.", []),
    ("У каждого был свой позывной, у меня тоже.", []),
    ("Позывной не помню, давно это было.", []),
    ("We used radio call signs instead of names.", []),
    ("Il n'avait pas d'indicatif radio.", []),
    ("Гром гремел всю ночь, мы сидели в блиндаже.", []),
    ("Все звали его по имени, Андреем.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_call_signs(text, expected):
    assert found(text) == expected


def test_it_trusts_a_quoted_call_sign_more_than_a_lower_case_word():
    (quoted,) = RECOGNIZER.find("позывной «Гром»", "ru")
    (lower,) = RECOGNIZER.find("позывной гром", "ru")
    assert quoted.score > lower.score
