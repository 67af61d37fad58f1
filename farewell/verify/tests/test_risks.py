"""Risk flags in ru/en/fr: the acts are flagged, look-alike words and military routine are not."""

from __future__ import annotations

import pytest

from farewell.verify.risks import CATEGORIES, RiskMention, find_risks

POSITIVE = [
    # Russian
    ("ru", "Двоих пленных расстреляли за посадкой.", "execution", "расстреляли"),
    ("ru", "Его расстрелял командир за отказ идти на штурм.", "execution", "расстрелял"),
    ("ru", "Грозились расстрелять всех, кто откажется.", "execution", "расстрелять"),
    ("ru", "Отказников у нас обнуляли, все это знали.", "execution", "обнуляли"),  # slang: killed
    ("ru", "Комбат сказал, что за дезертирство полагается расстрел.", "execution", "расстрел"),
    ("ru", "Их пустили в расход прямо у дороги.", "execution", "пустили в расход"),
    ("ru", "Потом добили раненых, чтобы не тащить.", "execution", "добили раненых"),
    ("ru", "Ему выстрелили в затылок.", "execution", "выстрелили в затылок"),
    ("ru", "В подвале была пыточная, там держали местных.", "torture", "пыточная"),
    ("ru", "Пытки продолжались три дня.", "torture", "Пытки"),
    ("ru", "Его пытали током в подвале комендатуры.", "torture", "пытали"),
    ("ru", "Задержанных били током.", "torture", "били током"),
    ("ru", "Допрос с пыткой током длился ночь.", "torture", "пыткой"),
    ("ru", "Мародёры вынесли всё из магазина.", "looting", "Мародёры"),
    ("ru", "Мародерство было повсюду.", "looting", "Мародерство"),
    ("ru", "Парни грабили дома, пока хозяева сидели в подвалах.", "looting", "грабили"),
    ("ru", "Посёлок разграбили за два дня.", "looting", "разграбили"),
    ("ru", "Выносили технику из брошенных квартир.", "looting", "Выносили технику из брошенных квартир"),
    ("ru", "Забирали у местных машины и телефоны.", "looting", "Забирали у местных"),
    ("ru", "Я знаю, что там изнасиловали женщину.", "sexual_violence", "изнасиловали"),
    ("ru", "Было сексуальное насилие, об этом говорили все.", "sexual_violence", "сексуальное насилие"),
    ("ru", "Они убили мирных жителей у колодца.", "civilians", "убили мирных жителей"),
    ("ru", "Мирное население расстреливали на выезде из города.", "civilians", "Мирное население расстреливали"),
    ("ru", "Стреляли по гражданским машинам на трассе.", "civilians", "Стреляли по гражданским"),
    ("ru", "Стреляли по мирным, когда те шли за водой.", "civilians", "Стреляли по мирным"),
    ("ru", "Танк раздавил машину с беженцами.", "civilians", "раздавил машину с беженцами"),
    ("ru", "Колонну беженцев расстреляли из танка.", "civilians", "беженцев расстреляли"),
    ("ru", "Пленного избили прикладами.", "prisoners", "Пленного избили"),
    ("ru", "Военнопленных били каждый день.", "prisoners", "Военнопленных били"),
    ("ru", "Над пленными издевались всю ночь.", "prisoners", "пленными издевались"),
    ("ru", "Тех, кто сдался, убили на месте.", "prisoners", "сдался, убили"),
    ("ru", "Отказников сажали в яму на неделю.", "prisoners", "сажали в яму"),
    ("ru", "ЕГО ПЫТАЛИ ДВА ДНЯ.", "torture", "ПЫТАЛИ"),
    # English
    ("en", "Two men were executed behind the school.", "execution", "executed"),
    ("en", "They summarily executed the driver.", "execution", "summarily executed"),
    ("en", "He was shot in the back of the head.", "execution", "shot in the back of the head"),
    ("en", "There was a firing squad for deserters.", "execution", "firing squad"),
    ("en", "They shot prisoners near the bridge.", "prisoners", "shot prisoners"),
    ("en", "The prisoners were beaten every night.", "prisoners", "prisoners were beaten"),
    ("en", "Detainees were tortured with electric shocks.", "torture", "tortured"),
    ("en", "Torture was routine in the basement.", "torture", "Torture"),
    ("en", "Soldiers looted the shops.", "looting", "looted"),
    ("en", "They stole televisions from empty apartments.", "looting", "stole televisions from empty apartments"),
    ("en", "Women were raped in the village.", "sexual_violence", "raped"),
    ("en", "Reports of sexual violence reached the unit.", "sexual_violence", "sexual violence"),
    ("en", "Civilians were killed at the checkpoint.", "civilians", "Civilians were killed"),
    ("en", "We were ordered to fire on civilians.", "civilians", "fire on civilians"),
    ("en", "They killed two unarmed men.", "civilians", "killed two unarmed men"),
    ("en", "The column opened fire at villagers.", "civilians", "opened fire at villagers"),
    # French
    ("fr", "Trois hommes ont été exécutés près du pont.", "execution", "exécutés"),
    ("fr", "Ils ont fusillé les déserteurs.", "execution", "fusillé"),
    ("fr", "Les prisonniers étaient torturés.", "torture", "torturés"),
    ("fr", "Il y avait des tortures dans la cave.", "torture", "tortures"),
    ("fr", "Le village a été pillé.", "looting", "pillé"),
    ("fr", "Le pillage a duré une semaine.", "looting", "pillage"),
    ("fr", "Une femme a été violée par deux soldats.", "sexual_violence", "violée"),
    ("fr", "Les viols étaient connus de tous.", "sexual_violence", "viols"),
    ("fr", "Des violences sexuelles ont été signalées.", "sexual_violence", "violences sexuelles"),
    ("fr", "Des civils tués gisaient dans la rue.", "civilians", "civils tués"),
    ("fr", "Ils ont tiré sur des habitants.", "civilians", "tiré sur des habitants"),
    ("fr", "Les prisonniers ont été battus.", "prisoners", "prisonniers ont été battus"),
    ("ru", "Сержант приказал стрелять по любой машине.", "civilians", "стрелять по любой машине"),
    ("ru", "Вечером женщину ранило в руку.", "civilians", "женщину ранило"),
    ("en", "He ordered them to fire at any car that did not stop.", "civilians", "fire at any car"),
    ("fr", "Il a ordonné de tirer sur tout véhicule.", "civilians", "tirer sur tout véhicule"),
    ("ru", "Комбат запретил мне их перевязывать.", "prisoners", "запретил мне их перевязывать"),
    ("ru", "Он тушил сигареты о его руки.", "torture", "тушил сигареты"),
    ("ru", "Летом в яму посадили Руслана.", "prisoners", "в яму посадили"),
    ("en", "He burned his hands with cigarettes.", "torture", "burned his hands with cigarettes"),
    ("ru", "Оператор сказал, что там гражданские.\nМы выпустили шесть мин.", "civilians", "гражданские"),
    ("en", "His commander forbade him to treat the wounded.", "prisoners", "forbade him to treat"),
    ("fr", "Il a reçu l'ordre de ne pas soigner les blessés.", "prisoners", "ne pas soigner"),
]

