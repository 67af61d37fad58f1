"""The engine on small cases written for one behaviour each."""

import pytest

from farewell.verify import engine
from farewell.verify.types import Account

pytestmark = pytest.mark.slow_model


def kinds(report, topic):
    return sorted(f.kind for f in report.findings if f.topic == topic)


def test_ages_two_accounts_disagree_on_are_a_contradiction():
    report = engine.verify(
        [
            Account("1-testimony.ru.txt", "Меня зовут Дмитрий Соколов, мне 34 года.", "2023-03-01", "testimony"),
            Account("2-press.en.txt", "Dmitri Sokolov, a 38-year-old driver, left his unit.", "2023-04-01", "press"),
        ]
    )
    assert kinds(report, "age") == ["contradiction"]


def test_an_age_told_of_the_past_counts_from_its_year():
    report = engine.verify(
        [
            Account("1-testimony.ru.txt", "Меня зовут Максим Белов. Мне 30 лет.", "2023-05-01", "testimony"),
            Account(
                "2-answers.ru.txt",
                "Вопрос: Максим, вы были в Крыму?\nОтвет: Да, март 2014 года. Мне был двадцать один год.",
                "2023-05-10",
                "answers",
            ),
        ]
    )
    assert kinds(report, "age") == ["consistent"]


def test_a_home_town_and_its_region_are_within_each_other():
    report = engine.verify(
        [
            Account("1-testimony.ru.txt", "Меня зовут Дмитрий Соколов, я из Чебаркуля.", "2023-03-01", "testimony"),
            Account(
                "2-press.fr.txt",
                "Dmitri Sokolov, originaire de la région de Tcheliabinsk, est arrivé à Paris.",
                "2023-04-01",
                "press",
            ),
        ]
    )
    assert kinds(report, "origin") == ["place_within"]
    assert not [p for p in report.places if p.name == "Parizh"]  # Paris is Paris
