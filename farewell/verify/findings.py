"""Findings: what reviewers check, each with the spans that support it.

- consistent / contradiction: a person's age, rank, role, unit or a dated event of his life
  (mobilized, deserted, crossed the border…) as two or more accounts state it;
- place_within / place_conflict: home towns, where one account may name the town and another its
  region;
- public_event_match / public_event_conflict: a date written beside a public event (or beside the
  man's own mobilization) against the curated timeline;
- duplicate_text: passages shared by accounts of the case (info) or copied from another case (a
  sign of coordinated fake submissions);
- risk_flag: words suggesting violence against civilians, executions, torture, looting: a flag for
  human review and legal routing, never a verdict.

Ages may differ by the years between two accounts plus one (a birthday); dates of one event agree
when they agree at the precision both give, with three days' tolerance between two full dates.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from farewell.verify import duplicates, gazetteer, timeline
from farewell.verify.people import display_names
from farewell.verify.types import Attribute, Finding, Span

SEVERITY_ORDER = {"alert": 0, "warning": 1, "info": 2}
DAY_TOLERANCE = 3
REFERENCE_REACH = 60  # characters between a public event's words and its date
# A man's own dated event compared with the public event it depends on.
OWN_EVENT = {"mobilized": "mobilization-2022"}
KILLED = re.compile(r"shot|execut|killed|расстрел|убил|убит|застрел|exécut|tués?\b|abattu", re.IGNORECASE)
TORTURED = re.compile(r"tortur|пыт(?:к|а[лт])|истяза", re.IGNORECASE)
ATTRIBUTE_NAMES = {"age": "Age", "rank": "Rank", "role": "Role", "unit": "Unit", "origin": "Home town"}


def all_findings(case, index=None, exclude: Sequence[str] = ()) -> list[Finding]:
    found = [
        *attribute_findings(case),
        *origin_findings(case),
        *date_findings(case),
        *public_event_findings(case),
        *duplicate_findings(case, index, exclude),
        *risk_findings(case),
    ]
    return sorted(found, key=lambda f: (SEVERITY_ORDER[f.severity], f.kind, f.topic, f.person or ""))


def _name(path: str) -> str:
    return PurePath(path).name


def _who(case, cluster) -> str:
    names = display_names(cluster)
    label = case.person_id(cluster)
    return f"{names[0]} ({label})" if names else f"the narrator ({label})" if cluster.narrator else label


def _years_between(case, a: str, b: str) -> int:
    dates = {f.file: f.account.date for f in case.facts}
    if dates.get(a) and dates.get(b):
        return abs(int(dates[a][:4]) - int(dates[b][:4]))
    return 1  # undated accounts: allow a year


def _agree(kind: str, case, a: Attribute, b: Attribute) -> bool | None:
    """Whether two statements of one attribute agree; None when they cannot be compared."""
    if kind == "age":
        return abs(int(a.value) - int(b.value)) <= 1 + _years_between(case, a.file, b.file)
    if kind == "unit":
        ka, kb = _unit_key(str(a.value)), _unit_key(str(b.value))
        if ka[1] != kb[1]:
            return None  # a company and a brigade: different levels, both may be true
        return ka[0] == kb[0]
    if kind == "role":
        return True if a.value == b.value else None  # a man may be a driver and a rifleman
    return a.value == b.value


def _unit_key(value: str) -> tuple[str, str]:
    if value.isdigit():
        return value, "code"
    number = re.match(r"\d+", value)
    return (number.group() if number else value), value.split()[-1]


def attribute_findings(case) -> Iterable[Finding]:
    for cluster in case.clusters:
        for kind, values in case.attributes.get(id(cluster), {}).items():
            if kind == "role":  # a man may be a driver and a rifleman: each role on its own
                for role in sorted({str(v.value) for v in values}):
                    yield from _compare(case, cluster, kind, [v for v in values if v.value == role])
            elif kind != "origin":
                yield from _compare(case, cluster, kind, values)


def _compare(case, cluster, kind: str, values: list[Attribute]) -> Iterable[Finding]:
    by_file: dict[str, list[Attribute]] = {}
    for value in values:
        by_file.setdefault(value.file, []).append(value)
    # An account that disagrees with itself (a promotion, two men in one sentence) is not a witness.
    by_file = {
        file: stated
        for file, stated in by_file.items()
        if all(_agree(kind, case, a, b) is not False for a, b in itertools.combinations(stated, 2))
    }
    if len(by_file) < 2:
        return
    agreeing, disagreeing = [], []
    for (_, left), (_, right) in itertools.combinations(by_file.items(), 2):
        for a, b in itertools.product(left, right):
            verdict = _agree(kind, case, a, b)
            if verdict is True:
                agreeing.append((a, b))
            elif verdict is False:
                disagreeing.append((a, b))
    who, person = _who(case, cluster), case.person_id(cluster)
    label = ATTRIBUTE_NAMES[kind]
    if disagreeing:
        pairs = _unique(v for pair in disagreeing for v in pair)
        stated = ", ".join(f"{v.value} in {_name(v.file)}" for v in pairs)
        yield Finding("contradiction", "warning", f"{label} of {who} differs: {stated}", _spans(pairs), kind, person)
    elif agreeing:
        pairs = _unique(v for pair in agreeing for v in pair)
        count = len({v.file for v in pairs})
        summary = f"{label} of {who} agrees in {count} accounts: {pairs[0].value}"
        yield Finding("consistent", "info", summary, _spans(pairs), kind, person, str(pairs[0].value))


def _unique(values: Iterable[Attribute]) -> list[Attribute]:
    seen: dict[tuple, Attribute] = {}
    for v in values:
        seen.setdefault((v.file, v.start, v.end), v)
    return sorted(seen.values(), key=lambda v: (v.file, v.start))


def _spans(values: Iterable[Attribute]) -> tuple[Span, ...]:
    return tuple(v.span() for v in values)


def origin_findings(case) -> Iterable[Finding]:
    """Home towns: the same place, a town within the region another account names, or two places."""
    for cluster in case.clusters:
        stated = case.origins.get(id(cluster), [])
        if len({value.file for value, _ in stated}) < 2:
            continue
        who = _who(case, cluster)
        same, within, conflict = [], [], []
        for (a, ea), (b, eb) in itertools.combinations(stated, 2):
            if a.file == b.file:
                continue
            if ea is None or eb is None:
                (same if a.value == b.value else conflict).append((a, b))
            elif ea.geonames_id == eb.geonames_id and ea.kind == eb.kind and ea.admin1 == eb.admin1:
                same.append((a, b))
            elif gazetteer.contains(ea, eb) or gazetteer.contains(eb, ea):
                within.append((a, b))
            else:
                conflict.append((a, b))
        person = case.person_id(cluster)
        if conflict:
            values = _unique(v for pair in conflict for v in pair)
            places = " and ".join(sorted({str(v.value) for v in values}))
            yield Finding("place_conflict", "warning", f"{who} comes from {places}", _spans(values), "origin", person)
        if within:
            values = _unique(v for pair in within for v in pair)
            places = ", ".join(sorted({str(v.value) for v in values}))
            yield Finding(
                "place_within",
                "info",
                f"Home town of {who}: {places} (a place within the other)",
                _spans(values),
                "origin",
                person,
            )
        if same and not conflict:
            values = _unique(v for pair in same for v in pair)
            summary = f"Home town of {who} agrees: {values[0].value}"
            yield Finding("consistent", "info", summary, _spans(values), "origin", person, str(values[0].value))


def dates_agree(a: str, b: str) -> bool:
    """Two dates of one event agree at the precision both give (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if len(a) == len(b) == 10:
        return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days) <= DAY_TOLERANCE
    common = min(len(a), len(b))
    return a[:common] == b[:common]