NEGATIVE = [
    # Russian: «to try», shelling positions and military routine are not flags.
    ("ru", "Я пытался уйти, но меня вернули."),
    ("ru", "Дорога через степь была настоящей пыткой."),  # a hard journey, not torture
    ("ru", "Никого не расстреливали, я не это имел в виду."),  # a denial
    ("ru", "Мы ехали в госпиталь как под пыткой."),  # a simile
    ("ru", "Раненых солдат увезли в госпиталь."),  # our own wounded, cared for
    ("ru", "Она пыталась дозвониться до мужа."),
    ("ru", "Мы пытались выйти к своим, попытка не удалась."),
    ("ru", "Это была уже третья попытка, попытки не прекращались."),
    ("ru", "Решили пытать счастья на другом участке."),
    ("ru", "Мы расстреляли из артиллерии позиции противника."),
    ("ru", "Расстреляли весь боекомплект за час."),
    ("ru", "Я расстрелял два магазина по посадке."),
    ("ru", "Колонну расстреляли с дронов ещё на подходе."),
    ("ru", "На стрельбище расстреливали мишени."),
    ("ru", "Мы взяли двоих пленных и отправили их в тыл."),
    ("ru", "Местные жители приносили нам воду."),
    ("ru", "Мирные переговоры обсуждали все."),
    ("ru", "Я купил грабли на рынке."),
    ("ru", "Обнулили сроки, и все стали ждать."),
    ("ru", "Казна части была пуста, зарплату не платили."),
    ("ru", "Он учил детей в школе до войны."),
    ("ru", "Насилие в армии — это дедовщина, говорили нам."),
    ("ru", "Гражданская одежда лежала в рюкзаке."),
    ("ru", "Мы стреляли по позициям весь день."),
    # English
    ("en", "I tried to leave twice."),
    ("en", "A violent storm hit the camp."),
    ("en", "We went to the shooting range near the village where residents live."),
    ("en", "The plan was executed perfectly."),
    ("en", "We executed the order to withdraw."),
    ("en", "The executive director visited the base."),
    ("en", "We took two prisoners and handed them over."),
    ("en", "Civilians gave us bread and water."),
    ("en", "The loot box in the game was empty."),
    ("en", "The grapes were ripe, we ate them in the field of rapeseed."),
    ("en", "I was shot in the leg by a sniper."),
    # French
    ("fr", "Une violence inouïe, une lumière violette."),
    ("fr", "Ils ont violé le cessez-le-feu."),
    ("fr", "La trêve a été violée dès le premier jour."),
    ("fr", "Le plan a été exécuté rapidement."),
    ("fr", "Nous avons exécuté les ordres."),
    ("fr", "Il y avait une fusillade au loin."),
    ("fr", "Les habitants nous donnaient du pain."),
    ("fr", "Nous avons fait deux prisonniers."),
    ("fr", "La tortue traversait la route."),
    ("fr", "Il portait des vêtements civils."),
    ("fr", "La pile était posée sur la table."),
]


