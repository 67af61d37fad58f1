"""AGE: a person's age; the entity is the number, with the age word where it belongs to it.

Russian/Ukrainian: «мне 19», «ему было 45 лет», «в 19 лет», «в возрасте 45 лет», «19-летний», «19-ти летний»,
«девятнадцатилетний», «сорокапятилетнего», «19-річний», «мені 19 років»; a bare «45 лет» at a low score when it
is not a duration («служил 5 лет», «20 лет назад», «через 2 года» are left out).
English: "45-year-old", "45 years old", "a nineteen-year-old", "aged 45", "at the age of 19", "I was 19", "I'm 19".
French: «28 ans» after «j'ai», «j'avais», «il avait», «âgé de», «à», «un homme de»...; a bare «28 ans» at a low
score when it is not a duration («il y a 28 ans», «pendant 5 ans»).
A birth year is an age too: «родился в 2003 году», «1990 г.р.», «1990 года рождения», "born in 1990", «né en 1990».
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from farewell.anonymize.text import numerals

from ._base import COVERED_LANGUAGES, FLAGS, Pattern, PatternRecognizer, alternation

_YEARS_RU = r"(?:лет|года|год|годик\w*|годков|років|роки|рік)"
_DATIVE = alternation(
    r"мне|ему|ей|нам|им|тебе|вам|мені|йому|їй|тобі",
    r"сыну|сынку|брату|братишке|отцу|папе|мужу|парню|пацану|пацанчику|мальчику|мальчишке|ребенку|ребёнку",
    r"другу|сестре|дочери|дочке|жене|маме|матери|бойцу|солдату|командиру|сослуживцу|призывнику|младшему|старшему",
    r"сину|братові|батькові|чоловікові|хлопцю|дружині|доньці|сестрі",
)
_BETWEEN = alternation(
    r"уже|тогда|сейчас|теперь|было|был|была|будет|исполнилось|исполнится|стукнуло|только|всего|почти|едва|ещё|еще",
    r"тоже|не\s+было|на\s+тот\s+момент|в\s+то\s+время|было\s+всего|вже|тоді|було|виповнилося|лише|ледве|тільки",
)
# After «мне 19» comes the end of the clause, «лет», or a word that continues the sentence, not a noun («мне 2 раза»).
_AFTER_BARE = r"(?=\s*(?:[,.;:!?)—–-]|$)|\s+(?:и|а|но|когда|тогда|исполнилось|было|был|как|уже|і|та|коли|або)(?!\w))"
_AGE_OR_CLAUSE_END = rf"\d{{1,2}}(?:\s?{_YEARS_RU}(?!\w)|{_AFTER_BARE})"
DATIVE_AGE = re.compile(rf"(?<!\w){_DATIVE}(?:\s+{_BETWEEN}){{0,3}}\s+(?P<age>{_AGE_OR_CLAUSE_END})", FLAGS)
AT_AGE_RU = re.compile(
    r"(?<!\w)(?:в|у)\s+(?:возрасте\s+|віці\s+)?"
    r"(?P<age>\d{1,2}(?:-?(?:ти|ми|х))?\s?(?:лет|года|год|років|роки|рік))(?!\w)",
    FLAGS,
)
# «мужик лет 50», «ему лет под сорок» is an age guessed; «лет 40-45».
ABOUT_RU = re.compile(
    r"(?<!\w)(?:лет|років)\s+(?:(?:под|за|около|по|до|десь|під)\s+)?"
    r"(?P<age>(?P<n>\d{1,2})(?:\s?[-–]\s?\d{1,2})?)(?!\d)",
    FLAGS,
)
AGE_WORD_RU = re.compile(r"(?<!\w)(?:возраст|вік)(?:ом|е|у)?\s*[:—–-]?\s*(?P<age>\d{1,3})(?!\d)", FLAGS)
BARE_YEARS_RU = re.compile(r"(?<![\w.,])(?P<age>(?P<n>\d{1,3})\s?(?:лет|года|год|років|роки|рік))(?!\w)", FLAGS)
# «19-летний», «19-ти летний», «19 летнего», «19-річний».
ADJECTIVE_NUMBER = re.compile(
    r"(?<![\w.,])(?P<age>\d{1,3}\s?-?\s?(?:ти|ми|х|и)?\s?-?\s?(?:летн|річн)\w*)",
    FLAGS,
)
_UNITS = r"(?:одно|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти)"
_TENS = r"(?:двадцати|тридцати|сорока|пятидесяти|шестидесяти|семидесяти|восьмидесяти|девяноста)"
_TEENS = (
    r"(?:десяти|одиннадцати|двенадцати|тринадцати|четырнадцати|пятнадцати|шестнадцати|семнадцати|восемнадцати|"
    r"девятнадцати)"
)
ADJECTIVE_WORD = re.compile(
    r"(?<!\w)(?P<age>(?:" + _TEENS + "|" + _TENS + _UNITS + "?|" + _UNITS + r")-?летн\w*)",
    FLAGS,
)
# «пятилетний срок», «двухлетний контракт» are durations.
_DURATION_NOUN = re.compile(
    r"^\s*(?:срок|контракт(?!ник)|стаж|опыт|период|перерыв|план|служб|отпуск|заключени|приговор|договор|юбиле|цикл|курс|"
    r"строк|досвід|term|contract|sentence)",
    FLAGS,
)

_EN_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"eighteen|nineteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|"
    r"four|three|two)"
)
YEARS_OLD = re.compile(
    r"(?<![\w.,])(?P<age>(?:\d{1,3}|" + _EN_NUMBER_WORD + r")[- ]years?[- ]old)(?!\w)",
    FLAGS,
)
AGED = re.compile(
    r"(?<!\w)(?:aged|at\s+the\s+age\s+of|at\s+age|age)\s+(?P<age>\d{1,3})(?![\d:.])",
    FLAGS,
)
I_WAS = re.compile(
    r"(?<!\w)(?:I|he|she|we|they|you)"
    r"(?:\s+(?:was|were|am|is|are|turned|had\s+just\s+turned|just\s+turned)|['’](?:m|s|re))"
    r"\s+(?:only\s+|just\s+|barely\s+|almost\s+|nearly\s+|already\s+|not\s+even\s+)?(?P<age>\d{1,2})"
    r"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?:when|and|at\s+the\s+time|then|back\s+then|by\s+then)(?!\w))",
    FLAGS,
)
# "Yarovoy was 24.", «Sacha avait 19 ans», «Micha a 6 ans»: a name, then the age.
NAME_WAS = re.compile(
    r"(?<![\w-])(?-i:[A-Z][a-z'’-]+)\s+(?:was|is|turned)\s+(?:only\s+|just\s+|barely\s+|almost\s+)?(?P<age>\d{1,2})"
    r"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?:when|years?)(?!\w))",
    FLAGS,
)
NAME_HAS_FR = re.compile(r"(?<![\w-])(?-i:[A-ZÀ-Þ][\w'’-]+)\s+(?:a|avait|aura)\s+(?P<age>\d{1,3}\s?ans)(?!\w)", FLAGS)
# "said Larisa Kovalenko, 45, whose son": the age between commas after a name (not after "Street, 12,").
APPOSITION = re.compile(
    r"(?<![\w-])(?!(?:Street|St|Avenue|Ave|Road|Rd|Lane|Boulevard|Square|Apt|Flat|Suite|No|Rue|Building)\b)"
    r"(?-i:[A-Z][a-z'’-]+),\s+(?P<age>\d{1,2})(?=\s*,)",
    FLAGS,
)
# "At 19, I knew nothing."
AT_COMMA = re.compile(r"(?<!\w)at\s+(?P<age>\d{1,2})(?=\s*,)", FLAGS)
# A birth year says the age: «родился в 2003 году», «1990 г.р.», "born in 1990", «né en 1990».
_BIRTH_YEAR = r"(?:19[2-9]\d|20[0-2]\d)"
_BORN = r"(?:родил(?:ся|ась|ись)|рожд[её]н(?:а|ы)?|народи(?:вся|лася|лися)|народжен\w*|born|n[ée]e?s?)"
_YEAR_WORD = r"(?:году|года|г\.|г(?!\w)|р\.|році|року|рік)"
BIRTH_YEAR = re.compile(
    rf"(?<!\w){_BORN}\s+(?:(?:в|у|in|en)\s+)?(?P<age>{_BIRTH_YEAR}(?:\s?{_YEAR_WORD})?)(?![\d\w])", FLAGS
)
_OF_BIRTH = r"(?:года\s+рождения|г\.\s?р\.|гр\.|г\.р(?!\w)|року\s+народження|р\.\s?н\.)"
YEAR_OF_BIRTH = re.compile(rf"(?<![\w.])(?P<age>{_BIRTH_YEAR}\s?{_OF_BIRTH})", FLAGS)
AGE_FR = re.compile(
    r"(?<!\w)(?:âgée?s?|agée?s?|j['’]ai|j['’]avais|j['’]aurai|il\s+a|il\s+avait|elle\s+a|elle\s+avait|on\s+avait|"
    r"qui\s+a|qui\s+avait|nous\s+avions|ils\s+avaient|(?:âgée?s?|agée?s?)\s+de|à|un\s+homme\s+de|un\s+gars\s+de|"
    r"(?:fille|fils|enfant|gar[cç]on|gamine?|b[ée]b[ée]|homme|femme|gars|jeune|soldat|fr[èe]re|s[œo]e?ur|m[èe]re|"
    r"p[èe]re|type|mec|conscrit|d[ée]serteur|mobilis[ée]|mari|[ée]pouse)\s+de)"
    r"\s+(?:(?:seulement|à\s+peine|déjà|presque|tout\s+juste|juste)\s+)?(?P<age>\d{1,3}\s?ans)(?!\w)",
    FLAGS,
)
BARE_YEARS_FR = re.compile(r"(?<![\w.,])(?P<age>(?P<n>\d{1,3})\s?ans)(?!\w)", FLAGS)
_AFTER_NOT_AGE_FR = re.compile(r"^\s*(?:de\s+prison|d['’]emprisonnement|de\s+service|de\s+contrat|plus\s+tard)", FLAGS)

# Ages in words: «мне сорок один год», «Сорок один год, Волгоград», «j'ai quarante et un ans».
_RU_WORDS, _FR_WORDS = numerals.pattern("ru"), numerals.pattern("fr")
DATIVE_WORDS_RU = re.compile(
    rf"(?<!\w){_DATIVE}(?:\s+{_BETWEEN}){{0,3}}\s+(?P<age>(?:{_RU_WORDS})\s+{_YEARS_RU})(?!\w)", FLAGS
)
BARE_WORDS_RU = re.compile(rf"(?<![\w-])(?P<age>(?:{_RU_WORDS})\s+(?:год|года|лет))(?!\w)", FLAGS)
AGE_WORDS_FR = re.compile(AGE_FR.pattern.replace(r"(?P<age>\d{1,3}\s?ans)", rf"(?P<age>(?:{_FR_WORDS})\s+ans)"), FLAGS)

_NUMBER = re.compile(r"\d+")

# Near a bare number of years, these words make it an age.
AGE_CONTEXT = re.compile(
    r"(?<!\w)(?:мне|ему|ей|им|нам|было|исполнилось|исполнится|стукнуло|возраст\w*|мені|йому|їй|було|виповнилося|"
    r"парн\w*|пацан\w*|мужчин\w*|женщин\w*|сын\w*|доч\w*|брат\w*|сестр\w*|от\s+роду|молод\w*|старше|младше|"
    r"âgée?s?|agée?s?)(?!\w)",
    FLAGS,
)
# ... and these make it a duration.
_BEFORE_DURATION = re.compile(
    r"(?<!\w)(?:через|за|на|спустя|течение|последние|около|почти|более|больше|менее|меньше|до|срок\w*|целых|лишь|"
    r"дали|дадут|получил\w*|грозит|отсидел\w*|служил\w*|прослужил\w*|работал\w*|прожил\w*|жил|уже|ещё|еще|"
    r"каждые|раз\s+в|прошло|прошли|пр[оё]шел|минуло|пройшло|протягом|понад|майже|після|"
    r"il\s+y\s+a|pendant|depuis|en|dans|apr[eè]s|pour|"
    r"environ|plus\s+de|moins\s+de)\s*$",
    FLAGS,
)
_AFTER_DURATION = re.compile(
    r"^\s*(?:назад|спустя|службы|службу|тюрьмы|лишения|колонии|заключения|строгого|стажа|контракт\w*|выслуги|подряд|"
    r"работы|войны|тому|как|с\s+лишним|прошло|прошли|минуло|тому\s+назад|служби|в\s+армии|в\s+армію|"
    r"plus\s+tard|de\s+prison|d['’]emprisonnement|de\s+service|de\s+guerre|auparavant|plus\s+t[ôo]t)",
    FLAGS,
)


class AgeRecognizer(PatternRecognizer):
    label = "AGE"
    languages = COVERED_LANGUAGES
    name = "age"
    context = AGE_CONTEXT
    context_before = 30
    context_after = 0
    context_boost = 0.1
    patterns = (
        Pattern("dative", DATIVE_AGE, 0.85, "age"),
        Pattern("at-age-ru", AT_AGE_RU, 0.8, "age"),
        Pattern("age-word-ru", AGE_WORD_RU, 0.8, "age"),
        Pattern("about-ru", ABOUT_RU, 0.7, "age"),
        Pattern("bare-years-ru", BARE_YEARS_RU, 0.5, "age"),
        Pattern("adjective-number", ADJECTIVE_NUMBER, 0.85, "age"),
        Pattern("adjective-word", ADJECTIVE_WORD, 0.85, "age"),
        Pattern("years-old", YEARS_OLD, 0.9, "age"),
        Pattern("aged", AGED, 0.85, "age"),
        Pattern("i-was", I_WAS, 0.75, "age"),
        Pattern("at-comma", AT_COMMA, 0.6, "age"),
        Pattern("name-was", NAME_WAS, 0.6, "age"),
        Pattern("name-has-fr", NAME_HAS_FR, 0.7, "age"),
        Pattern("apposition", APPOSITION, 0.55, "age"),
        Pattern("birth-year", BIRTH_YEAR, 0.85, "age"),
        Pattern("year-of-birth", YEAR_OF_BIRTH, 0.85, "age"),
        Pattern("age-fr", AGE_FR, 0.85, "age"),
        Pattern("bare-years-fr", BARE_YEARS_FR, 0.5, "age"),
        Pattern("dative-words-ru", DATIVE_WORDS_RU, 0.85, "age"),
        Pattern("bare-years-words-ru", BARE_WORDS_RU, 0.5, "age"),
        Pattern("age-words-fr", AGE_WORDS_FR, 0.85, "age"),
    )

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        start, end = match.span("age")
        if pattern.name in ("birth-year", "year-of-birth"):
            return ((start, end, pattern.score),)
        number = _NUMBER.search(text, start, end)
        if number and not 0 < int(number.group()) <= 120:
            return ()
        if pattern.name.startswith("adjective") and _DURATION_NOUN.match(text[end : end + 20]):
            return ()
        if pattern.name == "about-ru" and (int(match.group("n")) < 14 or _AFTER_DURATION.match(text[end : end + 24])):
            return ()  # «лет 5 назад»
        if pattern.name == "bare-years-words-ru":
            return self._bare_years(text, start, end, numerals.value(text[start:end], "ru") or 0, pattern)
        if pattern.name.startswith("bare-years"):
            return self._bare_years(text, start, end, int(number.group()), pattern)
        if pattern.name in ("age-fr", "age-words-fr") and _AFTER_NOT_AGE_FR.match(text[end : end + 24]):
            return ()
        return ((start, end, pattern.score),)

    def _bare_years(self, text, start, end, number, pattern) -> Iterable[tuple[int, int, float]]:
        # The context boost of find() applies on top: «ему было 45 лет» scores 0.6.
        before = text[max(0, start - 30) : start]
        if _BEFORE_DURATION.search(before) or _AFTER_DURATION.match(text[end : end + 24]):
            return ()  # «через 3 года», «20 лет назад», «il y a 28 ans»
        if AGE_CONTEXT.search(before):
            return ((start, end, pattern.score),)
        if pattern.name == "bare-years-fr" and _AFTER_NOT_AGE_FR.match(text[end : end + 24]):
            return ()
        if 16 <= number <= 99:
            return ((start, end, pattern.score),)
        return ()