def date_findings(case) -> Iterable[Finding]:
    grouped: dict[tuple[str, str], list] = {}
    for event, what in case.events:
        if what and event.person:
            grouped.setdefault((event.person, what), []).append(event)
    for (person, what), events in sorted(grouped.items()):
        events = [e for e in events if _self_consistent(e, events)]
        if len({e.file for e in events}) < 2:
            continue
        pairs = [(a, b) for a, b in itertools.combinations(events, 2) if a.file != b.file]
        bad = [(a, b) for a, b in pairs if not dates_agree(a.date, b.date)]
        topic = f"date:{what}"
        label = what.replace("_", " ")
        involved = _unique_events(e for pair in (bad or pairs) for e in pair)
        evidence = tuple(Span(e.file, e.start, e.end, e.text) for e in involved)
        stated = ", ".join(f"{e.date} in {_name(e.file)}" for e in involved)
        if bad:
            yield Finding(
                "contradiction", "warning", f"Date {label} ({person}) differs: {stated}", evidence, topic, person
            )
        else:
            summary = f"Date {label} ({person}) agrees: {stated}"
            yield Finding("consistent", "info", summary, evidence, topic, person, involved[0].date)


def _self_consistent(event, events) -> bool:
    """An account's date of an event counts only when its other dates of that event agree with it."""
    return all(dates_agree(event.date, other.date) for other in events if other.file == event.file)


def _unique_events(events):
    seen = {}
    for e in events:
        seen.setdefault((e.file, e.start, e.date), e)
    return sorted(seen.values(), key=lambda e: (e.file, e.start))


