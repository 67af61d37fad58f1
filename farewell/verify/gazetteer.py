"""Offline gazetteer: cities, first-level regions and countries, in Latin and Cyrillic spellings.

Reads the files ``tools/build-gazetteer`` writes once, on first use: ``data/gazetteer.tsv.gz``
(GeoNames cities: population >= 1000 in Russia, its neighbours, Finland and Poland, >= 15000
elsewhere) and ``data/regions.tsv`` (regions and countries; hand-curated Russian and French
names for the regions of Russia, Ukraine, Belarus, Kazakhstan and France). A name matches a
place by its normalized spelling (case, «ё», accents, hyphens and apostrophes ignored), by a
transliteration-folded one (Chebarkul', Tcheliabinsk, Tscheljabinsk and «Чебаркуль» meet;
«Одеса» and «Одесса») and, in Cyrillic, as a case form of a name («в Бахмуте», «Челябинской
области»). Regions and countries are those of GeoNames (ISO 3166): Crimea and the Donetsk,
Luhansk, Zaporizhzhia and Kherson regions are in Ukraine. Standard library only; no network.
"""

from __future__ import annotations

import csv
import gc
import gzip
import io
import math
import operator
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
CITIES_PATH = DATA_DIR / "gazetteer.tsv.gz"
REGIONS_PATH = DATA_DIR / "regions.tsv"
KINDS = ("city", "region", "country")


@dataclass(frozen=True, slots=True)
class Entry:
    """A place. ``admin1`` is the GeoNames first-level region code ('' for a country),
    ``region`` the English name of a city's region; ``alternates`` are its other spellings,
    ``common_names`` those that are also an ordinary word or a person's name («Мирный»,
    «Соколов», «Olga»). A region's or country's ``geonames_id`` is None, its point a central one."""

    geonames_id: int | None
    name: str
    name_ru: str
    kind: str
    country: str
    admin1: str
    population: int
    lat: float
    lon: float
    region: str = ""
    name_fr: str = ""
    alternates: tuple[str, ...] = field(default=(), repr=False, compare=False)
    common_names: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def common_word(self) -> bool:
        """Whether its own name or Russian name is also an ordinary word or a person's name."""
        return self.name in self.common_names or self.name_ru in self.common_names


# --- Normalization -------------------------------------------------------------------------


def _latin_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(ch for ch in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(ch))
        if base != chr(cp):
            table[cp] = base
    table.update({ord(k): v for k, v in {"ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th"}.items()})
    table.update({ord(k): v for k, v in {"æ": "ae", "œ": "oe", "ı": "i", "ё": "е"}.items()})
    for cp in range(0x300, 0x370):  # stray combining marks
        table[cp] = ""
    for ch in "'’‘ʼʹʻ`´′\u00ad":
        table[ord(ch)] = ""
    return table


