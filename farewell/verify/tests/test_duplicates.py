"""Near-duplicate passages: found across stored accounts, not for unrelated or translated text,
and the index file holds no words of the texts."""

from __future__ import annotations

import random
import re
import sqlite3

import pytest

from farewell.verify.duplicates import FILENAME, DuplicateIndex, Match, near_duplicates, passages, words

KEY = b"test key: 32 bytes of anything.."

ARMY = (
    "Нас привезли в посёлок под Херсоном в начале марта. Командир роты собрал всех у школы и сказал, "
    "что местных трогать нельзя, но через два дня ребята уже заходили в пустые дома и выносили оттуда "
    "телевизоры, ноутбуки и инструменты. Я стоял на посту у въезда и видел, как машины уезжали в сторону "
    "Крыма гружёные. Ротный делал вид, что ничего не происходит, а замполит вообще не появлялся."
)
ARMY_EDITED = (
    "Нас привезли в посёлок под Херсоном в начале марта. Командир роты собрал всех возле школы и сказал, "
    "что местных трогать нельзя, но через два дня парни уже заходили в пустые дома и выносили оттуда "
    "телевизоры, ноутбуки и инструменты. Я стоял на посту у въезда и видел, как машины уезжали в сторону "
    "Крыма гружёные. Ротный делал вид, что ничего не происходит, а замполит не появлялся."
)
DRAFT = (
    "Повестку принесли на работу в сентябре, через неделю после объявления мобилизации. В военкомате "
    "никто не спрашивал про здоровье, врач расписался не глядя. Через три дня мы уже были на полигоне "
    "под Ростовом, где нам выдали старые автоматы и по два магазина. Стрелять учили один раз, потом "
    "сказали, что остальному научимся на месте."
)
HOSPITAL = (
    "В госпитале в Белгороде я пролежал почти месяц. Осколок вытащили не сразу, сначала нас долго "
    "везли на Урале по разбитой дороге, и двое раненых умерли по пути. Медсестра потом говорила, что "
    "в ту неделю привозили по сорок человек в день, а мест было меньше половины. Я позвонил матери "
    "только на пятый день, когда разрешили взять телефон."
)
WINTER = (
    "Зимой мы почти не выходили из блиндажа. Печку топили ночью, днём дым видели дроны. Воды не "
    "хватало, растапливали снег в котелке, а еду привозили раз в три дня, если машина доезжала. "
    "Связи с домом не было неделями, старшина обещал рацию, но её так и не дали, и мы узнавали "
    "новости от соседей слева."
)
ARMY_ENGLISH = (
    "We were brought to a village near Kherson at the beginning of March. The company commander gathered "
    "everyone at the school and said the locals must not be touched, but two days later the guys were "
    "already going into empty houses and carrying out televisions, laptops and tools. I stood at the "
    "checkpoint at the entrance and saw the cars leaving towards Crimea fully loaded."
)
FRENCH = (
    "Nous sommes arrivés dans le village au début du mois de mars. Le commandant de la compagnie a réuni "
    "tout le monde devant l'école et a dit qu'il ne fallait pas toucher aux habitants, mais deux jours plus "
    "tard les gars entraient déjà dans les maisons vides."
)


