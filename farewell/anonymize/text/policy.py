"""What the policy leaves visible: countries and well-known public figures. Everything else a
recognizer finds is proposed for redaction — missing a detail is far worse than one word too many.
"""

from __future__ import annotations

from farewell.anonymize.text.morph import WORD, fold, lemmas
from farewell.anonymize.text.names import person_key, script_free, surname_lemma
from farewell.anonymize.text.types import KEEP, REDACT, Entity

# Countries (and a few country-level unions) in Russian (lemmas), English and French.
COUNTRIES = """
россия российский федерация рф ссср советский союз украина беларусь белоруссия казахстан армения грузия
азербайджан узбекистан киргизия кыргызстан таджикистан туркмения туркменистан молдавия молдова латвия литва
эстония польша германия франция италия испания великобритания англия сша америка соединенные штаты китай
турция израиль иран сирия финляндия швеция норвегия дания нидерланды голландия бельгия чехия словакия
венгрия румыния болгария сербия черногория монголия индия япония корея кндр канада мексика аргентина бразилия
австрия швейцария португалия греция кипр оаэ египет ливия мали цар центральноафриканская республика судан
russia russian federation ussr soviet union ukraine belarus kazakhstan armenia georgia azerbaijan uzbekistan
kyrgyzstan tajikistan turkmenistan moldova latvia lithuania estonia poland germany france italy spain
britain united kingdom uk england usa united states america china turkey israel iran syria finland sweden
norway denmark netherlands belgium czechia czech republic slovakia hungary romania bulgaria serbia montenegro
mongolia india japan korea north korea canada mexico argentina brazil austria switzerland portugal greece
cyprus uae egypt libya mali sudan
russie fédération de russie urss union soviétique biélorussie arménie géorgie azerbaïdjan ouzbékistan
kirghizistan tadjikistan turkménistan moldavie lettonie lituanie estonie pologne allemagne italie espagne
royaume-uni angleterre états-unis amérique chine turquie israël syrie finlande suède norvège danemark
pays-bas belgique tchéquie slovaquie hongrie roumanie bulgarie serbie monténégro mongolie inde japon corée
corée du nord mexique argentine brésil autriche suisse grèce chypre émirats égypte libye soudan
"""
COUNTRY_PHRASES = {
    "российская федерация",
    "российский федерация",
    "соединенные штаты",
    "соединенный штат",
    "united states",
    "united kingdom",
    "russian federation",
    "soviet union",
    "north korea",
    "czech republic",
    "fédération de russie",
    "union soviétique",
    "royaume-uni",
    "états-unis",
    "pays-bas",
    "corée du nord",
    "центральноафриканский республика",
    "european union",
    "union européenne",
    "евросоюз",
    "европейский союз",
    "нато",
    "nato",
    "otan",
    "соединить штат",  # pymorphy3 lemmatizes «Соединённых» as the verb
}
ARTICLES = ("the ", "les ", "le ", "la ", "l'", "l’")
COUNTRY_WORDS = frozenset(COUNTRIES.split())

# Public figures: surname → their first names (script-free keys). A private namesake (a soldier
# called Сергей Белоусов) is redacted; the surname alone is taken to mean the public figure.
FIGURES = """
владимир путин|vladimir putin|vladimir poutine; сергей шойгу|sergei shoigu|sergueï choïgou;
валерий герасимов|valery gerasimov|valeri guerassimov; андрей белоусов|andrei belousov;
дмитрий медведев|dmitry medvedev; сергей лавров|sergey lavrov; дмитрий песков|dmitry peskov;
евгений пригожин|yevgeny prigozhin|evgueni prigojine; рамзан кадыров|ramzan kadyrov;
сергей суровикин|sergei surovikin; александр лукашенко|alexander lukashenko|alexandre loukachenko;
владимир зеленский|volodymyr zelensky|volodymyr zelenskyy|volodymyr zelensky; валерий залужный|valerii zaluzhnyi;
александр сырский|oleksandr syrskyi; кирилл буданов|kyrylo budanov; петр порошенко|petro poroshenko;
виктор янукович|viktor yanukovych; алексей навальный|alexei navalny|alexeï navalny; юлия навальная|yulia navalnaya;
джо байден|joe biden; дональд трамп|donald trump; барак обама|barack obama; эмманюэль макрон|emmanuel macron;
олаф шольц|olaf scholz; ангела меркель|angela merkel; реджеп эрдоган|recep erdogan;
касым-жомарт токаев|kassym-jomart tokayev; никол пашинян|nikol pashinyan; ильхам алиев|ilham aliyev;
си цзиньпин|xi jinping
"""
PUBLIC_FIGURES: dict[str, set[str]] = {}
for figure in FIGURES.replace("\n", " ").split(";"):
    for spelling in figure.split("|"):
        first, _, surname = spelling.strip().rpartition(" ")
        if surname:
            PUBLIC_FIGURES.setdefault(script_free(surname), set()).add(script_free(first))


def _without_article(text: str) -> str:
    folded = fold(text).strip()
    for article in ARTICLES:
        if folded.startswith(article):
            return folded[len(article) :]
    return folded


def is_country(text: str) -> bool:
    folded = _without_article(text)
    lemma_text = lemmas(folded)
    return (
        lemma_text in COUNTRY_WORDS
        or folded in COUNTRY_WORDS
        or lemma_text in COUNTRY_PHRASES
        or folded in COUNTRY_PHRASES
    )


def is_public_figure(text: str) -> bool:
    key = person_key(text)
    if not key.surname:
        return False
    # «Путина» alone could be a woman's surname or the genitive of «Путин»: either way, his.
    words = WORD.findall(text)
    masculine = script_free(surname_lemma(words[-1], "masc")) if words else ""
    first_names = PUBLIC_FIGURES.get(key.surname) or PUBLIC_FIGURES.get(masculine)
    if first_names is None:
        return False
    return key.first is None or key.first in first_names


def decide(entity: Entity) -> Entity:
    # Fallback recognizers cannot tell a country from a person ("Georgia"): the name decides.
    if entity.label in ("LOCATION", "PERSON") and is_country(entity.text):
        return entity.with_action(KEEP)
    if entity.label == "PERSON" and is_public_figure(entity.text):
        return entity.with_action(KEEP)
    return entity.with_action(REDACT)


def decide_all(entities: list[Entity]) -> list[Entity]:
    """The policy over a whole text: a surname alone is the public figure's, unless the same text
    names a private namesake (a soldier called Сергей Белоусов), whose it then is."""
    decided = [decide(entity) for entity in entities]
    namesakes = set()
    for entity in decided:
        if entity.label == "PERSON" and entity.action == REDACT:
            key = person_key(entity.text)
            if key.first and key.surname in PUBLIC_FIGURES:
                namesakes.add(key.surname)
    if not namesakes:
        return decided
    result = []
    for entity in decided:
        if entity.label == "PERSON" and entity.action == KEEP:
            key = person_key(entity.text)
            words = WORD.findall(entity.text)
            masculine = script_free(surname_lemma(words[-1], "masc")) if words else ""
            if key.first is None and (key.surname in namesakes or masculine in namesakes):
                entity = entity.with_action(REDACT)
        result.append(entity)
    return result