def public_event_findings(case) -> Iterable[Finding]:
    """A date in the sentence that names a public event, compared with the timeline; and the date a
    man says he was mobilized, compared with the decree it depends on. One finding per event and
    verdict, with the evidence of every account."""
    known = {event.id: event for event in timeline.events()}
    grouped: dict[tuple[str, str], list[tuple]] = {}

    def compared(event, mention, f, reference=None):
        verdict = timeline.compare(event, mention.value)
        if verdict in ("match", "conflict"):
            grouped.setdefault((event.id, verdict), []).append((f, mention, reference))

    for f in case.facts:
        for reference in f.references:
            mention = _date_of_reference(f, reference)
            if mention is not None:
                compared(reference.event, mention, f, reference)
    for event, what in case.events:
        public = known.get(OWN_EVENT.get(what, ""))
        if public is None or not event.date.startswith(public.date[:4]):
            continue
        f = next(f for f in case.facts if f.file == event.file)
        for mention in f.dates:
            if event.start <= mention.start < event.end and mention.value == event.date:
                compared(public, mention, f)
    for (event_id, verdict), items in sorted(grouped.items()):
        yield _public(known[event_id], verdict, items)


def _date_of_reference(f, reference):
    """The date written beside a public event: the nearest in its sentence, within REFERENCE_REACH
    characters ("la chute de Bakhmout, en mai 2023", not "sous contrat depuis 2020")."""
    sentence = f.sentence_at(reference.start)
    distances = [
        (max(d.start - reference.end, reference.start - d.end, 0), d)
        for d in f.dates
        if sentence.start <= d.start < sentence.end
    ]
    near = [(distance, d) for distance, d in distances if distance <= REFERENCE_REACH]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def _public(event, verdict: str, items: list[tuple]) -> Finding:
    evidence: dict[tuple, Span] = {}
    for f, mention, reference in items:
        if reference is not None:
            evidence.setdefault((f.file, reference.start), Span(f.file, reference.start, reference.end, reference.text))
        evidence.setdefault((f.file, mention.start), Span(f.file, mention.start, mention.end, mention.text))
    stated = "; ".join(dict.fromkeys(f"{mention.text} ({_name(f.file)})" for f, mention, _ in items))
    title = event.titles.get("en", event.id)
    if verdict == "match":
        kind, severity, summary = "public_event_match", "info", f"Fits {title} ({event.date}): {stated}"
    else:
        kind, severity, summary = "public_event_conflict", "warning", f"Does not fit {title} ({event.date}): {stated}"
    spans = tuple(sorted(evidence.values(), key=lambda s: (s.file, s.start)))
    return Finding(kind, severity, summary, spans, event.id)


def duplicate_findings(case, index=None, exclude: Sequence[str] = ()) -> Iterable[Finding]:
    texts = {f.file: f.text for f in case.facts}
    for match in duplicates.near_duplicates(texts):
        a, b = match.first, match.second
        evidence = (
            Span(a, match.first_start, match.first_end, texts[a][match.first_start : match.first_end]),
            Span(b, match.second_start, match.second_end, texts[b][match.second_start : match.second_end]),
        )
        summary = f"{_name(a)} and {_name(b)} share a passage ({match.similarity:.0%} alike)"
        yield Finding("duplicate_text", "info", summary, evidence, "duplicate")
    if index is None:
        return
    for f in case.facts:
        grouped: dict[str, list] = {}
        for match in index.check(f.text):
            if match.other not in exclude:
                grouped.setdefault(match.other_label or match.other, []).append(match)
        for other, matches in sorted(grouped.items()):
            best = max(m.similarity for m in matches)
            spans = tuple(
                Span(f.file, m.start, m.end, f.text[m.start : m.end]) for m in sorted(matches, key=lambda m: m.start)
            )
            summary = (
                f"{len(spans)} passage(s) of {_name(f.file)} are up to {best:.0%} alike to passages in another case"
                f" ({other})"
            )
            yield Finding("duplicate_text", "alert" if best >= 0.8 else "warning", summary, spans, "duplicate")


def _category(f, mention) -> str:
    """Prisoners shot are an execution, prisoners tortured torture: one flag, not two, for words in
    one sentence."""
    if mention.category != "prisoners":
        return mention.category
    if KILLED.search(mention.text):
        return "execution"
    if TORTURED.search(mention.text):
        return "torture"
    sentence = f.sentence_at(mention.start)
    same = [m for m in f.risks if m.category == "execution" and sentence.start <= m.start < sentence.end]
    return "execution" if same else "prisoners"


def risk_findings(case) -> Iterable[Finding]:
    """One flag per category, with every account's words as evidence."""
    grouped: dict[str, list] = {}
    for f in case.facts:
        for mention in f.risks:
            grouped.setdefault(_category(f, mention), []).append((f.file, mention))
    for category, mentions in sorted(grouped.items()):
        evidence = tuple(Span(file, m.start, m.end, m.text) for file, m in mentions)
        words = ", ".join(dict.fromkeys(f"«{m.text}»" for _, m in mentions))
        files = len({file for file, _ in mentions})
        summary = f"{files} account(s) may describe {category.replace('_', ' ')}: {words}. For human review."
        yield Finding("risk_flag", "alert", summary, evidence, category)
