"""Names without a model: lexicons of Russian names in both scripts, and capitalized words.

English has no genuine NER model on the registries, and Ukrainian, Kazakh or Russian typed in
Latin letters have none here at all: for them these two recognizers are the aggressive fallback
(recall first — the reviewer confirms).
"""

from __future__ import annotations

import re

from farewell.anonymize.text import lexicons
from farewell.anonymize.text.morph import CYRILLIC, fold, lemma
from farewell.anonymize.text.types import Entity, Recognizer

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…:;«»\"“”()\n]\s*$")
PLACE_PREPOSITIONS = {
    "in",
    "at",
    "from",
    "near",
    "to",
    "into",
    "outside",
    "for",
    "towards",
    "via",
    "across",
    "à",
    "de",
    "du",
    "en",
    "près",
    "vers",
    "dans",
    "в",
    "во",
    "из",
    "под",
    "у",
    "около",
    "возле",
    "до",
    "на",
    "через",
}
# Capitalized words that are not names (the fallback's stoplist).
NOT_NAMES = frozenset(
    """
    i the a an and but or if when then there this that these those we he she they it my our his her their you
    in on at after before since from by for with without during near while as of to into about over under
    president minister defense defence general colonel major captain lieutenant sergeant private commander
    corporal officer governor mayor deputy prime ambassador spokesman spokeswoman chief head director
    breaking news read more share skip menu home contact subscribe search
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december god mr mrs ms dr sir madam army navy war front russian russians
    ukrainian ukrainians french english european soviet christmas easter internet telegram whatsapp
    je nous il elle ils elles le la les un une des mon ma mes notre nos votre vos mais et ou donc car
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août
    septembre octobre novembre décembre dieu monsieur madame armée guerre russe russes ukrainien ukrainiens
    я мы он она они это этот эта эти там тут когда потом но и а или если бог мама папа
    """.split()
)


def _spans(text: str, is_name) -> list[tuple[int, int]]:
    """Runs of adjacent name tokens (a first name and a surname make one span)."""
    runs: list[list[int]] = []
    for match in TOKEN.finditer(text):
        if not is_name(match.group(), match.start()):
            continue
        if runs and text[runs[-1][1] : match.start()].strip() == "":
            runs[-1][1] = match.end()
        else:
            runs.append([match.start(), match.end()])
    return [(start, end) for start, end in runs]


class LexiconNames(Recognizer):
    """Russian (and neighbouring) first names, patronymics and surnames, in Cyrillic or Latin."""

    label = "PERSON"
    name = "lexicon-names"

    def find(self, text: str, language: str) -> list[Entity]:
        first, patronymics, surnames = lexicons.first_names(), lexicons.patronymics(), lexicons.surnames()
        latin, ambiguous, latin_ambiguous = lexicons.latin_names(), lexicons.ambiguous(), lexicons.latin_ambiguous()

        def is_name(word: str, _start: int) -> bool:
            folded = fold(word)
            capitalized = word[:1].isupper()
            if CYRILLIC.search(word):
                known = folded in first or folded in patronymics or folded in surnames or lemma(word) in first
                return known and (capitalized or folded not in ambiguous)
            return folded in latin and (capitalized or folded not in latin_ambiguous)

        return [self.entity(text, start, end, 0.7) for start, end in _spans(text, is_name)]


class CapitalizedWords(Recognizer):
    """Capitalized words that do not start a sentence and are not common words: the fallback for
    languages without a model. After a place preposition they are proposed as places."""

    label = "PERSON"
    languages = frozenset({"en", "uk", "kk", "be", "und"})
    name = "capitalized"

    def find(self, text: str, language: str) -> list[Entity]:
        def capitalized(word: str) -> bool:
            return word[:1].isupper() and fold(word) not in NOT_NAMES and len(word) >= 2

        def is_candidate(word: str, start: int) -> bool:
            if not capitalized(word):
                return False
            before = text[max(0, start - 3) : start]
            if start > 0 and not SENTENCE_END.search(before) and not before.endswith("\n"):
                return True
            # At the start of a sentence only as the first of two capitalized words: "Mikhail Zhukov said".
            following = TOKEN.match(text, start + len(word) + 1)
            return following is not None and text[start + len(word)] == " " and capitalized(following.group())

        found = []
        for start, end in _spans(text, is_candidate):
            previous = TOKEN.findall(text[max(0, start - 20) : start])
            label = "LOCATION" if previous and fold(previous[-1]) in PLACE_PREPOSITIONS else "PERSON"
            found.append(self.entity(text, start, end, 0.5, label=label))
        return found
