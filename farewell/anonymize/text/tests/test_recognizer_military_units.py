"""The MILITARY_UNIT pattern recognizer: unit numbers, numbered and named formations."""

import pytest

from farewell.anonymize.text.recognizers.military_units import MilitaryUnitRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = MilitaryUnitRecognizer()
U = "MILITARY_UNIT"


found = finder(RECOGNIZER)


CASES = [
    # unit numbers
    ("Меня отправили в в/ч 12345 под Белгородом.", [(U, "в/ч 12345")]),
    ("Служил в в\\ч 54321, это под Псковом.", [(U, "в\\ч 54321")]),
    ("Нас привезли в ВЧ 71718 в Каменке, там и выдали форму.", [(U, "ВЧ 71718")]),
    ("Приписали к войсковой части 11135, а через месяц перевели.", [(U, "войсковой части 11135")]),
    ("Я попал в войсковую часть № 42839 в Моздоке.", [(U, "войсковую часть № 42839")]),
    ("Мама писала мне на полевую почту 12345.", [(U, "полевую почту 12345")]),
    ("Він служив у військовій частині А1234 під Києвом.", [(U, "військовій частині А1234")]),
    ("I served in military unit 12345 near Kursk.", [(U, "military unit 12345")]),
    ("He was in unit 54096 before the war.", [(U, "unit 54096")]),
    ("Il a servi dans l'unité militaire 12345 près de Koursk.", [(U, "unité militaire 12345")]),
    ("Нас перевели в часть 12345 под Ростовом.", [(U, "часть 12345")]),
    ("Части 12345 и 54321 стояли рядом.", [(U, "Части 12345"), (U, "54321")]),
    ("Нас возили между в/ч 12345, 54321 и 71718.", [(U, "в/ч 12345"), (U, "54321"), (U, "71718")]),
    # numbered formations, every case
    ("Я попал в 138-ю отдельную мотострелковую бригаду в сентябре.", [(U, "138-ю отдельную мотострелковую бригаду")]),
    ("138-я отдельная мотострелковая бригада стояла под Купянском.", [(U, "138-я отдельная мотострелковая бригада")]),
    ("Командиром 1-го гвардейского танкового полка был полковник.", [(U, "1-го гвардейского танкового полка")]),
    ("Нашу роту передали в 6-ю армию.", [(U, "6-ю армию")]),
    # a sub-unit with its unit is one span
    (
        "В 3-м батальоне 155-й бригады морской пехоты было много мобилизованных.",
        [(U, "3-м батальоне 155-й бригады морской пехоты")],
    ),
    ("I served in the 1st Battalion of the 1009th Regiment.", [(U, "1st Battalion of the 1009th Regiment")]),
    ("Из 200 омсбр почти никто не вернулся.", [(U, "200 омсбр")]),
    ("Во 2-й роте 1-го мсп кормили лучше.", [(U, "2-й роте 1-го мсп")]),
    ("Служил в 3-й отдельной бригаде спецназа.", [(U, "3-й отдельной бригаде спецназа")]),
    ("Puis on m'a envoyé dans la brigade 138 près de Koupiansk.", [(U, "brigade 138")]),
    ("Her son serves in the Kuban Cossack volunteer battalion.", [(U, "Kuban Cossack volunteer battalion")]),
    (
        "Наш взвод придали 76-й гвардейской десантно-штурмовой дивизии.",
        [(U, "76-й гвардейской десантно-штурмовой дивизии")],
    ),
    ("Мій брат воював у 93-й окремій механізованій бригаді.", [(U, "93-й окремій механізованій бригаді")]),
    ("В третьем батальоне осталось сорок человек.", [(U, "третьем батальоне")]),
    ("Його перевели до 47-ї окремої механізованої бригади.", [(U, "47-ї окремої механізованої бригади")]),
    ("We were attached to the 155th Marine Brigade in Vuhledar.", [(U, "155th Marine Brigade")]),
    ("The 1st Guards Tank Army lost half its tanks.", [(U, "1st Guards Tank Army")]),
    ("J'étais dans la 155e brigade d'infanterie de marine.", [(U, "155e brigade d'infanterie de marine")]),
    ("Le 1er régiment est arrivé la nuit.", [(U, "1er régiment")]),
    ("Командир 3 роты погиб первым.", [(U, "3 роты")]),  # without an ending: recall first, at a low score
    # named formations
    ("Потом меня записали в батальон «Восток».", [(U, "батальон «Восток»")]),
    ("Подписал контракт с ЧВК «Вагнер» прямо в колонии.", [(U, "ЧВК «Вагнер»")]),
    ("Добровольцев из БАРС-13 отправили под Херсон.", [(U, "БАРС-13")]),
    # negatives
    ("В 2022 году наша бригада стояла под Херсоном.", []),
    ("Нас было 40 человек, и мы шли пешком 12 км.", []),
    ("В батальоне говорили, что бригада скоро уйдёт.", []),
    ("Войсковая часть стояла в лесу, номера я не помню.", []),
    ("Пять рот ушли вперёд, а 5 рот остались.", []),
    ("I spent 3 months in the army and 2 weeks in a hospital.", []),
    ("J'ai passé 2 ans dans l'armée, puis je suis parti.", []),
    ("В части 2022 года призыва было много срочников.", []),
    ("In 2022 the army took my brother.", []),
    ("В 2 часа рота пошла в атаку.", []),
    ("The battalion 40 men strong walked on; our battalion stayed.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_military_units(text, expected):
    assert found(text) == expected


def test_it_scores_a_unit_number_higher_than_a_bare_numbered_formation():
    (code,) = RECOGNIZER.find("в/ч 12345", "ru")
    (bare,) = RECOGNIZER.find("из 200 бригады", "ru")
    assert code.score >= 0.95 > 0.7 > bare.score
