"""Date extraction: absolute and relative forms in ru/en/fr, and what is not a date."""

from __future__ import annotations

import pytest

from farewell.verify.dates import DateMention, find_dates

BASE = "2023-03-14"

# (text, language, base, [(mention text, value, relative), ...])
CASES = [
    # Russian, absolute.
    ("24 февраля 2022 года началось", "ru", None, [("24 февраля 2022 года", "2022-02-24", False)]),
    ("это было 24 февраля 2022 г. утром", "ru", None, [("24 февраля 2022 г.", "2022-02-24", False)]),
    ("24-го февраля 2022", "ru", None, [("24-го февраля 2022", "2022-02-24", False)]),
    ("в феврале 2022 меня призвали", "ru", None, [("феврале 2022", "2022-02", False)]),
    ("в марте 2023 года", "ru", None, [("марте 2023 года", "2023-03", False)]),
    ("с мая 2022", "ru", None, [("мая 2022", "2022-05", False)]),
    ("в 2022 году", "ru", None, [("2022 году", "2022", False)]),
    ("в 2022-м году", "ru", None, [("2022-м году", "2022", False)]),
    ("в 2022-м", "ru", None, [("2022-м", "2022", False)]),
    ("весной 2023", "ru", None, [("весной 2023", "2023", False)]),
    ("летом 2022 года", "ru", None, [("летом 2022 года", "2022", False)]),
    ("осенью 2022", "ru", None, [("осенью 2022", "2022", False)]),
    ("1993 года рождения", "ru", None, [("1993 года", "1993", False)]),
    ("Иванов, 1993 г.р.", "ru", None, [("1993 г.р.", "1993", False)]),
    ("в 2014-2015 годах", "ru", None, [("2014", "2014", False), ("2015 годах", "2015", False)]),
    ("с 2010 по 2014", "ru", None, [("2010", "2010", False), ("2014", "2014", False)]),
    ("24-25 февраля 2022", "ru", None, [("25 февраля 2022", "2022-02-25", False)]),
    ("1 января 2000 года", None, None, [("1 января 2000 года", "2000-01-01", False)]),
    (
        "3 мая 2022, 7 июня 2022, 9 июля 2022",
        "ru",
        None,
        [
            ("3 мая 2022", "2022-05-03", False),
            ("7 июня 2022", "2022-06-07", False),
            ("9 июля 2022", "2022-07-09", False),
        ],
    ),
    ("в августе, в сентябре, в октябре 2022", "ru", None, [("октябре 2022", "2022-10", False)]),
    (
        "12 ноября 2022 и 31 декабря 2022",
        "ru",
        None,
        [("12 ноября 2022", "2022-11-12", False), ("31 декабря 2022", "2022-12-31", False)],
    ),
    ("январь 2023, апрель 2023", "ru", None, [("январь 2023", "2023-01", False), ("апрель 2023", "2023-04", False)]),
    ("ЯНВАРЁМ 2023", "ru", None, [("ЯНВАРЁМ 2023", "2023-01", False)]),
    # Numbers.
    ("24.02.2022", None, None, [("24.02.2022", "2022-02-24", False)]),
    ("24.02.2022 г.", None, None, [("24.02.2022 г.", "2022-02-24", False)]),
    ("24.02.22", None, None, [("24.02.22", "2022-02-24", False)]),
    ("12.05.93", None, None, [("12.05.93", "1993-05-12", False)]),
    ("2022-02-24", None, None, [("2022-02-24", "2022-02-24", False)]),
    ("24/02/2022", None, None, [("24/02/2022", "2022-02-24", False)]),
    ("02/24/2022", "en", None, [("02/24/2022", "2022-02-24", False)]),
    ("в 02.2022", None, None, [("02.2022", "2022-02", False)]),
    # English.
    ("February 24, 2022", "en", None, [("February 24, 2022", "2022-02-24", False)]),
    ("on 24 February 2022", "en", None, [("24 February 2022", "2022-02-24", False)]),
    ("the 24th of February, 2022", "en", None, [("24th of February, 2022", "2022-02-24", False)]),
    ("in March 2023", "en", None, [("March 2023", "2023-03", False)]),
    ("Sept. 21, 2022", "en", None, [("Sept. 21, 2022", "2022-09-21", False)]),
    ("in 2022 I was drafted", "en", None, [("2022", "2022", False)]),
    ("in the spring of 2023", "en", None, [("the spring of 2023", "2023", False)]),
    ("May 5, 2022", "en", None, [("May 5, 2022", "2022-05-05", False)]),
    # French, accents optional.
    ("le 24 février 2022", "fr", None, [("24 février 2022", "2022-02-24", False)]),
    ("le 24 fevrier 2022", "fr", None, [("24 fevrier 2022", "2022-02-24", False)]),
    ("le 1er mars 2022", "fr", None, [("1er mars 2022", "2022-03-01", False)]),
    ("en mars 2023", "fr", None, [("mars 2023", "2023-03", False)]),
    ("en août 2022 et en aout 2023", "fr", None, [("août 2022", "2022-08", False), ("aout 2023", "2023-08", False)]),
    ("au printemps 2023", "fr", None, [("printemps 2023", "2023", False)]),
    ("l'été 2022", "fr", None, [("été 2022", "2022", False)]),
    ("en 2022", "fr", None, [("2022", "2022", False)]),
    # Without a year: the base year, or the year before when that would be after the base.
    ("21 сентября объявили", "ru", "2023-10-01", [("21 сентября", "2023-09-21", True)]),
    ("21 сентября объявили", "ru", BASE, [("21 сентября", "2022-09-21", True)]),
    ("в марте", "ru", BASE, [("марте", "2023-03", True)]),
    ("в начале апреля", "ru", BASE, [("апреля", "2022-04", True)]),
    ("in March", "en", BASE, [("March", "2023-03", True)]),
    ("mid-April", "en", BASE, [("April", "2022-04", True)]),
    ("fin mai", "fr", BASE, [("mai", "2022-05", True)]),
    ("21 сентября объявили", "ru", None, []),
    ("в марте", "ru", None, []),
    # ... or the year of the date before them, the next year when the month comes earlier.
    (
        "21 сентября 2022 года объявили, 26 сентября принесли повестку",
        "ru",
        "2024-06-01",
        [("21 сентября 2022 года", "2022-09-21", False), ("26 сентября", "2022-09-26", True)],
    ),
    (
        "11 ноября 2022 года нас вывели, в феврале я ушёл",
        "ru",
        "2024-06-01",
        [("11 ноября 2022 года", "2022-11-11", False), ("феврале", "2023-02", True)],
    ),
    (
        "24 февраля 2022 года, а 26 февраля",
        "ru",
        None,
        [("24 февраля 2022 года", "2022-02-24", False), ("26 февраля", "2022-02-26", True)],
    ),
    (
        "in September 2022, days after the decree of 21 September",
        "en",
        "2024-02-10",
        [("September 2022", "2022-09", False), ("21 September", "2022-09-21", True)],
    ),
    (
        "В мае 2023 года, а ещё в апреле",
        "ru",
        "2023-09-01",
        [("мае 2023 года", "2023-05", False), ("апреле", "2023-04", True)],
    ),
    ("29 февраля 2023 года", "ru", None, []),
    ("в 2023 году, 29 февраля", "ru", "2024-06-01", [("2023 году", "2023", False), ("29 февраля", "2024-02-29", True)]),
    # Relative, Russian.
    ("три дня назад", "ru", BASE, [("три дня назад", "2023-03-11", True)]),
    ("3 дня назад", "ru", BASE, [("3 дня назад", "2023-03-11", True)]),
    ("вчера", "ru", BASE, [("вчера", "2023-03-13", True)]),
    ("позавчера", "ru", BASE, [("позавчера", "2023-03-12", True)]),
    ("неделю назад", "ru", BASE, [("неделю назад", "2023-03-07", True)]),
    ("две недели назад", "ru", BASE, [("две недели назад", "2023-02-28", True)]),
    ("два месяца назад", "ru", BASE, [("два месяца назад", "2023-01", True)]),
    ("полгода назад", "ru", BASE, [("полгода назад", "2022-09", True)]),
    ("год назад", "ru", BASE, [("год назад", "2022", True)]),
    ("пять лет тому назад", "ru", BASE, [("пять лет тому назад", "2018", True)]),
    ("двенадцать месяцев назад", "ru", BASE, [("двенадцать месяцев назад", "2022-03", True)]),
    ("в прошлом году", "ru", BASE, [("в прошлом году", "2022", True)]),
    ("в позапрошлом году", "ru", BASE, [("в позапрошлом году", "2021", True)]),
    ("в этом году", "ru", BASE, [("в этом году", "2023", True)]),
    ("в прошлом месяце", "ru", BASE, [("в прошлом месяце", "2023-02", True)]),
    ("на прошлой неделе", "ru", BASE, [("на прошлой неделе", "2023-03-07", True)]),
    ("летом прошлого года", "ru", BASE, [("прошлого года", "2022", True)]),
    ("в феврале прошлого года", "ru", BASE, [("феврале прошлого года", "2022-02", True)]),
    ("24 февраля прошлого года", "ru", BASE, [("24 февраля прошлого года", "2022-02-24", True)]),
    ("прошлой весной", "ru", BASE, [("прошлой весной", "2022", True)]),
    ("прошлой весной", "ru", "2023-07-01", [("прошлой весной", "2023", True)]),
    ("прошлым летом", "ru", BASE, [("прошлым летом", "2022", True)]),
    ("прошлой зимой", "ru", BASE, [("прошлой зимой", "2023", True)]),
    # Relative, English.
    ("last year", "en", BASE, [("last year", "2022", True)]),
    ("two weeks ago", "en", BASE, [("two weeks ago", "2023-02-28", True)]),
    ("a month ago", "en", BASE, [("a month ago", "2023-02", True)]),
    ("a couple of days ago", "en", BASE, [("a couple of days ago", "2023-03-12", True)]),
    ("twelve years ago", "en", BASE, [("twelve years ago", "2011", True)]),
    ("yesterday", "en", BASE, [("yesterday", "2023-03-13", True)]),
    ("the day before yesterday", "en", BASE, [("the day before yesterday", "2023-03-12", True)]),
    ("last month", "en", BASE, [("last month", "2023-02", True)]),
    ("last autumn", "en", BASE, [("last autumn", "2022", True)]),
    ("in February last year", "en", BASE, [("February last year", "2022-02", True)]),
    # Relative, French.
    ("il y a deux mois", "fr", "2023-05-10", [("il y a deux mois", "2023-03", True)]),
    ("il y a trois jours", "fr", BASE, [("il y a trois jours", "2023-03-11", True)]),
    ("il y a un an", "fr", BASE, [("il y a un an", "2022", True)]),
    ("il y a une semaine", "fr", BASE, [("il y a une semaine", "2023-03-07", True)]),
    ("l'année dernière", "fr", BASE, [("l'année dernière", "2022", True)]),
    ("l’annee derniere", "fr", BASE, [("l’annee derniere", "2022", True)]),
    ("l'an dernier", "fr", BASE, [("l'an dernier", "2022", True)]),
    ("le mois dernier", "fr", BASE, [("le mois dernier", "2023-02", True)]),
    ("hier", "fr", BASE, [("hier", "2023-03-13", True)]),
    ("avant-hier", "fr", BASE, [("avant-hier", "2023-03-12", True)]),
    ("l'été dernier", "fr", BASE, [("l'été dernier", "2022", True)]),
    ("en février de l'année dernière", "fr", BASE, [("février de l'année dernière", "2022-02", True)]),
    # Relative forms need a base.
    ("три дня назад", "ru", None, []),
    ("в прошлом году", "ru", None, []),
    ("il y a deux mois", "fr", None, []),
    ("yesterday", "en", None, []),
    # Not dates.
    ("мне 35 лет", "ru", BASE, []),
    ("в/ч 12345", "ru", BASE, []),
    ("в/ч 2022", "ru", BASE, []),
    ("200 человек", "ru", BASE, []),
    ("64-я бригада", "ru", BASE, []),
    ("в 2000 км от дома", "ru", BASE, []),
    ("в 2000 человек", "ru", BASE, []),
    ("в 1990-х", "ru", BASE, []),
    ("в 1850 году", "ru", BASE, []),
    ("в 2150 году", "ru", BASE, []),
    ("много лет назад", "ru", BASE, []),
    ("через неделю нас отправили", "ru", BASE, []),
    ("дом 2022, квартира 15", "ru", BASE, []),
    ("I may go in may", "en", BASE, []),
    ("march 5 km", "en", BASE, []),
    ("in 2000 people", "en", BASE, []),
    ("il y a sept jours", "fr", None, []),
    ("31.02.2022", None, None, []),
    ("32 января 2022", "ru", None, []),
    ("February 30, 2022", "en", None, []),
    ("192.168.1.10", None, None, []),
    ("version 1.2.2022.4", None, None, []),
    ("в 12345 году", "ru", None, []),
    ("тел. 2022-123", None, None, []),
]


@pytest.mark.parametrize(("text", "language", "base", "expected"), CASES)
def test_find_dates(text, language, base, expected):
    found = find_dates(text, language=language, base=base)
    assert [(m.text, m.value, m.relative) for m in found] == expected
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


def test_mixed_text_sorted_and_non_overlapping():
    text = "Меня мобилизовали 21 сентября 2022 года, а 24.02.2022 я был дома. Три дня назад я уехал."
    found = find_dates(text, base=BASE)
    assert [m.value for m in found] == ["2022-09-21", "2022-02-24", "2023-03-11"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_longest_mention_wins():
    assert find_dates("24 февраля 2022 года") == [DateMention(0, 20, "24 февраля 2022 года", "2022-02-24", False)]


def test_language_limits_word_tables():
    assert find_dates("le 24 février 2022", language="ru") == []
    assert [m.value for m in find_dates("le 24 février 2022", language="uk")] == ["2022-02-24"]


def test_numbers_are_read_in_any_language():
    assert [m.value for m in find_dates("24.02.2022", language="en")] == ["2022-02-24"]


def test_bad_base_is_an_error():
    with pytest.raises(ValueError):
        find_dates("вчера", base="14.03.2023")
