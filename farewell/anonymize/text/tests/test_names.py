import pytest

from farewell.anonymize.text.names import person_key, script_free, surname_lemma
from farewell.anonymize.text.redact import Numberer, placeholder, redacted_text
from farewell.anonymize.text.types import KEEP, Entity


@pytest.mark.parametrize(
    "word, gender, lemma",
    [
        ("Сомовым", "masc", "сомов"),
        ("Сомова", "masc", "сомов"),  # genitive of a man's surname
        ("Сомова", "femn", "сомова"),  # a woman's surname
        ("Сомовой", "femn", "сомова"),
        ("Сомову", "femn", "сомова"),
        ("Сомова", None, "сомова"),  # unknown gender: not merged with Сомов
        ("Сомовым", None, "сомов"),
        ("Лебедевым", "masc", "лебедев"),
        ("Путиным", None, "путин"),
        ("Вишневского", "masc", "вишневский"),
        ("Вишневской", "femn", "вишневская"),
        ("Шойгу", "masc", "шойгу"),
    ],
)
def test_surnames_have_their_own_normalization(word, gender, lemma):
    assert surname_lemma(word, gender) == lemma


@pytest.mark.parametrize(
    "a, b",
    [
        ("Dmitri", "Dmitry"),
        ("Dmitrii", "Дмитрий"),
        ("Yuri", "Iouri"),
        ("Юрий", "Yury"),
        ("Sokoloff", "Sokolov"),
        ("Sergueï", "Сергей"),  # French gu and diaeresis
        ("Alexeï", "Алексей"),
        ("Artyom", "Артём"),
        ("Artiom", "Artem"),
        ("Grinyov", "Гринёв"),
        ("Dachiev", "Дашиев"),  # French ch is ш
        ("Gordeïev", "Gordeyev"),
    ],
)
def test_transliterations_meet(a, b):
    assert script_free(a) == script_free(b)


def test_the_gender_of_the_first_name_guides_the_surname():
    assert person_key("Игоря Сомова").full == person_key("Игорь Сомов").full
    assert person_key("Анна Сомова").full != person_key("Игорь Сомов").full
    assert person_key("Игорем Петровичем Сомовым").full == person_key("Игорь Сомов").full


@pytest.mark.parametrize(
    "mentions, numbers",
    [
        (["Игорь Сомов", "Игорем Сомовым", "Игоря Сомова", "Анна Сомова", "Анной Сомовой"], [1, 1, 1, 2, 2]),
        (["Сомов", "Игорь Сомов", "Сомову"], [1, 1, 1]),
        (["Игорь Сомов", "Пётр Сомов", "Сомов"], [1, 2, 3]),  # a surname shared by two: a third unknown
        (["Dmitri Sokolov", "Dmitry Sokolov", "Sokoloff", "Дмитрий Соколов"], [1, 1, 1, 1]),
        (["Игорь", "Игорем", "Игорь Сомов"], [1, 1, 1]),
    ],
)
def test_people_keep_their_number_through_inflection_and_spelling(mentions, numbers):
    numberer = Numberer()
    assert [numberer.number("PERSON", mention) for mention in mentions] == numbers


def test_places_are_numbered_by_lemma():
    numberer = Numberer()
    assert [numberer.number("LOCATION", t) for t in ("Чебаркуль", "Чебаркуле", "Москва", "Чебаркуля")] == [1, 1, 2, 1]


def test_it_replaces_redacted_entities_and_leaves_kept_ones():
    text = "Игорь Сомов уехал из России в Чебаркуль."
    entities = [
        Entity(0, 11, "PERSON", "Игорь Сомов"),
        Entity(21, 27, "LOCATION", "России", action=KEEP),
        Entity(30, 39, "LOCATION", "Чебаркуль"),
    ]
    assert redacted_text(text, entities, "ru") == "[ИМЯ 1] уехал из России в [МЕСТО 1]."
    assert placeholder("CALLSIGN", 2, "fr") == "[INDICATIF 2]"
    assert placeholder("PERSON", 1, "kk") == "[NAME 1]"  # unknown languages get English placeholders


def test_a_shared_numberer_numbers_across_files():
    numberer = Numberer()
    first = redacted_text("Игорь Сомов", [Entity(0, 11, "PERSON", "Игорь Сомов")], "ru", numberer)
    second = redacted_text("Igor Somov left.", [Entity(0, 10, "PERSON", "Igor Somov")], "en", numberer)
    assert (first, second) == ("[ИМЯ 1]", "[NAME 1] left.")
