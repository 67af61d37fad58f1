"""CALLSIGN: a call sign named next to the word that introduces it; the entity is the call sign alone.

«позывной «Гром»», «позывной Гром», «с позывным "Кедр"», «по позывному Сокол», «позывной — Малыш», «позывной у
него был «Лис»», «позывные «Гром» и «Кедр»», Ukrainian «позивний «Грім»»; "call sign Grom", "callsign 'Kedr'",
"his call sign was Grom"; «indicatif "Grom"», «nom de guerre»; a quoted call sign before the word (««Гром» — это
его позывной», '"Kedr" was his call sign'); nicknames («по кличке «Кабан»», «прозвище») at a lower score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from farewell.anonymize.text.types import Entity

from ._base import COVERED_LANGUAGES, FLAGS, Pattern, PatternRecognizer, alternation, resolve

_CALLSIGN_WORD = alternation(
    r"позывн(?:ой|ого|ому|ым|ом|ые|ых|ыми)",
    r"позывн\.",
    r"позивн(?:ий|ого|ому|им|ім|і|их|ими)",
    r"call[\s-]?signs?",
    r"radio\s+name",
    r"indicatifs?(?:\s+d['’]appel)?",
    r"nom\s+de\s+guerre",
    r"nom\s+de\s+code",
    r"code[\s-]?name",
)
_NICKNAME_WORD = alternation(r"кличк(?:а|и|е|у|ой)", r"прозвищ(?:е|а|у|ем)", r"погонял(?:о|а|у|ом)", r"nickname")
_SEPARATOR = r"(?:\s*[:—–-]\s*|\s+)"
# Words that may stand between «позывной» and the call sign: «позывной у него был — Гром».
_FILLER = alternation(
    r"у\s+(?:него|неё|нее|меня|нас|них|тебя)",
    r"в\s+(?:армии|роте|части)",
    r"был[аио]?",
    r"його|в\s+нього|у\s+нього|був|була|було|є",
    r"мой|моя|его|её|ее|наш|твой",
    r"тогда|там|тоді|просто|такой|такая|простой|странный|смешной|интересный|забавный|короткий|дурацкий|такий",
    r"was|is|became|then",
    r"était|est|c['’]était",
)
_QUOTED = r"[«\"„“”'‘’‹]\s?(?P<quoted>[^«»\"„“”'‘’‹›\n]{1,30}?)\s?[»\"“”'’›‘]"
_BARE = r"(?P<bare>[^\W_][\w-]{0,24})"
_VALUE = r"(?:" + _QUOTED + "|" + _BARE + ")"
CALLSIGN = re.compile(
    r"(?<!\w)" + _CALLSIGN_WORD + r"(?:" + _SEPARATOR + _FILLER + r"){0,3}" + _SEPARATOR + _VALUE, FLAGS
)
# «его позывной, Гром, знали все»: after a comma only a quoted or capitalised call sign.
CALLSIGN_AFTER_COMMA = re.compile(
    r"(?<!\w)" + _CALLSIGN_WORD + r"\s*,\s*(?:" + _QUOTED + r"|(?P<bare>(?-i:[A-ZА-ЯЁІЇЄҐ])[\w-]{0,24}))", FLAGS
)
NICKNAME = re.compile(
    r"(?<!\w)" + _NICKNAME_WORD + r"(?:" + _SEPARATOR + _FILLER + r"){0,3}" + _SEPARATOR + _VALUE, FLAGS
)
# «позывные «Гром», «Кедр» и «Лис»»: the next quoted values of a list.
NEXT_QUOTED = re.compile(
    r"\s*(?:,|и|та|і|and|et|,\s*(?:и|та|і|and|et))(?:\s+(?:ещё|еще|також|also|aussi))?\s*" + _QUOTED, FLAGS
)
# «"Гром" — это его позывной», ««Кедр» (позывной)», '"Kedr" was his call sign': the call sign comes first.
_DOUBLE_QUOTED = r"[«\"„“”]\s?(?P<quoted>[^«»\"„“”\n]{1,30}?)\s?[»\"“”]"  # apostrophes: «d'indicatif»
CALLSIGN_BEFORE = re.compile(
    _DOUBLE_QUOTED + r"\s*(?:\(\s*|[—–-]\s*|,\s*)?(?:(?:это|был|была|было|was|is|c['’]était|était|est)\s+)?"
    r"(?:(?:его|её|ее|мой|наш|твой|його|її|мій|his|her|my|our|their|son|mon|notre)\s+)?" + _CALLSIGN_WORD + r"(?!\w)",
    FLAGS,
)
# «все звали его «Дед»», "called himself "Snow"", «on m'appelait « Berger »»: a quoted name after a naming verb.
_NAMING_VERB = alternation(
    r"звали|зовут|звал|называли|называют|назвали|прозвали|окрестили|кликали|кличут|величали|звалась|звался",
    r"кликали|звали|називали|прозвали|кличуть",
    r"called|calls?|call(?:ing)?|known\s+as|went\s+by|goes\s+by|nicknamed|dubbed",
    r"appel\w*|surnomm\w*|signe|signait|sign[ée]",
)
_OBJECT = (
    r"(?:его|её|ее|меня|нас|их|все|мы|ребята|пацаны|у\s+нас|його|її|мене|me|him|her|himself|herself|us|them|moi|lui)"
)
# «on l'appelait Kolia ou « Major »»: a first name, then the call sign.
_OR_NAME = r"(?:\s*(?-i:[A-ZА-ЯЁ])[\w-]+\s+(?:ou|or|или|либо|и|and|et|або)\s*)?"
NAMED_AS = re.compile(
    r"(?<!\w)" + _NAMING_VERB + r"(?:\s+" + _OBJECT + r"){0,2}\s*[:—–-]?" + _OR_NAME + r"\s*" + _DOUBLE_QUOTED, FLAGS
)
# «там раздали позывные. Мне дали «Борода»»: a quoted capitalised name shortly after the word, in the next sentence
# at most.
_NEAR = r"[^«»\"„“”.!?\n]{0,60}(?:[.!?]\s+[^«»\"„“”.!?\n]{0,40})?"
NEAR_QUOTED = re.compile(
    r"(?<!\w)"
    + _CALLSIGN_WORD
    + _NEAR
    + r"[«\"„“”]\s?(?P<quoted>(?-i:[A-ZА-ЯЁІЇЄҐ])[\w-]{1,19}(?:\s[\w-]{1,19})?)\s?[»\"“”]",
    FLAGS,
)
# ««Шатуном» его прозвали»: the name first.
NAMED_AS_BEFORE = re.compile(
    _DOUBLE_QUOTED + r"\s+(?:" + _OBJECT + r"\s+){0,2}(?:звали|называли|прозвали|окрестили|кликали|величали)(?!\w)",
    FLAGS,
)
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)

# A bare word after «позывной» that is not a call sign.
STOP_WORDS = frozenset(
    """
    и а но не ни да нет же ли бы то это тот та те там тут так как какой какая какой-то какие чей свой своё свой
    себе себя он она оно они я мы вы ты его её ее их мне ему ей нам вам им у в во на с со к по за из от до о об
    для при про был была было были будет есть нету дали дал дала дают взял взяла выбрал придумал получил получила
    сменил поменял звучал звучит значит означает тоже также уже ещё еще всегда потом сразу очень просто же вот
    the a an was is of his her my our their and or but to in on at it that this as be he she they we you i
    le la les un une de du des son sa ses mon ma mes et ou mais est était c il elle on nous vous
    не був була було є його її він вона вони та і й що як
    """.split()
)


class CallsignRecognizer(PatternRecognizer):
    label = "CALLSIGN"
    languages = COVERED_LANGUAGES
    name = "callsign"
    patterns = (
        Pattern("callsign", CALLSIGN, 0.9),
        Pattern("callsign-after-comma", CALLSIGN_AFTER_COMMA, 0.75),
        Pattern("callsign-before", CALLSIGN_BEFORE, 0.8),
        Pattern("nickname", NICKNAME, 0.75),
        Pattern("named-as", NAMED_AS, 0.75),
        Pattern("near-quoted", NEAR_QUOTED, 0.55),
        Pattern("named-as-before", NAMED_AS_BEFORE, 0.75),
    )

    def find(self, text: str, language: str) -> list[Entity]:
        found = super().find(text, language)
        # Every other mention of a call sign found: «позывной «Лис». Лис потом уехал», «Кота мы больше не видели».
        values = {e.text for e in found if e.text[:1].isupper() and len(e.text) >= 3}
        mentions = [
            self.entity(text, m.start(), m.end(), 0.6)
            for value in sorted(values)
            for m in _mentions(value).finditer(text)
        ]
        return resolve([*found, *mentions])

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        if match.group("quoted") is not None:
            start, end = _strip(text, *match.span("quoted"))
            if start == end:
                return ()
            found = [(start, end, min(pattern.score + 0.05, 1.0))]
            position = match.end()
            while pattern.name != "callsign-before" and (following := NEXT_QUOTED.match(text, position)):
                start, end = _strip(text, *following.span("quoted"))
                if start < end:
                    found.append((start, end, min(pattern.score + 0.05, 1.0)))
                position = following.end()
            return found
        start, end = match.span("bare")
        word = text[start:end].strip("-")
        if word.lower() in STOP_WORDS:
            return ()
        if word[0].isupper() or word[0].isdigit():
            score = pattern.score  # «позывной Гром» is surely a call sign
        elif "a" <= word[0].lower() <= "z":
            return ()  # "call signs instead of names": Latin call signs are written capitalised
        else:
            score = pattern.score - 0.2  # «позывной гром» probably is one
        return ((start, start + len(word), score),)


def _mentions(value: str) -> re.Pattern[str]:
    """The call sign as written and, in Cyrillic, in its other cases: Кот, Кота, Коту; Малой, Малого; Шатун, Шатуном.

    Case-sensitive: «мой дед» is not «Дед».
    """
    word = re.escape(value)
    if _CYRILLIC.search(value[-1:]) and " " not in value:
        last2, last = value[-2:].lower(), value[-1].lower()
        if last2 in ("ой", "ый", "ий"):
            word = re.escape(value[:-2]) + "(?:ой|ый|ий|ого|его|ому|ему|ым|им|ом|ем)"
        elif last in "ая":
            word = re.escape(value[:-1]) + "(?:а|я|ы|и|е|у|ю|ой|ей|ою|ею)"
        elif last in "ьй":
            word = re.escape(value[:-1]) + "(?:ь|й|я|ю|ем|ём|е|и)"
        elif last in "оеё":
            word = re.escape(value)
        else:
            word = re.escape(value) + "(?:а|у|ом|е|ы|ов)?"
    else:
        word += "(?:['’]s)?"
    return re.compile(r"(?<![\w-])" + word + r"(?![\w-])")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
