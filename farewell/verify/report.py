"""A `Report` as the JSON of `farewell verify --json` (../shared/product.md) and as a summary for
people. The JSON carries a few extensions beside the contract: offsets of attributes, a person's
`narrator` and `pseudonym`, a place's `kind` and `country`, an event's offsets, and a finding's
`topic`, `person` and `value`."""

from __future__ import annotations

from dataclasses import asdict

from farewell.verify.types import ATTRIBUTES, Report, Span


def _span(span: Span) -> dict:
    return {"file": span.file, "start": span.start, "end": span.end, "text": span.text}


def as_json(report: Report) -> dict:
    return {
        "accounts": [asdict(account) for account in report.accounts],
        "people": [
            {
                "id": person.id,
                "names": list(person.names),
                "narrator": person.narrator,
                "pseudonym": person.pseudonym,
                "mentions": [_span(m) for m in person.mentions],
                "attributes": {
                    kind: [
                        {"value": a.value, "file": a.file, "text": a.text, "start": a.start, "end": a.end}
                        for a in person.attributes.get(kind, ())
                    ]
                    for kind in ATTRIBUTES
                },
            }
            for person in report.people
        ],
        "places": [
            {
                "id": place.id,
                "name": place.name,
                "geonames_id": place.geonames_id,
                "within": list(place.within),
                "kind": place.kind,
                "country": place.country,
                "mentions": [_span(m) for m in place.mentions],
            }
            for place in report.places
        ],
        "events": [
            {
                "date": event.date,
                "text": event.text,
                "file": event.file,
                "start": event.start,
                "end": event.end,
                "person": event.person,
                "place": event.place,
            }
            for event in report.events
        ],
        "findings": [
            {
                "kind": finding.kind,
                "severity": finding.severity,
                "summary": finding.summary,
                "topic": finding.topic,
                "person": finding.person,
                "value": finding.value,
                "evidence": [_span(span) for span in finding.evidence],
            }
            for finding in report.findings
        ],
    }


def summary(report: Report) -> str:
    """What a reviewer reads in a terminal: people, places, the timeline and the findings."""
    lines = [f"Accounts: {len(report.accounts)} ({', '.join(a.language for a in report.accounts)})", "", "People:"]
    for person in report.people:
        label = ", ".join(person.names) or "(not named)"
        marks = [word for word, flag in (("narrator", person.narrator), ("pseudonym", person.pseudonym)) if flag]
        lines.append(f"  {person.id} {label}" + (f" [{', '.join(marks)}]" if marks else ""))
        for kind in ATTRIBUTES:
            values = person.attributes.get(kind, ())
            if values:
                lines.append(f"      {kind}: " + "; ".join(f"{a.value} ({a.file})" for a in values))
    lines += ["", "Places:"]
    lines += [
        f"  {place.id} {place.name}" + (f" (in {', '.join(place.within)})" if place.within else "")
        for place in report.places
    ]
    lines += ["", "Timeline:"]
    for event in sorted(report.events, key=lambda e: e.date):
        who = f" [{event.person}]" if event.person else ""
        lines.append(f"  {event.date}{who} {event.text[:100]}")
    lines += ["", "Findings:"]
    for finding in report.findings:
        lines.append(f"  {finding.severity.upper():7} {finding.kind}: {finding.summary}")
    return "\n".join(lines)
