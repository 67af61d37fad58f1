"""Appending to the audit chain and verifying it.

Each row's MAC = HMAC(k, previous MAC ‖ the row's canonical fields), with k derived from
FAREWELL_AUDIT_KEY (outside the database): a row changed, removed or inserted breaks every MAC
after it. The latest (seq, MAC) is also written to FAREWELL_AUDIT_HEAD_PATH after each commit,
so deleting the last rows (which leaves a valid shorter chain) is detected too.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from farewell.audit.models import AuditEntry, AuditHead
from farewell.vault import server_keys

OPERATOR = "operator"
SUBMITTER = "submitter"


def actor_of(reviewer) -> str:
    return OPERATOR if reviewer is None else f"reviewer:{reviewer.pk}"


def canonical(entry: AuditEntry) -> bytes:
    fields = [
        str(entry.seq),
        entry.at.isoformat(timespec="microseconds"),
        entry.actor,
        entry.action,
        "" if entry.case_id is None else str(entry.case_id),
        json.dumps(entry.details, sort_keys=True, separators=(",", ":"), ensure_ascii=True),
    ]
    return "\x1f".join(fields).encode()


def chain_mac(previous_mac: str, entry: AuditEntry) -> str:
    return server_keys.mac(server_keys.AUDIT_CHAIN, previous_mac.encode() + b"\x1e" + canonical(entry))


def record(action: str, *, actor, case=None, **details) -> AuditEntry:
    """Appends one row. Must run inside the transaction of the change it records.

    A row the submitter's own action writes (actor SUBMITTER) carries the day only: an exact time
    of his visit is what a network log would be matched with. Its place in the chain still bounds
    it by its neighbours' times (docs/threat-model.md)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit rows are written in the transaction of the change they record")
    AuditHead.objects.get_or_create(id=1)
    head = AuditHead.objects.select_for_update().get(id=1)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=_now(coarse=actor == SUBMITTER),
        actor=actor_of(actor) if not isinstance(actor, str) else actor,
        action=action,
        case_id=getattr(case, "pk", case),
        details=details,
    )
    entry.mac = chain_mac(head.mac, entry)
    entry.save(force_insert=True)
    head.seq, head.mac = entry.seq, entry.mac
    head.save(update_fields=["seq", "mac"])
    transaction.on_commit(lambda: write_head_file(entry.seq, entry.mac))
    return entry


def _now(*, coarse: bool):
    now = timezone.now().replace(microsecond=0)  # whole seconds survive every serialization
    return now.replace(hour=0, minute=0, second=0) if coarse else now


def write_head_file(seq: int, mac: str) -> None:
    path = Path(settings.FAREWELL_AUDIT_HEAD_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # workers of this host write one after another
        current = read_head_file()
        if current is not None and current[0] >= seq:
            return  # another process already wrote a later head
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-head-")
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{seq} {mac}\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)


def read_head_file() -> tuple[int, str] | None:
    try:
        seq, mac = Path(settings.FAREWELL_AUDIT_HEAD_PATH).read_text().split()
        return int(seq), mac
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Verdict:
    ok: bool
    rows: int
    problem: str = ""
    first_broken_seq: int | None = None
    warning: str = ""


def verify() -> Verdict:
    previous_mac, expected_seq, rows = "", 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator():
        if entry.seq != expected_seq:
            kind = "removed" if entry.seq > expected_seq else "inserted"
            return Verdict(False, rows, f"row {expected_seq} was {kind} (next row found: {entry.seq})", expected_seq)
        if chain_mac(previous_mac, entry) != entry.mac:
            return Verdict(False, rows, f"row {entry.seq} was changed or inserted (its MAC does not match)", entry.seq)
        previous_mac, expected_seq, rows = entry.mac, expected_seq + 1, rows + 1
    last = expected_seq - 1
    head = read_head_file()
    if head is not None and head[0] > last:
        return Verdict(False, rows, f"rows {last + 1}–{head[0]} were removed from the end of the chain", last + 1)
    if head is not None and head[0] == last and head[1] != previous_mac:
        return Verdict(False, rows, f"row {last} does not match the head kept outside the database", last)
    warning = ""
    if head is None and rows:
        warning = "the head file is missing: removal of the last rows cannot be detected"
    elif head is not None and head[0] < last:
        warning = f"the head file is behind (row {head[0]} of {last}), as after a crash between commit and write"
    return Verdict(True, rows, warning=warning)
