"""The PERSON-after-a-rank pattern recognizer: the name after a rank or a post, not the rank."""

import pytest

from farewell.anonymize.text.recognizers.ranks import RankNameRecognizer
from farewell.anonymize.text.tests.tables import finder

RECOGNIZER = RankNameRecognizer()
P = "PERSON"


found = finder(RECOGNIZER)


CASES = [
    ("Майор Лебедев приказал нам наступать.", [(P, "Лебедев")]),
    ("Я подал рапорт на имя майора Лебедева.", [(P, "Лебедева")]),
    ("С капитаном Ивановым мы не ладили.", [(P, "Ивановым")]),
    ("Старший лейтенант Сомов погиб под Угледаром.", [(P, "Сомов")]),
    ("Ефрейтор Петров отказался стрелять.", [(P, "Петров")]),
    ("Нас принял гвардии рядовой Кузнецов, тоже мобилизованный.", [(P, "Кузнецов")]),
    ("Приказ подписал генерал-майор А. В. Смирнов.", [(P, "А. В. Смирнов")]),
    ("Рапорт передали подполковнику Орлову Андрею Петровичу.", [(P, "Орлову Андрею Петровичу")]),
    ("Про капитана 2 ранга Белова говорили разное.", [(P, "Белова")]),
    ("Ст. л-т Сомов А.В. вызвал меня к себе.", [(P, "Сомов А.В.")]),
    ("Комбат Сергей Иванов сбежал первым.", [(P, "Сергей Иванов")]),
    ("Командир роты Сидоров отправил нас на штурм.", [(P, "Сидоров")]),
    ("Капітан Іваненко наказав відступати.", [(P, "Іваненко")]),
    ("Major Lebedev ordered us forward.", [(P, "Lebedev")]),
    ("Captain Ivanov never came back from the trench.", [(P, "Ivanov")]),
    ("Sgt. A. Orlov told us to keep quiet.", [(P, "A. Orlov")]),
    ("Le capitaine Ivanov nous a menacés.", [(P, "Ivanov")]),
    ("Le lieutenant-colonel Petrov était ivre.", [(P, "Petrov")]),
    ("Капитан Полковников и майор Ротов — не роты и не полки.", [(P, "Полковников"), (P, "Ротов")]),
    # negatives
    ("Майор сказал, что отпусков не будет.", []),
    ("Нас построил какой-то капитан.", []),
    ("Товарищ майор, разрешите обратиться!", []),
    ("Лейтенант Российской армии не должен так говорить.", []),
    ("The major Russian offensive began in spring.", []),
    ("Le capitaine nous a dit de partir.", []),
    ("Командир Батальона сбежал первым.", []),
    ("Капитан ВСУ вышел на связь.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_it_finds_names_after_ranks(text, expected):
    assert found(text) == expected
