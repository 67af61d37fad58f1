"""Evidence export for legal documentation: one encrypted archive of a case, with a manifest.

What is inside: the testimony as received, its files byte for byte with the SHA-256 the server
computed while receiving them, the case's other accounts and the latest verification findings
(when the verification models exist), the case's audit history with a statement whether the chain
verifies, a README, a `SHA256SUMS` file and `manifest.json`.

Why an AES-256 ZIP (WinZip AE-2, written by pyzipper): lawyers and investigators must open it
without Farewell, on the computers they have. 7-Zip (Windows, Linux), Keka or The Unarchiver
(macOS), WinZip and PeaZip all open it, and `7zz`/`7z` on a command line; `age` would need a
program most of them do not have, then `tar`. The format's weaknesses, and what answers them:
- the key is derived by PBKDF2-HMAC-SHA1 with 1,000 iterations, cheap to guess against, so the
  passphrase is never chosen by a person: 30 random characters (150 bits), made per export and
  shown once to the reviewer, never stored (the audit row has only hashes);
- names and sizes of the entries are not encrypted: entries have neutral names
  (`testimony/files/01.jpg`), the submitter's file names are only in the encrypted manifest;
- each entry is authenticated (HMAC-SHA1) but the list of entries is not: the manifest and
  `SHA256SUMS` (both encrypted) list every file with its hash, and `check_archive` compares them.
Files are streamed from the vault into the archive chunk by chunk; nothing is held whole in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyzipper
from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyzipper.zipfile_aes import AESZipInfo

import farewell
from farewell.accounts.models import Reviewer
from farewell.audit import chain
from farewell.audit.models import AuditEntry
from farewell.cases.models import Case
from farewell.vault import store
from farewell.vault.models import SealedItem, StoredFile, Wrapped

FORMAT = "farewell-evidence/1"
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
STORY = "testimony/story.txt"
# No 0/o, 1/l: read aloud or typed from a screen without mistakes. 32 symbols, 5 bits each.
PASSPHRASE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
PASSPHRASE_GROUPS, PASSPHRASE_GROUP_LENGTH = 6, 5
ACTION = "evidence_exported"


class NotExportable(Exception):
    """This case cannot be exported now; the message says why, in the user's language."""


@dataclass(frozen=True)
class Keys:
    """How the export opens what is sealed: with a reviewer's channel keys, or with the worker
    keys an operator unlocks (`farewell evidence`)."""

    open: Callable[[SealedItem], bytes]
    read: Callable[[StoredFile], Iterator[bytes]]

    @classmethod
    def of_channel(cls, channel_key: Callable[[Wrapped], bytes]) -> Keys:
        """channel_key(item) gives the channel private key the item is sealed to (Desk.channel_key)."""
        return cls(
            open=lambda item: store.open_with_channel_key(item, channel_key(item)),
            read=lambda stored: store.read_file(stored, channel_key(stored)),
        )

    @classmethod
    def of_worker(cls, keyring) -> Keys:
        """keyring: jobs.keyring.WorkerKeyring, unlocked by the operator secret."""
        return cls(
            open=lambda item: store.open_with_worker_key(item, keyring.key_for(item)),
            read=lambda stored: store.read_file_for_worker(stored, keyring.key_for(stored)),
        )

    def metadata(self, stored: StoredFile) -> store.FileMetadata:
        return store.FileMetadata(**json.loads(self.open(stored.metadata)))


@dataclass(frozen=True)
class Export:
    path: Path
    manifest_sha256: str
    archive_sha256: str
    size: int
    files: int  # entries listed in the manifest


def new_passphrase() -> str:
    groups = (
        "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(PASSPHRASE_GROUP_LENGTH))
        for _group in range(PASSPHRASE_GROUPS)
    )
    return "-".join(groups)


def refusal(case: Case) -> str | None:
    """Why this case cannot be exported, or None: only legal documentation or a held case."""
    if case.purged_on:
        return _("The originals of this case were already erased.")
    if case.status != Case.Status.LEGAL and not case.legal_hold:
        return _("Only a case in legal documentation or under legal hold can be exported as evidence.")
    return None