@pytest.mark.parametrize("language, text, category, flagged", POSITIVE)
def test_acts_are_flagged(language, text, category, flagged):
    found = find_risks(text, language)
    if category is None:
        assert found == []
        return
    mentions = {m.text: m for m in found if m.category == category}
    assert flagged in mentions, found
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize("language, text", NEGATIVE)
def test_look_alikes_and_routine_are_not_flagged(language, text):
    assert find_risks(text, language) == []
    assert find_risks(text) == []  # all languages' rules at once


@pytest.mark.parametrize("language", [None, "ru", "ru-RU", "xx"])
def test_an_act_can_carry_several_categories_and_language_codes_are_lenient(language):
    text = "Пленных расстреляли на месте, а мирных жителей убили."
    assert find_risks(text, language) == [
        RiskMention(0, 19, "Пленных расстреляли", "prisoners"),
        RiskMention(8, 19, "расстреляли", "execution"),
        RiskMention(32, 52, "мирных жителей убили", "civilians"),
    ]


def test_another_language_rules_do_not_apply_when_one_is_given():
    assert find_risks("Soldiers looted the shops.", "ru") == []
    assert [m.category for m in find_risks("Soldiers looted the shops.")] == ["looting"]


def test_mentions_are_in_text_order_with_offsets_into_the_text():
    text = "Сначала всё было тихо.\nПотом дома грабили, а задержанных пытали.\n\nWomen were raped."
    found = find_risks(text)
    assert [m.category for m in found] == ["looting", "prisoners", "torture", "sexual_violence"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert {m.category for m in found} <= set(CATEGORIES)


def test_a_flag_does_not_span_two_sentences():
    assert find_risks("Мы видели мирных жителей. Убили кого-то потом или нет, не знаю.", "ru") == []