_LATIN = _latin_table()
_ELISION = re.compile(r"(?<!\w)([ldjmnst]|qu)['’ʼ](?=\w)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\W_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def normalize(text: str) -> str:
    """The exact lookup key: case-folded, «ё» as «е», Latin accents and apostrophes dropped,
    punctuation as single spaces («Chebarkul'» → «chebarkul», «Ulan-Ude» → «ulan ude»)."""
    if text.isascii():
        if "'" in text:
            text = _ELISION.sub(_elided, text).replace("'", "")
        text = text.lower().replace("`", "")
    else:
        text = unicodedata.normalize("NFC", text)
        if "’" in text or "ʼ" in text or "'" in text:
            text = _ELISION.sub(_elided, text)
        text = text.casefold().translate(_LATIN)
    return text if text.isalnum() else _SEPARATORS.sub(" ", text).strip()


def _elided(match: re.Match) -> str:
    return match.group(1) + " "


_ENDINGS = {
    3: {"ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ией", "ьем", "ьей"},
    2: {"ая", "яя", "ое", "ее", "ой", "ей", "ую", "юю", "ый", "ий", "ым", "им", "ых", "их", "ом", "ем", "ою", "ею"}
    | {"ые", "ие", "ах", "ях", "ам", "ям", "ью", "ия", "ии", "ию", "ье", "ья", "ьи"},
    1: set("аяоеуюыиьй"),
}
# Nominative ending (as _split_ending cuts it) → the endings of its singular cases (plural for
# plurals): «Челябинская» → «Челябинской», but «Андрия» is not «Андрей».
_CASE_ENDINGS = {
    "": {"", "а", "у", "ом", "е"},
    "а": {"а", "ы", "и", "е", "у", "ой", "ою"},
    "я": {"я", "и", "е", "ю", "ей", "ею"},
    "о": {"о", "а", "у", "ом", "е"},
    "е": {"е"},  # foreign names in -е do not decline
    "ь": {"ь", "я", "ю", "ем", "е", "и", "ью"},
    "й": {"й", "я", "ю", "ем", "е"},
    "ия": {"ия", "ии", "ию", "ией"},
    "ье": {"ье", "ья", "ью", "ьем", "ьи"},
    "ая": {"ая", "ой", "ую", "ою"},
    "яя": {"яя", "ей", "юю", "ею"},
    "ый": {"ый", "ого", "ому", "ым", "ом"},
    "ой": {"ой", "ого", "ому", "ым", "ом"},
    "ий": {"ий", "его", "ему", "им", "ем", "ого", "ому", "ом"},
    "ое": {"ое", "ого", "ому", "ым", "ом"},
    "ее": {"ее", "его", "ему", "им", "ем"},
    "ые": {"ые", "ых", "ым", "ыми"},
    "ие": {"ие", "их", "им", "ими"},
    "ы": {"ы", "ам", "ами", "ах"},
    "и": {"и", "ам", "ям", "ами", "ями", "ах", "ях"},
}


def _split_ending(word: str) -> tuple[str, str]:
    if word and "\u0400" <= word[-1] <= "\u04ff":
        for size in (3, 2, 1):
            if len(word) - size >= (2 if size == 1 else 3) and word[-size:] in _ENDINGS[size]:
                return word[:-size], word[-size:]
    return word, ""


def stem(key: str) -> str:
    """Each Cyrillic word of a normalized key without its case ending (one pass, longest
    first, leaving three letters, two before a one-letter ending: «Уфе»): «челябинской
    области» → «челябинск област»."""
    return " ".join(_split_ending(word)[0] for word in key.split())


def _stem_and_endings(key: str) -> tuple[str, tuple[str, ...]]:
    if " " not in key:
        stemmed, ending = _split_ending(key)
        return stemmed, (ending,)
    parts = [_split_ending(word) for word in key.split()]
    return " ".join(p[0] for p in parts), tuple(p[1] for p in parts)


def _inflects_to(nominative: tuple[str, ...], endings: tuple[str, ...]) -> bool:
    return len(nominative) == len(endings) and all(
        e == n or e in _CASE_ENDINGS.get(n, ()) for n, e in zip(nominative, endings, strict=True)
    )


_CYR_TO_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэіґў", "abvgdeziiklmnoprstufyeigu", strict=True)),
        **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya"},
        **{"ї": "yi", "є": "ye", "ь": "", "ъ": "", " ": ""},
    }
)
_H_DIGRAPHS = (
    ("shch", "s"),
    ("tsch", "c"),
    ("sch", "s"),
    ("tch", "c"),
    ("kh", "h"),
    ("zh", "z"),
    ("sh", "s"),
    ("ch", "c"),
    ("ph", "f"),
)
_Z_DIGRAPHS = (("ts", "c"), ("tz", "c"), ("cz", "c"), ("sz", "s"))
_SEMIVOWELS = str.maketrans("yjwq", "iivk")
_DOUBLE = re.compile(r"(.)\1+")
_first = operator.itemgetter(1)


def fold(key: str) -> str:
    """A transliteration-blind form of a normalized key: Cyrillic romanized, spaces dropped,
    kh/zh/sh/ch/ts and y/j/i merged, «ye/je» as «e» (Yelets, Elets), doubled letters single."""
    text = key.replace(" ", "") if key.isascii() else key.translate(_CYR_TO_LATIN)
    if "h" in text:
        for digraph, letter in _H_DIGRAPHS:
            if digraph in text:
                text = text.replace(digraph, letter)
    if "z" in text or "s" in text:
        for digraph, letter in _Z_DIGRAPHS:
            if digraph in text:
                text = text.replace(digraph, letter)
    text = text.replace("ck", "k").replace("ou", "u").replace("ye", "e").replace("je", "e")
    return _DOUBLE.sub(_first, text.translate(_SEMIVOWELS))