def join(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def span_of(text: str, paragraph: str) -> tuple[int, int]:
    """The paragraph's first word start and last word end in text."""
    start = text.index(paragraph)
    return start, start + len(paragraph.rstrip("."))


@pytest.fixture
def index(tmp_path):
    with DuplicateIndex(tmp_path / "index", KEY) as opened:
        yield opened


def test_copied_passage_with_small_edits_is_found_with_offsets_on_both_sides(index):
    stored = join(DRAFT, ARMY, HOSPITAL)
    index.add("case-1/a", stored, label="case 1, account A")
    checked = join(WINTER, ARMY_EDITED)
    matches = index.check(checked)
    assert len(matches) == 1
    match = matches[0]
    assert isinstance(match, Match)
    assert (match.other, match.other_label) == ("case-1/a", "case 1, account A")
    assert (match.start, match.end) == span_of(checked, ARMY_EDITED)
    assert (match.other_start, match.other_end) == span_of(stored, ARMY)
    assert 0.5 <= match.similarity < 1


def test_identical_passage_scores_one_despite_case_punctuation_yo_and_lookalike_letters(index):
    index.add("a", join(DRAFT, ARMY))
    disguised = ARMY.upper().replace("Ё", "Е").replace(",", " —").replace("О", "O")  # Latin O
    matches = index.check(join(HOSPITAL, disguised))
    assert [(m.other, m.similarity) for m in matches] == [("a", 1.0)]


@pytest.mark.parametrize(
    "stored, checked",
    [
        (join(DRAFT, ARMY), join(HOSPITAL, WINTER)),
        (ARMY, DRAFT),
        (join(HOSPITAL, WINTER), FRENCH),
        # The same account translated: shingles are words of one language (a documented limitation).
        (ARMY, ARMY_ENGLISH),
    ],
    ids=["unrelated", "unrelated-single", "other-language", "translation"],
)
def test_unrelated_or_translated_text_is_not_a_duplicate(index, stored, checked):
    index.add("a", stored)
    assert index.check(checked) == []


def test_exclude_skips_the_document_itself(index):
    index.add("a", join(DRAFT, ARMY))
    index.add("b", join(WINTER, ARMY_EDITED))
    assert {m.other for m in index.check(join(DRAFT, ARMY))} == {"a", "b"}
    assert {m.other for m in index.check(join(DRAFT, ARMY), exclude="a")} == {"b"}


def test_each_passage_pairs_with_one_passage_per_document_best_first(index):
    index.add("a", join(DRAFT, ARMY, HOSPITAL))
    matches = index.check(join(ARMY_EDITED, DRAFT, HOSPITAL))
    assert len(matches) == 3
    assert [m.similarity for m in matches] == sorted((m.similarity for m in matches), reverse=True)
    assert matches[0].similarity == 1.0


def test_index_file_holds_no_words_of_the_texts(tmp_path):
    texts = {"case-1/a": join(DRAFT, ARMY), "case-2/b": join(HOSPITAL, WINTER), "case-3/c": FRENCH}
    with DuplicateIndex(tmp_path, KEY) as index:
        index.add_many((doc_id, text, "label") for doc_id, text in texts.items())
        assert len(index) == 3
        data = b"".join(path.read_bytes() for path in tmp_path.iterdir())  # WAL and all
    assert len(data) > 10_000
    vocabulary = {word for text in texts.values() for word in re.findall(r"\w{4,}", text)}
    for word in vocabulary:
        for form in {word, word.casefold()}:
            for encoding in ("utf-8", "utf-16-le"):
                assert form.encode(encoding) not in data, form


def test_remove_forgets_a_document(index):
    index.add("a", join(DRAFT, ARMY))
    index.add("b", HOSPITAL)
    assert index.remove("a") is True
    assert index.remove("a") is False
    assert len(index) == 1 and "a" not in index
    assert index.check(ARMY) == []
    assert index._db.execute(
        "SELECT count(*) FROM buckets WHERE passage >> 16 != (SELECT rowid FROM documents WHERE id = 'b')"
    ).fetchone() == (0,)
    assert [m.other for m in index.check(HOSPITAL)] == ["b"]


def test_adding_an_id_again_replaces_the_document(index):
    index.add("a", ARMY)
    index.add("a", HOSPITAL)
    assert len(index) == 1
    assert index.check(ARMY) == []
    assert [m.other for m in index.check(HOSPITAL)] == ["a"]


def test_the_same_id_twice_in_one_bulk_add_keeps_the_last_and_no_stale_buckets(index):
    index.add("x", WINTER)
    index.add_many([("a", ARMY), ("b", DRAFT), ("a", HOSPITAL)])
    assert len(index) == 3
    assert index.check(ARMY) == []
    assert [m.other for m in index.check(HOSPITAL)] == ["a"]
    (buckets,) = index._db.execute("SELECT count(*) FROM buckets").fetchone()
    assert buckets == 32 * 3  # one passage per text, 32 bands each


def test_reopening_keeps_the_data_and_another_key_finds_nothing(tmp_path):
    with DuplicateIndex(tmp_path, KEY) as index:
        index.add_many([("a", join(DRAFT, ARMY)), ("b", HOSPITAL, "case 2")])
    with DuplicateIndex(tmp_path, KEY) as index:
        assert len(index) == 2
        assert [(m.other, m.other_label) for m in index.check(HOSPITAL)] == [("b", "case 2")]
    with DuplicateIndex(tmp_path, b"another key") as index:
        assert len(index) == 2
        assert index.check(HOSPITAL) == []
        assert index.check(join(DRAFT, ARMY)) == []


def test_an_index_built_with_other_parameters_is_refused(tmp_path):
    DuplicateIndex(tmp_path, KEY).close()
    db = sqlite3.connect(tmp_path / FILENAME)
    db.execute("UPDATE meta SET value = '3' WHERE name = 'shingle_words'")
    db.commit()
    db.close()
    with pytest.raises(ValueError, match="other parameters"):
        DuplicateIndex(tmp_path, KEY)


@pytest.mark.parametrize("key", [b"", "text key"])
def test_the_key_must_be_bytes(tmp_path, key):
    with pytest.raises(ValueError):
        DuplicateIndex(tmp_path, key)


def gibberish(rng: random.Random, count: int) -> str:
    syllables = [c + v for c in "бвгдзклмнпрст" for v in "аеиоуя"]
    return " ".join("".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(count))


def test_part_of_a_long_paragraph_copied_into_another_long_paragraph_is_found(index):
    rng = random.Random(5)
    source = gibberish(rng, 400)
    copied = " ".join(source.split()[150:300])
    checked = gibberish(rng, 60) + " " + copied + " " + gibberish(rng, 100)
    index.add("long", source)
    matches = index.check(checked)
    assert matches and matches[0].other == "long"
    best = matches[0]
    assert best.similarity >= 0.6
    copy_start = checked.index(copied)
    assert copy_start <= best.start < best.end <= copy_start + len(copied)
    source_start = source.index(copied)
    assert source_start <= best.other_start < best.other_end <= source_start + len(copied)


def test_passages_split_paragraphs_join_short_ones_and_window_long_ones():
    rng = random.Random(1)
    text = join("Глава 1", gibberish(rng, 50), gibberish(rng, 300), "Конец.")
    tokens, spans = passages(text)
    sizes = [last - first for first, last in spans]
    assert sizes[0] == 52  # the heading joined to the paragraph after it
    assert all(size == 80 for size in sizes[1:-1])
    assert spans[-1][1] == len(tokens)  # the last short paragraph joined to the one before
    assert passages("Слишком короткий текст.")[1] == []
    assert [w for _, _, w in words("Ёлки-палки, l'armée_FR!")] == ["елки", "палки", "l", "armée", "fr"]


def test_stored_offsets_follow_the_text_as_given():
    text = "Раз\u0301 два\u00ad три " + ARMY  # a stress mark and a soft hyphen
    tokens = words(text)
    assert [w for _, _, w in tokens[:3]] == ["раз", "два", "три"]
    assert text[tokens[1][0] : tokens[1][1]] == "два\u00ad"


def test_near_duplicates_within_one_case():
    texts = {"a.txt": join(DRAFT, ARMY), "b.txt": join(WINTER, ARMY_EDITED), "c.txt": HOSPITAL}
    found = near_duplicates(texts)
    assert len(found) == 1
    pair = found[0]
    assert (pair.first, pair.second) == ("a.txt", "b.txt")
    assert (pair.first_start, pair.first_end) == span_of(texts["a.txt"], ARMY)
    assert (pair.second_start, pair.second_end) == span_of(texts["b.txt"], ARMY_EDITED)
    assert 0.5 <= pair.similarity < 1
    assert near_duplicates({"a": ARMY, "b": ARMY_ENGLISH, "c": DRAFT}) == []
    assert near_duplicates(texts, threshold=0.99) == []
