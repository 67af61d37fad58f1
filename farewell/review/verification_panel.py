"""The case page's verification panel: the accounts, the job, each person's attributes per
account, the timeline, the findings by severity with their evidence in context, the checklist.

Everything comes from the sealed report and the sealed accounts, opened for this reviewer. The
engine's summaries are English; each finding also gets a title in the reviewer's language, built
from its kind and topic.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from farewell.cases.models import Case, CaseCheck, Verification
from farewell.jobs.models import Job
from farewell.review import workflow
from farewell.review.actions import Desk, NotAllowed
from farewell.review.case_accounts import EDITABLE, AccountOnCase, accounts_of

CONTEXT = 80  # characters shown on each side of an evidence span
SEVERITIES = (
    ("alert", gettext_lazy("Alerts")),
    ("warning", gettext_lazy("Warnings")),
    ("info", gettext_lazy("For information")),
)
ATTRIBUTES = (
    ("age", gettext_lazy("age")),
    ("role", gettext_lazy("role or occupation")),
    ("rank", gettext_lazy("rank")),
    ("unit", gettext_lazy("unit")),
    ("origin", gettext_lazy("home town or region")),
)
TOPICS = dict(ATTRIBUTES) | {"place": gettext_lazy("places"), "duplicate": gettext_lazy("copied text")}
EVENTS = {  # what a dated event of a man's life is (engine.WHAT)
    "mobilized": gettext_lazy("mobilization"),
    "deserted": gettext_lazy("desertion"),
    "crossed_border": gettext_lazy("crossing the border"),
    "surrendered": gettext_lazy("surrender"),
    "wounded": gettext_lazy("wound"),
    "sent_to_front": gettext_lazy("sent to the front"),
    "contract": gettext_lazy("contract"),
}
RISKS = {  # verify/risks.py CATEGORIES
    "civilians": gettext_lazy("violence against civilians"),
    "execution": gettext_lazy("executions"),
    "torture": gettext_lazy("torture"),
    "looting": gettext_lazy("looting"),
    "sexual_violence": gettext_lazy("sexual violence"),
    "prisoners": gettext_lazy("abuse of prisoners"),
}
FILE_NAME = re.compile(r"\baccount-\d+\b")  # how the engine's summaries name an account
TITLES = {
    "consistent": gettext_lazy("The accounts agree on: %(topic)s"),
    "contradiction": gettext_lazy("The accounts disagree on: %(topic)s"),
    "public_event_match": gettext_lazy("A date fits a public event: %(topic)s"),
    "public_event_conflict": gettext_lazy("A date does not fit a public event: %(topic)s"),
    "place_within": gettext_lazy("Places that fit together (a town and its region): %(topic)s"),
    "place_conflict": gettext_lazy("Places that do not fit together: %(topic)s"),
    "risk_flag": gettext_lazy("Possible %(topic)s: for human review and legal routing, not a verdict"),
}
DUPLICATE_WITHIN = gettext_lazy("Two accounts of this case share a passage")
DUPLICATE_ELSEWHERE = gettext_lazy("A passage is like one in another case (a sign of coordinated submissions)")
OTHER_FINDING = gettext_lazy("Finding: %(kind)s")
# How a duplicate found in another case names it (the index's label, jobs/verifying.py).
OTHER_CASE = re.compile(r"\(case (\d+)\)$")
ELSEWHERE_HIDDEN = gettext_lazy(
    "Case #%(number)s is in a channel whose key you do not hold: its text is not shown to you."
)
OTHER_PASSAGES = 5  # another case's passages shown at most, per finding


@dataclass(frozen=True)
class Evidence:
    account: str
    before: str
    marked: str
    after: str


@dataclass(frozen=True)
class FindingOnPage:
    kind: str
    severity: str
    title: str
    summary: str
    evidence: list[Evidence]


@dataclass
class Panel:
    accounts: list[AccountOnCase]
    job: Job | None
    verification: Verification | None
    current: bool  # the report covers the accounts as they are now
    people: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)  # severity groups
    checklist: list[dict] = field(default_factory=list)
    editable: bool = False
    checkable: bool = False

    @property
    def state(self) -> str:
        """none, waiting, running, done or failed: the verification job."""
        if self.job is None:
            return "done" if self.verification else "none"
        if self.job.state == Job.State.DONE:
            return "done"
        if self.job.state in (Job.State.QUEUED, Job.State.RUNNING):
            return "running" if self.job.state == Job.State.RUNNING else "waiting"
        return "failed"


def panel_for(case: Case, desk: Desk) -> Panel:
    accounts = accounts_of(case, desk)
    job = Job.objects.filter(case=case, kind=Job.Kind.VERIFY).first()
    verification = Verification.objects.filter(case=case).select_related("report").first()
    if verification is not None and verification.report.destroyed:
        verification = None
    ids = [a.account.pk for a in accounts if a.account is not None]
    panel = Panel(accounts, job, verification, current=verification is not None and verification.account_ids == ids)
    panel.editable = case.status in EDITABLE and not case.purged_on
    panel.checkable = case.status in workflow.REVIEWING
    panel.checklist = checklist_of(case)
    if verification is not None:
        _fill(panel, json.loads(desk.open(verification.report)), desk)
    return panel


def checklist_of(case: Case) -> list[dict]:
    ticks = {check.item: check for check in case.checks.select_related("ticked_by")}
    return [{"item": value, "label": label, "check": ticks.get(value)} for value, label in CaseCheck.Item.choices]


def _fill(panel: Panel, report: dict, desk: Desk) -> None:
    texts = {a.file: a.text for a in panel.accounts}
    names = {a.file: _account_name(a) for a in panel.accounts}
    numbers = {a.file: f"№{a.number}" for a in panel.accounts}
    people = {p["id"]: p for p in report.get("people", [])}
    places = {p["id"]: p for p in report.get("places", [])}
    files = [a.file for a in panel.accounts]
    disputed = {(f.get("person"), f.get("topic")) for f in report.get("findings", []) if f["kind"] == "contradiction"}
    panel.people = [_person_rows(person, files, disputed) for person in report.get("people", [])]
    panel.places = [
        {"name": place["name"], "within": ", ".join(place.get("within", [])), "accounts": _in_accounts(place, names)}
        for place in report.get("places", [])
    ]
    panel.timeline = [
        {
            "date": event["date"],
            "text": event["text"],
            "account": names.get(event["file"], event["file"]),
            "person": person_name(people.get(event.get("person"))),
            "place": places[event["place"]]["name"] if event.get("place") in places else "",
        }
        for event in sorted(
            report.get("events", []), key=lambda e: (e["date"], files.index(e["file"]) if e["file"] in files else 0)
        )
    ]
    grouped = {severity: [] for severity, _label in SEVERITIES}
    for finding in report.get("findings", []):
        summary = FILE_NAME.sub(lambda m: numbers.get(m.group(), m.group()), finding.get("summary", ""))
        evidence = [evidence_of(span, texts, names) for span in finding.get("evidence", [])]
        other = other_case_of(finding)
        if other is not None:
            note, passages = elsewhere(other, [e.marked for e in evidence], desk)
            summary, evidence = f"{summary} {note}".strip(), evidence + passages
        entry = FindingOnPage(finding["kind"], finding["severity"], finding_title(finding), summary, evidence)
        grouped.setdefault(finding["severity"], []).append(entry)
    panel.findings = [
        {"severity": severity, "label": label, "items": grouped[severity]}
        for severity, label in SEVERITIES
        if grouped[severity]
    ]


def other_case_of(finding: dict) -> int | None:
    """The other case a duplicate_text finding found passages of (None: within this case)."""
    if finding["kind"] != "duplicate_text" or finding["severity"] == "info":
        return None
    found = OTHER_CASE.search(finding.get("summary", ""))
    return int(found.group(1)) if found else None


def elsewhere(case_id: int, passages: list[str], desk: Desk) -> tuple[str, list[Evidence]]:
    """The other case's passages like these, opened for a reviewer who holds its channel's key;
    anyone else learns only that a case of another channel has them, never its text. Read at
    display time: the sealed report of this case holds none of the other case's text."""
    other = Case.objects.select_related("story").filter(pk=case_id).first()
    if other is None or other.story.destroyed:
        return "", []
    try:
        accounts = accounts_of(other, desk)
    except NotAllowed:
        return str(ELSEWHERE_HIDDEN) % {"number": case_id}, []
    texts = {a.file: a.text for a in accounts}
    names = {a.file: f"#{case_id} · {_account_name(a)}" for a in accounts}
    mine = {f"mine-{number}": text for number, text in enumerate(passages)}
    from farewell.verify.duplicates import near_duplicates

    shown, seen = [], set()
    for pair in near_duplicates({**mine, **texts}, threshold=0.3):
        if (pair.first in mine) == (pair.second in mine):
            continue  # two of ours, or two of the other case's
        file, start, end = (
            (pair.second, pair.second_start, pair.second_end)
            if pair.first in mine
            else (pair.first, pair.first_start, pair.first_end)
        )
        if (file, start) in seen:
            continue
        seen.add((file, start))
        shown.append(
            evidence_of({"file": file, "start": start, "end": end, "text": texts[file][start:end]}, texts, names)
        )
        if len(shown) == OTHER_PASSAGES:
            break
    return "", shown


