"""The verification of one case: every account's facts (extract.py) linked across accounts into
people with their attributes, places, dated events, and the findings reviewers check.

Who a fact belongs to is decided inside its sentence: a rank or role written just before a name
is that person's; otherwise the nearest person cue before the fact (a name, "I" in a first-person
account, "he" for the person last named), else the first cue after it, else the narrator of a
first-person account or the subject of a press article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from farewell.verify import accounts as accounts_module
from farewell.verify import findings, gazetteer, people, sentences
from farewell.verify.extract import Facts, facts_of
from farewell.verify.types import Account, AccountInfo, Attribute, Event, Person, Place, Report, Span

ADJACENT = re.compile(r"^[\s,]{1,3}$")
# "his commander", «мой друг», «notre commandant»: the post of someone else, named after it if at all.
POSSESSIVE = re.compile(
    r"(?<!\w)(?:his|her|my|our|their|мой|моего|моему|моим|моём|наш\w*|твой|son|sa|ses|mon|ma|notre|leur)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
COMMANDER_WORD = re.compile(r"командир|комбат|ротн|взводн|commander|commandant|chef\s+de", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s(?:и|а|но|and|but|et|mais)\s")
INTO_UKRAINE = re.compile(r"Украин|Ukrain|Donbas|Донбас", re.IGNORECASE)
# "…, took part, according to Morozov": the name of who tells, not of who holds the post.
REPORTED_BY = re.compile(
    r"according\s+to|\bsa(?:id|ys)\b|\btold\b|по\s+словам|говорит|сказал|рассказ|selon|d['’]après|\bdit\b|raconte",
    re.IGNORECASE,
)
WHAT_ACROSS_CLAUSES = 30  # "crossed into Kazakhstan later that month, on 20 April"; not "…, since the autumn of 2022"
NAMED_AFTER_WITHIN = 40  # "his battalion commander, whom he names as Major Lebedev"; not "…, according to Morozov"
PAST_AGE_REACH = 120  # characters before the age's sentence where its year may be
PAST_AGE = re.compile(
    r"\b(?:был[аои]?|исполнилось|тогда|was|were|then|had\s+just\s+turned|avais|avait)\s+(?:[^\W\d]+\s+){0,2}$", re.I
)
# Posts that name another man far more often than the speaker himself.
COMMANDERS = frozenset({"battalion commander", "company commander", "platoon commander"})
# What a dated sentence says happened to a man; the word nearest to the date decides (_what).
WHAT = (
    (
        "mobilized",
        r"мобилизова|призвал[аи]?\b|повестк|mobili[sz]ed|\bdrafted\b|called\s+up|(?:draft\s+)?summons|"
        r"mobilisé|convocation",
    ),
    (
        "deserted",
        r"не\s+вернул(?:ся|ась)|не\s+поехал\s+(?:назад|обратно)|did\s+not\s+(?:go\s+back|return)|didn['’]t\s+(?:go\s+back|return)|"
        r"n['’]a\s+pas\s+rejoint|ne\s+suis\s+pas\s+(?:retourné|revenu)|дезертир|сбежал|уш[её]л\s+из\s+част|оставил\s+(?:свою\s+)?часть|самовольно|\bСОЧ\b|desert(?:ed|ion)|"
        r"\bAWOL\b|fled\s+(?:the|his|my)\s+unit|désert|s['’]est\s+enfui|j['’]ai\s+fui|a\s+fui",
    ),
    (
        "crossed_border",
        r"перес[её]к\w*\s+границ|границ\w*\s+с\s+|на\s+границ|crossed\s+(?:into|the\s+border)|the\s+border\s+(?:into|with|to)|"
        r"frontière|franchi|выехал\s+из\s+России|уехал\s+из\s+России|left\s+Russia|quitté\s+la\s+Russie",
    ),
    ("surrendered", r"сдал(?:ся|ись)|в\s+плен|surrender|taken\s+prisoner|captured|s['’]est\s+rendu|prisonnier"),
    ("wounded", r"ранен|контуз|wounded|injured|blessé"),
    ("sent_to_front", r"на\s+фронт|на\s+передов|в\s+зону\s+СВО|to\s+the\s+front|au\s+front"),
    ("contract", r"контракт|signed\s+a\s+contract|contrat"),
)


@dataclass
class Case:
    """What the engine knows about one case while it links facts; findings.py reads it."""

    facts: list[Facts]
    clusters: list[people.Cluster]
    narrator: people.Cluster | None
    subjects: dict[str, people.Cluster | None]  # file → the person a press article is about
    owner_of_mention: dict[int, people.Cluster] = field(default_factory=dict)  # id(mention) → cluster
    entries: dict[tuple[str, int], gazetteer.Entry | None] = field(default_factory=dict)  # (file, start) → place
    attributes: dict[int, dict[str, list[Attribute]]] = field(default_factory=dict)  # id(cluster) → …
    origins: dict[int, list[tuple[Attribute, gazetteer.Entry | None]]] = field(default_factory=dict)
    events: list[tuple[Event, str]] = field(default_factory=list)  # (event, what)
    ids: dict[int, str] = field(default_factory=dict)  # id(cluster) → "p1"

    def person_id(self, cluster: people.Cluster | None) -> str | None:
        return None if cluster is None else self.ids.get(id(cluster))


def verify(accounts: Sequence[Account], index=None, exclude: Sequence[str] = (), progress=None) -> Report:
    """People, places, events and findings of one case. `index` (duplicates.DuplicateIndex) is
    checked for passages copied from other cases; `exclude` names this case's own documents in it.
    `progress(fraction)` is called after each account is read (a job's heartbeat)."""
    facts = []
    for number, account in enumerate(accounts, 1):
        facts.append(facts_of(account))
        if progress is not None:
            progress(number / len(accounts))
    case = link(facts)
    found = findings.all_findings(case, index, exclude)
    return Report(
        accounts=tuple(AccountInfo(f.file, f.language) for f in facts),
        people=tuple(_people(case)),
        places=tuple(_places(case)),
        events=tuple(event for event, _ in case.events),
        findings=tuple(found),
    )


def link(facts: list[Facts]) -> Case:
    mentions = [m for f in facts for m in f.mentions]
    narrators = {f.file: accounts_module.first_person(f.account.kind) for f in facts}
    clusters = people.cluster(mentions, narrators)
    narrator = next((c for c in clusters if c.narrator), None)
    if narrator is None and any(narrators.values()):
        narrator = people.Cluster(narrator=True)
        clusters.insert(0, narrator)
    subjects = {}
    for f in facts:
        if narrators[f.file]:
            subjects[f.file] = narrator
            continue
        subject = people.main_subject(clusters, f.file)
        if subject is not None and narrator is not None and subject is not narrator:
            if _is_the_narrator(subject, narrator, f.file):
                narrator.absorb(subject)
                clusters.remove(subject)
                subject = narrator
        subjects[f.file] = subject
    clusters.sort(
        key=lambda c: (not c.narrator, min(((_order(facts, m.file), m.start) for m in c.mentions), default=(0, 0)))
    )
    case = Case(facts, clusters, narrator, subjects)
    for index, c in enumerate(clusters, 1):
        case.ids[id(c)] = f"p{index}"
        for m in c.mentions:
            case.owner_of_mention[id(m)] = c
    _resolve_places(case)
    for f in facts:
        _attribute(case, f)
        _events(case, f)
    return case


def _order(facts: list[Facts], file: str) -> int:
    return next(index for index, f in enumerate(facts) if f.file == file)


def _is_the_narrator(subject: people.Cluster, narrator: people.Cluster, file: str) -> bool:
    """A press article about the case's man: its subject is the narrator when the narrator is not
    named in it and either never named himself or the article says the name is a pseudonym."""
    if any(m.file == file for m in narrator.mentions):
        return False
    return not narrator.mentions or any(m.pseudonym for m in subject.mentions)


def owner(case: Case, f: Facts, start: int, end: int, post: str | None = None) -> people.Cluster | None:
    """The person a fact at text[start:end] is about (see the module's docstring).

    `post` is the value of a rank or role, which binds tighter: a name right after it is its
    holder's; after a possessive («мой командир», "his commander, a lieutenant colonel") or for a
    commander's post it is someone else's, the man named after it if any; otherwise only a cue
    in its own clause counts, or the narrator (the subject of an article) when nobody else is
    named in the sentence."""
    sentence = f.sentence_at(start)
    if post is not None:
        return _holder(case, f, sentence, start, end, post)
    cues = _cues(case, f, sentence)
    before = [c for c in cues if c[0] <= start]
    if before:
        return before[-1][1]
    after = [c for c in cues if c[0] >= end and not CLAUSE_BREAK.search(f.text, end, c[0])]
    if after:
        return after[0][1]
    return case.subjects.get(f.file)


def _holder(case: Case, f: Facts, sentence, start: int, end: int, post: str) -> people.Cluster | None:
    named = [m for m in f.mentions_in(sentence.start, sentence.end) if id(m) in case.owner_of_mention]
    for m in named:
        if m.start >= end and ADJACENT.match(f.text[end : m.start] or " "):
            return case.owner_of_mention[id(m)]
    before = f.text[max(sentence.start, start - 40) : start]
    if post in COMMANDERS or POSSESSIVE.search(before[-30:]) or COMMANDER_WORD.search(before):
        later = [
            m
            for m in named
            if end <= m.start <= end + NAMED_AFTER_WITHIN and not REPORTED_BY.search(f.text, end, m.start)
        ]
        return case.owner_of_mention[id(later[0])] if later else None
    cues = _cues(case, f, sentence)
    same_clause = [c for c in cues if not CLAUSE_BREAK.search(f.text, *sorted((c[0], start)))]
    if same_clause:
        return min(same_clause, key=lambda c: abs(c[0] - start))[1]
    return None if named else case.subjects.get(f.file)


def _cues(case: Case, f: Facts, sentence: sentences.Sentence) -> list[tuple[int, people.Cluster]]:
    cues = []
    for m in f.mentions_in(sentence.start, sentence.end):
        if id(m) in case.owner_of_mention:
            cues.append((m.start, case.owner_of_mention[id(m)]))
    first_person = accounts_module.first_person(f.account.kind) and not _question(f.text, sentence.start)
    if first_person and case.narrator is not None:
        for match in sentences.FIRST_PERSON.finditer(f.text, sentence.start, sentence.end):
            cues.append((match.start(), case.narrator))
    for match in sentences.THIRD_PERSON.finditer(f.text, sentence.start, sentence.end):
        referent = _last_named(case, f, match.start())
        if referent is not None:
            cues.append((match.start(), referent))
    return sorted(cues, key=lambda cue: cue[0])


def _question(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return people.QUESTION_LINE.match(text, line_start) is not None


def _last_named(case: Case, f: Facts, offset: int) -> people.Cluster | None:
    """Who "he" is: the person last named within the three sentences before, else the subject."""
    window_start = offset
    for sentence in reversed(f.sentences_before(offset, 3)):
        window_start = sentence.start
    named = [m for m in f.mentions_in(window_start, offset) if id(m) in case.owner_of_mention]
    if named:
        return case.owner_of_mention[id(named[-1])]
    subject = case.subjects.get(f.file)
    return None if subject is case.narrator and accounts_module.first_person(f.account.kind) else subject


def _resolve_places(case: Case) -> None:
    """Every place mention resolved against GeoNames, same-named towns chosen by the other places
    of the whole case (Mirny beside Yakutsk is the Sakha one)."""
    hits = [(f, p) for f in case.facts for p in f.places]
    context = [p.candidates[0] for _, p in hits if len(p.candidates) == 1]
    for f, p in hits:
        entry = gazetteer.choose(_plausible(p.candidates), context) if p.candidates else None
        case.entries[(f.file, p.start)] = entry


def _plausible(candidates) -> list[gazetteer.Entry]:
    """Same-named places worth weighing: not a village beside a city fifty times its size (Paris
    is not Parizh in the Chelyabinsk region because the case mentions Chelyabinsk), and not a
    region where a town has the very name."""
    cities = {c.name for c in candidates if c.kind == "city"}
    # "from Pskov" is the town; the region is named with its word («Псковская область»).
    candidates = [c for c in candidates if c.kind != "region" or c.name not in cities]
    largest = max(c.population for c in candidates)
    if largest < 100_000:
        return candidates
    return [c for c in candidates if c.kind != "city" or c.population * 50 >= largest]


def _attribute(case: Case, f: Facts) -> None:
    for kind, hits in f.attributes.items():
        for hit in hits:
            who = owner(case, f, hit.start, hit.end, str(hit.value) if kind in ("rank", "role") else None)
            if who is None:
                continue
            stated = _age_now(f, hit) if kind == "age" else hit.value
            value = Attribute(stated, f.file, hit.text, hit.start, hit.end)
            case.attributes.setdefault(id(who), {}).setdefault(kind, []).append(value)
    for place in f.origins:
        who = owner(case, f, place.start, place.end)
        if who is None:
            continue
        entry = case.entries.get((f.file, place.start))
        value = Attribute(entry.name if entry else place.text, f.file, place.text, place.start, place.end)
        case.attributes.setdefault(id(who), {}).setdefault("origin", []).append(value)
        case.origins.setdefault(id(who), []).append((value, entry))


def _age_now(f: Facts, hit) -> int:
    """An age told of the past («в марте 2014 года мне был двадцать один год», "I was 19 in 2015")
    as it is on the account's date: the years since that date added. Other ages are as written."""
    if not f.account.date:
        return hit.value
    sentence = f.sentence_at(hit.start)
    if not PAST_AGE.search(f.text[max(sentence.start, hit.start - 30) : hit.start]):
        return hit.value  # the past tense must be the age's own: "I was 19", not "a 36-year-old, was mobilized"
    line_start = f.text.rfind("\n", 0, hit.start) + 1  # the year may be a sentence before, on its line
    reach = max(line_start, sentence.start - PAST_AGE_REACH)
    years = [int(d.value[:4]) for d in f.dates if reach <= d.start < sentence.end]
    earlier = sorted({year for year in years if year < int(f.account.date[:4])})
    return hit.value + int(f.account.date[:4]) - earlier[0] if len(earlier) == 1 else hit.value


def _events(case: Case, f: Facts) -> None:
    for mention in f.dates:
        sentence = f.sentence_at(mention.start)
        words = f.text[sentence.start : sentence.end]
        what = _what(words, mention.start - sentence.start) or _what_next(f, sentence)
        if what == "crossed_border" and INTO_UKRAINE.search(words):
            what = "sent_to_front"  # crossing into Ukraine with the army is not an escape
        who = owner(case, f, mention.start, mention.end) if what else None
        place = next(
            (
                case.entries[(f.file, p.start)]
                for p in f.places
                if sentence.start <= p.start < sentence.end and case.entries.get((f.file, p.start))
            ),
            None,
        )
        event = Event(
            mention.value,
            words[:300],
            f.file,
            sentence.start,
            sentence.end,
            person=case.person_id(who),
            place=_place_id(place),
        )
        case.events.append((event, what))


def _what(sentence: str, offset: int) -> str:
    """What a dated sentence says happened: the event word nearest to the date, in its clause
    first ("did not return in April 2023 and crossed into Kazakhstan on 20 April")."""
    nearest = []
    for name, pattern in WHAT:
        for match in re.finditer(pattern, sentence, re.IGNORECASE):
            low, high = sorted((match.start(), offset))
            distance = min(abs(match.start() - offset), abs(match.end() - offset))
            other_clause = CLAUSE_BREAK.search(sentence, low, high) is not None
            if not other_clause or distance <= WHAT_ACROSS_CLAUSES:
                nearest.append((other_clause, distance, name))
    return min(nearest)[2] if nearest else ""


def _what_next(f: Facts, sentence: sentences.Sentence) -> str:
    """«Отпуск закончился в конце апреля 2023 года. Я не поехал назад»: the event in the next
    sentence, when that one has no date of its own."""
    following = f.sentence_after(sentence.end)
    if following is None or any(following.start <= d.start < following.end for d in f.dates):
        return ""
    return _what(f.text[following.start : following.end], 0)


def _place_id(entry: gazetteer.Entry | None) -> str | None:
    return (
        None if entry is None else f"g{entry.geonames_id}" if entry.geonames_id else f"r{entry.country}{entry.admin1}"
    )


def _people(case: Case) -> list[Person]:
    result = []
    for c in case.clusters:
        attributes = {kind: tuple(values) for kind, values in case.attributes.get(id(c), {}).items()}
        mentions = tuple(Span(m.file, m.start, m.end, m.text) for m in sorted(c.mentions, key=_position(case)))
        result.append(
            Person(
                case.ids[id(c)],
                tuple(people.display_names(c)),
                mentions,
                attributes,
                pseudonym=any(m.pseudonym for m in c.mentions),
                narrator=c.narrator,
            )
        )
    return result


def _position(case: Case):
    order = {f.file: index for index, f in enumerate(case.facts)}
    return lambda m: (order[m.file], m.start)


def _places(case: Case) -> list[Place]:
    by_id: dict[str, tuple[gazetteer.Entry | None, list[Span]]] = {}
    for f in case.facts:
        for p in f.places:
            entry = case.entries.get((f.file, p.start))
            key = _place_id(entry) or "t:" + people.script_key(p.text)
            by_id.setdefault(key, (entry, []))[1].append(Span(f.file, p.start, p.end, p.text))
    result = []
    for key, (entry, spans) in by_id.items():
        if entry is None:
            result.append(Place(key, spans[0].text, None, (), tuple(spans), kind="unknown"))
            continue
        within = tuple(outer.name for outer in gazetteer.containing(entry))
        result.append(Place(key, entry.name, entry.geonames_id, within, tuple(spans), entry.kind, entry.country))
    return result
