"""Search through the database: the same table of queries and answers holds on SQLite and on
PostgreSQL (the suite runs on both), so the two backends return the same testimonies."""

import datetime
from pathlib import Path

import pytest
from django.db import connection

from farewell.archive.models import Testimony, TestimonyTheme
from farewell.archive.search.query import Query, reindex, search, snippet

pytestmark = pytest.mark.django_db

CORPUS = {
    "ru-deserters": ("ru", "2023-05-01", "Дезертиры", "Мы видели дезертиров у границы. Дезертирами их назвали потом."),
    "ru-mother": ("ru", "2024-02-10", "Письмо матери", "Сын ушёл из части. Мать ждала его у границы."),
    "ru-mobilized": ("ru", "2025-09-21", "Повестка", "Меня мобилизовали осенью. Повестку принесли на завод."),
    "en-border": ("en", "2024-06-21", "Crossing", "The soldiers deserted and crossed the border at night."),
    "en-papers": ("en", "2026-01-03", "Papers", "My papers run out soon; a soldier's life is paperwork."),
    "fr-exile": ("fr", "2025-03-14", "L'exil", "Les déserteurs vivent à l'étranger. Déserter n'est pas trahir."),
    "uk-family": ("uk", "2026-04-01", "Родина", "Моя родина чекала на мене. Дезертир повернувся."),
}


@pytest.fixture
def corpus():
    made = {}
    for key, (language, day, title, body) in CORPUS.items():
        testimony = Testimony.objects.create(
            language=language, title=title, body=body, published_on=datetime.date.fromisoformat(day)
        )
        reindex(testimony)
        made[key] = testimony
    TestimonyTheme.objects.create(testimony=made["ru-deserters"], slug="desertion")
    TestimonyTheme.objects.create(testimony=made["fr-exile"], slug="desertion")
    TestimonyTheme.objects.create(testimony=made["fr-exile"], slug="exile")
    return made


def keys(corpus, queryset):
    by_id = {t.pk: key for key, t in corpus.items()}
    return [by_id[t.pk] for t in queryset]


# Newest first, on every backend.
TABLE = [
    ("дезертир", ["uk-family", "ru-deserters"]),
    ("дезертиров", ["uk-family", "ru-deserters"]),
    ("дезертирами", ["uk-family", "ru-deserters"]),
    ("граница", ["ru-mother", "ru-deserters"]),
    ("границе дезертир", ["ru-deserters"]),
    ("мобилизация", []),  # «мобилизовали» is another lemma (a verb): not found, honestly
    ("мобилизовать", ["ru-mobilized"]),
    ("повестки", ["ru-mobilized"]),
    ("soldiers", ["en-papers", "en-border"]),
    ("desert", ["fr-exile", "en-border"]),
    ("déserteur", ["fr-exile"]),
    ("deserteurs", ["fr-exile"]),
    ("étranger", ["fr-exile"]),
    ("paper", ["en-papers"]),
    ("papers border", []),
    ("Письмо", ["ru-mother"]),  # the title is indexed too
    ("дезертирів", ["uk-family", "ru-deserters"]),  # a Ukrainian form
    ("родину", ["uk-family"]),
    ("повернутися", ["uk-family"]),  # the Ukrainian lemma of «повернувся»
    ("', \" OR * NEAR( ; DROP", []),  # FTS and tsquery syntax are only characters here
    ("", []),
]


@pytest.mark.parametrize("query, expected", TABLE)
def test_the_same_answers_on_every_backend(corpus, query, expected):
    assert (
        keys(corpus, search(Testimony.objects.all(), Query.parse(query)).order_by("-published_on", "-id")) == expected
    )


def test_search_combines_with_filters(corpus):
    desertion = Testimony.objects.filter(theme_rows__slug="desertion")
    assert keys(corpus, search(desertion, Query.parse("дезертир"))) == ["ru-deserters"]
    assert keys(corpus, search(Testimony.objects.filter(language="fr"), Query.parse("desert"))) == ["fr-exile"]
    in_2024 = Testimony.objects.filter(published_on__year=2024)
    assert keys(corpus, search(in_2024, Query.parse("граница"))) == ["ru-mother"]


