"""The parts of an account's facts that are plain parsing: units, ages, home-town cues, ranks."""

import pytest

from farewell.verify import extract, lexicon


@pytest.mark.parametrize(
    "text, unit",
    [
        ("в/ч 71438", "71438"),
        ("войсковой части 12345", "12345"),
        ("64-я отдельная мотострелковая бригада", "64th motor rifle brigade"),
        ("в 3-м батальоне 1009-го полка", "1009th regiment"),
        ("the 64th Motor Rifle Brigade", "64th motor rifle brigade"),
        ("la 155e brigade d'infanterie de marine", "155th naval infantry brigade"),
        ("1st Guards Tank Army", "1st tank army"),
        ("батальон «Восток»", None),
    ],
)
def test_unit_of(text, unit):
    assert extract.unit_of(text) == unit


@pytest.mark.parametrize(
    "text, date, age",
    [
        ("34 года", None, 34),
        ("34-year-old", None, 34),
        ("1989 года рождения", "2023-03-14", 34),
        ("1989 года рождения", None, None),  # a birth year needs the account's date
        ("5 лет", None, None),  # not an adult's age
        ("сорок один год", None, 41),
        ("forty-one-year-old", None, 41),
        ("quarante et un ans", None, 41),
    ],
)
def test_age_of(text, date, age):
    assert extract.age_of(text, date) == age


@pytest.mark.parametrize(
    "before, cue",
    [
        ("Меня зовут Дмитрий, я из ", True),
        ("он родом из города ", True),
        ("Dmitri Sokolov, who comes from ", True),
        ("a 34-year-old native of ", True),
        ("originaire de la région de ", True),
        ("Мы выехали из ", False),
        ("they retreated from ", False),
        ("il est arrivé à ", False),
    ],
)
def test_origin_cue(before, cue):
    assert extract.origin_cue(before + "Чебаркуля", len(before)) is cue


@pytest.mark.parametrize(
    "kind, text, values",
    [
        ("rank", "старший сержант Орлов и рядовой Белов", ["senior sergeant", "private"]),
        ("rank", "Major Lebedev ordered a major attack", ["major"]),
        ("rank", "le commandant Lebedev", ["major"]),
        ("role", "служил водителем, потом стрелком", ["driver", "rifleman"]),
        ("role", "механик-водитель", ["mechanic-driver"]),
        ("role", "a sniper and a medic", ["sniper", "medic"]),
    ],
)
def test_lexicon(kind, text, values):
    assert [value for _s, _e, value in lexicon.find(kind, text)] == values
