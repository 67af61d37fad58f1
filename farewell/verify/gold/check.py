"""Checks the verification gold data (README.md in this folder): every case's files, headers and
expected.json. Standard library only.

    python farewell/verify/gold/check.py          # prints OK, or the problems and exits 1
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from itertools import combinations
from pathlib import Path

GOLD = Path(__file__).resolve().parent
FILE_NAME = re.compile(r"^(?P<n>\d+)-(?P<kind>testimony|answers|interview|press)\.(?P<lang>ru|en|fr)\.txt$")
HEADER = {"ru": "Дата: ", "en": "Date: ", "fr": "Date : "}
MIN_WORDS, MAX_WORDS = 150, 600
HEAD_LINES = 8  # the engine looks for an account's date in its first lines

FINDING_KINDS = (
    "consistent",
    "contradiction",
    "public_event_match",
    "public_event_conflict",
    "place_within",
    "place_conflict",
    "duplicate_text",
    "risk_flag",
)
NOT_FINDING_KINDS = FINDING_KINDS + ("place", "person", "event")
ATTRIBUTES = ("age", "rank", "role", "unit", "origin", "birth_year")
SINGLE_VALUED = ("age", "rank", "unit", "birth_year")  # two values in two accounts contradict
# An event of one of these kinds in an account is checked against the public event: the account
# must then be in a public_event_match or public_event_conflict finding on it.
EVENT_OF = {
    "mobilized": "mobilization-2022",
    "mobilization announced": "mobilization-2022",
    "mobilization decree": "mobilization-2022",
    "crossed into Ukraine": "invasion-2022",
    "criminal code amendments": "criminal-code-amendments-2022",
    "withdrawal from the right bank": "kherson-withdrawal-2022",
    "fall of Bakhmut": "bakhmut-fall-2023",
    "Wagner mutiny": "wagner-mutiny-2023",
    "Ukrainian incursion into the Kursk region": "kursk-incursion-2024",
    "in Crimea during the annexation": "crimea-annexation-2014",
}
DATE_TOPICS = {"date:mobilized": "mobilized", "date:deserted": "deserted", "date:crossed_border": "crossed_border"}
PUBLIC_EVENTS = {
    "crimea-annexation-2014": "2014-03",
    "invasion-2022": "2022-02-24",
    "mobilization-2022": "2022-09-21",
    "criminal-code-amendments-2022": "2022-09-24",
    "kherson-withdrawal-2022": "2022-11-11",
    "bakhmut-fall-2023": "2023-05",
    "wagner-mutiny-2023": "2023-06-24",
    "kursk-incursion-2024": "2024-08",
}
RISKS = ("civilians", "execution", "torture", "looting", "sexual_violence", "prisoners")
RANKS = (
    "private",
    "corporal",
    "junior sergeant",
    "sergeant",
    "senior sergeant",
    "warrant officer",
    "junior lieutenant",
    "lieutenant",
    "senior lieutenant",
    "captain",
    "major",
    "lieutenant colonel",
    "colonel",
    "general",
)
ROLES = (
    "rifleman",
    "driver",
    "mechanic-driver",
    "sniper",
    "medic",
    "signaller",
    "gunner",
    "cook",
    "machine gunner",
    "grenade launcher operator",
    "drone operator",
    "sapper",
    "scout",
    "mobilized",
    "deserter",
    "contract soldier",
    "conscript",
    "battalion commander",
    "company commander",
    "platoon commander",
    "commander",
)
PLACE_KINDS = ("city", "village", "region", "country", "area")
MONTHS = {
    # en, fr, ru (nominative and genitive)
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
# Page furniture as the engine masks it (a smaller copy of farewell/verify/boilerplate.py, so
# that this check stays independent of the engine).
FURNITURE = re.compile(
    r"^\s*(?:\S+(?:\s\S+){0,2}\s*(?:\|\s*\S+(?:\s\S+){0,2}\s*){2,}$"
    r"|(?:breaking|live|update|urgent|flash|alerte|direct|срочно|молния|главное)\s*[:|—–-]"
    r"|(?:read|see|watch)\s+(?:more|also)\b|related\b|most\s+read\b|trending\b|(?:à\s+)?lire\s+aussi\b"
    r"|voir\s+aussi\b|les\s+plus\s+lus\b|en\s+continu\b|читать\s+также\b|смотрите\s+также\b|ещё\s+по\s+теме\b"
    r"|sign\s+in\b|log\s+in\b|se\s+connecter\b|войти\b|sponsored\b|follow\s+us\b|suivez-nous\b"
    r"|читайте\s+также\b|по\s+теме\b|share\b|partager\b|поделиться\b|subscribe\b|s['’]abonner\b"
    r"|abonnez-vous\b|подпи(?:саться|шитесь)\b|newsletter\b|advertisement\b|publicité\b|реклама\b"
    r"|©|copyright\b|all\s+rights\s+reserved\b|tous\s+droits\s+réservés\b|все\s+права\s+защищены\b"
    r"|(?:we|this\s+site)\s+uses?\s+cookies\b|nous\s+utilisons\s+des\s+cookies\b"
    r"|мы\s+используем\s+(?:файлы\s+)?cookie)",
    re.IGNORECASE,
)
DUPLICATE_MIN = 250  # characters of copied text that make two accounts duplicates
UNRELATED_MAX = 120  # longest text two unrelated accounts may share


class Problems(list):
    def add(self, where: str, what: str) -> None:
        self.append(f"{where}: {what}")


def parse_date(text: str) -> str | None:
    """A full date from an ISO date or a written one (14 March 2023, 8 novembre 2023, 5 июня 2023)."""
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        y, m, d = map(int, iso.groups())
    else:
        written = re.search(r"\b(\d{1,2})(?:er)?\s+([^\W\d_]+)\s+(\d{4})\b", text)
        if not written or written.group(2).lower() not in MONTHS:
            return None
        d, m, y = int(written.group(1)), MONTHS[written.group(2).lower()], int(written.group(3))
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def valid_partial_date(value: str) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def compatible(a, b) -> bool:
    """Two stated values agree: equal, or (dates) one is the other at a coarser precision."""
    if isinstance(a, str) and isinstance(b, str) and valid_partial_date(a) and valid_partial_date(b):
        return a.startswith(b) or b.startswith(a)
    return a == b


def header_date(name: str, kind: str, lang: str, text: str, problems: Problems) -> str | None:
    lines = text.splitlines()
    if not lines:
        return None
    if kind != "press" or lines[0].startswith(HEADER[lang]):
        if not lines[0].startswith(HEADER[lang]):
            problems.add(name, f"first line must start with {HEADER[lang]!r}")
            return None
        value = lines[0][len(HEADER[lang]) :].strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or parse_date(value) != value:
            problems.add(name, f"header date {value!r} is not a valid YYYY-MM-DD date")
            return None
        return value
    for line in lines[:HEAD_LINES]:
        if FURNITURE.search(line):
            continue
        published = re.match(r"^\s*(?:published|publié le|опубликовано|date|дата)\s*:?\s*(.+)$", line, re.I)
        dateline = re.match(r"^[A-ZА-ЯЁ][\w .'-]{1,40},\s+(.{6,40}?)\s*[—–-]", line)
        for found in (published, dateline):
            if found and parse_date(found.group(1)):
                return parse_date(found.group(1))
    problems.add(name, f"press article without a date line in its first {HEAD_LINES} lines")
    return None


def furniture_lines(text: str) -> list[str]:
    """The boilerplate block at the top and the one at the bottom of an article."""
    lines = text.splitlines()
    top, bottom = [], []
    for line in lines:
        if not line.strip():
            continue
        if not FURNITURE.search(line):
            break
        top.append(line)
    for line in reversed(lines):
        if not line.strip():
            continue
        if not FURNITURE.search(line):
            break
        bottom.append(line)
    return top + bottom if top and bottom else []


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Where needle occurs as whole words (as farewell/verify/evaluation.py counts mentions)."""
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]