_CYR_FOLD = str.maketrans({"ы": "и", "і": "и", "ї": "и", "й": "и", "є": "е", "э": "е", "ґ": "г", "ў": "у", "ь": None})
_CYR_FOLD.update({ord("ъ"): None, ord(" "): None})


def fold_cyrillic(key: str) -> str:
    """A Cyrillic key with the Russian/Ukrainian/Belarusian spelling differences merged
    (и/ы/і/ї/й, е/є/э, signs dropped, doubled letters single): «Одесса» = «Одеса»."""
    return _DOUBLE.sub(_first, key.translate(_CYR_FOLD))


# Keys never looked up: function words and generic region names («Central», «North»...).
_STOP = frozenset(
    """a an and at by for from in into near of on or the to city town village region province
    state district county north south east west northern southern eastern western central centre
    center capital coast island islands lake river upper lower new old
    à au aux avec dans de des du en et la le les l d ou par pour près sur ville région
    в во на из под у около возле близ до от с со к ко по над за при и или а но не город
    г гор пос поселок село деревня область край республика район регион округ""".split()
)
# Leading words dropped when a key does not match: «в Бахмуте», «près de Kyiv», «город Киев».
_LEADING = frozenset(
    """in near at from to the of city town village à a au aux dans de du des en près pres l d la
    le les ville в во на из под у около возле близ до от с со к ко по над за при город г гор
    пос поселок село деревня станица пгт""".split()
)
_KIND_RANK = {"country": 0, "city": 1, "region": 2}


# --- Data ----------------------------------------------------------------------------------


class _Gazetteer:
    def __init__(self, entries: list[Entry]):
        entries.sort(key=lambda e: (_KIND_RANK[e.kind], -e.population, e.country, e.admin1, e.geonames_id or 0))
        self.entries = entries
        self.by_id = {e.geonames_id: e for e in entries if e.geonames_id is not None}
        self.regions = {(e.country, e.admin1): e for e in entries if e.kind == "region"}
        self.countries = {e.country: e for e in entries if e.kind == "country"}
        exact: dict[str, list[int]] = {}
        stems: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        folds: dict[str, list[int]] = {}
        cyrillic_folds: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            keys = {normalize(name) for name in (entry.name, entry.name_ru, entry.name_fr, *entry.alternates) if name}
            folded_keys: set[str] = set()
            cyrillic_keys: set[str] = set()
            for key in keys - _STOP:
                if len(key) < 2:
                    continue
                exact.setdefault(key, []).append(position)
                if not key.isascii() and _CYRILLIC.search(key):
                    stemmed, endings = _stem_and_endings(key)
                    stems.setdefault(stemmed, []).append((position, endings))
                    cyrillic_keys.add(fold_cyrillic(key))
                folded_keys.add(fold(key))
            for folded in folded_keys:
                if len(folded) >= 4:
                    folds.setdefault(folded, []).append(position)
            for folded in cyrillic_keys:
                if len(folded) >= 3:
                    cyrillic_folds.setdefault(folded, []).append(position)
        for index in (exact, stems, folds, cyrillic_folds):
            for key, positions in index.items():
                index[key] = tuple(positions)  # half the memory of the list it was built in
        self.exact, self.stems, self.folds, self.cyrillic_folds = exact, stems, folds, cyrillic_folds

    def match(self, key: str) -> list[Entry]:
        """The entries a normalized key names: same spelling, same folded spelling (a Cyrillic
        key: of a Cyrillic name), or a case form of a Cyrillic name («Челябинской области»).
        Countries first, then the most populous, a region right after its namesake city."""
        if not key or key in _STOP:
            return []
        hits = set(self.exact.get(key, ()))
        cyrillic = not key.isascii() and bool(_CYRILLIC.search(key))
        if cyrillic:
            folded = fold_cyrillic(key)
            hits.update(self.cyrillic_folds.get(folded, ()) if len(folded) >= 3 else ())
        elif len(folded := fold(key)) >= 4:
            hits.update(self.folds.get(folded, ()))
        if cyrillic:
            stemmed, endings = _stem_and_endings(key)
            if any(endings):
                for position, nominative in self.stems.get(stemmed, ()):
                    if _inflects_to(nominative, endings):
                        hits.add(position)
        return _rank([self.entries[position] for position in sorted(hits)])