def export_case(case_id: int, keys: Keys, out: Path, passphrase: str, *, actor: Reviewer | None) -> Export:
    """Writes the archive to `out` (which must not exist), then records the export in the audit
    chain: who, when, and the manifest's and the archive's SHA-256 — never content or passphrase.
    On any failure nothing is left at `out` and nothing is recorded."""
    case = Case.objects.select_related("story", "decision_reason").get(pk=case_id)
    if reason := refusal(case):
        raise NotExportable(reason)
    out = Path(out)
    try:
        made = _write(case, keys, out, passphrase, exported_by=chain.actor_of(actor))
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case_id)
            if reason := refusal(locked):
                raise NotExportable(reason)
            chain.record(
                ACTION,
                actor=actor,
                case=locked,
                manifest_sha256=made.manifest_sha256,
                archive_sha256=made.archive_sha256,
                files=made.files,
                bytes=made.size,
            )
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return made


# --- writing ----------------------------------------------------------------------------------


@dataclass
class _Archive:
    """The open ZIP and what the manifest will say of each entry written so far."""

    zf: pyzipper.AESZipFile
    entries: list[dict] = field(default_factory=list)

    def add(self, name: str, chunks: Iterable[bytes], *, size: int = 0, compress: bool = True, **about) -> dict:
        info = _info(name)
        info.compress_type = pyzipper.ZIP_DEFLATED if compress else pyzipper.ZIP_STORED
        info.file_size = size  # lets zipfile choose ZIP64 for files over 2 GiB before writing
        digest, written = hashlib.sha256(), 0
        with self.zf.open(info, "w") as entry:
            for chunk in chunks:
                digest.update(chunk)
                written += len(chunk)
                entry.write(chunk)
        row = {"name": name, "size": written, "sha256_at_receipt": None, "sha256_exported": digest.hexdigest()}
        row.update(about)
        self.entries.append(row)
        return row

    def add_json(self, name: str, value, **about) -> dict:
        return self.add(name, [_json_bytes(value)], **about)