def _account_name(account: AccountOnCase) -> str:
    name = f"№{account.number} · {account.kind_name}"
    return f"{name} — {account.label}" if account.label and account.account is not None else name


def _in_accounts(item: dict, names: dict[str, str]) -> str:
    files = dict.fromkeys(m["file"] for m in item.get("mentions", []))
    return "; ".join(names.get(file, file) for file in files)


def person_name(person: dict | None) -> str:
    if person is None:
        return ""
    if person.get("names"):
        return ", ".join(person["names"])
    return _("the narrator") if person.get("narrator") else person["id"]


def _person_rows(person: dict, files: list[str], disputed: set) -> dict:
    """One person: how each account names him, then each attribute, one column per account."""
    mentioned = {file: [] for file in files}
    for mention in person.get("mentions", []):
        if mention["file"] in mentioned and mention["text"] not in mentioned[mention["file"]]:
            mentioned[mention["file"]].append(mention["text"])
    rows = [{"name": _("named"), "cells": ["; ".join(mentioned[file]) for file in files], "disputed": False}]
    for kind, label in ATTRIBUTES:
        values = person.get("attributes", {}).get(kind, [])
        if not values:
            continue
        cells = {file: [] for file in files}
        for value in values:
            shown = str(value["value"])
            if value["file"] in cells and shown not in cells[value["file"]]:
                cells[value["file"]].append(shown)
        rows.append(
            {
                "name": label,
                "cells": ["; ".join(cells[file]) for file in files],
                "disputed": (person["id"], kind) in disputed,
            }
        )
    return {
        "id": person["id"],
        "name": person_name(person),
        "narrator": person.get("narrator", False),
        "pseudonym": person.get("pseudonym", False),
        "rows": rows,
    }