def _rank(entries: list[Entry]) -> list[Entry]:
    cities = [e for e in entries if e.kind == "city"]

    def key(entry: Entry) -> tuple[int, int, int]:
        population = entry.population
        if entry.kind == "region":
            population = max((c.population for c in cities if contains(entry, c)), default=population)
        return (entry.kind != "country", -population, _KIND_RANK[entry.kind])

    return sorted(entries, key=key)


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("|")) if value else ()


def _read_tsv(text: io.TextIOBase) -> Iterable[dict[str, str]]:
    return csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE)


@cache
def _data() -> _Gazetteer:
    enabled = gc.isenabled()
    gc.disable()  # the collector would rescan the growing index (a third of the load time)
    try:
        return _load()
    finally:
        if enabled:
            gc.enable()


def _load() -> _Gazetteer:
    entries: list[Entry] = []
    with gzip.open(CITIES_PATH, "rt", encoding="utf-8", newline="") as cities:
        for row in _read_tsv(cities):
            entries.append(
                Entry(
                    geonames_id=int(row["geonames_id"]),
                    name=row["name"],
                    name_ru=row["name_ru"],
                    kind="city",
                    country=row["country"],
                    admin1=row["admin1"],
                    population=int(row["population"]),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    region=row["region"],
                    alternates=_split(row["alternates"]),
                    common_names=_split(row["common_names"]),
                )
            )
    with REGIONS_PATH.open(encoding="utf-8", newline="") as regions:
        for row in _read_tsv(regions):
            entries.append(
                Entry(
                    geonames_id=None,
                    name=row["name"],
                    name_ru=row["name_ru"],
                    kind=row["kind"],
                    country=row["country"],
                    admin1=row["admin1"],
                    population=int(row["population"]),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    region=row["name"] if row["kind"] == "region" else "",
                    name_fr=row["name_fr"],
                    alternates=_split(row["alternates"]),
                )
            )
    return _Gazetteer(entries)


# --- Queries -------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _lookup(text: str) -> tuple[Entry, ...]:
    data = _data()
    words = normalize(text).split()
    for _ in range(4):
        if not words:
            break
        if hits := data.match(" ".join(words)):
            return tuple(hits)
        if words[0] not in _LEADING:
            break
        words = words[1:]
    return ()


def lookup(text: str) -> list[Entry]:
    """The places a name may denote, in any case or script, old names included («Artemovsk»,
    «Сталинград», «Киеве», «в Бахмуте», «Chelyabinsk Oblast»): countries first, then the most
    populous first, a region right after a city of it that has the same name. Empty when
    nothing matches."""
    return list(_lookup(text))


def get(geonames_id: int) -> Entry | None:
    """The city with this GeoNames id."""
    return _data().by_id.get(geonames_id)


def region(country: str, admin1: str) -> Entry | None:
    """The region with this ISO country code and GeoNames admin1 code."""
    return _data().regions.get((country.upper(), admin1))


def country(code: str) -> Entry | None:
    """The country with this ISO 3166-1 alpha-2 code."""
    return _data().countries.get(code.upper())


def region_of(entry: Entry) -> Entry | None:
    """A city's region (a region is its own region; a country has none)."""
    if entry.kind == "country":
        return None
    return region(entry.country, entry.admin1)


def containing(entry: Entry) -> list[Entry]:
    """The places that contain an entry, nearest first: its region, then its country."""
    found = []
    if entry.kind == "city" and (own := region_of(entry)):
        found.append(own)
    if entry.kind != "country" and (state := country(entry.country)):
        found.append(state)
    return found