def name_stems(name: str) -> list[str]:
    """Capitalised words of a name, cut to what all their case forms share (Соколов → Соколов,
    Дмитрий → Дмитри, Витя → Вит)."""
    stems = []
    for word in re.findall(r"[A-ZА-ЯЁ][\w'’-]*", name):
        stem = word
        if re.search(r"[А-Яа-яЁё]", word):
            stem = re.sub(r"(?:ий|ей|ай|ой|ый|ия|ья|я|а|й|ь|о|е)$", "", word)
        if len(stem) >= 3:
            stems.append(stem)
    return stems


def check_case(case_dir: Path, problems: Problems, texts: dict) -> dict:
    where = case_dir.name
    try:
        expected = json.loads((case_dir / "expected.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        problems.add(where, f"expected.json unreadable: {error}")
        return {}
    for key in ("title", "notes", "accounts", "people", "places", "events", "findings", "not_findings"):
        if key not in expected:
            problems.add(where, f"expected.json has no {key!r}")
    accounts = {a.get("file"): a for a in expected.get("accounts", [])}
    on_disk = {p.name for p in case_dir.glob("*.txt")}
    for missing in sorted(set(accounts) - on_disk):
        problems.add(where, f"account {missing} listed but not on disk")
    for extra in sorted(on_disk - set(accounts)):
        problems.add(where, f"{extra} on disk but not listed in accounts")
    if not 3 <= len(accounts) <= 6:
        problems.add(where, f"{len(accounts)} accounts (3–6 wanted)")
    languages = set()
    for name, account in accounts.items():
        here = f"{where}/{name}"
        found = FILE_NAME.match(name or "")
        if not found:
            problems.add(here, "file name is not N-kind.lang.txt")
            continue
        if account.get("kind") != found["kind"] or account.get("language") != found["lang"]:
            problems.add(here, "kind/language in expected.json differ from the file name")
        languages.add(found["lang"])
        path = case_dir / name
        if not path.exists():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            problems.add(here, "not UTF-8")
            continue
        if text.startswith("\ufeff"):
            problems.add(here, "starts with a BOM")
        texts[(where, name)] = text
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.add(here, f"{words} words ({MIN_WORDS}–{MAX_WORDS} wanted)")
        date = header_date(here, found["kind"], found["lang"], text, problems)
        if date and date != account.get("date"):
            problems.add(here, f"header date {date} but expected.json says {account.get('date')}")
        furniture = furniture_lines(text)
        if account.get("boilerplate") and not furniture:
            problems.add(here, "marked boilerplate but has no furniture lines at top and bottom")
        if furniture and not account.get("boilerplate"):
            problems.add(here, "has furniture at top and bottom but is not marked boilerplate")
        account["_furniture"] = furniture
    if "ru" not in languages or not languages & {"en", "fr"}:
        problems.add(where, "a case needs ru and at least one of en/fr")

    def known_file(name, here):
        if name not in accounts:
            problems.add(here, f"refers to {name!r}, not an account of this case")
            return False
        return (where, name) in texts

    # People.
    people = {}
    for person in expected.get("people", []):
        key = person.get("key")
        here = f"{where}/people/{key}"
        if not key or key in people:
            problems.add(here, "person key missing or not unique")
        people[key] = person
        for flag in ("narrator", "pseudonym"):
            if not isinstance(person.get(flag), bool):
                problems.add(here, f"{flag} must be true or false")
        if not person.get("names"):
            problems.add(here, "no names")
        for name, mentions in person.get("mentions", {}).items():
            if known_file(name, here):
                for mention in mentions:
                    if not occurrences(texts[(where, name)], mention):
                        problems.add(here, f"mention {mention!r} not in {name} as whole words")
        attributes = person.get("attributes", {})
        for attribute, values in attributes.items():
            if attribute not in ATTRIBUTES:
                problems.add(here, f"unknown attribute {attribute!r}")
            for value in values:
                if attribute in ("age", "birth_year") and not isinstance(value, int):
                    problems.add(here, f"{attribute} {value!r} must be an int")
                if attribute == "rank" and value not in RANKS:
                    problems.add(here, f"rank {value!r} not canonical")
                if attribute == "role" and value not in ROLES:
                    problems.add(here, f"role {value!r} not canonical")
        evidence = person.get("evidence", [])
        union: dict = {}
        for item in evidence:
            attribute, file = item.get("attr"), item.get("file")
            if known_file(file, here) and item.get("text") not in texts[(where, file)]:
                problems.add(here, f"evidence {item.get('text')!r} not in {file}")
            first_person = person.get("narrator") and (accounts.get(file) or {}).get("kind") != "press"
            if file not in person.get("mentions", {}) and not first_person:
                problems.add(here, f"evidence in {file}, where the person has no mentions")
            if item.get("as_of"):  # a past age ("43 when mobilized"): neither an attribute nor compared
                if not valid_partial_date(item["as_of"]):
                    problems.add(here, f"as_of {item['as_of']!r} is not a date")
                continue
            union.setdefault(attribute, [])
            if item.get("value") not in union[attribute]:
                union[attribute].append(item.get("value"))
        for attribute in set(union) | set(attributes):
            if sorted(map(str, union.get(attribute, []))) != sorted(map(str, attributes.get(attribute, []))):
                problems.add(
                    here, f"attributes.{attribute} {attributes.get(attribute)} but evidence says {union.get(attribute)}"
                )
        person["_evidence"] = evidence

    # Mentions must cover every appearance of a person's name in a file.
    for (case, name), text in texts.items():
        if case != where:
            continue
        covered = []
        for person in people.values():
            for mention in person.get("mentions", {}).get(name, []):
                covered += occurrences(text, mention)
        for person in people.values():
            for stem in {s for n in person.get("names", []) for s in name_stems(n)}:
                for hit in re.finditer(r"(?<!\w)" + re.escape(stem), text):
                    if not any(a <= hit.start() < b for a, b in covered):
                        line = text[text.rfind("\n", 0, hit.start()) + 1 : hit.start() + 30].split("\n")[0].strip()
                        problems.add(f"{where}/{name}", f"name stem {stem!r} not covered by a mention: …{line}")

    # Places.
    for place in expected.get("places", []):
        here = f"{where}/places/{place.get('text')}"
        if known_file(place.get("file"), here) and place.get("text") not in texts[(where, place["file"])]:
            problems.add(here, f"not in {place.get('file')}")
        if place.get("kind") not in PLACE_KINDS:
            problems.add(here, f"kind {place.get('kind')!r} not one of {PLACE_KINDS}")
        if not place.get("name") or not isinstance(place.get("within", []), list):
            problems.add(here, "needs a name and a within list")
        if "geonames_id" not in place or not (place["geonames_id"] is None or isinstance(place["geonames_id"], int)):
            problems.add(here, "geonames_id must be an int or null")

    # Events.
    for event in expected.get("events", []):
        here = f"{where}/events/{event.get('date')}"
        if not valid_partial_date(event.get("date")):
            problems.add(here, "date is not YYYY[-MM[-DD]]")
        if event.get("person") is not None and event.get("person") not in people:
            problems.add(here, f"unknown person {event.get('person')!r}")
        if known_file(event.get("file"), here) and event.get("text") not in texts[(where, event["file"])]:
            problems.add(here, f"text {event.get('text')!r} not in {event.get('file')}")
        if not event.get("what"):
            problems.add(here, "no 'what'")

    # Findings.
    findings = expected.get("findings", [])
    for finding in findings:
        kind, topic = finding.get("kind"), finding.get("topic")
        here = f"{where}/findings/{kind}:{topic}"
        if kind not in FINDING_KINDS:
            problems.add(here, "unknown kind")
        for name in finding.get("files", []):
            known_file(name, here)
        if not finding.get("files"):
            problems.add(here, "no files")
        if finding.get("person") is not None and finding.get("person") not in people:
            problems.add(here, f"unknown person {finding.get('person')!r}")
        if kind in ("consistent", "contradiction"):
            if topic not in ATTRIBUTES and topic not in DATE_TOPICS:
                problems.add(here, "topic must be an attribute or a date:… topic")
            if not finding.get("person"):
                problems.add(here, "needs a person")
            if kind == "consistent" and topic in DATE_TOPICS and "value" in finding:
                problems.add(here, "a date's consistent finding names no value (precisions differ)")
            if kind == "consistent" and topic not in DATE_TOPICS and "value" not in finding:
                problems.add(here, "a consistent finding names its value")
            if kind == "contradiction" and len(finding.get("values", [])) < 2:
                problems.add(here, "a contradiction names its values (two or more)")
        elif kind in ("public_event_match", "public_event_conflict"):
            if topic not in PUBLIC_EVENTS:
                problems.add(here, "topic must be a public event id")
        elif kind in ("place_within", "place_conflict"):
            if topic != "origin" or not finding.get("person"):
                problems.add(here, "topic must be 'origin', with a person")
        elif kind == "risk_flag":
            if topic not in RISKS:
                problems.add(here, f"topic must be one of {RISKS}")
        elif kind == "duplicate_text":
            if topic != "duplicate":
                problems.add(here, "topic must be 'duplicate'")
            other = finding.get("other_case")
            if other is None and len(finding.get("files", [])) < 2:
                problems.add(here, "an in-case duplicate names two files")
            if other is not None and not (GOLD / other / "expected.json").exists():
                problems.add(here, f"other_case {other!r} does not exist")
    for event in expected.get("events", []):
        public = EVENT_OF.get(event.get("what"))
        if public:
            checked = {
                f
                for finding in findings
                if finding.get("kind") in ("public_event_match", "public_event_conflict")
                and finding.get("topic") == public
                for f in finding.get("files", [])
            }
            if event.get("file") not in checked:
                problems.add(
                    f"{where}/events/{event.get('what')}", f"{event.get('file')} dates it but is in no {public} finding"
                )
    for item in expected.get("not_findings", []):
        here = f"{where}/not_findings/{item.get('kind')}"
        if item.get("kind") not in NOT_FINDING_KINDS:
            problems.add(here, "unknown kind")
        if not item.get("why"):
            problems.add(here, "needs a why")
        for name in item.get("files", []):
            if known_file(name, here) and item.get("text") and item["text"] not in texts[(where, name)]:
                problems.add(here, f"text {item['text']!r} not in {name}")

    # What the accounts state must be reflected in consistent/contradiction findings, and only that.
    def find(kind, topic, person, value=None):
        return [
            f
            for f in findings
            if f.get("kind") == kind
            and f.get("topic") == topic
            and f.get("person") == person
            and (value is None or str(f.get("value")) == str(value))
        ]

    expected_pairs = set()
    for key, person in people.items():
        stated: dict = {}
        for item in person["_evidence"]:
            if item.get("as_of"):
                continue
            stated.setdefault(item["attr"], {}).setdefault(item["file"], set()).add(item["value"])
            # A birth year states an age too, on the account's date (the engine compares them).
            dated = accounts.get(item["file"], {}).get("date")
            if item["attr"] == "birth_year" and dated:
                stated.setdefault("age", {}).setdefault(item["file"], set()).add(int(dated[:4]) - item["value"])
        for event in expected.get("events", []):
            if event.get("person") == key:
                for topic, what in DATE_TOPICS.items():
                    if event.get("what") == what:
                        stated.setdefault(topic, {}).setdefault(event["file"], set()).add(event["date"])
        for topic, by_file in stated.items():
            here = f"{where}/{key}/{topic}"
            values = sorted({v for vs in by_file.values() for v in vs}, key=str)
            files_of = {str(v): sorted(f for f, vs in by_file.items() if v in vs) for v in values}
            conflict = any(not compatible(a, b) for a, b in combinations(values, 2))
            if topic == "age":  # a year passes between accounts, and a birthday (the engine's rule)
                conflict = any(
                    abs(va - vb) > 1 + abs(int(accounts[fa]["date"][:4]) - int(accounts[fb]["date"][:4]))
                    for (fa, vas), (fb, vbs) in combinations(by_file.items(), 2)
                    for va in vas
                    for vb in vbs
                )
            if topic == "role":
                conflict = False  # a man is a mobilized rifleman and a deserter at once
            # Agreement is one consistent finding; a disagreement is one contradiction (or, for
            # origins, a place_conflict) and nothing else; roles are several at once, each value
            # its own; origins where one contains the other are place_within plus the agreeing
            # values' consistent findings.
            nested = True
            if topic == "origin" and len(values) > 1:
                within = {p.get("name"): set(p.get("within", [])) for p in expected.get("places", [])}
                nested = all(a in within.get(b, ()) or b in within.get(a, ()) for a, b in combinations(values, 2))
            if topic == "role" or (topic == "origin" and nested):
                want = [("consistent", v, fs) for v, fs in files_of.items() if len(fs) >= 2]
            elif not conflict and len(by_file) >= 2:
                want = [("consistent", None, sorted(by_file))]
            else:
                want = []
            if topic == "origin" and len(values) > 1:
                kind = "place_within" if nested else "place_conflict"
                if not find(kind, "origin", key):
                    problems.add(here, f"origins {values} need a {kind} finding")
                if find("place_conflict" if nested else "place_within", "origin", key):
                    problems.add(here, f"origins {values}: {kind}, not the other")
                if find("contradiction", "origin", key):
                    problems.add(here, "differing origins are place_within/place_conflict, not a contradiction")
            elif conflict:
                got = find("contradiction", topic, key)
                if not got:
                    problems.add(here, f"values {values} in {sorted(by_file)} need a contradiction finding")
                for f in got:
                    if sorted(f["files"]) != sorted(by_file):
                        problems.add(here, f"contradiction files {f['files']} but stated in {sorted(by_file)}")
                    if sorted(map(str, f.get("values", []))) != sorted(map(str, values)):
                        problems.add(here, f"contradiction values {f.get('values')} but stated {values}")
            elif find("contradiction", topic, key):
                problems.add(here, f"contradiction listed but the accounts agree ({values})")
            for kind, value, files in want:
                got = [f for f in find(kind, topic, key) if value is None or str(f.get("value")) == value]
                if not got:
                    problems.add(here, f"{kind} finding wanted (value {value or values[0]}, files {files})")
                for f in got:
                    expected_pairs.add(id(f))
                    if sorted(f["files"]) != files:
                        problems.add(here, f"{kind} files {sorted(f['files'])} but stated in {files}")
    for f in findings:
        if f.get("kind") == "consistent" and id(f) not in expected_pairs:
            problems.add(f"{where}/findings/consistent:{f.get('topic')}", "not backed by evidence in two accounts")

    # Boilerplate carries nobody and nowhere from the story (it gets masked); what a ticker names
    # instead is declared in not_findings with "in_boilerplate": true.
    for item in expected.get("not_findings", []):
        if item.get("in_boilerplate"):
            for name in item.get("files", []):
                furniture = "\n".join((accounts.get(name) or {}).get("_furniture", []))
                if item.get("text") not in furniture:
                    problems.add(f"{where}/{name}", f"{item.get('text')!r} is not in the boilerplate")
    for name, account in accounts.items():
        furniture = "\n".join(account.get("_furniture", []))
        if not furniture:
            continue
        story = [m for p in people.values() for m in p.get("mentions", {}).get(name, [])]
        story += [p["text"] for p in expected.get("places", []) if p.get("file") == name]
        for text in story:
            if text in furniture:
                problems.add(f"{where}/{name}", f"{text!r} appears in the boilerplate")
    return expected


def check_duplicates(cases: dict, texts: dict, problems: Problems) -> None:
    """Declared duplicates share a long passage; other pairs of accounts do not."""
    declared = set()
    for case, expected in cases.items():
        for finding in expected.get("findings", []):
            if finding.get("kind") != "duplicate_text":
                continue
            files = [(case, f) for f in finding.get("files", [])]
            if finding.get("other_case"):
                others = [(finding["other_case"], f) for f in finding.get("other_files", [])]
                if not others:
                    problems.add(f"{case}/duplicate_text", "names other_case but no other_files")
                pairs = [(a, b) for a in files for b in others]
            else:
                pairs = list(combinations(files, 2))
            for a, b in pairs:
                declared.add(frozenset((a, b)))
                if a in texts and b in texts and not shares(texts[a], texts[b], DUPLICATE_MIN):
                    problems.add(
                        f"{a[0]}/{a[1]}",
                        f"declared duplicate of {b[0]}/{b[1]} but shares under {DUPLICATE_MIN} characters",
                    )
    for a, b in combinations(sorted(texts), 2):
        if frozenset((a, b)) in declared:
            continue
        if shares(texts[a], texts[b], UNRELATED_MAX + 1):
            problems.add(
                f"{a[0]}/{a[1]}", f"shares over {UNRELATED_MAX} characters with {b[0]}/{b[1]} (no duplicate declared)"
            )


def shares(a: str, b: str, n: int) -> bool:
    """Whether two texts have a passage of n characters in common."""
    windows = {a[i : i + n] for i in range(len(a) - n + 1)}
    return any(b[i : i + n] in windows for i in range(len(b) - n + 1))


def main() -> int:
    problems = Problems()
    texts: dict = {}
    cases = {}
    case_dirs = sorted(p for p in GOLD.iterdir() if p.is_dir() and re.fullmatch(r"case-\d\d", p.name))
    if [p.name for p in case_dirs] != [f"case-{n:02d}" for n in range(1, len(case_dirs) + 1)]:
        problems.add("gold", "cases must be case-01, case-02, … without gaps")
    for case_dir in case_dirs:
        cases[case_dir.name] = check_case(case_dir, problems, texts)
    check_duplicates(cases, texts, problems)
    total = sum(len(e.get("accounts", [])) for e in cases.values())
    boilerplate = sum(1 for e in cases.values() for a in e.get("accounts", []) if a.get("boilerplate"))
    if boilerplate < 5:
        problems.add("gold", f"{boilerplate} press articles with boilerplate (5 or more wanted)")
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s) in {len(cases)} cases, {total} accounts")
        return 1
    print(f"OK: {len(cases)} cases, {total} accounts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
