"""The whole text pipeline on realistic sentences, and the `farewell anonymize` contract."""

import json

import pytest
from django.core.management import call_command

from farewell.anonymize.text.pipeline import analyze, resolve
from farewell.anonymize.text.redact import redacted_text
from farewell.anonymize.text.types import Entity

pytestmark = pytest.mark.slow_model


def hidden(text, language="auto"):
    analysis = analyze(text, language)
    return redacted_text(text, list(analysis.entities), analysis.language)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Командир Игорь Сомов отправил нас в Чебаркуль. Потом Игорем Сомовым занялась прокуратура.",
            "Командир [ИМЯ 1] отправил нас в [МЕСТО 1]. Потом [ИМЯ 1] занялась прокуратура.",
        ),
        (
            "Я служил в в/ч 12345, позывной «Гром». Мне было 19 лет.",
            "Я служил в [ЧАСТЬ 1], позывной «[ПОЗЫВНОЙ 1]». Мне было [ВОЗРАСТ 1].",
        ),
        (
            "Пишите мне: +7 912 345-67-89 или soldier@example.ru, в телеграме @kedr_1990.",
            "Пишите мне: [ТЕЛЕФОН 1] или [ПОЧТА 1], в телеграме [АККАУНТ 1].",
        ),
        (
            "Путин объявил мобилизацию, и я уехал из России в Казахстан.",
            "Путин объявил мобилизацию, и я уехал из России в Казахстан.",
        ),
    ],
)
def test_it_hides_what_identifies_and_keeps_countries_and_public_figures(text, expected):
    assert hidden(text) == expected


def test_english_names_without_a_model_are_found_by_lexicons_and_capitalization():
    text = "My commander, Major Lebedev, told Dmitry Sokolov to stay. Sokolov refused; later Dmitri left for Almaty."
    result = hidden(text)
    for name in ("Lebedev", "Dmitry", "Sokolov", "Dmitri", "Almaty"):
        assert name not in result
    assert result.count("[NAME 2]") == 3  # Dmitry Sokolov, Sokolov, Dmitri: one person


def test_french_uses_its_model():
    result = hidden("Je m'appelle Dmitri Sokolov et j'ai servi près de Tchebarkoul avec le capitaine Ivanov.")
    assert "Sokolov" not in result and "Tchebarkoul" not in result and "Ivanov" not in result


def test_unknown_languages_get_the_aggressive_fallback():
    result = hidden("Мій командир Андрій Коваленко з позивним «Лис» служив у Бахмуті.", "auto")
    assert "Коваленко" not in result and "Лис" not in result


def test_entities_never_overlap_and_specific_labels_win():
    entities = [
        Entity(0, 10, "LOCATION", "x" * 10),
        Entity(0, 15, "ADDRESS", "x" * 15),
        Entity(12, 20, "PERSON", "x" * 8),
    ]
    assert [e.label for e in resolve(entities)] == ["ADDRESS", "PERSON"] or [e.label for e in resolve(entities)] == [
        "ADDRESS"
    ]


def test_the_cli_follows_the_contract(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes("\ufeffИгорь Сомов служил в в/ч 12345.\r\nПутин\r\n".encode())
    (tmp_path / "b.txt").write_text("Igor Somov deserted.", encoding="utf-8")
    call_command("anonymize", "--json", "--case", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    results = json.loads(capsys.readouterr().out)
    first, second = results
    assert first["file"].endswith("a.txt") and first["language"] == "ru"
    text = "Игорь Сомов служил в в/ч 12345.\r\nПутин\r\n"  # the BOM is not text; CRLF kept
    for entity in first["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert set(entity) == {"start", "end", "label", "text", "score", "action"}
    assert {(e["label"], e["action"]) for e in first["entities"]} >= {
        ("PERSON", "redact"),
        ("MILITARY_UNIT", "redact"),
        ("PERSON", "keep"),
    }
    assert first["redacted"] == "[ИМЯ 1] служил в [ЧАСТЬ 1].\r\nПутин\r\n"
    assert second["language"] == "en" and second["redacted"] == "[NAME 1] deserted."  # --case: the same person


def test_the_cli_numbers_files_independently_without_case(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Пётр Иванов и Игорь Сомов.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Игорь Сомов.", encoding="utf-8")
    call_command("anonymize", "--json", *(str(tmp_path / n) for n in ("a.txt", "c.txt")))
    first, second = json.loads(capsys.readouterr().out)
    assert second["redacted"] == "[ИМЯ 1]."


def test_the_cli_refuses_what_is_not_utf8_with_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("anonymize", str(tmp_path / "bad.txt"))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("anonymize", str(tmp_path / "missing.txt"))