def contains(outer: Entry, inner: Entry) -> bool:
    """Whether ``outer`` (a region or country) contains ``inner``; a place does not contain itself."""
    if outer == inner or inner.kind == "country":
        return False
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "region":
        return inner.kind == "city" and (inner.country, inner.admin1) == (outer.country, outer.admin1)
    return False


def distance_km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries' points."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def choose(candidates: Iterable[Entry], context_entries: Iterable[Entry] = ()) -> Entry:
    """The candidate the context most likely means: one inside a region named in the context,
    else inside a named country, else the nearest to the context's cities, else the most
    populous. Raises ValueError when there is no candidate."""
    options = list(dict.fromkeys(candidates))
    if not options:
        raise ValueError("no candidate to choose from")
    context = [e for e in dict.fromkeys(context_entries) if e not in options]
    areas = [e for e in context if e.kind != "city"]
    points = [e for e in context if e.kind == "city"]

    def score(candidate: Entry) -> tuple[int, float, int, int]:
        level = max((2 if area.kind == "region" else 1 for area in areas if contains(area, candidate)), default=0)
        nearest = min((distance_km(candidate, point) for point in points), default=0.0)
        return (-level, nearest, _KIND_RANK[candidate.kind], -candidate.population)

    return min(options, key=score)


_TOKEN = re.compile(r"(?<!\w)(?:[ldjmnst]|qu)['’ʼ](?=\w)|\w+(?:[-'’ʼ]\w+)*", re.IGNORECASE)
_MAX_WORDS = 6
# Lower-case words that may stand inside a multi-word place name or region phrase.
_INNER_WORDS = frozenset(
    normalize(word)
    for word in """de du des d l la le les en sur sous of on upon am an der na pod и на
    oblast region province krai kray territory republic okrug city autonomous people's
    région république kraï territoire district autonome populaire ville
    область обл край республика округ автономный автономная автономного автономной народная
    народной народную город""".split()
)
_INNER_STEMS = frozenset(stem(word) for word in _INNER_WORDS if not word.isascii())


def _inner(token: str) -> bool:
    key = normalize(token)
    return key in _INNER_WORDS or (not key.isascii() and stem(key) in _INNER_STEMS)


def _capitalized(token: str) -> bool:
    return token[0].isupper()


def _is_common(entry: Entry, key: str) -> bool:
    """Whether ``key`` names ``entry`` through one of its common names (case forms included)."""
    for name in entry.common_names:
        other = normalize(name)
        if key == other or fold(key) == fold(other):
            return True
        stemmed, endings = _stem_and_endings(key)
        own_stem, nominative = _stem_and_endings(other)
        if stemmed == own_stem and _inflects_to(nominative, endings):
            return True
    return False


def find_places(text: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
    """Place names in a text as (start, end, candidates), longest match first, left to right.
    A name has a capitalized word, its other words capitalized or connecting ones (de, of,
    oblast, области...); a phrase starting in lower case must be a region or country
    («région de Tcheliabinsk», «Челябинской области»). A one-word name whose likeliest
    candidate is a town named by an ordinary word or a person's name («Мама», «Соколов»,
    «Olga») counts only right after a preposition («в Мирном», «near Sokolov»)."""
    data = _data()
    tokens = list(_TOKEN.finditer(text))
    found: list[tuple[int, int, tuple[Entry, ...]]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            span = [t.group() for t in tokens[i : i + n]]
            if not any(_capitalized(t) for t in span):
                continue
            if n > 1 and not all(_capitalized(t) or _inner(t) for t in span):
                continue
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            if any(text[tokens[j].end() : tokens[j + 1].start()].strip(" -") for j in range(i, i + n - 1)):
                continue  # punctuation inside: not one name
            hits = data.match(normalize(text[start:end]))
            if not _capitalized(span[0]):
                hits = [e for e in hits if e.kind != "city"]
            if n == 1 and hits and hits[0].kind == "city" and _is_common(hits[0], normalize(span[0])):
                previous = normalize(tokens[i - 1].group()) if i else ""
                if previous not in _LEADING or text[tokens[i - 1].end() : start].strip():
                    hits = []
            if hits:
                found.append((start, end, tuple(hits)))
                i += n
                break
        else:
            i += 1
    return found
