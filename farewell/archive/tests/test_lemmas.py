"""Inflected forms of a word meet at one lemma (Russian) or one stem (English, French)."""

import pytest

from farewell.archive.search import lemmas


def indexed(text, language):
    return set(lemmas.index_text(text, language).split())


def found(query, text, language):
    """Whether every word of query has a form in text's lemma column (what the index does)."""
    column = indexed(text, language)
    groups = lemmas.query_terms(query)
    return bool(groups) and all(any(form in column for form in group) for group in groups)


@pytest.mark.parametrize(
    "query, text, language",
    [
        ("дезертир", "Там было много дезертиров.", "ru"),
        ("дезертиров", "Он видел дезертира у моста.", "ru"),
        ("дезертирами", "Дезертир вернулся домой.", "ru"),
        ("мобилизация", "Его мобилизовали в сентябре, мобилизацию объявили ночью.", "ru"),
        ("ёлка", "Под елкой лежал снег.", "ru"),
        ("ПЛЕНУ", "Я был в плену три месяца.", "ru"),
        ("soldier", "The soldiers deserted at night.", "en"),
        ("deserted", "A soldier deserts when he can.", "en"),
        ("running", "He runs; they ran.", "en"),
        ("déserteurs", "Un déserteur a parlé.", "fr"),
        ("soldat", "Les soldats ont déserté.", "fr"),
        ("armee", "L'armée est partie.", "fr"),  # typed without accents
        ("ARMÉE", "l'armee", "fr"),
        ("papers", "Mes papiers et mes papers.", "fr"),  # an English word in a French text
        ("2022", "В 2022 году всё началось.", "ru"),
        ("дезертир граница", "Дезертиры перешли границу.", "ru"),
        ("сім'я", "Моя сімʼя чекала.", "uk"),  # two apostrophes, one word
        ("дорога", "Доро́га додому.", "uk"),  # a stress mark is not a letter
    ],
)
def test_inflected_forms_find_each_other(query, text, language):
    assert found(query, text, language)


@pytest.mark.parametrize(
    "query, text, language",
    [
        ("дезертир", "Он был солдатом.", "ru"),
        ("дезертир граница", "Дезертиры вернулись домой.", "ru"),  # every word must be there
        ("soldier", "Un soldat.", "fr"),
        ("", "Anything at all.", "en"),
        ("!!! ... ---", "Anything at all.", "en"),
    ],
)
def test_what_is_not_there_is_not_found(query, text, language):
    assert not found(query, text, language)


def test_the_lemma_column_holds_only_tokens_both_backends_split_alike():
    column = lemmas.index_text(
        "Ёж, «кавычки», l'œuvre, e-mail: a@b.c; 中文 ελληνικά ünïcödé straße 12,5 x" * 3 + "z" * 100, "fr"
    )
    assert column == " ".join(column.split())  # single spaces, no empty token
    assert all(lemmas.TOKEN.fullmatch(token) for token in column.split())
    assert len(column.split()) == len(set(column.split()))  # each form once
    assert "oeuvr" in column and "unicod" in column


def test_digits_of_other_scripts_are_folded_or_left_out():
    assert lemmas.index_text("² ١٢٣ 𝟙 12", "en") == "2 1 12"  # NFKD folds ² and 𝟙; Arabic digits stay out


def test_hostile_queries_become_plain_tokens():
    groups = lemmas.query_terms('"OR" NEAR(a b) * -x \' ; DROP TABLE archive_testimony; -- &|!():')
    assert all(lemmas.TOKEN.fullmatch(form) for group in groups for form in group)
