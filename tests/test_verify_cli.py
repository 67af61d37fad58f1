"""`farewell verify` as the product brief states it: each FILE one account, the JSON contract,
events pointing at people and places, an index that catches a copied passage in a later case,
and clear refusals of unreadable files."""

import json
import shutil

import pytest

from farewell.testing.server import run_farewell
from farewell.verify.evaluation import GOLD

pytestmark = [pytest.mark.server, pytest.mark.slow_model]

CASE = GOLD / "case-01"


def verify(tmp_path, *args):
    return run_farewell(tmp_path / "data", "verify", *args, cwd=tmp_path)


def accounts(case):
    return sorted(str(path) for path in case.glob("*.txt"))


def test_it_prints_the_json_of_the_contract(tmp_path):
    result = verify(tmp_path, "--json", *accounts(CASE))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"accounts", "people", "places", "events", "findings"}
    assert [a["file"] for a in report["accounts"]] == accounts(CASE)
    assert {a["language"] for a in report["accounts"]} == {"ru", "en", "fr"}
    texts = {path: open(path, encoding="utf-8").read() for path in accounts(CASE)}
    for person in report["people"]:
        assert set(person["attributes"]) == {"age", "role", "rank", "unit", "origin"}
        for m in person["mentions"]:
            assert texts[m["file"]][m["start"] : m["end"]] == m["text"]
    for place in report["places"]:
        assert isinstance(place["geonames_id"], int | None)
    people, places = {p["id"] for p in report["people"]}, {p["id"] for p in report["places"]}
    for event in report["events"]:
        assert len(event["date"]) in (4, 7, 10)
        assert event["person"] in people | {None}
        assert event["place"] in places | {None}
    kinds = {f["kind"] for f in report["findings"]}
    assert {"risk_flag", "contradiction"} <= kinds or {"risk_flag", "consistent"} <= kinds
    for finding in report["findings"]:
        assert finding["severity"] in ("info", "warning", "alert")
        for span in finding["evidence"]:
            assert texts[span["file"]][span["start"] : span["end"]] == span["text"]


def test_without_json_it_prints_a_summary(tmp_path):
    result = verify(tmp_path, *accounts(CASE))
    assert result.returncode == 0, result.stderr
    assert "People:" in result.stdout and "Findings:" in result.stdout
    assert "Дмитрий Соколов" in result.stdout


def test_the_index_catches_a_passage_copied_into_a_later_case(tmp_path):
    index = tmp_path / "index"
    first = verify(tmp_path, "--index", str(index), "--json", *accounts(CASE))
    assert first.returncode == 0, first.stderr
    assert not [
        f for f in json.loads(first.stdout)["findings"] if f["topic"] == "duplicate" and f["severity"] != "info"
    ]
    copied = tmp_path / "copy"
    copied.mkdir()
    original = (CASE / "1-testimony.ru.txt").read_text(encoding="utf-8")
    (copied / "1-testimony.ru.txt").write_text(
        "Дата: 2024-01-10\n\n" + original.split("\n", 2)[2].replace("Чебаркуля", "Миасса")
    )
    second = verify(tmp_path, "--index", str(index), "--json", str(copied / "1-testimony.ru.txt"))
    assert second.returncode == 0, second.stderr
    across = [
        f for f in json.loads(second.stdout)["findings"] if f["kind"] == "duplicate_text" and f["severity"] != "info"
    ]
    assert across and "1-testimony.ru.txt" in across[0]["summary"]
    assert (index / "index.key").stat().st_mode & 0o777 == 0o600
    stored = b"".join(path.read_bytes() for path in index.rglob("*") if path.is_file())
    assert "Чебаркул".encode() not in stored and "повестку".encode() not in stored


def test_unreadable_files_are_refused_with_the_reason(tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Il a été mobilisé".encode("latin-1"))
    (tmp_path / "empty.txt").write_text(" \n\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (tmp_path / "huge.txt").write_bytes(b"a" * (5 * 1024 * 1024))
    names = ["latin1.txt", "missing.txt", "empty.txt", "photo.txt", "huge.txt"]
    result = verify(tmp_path, *(str(tmp_path / name) for name in names))
    assert result.returncode != 0
    assert "latin1.txt: not UTF-8 text" in result.stderr
    assert "missing.txt: cannot read it" in result.stderr
    assert "empty.txt: empty" in result.stderr
    assert "photo.txt: not a text file" in result.stderr
    assert "huge.txt: larger than 4 MB" in result.stderr
    assert result.stdout == ""  # nothing half-verified


def test_an_html_page_is_read_as_its_visible_text(tmp_path):
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><script>var x='Иван Петров'</script></head><body><nav>Home | World</nav>"
        "<p>Дмитрий Соколов, 34 года, служил водителем в в/ч 71438.</p></body></html>",
        encoding="utf-8",
    )
    shutil.copy(CASE / "1-testimony.ru.txt", tmp_path / "1-testimony.ru.txt")
    result = verify(tmp_path, "--json", str(tmp_path / "1-testimony.ru.txt"), str(page))
    assert result.returncode == 0, result.stderr
    names = [n for p in json.loads(result.stdout)["people"] for n in p["names"]]
    assert "Иван Петров" not in names
