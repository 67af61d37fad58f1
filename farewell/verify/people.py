"""People across the accounts of a case: mentions clustered by names that survive inflection and
transliteration (Дмитрием Соколовым = Dmitri Sokolov = Dmitrii Sokolov), the first person of
first-person accounts (the submitter), and pseudonyms noted as such.

The keys come from the anonymizer (anonymize/text/names.py): a first name and a surname in a
script-free form, the surname lemmatized with the gender the first name or patronymic gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from farewell.anonymize.text.morph import CYRILLIC, WORD
from farewell.anonymize.text.names import PersonKey, person_key, script_free, surname_lemma

PSEUDONYM = re.compile(
    r"(?:имя\s+(?:было\s+)?изменен|фамилия\s+изменен|имя\s+и\s+фамилия\s+изменен|псевдоним|назов[её]м\s+его|"
    r"не\s+настоящее\s+имя|name\s+(?:has\s+been\s+|was\s+)?changed|not\s+(?:his|her)\s+real\s+name|pseudonym|"
    r"asked\s+(?:us\s+)?not\s+to\s+(?:use|publish)\s+his\s+(?:real\s+)?name|"
    r"pr[ée]nom\s+(?:a\s+[ée]t[ée]\s+)?modifi|nom\s+(?:a\s+[ée]t[ée]\s+)?modifi|nom\s+d['’]emprunt|pseudonyme|"
    r"ne\s+s['’]appelle\s+pas\s+vraiment)",
    re.IGNORECASE,
)
SELF_NAMING = re.compile(
    r"(?:меня\s+зовут|моё\s+имя|мое\s+имя|my\s+name\s+is|call\s+me|je\s+m['’]appelle|je\s+suis|я\s+—|я\s+-)\s*$",
    re.IGNORECASE,
)


# A question line of an interview or of follow-up questions, and a name it addresses: «Вопрос:
# Алексей, вы писали…», "Q: Viktor, you said…" name the man who answers, the narrator.
QUESTION_LINE = re.compile(r"^\s*(?:Q|Question|Вопрос|В|Journaliste|Interviewer|Корреспондент)\s*[:.—–-]", re.I)
ANSWER_START = re.compile(r"^\s*(?:A|Answer|Réponse|R|Ответ|О)\s*[:.—–-]\s*$", re.IGNORECASE)
OWN_NAME_AFTER = re.compile(
    r"\.\s+(?:it\s+is|it's|that\s+is|this\s+is|это|c['’]est)\s+(?:\w+\s+)?(?:my|моё|мое|мо[ёе]\s+имя|mon)",
    re.IGNORECASE,
)
ADDRESSED = re.compile(r"\s*,\s*(?:\w+\s+){0,2}(?:вы|ты|вам|вас|you|vous|tu)(?!\w)", re.IGNORECASE)


@dataclass
class Mention:
    file: str
    start: int
    end: int
    text: str
    key: PersonKey
    self_named: bool = False  # «меня зовут …»: the narrator's own name
    pseudonym: bool = False
    weak: bool = False  # found only by its capital letter: kept when a surer mention shares its name


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    narrator: bool = False
    # Accounts in which this person is the narrator, or the main subject of a press article.
    first: str | None = None
    surname: str | None = None
    gender: str | None = None

    def absorb(self, other: Cluster) -> None:
        self.mentions += other.mentions
        self.narrator = self.narrator or other.narrator
        self.first = self.first or other.first
        self.surname = self.surname or other.surname
        self.gender = self.gender or other.gender


def mention(file: str, text: str, start: int, end: int, weak: bool = False) -> Mention:
    if text[end - 2 : end] in ("'s", "’s"):  # Sokolov's
        end -= 2
    surface = text[start:end]
    before = text[max(0, start - 40) : start]
    after = re.split(r"[.!?\n]", text[end : end + 60])[0]
    return Mention(
        file,
        start,
        end,
        surface,
        _key(surface),
        self_named=SELF_NAMING.search(before) is not None
        or addressed(text, start, end)
        or answers_with(text, start, end),
        pseudonym=PSEUDONYM.search(after) is not None,
        weak=weak,
    )


def answers_with(text: str, start: int, end: int) -> bool:
    """ "A: Viktor. It is my real first name.": an answer that is a name, said to be his own."""
    line_start = text.rfind("\n", 0, start) + 1
    return ANSWER_START.match(text[line_start:start]) is not None and OWN_NAME_AFTER.match(text, end) is not None


def _key(surface: str) -> PersonKey:
    """The anonymizer's key; a Cyrillic first name its dictionary does not know («Дарима Дашиева»)
    is still a first name, and a surname in -ова/-ева/-ина then a woman's."""
    key = person_key(surface)
    words = WORD.findall(surface)
    if key.first or len(words) < 2 or not CYRILLIC.search(surface):
        return key
    gender = key.gender or ("femn" if re.search(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$", words[-1]) else None)
    return PersonKey(script_free(words[0]), script_free(surname_lemma(words[-1], gender)), gender)


def addressed(text: str, start: int, end: int) -> bool:
    """Whether the name is the one a question addresses (see QUESTION_LINE)."""
    line_start = text.rfind("\n", 0, start) + 1
    return QUESTION_LINE.match(text, line_start) is not None and ADDRESSED.match(text, end) is not None


def close(a: str | None, b: str | None) -> bool:
    """Two keys of one name: equal, or one letter apart when both are long (Sokolov/Sokolof)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if a + "a" == b or b + "a" == a:  # Sokolov and Sokolova are husband and wife, not spellings
        return False
    return min(len(a), len(b)) >= 5 and _distance_at_most_one(a, b)


def _distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for index in range(len(long)):
        if long[:index] + long[index + 1 :] == short:
            return True
    return False


def _genitive_of_man(surname: str) -> str | None:
    """«Соколова» without a first name may be the genitive of «Соколов»: the masculine key."""
    return surname[:-1] if surname.endswith("a") and len(surname) > 4 else None


def cluster(mentions: list[Mention], narrators: dict[str, bool]) -> list[Cluster]:
    """Full names first, then lone surnames and lone first names linked when only one person fits."""
    clusters: list[Cluster] = []
    full = [m for m in mentions if m.key.first and m.key.surname]
    partial = [m for m in mentions if not (m.key.first and m.key.surname)]
    for m in full:
        home = next((c for c in clusters if close(c.first, m.key.first) and close(c.surname, m.key.surname)), None)
        if home is None:
            home = Cluster(first=m.key.first, surname=m.key.surname, gender=m.key.gender)
            clusters.append(home)
        home.mentions.append(m)
    loners: list[Cluster] = []
    for m in partial:
        word = m.key.surname or m.key.first
        latin = not CYRILLIC.search(m.text)
        candidates = _fitting(clusters, m, word, latin)
        if len(candidates) == 1:
            candidates[0].mentions.append(m)
            continue
        home = next((c for c in loners if _same_loner(c, m, word)), None)
        if home is None:
            home = Cluster(first=m.key.first, surname=m.key.surname, gender=m.key.gender)
            loners.append(home)
        home.mentions.append(m)
    everyone = [c for c in clusters + loners if not all(m.weak for m in c.mentions)]
    _merge_narrators(everyone, narrators)
    return everyone


def _same_loner(c: Cluster, m: Mention, word: str | None) -> bool:
    """Two lone names of one man: the same word, or «Мельникова» the genitive of «Мельников»."""
    if close(c.first or c.surname, word):
        return True
    if c.surname and m.key.surname and not m.key.gender and c.gender != "femn":
        return close(c.surname, _genitive_of_man(m.key.surname)) or close(m.key.surname, _genitive_of_man(c.surname))
    return False


def _fitting(clusters: list[Cluster], m: Mention, word: str | None, latin: bool) -> list[Cluster]:
    if m.key.surname:
        found = [c for c in clusters if close(c.surname, m.key.surname)]
        if not found and not m.key.gender:
            masculine = _genitive_of_man(m.key.surname)
            found = [c for c in clusters if masculine and close(c.surname, masculine) and c.gender != "femn"]
        if not found and latin:  # one Latin word may be a first name as well as a surname
            found = [c for c in clusters if close(c.first, m.key.surname)]
        return found
    return [c for c in clusters if close(c.first, m.key.first)]


def _merge_narrators(clusters: list[Cluster], narrators: dict[str, bool]) -> None:
    """The first person of every first-person account of a case is one man, the submitter: the
    clusters he named himself in are merged into one narrator."""
    named = [c for c in clusters if any(m.self_named for m in c.mentions)]
    if not named:
        return
    head = named[0]
    head.narrator = True
    for other in named[1:]:
        head.absorb(other)
        clusters.remove(other)


def main_subject(clusters: list[Cluster], file: str) -> Cluster | None:
    """The person a press article or interview is about: the most mentioned one, if clearly so."""
    counts = sorted(
        ((sum(m.file == file for m in c.mentions), index) for index, c in enumerate(clusters)), reverse=True
    )
    if not counts or counts[0][0] < 2 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return clusters[counts[0][1]]


def display_names(c: Cluster) -> list[str]:
    """The names written in the accounts, full names first, each spelling once."""
    seen: dict[str, str] = {}
    ordered = sorted(c.mentions, key=lambda m: (not (m.key.first and m.key.surname), m.file, m.start))
    for m in ordered:
        folded = " ".join(WORD.findall(m.text)).casefold()
        seen.setdefault(folded, m.text)
    return list(seen.values())


def script_key(text: str) -> str:
    return " ".join(script_free(word) for word in WORD.findall(text))
