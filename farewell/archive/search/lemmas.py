"""Words to lemmas for the archive's search index (no Django: the index and the query use it alike).

Cyrillic words become every normal form pymorphy3 gives them, with the Ukrainian dictionary in
Ukrainian testimonies and the Russian one elsewhere («дезертирами», «дезертирів» → «дезертир»);
a reader's words are looked up with both. English and French words become their Snowball stems.
The lemma column is these tokens separated by spaces, made only of [0-9a-zа-яіїєґ], so that
SQLite's FTS5 and PostgreSQL's tsvector split it identically and both backends return the same
testimonies.
"""

from __future__ import annotations

import functools
import re
import unicodedata

WORD = re.compile(r"[^\W_]+")
# A word as the reader sees it, with its inner apostrophes and stress marks (for highlighting).
SHOWN_WORD = re.compile("[^\\W_](?:[^\\W_]|[\u0300\u0301]|['ʼ’](?=[^\\W_]))*")
TOKEN = re.compile(r"[0-9a-zа-яіїєґ]+")
CYRILLIC = re.compile(r"[а-яіїєґ]")
STEMMERS = {"en": "english", "fr": "french"}
MAX_WORD = 40  # longer runs are not words (hashes, base64): they are indexed as they are…
MAX_TOKEN = 100  # …up to this length; beyond it, not at all (PostgreSQL refuses lexemes over 2 KB)
# Inside Ukrainian words (сімʼя, сім'я) the apostrophe is part of the word; stress marks are not
# letters (доро́га is дорога).
APOSTROPHE = re.compile("(?<=[а-яіїєґ])['ʼ’](?=[а-яіїєґ])")
STRESS = re.compile("[\u0300\u0301]")


@functools.cache
def _morph(language: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@functools.cache
def _stemmer(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(STEMMERS[language])


def _fold_latin(word: str) -> str:
    """é → e, ç → c, œ → oe: readers type French without accents."""
    word = word.replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=200_000)
def _cyrillic_forms(word: str, language: str) -> tuple[str, ...]:
    forms = {parse.normal_form.replace("ё", "е") for parse in _morph(language).parse(word)}
    return tuple(sorted(form for form in forms if TOKEN.fullmatch(form)) or [word])


@functools.lru_cache(maxsize=200_000)
def _latin_form(word: str, language: str) -> str:
    return _fold_latin(_stemmer(language).stemWord(word))


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, ё as е, NFC (so a typed «й» is one letter)."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return WORD.findall(APOSTROPHE.sub("", STRESS.sub("", text)))


def forms_of(word: str, languages: tuple[str, ...], cyrillic: tuple[str, ...] = ("ru",)) -> tuple[str, ...]:
    """What one (lower-cased) word is indexed and looked up as; languages: of the Latin stemmers,
    cyrillic: of the dictionaries (ru, uk)."""
    if len(word) > MAX_TOKEN:
        return ()
    if len(word) > MAX_WORD:
        folded = _fold_latin(word)
        return (folded,) if TOKEN.fullmatch(folded) else ()
    if CYRILLIC.search(word):
        if not TOKEN.fullmatch(word):
            return ()
        return tuple(dict.fromkeys(form for language in cyrillic for form in _cyrillic_forms(word, language)))
    if word.isascii() and word.isdigit():
        return (word,)
    folded = _fold_latin(word)
    if not TOKEN.fullmatch(folded):
        return ()  # another script: not searchable (the archive is in ru, uk, en and fr)
    return tuple(dict.fromkeys(_latin_form(folded, language) for language in languages))


def latin_languages(language: str) -> tuple[str, ...]:
    """A testimony's Latin words are stemmed as its language, English for ru and uk texts."""
    return (language,) if language in STEMMERS else ("en",)


def cyrillic_languages(language: str) -> tuple[str, ...]:
    """A testimony's Cyrillic words are read with the Ukrainian dictionary if it is Ukrainian."""
    return ("uk",) if language == "uk" else ("ru",)


def index_text(text: str, language: str) -> str:
    """The lemma column of a testimony: each distinct form once, in order of first appearance."""
    stems, dictionaries = latin_languages(language), cyrillic_languages(language)
    seen: dict[str, None] = {}
    for word in words(text):
        for form in forms_of(word, stems, dictionaries):
            seen.setdefault(form)
    return " ".join(seen)


def query_terms(query: str, most: int = 12) -> list[tuple[str, ...]]:
    """A reader's query as groups of alternatives: every word must match (AND), in any of its
    forms (OR). A word is looked up with the English and French stems, or the Russian and
    Ukrainian dictionaries, alike: the reader's language need not be the testimony's. Only the
    first `most` words count (each costs a dictionary lookup)."""
    groups: list[tuple[str, ...]] = []
    for word in dict.fromkeys(words(query)):
        forms = forms_of(word, ("en", "fr"), ("ru", "uk"))
        if forms and forms not in groups:
            groups.append(forms)
            if len(groups) == most:
                break
    return groups


@functools.lru_cache(maxsize=4096)
def _inflections(word: str, language: str) -> frozenset[str]:
    return frozenset(form.word.replace("ё", "е") for parse in _morph(language).parse(word) for form in parse.lexeme)


class Highlighter:
    """Tells which words of a text a query found, without a dictionary lookup per word: a
    Cyrillic query word stands for every inflection of its lemmas, a Latin one for its stems."""

    def __init__(self, query: str, most: int = 12):
        self.latin: set[str] = set()
        self.cyrillic: set[str] = set()
        for word in list(dict.fromkeys(words(query)))[:most]:
            forms = forms_of(word, ("en", "fr"), ("ru", "uk"))
            if not forms:
                continue
            if CYRILLIC.search(word):
                self.cyrillic |= {word, *forms}
                for language in ("ru", "uk"):
                    self.cyrillic |= _inflections(word, language)
            else:
                self.latin |= set(forms)

    def __bool__(self) -> bool:
        return bool(self.latin or self.cyrillic)

    def found(self, word: str, stems: tuple[str, ...]) -> bool:
        for token in words(word):
            if CYRILLIC.search(token):
                if token in self.cyrillic:
                    return True
            elif any(form in self.latin for form in forms_of(token, stems)):
                return True
        return False