def test_a_withdrawn_or_edited_testimony_leaves_the_index(corpus):
    corpus["ru-deserters"].delete()
    assert keys(corpus, search(Testimony.objects.all(), Query.parse("дезертир"))) == ["uk-family"]
    edited = corpus["uk-family"]
    edited.body = "Нічого."
    reindex(edited)
    assert not search(Testimony.objects.all(), Query.parse("дезертир")).exists()


def test_the_backend_index_is_really_used():
    # Not a fallback scan: the FTS5 table or the GIN index exists under its name.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'archive_search'")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = 'archive_search'")
        assert cursor.fetchone() == ("archive_search",)


def test_a_long_query_is_cut_not_refused(corpus):
    query = Query.parse("дезертир " * 500)
    assert len(query.text) <= 300 and query.groups == [("дезертир",)]
    many = Query.parse(" ".join(f"слово{n}" for n in range(50)))
    assert len(many.groups) == 12


def test_snippets_mark_every_form_and_escape_the_text():
    text = "Вступление. " * 40 + "Мы видели <b>дезертиров</b> у моста; Дезертир молчал. " + "Конец. " * 40
    shown = snippet(text, Query.parse("дезертирами").highlighter(), ("en",))
    assert "<mark>дезертиров</mark>" in shown and "<mark>Дезертир</mark>" in shown
    assert "&lt;b&gt;" in shown and "<b>" not in shown
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown.split()) < 60


def test_a_title_is_highlighted_whole():
    shown = snippet(
        "«Через границу» — " + "слово " * 50 + "граница.", Query.parse("граница").highlighter(), ("en",), words=None
    )
    assert shown.startswith("«Через <mark>границу</mark>» — слово") and shown.endswith("<mark>граница</mark>.")


def test_a_snippet_without_a_match_is_the_beginning():
    shown = snippet("Первое слово, второе слово.", Query.parse("нет").highlighter(), ("en",))
    assert shown == "Первое слово, второе слово."


def test_reindex_rebuilds_a_lost_column(corpus):
    import io

    from django.core.management import call_command

    Testimony.objects.update(lemmas="")  # as after a dictionary upgrade: the column is stale
    assert not search(Testimony.objects.all(), Query.parse("дезертир")).exists()
    out = io.StringIO()
    call_command("reindex", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == f"{len(CORPUS)} testimonies indexed"
    assert keys(corpus, search(Testimony.objects.all(), Query.parse("дезертир"))) == ["uk-family", "ru-deserters"]


def test_snippets_mark_ukrainian_and_french_words_as_readers_see_them():
    shown = snippet("Моя сімʼя і доро́га додому.", Query.parse("сімя дорогу").highlighter(), ("en",))
    assert shown == "Моя <mark>сімʼя</mark> і <mark>доро́га</mark> додому."
    french = snippet("Les déserteurs et l'armée.", Query.parse("deserteur armee").highlighter(), ("fr",))
    assert french == "Les <mark>déserteurs</mark> et <mark>l&#x27;armée</mark>."


def test_a_title_without_words_is_still_shown():
    assert snippet("…!", Query.parse("x").highlighter(), ("en",)) == "…!"


def test_long_runs_are_not_lexemes_postgresql_would_refuse(corpus):
    testimony = corpus["en-papers"]
    testimony.body += " " + "а" * 1100 + " " + "b" * 90
    reindex(testimony)  # PostgreSQL: "word is too long" if it reached the index
    assert "b" * 90 in testimony.lemmas and "а" * 200 not in testimony.lemmas
    assert keys(corpus, search(Testimony.objects.all(), Query.parse("b" * 90))) == ["en-papers"]


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_testimony_leaves_no_words_in_the_sqlite_index_file(settings):
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 segments are SQLite's; PostgreSQL's GIN entries go at VACUUM")
    from farewell.archive.unpublish import unpublish

    marker = "гиперзвуковойпараплан"
    testimony = Testimony.objects.create(language="ru", title="T", body=marker, published_on=datetime.date.today())
    reindex(testimony)
    for n in range(3):  # more segments, as in a real index
        reindex(
            Testimony.objects.create(
                language="ru", title=f"Другое {n}", body="текст", published_on=datetime.date.today()
            )
        )
    unpublish(testimony)  # autocommit: its on_commit work runs now
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = Path(settings.DATABASES["default"]["NAME"]).read_bytes()
    assert marker.encode() not in database