def topic_name(kind: str, topic: str) -> str:
    if topic.startswith("date:"):
        what = topic.removeprefix("date:")
        return _("the date of %(event)s") % {"event": EVENTS.get(what, what.replace("_", " "))}
    if kind.startswith("public_event"):
        return _public_event_title(topic)
    if kind == "risk_flag":
        return str(RISKS.get(topic, topic.replace("_", " ")))
    return str(TOPICS.get(topic, topic.replace("_", " ")))


def _public_event_title(ident: str) -> str:
    from farewell.verify import timeline

    try:
        titles = timeline.event(ident).titles
    except (KeyError, ValueError, OSError):
        return ident
    return titles.get((get_language() or "en")[:2]) or titles.get("en") or ident


def finding_title(finding: dict) -> str:
    kind, topic = finding["kind"], finding.get("topic") or ""
    if kind == "duplicate_text":
        return str(DUPLICATE_WITHIN if finding["severity"] == "info" else DUPLICATE_ELSEWHERE)
    if kind in TITLES:
        return str(TITLES[kind]) % {"topic": topic_name(kind, topic)}
    return str(OTHER_FINDING) % {"kind": kind}


def evidence_of(span: dict, texts: dict[str, str], names: dict[str, str]) -> Evidence:
    """The span with up to CONTEXT characters around it, from the account as it is stored."""
    text, start, end = texts.get(span["file"]), span["start"], span["end"]
    account = names.get(span["file"], span["file"])
    if text is None or not 0 <= start <= end <= len(text) or text[start:end] != span["text"]:
        return Evidence(account, "", span["text"], "")
    before = text[max(start - CONTEXT, 0) : start]
    after = text[end : end + CONTEXT]
    return Evidence(
        account,
        ("…" if start > CONTEXT else "") + before,
        text[start:end],
        after + ("…" if end + CONTEXT < len(text) else ""),
    )