def _write(case: Case, keys: Keys, out: Path, passphrase: str, *, exported_by: str) -> Export:
    fd = os.open(out, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w+b") as handle:
        with pyzipper.AESZipFile(handle, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
            zf.setpassword(passphrase.encode())
            zf.setencryption(pyzipper.WZ_AES, nbits=256)
            archive = _Archive(zf)
            archive.add(
                STORY,
                [keys.open(case.story)],
                kind="testimony",
                report_file=REPORT_STORY_FILE,
                content_type="text/plain; charset=utf-8",
            )
            originals = _add_originals(archive, case, keys)
            accounts = _add_accounts(archive, case, keys)
            verification = _add_verification(archive, case, keys)
            archive.add_json("case.json", _case_facts(case, keys), kind="case")
            verdict = chain.verify()
            archive.add_json("audit/history.json", _history(case, verdict), kind="audit")
            manifest = _manifest(case, verdict, exported_by, originals, accounts, verification)
            readme = _readme(case, verdict).encode("utf-8")
            archive.add("README.txt", [readme], kind="readme", content_type="text/plain; charset=utf-8")
            manifest["files"] = archive.entries
            manifest_bytes = _json_bytes(manifest)
            zf.writestr(_info(MANIFEST), manifest_bytes)
            sums = [f"{row['sha256_exported']}  {row['name']}" for row in archive.entries if row["name"]]
            sums.append(f"{hashlib.sha256(manifest_bytes).hexdigest()}  {MANIFEST}")
            zf.writestr(_info(CHECKSUMS), ("\n".join(sums) + "\n").encode())
        handle.flush()
        os.fsync(handle.fileno())
        handle.seek(0)
        archive_digest, size = hashlib.sha256(), 0
        while chunk := handle.read(1 << 20):
            archive_digest.update(chunk)
            size += len(chunk)
    return Export(
        path=out,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        archive_sha256=archive_digest.hexdigest(),
        size=size,
        files=len(archive.entries),
    )


def _info(name: str) -> AESZipInfo:
    info = AESZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = pyzipper.ZIP_DEFLATED
    return info


def _json_bytes(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _extension(name: str) -> str:
    """The original's extension, if it is a plain one: the name itself may identify its author."""
    suffix = Path(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def _add_file(archive: _Archive, name: str, stored: StoredFile, keys: Keys, **about) -> dict:
    if stored.destroyed:
        row = {"name": None, "erased": True, **about}
        archive.entries.append(row)
        return row
    metadata = keys.metadata(stored)
    row = archive.add(
        name + _extension(metadata.name),
        keys.read(stored),
        size=metadata.size,
        compress=False,  # photos, videos and sound do not compress; stored is also simplest to check
        name_at_receipt=metadata.name,
        content_type=metadata.content_type,
        received_on=stored.received_on.isoformat(),
        **about,
    )
    row["sha256_at_receipt"] = metadata.sha256
    return row


def _add_originals(archive: _Archive, case: Case, keys: Keys) -> int:
    attachments = list(case.attachments.select_related("stored__metadata"))
    for number, attachment in enumerate(attachments, start=1):
        _add_file(archive, f"testimony/files/{number:02d}", attachment.stored, keys, kind="original")
    return len(attachments)


# The verification models (farewell.cases CaseAccount, Verification) were added alongside this
# module; it reads them by name and by field type so that it works, and exports nothing of them,
# where they are absent. What it assumes: each has a foreign key to Case; an account's text is a
# SealedItem (`text`, else its first SealedItem field), its other SealedItem fields hold JSON or
# text (`details`: the reviewer's label and the account's date), its StoredFile fields are
# uploaded originals; a verification's report is a SealedItem holding JSON (`report`), the latest
# being the highest primary key. Plain columns (kind, source, dates, account ids) are copied into
# the manifest. In the report, the story is the file "account-0" and an account "account-<pk>"
# (jobs/verifying.py): the exported names follow it.
REPORT_STORY_FILE = "account-0"


def _optional_model(name: str) -> type[models.Model] | None:
    try:
        return apps.get_model("cases", name)
    except LookupError:
        return None


def _related(model: type[models.Model], to: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model is to
    ]


PLAIN = (str, int, float, bool, list, dict, type(None))


def _plain_fields(instance: models.Model) -> dict:
    """The unencrypted columns of a row (ids of relations left out), and reviewers by name."""
    plain = {}
    for f in instance._meta.concrete_fields:
        if f.primary_key or isinstance(f, models.BinaryField):
            continue
        if f.is_relation:
            if f.related_model is Reviewer and getattr(instance, f.attname) is not None:
                plain[f.name] = getattr(instance, f.name).name
            continue
        value = getattr(instance, f.attname)
        plain[f.name] = value if isinstance(value, PLAIN) else str(value)
    return plain


def _rows_of(model: type[models.Model], case: Case):
    links = _related(model, Case)
    if not links:
        return model.objects.none()
    rows = model.objects.filter(**{links[0]: case})
    return rows.order_by(*(model._meta.ordering or ["pk"]), "pk")


def _sealed_fields(model: type[models.Model], preferred: str) -> tuple[str | None, list[str]]:
    """The field holding the main sealed content, and the other SealedItem fields."""
    names = _related(model, SealedItem)
    main = preferred if preferred in names else (names[0] if names else None)
    return main, [name for name in names if name != main]


def _opened(sealed: SealedItem, keys: Keys):
    """A small sealed item as JSON when it is JSON, else as text."""
    if sealed.destroyed:
        return None
    data = keys.open(sealed)
    try:
        return json.loads(data)
    except ValueError:
        return data.decode("utf-8", errors="replace")


def _add_accounts(archive: _Archive, case: Case, keys: Keys) -> int:
    model = _optional_model("CaseAccount")
    if model is None:
        return 0
    text_field, other_sealed = _sealed_fields(model, "text")
    file_fields = _related(model, StoredFile)
    accounts = list(_rows_of(model, case))
    for account in accounts:
        described = _plain_fields(account)
        for name in other_sealed:
            sealed = getattr(account, name)
            described[name] = _opened(sealed, keys) if sealed is not None else None
        about = {"kind": "account", "report_file": f"account-{account.pk}", "account": described}
        sealed = getattr(account, text_field) if text_field else None
        if sealed is not None and sealed.destroyed:
            archive.entries.append({"name": None, "erased": True, **about})
        elif sealed is not None:
            archive.add(f"accounts/account-{account.pk}.txt", [keys.open(sealed)], content_type="text/plain", **about)
        for name in file_fields:
            stored = getattr(account, name)
            if stored is not None:
                _add_file(archive, f"accounts/account-{account.pk}-{name}", stored, keys, **about)
    return len(accounts)


def _add_verification(archive: _Archive, case: Case, keys: Keys) -> bool:
    model = _optional_model("Verification")
    if model is None:
        return False
    report_field, _others = _sealed_fields(model, "report")
    latest = _rows_of(model, case).order_by("-pk").first()
    sealed = getattr(latest, report_field) if latest is not None and report_field else None
    if sealed is None or sealed.destroyed:
        return False
    report = keys.open(sealed)
    try:
        report = _json_bytes(json.loads(report))
    except ValueError:
        pass  # kept as it is: the exact bytes are the evidence
    about = {"kind": "findings", "verification": _plain_fields(latest)}
    archive.add("findings/verification.json", [report], content_type="application/json", **about)
    return True


def _case_facts(case: Case, keys: Keys) -> dict:
    return {
        "case": case.pk,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "consent": case.consent,
        "consent_label": str(case.get_consent_display()),
        "submitter_language": case.language,
        "received_on": case.received_on.isoformat(),
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "legal_hold": case.legal_hold,
        "decision_reason": keys.open(case.decision_reason).decode("utf-8") if case.decision_reason_id else None,
        "published_testimony": case.testimony.public_id if case.testimony_id else None,
    }


def _history(case: Case, verdict: chain.Verdict) -> dict:
    names = dict(Reviewer.objects.values_list("pk", "name"))
    entries = []
    for entry in AuditEntry.objects.filter(case_id=case.pk).order_by("seq"):
        kind, _sep, actor_id = entry.actor.partition(":")
        name = names.get(int(actor_id)) if kind == "reviewer" and actor_id.isdigit() else None
        entries.append(
            {
                "seq": entry.seq,
                "at": entry.at.isoformat(),
                "actor": entry.actor,
                "actor_name": name,
                "action": entry.action,
                "details": entry.details,
                "mac": entry.mac,
            }
        )
    return {"case": case.pk, "chain": _verdict(verdict), "entries": entries}


def _verdict(verdict: chain.Verdict) -> dict:
    return {
        "verifies": verdict.ok,
        "rows": verdict.rows,
        "problem": verdict.problem or None,
        "first_broken_seq": verdict.first_broken_seq,
        "warning": verdict.warning or None,
    }


def _manifest(case, verdict, exported_by, originals, accounts, verification) -> dict:
    note = _(
        "Evidence export of case #%(case)s from Farewell. Inside: the testimony as received; the files received "
        "with it (%(files)s); other accounts of the case (%(accounts)s); %(findings)s; the case's audit history "
        "and whether the audit chain verifies. Files under testimony/files/ are the originals byte for byte: "
        "their SHA-256 at receipt (computed by the server while receiving them) and as exported must be equal. "
        "The testimony's text was not hashed at receipt: it was sealed at once with authenticated encryption, "
        "which refuses to open a changed text."
    ) % {
        "case": case.pk,
        "files": originals,
        "accounts": accounts,
        "findings": _("the latest verification findings") if verification else _("no verification findings"),
    }
    return {
        "format": FORMAT,
        "case": case.pk,
        "exported_at": timezone.now().replace(microsecond=0).isoformat(),
        "exported_by": exported_by,
        "tool": {"name": "farewell", "version": farewell.__version__},
        "note": note,
        "audit_chain": _verdict(verdict),
        "files": [],  # filled in last, once every entry is written
    }


def _readme(case: Case, verdict: chain.Verdict) -> str:
    chain_line = (
        _("The audit chain verified when this archive was made.")
        if verdict.ok
        else _("Warning: the audit chain did NOT verify when this archive was made: %(problem)s")
        % {"problem": verdict.problem}
    )
    return "\n\n".join(
        [
            _("Farewell — evidence export of case #%(case)s") % {"case": case.pk},
            _(
                "testimony/story.txt is the testimony as the submitter sent it. testimony/files/ holds the files "
                "sent with it, exactly as received; their original names are in manifest.json. accounts/ holds "
                "other accounts of the case, findings/ the latest verification findings, case.json the case's "
                "state and audit/history.json every recorded action on the case."
            ),
            _(
                "manifest.json lists every file with its size, its SHA-256 at receipt (for received files) and "
                "its SHA-256 as exported. To check the files after extracting them: `sha256sum -c SHA256SUMS` "
                "(Linux), `shasum -a 256 -c SHA256SUMS` (macOS), or `Get-FileHash -Algorithm SHA256 FILE` in "
                "PowerShell, compared with the manifest."
            ),
            chain_line,
            _(
                "The export itself is recorded in Farewell's audit log with the SHA-256 of this archive and of "
                "its manifest. The material may identify the person who gave it: keep it encrypted, share it "
                "only with those who need it."
            ),
        ]
    )
