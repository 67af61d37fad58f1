import pytest

from farewell.anonymize.text.places import DictionaryPlaces, Institutions, QuotedNames, Regions, StreetAddresses

ROWS = [
    (DictionaryPlaces(), "ru", "Нас отправили в Чебаркуль, потом в Копейск.", ["Чебаркуль", "Копейск"]),
    (DictionaryPlaces(), "ru", "Мы стояли под Бахмутом.", ["Бахмутом"]),
    (DictionaryPlaces(), "ru", "мы пошли домой к командиру", []),
    (Regions(), "ru", "в Челябинской области и Краснодарского края", ["Челябинской области", "Краснодарского края"]),
    (Regions(), "en", "in Chebarkul, Chelyabinsk region", ["Chelyabinsk region"]),
    (Regions(), "fr", "dans la région de Tcheliabinsk", ["région de Tcheliabinsk"]),
    (Regions(), "ru", "в нашем районе было тихо", []),
    (
        Institutions(),
        "ru",
        "в школе № 49, потом в военкомате Ленинского района",
        ["школе № 49", "военкомате Ленинского района"],
    ),
    (Institutions(), "ru", "сидел в ИК-6", ["ИК-6"]),
    (Institutions(), "ru", "писал в газету «Северный вестник»", ["Северный вестник"]),
    (Institutions(), "ru", "в школе было холодно", []),
    (QuotedNames(), "ru", "ребята из «Выход есть» помогли", ["Выход есть"]),
    (QuotedNames(), "ru", "он сказал «я не знаю, зачем и кому это всё нужно было тогда»", []),
    (StreetAddresses(), "en", "She lives at Koskikatu 25 Apt. 864 now.", ["Koskikatu 25 Apt. 864"]),
    (StreetAddresses(), "en", "Write to PSC 6293, Box 8158", ["PSC 6293", "Box 8158"]),
    (StreetAddresses(), "en", "On September 24 we left; Brigade 138 stayed.", []),
]


@pytest.mark.parametrize("recognizer, language, text, expected", ROWS)
def test_it_finds_places_and_organizations_models_miss(recognizer, language, text, expected):
    # Overlapping candidates are allowed here: the pipeline resolves them.
    found = {e.text for e in recognizer.find(text, language)}
    assert set(expected) <= found
    if not expected:
        assert not found
